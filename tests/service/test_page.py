"""The web page at / driven in headless Chromium (Debian's, through Playwright)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.chromium import FLAGS
from tests.service.server import Server

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (ROOT / "examples" / "harbor-bridge.txt").read_text(encoding="utf-8")
SOURCE = (
    "Officials said 12 people were hurt on Oct. 7 in Springfield. "
    "The mayor, Ana Ruiz, did not comment."
)
CORRUPTED = (
    "Officials said 21 people were hurt on Oct. 7 in Springfield. "
    "The mayor, Ana Ruiz, did not comment."
)


@pytest.fixture(scope="module")
def browser() -> Iterator[playwright.Browser]:
    chromium = shutil.which("chromium")
    assert chromium, "scripts/setup-system.sh installs Debian's chromium"
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=chromium,
            args=list(FLAGS),
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: playwright.Browser, server: Server) -> Iterator[playwright.Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda exc: problems.append(str(exc)))
    opened.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))
    opened.goto(server.url + "/")
    opened.wait_for_selector("#health:has-text('Ready')")
    yield opened
    context.close()
    assert problems == []


def test_paste_an_article_run_and_read_the_rewrite(
    page: playwright.Page, server: Server, tmp_path: Path
) -> None:
    page.fill("#source", ARTICLE)
    page.select_option("#backend", "rules")
    page.select_option("#strength", "medium")
    page.click("#run")
    page.wait_for_selector("#result:not([hidden])", timeout=180_000)

    expected = httpx.post(
        f"{server.url}/v1/rewrite",
        json={"id": "page", "text": ARTICLE, "backends": ["rules"], "strength": "medium"},
        timeout=180,
    ).json()
    assert page.inner_text("#headline") == expected["title"]
    assert page.locator(".sentence").count() == len(expected["sentences"])
    points = page.locator("#keypoints li").all_inner_texts()
    assert len(points) == 3
    rewritten = {s["rewrite"] for s in expected["sentences"]}
    assert all(p in rewritten for p in points)
    assert page.locator("#article mark.changed").count() > 0
    page.screenshot(path=str(tmp_path / "rewrite.png"), full_page=True)

    index = next(k for k, s in enumerate(expected["sentences"]) if s["status"] == "rewritten")
    page.locator(f'.sentence[data-index="{index}"]').click()
    detail = page.inner_text("#detail")
    assert "How it was changed" in detail
    assert expected["sentences"][index]["source"]["text"].split()[-1] in detail
    assert page.locator("#detail del.removed, #detail mark.changed").count() > 0

    kept = next(k for k, s in enumerate(expected["sentences"]) if s["status"] == "kept")
    page.locator(f'.sentence[data-index="{kept}"]').focus()
    page.keyboard.press("Enter")
    assert "Why it was kept" in page.inner_text("#detail")
    page.screenshot(path=str(tmp_path / "sentence.png"))

    with page.expect_download() as markdown:
        page.click("#download-md")
    assert markdown.value.path().read_text(encoding="utf-8").startswith("# U.S. and U.K.")
    with page.expect_download() as data:
        page.click("#download-json")
    assert json.loads(data.value.path().read_text(encoding="utf-8")) == expected
    assert (tmp_path / "rewrite.png").stat().st_size > 10_000


# Records every count the progress bar shows, as the page sets it.
RECORD_PROGRESS = """() => {
  window.progressSeen = [];
  const bar = document.getElementById("progress-bar");
  new MutationObserver(() => {
    if (bar.hasAttribute("aria-valuenow")) {
      window.progressSeen.push([Number(bar.getAttribute("aria-valuenow")),
                                Number(bar.getAttribute("aria-valuemax")),
                                document.querySelector("#progress .progress-text").textContent]);
    }
  }).observe(bar, { attributes: true, attributeFilter: ["aria-valuenow"] });
}"""


def test_a_rewrite_shows_which_sentence_it_has_reached(
    page: playwright.Page, server: Server, tmp_path: Path
) -> None:
    total = len(httpx.post(f"{server.url}/v1/segment", json={"text": ARTICLE}).json()["sentences"])
    page.evaluate(RECORD_PROGRESS)
    page.fill("#source", ARTICLE)
    page.click("#run")
    bar = page.locator("#progress-bar")
    assert bar.get_attribute("role") == "progressbar"
    page.wait_for_selector(f'#progress-bar[aria-valuemax="{total}"]', timeout=180_000)
    page.screenshot(path=str(tmp_path / "progress.png"), full_page=True)
    page.wait_for_selector("#result:not([hidden])", timeout=180_000)
    assert page.is_hidden("#progress")
    assert page.locator(".sentence").count() > 0

    seen = page.evaluate("window.progressSeen")
    counts = [done for done, _, _ in seen]
    assert counts == sorted(counts) and counts[-1] == total
    assert {most for _, most, _ in seen} == {total}
    checking = [d for d, _, text in seen if f"checking sentence {d + 1} of {total}" in text]
    assert [c for c in checking if 0 < c < total], seen
    stages = (f"reading its {total} sentences", "proposing and ranking", "checking sentence")
    for _, _, text in seen:
        assert text.startswith("Rewriting: ")
        assert any(s in text for s in stages) or f"all {total} sentences checked" in text, text
    assert (tmp_path / "progress.png").stat().st_size > 10_000


def test_mode_frozen_terms_and_picking_an_alternative(
    page: playwright.Page, server: Server, tmp_path: Path
) -> None:
    page.fill("#source", ARTICLE)
    page.select_option("#mode", "simple")
    page.fill("#frozen", "Harbor Bridge\n  Nope Term  \n")
    page.click("#run")
    page.wait_for_selector("#result:not([hidden])", timeout=180_000)

    expected = httpx.post(
        f"{server.url}/v1/rewrite",
        json={
            "id": "page",
            "text": ARTICLE,
            "backends": ["rules"],
            "strength": "medium",
            "mode": "simple",
            "frozen": ["Harbor Bridge", "Nope Term"],
        },
        timeout=180,
    ).json()
    sentences = expected["sentences"]
    assert page.locator(".sentence").count() == len(sentences)
    assert "the frozen term 'Nope Term' is not in the article" in page.inner_text("#article")
    assert all("indices" not in s for s in sentences)  # simple mode joins nothing

    k = next(i for i, s in enumerate(sentences) if s["alternatives"])
    sentence = page.locator(f'.sentence[data-index="{k}"]')
    assert sentence.inner_text() == sentences[k]["rewrite"]
    sentence.click()
    offered = page.locator("#detail .alternative").all_inner_texts()
    assert offered == [a["text"] for a in sentences[k]["alternatives"]]
    page.locator("#detail button.pick").first.click()
    assert sentence.inner_text() == offered[0]
    # the rewrite it replaced is offered in its place, so the pick can be undone
    assert page.locator("#detail .alternative").first.inner_text() == sentences[k]["rewrite"]
    page.screenshot(path=str(tmp_path / "alternative.png"), full_page=True)
    with page.expect_download() as data:
        page.click("#download-json")
    saved = json.loads(data.value.path().read_text(encoding="utf-8"))
    assert saved["sentences"][k]["rewrite"] == offered[0]
    assert saved["sentences"][k]["picked"] is True

    page.locator("#detail button.pick").first.focus()  # and back, from the keyboard
    page.keyboard.press("Enter")
    assert sentence.inner_text() == sentences[k]["rewrite"]
    assert (tmp_path / "alternative.png").stat().st_size > 10_000


def test_audit_tab_locates_the_changed_number(page: playwright.Page, tmp_path: Path) -> None:
    page.focus("#tab-rewrite")
    page.keyboard.press("ArrowRight")  # the tabs work from the keyboard
    assert page.get_attribute("#tab-audit", "aria-selected") == "true"
    assert page.is_visible("#panel-audit") and not page.is_visible("#panel-rewrite")
    page.fill("#audit-source", SOURCE)
    page.fill("#audit-rewrite", CORRUPTED)
    page.click("#audit-run")
    page.wait_for_selector("#audit-result:not([hidden])", timeout=60_000)

    assert "1 error," in page.inner_text("#audit-summary")
    issue = page.locator("#audit-issues li").first
    assert "F101" in issue.inner_text() and "'12' became '21'" in issue.inner_text()
    assert issue.locator("mark.error").all_inner_texts() == ["12", "21"]
    report = page.frame_locator("#audit-report")
    assert report.locator("td.rw mark.error").inner_text() == "21"
    assert report.locator("td.src mark.error").inner_text() == "12"
    page.screenshot(path=str(tmp_path / "audit.png"), full_page=True)
    assert (tmp_path / "audit.png").stat().st_size > 10_000

    with page.expect_download() as saved:
        page.click("#audit-download-html")
    assert '<mark class="error">21</mark>' in saved.value.path().read_text(encoding="utf-8")


def test_article_text_is_shown_as_text_never_as_markup(page: playwright.Page) -> None:
    hostile = (
        'The sign read "<img src=x onerror=alert(1)>" on Monday. '
        "Officials said <script>alert(2)</script> nothing else."
    )
    page.fill("#source", hostile)
    page.click("#run")
    page.wait_for_selector("#result:not([hidden])", timeout=60_000)
    article = page.inner_text("#article")
    assert "<img src=x onerror=alert(1)>" in article
    assert "<script>alert(2)</script>" in article
    assert page.locator("#article img, #article script, #keypoints img").count() == 0


def test_a_private_url_is_refused_with_the_servers_message(
    page: playwright.Page, server: Server
) -> None:
    page.fill("#source", server.url + "/")
    page.click("#run")
    page.wait_for_selector("#error:not([hidden])", timeout=30_000)
    message = page.inner_text("#error")
    assert "[E110] refusing to fetch" in message
    assert "--allow-private" in message
    assert page.is_hidden("#result")
