"""Rendering a rewritten article: Markdown and a self-contained HTML page,
opened in a real headless Chromium."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

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
