"""Dates and times: a date or time changed, added or dropped.

Besides calendar dates and clock times: a date placed by words moved ("last
week" / "next week", "early May" / "late May", "spring" / "fall"), a time
of day moved ("Thursday morning" / "Thursday evening", "early on Sunday" /
"late on Sunday"), a date or time put on its other side ("until" /
"after"), and a time zone changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retold.audit import catalogue as cat
from retold.audit import reading
from retold.audit.group import Context, Group, pair
from retold.audit.registry import check
from retold.data import AuditMode, Fact, FactKind, Issue, Severity
from retold.lexicon.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAYS

_MONTH = rf"(?:{'|'.join(MONTH_NAMES)}|(?:{'|'.join(MONTH_ABBREVIATIONS)})\.?)"
_MONTH_DAY = rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?"


@check("dates", order=110)
def check_dates(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    out: list[Issue] = []
    # Parts read from the whole text, not only from recognised dates: the
    # parser may read "Saturday night" as a time on one side and a date on
    # the other.
    s_parts = reading.date_parts(src.text)
    all_parts = ctx.source_all.cached("date parts", lambda g: reading.date_parts(g.text))
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
            # one; "earlier this year" beside it is no rival. The date that
            # lost a part is the one changed ("Dec. 20" -> "Nov. 20", not the
            # "Wednesday" the rewrite keeps).
            was = rival if rival is not None and rival in calendar else calendar[0]
            out.append(pair("F111", f"the date changed: '{was.text}' became '{r.text}'", was, r))
        else:
            out.append(pair("F112", f"'{r.text}' is a date the source does not have", src, r))
    if ctx.mode == AuditMode.REWRITE:
        changed = {i.source_span for i in out if i.code == "F111"}
        for s in src.of(FactKind.DATE):
            missing = {p for p in reading.date_parts(s.text) if hard.match(p)} - r_parts
            if missing and (s.start, s.end) not in changed:
                out.append(pair("F113", f"the date '{s.text}' was dropped", s, rw))
    return out + _positions_changed(src, rw) + _sides_changed(src, rw, FactKind.DATE, "F111")


# ------------------------------------------------- dates placed by words
#
# Dates that carry no calendar part to compare: "last week" / "next week",
# "yesterday" / "tomorrow", "early May" / "late May", "in the spring" / "in
# the fall". Each is a position ("P" before the current period, "E" and "L"
# its earlier and later part, "M" its middle, "F" after it, or a season's
# name) on an anchor (the period or month it places: "week", "may",
# "season"); two mentions of one anchor whose positions do not meet name
# different dates.


@dataclass(frozen=True, slots=True)
class _Position:
    text: str
    anchor: str
    where: frozenset[str]
    start: int
    end: int


_SEASON = r"spring|summer|fall|autumn|winter"
_RELATIVE_WHERE = {
    "last": "P",
    "past": "P",
    "previous": "P",
    "this past": "P",
    "yesterday": "P",
    "this": "EL",
    "today": "EL",
    "earlier this": "E",
    "later this": "L",
    "tonight": "L",
    "next": "F",
    "coming": "F",
    "tomorrow": "F",
}
_PART_WHERE = {
    "early": "E",
    "the start of": "E",
    "the beginning of": "E",
    "mid": "M",
    "the middle of": "M",
    "late": "L",
    "the end of": "L",
}
_POSITIONS = (
    # "last week", "earlier this year", "next Tuesday", "this past weekend"
    re.compile(
        r"(?<![\w-])(?P<where>this\s+past|earlier\s+this|later\s+this|last|past|previous|this"
        rf"|next|coming)\s+(?P<anchor>week|weekend|month|year|decade|{_SEASON}"
        rf"|{'|'.join(WEEKDAYS)})(?![\w-])",
        re.IGNORECASE,
    ),
    # "yesterday", "tomorrow": positions of the day
    re.compile(r"(?<![\w-])(?P<where>yesterday|today|tonight|tomorrow)(?![\w-])", re.IGNORECASE),
    # "early May", "mid-2024", "the end of March"
    re.compile(
        r"(?<![\w-])(?P<where>early|mid|late|the\s+(?:start|beginning|middle|end)\s+of)[\s-]+"
        rf"(?P<anchor>{'|'.join(MONTH_NAMES)}|(?:19|20)\d\d)(?![\w-])",
    ),
    # "in the spring", "spring 2026", "last fall": the season itself
    re.compile(
        r"(?:(?<=\bin\s)|(?<=\bthe\s)|(?<=\bthis\s)|(?<=\blast\s)|(?<=\bnext\s)"
        r"|(?<=\bearly\s)|(?<=\blate\s)|(?<=\bmid-)|(?<=\bsince\s)|(?<=\bby\s)"
        r"|(?<=\buntil\s)|(?<=\bduring\s)|(?<=\bcoming\s)|(?<=\bpast\s))"
        rf"(?P<season>{_SEASON})(?![\w-])(?!\s+of\s+(?!(?:19|20)\d\d))"
        rf"|(?<![\w-])(?P<season2>{_SEASON})(?=\s+(?:of\s+)?(?:19|20)\d\d)",
        re.IGNORECASE,
    ),
)


def _positions(g: Group) -> list[_Position]:
    out = []
    for sent in g.sentences:
        for pattern in _POSITIONS:
            for m in pattern.finditer(sent.text):
                start, text = sent.start + m.start(), m.group(0)
                found = m.groupdict()
                season = found.get("season") or found.get("season2")
                if season:
                    name = "autumn" if season.lower() == "fall" else season.lower()
                    out.append(
                        _Position(text, "season", frozenset({name}), start, start + len(text))
                    )
                    continue
                where = " ".join(found["where"].lower().split())
                anchor = (found.get("anchor") or "day").lower()
                anchor = "autumn" if anchor == "fall" else anchor
                places = _RELATIVE_WHERE.get(where) or _PART_WHERE[where]
                out.append(_Position(text, anchor, frozenset(places), start, start + len(text)))
    return out


def _positions_changed(src: Group, rw: Group) -> list[Issue]:
    """F111: a date placed by words moved ("last week" -> "next week", "early
    May" -> "late May", "in the spring" -> "in the fall")."""
    s_pos = _positions(src)
    out = []
    for r in _positions(rw) if s_pos else []:
        theirs = [s for s in s_pos if s.anchor == r.anchor]
        if not theirs or any(s.where & r.where for s in theirs):
            continue
        was = theirs[0]
        out.append(
            cat.make(
                "F111",
                f"the date changed: '{was.text}' became '{r.text}'",
                source_span=(was.start, was.end),
                rewrite_span=(r.start, r.end),
                source_text=was.text,
                rewrite_text=r.text,
            )
        )
    return out


# What a preposition says of a date or a time: before it ("by Friday", "until
# 6 p.m.") or after it ("since March", "starting Jan. 6"). A rewrite that
# turns one into the other moves the event to the other side of that date.
_SIDE = re.compile(
    r"\b(?:(?P<before>before|by|until|till|through|prior\s+to|ahead\s+of|no\s+later\s+than"
    r"|earlier\s+than)|(?P<after>after|since|following|from|starting|beginning|no\s+earlier"
    r"\s+than|later\s+than|effective))\s+(?:(?:on|in|at)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


def _side(g: Group, f: Fact) -> str | None:
    m = _SIDE.search(g.parsed.text[max(0, f.start - 25) : f.start])
    if m is None:
        return None
    return "before" if m.group("before") else "after"


def _sides_changed(src: Group, rw: Group, kind: str, code: str) -> list[Issue]:
    """``code``: a date or time the rewrite keeps but puts on its other side
    ("before 11 p.m." -> "after 11 p.m.", "until March" -> "since March")."""
    out = []
    for r in rw.of(kind):
        r_side = _side(rw, r)
        if r_side is None:
            continue
        same = [s for s in src.of(kind) if s.value == r.value]
        sides = {_side(src, s) for s in same} - {None}
        if sides and r_side not in sides:
            s = same[0]
            out.append(
                pair(
                    code,
                    f"the {kind} moved to its other side: '{_with_side(src, s)}' became "
                    f"'{_with_side(rw, r)}'",
                    s,
                    r,
                )
            )
    return out


def _with_side(g: Group, f: Fact) -> str:
    m = _SIDE.search(g.parsed.text[max(0, f.start - 25) : f.start])
    return (m.group(0) if m else "") + f.text


@check("times", order=120)
def check_times(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    out: list[Issue] = []
    s_times = src.of(FactKind.TIME)
    s_vals = {f.value for f in s_times}
    r_vals = {f.value for f in rw.of(FactKind.TIME)}
    for r in rw.of(FactKind.TIME):
        if r.value in s_vals:
            zones = {_zone(s.unit) for s in s_times if s.value == r.value and s.unit}
            if r.unit and zones and _zone(r.unit) not in zones:
                was = next(s for s in s_times if s.value == r.value and s.unit)
                out.append(
                    pair("F114", f"the time zone changed: '{was.text}' became '{r.text}'", was, r)
                )
            continue
        if r.value == "12:00" and re.search(r"\bmid-?day\b", src.text, re.IGNORECASE):
            continue  # "midday" is "noon"
        if _evening_of(rw, r) in s_vals:
            continue  # "11:15 on Friday night" is "11:15 p.m. Friday"
        if s_times:
            # The time the rewrite lost is the one changed: "between 11 a.m. and
            # 6 p.m." -> "... and 4 p.m." changed "6 p.m."
            was = next((s for s in s_times if s.value not in r_vals), s_times[0])
            out.append(pair("F114", f"the time changed: '{was.text}' became '{r.text}'", was, r))
        elif r.value not in {f.value for f in ctx.source_all.of(FactKind.TIME)}:
            out.append(pair("F114", f"'{r.text}' is a time the source does not have", src, r))
    return out + _day_parts_changed(src, rw, ctx) + _sides_changed(src, rw, FactKind.TIME, "F114")


# A part of the day after a clock time with no "a.m." or "p.m." that puts it
# after noon: "at 11:15 on Friday night", "7:30 in the evening".
_AFTER_NOON = re.compile(
    r"^\s+(?:(?:on\s+)?\w+day\s+|in\s+the\s+|at\s+)?(?:night|evening|afternoon)\b", re.I
)


def _evening_of(g: Group, f: Fact) -> str:
    """The afternoon or evening value of clock time ``f`` when a part of the
    day after it says so and it has no "a.m." or "p.m." of its own, else ""."""
    if re.search(r"[ap]\.?\s?m\b", f.text, re.IGNORECASE) or len(f.value) < 5:
        return ""
    hour = int(f.value[:2])
    if not 1 <= hour < 12 or not _AFTER_NOON.match(g.parsed.text[f.end : f.end + 30]):
        return ""
    return f"{hour + 12:02d}{f.value[2:]}"


def _zone(zone: str) -> str:
    """A time zone without its season: "EST" and "EDT" are both "ET"; "UTC" is "GMT"."""
    z = zone.upper()
    if len(z) == 3 and z[0] in "ECMP" and z[1] in "SD" and z[2] == "T":
        return z[0] + "T"
    return "GMT" if z == "UTC" else z


@dataclass(frozen=True, slots=True)
class _DayPart:
    """A time of day a text gives: a part of the day ("Thursday morning", "late
    on Sunday", "overnight") or a clock time, with the day it belongs to
    (``anchor``: "thursday", "today", "" when none is written) and the hours
    it may cover, from midnight of that day."""

    text: str
    anchor: str
    hours: tuple[tuple[float, float], ...]
    start: int
    end: int


# The hours each part of the day may cover, from midnight of its day; the
# night runs past midnight into the next day's small hours (24-29). "early
# Tuesday" is the small hours and the morning, "late Tuesday" the evening and
# the night before midnight. Two parts whose hours do not overlap name
# different times: morning / evening, early / late.
_PART_HOURS: dict[str, tuple[float, float]] = {
    "dawn": (4, 8),
    "daybreak": (4, 8),
    "sunrise": (4, 8),
    "early": (0, 11),
    "morning": (5, 12),
    "midday": (11, 14),
    "lunchtime": (11, 14),
    "afternoon": (12, 18),
    "late": (16, 24),
    "evening": (17, 23),
    "dusk": (17, 21),
    "sunset": (17, 21),
    "nightfall": (17, 22),
    "night": (19, 29),
    "tonight": (19, 29),
    "overnight": (21, 31),
}
_PART = "|".join(p for p in _PART_HOURS if p not in ("early", "late"))
_DAY = rf"(?:{'|'.join(WEEKDAYS)}|today|tomorrow|yesterday|{_MONTH_DAY})"
_ANCHORS = {"this": "today", "last": "yesterday", "tonight": "today"}
# "Thursday morning", "early on Sunday", "late Tuesday night", "this morning",
# "in the evening", "overnight": a part with the day it belongs to, if written.
_DAY_PART = re.compile(
    rf"(?<![\w-])(?:(?P<mod>early|late)\s+(?:on\s+|in\s+the\s+)?)?"
    rf"(?:(?P<day>{_DAY}|this|last)\s+)?(?P<part>{_PART})(?![\w-])"
    rf"|(?<![\w-])(?P<mod2>early|late)\s+(?:on\s+)?(?P<day2>{_DAY})(?![\w-])",
    re.IGNORECASE,
)


def _parts_of(g: Group) -> list[_DayPart]:
    """The times of day ``g`` gives, parts of the day and clock times."""
    out = []
    for sent in g.sentences:
        for m in _DAY_PART.finditer(sent.text):
            part = (m.group("part") or m.group("mod2")).lower()
            if m.group("part") and m.group("part")[0].isupper() and m.start("part") > 0:
                continue  # "Saturday Night Live", a name
            day = (m.group("day") or m.group("day2") or "").lower()
            anchor = _ANCHORS.get(day, _ANCHORS.get(part, " ".join(day.split())))
            start = sent.start + m.start()
            out.append(
                _DayPart(m.group(0), anchor, (_PART_HOURS[part],), start, start + len(m.group(0)))
            )
    for f in g.of(FactKind.TIME):
        hour = int(f.value[:2]) + int(f.value[3:5]) / 60
        hours: tuple[tuple[float, float], ...] = ((hour - 0.5, hour + 0.5),)
        if hour < 6:  # "1:30 a.m." is also the small hours of the night before
            hours += ((hour + 23.5, hour + 24.5),)
        out.append(_DayPart(f.text, _anchor_near(g, f), hours, f.start, f.end))
    return out


def _anchor_near(g: Group, f: Fact) -> str:
    """The day written right after or before a clock time ("7 a.m. Tuesday")."""
    text = g.parsed.text
    m = re.match(rf"\s+(?:on\s+)?({_DAY})\b", text[f.end : f.end + 20], re.IGNORECASE)
    if m is None:
        m = re.search(rf"\b({_DAY}),?\s+(?:at\s+)?$", text[max(0, f.start - 25) : f.start], re.I)
    return " ".join(m.group(1).lower().split()) if m else ""


def _tells_clock(between: str) -> bool:
    """Whether a part of the day after ``between`` (the text from a clock time's
    end) says which half of the day the clock time is in ("3:40 in the
    morning", "11:15 on Friday night")."""
    return re.fullmatch(r"\s+(?:in\s+the\s+|at\s+|(?:on\s+)?\w+day\s+)?", between, re.I) is not None


def _overlap(a: _DayPart, b: _DayPart) -> bool:
    return any(x0 < y1 and y0 < x1 for x0, x1 in a.hours for y0, y1 in b.hours)


def _day_parts_changed(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """F114: a time of day the rewrite moved ("Thursday morning" -> "Thursday
    evening", "early on Sunday" -> "late on Sunday", "at 7 a.m." -> "in the
    evening"). A part is compared with the source's parts of the same day when
    the source gives that day one, else with all its parts; a rewrite that
    only drops a part ("Wednesday night" -> "Wednesday") keeps the fact."""
    s_parts = _parts_of(src)
    if not s_parts:
        return []
    out = []
    clock = {(f.start, f.end) for f in rw.of(FactKind.TIME)}
    ends = {f.end for f in rw.of(FactKind.TIME)}
    text = rw.parsed.text
    for r in _parts_of(rw):
        if (r.start, r.end) in clock:
            continue  # a clock time: the check above compares those
        if any(_tells_clock(text[e : r.start]) for e in ends if e <= r.start):
            continue  # "3:40 in the morning": the clock time's "a.m."
        theirs = [s for s in s_parts if r.anchor and s.anchor == r.anchor] or s_parts
        if any(_overlap(r, s) for s in theirs):
            continue
        was = theirs[0]
        out.append(
            cat.make(
                "F114",
                f"the time of day changed: '{was.text}' became '{r.text}'",
                source_span=(was.start, was.end),
                rewrite_span=(r.start, r.end),
                source_text=was.text,
                rewrite_text=r.text,
            )
        )
    return out
