"""Key-sentence summary: score every sentence, then pick K that read like a summary.

Scoring: two linear heads over :mod:`retold.features` (position, length,
TF-IDF centrality, names, numbers, quotations, openers) estimate how many
words and word pairs of a good summary each sentence covers. Their weights
were fitted on CNN/DailyMail articles and ship in
``resources/summarizer_weights.json`` (``python benchmarks/summarize.py
--train`` refits them; the benchmark itself reports cross-validated figures).

Selection searches the sets of K sentences drawn from the best candidates and
keeps the one with the highest estimated F-measure (covered content against
length, less a price for words two chosen sentences share), under rules that
keep a summary readable:

- bylines, captions, credits and link lists are never chosen;
- a sentence that opens with a pronoun or connective ("He", "This", "But",
  "However", ...) comes with the sentence before it, or is passed over when
  that does not fit in K;
- a quotation that runs over several sentences is taken whole or not at all;
- two sentences that say the same thing (same words, or sentence embeddings
  at cosine 0.8 or more) are never both chosen.

The chosen sentences come back in article order; a summary may hold fewer
than K sentences only when the rules leave fewer. With K at least the number
of sentences, every sentence except bylines and captions is returned. K = 0 is
an :class:`~retold.errors.OptionsError` (a summary of nothing is never what a
caller meant); an empty article is an :class:`~retold.errors.EmptyInputError`;
a text with no sentence that reads like prose (a list of links) gives an empty
summary. The same input always gives the same summary.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from retold import models
from retold.data import Article, Sentence
from retold.errors import EmptyInputError, InputError, ModelUnavailableError, OptionsError
from retold.segment.splitter import segment
from retold.summarize.features import (
    FEATURE_NAMES,
    Matrix,
    TfIdf,
    is_furniture,
    quote_state,
    sentence_features,
    starts_dangling,
    tfidf_rows,
    token_count,
)

__all__ = [
    "SummarizeOptions",
    "Summary",
    "SummarySentence",
    "Weights",
    "shipped_weights",
    "summarize",
]

log = logging.getLogger(__name__)

# Two sentences at least this close in embedding space say the same thing: on
# CNN/DailyMail articles, 1.3% of sentence pairs are this close, and they are
# repeats and rewordings; pairs at 0.7 are still different news about one topic.
NEAR_DUPLICATE_COSINE = 0.8
# The same check on words, for near-copies that differ in a name or a number.
NEAR_DUPLICATE_WORDS = 0.7
# A quotation or a chain of dangling openers longer than this is taken for a
# misread quotation mark rather than for one unit of meaning.
MAX_UNIT = 4


@dataclass(frozen=True, slots=True)
class SummarizeOptions:
    """How long the summary is: ``sentences`` (K) or ``ratio`` of the article.

    ``ratio``, when given, wins over ``sentences`` and asks for
    ``max(1, round(ratio * number of sentences))`` sentences.
    """

    sentences: int | None = 3
    ratio: float | None = None

    def __post_init__(self) -> None:
        if self.ratio is not None:
            if isinstance(self.ratio, bool) or not 0.0 < float(self.ratio) <= 1.0:
                raise OptionsError(
                    f"ratio must be in (0, 1], got {self.ratio!r}",
                    "use e.g. ratio=0.2 for a fifth of the sentences, or sentences=K",
                )
            return
        if self.sentences is None:
            raise OptionsError(
                "neither sentences nor ratio is set",
                "pass sentences=K (K >= 1) or ratio=R (0 < R <= 1)",
            )
        if isinstance(self.sentences, bool) or not isinstance(self.sentences, int):
            raise OptionsError(
                f"sentences must be a whole number, got {self.sentences!r}",
                "pass sentences=K with K >= 1",
            )
        if self.sentences < 1:
            raise OptionsError(
                f"sentences must be at least 1, got {self.sentences}",
                "a summary needs one sentence or more: pass sentences=K with K >= 1",
            )

    def count(self, available: int) -> int:
        """How many sentences to choose from an article of ``available`` sentences."""
        if self.ratio is not None:
            return max(1, round(self.ratio * available))
        assert self.sentences is not None  # guaranteed by __post_init__
        return self.sentences


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A chosen sentence: ``text == article.text[start:end]``."""

    index: int
    text: str
    start: int
    end: int
    score: float

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Summary:
    """The chosen sentences in article order, and every sentence's score.

    ``scores[i]`` belongs to sentence ``i`` of the article: the summary content
    it is estimated to cover, relative to the best sentence (1.0). Bylines,
    captions and link lists score 0. The search weighs length and overlap too,
    so a chosen sentence need not be one of the K best scored.
    """

    id: str
    sentences: tuple[SummarySentence, ...]
    scores: tuple[float, ...]

    @property
    def text(self) -> str:
        """The summary as one paragraph."""
        return " ".join(s.text for s in self.sentences)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sentences": [s.to_json() for s in self.sentences],
            "scores": list(self.scores),
        }


