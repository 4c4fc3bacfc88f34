"""Pure functions that turn the surface of a fact into a comparable value.

Every function here takes a string and returns a string (or ``None`` when the
input is not what the function normalises); none of them looks at a model or
keeps state, so the analyser, the audit and the tests can call them freely.

Canonical forms:

- numbers: a plain decimal without exponent or trailing zeros ("1200",
  "1200000000", "23.4", "0.14"); simple fractions as "1/3";
- qualifiers: one of :data:`QUALIFIERS`;
- units: "percent", "percentage point", ISO 4217 currency codes ("USD"),
  singular units of time ("day"), short units of measure ("km", "mph");
- dates: ISO 8601 where the calendar allows ("2023-10-07", "2023-10",
  "2023"), XML Schema's "--MM-DD" / "--MM" when the year is unknown, weekdays
  and relative expressions lower-cased ("tuesday", "last week");
- times: "HH:MM" on a 24-hour clock;
- names: whitespace collapsed, titles and possessives removed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from retold.lexicon.calendar import MONTH_NUMBERS, RELATIVE_DAYS, RELATIVE_MARKERS, RELATIVE_PERIODS
from retold.lexicon.calendar import WEEKDAYS as WEEKDAYS
from retold.lexicon.names import NAME_SUFFIXES, NAME_TITLES
from retold.lexicon.numbers import CARDINAL_VALUES as CARDINAL_VALUES
from retold.lexicon.numbers import FRACTIONS, ONES, ORDINAL_VALUES, SCALES, TENS
from retold.lexicon.numbers import NUMBER_WORDS as NUMBER_WORDS
from retold.lexicon.numbers import ORDINAL_WORDS as ORDINAL_WORDS
from retold.lexicon.numbers import VAGUE_QUANTITIES as VAGUE_QUANTITIES
from retold.lexicon.places import ORG_ALIASES, PLACE_ALIASES, STATE_ABBREVIATIONS
from retold.lexicon.quantities import CANONICAL_QUALIFIERS, CURRENCY_SYMBOLS, UNITS
from retold.lexicon.quantities import QUALIFIERS as QUALIFIERS

__all__ = [
    "QUALIFIERS",
    "canonical_org",
    "canonical_place",
    "canonical_qualifier",
    "canonical_unit",
    "date_parts",
    "dates_compatible",
    "format_decimal",
    "name_parts",
    "names_match",
    "normalize_date",
    "normalize_number",
    "normalize_time",
    "parse_number",
    "strip_titles",
]

# ---------------------------------------------------------------- numbers

_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?$")
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.IGNORECASE)


def format_decimal(value: Decimal) -> str:
    """A decimal as plain text without exponent or trailing zeros ("1.20E+3" -> "1200")."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _parse_digits(token: str) -> Decimal | None:
    if not token or not _DIGITS.match(token) or token == ".":
        return None
    try:
        return Decimal(token.replace(",", ""))
    except InvalidOperation:
        return None


