"""Output formats: how a command's result is written, one registry entry each.

A format is a :class:`Format` registered in :data:`retold.plugins.FORMATS`
under the name ``--format`` takes; ``commands`` says which commands offer it.
The built-in ones register here exactly as an installed package's would (by
an entry point in the group ``retold_formats`` naming a :class:`Format`)::

    from retold.render.formats import Format

    def shout(output, options):
        return "".join(s["text"].upper() + "\\n" for s in output.data["sentences"])

    SHOUT = Format(commands=("segment", "summarize"), render=shout)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from retold.data import Article
from retold.plugins import FORMATS
from retold.render import text
from retold.render.article import RenderOptions, to_html, to_markdown
from retold.render.audit_page import render_html

__all__ = ["BUILTIN_ORDER", "Format", "Output", "formats_for"]


@dataclass(frozen=True, slots=True)
class Output:
    """One command's result, as a format receives it.

    ``data`` is the plain-data result (the JSON contract); ``value`` the
    library's own result when there is one (``Rewritten``, ``Report``);
    ``source`` the article as read (audit: the source, or None when the
    rewrite is checked alone) and ``rewrite`` the audited rewrite as read.
    """

    command: str
    data: dict[str, Any]
    value: Any = None
    source: Article | None = None
    rewrite: Article | None = None


@dataclass(frozen=True, slots=True)
class Format:
    """A way to write a result: ``render(output, options)`` returns the text."""

    commands: tuple[str, ...]
    render: Callable[[Output, RenderOptions], str]
    description: str = ""


# --format's choices come in this order, the built-in default first; formats
# that installed packages add follow, sorted by name.
BUILTIN_ORDER = ("json", "jsonl", "text", "md", "html")


def formats_for(command: str) -> tuple[str, ...]:
    """The names of the formats that ``command`` offers, default first."""
    found = {name for name, fmt in FORMATS.all().items() if command in fmt.commands}
    builtin = [name for name in BUILTIN_ORDER if name in found]
    return (*builtin, *sorted(found - set(builtin)))


def _json(output: Output, options: RenderOptions) -> str:
    return text.json_safe(json.dumps(output.data, ensure_ascii=False)) + "\n"


_TEXT = {
    "segment": text.segment_text,
    "facts": text.facts_text,
    "summarize": text.summary_text,
    "audit": text.audit_text,
}


def _text(output: Output, options: RenderOptions) -> str:
    return _TEXT[output.command](output.data)


def _markdown(output: Output, options: RenderOptions) -> str:
    assert output.source is not None
    return to_markdown(output.value, output.source, options)


def _html(output: Output, options: RenderOptions) -> str:
    if output.command == "rewrite":
        assert output.source is not None
        return to_html(output.value, output.source, options)
    shown = output.rewrite or output.source
    title = (shown.title if shown else "") or str(output.data.get("id", ""))
    return render_html(output.value, title=title)


FORMATS.add("json", Format(("facts", "summarize", "rewrite", "audit"), _json, "one JSON object"))
FORMATS.add("jsonl", Format(("segment",), _json, "one JSON object on one line"))
FORMATS.add("text", Format(tuple(_TEXT), _text, "plain text for a terminal, one item per line"))
FORMATS.add("md", Format(("rewrite",), _markdown, "the rewritten article as Markdown"))
FORMATS.add(
    "html", Format(("rewrite", "audit"), _html, "a self-contained HTML page (audit: side by side)")
)
