"""Noun-phrase rewordings: a name and its description swapped, "who is"
<-> apposition, "the X's Y" -> "the Y of the X".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from retold.backends.rules import verbs
from retold.backends.rules.syntax import (
    QUOTES,
    Parsed,
    is_description,
    is_name,
    lower_first,
    sentence_root,
    tidy,
    upper_first,
)
from retold.lexicon.loader import words


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


# Nouns whose "of" phrase is part of a name or a quantity, not an owner
# ("the city of London", "the rest of Arsenal's squad").
_NOT_OWNED = words("not_owned_nouns")


def of_to_possessive(p: Parsed) -> Iterator[str]:
    """ "the death of Freddie Gray" -> "Freddie Gray's death" (a name as the owner)."""
    doc = p.doc
    for of in doc:
        if of.lower_ != "of" or of.dep_ != "prep" or of.head.pos_ != "NOUN":
            continue
        noun, pobj = of.head, next((c for c in of.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.pos_ != "PROPN" or of.right_edge != pobj:
            continue
        if pobj.ent_type_ not in _OWNERS or noun.ent_type_:
            continue
        if any(c.dep_ != "compound" for c in pobj.children) or pobj.left_edge.i != of.i + 1:
            continue
        det = noun.left_edge
        if det.dep_ != "det" or det.lower_ != "the" or noun.lemma_.lower() in _NOT_OWNED:
            continue
        if noun.right_edge != pobj or of.i != noun.i + 1:
            continue  # something else hangs on the noun ("the death in 2015 of X")
        if any(
            t.dep_ not in ("det", "amod", "compound") or t.pos_ == "NUM"
            for t in doc[det.i + 1 : noun.i]
        ) or any(c.dep_ == "det" for c in noun.children if c != det):
            continue
        a, b = det.idx, pobj.idx + len(pobj.text)
        owner = p.text[pobj.left_edge.idx : b]
        if not all(p.cut_ok(x) for x in (a, of.idx, b)) or owner.endswith(("'s", "’s")):
            continue
        if any(c in p.text[a:b] for c in QUOTES + "'’"):
            continue
        owned = p.text[det.idx + len(det.text) : noun.idx + len(noun.text)].strip()
        mark = "'" if owner.endswith("s") else "'s"
        yield tidy(f"{p.text[:a]}{owner}{mark} {owned}{p.text[b:]}")
        return


def swap_coordination(p: Parsed) -> Iterator[str]:
    """ "The police and the Justice Department are investigating." -> "The Justice
    Department and the police are investigating." (two conjuncts, subject or object)."""
    root = sentence_root(p)
    if root is None or any(
        t.lower_ in ("respectively", "order") or t.ent_type_ == "ORDINAL" for t in p.doc
    ):
        return
    doc = p.doc
    # the subject, the object, or the object of a preposition on the verb ("with X and Y")
    phrases = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")] + [
        g for c in root.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    for tok in phrases:
        conj = [c for c in tok.children if c.dep_ == "conj"]
        cc = [c for c in tok.children if c.dep_ == "cc"]
        if len(conj) != 1 or len(cc) != 1 or cc[0].lower_ != "and":
            continue
        second, cc_t = conj[0], cc[0]
        if tok.dep_ == "pobj" and tok.head.lower_ in ("between", "from", "to"):
            continue  # "between A and B", "from A and B": a range or a pair in order
        if any(
            c.dep_ == "preconj" or c.lower_ in ("both", "either", "neither") for c in tok.children
        ):
            continue  # "both A and B's daughters"
        if any(
            c.dep_ in ("appos", "relcl", "acl", "prep") and c.i > tok.i
            for c in tok.children
            if c not in (second, cc_t)
        ):
            continue
        if any(c.dep_ in ("conj", "cc", "appos", "relcl", "acl") for c in second.children):
            continue
        if not (_whole(tok) and _whole(second)) or tok.pos_ == "PRON" or second.pos_ == "PRON":
            continue
        end = cc_t.i - 1 if doc[cc_t.i - 1].text == "," else cc_t.i
        if doc[end - 1].i != max(t.i for t in tok.subtree if t.i < cc_t.i) or end - 1 < tok.i:
            continue
        if tok.right_edge != second.right_edge or second.left_edge.i != cc_t.i + 1:
            continue
        x0, x1 = doc[tok.left_edge.i].idx, doc[end - 1].idx + len(doc[end - 1].text)
        y0, y1 = second.left_edge.idx, second.right_edge.idx + len(second.right_edge.text)
        if not all(p.cut_ok(x) for x in (x0, x1, y0, y1)):
            continue
        first_text, second_text = p.text[x0:x1], p.text[y0:y1]
        if any(c in first_text + second_text for c in QUOTES + ",;:("):
            continue
        if x0 == 0:
            lowered = lower_first(p, x0, first_text)
            if lowered is None:
                continue
            first_text, second_text = lowered, upper_first(second_text)
        yield tidy(f"{p.text[:x0]}{second_text} and {first_text}{p.text[y1:]}")
        return


def _whole(tok: Any) -> bool:
    """A noun phrase that carries its own determiner or is a name: it keeps its
    meaning on either side of "and" ("the mayor and governor" shares "the")."""
    if any(t.like_num or t.ent_type_ in _ORDERED for t in tok.subtree):
        return False  # "between December 2012 and September 2013": the order is a fact
    if tok.pos_ == "PROPN":
        # "best friends Zoe and Eleanor": "best friends" is about both names
        return all(
            c.pos_ == "PROPN" or c.dep_ in ("det", "case", "punct")
            for c in tok.children
            if c.i < tok.i
        )
    return tok.pos_ == "NOUN" and any(c.dep_ in ("det", "poss") for c in tok.children)


