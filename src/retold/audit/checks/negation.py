"""Negation: the rewrite denies what the source says, or asserts what it denies."""

from __future__ import annotations

from typing import Any

from retold.audit.group import Context, Group, pair, weaker_in_summary
from retold.audit.registry import check
from retold.audit.words import LIGHT_VERBS
from retold.data import AuditMode, Issue, Severity
from retold.lexicon.modality import NEGATIVE_PRONOUNS

_NEG_WORDS = NEGATIVE_PRONOUNS | {"no", "never", "without", "cannot", "rather", "instead"}


def _negations(g: Group) -> list[Any]:
    return [t for t in g.tokens if t.dep_ == "neg" or t.lower_ in _NEG_WORDS]


def predicate_key(t: Any) -> str:
    """The predicate a negation or modal applies to, as a lemma.

    For a light verb ("is not safe", "has no cracks") the predicate is its
    complement, so that "is safe" and "is not safe" meet on "safe".
    """
    if t.lower_ in ("rather", "instead"):
        # "raids rather than a major assault" negates "assault", as "not" does.
        for x in t.doc[t.i + 1 : t.i + 6]:
            if x.pos_ in ("NOUN", "VERB", "PROPN", "ADJ"):
                return str(x.lemma_).lower()
    h = t.head
    if t.dep_ == "neg" and h.pos_ in ("NOUN", "PROPN"):
        # "raids against leaders, not a major assault": the parser hangs "not"
        # on "leaders", but it negates the noun phrase that follows.
        for x in t.doc[t.i + 1 : t.i + 5]:
            if x.pos_ in ("NOUN", "PROPN"):
                return str(x.lemma_).lower()
    if str(h.lemma_).lower() in LIGHT_VERBS:
        for c in h.children:
            if c.dep_ in ("acomp", "attr", "dobj", "oprd") and c is not t:
                return str(c.lemma_).lower()
    return str(h.lemma_).lower()


def _neg_keys(t: Any) -> set[str]:
    """Predicates a negation may apply to: its head, and the word it precedes.

    "raids, not a major assault" attaches "not" to "raids" but negates
    "assault"; both keys are kept so that either phrasing matches.
    """
    keys = {predicate_key(t)}
    for x in t.doc[t.i + 1 : t.i + 5]:
        if x.pos_ in ("NOUN", "VERB", "PROPN", "ADJ"):
            keys.add(str(x.lemma_).lower())
            break
    return keys


def _negation_contexts(g: Group) -> tuple[set[str], set[str]]:
    """Lemmas of sentences that hold a negation, and predicates used un-negated."""
    near: set[str] = set()
    negated: set[str] = set()
    for t in _negations(g):
        near |= {str(x.lemma_).lower() for x in t.sent}
        negated |= _neg_keys(t)
    plain = {str(t.lemma_).lower() for t in g.tokens} - negated
    return near, plain


@check("negation", order=170)
def check_negation(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """A negation added (F141) or removed (F142)."""
    return weaker_in_summary(_negation(src, rw, ctx), src, ctx, pooled=True)


def _negation(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    out: list[Issue] = []
    s_neg, r_neg = _negations(src), _negations(rw)
    s_keys = set().union(*(_neg_keys(t) for t in s_neg)) if s_neg else set()
    r_keys = set().union(*(_neg_keys(t) for t in r_neg)) if r_neg else set()
    s_lem, r_lem = src.lemmas(), rw.lemmas()
    strict = ctx.mode == AuditMode.REWRITE
    # A summary may take a predicate from any sentence: only a predicate the
    # source never negates (or always negates) counts against it.
    near_neg, plain = _negation_contexts(ctx.source_all) if not strict else (set(), set())
    for t in r_neg:
        keys = _neg_keys(t)
        if keys & s_keys or (not strict and keys & near_neg):
            continue
        # "unhurt" / "not hurt": the source said it with a negative prefix.
        if any(f"{p}{k}" in s_lem for k in keys for p in ("un", "in", "dis", "non")):
            continue
        if predicate_key(t) in s_lem:
            severity = None
        elif strict and len(r_neg) > len(s_neg):
            severity = Severity.WARNING
        else:
            continue
        out.append(
            pair(
                "F141",
                f"a negation ('{t.text}') was added: the rewrite denies what the source says",
                src,
                t,
                severity,
            )
        )
        break
    for t in s_neg:
        keys = _neg_keys(t)
        if keys & r_keys or (not strict and keys & plain):
            continue
        if predicate_key(t) in r_lem:
            severity = None
        elif strict and len(r_neg) < len(s_neg):
            severity = Severity.WARNING
        else:
            continue
        out.append(
            pair(
                "F142",
                f"a negation ('{t.text}') was removed: the rewrite asserts what the source denies",
                t,
                rw,
                severity,
            )
        )
        break
    return out
