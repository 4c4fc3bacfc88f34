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
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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


def _lexical(r: set[str], s: set[str]) -> float:
    if not r or not s:
        return 0.0
    common = len(r & s)
    # Weighted toward the rewrite side: a summary sentence is short and its
    # source long, and what matters is that the rewrite's words are there.
    return 0.7 * common / len(r) + 0.3 * common / len(s)


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
    rewrites is embedded once.
    """
    opts = options or AlignOptions()
    rw = [{w for w, _, _ in content_words(t)} for t in rewrite]
    sw = [{w for w, _, _ in content_words(t)} for t in source]
    sim = [[_lexical(r, s) for s in sw] for r in rw]
    if opts.embeddings and source and rewrite:
        if vectors is None:
            vectors = embed(source), embed(rewrite)
        emb = (vectors[1] @ vectors[0].T).tolist()
        w = opts.embedding_weight
        sim = [
            [(1 - w) * sim[i][j] + w * max(0.0, emb[i][j]) for j in range(len(source))]
            for i in range(len(rewrite))
        ]
    return sim


def embed(texts: Sequence[str]) -> Any:
    """Sentence embeddings of ``texts`` (one L2-normalised row each)."""
    return models.embedder().encode(list(texts))


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
    opts = options or AlignOptions()
    if sim is None:
        sim = similarity([s.text for s in source], [r.text for r in rewrite], opts)
    src_words = [{w for w, _, _ in content_words(s.text)} for s in source]
    links: list[list[int]] = []
    used: set[int] = set()
    for i, r in enumerate(rewrite):
        row = sim[i]
        if not source:
            links.append([])
            continue
        # Ties (a sentence repeated in the source) go to a source sentence not
        # yet taken, then to the one closest in relative position.
        best = max(
            range(len(source)),
            key=lambda j: (
                round(row[j], 6),
                j not in used,
                -abs(j / len(source) - i / max(1, len(rewrite))),
            ),
        )
        if row[best] < opts.min_score:
            links.append([])
            continue
        chosen = [best]
        words = {w for w, _, _ in content_words(r.text)}
        covered = words & src_words[best]
        for j in sorted(range(len(source)), key=lambda j: -row[j]):
            if len(chosen) >= opts.max_sources:
                break
            if j in chosen or row[j] < opts.min_score * 0.6:
                continue
            gain = (words & src_words[j]) - covered
            # A further source must bring content words of its own: two, or one
            # when the sentences are close anyway.
            if len(gain) >= 2 or (gain and row[j] >= opts.min_score):
                chosen.append(j)
                covered |= gain
        used.update(chosen)
        links.append(sorted(chosen))
    return _groups(len(source), len(rewrite), links, sim)


def _groups(
    n_source: int, n_rewrite: int, links: list[list[int]], sim: list[list[float]]
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
