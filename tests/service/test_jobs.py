"""Background jobs over real HTTP on loopback: start, poll, progress, result, errors."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from retold.audit.auditor import STAGES as AUDIT_STAGES
from retold.errors import OptionsError
from retold.progress import Stages, fraction
from retold.rewrite.pipeline import STAGES as REWRITE_STAGES
from retold.segment.splitter import segment
from retold.service import ServiceOptions
from retold.service.tasks import DONE, FAILED, QUEUED, RUNNING, Tasks
from tests.service.server import Server, running

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (ROOT / "examples" / "harbor-bridge.txt").read_text(encoding="utf-8")
SHORT = (
    "Officials said 12 people were hurt on Oct. 7 in Springfield. The mayor, Ana Ruiz, "
    "did not comment. Repairs will cost $4.5 million, the council said on Monday."
)
# The article with one number changed: the audit finds it.
CORRUPTED = ARTICLE.replace("1.2 billion", "2.1 billion", 1)
# Polls are not timed: a job is read until it ends, at most this many times.
MAX_POLLS = 20_000


def start(server: Server, command: str, body: object, **params: str) -> httpx.Response:
    return httpx.post(f"{server.url}/v1/jobs/{command}", json=body, params=params, timeout=60)


def follow(server: Server, job: dict[str, Any]) -> list[dict[str, Any]]:
    """Every state of ``job`` read until it is done or failed, the last one included."""
    states = [job]
    with httpx.Client(base_url=server.url, timeout=60) as client:
        for _ in range(MAX_POLLS):
            if states[-1]["state"] in (DONE, FAILED):
                return states
            time.sleep(0.02)
            answer = client.get(f"/v1/jobs/{job['id']}")
            assert answer.status_code == 200, answer.text
            states.append(answer.json())
    raise AssertionError(f"the job did not end in {MAX_POLLS} polls: {states[-1]}")


def test_a_rewrite_job_counts_its_sentences_up_to_the_total(server: Server) -> None:
    check_rewrite_job(server)


def test_jobs_in_worker_processes_report_progress_and_errors_too() -> None:
    with running("--processes", "--workers", "2") as workers:
        assert httpx.get(f"{workers.url}/healthz").json()["limits"]["processes"] is True
        check_rewrite_job(workers)
        request = {"id": "s", "text": ARTICLE}
        answer = httpx.post(f"{workers.url}/v1/summarize", json=request, timeout=120)
        assert answer.json() == httpx.post(f"{workers.url}/v1/summarize", json=request).json()
        assert len(answer.json()["sentences"]) == 3
        port = workers.url.rsplit(":", 1)[1]
        refused = start(workers, "segment", {"url": f"http://127.0.0.1:{port}/"})
        last = follow(workers, refused.json())[-1]
        assert (last["state"], last["status"], last["error"]["code"]) == (FAILED, 422, "E110")


def check_rewrite_job(server: Server) -> None:
    request = {"id": "job1", "text": ARTICLE}
    started = start(server, "rewrite", request)
    assert started.status_code == 202, started.text
    job = started.json()
    assert started.headers["location"] == f"/v1/jobs/{job['id']}"
    assert job["command"] == "rewrite" and job["state"] in (QUEUED, RUNNING)

    states = follow(server, job)
    last = states[-1]
    assert last["state"] == DONE, last
    assert (
        last["result"] == httpx.post(f"{server.url}/v1/rewrite", json=request, timeout=300).json()
    )

    n = len(segment(ARTICLE))
    check_progress(states, REWRITE_STAGES)
    counted = [(s["done"], s["total"]) for s in states if s["total"]]
    assert {total for _, total in counted} == {n}
    checking = [s["done"] for s in states if s["stage"] == "checking"]
    between = {d for d in checking if 0 < d < n}
    assert len(between) >= 2, f"the gate's count was seen rising, not jumping: {checking}"
    assert all(s["state"] == RUNNING for s in states[1:-1] if s["total"])
    assert "checking" in {s["stage"] for s in states}
    # the bar moves before the gate: reading, rewriting and ranking each end with a share
    early = [s["progress"] for s in states if s["stage"] in ("rewriting", "ranking")]
    assert any(p > 0 for p in early), f"no progress seen before the gate: {states[:5]}"


def check_progress(states: list[dict[str, Any]], stages: Stages) -> None:
    """The states a job was seen in: stages in table order, each stage's count and the
    whole job's share never going back, the share 1 once done."""
    order = [name for name, _ in stages]
    seen = [s["stage"] for s in states if s["stage"]]
    assert set(seen) <= set(order), seen
    assert [order.index(s) for s in seen] == sorted(order.index(s) for s in seen)
    for stage in set(seen):
        done = [s["done"] for s in states if s["stage"] == stage]
        assert done == sorted(done), f"{stage} went back: {done}"
    shares = [s["progress"] for s in states]
    assert shares == sorted(shares), f"the share went back: {shares}"
    assert all(0.0 <= p <= 1.0 for p in shares)
    assert states[-1]["state"] == DONE and states[-1]["progress"] == 1.0
    assert states[-1]["done"] == states[-1]["total"]
    assert states[-1]["stage"] == order[-1]


