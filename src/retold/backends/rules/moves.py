"""Moving adverbials: fronted phrases to the back and back again, and
"according to X" to the front.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from retold.backends.rules.syntax import (
    CLAUSE_PREPS,
    EVENT_NOUNS,
    PLACE_NOUNS,
    PLACE_PREPS,
    QUOTES,
    TEMPORAL_NOUNS,
    TIME_ADVERBS,
    TIME_PREPS,
    Parsed,
    lower_first,
    lowercase_quote_start,
    pronoun_would_dangle,
    sentence_root,
    strip_edges,
    tidy,
    upper_first,
)
from retold.lexicon.discourse import SUBORDINATORS
from retold.lexicon.loader import words
from retold.lexicon.reporting import SPEECH_VERBS


def front_to_back(p: Parsed) -> Iterator[str]:
    """ "On Tuesday, X did Y." -> "X did Y on Tuesday." """
    root = sentence_root(p)
    if root is None or p.ends_in_quote():
        return
    doc = p.doc
    for comma in doc:
        if comma.text != "," or comma.i == 0:
            continue
        heads = [t for t in doc[: comma.i] if t.head.i >= comma.i or t.head == t]
        if len(heads) != 1:
            return
        head = heads[0]
        if head.head != root or head.left_edge.i != 0:
            return
        if head.right_edge.i != comma.i - 1:
            return
        if not _movable_adverbial(head, front=True):
            return
        if any(t.text in ",;:—–-" and t.head == root and t.i > root.i for t in doc):
            return  # ", according to X" or ", leaving Y" would swallow the moved phrase
        if any(c.dep_ in ("conj", "ccomp") and c.i > root.i for c in root.children):
            return  # at the end it would seem to belong to the last verb only
        if any(t.text in (";", ":", "–", "—", "--") for t in doc[comma.i + 1 :]):
            return  # it would land after an aside ("... – a calm head ... at 34")
        front_end = comma.idx
        rest_start = comma.idx + 1
        if not (p.cut_ok(front_end) and p.cut_ok(rest_start)):
            return
        if pronoun_would_dangle(doc, (rest_start, p.body_end), (0, front_end)):
            return  # moving it back would put the pronoun before its noun
        front = lower_first(p, 0, p.text[:front_end].strip())
        rest = p.text[rest_start : p.body_end].strip()
        if front is None or not rest or lowercase_quote_start(p, p.text.index(rest, rest_start)):
            return
        sep = ", " if head.lower_ in ("with", "according") else " "  # "..., with the score at 1-0."
        yield tidy(f"{upper_first(rest)}{sep}{front}{p.final}")
        return


def back_to_front(p: Parsed) -> Iterator[str]:
    """ "X did Y on Tuesday." -> "On Tuesday, X did Y." """
    root = sentence_root(p)
    if root is None:
        return
    if any(c.dep_ in ("ccomp", "xcomp", "conj", "parataxis") for c in root.children):
        return  # what the phrase modifies is unclear: moving it could change the scope
    if p.text[:1] in QUOTES:
        return
    subj = next((c for c in root.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if any(
        c.dep_ in ("prep", "advcl", "npadvmod", "advmod") and (subj is None or c.i < subj.i)
        for c in root.lefts
    ):
        return  # something is fronted already; two fronted phrases read badly
    right = [c for c in root.rights if c.dep_ != "punct"]
    if not right:
        return
    last = right[-1]
    if not _movable_adverbial(last, front=False):
        return
    if last.lower_ == "for" or any(c.dep_ in ("cc", "conj") for c in last.children):
        # "scheduled for Aug. 9" is the verb's argument; "on weekdays and from
        # 9 a.m. on Saturdays" pairs with what stays behind
        return
    a, b = p.span(last)
    if b != p.body_end or not p.cut_ok(a):
        return
    before = [t for t in p.doc if t.idx < a]
    if before and before[-1].pos_ == "ADP":
        return  # the phrase is a preposition's object ("stayed for | more than an hour")
    # keep at least a subject and its verb in front of the moved phrase
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < last.i for c in root.children):
        return
    if (
        pronoun_would_dangle(p.doc, (a, b), (0, a))
        and not _same_pronoun_subject(root, p, a, b)
        and not _subjectless_with_possessives(last, p, a, b)
    ):
        return  # the pronoun would come before its noun
    moved = p.text[a:b]
    main = strip_edges(p.text[:a])
    lowered = lower_first(p, 0, main)
    if lowered is None or len(moved.split()) < 2 or len(main.split()) < 3:
        return
    yield tidy(f"{upper_first(moved)}, {lowered}{p.final}")


# Verbs whose "in"/"at" phrase is their object, not where it happened
# ("invested in the club", "looked at the house").
_PREPOSITIONAL_VERBS = words("prepositional_verbs")
_PRONOUN_GROUPS = (
    frozenset({"he", "him", "his", "himself"}),
    frozenset({"she", "her", "hers", "herself"}),
    frozenset({"they", "them", "their", "theirs", "themselves"}),
    frozenset({"it", "its", "itself"}),
)


def _same_pronoun_subject(root: Any, p: Parsed, a: int, b: int) -> bool:
    """Whether the clause's subject is a pronoun of the same person as every
    pronoun in ``[a, b)`` ("Five days after his birthday, he died"): both point
    back to the sentence before, wherever the phrase stands."""
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "PRON":
        return False
    group = next((g for g in _PRONOUN_GROUPS if subj.lower_ in g), None)
    moved = [t.lower_ for t in p.doc if a <= t.idx < b and t.pos_ == "PRON"]
    third = [w for w in moved if any(w in g for g in _PRONOUN_GROUPS)]
    return group is not None and bool(third) and all(w in group for w in third)


def _subjectless_with_possessives(tok: Any, p: Parsed, a: int, b: int) -> bool:
    """A participle phrase without its own subject whose only pronouns are
    possessives ("after keeping his dreams on track"): fronted, "his" reads as
    the subject's, as it did at the end."""
    verb = next((c for c in tok.children if c.dep_ == "pcomp"), None) if tok.dep_ == "prep" else tok
    if verb is None or verb.tag_ != "VBG":
        return False
    if any(t.dep_ in ("nsubj", "nsubjpass") for t in verb.subtree):
        return False
    pronouns = [t for t in p.doc if a <= t.idx < b and t.pos_ == "PRON"]
    return bool(pronouns) and all(t.tag_ == "PRP$" for t in pronouns)


