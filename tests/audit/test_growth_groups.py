"""Issue 15: a group of many sentences keeps exactly the facts it kept before.

The whole source is one group that every alignment reads; whether a name
lies inside one of its sentences is now found by bisection instead of a pass
over every sentence. These tests hold the group to the plain definition on a
real parse, for any set of sentences.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from retold.audit.align import stem
from retold.audit.group import group
from retold.audit.reading import Parsed, read
from retold.data import FactKind, Sentence
from retold.models.parser import parse
from retold.segment.splitter import segment

_EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_NAMES = (FactKind.PERSON, FactKind.ORG, FactKind.PLACE)


def _article() -> tuple[Parsed, tuple[Sentence, ...]]:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(_EXAMPLES.glob("*.txt")))
    sentences = tuple(segment(text))
    return read(parse(text), sentences), sentences


_PARSED, _SENTENCES = _article()


def _expected_facts(indices: set[int]) -> list[object]:
    spans = [(s.start, s.end) for s in (_SENTENCES[i] for i in sorted(indices))]
    return [
        f
        for f in _PARSED.facts
        if any(s <= f.start < e for s, e in spans)
        and (f.kind not in _NAMES or any(s <= f.start and f.end <= e for s, e in spans))
    ]


def test_the_article_has_names_to_keep_and_sentences_to_test() -> None:
    assert len(_SENTENCES) > 20
    assert sum(f.kind in _NAMES for f in _PARSED.facts) > 10


def test_the_whole_text_as_one_group_keeps_every_fact_the_definition_keeps() -> None:
    everything = set(range(len(_SENTENCES)))
    got = group(_PARSED, _SENTENCES, everything)
    assert list(got.facts) == _expected_facts(everything)
    assert len(got.sentences) == len(_SENTENCES)


@settings(max_examples=200, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=200)))
def test_any_set_of_sentences_keeps_the_facts_the_definition_keeps(picked: set[int]) -> None:
    indices = {i % len(_SENTENCES) for i in picked}
    got = group(_PARSED, _SENTENCES, indices)
    assert list(got.facts) == _expected_facts(indices)
    assert [s.index for s in got.sentences] == sorted(indices)


@given(st.text(max_size=20))
def test_a_stem_is_the_same_asked_once_or_again(word: str) -> None:
    first = stem(word)
    assert stem(word) == first == stem.__wrapped__(word)
