"""People, organisations and places as facts, from spaCy's entities: titles
and possessives dropped, datelines and repeated surnames found, and every
mention of a person given the fullest name seen in the text."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import replace
from functools import cache
from typing import Any

from retold.analyze.normalize import (
    canonical_org,
    canonical_place,
    name_parts,
    names_match,
    strip_titles,
)
from retold.analyze.numbers import TEMPERATURE_SCALE
from retold.analyze.spans import Spans, overlaps
from retold.data import Fact, FactKind
from retold.lexicon.names import NAME_TITLES, TITLE_HEADS

_ENTITY_KINDS = {
    "PERSON": FactKind.PERSON,
    "ORG": FactKind.ORG,
    "GPE": FactKind.PLACE,
    "LOC": FactKind.PLACE,
    "FAC": FactKind.PLACE,
    "NORP": FactKind.PLACE,
}
NAME_KINDS = frozenset({FactKind.PERSON, FactKind.ORG, FactKind.PLACE})


def find_entities(doc: Any, text: str, taken: Spans) -> list[Fact]:
    """People, organisations and places outside the ``taken`` spans."""
    # doc.text joins every token anew on each access: take the text once
    out: list[Fact] = []
    for ent in doc.ents:
        kind = _ENTITY_KINDS.get(ent.label_)
        if kind is None or _temperature_scale(ent):
            continue
        tokens = list(ent)
        if kind == FactKind.ORG and _is_title_word(tokens):
            continue
        if _is_dateline(text, tokens):
            kind = FactKind.PLACE
        if kind != FactKind.PERSON and _after_person_title(tokens[0]):
            kind = FactKind.PERSON
        fact = _entity_fact(text, kind, tokens)
        if fact is None or overlaps(fact.start, fact.end, taken):
            continue
        out.append(fact)
    out.extend(_titled_people(doc, text, out, taken))
    out.extend(_missed_datelines(text, out, taken))
    out = _one_kind_per_name(_relabel_surnames(out))
    return out + _repeated_names(doc, text, out, taken)


def _temperature_scale(ent: Any) -> bool:
    """ "Fahrenheit" in "68 degrees Fahrenheit" is the number's unit, not a name."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return (
        ent.text.lower() in TEMPERATURE_SCALE
        and before is not None
        and (before.lower_ in ("degree", "degrees") or before.like_num)
    )


def _missed_datelines(text: str, found: list[Fact], taken: Spans) -> list[Fact]:
    """ "SAN DIEGO — ..." when spaCy saw no entity there: a paragraph that opens
    with words in capitals and a dash or comma opens with its dateline."""
    out: list[Fact] = []
    have = Spans((f.start, f.end) for f in found)
    for para in re.finditer(r"(?m)^([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*)(?=,| —| --)", text):
        start, end = para.span(1)
        if len(para.group(1)) < 3 or overlaps(start, end, have) or overlaps(start, end, taken):
            continue
        surface = para.group(1)
        out.append(Fact(FactKind.PLACE, surface, canonical_place(surface), start, end))
    return out


def _repeated_names(doc: Any, text: str, found: list[Fact], taken: Spans) -> list[Fact]:
    """A name spaCy labelled once and missed elsewhere ("She said Northwind
    would cut ..."): an unlabelled proper noun with the same text is the same."""
    known = {f.text: f for f in found if f.text[:1].isupper() and f.kind != FactKind.PERSON}
    if not known:
        return []
    have = Spans((f.start, f.end) for f in found)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, known)) + r")(?![\w-])")
    out: list[Fact] = []
    for m in pattern.finditer(text):
        start, end = m.span()
        if overlaps(start, end, have) or overlaps(start, end, taken):
            continue
        span = doc.char_span(start, end)
        if span is None or any(t.pos_ != "PROPN" for t in span if t.is_alpha):
            continue
        out.append(replace(known[m.group()], start=start, end=end))
    return out