def _movable_adverbial(tok: Any, *, front: bool) -> bool:
    dep = tok.dep_
    if dep == "advcl":
        # "when" is a mark or, as often, an advmod at the clause's left edge
        lead = tok.left_edge
        if lead.dep_ in ("mark", "advmod") and lead.head == tok and lead.pos_ == "SCONJ":
            return lead.lower_ in SUBORDINATORS
        if lead.dep_ == "advmod" and lead.head == tok and lead.lower_ in ("once", "when"):
            return True  # "Once family members know ..." (spaCy: an adverb)
        if any(c.dep_ == "mark" for c in tok.children):
            return False
        # a participle phrase ("citing an exclusion", "Beginning his tour on Monday")
        # moved to the end it would seem to describe the last noun, so only forward
        return tok.tag_ in ("VBG", "VBN") and not front and tok.nbor(-1).text == ","
    if dep == "prep":
        if tok.lower_ == "according" or (not front and tok.i > 0 and tok.nbor(-1).text == ","):
            return True
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            # "after beating Monaco", "since damaging knee ligaments"
            return tok.lower_ in CLAUSE_PREPS and any(c.dep_ == "pcomp" for c in tok.children)
        if tok.lower_ in CLAUSE_PREPS:
            return True
        if front and tok.lower_ == "with":
            # an absolute phrase: "With the score at 1-0,", "With police present,"
            return any(
                c.dep_ in ("amod", "acl", "prep", "advmod") and c.i > pobj.i for c in pobj.children
            )
        if tok.lower_ in TIME_PREPS and (
            # the date is the phrase's own noun, not one deep inside it
            # ("from Alagille syndrome, a disorder ... during the first year of life")
            pobj.ent_type_ in ("DATE", "TIME") or pobj.lemma_.lower() in TEMPORAL_NOUNS
        ):
            return True
        if tok.lower_ in PLACE_PREPS:
            return (
                any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in pobj.subtree)
                or pobj.lemma_.lower() in EVENT_NOUNS
                or (
                    tok.lower_ != "on"
                    and pobj.lemma_.lower() in PLACE_NOUNS
                    and tok.head.lemma_.lower() not in _PREPOSITIONAL_VERBS
                )
            )
        return False
    if dep == "npadvmod":
        # "last year", "five days later", "Tuesday"
        return any(t.ent_type_ in ("DATE", "TIME") for t in tok.subtree) and (
            front or len(list(tok.subtree)) > 1
        )
    if dep == "advmod":
        # "Recently,", "Later in the day,"; at the end only a lone adverb ("... recently.")
        if front:
            return tok.lower_ in TIME_ADVERBS and tok.left_edge == tok
        return tok.lower_ in TIME_ADVERBS and tok.left_edge == tok == tok.right_edge
    return False


