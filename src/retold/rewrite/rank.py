"""Ranking candidate rewrites: meaning kept, fluency, real change.

Each candidate gets measures against its source sentence:

- ``meaning``: cosine similarity of sentence embeddings (all-MiniLM-L6-v2),
- ``change``: word-level edit distance normalised by the longer length,

and, when a language model is given (SmolLM2, ``RewriteOptions(language_model=True)``):

- ``fluency``: its per-token likelihood of the candidate against the source
  sentence's, as a ratio of per-token probabilities capped at 1 (1: reads
  at least as naturally as the source),
- ``likelihood``: its per-token probability of the candidate *given* the
  source sentence (how well the source explains it; the BARTScore idea).

and, in a mode other than "standard" (:mod:`retold.rewrite.modes`):

- ``mode``: "simple" adds how much shorter the longest sentence is and how
  much commoner the words put in are; "formal" adds 1 when the candidate has
  fewer contractions or colloquial openers than its source.

One ``score`` orders them. Candidates whose meaning falls below
``RankOptions.min_meaning`` are not ranked at all: the gate never sees them.
The language model scores only the ``lm_top`` best candidates by the cheaper
measures, which bounds its cost (about 0.1 s a candidate on one core).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from retold import models
from retold.backends.base import MODES, Candidate
from retold.errors import OptionsError
from retold.rewrite import modes

if TYPE_CHECKING:
    from retold.models.lm import LanguageModel

__all__ = ["RankOptions", "Ranked", "given_prompt", "rank_many", "word_change", "words"]

_WORD = re.compile(r"[\w'’]+")


def given_prompt(source: str) -> str:
    """The context in which a rewrite's likelihood given ``source`` is read."""
    return f"Sentence: {source}\nThe same in other words:"


@dataclass(frozen=True, slots=True)
class RankOptions:
    """How to weigh the measures.

    ``score = meaning_weight * meaning + change_weight * min(change, change_cap)
    + fluency_weight * fluency + likelihood_weight * likelihood
    + mode_weight * modes.bonus(mode, ...)`` (fluency and likelihood only with
    a language model, the mode's term only outside "standard"). ``change_cap``
    stops a scrambled candidate from winning on change alone.
    """

    meaning_weight: float = 1.0
    change_weight: float = 0.5
    fluency_weight: float = 0.5
    likelihood_weight: float = 0.5
    change_cap: float = 0.6
    min_meaning: float = 0.8
    lm_top: int = 3
    mode: str = "standard"
    mode_weight: float = 0.5

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_meaning <= 1.0 or not 0.0 < self.change_cap <= 1.0:
            raise OptionsError(
                f"min_meaning must be in [0, 1] and change_cap in (0, 1], got "
                f"{self.min_meaning} and {self.change_cap}",
                "e.g. RankOptions(min_meaning=0.8, change_cap=0.6)",
            )
        if self.lm_top < 1:
            raise OptionsError(f"lm_top must be at least 1, got {self.lm_top}", "e.g. lm_top=3")
        if self.mode not in MODES:
            raise OptionsError(f"unknown mode {self.mode!r}", f"choose one of: {', '.join(MODES)}")

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
    """A candidate with its measures; ``score`` orders candidates, best first.

    ``fluency`` and ``likelihood`` are ``None`` when no language model scored it.
    """

    candidate: Candidate
    meaning: float
    change: float
    fluency: float | None
    score: float
    likelihood: float | None = None


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
    lm: LanguageModel | None = None,
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
    out: list[tuple[Ranked, ...]] = []
    pos = 0
    for k, cands in enumerate(candidates):
        ranked = []
        for c in cands:
            meaning = float(np.clip(cand_v[pos] @ src_v[k], 0.0, 1.0))
            pos += 1
            if meaning < opts.min_meaning:
                continue
            change = word_change(sources[k], c.text)
            score = opts.meaning_weight * meaning + opts.change_weight * min(
                change, opts.change_cap
            )
            if opts.mode != "standard":
                score += opts.mode_weight * modes.bonus(opts.mode, sources[k], c.text)
            ranked.append(Ranked(c, meaning, change, None, score))
        ranked.sort(key=_order)
        if lm is not None and ranked:
            ranked = _with_language_model(lm, sources[k], ranked, opts)
        out.append(tuple(ranked))
    return out


def _order(r: Ranked) -> tuple[float, str]:
    return (-round(r.score, 6), r.candidate.text)


def _with_language_model(
    lm: LanguageModel, source: str, ranked: list[Ranked], opts: RankOptions
) -> list[Ranked]:
    """Add fluency and likelihood-given-the-source to the ``lm_top`` best, re-rank them."""
    top, rest = ranked[: opts.lm_top], ranked[opts.lm_top :]
    texts = [r.candidate.text for r in top]
    alone = lm.likelihoods([source, *texts])
    given = lm.likelihoods(texts, [given_prompt(source)] * len(texts))
    scored = []
    for r, a, g in zip(top, alone[1:], given, strict=True):
        fluency = min(1.0, math.exp(a.mean - alone[0].mean))
        likelihood = math.exp(g.mean)
        score = r.score + opts.fluency_weight * fluency + opts.likelihood_weight * likelihood
        scored.append(replace(r, fluency=fluency, likelihood=likelihood, score=score))
    scored.sort(key=_order)
    # Unscored candidates stay behind the scored ones: they were worse already.
    return scored + rest