_ORDERED = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


# Verbs of state whose -ing form reads badly in place of "who ...s" ("having", "knowing").
_NO_ING = words("stative_verbs")


def present_relative_to_participle(p: Parsed) -> Iterator[str]:
    """ "people who live in the area" -> "people living in the area" (present tense only)."""
    doc = p.doc
    for rel in doc:
        if rel.dep_ != "relcl" or rel.tag_ not in ("VBZ", "VBP") or rel.pos_ != "VERB":
            continue
        wh = rel.left_edge
        if wh.lower_ not in ("who", "that", "which") or wh.dep_ != "nsubj" or wh.head != rel:
            continue
        if rel.i != wh.i + 1 or wh.i == 0 or rel.lemma_.lower() in _NO_ING:
            continue
        if any(c.dep_ in ("aux", "auxpass", "neg") for c in rel.children):
            continue
        if doc[wh.i - 1].text == "," and (
            rel.right_edge.i + 1 >= len(doc) or doc[rel.right_edge.i + 1].text != ","
        ):
            continue  # at the end it would seem to be about the subject
        root = sentence_root(p)
        if doc[wh.i - 1].text == "," and (root is None or not _present(root)):
            continue  # "The man, working as a doctor, found ...": he may still work as one
        ing = verbs.present_participle(rel.lemma_)
        b = rel.idx + len(rel.text)
        if ing is None or not (p.cut_ok(wh.idx) and p.cut_ok(b)):
            continue
        yield tidy(f"{p.text[: wh.idx]}{ing}{p.text[b:]}")
        return


def _present(verb: Any) -> bool:
    return verb.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children
    )


def reduce_relative(p: Parsed) -> Iterator[str]:
    """ "The singer, who was born in Izmir, died." -> "The singer, born in Izmir, died."
    (and "people who are living there" -> "people living there")."""
    doc = p.doc
    for rel in doc:
        if rel.dep_ != "relcl" or rel.tag_ not in ("VBN", "VBG"):
            continue
        wh = rel.left_edge
        if wh.lower_ not in ("who", "which", "that") or wh.head != rel:
            continue
        be = [c for c in rel.children if c.dep_ in ("aux", "auxpass")]
        if len(be) != 1 or be[0].lower_ not in ("is", "are", "was", "were"):
            continue
        if rel.tag_ == "VBN" and (be[0].dep_ != "auxpass" or wh.dep_ != "nsubjpass"):
            continue
        if rel.tag_ == "VBG" and (be[0].dep_ != "aux" or wh.dep_ != "nsubj"):
            continue
        if be[0].i != wh.i + 1 or rel.i != be[0].i + 1 or wh.i == 0:
            continue  # an adverb or a negation in between
        if doc[wh.i - 1].text == "," and (
            rel.right_edge.i + 1 >= len(doc) or doc[rel.right_edge.i + 1].text != ","
        ):
            continue  # ", challenging the bat." at the end would seem to be about the subject
        if not (p.cut_ok(wh.idx) and p.cut_ok(rel.idx)):
            continue
        yield tidy(p.text[: wh.idx] + p.text[rel.idx :])
        return


def name_possessive_to_of(p: Parsed) -> Iterator[str]:
    """ "Liverpool's manager" -> "the manager of Liverpool" (a name as the owner)."""
    doc = p.doc
    for poss in doc:
        if poss.dep_ != "poss" or poss.pos_ != "PROPN" or poss.ent_type_ not in _OWNERS:
            continue
        if poss.dep_ == "conj" or any(c.dep_ in ("conj", "cc") for c in poss.children):
            continue  # "Lesley's and Kerry Green's daughters": two owners
        if poss.ent_type_ == "PERSON" and poss.head.lemma_.lower() not in _A_PERSONS:
            continue  # "the leg stump of Brathwaite": stilted for what a person holds
        case = next((c for c in poss.children if c.dep_ == "case"), None)
        noun = poss.head
        if case is None or case.i != poss.i + 1 or noun.pos_ != "NOUN" or noun.ent_type_:
            continue
        if any(c.dep_ != "compound" for c in poss.children if c != case):
            continue
        if noun.lemma_.lower() in _NOT_OWNED or noun.tag_ not in ("NN", "NNS"):
            continue
        # the owned phrase: adjectives and nouns up to the noun, nothing after it
        between = doc[case.i + 1 : noun.i]
        if any(t.dep_ not in ("amod", "compound") or t.pos_ in ("NUM", "PROPN") for t in between):
            continue
        if noun.right_edge != noun or noun.left_edge != poss.left_edge:
            continue
        following = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if noun.dep_ in ("compound", "poss") or (
            following is not None and following.pos_ in ("PROPN", "NOUN")
        ):
            continue  # "Liverpool's manager Brendan Rodgers": a title before a name
        a, b = poss.left_edge.idx, noun.idx + len(noun.text)
        owner = p.text[a : case.idx]
        if not all(p.cut_ok(x) for x in (a, case.idx, b)) or any(
            c in p.text[a:b] for c in QUOTES + "‘“"
        ):
            continue
        owned = p.text[case.idx + len(case.text) : b].strip()
        article = "The" if a == 0 else "the"
        yield tidy(f"{p.text[:a]}{article} {owned} of {owner}{p.text[b:]}")
        return


_OWNERS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# What reads naturally as "the X of <a person>": events, relations, abstractions.
_A_PERSONS = words("personal_nouns")
