"""Build the hand-annotated fact sets (dev.json, heldout.json) from dev.txt / heldout.txt.

The .txt files are what the annotator writes: each article's text, then one
line per fact in reading order (``kind | text | value | qualifier | unit``).
This script only turns each fact's surface text into character offsets: it
looks for the text at or after the previous fact's start, at word boundaries
when there are any, and fails loudly when it cannot find it.

Run: python tests/data/facts/build.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _find(text: str, needle: str, pos: int) -> int:
    if needle.startswith("~"):  # a piece of a word: "can|not"
        at = text.find(needle[1:], pos)
        if at < 0:
            raise SystemExit(f"not found after {pos}: {needle!r}")
        return at
    bounded = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    m = bounded.search(text, pos)
    if m is not None:
        return m.start()
    # contractions split inside a word: "ca|n't", "can|not"
    at = text.find(needle, pos)
    if at < 0:
        raise SystemExit(f"not found after {pos}: {needle!r}")
    return at


def parse(path: Path) -> list[dict[str, object]]:
    articles: list[dict[str, object]] = []
    for block in path.read_text(encoding="utf-8").split("### ")[1:]:
        head, _, rest = block.partition("\n")
        body, _, facts_src = rest.partition("\n---\n")
        text = body.strip("\n")
        facts: list[dict[str, object]] = []
        pos = 0
        for line in facts_src.strip("\n").splitlines():
            cells = [c.strip() for c in line.split("|")] + ["", ""]
            kind, surface, value, qualifier, unit = cells[:5]
            start = _find(text, surface, pos)
            surface = surface.lstrip("~")
            fact: dict[str, object] = {
                "kind": kind,
                "text": surface,
                "value": value,
                "start": start,
                "end": start + len(surface),
            }
            if qualifier:
                fact["qualifier"] = qualifier
            if unit:
                fact["unit"] = unit
            facts.append(fact)
            # a quote shares its start with the first fact inside it
            pos = start if kind == "quote" else start + 1
        articles.append({"id": head.strip(), "text": text, "facts": facts})
    return articles


def main() -> None:
    for split in ("dev", "heldout", "fresh"):
        articles = parse(HERE / f"{split}.txt")
        out = HERE / f"{split}.json"
        out.write_text(json.dumps(articles, ensure_ascii=False, indent=1) + "\n", "utf-8")
        n = sum(len(a["facts"]) for a in articles)  # type: ignore[arg-type]
        print(f"{split}: {len(articles)} articles, {n} facts -> {out.name}", file=sys.stderr)
        if "-v" in sys.argv:
            for a in articles:
                t = a["text"]
                for f in a["facts"]:  # type: ignore[union-attr]
                    s, e = f["start"], f["end"]
                    print(
                        f"{f['kind']:9} {t[max(0, s - 15) : s]!r:>20} [{t[s:e]}] {t[e : e + 12]!r}"
                    )


if __name__ == "__main__":
    main()
