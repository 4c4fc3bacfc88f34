"""Language data: every word list retold decides with, defined once.

Algorithms live in the stage packages; the lists they read live here, each
under one name (pySBD's ``lang/`` and spaCy's ``lang/en`` keep theirs apart
from their code the same way). Modules by topic:

- :mod:`~retold.lexicon.abbreviations`: abbreviations and sentence starters
  (segmentation)
- :mod:`~retold.lexicon.calendar`: months, weekdays, relative dates
- :mod:`~retold.lexicon.numbers`, :mod:`~retold.lexicon.quantities`: number
  words, qualifiers, units, currencies
- :mod:`~retold.lexicon.names`, :mod:`~retold.lexicon.places`: titles and
  suffixes of people's names; place, state and organisation aliases
- :mod:`~retold.lexicon.pronouns`, :mod:`~retold.lexicon.discourse`,
  :mod:`~retold.lexicon.stopwords`: function words
- :mod:`~retold.lexicon.reporting`, :mod:`~retold.lexicon.verbs`,
  :mod:`~retold.lexicon.inflection`: verbs of saying, verb classes, irregular
  verb forms
- :mod:`~retold.lexicon.modality`, :mod:`~retold.lexicon.hedges`: modal
  verbs, negation, hedges, belief and proof

Open-ended lists are data files in ``lexicon/data/`` (one entry a line, a
header saying where the entries come from), read once by
:mod:`~retold.lexicon.loader`. A list that differs from another on purpose is
built from it or tagged in the same table, never copied; ``tests/lexicon``
fails when two modules hold the same list.
"""
