"""Character spans and the spaCy tokens at them, shared by the fact finders."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any


def overlaps(start: int, end: int, spans: Spans | Iterable[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps any of ``spans``."""
    if isinstance(spans, Spans):
        return spans.overlaps(start, end)
    return any(start < e and s < end for s, e in spans)


class Spans:
    """Character spans, kept by start, so that asking whether a span overlaps
    any of them costs a bisection and a look at the few that start just
    before it (a 10,000-sentence article has tens of thousands of facts)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0
        self.extend(spans)

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_right(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)
        self._longest = max(self._longest, end - start)

    def extend(self, spans: Iterable[tuple[int, int]]) -> None:
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps any of the spans (``s < end`` and ``start < e``)."""
        k = bisect.bisect_left(self._starts, end) - 1
        # A span that starts ``longest`` or more before ``start`` ends by it.
        while k >= 0 and self._starts[k] > start - self._longest:
            if self._ends[k] > start:
                return True
            k -= 1
        return False


def token_at(doc: Any, offset: int) -> Any:
    """The token at character ``offset`` of ``doc``, or ``None``."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
