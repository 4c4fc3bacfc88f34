"""How English states an amount besides its digits, for the numbers check.

A paraphrase may state a number in words that hold no digit ("twice", "a
decade", "fortnightly", a "debut" for a first), in another unit ("90
minutes" / "1.5 hours", "half" / "50 percent"), with a qualifier after it
("8,000 or more") or in words the analysis's table lacks ("as high as",
"capped at"), and per a unit of time ("$35 a month"). This module reads
those; it registers no check.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from retold.audit.group import Group
from retold.data import Fact

__all__ = ["decimal_value", "qualifier", "rate", "same_amount", "told_in_words"]


def decimal_value(value: str) -> Decimal | None:
    """The value of a number fact ("1200", "1/2"), or None for a vague one ("dozens")."""
    try:
        if "/" in value:
            num, den = value.split("/", 1)
            return Decimal(num) / Decimal(den)
        return Decimal(value)
    except (InvalidOperation, ArithmeticError, ValueError):
        return None


# Spans of time in one base unit each, so that "90 minutes" is "1.5 hours" and
# "two decades" is "20 years" (months and years do not convert exactly).
_SPAN_SIZE: dict[str, tuple[str, int]] = {
    "second": ("s", 1),
    "minute": ("s", 60),
    "hour": ("s", 3600),
    "day": ("s", 86400),
    "week": ("s", 604800),
    "year": ("y", 1),
    "decade": ("y", 10),
    "century": ("y", 100),
}


def same_amount(value: str, unit: str, other_value: str, other_unit: str) -> bool:
    """Whether two amounts are one: the same value where a unit is the same or
    unstated ("two" and "two goals"), the same span in other units, or a
    fraction and its percentage ("half" and "50 percent")."""
    x, y = decimal_value(value), decimal_value(other_value)
    if x is None or y is None:
        return value == other_value and unit == other_unit
    if {unit, other_unit} == {"percent", ""} and ("/" in value or "/" in other_value):
        share, percent = (x, y) if not unit else (y, x)
        return share * 100 == percent
    if unit == other_unit or not unit or not other_unit:
        return x == y
    a, b = _SPAN_SIZE.get(unit), _SPAN_SIZE.get(other_unit)
    return a is not None and b is not None and a[0] == b[0] and x * a[1] == y * b[1]


# Words that state a number without writing one, each with the amount it
# states: "twice" is two (times), "a decade" ten years, "fortnightly" every two
# weeks, "single-day" one day, a "debut" a first. A paraphrase trades one for
# the other freely ("scored twice" / "scored two goals").
_IMPLIED: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.IGNORECASE), value, unit)
    for pattern, value, unit in (
        (r"once", "1", ""),
        (r"twice", "2", ""),
        (r"thrice", "3", ""),
        (r"a\s+pair\s+of|both|doubled|twofold|two-fold", "2", ""),
        (r"a\s+trio\s+of|tripled|threefold|three-fold", "3", ""),
        (r"quadrupled|fourfold|four-fold", "4", ""),
        (r"(?:a|one)\s+single", "1", ""),
        (r"single-(?:second|minute|hour|day|week|month|year|season|game)", "1", ""),
        (r"(?:a|one)\s+decade|decade-long", "10", "year"),
        (r"(?:a|one)\s+century|century-old", "100", "year"),
        (r"half\s+a\s+century|a\s+half[\s-]century", "50", "year"),
        (r"a\s+quarter[\s-]century|a\s+quarter\s+of\s+a\s+century", "25", "year"),
        (r"(?:a|one)\s+fortnight|fortnightly", "2", "week"),
        (r"debut(?:ed|s)?|maiden|inaugural|opening|premiere", "1", "ordinal"),
    )
)


def _implied(text: str) -> list[tuple[str, str, str]]:
    """(written words, value, unit) of every amount ``text`` states in words of
    :data:`_IMPLIED`."""
    return [
        (m.group(0), value, unit)
        for pattern, value, unit in _IMPLIED
        for m in pattern.finditer(text)
    ]


def told_in_words(f: Fact, text: str) -> str | None:
    """The words of ``text`` that state the amount of ``f`` without its number
    ("twice" for "two goals", "a decade" for "10 years"), or None."""
    for words, value, unit in _implied(text):
        if (unit == "ordinal") == (f.unit == "ordinal") and same_amount(
            f.value, f.unit, value, unit
        ):
            return words
    return None


# What follows a number and says it counts per unit of time: "$35 a month",
# "8,000 steps a day", "10 tonnes daily"; or what comes before it ("a monthly
# fee of $35"). Each word gives the unit of time.
_RATE_UNITS = frozenset(
    {"second", "minute", "hour", "day", "night", "week", "month", "quarter", "year", "season"}
)
_RATE_WORDS: dict[str, str] = {
    "hourly": "hour",
    "daily": "day",
    "nightly": "night",
    "weekly": "week",
    "monthly": "month",
    "quarterly": "quarter",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "annum": "year",
}
_RATE_OPENERS = frozenset({"a", "an", "per", "each", "every"})
# "a year ago", "a day earlier": a point in time, not a rate.
_NOT_RATE_AFTER = frozenset({"ago", "earlier", "later", "before", "after", "old", "since"})
_CLAUSE_END = re.compile(r"[.;:!?()\"“”]|,\s")


def rate(g: Group, f: Fact) -> str | None:
    """What the rate ``f`` is given per: a unit of time ("month" for "$35 a
    month", "$35 monthly") or, after "per", any thing ("person" for "$40 per
    person"); None for no rate."""
    text = g.parsed.text
    tail = _CLAUSE_END.split(text[f.end : f.end + 60], maxsplit=1)[0]
    words = re.findall(r"[\w'-]+", tail.lower())[:5]
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        after = words[i + 2] if i + 2 < len(words) else ""
        if w in _RATE_OPENERS and nxt in _RATE_UNITS and after not in _NOT_RATE_AFTER:
            return nxt
        if w in _RATE_WORDS and w != "annual":
            return _RATE_WORDS[w]
        if w == "per" and nxt and nxt not in ("cent", "annum"):
            return nxt[:-1] if nxt.endswith("s") and not nxt.endswith("ss") else nxt
    head = _CLAUSE_END.split(text[max(0, f.start - 40) : f.start])[-1]
    for w in re.findall(r"[\w'-]+", head.lower())[-4:]:
        if w in _RATE_WORDS:
            return _RATE_WORDS[w]
    return None


# Qualifiers the analysis does not read, with their class: written after the
# number ("8,000 or more", "200-plus", "50 or so", "three hours at most") or
# before it in words its table lacks ("as high as 3 km", "capped at $35", "in
# the region of"). English writes them in all these places.
_AFTER: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cls, re.compile(rf"^(?:{pattern})", re.IGNORECASE))
    for cls, pattern in (
        (
            "min",
            r"-plus\b|\+|\s*(?:[\w-]+\s+)?(?:or|and)\s+(?:more|higher|greater|above|over"
            r"|longer|older|up|upwards?)\b|\s*,?\s*at\s+(?:the\s+)?(?:least|minimum)\b",
        ),
        (
            "max",
            r"\s*(?:[\w-]+\s+)?or\s+(?:less|fewer|lower|below|under|shorter|younger)\b"
            r"|\s*,?\s*at\s+(?:the\s+)?(?:most|maximum)\b",
        ),
        (
            "approx",
            r"-odd\b|\s*(?:[\w-]+\s+)?or\s+(?:so|thereabouts)\b"
            r"|\s*,?\s*(?:give\s+or\s+take|more\s+or\s+less)\b",
        ),
    )
)
_BEFORE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cls, re.compile(rf"(?:{pattern})\s+[$€£]?$", re.IGNORECASE))
    for cls, pattern in (
        (
            "min",
            r"\b(?:better|greater|higher|larger|bigger)\s+than"
            r"|(?<!\bno\s)\b(?:older|longer)\s+than"
            r"|\bnot\s+(?:less|fewer)\s+than"
            r"|\b(?:climb|ris|rose|jump|soar|surg|shot|edg|creep|crept)\w*\s+past"
            r"|\b(?:a\s+little|slightly|well)\s+(?:over|above|more\s+than)",
        ),
        (
            "max",
            r"\bas\s+(?:high|many|much|far|long|large|big|deep|tall|heavy|fast|great)\s+as"
            r"|\b(?:cap|caps|capped|capping|limit|limits|limited|limiting)\b[^.;,]{0,40}?\s(?:at|to)"
            r"|\bnot\s+(?:more\s+than|exceeding)|\bno\s+(?:higher|greater|larger|bigger)\s+than"
            r"|\b(?:younger|shorter)\s+than"
            r"|\bpeak(?:ed|ing|s)?\s+(?:[\w-]+\s+){0,2}?(?:of|at)"
            r"|\b(?:a\s+little|slightly|well)\s+(?:under|below|less\s+than)",
        ),
        (
            "approx",
            r"\bin\s+the\s+(?:region|neighbou?rhood|vicinity)\s+of|\bon\s+the\s+order\s+of"
            r"|\bthe\s+(?:better|best)\s+part\s+of|\bapproaching|\b(?:just\s+)?(?:short|shy)\s+of"
            r"|\ban\s+estimate\s+of|\bclose\s+on"
            r"|\bestimated\s+to\s+(?:have\s+)?\w+"
            r"|\bnigh\s+on|\bsomething\s+like",
        ),
    )
)


# A verb that moves a figure, its object and the particle "up": "up to" there
# is where the figure went, not a bound on it.
_RAISED_UP_TO = re.compile(
    r"\b(?:push|rais|lift|boost|driv|drove|bump|hik|ramp|bring|brought|mov)\w*"
    r"\s+(?:[\w'-]+\s+){0,5}?up\s+to\s+[$€£]?$",
    re.IGNORECASE,
)


def qualifier(g: Group, f: Fact) -> str:
    """The class of the qualifier of ``f`` ("min", "max", "approx", "" exact),
    written before the number or, as English also writes it, after it."""
    if f.qualifier == "max" and _RAISED_UP_TO.search(g.parsed.text[max(0, f.start - 80) : f.start]):
        return ""  # "pushed the wage up to $17" raised it to $17: no bound
    if f.qualifier:
        return f.qualifier
    text = g.parsed.text
    after, before = text[f.end : f.end + 30], text[max(0, f.start - 60) : f.start]
    for cls, pattern in _AFTER:
        if pattern.match(after):
            return cls
    for cls, pattern in _BEFORE:
        if pattern.search(before):
            return cls
    return ""
