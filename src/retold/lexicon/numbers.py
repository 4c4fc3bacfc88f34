"""Number words: cardinals, scales, ordinals, fractions and vague quantities.

Closed English lists, each with its value; :mod:`retold.analyze.numbers`
reads them to parse "twenty-three", "a quarter" or "the 21st".
"""

from __future__ import annotations

_ONES = """zero one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen"""

#: "zero".."nineteen" and their values.
ONES: dict[str, int] = {word: value for value, word in enumerate(_ONES.split())}
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
#: "twenty".."ninety" and their values.
TENS: dict[str, int] = {word: 10 * value for value, word in enumerate(_TENS.split(), 2)}
#: The value of every cardinal word below a hundred written as one word.
CARDINAL_VALUES: dict[str, int] = {**ONES, **TENS}
#: Words that multiply what comes before them.
SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_ORDINALS = """first second third fourth fifth sixth seventh eighth ninth tenth eleventh
twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"""
_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
#: Ordinal words and their values ("first" 1 .. "millionth" 1000000).
ORDINAL_VALUES: dict[str, int] = {
    **{word: value for value, word in enumerate(_ORDINALS.split(), 1)},
    **{word: 10 * value for value, word in enumerate(_ORDINAL_TENS.split(), 2)},
    "hundredth": 100,
    "thousandth": 1000,
    "millionth": 1_000_000,
}
#: Fraction words as (numerator, denominator) of one part.
FRACTIONS: dict[str, tuple[int, int]] = {
    "half": (1, 2),
    "third": (1, 3),
    "quarter": (1, 4),
    "fourth": (1, 4),
}
#: Every word that can be part of a spelled-out cardinal ("two hundred", "a dozen").
NUMBER_WORDS: frozenset[str] = frozenset(ONES) | frozenset(TENS) | frozenset(SCALES) | {"dozen"}
ORDINAL_WORDS: frozenset[str] = frozenset(ORDINAL_VALUES)
#: Plural scales that name a vague quantity ("dozens of", "thousands of").
VAGUE_QUANTITIES: frozenset[str] = frozenset(
    {"dozens", "scores", "hundreds", "thousands", "millions", "billions", "trillions"}
)
