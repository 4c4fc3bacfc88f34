"""Hedges: words by which a writer does not vouch for a claim, and verbs of
belief against verbs of proof.

The verbs are one tagged table, ``data/epistemic_verbs.txt``.
"""

from __future__ import annotations

from retold.lexicon.loader import tagged

#: Adverbs (and predicative adjectives) that hedge a claim ("reportedly").
HEDGE_ADVERBS: frozenset[str] = frozenset(
    {
        "likely",
        "unlikely",
        "reportedly",
        "allegedly",
        "apparently",
        "possibly",
        "probably",
        "perhaps",
        "maybe",
        "presumably",
        "purportedly",
        "supposedly",
        "seemingly",
        "ostensibly",
    }
)
#: Adjectives and participles that hedge the noun they describe ("suspected militants").
HEDGE_ATTRIBUTES: frozenset[str] = frozenset(
    {"suspected", "alleged", "apparent", "possible", "probable", "presumed", "purported", "likely"}
)
#: Verbs that hedge their complement: "appears to", "is believed to".
HEDGE_VERBS: frozenset[str] = tagged("epistemic_verbs", "hedge")
#: Verbs of belief or claim: "investigators believe" is not "proved".
BELIEF_VERBS: frozenset[str] = tagged("epistemic_verbs", "belief")
#: Verbs of proof: "tests proved", "police confirmed".
PROOF_VERBS: frozenset[str] = tagged("epistemic_verbs", "proof")
