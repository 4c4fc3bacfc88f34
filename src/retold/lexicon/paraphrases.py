"""Paraphrases that news rewrites trade without changing a fact.

One table, ``data/paraphrases.txt``, holds groups of lemma strings, one group
(one sense) a line: "avoid = shy away from | steer clear of | sidestep".
Two phrases are equivalent when one group holds both; nothing carries from
one group to another, so a word with two senses ("let go": fire / free) is
equivalent to the words of each sense and those are not equivalent to each
other.

Phrases are compared after :func:`normalize`: lower case, hyphens read as
spaces, articles and possessive determiners left out, "do" left out before
"not" ("did not make any" and "made no" are both in the group of
"not make"). Callers pass lemma strings (spaCy's ``lemma_`` joined by
spaces): the table is lemmatised ("shy away from", "large" for "largest").

What the table adds over WordNet (its synonyms, derivations, hypernyms and
verb groups, :mod:`retold.models.wordnet`) is measured on the tuning half
of the fidelity pairs; the figures, and those of the thesaurus, are in
:mod:`retold.models.thesaurus`.
"""

from __future__ import annotations

import functools

from retold.lexicon.loader import entries
from retold.lexicon.pronouns import POSSESSIVE

__all__ = ["equivalent", "max_words", "normalize", "phrases", "phrases_for"]

_ARTICLES = frozenset({"a", "an", "the"})
#: Words a phrase is read without: they tell whose or which, not what.
_LEFT_OUT = _ARTICLES | POSSESSIVE | {"her", "my", "our", "your"}
_NOT = frozenset({"not", "n't"})


def normalize(phrase: str) -> str:
    """``phrase`` as the table compares it: "Did n't make ANY" -> "not make any"."""
    words = phrase.lower().replace("-", " ").split()
    kept: list[str] = []
    for i, word in enumerate(words):
        if word in _LEFT_OUT:
            continue
        if word == "do" and i + 1 < len(words) and words[i + 1] in _NOT:
            continue
        kept.append("not" if word == "n't" else word)
    return " ".join(kept)


@functools.cache
def _groups() -> tuple[frozenset[str], ...]:
    groups: list[frozenset[str]] = []
    for head, rest in entries("paraphrases"):
        members = [head, *rest.split("|")] if rest else [head]
        groups.append(frozenset(normalize(m) for m in members if m.strip()))
    return tuple(groups)


@functools.cache
def _index() -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for n, group in enumerate(_groups()):
        for phrase in group:
            index.setdefault(phrase, []).append(n)
    return {phrase: tuple(ns) for phrase, ns in index.items()}


def equivalent(a: str, b: str) -> bool:
    """Whether lemma strings ``a`` and ``b`` say the same: the same phrase,
    or two phrases of one group ("shy away from", "avoid"). Symmetric."""
    na, nb = normalize(a), normalize(b)
    if na == nb:
        return bool(na)
    index = _index()
    return not set(index.get(na, ())).isdisjoint(index.get(nb, ()))


def phrases_for(lemma: str) -> frozenset[str]:
    """Every phrase equivalent to ``lemma`` by the table, itself excluded
    (normalised): "deal" -> {"agreement", "accord", "pact"}."""
    key = normalize(lemma)
    groups = _groups()
    out: set[str] = set()
    for n in _index().get(key, ()):
        out |= groups[n]
    out.discard(key)
    return frozenset(out)


def phrases() -> frozenset[str]:
    """Every phrase of the table (normalised), for a caller that scans a
    sentence's lemma n-grams for them."""
    return frozenset(_index())


@functools.cache
def max_words() -> int:
    """The number of words of the table's longest phrase."""
    return max(len(p.split()) for p in _index())
