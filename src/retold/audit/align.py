"""Align rewrite sentences with source sentences.

Every rewrite sentence and every source sentence ends up in exactly one
:class:`~retold.data.Alignment`: 1:1, a split (1:n), a merge (n:1), both
(n:m), ``added`` (a rewrite sentence with no source) or ``dropped`` (a source
sentence with no rewrite). Order does not matter: a rewrite may reorder its
sentences freely.

Similarity mixes lexical overlap of content words (robust for names and
numbers, which a paraphrase keeps) with sentence embeddings (robust for
reworded predicates). Each rewrite sentence takes its best source sentence
and then any further source sentence that covers content words the first
did not, which is how merges, and summaries drawing on several sentences,
are found. Connected groups of these links become the alignments.

The similarity of every rewrite sentence to every source sentence is
computed, since a rewrite may move a sentence anywhere, but a block of rows at
a time with numpy and an index of content words, and never held whole: a
10,000-sentence article aligns in seconds and in tens of megabytes.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from retold import models
from retold.data import AlignKind, Alignment, Sentence
from retold.errors import OptionsError
from retold.lexicon.stopwords import ALIGNMENT_STOP_WORDS

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+(?:[.,'’]\w+)*")
STOPWORDS = ALIGNMENT_STOP_WORDS


@dataclass(frozen=True, slots=True)
class AlignOptions:
    """How to align.

    ``embeddings``: mix in sentence embeddings (else lexical overlap only).
    ``min_score``: a rewrite sentence whose best source scores below this is
    ``added``. ``max_sources``: how many source sentences one rewrite sentence
    may draw on (a merge, or a summary sentence).
    """

    embeddings: bool = True
    min_score: float = 0.25
    max_sources: int = 3
    embedding_weight: float = 0.5

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_score <= 1.0:
            raise OptionsError(
                f"min_score must lie in [0, 1], got {self.min_score}",
                "pass AlignOptions(min_score=0.25) or another value between 0 and 1",
            )
        if self.max_sources < 1:
            raise OptionsError(
                f"max_sources must be at least 1, got {self.max_sources}",
                "pass AlignOptions(max_sources=3)",
            )


# Every check asks for the stems of the same words again and again (a
# 10,000-sentence audit made three million calls for some 30,000 words).
@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem: enough to match "attacked"/"attacks", cheap enough for millions."""
    w = word.lower().replace(",", "")
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def content_words(text: str) -> list[tuple[str, int, int]]:
    """Content words of ``text`` as (stem, start, end), stopwords left out."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group(0)
        if w.lower() in STOPWORDS:
            continue
        out.append((stem(w), m.start(), m.end()))
    return out


def similarity(
    source: Sequence[str],
    rewrite: Sequence[str],
    options: AlignOptions | None = None,
    *,
    vectors: tuple[Any, Any] | None = None,
) -> list[list[float]]:
    """Similarity in [0, 1] of every rewrite text (rows) to every source text (columns).

    ``vectors`` may pass precomputed, L2-normalised embeddings as
    ``(source_rows, rewrite_rows)``, so that a source audited against many
    rewrites is embedded once. The whole matrix is built: for long texts
    :func:`align_scored` keeps only what the alignment needs.
    """
    rows = _Rows(source, rewrite, options or AlignOptions(), vectors)
    return [row for lo, hi in rows.blocks() for row in rows.block(lo, hi).tolist()]


def embed(texts: Sequence[str]) -> Any:
    """Sentence embeddings of ``texts`` (one L2-normalised row each)."""
    return models.embedder().encode(list(texts))


@dataclass(frozen=True, slots=True)
class Aligned:
    """Alignments with each rewrite sentence's similarity to its own source sentences.

    ``own[i]``: the highest similarity of rewrite sentence ``i`` to a source
    sentence of its alignment (0.0 for an added sentence).
    """

    alignments: tuple[Alignment, ...]
    own: dict[int, float]


def align(
    source: Sequence[Sentence],
    rewrite: Sequence[Sentence],
    options: AlignOptions | None = None,
    *,
    sim: list[list[float]] | None = None,
) -> tuple[Alignment, ...]:
    """Align ``rewrite`` sentences with ``source`` sentences.

    Returns alignments in rewrite order (then the dropped source sentences in
    source order); every sentence of both sides is in exactly one of them.
    ``sim`` may pass a precomputed :func:`similarity` matrix.
    """
    return align_scored(source, rewrite, options, sim=sim).alignments


def align_scored(
    source: Sequence[Sentence],
    rewrite: Sequence[Sentence],
    options: AlignOptions | None = None,
    *,
    vectors: tuple[Any, Any] | None = None,
    sim: list[list[float]] | None = None,
) -> Aligned:
    """:func:`align`, with each rewrite sentence's similarity to its source sentences.

    ``vectors`` may pass the embeddings as :func:`similarity` takes them.
    The similarity matrix is never held whole: it is computed a block of
    rewrite sentences at a time (an index of content words gives each row's
    word overlap with every source sentence), and of each row only the few
    values the alignment and its score read are kept, so memory grows with
    the sentences, not with their pairs.
    """
    opts = options or AlignOptions()
    rows = _Rows([s.text for s in source], [r.text for r in rewrite], opts, vectors, sim)
    n, m = len(rewrite), len(source)
    links: list[list[int]] = []
    kept: list[dict[int, float]] = []  # of each row, the values read later
    used: set[int] = set()
    threshold = opts.min_score * 0.6
    for lo, hi in rows.blocks():
        block = rows.block(lo, hi)
        for i in range(lo, hi):
            row = block[i - lo]
            if not m:
                links.append([])
                kept.append({})
                continue
            # Ties (a sentence repeated in the source) go to a source sentence
            # not yet taken, then to the one closest in relative position. The
            # values that round to the row's best are within 1e-6 of its maximum.
            near = np.flatnonzero(row >= row.max() - 2e-6).tolist()
            values = {j: float(row[j]) for j in near}
            place = i / max(1, n)
            best = max(
                near,
                key=lambda j: (round(values[j], 6), j not in used, -abs(j / m - place)),
            )
            kept.append(values)
            if values[best] < opts.min_score:
                links.append([])
                continue
            chosen = [best]
            words = rows.rewrite_words[i]
            covered = words & rows.source_words[best]
            # A further source must bring content words of its own: two, or one
            # when the sentences are close anyway. Only a source sentence holding
            # a word the best one lacks can; they are tried closest first.
            new = words - covered
            if opts.max_sources > 1 and new:
                holds = rows.common(new)
                tried = np.flatnonzero((holds > 0) & (row >= threshold)).tolist()
                scores = row[tried].tolist()
                for j, score in sorted(zip(tried, scores, strict=True), key=lambda x: -x[1]):
                    if len(chosen) >= opts.max_sources:
                        break
                    gain = (words & rows.source_words[j]) - covered
                    if len(gain) >= 2 or (gain and score >= opts.min_score):
                        chosen.append(j)
                        covered |= gain
                        values[j] = score
            used.update(chosen)
            links.append(sorted(chosen))
    alignments = _groups(m, n, links, kept)
    own = {
        i: max((kept[i][j] for j in a.source if j in kept[i]), default=0.0)
        for a in alignments
        for i in a.rewrite
    }
    return Aligned(alignments, own)


class _Rows:
    """The similarity matrix of :func:`similarity`, a block of rows at a time.

    Word overlap comes from an index of the source sentences' content words
    (a row costs the length of its words' postings, not a pass over every
    pair in Python); embedding similarities from one matrix product per block.
    """

    def __init__(
        self,
        source: Sequence[str],
        rewrite: Sequence[str],
        opts: AlignOptions,
        vectors: tuple[Any, Any] | None,
        sim: list[list[float]] | None = None,
    ) -> None:
        self.rewrite_words = [{w for w, _, _ in content_words(t)} for t in rewrite]
        self.source_words = [{w for w, _, _ in content_words(t)} for t in source]
        self._m = len(source)
        self._n = len(rewrite)
        postings: dict[str, list[int]] = {}
        for j, words in enumerate(self.source_words):
            for w in words:
                postings.setdefault(w, []).append(j)
        self._postings = {w: np.asarray(js, dtype=np.intp) for w, js in postings.items()}
        self._source_sizes = np.asarray([max(len(s), 1) for s in self.source_words], dtype=float)
        self._weight = opts.embedding_weight
        self._sim = sim
        self._vectors: tuple[Any, Any] | None = None
        if sim is None and opts.embeddings and source and rewrite:
            self._vectors = vectors if vectors is not None else (embed(source), embed(rewrite))

    def blocks(self) -> list[tuple[int, int]]:
        return [(lo, min(lo + _BLOCK, self._n)) for lo in range(0, self._n, _BLOCK)]

    def common(self, words: set[str]) -> npt.NDArray[np.intp]:
        """How many of ``words`` each source sentence holds."""
        hits = [self._postings[w] for w in words if w in self._postings]
        if not hits:
            return np.zeros(self._m, dtype=np.intp)
        return np.bincount(np.concatenate(hits), minlength=self._m)

    def block(self, lo: int, hi: int) -> npt.NDArray[np.float64]:
        """Rows ``lo`` to ``hi`` (rewrite sentences) against every source sentence."""
        if self._sim is not None:
            return np.asarray(self._sim[lo:hi], dtype=float).reshape(hi - lo, self._m)
        lexical = np.zeros((hi - lo, self._m))
        for i in range(lo, hi):
            words = self.rewrite_words[i]
            if words:
                common = self.common(words).astype(float)
                # Weighted toward the rewrite side: a summary sentence is short
                # and its source long, and what matters is that the rewrite's
                # words are there.
                lexical[i - lo] = 0.7 * common / len(words) + 0.3 * common / self._source_sizes
        if self._vectors is None:
            return lexical
        source_vectors, rewrite_vectors = self._vectors
        # One product per block; a text of at most _BLOCK sentences takes the
        # whole product at once, as it always did.
        emb = (rewrite_vectors[lo:hi] @ source_vectors.T).astype(float)
        w = self._weight
        mixed: npt.NDArray[np.float64] = (1 - w) * lexical + w * np.maximum(emb, 0.0)
        return mixed


# Rewrite sentences per block of the similarity matrix: 256 x 10,000 source
# sentences is 20 MB of floats.
_BLOCK = 256


def _groups(
    n_source: int, n_rewrite: int, links: list[list[int]], sim: Sequence[dict[int, float]]
) -> tuple[Alignment, ...]:
    parent = list(range(n_source + n_rewrite))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, sources in enumerate(links):
        for j in sources:
            parent[find(n_source + i)] = find(j)
    members: dict[int, tuple[list[int], list[int]]] = {}
    for j in range(n_source):
        members.setdefault(find(j), ([], []))[0].append(j)
    for i in range(n_rewrite):
        members.setdefault(find(n_source + i), ([], []))[1].append(i)
    out: list[Alignment] = []
    for src, rw in members.values():
        if not rw:
            out.append(Alignment(tuple(src), (), AlignKind.DROPPED, 0.0))
            continue
        if not src:
            out.append(Alignment((), tuple(rw), AlignKind.ADDED, 0.0))
            continue
        if len(src) == 1 and len(rw) == 1:
            kind = AlignKind.ONE_TO_ONE
        elif len(src) == 1:
            kind = AlignKind.SPLIT
        elif len(rw) == 1:
            kind = AlignKind.MERGE
        else:
            kind = AlignKind.MANY
        score = sum(max(sim[i][j] for j in links[i]) for i in rw) / len(rw)
        out.append(Alignment(tuple(src), tuple(rw), kind, min(1.0, max(0.0, score))))

    def order(a: Alignment) -> tuple[int, int]:
        return (0, a.rewrite[0]) if a.rewrite else (1, a.source[0])

    return tuple(sorted(out, key=order))
