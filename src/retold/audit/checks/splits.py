"""What a careless sentence splitter or expander leaves of abbreviations, names
and dates.

Abbreviations shredded into fragments ("U.S. S.", "You. S. Officials") or
written apart ("5 p. m."), T201; stray initials ("S. O. S. I. S. 1."), T202;
names torn apart by a split ("Donald J. November", "Bureau of Labor.
Statistics", "Jean- Luc"), T208; dates torn apart ("on October. Between 7
and ..."), T209; an abbreviated title spelled out as another word ("Dr." ->
"Drive"), T213.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from retold.audit.checks.textscan import in_source, issue
from retold.data import Issue, Sentence
from retold.lexicon.abbreviations import MAY_END, NEVER_END, STARTERS
from retold.lexicon.abbreviations import TITLES as ABBREVIATED_TITLES
from retold.lexicon.calendar import MONTH_NAMES, WEEKDAYS
from retold.lexicon.names import NAME_TITLES

__all__ = [
    "fragments",
    "misread_titles",
    "split_abbreviations",
    "stray_initials",
    "torn_dates",
    "torn_names",
    "torn_pairs",
    "torn_words",
]


_MONTHS = "|".join(MONTH_NAMES)
_DAYS = "|".join(day.capitalize() for day in WEEKDAYS)

# Titles (the segmenter's, so both know "Det.") and a few abbreviations end in
# a period but are no sentence: "Mr. J. Smith" is a name.
_TITLES = {t.lower() for t in ABBREVIATED_TITLES} | {"st", "jr", "sr", "ft", "no", "vs", "v"}

# A one-letter "initial" right after a word that ends a sentence: "U.S. S. The",
# "You. S. Officials", "U.S. s. officials".
_FRAGMENT = re.compile(r"(?<![\w.])([A-Za-z][\w.]*\.)[ \t]+([A-Za-z])\.(?=\s|$)")
# A dotted abbreviation of two or more letters ("U.S.", "D.C.", "a.m.").
_DOTTED = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}")
_KNOWN_ABBREVIATIONS = MAY_END | NEVER_END
# A clock time whose "a.m." or "p.m." came apart: "5 p. m.", "at 9 a. m.",
# "3:40 a. M." (the "m" re-cased as a sentence's first letter).
_SPLIT_CLOCK = re.compile(r"\d\s*([aApP]\.[ \t]+[mM]\.)")
# Three or more initials or digits each standing alone: "S. O. S. I. S. 1."
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z0-9]\.\s+){2,}[A-Z0-9]\.(?=\s+(\S)|\s*$)")
# A middle initial followed by what cannot be a surname: "Donald J. November will".
_TORN_NAME = re.compile(rf"\b[A-Z][a-z]+\s+[A-Z]\.\s+(?:(?:{_MONTHS}|{_DAYS})\b|(?P<low>[a-z]+)\b)")
# Words that may follow a name cut to its last initial, as papers print readers
# and minors: "Allison B. of Galveston, Texas, said", "Sarah K. and her son".
_AFTER_INITIAL = frozenset(
    {"of", "from", "in", "at", "and", "or", "who", "whose", "said", "says", "told", "wrote"}
)
# "on October." - a day of month split off into the next sentence.
_TORN_DATE = re.compile(rf"\bon\s+(?:{_MONTHS})\s*[.,;]")

# Two words split by a period and a capital: where the source writes them as
# one name ("Bureau of Labor Statistics", "SkyBridge"), the rewrite tore it.
_SPLIT_PAIR = re.compile(r"(?<![\w.])([A-Za-z][\w'’-]+)\.[ \t]+([A-Z][\w'’-]*)\b")
# A hyphenated word, a word with an inner capital ("SkyBridge", "McAllen"),
# a name with a middle initial ("Maria T. Lopez"): forms a tear leaves behind.
_HYPHENATED = re.compile(r"(?<![\w-])([A-Za-z][a-z]+)-([A-Za-z][a-z]+)(?![\w-])")
_INNER_CAPITAL = re.compile(r"(?<![\w#@-])[A-Z][a-z]+[A-Z][a-z]\w*")
_INITIALED_NAME = re.compile(r"\b([A-Z][a-z]+)[ \t]+([A-Z])\.[ \t]+([A-Z][a-z][\w'’-]*)")
# What those forms look like torn, in the rewrite.
_HANGING_HYPHEN = re.compile(
    r"(?<![\w-])([A-Za-z][a-z]+)(?:-[ \t]+|[ \t]+-[ \t]*)([A-Za-z][a-z]+)\b"
)
_TWO_CAPITALISED = re.compile(r"(?<![\w-])([A-Z][a-z]+)(?=[ \t]+([A-Z][a-z]\w*))")  # overlapping
_INITIAL_THEN_WORD = re.compile(r"\b([A-Z][a-z]+)[ \t]+([A-Z])\.[ \t]+([A-Z][\w'’-]*)")
# Abbreviated titles of people and the period-less spellings a reader expects
# for them ("Dr." -> "Doctor"); any other word that starts like the title and
# stands before the same name misread it ("Dr. Felicia Grant" -> "Drive
# Felicia Grant", "Sen." -> "Senate"). NAME_TITLES has most spellings.
# "St.", "Ft." and "Mt." before a name are "Saint", "Fort" and "Mount" ("St.
# Louis" is no "Street Louis").
_PERSON_TITLES = tuple(
    sorted((ABBREVIATED_TITLES - {"Sec", "Secs"}) | {"St", "Ft"}, key=len, reverse=True)
)
_SPELLED_TITLES = frozenset(
    {"doctor", "doctors", "honorable", "honourable", "associate", "friar", "alderman"}
    | {"ensign", "brigadier", "lieutenant", "mister", "governor-elect", "president-elect"}
    | {"saint", "sainte", "fort", "mount"}
)
_TITLE_BEFORE_NAME = re.compile(
    rf"(?<![\w.])({'|'.join(_PERSON_TITLES)})\.[ \t]+([A-Z][a-z][\w'’-]*)\b"
)
# A word and the capitalised word after it (overlapping: "Drive Felicia Grant").
_WORD_BEFORE_NAME = re.compile(r"(?<![\w.])([A-Za-z][a-z]+)(?=[ \t]+([A-Z][a-z][\w'’-]*)\b)")


def fragments(text: str) -> Iterator[Issue]:
    for m in _FRAGMENT.finditer(text):
        word = m.group(1)
        bare = word.rstrip(".").lower()
        if bare in _TITLES:
            continue
        # "J. R. Tolkien": an initial after an initial is a name, not a fragment.
        if len(bare) == 1:
            continue
        yield issue(
            "T201",
            f"'{m.group(0)}' looks like a fragment left by a sentence split "
            f"(an abbreviation such as 'U.S.' broken in two)",
            text,
            m.start(),
            m.end(),
        )


def split_abbreviations(text: str, source: str | None) -> Iterator[Issue]:
    """T201: a dotted abbreviation written apart ("U. S." for the source's "U.S.",
    "5 p. m."): its letters read as initials or sentence ends."""
    spans: set[tuple[int, int]] = set()
    for m in _SPLIT_CLOCK.finditer(text):
        spans.add((m.start(1), m.end(1)))
    if source is not None:
        for abbr in set(_DOTTED.findall(source)):
            # Initials of a name may be spaced either way ("J.R. Ewing", "J. R.
            # Ewing"); only known abbreviations and lower-case ones are words.
            if abbr.rstrip(".") not in _KNOWN_ABBREVIATIONS and not abbr.islower():
                continue
            letters = abbr.rstrip(".").split(".")
            apart = r"\.[ \t]+".join(map(re.escape, letters)) + r"\."
            if re.search(rf"(?<![\w.]){apart}", source, re.IGNORECASE):
                continue
            # A lower-case abbreviation comes apart re-cased too ("a.m." ->
            # "a. M."): a splitter capitalises what it takes for a sentence.
            fold = re.IGNORECASE if abbr.islower() else 0
            for m in re.finditer(rf"(?<![\w.]){apart}", text, fold):
                spans.add((m.start(), m.end()))
    for start, end in sorted(spans):
        if source is not None and text[start:end] in source:
            continue
        yield issue(
            "T201",
            f"'{text[start:end]}' writes an abbreviation apart, letter by letter",
            text,
            start,
            end,
        )


def stray_initials(text: str) -> Iterator[Issue]:
    for m in _INITIALS.finditer(text):
        run = m.group(0)
        count = run.count(".")
        after = m.group(1) or ""
        # "J. R. R. Tolkien" is a name: three initials followed by a surname.
        if count == 3 and after[:1].isupper() and not any(c.isdigit() for c in run):
            continue
        yield issue(
            "T202",
            f"'{run}' is a run of stray initials: text shredded into letters",
            text,
            m.start(),
            m.end(),
        )


def torn_names(text: str) -> Iterator[Issue]:
    for m in _TORN_NAME.finditer(text):
        if m.group("low") in _AFTER_INITIAL:
            continue
        yield issue(
            "T208",
            f"'{m.group(0)}' tears a name apart: a middle initial is followed by "
            f"a word that cannot be a surname",
            text,
            m.start(),
            m.end(),
        )


def torn_pairs(text: str, source: str) -> Iterator[Issue]:
    """T208: a period and a capital split what the source writes as one name.

    "the Bureau of Labor. Statistics reported" where the source has "Bureau
    of Labor Statistics"; "Sky. Bridge" where it has "SkyBridge". A word that
    opens clauses ("The", "He") or a title ("Mayor") after the period may
    start a sentence of its own, so it is left alone.
    """
    for m in _SPLIT_PAIR.finditer(text):
        left, right = m.group(1), m.group(2)
        if left.lower() in _TITLES:
            continue
        a, b = re.escape(left), re.escape(right)
        joined = in_source(rf"(?<![\w.]){a}{b}(?!\w)", left + right, source)
        # Two words that may each end and open a sentence ("in May. Nine ...",
        # "in New York. Mayor Adams") were perhaps split on purpose.
        opens = right in STARTERS or right.lower() in NAME_TITLES
        ends = left.capitalize() in MONTH_NAMES or left.lower() in WEEKDAYS
        whole = (
            left[:1].isupper()
            and not (opens or ends)
            and in_source(rf"(?<![\w.]){a}[ \t]+{b}\b", left, source)
        )
        if not (joined or whole) or in_source(rf"\b{a}\.\s+{b}\b", left, source):
            continue
        kept = f"{left}{right}" if joined else f"{left} {right}"
        yield issue(
            "T208",
            f"'{m.group(0)}' tears apart '{kept}', which the source writes whole: "
            f"a period split a name",
            text,
            m.start(),
            m.end(),
        )


def torn_words(text: str, source: str) -> Iterator[Issue]:
    """T208: a name the source writes whole, torn in the rewrite otherwise than
    by a period: a hyphen left hanging ("Jean- Luc" for "Jean-Luc"), a space in
    a word with an inner capital ("Sky Bridge" for "SkyBridge"), or a name with
    a middle initial whose surname was replaced ("Maria T. Mayor" for "Maria T. Lopez").
    The rewrite is scanned once for each shape, then looked up in the source."""
    hyphenated = set(_HYPHENATED.findall(source))
    for m in _HANGING_HYPHEN.finditer(text):
        left, right = m.group(1), m.group(2)
        if (left, right) in hyphenated:
            yield issue(
                "T208",
                f"'{m.group(0)}' tears apart '{left}-{right}', which the source writes whole",
                text,
                m.start(),
                m.end(),
            )
    inner = set(_INNER_CAPITAL.findall(source))
    for m in _TWO_CAPITALISED.finditer(text):
        word = m.group(1) + m.group(2)
        if word not in inner or re.search(rf"\b{re.escape(word)}\b", text):
            continue
        # A hashtag or handle ("#EarthDay") beside the words written apart in
        # the source ("Earth Day") is no name torn.
        apart = rf"{re.escape(m.group(1))}[ \t]+{re.escape(m.group(2))}\b"
        if in_source(apart, m.group(1), source):
            continue
        torn = text[m.start() : m.end(2)]
        yield issue(
            "T208",
            f"'{torn}' tears apart '{word}', which the source writes whole",
            text,
            m.start(),
            m.end(2),
        )
    surnames: dict[tuple[str, str], set[str]] = {}
    for first, initial, last in _INITIALED_NAME.findall(source):
        surnames.setdefault((first, initial), set()).add(last)
    for m in _INITIAL_THEN_WORD.finditer(text):
        lasts = surnames.get((m.group(1), m.group(2)))
        after = m.group(3)
        if not lasts or any(after.startswith(last) for last in lasts):
            continue
        if after in MONTH_NAMES or after.lower() in WEEKDAYS:
            continue  # a tear torn_names reports
        if after in STARTERS:
            continue  # "at Gate B. The passengers": maybe no name, a sentence end
        name = f"{m.group(1)} {m.group(2)}. {sorted(lasts)[0]}"
        yield issue(
            "T208", f"'{m.group(0)}' cuts '{name}' after the initial", text, m.start(), m.end()
        )


def misread_titles(text: str, source: str) -> Iterator[Issue]:
    """T213: an abbreviated title the source puts before a name, spelled out in
    the rewrite as another word that starts the same ("Dr." -> "Drive")."""
    titles: dict[str, set[str]] = {}
    for title, name in _TITLE_BEFORE_NAME.findall(source):
        titles.setdefault(name, set()).add(title)
    if not titles:
        return
    for r in _WORD_BEFORE_NAME.finditer(text):
        word, name = r.group(1), r.group(2)
        low = word.lower()
        if low in NAME_TITLES or low in _SPELLED_TITLES:
            continue
        for title in sorted(titles.get(name, ())):
            if low.startswith(title.lower()) and low != title.lower():
                yield issue(
                    "T213",
                    f"'{word} {name}': the source's title '{title}.' before {name} is "
                    f"spelled out as '{word}', which is no title",
                    text,
                    r.start(),
                    r.end(2),
                )
                break


def torn_dates(text: str, sentences: tuple[Sentence, ...]) -> Iterator[Issue]:
    for m in _TORN_DATE.finditer(text):
        yield issue(
            "T209",
            f"'{m.group(0)}' names a month without its day: the day was probably "
            f"split off into the next sentence",
            text,
            m.start(),
            m.end(),
        )
    for prev, nxt in itertools.pairwise(sentences):
        # The day lands in the next sentence: right after a sentence ending in
        # a month, or after one holding a month with no day ("on October,").
        torn = re.search(rf"\b(?:{_MONTHS})\s*[.!?]?$", prev.text) or _TORN_DATE.search(prev.text)
        if torn and re.match(r"^\W*(?:\w+\s+){0,2}?(?:[1-9]|[12]\d|3[01])\b", nxt.text):
            yield issue(
                "T209",
                f"'{nxt.text[:40]}' starts with what may be the day of month cut off "
                f"the date in the sentence before",
                text,
                nxt.start,
                nxt.end,
            )
