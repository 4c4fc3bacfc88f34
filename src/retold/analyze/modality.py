"""Negations and modal verbs as facts, read from the dependency parse: what
a "not" negates, which modal governs a verb."""

from __future__ import annotations

from typing import Any

from retold.data import Fact, FactKind
from retold.lexicon.modality import MODAL_FORMS, NEGATIVE_PRONOUNS


def find_negations(doc: Any, text: str) -> list[Fact]:
    """Each negation with the lemma of what it negates as its value."""
    out: list[Fact] = []
    for tok in doc:
        low = tok.lower_
        cue_end = tok.idx + len(tok.text)
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (
            low == "no"
            and nxt is not None
            and nxt.lower_ in ("longer", "more")
            and (nxt.head.pos_ in ("VERB", "AUX", "ADJ"))
        ):
            cue_end = nxt.idx + len(nxt.text)  # "no longer works"
            value = _predicate(nxt.head)
        elif tok.dep_ == "neg" or low == "never":
            if low in ("no",):
                value = str(tok.head.lemma_).lower()
            elif tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "only":
                continue  # "not only ... but also" does not negate
            else:
                value = _predicate(tok.head)
        elif low == "no" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "one":
            one = doc[tok.i + 1]
            cue_end = one.idx + len(one.text)
            value = _predicate(one.head if one.head.i != one.i else tok.head)
        elif low == "no" and tok.dep_ == "det":
            value = tok.head.lemma_.lower()
        elif low in NEGATIVE_PRONOUNS:
            # "neither party expects": what is negated is the verb, as for "nobody"
            head = tok.head.head if tok.dep_ in ("det", "preconj") else tok.head
            value = _predicate(head) if head.i != tok.i else low
        elif low == "without":
            objs = [c for c in tok.children if c.dep_ in ("pobj", "pcomp")]
            value = objs[0].lemma_.lower() if objs else _predicate(tok.head)
        else:
            continue
        out.append(Fact(FactKind.NEGATION, text[tok.idx : cue_end], value, tok.idx, cue_end))
    return out


def _predicate(head: Any) -> str:
    """The lemma of what a negation negates: the verb, or the adjective or noun
    of a copula ("is not clear" -> "clear")."""
    # "Not one hostage was freed": from the number up to the verb. spaCy makes a
    # new Token object on every access, so tokens compare by index, never by `is`.
    if head.pos_ in ("NUM", "DET", "ADV", "PART"):
        while head.pos_ not in ("VERB", "AUX", "ADJ") and head.head.i != head.i:
            head = head.head
    if head.lemma_ == "be":
        for child in head.children:
            if child.dep_ in ("acomp", "attr") and child.i > head.i:
                return str(child.lemma_).lower()
    return str(head.lemma_).lower()


def find_modals(doc: Any) -> list[Fact]:
    """Each modal verb with the modal it is as its value ("'ll" -> "will")."""
    out: list[Fact] = []
    for tok in doc:
        if tok.tag_ != "MD":
            continue
        value = MODAL_FORMS.get(tok.lower_)
        if value is None:
            continue
        out.append(Fact(FactKind.MODALITY, tok.text, value, tok.idx, tok.idx + len(tok.text)))
    return out
