"""What the rewrite modes measure in a candidate against its source sentence.

- "standard": nothing (the default rewrite).
- "formal": contractions ("it's", "didn't") and colloquial openers ("But",
  "So", "Plus"; the ``colloquial`` tag of ``lexicon/data/connectives.txt``).
  A candidate with more of either than its source, or with fewer "that"
  (formal prose keeps "said that", "the plan that was"), is refused before
  the gate; one with fewer contractions or colloquial openers ranks higher.
- "simple": the length of the candidate's longest sentence against the
  source's word count (a split halves it), and how common the words it puts
  in are against the words it takes out, by WordNet's sense-tagged corpus
  counts (SemCor, :func:`retold.models.wordnet.sense_counts`, all senses
  together: "say" 2,167, "state" 307, "utilize" 18, "consortium" 0; wordfreq
  is not a dependency). Joins, and a candidate with a sentence longer (in
  words) than its source, are refused before the gate.

:func:`bonus` is what the ranker adds to a candidate's score;
:func:`refusal` is why the screen before the gate drops one ("" when not).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter

from retold.lexicon.discourse import COLLOQUIAL_OPENERS
from retold.lexicon.inflection import IRREGULAR_VERBS
from retold.lexicon.stopwords import TFIDF_STOP_WORDS
from retold.models import wordnet

__all__ = ["bonus", "colloquial_openers", "commoner", "contractions", "refusal", "shorter"]

_APOSTROPHE = "'’"
_CONTRACTION = re.compile(
    rf"\b(?:\w+n[{_APOSTROPHE}]t|\w+[{_APOSTROPHE}](?:re|ve|ll|d|m)"
    rf"|(?:it|that|there|here|what|who|where|how|he|she|let)[{_APOSTROPHE}]s)\b",
    re.IGNORECASE,
)
_THAT = re.compile(r"\bthat\b", re.IGNORECASE)
_POS = ("noun", "verb", "adj", "adv")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z])")
_WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")
_OPENER = re.compile(r"^[\"“‘'(]*([A-Za-z]+)\b")
# log(1 + a SemCor count) of a very common word ("say" 2,167, "use" 742):
# a candidate's average gain in that measure is read against this.
_COMMON = math.log1p(1000)
# Past forms of irregular verbs back to their base, for the corpus counts.
_BASES = {
    form: base for base, forms in IRREGULAR_VERBS.items() for form in forms.split() if form != base
}


def contractions(text: str) -> int:
    """How many contractions ``text`` holds ("didn't", "it's", "we'll")."""
    return len(_CONTRACTION.findall(text))


def sentences(text: str) -> list[str]:
    """``text`` cut where a sentence ends and a capital begins the next."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def colloquial_openers(text: str) -> list[str]:
    """The colloquial words that open a sentence of ``text``, in order."""
    out = []
    for s in sentences(text):
        m = _OPENER.match(s)
        if m and m.group(1).lower() in COLLOQUIAL_OPENERS:
            out.append(m.group(1))
    return out


def shorter(source: str, candidate: str) -> float:
    """How much shorter the candidate's longest sentence is than the source, in [0, 1]."""
    total = len(_WORD.findall(source))
    longest = max((len(_WORD.findall(s)) for s in sentences(candidate)), default=0)
    if not total:
        return 0.0
    return min(1.0, max(0.0, 1.0 - longest / total))


def commoner(source: str, candidate: str) -> float:
    """How much commoner the content words the candidate puts in are than
    those it takes out, in [-1, 1] (0 when it changes no content word)."""
    before, after = _content(source), _content(candidate)
    added = list((after - before).elements())
    removed = list((before - after).elements())
    if not added or not removed:
        return 0.0
    gain = _mean(added) - _mean(removed)
    return max(-1.0, min(1.0, gain / _COMMON))


def refusal(mode: str, source: str, candidate: str, consumes: int = 1) -> str:
    """Why ``mode`` refuses ``candidate`` before the gate, or ""."""
    if mode == "formal":
        if contractions(candidate) > contractions(source):
            found = [c for c in _CONTRACTION.findall(candidate) if c not in source]
            return f"formal mode: a contraction introduced ({', '.join(found[:3]) or 'one'})"
        before = Counter(w.lower() for w in colloquial_openers(source))
        added = Counter(w.lower() for w in colloquial_openers(candidate)) - before
        if added:
            return f"formal mode: a colloquial opener introduced ({', '.join(sorted(added))})"
        if len(_THAT.findall(candidate)) < len(_THAT.findall(source)):
            return "formal mode: a 'that' dropped"
    if mode == "simple":
        if consumes > 1:
            return "simple mode: no joins (they make longer sentences)"
        total = len(_WORD.findall(source))
        longest = max((len(_WORD.findall(s)) for s in sentences(candidate)), default=0)
        if longest > total:
            return "simple mode: a longer sentence than the source"
    return ""


def bonus(mode: str, source: str, candidate: str) -> float:
    """What ``mode`` adds to a candidate's score before weighting, in [-1, 2]."""
    if mode == "simple":
        return shorter(source, candidate) + commoner(source, candidate)
    if mode == "formal":
        fewer = contractions(source) - contractions(candidate)
        fewer += len(colloquial_openers(source)) - len(colloquial_openers(candidate))
        return 1.0 if fewer > 0 else 0.0
    return 0.0


def _content(text: str) -> Counter[str]:
    return Counter(
        w
        for w in (m.group().lower() for m in _WORD.finditer(text))
        if len(w) > 2 and w not in TFIDF_STOP_WORDS and "'" not in w and "’" not in w
    )


def _mean(words: list[str]) -> float:
    return sum(math.log1p(_count(w)) for w in words) / len(words)


def _count(word: str) -> int:
    """The corpus count of ``word``'s base form (the likeliest of a few guesses)."""
    forms = {word, _BASES.get(word, word)}
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.add(word[: -len(suffix)] + repl)
    for suffix in ("ing",):
        if word.endswith(suffix) and len(word) > 5:
            forms.update({word[:-3], word[:-3] + "e"})
    return max(_tagged(f) for f in forms)


@functools.lru_cache(maxsize=65536)
def _tagged(word: str) -> int:
    return sum(sum(wordnet.sense_counts(word, pos)) for pos in _POS)
