"""The command line, run for real: in-process through main() and as the
installed ``retold`` program."""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from retold.cli import main
from tests.paths import EXAMPLE, ROOT


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str, needle: str) -> None:
    assert code == 2
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("retold: error: [E")
    assert needle in lines[0]


def test_segment_text_keeps_abbreviations_whole(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["segment", str(EXAMPLE), "--format", "text"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "U.S. and U.K. Officials Split Over Funding for Storm-Damaged Harbor Bridge"
    )
    assert any(line.startswith("Ms. Vasquez spoke at 9 a.m. before the Senate") for line in lines)
    assert any("Sen. Martha J. Okafor (D-Calif.) pressed her" in line for line in lines)
    # No sentence may be a torn-off abbreviation like the seed page's "You. S."
    for line in lines:
        assert len(line.split()) > 2, line


def test_segment_json_offsets_round_trip(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["segment", str(EXAMPLE)], capsys)
    assert code == 0
    result = json.loads(out)
    assert result["id"] == str(EXAMPLE)
    text = EXAMPLE.read_text(encoding="utf-8")
    sentences = result["sentences"]
    assert [s["index"] for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert text[s["start"] : s["end"]] == s["text"]
    assert sentences[0]["paragraph"] == 0 and sentences[-1]["paragraph"] > 10


def test_facts_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["facts", str(EXAMPLE)], capsys)
    assert code == 0
    facts = json.loads(out)["facts"]
    text = EXAMPLE.read_text(encoding="utf-8")
    for f in facts:
        assert text[f["start"] : f["end"]] == f["text"]
        assert {"kind", "text", "value", "start", "end", "sentence"} <= f.keys()
    kinds = {f["kind"] for f in facts}
    assert {"number", "date", "person", "quote"} <= kinds
    assert any(f["kind"] == "date" and f["text"].startswith("Oct. 7") for f in facts)


def test_stdin_source(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"Mr. Smith went to Washington, D.C. He left at 9 a.m."))
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(["segment", "-", "--format", "text"], capsys)
    assert code == 0
    assert out.splitlines() == ["Mr. Smith went to Washington, D.C.", "He left at 9 a.m."]


def test_jsonl_keeps_order_and_survives_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "Dr. Ruiz arrived. She spoke first."}),
                '{"id": "b", "text": "unterminated',
                json.dumps({"id": "c", "title": "no text here"}),
                json.dumps(["not", "an", "object"]),
                json.dumps({"id": "e", "text": "   "}),
                json.dumps(
                    {
                        "id": "f",
                        "html": "<html><body><article><p>Gov. Lee signed "
                        "the bill on Jan. 3 in Springfield, Ill., after a long debate in "
                        "the state Senate over its cost.</p><p>The law takes effect in "
                        "July and covers about 1.2 million workers across the state."
                        "</p></article></body></html>",
                    }
                ),
                json.dumps({"id": "g", "text": 42}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    code, out, err = run(["segment", "--jsonl", str(src)], capsys)
    assert code == 2
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["a", "2", "c", "4", "e", "f", "g"]
    assert [s["text"] for s in results[0]["sentences"]] == ["Dr. Ruiz arrived.", "She spoke first."]
    for bad in (1, 2, 3, 4, 6):
        assert results[bad]["error"]["code"].startswith("E")
    assert "Gov. Lee signed the bill on Jan. 3" in results[5]["sentences"][0]["text"]
    for line_no in (2, 3, 4, 5, 7):
        assert f"line {line_no}" in err
    assert "Traceback" not in err


def test_jsonl_all_good_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": 1, "text": "The U.N. met on Oct. 7. It adjourned at noon."}) + "\n",
        encoding="utf-8",
    )
    out_path = tmp_path / "out.jsonl"
    code, _, err = run(["facts", "--jsonl", str(src), "-o", str(out_path)], capsys)
    assert code == 0, err
    (result,) = [json.loads(line) for line in out_path.read_text().splitlines()]
    assert result["id"] == "1"
    assert any(f["kind"] == "date" for f in result["facts"])


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "empty"),
        (b"   \n\t \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"caf\xe9 au lait was \xff\xfe served", "UTF-8"),
    ],
    ids=["empty", "whitespace", "binary", "undecodable"],
)
def test_bad_file_contents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, needle: str
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    code, out, err = run(["segment", str(path)], capsys)
    assert out == ""
    assert_one_line_error(code, err.replace("utf-8", "UTF-8"), needle)


