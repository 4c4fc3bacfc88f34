"""How a name may be written without changing whom it names.

"D-N.M." is "a New Mexico Democrat", "(D-Ohio)" "an Ohio Democrat", "the IMF"
the "International Monetary Fund", "the Fed" the "Federal Reserve", "U.S."
"the United States" or "American", "Finnish" "Finland", "Martian" "Mars", and
"senators" the members of "the Senate". The checks of names (F121-F123),
roles (F124) and speakers (F136) compare names through these forms. The
places and their people's words are the lexicon's (data/demonyms.txt); the
rest is read from the text: party labels, state abbreviations and the
initials of a name.
"""

from __future__ import annotations

import functools
import re

from retold.lexicon.places import DEMONYMS, ORG_ALIASES, PLACE_ALIASES, STATE_ABBREVIATIONS

__all__ = ["NAME_STOP", "PLACE_WORDS", "name_forms", "whole_forms"]

# Each place with every word naming it or its people, as one set of forms.
_PLACE_FORMS: tuple[frozenset[str], ...] = tuple(
    frozenset({place, *forms}) for place, forms in DEMONYMS.items()
)
#: Each word of a place or its people -> every form of that place.
PLACE_WORDS: dict[str, frozenset[str]] = {f: g for g in _PLACE_FORMS for f in g}

# A party and state label after a US lawmaker's name: "D-N.M.", "(R-Texas)".
_PARTY_LABEL = re.compile(r"\b([DRI])-((?:[A-Z][a-z]*\.){1,2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)")
_PARTIES = {
    "D": ("democrat", "democrats", "democratic"),
    "R": ("republican", "republicans", "gop"),
    "I": ("independent",),
}
_STATE_ABBR = re.compile(r"\b(?:[A-Z][a-z]{0,4}\.){1,2}")
_STATES = {abbr: name.lower() for abbr, name in STATE_ABBREVIATIONS.items()}

# A body and the words for its members or "of the body": a rewrite that says
# "senators voted" keeps "the Senate voted".
_MEMBERS: tuple[frozenset[str], ...] = tuple(
    frozenset(x.split(","))
    for x in (
        "senate,senator,senators",
        "congress,congressional,congressman,congresswoman,congressmen,congresswomen",
        "parliament,parliamentary,parliamentarian,parliamentarians",
    )
)
#: Words of a name that do not tell it apart ("the", "of", a possessive).
NAME_STOP = frozenset({"the", "of", "and", "a", "an", "for", "in", "on", "at", "'s", "’s", "s"})
# Words that may begin a capitalised run without being part of the name, and
# words that may stand inside one ("Centers for Disease Control").
_RUN_SKIP = {"the", "a", "an"}
_RUN_INSIDE = (NAME_STOP & {"of", "for", "and", "on", "the"}) | {"&"}


def _alternation(words: list[str]) -> re.Pattern[str]:
    """One pattern for any of ``words`` as whole words, the longest first."""
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ordered) + r")\b")


# Forms of places: longer ones in lower case; a short one ("US", "UK") only
# in capitals, so that the pronoun "us" names no country.
_PLACE_LONG = _alternation([f for f in PLACE_WORDS if len(f) > 3])
_PLACE_SHORT = _alternation([f.upper() for f in PLACE_WORDS if len(f) <= 3])
_ALIASES: dict[str, str] = {**ORG_ALIASES, **PLACE_ALIASES}
_ALIAS_SHORT = _alternation(list(_ALIASES))
_ALIAS_FULL: dict[str, str] = {full.lower(): full for full in _ALIASES.values()}
_ALIAS_LONG = _alternation(list(_ALIAS_FULL))
_MEMBER_GROUP: dict[str, frozenset[str]] = {w: body for body in _MEMBERS for w in body}
_MEMBER_WORDS = _alternation(list(_MEMBER_GROUP))


def name_forms(text: str) -> frozenset[str]:
    """Lower-case words and phrases that ``text`` names without writing them:
    the party and state of "D-N.M.", a state's name for its abbreviation, every
    form of a country or its people, an organisation's acronym or full name,
    and the members of a body ("senators" for "the Senate")."""
    out: set[str] = set()
    low = " ".join(text.lower().replace(".", "").split())
    for m in _PARTY_LABEL.finditer(text):
        out.update(_PARTIES[m.group(1)])
        state = _STATES.get(m.group(2), m.group(2).lower())
        out.add(state)
    for m in _STATE_ABBR.finditer(text):
        state = _STATES.get(m.group(0))
        if state:
            out.add(state)
    for m in _PLACE_LONG.finditer(low):
        out.update(PLACE_WORDS[m.group(0)])
    for m in _PLACE_SHORT.finditer(text.replace(".", "")):
        out.update(PLACE_WORDS[m.group(0).lower()])
    full_names = {_ALIASES[m.group(0)].lower() for m in _ALIAS_SHORT.finditer(text)}
    full_names.update(m.group(0) for m in _ALIAS_LONG.finditer(low))
    for full in full_names:
        out.add(full)
        out.update(a.lower() for a, f in _ALIASES.items() if f.lower() == full)
        out.update(PLACE_WORDS.get(full, ()))
    out.update(_acronyms(text))
    for m in _MEMBER_WORDS.finditer(low):
        out.update(_MEMBER_GROUP[m.group(0)])
    return frozenset(out)


def _acronyms(text: str) -> set[str]:
    """The initials of every run of capitalised words ("International Monetary
    Fund" -> "imf"; "Centers for Disease Control and Prevention" -> "cdcp" and
    its start "cdc")."""
    out: set[str] = set()
    for run in re.finditer(
        r"[A-Z][\w.'-]*(?:\s+(?:(?:of|for|and|on|the|&)\s+)?[A-Z][\w.'-]*)+", text
    ):
        words = [w for w in run.group(0).split() if w.lower() not in _RUN_INSIDE]
        while words and words[0].lower() in _RUN_SKIP:
            words = words[1:]
        if len(words) < 2:
            continue
        initials = "".join(w[0] for w in words).lower()
        out.update(initials[:k] for k in range(3, len(initials) + 1))
    return out


@functools.lru_cache(maxsize=16384)
def whole_forms(name: str) -> frozenset[str]:
    """Every way to write the whole name ``name``: "U.S." -> "us", "united
    states", "american", ...; "D-Ohio" -> "democrat", "ohio"; "Federal Reserve"
    -> "fed"; "National Transportation Safety Board" -> "ntsb"."""
    plain = " ".join(name.lower().replace(".", "").split()).removeprefix("the ")
    out = {plain} | PLACE_WORDS.get(plain, frozenset())
    for alias, full in (*ORG_ALIASES.items(), *PLACE_ALIASES.items()):
        if plain in (alias.lower().replace(".", ""), full.lower()):
            out.update({alias.lower(), full.lower()})
    m = _PARTY_LABEL.search(name)
    if m is not None and len(m.group(0)) >= len(name.strip("(), ")) - 1:
        out.update(_PARTIES[m.group(1)])
        out.add(_STATES.get(m.group(2), m.group(2).lower()))
    out.update(_acronyms(name))
    return frozenset(out)
