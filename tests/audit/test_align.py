"""Alignment of rewrite sentences with source sentences."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.audit.align import (
    AlignOptions,
    _groups,
    align,
    align_scored,
    content_words,
    embed,
    similarity,
)
from retold.data import Sentence
from retold.errors import OptionsError
from retold.segment.splitter import segment

SOURCE = (
    "Police arrested three men on Saturday. "
    "The robbery took place at a jewellery shop in Leeds. "
    "The shop owner was unhurt. "
    "Officers are appealing for witnesses."
)


def _kinds(
    source: str, rewrite: str, **kw: object
) -> dict[tuple[int, ...], tuple[str, tuple[int, ...]]]:
    out = {}
    for a in align(segment(source), segment(rewrite), AlignOptions(**kw)):  # type: ignore[arg-type]
        out[a.rewrite] = (a.kind, a.source)
    return out


def test_reordered_one_to_one() -> None:
    rewrite = (
        "Officers want witnesses to come forward. "
        "On Saturday, police arrested three men. "
        "The owner of the shop was not hurt. "
        "A jewellery shop in Leeds was the scene of the robbery."
    )
    kinds = _kinds(SOURCE, rewrite)
    assert kinds[(0,)] == ("1:1", (3,))
    assert kinds[(1,)] == ("1:1", (0,))
    assert kinds[(3,)] == ("1:1", (1,))


def test_merge_split_added_dropped() -> None:
    rewrite = (
        "On Saturday police arrested three men over a robbery at a jewellery shop in Leeds. "
        "Officers are appealing. They want witnesses. "
        "Shares in the company rose sharply in Tokyo trading."
    )
    result = align(segment(SOURCE), segment(rewrite))
    by_kind = {a.kind: a for a in result}
    assert by_kind["n:1"].source == (0, 1) and by_kind["n:1"].rewrite == (0,)
    assert by_kind["1:n"].source == (3,) and by_kind["1:n"].rewrite == (1, 2)
    assert by_kind["added"].rewrite == (3,)
    assert by_kind["dropped"].source == (2,)


def test_embeddings_align_a_reworded_sentence() -> None:
    source = "The minister resigned. Heavy rain flooded the valley."
    rewrite = "Torrential downpours submerged the lowlands. The minister quit."
    kinds = _kinds(source, rewrite)
    assert kinds[(0,)] == ("1:1", (1,))
    assert kinds[(1,)] == ("1:1", (0,))


def test_bad_options_say_how_to_fix() -> None:
    with pytest.raises(OptionsError, match="min_score"):
        AlignOptions(min_score=2.0)


_WORDS = st.sampled_from(
    [
        "police",
        "arrested",
        "three",
        "men",
        "shop",
        "Leeds",
        "owner",
        "robbery",
        "officers",
        "witnesses",
        "rain",
        "valley",
        "minister",
        "flooded",
        "Saturday",
        "the",
        "a",
        "was",
        "on",
        "in",
    ]
)
_SENTS = st.lists(st.lists(_WORDS, min_size=1, max_size=8), min_size=0, max_size=6)


def _sentences(words: list[list[str]]) -> tuple[Sentence, ...]:
    out, pos = [], 0
    for i, ws in enumerate(words):
        text = " ".join(ws) + "."
        out.append(Sentence(text, pos, pos + len(text), i))
        pos += len(text) + 1
    return tuple(out)


def _covers_everything(
    src: tuple[Sentence, ...], rw: tuple[Sentence, ...], opts: AlignOptions
) -> None:
    result = align(src, rw, opts)
    seen_s = sorted(j for a in result for j in a.source)
    seen_r = sorted(i for a in result for i in a.rewrite)
    assert seen_s == list(range(len(src)))
    assert seen_r == list(range(len(rw)))
    for a in result:
        assert 0.0 <= a.score <= 1.0
        assert a.source or a.rewrite


@settings(max_examples=200, deadline=None)
@given(_SENTS, _SENTS, st.integers(min_value=1, max_value=4))
def test_alignment_covers_every_sentence_lexical(
    s: list[list[str]], r: list[list[str]], max_sources: int
) -> None:
    _covers_everything(
        _sentences(s), _sentences(r), AlignOptions(embeddings=False, max_sources=max_sources)
    )


@settings(max_examples=25, deadline=None)
@given(_SENTS, _SENTS)
def test_alignment_covers_every_sentence_with_embeddings(
    s: list[list[str]], r: list[list[str]]
) -> None:
    _covers_everything(_sentences(s), _sentences(r), AlignOptions())


# ---------------------------------------------------------------- issue 15
# The aligner keeps of each row of the similarity matrix only what it reads;
# it must choose exactly what the former all-pairs version chose, which is
# kept here as the reference.


def _reference_similarity(
    source: list[str], rewrite: list[str], opts: AlignOptions, vectors: Any
) -> list[list[float]]:
    rw = [{w for w, _, _ in content_words(t)} for t in rewrite]
    sw = [{w for w, _, _ in content_words(t)} for t in source]

    def lexical(r: set[str], s: set[str]) -> float:
        if not r or not s:
            return 0.0
        common = len(r & s)
        return 0.7 * common / len(r) + 0.3 * common / len(s)

    sim = [[lexical(r, s) for s in sw] for r in rw]
    if vectors is not None and source and rewrite:
        emb = (vectors[1] @ vectors[0].T).tolist()
        w = opts.embedding_weight
        sim = [
            [(1 - w) * sim[i][j] + w * max(0.0, emb[i][j]) for j in range(len(source))]
            for i in range(len(rewrite))
        ]
    return sim


def _reference_align(
    source: tuple[Sentence, ...],
    rewrite: tuple[Sentence, ...],
    opts: AlignOptions,
    sim: list[list[float]],
) -> list[list[int]]:
    src_words = [{w for w, _, _ in content_words(s.text)} for s in source]
    links: list[list[int]] = []
    used: set[int] = set()
    for i, r in enumerate(rewrite):
        row = sim[i]
        if not source:
            links.append([])
            continue
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
            if len(gain) >= 2 or (gain and row[j] >= opts.min_score):
                chosen.append(j)
                covered |= gain
        used.update(chosen)
        links.append(sorted(chosen))
    return links


def _same_as_reference(
    src: tuple[Sentence, ...], rw: tuple[Sentence, ...], opts: AlignOptions
) -> None:
    vectors = (
        (embed([s.text for s in src]), embed([r.text for r in rw]))
        if opts.embeddings and src and rw
        else None
    )
    sim = _reference_similarity([s.text for s in src], [r.text for r in rw], opts, vectors)
    links = _reference_align(src, rw, opts, sim)
    reference = _groups(len(src), len(rw), links, [dict(enumerate(row)) for row in sim])
    got = align_scored(src, rw, opts, vectors=vectors)
    assert got.alignments == reference
    assert align(src, rw, opts, sim=sim) == reference
    for a in got.alignments:
        for i in a.rewrite:
            assert set(links[i]) <= set(a.source)
            assert got.own[i] == max((sim[i][j] for j in a.source), default=0.0)
        if a.rewrite and a.source:
            expected = sum(max(sim[i][j] for j in links[i]) for i in a.rewrite) / len(a.rewrite)
            assert a.score == min(1.0, max(0.0, expected))
    assert similarity([s.text for s in src], [r.text for r in rw], opts, vectors=vectors) == sim


@settings(max_examples=200, deadline=None)
@given(_SENTS, _SENTS, st.integers(min_value=1, max_value=4))
def test_alignment_equals_the_all_pairs_reference_lexical(
    s: list[list[str]], r: list[list[str]], max_sources: int
) -> None:
    opts = AlignOptions(embeddings=False, max_sources=max_sources)
    _same_as_reference(_sentences(s), _sentences(r), opts)


@settings(max_examples=25, deadline=None)
@given(_SENTS, _SENTS)
def test_alignment_equals_the_all_pairs_reference_with_embeddings(
    s: list[list[str]], r: list[list[str]]
) -> None:
    _same_as_reference(_sentences(s), _sentences(r), AlignOptions())


def test_a_long_reordered_rewrite_aligns_like_the_reference() -> None:
    """More rewrite sentences than one block of rows (issue 15), reordered."""
    pool = [
        "Police arrested three men on Saturday in Leeds.",
        "The robbery took place at a jewellery shop.",
        "The shop owner was unhurt, officers said.",
        "Heavy rain flooded the valley overnight.",
        "The minister resigned after the vote.",
        "Witnesses saw a car speed away.",
    ]
    texts = [f"{pool[k % len(pool)][:-1]} number {k}" for k in range(600)]
    source = _sentences([t.split() for t in texts])
    reordered = texts[300:] + texts[:300]
    rewrite = _sentences([t.replace("said", "stated").split() for t in reordered])
    _same_as_reference(source, rewrite, AlignOptions())
