"""Qualifiers and units of numbers: "more than 200", "5 percent", "$3 million".

The open-ended tables (qualifier phrases, unit words) are the data files
``qualifiers.txt`` and ``units.txt``; the canonical values are closed lists.
"""

from __future__ import annotations

from retold.lexicon.loader import pairs

#: The canonical qualifiers: what a qualifier says about the true value.
QUALIFIERS: tuple[str, ...] = (
    "more than",
    "at least",
    "less than",
    "at most",
    "about",
    "nearly",
    "exactly",
)
#: Qualifier phrase -> one of :data:`QUALIFIERS` ("roughly" -> "about").
CANONICAL_QUALIFIERS: dict[str, str] = pairs("qualifiers")
#: Currency symbol (lower case) -> ISO 4217 code.
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₪": "ILS",
}
#: Unit word (lower case) -> canonical unit ("per cent" -> "percent", "miles" -> "mi").
UNITS: dict[str, str] = pairs("units")
