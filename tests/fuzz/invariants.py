"""What must hold of every result, whatever the input (shared by the fuzz tests)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from typing import Any, TypeVar

from retold.data import Fact, Report, Sentence, Severity
from retold.errors import RetoldError
from retold.rewrite.result import KEPT, Rewritten
from retold.summarize.selector import Summary
from tests.fuzz.strategies import has_lone_surrogate

T = TypeVar("T")


def typed_or(call: Callable[[], T]) -> T | RetoldError:
    """``call()``, or the RetoldError it raised; any other exception fails the test."""
    try:
        return call()
    except RetoldError as exc:
        assert exc.code.startswith("E") and str(exc).startswith(f"[{exc.code}]")
        assert "\n" not in exc.message, "an error message is one line"
        return exc


def json_round_trip(data: Any) -> Any:
    """``data`` as the CLI writes it (UTF-8 JSON), read back."""
    written = json.dumps(data, ensure_ascii=False)
    assert not has_lone_surrogate(written), "a lone surrogate would not encode as UTF-8"
    loaded = json.loads(written.encode("utf-8").decode("utf-8"))
    assert loaded == data
    return loaded


def sentences_valid(text: str, sentences: Sequence[Sentence]) -> None:
    """Offsets round-trip, in order, without overlap, numbered from 0."""
    end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert 0 <= end <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.text.strip() == s.text
        end = s.end


def facts_valid(text: str, facts: Sequence[Fact], n_sentences: int) -> None:
    for f in facts:
        assert 0 <= f.start <= f.end <= len(text), f
        assert text[f.start : f.end] == f.text, f
        assert 0 <= f.sentence < max(1, n_sentences), f
        assert isinstance(f.value, str)


def summary_valid(text: str, summary: Summary, sentences: Sequence[Sentence]) -> None:
    assert len(summary.scores) == len(sentences)
    assert all(0.0 <= s <= 1.0 for s in summary.scores)
    indices = [s.index for s in summary.sentences]
    assert indices == sorted(set(indices)), "summary sentences in article order, once each"
    for s in summary.sentences:
        assert text[s.start : s.end] == s.text == sentences[s.index].text


def report_valid(report: Report, source: str | None, rewrite: str) -> None:
    assert 0.0 <= report.score <= 1.0
    assert len(report.sentence_scores) == len(report.rewrite_sentences)
    assert all(0.0 <= s <= 1.0 for s in report.sentence_scores)
    sentences_valid(rewrite, report.rewrite_sentences)
    if source is not None:
        sentences_valid(source, report.source_sentences)
        covered = sorted(i for a in report.alignments for i in a.rewrite)
        assert covered == list(range(len(report.rewrite_sentences)))
        for a in report.alignments:
            assert all(0 <= j < len(report.source_sentences) for j in a.source)
    for issue in report.issues:
        assert issue.severity in Severity.ALL
        assert issue.code and issue.message
        for span, text in ((issue.rewrite_span, rewrite), (issue.source_span, source)):
            if span is not None:
                assert text is not None
                assert 0 <= span[0] <= span[1] <= len(text), issue


def rewrite_whole(text: str, sentences: Sequence[Sentence], rw: Rewritten) -> None:
    """Every source sentence present exactly once, in order; kept ones verbatim."""
    covered: list[int] = []
    for s in rw.sentences:
        indices = s.indices or (s.source.index,)
        covered.extend(indices)
        assert text[s.source.start : s.source.end] == s.source.text
        assert s.rewrite.strip(), "no sentence is rewritten to nothing"
        if s.status == KEPT:
            assert s.rewrite == s.source.text
    assert covered == list(range(len(sentences)))
    assert [s.source.start for s in rw.sentences] == sorted(s.source.start for s in rw.sentences)


_SAFE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "article", "h1", "h2", "h3", "p", "ul",
    "li", "a", "em", "strong", "code", "hr", "table", "thead", "tbody", "tr", "th", "td",
    "mark", "span", "br", "pre",
}  # fmt: skip


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def assert_inert(markup: str) -> str:
    """Check that ``markup`` can run and load nothing; return its text."""
    assert not has_lone_surrogate(markup), "the page would not encode as UTF-8"
    markup.encode("utf-8")
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in _SAFE_TAGS, (tag, attrs)
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in {"href", "src", "action", "formaction", "srcset", "xlink:href"}:
                assert re.match(r"https?://", value or "", re.I), (tag, name, value)
    return "".join(parser.data)