@dataclass(frozen=True, slots=True)
class Weights:
    """The fitted scorer and the constants of the selection search.

    Two linear heads over standardised features, ``((x - mean) / scale) @ coef
    + intercept``, estimate how many words (``unigram``) and word pairs
    (``bigram``) of a good summary a sentence covers. The search then picks
    the K sentences that maximise an F-measure estimate: covered content over
    summary length plus ``reference_tokens`` per requested sentence, less
    ``redundancy`` times the TF-IDF similarity of every chosen pair, among
    the ``candidates`` best sentences.
    """

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    unigram_coef: tuple[float, ...]
    unigram_intercept: float
    bigram_coef: tuple[float, ...]
    bigram_intercept: float
    reference_tokens: float = 16.5
    redundancy: float = 5.0
    candidates: int = 15

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Weights:
        try:
            weights = cls(
                features=tuple(data["features"]),
                mean=tuple(float(x) for x in data["mean"]),
                scale=tuple(float(x) for x in data["scale"]),
                unigram_coef=tuple(float(x) for x in data["unigram"]["coef"]),
                unigram_intercept=float(data["unigram"]["intercept"]),
                bigram_coef=tuple(float(x) for x in data["bigram"]["coef"]),
                bigram_intercept=float(data["bigram"]["intercept"]),
                reference_tokens=float(data["reference_tokens"]),
                redundancy=float(data["redundancy"]),
                candidates=int(data["candidates"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelUnavailableError(
                f"the summarizer weights are malformed ({exc!r})",
                "refit them with: python benchmarks/summarize.py --train",
            ) from exc
        sizes = {len(weights.mean), len(weights.scale), len(weights.unigram_coef)}
        if weights.features != FEATURE_NAMES or sizes != {len(FEATURE_NAMES)}:
            raise ModelUnavailableError(
                "the summarizer weights do not match this version's features",
                "refit them with: python benchmarks/summarize.py --train",
            )
        return weights

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "unigram": {"coef": list(self.unigram_coef), "intercept": self.unigram_intercept},
            "bigram": {"coef": list(self.bigram_coef), "intercept": self.bigram_intercept},
            "reference_tokens": self.reference_tokens,
            "redundancy": self.redundancy,
            "candidates": self.candidates,
        }

    def gains(self, features: Matrix) -> tuple[Matrix, Matrix]:
        """Estimated summary words and word pairs each sentence covers (never negative)."""
        z = (features - np.asarray(self.mean)) / np.asarray(self.scale)
        uni = np.maximum(z @ np.asarray(self.unigram_coef) + self.unigram_intercept, 0.0)
        bi = np.maximum(z @ np.asarray(self.bigram_coef) + self.bigram_intercept, 0.0)
        return uni, bi


@lru_cache(maxsize=1)
def shipped_weights() -> Weights:
    """The weights that ship with retold."""
    path = resources.files("retold") / "resources" / "summarizer_weights.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelUnavailableError(
            "the summarizer weights (resources/summarizer_weights.json) are missing or broken",
            "reinstall retold, or refit them with: python benchmarks/summarize.py --train",
        ) from exc
    return Weights.from_json(data)


def summarize(
    article: Article,
    options: SummarizeOptions | None = None,
    sentences: Sequence[Sentence] | None = None,
    *,
    weights: Weights | None = None,
) -> Summary:
    """Choose the key sentences of ``article``.

    ``sentences`` may carry the article's sentences when they are already
    known (spans of ``article.text``, in order); otherwise the article is
    segmented here. ``weights`` replaces the shipped scorer (used when fitting).
    """
    options = options or SummarizeOptions()
    if not article.text.strip():
        raise EmptyInputError(
            "the article has no text to summarize",
            "pass an Article whose text holds at least one sentence",
        )
    sents = tuple(sentences) if sentences is not None else segment(article.text)
    for i, sent in enumerate(sents):
        if article.text[sent.start : sent.end] != sent.text or sent.index != i:
            raise InputError(
                f"sentence {i} is not the span {sent.start}:{sent.end} of the article text",
                "pass the sentences of retold.segment.segment(article.text), or none",
            )
    if not sents:
        raise EmptyInputError(
            "no sentence was found in the article",
            "pass an Article whose text holds at least one sentence",
        )
    weights = weights or shipped_weights()
    k = options.count(len(sents))
    # The headline is the article's title, not one of its key sentences.
    headline = article.title.strip()
    eligible = [not is_furniture(s.text) and s.text != headline for s in sents]
    tfidf = tfidf_rows([s.text for s in sents])
    uni, bi = weights.gains(sentence_features(sents, tfidf))
    content = np.where(eligible, uni + bi, 0.0)
    top = float(content.max())
    scores = tuple(round(float(c) / top, 4) if top > 0 else 0.0 for c in content)
    if not any(eligible):
        log.warning("no sentence of %r reads like article text; the summary is empty", article.id)
    if k >= len(sents):
        chosen = [i for i, ok in enumerate(eligible) if ok]
    else:
        chosen = _search(sents, eligible, (uni, bi), tfidf, k, weights)
    picked = tuple(
        SummarySentence(sents[i].index, sents[i].text, sents[i].start, sents[i].end, scores[i])
        for i in chosen
    )
    return Summary(article.id, picked, scores)


def _quote_groups(sents: Sequence[Sentence]) -> list[tuple[int, int]]:
    """For each sentence, the first and last sentence of the quotation it is part of."""
    groups: list[tuple[int, int]] = []
    start, is_open = 0, False
    for i, s in enumerate(sents):
        state = quote_state(s.text)
        joins = i > 0 and (is_open or state.closes_earlier) and i - start < MAX_UNIT
        if not joins:
            start = i
        # A quotation over several paragraphs reopens each one with a quotation
        # mark, so such a sentence's own marks tell whether it still runs on.
        reopens = s.text.lstrip()[:1] in _OPENING_QUOTES
        runs_on = is_open and joins and not state.closes_earlier and not reopens
        is_open = state.left_open or runs_on
        groups.append((start, i))
    out = list(groups)
    for i in range(len(groups) - 2, -1, -1):
        if groups[i + 1][0] == groups[i][0]:
            out[i] = out[i + 1]
    return out


_OPENING_QUOTES = "\"'“‘«"


def _unit(i: int, sents: Sequence[Sentence], groups: Sequence[tuple[int, int]]) -> range | None:
    """The sentences that must come with sentence ``i`` for it to read right."""
    first, last = groups[i]
    while first > 0 and starts_dangling(sents[first].text):
        first = groups[first - 1][0]
        if last - first + 1 > MAX_UNIT:
            return None
    return range(first, last + 1)


_CONTENT = re.compile(r"[a-z0-9]{3,}")


def _words(text: str) -> set[str]:
    return set(_CONTENT.findall(text.lower()))


def _set_overlap(wa: set[str], wb: set[str]) -> float:
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def _word_overlap(a: str, b: str) -> float:
    return _set_overlap(_words(a), _words(b))


def _embed(texts: Sequence[str]) -> list[Any]:
    """Each text's sentence embedding, one text per model call.

    The vectors are the same as one batch's, but a batch is padded to its
    longest text, and on news sentences of 25 to 60 tokens the padding cost
    a third more model time than the texts themselves.
    """
    embedder = models.embedder()
    return [embedder.encode([text])[0] for text in texts]


# Above this many candidate sets the search turns greedy (long K from a ratio).
_EXHAUSTIVE_LIMIT = 20_000


def _search(
    sents: Sequence[Sentence],
    eligible: Sequence[bool],
    gains: tuple[Matrix, Matrix],
    tfidf: TfIdf,
    k: int,
    weights: Weights,
) -> list[int]:
    """Indices (ascending) of at most ``k`` sentences under the selection rules."""
    uni, bi = gains
    groups = _quote_groups(sents)
    # Ties go to the earlier sentence, which keeps the result deterministic.
    order = sorted(
        (i for i in range(len(sents)) if eligible[i]), key=lambda i: (-(uni[i] + bi[i]), i)
    )
    units: list[tuple[int, ...]] = []
    seen: set[tuple[int, ...]] = set()
    for i in order[: max(weights.candidates, 3 * k)]:
        unit = _unit(i, sents, groups)
        if unit is None or len(unit) > k or not all(eligible[j] for j in unit):
            continue
        if tuple(unit) not in seen:
            seen.add(tuple(unit))
            units.append(tuple(unit))
    if sum(math.comb(len(units), r) for r in range(1, k + 1)) > _EXHAUSTIVE_LIMIT:
        return _greedy(sents, units, k)
    members = sorted({j for u in units for j in u})
    # Redundancy is priced on shared words (what a reader notices repeated);
    # meaning-level repeats are caught below with sentence embeddings.
    rows = dict(zip(members, tfidf.dense(members), strict=True))
    overlap = {
        (a, b): float(rows[a] @ rows[b]) for x, a in enumerate(members) for b in members[x + 1 :]
    }
    words = {j: _words(sents[j].text) for j in members}
    clash = {
        (a, b) for (a, b) in overlap if _set_overlap(words[a], words[b]) >= NEAR_DUPLICATE_WORDS
    }
    tokens = {j: token_count(sents[j].text) for j in members}
    # Plain floats: the search below reads them thousands of times.
    uni_of = {j: float(uni[j]) for j in members}
    bi_of = {j: float(bi[j]) for j in members}
    expected = weights.reference_tokens * k

    def value(chosen: Sequence[int]) -> float:
        pairs = [(a, b) for x, a in enumerate(chosen) for b in chosen[x + 1 :]]
        covered = sum(uni_of[j] for j in chosen) - weights.redundancy * sum(
            overlap[p] for p in pairs
        )
        covered_pairs = sum(bi_of[j] for j in chosen)
        length = sum(tokens[j] for j in chosen)
        return float(
            2.0 * covered / max(length + expected, 1.0)
            + 2.0 * covered_pairs / max(length - len(chosen) + expected - k, 1.0)
        )

    # Embedding only what gets chosen keeps the model's cost to a few
    # sentences per article; a clash found there sends the search round again.
    vectors: dict[int, Any] = {}
    while True:
        best = _exhaustive(units, k, value, clash)
        if len(best) < 2:
            return list(best)  # no pair to compare
        fresh = [j for j in best if j not in vectors]
        if fresh:
            vectors.update(zip(fresh, _embed([sents[j].text for j in fresh]), strict=True))
        found = {
            (a, b)
            for x, a in enumerate(best)
            for b in best[x + 1 :]
            if float(vectors[a] @ vectors[b]) >= NEAR_DUPLICATE_COSINE
        }
        if not found:
            return list(best)
        clash |= found


def _exhaustive(
    units: Sequence[tuple[int, ...]],
    k: int,
    value: Callable[[Sequence[int]], float],
    clash: set[tuple[int, int]],
) -> tuple[int, ...]:
    """The union of units with the most sentences (at most ``k``), then the highest value.

    The key below orders any two different sets strictly, so the order in
    which sets are tried does not change the answer: a set seen before, or
    one with fewer sentences than the best so far, is passed over unvalued.
    """
    best_key: tuple[int, float, tuple[int, ...]] | None = None
    best: tuple[int, ...] = ()
    tried: set[tuple[int, ...]] = set()
    for r in range(1, k + 1):
        for combo in itertools.combinations(units, r):
            chosen = tuple(sorted(set().union(*combo)))
            size = len(chosen)
            if size > k or chosen in tried or (best_key is not None and size < best_key[0]):
                continue
            tried.add(chosen)
            if any((a, b) in clash for x, a in enumerate(chosen) for b in chosen[x + 1 :]):
                continue
            # More sentences first (K is what was asked for), then value, then
            # the earlier sentences.
            key = (size, value(chosen), tuple(-j for j in chosen))
            if best_key is None or key > best_key:
                best_key, best = key, chosen
    return best


def _greedy(sents: Sequence[Sentence], units: Sequence[tuple[int, ...]], k: int) -> list[int]:
    """Units best first, each taken when it fits and repeats nothing chosen.

    For long summaries (a ratio of a long article) the set search would take
    too long; the score order with the same rules is what is left.
    """
    members = sorted({j for u in units for j in u})
    vectors = dict(
        zip(members, models.embedder().encode([sents[j].text for j in members]), strict=True)
    )

    def clash(a: int, b: int) -> bool:
        return (
            float(vectors[a] @ vectors[b]) >= NEAR_DUPLICATE_COSINE
            or _word_overlap(sents[a].text, sents[b].text) >= NEAR_DUPLICATE_WORDS
        )

    chosen: list[int] = []
    for unit in units:
        new = [j for j in unit if j not in chosen]
        if not new or len(chosen) + len(new) > k:
            continue
        if any(clash(a, b) for x, a in enumerate(new) for b in chosen + new[x + 1 :]):
            continue
        chosen += new
        if len(chosen) == k:
            break
    return sorted(chosen)
