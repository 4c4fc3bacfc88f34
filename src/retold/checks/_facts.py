"""A private, minimal fact reader for the audit.

The project's fact analysis (``retold.analyze``) is being written beside this;
until it lands the audit reads the facts it compares here, from one spaCy
parse of each text. Values are normalised so that equal facts compare equal:
numbers as plain decimals ("1,200" and "1200", "three" and "3", "1.3 billion"
and "1300000000"), dates as sets of parts ("Oct. 7" and "October 7" both
``{"m10", "d7"}``), times as 24-hour clock ("4:15 p.m." is "16:15").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..data import Fact, FactKind, Sentence
from ..normalize import CARDINAL_VALUES

# Number words as normalize reads them, plus the few this reader also counts.
_SMALL: dict[str, float] = {**CARDINAL_VALUES, "dozen": 12, "hundred": 100, "half": 0.5}
_SCALE = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "m": 1e6,
    "k": 1e3,
}
_NUMWORD = "|".join(sorted((k for k in _SMALL if k not in ("half",)), key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?P<cur>[$£€¥])?\s?(?P<num>\d[\d,]*(?:\.\d+)?|(?:{_NUMWORD})(?:-(?:{_NUMWORD}))?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?"
    r"(?P<pct>\s?%)?",
    re.IGNORECASE,
)
_UNITS = {
    "percent": "percent",
    "per cent": "percent",
    "percentage points": "points",
    "kilometres": "km",
    "kilometers": "km",
    "km": "km",
    "miles": "mi",
    "mile": "mi",
    "metres": "m",
    "meters": "m",
    "feet": "ft",
    "foot": "ft",
    "degrees celsius": "C",
    "degrees fahrenheit": "F",
    "degrees": "deg",
    "euros": "EUR",
    "euro": "EUR",
    "dollars": "USD",
    "dollar": "USD",
    "pounds": "GBP",
    "pound": "GBP",
    "yen": "JPY",
    "years": "year",
    "year": "year",
    "months": "month",
    "month": "month",
    "weeks": "week",
    "week": "week",
    "days": "day",
    "day": "day",
    "hours": "hour",
    "hour": "hour",
    "minutes": "minute",
    "minute": "minute",
    "tonnes": "t",
    "tons": "t",
    "kilograms": "kg",
    "kg": "kg",
    "grams": "g",
    "g": "g",
    "litres": "l",
    "liters": "l",
    "gallons": "gal",
}
_UNIT_RE = re.compile(
    r"^[\s-]?(?P<u>"
    + "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}

QUALIFIERS = {
    "approx": (
        "about",
        "around",
        "roughly",
        "approximately",
        "nearly",
        "almost",
        "some",
        "an estimated",
        "close to",
        "just under",
        "just over",
        "or so",
    ),
    "min": (
        "more than",
        "over",
        "at least",
        "upward of",
        "upwards of",
        "in excess of",
        "no fewer than",
        "no less than",
        "above",
        "exceeding",
    ),
    "max": ("less than", "fewer than", "under", "up to", "at most", "no more than", "below"),
}
_QUAL_RE = re.compile(
    r"(?P<q>"
    + "|".join(
        sorted((re.escape(q) for qs in QUALIFIERS.values() for q in qs), key=len, reverse=True)
    )
    + r")\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_QUAL_CLASS = {q: cls for cls, qs in QUALIFIERS.items() for q in qs}

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = {
    "monday": 1,
    "tuesday": 2,
    "wednesday": 3,
    "thursday": 4,
    "friday": 5,
    "saturday": 6,
    "sunday": 7,
}
_DATE_WORDS = {
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "last",
    "next",
    "this",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "dawn",
    "morning",
    "evening",
    "night",
    "afternoon",
    "weekend",
}
_TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)|\b(?P<noon>noon|midnight)\b",
    re.IGNORECASE,
)
_DURATION = re.compile(r"\b(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b", re.I)
_ENT_KIND = {
    "PERSON": FactKind.PERSON,
    "ORG": FactKind.ORG,
    "GPE": FactKind.PLACE,
    "LOC": FactKind.PLACE,
    "FAC": FactKind.PLACE,
}
_QUOTE = re.compile(r"“([^”]{3,})”|\"([^\"]{3,})\"")


@dataclass(frozen=True, slots=True)
class Parsed:
    """A text with its spaCy parse and facts (offsets into ``text``)."""

    text: str
    doc: Any
    facts: tuple[Fact, ...]


def parse(text: str, nlp: Any) -> Parsed:
    """Parse ``text`` once and read its facts."""
    return parse_doc(text, nlp(text))


def parse_doc(
    text: str, doc: Any, sentences: Sequence[Sentence] | None = None, *, analyze: bool = False
) -> Parsed:
    """Read the facts of ``text`` from its spaCy ``doc``.

    With ``analyze`` (and ``sentences``), the project's fact analysis
    (:func:`retold.analyze.analyze_doc`) reads them instead, mapped to the
    conventions the checks compare (qualifier classes, lower-case names).
    """
    if analyze and sentences is not None:
        return Parsed(text, doc, tuple(_from_analyze(text, doc, sentences)))
    facts = sorted(
        [*_numbers(text, doc), *_dates(doc), *_times(text), *_entities(doc), *_quotes(text)],
        key=lambda f: (f.start, f.kind),
    )
    return Parsed(text, doc, tuple(facts))


def _from_analyze(text: str, doc: Any, sentences: Sequence[Sentence]) -> list[Fact]:
    from ..analyze import analyze_doc

    out = []
    mine_numbers = {(f.start, f.end): f for f in _numbers(text, doc)}
    for f in analyze_doc(doc, sentences):
        if f.kind == FactKind.NUMBER:
            qual = _QUAL_CLASS.get(f.qualifier.lower(), f.qualifier) if f.qualifier else ""
            unit = f.unit
            same = next((m for (a, b), m in mine_numbers.items() if a <= f.start < b), None)
            if unit == "degree" and same is not None and same.unit in ("C", "F"):
                unit = same.unit
            out.append(Fact(f.kind, f.text, f.value, f.start, f.end, f.sentence, qual, unit))
        elif f.kind in (FactKind.PERSON, FactKind.ORG, FactKind.PLACE):
            out.append(Fact(f.kind, f.text, entity_value(f.text), f.start, f.end, f.sentence))
        elif f.kind == FactKind.QUOTE:
            out.append(Fact(f.kind, f.text, quote_value(f.text), f.start, f.end, f.sentence))
        elif f.kind in (FactKind.DATE, FactKind.TIME):
            out.append(f)
    return out


def number_value(text: str) -> float | None:
    """The value of a number written in digits or words ("1,200", "forty-seven")."""
    t = text.lower().replace(",", "")
    try:
        return float(t)
    except ValueError:
        pass
    total = 0.0
    for part in t.split("-"):
        if part not in _SMALL:
            return None
        total += _SMALL[part]
    return total


def _fmt(x: float) -> str:
    return f"{x:.6g}" if x < 1e6 else f"{x:.4e}"


def _date_spans(doc: Any) -> list[tuple[int, int, bool]]:
    """DATE/TIME entity spans, with whether each is a duration ("six years")."""
    out = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            duration = bool(_DURATION.search(ent.text)) and not any(
                t.lower_.strip(".") in _MONTHS for t in ent
            )
            out.append((ent.start_char, ent.end_char, duration))
    return out


def _numbers(text: str, doc: Any) -> Iterator[Fact]:
    dates = [(s, e) for s, e, duration in _date_spans(doc) if not duration]
    for m in _NUMBER.finditer(text):
        start, end = m.start("num"), m.end()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ":"):
            continue  # inside a word or a clock time
        if end < len(text) and text[end : end + 1] == ":" and text[end + 1 : end + 2].isdigit():
            continue
        if any(s <= start < e for s, e in dates):
            continue
        raw = m.group("num")
        value = number_value(raw)
        if value is None:
            continue
        if raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100 and not m.group("cur"):
            continue  # a year
        scale = (m.group("scale") or "").lower()
        if scale:
            value *= _SCALE[scale]
        unit = ""
        if m.group("cur"):
            unit = _CURRENCY[m.group("cur")]
            start = m.start("cur")
        elif m.group("pct"):
            unit = "percent"
        else:
            um = _UNIT_RE.match(text[end : end + 30])
            if um:
                unit = _UNITS[um.group("u").lower()]
                end += um.end()
        qm = _QUAL_RE.search(text[max(0, start - 25) : start])
        qualifier = _QUAL_CLASS[qm.group("q").lower()] if qm else ""
        yield Fact(
            FactKind.NUMBER,
            text[start:end],
            _fmt(value),
            start,
            end,
            qualifier=qualifier,
            unit=unit,
        )


def _dates(doc: Any) -> Iterator[Fact]:
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        parts = date_parts(ent.text)
        if not parts or (_DURATION.search(ent.text) and not any(p[0] in "mw" for p in parts)):
            continue
        yield Fact(FactKind.DATE, ent.text, " ".join(sorted(parts)), ent.start_char, ent.end_char)


def date_parts(text: str) -> set[str]:
    """Normalised parts of a date: month, day, year, weekday, relative words."""
    parts: set[str] = set()
    for w in re.findall(r"[A-Za-z]+|\d+", text):
        lw = w.lower()
        if lw in _MONTHS and (lw != "may" or w[0] == "M"):
            parts.add(f"m{_MONTHS[lw]}")
        elif lw in _WEEKDAYS:
            parts.add(f"w{_WEEKDAYS[lw]}")
        elif w.isdigit():
            n = int(w)
            if len(w) == 4:
                parts.add(f"y{n}")
            elif 1 <= n <= 31:
                parts.add(f"d{n}")
        elif lw in _DATE_WORDS:
            parts.add(lw)
    return parts


def _times(text: str) -> Iterator[Fact]:
    for m in _TIME.finditer(text):
        if m.group("noon"):
            value = "12:00" if m.group("noon").lower() == "noon" else "00:00"
        else:
            h = int(m.group("h")) % 12
            if m.group("ap").lower().startswith("p"):
                h += 12
            value = f"{h:02d}:{int(m.group('m') or 0):02d}"
        yield Fact(FactKind.TIME, m.group(0), value, m.start(), m.end())


def entity_value(text: str) -> str:
    t = re.sub(r"['’]s$", "", text.strip())
    t = re.sub(r"^(?:the|The)\s+", "", t)
    return " ".join(t.lower().split())


def _entities(doc: Any) -> Iterator[Fact]:
    for ent in doc.ents:
        kind = _ENT_KIND.get(ent.label_)
        if kind is None:
            continue
        yield Fact(kind, ent.text, entity_value(ent.text), ent.start_char, ent.end_char)


def quote_value(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", text.lower().replace("’", "'")))


def _quotes(text: str) -> Iterator[Fact]:
    for m in _QUOTE.finditer(text):
        inner = m.group(1) or m.group(2)
        start = m.start(1) if m.group(1) else m.start(2)
        yield Fact(FactKind.QUOTE, inner, quote_value(inner), start, start + len(inner))


def raw_numbers(text: str) -> set[str]:
    """Every number value written in ``text``, dates included, as normalised strings."""
    out = set()
    for m in _NUMBER.finditer(text):
        value = number_value(m.group("num"))
        if value is not None:
            scale = (m.group("scale") or "").lower()
            out.add(_fmt(value * _SCALE[scale] if scale else value))
    return out