def _parse_words(words: list[str]) -> Decimal | None:
    """English number words ("three hundred and twenty-five") to a number."""
    total = 0
    current = 0
    seen = False
    for word in words:
        if word == "and" and seen:
            continue
        if word in ONES:
            current += ONES[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return Decimal(total + current) if seen else None


_SHORT_SCALES = {"bn": " billion", "m": " million"}


def parse_number(text: str) -> Decimal | None:
    """The number written in ``text``, or ``None``.

    Handles digits with thousands separators ("1,200"), decimals ("1.2"),
    number words ("twenty-five", "three million", "a dozen"), mixed forms
    ("1.2 billion", "1.2 thousand") and ordinals ("66th", "second"). Fractions
    are handled by :func:`normalize_number`, which returns text.
    """
    low = text.strip().lower()
    # "45million", "$5bn", "£3m" (money shorthand)
    low = re.sub(r"(\d)\s*(bn|m)$", lambda m: m.group(1) + _SHORT_SCALES[m.group(2)], low)
    low = re.sub(r"(\d)(thousand|million|billion|trillion)$", r"\1 \2", low)
    words = [w for w in re.split(r"[\s\-\u2010-\u2013]+", low) if w]
    if not words:
        return None
    if words[0] in ("a", "an") and len(words) > 1:
        words = words[1:]
    if len(words) == 1:
        word = words[0]
        if word in ORDINAL_VALUES:
            return Decimal(ORDINAL_VALUES[word])
        m = _ORDINAL_DIGITS.match(word)
        if m:
            return Decimal(m.group(1))
    head = _parse_digits(words[0])
    if head is not None:
        scale = Decimal(1)
        for word in words[1:]:
            if word == "dozen":
                scale *= 12
            elif word in SCALES:
                scale *= SCALES[word]
            else:
                return None
        return head * scale
    if words[-1] in ORDINAL_VALUES and len(words) > 1:
        base = _parse_words(words[:-1])
        return None if base is None else base + ORDINAL_VALUES[words[-1]]
    return _parse_words(words)


def normalize_number(text: str) -> str | None:
    """The canonical value of a number's text, or ``None``.

    "1,200", "1200" and "1.2 thousand" all give "1200"; "a third" gives "1/3",
    "two-thirds" "2/3", "half" "1/2"; "hundreds" gives "hundreds".
    """
    lowered = re.sub(r"[\s\-\u2010-\u2013]+", " ", text.strip().lower())
    if lowered in VAGUE_QUANTITIES or lowered == "tens of thousands":
        return lowered
    words = lowered.split()
    # "third" alone is an ordinal; "a third", "two-thirds" and "half" are fractions
    if (
        words
        and words[-1].rstrip("s") in FRACTIONS
        and (words == ["half"] or (len(words) == 2 and words[0] in ("a", "an", *ONES)))
    ):
        num, den = FRACTIONS[words[-1].rstrip("s")]
        if len(words) > 1 and words[0] not in ("a", "an", "one"):
            num = ONES[words[0]]
        return f"{num}/{den}"
    value = parse_number(text)
    return None if value is None else format_decimal(value)


# ---------------------------------------------------------------- qualifiers

#: The qualifier phrases that :func:`canonical_qualifier` knows, longest first.
QUALIFIER_PHRASES = tuple(sorted(CANONICAL_QUALIFIERS, key=len, reverse=True))


def canonical_qualifier(text: str) -> str:
    """One of :data:`QUALIFIERS` for a qualifier phrase ("roughly" -> "about"), else ""."""
    return CANONICAL_QUALIFIERS.get(" ".join(text.lower().split()), "")


# ---------------------------------------------------------------- units

#: Unit words that may follow a number, longest first (for building patterns).
UNIT_WORDS = tuple(sorted((u for u in UNITS if u != "%"), key=len, reverse=True))


def canonical_unit(text: str) -> str:
    """The canonical unit for a unit word or currency symbol ("percent", "%" -> "percent";
    "$", "dollars" -> "USD"; "days" -> "day"), else ""."""
    key = " ".join(text.lower().split())
    return CURRENCY_SYMBOLS.get(key) or UNITS.get(key, "")


# ---------------------------------------------------------------- dates and times


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation ("Sept.", "October"), else ``None``."""
    return MONTH_NUMBERS.get(word.lower().rstrip("."))


def normalize_date(text: str) -> str | None:
    """The canonical value of a date expression, or ``None`` if it is not one.

    "Oct. 7, 2023", "October 7, 2023", "7 October 2023", "2023-10-07" and
    "10/7/2023" give "2023-10-07"; "Oct. 7" gives "--10-07"; "April 2021"
    gives "2021-04"; "October" gives "--10"; "2023" gives "2023"; "the 1990s"
    gives "1990s"; "Tuesday" gives "tuesday"; "Last  Week" gives "last week".
    """
    raw = " ".join(text.split())
    low = raw.lower()
    if low in WEEKDAYS:
        return low
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    if m:
        return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", raw)
    if m:
        return _ymd(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"(?:the )?(?:mid-)?((?:1[5-9]|20)\d0)'?s", low)
    if m:
        return m.group(1) + "s"
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", raw):
        return raw
    words = re.findall(r"[A-Za-z]+\.?|\d+", raw)
    month = day = year = None
    for word in words:
        if word.isdigit():
            if len(word) == 4:
                year = int(word)
            elif day is None and len(word) <= 2:
                day = int(word)
            else:
                return None
        elif word.lower() in ("st", "nd", "rd", "th", "the", "of"):
            continue
        elif month is None and month_number(word) is not None:
            month = month_number(word)
        else:
            return _relative(low)
    if month is None:
        return _relative(low)
    if day is not None and year is not None:
        return _ymd(year, month, day)
    if day is not None:
        return f"--{month:02d}-{day:02d}" if 1 <= day <= 31 else None
    if year is not None:
        return f"{year:04d}-{month:02d}"
    return f"--{month:02d}"


def date_parts(value: str) -> dict[str, str]:
    """The calendar parts of a normalised date ("2023-10-07" -> year, month,
    day; "--10-07" -> month, day); a weekday, decade or relative date is one
    opaque part."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?|--(\d{2})(?:-(\d{2}))?", value)
    if m is None:
        return {"other": value}
    year, month, day, month2, day2 = m.groups()
    parts = {"year": year, "month": month or month2, "day": day or day2}
    return {k: v for k, v in parts.items() if v}


def dates_compatible(a: str, b: str) -> bool:
    """Whether two normalised dates can name the same day: they agree on every
    part both state ("--10-07" and "2023-10-07" can; "--10-07" and "--10-08"
    cannot). Equal values are always compatible."""
    pa, pb = date_parts(a), date_parts(b)
    shared = pa.keys() & pb.keys()
    return bool(shared) and all(pa[k] == pb[k] for k in shared)


