"""User control over a rewrite (issue 12 item 4): frozen terms, modes, alternatives."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from retold import jobs
from retold.audit.auditor import audit_many
from retold.backends import Backend, Candidate, register, unregister
from retold.backends.base import GenerateOptions, SentenceContext
from retold.backends.openai import OpenAIBackend, OpenAIOptions
from retold.data import Article
from retold.errors import OptionsError
from retold.ingest.loader import article_from_text
from retold.rewrite import RewriteOptions, Rewritten, modes, rewrite
from retold.rewrite.control import frozen_refusal
from retold.rewrite.result import KEPT, REWRITTEN
from retold.segment.splitter import segment

ROOT = Path(__file__).resolve().parents[2]
HARBOR = article_from_text((ROOT / "examples" / "harbor-bridge.txt").read_text(encoding="utf-8"))
FROZEN = ("Harbor Bridge", "Calder Crossing Ltd.", "Port Calder")

_cache: dict[tuple[Any, ...], Rewritten] = {}


def harbor(**options: Any) -> Rewritten:
    """examples/harbor-bridge.txt rewritten with ``options`` (once per set of options)."""
    key = tuple(sorted(options.items()))
    if key not in _cache:
        _cache[key] = rewrite(HARBOR, RewriteOptions(**options))
    return _cache[key]


def _count(term: str, text: str) -> int:
    return len(re.findall(rf"(?<!\w){re.escape(term)}(?!\w)", text))


# --- frozen terms ----------------------------------------------------------


@pytest.mark.parametrize(
    ("candidate", "broken"),
    [
        ("The harbor bridge reopened in May.", True),  # re-cased
        ("The Harbour Bridge reopened in May.", True),  # changed
        ("The Harbor. Bridge reopened in May.", True),  # split
        ("It reopened in May.", True),  # dropped
        ("The Bridge at Harbor reopened in May.", True),  # a word moved out
        ("The Harbor Bridges reopened in May.", True),  # not on a word boundary
        ("In May, the Harbor Bridge reopened.", False),  # moved whole
    ],
)
def test_a_candidate_that_breaks_a_frozen_term_is_refused(candidate: str, broken: bool) -> None:
    reason = frozen_refusal("The Harbor Bridge reopened in May.", candidate, ("Harbor Bridge",))
    assert bool(reason) is broken
    if broken:
        assert reason == "changes the frozen term 'Harbor Bridge'"


def test_frozen_terms_come_out_word_for_word_and_a_missing_one_is_a_warning() -> None:
    result = harbor(frozen=(*FROZEN, "Nope Term"))
    assert result.warnings == (
        "the frozen term 'Nope Term' is not in the article (terms match case and whole words)",
    )
    assert sum(s.status == REWRITTEN for s in result.sentences) > 10
    for s in result.sentences:
        for term in FROZEN:
            assert _count(term, s.rewrite) >= _count(term, s.source.text), (term, s.rewrite)
            for alt in s.alternatives:
                assert _count(term, alt.text) >= _count(term, s.source.text), (term, alt.text)
    assert all(_count(t, result.text) >= _count(t, HARBOR.text) for t in FROZEN)


class _Harbour(Backend):
    """A real backend that always respells "Harbor" (a frozen term's word)."""

    name = "test-harbour"

    def candidates(
        self, context: SentenceContext, options: GenerateOptions
    ) -> tuple[Candidate, ...]:
        if "Harbor" not in context.text:
            return ()
        return (Candidate(context.text.replace("Harbor", "Harbour"), self.name, ("respell",)),)


@pytest.fixture
def harbour() -> Iterator[str]:
    register(_Harbour)
    yield _Harbour.name
    unregister(_Harbour.name)


def test_a_sentence_whose_candidates_all_break_a_frozen_term_says_so(harbour: str) -> None:
    article = Article(
        text="Crews inspected the Harbor Bridge on Monday. They found two cracked spans.",
    )
    free = rewrite(article, RewriteOptions(backends=(harbour,)))
    # unfrozen, the candidate reaches the gate (which judges the respelled name)
    assert free.sentences[0].reason.startswith("every candidate failed the audit")
    held = rewrite(article, RewriteOptions(backends=(harbour,), frozen=("Harbor Bridge",)))
    first = held.sentences[0]
    assert first.status == KEPT and first.rewrite == first.source.text
    assert (
        first.reason
        == "refused before the gate: 1 candidate changes the frozen term 'Harbor Bridge'"
    )
    assert first.to_json()["reason"] == first.reason


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"frozen": "Harbor Bridge"}, "frozen must be a tuple of terms"),
        ({"frozen": ("",)}, "a frozen term must be a non-empty string"),
        ({"mode": "loud"}, "unknown mode 'loud'"),
        ({"alternatives": -1}, "alternatives must be from 0 to 10"),
        ({"alternatives": 11}, "alternatives must be from 0 to 10"),
    ],
)
def test_bad_options_are_refused(options: dict[str, Any], message: str) -> None:
    with pytest.raises(OptionsError, match=re.escape(message)):
        RewriteOptions(**options)