def test_file_over_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)  # sparse: no need to write 20 MB
    code, _, err = run(["segment", str(path)], capsys)
    assert_one_line_error(code, err, "MB")


def test_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["segment", str(tmp_path / "nope.txt")], capsys)
    assert_one_line_error(code, err, "nope.txt")
    code, _, err = run(["facts", str(tmp_path)], capsys)
    assert_one_line_error(code, err, "director")


def test_refused_and_private_urls(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:  # find a port with nothing listening on it
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article"
    code, _, err = run(["segment", url, "--allow-private", "--timeout", "2"], capsys)
    assert_one_line_error(code, err, "127.0.0.1")
    code, _, err = run(["segment", url], capsys)
    assert_one_line_error(code, err, "--allow-private")


def test_source_and_jsonl_together_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["segment", str(EXAMPLE), "--jsonl", str(tmp_path / "x")], capsys)
    assert_one_line_error(code, err, "exactly one")
    code, _, err = run(["segment"], capsys)
    assert_one_line_error(code, err, "exactly one")


def test_missing_jsonl_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["segment", "--jsonl", str(tmp_path / "none.jsonl")], capsys)
    assert_one_line_error(code, err, "none.jsonl")


def test_installed_program_exit_codes(tmp_path: Path) -> None:
    # `pip install -e .` puts the entry point beside the interpreter.
    program = shutil.which("retold", path=str(Path(sys.executable).parent))
    assert program is not None
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [program, "segment", str(EXAMPLE), "--format", "text"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Lt. Col. Sarah K. Lindqvist of the U.S. Army Corps" in done.stdout
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = subprocess.run(
        [program, "facts", str(empty)], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.startswith("retold: error:")


def test_cli_docs_are_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "cli_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_summarize_json_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["summarize", str(EXAMPLE), "-n", "2"], capsys)
    assert code == 0
    result = json.loads(out)
    text = EXAMPLE.read_text(encoding="utf-8")
    chosen = result["sentences"]
    assert len(chosen) == 2
    assert [c["index"] for c in chosen] == sorted(c["index"] for c in chosen)
    for c in chosen:
        assert text[c["start"] : c["end"]] == c["text"]
        assert c["score"] == result["scores"][c["index"]]
    code, out, _ = run(["segment", str(EXAMPLE)], capsys)
    assert len(result["scores"]) == len(json.loads(out)["sentences"])
    code, out, _ = run(["summarize", str(EXAMPLE), "-n", "2", "--format", "text"], capsys)
    assert out.splitlines() == [c["text"] for c in chosen]


def test_summarize_bad_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["summarize", str(EXAMPLE), "-n", "0"], capsys)
    assert out == ""
    assert_one_line_error(code, err, "--sentences must be a whole number from 1 to")
    code, out, err = run(["summarize", str(EXAMPLE), "--ratio", "1.5"], capsys)
    assert_one_line_error(code, err, "ratio")


SOURCE_TEXT = (
    "Transportation Secretary Elena M. Vasquez said on Tuesday that the U.S. would pay "
    "no more than half of the $1.2 billion cost. The bridge closed on Oct. 7.\n"
)
FAITHFUL = (
    "On Tuesday, Transportation Secretary Elena M. Vasquez said the U.S. would pay "
    "no more than half of the $1.2 billion cost. The bridge closed on Oct. 7.\n"
)
CHANGED = (
    "On Tuesday, Transportation Secretary Elena M. Vasquez said the U.S. would pay "
    "no more than half of the $2.1 billion cost. The bridge closed on Oct. 7.\n"
)


def test_audit_source_and_rewrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, good, bad = (tmp_path / n for n in ("src.txt", "good.txt", "bad.txt"))
    src.write_text(SOURCE_TEXT, encoding="utf-8")
    good.write_text(FAITHFUL, encoding="utf-8")
    bad.write_text(CHANGED, encoding="utf-8")
    code, out, _ = run(["audit", str(src), str(good)], capsys)
    assert code == 0
    faithful = json.loads(out)
    assert not [i for i in faithful["issues"] if i["severity"] == "error"]
    code, out, _ = run(["audit", str(src), str(bad)], capsys)
    changed = json.loads(out)
    numbers = [i for i in changed["issues"] if i["kind"] == "number" and i["severity"] == "error"]
    assert numbers
    start, end = numbers[0]["rewrite_span"]
    assert "2.1" in CHANGED[start:end]
    assert changed["score"] < faithful["score"]
    code, out, _ = run(["audit", str(src), str(bad), "--format", "text"], capsys)
    assert out.startswith("score ") and "error F10" in out


def test_audit_likelihood_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, good = tmp_path / "src.txt", tmp_path / "good.txt"
    src.write_text(SOURCE_TEXT, encoding="utf-8")
    good.write_text(FAITHFUL, encoding="utf-8")
    code, out, _ = run(["audit", str(src), str(good)], capsys)
    plain = json.loads(out)
    code, out, _ = run(["audit", str(src), str(good), "--likelihood"], capsys)
    assert code == 0
    weighed = json.loads(out)
    # The language model's likelihood only lowers the scores; the issues stay.
    assert 0.0 < weighed["score"] < plain["score"]
    assert [i["code"] for i in weighed["issues"]] == [i["code"] for i in plain["issues"]]


def test_audit_rewrite_alone_runs_source_free_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "spun.txt"
    path.write_text("You. S. Officials oppose the plan. Scroll to top\n", encoding="utf-8")
    code, out, _ = run(["audit", str(path)], capsys)
    assert code == 0
    report = json.loads(out)
    assert report["mode"] == "text"
    assert {i["code"] for i in report["issues"]} >= {"T201", "T207"}


def test_audit_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "pairs.jsonl"
    lines = [
        {"id": "ok", "source": SOURCE_TEXT, "rewrite": FAITHFUL},
        {"id": "changed", "source": SOURCE_TEXT, "rewrite": CHANGED},
        {"id": "alone", "rewrite": "Alright, the bridge closed on Oct. 7."},
        {"id": "none", "source": SOURCE_TEXT},
    ]
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    code, out, err = run(["audit", "--jsonl", str(src)], capsys)
    assert code == 2
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["ok", "changed", "alone", "none"]
    assert results[1]["score"] < results[0]["score"]
    assert results[2]["mode"] == "text"
    assert any(i["code"] == "T205" for i in results[2]["issues"])
    assert results[3]["error"]["code"] == "E120"
    assert "line 4" in err


def test_audit_argument_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["audit"], capsys)
    assert_one_line_error(code, err, "SOURCE and REWRITE")
    code, _, err = run(["audit", str(EXAMPLE), "--jsonl", "x.jsonl"], capsys)
    assert_one_line_error(code, err, "not both")


