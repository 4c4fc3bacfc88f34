"""What the fidelity checks read from a text: one spaCy parse and its facts.

The facts come from the project's fact analysis (:func:`retold.analyze.analyze_doc`)
and its normalisation tables (:mod:`retold.normalize`); this module only puts
them in the form the checks compare, which is looser than
:func:`retold.analyze.same_fact` on purpose:

- a number's qualifier is compared by its class ("more than" and "at least"
  both set a floor), so only a floor that became a ceiling or an estimate is
  a changed fact;
- a name is compared by its own words, lower case, without "the" or a
  possessive: the analysis gives a person the fullest name seen in the text
  ("Mr. Netanyahu" -> "Benjamin Netanyahu"), which would let a rewrite's
  name match a source sentence that never held it;
- a quotation is compared by its words, so a changed mark is not an altered
  quote but a changed word is.

Dates are also compared by the parts written in a sentence's text (month,
day, year, weekday), because the parser may read "Saturday night" as a date
on one side and a time on the other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from retold.analyze.facts import analyze_doc
from retold.analyze.normalize import (
    CARDINAL_VALUES,
    WEEKDAYS,
    format_decimal,
    month_number,
    parse_number,
)
from retold.data import Fact, FactKind, Sentence
from retold.lexicon.quantities import QUALIFIERS

_NAME_KINDS = (FactKind.PERSON, FactKind.ORG, FactKind.PLACE)
# The kinds the checks compare; negation and modality are read from the parse.
_KINDS = (FactKind.NUMBER, FactKind.DATE, FactKind.TIME, FactKind.QUOTE, *_NAME_KINDS)

# Qualifier classes: what a qualifier says about the true value.
_QUALIFIER_CLASS = dict(
    zip(QUALIFIERS, ("min", "min", "max", "max", "approx", "approx", ""), strict=True)
)

_NUMBER_WORD = "|".join(sorted(CARDINAL_VALUES, key=len, reverse=True))
_RAW_NUMBER = re.compile(
    rf"(?<![\w.])(?:\d[\d,]*(?:\.\d+)?|(?:{_NUMBER_WORD})(?:-(?:{_NUMBER_WORD}))?)"
    r"(?:\s?(?:hundred|thousand|million|billion|trillion|bn|m)\b)?",
    re.IGNORECASE,
)
_DATE_TOKEN = re.compile(r"[A-Za-z]+\.?|\d+")


@dataclass(frozen=True, slots=True)
class Parsed:
    """A text with its spaCy parse and the facts the checks compare (offsets into ``text``).

    ``facts`` are in text order; ``token_starts`` and ``fact_starts`` hold
    where each token of ``doc`` and each fact starts, so that the facts and
    tokens of a few sentences are found without a pass over the whole text.
    """

    text: str
    doc: Any
    facts: tuple[Fact, ...]
    token_starts: tuple[int, ...] = ()
    fact_starts: tuple[int, ...] = ()


def read(doc: Any, sentences: Sequence[Sentence]) -> Parsed:
    """The parse ``doc`` of a text with the facts of :func:`retold.analyze.analyze_doc`."""
    text: str = doc.text
    found = (_for_checks(f) for f in analyze_doc(doc, sentences) if f.kind in _KINDS)
    facts = tuple(sorted(found, key=lambda f: f.start))
    return Parsed(text, doc, facts, tuple(t.idx for t in doc), tuple(f.start for f in facts))


def _for_checks(f: Fact) -> Fact:
    if f.kind == FactKind.NUMBER:
        return replace(f, qualifier=qualifier_class(f.qualifier))
    if f.kind in _NAME_KINDS:
        return replace(f, value=entity_value(f.text))
    if f.kind == FactKind.QUOTE:
        return replace(f, value=quote_value(f.text))
    return f


def qualifier_class(qualifier: str) -> str:
    """ "min", "max", "approx" or "" (exact) for a canonical qualifier."""
    return _QUALIFIER_CLASS.get(qualifier.lower(), qualifier.lower())


def entity_value(text: str) -> str:
    """A name as the checks compare it: its words, lower case, no "the", no possessive."""
    t = re.sub(r"['’]s$", "", text.strip())
    t = re.sub(r"^(?:the|The)\s+", "", t)
    return " ".join(t.lower().split())


def quote_value(text: str) -> str:
    """A quotation's words, lower case, without its punctuation."""
    return " ".join(re.findall(r"[\w']+", text.lower().replace("’", "'")))


def date_parts(text: str) -> set[str]:
    """Calendar parts written anywhere in ``text``: "m10" (October), "d7", "y2024", "w1" (Monday).

    "May" counts as a month only with its capital, and a bare number as a day
    or a year only by its size.
    """
    parts: set[str] = set()
    for w in _DATE_TOKEN.findall(text):
        low = w.lower().rstrip(".")
        month = month_number(low)
        if month is not None and (low != "may" or w[0] == "M"):
            parts.add(f"m{month}")
        elif low in WEEKDAYS:
            parts.add(f"w{WEEKDAYS.index(low) + 1}")
        elif w.isdigit():
            n = int(w)
            if len(w) == 4:
                parts.add(f"y{n}")
            elif 1 <= n <= 31:
                parts.add(f"d{n}")
    return parts


def raw_numbers(text: str) -> set[str]:
    """The value of every number written in ``text``, inside dates and ages too.

    Values are formatted as the analysis formats a number's value, so that a
    rewrite's number can be looked up here ("the age of five" backs "5").
    """
    out = set()
    for m in _RAW_NUMBER.finditer(text):
        value = parse_number(m.group(0).replace(",", ""))
        if value is not None:
            out.add(format_decimal(value))
    return out
