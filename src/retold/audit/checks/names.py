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
        out.update(state.split())
    for m in _STATE_ABBR.finditer(text):
        state = _STATES.get(m.group(0))
        if state:
            out.add(state)
            out.update(state.split())
    for forms in _PLACE_FORMS:
        if any(_has_form(f, text, low) for f in forms):
            out.update(forms)
    for alias, full in (*ORG_ALIASES.items(), *PLACE_ALIASES.items()):
        if re.search(rf"\b{re.escape(alias)}\b", text) or full.lower() in low:
            out.update({alias.lower(), full.lower()})
            if full.lower() in PLACE_WORDS:
                out.update(PLACE_WORDS[full.lower()])
    out.update(_acronyms(text))
    for body in _MEMBERS:
        if any(re.search(rf"\b{w}\b", low) for w in body):
            out.update(body)
    return frozenset(out)


def _has_form(form: str, text: str, low: str) -> bool:
    """Whether ``text`` writes ``form``: a short form ("US", "UK") only in capitals,
    so that the pronoun "us" names no country."""
    if len(form) <= 3:
        return re.search(rf"\b{re.escape(form.upper())}\b", text.replace(".", "")) is not None
    return re.search(rf"\b{re.escape(form)}\b", low) is not None


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
