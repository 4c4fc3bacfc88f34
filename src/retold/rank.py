"""Ranking candidate rewrites: meaning kept, fluency, real change.

Each candidate gets three measures against its source sentence:

- ``meaning``: cosine similarity of sentence embeddings (all-MiniLM-L6-v2),
- ``change``: word-level edit distance normalised by the longer length,
- ``fluency``: from a :data:`FluencyScorer` when one is given (a language
  model's per-token likelihood; ``None`` until one is plugged in),

and one ``score`` that orders them. Candidates whose meaning falls below
``RankOptions.min_meaning`` are not ranked at all: the gate never sees them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from . import models
from .backends.base import Candidate
from .errors import OptionsError

__all__ = ["FluencyScorer", "RankOptions", "Ranked", "rank_many", "word_change", "words"]

# Texts in, one fluency per text out, each in [0, 1] (1 = reads naturally).
# The smollm backend will provide one from SmolLM2's per-token likelihood.
FluencyScorer = Callable[[Sequence[str]], Sequence[float]]

_WORD = re.compile(r"[\w'’]+")


@dataclass(frozen=True, slots=True)
class RankOptions:
    """How to weigh the measures.

    ``score = meaning_weight * meaning + change_weight * min(change, change_cap)
    + fluency_weight * fluency``. ``change_cap`` stops a scrambled candidate
    from winning on change alone.
    """

    meaning_weight: float = 1.0
    change_weight: float = 0.5
    fluency_weight: float = 0.0
    change_cap: float = 0.6
    min_meaning: float = 0.8

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_meaning <= 1.0 or not 0.0 < self.change_cap <= 1.0:
            raise OptionsError(
                f"min_meaning must be in [0, 1] and change_cap in (0, 1], got "
                f"{self.min_meaning} and {self.change_cap}",
                "e.g. RankOptions(min_meaning=0.8, change_cap=0.6)",
            )

    @classmethod
    def for_strength(cls, strength: str) -> RankOptions:
        """Weights that suit ``strength``: "light" prefers the smallest real
        change, "medium" and "strong" reward change more and more."""
        change = {"light": -0.2, "medium": 0.5, "strong": 1.0}.get(strength)
        if change is None:
            raise OptionsError(
                f"unknown strength {strength!r}", "choose one of: light, medium, strong"
            )
        return cls(change_weight=change)


@dataclass(frozen=True, slots=True)
class Ranked:
    """A candidate with its measures; ``score`` orders candidates, best first."""

    candidate: Candidate
    meaning: float
    change: float
    fluency: float | None
    score: float


def words(text: str) -> list[str]:
    """The lowercased words of ``text`` (punctuation is not a word)."""
    return _WORD.findall(text.lower())


def word_change(source: str, rewrite: str) -> float:
    """Word-level Levenshtein distance over the longer word count, in [0, 1]."""
    a, b = words(source), words(rewrite)
    if not a and not b:
        return 0.0
    prev = list(range(len(b) + 1))
    for i, wa in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, wb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (wa != wb))
        prev = cur
    return prev[-1] / max(len(a), len(b))


def rank_many(
    sources: Sequence[str],
    candidates: Sequence[Sequence[Candidate]],
    options: RankOptions | None = None,
    fluency: FluencyScorer | None = None,
) -> list[tuple[Ranked, ...]]:
    """Rank each source's candidates, best first; one tuple per source.

    All texts are embedded in one batch. Ties are broken by the candidate's
    text so that the order never depends on the order backends returned them.
    """
    opts = options or RankOptions()
    flat = [c.text for cands in candidates for c in cands]
    if not flat:
        return [() for _ in sources]
    vectors = models.embedder().encode([*sources, *flat])
    src_v, cand_v = vectors[: len(sources)], vectors[len(sources) :]
    fluent = list(fluency(flat)) if fluency is not None else None
    out: list[tuple[Ranked, ...]] = []
    pos = 0
    for k, cands in enumerate(candidates):
        ranked = []
        for c in cands:
            meaning = float(np.clip(cand_v[pos] @ src_v[k], 0.0, 1.0))
            f = float(fluent[pos]) if fluent is not None else None
            pos += 1
            if meaning < opts.min_meaning:
                continue
            change = word_change(sources[k], c.text)
            score = (
                opts.meaning_weight * meaning
                + opts.change_weight * min(change, opts.change_cap)
                + (opts.fluency_weight * f if f is not None else 0.0)
            )
            ranked.append(Ranked(c, meaning, change, f, score))
        ranked.sort(key=lambda r: (-round(r.score, 6), r.candidate.text))
        out.append(tuple(ranked))
    return out