def test_audit_html_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, bad = tmp_path / "src.txt", tmp_path / "bad.txt"
    src.write_text(SOURCE_TEXT, encoding="utf-8")
    bad.write_text(CHANGED.replace("cost.", "cost <script>alert(1)</script>."), encoding="utf-8")
    page_path = tmp_path / "report.html"
    code, _, err = run(
        ["audit", str(src), str(bad), "--format", "html", "-o", str(page_path)], capsys
    )
    assert code == 0, err
    page = page_path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "&lt;/script&gt;" in page  # shown as text, never run
    assert "F101" in page
    code, _, err = run(["audit", "--jsonl", str(src), "--format", "html"], capsys)
    assert_one_line_error(code, err, "--jsonl writes JSON lines")


SHORT = (
    "Park Budget Approved\n\n"
    "The council met on Monday. It approved a $4 million budget for 12 parks.\n\n"
    'Mayor Ana Ruiz said the vote was "a good day for the city."\n'
)


def test_rewrite_json_keeps_every_sentence_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "short.txt"
    path.write_text(SHORT, encoding="utf-8")
    code, out, err = run(["rewrite", str(path)], capsys)
    assert code == 0, err
    result = json.loads(out)
    assert result["title"] == "Park Budget Approved"
    assert {"id", "title", "summary", "sentences", "report"} <= result.keys()
    sources = [s["source"] for s in result["sentences"]]
    assert [SHORT[s["start"] : s["end"]] for s in sources] == [s["text"] for s in sources]
    assert [s["start"] for s in sources] == sorted(s["start"] for s in sources)
    body_sentences = [s for s in result["sentences"] if s.get("reason") != "headline"]
    covered = " ".join(s["source"]["text"] for s in body_sentences)
    for sentence in ("The council met on Monday.", "It approved a $4 million budget"):
        assert sentence in covered
    for s in result["sentences"]:
        assert s["status"] in {"rewritten", "kept"}
        assert not [i for i in s["issues"] if i["severity"] == "error"]
    assert any(s["status"] == "rewritten" for s in result["sentences"])
    assert "$4 million" in " ".join(s["rewrite"] for s in result["sentences"])


