"""The web page at / driven in headless Chromium (Debian's, through Playwright)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


# Records every value a progress bar shows, as the page sets it: [percent, max, text].
RECORD_PROGRESS = """([bar, box]) => {
  window.progressSeen = [];
  const node = document.getElementById(bar);
  new MutationObserver(() => {
    if (node.hasAttribute("aria-valuenow")) {
      window.progressSeen.push([Number(node.getAttribute("aria-valuenow")),
                                Number(node.getAttribute("aria-valuemax")),
                                document.querySelector(`#${box} .progress-text`).textContent]);
    }
  }).observe(node, { attributes: true, attributeFilter: ["aria-valuenow", "aria-valuetext"] });
}"""


# True once the bar's value is past a per cent.
BAR_PAST = """([bar, percent]) =>
  Number(document.getElementById(bar).getAttribute("aria-valuenow") || -1) > percent"""


def check_bar(seen: list[list[Any]], label: str, says: tuple[str, ...]) -> None:
    """The bar only went forward, in percent, to 100 with the job done; its words
    were the job's stages."""
    assert seen, "the bar never had a value"
    percents = [p for p, _, _ in seen]
    assert percents == sorted(percents), percents
    assert percents[-1] == 100 and seen[-1][2] == f"{label}: done."
    assert {most for _, most, _ in seen} == {100}
    for _, _, text in seen[:-1]:
        assert text.startswith(f"{label}: ") and any(s in text for s in says), text


def test_a_rewrite_shows_which_sentence_it_has_reached(
    page: playwright.Page, server: Server, tmp_path: Path
) -> None:
    total = len(httpx.post(f"{server.url}/v1/segment", json={"text": ARTICLE}).json()["sentences"])
    page.evaluate(RECORD_PROGRESS, ["progress-bar", "progress"])
    page.fill("#source", ARTICLE)
    page.click("#run")
    bar = page.locator("#progress-bar")
    assert bar.get_attribute("role") == "progressbar"
    # past reading, rewriting and ranking: the gate's sentences (or done, on a fast day)
    page.wait_for_function(BAR_PAST, arg=["progress-bar", 36], timeout=180_000)
    page.screenshot(path=str(tmp_path / "progress.png"), full_page=True)
    page.wait_for_selector("#result:not([hidden])", timeout=180_000)
    assert page.is_hidden("#progress")
    assert page.locator(".sentence").count() > 0

    seen = page.evaluate("window.progressSeen")
    stages = (
        f"reading its {total} sentences",
        f"proposing rewrites of {total} sentences",
        f"ranking the rewrites of {total} sentences",
        "checking sentence",
        f"all {total} sentences checked",  # then other rewrites, the whole article
    )
    check_bar(seen, "Rewriting", stages)
    gate = re.compile(rf"checking sentence (\d+) of {total}…")
    checking = [(p, int(m[1])) for p, _, text in seen if (m := gate.search(text))]
    checking = [(p, k) for p, k in checking if 1 < k <= total]
    assert checking, f"no sentence of the gate was seen: {seen}"
    # the gate comes after reading, rewriting and ranking: its bar starts above 0
    assert all(p > 0 for p, _ in checking)
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


def test_the_audit_tab_shows_how_far_the_audit_has_gone(
    page: playwright.Page, server: Server, tmp_path: Path
) -> None:
    corrupted = ARTICLE.replace("1.2 billion", "2.1 billion", 1)
    page.click("#tab-audit")
    page.evaluate(RECORD_PROGRESS, ["audit-progress-bar", "audit-progress"])
    page.fill("#audit-source", ARTICLE)
    page.fill("#audit-rewrite", corrupted)
    page.click("#audit-run")
    assert page.get_attribute("#audit-progress-bar", "role") == "progressbar"
    # moving (or, for a quick audit, already done and hidden)
    page.wait_for_function(BAR_PAST, arg=["audit-progress-bar", 0], timeout=120_000)
    page.screenshot(path=str(tmp_path / "audit-progress.png"), full_page=True)
    page.wait_for_selector("#audit-result:not([hidden])", timeout=120_000)
    assert page.is_hidden("#audit-progress")

    seen = page.evaluate("window.progressSeen")
    check_bar(
        seen,
        "Auditing",
        ("reading", "aligning", "proofreading", "checking sentence pair", "sentence pairs checked"),
    )
    direct = httpx.post(
        f"{server.url}/v1/audit",
        json={"id": "audit", "source": ARTICLE, "rewrite": corrupted, "mode": "rewrite"},
        timeout=120,
    ).json()
    groups = len(direct["alignments"])
    pair = re.compile(r"checking sentence pair (\d+) of (\d+)…")
    for _, _, text in seen:
        if m := pair.search(text):
            assert 1 <= int(m[1]) <= groups and int(m[2]) == groups, text
    summary = page.inner_text("#audit-summary")
    assert summary.startswith(f"Score {direct['score']:.3f} (rewrite)")
    assert "'1.2 billion' became '2.1 billion'" in page.inner_text("#audit-issues") or any(
        "2.1 billion" in m for m in page.locator("#audit-issues mark.error").all_inner_texts()
    )
    assert page.frame_locator("#audit-report").locator("td.rw mark.error").count() > 0
    page.screenshot(path=str(tmp_path / "audit-done.png"), full_page=True)
    assert (tmp_path / "audit-progress.png").stat().st_size > 10_000


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
