"""The renderers over hostile results: Markdown, the HTML page, the audit page, the terminal.

Results are built directly from generated strings (any Unicode, markup,
control characters, lone surrogates), so the renderers meet text the
pipeline would rarely produce. Invariants: the output is inert (no element
or attribute that runs or loads anything, links only to http(s)), every
sentence is still there as text, the output encodes as UTF-8 (no lone
surrogate), JSON output is valid, and terminal output holds no control
character but newline and tab.
"""

from __future__ import annotations

import json
import re

from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from retold.data import AlignKind, Alignment, Article, Issue, Report, Sentence, Severity
from retold.render import formats, text
from retold.render.article import to_html, to_markdown
from retold.render.audit_page import render_html
from retold.rewrite.result import KEPT, REWRITTEN, Rewritten, RewrittenSentence
from retold.summarize.selector import Summary, SummarySentence
from tests.fuzz.invariants import assert_inert
from tests.fuzz.strategies import fuzz, has_lone_surrogate, text_with_surrogates

_MARKUP = st.sampled_from(
    [
        "<script>document.title='PWNED'</script>",
        '<img src=x onerror="alert(1)">',
        "<svg onload=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "[link](javascript:alert(1))",
        "<iframe src=//127.0.0.1:9/>",
        "&lt;script&gt;",
        "&#60;b&#62;",
        "</p></article><script>",
        "-->",
        "<!--",
        "]]>",
        "`code`",
        "*bold*",
        "# heading",
        "1. list",
        "- item",
        "> quote",
        "\\",
        "\x1b]0;title\x07",
        "\x1b[31m",
        "\x9b2J",
    ]
)
_PIECE = st.lists(_MARKUP | text_with_surrogates, min_size=1, max_size=4).map("".join)
_URL = st.sampled_from(
    [
        "",
        "https://example.com/a",
        "https://example.com/a><script>alert(1)</script>",
        'https://example.com/"onmouseover="alert(1)',
        "javascript:alert(1)",
        " JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://\ud800/",
        "https://example.com/\x00\n",
    ]
)


