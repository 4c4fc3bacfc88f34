"""Hostile web pages served from 127.0.0.1, read by retold, and what it renders from them.

Each page carries one article of five known sentences among payloads:
scripts, event handlers, ``javascript:`` links, SVG with script, markup that
is the article's own text, and malformed markup. retold fetches it over real
HTTP; the article must come out whole (every sentence, no script source),
and every page retold renders from it (the rewritten article as HTML, as
Markdown put through a renderer that lets raw HTML and every link through,
and the audit page) must run and load nothing in headless Chromium. A
control opens the hostile page itself in the same browser to show that the
payloads do run there and that the beacon sees them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from retold.audit.auditor import audit
from retold.cli import main
from retold.data import Article
from retold.ingest.loader import IngestOptions, load
from retold.render.article import to_html, to_markdown
from retold.render.audit_page import render_html
from retold.rewrite.pipeline import rewrite
from retold.segment.splitter import segment
from tests.fuzz.invariants import json_round_trip, rewrite_whole
from tests.hostile.browser import Visit, chromium, visit
from tests.hostile.servers import Handler, Loopback, loopback

SENTENCES = (
    "The council voted 7-2 on Monday to close the Harbor Bridge for repairs.",
    "Repairs will cost about $4.2 million, the city engineer said.",
    "“We cannot wait any longer,” Mayor Ana Ruiz told reporters.",
    "Work starts on May 3 and should end by Dec. 1.",
    "Ferries will run every 20 minutes while the bridge is closed.",
)
TITLE = "Harbor Bridge to Close for Repairs"
SCRIPT_SOURCE = "window.__pwned"


def _payloads(beacon: str) -> dict[str, str]:
    run = f"window.__pwned=1;document.title='PWNED';fetch('{beacon}/ran')"
    return {
        "script": f"<script>{run}</script><script src='{beacon}/src.js'></script>",
        "handlers": (
            f"<img src='{beacon}/img.png' onerror=\"{run}\">"
            f'<div onmouseover="{run}">Hover here.</div>'
            f'<input autofocus onfocus="{run}">'
            f'<video><source onerror="{run}"></video>'
        ),
        "javascript-links": (
            f'<a href="javascript:{run}">the mayor\'s office</a> '
            f'<iframe src="javascript:{run}"></iframe>'
            f'<form action="javascript:{run}"><button>Go</button></form>'
        ),
        "svg": (
            f"<svg xmlns='http://www.w3.org/2000/svg' onload=\"{run}\">"
            f"<script>{run}</script>"
            f'<a href="javascript:{run}"><text>click</text></a>'
            f"<image href='{beacon}/svg.png'/><animate onbegin=\"{run}\" attributeName='x'/>"
            "</svg>"
            f"<math><mtext><script>{run}</script></mtext></math>"
        ),
        "markup-as-text": (
            # markup that is the article's own text: retold must keep it as text
            f"<p>The page showed &lt;script&gt;{run}&lt;/script&gt; and "
            f"&lt;img src={beacon}/text.png onerror={run}&gt; as its example.</p>"
        ),
        "loaders": (
            f"<meta http-equiv='refresh' content='0;url={beacon}/refresh'>"
            f"<link rel='stylesheet' href='{beacon}/style.css'>"
            f"<style>body{{background:url({beacon}/bg.png)}}</style>"
            f"<object data='{beacon}/object'></object><embed src='{beacon}/embed'>"
            f"<base href='{beacon}/base/'>"
        ),
        "malformed": (
            f"<p>Unclosed <b><i>mis</b>nested</i> <scr<script>ipt>{run}</script>"
            f"<img src=x onerror={run}//"
            f"<!-- unterminated comment <script>{run}</script>"
            f"<![CDATA[<script>{run}</script>]]>"
            f"<noscript><p title='</noscript><img src=x onerror={run}>'></noscript>"
            f'<a href="java&#x09;script:{run}">tab in the scheme</a>'
            "</div></div></span></td></tr></table>"
        ),
    }


def page(kind: str, payload: str) -> str:
    body = "".join(f"<p>{s}</p>" + (payload if i == 2 else "") for i, s in enumerate(SENTENCES))
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{TITLE}</title></head><body onload=\"window.__pwned='body'\">"
        f"<header><nav><a href='/'>Home</a></nav></header>"
        f"<article><h1>{TITLE}</h1>{body}</article>"
        f"<footer>Footer {kind}</footer></body></html>"
    )


KINDS = tuple(_payloads("").keys())


@pytest.fixture(scope="module")
def beacon() -> Iterator[Loopback]:
    """Any request that leaks from a rendered page lands here."""
    with loopback() as server:
        server.fallback = lambda h: h.send(200, b"", "text/plain")
        yield server


@pytest.fixture(scope="module")
def site(beacon: Loopback) -> Iterator[Loopback]:
    with loopback() as server:
        for kind, payload in _payloads(beacon.url).items():
            body = page(kind, payload).encode("utf-8")
            server.routes[f"/{kind}"] = functools.partial(_serve, body=body)
        yield server


def _serve(h: Handler, body: bytes) -> None:
    h.send(200, body)


OPTIONS = IngestOptions(allow_private=True, timeout=10, total_timeout=30)


@pytest.fixture(scope="module")
def read(site: Loopback) -> dict[str, Article]:
    return {kind: load(f"{site.url}/{kind}", OPTIONS) for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS)
def test_the_article_comes_out_whole_and_without_script(
    read: dict[str, Article], kind: str
) -> None:
    article = read[kind]
    for s in SENTENCES:
        assert s in article.text, (kind, s)
    if kind == "markup-as-text":
        assert "&lt;script&gt;" not in article.text
        assert "<script>" + "window.__pwned" in article.text, "markup in the text is text"
    elif kind == "malformed":
        # "<scr<script>ipt>..." and "<![CDATA[<script>...": by HTML's rules the
        # payload after them is text, not script, and a browser shows it so
        pass
    else:
        assert SCRIPT_SOURCE not in article.text, "script source leaked into the article"
        assert "javascript:" not in article.text
    assert article.title == TITLE
    json_round_trip(article.to_json())


@pytest.fixture(scope="module")
def rendered(read: dict[str, Article], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every page retold renders from every hostile page, as files."""
    out = tmp_path_factory.mktemp("rendered")
    markdown = MarkdownIt("commonmark", {"html": True})
    markdown.validateLink = lambda url: True  # type: ignore[method-assign]
    files: dict[str, Path] = {}
    for kind, article in read.items():
        rw = rewrite(article)
        rewrite_whole(article.text, segment(article.text), rw)
        report = audit(article, rw.text)
        pages = {
            "article": to_html(rw, article),
            "markdown": _document(markdown.render(to_markdown(rw, article))),
            "audit": render_html(report, title=article.title),
        }
        if kind == "markup-as-text":  # the audit of a text alone, once
            pages["audit-alone"] = render_html(audit(Article(text=article.text)), title="")
        for name, html in pages.items():
            path = out / f"{kind}-{name}.html"
            path.write_text(html, encoding="utf-8")
            files[f"{kind}-{name}"] = path
    return files


