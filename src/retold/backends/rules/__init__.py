"""The ``rules`` backend: rewrites from spaCy's dependency parse and a phrase table.

``backend`` holds the backend class and the order of transformations; the
other modules are its transformations (attribution, apposition, moves,
splits, voice), what they share (``syntax``, ``verbs``) and the phrase table.
"""

from __future__ import annotations

from retold.backends.rules.backend import RulesBackend

__all__ = ["RulesBackend"]
