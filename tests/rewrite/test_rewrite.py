"""rewrite(): the gate, no sentence lost or reordered, paragraphs, JSON, determinism.

Everything runs on the real models and the real audit. The test backend that
changes numbers is registered the documented way (``retold.backends.register``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retold.backends import (
    Backend,
    Candidate,
    GenerateOptions,
    SentenceContext,
    register,
    unregister,
)
from retold.data import AlignKind, Article
from retold.errors import EmptyInputError, OptionsError
from retold.rewrite.context import quotation_spans
from retold.rewrite.pipeline import rewrite
from retold.rewrite.result import RewriteOptions, Rewritten
from retold.segment.splitter import segment
from tests.paths import EXAMPLE

SHORT = (
    "City Council Approves New Budget\n\n"
    "On Tuesday, the city council approved a budget of $4.5 million. "
    "The mayor said the plan would fund 12 new teachers.\n\n"
    '"We kept every promise," she said. '
    "The vote was 7 to 2, and two members left before it ended."
)


class NumberChanger(Backend):
    """Proposes the sentence with its first number increased by one."""

    name = "test-number-changer"

    def candidates(
        self, context: SentenceContext, options: GenerateOptions
    ) -> tuple[Candidate, ...]:
        m = re.search(r"\d+", context.text)
        if m is None:
            return ()
        changed = context.text[: m.start()] + str(int(m.group()) + 1) + context.text[m.end() :]
        return (Candidate(changed, self.name, ("add_one",)),)


@pytest.fixture
def number_changer() -> Iterator[str]:
    register(NumberChanger)
    yield NumberChanger.name
    unregister(NumberChanger.name)


@pytest.fixture(scope="module")
def example() -> Rewritten:
    return rewrite(Article(text=EXAMPLE.read_text(encoding="utf-8"), id="harbor-bridge"))


def test_a_changed_number_is_never_published(number_changer: str) -> None:
    result = rewrite(Article(text=SHORT), RewriteOptions(backends=(number_changer, "rules")))
    with_numbers = [s for s in result.sentences if re.search(r"\d", s.source.text)]
    assert with_numbers
    for s in result.sentences:
        assert s.backend != number_changer
    alone = rewrite(Article(text=SHORT), RewriteOptions(backends=(number_changer,)))
    for s in alone.sentences:
        if re.search(r"\d", s.source.text) and s.reason != "headline":
            assert s.status == "kept"
            assert s.rewrite == s.source.text
            assert "F101" in s.reason


def test_without_the_gate_the_changed_number_goes_through(number_changer: str) -> None:
    result = rewrite(Article(text=SHORT), RewriteOptions(backends=(number_changer,), gate=False))
    assert any(s.backend == number_changer for s in result.sentences)
    assert any(i.code == "F101" for i in result.report.errors)


def _check_order(result: Rewritten, text: str) -> None:
    source = segment(text)
    assert [i for s in result.sentences for i in s.indices] == [s.index for s in source]
    for s in result.sentences:
        first, last = source[s.indices[0]], source[s.indices[-1]]
        assert s.index == first.index
        assert (s.source.start, s.source.end) == (first.start, last.end)
        assert text[s.source.start : s.source.end] == s.source.text
        assert s.rewrite.strip()
        assert s.status in ("rewritten", "kept")
        assert (s.status == "kept") == bool(s.reason)
        assert s.paragraph == first.paragraph
    assert not [a for a in result.report.alignments if a.kind == AlignKind.DROPPED]
    covered = sorted(i for a in result.report.alignments for i in a.source)
    assert covered == list(range(len(source)))


def test_no_sentence_is_dropped_or_reordered(example: Rewritten) -> None:
    _check_order(example, EXAMPLE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        SHORT,
        "Short one. Another one here.",
        "The plan was approved by the committee. When it met on Friday, the board "
        "rejected it, and the mayor said the city would appeal.",
    ],
)
def test_no_sentence_is_dropped_or_reordered_in_short_texts(text: str) -> None:
    _check_order(rewrite(Article(text=text)), text)


def test_two_kept_neighbours_may_be_joined_and_the_audit_aligns_them() -> None:
    text = (
        "Prosecutors presented evidence for weeks. The defendant chose not to testify. "
        "A verdict was rendered. It rendered Tsarnaev a common criminal."
    )
    result = rewrite(Article(text=text))
    _check_order(result, text)
    joins = [s for s in result.sentences if len(s.indices) == 2]
    assert [s.rewrite for s in joins] == [
        "Prosecutors presented evidence for weeks, and the defendant chose not to testify.",
        "A verdict was rendered, and it rendered Tsarnaev a common criminal.",
    ]
    assert [j.to_json()["indices"] for j in joins] == [[0, 1], [2, 3]]
    merges = [a for a in result.report.alignments if a.kind == AlignKind.MERGE]
    assert [a.source for a in merges] == [(0, 1), (2, 3)]


def test_the_gate_leaves_no_changed_fact(example: Rewritten) -> None:
    assert example.report.errors == ()
    assert any(s.status == "rewritten" for s in example.sentences)


def test_paragraphs_and_headline(example: Rewritten) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert example.title == text.splitlines()[0]
    assert example.sentences[0].reason == "headline"
    paragraphs = example.text.split("\n\n")
    assert len(paragraphs) == len({s.paragraph for s in example.sentences})


def test_json_fields(example: Rewritten) -> None:
    data = example.to_json()
    assert set(data) >= {"id", "title", "summary", "sentences", "report"}
    assert data["id"] == "harbor-bridge"
    assert data["summary"] and set(data["summary"][0]) >= {"index", "text", "start", "end"}
    text = EXAMPLE.read_text(encoding="utf-8")
    for s in data["sentences"]:
        assert set(s) >= {"index", "source", "rewrite", "status", "backend", "issues"}
        src = s["source"]
        assert text[src["start"] : src["end"]] == src["text"]
        if s["status"] == "kept":
            assert s["reason"] and s["backend"] is None
        else:
            assert s["backend"] == "rules" and "reason" not in s
    assert set(data["report"]) >= {"score", "alignments", "issues"}


def test_issue_spans_point_into_the_body(example: Rewritten) -> None:
    body = example.text
    for s in example.sentences:
        for issue in s.issues:
            if issue.rewrite_span is not None:
                a, b = issue.rewrite_span
                assert 0 <= a <= b <= len(body)


def test_deterministic() -> None:
    first = rewrite(Article(text=SHORT, id="x")).to_json()
    second = rewrite(Article(text=SHORT, id="x")).to_json()
    assert first == second


def test_options_are_checked() -> None:
    with pytest.raises(OptionsError):
        RewriteOptions(strength="extreme")
    with pytest.raises(OptionsError):
        RewriteOptions(backends="rules")  # type: ignore[arg-type]
    with pytest.raises(OptionsError, match="available backends"):
        rewrite(Article(text=SHORT), RewriteOptions(backends=("no-such-backend",)))
    with pytest.raises(EmptyInputError):
        rewrite(Article(text="   "))


POOL = [
    "On Tuesday, the committee approved the plan.",
    "The council sold the building in 2019 for about $4.5 million.",
    '"We kept every promise," she said.',
    "Prosecutors presented evidence.",
    "The defendant chose not to testify.",
    "Ms. Vasquez said the department hoped to reopen one lane by Aug. 15.",
    "The U.K. government, which guaranteed part of the loan, has stayed out of the dispute.",
    "More than 1,200 people were killed in attacks led by Hamas on Oct. 7.",
    "Insurers have disputed a further $88 million, citing an exclusion for flood damage.",
]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(POOL), st.sampled_from([" ", "\n\n"])), min_size=1, max_size=6
    )
)
def test_property_no_sentence_lost_or_moved(parts: list[tuple[str, str]]) -> None:
    text = "".join(sentence + gap for sentence, gap in parts).strip()
    result = rewrite(Article(text=text))
    _check_order(result, text)
    assert not [i for i in result.report.errors if i.kind in ("number", "date", "quote")]


@given(st.text(alphabet="ab .,'\"“”‘’\n", max_size=60))
def test_property_quotation_spans_stay_inside_their_paragraph(text: str) -> None:
    spans = quotation_spans(text)
    for a, b in spans:
        assert 0 <= a < b <= len(text)
        assert "\n" not in text[a:b]