_ACCORDING_AT_END = re.compile(r",\s+according\s+to\s+(?P<who>[^,;:“”\"]+?)\s*$")


def according_to_front(p: Parsed) -> Iterator[str]:
    """ "Y, according to X." -> "According to X, Y." (the phrase covers the whole clause)."""
    body = p.text[: p.body_end]
    m = _ACCORDING_AT_END.search(body)
    if m is None or p.ends_in_quote() or not p.cut_ok(m.start()) or body[:1] in QUOTES:
        return
    main = body[: m.start()].strip()
    if len(main.split()) < 4 or lowercase_quote_start(p, 0):
        return
    lowered = lower_first(p, 0, main)
    if lowered is None:
        return
    yield tidy(f"According to {m.group('who')}, {lowered}{p.final}")


# Adverbs that comment on the whole clause: they read as well before the
# subject ("Reportedly, X stored ...") as after it ("X reportedly stored ...").
CLAUSE_ADVERBS = frozenset(
    {"reportedly", "allegedly", "apparently", "previously", "recently", "later", "eventually",
     "initially", "subsequently", "originally", "ultimately", "currently",
     "usually", "typically", "generally", "often", "frequently", "sometimes", "occasionally",
     "already", "since", "then"}
)  # fmt: skip
# ... of which these read badly before the subject.
_NOT_FRONTED = frozenset({"already", "since", "then"})


