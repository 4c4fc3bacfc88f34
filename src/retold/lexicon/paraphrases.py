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

Measured on the tuning half of the fidelity pairs (76 faithful, 60 heavy;
``benchmarks/data/fidelity_pairs/tune.jsonl``): a replaced word is a content
word (noun, verb, adjective, adverb) of the rewrite whose lemma the source
lacks; a resource licenses it when it relates it to a content lemma of the
source (here: any, not only the aligned one, so these are upper bounds).

resource                                  faithful (85 words)   heavy (428 words)
WordNet: synonyms, more general words,
  derived forms, similar, verb groups     39 (46%)              151 (35%)
mythes-en-us thesaurus                    34 (40%)              137 (32%)
WordNet + thesaurus                       39 (46%)              151 (35%)
this table, first version                 18 (21%)               43 (10%)
this table, now                           33 (39%)               74 (17%)
WordNet + this table, now                 52 (61%)              193 (45%)

"Now" is with :func:`find`'s object gap of 4 and with the 25 groups added
after reading which words of the tuning half no group licensed (marked in
the data file; gap 0: 31 and 70): that row is tuned, and the untouched half
will say less. On the corruptions whose replaced word is the change (kinds
predicate, negation, role: 21, 11 and 8 replaced words) the table licenses
none; WordNet licenses 6, 1 and 3 ("sign" for "bill", "measure" for
"metre": relating to any source word is loose), the thesaurus 4, 1 and 3,
all of them WordNet's too. The thesaurus (Debian's mythes-en-us, built from
WordNet) licensed no word WordNet did not, so retold does not use it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from retold.lexicon.loader import entries
from retold.lexicon.pronouns import POSSESSIVE

__all__ = ["Found", "equivalent", "find", "max_words", "normalize", "phrases", "phrases_for"]

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


@dataclass(frozen=True, slots=True)
class Found:
    """A phrase of the table found in a sequence of lemmas: ``lemmas[start:end]``
    holds it, with ``gap`` words between its first word and the rest ("took a
    man into custody" holds "take into custody" with a gap of 2)."""

    start: int
    end: int
    phrase: str
    gap: int = 0


@functools.cache
def _by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in _index():
        words = tuple(phrase.split())
        out.setdefault(words[0], []).append(words)
    return {w: tuple(sorted(ps, key=len, reverse=True)) for w, ps in out.items()}


def find(lemmas: Sequence[str], max_gap: int = 0) -> tuple[Found, ...]:
    """Every phrase of the table in ``lemmas`` (a sentence's lemmas, one a
    token), longest first at each start. With ``max_gap`` > 0 a phrase of two
    or more words may also hold up to that many words after its first (a
    verb's object: "hold [the price] to no more than"). Articles and
    possessives are skipped as :func:`normalize` skips them."""
    words = [normalize(lemma) for lemma in lemmas]
    kept = [i for i, w in enumerate(words) if w]
    seq = [words[i] for i in kept]
    table = _by_first_word()
    found: list[Found] = []
    for k, first in enumerate(seq):
        for phrase in table.get(first, ()):
            rest, n = phrase[1:], len(phrase)
            if tuple(seq[k : k + n]) == phrase:
                found.append(Found(kept[k], kept[k + n - 1] + 1, " ".join(phrase)))
                continue
            if not rest or max_gap <= 0:
                continue
            for gap in range(1, max_gap + 1):
                j = k + 1 + gap
                if tuple(seq[j : j + len(rest)]) == rest:
                    end = kept[j + len(rest) - 1] + 1
                    found.append(Found(kept[k], end, " ".join(phrase), kept[j] - kept[k] - 1))
                    break
    return tuple(found)
