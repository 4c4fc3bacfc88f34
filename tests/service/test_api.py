"""The service over real HTTP on loopback: each endpoint, its errors and its limits."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from retold import jobs
from tests.service.server import Server, running

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (ROOT / "examples" / "harbor-bridge.txt").read_text(encoding="utf-8")
SHORT = (
    "Officials said 12 people were hurt on Oct. 7 in Springfield. The mayor, Ana Ruiz, "
    "did not comment. Repairs will cost $4.5 million, the council said on Monday."
)
CORRUPTED = SHORT.replace("12 people", "21 people")


def post(server: Server, command: str, body: object, **params: str) -> httpx.Response:
    return httpx.post(f"{server.url}/v1/{command}", json=body, params=params, timeout=120)


def test_healthz_reports_ready_with_backends_and_limits(server: Server) -> None:
    answer = httpx.get(f"{server.url}/healthz")
    assert answer.status_code == 200
    data = answer.json()
    assert data["status"] == "ready"
    assert "rules" in data["backends"]
    assert data["limits"]["max_body"] == 2 * 1024 * 1024


@pytest.mark.parametrize("command", ["segment", "facts", "summarize"])
def test_text_commands_answer_what_the_jobs_layer_returns(server: Server, command: str) -> None:
    request = {"id": "a1", "text": SHORT}
    answer = post(server, command, request)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.json() == jobs.handle(command, request)


def test_summarize_takes_its_options(server: Server) -> None:
    answer = post(server, "summarize", {"id": "s", "text": ARTICLE, "sentences": 2})
    assert answer.status_code == 200
    assert len(answer.json()["sentences"]) == 2


def test_rewrite_takes_the_users_controls(server: Server) -> None:
    request = {
        "id": "c1",
        "text": SHORT,
        "mode": "formal",
        "frozen": ["Ana Ruiz", "Nobody Here"],
        "alternatives": 1,
    }
    answer = post(server, "rewrite", request)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert data == jobs.rewrite(request)
    assert data["warnings"] == [
        "the frozen term 'Nobody Here' is not in the article (terms match case and whole words)"
    ]
    assert all(len(s["alternatives"]) <= 1 for s in data["sentences"])
    assert all(
        "Ana Ruiz" in s["rewrite"] for s in data["sentences"] if "Ana Ruiz" in s["source"]["text"]
    )
    for body, field in (({"mode": "loud"}, "mode"), ({"frozen": "Ana Ruiz"}, "frozen")):
        refused = post(server, "rewrite", {"text": SHORT, **body})
        assert refused.status_code == 400
        assert refused.json()["code"] == "E300" and field in refused.json()["message"]


def test_rewrite_as_json_markdown_and_html(server: Server) -> None:
    request = {"id": "r1", "text": SHORT, "strength": "strong"}
    data = post(server, "rewrite", request).json()
    assert data == jobs.rewrite(request)
    assert data["sentences"][0]["source"]["text"].startswith("Officials said 12")
    assert all(s["status"] in ("rewritten", "kept") for s in data["sentences"])
    md = post(server, "rewrite", request, format="md")
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert "12 people" in md.text
    page = post(server, "rewrite", request, format="html")
    assert page.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.text.startswith("<!DOCTYPE html>")


def test_audit_finds_the_changed_number_and_renders_the_side_by_side_page(
    server: Server,
) -> None:
    request = {"id": "p1", "source": SHORT, "rewrite": CORRUPTED}
    data = post(server, "audit", request).json()
    assert data == jobs.audit(request)
    number = [i for i in data["issues"] if i["code"] == "F101"]
    assert number and number[0]["severity"] == "error"
    start, end = number[0]["rewrite_span"]
    assert CORRUPTED[start:end] == "21"
    page = post(server, "audit", request, format="html").text
    assert '<mark class="error">21</mark>' in page


def test_requests_run_concurrently_without_errors(server: Server) -> None:
    def one(n: int) -> httpx.Response:
        return post(server, "summarize", {"id": str(n), "text": ARTICLE})

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(one, range(6)))
    assert [a.status_code for a in answers] == [200] * 6
    assert len({json.dumps(a.json()["sentences"]) for a in answers}) == 1


@pytest.mark.parametrize(
    ("body", "status", "code", "says"),
    [
        ({"id": "x", "text": SHORT, "sentence": 2}, 400, "E300", "valid fields: id, text"),
        ({"id": "x", "text": SHORT, "sentences": "two"}, 400, "E300", "must be int"),
        ({"id": "x", "text": "   "}, 422, "E101", ""),
        ({"id": "x"}, 422, "E100", "has no article"),
        ([1, 2], 400, "E504", "must be a JSON object"),
    ],
)
def test_bad_requests_are_json_errors(
    server: Server, body: object, status: int, code: str, says: str
) -> None:
    answer = post(server, "summarize", body)
    assert answer.status_code == status
    assert answer.json().keys() == {"code", "message"}
    assert answer.json()["code"] == code
    assert says in answer.json()["message"]


def test_other_errors_are_json_too(server: Server) -> None:
    not_json = httpx.post(f"{server.url}/v1/segment", content=b"{oops")
    assert (not_json.status_code, not_json.json()["code"]) == (400, "E504")
    assert post(server, "rewrite", {"text": SHORT, "backends": ["nope"]}).json()["code"] == "E300"
    wrong_format = post(server, "segment", {"text": SHORT}, format="md")
    assert wrong_format.status_code == 400 and "choose from" in wrong_format.json()["message"]
    missing = httpx.get(f"{server.url}/v1/nothing")
    assert (missing.status_code, missing.json()["code"]) == (404, "E505")
    method = httpx.get(f"{server.url}/v1/segment")
    assert (method.status_code, method.json()["code"]) == (405, "E505")


def test_an_oversize_body_is_refused_before_it_is_read(server: Server) -> None:
    body = json.dumps({"text": "word " * 500_000}).encode()
    answer = httpx.post(f"{server.url}/v1/segment", content=body)
    assert answer.status_code == 413
    assert answer.json()["code"] == "E503"
    assert "2097152" in answer.json()["message"]


def test_an_oversize_chunked_body_is_refused_as_it_arrives(server: Server) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(300):
            yield b"word " * 2000
        yield b'"}'

    answer = httpx.post(f"{server.url}/v1/segment", content=chunks(), timeout=60)
    assert answer.status_code == 413
    assert answer.json()["code"] == "E503"


def test_an_article_over_the_length_limit_is_refused(server: Server) -> None:
    answer = post(server, "segment", {"text": "a" * 200_001})
    assert answer.status_code == 413
    assert answer.json()["code"] == "E104"
    assert "'text' has 200001 characters" in answer.json()["message"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/",
        "http://localhost:{port}/article",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]:{port}/",
    ],
)
def test_a_private_url_is_refused(server: Server, url: str) -> None:
    port = server.url.rsplit(":", 1)[1]
    answer = post(server, "summarize", {"id": "u", "url": url.format(port=port)})
    assert answer.status_code == 422
    assert answer.json()["code"] == "E110"
    assert "--allow-private" in answer.json()["message"]


@pytest.fixture(scope="module")
def article_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("site")
    (folder / "article.txt").write_text(SHORT, encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{site.server_address[1]}"
    site.shutdown()
    site.server_close()


def test_one_slot_a_short_time_limit_and_private_urls_allowed(article_site: str) -> None:
    """--workers 1 --max-concurrent 1 --timeout 1: a long rewrite is answered 504
    and holds its slot until its thread is done, so the next request is 503; a
    background job keeps the same limits."""
    args = ("--workers", "1", "--max-concurrent", "1", "--timeout", "1", "--allow-private")
    with running(*args) as tight:
        fetched = post(tight, "segment", {"id": "f", "url": f"{article_site}/article.txt"})
        assert fetched.status_code == 200, fetched.text
        assert fetched.json()["sentences"][0]["text"].startswith("Officials said 12")

        started = httpx.post(f"{tight.url}/v1/jobs/rewrite", json={"text": ARTICLE})
        assert started.status_code == 202
        job = started.json()
        for _ in range(10_000):
            if job["state"] == "failed":
                break
            time.sleep(0.05)
            job = httpx.get(f"{tight.url}/v1/jobs/{job['id']}").json()
        assert (job["status"], job["error"]["code"]) == (504, "E502")
        for command in ("segment", "jobs/segment"):  # its thread still holds the slot
            refused = post(tight, command, {"text": SHORT})
            assert (refused.status_code, refused.json()["code"]) == (503, "E501")
        for _ in range(10_000):  # until the thread is done
            if post(tight, "segment", {"text": SHORT}).status_code == 200:
                break
            time.sleep(0.05)

        slow = post(tight, "rewrite", {"id": "long", "text": ARTICLE * 3})
        assert slow.status_code == 504
        assert slow.json()["code"] == "E502"
        busy = post(tight, "segment", {"text": SHORT})
        assert busy.status_code == 503
        assert busy.json()["code"] == "E501"
        assert busy.headers["retry-after"] == "1"
        assert "--max-concurrent" in busy.json()["message"]


def test_the_page_and_its_assets_load_nothing_from_elsewhere(server: Server) -> None:
    page = httpx.get(f"{server.url}/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    for name in ("app.js", "app.css"):
        asset = httpx.get(f"{server.url}/static/{name}")
        assert asset.status_code == 200
        assert "http://" not in asset.text and "https://" not in asset.text
    assert "http" not in page.text.replace('content="width', "")
    assert httpx.get(f"{server.url}/static/../app.py").status_code == 404
    assert httpx.get(f"{server.url}/static/index.htm").json()["code"] == "E505"
