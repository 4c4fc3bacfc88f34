"""Predicates: one contradicted (an antonym) or replaced by an unrelated verb."""

from __future__ import annotations

from typing import Any

from retold.audit import catalogue as cat
from retold.audit.checks.negation import negation_count
from retold.audit.group import (
    Context,
    Group,
    light_edit,
    pair,
    triples,
    weaker_in_summary,
    wordnet_supported,
)
from retold.audit.judge import contradicted
from retold.audit.registry import check
from retold.audit.words import GENERAL_VERBS, LIGHT_VERBS, SPEECH_VERBS
from retold.data import Issue, Severity
from retold.models import wordnet as _wordnet

# Pairs of news predicates that contradict each other (lemmas).
ANTONYMS: tuple[tuple[str, str], ...] = (
    ("oppose", "support"),
    ("oppose", "back"),
    ("oppose", "favor"),
    ("oppose", "endorse"),
    ("arrest", "release"),
    ("arrest", "free"),
    ("convict", "acquit"),
    ("detain", "release"),
    ("reject", "accept"),
    ("reject", "approve"),
    ("reject", "back"),
    ("refuse", "accept"),
    ("refuse", "agree"),
    ("approve", "block"),
    ("approve", "veto"),
    ("sign", "veto"),
    ("rise", "fall"),
    ("rise", "drop"),
    ("rise", "decline"),
    ("increase", "decrease"),
    ("increase", "cut"),
    ("increase", "reduce"),
    ("raise", "cut"),
    ("raise", "lower"),
    ("raise", "keep"),
    ("grow", "shrink"),
    ("gain", "lose"),
    ("win", "lose"),
    ("beat", "lose"),
    ("defeat", "lose"),
    ("deny", "admit"),
    ("deny", "confirm"),
    ("deny", "acknowledge"),
    ("praise", "criticize"),
    ("praise", "criticise"),
    ("praise", "condemn"),
    ("open", "close"),
    ("open", "closed"),
    ("reopen", "close"),
    ("ban", "allow"),
    ("ban", "permit"),
    ("ban", "lift"),
    ("impose", "lift"),
    ("hire", "fire"),
    ("hire", "sack"),
    ("build", "demolish"),
    ("wound", "kill"),
    ("injure", "kill"),
    ("survive", "die"),
    ("live", "die"),
    ("rescue", "kill"),
    ("accept", "decline"),
    ("start", "end"),
    ("start", "stop"),
    ("begin", "end"),
    ("resume", "halt"),
    ("resume", "suspend"),
    ("join", "leave"),
    ("enter", "leave"),
    ("safe", "unsafe"),
    ("safe", "dangerous"),
    ("valid", "invalid"),
    ("legal", "illegal"),
    ("guilty", "innocent"),
    ("alive", "dead"),
    ("rise", "sink"),
    ("expand", "shrink"),
    ("strengthen", "weaken"),
    ("succeed", "fail"),
    ("pass", "fail"),
    ("pass", "reject"),
    ("include", "exclude"),
    ("allow", "forbid"),
    ("allow", "prohibit"),
    ("add", "remove"),
    ("elect", "defeat"),
    ("appoint", "dismiss"),
    ("appoint", "fire"),
    ("unchanged", "raise"),
    ("damage", "destroy"),
    ("fall", "climb"),
    ("drop", "climb"),
)


_ANTONYM: dict[str, set[str]] = {}


for _a, _b in ANTONYMS:
    _ANTONYM.setdefault(_a, set()).add(_b)
    _ANTONYM.setdefault(_b, set()).add(_a)


