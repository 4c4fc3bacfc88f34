"""Modality: modals ("will", "may"), belief and proof, and hedges ("reportedly").

A hedge says that someone believes or reports a thing; dropped, a claim
reads as a fact, and added, a fact reads as a claim.
"""

from __future__ import annotations

from typing import Any

from retold.audit import catalogue as cat
from retold.audit.checks.negation import predicate_key
from retold.audit.group import Context, Group
from retold.audit.registry import check
from retold.data import AuditMode, FactKind, Issue, Severity
from retold.lexicon.hedges import (
    BELIEF_VERBS,
    HEDGE_ADVERBS,
    HEDGE_ATTRIBUTES,
    HEDGE_VERBS,
    PROOF_VERBS,
)
from retold.lexicon.modality import ABLE, MODAL_FORMS, MODAL_MEANINGS
from retold.lexicon.reporting import SPEECH_VERBS, THAT_VERBS

_MODAL_CLASS = {form: MODAL_MEANINGS[modal] for form, modal in MODAL_FORMS.items()}


# Verbs of belief versus verbs of proof: "investigators believe" is not "proved".
_EPISTEMIC = {
    **{verb: "hedged" for verb in BELIEF_VERBS},
    **{verb: "certain" for verb in PROOF_VERBS},
}


def _modals(g: Group) -> list[tuple[str, str, Any]]:
    """(class, predicate lemma, token) for every modal ("will", "may", "going to").

    "would" outside reported speech is a condition ("a deal that would
    create"), not a future: "will create" states what "would create" only
    supposes. In a clause reported by a verb of saying ("said he would
    appeal") it is the future seen from the past, as "will" is.
    """
    out = []
    toks = g.tokens
    for i, t in enumerate(toks):
        low = t.lower_
        if t.tag_ == "MD" and low in _MODAL_CLASS:
            c = _MODAL_CLASS[low]
            if MODAL_FORMS.get(low) == "would" and not _reported(t):
                c = "conditional"
            out.append((c, predicate_key(t), t))
        elif (
            low == "going"
            and i + 2 < len(toks)
            and toks[i + 1].lower_ == "to"
            and toks[i + 2].pos_ in ("VERB", "AUX")
        ):
            out.append(("future", str(toks[i + 2].lemma_).lower(), t))
    return out


# Words that say what "can" and "could" say: "a bacterium able to break down
# foam", "would be unable to attempt", "the shots are available to anyone" /
# "anyone can get the shots".
_ABLE = ABLE | {"possible", "impossible", "available"}


def _reported(t: Any) -> bool:
    """Whether a modal's clause is reported ("said he would", "warned it would")."""
    head = t.head
    while head.dep_ in ("conj", "xcomp") and head.head.i != head.i:
        head = head.head
    # "None of them would lose their jobs, according to the mayor": reported
    # as "the mayor said none would" is.
    return (head.dep_ in ("ccomp", "advcl") and str(head.head.lemma_).lower() in _SAYING) or (
        head.dep_ == "ROOT"
        and any(str(c.lemma_).lower() in _SAYING or c.lower_ == "according" for c in head.children)
    )


# Verbs whose clause reports what someone said, believed or found: "would"
# there is the future seen from the past ("estimates this would reduce" /
# "claims it would reduce"), plus verbs of promising.
_SAYING = SPEECH_VERBS | THAT_VERBS | frozenset({"promise", "vow", "pledge"})


def _epistemic(g: Group) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for t in g.tokens:
        lem = str(t.lemma_).lower()
        if t.pos_ == "VERB" and lem in _EPISTEMIC:
            out.setdefault(_EPISTEMIC[lem], t)
    return out