def _is_title_word(tokens: list[Any]) -> bool:
    """ "State" in "Secretary of State", "Defense" in "Defense Secretary": part of a
    title, not an organisation."""
    first, last = tokens[0], tokens[-1]
    doc = first.doc
    if last.i + 1 < len(doc) and doc[last.i + 1].lower_ in TITLE_HEADS:
        return True
    if first.i >= 2 and doc[first.i - 1].lower_ == "of":
        return doc[first.i - 2].lower_ in TITLE_HEADS
    return False


def _is_dateline(text: str, tokens: list[Any]) -> bool:
    """ "WILMINGTON, Del. — ...": a place in capitals opening a paragraph."""
    first, last = tokens[0], tokens[-1]
    at_para_start = first.idx == 0 or text[first.idx - 1] == "\n"
    after = text[last.idx + len(last.text) : last.idx + len(last.text) + 3]
    return at_para_start and all(t.is_upper for t in tokens) and after.lstrip()[:1] in (",", "—")


def _after_person_title(tok: Any) -> bool:
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("mr.", "mrs.", "ms.", "dr.", "prof.")


def _entity_fact(text: str, kind: str, tokens: list[Any]) -> Fact | None:
    doc = tokens[0].doc
    # drop a leading "the" and trailing possessives or punctuation
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    # a name ends with a capitalised word: "James Rodriguez - all", "Izmir province"
    while tokens and (
        tokens[-1].lower_ in ("'s", "’s", "'", "’")
        or tokens[-1].is_punct
        or tokens[-1].is_lower
        or tokens[-1].is_space
    ):
        tokens = tokens[:-1]
    if not tokens or tokens[0].is_lower:
        return None  # "the gulf": a common noun, not a name
    if kind == FactKind.PERSON:
        # "Wigan Warriors' Manfredi": the name is what follows the possessive
        owners = [k for k, t in enumerate(tokens[:-1]) if t.lower_ in ("'s", "’s", "'", "’")]
        if owners:
            tokens = tokens[owners[-1] + 1 :]
        while len(tokens) > 1 and tokens[0].lower_.rstrip(".") in NAME_TITLES:
            tokens = tokens[1:]
        # spaCy reads "Secretary of State Antony J. Blinken" as ORG "State" +
        # PERSON "J. Blinken": take the given name back
        i = tokens[0].i
        while i > 0 and _name_like(doc[i - 1]):
            i -= 1
        tokens = [doc[j] for j in range(i, tokens[0].i)] + tokens
        if tokens[0].lower_.rstrip(".") in NAME_TITLES or tokens[0].is_lower:
            return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    surface = text[start:end]
    if not any(c.isalpha() for c in surface):
        return None
    if kind == FactKind.PERSON:
        value = strip_titles(surface)
    elif kind == FactKind.ORG:
        value = canonical_org(surface)
    else:
        value = canonical_place(surface)
    return Fact(kind, surface, value, start, end)


def _name_like(tok: Any) -> bool:
    """A token that can be a given name or initial just before a person's name."""
    if tok.lower_.rstrip(".") in NAME_TITLES:
        return False
    if re.fullmatch(r"[A-Z]\.", tok.text):
        return True
    return (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and tok.is_alpha
        and tok.ent_type_ not in ("GPE", "NORP", "LOC")
    )


def _titled_people(doc: Any, text: str, found: list[Fact], taken: Spans) -> list[Fact]:
    """ "Mr. Blinken" when spaCy saw no entity there at all."""
    have = Spans((f.start, f.end) for f in found)
    out: list[Fact] = []
    for tok in doc[:-1]:
        if tok.lower_ not in ("mr.", "mrs.", "ms.", "dr.", "prof."):
            continue
        name = []
        j = tok.i + 1
        while j < len(doc) and (doc[j].pos_ == "PROPN" or re.fullmatch(r"[A-Z]\.", doc[j].text)):
            name.append(doc[j])
            j += 1
        if not name or not name[0].text[:1].isupper():
            continue
        start, end = name[0].idx, name[-1].idx + len(name[-1].text)
        if overlaps(start, end, have) or overlaps(start, end, taken):
            continue
        surface = text[start:end]
        out.append(Fact(FactKind.PERSON, surface, strip_titles(surface), start, end))
    return out


