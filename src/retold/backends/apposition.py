"""Noun-phrase rewordings: a name and its description swapped, "who is"
<-> apposition, "the X's Y" -> "the Y of the X".
"""

from __future__ import annotations

from collections.abc import Iterator

from .syntax import (
    QUOTES,
    Parsed,
    is_description,
    is_name,
    lower_first,
    sentence_root,
    tidy,
    upper_first,
)


def swap_apposition(p: Parsed) -> Iterator[str]:
    """ "the chief executive, Dr. Alan Pierce," <-> "Dr. Alan Pierce, the chief executive," """
    doc = p.doc
    for appos in doc:
        if appos.dep_ != "appos":
            continue
        head = appos.head
        ha = head.left_edge.i
        aa, ab = appos.left_edge.i, appos.right_edge.i
        if aa < 2 or doc[aa - 1].text != "," or ab + 1 >= len(doc) or doc[ab + 1].text != ",":
            continue
        # the head's own words run from its left edge to the comma
        own = set(t.i for t in head.subtree) - set(t.i for t in appos.subtree)
        if set(range(ha, aa - 1)) != own - {aa - 1, ab + 1}:
            continue
        if not (
            (is_name(head) and is_description(appos)) or (is_name(appos) and is_description(head))
        ):
            continue  # "Washington, D.C.", "Arias, 34,": not a name and its description
        if head.ent_type_ in ("GPE", "LOC") or appos.ent_type_ in ("GPE", "LOC"):
            continue
        x0, x1 = doc[ha].idx, doc[aa - 1].idx
        y0, y1 = doc[aa].idx, doc[ab].idx + len(doc[ab].text)
        if not all(p.cut_ok(x) for x in (x0, x1, y0, y1)):
            continue
        first, second = p.text[x0:x1], p.text[y0:y1]
        if any(c in first + second for c in QUOTES):
            continue
        lowered = lower_first(p, x0, first)
        if lowered is None:
            continue
        if x0 == 0:
            second = upper_first(second)
        else:
            second_low = lower_first(p, y0, second)
            if second_low is None:
                continue
            second = second_low
        yield tidy(f"{p.text[:x0]}{second}, {lowered}{p.text[y1:]}")
        return


def relative_to_apposition(p: Parsed) -> Iterator[str]:
    """ "X, who is a lawyer, said" -> "X, a lawyer, said" (and back, in the present tense)."""
    doc = p.doc
    root = sentence_root(p)
    if root is None:
        return
    for rel in doc:
        if rel.dep_ == "relcl" and rel.lemma_ == "be" and rel.lower_ in ("is", "are"):
            wh = rel.left_edge
            attr = next((c for c in rel.children if c.dep_ == "attr"), None)
            if wh.lower_ != "who" or wh.dep_ != "nsubj" or attr is None:
                continue
            if not is_description(attr) or rel.i != wh.i + 1 or attr.left_edge.i != rel.i + 1:
                continue
            a, b = wh.left_edge.i, rel.right_edge.i
            if a < 1 or doc[a - 1].text != "," or b + 1 >= len(doc) or doc[b + 1].text != ",":
                continue
            if attr.right_edge.i != b or not p.cut_ok(wh.idx) or not p.cut_ok(attr.left_edge.idx):
                continue
            yield tidy(p.text[: wh.idx] + p.text[attr.left_edge.idx :])
            return
        if rel.dep_ == "appos" and root.tag_ in ("VBZ", "VBP") and is_name(rel.head):
            if not is_description(rel) or rel.tag_ not in ("NN", "NNP"):
                continue
            a, b = rel.left_edge.i, rel.right_edge.i
            if a < 1 or doc[a - 1].text != "," or b + 1 >= len(doc) or doc[b + 1].text != ",":
                continue
            if rel.head.i > a or not p.cut_ok(rel.left_edge.idx):
                continue
            start = rel.left_edge.idx
            yield tidy(f"{p.text[:start]}who is {p.text[start:]}")
            return


def possessive_to_of(p: Parsed) -> Iterator[str]:
    """ "the company's chief executive" -> "the chief executive of the company" """
    doc = p.doc
    for poss in doc:
        if poss.dep_ != "poss" or poss.pos_ != "NOUN":
            continue
        case = next((c for c in poss.children if c.dep_ == "case"), None)
        noun = poss.head
        if case is None or noun.pos_ != "NOUN" or case.i != poss.right_edge.i:
            continue
        det = poss.left_edge
        if det.dep_ != "det" or det.lower_ not in ("the", "this", "that", "these", "those"):
            continue
        # the owned noun phrase: from after "'s" to the noun, nothing after the noun
        if noun.left_edge.i != det.i or noun.right_edge.i != noun.i or noun.i <= case.i:
            continue
        if any(t.ent_type_ for t in doc[det.i : noun.i + 1]) or any(
            t.text in QUOTES for t in doc[det.i : noun.i + 1]
        ):
            continue
        a = det.idx
        b = noun.idx + len(noun.text)
        if not (p.cut_ok(a) and p.cut_ok(b)):
            continue
        owner = p.text[det.idx : case.idx].strip()
        owned = p.text[case.idx + len(case.text) : b].strip()
        article = "The" if det.i == 0 else "the"
        owner = owner if det.i != 0 else owner[0].lower() + owner[1:]
        yield tidy(f"{p.text[:a]}{article} {owned} of {owner}{p.text[b:]}")
        return