# --- modes -----------------------------------------------------------------


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*", text))


def test_the_modes_give_different_valid_rewrites_of_a_real_article() -> None:
    standard, formal, simple = (harbor(mode=m) for m in ("standard", "formal", "simple"))
    texts = {m: r.text for m, r in (("standard", standard), ("formal", formal), ("simple", simple))}
    assert texts["simple"] != texts["standard"]
    assert texts["formal"] != texts["standard"]
    for result in (standard, formal, simple):
        # valid: every sentence is there, and the whole-article audit blocks nothing
        covered = [i for s in result.sentences for i in s.indices]
        assert covered == list(range(len(segment(HARBOR.text))))
        assert not result.report.blockers
        assert sum(s.status == REWRITTEN for s in result.sentences) >= 10
    for s in formal.sentences:
        assert modes.contractions(s.rewrite) <= modes.contractions(s.source.text)
        assert len(modes.colloquial_openers(s.rewrite)) <= len(
            modes.colloquial_openers(s.source.text)
        )
    for s in simple.sentences:
        assert len(s.indices) == 1, "simple mode joins no sentences"
        longest = max(_words(p) for p in modes.sentences(s.rewrite))
        assert longest <= _words(s.source.text)


def test_simple_mode_prefers_commoner_words_and_shorter_sentences() -> None:
    assert modes.commoner("They will commence work.", "They will begin work.") > 0
    assert modes.commoner("They will begin work.", "They will commence work.") < 0
    assert modes.shorter(
        "The bridge opened on Monday and the mayor spoke to the crowd.",
        "The bridge opened on Monday. The mayor spoke to the crowd.",
    ) == pytest.approx(0.5)
    assert modes.bonus("simple", "They will commence work.", "They will begin work.") > 0


def test_formal_mode_refuses_contractions_colloquial_openers_and_a_dropped_that() -> None:
    assert modes.refusal("formal", "He did not go.", "He didn't go.").startswith(
        "formal mode: a contraction introduced (didn't)"
    )
    assert modes.refusal("formal", "However, it held.", "But it held.") == (
        "formal mode: a colloquial opener introduced (but)"
    )
    assert modes.refusal("formal", "She said that it held.", "She said it held.") == (
        "formal mode: a 'that' dropped"
    )
    assert modes.refusal("formal", "She said it held.", "It held, she said.") == ""
    assert modes.refusal("standard", "He did not go.", "He didn't go.") == ""


# --- alternatives ------------------------------------------------------------


def test_alternatives_passed_the_gate_and_are_capped() -> None:
    result = harbor()
    with_alternatives = [s for s in result.sentences if s.alternatives]
    assert len(with_alternatives) >= 5
    pairs = []
    for s in result.sentences:
        assert len(s.alternatives) <= 2
        if s.status == KEPT:
            assert s.alternatives == ()
        texts = [a.text for a in s.alternatives]
        assert s.rewrite not in texts and len(set(texts)) == len(texts)
        pairs += [(s.source.text, a.text) for a in s.alternatives]
    assert all(not report.blockers for report in audit_many(pairs))
    data = json.loads(json.dumps(result.to_json()))
    first = next(s for s in data["sentences"] if s["alternatives"])
    assert set(first["alternatives"][0]) == {"text", "backend", "operations"}
    assert first["alternatives"][0]["backend"] == "rules"
    assert all(s["alternatives"] == [] for s in data["sentences"] if s["status"] == "kept")