def _document(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>inert</title></head><body>{body}</body></html>"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.mark.browser
def test_control_the_hostile_page_itself_does_run(
    browser: Any, site: Loopback, beacon: Loopback, tmp_path: Path
) -> None:
    raw = tmp_path / "raw.html"
    raw.write_text(page("script", _payloads(beacon.url)["handlers"]), encoding="utf-8")
    before = len(beacon.requests)
    seen = visit(browser, raw)
    assert seen.pwned is not None and seen.requests, "the harness must see a payload run"
    assert len(beacon.requests) > before


@pytest.mark.browser
@pytest.mark.parametrize(
    ("kind", "output"),
    [(k, o) for k in KINDS for o in ("article", "markdown", "audit")]
    + [("markup-as-text", "audit-alone")],
)
def test_rendered_pages_run_and_load_nothing(
    browser: Any, rendered: dict[str, Path], beacon: Loopback, kind: str, output: str
) -> None:
    path = rendered[f"{kind}-{output}"]
    before = len(beacon.requests)
    seen: Visit = visit(browser, path)
    expected = {"article": TITLE, "markdown": "inert", "audit": TITLE, "audit-alone": "Audit"}
    seen.assert_inert(expected[output])
    assert len(beacon.requests) == before, beacon.requests[before:]
    for fact in ("7-2", "$4.2 million", "May 3", "20 minutes"):
        assert fact in seen.text, (fact, seen.text[:300])


@pytest.mark.browser
def test_the_cli_writes_an_inert_page_from_a_hostile_url(
    browser: Any, site: Loopback, beacon: Loopback, tmp_path: Path
) -> None:
    out = tmp_path / "cli.html"
    code = main(
        ["rewrite", f"{site.url}/svg", "--allow-private", "--format", "html", "-o", str(out)]
    )
    assert code == 0
    before = len(beacon.requests)
    visit(browser, out).assert_inert(TITLE)
    assert len(beacon.requests) == before
