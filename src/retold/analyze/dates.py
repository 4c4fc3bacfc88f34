"""Dates and clock times as facts: calendar dates, months, years, weekdays,
decades, relative dates ("last week") and times with their zone."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from retold.analyze.normalize import (
    normalize_date,
    normalize_time,
)
from retold.analyze.numbers import QUALIFIER, SCALE, UNIT, qualifier_before
from retold.analyze.options import AnalyzeOptions
from retold.analyze.spans import Spans, overlaps, token_at
from retold.data import Fact, FactKind
from retold.lexicon.calendar import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    RELATIVE_DAYS,
    RELATIVE_MARKERS,
    RELATIVE_PERIODS,
    WEEKDAYS,
)

_MONTH_FULL = rf"(?:{'|'.join(MONTH_NAMES)})"
_MONTH_ABBR = rf"(?:{'|'.join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))})\."
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_WEEKDAY = rf"(?:{'|'.join(day.capitalize() for day in WEEKDAYS)})"

_DATE = re.compile(
    rf"(?<![\w-])(?:"
    rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<us>\d{{1,2}}/\d{{1,2}}/\d{{4}})"
    rf"|(?P<mdy>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)(?![\w])"
    rf"|(?P<dmy>{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?)(?![\w])"
    rf"|(?P<my>{_MONTH}(?:,\s*|\s+){_YEAR})(?![\w])"
    rf"|(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})(?![\w])"
    rf"|(?P<weekday>{_WEEKDAY})(?![\w])"
    rf"|(?P<decade>(?:(?:1[5-9]|20)\d0)s)(?![\w])"
    rf"|(?P<year>{_YEAR})(?![\w]|,\d|\.\d|\s*(?:%|percent|per\s+cent)|-(?!\d))"
    rf"|(?P<rel>(?i:{'|'.join(RELATIVE_DAYS)}"
    rf"|(?:{'|'.join(RELATIVE_MARKERS)})\s+(?:{'|'.join(RELATIVE_PERIODS)})"
    rf"|(?:earlier|later)\s+this\s+(?:week|month|year)))(?![\w])"
    rf")"
)

_TIME = re.compile(
    r"(?<![\w:.,])(?P<clock>"
    r"\d{1,2}(?::\d{2})?\s*(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b|[AP]M\b|o['’]clock)"
    r"|(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])"
    r"|(?i:noon|midnight)(?![\w])"
    r")"
    r"(?:\s+(?P<zone>ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|UTC|BST|CET|CEST)\b)?"
)


def find_dates(text: str, doc: Any, opts: AnalyzeOptions) -> list[Fact]:
    """The dates of ``text``; a month, weekday or year only where the parse
    says it is one ("May" the modal, "the Saturday Evening Post" are not)."""
    out: list[Fact] = []
    for m in _DATE.finditer(text):
        kind = m.lastgroup or ""
        surface = m.group()
        if kind == "rel" and not opts.relative_dates:
            continue
        if kind == "month" and not _is_month(doc, m.start(), surface):
            continue
        if kind == "weekday" and _inside_name(doc, m.start()):
            continue  # "the Saturday Evening Post"
        if kind == "year" and not _is_year(text, doc, m.start(), m.end()):
            continue
        value = normalize_date(surface)
        if value is None:
            continue
        out.append(Fact(FactKind.DATE, surface, value, m.start(), m.end()))
    return out


_NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})


def _inside_name(doc: Any, offset: int) -> bool:
    tok = token_at(doc, offset)
    if tok is None:
        return False
    # spaCy often leaves "the Saturday Evening Post" unlabelled: a compound
    # of a capitalised proper noun is part of that name
    named_compound = tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.head.is_title
    return bool(tok.ent_type_ in _NAME_LABELS or named_compound)


def _is_month(doc: Any, offset: int, surface: str) -> bool:
    """A lone month name is a month unless it is part of a name ("Donald J.
    November", "June Carter") or another word ("may" the modal)."""
    tok = token_at(doc, offset)
    if tok is None or _inside_name(doc, offset):
        return False
    return surface not in ("May", "March") or tok.pos_ == "PROPN"


def _is_year(text: str, doc: Any, start: int, end: int) -> bool:
    """A bare four-digit number is a year unless it reads as a count or amount."""
    before = text[max(0, start - 15) : start]
    if re.search(r"[$€£]\s?$", before) or QUALIFIER.search(before):
        return False
    after = text[end : end + 20]
    if re.match(rf"\s+(?:{SCALE}|{UNIT})\b", after):
        return False
    tok = token_at(doc, start)
    # "2000 people": a count modifying a plural noun
    return not (
        tok is not None
        and tok.dep_ == "nummod"
        and tok.head.tag_ == "NNS"
        and tok.head.i == tok.i + 1
    )


def find_times(text: str, taken: Spans) -> list[Fact]:
    """Clock times outside the ``taken`` spans, with qualifier and time zone."""
    out: list[Fact] = []
    for m in _TIME.finditer(text):
        if overlaps(m.start(), m.end(), taken):
            continue
        value = normalize_time(m.group("clock"))
        if value is None:
            continue
        qualifier = qualifier_before(text, m.start())
        # the time zone is the unit of a clock time: 9 a.m. ET is not 9 a.m. PT
        zone = m.group("zone") or ""
        fact = Fact(FactKind.TIME, m.group(), value, m.start(), m.end())
        out.append(replace(fact, qualifier=qualifier, unit=zone))
    return out
