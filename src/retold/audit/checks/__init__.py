"""The audit's built-in checks, one module per family.

Each check registers itself in :data:`retold.plugins.CHECKS` with
:func:`retold.audit.registry.check` when its module is imported; the audit
runs them in their declared order. ``text`` needs no source; the others
compare an aligned group of rewrite sentences with its source sentences:
``alignment`` (sentences without a counterpart, meaning drift), ``numbers``
(and ranges), ``dates`` (and times), ``quotes``, ``entities`` (names, roles,
pronouns), ``negation``, ``modality`` (modals and hedges), ``tense``,
``predicates`` and ``content``.
"""
