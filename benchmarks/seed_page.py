"""Audit the seed page as a user would, and score it against hand-read defects.

Run from the repository root:

    .venv/bin/python benchmarks/seed_page.py [--verbose]

The seed page (../shared/seed/seed_page.txt) is a title, eight key sentences
and a careless rewrite of the article they come from. A user checks it three
ways, each with the ``retold`` command:

- the whole page alone: ``retold audit seed_page.txt`` (the checks that need
  no source);
- each body paragraph alone, as one checks a passage pasted from the page:
  ``retold audit --jsonl`` with lines that carry no source;
- each key sentence against its counterpart in the rewritten body, in the
  default (rewrite) mode: ``retold audit KEY COUNTERPART``, run as one
  ``--jsonl`` file.

The defects were read off the page by hand, before looking at what retold
reports, into benchmarks/data/seed_defects.json (line, text, the stretch of
the line it breaks). A defect is caught when an error of some view overlaps
that stretch; every error that overlaps no defect is an error on clean text.
Prints one line per figure, then one line per defect and per clean-text error.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT.parent / "shared" / "seed" / "seed_page.txt"
DEFECTS = ROOT / "benchmarks" / "data" / "seed_defects.json"
RETOLD = ROOT / ".venv" / "bin" / "retold"

# Each key sentence (by line) and its counterpart in the body, found by
# reading both: (line, first words, last words) of the counterpart.
COUNTERPARTS = (
    (4, (16, "With a straight face", "on the table.")),
    (5, (20, "Prime Minister Benjamin Netanyahu has shied", "started in October.")),
    (6, (22, "Even though Mr. Netanyahu", "surprised the officials.")),
    (7, (32, "You. S. Officials", "large-scale offensive.")),
    (8, (32, "According to Matthew Miller", "in Jerusalem.")),
    (9, (40, "Mr. Blinken responded", "Rafah offensive.")),
    (10, (48, "Alright, Mr. Netanyahu", "mutually exclusive.")),
    (11, (56, "47 percent of respondents", "end to the conflict.")),
)


@dataclass(frozen=True, slots=True)
class Error:
    """An error-severity issue of one view, placed on the page."""

    view: str
    code: str
    start: int  # page offsets
    end: int
    message: str


@dataclass(frozen=True, slots=True)
class Defect:
    line: int
    text: str
    kind: str
    findable: str
    sure: bool
    start: int  # page offsets of the stretch the defect breaks
    end: int


def line(name: str, value: str, note: str = "") -> None:
    print(f"{name:<58} {value:>10}  {note}".rstrip(), flush=True)


def _line_starts(page: str) -> list[int]:
    starts = [0]
    for k, ch in enumerate(page):
        if ch == "\n":
            starts.append(k + 1)
    return starts


def _line(page: str, starts: list[int], number: int) -> str:
    """Line ``number`` (1-based) of the page, without its newline."""
    return page[starts[number - 1] :].split("\n", 1)[0]


def _defects(page: str, starts: list[int]) -> list[Defect]:
    out = []
    for d in json.loads(DEFECTS.read_text())["defects"]:
        at = starts[d["line"] - 1]
        pos = at + _line(page, starts, d["line"]).index(d["extent"])
        out.append(
            Defect(
                d["line"],
                d["text"],
                d["kind"],
                d["findable"],
                d["sure"],
                pos,
                pos + len(d["extent"]),
            )
        )
    return out


def _counterpart(page: str, starts: list[int], where: tuple[int, str, str]) -> tuple[int, str]:
    number, first, last = where
    at = starts[number - 1]
    begin = page.index(first, at)
    end = page.index(last, begin) + len(last)
    return begin, page[begin:end]


def _run(args: list[str]) -> list[dict[str, object]]:
    out = subprocess.run([str(RETOLD), "audit", *args], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"retold audit {' '.join(args)} failed: {out.stderr.strip()}")
    return [json.loads(x) for x in out.stdout.splitlines() if x.strip()]


def _errors(report: dict[str, object], view: str, offset: int) -> list[Error]:
    found = []
    for issue in report["issues"]:  # type: ignore[attr-defined]
        if issue["severity"] != "error" or issue["rewrite_span"] is None:
            continue
        start, end = issue["rewrite_span"]
        found.append(Error(view, issue["code"], offset + start, offset + end, issue["message"]))
    return found


def audit_page(page: str) -> list[Error]:
    """The errors of every view, on page offsets."""
    starts = _line_starts(page)
    body_at = starts[13]  # line 14: the rewritten body
    errors = _errors(_run([str(PAGE)])[0], "page", 0)
    records: list[dict[str, str]] = []
    offsets: dict[str, int] = {}
    for para in page[body_at:].split("\n\n"):
        if para.strip():
            at = page.index(para, body_at)
            ident = f"passage line {page.count(chr(10), 0, at) + 1}"
            records.append({"id": ident, "rewrite": para})
            offsets[ident] = at
    for key_line, where in COUNTERPARTS:
        key = _line(page, starts, key_line)
        at, text = _counterpart(page, starts, where)
        ident = f"key line {key_line} pair"
        records.append({"id": ident, "source": key, "rewrite": text})
        offsets[ident] = at
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.write("".join(json.dumps(r) + "\n" for r in records))
    try:
        for report in _run(["--jsonl", f.name]):
            ident = str(report["id"])
            errors += _errors(report, ident, offsets[ident])
    finally:
        Path(f.name).unlink()
    return errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print each error's message")
    args = ap.parse_args()
    page = PAGE.read_text()
    starts = _line_starts(page)
    defects = _defects(page, starts)
    errors = audit_page(page)

    def on(e: Error, d: Defect) -> bool:
        return e.start < d.end and d.start < e.end

    def where(pos: int) -> int:
        return page.count("\n", 0, pos) + 1

    findable = [d for d in defects if d.findable != "none"]
    caught_page = [d for d in findable if any(on(e, d) for e in errors if e.view == "page")]
    caught_any = [d for d in findable if any(on(e, d) for e in errors)]
    clean_errors = [e for e in errors if not any(on(e, d) for d in defects)]
    line("seed defects findable from the page", str(len(findable)), f"of {len(defects)} read")
    line("seed defects with an error, whole page alone", f"{len(caught_page)}/{len(findable)}")
    line("seed defects with an error, in any view", f"{len(caught_any)}/{len(findable)}")
    line("seed errors on clean text, any view", str(len(clean_errors)))
    for d in defects:
        views = sorted({f"{e.view}:{e.code}" for e in errors if on(e, d)})
        status = "caught" if views else ("missed" if d.findable != "none" else "not findable")
        line(f"  line {d.line}: {d.text[:40]}", status, ", ".join(views) or d.kind)
    for e in clean_errors:
        text = page[e.start : e.end].replace("\n", " ")
        note = f"{e.view}: {text[:50]!r}" + (f" {e.message[:100]}" if args.verbose else "")
        line(f"  clean-text error line {where(e.start)}", e.code, note)


if __name__ == "__main__":
    main()
