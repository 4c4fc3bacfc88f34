"""The jobs layer: each command's request -> result as plain data, the
contract that the command line, the HTTP service and the batch runner share."""

from __future__ import annotations

import json

import pytest

from retold import jobs
from retold.errors import InputError, OptionsError
from tests.paths import ROOT

EXAMPLE = ROOT / "examples" / "harbor-bridge.txt"

TEXT = "Dr. Ruiz arrived on Oct. 7. She said 1,200 people came.\n"
SOURCE = "The mayor said 12 people came on Monday.\n"
CHANGED = "The mayor said 21 people came on Monday.\n"


def test_segment_from_plain_data_round_trips_offsets() -> None:
    result = jobs.segment({"id": "a", "text": TEXT})
    assert result["id"] == "a"
    assert [s["text"] for s in result["sentences"]] == [
        "Dr. Ruiz arrived on Oct. 7.",
        "She said 1,200 people came.",
    ]
    for s in result["sentences"]:
        assert TEXT[s["start"] : s["end"]] == s["text"]
    json.dumps(result)  # plain data all the way down


def test_html_request_is_extracted() -> None:
    html = (
        "<html><body><article><p>Gov. Lee signed the bill on Jan. 3 in Springfield, Ill., "
        "after a long debate in the state Senate over its cost.</p><p>The law takes effect "
        "in July and covers about 1.2 million workers across the state.</p></article>"
        "</body></html>"
    )
    result = jobs.segment({"id": 7, "html": html})
    assert result["id"] == "7"
    assert result["sentences"][0]["text"].startswith("Gov. Lee signed the bill on Jan. 3")


def test_facts_and_summarize_contracts() -> None:
    facts = jobs.facts(jobs.FactsRequest(id="f", text=TEXT))
    kinds = {f["kind"] for f in facts["facts"]}
    assert {"date", "number", "person"} <= kinds
    text = EXAMPLE.read_text(encoding="utf-8")
    summary = jobs.summarize({"id": "s", "text": text, "sentences": 2})
    assert len(summary["sentences"]) == 2
    assert len(jobs.summarize({"text": text, "ratio": 0.5})["sentences"]) > 2
    for chosen in summary["sentences"]:
        assert chosen["score"] == summary["scores"][chosen["index"]]


def test_audit_pair_and_rewrite_alone() -> None:
    changed = jobs.audit({"id": "p", "source": SOURCE, "rewrite": CHANGED})
    assert changed["id"] == "p"
    assert any(i["code"] == "F101" and i["severity"] == "error" for i in changed["issues"])
    alone = jobs.audit({"id": "t", "rewrite": "You. S. Officials oppose the plan. Scroll to top"})
    assert alone["mode"] == "text"
    assert {i["code"] for i in alone["issues"]} >= {"T201", "T207"}


def test_rewrite_contract() -> None:
    text = "Park Budget Approved\n\nThe council met on Monday. It approved a $4 million budget.\n"
    result = jobs.rewrite({"id": "r", "text": text, "strength": "medium"})
    assert {"id", "title", "summary", "sentences", "report"} <= result.keys()
    assert result["title"] == "Park Budget Approved"
    assert "$4 million" in " ".join(s["rewrite"] for s in result["sentences"])


@pytest.mark.parametrize(
    ("command", "data", "needle"),
    [
        ("segment", {"id": "a", "txt": "x"}, "valid fields: id, text, html, url"),
        ("summarize", {"text": "x", "sentences": "3"}, "must be int"),
        ("summarize", {"text": "x", "sentences": 0}, "at least 1"),
        ("summarize", {"text": "x", "sentences": True}, "must be int"),
        ("rewrite", {"text": "x", "backends": ["nope"]}, "no rewrite backend named 'nope'"),
        ("rewrite", {"text": "x", "strength": "wild"}, "strength"),
        (
            "rewrite",
            {"text": "x", "backend_options": {"openai": {"model": "m"}}},
            "not chosen",
        ),
        (
            "rewrite",
            {"text": "x", "backends": ["openai"], "backend_options": {"openai": {"modle": "m"}}},
            "valid options: api_base, model",
        ),
        ("audit", {"source": "x", "rewrite": "y", "mode": "poem"}, "mode"),
        ("audit", {"source": "x", "rewrite": "y", "text": "z"}, "valid fields"),
    ],
)
def test_bad_requests_are_refused_before_any_work(
    command: str, data: dict[str, object], needle: str
) -> None:
    with pytest.raises(OptionsError, match=None) as caught:
        jobs.request_from_dict(command, data)
    assert needle in str(caught.value)
    result = jobs.handle(command, data)
    assert result["error"]["code"] == "E300"
    assert needle in result["error"]["message"]


def test_missing_article_is_an_error_record() -> None:
    result = jobs.handle("segment", {"id": "x"})
    assert result == {
        "id": "x",
        "error": {
            "code": InputError.code,
            "message": "[E100] the segment request has no article "
            "(give one of 'text', 'html' or 'url')",
        },
    }
    assert jobs.handle("audit", {"id": "y", "source": SOURCE})["error"]["code"] == "E100"


def test_run_records_keeps_order_and_survives_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a", "text": "Dr. Ruiz arrived. She spoke first."}),
        '{"id": "b", "text": "unterminated',
        "",
        json.dumps({"id": "c", "title": "no text"}),
        json.dumps({"id": "d", "text": "   "}),
        json.dumps({"id": "e", "text": "It rained. Then it stopped."}),
    ]
    results = list(jobs.run_records(jobs.SegmentRequest(), lines))
    assert [r.id for r in results] == ["a", "2", "c", "d", "e"]
    assert [r.line for r in results] == [1, 2, 4, 5, 6]
    assert [r.error is None for r in results] == [True, False, False, False, True]
    assert results[1].data["error"]["code"] == "E120"
    assert results[3].data["error"]["code"] == "E101"
    assert results[4].data["sentences"][1]["text"] == "Then it stopped."


def test_run_records_audit_pairs() -> None:
    lines = [
        json.dumps({"id": "ok", "source": SOURCE, "rewrite": SOURCE}),
        json.dumps({"id": "bad", "source": SOURCE, "rewrite": CHANGED}),
        json.dumps({"id": "none", "source": SOURCE}),
    ]
    results = list(jobs.run_records(jobs.AuditRequest(mode="rewrite"), lines))
    assert [r.id for r in results] == ["ok", "bad", "none"]
    assert results[1].data["score"] < results[0].data["score"]
    assert results[2].error is not None and "line 3" in str(results[2].error)


def test_options_are_checked_once_for_many_records() -> None:
    # A backend that cannot work fails before the first record is read.
    request = jobs.RewriteRequest(
        backends=("openai",), backend_options={"openai": {"api_base": "ftp://x"}}
    )
    with pytest.raises(OptionsError, match="http"):
        next(jobs.run_records(request, [json.dumps({"id": "a", "text": TEXT})]))
