"""retold.normalize: equal facts get equal values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retold.analyze.normalize import (
    QUALIFIERS,
    canonical_org,
    canonical_place,
    canonical_qualifier,
    canonical_unit,
    dates_compatible,
    format_decimal,
    name_parts,
    names_match,
    normalize_date,
    normalize_number,
    normalize_time,
    parse_number,
    strip_titles,
)


@pytest.mark.parametrize(
    ("texts", "value"),
    [
        (["1,200", "1200", "1.2 thousand", "one thousand two hundred"], "1200"),
        (["1.2 billion", "1,200 million", "1200000000"], "1200000000"),
        (["twelve", "12", "a dozen"], "12"),
        (["three million", "3 million", "3,000,000"], "3000000"),
        (["twenty-five", "twenty five", "25"], "25"),
        (["three hundred and twenty-five", "325"], "325"),
        (["two dozen", "24"], "24"),
        (["a million", "one million", "1 million"], "1000000"),
        (["second", "2nd"], "2"),
        (["66th", "sixty-sixth"], "66"),
        (["a third", "one third"], "1/3"),
        (["two-thirds"], "2/3"),
        (["half"], "1/2"),
        (["23.40", "23.4"], "23.4"),
    ],
)
def test_number_forms_normalise_alike(texts: list[str], value: str) -> None:
    assert [normalize_number(t) for t in texts] == [value] * len(texts)


@pytest.mark.parametrize("text", ["", "people", "one two three four hundred people", "1,2,3"])
def test_not_a_number(text: str) -> None:
    assert normalize_number(text) is None


def test_format_decimal_has_no_exponent() -> None:
    assert format_decimal(Decimal("1.20E+3")) == "1200"
    assert format_decimal(Decimal("0.140")) == "0.14"
    assert parse_number("1.2 billion") == Decimal("1200000000")


@pytest.mark.parametrize(
    ("phrase", "canonical"),
    [
        ("more than", "more than"),
        ("over", "more than"),
        ("Over", "more than"),
        ("at least", "at least"),
        ("no fewer than", "at least"),
        ("fewer than", "less than"),
        ("under", "less than"),
        ("below", "less than"),
        ("up to", "at most"),
        ("as many as", "at most"),
        ("about", "about"),
        ("roughly", "about"),
        ("around", "about"),
        ("an estimated", "about"),
        ("nearly", "nearly"),
        ("almost", "nearly"),
        ("exactly", "exactly"),
        ("then", ""),
    ],
)
def test_qualifiers_are_a_small_canonical_set(phrase: str, canonical: str) -> None:
    assert canonical_qualifier(phrase) == canonical
    assert canonical == "" or canonical in QUALIFIERS


@pytest.mark.parametrize(
    ("texts", "unit"),
    [
        (["%", "percent", "per cent"], "percent"),
        (["$", "dollars", "US$"], "USD"),
        (["€", "euros"], "EUR"),
        (["days", "day"], "day"),
        (["miles per hour", "mph"], "mph"),
    ],
)
def test_units(texts: list[str], unit: str) -> None:
    assert {canonical_unit(t) for t in texts} == {unit}


@pytest.mark.parametrize(
    ("texts", "value"),
    [
        (["Oct. 7", "October 7", "Oct. 7th"], "--10-07"),
        (
            ["Oct. 7, 2023", "October 7, 2023", "7 October 2023", "2023-10-07", "10/7/2023"],
            "2023-10-07",
        ),
        (["April 2021", "April, 2021"], "2021-04"),
        (["October", "Oct."], "--10"),
        (["2023"], "2023"),
        (["the 1990s", "1990s"], "1990s"),
        (["Tuesday", "TUESDAY"], "tuesday"),
        (["last week", "Last  Week"], "last week"),
        (["yesterday"], "yesterday"),
    ],
)
def test_dates(texts: list[str], value: str) -> None:
    assert [normalize_date(t) for t in texts] == [value] * len(texts)


@pytest.mark.parametrize("text", ["Oct. 45", "2023-13-01", "the meeting", "last time"])
def test_not_a_date(text: str) -> None:
    assert normalize_date(text) is None


@pytest.mark.parametrize(
    ("texts", "value"),
    [
        (["9 a.m.", "9:00 AM", "9 am", "09:00"], "09:00"),
        (["9:30 p.m.", "9:30 PM", "21:30"], "21:30"),
        (["noon", "12 p.m."], "12:00"),
        (["midnight", "12 a.m."], "00:00"),
    ],
)
def test_times(texts: list[str], value: str) -> None:
    assert [normalize_time(t) for t in texts] == [value] * len(texts)


@pytest.mark.parametrize("text", ["9", "13 p.m.", "25:00", "noonday"])
def test_not_a_time(text: str) -> None:
    assert normalize_time(text) is None


def test_titles_and_possessives_are_not_part_of_a_name() -> None:
    assert strip_titles("Secretary of State Antony J. Blinken") == "Antony J. Blinken"
    assert strip_titles("Mr. Netanyahu’s") == "Netanyahu"
    assert strip_titles("Prime Minister Benjamin Netanyahu") == "Benjamin Netanyahu"
    assert name_parts("Lloyd J. Austin III") == (("Lloyd", "J."), "Austin")
    assert name_parts("Adrian V.S. Hill") == (("Adrian", "V.", "S."), "Hill")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Netanyahu", "Benjamin Netanyahu", True),
        ("Mr. Netanyahu", "Benjamin Netanyahu", True),
        ("A. J. Blinken", "Antony J. Blinken", True),
        ("Antony Blinken", "Antony J. Blinken", True),
        ("Donald J. Trump", "Donald Trump", True),
        ("Joe Biden", "Hunter Biden", False),
        ("Donald J. November", "Donald J. Trump", False),
        ("Blinken", "Netanyahu", False),
        ("Wang", "Wang Jianlin", True),
        ("Jodi", "Jodi Arias", True),
        ("J.", "Jodi Arias", False),
        ("Jianlin Wang", "Wang Jianlin", False),
    ],
)
def test_names_match_by_surname_and_initials(a: str, b: str, same: bool) -> None:
    assert names_match(a, b) is same
    assert names_match(b, a) is same


def test_place_and_org_aliases() -> None:
    assert canonical_place("the U.S.") == canonical_place("United States") == "United States"
    assert canonical_place("N.J.") == "New Jersey"
    assert canonical_place("WASHINGTON") == "Washington"
    assert canonical_org("the W.H.O.") == canonical_org("World Health Organization")
    assert canonical_org("F.B.I.") == canonical_org("FBI") == "FBI"
    assert canonical_org("the Fed") == "Federal Reserve"


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("--10-07", "2023-10-07", True),
        ("2023-10", "2023-10-07", True),
        ("2023", "2023-10-07", True),
        ("--10-07", "--10-08", False),
        ("2023-10-07", "2024-10-07", False),
        ("tuesday", "tuesday", True),
        ("tuesday", "--10-07", False),
    ],
)
def test_dates_compatible(a: str, b: str, compatible: bool) -> None:
    assert dates_compatible(a, b) is compatible
    assert dates_compatible(b, a) is compatible


_ONES = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _spell(n: int) -> str:
    """English words for 0 <= n < 10**12, the way a reporter writes them."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + (" and " + _spell(rest) if rest else "")
    for scale, word in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if n >= scale:
            rest = n % scale
            return _spell(n // scale) + " " + word + (" " + _spell(rest) if rest else "")
    raise AssertionError(n)


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_any_integer_in_digits_or_words_normalises_to_itself(n: int) -> None:
    assert normalize_number(f"{n:,}") == str(n)
    assert normalize_number(str(n)) == str(n)
    assert normalize_number(_spell(n)) == str(n)


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
def test_decimals_and_thousands_agree(d: Decimal) -> None:
    assert normalize_number(f"{d:,}") == normalize_number(f"{d}") == format_decimal(d)
    assert normalize_number(f"{d} thousand") == format_decimal(d * 1000)
