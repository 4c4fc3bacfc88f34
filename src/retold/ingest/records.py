"""JSONL input records: one JSON object per line, read lazily and in order.

A malformed line becomes a :class:`~retold.errors.JsonlError` naming its line
number; the lines after it are still read. Used by every ``--jsonl`` adapter
and by batch runs.

Malformed means: not UTF-8, not JSON, not an object, or holding a lone
surrogate (``"\\ud800"``, half of a UTF-16 pair: JSON allows the escape, but it
is no character, and no UTF-8 output could hold it). A UTF-8 byte-order mark
before a line is dropped, as JSON readers may.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from retold.data import Article
from retold.errors import JsonlError
from retold.ingest import loader as ingest
from retold.ingest.loader import IngestOptions
from retold.surrogates import LONE_SURROGATE


@dataclass(frozen=True, slots=True)
class Record:
    """One JSONL line: its 1-based line number, its id and its fields."""

    line: int
    id: str
    fields: Mapping[str, Any]

    def text_field(self, *names: str) -> tuple[str, str] | None:
        """The first of ``names`` present as a string: (name, value)."""
        for name in names:
            value = self.fields.get(name)
            if value is None:
                continue
            if not isinstance(value, str):
                raise JsonlError(
                    f"line {self.line}: field {name!r} must be a string, "
                    f"not {type(value).__name__}",
                    'write it as a JSON string, e.g. {"id": "a1", "text": "..."}',
                )
            return name, value
        return None


@dataclass(frozen=True, slots=True)
class BadLine:
    """A line that could not be read as a record."""

    line: int
    id: str
    error: JsonlError


def read_records(lines: Iterable[str | bytes], start: int = 1) -> Iterator[Record | BadLine]:
    """Parse JSONL lines; blank lines are skipped, bad ones reported in place.

    Lines given as bytes are decoded as UTF-8 one at a time, so a line that
    is not UTF-8 is one bad line. ``start`` is the first line's number (a
    batch runner hands over a file piece by piece).
    """
    for number, raw in enumerate(lines, start=start):
        if isinstance(raw, bytes):
            raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield BadLine(
                    number,
                    str(number),
                    JsonlError(
                        f"line {number}: not valid UTF-8 (byte {exc.start})",
                        "JSONL input must be UTF-8 encoded",
                    ),
                )
                continue
        raw = raw.removeprefix("\ufeff")
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield BadLine(
                number,
                str(number),
                JsonlError(
                    f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})",
                    "each line must hold one JSON object",
                ),
            )
            continue
        if not isinstance(obj, dict):
            yield BadLine(
                number,
                str(number),
                JsonlError(
                    f"line {number}: expected a JSON object, got {type(obj).__name__}",
                    'write one object per line, e.g. {"id": "a1", "text": "..."}',
                ),
            )
            continue
        where = lone_surrogate(obj)
        if where is not None:
            yield BadLine(
                number,
                str(number),
                JsonlError(
                    f"line {number}: {where} holds a lone surrogate, which is no character",
                    "escape a character beyond U+FFFF as a pair, e.g. \\ud83d\\ude00, or "
                    "write it as it is in UTF-8",
                ),
            )
            continue
        raw_id = obj.get("id", number)
        yield Record(number, str(raw_id), obj)


def lone_surrogate(value: Any, where: str = "") -> str | None:
    """Where in ``value`` (parsed JSON) a string holds a lone surrogate, e.g.
    "field 'text' (\\ud800 at character 5)", or None when none does."""
    if isinstance(value, str):
        found = LONE_SURROGATE.search(value)
        if found is None:
            return None
        at = f"\\u{ord(found.group()):04x} at character {found.start()}"
        return f"{where or 'a string'} ({at})"
    if isinstance(value, dict):
        for key, item in value.items():
            found_in = lone_surrogate(key, f"a key of {where or 'the object'}")
            name = where + (f"[{key!r}]" if where else f"field {key!r}")
            found_in = found_in or lone_surrogate(item, name)
            if found_in is not None:
                return found_in
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found_in = lone_surrogate(item, f"{where or 'the line'}[{index}]")
            if found_in is not None:
                return found_in
    return None


def article_from_record(record: Record, options: IngestOptions | None = None) -> Article:
    """Build the Article a record describes: its ``text``, ``html`` or ``url``.

    ``options`` carries URL fetching rules and size limits. A record with
    none of the three fields raises a typed error naming its line.
    """
    found = record.text_field("text", "html", "url")
    if found is None:
        raise JsonlError(
            f"line {record.line}: no 'text', 'html' or 'url' field",
            'give each line one of them, e.g. {"id": "a1", "text": "..."}',
        )
    name, value = found
    if name == "url":
        article = ingest.load(value, options)
    elif name == "html":
        article = ingest.article_from_html(value, url=str(record.fields.get("url") or ""))
    else:
        article = ingest.article_from_text(value)
    return replace(article, id=record.id)
