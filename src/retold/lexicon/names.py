"""Words around people's names: titles before them, suffixes after them.

Open-ended titles are the data file ``titles.txt``; abbreviated titles are
:data:`retold.lexicon.abbreviations.TITLES`, the list sentence segmentation
reads, so that both stages know the same titles ("Det. John Smith" is a
person named John Smith, not one named "Det").
"""

from __future__ import annotations

from retold.lexicon.abbreviations import TITLES as ABBREVIATED_TITLES
from retold.lexicon.loader import words

# Abbreviations in ABBREVIATED_TITLES that stand before a place or a number,
# not a person ("Mt. Fuji", "Sec. 5").
_NOT_PERSONAL = frozenset({"Mt", "Sec", "Secs"})

#: Lower-case words that precede a person's name as (part of) a title and are
#: not part of the name, compared without a final period ("Sgt.", "Secretary
#: of State", "Foreign Minister").
NAME_TITLES: frozenset[str] = words("titles") | {
    title.lower() for title in ABBREVIATED_TITLES - _NOT_PERSONAL
}
#: Heads of a title written after or around a name ("Smith, the secretary",
#: "Defense Secretary-General"): a name next to one is a person's.
TITLE_HEADS: frozenset[str] = frozenset(
    {"secretary", "minister", "secretary-general", "chancellor", "czar"}
)
#: Generational suffixes dropped from a name ("Jr.", "III").
NAME_SUFFIXES: frozenset[str] = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})