def _ymd(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


_RELATIVE = re.compile(
    rf"(?:{'|'.join(RELATIVE_DAYS)}"
    rf"|(?:{'|'.join(RELATIVE_MARKERS)}) (?:{'|'.join(RELATIVE_PERIODS)})"
    r"|(?:earlier|later) this (?:week|month|year)"
    r"|(?:yesterday|tomorrow) (?:morning|afternoon|evening))"
)


def _relative(low: str) -> str | None:
    return low if _RELATIVE.fullmatch(low) else None


def normalize_time(text: str) -> str | None:
    """The canonical "HH:MM" of a clock time ("9 a.m." -> "09:00", "9:30 PM" -> "21:30",
    "noon" -> "12:00", "midnight" -> "00:00"), or ``None``."""
    low = " ".join(text.lower().split())
    if low == "noon" or low == "midday":
        return "12:00"
    if low == "midnight":
        return "00:00"
    m = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|o'clock|o’clock)?", low)
    if not m or (m.group(2) is None and m.group(3) is None):
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    suffix = (m.group(3) or "").replace(".", "")
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


# ---------------------------------------------------------------- names

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def strip_titles(name: str) -> str:
    """A person's name without leading titles or a possessive:
    "Secretary of State Antony J. Blinken" -> "Antony J. Blinken"; "Mr. Netanyahu's" ->
    "Netanyahu"."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in NAME_TITLES:
        words = words[1:]
    text = " ".join(words)
    return _POSSESSIVE.sub("", text)


def name_parts(name: str) -> tuple[tuple[str, ...], str]:
    """(given names, surname) of a person's name, titles and suffixes dropped:
    "Lloyd J. Austin III" -> (("Lloyd", "J."), "Austin")."""
    words = strip_titles(name).replace(",", " ").split()
    while len(words) > 1 and words[-1].lower().rstrip(".") in NAME_SUFFIXES:
        words = words[:-1]
    if not words:
        return (), ""
    # "V. S." in "Adrian V. S. Hill" and "V.S." mean the same
    given: list[str] = []
    for word in words[:-1]:
        given.extend(p + "." for p in word.split(".") if p) if re.fullmatch(
            r"(?:[A-Z]\.){2,}", word
        ) else given.append(word)
    return tuple(given), words[-1]


def _given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Each given name of the shorter list matches one of the longer, in order
    (an initial matches any name with that first letter)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    i = 0
    for word in short:
        while i < len(long) and not _same_given(word, long[i]):
            i += 1
        if i == len(long):
            return False
        i += 1
    return True


def _same_given(a: str, b: str) -> bool:
    a_, b_ = a.rstrip(".").lower(), b.rstrip(".").lower()
    if len(a_) == 1 or len(b_) == 1:
        return a_[:1] == b_[:1]
    return a_ == b_


def names_match(a: str, b: str) -> bool:
    """Whether two person names can name the same person: same surname, and given
    names that agree where both have them ("Netanyahu" ~ "Benjamin Netanyahu";
    "A. J. Blinken" ~ "Antony J. Blinken"; "Joe Biden" !~ "Hunter Biden").

    A single word also matches the first word of a longer name, because news
    refers to a private person by first name ("Jodi" ~ "Jodi Arias") and to
    Chinese and Korean people by family name, which comes first ("Wang" ~
    "Wang Jianlin")."""
    given_a, surname_a = name_parts(a)
    given_b, surname_b = name_parts(b)
    if not surname_a or not surname_b:
        return False
    if surname_a.lower() != surname_b.lower():
        single, full = (surname_a, given_b) if not given_a else (surname_b, given_a)
        if given_a and given_b:
            return False
        return bool(full) and len(single) > 2 and full[0].lower() == single.lower()
    return _given_compatible(given_a, given_b)


# ---------------------------------------------------------------- places, organisations

_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")


def _clean_name(text: str) -> str:
    text = _POSSESSIVE.sub("", " ".join(text.split()))
    return _LEADING_THE.sub("", text)


def _undot(text: str) -> str:
    """ "U.S." -> "US", "W.H.O." -> "WHO"; other text unchanged."""
    return text.replace(".", "") if re.fullmatch(r"(?:[A-Z]\.){2,}", text) else text


def canonical_place(text: str) -> str:
    """A place's canonical name: "the U.S." -> "United States", "N.J." -> "New Jersey",
    "WASHINGTON" (a dateline) -> "Washington"."""
    name = _clean_name(text)
    if name in STATE_ABBREVIATIONS:
        return STATE_ABBREVIATIONS[name]
    name = _undot(name)
    if name in PLACE_ALIASES:
        return PLACE_ALIASES[name]
    if name.isupper() and len(name) > 3:
        return name.title()
    return name


def canonical_org(text: str) -> str:
    """An organisation's canonical name: "the W.H.O." -> "World Health Organization",
    "F.B.I." -> "FBI", "the Fed" -> "Federal Reserve"."""
    name = _undot(_clean_name(text))
    return ORG_ALIASES.get(name, name)