def test_an_audit_job_reports_its_stages_and_ends_with_the_direct_result(server: Server) -> None:
    request = {"id": "a", "source": ARTICLE, "rewrite": CORRUPTED}
    started = start(server, "audit", request)
    assert started.status_code == 202, started.text
    assert started.headers["location"] == f"/v1/jobs/{started.json()['id']}"
    states = follow(server, started.json())
    check_progress(states, AUDIT_STAGES)
    last = states[-1]
    direct = httpx.post(f"{server.url}/v1/audit", json=request, timeout=120).json()
    assert last["result"] == direct
    assert any(i["code"] == "F101" for i in direct["issues"])
    # it ends checking the aligned groups, all of them
    assert (last["stage"], last["done"], last["total"]) == (
        "checking",
        len(direct["alignments"]),
        len(direct["alignments"]),
    )
    assert "rendered" not in last and last["format"] == "json"


def test_a_job_holds_the_rendering_asked_as_well(server: Server) -> None:
    for command, request, fmt in (
        ("audit", {"id": "a", "source": SHORT, "rewrite": SHORT.replace("12", "21")}, "html"),
        ("rewrite", {"id": "r", "text": SHORT}, "md"),
    ):
        started = start(server, command, request, format=fmt)
        assert started.status_code == 202, started.text
        assert started.json()["format"] == fmt
        last = follow(server, started.json())[-1]
        assert last["state"] == DONE and last["format"] == fmt
        direct = httpx.post(
            f"{server.url}/v1/{command}", json=request, params={"format": fmt}, timeout=120
        )
        assert last["rendered"] == direct.text
        assert last["result"] == httpx.post(f"{server.url}/v1/{command}", json=request).json()
        if command == "audit":
            assert '<mark class="error">21</mark>' in last["rendered"]


def test_an_audit_job_without_a_source_reads_and_proofreads(server: Server) -> None:
    request = {"id": "t", "rewrite": SHORT}
    states = follow(server, start(server, "audit", request).json())
    check_progress(states, (("reading", 1.0), ("proofreading", 1.0)))
    assert states[-1]["result"] == httpx.post(f"{server.url}/v1/audit", json=request).json()


def test_other_jobs_end_with_the_same_result_as_their_endpoint(server: Server) -> None:
    for command, request in (
        ("summarize", {"id": "s", "text": ARTICLE, "sentences": 2}),
        ("segment", {"id": "g", "text": SHORT}),
    ):
        answer = start(server, command, request)
        assert answer.status_code == 202
        last = follow(server, answer.json())[-1]
        assert last["state"] == DONE
        direct = httpx.post(f"{server.url}/v1/{command}", json=request, timeout=120).json()
        assert last["result"] == direct
        # only a rewrite and an audit have stages; the others are done or not
        assert (last["done"], last["total"], last["stage"], last["progress"]) == (0, 0, "", 1.0)


def test_each_job_has_its_own_unguessable_id(server: Server) -> None:
    ids = {start(server, "segment", {"text": SHORT}).json()["id"] for _ in range(5)}
    assert len(ids) == 5
    assert all(len(i) >= 22 and i.replace("-", "").replace("_", "").isalnum() for i in ids)


