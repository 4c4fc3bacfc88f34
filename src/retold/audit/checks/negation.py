"""Negation: the rewrite denies what the source says, or asserts what it denies.

In rewrite mode the check counts negations on each side, explicit ("not",
"never", "no", "without", "nobody") and carried by a word ("failed to",
"declined to", "has yet to", "refrained from", "unable", "unaffected"), so
that a negation moved into a word ("did not comment" / "declined to comment",
"were not affected" / "were unaffected") is no change, while a negation
removed or added under any paraphrase of its verb ("had not conceded" / "had
accepted defeat") is an error. A count that differs by two inside one clause
("may not search without a warrant" / "need a warrant") is a double negation:
a warning, for a reader to look at.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from retold.audit.group import Context, Group, pair, weaker_in_summary
from retold.audit.registry import check
from retold.audit.words import LIGHT_VERBS
from retold.data import AuditMode, Issue, Severity
from retold.lexicon.modality import NEGATIVE_PRONOUNS
from retold.models import wordnet as _wordnet

_NEG_WORDS = NEGATIVE_PRONOUNS | {"no", "never", "without", "cannot", "rather", "instead"}
# Contrast words: "weekly rather than fortnightly" negates, but a rewrite that
# says the same thing another way ("replacing", "are ending") drops them
# without changing a fact; they match other negations, never count alone.
_WEAK = frozenset({"rather", "instead"})
# "no more than 35", "no later than Friday": a bound on a number or a date.
_BOUNDS = frozenset({"more", "less", "fewer", "later", "earlier", "sooner", "greater"})
# Verbs that negate their complement: "declined to comment" says "did not comment".
_NEGATING_VERBS = frozenset({"fail", "decline", "refuse", "refrain", "neglect", "forgo"})
# Verbs that negate a "from" + verb complement: "kept him from starting".
_PREVENTING_VERBS = frozenset({"keep", "prevent", "stop", "bar", "ban", "block", "deter"})
# Verbs of leaving out: "was left out" / "has no place".
_OMITTING_VERBS = frozenset({"omit", "exclude", "lack", "miss", "skip"})
# Adjectives that look negative but are no negation of a word (un + "ique").
_NOT_PREFIXED = frozenset({"under", "until", "unless", "universal", "unit", "united", "union"})


def _negations(g: Group) -> list[Any]:
    return [t for t in g.tokens if _is_negation(t)]


def _is_negation(t: Any) -> bool:
    low = t.lower_
    if t.dep_ != "neg" and low not in _NEG_WORDS:
        return False
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if low == "no" and nxt is not None:
        if nxt.text == "." or nxt.like_num or (t.text == "No" and nxt.text.startswith(".")):
            return False  # "the No. 2 seed"
        if nxt.lower_ in _BOUNDS and t.i + 2 < len(t.doc) and t.doc[t.i + 2].lower_ == "than":
            return False  # "no more than $35"
    if low == "without" and nxt is not None and _idiom(t, _WITHOUT_IDIOMS):
        return False  # "went off without a hitch": it succeeded
    if low == "no" and t.i > 0 and t.doc[t.i - 1].lower_ == "at" and _idiom(t, _AT_NO_IDIOMS):
        return False  # "at no cost": free
    return not (low == "not" and nxt is not None and nxt.lower_ == "only")


# Idioms with a negative word that deny nothing: "without a hitch" says it
# went well, "at no cost" that it is free.
_WITHOUT_IDIOMS = frozenset({"hitch", "incident", "fail", "exception", "delay"})
_AT_NO_IDIOMS = frozenset({"cost", "charge"})


def _idiom(t: Any, nouns: frozenset[str]) -> bool:
    """Whether one of ``nouns`` follows ``t`` within two words ("without a hitch")."""
    return any(str(x.lemma_).lower() in nouns for x in t.doc[t.i + 1 : t.i + 3])


def _carried(g: Group) -> list[Any]:
    """Verbs that carry a negation of their complement: "declined to comment",
    "has yet to concede", "held off on", "kept him from starting"."""
    out = []
    for t in g.tokens:
        lem = str(t.lemma_).lower()
        if t.pos_ == "VERB" and lem in _NEGATING_VERBS:
            if any(c.dep_ == "xcomp" and c.i > t.i for c in t.children) or _from_ing(t):
                out.append(t)
        elif t.pos_ == "VERB" and lem in _PREVENTING_VERBS and _from_ing(t):
            out.append(t)
        elif lem == "yet" and _followed(t, ("to",)):
            out.append(t)  # "has yet to concede"
        elif lem in ("hold", "stop") and _followed(t, ("off", "short")):
            out.append(t)  # "held off on recommending", "stopped short of"
        elif lem == "rule" and t.pos_ == "VERB" and _followed(t, ("out",)):
            out.append(t)  # "ruled out calling an election": will not call one
    return out


def _negative_word(t: Any) -> bool:
    low, lem = t.lower_, str(t.lemma_).lower()
    if t.pos_ not in ("ADJ", "VERB"):
        return False
    if lem in _OMITTING_VERBS or (lem == "leave" and _followed(t, ("out",))):
        return True
    return (
        low.startswith("un")
        and low not in _NOT_PREFIXED
        and len(low) > 5
        and bool(_wordnet.related_words(low[2:]))
    )


def _from_ing(t: Any) -> bool:
    """Whether ``t`` has a "from" + verb complement ("refrained from voting")."""
    return any(
        c.lower_ == "from" and any(x.pos_ == "VERB" or x.tag_ == "VBG" for x in c.children)
        for c in t.children
    )


def _balancing(g: Group) -> list[Any]:
    """Words that may stand for a negation the other side states, but never
    count as one by themselves: contrast words ("rather than"), adjectives
    made of "un" and an English word ("unable", "unaffected", "unbeaten"),
    verbs of leaving out, and the "not" of "not ... until" (a time, not a
    denial: "will not take effect until X signs" / "takes effect once X signs")."""
    out = [t for t in g.tokens if t.lower_ in _WEAK]
    out += [t for t in g.tokens if _negative_word(t)]
    out += [t for t in g.tokens if first_since(t)]
    out += [t for t in g.tokens if _implied_not(t)]
    return out


# Words that say "not" without writing it: "unless" is "if not"; "still needs
# approval" and "still awaiting approval" say it has not been approved yet
# ("has yet to approve"); "stay the same" says "not change"; "short of the
# votes" says "did not have" them.
_STILL_WANTING = frozenset({"need", "await", "wait", "pending", "require", "lack"})
_STAYING = frozenset({"stay", "remain", "keep"})


def _implied_not(t: Any) -> bool:
    low = t.lower_
    if low == "unless":
        return True
    if low == "still":
        return any(str(x.lemma_).lower() in _STILL_WANTING for x in t.doc[t.i + 1 : t.i + 4])
    if low == "same":
        return t.i > 1 and str(t.doc[t.i - 2].lemma_).lower() in _STAYING
    # "stopped short of" is counted as a negation itself (see _carried).
    return (
        low == "short"
        and _followed(t, ("of",))
        and not (t.i > 0 and str(t.doc[t.i - 1].lemma_).lower() == "stop")
    )


def first_since(t: Any) -> bool:
    """Whether ``t`` is the "first" of "the first X since Y", which says that
    no X had happened since Y ("their first home win since 2019" / "had not
    won at home since 2019")."""
    return t.lower_ == "first" and any(x.lower_ == "since" for x in t.doc[t.i + 1 : t.i + 7])


def _followed(t: Any, words: tuple[str, ...]) -> bool:
    return t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in words


def _strong(g: Group) -> list[Any]:
    """Every negation of the group that counts: explicit ones but contrast
    words and "not ... until", and negations carried by a verb."""
    explicit = [t for t in _negations(g) if t.lower_ not in _WEAK and not _until(t)]
    return sorted(explicit + _carried(g), key=lambda t: t.i)


def _until(t: Any) -> bool:
    """Whether ``t`` is the "not" of "not ... until" ("will not open until")."""
    if t.lower_ not in ("not", "n't"):
        return False
    return any(x.lower_ in ("until", "till") for x in t.doc[t.i + 1 : t.i + 12])


def negation_count(g: Group) -> tuple[int, int]:
    """(negations that count, words that may stand for one) in ``g``: "not",
    "never", "declined to" count; "unaffected", "rather than" may stand."""
    return len(_strong(g)), len(_balancing(g))


def _clause(t: Any) -> int:
    """The index of the verb whose clause holds ``t``."""
    h = t
    while h.head.i != h.i and not (h.pos_ in ("VERB", "AUX") and h.dep_ != "aux"):
        h = h.head
    return int(h.i)


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
    if ctx.mode == AuditMode.REWRITE:
        counted = _counted(src, rw)
        if counted is not None:
            return counted
        if _carried(src) or _carried(rw) or _balancing(src) or _balancing(rw):
            return []  # the counts agree once a word carries a negation
        # As many negations on each side: one may still have moved to another
        # predicate ("said he did not win" / "did not say he won"); the words
        # alone cannot tell that from "not aware of any" / "knew of no", so it
        # is a warning (the gate still rejects it).
        return [replace(i, severity=Severity.WARNING) for i in _negation(src, rw, ctx)]
    return weaker_in_summary(_negation(src, rw, ctx), src, ctx, pooled=True)


def _counted(src: Group, rw: Group) -> list[Issue] | None:
    """Rewrite mode: a negation more or fewer than the source, however
    worded, is an error (None: the counts agree, look closer)."""
    s_neg, r_neg = _strong(src), _strong(rw)
    if len(s_neg) == len(r_neg):
        return None
    more, fewer = (r_neg, s_neg) if len(r_neg) > len(s_neg) else (s_neg, r_neg)
    if len(more) - len(fewer) <= len(_balancing(src if more is r_neg else rw)):
        return None  # "not affected" / "unaffected", "not X" / "rather than X"
    clauses = [_clause(t) for t in more]
    doubled = (len(more) - len(fewer)) % 2 == 0 and len(set(clauses)) < len(clauses)
    severity = Severity.WARNING if doubled else Severity.ERROR
    if len(r_neg) > len(s_neg):
        t = _unmatched(r_neg, s_neg)
        message = f"a negation ('{t.text}') was added: the rewrite denies what the source says"
        return [pair("F141", message, src, t, severity)]
    t = _unmatched(s_neg, r_neg)
    message = f"a negation ('{t.text}') was removed: the rewrite asserts what the source denies"
    return [pair("F142", message, t, rw, severity)]


def _unmatched(more: list[Any], fewer: list[Any]) -> Any:
    """The first negation of ``more`` whose predicate none of ``fewer`` shares."""
    keys = set().union(*(_neg_keys(t) for t in fewer)) if fewer else set()
    return next((t for t in more if not _neg_keys(t) & keys), more[0])


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
