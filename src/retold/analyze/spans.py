"""Character spans and the spaCy tokens at them, shared by the fact finders."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps any of ``spans``."""
    return any(start < e and s < end for s, e in spans)


def token_at(doc: Any, offset: int) -> Any:
    """The token at character ``offset`` of ``doc``, or ``None``."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
