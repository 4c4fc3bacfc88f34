"""Sentence splits and joins: coordinated clauses, relative clauses and shared
subjects become two sentences; two short sentences become one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from retold.backends.rules.syntax import (
    QUOTES,
    Parsed,
    in_quote,
    is_name,
    lower_first,
    previous_text,
    quote_balanced,
    sentence_root,
    tidy,
    upper_first,
)
from retold.lexicon.discourse import UNJOINABLE_OPENERS


def split_relative(p: Parsed) -> Iterator[str]:
    """ "X, which did A, did B." -> "X did B. It did A." (who: the name again)."""
    root = sentence_root(p)
    if root is None or not quote_balanced(p.text) or p.ends_in_quote():
        return
    doc = p.doc
    for rel in doc:
        if rel.dep_ != "relcl":
            continue
        wh = rel.left_edge
        if wh.lower_ not in ("which", "who") or wh.dep_ not in ("nsubj", "nsubjpass"):
            continue
        ra, rb = rel.left_edge.i, rel.right_edge.i
        if ra < 2 or doc[ra - 1].text != ",":
            continue
        at_end = doc[rb].idx + len(doc[rb].text) == p.body_end
        if not at_end and (rb + 1 >= len(doc) or doc[rb + 1].text != ","):
            continue
        noun = rel.head
        cut_a = doc[ra - 1].idx
        cut_b = p.body_end if at_end else doc[rb + 1].idx + 1
        if not (p.cut_ok(cut_a) and p.cut_ok(cut_b)) or in_quote(p, cut_a):
            continue
        main = tidy(p.text[:cut_a] + " " + p.text[cut_b : p.body_end])
        if len(main.split()) < 4:
            continue
        body = p.text[doc[ra + 1].idx : doc[rb].idx + len(doc[rb].text)]
        if wh.lower_ == "which":
            plural = noun.tag_ in ("NNS", "NNPS")
            if noun.pos_ not in ("NOUN", "PROPN"):
                continue
            subject = "They" if plural else "It"
        else:
            subject = p.text[noun.left_edge.idx : cut_a].strip()
            if not is_name(noun) or len(subject.split()) > 6 or "," in subject:
                continue
        if noun.dep_ == "conj" or any(c.dep_ == "conj" for c in noun.children):
            continue  # "Jese and Saul Nguez, who ...": the clause is about both
        if noun.dep_ == "appos" or any(c.dep_ == "appos" for c in noun.children):
            continue  # "Harlow's captain, Tom Reddish, who ...": the commas belong to both
        subject = upper_first(subject)
        yield tidy(f"{main}{p.final} {subject} {body}.")
        return


def _fronted(root: Any) -> bool:
    """A phrase before the subject ("When it rained, ...", "On Tuesday, ...") covers
    every clause of the sentence; split, it would cover only the first."""
    return any(c.dep_ in ("advcl", "prep", "npadvmod", "advmod") for c in root.lefts)


def split(p: Parsed) -> Iterator[str]:
    """ "X did A, and Y did B." -> "X did A. Y did B." (also ", but" and ";")."""
    root = sentence_root(p)
    if root is None or not quote_balanced(p.text) or _fronted(root):
        return
    for conj in root.children:
        if conj.dep_ != "conj" or conj.i < root.i:
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
            continue
        cc = next((c for c in root.children if c.dep_ == "cc" and root.i < c.i < conj.i), None)
        if cc is None or cc.lower_ not in ("and", "but"):
            continue
        if conj.left_edge.i != cc.i + 1 or conj.right_edge.i < len(p.doc) - 3:
            continue
        # without a comma, "and" may join two subjects ("A and B did C"): the
        # second clause must have its own subject and verb, which spaCy says it has
        comma = p.doc[cc.i - 1] if previous_text(p, cc) == "," else cc
        first = p.text[: comma.idx].strip()
        second = p.text[p.doc[cc.i + 1].idx : p.body_end].strip()
        if not p.cut_ok(comma.idx) or in_quote(p, comma.idx):
            continue
        if len(first.split()) < 5 or len(second.split()) < 5:
            continue
        if second[:1] in QUOTES:
            continue
        lead = "But " if cc.lower_ == "but" else ""
        second = second if lead else upper_first(second)
        if second[:1].islower() and in_quote(p, p.doc[cc.i + 1].idx + 1):
            continue
        yield tidy(f"{first}. {lead}{second}{p.final}")
        return
    for tok in p.doc:
        if tok.text == ";" and p.cut_ok(tok.idx) and not in_quote(p, tok.idx):
            first = p.text[: tok.idx].strip()
            second = p.text[tok.idx + 1 : p.body_end].strip()
            clauses = [p.doc[: tok.i], p.doc[tok.i + 1 :]]
            if ":" in first or not all(any(t.pos_ in ("VERB", "AUX") for t in c) for c in clauses):
                return  # a list ("they lined up: A; B, C; D"), not two clauses
            if len(first.split()) >= 5 and len(second.split()) >= 5 and second[:1] not in QUOTES:
                if second[:1].isalpha() and in_quote(p, tok.idx + 2):
                    continue
                yield tidy(f"{first}. {upper_first(second)}{p.final}")
                return


def split_shared_subject(p: Parsed) -> Iterator[str]:
    """ "X did A, but decided B." -> "X did A. But X decided B." (the subject said again)."""
    root = sentence_root(p)
    if root is None or not quote_balanced(p.text) or p.ends_in_quote() or _fronted(root):
        return
    subj = next((c for c in root.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in ("who", "which", "that", "it", "this"):
        return
    conj = next((c for c in root.rights if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    if conj is None or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
        return
    cc = next((c for c in root.children if c.dep_ == "cc" and root.i < c.i < conj.i), None)
    if cc is None or cc.lower_ not in ("and", "but"):
        return
    if previous_text(p, cc) != "," and (cc.i - root.i < 4 or len(p.doc) - conj.i < 5):
        return  # "rose and fell": too close to part
    if (
        conj.left_edge.i != cc.i + 1
        or conj.right_edge.idx + len(conj.right_edge.text) != p.body_end
    ):
        return
    sa, sb = p.span(subj)
    who = p.text[sa:sb]
    limit = 6 if subj.pos_ == "PROPN" else 4
    if subj.pos_ == "PRON":
        who = subj.text if subj.text == "I" else subj.lower_
    else:
        lowered = lower_first(p, sa, who)
        clauses = any(c.dep_ in ("relcl", "appos", "acl") for c in subj.children)
        if lowered is None or clauses or len(who.split()) > limit:
            return
        who = lowered
    comma = p.doc[cc.i - 1] if previous_text(p, cc) == "," else cc
    first = p.text[: comma.idx].strip()
    second = p.text[conj.left_edge.idx : p.body_end].strip()
    if not p.cut_ok(comma.idx) or len(first.split()) < 5 or len(second.split()) < 3:
        return
    lead = "But " if cc.lower_ == "but" else ""
    yield tidy(f"{first}. {upper_first(lead + who)} {second}{p.final}")


_JOIN_LEADS = {"but": "but", "and": "and"}


def join(first: Parsed, second: Parsed) -> Iterator[str]:
    """Two short sentences -> one: "A did X. B did Y." -> "A did X, and B did Y." """
    if first.final != "." or second.final != ".":
        return
    if any(c in first.text + second.text for c in QUOTES + "‘’;:"):
        return
    n1, n2 = len(first.text.split()), len(second.text.split())
    if not (3 <= n1 <= 14 and 3 <= n2 <= 14):
        return
    if sentence_root(first) is None or sentence_root(second) is None:
        return
    lead = second.doc[0]
    conj = "and"
    body2 = second.text[: second.body_end].strip()
    if lead.lower_ in _JOIN_LEADS:
        conj = _JOIN_LEADS[lead.lower_]
        body2 = second.text[lead.idx + len(lead.text) : second.body_end].strip(" ,")
        if not body2:
            return
        lowered: str | None = body2
    elif lead.lower_ in UNJOINABLE_OPENERS or lead.dep_ == "advmod":
        return
    else:
        lowered = lower_first(second, 0, body2)
    if lowered is None:
        return
    yield tidy(f"{first.text[: first.body_end].strip()}, {conj} {lowered}.")
