"""Alignment of rewrite sentences with source sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.audit.align import AlignOptions, align
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
