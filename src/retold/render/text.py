"""Plain-text renderings of command results, safe to print on a terminal.

Each function takes a command's JSON result (the plain data of
:mod:`retold.jobs`) and returns lines of text. Article text can carry
terminal control sequences (``ESC [ 31 m`` and worse: some terminals act on
sequences that set the title, write to the clipboard or move the cursor), so
every rendering goes through :func:`terminal_safe`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from retold.surrogates import LONE_SURROGATE, utf8_safe

__all__ = [
    "audit_text",
    "facts_text",
    "json_safe",
    "segment_text",
    "summary_text",
    "terminal_safe",
    "utf8_safe",
]

# C0 controls but tab and newline, DEL, and the C1 controls (U+0080-U+009F,
# which include the 8-bit CSI, U+009B, that some terminals still obey).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` with every control character but newline and tab, and every
    lone surrogate, written as a visible escape (``"\\x1b"``, ``"\\ud800"``),
    so none reaches the terminal as a control and the line encodes as UTF-8."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_safe(dumped: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` with each lone
    surrogate written as its ``\\uXXXX`` escape: still the same JSON value,
    and now valid UTF-8. (A surrogate can only stand inside a JSON string.)"""
    return LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def segment_text(result: Mapping[str, Any]) -> str:
    """One sentence per line (a sentence's own line breaks become spaces)."""
    return terminal_safe("".join(s["text"].replace("\n", " ") + "\n" for s in result["sentences"]))


def summary_text(result: Mapping[str, Any]) -> str:
    """The chosen sentences, one per line, in article order."""
    return segment_text(result)


def facts_text(result: Mapping[str, Any]) -> str:
    """Tab-separated: sentence, kind, surface text, value, qualifier, unit."""
    lines = []
    for f in result["facts"]:
        cells = [str(f["sentence"]), f["kind"], f["text"], f["value"]]
        cells += [f.get("qualifier", ""), f.get("unit", "")]
        lines.append("\t".join(cells).rstrip("\t") + "\n")
    return terminal_safe("".join(lines))


def audit_text(result: Mapping[str, Any]) -> str:
    """The score, then one issue per line with where it is."""
    lines = [f"score {result['score']:.3f} ({result['mode']})\n"]
    for issue in result["issues"]:
        where = []
        if issue["source_span"]:
            where.append("source {}-{}".format(*issue["source_span"]))
        if issue["rewrite_span"]:
            where.append("rewrite {}-{}".format(*issue["rewrite_span"]))
        at = f" [{', '.join(where)}]" if where else ""
        lines.append(
            f"{issue['severity']} {issue['code']} {issue['kind']}: {issue['message']}{at}\n"
        )
    if not result["issues"]:
        lines.append("no issues\n")
    return terminal_safe("".join(lines))
