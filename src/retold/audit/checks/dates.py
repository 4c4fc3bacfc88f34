"""Dates and times: a date or time changed, added or dropped."""

from __future__ import annotations

import re

from retold.audit import reading
from retold.audit.group import Context, Group, pair
from retold.audit.registry import check
from retold.data import AuditMode, FactKind, Issue, Severity


@check("dates", order=110)
def check_dates(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    out: list[Issue] = []
    # Parts read from the whole text, not only from recognised dates: the
    # parser may read "Saturday night" as a time on one side and a date on
    # the other.
    s_parts = reading.date_parts(src.text)
    all_parts = reading.date_parts(ctx.source_all.text)
    hard = re.compile(r"^[mdyw]\d+$")
    r_parts = reading.date_parts(rw.text)
    for r in rw.of(FactKind.DATE):
        parts = reading.date_parts(r.text)
        extra = {p for p in parts - s_parts if hard.match(p)}
        if not extra:
            continue
        s_dates = src.of(FactKind.DATE)
        calendar = [d for d in s_dates if any(hard.match(p) for p in reading.date_parts(d.text))]
        rival = next(
            (
                d
                for d in s_dates
                if {p for p in reading.date_parts(d.text) if hard.match(p)} - r_parts
            ),
            None,
        )
        if extra <= all_parts and rival is not None:
            out.append(
                pair(
                    "F111",
                    f"the date changed: '{rival.text}' became '{r.text}' "
                    f"(a date from elsewhere in the source)",
                    rival,
                    r,
                )
            )
        elif extra <= all_parts:
            out.append(
                pair(
                    "F111",
                    f"the date '{r.text}' is not the date of its source sentence",
                    src,
                    r,
                    Severity.WARNING,
                )
            )
        elif calendar:
            # Only a date with calendar parts can have been changed into this
            # one; "earlier this year" beside it is no rival.
            out.append(
                pair(
                    "F111",
                    f"the date changed: '{calendar[0].text}' became '{r.text}'",
                    calendar[0],
                    r,
                )
            )
        else:
            out.append(pair("F112", f"'{r.text}' is a date the source does not have", src, r))
    if ctx.mode == AuditMode.REWRITE:
        changed = {i.source_span for i in out if i.code == "F111"}
        for s in src.of(FactKind.DATE):
            missing = {p for p in reading.date_parts(s.text) if hard.match(p)} - r_parts
            if missing and (s.start, s.end) not in changed:
                out.append(pair("F113", f"the date '{s.text}' was dropped", s, rw))
    return out


@check("times", order=120)
def check_times(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    out: list[Issue] = []
    s_times = src.of(FactKind.TIME)
    s_vals = {f.value for f in s_times}
    for r in rw.of(FactKind.TIME):
        if r.value in s_vals:
            continue
        if s_times:
            out.append(
                pair(
                    "F114",
                    f"the time changed: '{s_times[0].text}' became '{r.text}'",
                    s_times[0],
                    r,
                )
            )
        elif r.value not in {f.value for f in ctx.source_all.of(FactKind.TIME)}:
            out.append(pair("F114", f"'{r.text}' is a time the source does not have", src, r))
    return out
