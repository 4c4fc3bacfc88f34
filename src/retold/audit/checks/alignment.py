"""Checks on an alignment as a whole: a sentence without a counterpart, and meaning drift."""

from __future__ import annotations

from retold.audit import catalogue as cat
from retold.audit.checks.content import unsupported_split
from retold.audit.group import Context, Group, content_tokens, pair, plain_words
from retold.audit.judge import NEW, judge
from retold.audit.registry import check
from retold.data import AlignKind, AuditMode, Issue, Severity


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
    # A paraphrase that splits or rebuilds its sentences may leave one the
    # aligner cannot pair although the source says all of it ("The Fed kept
    # its key rate where it was" after "held its benchmark rate steady"): when
    # the source supports nearly every word, it is a warning (the gate still
    # rejects it); a sentence of new words is an error.
    words = plain_words(content_tokens(rw))
    literal, _ = unsupported_split(words, ctx.source_all, ctx)
    new = [j for j in judge(literal, ctx.source_all, ctx) if j.verdict == NEW]
    restated = bool(words) and len(new) <= _RESTATED * len(words)
    return [
        cat.make(
            "F162",
            "this sentence has no counterpart in the source"
            + (" (though the source says nearly all of its words)" if restated else ""),
            rewrite_span=rw.span,
            rewrite_text=rw.text,
            severity=Severity.WARNING if restated else None,
        )
    ]


# At most this share of new words in a sentence without a counterpart: a restatement.
_RESTATED = 0.25


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