def test_rewrite_markdown_and_bad_backend(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "short.txt"
    path.write_text(SHORT, encoding="utf-8")
    code, out, _ = run(["rewrite", str(path), "--format", "md", "--no-attribution"], capsys)
    assert code == 0
    assert out.startswith("# Park Budget Approved\n") and "Adapted from" not in out
    assert '"a good day for the city."' in out
    code, _, err = run(["rewrite", str(path), "--backend", "nope"], capsys)
    assert_one_line_error(code, err, "no rewrite backend named 'nope'")


def test_rewrite_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "many.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": SHORT}) + "\n" + json.dumps({"id": "b", "text": ""}) + "\n",
        encoding="utf-8",
    )
    code, out, err = run(["rewrite", "--jsonl", str(src)], capsys)
    assert code == 2 and "line 2" in err
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["id"] == "a" and first["sentences"]
    assert second["error"]["code"] == "E101"


# Article text with terminal controls: a colour (CSI), a window-title change
# (OSC), a bare carriage return, and the 8-bit CSI (U+009B) some terminals obey.
HOSTILE = (
    "Mayor Ana Ruiz said \x1b[31m12 people\x1b[0m came on Monday. "
    "The council \x1b]0;owned\x07met again\rlater. It voted \x9b2J twice.\n"
)


@pytest.mark.parametrize(
    "argv",
    [
        ["segment", "--format", "text"],
        ["facts", "--format", "text"],
        ["summarize", "-n", "3", "--format", "text"],
        ["audit", "--format", "text"],
    ],
    ids=["segment", "facts", "summarize", "audit"],
)
def test_text_output_carries_no_terminal_controls(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    extra = [str(path)] if argv[0] != "audit" else [str(path), str(path)]
    code, out, err = run([argv[0], *extra, *argv[1:]], capsys)
    assert code == 0, err
    controls = [ch for ch in out if (ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) < 0xA0]
    assert controls == []
    if argv[0] in ("segment", "summarize"):
        assert "\\x1b[31m12 people\\x1b[0m" in out and "\\x9b2J" in out


def test_json_output_keeps_the_text_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    code, out, _ = run(["segment", str(path)], capsys)
    assert code == 0
    assert "".join(s["text"] for s in json.loads(out)["sentences"]).count("\x1b") == 3


def test_backend_options_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "short.txt"
    path.write_text(SHORT, encoding="utf-8")
    code, out, err = run(
        ["rewrite", str(path), "--backend", "openai", "--backend-option", "openai.modle=x"],
        capsys,
    )
    assert out == ""
    assert_one_line_error(code, err, "valid options: api_base, model, key_env, timeout")
    code, _, err = run(["rewrite", str(path), "--backend-option", "openai.model=x"], capsys)
    assert_one_line_error(code, err, "not chosen")
    code, _, err = run(["rewrite", str(path), "--backend-option", "model=x"], capsys)
    assert_one_line_error(code, err, "NAME.FIELD=VALUE")
    code, _, err = run(
        ["rewrite", str(path), "--backend", "openai", "--backend-option", "openai.api_base="],
        capsys,
    )
    assert_one_line_error(code, err, "openai.api_base=URL")


def test_openai_flags_are_deprecated_aliases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "short.txt"
    path.write_text(SHORT, encoding="utf-8")
    code, out, err = run(
        ["rewrite", str(path), "--backend", "openai", "--api-base", "ftp://example.invalid"],
        capsys,
    )
    assert code == 2 and out == ""
    notice, error = err.splitlines()
    assert notice == (
        "retold: warning: --api-base is deprecated; use --backend-option "
        "openai.api_base=ftp://example.invalid"
    )
    # The alias reached the backend's options: its URL is the one refused.
    assert error.startswith("retold: error: [E300] the API base 'ftp://example.invalid'")
