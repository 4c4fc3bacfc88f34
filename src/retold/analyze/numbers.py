"""Numbers as facts: cardinals, ordinals, fractions, vague quantities and
ranges, each with its qualifier ("more than") and unit ("percent", "USD").

Found by patterns over the text (spaCy's small model drops qualifiers and
units unpredictably); the parse decides what a pattern cannot, such as "one"
the number against "no one"."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from retold.analyze.normalize import (
    NUMBER_WORDS,
    ORDINAL_WORDS,
    QUALIFIER_PHRASES,
    UNIT_WORDS,
    canonical_qualifier,
    canonical_unit,
    format_decimal,
    normalize_number,
)
from retold.analyze.spans import Spans, overlaps, token_at
from retold.data import Fact, FactKind

_NUMWORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_ORDWORD = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
SCALE = r"(?:thousand|million|billion|trillion)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_WORDS = (
    rf"(?:(?:a|an)\s+(?:hundred|thousand|million|billion|trillion|dozen)"
    rf"|(?:{_NUMWORD})(?:(?:\s+|-|\s+and\s+(?=(?:{_NUMWORD})))(?:{_NUMWORD}))*)"
)
# "four quarters" of a fiscal year are not a fraction: quarters need a
# hyphen or an "of" ("three-quarters", "a quarter of the vote")
_FRACTION = (
    r"(?:(?:a|an|one|two)[\s-]+thirds?"
    r"|(?:one|two|three)-(?:thirds?|quarters?)"
    r"|(?:a|an|one|two|three)\s+quarters?(?=\s+of\b)"
    r"|half)"
)
_VAGUE = (
    r"(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|hundreds|thousands|millions"
    r"|billions)(?=\s+of\b)"
)
_SPANS = r"(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)"
UNIT = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in UNIT_WORDS)
_UNIT_ADJ = (
    r"(?:second|minute|hour|day|week|month|year|decade|century|mile|kilometer|kilometre|foot"
    r"|inch|meter|metre|acre|ton|pound|point)"
)

_NUMBER = re.compile(
    # "F-16" and "COVID-19" are names, but "12-4" and "5-10" hold two numbers
    rf"(?<![\w$€£.,/])(?<![^\W\d]-)"
    rf"(?P<currency>US\$|\$|€|£|₪)?\s?"
    rf"(?:(?P<ordinal>\d+(?:st|nd|rd|th)|(?i:{_ORDWORD})(?:-(?:{_ORDWORD}))?)(?![\w-])"
    rf"|(?P<frac>(?i:{_FRACTION}))(?![\w-])"
    rf"|(?P<vague>{_VAGUE})"
    rf"|(?P<few>(?i:several|a\s+few|a\s+couple\s+of))\s+(?P<fewunit>{_SPANS})(?![\w])"
    rf"|(?P<num>{_DIGITS}(?:\s*{SCALE}|bn|(?(currency)m))?(?:\s+(?:dozen))?"
    rf"|(?i:{_WORDS}))(?:(?P<short>mm|cm|km|kg|mg|lbs?|ft)(?![\w])|(?P<temp>°?[CF])(?![\w])"
    rf"|(?![\w/]))"
    rf"(?:(?P<adj>-{_UNIT_ADJ}(?:-old)?)(?![\w])"
    rf"|\s?(?P<pct>%)"
    rf"|\s?(?P<deg>°\s?[CF]?)(?![\w])"
    rf"|\s+(?P<unit>{UNIT})(?:\s+(?P<scale>Celsius|centigrade|Fahrenheit|C|F))?(?![\w])"
    rf")?"
    rf")"
)

QUALIFIER = re.compile(
    r"(?<![\w])(?P<q>"
    + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in QUALIFIER_PHRASES)
    + r")\s+$",
    re.IGNORECASE,
)
# The unit of a temperature is its scale.
TEMPERATURE_SCALE = {"c": "C", "celsius": "C", "centigrade": "C", "f": "F", "fahrenheit": "F"}
_RANGE_GAP = re.compile(r"\s*(?:to|and|or|-|–|through)\s*")


def qualifier_before(text: str, start: int) -> str:
    """The canonical qualifier that ends just before ``start`` ("more than"), or ""."""
    m = QUALIFIER.search(text[max(0, start - 25) : start])
    return canonical_qualifier(m.group("q")) if m else ""


def find_numbers(text: str, doc: Any, taken: Spans, entities: list[Fact]) -> list[Fact]:
    """The numbers of ``text`` outside the ``taken`` spans (dates, times) with
    qualifier and unit; a number inside a name in ``entities`` is no fact."""
    names = Spans((f.start, f.end) for f in entities)
    out: list[Fact] = []
    for m in _NUMBER.finditer(text):
        start, end = m.start(), m.end()
        if m.group("currency") is None:
            start = m.start(
                next(g for g in ("ordinal", "frac", "vague", "few", "num") if m.group(g))
            )
        if start == end or overlaps(start, end, taken) or overlaps(start, end, names):
            continue
        fact = _number_fact(text, doc, m, start, end)
        if fact is not None:
            out.append(fact)
    return _spread_range_units(text, out)


def _number_fact(text: str, doc: Any, m: re.Match[str], start: int, end: int) -> Fact | None:
    surface = text[start:end]
    unit = ""
    if m.group("currency"):
        unit = canonical_unit(m.group("currency"))
    if m.group("ordinal"):
        tok = token_at(doc, m.start("ordinal"))
        word = m.group("ordinal")
        if not word[0].isdigit() and (tok is None or tok.pos_ not in ("ADJ", "NUM")):
            return None  # "second" the noun, "first" the adverb
        if (
            tok is not None
            and tok.is_sent_start
            and tok.i + 1 < len(doc)
            and (doc[tok.i + 1].text == ",")
        ):
            return None  # "First, ..." orders an argument, it counts nothing
        if _is_rate(tok):
            return None  # "19 miles a second": the unit of time
        value = normalize_number(word)
        unit = "ordinal"
    elif m.group("frac"):
        # "the second half" of a match is no share; "nearly half, 47 percent,"
        # is the share its qualifier says, "of" or not
        if (
            m.group("frac").lower() == "half"
            and not _half_of_something(doc, m.start("frac"))
            and not qualifier_before(text, m.start("frac"))
        ):
            return None
        value = normalize_number(m.group("frac"))
    elif m.group("vague"):
        value = normalize_number(m.group("vague"))
    elif m.group("few"):
        # "several days" and "several weeks" differ though neither is a number
        value = " ".join(m.group("few").lower().split())
        unit = canonical_unit(m.group("fewunit"))
    else:
        num = m.group("num")
        if num.lower() == "one" and not _is_counting_one(doc, m.start("num")):
            return None
        value = normalize_number(num)
        if m.group("short"):
            unit = canonical_unit(m.group("short"))  # "9mm", "5km"
        elif m.group("temp") or m.group("deg") or m.group("scale"):
            # "40C", "86 °F", "20 degrees Celsius": the scale is the unit, and
            # a changed scale is a changed fact; a bare "30 degrees" stays "degree"
            scale = (m.group("temp") or m.group("deg") or m.group("scale") or "").strip("° ")
            unit = TEMPERATURE_SCALE.get(scale.lower(), "degree")
        elif m.group("pct"):
            unit = "percent"
        elif m.group("unit"):
            word_unit = canonical_unit(m.group("unit"))
            if word_unit == "lb" and _pounds_sterling(text, m):
                word_unit = "GBP"
            if m.group("unit").lower() in ("cent", "cents") and value is not None:
                value = _hundredths(value)
            unit = unit or word_unit
        elif m.group("adj") and not m.group("adj").endswith("-old"):
            # an age carries no unit, so "the 61-year-old" and "Smith, 61," agree
            unit = canonical_unit(m.group("adj").lstrip("-"))
    if value is None:
        return None
    # "climbed up to third": a rank has no qualifier
    qualifier = "" if unit == "ordinal" else qualifier_before(text, m.start())
    return Fact(FactKind.NUMBER, surface, value, start, end, qualifier=qualifier, unit=unit)


def _is_rate(tok: Any) -> bool:
    """ "a second" ends "19 miles a second"; in "a second half" it is a rank."""
    if tok is None or tok.i == 0 or tok.doc[tok.i - 1].lower_ not in ("a", "per", "every"):
        return False
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is None or nxt.is_punct


def _half_of_something(doc: Any, offset: int) -> bool:
    tok = token_at(doc, offset)
    nxt = tok.nbor(1) if tok is not None and tok.i + 1 < len(doc) else None
    return nxt is not None and (nxt.lower_ in ("of", "a", "an") or nxt.pos_ in ("DET", "PRON"))


def _pounds_sterling(text: str, m: re.Match[str]) -> bool:
    """ "200 million pounds" is money; "2 million pounds of beef" is weight."""
    scaled = re.search(rf"\b{SCALE}\s+$", text[m.start() : m.start("unit")]) is not None
    return scaled and not re.match(r"\s+of\b", text[m.end() :])


def _hundredths(value: str) -> str:
    return format_decimal(Decimal(value) / 100)


def _is_counting_one(doc: Any, offset: int) -> bool:
    """ "one" counts in "one more hour"; it does not in "no one", "the one who",
    "one another", nor in "one of the mothers", which picks one out of a group
    rather than counting it (a rewrite's "a mother" or "two mothers" is no
    changed count of 1)."""
    tok = token_at(doc, offset)
    if tok is None or tok.pos_ != "NUM":
        return False
    if any(c.dep_ == "det" for c in tok.children):
        return False
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ == "no":
        return False
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "of" and tok.i + 2 < len(tok.doc):
        after = tok.doc[tok.i + 2]
        if after.pos_ in ("DET", "PRON") or after.tag_ == "PRP$":
            return False
    return not (nxt is not None and nxt.lower_ == "another")


def _spread_range_units(text: str, numbers: list[Fact]) -> list[Fact]:
    """In "5 to 17 months" and "between 10 and 20 percent" the unit of the
    second number belongs to the first too."""
    out = list(numbers)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.unit or not b.unit or b.unit == "ordinal":
            continue
        if _RANGE_GAP.fullmatch(text[a.end : b.start]):
            out[i] = replace(a, unit=b.unit)
    return out
