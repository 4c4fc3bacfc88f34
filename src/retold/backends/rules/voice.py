"""Active <-> passive for simple transitive clauses with a named agent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from retold.backends.rules import verbs
from retold.backends.rules.syntax import (
    OBJ_TO_SUBJ,
    PASSIVE_VERBS,
    Parsed,
    lower_first,
    pronoun_would_dangle,
    sentence_root,
    tidy,
    upper_first,
)
from retold.lexicon.modality import MODALS
from retold.lexicon.pronouns import PLURAL as PLURAL_PRONOUNS
from retold.lexicon.pronouns import SUBJECT_TO_OBJECT


def to_passive(p: Parsed) -> Iterator[str]:
    """ "The committee approved the plan." -> "The plan was approved by the committee." """
    root = sentence_root(p)
    if root is None or root.lemma_.lower() not in PASSIVE_VERBS or root.pos_ != "VERB":
        return
    kids = list(root.children)
    subj = [c for c in kids if c.dep_ == "nsubj"]
    obj = [c for c in kids if c.dep_ == "dobj"]
    aux = [c for c in kids if c.dep_ == "aux"]
    if len(subj) != 1 or len(obj) != 1 or len(aux) > 1:
        return
    subj_t, obj_t = subj[0], obj[0]
    allowed = {"nsubj", "dobj", "aux", "punct", "prep", "npadvmod", "advcl", "advmod"}
    if any(c.dep_ not in allowed for c in kids):
        return
    if subj_t.pos_ == "PRON" or subj_t.lower_ in ("who", "which", "that"):
        return  # a named agent only: "by him" reads badly
    if not (subj_t.i < root.i < obj_t.i) or p.doc[root.i + 1].i != obj_t.left_edge.i:
        return
    # between subject and verb: the auxiliary and at most one adverb
    between = [t for t in p.doc[subj_t.right_edge.i + 1 : root.i]]
    adverbs = [t for t in between if t.dep_ == "advmod" and t.head == root]
    if len(adverbs) > 1 or any(t not in adverbs and t not in aux for t in between):
        return
    if any(c.i < subj_t.i and c.dep_ != "punct" for c in kids):
        return
    plural = (
        obj_t.tag_ in ("NNS", "NNPS")
        or obj_t.lower_ in PLURAL_PRONOUNS
        or any(c.dep_ == "conj" for c in obj_t.children)
    )
    group = _passive_group(root, aux[0] if aux else None, plural)
    if group is None:
        return
    spans = p.opening_spans(subj_t, obj_t)
    if spans is None:
        return
    (sa, sb), (oa, ob) = spans
    if any(c.dep_ in ("relcl", "acl") for c in obj_t.children) and ob != p.body_end:
        return  # a clause on the object would now run into the verb
    if obj_t.pos_ != "PRON" and pronoun_would_dangle(p.doc, (oa, ob), (sa, sb)):
        return  # "their purchase" would come before who "their" is
    obj_text = p.text[oa:ob]
    if obj_t.pos_ == "PRON":
        if obj_t.lower_ not in OBJ_TO_SUBJ and obj_t.lower_ != "it":
            return
        obj_text = OBJ_TO_SUBJ.get(obj_t.lower_, obj_t.lower_)
    if adverbs:
        first, *others = group.split(" ")
        group = " ".join([first, adverbs[0].text, *others])
    agent = lower_first(p, sa, p.text[sa:sb])
    if agent is None:
        return
    rest = p.text[ob : p.body_end]
    if any(t.lower_ == "by" and t.idx >= ob for t in p.doc):
        return  # "... by the committee by guiding ...": two "by"s read badly
    yield tidy(f"{upper_first(obj_text)} {group} by {agent}{rest}{p.final}")


def _passive_group(root: Any, aux: Any, plural: bool) -> str | None:
    """The passive verb group for an active ``root`` (with its auxiliary, if any)."""
    if aux is None and root.tag_ == "VBD":
        part = verbs.participle(root.lemma_, root.text)
        return f"{'were' if plural else 'was'} {part}" if part else None
    if aux is None and root.tag_ in ("VBZ", "VBP"):
        part = verbs.participle_of(root.lemma_)
        return f"{'are' if plural else 'is'} {part}" if part else None
    if aux is None or aux.dep_ != "aux":
        return None
    word = aux.lower_
    if root.tag_ == "VBN" and word in ("has", "have"):
        return f"{'have' if plural else 'has'} been {root.lower_}"
    if root.tag_ == "VBN" and word == "had":
        return f"had been {root.lower_}"
    if root.tag_ == "VB" and word in MODALS:
        part = verbs.participle_of(root.lemma_)
        return f"{aux.text} be {part}" if part else None
    return None


def to_active(p: Parsed) -> Iterator[str]:
    """ "The plan was approved by the committee." -> "The committee approved the plan." """
    root = sentence_root(p)
    if root is None or root.tag_ != "VBN":
        return
    kids = list(root.children)
    subj = [c for c in kids if c.dep_ == "nsubjpass"]
    auxpass = [c for c in kids if c.dep_ == "auxpass"]
    agents = [c for c in kids if c.dep_ == "agent"]
    aux = [c for c in kids if c.dep_ == "aux"]
    if len(subj) != 1 or len(auxpass) != 1 or len(agents) != 1 or len(aux) > 1:
        return
    allowed = {"nsubjpass", "auxpass", "aux", "agent", "punct", "prep", "npadvmod", "advcl"}
    if any(c.dep_ not in allowed for c in kids):
        return
    subj_t, agent = subj[0], agents[0]
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.ent_type_ in ("DATE", "TIME") or agent.i != root.i + 1:
        return
    if subj_t.pos_ == "PRON" and subj_t.lower_ not in SUBJECT_TO_OBJECT and subj_t.lower_ != "it":
        return
    if subj_t.lower_ in ("who", "which", "that") or any(c.i < subj_t.i for c in kids):
        return
    plural = (
        pobj.tag_ in ("NNS", "NNPS")
        or pobj.lower_ in PLURAL_PRONOUNS
        or any(c.dep_ == "conj" for c in pobj.children)
    )
    be = auxpass[0].lower_
    verb: str | None
    if not aux and be in ("was", "were"):
        verb = verbs.simple_past(root.lemma_, root.text)
    elif not aux and be in ("is", "are"):
        verb = root.lemma_.lower() if plural else verbs.third_person(root.lemma_)
    elif aux and aux[0].lower_ in ("has", "have") and be == "been":
        verb = f"{'have' if plural else 'has'} {root.lower_}"
    elif aux and aux[0].lower_ == "had" and be == "been":
        verb = f"had {root.lower_}"
    elif aux and aux[0].lower_ in MODALS and be == "be":
        verb = f"{aux[0].lower_} {root.lemma_.lower()}"
    else:
        return
    if verb is None:
        return
    spans = p.opening_spans(subj_t, agent)
    if spans is None:
        return
    (sa, sb), (_, ab) = spans
    # nothing but the auxiliaries between subject and verb
    if any(
        t.i not in (auxpass[0].i, *(a.i for a in aux))
        for t in p.doc[subj_t.right_edge.i + 1 : root.i]
    ):
        return
    doer = p.text[pobj.left_edge.idx : ab]
    if pobj.pos_ == "PRON":
        if pobj.lower_ not in OBJ_TO_SUBJ:
            return
        doer = OBJ_TO_SUBJ[pobj.lower_]
    if any(c.dep_ in ("relcl", "acl") for c in pobj.children) and ab != p.body_end:
        return
    obj = p.text[sa:sb]
    if subj_t.pos_ == "PRON":
        obj = SUBJECT_TO_OBJECT.get(subj_t.lower_, subj_t.lower_)
    else:
        lowered = lower_first(p, sa, obj)
        if lowered is None:
            return
        obj = lowered
    rest = p.text[ab : p.body_end]
    yield tidy(f"{upper_first(doer)} {verb} {obj}{rest}{p.final}")