def test_no_alternatives_when_asked_for_none() -> None:
    result = harbor(alternatives=0)
    assert all(s.alternatives == () for s in result.sentences)
    assert [s.rewrite for s in result.sentences] == [s.rewrite for s in harbor().sentences]


# --- the jobs layer and the command line ---------------------------------------


def test_a_rewrite_request_carries_the_controls() -> None:
    request = jobs.RewriteRequest.from_dict(
        {"frozen": ["Harbor Bridge"], "mode": "simple", "alternatives": 1}
    )
    options = request.options()
    assert (options.frozen, options.mode, options.alternatives) == (("Harbor Bridge",), "simple", 1)
    for bad in ({"mode": "loud"}, {"frozen": "Harbor Bridge"}, {"alternatives": True}):
        with pytest.raises(OptionsError):
            jobs.RewriteRequest.from_dict(bad)


def _retold(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "retold.cli", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )


def test_cli_freeze_flags_mode_and_alternatives(tmp_path: Path) -> None:
    terms = tmp_path / "terms.txt"
    terms.write_text("# names we keep\nCalder Crossing Ltd.\n\nNope Term\n", encoding="utf-8")
    done = _retold(
        "rewrite",
        "examples/harbor-bridge.txt",
        "--freeze",
        "Harbor Bridge",
        "--freeze-file",
        str(terms),
        "--mode",
        "simple",
        "--alternatives",
        "1",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["warnings"] == [
        "the frozen term 'Nope Term' is not in the article (terms match case and whole words)"
    ]
    assert all(len(s["alternatives"]) <= 1 for s in data["sentences"])
    assert any(s["alternatives"] for s in data["sentences"])
    assert all("indices" not in s for s in data["sentences"])  # simple mode: no joins


def test_cli_refuses_an_unreadable_freeze_file(tmp_path: Path) -> None:
    done = _retold(
        "rewrite", "examples/harbor-bridge.txt", "--freeze-file", str(tmp_path / "missing.txt")
    )
    assert done.returncode == 2
    assert done.stderr.startswith("retold: error: [E300] cannot read --freeze-file")
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


# --- what language models are told -------------------------------------------


def test_the_mode_and_frozen_terms_are_in_the_prompt() -> None:
    told = GenerateOptions(mode="formal", frozen=("Harbor Bridge", "Elsewhere")).instructions(
        "The Harbor Bridge reopened."
    )
    assert "no contractions" in told
    assert '"Harbor Bridge"' in told and "Elsewhere" not in told
    assert GenerateOptions().instructions("The Harbor Bridge reopened.") == ""


class _Recorder(BaseHTTPRequestHandler):
    bodies: ClassVar[list[dict[str, Any]]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Recorder.bodies.append(body)
        reply = body["messages"][-1]["content"].replace("reopened", "opened again")
        data = json.dumps({"choices": [{"message": {"content": reply}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def test_the_openai_backend_sends_the_mode_to_a_real_endpoint() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        backend = OpenAIBackend(OpenAIOptions(api_base=f"http://127.0.0.1:{server.server_port}/v1"))
        article = Article(text="The Harbor Bridge reopened on Monday.")
        result = rewrite(
            article,
            RewriteOptions(backends=(backend,), mode="simple", frozen=("Harbor Bridge",)),
        )
    finally:
        server.shutdown()
        server.server_close()
    system = _Recorder.bodies[-1]["messages"][0]["content"]
    assert "common, everyday words" in system
    assert 'Keep these words exactly as written, in the same case: "Harbor Bridge".' in system
    assert _Recorder.bodies[-1]["messages"][1]["content"] == article.text
    assert result.sentences[0].source.text == article.text
