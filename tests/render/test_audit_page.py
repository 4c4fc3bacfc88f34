"""The side-by-side HTML audit report, opened in a real headless browser."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from retold.audit.auditor import audit
from retold.render.audit_page import render_html
from tests.chromium import dom, screenshot

SOURCE = (
    "Police arrested three men on Saturday. "
    "The robbery took place at a <b>jewellery</b> shop in Leeds. "
    "Officers are appealing for witnesses."
)
REWRITE = (
    "On Saturday police released four men after a robbery at a jewellery shop in Leeds. "
    "Alright, officers want witnesses & <script>alert(1)</script> help."
)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.marks: list[str] = []
        self.text: list[str] = []
        self._in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_mark = tag == "mark"

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_mark:
            self.marks.append(data)


def _page() -> str:
    return render_html(audit(SOURCE, REWRITE), title="Leeds <robbery>")


def test_page_escapes_text_and_marks_changed_facts_on_both_sides() -> None:
    page = _page()
    parsed = _Collect()
    parsed.feed(page)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text and "<b>jewellery</b>" in text
    assert {"arrested", "released", "three", "four"} <= set(parsed.marks)
    for code in ("F151", "F101", "T205"):
        assert code in text


def test_source_free_page_lists_broken_text() -> None:
    text = "Alright, the U.S. S. Navy left port. scroll to top"
    page = render_html(audit(text))
    assert "T201" in page and "T207" in page
    assert "<mark" in page


def test_page_shows_every_sentence_the_report_carries_in_its_alignment_row() -> None:
    # The page takes the sentences from the report, segmented once by the audit.
    report = audit(SOURCE, REWRITE)
    parsed = _Collect()
    parsed.feed(render_html(report))
    text = "".join(parsed.text)
    for s in (*report.source_sentences, *report.rewrite_sentences):
        assert s.text in text
    assert parsed.tags.count("tr") == len(report.alignments) + 1  # and the heading row


@pytest.mark.browser
def test_page_renders_in_headless_chromium(tmp_path: Path) -> None:
    html_file = tmp_path / "audit.html"
    html_file.write_text(_page(), encoding="utf-8")
    png = screenshot(html_file, tmp_path / "audit.png")
    assert len(png) > 10_000
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    built = dom(html_file)
    # The browser built the table and kept the injected markup as text.
    assert built.count("<tr") >= 3
    assert "&lt;script&gt;alert(" in built
    assert "<script" not in built