@check("predicates", order=200)
def check_predicates(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """A predicate the source contradicts: its antonym, by the list above or WordNet (F151)."""
    return weaker_in_summary(_predicates(src, rw), src, ctx, pooled=True)


def _predicates(src: Group, rw: Group) -> list[Issue]:
    out: list[Issue] = []
    s_lem = src.lemmas() | src.words()
    r_lem = rw.lemmas() | rw.words()
    # An antonym beside a negation the other side lacks says the same thing
    # ("were not affected" / "were unaffected", "did not rise" / "fell" is
    # left to the negation check's count).
    (s_neg, s_may), (r_neg, r_may) = negation_count(src), negation_count(rw)
    if s_neg != r_neg or s_may != r_may:
        return []
    light = light_edit(src, rw)
    for t in rw.tokens:
        lem = t.lemma_.lower()
        if lem in s_lem or not t.is_alpha:
            continue
        candidates = set(_ANTONYM.get(lem, ()))
        if t.pos_ == "ADJ":
            # WordNet's adjective antonyms are sound ("safe"/"dangerous"); its
            # verb antonyms are too loose for news predicates.
            candidates |= _wordnet.antonyms(lem)
        why = "a news antonym"
        opposite = sorted(a for a in candidates if a in s_lem and a not in r_lem)
        if not opposite:
            found = contradicted(t, src)
            if found is None or found.match in r_lem:
                continue
            opposite, why = [found.match], found.evidence
        s_tok = next(
            (x for x in src.tokens if x.lemma_.lower() == opposite[0] or x.lower_ == opposite[0]),
            None,
        )
        # Sure when the two words say something of the same thing (a shared
        # head or dependent: "overturning a lower court's decision" /
        # "upholding a lower court's decision") or the rest is kept word for
        # word; in a paraphrase that rebuilds the sentence the two may be
        # about different things ("higher prices offset lower volume").
        sure = light or (s_tok is not None and bool(_neighbours(s_tok) & _neighbours(t)))
        out.append(
            cat.make(
                "F151",
                f"the predicate is contradicted: the source says "
                f"'{s_tok.text if s_tok is not None else opposite[0]}', the rewrite '{t.text}' "
                f"({why})",
                source_span=(s_tok.idx, s_tok.idx + len(s_tok.text))
                if s_tok is not None
                else src.span,
                rewrite_span=(t.idx, t.idx + len(t.text)),
                source_text=s_tok.text if s_tok is not None else "",
                rewrite_text=t.text,
                severity=None if sure else Severity.WARNING,
            )
        )
    return out


def _neighbours(t: Any) -> set[str]:
    """Content lemmas of a token's head and dependents (and theirs, one step),
    but not its subject: two predicates of one actor ("the judge blocked the
    law" / "the judge, who agreed with the group") may be about different
    things; what they are said of must be shared."""
    subject = ("nsubj", "nsubjpass", "agent")
    kids = [c for c in t.children if c.dep_ not in subject]
    near = [*kids, *(g for c in kids for g in c.children)]
    if t.dep_ not in ("relcl", "acl"):
        near.append(t.head)  # a relative clause's head is its subject
    return {
        str(x.lemma_).lower()
        for x in near
        if x.i != t.i and x.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and not x.is_stop
    }


# Below this cosine two verbs are not taken for synonyms by their embeddings.
_VERB_SYNONYM = 0.5


@check("replaced_predicates", order=210)
def check_replaced_predicates(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """F152: the rewrite keeps who and whom but says they did something else.

    A rewrite verb counts as replaced when a source verb links the same agent
    and the same patient ("police" ... "the suspect"), the source group does
    not use the rewrite's verb anywhere, and the two verbs are neither
    synonyms (WordNet, either direction, or the embeddings) nor antonyms
    (that is F151). Both arguments must match: a group of several sentences
    has its subject do many things ("the student bought ... was bypassed").
    A warning: synonym lists are never complete.
    """
    s_lem = src.lemmas()
    s_frames = _frames(triples(src))
    for verb, (agents, patients) in sorted(_frames(triples(rw)).items()):
        if verb in s_frames or verb in s_lem or not _replaceable(verb):
            continue
        theirs = sorted(
            v for v, (a, p) in s_frames.items() if agents & a and patients & p and v != verb
        )
        if not theirs or any(_same_predicate(verb, v, ctx) for v in theirs):
            continue
        r_tok = next((t for t in rw.tokens if t.lemma_.lower() == verb), None)
        s_tok = next((t for t in src.tokens if t.lemma_.lower() == theirs[0]), None)
        if r_tok is None or s_tok is None:
            continue
        who = sorted(agents & s_frames[theirs[0]][0])[0]
        return [
            pair(
                "F152",
                f"the predicate was replaced: '{s_tok.text}' became '{r_tok.text}' "
                f"with the same agent ('{who}') and patient, and the two are not synonyms",
                s_tok,
                r_tok,
            )
        ]
    return []


def _frames(links: set[tuple[str, str, str]]) -> dict[str, tuple[set[str], set[str]]]:
    """verb -> (its agents, its patients)."""
    out: dict[str, tuple[set[str], set[str]]] = {}
    for role, verb, arg in links:
        agents, patients = out.setdefault(verb, (set(), set()))
        (agents if role == "agent" else patients).add(arg)
    return out


def _replaceable(verb: str) -> bool:
    return verb not in LIGHT_VERBS and verb not in GENERAL_VERBS and verb not in SPEECH_VERBS


def _same_predicate(verb: str, other: str, ctx: Context) -> bool:
    """Whether ``verb`` may say what ``other`` says: a synonym, a more general or
    derived word, an antonym (reported as F151 instead), or close in embeddings."""
    if other in LIGHT_VERBS or other in GENERAL_VERBS or other in SPEECH_VERBS:
        return True  # the source's verb says too little to be replaced
    if other in _ANTONYM.get(verb, ()) or wordnet_supported(verb, {other}):
        return True
    if ctx.word_support is None:
        return False
    return ctx.word_support([verb], [other])[0] >= _VERB_SYNONYM