@check("modality", order=180)
def check_modality(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """A modal changed ("may" / "will"), belief made proof, a hedge dropped or added (F143)."""
    strict = ctx.mode == AuditMode.REWRITE
    s_mod, r_mod = _modals(src), _modals(rw)
    s_by_key = {k: (c, t) for c, k, t in s_mod}
    r_by_key = {k: (c, t) for c, k, t in r_mod}
    s_lem, r_lem = src.lemmas(), rw.lemmas()

    def issue(s_tok: Any, was: str, r_tok: Any, now: str, severity: str | None = None) -> Issue:
        return cat.make(
            "F143",
            f"the modality changed: {was} became {now}",
            source_span=(s_tok.idx, s_tok.idx + len(s_tok.text)) if s_tok is not None else src.span,
            rewrite_span=(r_tok.idx, r_tok.idx + len(r_tok.text)) if r_tok is not None else rw.span,
            source_text=s_tok.text if s_tok is not None else src.text,
            rewrite_text=r_tok.text if r_tok is not None else rw.text,
            severity=severity,
        )

    def count(mods: list[tuple[str, str, Any]], c: str) -> int:
        return sum(x == c for x, _, _ in mods)

    for c, k, t in r_mod:
        if k in s_by_key:
            c0, t0 = s_by_key[k]
            if c0 != c and not any(x == c and y == k for x, y, _ in s_mod):
                return [issue(t0, f"'{t0.text}' ({c0})", t, f"'{t.text}' ({c})")]
        elif (
            k in s_lem
            and c == "possibility"
            and (not strict or count(r_mod, c) > count(s_mod, c))
            and not _ABLE & s_lem
        ):
            # "could receive" / "could get" in a rewrite: the source's modal on
            # a synonym (a summary, which draws on several sentences, keeps the
            # warning it had)
            severity = None if strict else Severity.WARNING
            return [issue(None, "a plain statement", t, f"'{t.text}' ({c})", severity)]
    for c0, k, t0 in s_mod:
        if (
            c0 == "possibility"
            and k in r_lem
            and k not in r_by_key
            and strict
            and count(s_mod, c0) > count(r_mod, c0)
            and not _ABLE & r_lem
        ):
            return [issue(t0, f"'{t0.text}' ({c0})", None, "a plain statement")]
    s_ep, r_ep = _epistemic(src), _epistemic(rw)
    if "hedged" in s_ep and "certain" in r_ep and "hedged" not in r_ep:
        t0, t = s_ep["hedged"], r_ep["certain"]
        return [issue(t0, f"'{t0.text}' (belief)", t, f"'{t.text}' (proof)")]
    if not strict:
        return []
    # A hedge ("is expected to", "reportedly", "suspected") says that someone
    # believes or reports a thing; dropped, the claim reads as a fact, and
    # added, a fact reads as a claim. Any hedge of the other side stands for
    # any other ("is expected to" / "officials expect" / "is likely to").
    s_hedges, r_hedges = _hedges(src), _hedges(rw)
    # A hedge word the other side still has, however it is parsed there
    # ("police suspect" / "the suspected gunman"), is no hedge dropped or added.
    s_hedges = [t for t in s_hedges if not _hedge_words(t) & (r_lem | rw.words())]
    r_hedges = [t for t in r_hedges if not _hedge_words(t) & (s_lem | src.words())]
    if s_hedges and not _hedges(rw) and not _softened(rw):
        t0 = s_hedges[0]
        return [issue(t0, f"the hedge '{_hedge_text(t0)}'", None, "a plain statement")]
    if r_hedges and not _hedges(src) and not _softened(src):
        t = r_hedges[0]
        return [issue(None, "a plain statement", t, f"the hedge '{_hedge_text(t)}'")]
    return []


# Words that hedge a claim: the writer does not vouch for it.
_HEDGE_ADVERBS = HEDGE_ADVERBS


# Adjectives and participles that hedge the noun they describe: "suspected militants".
_HEDGE_ATTRIBUTES = HEDGE_ATTRIBUTES


# Verbs that hedge their complement: "appears to", "is believed to", "is expected to".
_HEDGE_VERBS = HEDGE_VERBS


_HEDGE_MODALS = frozenset({"may", "might", "could"})


def _hedges(g: Group) -> list[Any]:
    """Tokens that hedge a claim, outside quotations."""
    quotes = [(f.start, f.end) for f in g.of(FactKind.QUOTE)]
    return [t for t in g.tokens if _is_hedge(t) and not any(a <= t.idx < b for a, b in quotes)]


def _is_hedge(t: Any) -> bool:
    """Whether a token hedges a claim.

    A verb hedges when it takes a clause or an infinitive, or is passive
    ("appears to have", "is believed to", "officials expect the bridge to");
    a verb of saying only when passive ("is said to"): "police said" is an
    attribution, F135's business. "suspected" and "alleged" hedge the noun
    they describe.
    """
    low, lem = t.lower_, str(t.lemma_).lower()
    if low in _HEDGE_ADVERBS and t.pos_ in ("ADV", "ADJ") and t.dep_ != "amod":
        # "40 percent less likely to die" measures a chance; it hedges nothing.
        return not any(c.lower_ in ("less", "more", "most", "least") for c in t.children)
    if low in _HEDGE_ATTRIBUTES and t.dep_ in ("amod", "compound", "acomp"):
        return True
    if t.tag_ == "MD":
        return low in _HEDGE_MODALS
    if t.pos_ != "VERB" or lem not in _HEDGE_VERBS or any(c.dep_ == "neg" for c in t.children):
        return False  # "did not expect to win" hedges nothing
    passive = any(c.dep_ == "auxpass" for c in t.children)
    # a clause, an infinitive, or a gerund ("anticipate lowering rates")
    clause = any(
        c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "dobj" and c.tag_ == "VBG") for c in t.children
    )
    if lem in ("appear", "seem"):
        return clause
    if lem in ("say", "report"):
        return passive and clause
    return clause or passive


def _hedge_words(t: Any) -> set[str]:
    """A hedge token's word and lemma, and the verb a participle comes from."""
    low, lem = t.lower_, str(t.lemma_).lower()
    out = {low, lem}
    if low.endswith("ed"):
        out |= {low[:-1], low[:-2]}  # "suspected" / "suspect", "alleged" / "allege"
    return out - {"could", "may", "might"}  # "may" would meet the month "May"


def _softened(g: Group) -> bool:
    """Whether a group at least says something less than a plain fact: a
    conditional ("would"), a question of belief, or words of plans, schedules
    and hopes ("are set to expire" / "are scheduled to lapse")."""
    return any(
        (t.tag_ == "MD" and t.lower_ in ("would", "should", "can", "ca"))
        or str(t.lemma_).lower() in _PLANS
        or (t.lower_ in ("set", "due") and any(c.dep_ == "xcomp" for c in t.children))
        for t in g.tokens
    )


_PLANS = frozenset({"hope", "plan", "aim", "intend", "want", "predict", "schedule"})


def _hedge_text(t: Any) -> str:
    """The hedge as read: a verb with its auxiliaries and "to" ("is expected to")."""
    if t.pos_ != "VERB":
        return str(t.text)
    doc = t.doc
    start = min([t.i, *(c.i for c in t.children if c.dep_ in ("aux", "auxpass"))])
    end = t.i + 1
    if end < len(doc) and doc[end].lower_ == "to":
        end += 1
    return str(doc[start:end].text)
