"""Rendering a rewritten article: Markdown and a self-contained HTML page,
opened in a real headless Chromium."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from retold.data import Article
from retold.ingest.loader import article_from_text
from retold.render.article import RenderOptions, key_points, paragraphs, to_html, to_markdown
from retold.rewrite.pipeline import rewrite
from retold.rewrite.result import Rewritten
from tests.chromium import dom, screenshot

TEXT = (
    "Library Reopens After <Flood> Repairs\n\n"
    "The Riverside library reopened on Monday after a flood closed it for 14 weeks. "
    "Repairs cost about $2.3 million, the city said.\n\n"
    "Mayor Ana Ruiz cut the ribbon at 10 a.m. "
    '"This building belongs to everyone," she said. '
    "The library will open seven days a week starting in June.\n\n"
    "Visitors found new carpets & shelves <script>alert(1)</script> in every room.\n"
)


@pytest.fixture(scope="module")
def article() -> Article:
    return replace(
        article_from_text(TEXT),
        url="https://news.example.org/library?a=1&b=2",
        byline="Jo Park",
        id="library",
    )


@pytest.fixture(scope="module")
def rewritten(article: Article) -> Rewritten:
    return rewrite(article)


def test_markdown_has_headline_key_points_body_and_attribution(
    article: Article, rewritten: Rewritten
) -> None:
    md = to_markdown(rewritten, article)
    assert md.startswith("# Library Reopens After \\<Flood\\> Repairs\n")
    assert "## Key points\n" in md and "## Article\n" in md
    body = md.split("## Article\n", 1)[1].split("---", 1)[0]
    # One Markdown paragraph per source paragraph (the headline is the title).
    assert len([p for p in body.split("\n\n") if p.strip()]) == 3
    assert md.rstrip().endswith(
        "*Adapted from [Library Reopens After \\<Flood\\> Repairs]"
        "(<https://news.example.org/library?a=1&b=2>) by Jo Park.*"
    )
    assert "Adapted from" not in to_markdown(rewritten, article, RenderOptions(attribution=False))


def test_key_points_are_rewritten_sentences_of_the_summary(rewritten: Rewritten) -> None:
    points = key_points(rewritten)
    assert 1 <= len(points) <= len(rewritten.summary.sentences)
    body = " ".join(paragraphs([s for s in rewritten.sentences if s.reason != "headline"]))
    for point in points:
        assert point in body


def test_every_fact_survives_into_the_page(article: Article, rewritten: Rewritten) -> None:
    page = to_html(rewritten, article)
    for fact in (
        "14 weeks",
        "$2.3 million",
        "10 a.m.",
        "Ana Ruiz",
        "seven days",
        "June",
        "This building belongs to everyone",
    ):
        assert fact in page


@pytest.mark.browser
def test_html_page_escapes_everything_and_renders_in_chromium(
    article: Article, rewritten: Rewritten, tmp_path: Path
) -> None:
    page = to_html(rewritten, article)
    assert "<script" not in page
    assert "&lt;script&gt;" in page
    assert "<h1>Library Reopens After &lt;Flood&gt; Repairs</h1>" in page
    assert 'href="https://news.example.org/library?a=1&amp;b=2"' in page
    html_file = tmp_path / "article.html"
    html_file.write_text(page, encoding="utf-8")
    png = screenshot(html_file, tmp_path / "article.png", size="1000,1400")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    built = dom(html_file)
    assert "<script" not in built
    assert len(re.findall(r"<p>", built)) == 3
    assert built.count("<li>") == len(key_points(rewritten))
    assert '<p class="attribution">Adapted from <a href=' in built


def test_no_link_without_an_http_url(rewritten: Rewritten, article: Article) -> None:
    local = replace(article, url="javascript:alert(1)", title="", byline="")
    page = to_html(rewritten, local)
    assert "<a " not in page
    assert "Adapted from javascript:alert(1)." in page


# --- nothing executable in any output (issue 16) ------------------------------

RUN = "document.title=/PWNED/.source"
HOSTILE = (
    f'2027 Budget Vote <img src=x onerror="{RUN}"> Delayed Again\n\n'
    f"The council delayed its vote on the harbour plan by two weeks <script>{RUN}</script> "
    "on Tuesday, a spokesman said.\n\n"
    f'<a href="javascript:{RUN}">The mayor</a> called the delay regrettable. '
    f"Residents can read the plan at [the library](javascript:{RUN}) until May 3.\n\n"
    f"<div onmouseover='{RUN}'>1. The vote is now set for 7 p.m. on June 14.</div>\n"
    "- The plan costs AT&amp;T about &#36;4 million &lt;script&gt;.\n"
)
HOSTILE_URLS = (
    f"https://example.com/a><script>{RUN}</script>",
    f"https://example.com/a\"onmouseover='{RUN}'",
    f"javascript:{RUN}",
    f"data:text/html,<script>{RUN}</script>",
)


@pytest.fixture(scope="module")
def hostile() -> tuple[Rewritten, Article]:
    article = replace(
        article_from_text(HOSTILE), byline=f"<svg onload='{RUN}'>Jo</svg>", id="hostile"
    )
    return rewrite(article), article


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def _assert_inert(markup: str) -> None:
    """No script element, no on* attribute and no javascript: link in ``markup``."""
    parser = _Elements()
    parser.feed(markup)
    for tag, attrs in parser.found:
        assert tag not in {"script", "iframe", "object", "embed", "svg", "img"}, (tag, attrs)
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            if name in {"href", "src", "action", "formaction"}:
                assert (value or "").strip().lower().startswith(("http://", "https://")), value


def _opened_in_chromium(body: str, tmp_path: Path, name: str) -> str:
    page = tmp_path / f"{name}.html"
    if not body.lstrip().startswith("<!DOCTYPE"):
        body = f"<!DOCTYPE html><html><head><title>inert</title></head><body>{body}</body></html>"
    page.write_text(body, encoding="utf-8")
    return dom(page)


def _title(dom_text: str) -> str:
    match = re.search(r"<title>(.*?)</title>", dom_text, re.S)
    return match[1] if match else ""


def _permissive_commonmark(markdown: str) -> str:
    # Raw HTML passes through and every link is allowed (markdown-it's own
    # filter would drop javascript: links; other renderers do not).
    renderer = MarkdownIt("commonmark", {"html": True})
    renderer.validateLink = lambda url: True
    return renderer.render(markdown)


@pytest.mark.browser
@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_markdown_runs_nothing_whatever_the_input(
    hostile: tuple[Rewritten, Article], url: str, tmp_path: Path
) -> None:
    rw, article = hostile
    md = to_markdown(rw, replace(article, url=url))
    rendered = _permissive_commonmark(md)
    _assert_inert(rendered)
    built = _opened_in_chromium(rendered, tmp_path, "markdown")
    assert _title(built) != "PWNED", "a script ran"
    _assert_inert(built)
    # the facts and the hostile text are all there, as text
    for fact in ("two weeks", "May 3", "June 14", "7 p.m."):
        assert fact in built
    assert "&lt;script&gt;" in rendered
    if not url.startswith("https://"):
        assert "](" not in md.split("---", 1)[1]  # no link for a URL that is not http(s)


def test_markdown_keeps_a_link_but_encodes_its_markup(rewritten: Rewritten) -> None:
    url = "https://example.com/a b(c)<d>?q=1&amp;r=2"
    md = to_markdown(rewritten, Article(text="x", title="T", url=url))
    assert md.rstrip().endswith(
        "*Adapted from [T](<https://example.com/a%20b%28c%29%3Cd%3E?q=1\\&amp;r=2>).*"
    )
    rendered = _permissive_commonmark(md)
    assert 'href="https://example.com/a%20b%28c%29%3Cd%3E?q=1&amp;amp;r=2"' in rendered


def test_markdown_escapes_only_what_would_be_markup(hostile: tuple[Rewritten, Article]) -> None:
    rw, article = hostile
    md = to_markdown(rw, article)
    assert not re.search(r"(?<!\\)<", md.replace("](<", ""))  # every "<" escaped
    rendered = _permissive_commonmark(md)
    # "1." and "-" at the start of a line stay text, and no backslash shows
    assert "<ol" not in rendered and rendered.count("<li>") == len(key_points(rw))
    assert "<h1>2027 Budget Vote &lt;img" in rendered
    assert "\\" not in rendered


@pytest.mark.browser
@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_html_page_runs_nothing_whatever_the_input(
    hostile: tuple[Rewritten, Article], url: str, tmp_path: Path
) -> None:
    rw, article = hostile
    page = to_html(rw, replace(article, url=url))
    built = _opened_in_chromium(page, tmp_path, "page")
    assert _title(built) != "PWNED", "a script ran"
    _assert_inert(page)
    _assert_inert(built)