@st.composite
def rewritten(draw: st.DrawFn) -> tuple[Rewritten, Article]:
    texts = draw(st.lists(_PIECE, min_size=1, max_size=6))
    source_parts: list[str] = []
    sentences = []
    pos = 0
    for i, t in enumerate(texts):
        sentences.append(Sentence(t, pos, pos + len(t), i, i // 2))
        source_parts.append(t)
        pos += len(t) + 1
    source = " ".join(source_parts)
    out = []
    for s in sentences:
        kept = draw(st.booleans())
        out.append(
            RewrittenSentence(
                s.index,
                s,
                s.text if kept else draw(_PIECE),
                KEPT if kept else REWRITTEN,
                backend="" if kept else "rules",
                indices=(s.index,),
                paragraph=s.paragraph,
            )
        )
    chosen = draw(st.sets(st.integers(0, len(sentences) - 1), max_size=3))
    summary = Summary(
        "fuzz",
        tuple(
            SummarySentence(s.index, s.text, s.start, s.end, 1.0)
            for s in sentences
            if s.index in chosen
        ),
        tuple(1.0 for _ in sentences),
    )
    rw = Rewritten(
        id=draw(_PIECE),
        title=draw(st.just("") | _PIECE),
        summary=summary,
        sentences=tuple(out),
        report=Report(score=1.0),
    )
    article = Article(
        text=source,
        title=draw(st.just("") | _PIECE),
        url=draw(_URL),
        byline=draw(st.just("") | _PIECE),
        id=draw(st.just("") | _PIECE),
    )
    return rw, article


def _readable(s: str) -> str:
    # what survives as text: lone surrogates are replaced, whitespace collapses
    return " ".join(re.sub("[\ud800-\udfff]", "\ufffd", s).split())


@fuzz(150)
@given(rewritten())
def test_html_page_is_inert_and_keeps_every_sentence(case: tuple[Rewritten, Article]) -> None:
    rw, article = case
    page = to_html(rw, article)
    shown = " ".join(assert_inert(page).split())
    for s in rw.sentences:
        assert _readable(s.rewrite) in shown
    assert "default-src 'none'" in page


_COMMONMARK = MarkdownIt("commonmark", {"html": True})
_COMMONMARK.validateLink = lambda url: True  # type: ignore[method-assign]  # a renderer that lets every link through


def _one(text: str, url: str) -> tuple[Rewritten, Article]:
    s = Sentence(text, 0, len(text), 0)
    rw = Rewritten(
        "", "", Summary("", (), (0.0,)), (RewrittenSentence(0, s, text, KEPT),), Report(1.0)
    )
    return rw, Article(text=text, url=url)


@fuzz(150)
@given(rewritten())
# found by this test: quote() raised UnicodeEncodeError on a lone surrogate in the URL
@example(_one("<script>document.title='PWNED'</script>", "http://\ud800/"))
@example(_one("\n\n    indented code?", "https://example.com/"))
def test_markdown_is_inert_however_rendered(case: tuple[Rewritten, Article]) -> None:
    rw, article = case
    md = to_markdown(rw, article)
    assert not has_lone_surrogate(md)
    assert_inert(_COMMONMARK.render(md))


@st.composite
def reports(draw: st.DrawFn) -> Report:
    def sents(texts: list[str]) -> tuple[str, tuple[Sentence, ...]]:
        out, pos = [], 0
        for i, t in enumerate(texts):
            out.append(Sentence(t, pos, pos + len(t), i))
            pos += len(t) + 1
        return " ".join(texts), tuple(out)

    source, src = sents(draw(st.lists(_PIECE, min_size=1, max_size=5)))
    rewrite, rws = sents(draw(st.lists(_PIECE, min_size=1, max_size=5)))
    # as the audit aligns: pairs in order, then what is left on either side
    alignments = tuple(
        Alignment((i,) if i < len(src) else (), (i,), AlignKind.ONE_TO_ONE, 0.5)
        for i in range(len(rws))
    ) + tuple(Alignment((j,), (), AlignKind.DROPPED) for j in range(len(rws), len(src)))
    span = st.tuples(st.integers(0, len(source)), st.integers(0, len(source))).map(sorted)
    rspan = st.tuples(st.integers(0, len(rewrite)), st.integers(0, len(rewrite))).map(sorted)
    issues = tuple(
        Issue(
            draw(_PIECE),
            draw(_PIECE),
            draw(st.sampled_from(Severity.ALL)),
            draw(_PIECE),
            tuple(draw(span)) if draw(st.booleans()) else None,  # type: ignore[arg-type]
            tuple(draw(rspan)) if draw(st.booleans()) else None,  # type: ignore[arg-type]
        )
        for _ in range(draw(st.integers(0, 4)))
    )
    return Report(
        score=draw(st.floats(0, 1)),
        alignments=alignments,
        issues=issues,
        sentence_scores=tuple(0.5 for _ in rws),
        mode=draw(st.sampled_from(["rewrite", "summary", "text"])),
        id=draw(_PIECE),
        source_sentences=src,
        rewrite_sentences=rws,
        source_text=source,
        rewrite_text=rewrite,
    )


@fuzz(150)
@given(reports(), st.just("") | _PIECE)
def test_audit_page_is_inert_and_shows_both_texts(report: Report, title: str) -> None:
    page = render_html(report, title=title)
    shown = " ".join(assert_inert(page).split())
    for s in (*report.source_sentences, *report.rewrite_sentences):
        assert _readable(s.text) in shown
    for issue in report.issues:
        assert _readable(issue.message) in shown


@fuzz(150)
@given(reports())
@example(Report(score=0.0, id="\ud800"))
def test_json_output_is_valid_and_utf8(report: Report) -> None:
    written = formats._json(formats.Output("audit", report.to_json(), report), None)  # type: ignore[arg-type]
    assert not has_lone_surrogate(written)
    assert json.loads(written.encode("utf-8")) == json.loads(
        json.dumps(report.to_json(), ensure_ascii=True)
    )


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@fuzz(200)
@given(text_with_surrogates | _PIECE)
@example("\x1b]52;c;ZXZpbA==\x07 clipboard")
@example("\x9b31m 8-bit CSI")
def test_terminal_output_holds_no_control_character(value: str) -> None:
    assert not _CONTROL.search(text.terminal_safe(value))
    sentence = {"index": 0, "text": value, "start": 0, "end": len(value), "paragraph": 0}
    issue = {
        "severity": "error",
        "code": value,
        "kind": value,
        "message": value,
        "source_span": [0, 1],
        "rewrite_span": None,
    }
    fact = {"sentence": 0, "kind": value, "text": value, "value": value, "unit": value}
    for rendered in (
        text.segment_text({"sentences": [sentence]}),
        text.summary_text({"sentences": [sentence]}),
        text.facts_text({"facts": [fact]}),
        text.audit_text({"score": 0.5, "mode": value, "issues": [issue]}),
    ):
        assert not _CONTROL.search(rendered)
        assert not has_lone_surrogate(rendered), "a terminal takes UTF-8"
