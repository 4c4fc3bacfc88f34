"""The audit's built-in checks, one module per family.

Each check registers itself in :data:`retold.plugins.CHECKS` with
:func:`retold.audit.registry.check` when its module is imported (importing
this package imports them all); the audit runs them in their declared
order. ``text`` needs no source; the others
compare an aligned group of rewrite sentences with its source sentences:
``alignment`` (sentences without a counterpart, meaning drift), ``numbers``
(and ranges), ``dates`` (and times), ``quotes``, ``entities`` (names, roles,
pronouns), ``negation``, ``modality`` (modals and hedges), ``tense``,
``predicates``, ``content`` and ``accounting`` (every word of either side
accounted for, in rewrite mode).
"""

from __future__ import annotations

import importlib
import pkgutil

# Every module here registers its checks when imported, so a new check is
# one new module; the order of import does not matter (checks declare theirs).
for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")
