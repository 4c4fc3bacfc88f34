"""spaCy over texts of any length: long texts parsed in pieces (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold import models
from retold.analyze import analyze, analyze_many
from retold.data import FactKind
from retold.models import parser
from retold.models.parser import parse, parse_many, pieces
from retold.segment import segment

PARAGRAPH = (
    "Police in Leeds arrested three men on Saturday, Oct. 7, after a robbery at a "
    "jewellery shop. The owner, Mr. Ahmed Khan, said he had lost $1.2 million. "
    '"We will not rest," Chief Inspector Jane Smith told reporters.'
)


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """Pieces of 1,000 characters, so that a test text of a few thousand is long."""
    monkeypatch.setattr(parser, "PIECE", 1_000)
    yield 1_000


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list('ab .\n\n!?"”A1')), max_size=400),
    st.integers(min_value=4, max_value=60),
)
def test_pieces_join_back_into_the_text(text: str, size: int) -> None:
    parts = pieces(text, size)
    assert "".join(parts) == text
    assert all(len(p) <= size for p in parts)
    assert all(parts[:-1]) and len(parts) >= 1


def test_pieces_cut_at_paragraph_breaks_first() -> None:
    text = "\n\n".join([PARAGRAPH] * 12)
    parts = pieces(text, 1_000)
    assert "".join(parts) == text
    assert len(parts) > 1
    assert all(p.endswith("\n\n") for p in parts[:-1])


def test_a_run_without_spaces_is_cut_at_the_size() -> None:
    assert pieces("x" * 2_500, 1_000) == ["x" * 1_000, "x" * 1_000, "x" * 500]


def test_a_long_text_parses_in_pieces_with_every_offset_kept(small_pieces: int) -> None:
    text = "\n\n".join([PARAGRAPH] * 10)
    doc = parse(text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    # The pieces' parses are whole: sentences, entities and dependencies.
    assert len(list(doc.sents)) >= 30
    assert {e.text for e in doc.ents} >= {"Leeds", "Jane Smith"}
    assert all(0 <= t.head.i < len(doc) for t in doc)
    whole = models.nlp()(text)
    assert [t.text for t in doc] == [t.text for t in whole]


def test_parse_many_keeps_order_and_mixes_short_and_long(small_pieces: int) -> None:
    long = "\n\n".join([PARAGRAPH] * 6)
    texts = ["Short one.", long, "", "Another short text.", long + " End."]
    docs = list(parse_many(texts, batch_size=2))
    assert [d.text for d in docs] == texts


def test_a_text_beyond_the_parser_limit_is_analysed_not_refused() -> None:
    nlp = models.nlp()
    limit = nlp.max_length
    text = "\n\n".join([PARAGRAPH] * 30)
    nlp.max_length = 2_000
    try:
        facts = analyze(text, segment(text))
        many = list(analyze_many(["Short.", text]))
    finally:
        nlp.max_length = limit
    assert len(text) > 2_000
    assert all(text[f.start : f.end] == f.text for f in facts)
    assert sum(f.kind == FactKind.PERSON for f in facts) >= 30
    assert many[1] == facts