def adverb_to_front(p: Parsed) -> Iterator[str]:
    """ "X reportedly stored Y." -> "Reportedly, X stored Y." """
    root = sentence_root(p)
    if root is None or p.text[:1] in QUOTES + "'‘":
        return
    subj = next((c for c in root.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.left_edge.i != 0:
        return
    if any(c.dep_ == "conj" for c in root.rights):
        return  # fronted, the adverb would cover the second verb too
    for adv in root.lefts:
        if adv.dep_ != "advmod" or adv.lower_ not in CLAUSE_ADVERBS - _NOT_FRONTED:
            continue
        if adv.left_edge != adv or adv.right_edge != adv or adv.i <= subj.right_edge.i:
            continue
        a, b = adv.idx, adv.idx + len(adv.text)
        if not (p.cut_ok(a) and p.cut_ok(b)) or p.doc[adv.i - 1].text in ",—–-":
            return
        rest = lower_first(p, 0, p.text[:a] + p.text[b:])
        if rest is None or lowercase_quote_start(p, 0):
            return
        yield tidy(f"{adv.text.capitalize()}, {rest}")
        return


def adverb_to_middle(p: Parsed) -> Iterator[str]:
    """ "Later, X sold Y." -> "X later sold Y."; "X has later ..." after a first auxiliary."""
    root = sentence_root(p)
    if root is None or len(p.doc) < 4:
        return
    adv, comma = p.doc[0], p.doc[1]
    if adv.dep_ != "advmod" or adv.head != root or comma.text != ",":
        return
    if adv.lower_ not in CLAUSE_ADVERBS or adv.lower_ in _NOT_FRONTED:
        return
    subj = next((c for c in root.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.left_edge.i != 2:
        return
    # nothing else before the verb but the subject and the auxiliaries
    aux = [c for c in root.lefts if c.dep_ in ("aux", "auxpass", "neg")]
    between = p.doc[subj.right_edge.i + 1 : root.i]
    if any(t not in aux for t in between) or any(t.dep_ == "neg" for t in between):
        return
    if aux:
        at = aux[0].idx + len(aux[0].text)
    elif root.lemma_ == "be":
        at = root.idx + len(root.text)
    else:
        at = root.idx
    start = comma.idx + 1
    if not all(p.cut_ok(x) for x in (comma.idx, start, at)) or lowercase_quote_start(p, start):
        return
    head = p.text[start:at].strip()
    tail = p.text[at:].strip()
    lowered = lower_first(p, p.doc[2].idx, head)
    if lowered is None or not tail:
        return
    yield tidy(f"{upper_first(lowered)} {adv.lower_} {tail}")


def also_to_as_well(p: Parsed) -> Iterator[str]:
    """ "Farmers also see a drop in production." -> "Farmers see a drop in production as well." """
    root = sentence_root(p)
    if root is None or p.ends_in_quote() or p.final not in (".", "!"):
        return
    if root.lemma_.lower() in SPEECH_VERBS or len(p.doc) > 25:
        return  # "..., he thinks as well"; far from its verb "as well" loses its hold
    also = next((c for c in root.lefts if c.dep_ == "advmod" and c.lower_ == "also"), None)
    subj = next((c for c in root.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if also is None or subj is None or also.i < subj.i or also.i == 0:
        return
    if any(c.dep_ in ("conj", "ccomp", "parataxis", "advcl") for c in root.rights):
        return  # at the end "as well" could seem to belong to the other clause
    last = p.doc[root.right_edge.i]
    if last.is_punct and last.text in ".!":
        last = p.doc[last.i - 1]
    if last.idx + len(last.text) != p.body_end or last.text in QUOTES + ")'’":
        return
    a, b = also.idx, also.idx + len(also.text)
    if not (p.cut_ok(a) and p.cut_ok(b) and p.cut_ok(p.body_end)):
        return
    yield tidy(f"{p.text[:a]}{p.text[b : p.body_end]} as well{p.final}")


def because_to_so(p: Parsed) -> Iterator[str]:
    """ "The match was called off because the pitch was frozen." -> "The pitch was
    frozen, so the match was called off." """
    root = sentence_root(p)
    if root is None or p.ends_in_quote() or any(c in p.text for c in QUOTES + "‘’"):
        return
    if any(c.dep_ in ("ccomp", "xcomp", "conj", "parataxis") for c in root.children):
        return  # "said X because Y": which verb "because" belongs to is unclear
    subj = next((c for c in root.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.left_edge.i != 0:
        return
    clause = next((c for c in root.rights if c.dep_ == "advcl"), None)
    if clause is None or any(c.dep_ == "advcl" and c.i > clause.i for c in root.rights):
        return
    mark = clause.left_edge
    if mark.lower_ != "because" or mark.dep_ != "mark" or mark.head != clause:
        return
    if p.doc[mark.i - 1].dep_ in ("advmod", "neg") or p.doc[mark.i - 1].lower_ in ("not", "just"):
        return  # "not because", "only because", "partly because": the scope is the point
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return
    if not (
        clause.tag_ in ("VBD", "VBZ", "VBP")
        or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP")
            for c in clause.children
        )
    ):
        return
    a = mark.idx
    reason_start = mark.idx + len(mark.text)
    if p.span(clause)[1] != p.body_end or not (p.cut_ok(a) and p.cut_ok(reason_start)):
        return
    if pronoun_would_dangle(p.doc, (reason_start, p.body_end), (0, a)):
        return
    main = p.text[:a].strip().rstrip(",").strip()
    reason = p.text[reason_start : p.body_end].strip()
    lowered = lower_first(p, 0, main)
    if lowered is None or len(main.split()) < 3 or len(reason.split()) < 3:
        return
    yield tidy(f"{upper_first(reason)}, so {lowered}{p.final}")


def time_to_front(p: Parsed) -> Iterator[str]:
    """A time phrase from the middle of the clause to the front: "The 20-year-old
    gave an interview to the BBC on Wednesday giving his reasons." -> "On
    Wednesday, the 20-year-old gave an interview to the BBC giving his reasons."
    (A time phrase at the very end is :func:`back_to_front`'s.)"""
    root = sentence_root(p)
    if root is None or p.text[:1] in QUOTES:
        return
    if any(c.dep_ in ("ccomp", "xcomp", "conj", "parataxis") for c in root.children):
        return  # the phrase might belong to the other verb only
    subj = next((c for c in root.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or any(c.dep_ in ("prep", "advcl", "npadvmod", "advmod") for c in root.lefts):
        return  # no subject to keep in front, or something is fronted already
    right = [c for c in root.rights if c.dep_ != "punct"]
    for tok in right[:-1]:
        if not _middle_time(tok):
            continue
        a, b = p.span(tok)
        before = p.doc[tok.left_edge.i - 1]
        after = p.doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 < len(p.doc) else None
        if before.is_punct or (after is not None and after.is_punct):
            return  # an aside set off, or a clause after a comma that may hang on it
        if before.pos_ == "ADV":
            return  # "sent off late in the second half": the adverb goes with it
        if not (p.cut_ok(a) and p.cut_ok(b)):
            return
        if pronoun_would_dangle(p.doc, (a, b), (0, a)):
            return  # the pronoun would come before its noun
        head = p.text[:a].strip()
        main = lower_first(p, 0, head)
        rest = p.text[b : p.body_end].strip()
        if main is None or not rest or len(main.split()) < 2:
            return
        if main != head and p.doc[0].pos_ not in ("DET", "PRON"):
            return  # "Sterling (left) started ...": a name the parser took for a noun
        yield tidy(f"{upper_first(p.text[a:b])}, {main} {rest}{p.final}")
        return


def _middle_time(tok: Any) -> bool:
    """A phrase that only says when: "on Wednesday", "in June 2011", "last week"."""
    if tok.dep_ == "npadvmod":
        # "last week", "this season"; not "10 minutes (from the end)"
        words = list(tok.subtree)
        return (
            len(words) > 1
            and words[0].lower_ in ("last", "this", "next")
            and all(t.ent_type_ in ("DATE", "TIME") for t in words)
        )
    if tok.dep_ != "prep" or tok.lower_ not in ("on", "in", "at", "during"):
        return False
    pobj = list(tok.children)
    if len(pobj) != 1 or pobj[0].dep_ != "pobj":
        return False
    # every word of it a date or time: "in June 2011", not "in the first year of his life"
    return all(t.ent_type_ in ("DATE", "TIME") for t in pobj[0].subtree)


def bare_front_to_back(p: Parsed) -> Iterator[str]:
    """A fronted phrase without its comma to the end: "As his team-mates
    roared around him Lewandowski did not celebrate." -> "Lewandowski did not
    celebrate as his team-mates roared around him." """
    root = sentence_root(p)
    if root is None or p.ends_in_quote() or p.text[:1] in QUOTES:
        return
    doc = p.doc
    subj = next((c for c in root.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    head = next((c for c in root.lefts if c.left_edge.i == 0), None)
    if subj is None or head is None or head.dep_ not in ("prep", "advcl", "npadvmod"):
        return
    if subj.left_edge.i != head.right_edge.i + 1 or head.right_edge.i - head.i > 12:
        return  # something between, or so long a phrase that the parse is a guess
    if len(list(head.subtree)) < 2 or not _movable_adverbial(head, front=True):
        return
    if head.lower_ == "according" or any(c.dep_ == "advcl" and c.i > root.i for c in root.children):
        return  # without a comma at the end it would hang on the last clause only
    if any(t.is_punct for t in head.subtree) or (
        subj.left_edge.pos_ == "PROPN" and head.right_edge.pos_ == "PROPN"
    ):
        return  # "after leaving Liverpool Jordan Henderson": where the name starts is a guess
    if any(t.text in ",;:—–-" and t.head == root and t.i > root.i for t in doc):
        return
    if any(c.dep_ in ("conj", "ccomp") and c.i > root.i for c in root.children):
        return  # at the end it would seem to belong to the last verb only
    if any(t.text in (";", ":", "–", "—", "--") for t in doc[subj.i :]):
        return
    a, b = p.span(head)
    rest_start = subj.left_edge.idx
    if not (p.cut_ok(b) and p.cut_ok(rest_start)):
        return
    if pronoun_would_dangle(doc, (rest_start, p.body_end), (0, b)):
        return
    front = lower_first(p, 0, p.text[a:b].strip())
    rest = p.text[rest_start : p.body_end].strip()
    if front is None or not rest or lowercase_quote_start(p, rest_start):
        return
    yield tidy(f"{upper_first(rest)} {front}{p.final}")