@pytest.mark.parametrize(
    ("command", "body", "params", "status", "code", "says"),
    [
        ("rewrite", {"text": SHORT, "strength": "huge"}, {}, 400, "E300", "strength"),
        ("summarize", {"text": SHORT, "sentence": 2}, {}, 400, "E300", "valid fields"),
        ("rewrite", [1, 2], {}, 400, "E504", "must be a JSON object"),
        ("rewrite", {"text": "a" * 200_001}, {}, 413, "E104", "200001 characters"),
        ("rewrite", {"text": SHORT}, {"format": "pdf"}, 400, "E300", "choose from: html"),
        ("segment", {"text": SHORT}, {"format": "md"}, 400, "E300", "no format 'md'"),
    ],
)
def test_a_bad_job_is_refused_when_it_is_sent(
    server: Server,
    command: str,
    body: object,
    params: dict[str, str],
    status: int,
    code: str,
    says: str,
) -> None:
    answer = start(server, command, body, **params)
    assert answer.status_code == status, answer.text
    assert answer.json().keys() == {"code", "message"}
    assert answer.json()["code"] == code
    assert says in answer.json()["message"]


def test_a_job_that_fails_while_it_runs_says_why(server: Server) -> None:
    port = server.url.rsplit(":", 1)[1]
    answer = start(server, "summarize", {"id": "u", "url": f"http://127.0.0.1:{port}/"})
    assert answer.status_code == 202
    last = follow(server, answer.json())[-1]
    assert last["state"] == FAILED
    assert last["status"] == 422
    assert last["error"]["code"] == "E110"
    assert "--allow-private" in last["error"]["message"]
    assert "result" not in last


def test_an_unknown_job_is_a_json_404(server: Server) -> None:
    answer = httpx.get(f"{server.url}/v1/jobs/not-a-job")
    assert answer.status_code == 404
    assert answer.json()["code"] == "E507"
    assert "POST /v1/jobs/" in answer.json()["message"]
    assert httpx.get(f"{server.url}/v1/jobs/rewrite").json()["code"] == "E507"
    method = httpx.delete(f"{server.url}/v1/jobs/rewrite")
    assert (method.status_code, method.json()["code"]) == (405, "E505")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_finished_jobs_are_kept_a_while_and_a_bounded_number_of_them() -> None:
    clock = Clock()
    store = Tasks(keep=3, ttl=60.0, clock=clock)
    running = store.new("rewrite")
    assert running.start()
    ended = [store.new("segment") for _ in range(5)]
    for task in ended:
        store.finish(task, result={"id": task.id})
    # the three last finished are kept, the running one always
    assert [store.get(t.id) is not None for t in ended] == [False, False, True, True, True]
    assert store.get(running.id) is running
    clock.now += 59.0
    assert store.get(ended[-1].id) is not None
    clock.now += 2.0
    assert all(store.get(t.id) is None for t in ended)
    assert store.get(running.id) is running and len(store) == 1


def test_a_job_that_ended_is_not_revived_by_its_worker() -> None:
    store = Tasks(keep=10, ttl=60.0)
    task = store.new("rewrite")
    store.finish(task, error=OptionsError("timed out", "retry"), status=504)
    assert not task.start()
    task.progress(3, 10, "checking")
    store.finish(task, result={"late": True})
    state = task.to_json()
    assert state["state"] == FAILED and (state["done"], state["total"]) == (0, 0)
    assert state["progress"] == 0.0
    assert state["error"]["code"] == "E300" and state["status"] == 504


def test_a_jobs_share_follows_its_stages_and_never_goes_back() -> None:
    store = Tasks(keep=10, ttl=60.0)
    task = store.new("audit")
    assert task.start()
    task.progress(0, 0, "")
    assert task.to_json()["progress"] == 0.0
    task.progress(5, 10, "reading")
    reading = task.to_json()["progress"]
    assert reading == round(fraction(AUDIT_STAGES, 5, 10, "reading"), 3) > 0
    task.progress(0, 4, "reading")  # told late: the bar stays where it was
    assert task.to_json()["progress"] == reading
    task.progress(2, 4, "checking")
    checking = task.to_json()
    assert checking["progress"] == round(fraction(AUDIT_STAGES, 2, 4, "checking"), 3) > reading
    assert (checking["done"], checking["total"], checking["stage"]) == (2, 4, "checking")
    store.finish(task, result={"id": "a"}, rendered="<p>a</p>")
    done = task.to_json()
    assert (done["progress"], done["done"], done["rendered"]) == (1.0, 4, "<p>a</p>")
    plain = store.new("segment")
    plain.progress(3, 3, "reading")  # a command without stages has no share until done
    assert plain.to_json()["progress"] == 0.0


def test_job_limits_are_checked() -> None:
    for bad in ({"keep_jobs": 0}, {"job_ttl": 0.0}, {"job_ttl": float("nan")}):
        with pytest.raises(OptionsError):
            ServiceOptions(**bad)  # type: ignore[arg-type]
