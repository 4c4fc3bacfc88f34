"""Polarity of news predicates: which way an event went, and the stance of a
verb of saying.

One table, ``data/predicate_polarity.txt``, tags each predicate lemma with
DIMENSION:POLE pairs ("rise = direction:up", "acquit = verdict:cleared",
"consider = decision:pending"). Two predicates contradict each other when
their poles differ on a dimension and they share none on another: "endorse"
and "shelve" (decision approved / deferred), "convict" and "deadlock",
"downgrade" and "upgrade", "strengthen" and "fade". Sharing a pole is not
equivalence ("start" and "resume" are both activity:running); which words may
replace each other is :mod:`retold.lexicon.paraphrases`.

Second source: WordNet's direct antonyms (:func:`retold.models.wordnet.antonyms`,
the word's own antonym pointers, not extended through synonyms).
:func:`contradiction` consults them only when the table knows neither word's
polarity on a shared dimension and the two share no pole; it then answers
``"antonym"``. Without WordNet installed it answers from the table alone.

The stance of a verb of saying is a tag in ``data/reporting_verbs.txt``
(neutral, assert, doubt, deny, concede, warn, ask, predict, hope, fear,
believe, factive, suggest): "said" -> "claimed" changes the stance (neutral
to doubt), "warned" -> "cautioned" does not.

Lookups take a lemma or a lemma string ("step down"), in any case; hyphens
count as spaces ("lay-off" is "lay off").

Measured on the tuning half of the fidelity pairs, pairing every word of the
source that the rewrite lacks with every content word of the rewrite that
the source lacks (no alignment, so an upper bound on false alarms), and
leaving out a pair when either word shares a pole with, or is a paraphrase
of, a word of the other sentence: a contradiction is found in 0 of 76
faithful pairs, 5 of 60 heavy ones (an aligner pairing the right words
should drop them: "start"/"end" from "starting Jan. 6" / "are ending"), and
in 8 of 14 predicate corruptions (6 before the dimensions effect,
comparison and "agree" as a decision, added after reading the misses), 1 of
11 negation corruptions ("denied" -> "admitted"), and 3 date or time
corruptions that WordNet's antonyms find ("early"/"late", "first"/"second").
WordNet's antonyms found nothing in a faithful or heavy pair.
"""

from __future__ import annotations

import functools

from retold.lexicon.loader import entries
from retold.models import wordnet as _wordnet

__all__ = [
    "ANTONYM",
    "SAYING_STANCES",
    "contradiction",
    "dimensions",
    "poles",
    "same_pole",
    "saying_stance",
]

#: What :func:`contradiction` answers for a pair that WordNet, not the
#: table, calls antonyms.
ANTONYM = "antonym"
#: The stance tags of ``data/reporting_verbs.txt``; a verb has at most one.
SAYING_STANCES: frozenset[str] = frozenset(
    {
        "neutral",
        "assert",
        "doubt",
        "deny",
        "concede",
        "warn",
        "ask",
        "predict",
        "hope",
        "fear",
        "believe",
        "factive",
        "suggest",
    }
)


def _key(lemma: str) -> str:
    return " ".join(lemma.lower().replace("-", " ").split())


@functools.cache
def _table() -> dict[str, frozenset[tuple[str, str]]]:
    table: dict[str, frozenset[tuple[str, str]]] = {}
    for lemma, tags in entries("predicate_polarity"):
        found: set[tuple[str, str]] = set()
        for tag in tags.split():
            dimension, _, pole = tag.partition(":")
            found.add((dimension, pole))
        table[_key(lemma)] = frozenset(found)
    return table


def poles(lemma: str) -> frozenset[tuple[str, str]]:
    """The (dimension, pole) pairs of ``lemma``; empty when the table lacks it.

    >>> sorted(poles("decline"))
    [('direction', 'down'), ('response', 'refused')]
    """
    table, key = _table(), _key(lemma)
    found = table.get(key)
    if found is None and key.endswith("e") and " " not in key:
        # spaCy's rules lemmatise some past forms of a word they do not know
        # with an "e" too many ("deadlocked" -> "deadlocke")
        found = table.get(key[:-1])
    return found or frozenset()


def dimensions() -> frozenset[str]:
    """Every dimension the table uses ("direction", "verdict", ...)."""
    return frozenset(d for tags in _table().values() for d, _ in tags)


def same_pole(a: str, b: str) -> str | None:
    """A dimension on which ``a`` and ``b`` have the same pole ("rise",
    "climb" -> "direction"), the first in alphabetical order; None if none.
    The same pole is no contradiction, and no proof of equivalence."""
    shared = sorted(d for d, _ in poles(a) & poles(b))
    return shared[0] if shared else None


def contradiction(a: str, b: str) -> str | None:
    """The dimension on which ``a`` and ``b`` have different poles ("endorse",
    "shelve" -> "decision"), or :data:`ANTONYM` when WordNet calls them direct
    antonyms; None when they share a pole anywhere (then they are not
    opposites, whatever else differs), when they are the same lemma, or when
    neither source knows them."""
    ka, kb = _key(a), _key(b)
    if ka == kb:
        return None
    pa, pb = poles(ka), poles(kb)
    if pa & pb:
        return None
    poles_b = dict(pb)
    clashing = sorted(d for d, pole in pa if d in poles_b and poles_b[d] != pole)
    if clashing:
        return clashing[0]
    if kb in _wordnet.antonyms(ka) or ka in _wordnet.antonyms(kb):
        return ANTONYM
    return None


@functools.cache
def _stances() -> dict[str, str]:
    out: dict[str, str] = {}
    for lemma, tags in entries("reporting_verbs"):
        found = [t for t in tags.split() if t in SAYING_STANCES]
        if found:
            out[_key(lemma)] = found[0]
    return out


def saying_stance(lemma: str) -> str | None:
    """The stance a verb of saying gives its clause ("say" -> "neutral",
    "claim" -> "doubt", "warn" and "caution" -> "warn"); None for a verb the
    table does not tag."""
    return _stances().get(_key(lemma))
