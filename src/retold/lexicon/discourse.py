"""Connectives: words that open a sentence and tie it to the one before.

One table, ``data/connectives.txt``, tags each word with the lists below.
"""

from __future__ import annotations

from retold.lexicon.loader import tagged

#: Openers after which a sentence leans on the one before ("However, ...",
#: "Meanwhile, ..."): a summary does not start with such a sentence.
LEANING_CONNECTIVES: frozenset[str] = tagged("connectives", "lean")
#: Openers whose tie to the sentence before "and" would change: the rules
#: backend does not join such a sentence to the previous one.
UNJOINABLE_OPENERS: frozenset[str] = tagged("connectives", "no_join")
#: Openers of speech and informal copy ("But", "So", "Plus"): the formal
#: rewrite mode introduces none.
COLLOQUIAL_OPENERS: frozenset[str] = tagged("connectives", "colloquial")
#: Openers of formal prose ("However", "Moreover"): the formal rewrite mode
#: prefers a rewrite that puts one in place of a colloquial opener.
FORMAL_OPENERS: frozenset[str] = tagged("connectives", "formal")

#: Conjunctions that open a subordinate clause ("Although the company denied
#: it, ..."): a sentence that is only such a clause lost its main clause, and
#: the rules backend may move such a clause to the other side of the main one.
SUBORDINATORS: frozenset[str] = frozenset(
    {"although", "though", "because", "while", "whereas", "unless", "if", "since", "when",
     "whenever", "once", "until", "after", "before", "as", "as soon as"}
)  # fmt: skip
