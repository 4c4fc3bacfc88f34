"""Stop words: function words left out where only content words count.

One table, ``data/stop_words.txt``, tags each word with the lists it belongs
to; the two lists differ on purpose (see their notes) and share every word
they have in common from that one table.
"""

from __future__ import annotations

from retold.lexicon.loader import tagged

#: Words the summarizer leaves out of its TF-IDF vectors. Its shipped weights
#: were fitted with this list; spaCy's ``STOP_WORDS`` in its place changed 23
#: of 99 CNN/DM summaries with ROUGE within noise, so it stays.
TFIDF_STOP_WORDS: frozenset[str] = tagged("stop_words", "tfidf")
#: Words sentence alignment in the audit leaves out: a wider list that also
#: holds reporting verbs ("told", "according"), which a rewrite may move.
ALIGNMENT_STOP_WORDS: frozenset[str] = tagged("stop_words", "align")