def _relabel_surnames(entities: list[Fact]) -> list[Fact]:
    """spaCy labels a bare surname ORG or GPE now and then ("Blinken"); if the
    text names that person in full elsewhere, it is the person."""
    surnames = {
        name_parts(f.value)[1] for f in entities if f.kind == FactKind.PERSON and " " in f.value
    }
    return [
        replace(f, kind=FactKind.PERSON, value=f.text)
        if f.kind != FactKind.PERSON and " " not in f.text and f.text in surnames
        else f
        for f in entities
    ]


def _one_kind_per_name(entities: list[Fact]) -> list[Fact]:
    """A name means one thing throughout an article: spaCy calls "Rafah" a
    place six times and a person three; the majority wins (ties: the first)."""
    votes: dict[str, list[str]] = {}
    for f in sorted(entities, key=lambda f: f.start):
        votes.setdefault(f.text, []).append(f.kind)
    out = []
    for f in entities:
        kinds = votes[f.text]
        best = max(dict.fromkeys(kinds), key=kinds.count)
        if best == f.kind:
            out.append(f)
        elif best == FactKind.PERSON:
            out.append(replace(f, kind=best, value=strip_titles(f.text)))
        elif best == FactKind.ORG:
            out.append(replace(f, kind=best, value=canonical_org(f.text)))
        else:
            out.append(replace(f, kind=best, value=canonical_place(f.text)))
    return out


def resolve_people(facts: list[Fact]) -> list[Fact]:
    """Give each mention of a person the fullest compatible name in the text.

    Names with given names are grouped under the fullest name that matches
    them (:func:`names_match`). A mention that fits one group takes its name;
    when two people share a surname ("Joe Biden", "Hunter Biden") a bare
    "Biden" takes the nearest full name before it, else the first after it.
    """
    people = sorted((f for f in facts if f.kind == FactKind.PERSON), key=lambda f: f.start)
    fulls = list(dict.fromkeys(f.value for f in people if name_parts(f.value)[0]))
    # names_match needs the same surname, or a lone word that is the other
    # name's first: only the full names filed under those words can match,
    # so a long text's hundreds of names are not each compared with all.
    filed: dict[str, list[int]] = {}
    for k, full in enumerate(fulls):
        given, surname = name_parts(full)
        filed.setdefault(surname.lower(), []).append(k)
        filed.setdefault(given[0].lower(), []).append(k)

    @cache
    def matching(name: str) -> tuple[str, ...]:
        """The full names that :func:`names_match` ``name``, in text order."""
        near = sorted(set(filed.get(name_parts(name)[1].lower(), ())))
        return tuple(fulls[k] for k in near if names_match(fulls[k], name))

    @cache
    def fullest(name: str) -> str:
        best = name
        for other in matching(name):
            if len(name_parts(other)[0]) > len(name_parts(best)[0]):
                best = other
        return best

    @cache
    def representatives(value: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(fullest(w) for w in matching(value)))

    # The mentions with a given name, by start: the nearest one before a
    # mention is found by bisection, not by a pass over every mention.
    named = [g for g in people if name_parts(g.value)[0]]
    named_starts = [g.start for g in named]

    def resolve(f: Fact) -> str:
        reps = representatives(f.value)
        if len(reps) <= 1:
            return reps[0] if reps else f.value
        before = named[: bisect.bisect_left(named_starts, f.start)]
        after = named[bisect.bisect_right(named_starts, f.start) :]
        for g in itertools.chain(reversed(before), after):
            if names_match(g.value, f.value):
                return fullest(g.value)
        return f.value

    return [replace(f, value=resolve(f)) if f.kind == FactKind.PERSON else f for f in facts]
