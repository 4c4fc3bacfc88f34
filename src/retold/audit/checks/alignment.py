"""Checks on an alignment as a whole: a sentence without a counterpart, and meaning drift."""

from __future__ import annotations

from retold.audit import catalogue as cat
from retold.audit.group import Context, Group, pair
from retold.audit.registry import check
from retold.data import AlignKind, AuditMode, Issue


@check("dropped", modes=(AuditMode.REWRITE,), alignments=(AlignKind.DROPPED,), order=10)
def check_dropped(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """A source sentence with no counterpart in a rewrite (F161)."""
    if src.span is None:
        return []
    start, end = src.span
    return [
        cat.make(
            "F161",
            "this source sentence has no counterpart in the rewrite",
            source_span=(start, end),
            source_text=src.parsed.text[start:end],
        )
    ]


@check("added", alignments=(AlignKind.ADDED,), order=20)
def check_added(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """A rewrite sentence with no counterpart in the source (F162)."""
    if not any(c.isalnum() for c in rw.text):
        return []  # stray punctuation is the text checks' business
    return [
        cat.make(
            "F162",
            "this sentence has no counterpart in the source",
            rewrite_span=rw.span,
            rewrite_text=rw.text,
        )
    ]


@check("drift", order=250)
def check_drift(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """An aligned group less similar to its source than ``ctx.drift`` (F171)."""
    a = ctx.alignment
    if ctx.drift is None or a is None or a.score >= ctx.drift:
        return []
    return [
        pair(
            "F171",
            f"the meaning drifted: the rewrite is far from its source (similarity {a.score:.2f})",
            src,
            rw,
        )
    ]
