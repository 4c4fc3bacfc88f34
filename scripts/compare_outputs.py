"""Snapshot retold's outputs and compare two snapshots byte for byte.

A refactoring must not change what users get. This script runs the public
CLI (the stable contract) over the example articles and the 99 dev CNN/DM
articles, writes every output to a folder, and compares two such folders.

    .venv/bin/python scripts/compare_outputs.py snapshot out/before
    ... change the code ...
    .venv/bin/python scripts/compare_outputs.py snapshot out/after --pairs-from out/before
    .venv/bin/python scripts/compare_outputs.py compare out/before out/after

Outputs: segment, facts, summarize and rewrite as JSON lines for every
article; audit in summary mode (article against its reference highlights)
and in rewrite mode (article against the rewritten body of the first
snapshot, so both runs audit the same pairs); and the text, Markdown and
HTML renderings of the examples. ``--pairs-from`` makes the second snapshot
read the rewrite-mode pairs of the first.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
RETOLD = [str(ROOT / ".venv" / "bin" / "retold")]


def _articles() -> list[dict[str, str]]:
    rows = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        rows.append({"id": path.stem, "text": path.read_text(encoding="utf-8")})
    for k, line in enumerate((DATA / "cnndm_dev.jsonl").read_text().splitlines()):
        if line.strip():
            row = json.loads(line)
            rows.append(
                {
                    "id": f"cnndm-{row.get('article_id', k)}",
                    "text": row["article"],
                    "highlights": row.get("highlights", ""),
                }
            )
    return rows


def _run(args: list[str], out: Path) -> None:
    done = subprocess.run(RETOLD + args, capture_output=True, text=True)
    out.write_text(done.stdout, encoding="utf-8")
    (out.parent / (out.name + ".stderr")).write_text(
        f"exit {done.returncode}\n{done.stderr}", encoding="utf-8"
    )
    print(f"{out.name}: exit {done.returncode}", flush=True)


def _body(result: dict[str, object]) -> str:
    """The rewritten article body: paragraphs apart, sentences joined by a space."""
    paragraphs: list[list[str]] = []
    last = None
    for sentence in result["sentences"]:  # type: ignore[attr-defined]
        if sentence.get("paragraph") != last or not paragraphs:
            paragraphs.append([])
            last = sentence.get("paragraph")
        paragraphs[-1].append(sentence["rewrite"])
    return "\n\n".join(" ".join(p) for p in paragraphs)


def snapshot(folder: Path, pairs_from: Path | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rows = _articles()
    docs = folder / "articles.jsonl"
    docs.write_text(
        "".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in rows),
        encoding="utf-8",
    )
    for task in ("segment", "facts", "summarize", "rewrite"):
        _run([task, "--jsonl", str(docs)], folder / f"{task}.jsonl")
    summary_pairs = folder / "pairs_summary.jsonl"
    summary_pairs.write_text(
        "".join(
            json.dumps({"id": r["id"], "source": r["text"], "rewrite": r["highlights"]}) + "\n"
            for r in rows
            if r.get("highlights")
        ),
        encoding="utf-8",
    )
    _run(
        ["audit", "--mode", "summary", "--jsonl", str(summary_pairs)],
        folder / "audit_summary.jsonl",
    )
    rewrite_pairs = folder / "pairs_rewrite.jsonl"
    if pairs_from is not None:
        rewrite_pairs.write_bytes((pairs_from / "pairs_rewrite.jsonl").read_bytes())
    else:
        results = [json.loads(x) for x in (folder / "rewrite.jsonl").read_text().splitlines()]
        by_id = {r["id"]: r["text"] for r in rows}
        rewrite_pairs.write_text(
            "".join(
                json.dumps({"id": r["id"], "source": by_id[r["id"]], "rewrite": _body(r)}) + "\n"
                for r in results
                if "sentences" in r
            ),
            encoding="utf-8",
        )
    _run(["audit", "--jsonl", str(rewrite_pairs)], folder / "audit_rewrite.jsonl")
    for path in sorted((ROOT / "examples").glob("*.txt")):
        name = path.stem
        _run(["segment", str(path), "--format", "text"], folder / f"{name}.segment.txt")
        _run(["facts", str(path), "--format", "text"], folder / f"{name}.facts.txt")
        _run(["summarize", str(path), "--format", "text"], folder / f"{name}.summary.txt")
        _run(["rewrite", str(path), "--format", "md"], folder / f"{name}.rewrite.md")
        _run(["rewrite", str(path), "--format", "html"], folder / f"{name}.rewrite.html")
    first = sorted((ROOT / "examples").glob("*.txt"))[0]
    pair = json.loads(rewrite_pairs.read_text().splitlines()[0])
    rewritten = folder / "example_rewrite_body.txt"
    rewritten.write_text(pair["rewrite"], encoding="utf-8")
    for fmt in ("text", "html"):
        _run(
            ["audit", str(first), str(rewritten), "--format", fmt],
            folder / f"example.audit.{fmt}",
        )


def compare(before: Path, after: Path) -> int:
    differ = 0
    for old in sorted(before.iterdir()):
        if old.name.startswith(("articles", "pairs_")) or old.name.endswith(".stderr"):
            continue
        new = after / old.name
        if not new.exists():
            print(f"MISSING {old.name}")
            differ += 1
            continue
        if old.read_bytes() == new.read_bytes():
            print(f"same    {old.name}")
            continue
        differ += 1
        if old.suffix == ".jsonl":
            a = old.read_text().splitlines()
            b = new.read_text().splitlines()
            ids = [
                json.loads(x).get("id", k)
                for k, (x, y) in enumerate(zip(a, b, strict=False))
                if x != y
            ]
            print(f"DIFFERS {old.name}: {len(ids)} line(s), ids {ids[:10]}; {len(a)} vs {len(b)}")
        else:
            print(f"DIFFERS {old.name}")
    print(f"{differ} output(s) differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("snapshot")
    p.add_argument("folder", type=Path)
    p.add_argument("--pairs-from", type=Path)
    p = sub.add_parser("compare")
    p.add_argument("before", type=Path)
    p.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.folder, args.pairs_from)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
