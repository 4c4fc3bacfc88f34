"""The ``rules`` backend: rewrites from spaCy's dependency parse and a phrase table.

Each transformation reads one parsed sentence and returns a reworded sentence,
or nothing when the parse does not make it safe:

- ``front_to_back`` / ``back_to_front``: a fronted adverbial ("On Tuesday, X
  did Y." <-> "X did Y on Tuesday."), subordinate clause or participle phrase;
- ``said_to_end`` ("X said Y." -> "Y, X said."), ``said_to_front`` ("Y, X
  said." -> "X said that Y."), ``according_to`` ("X said that Y." ->
  "According to X, Y.");
- ``quote_to_front`` / ``quote_to_end``: ``"Q," he said.`` <-> ``He said,
  "Q."`` (the quotation's words are kept verbatim; only the comma or period
  at its end follows the new order);
- ``to_passive`` / ``to_active``: simple transitive clauses with a named agent;
- ``swap_apposition``: "the chief executive, Dr. Alan Pierce," <-> "Dr. Alan
  Pierce, the chief executive,";
- ``split``: two independent clauses joined by ", and" / ", but" / ";"
  become two sentences;
- ``phrase``: swaps from :mod:`retold.phrases`.

Transformations compose: a second round applies them to the first round's
output (parsed again), so a sentence can be both moved and reworded. Every
candidate is checked before it leaves: each locked span (facts and
quotations) must appear in it unchanged, apart from the case of a first
letter at the start of a sentence.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .. import models
from ..phrases import swaps
from . import register, verbs
from .base import Backend, Candidate, GenerateOptions, SentenceContext

log = logging.getLogger(__name__)

_QUOTES = '"“”'
_OPEN_QUOTES = '"“'
_CLOSE_QUOTES = '"”'
_FINAL = re.compile(r"(?:[.!?]+[\"”’')]*|[\"”’]+[.!?]+)\s*$")

SPEECH = frozenset(
    {
        "say", "add", "tell", "note", "explain", "argue", "warn", "insist", "claim",
        "state", "write", "acknowledge", "announce", "report", "confirm", "predict",
        "believe", "think", "recall", "contend", "testify", "conclude", "caution",
        "stress", "suggest", "ask", "reply", "respond", "admit", "allege", "tweet",
        "post", "declare", "observe", "remark", "concede",
    }
)  # fmt: skip
# Conjunctions that may open a subordinate clause which can move.
_SUBORDINATORS = frozenset(
    {"when", "after", "before", "because", "although", "though", "while", "if", "until",
     "once", "unless", "since", "whereas", "as soon as", "as"}
)  # fmt: skip
# Prepositions whose phrase reads as a circumstance of the whole clause.
_CLAUSE_PREPS = frozenset(
    {"during", "after", "before", "since", "until", "amid", "despite", "throughout",
     "following", "within"}
)  # fmt: skip
_PLACE_PREPS = frozenset({"in", "on", "at"})
_TIME_PREPS = frozenset({"in", "on", "at", "for", "by", "from", "within", "over"})
_EVENT_NOUNS = frozenset(
    {"conference", "meeting", "statement", "interview", "hearing", "speech", "event",
     "ceremony", "rally", "briefing", "letter", "report", "post", "tweet", "summit"}
)  # fmt: skip
_TEMPORAL_NOUNS = frozenset(
    {"time", "moment", "weekend", "night", "morning", "evening", "afternoon", "week", "month",
     "year", "season", "period", "era", "decade", "century", "hour", "day", "age"}
)  # fmt: skip
_TIME_ADVERBS = frozenset(
    {"recently", "earlier", "later", "previously", "initially", "yesterday", "today",
     "tonight", "tomorrow", "currently", "eventually", "separately"}
)  # fmt: skip
_THIRD_PERSON = frozenset(
    {"he", "she", "they", "it", "him", "her", "them", "his", "its", "their", "hers", "theirs"}
)
_SUBJ_TO_OBJ = {"he": "him", "she": "her", "they": "them", "we": "us", "i": "me", "you": "you"}
_OBJ_TO_SUBJ = {v: k for k, v in _SUBJ_TO_OBJ.items()}
_PLURAL_PRONOUNS = frozenset({"they", "them", "we", "us", "you"})
_MODALS = frozenset({"will", "would", "can", "could", "may", "might", "shall", "should", "must"})
# Verbs whose passive reads naturally in news prose.
_PASSIVE = """
approve reject pass sign arrest charge kill injure wound destroy damage build launch
release publish issue award appoint elect hire fire acquire buy sell close open ban
block cancel delay postpone suspend confirm investigate examine discover find create
design write produce order seize capture rescue evacuate attack hit strike shoot stab
treat remove replace fund finance endorse criticize criticise condemn praise sue fine
convict sentence acquit indict detain free host organize organise unveil introduce
propose adopt impose lift cut reduce raise announce report deliver name nominate recruit
invite inspect demolish repair renovate restore complete record film photograph
interview question overturn uphold veto draft enact ratify reverse discontinue recall
present file submit provide offer accept receive grant deny reach make win hold lead run
use send pay spend collect score identify kidnap abduct rob hijack target bomb invade
occupy defeat beat support resist consider tackle sign
"""
PASSIVE_VERBS = frozenset(_PASSIVE.split())

_FUNCTION_POS = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "ADV", "AUX", "PART", "NUM"})
_ENTITY_LABELS_KEEP_CASE = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})

Op = Callable[["_Parsed"], Iterator[str]]


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A sentence under transformation: text, parse, locked spans, final punctuation."""

    text: str
    doc: Any
    locked: tuple[tuple[int, int], ...]
    body_end: int  # where the final punctuation starts
    final: str

    @classmethod
    def of(cls, text: str, doc: Any, locked: Sequence[tuple[int, int]]) -> _Parsed:
        stripped = text.rstrip()
        last = doc[-1] if len(doc) else None
        if (
            last is not None
            and len(last.text) > 1
            and last.text.endswith(".")
            and (last.idx + len(last.text) == len(stripped))
        ):
            # "in Washington, D.C." - the abbreviation's period ends the sentence too
            return cls(text, doc, tuple(locked), len(stripped), ".")
        m = _FINAL.search(stripped)
        body_end = m.start() if m else len(stripped)
        return cls(text, doc, tuple(locked), body_end, stripped[body_end:])

    def cut_ok(self, pos: int) -> bool:
        """No locked span is cut at ``pos``."""
        return not any(s < pos < e for s, e in self.locked)

    def in_locked(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.locked)

    def span(self, tok: Any) -> tuple[int, int]:
        left, right = tok.left_edge, tok.right_edge
        return left.idx, right.idx + len(right.text)

    def ends_in_quote(self) -> bool:
        return any(c in _QUOTES + "'‘’" for c in self.final)


# ------------------------------------------------------------------ text helpers


def _upper_first(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
        if ch.isdigit():
            return text
    return text


def _lower_first(p: _Parsed, start: int, text: str) -> str | None:
    """``text`` (which starts at ``start`` in ``p.text``) with its first word
    lowercased unless that word is a name, "I" or an acronym; ``None`` when
    lowering it would edit a quotation."""
    tok = _token_at(p.doc, start)
    if tok is None or not text[:1].isalpha() or not text[:1].isupper():
        return text
    if (
        tok.tag_ in ("NNP", "NNPS")
        or tok.text == "I"
        or (len(tok.text) > 1 and tok.text.isupper())
        or tok.ent_type_ in _ENTITY_LABELS_KEEP_CASE
    ):
        return text
    if tok.pos_ in ("NOUN", "PROPN", "X"):
        # a capitalised noun or adjective inside a name's phrase is part of a
        # title or a name ("Bath head coach Mike Ford", "Police Commissioner X")
        phrase = tok
        while phrase.dep_ in ("compound", "amod", "nmod", "poss") and phrase.head != phrase:
            phrase = phrase.head
        if any(t.pos_ == "PROPN" for t in phrase.subtree):
            return text
    if _in_quote(p, start):
        return None
    return text[0].lower() + text[1:]


def _lowercase_quote_start(p: _Parsed, start: int) -> bool:
    """Whether the text at ``start`` opens with a quotation whose first letter
    is lowercase (capitalising it would edit the quotation)."""
    for i in range(start, len(p.text)):
        ch = p.text[i]
        if ch.isalpha():
            return ch.islower() and _in_quote(p, i)
        if ch.isdigit():
            return False
    return False


def _in_quote(p: _Parsed, pos: int) -> bool:
    depth = 0
    for ch in p.text[:pos]:
        if ch == "“":
            depth = 1
        elif ch == "”":
            depth = 0
        elif ch == '"':
            depth = 1 - depth
    return depth == 1


def _token_at(doc: Any, offset: int) -> Any:
    for tok in doc:
        if tok.idx <= offset < tok.idx + len(tok.text):
            return tok
        if tok.idx > offset:
            return tok
    return None


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,;:.!?])", r"\1", text)
    text = re.sub(r",(\s*,)+", ",", text)
    text = re.sub(r",\s*([.!?])", r"\1", text)
    # an abbreviation's period doubles as the sentence's ("a.m.." -> "a.m.")
    text = re.sub(r"(\w\.)\.(?=\s|$)", r"\1", text)
    return text


def _strip_edges(text: str) -> str:
    return text.strip().strip(",;").strip()


def _root(p: _Parsed) -> Any:
    sents = list(p.doc.sents)
    if len(sents) != 1:
        return None
    root = sents[0].root
    return root if root.pos_ in ("VERB", "AUX") else None


_HUMAN = """
man woman boy girl child father mother son daughter wife husband brother sister officer
minister president judge player singer actor actress doctor teacher student spokesman
spokeswoman official leader chief executive director lawyer victim suspect defendant
driver soldier resident worker author writer founder coach manager mayor governor
senator candidate friend partner owner
"""
_HUMAN_NOUNS = frozenset(_HUMAN.split())


def _pronoun_would_dangle(doc: Any, pronoun_at: tuple[int, int], noun_at: tuple[int, int]) -> bool:
    """Whether a third-person pronoun in ``pronoun_at`` could point to a noun in
    ``noun_at`` (by gender-free agreement), so that putting the pronoun first
    would make it dangle or change what it points to."""
    pronouns = {
        t.lower_ for t in doc if pronoun_at[0] <= t.idx < pronoun_at[1] and t.pos_ == "PRON"
    }
    nouns = [
        t
        for t in doc
        if noun_at[0] <= t.idx < noun_at[1]
        and t.pos_ in ("NOUN", "PROPN")
        and t.ent_type_ not in ("DATE", "TIME")
    ]
    if pronouns & {"he", "him", "his", "she", "her", "hers"} and any(
        t.pos_ == "PROPN" or t.lemma_.lower() in _HUMAN_NOUNS for t in nouns
    ):
        return True
    if pronouns & {"they", "them", "their", "theirs"} and any(
        t.tag_ in ("NNS", "NNPS") or t.ent_type_ in ("ORG", "NORP") for t in nouns
    ):
        return True
    return bool(pronouns & {"it", "its"} and any(t.tag_ in ("NN", "NNP") for t in nouns))


def _third_person_pronoun_in(doc: Any, a: int, b: int) -> bool:
    return any(t.lower_ in _THIRD_PERSON and t.pos_ == "PRON" for t in doc if a <= t.idx < b)


def _has_referent(doc: Any, a: int, b: int) -> bool:
    """A noun in ``[a, b)`` that a pronoun elsewhere could point to."""
    return any(
        t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("DATE", "TIME")
        for t in doc
        if a <= t.idx < b
    )


def _quote_balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


# ------------------------------------------------------------------ transformations


def front_to_back(p: _Parsed) -> Iterator[str]:
    """ "On Tuesday, X did Y." -> "X did Y on Tuesday." """
    root = _root(p)
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
        if any(c.dep_ == "conj" and c.i > root.i for c in root.children):
            return  # at the end it would seem to belong to the last verb only
        front_end = comma.idx
        rest_start = comma.idx + 1
        if not (p.cut_ok(front_end) and p.cut_ok(rest_start)):
            return
        if _pronoun_would_dangle(doc, (rest_start, p.body_end), (0, front_end)):
            return  # moving it back would put the pronoun before its noun
        front = _lower_first(p, 0, p.text[:front_end].strip())
        rest = p.text[rest_start : p.body_end].strip()
        if front is None or not rest or _lowercase_quote_start(p, p.text.index(rest, rest_start)):
            return
        yield _tidy(f"{_upper_first(rest)} {front}{p.final}")
        return


def back_to_front(p: _Parsed) -> Iterator[str]:
    """ "X did Y on Tuesday." -> "On Tuesday, X did Y." """
    root = _root(p)
    if root is None:
        return
    if any(c.dep_ in ("ccomp", "xcomp", "conj", "parataxis") for c in root.children):
        return  # what the phrase modifies is unclear: moving it could change the scope
    if p.text[:1] in _QUOTES:
        return
    if any(c.dep_ in ("prep", "advcl", "npadvmod", "advmod") for c in root.lefts):
        return  # something is fronted already; two fronted phrases read badly
    right = [c for c in root.rights if c.dep_ != "punct"]
    if not right:
        return
    last = right[-1]
    if not _movable_adverbial(last, front=False):
        return
    a, b = p.span(last)
    if b != p.body_end or not p.cut_ok(a):
        return
    # keep at least a subject and its verb in front of the moved phrase
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < last.i for c in root.children):
        return
    if _pronoun_would_dangle(p.doc, (a, b), (0, a)):
        return  # the pronoun would come before its noun
    moved = p.text[a:b]
    main = _strip_edges(p.text[:a])
    lowered = _lower_first(p, 0, main)
    if lowered is None or len(moved.split()) < 2 or len(main.split()) < 3:
        return
    yield _tidy(f"{_upper_first(moved)}, {lowered}{p.final}")


def _movable_adverbial(tok: Any, *, front: bool) -> bool:
    dep = tok.dep_
    if dep == "advcl":
        # "when" is a mark or, as often, an advmod at the clause's left edge
        lead = tok.left_edge
        if lead.dep_ in ("mark", "advmod") and lead.head == tok and lead.pos_ == "SCONJ":
            return lead.lower_ in _SUBORDINATORS
        if any(c.dep_ == "mark" for c in tok.children):
            return False
        # a participle phrase ("citing an exclusion", "Beginning his tour on Monday")
        return tok.tag_ in ("VBG", "VBN") and (front or tok.nbor(-1).text == ",")
    if dep == "prep":
        if tok.lower_ == "according" or (not front and tok.i > 0 and tok.nbor(-1).text == ","):
            return True
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return False
        if tok.lower_ in _CLAUSE_PREPS:
            return True
        if tok.lower_ in _TIME_PREPS and (
            any(t.ent_type_ in ("DATE", "TIME") for t in pobj.subtree)
            or pobj.lemma_.lower() in _TEMPORAL_NOUNS
        ):
            return True
        if tok.lower_ in _PLACE_PREPS:
            return (
                any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in pobj.subtree)
                or pobj.lemma_.lower() in _EVENT_NOUNS
            )
        return False
    if dep == "npadvmod":
        # "last year", "five days later", "Tuesday"
        return any(t.ent_type_ in ("DATE", "TIME") for t in tok.subtree) and (
            front or len(list(tok.subtree)) > 1
        )
    if dep == "advmod":
        # "Recently,", "Later in the day,"
        return front and tok.lower_ in _TIME_ADVERBS and tok.left_edge == tok
    return False


def _speech_root(p: _Parsed) -> Any:
    root = _root(p)
    if root is None or root.lemma_.lower() not in SPEECH:
        return None
    if any(c.dep_ == "neg" for c in root.children):
        return None
    return root


def _ambiguous_coordination(comp: Any) -> bool:
    """A verb coordinated inside the clause without its own subject ("said
    ministers were busy and declined to comment"): it may belong to the
    speaker, so the clause must not be moved away from "said"."""
    return any(
        c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and not any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)
        for c in comp.children
    )


def _clause_start(comp: Any) -> Any:
    """The first token of a complement clause, past a leading "that"."""
    first = comp.left_edge
    if first.lower_ == "that" and first.dep_ == "mark":
        return first.nbor(1)
    return first


def said_to_end(p: _Parsed) -> Iterator[str]:
    """ "X said (that) Y." -> "Y, X said." (or "Y, said X." when X is long)."""
    root = _speech_root(p)
    if root is None or p.ends_in_quote() or p.text[:1] in _QUOTES:
        return
    subj = next((c for c in root.lefts if c.dep_ == "nsubj"), None)
    comp = next((c for c in root.rights if c.dep_ == "ccomp"), None)
    if subj is None or comp is None or subj.left_edge.i != 0 or _ambiguous_coordination(comp):
        return
    if any(c.i > comp.i and c.dep_ != "punct" for c in root.rights):
        return
    cb = p.span(comp)[1]
    if cb != p.body_end:
        return
    start = _clause_start(comp)
    between = p.doc[root.i + 1 : start.i]
    if any(t.text in _QUOTES or t.text in ",:;" or t.dep_ == "dative" for t in between):
        return
    if root.lemma_.lower() != "tell" and any(
        t.dep_ not in ("npadvmod", "prep", "pobj", "det", "compound", "mark", "amod", "nummod")
        for t in between
    ):
        return  # something more than a time or place between the verb and its clause
    tail = p.text[root.idx + len(root.text) : start.idx]
    tail = re.sub(r"\bthat\s*$", "", tail.strip()).strip()
    clause = p.text[start.idx : cb]
    if clause[:1] in _QUOTES or not p.cut_ok(start.idx) or len(clause.split()) < 3:
        return
    if _lowercase_quote_start(p, start.idx):
        return
    sa, sb = p.span(subj)
    verb_group = p.text[sb : root.idx + len(root.text)].strip(" ,")
    who = p.text[sa:sb]
    if len(who.split()) > 4 and not tail and verb_group == root.text:
        # "..., said Lt. Col. Sarah K. Lindqvist of the U.S. Army Corps of Engineers"
        lowered = _lower_first(p, sa, who)
        if lowered is None:
            return
        yield _tidy(f"{_upper_first(clause)}, {root.text} {lowered}{p.final}")
        return
    said = _lower_first(p, 0, p.text[: root.idx + len(root.text)].strip())
    if said is None:
        return
    yield _tidy(f"{_upper_first(clause)}, {said} {tail}{p.final}")


def according_to(p: _Parsed) -> Iterator[str]:
    """ "X said (that) Y." -> "According to X, Y." (only for "say")."""
    root = _speech_root(p)
    if root is None or root.lemma_.lower() != "say" or root.tag_ not in ("VBD", "VBZ"):
        return
    if p.ends_in_quote() or p.text[:1] in _QUOTES:
        return
    if not {c.dep_ for c in root.children} <= {"nsubj", "ccomp", "punct"}:
        return
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    comp = next((c for c in root.children if c.dep_ == "ccomp"), None)
    if subj is None or comp is None:
        return
    if subj.pos_ == "PRON" or subj.left_edge.i != 0 or comp.i < root.i:
        return
    if _ambiguous_coordination(comp):
        return
    start = _clause_start(comp)
    cb = p.span(comp)[1]
    if cb != p.body_end or any(t.lower_ != "that" for t in p.doc[root.i + 1 : start.i]):
        return
    if _third_person_pronoun_in(p.doc, start.idx, cb) or _lowercase_quote_start(p, start.idx):
        return
    sa, sb = p.span(subj)
    who = _lower_first(p, 0, p.text[sa:sb])
    if who is None or p.text[start.idx : start.idx + 1] in _QUOTES:
        return
    yield _tidy(f"According to {who}, {p.text[start.idx : cb]}{p.final}")


_ACCORDING_AT_END = re.compile(r",\s+according\s+to\s+(?P<who>[^,;:“”\"]+?)\s*$")


def according_to_front(p: _Parsed) -> Iterator[str]:
    """ "Y, according to X." -> "According to X, Y." (the phrase covers the whole clause)."""
    body = p.text[: p.body_end]
    m = _ACCORDING_AT_END.search(body)
    if m is None or p.ends_in_quote() or not p.cut_ok(m.start()) or body[:1] in _QUOTES:
        return
    main = body[: m.start()].strip()
    if len(main.split()) < 4 or _lowercase_quote_start(p, 0):
        return
    lowered = _lower_first(p, 0, main)
    if lowered is None:
        return
    yield _tidy(f"According to {m.group('who')}, {lowered}{p.final}")


def said_to_front(p: _Parsed) -> Iterator[str]:
    """ "Y, X said." -> "X said that Y." (a clause that is not a quotation)."""
    root = _speech_root(p)
    if root is None or p.ends_in_quote() or any(c in p.text for c in _QUOTES + "‘"):
        return
    if p.locked and re.search(r"(?:^|\s)'\w", p.text):
        return  # a single-quoted clause: a quotation, moved only by quote_to_end
    comp = next((c for c in root.lefts if c.dep_ == "ccomp"), None)
    if comp is None or comp.left_edge.i != 0:
        return
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    allowed = ("nsubj", "ccomp", "punct", "prep", "npadvmod", "advmod")
    if subj is None or any(c.dep_ not in allowed for c in root.children):
        return
    if any(c.dep_ in ("prep", "npadvmod", "advmod") and c.i < root.i for c in root.children):
        return
    comma = p.doc[comp.right_edge.i + 1]
    if comma.text != "," or comma.i + 1 > min(root.i, subj.left_edge.i):
        return
    clause = p.text[: comma.idx].strip()
    if subj.i > root.i:
        sa, sb = p.span(subj)
        if sb != p.body_end:
            return
        attribution = f"{p.text[sa:sb]}{',' if ',' in p.text[sa:sb] else ''} {root.text}"
    else:
        attribution = p.text[comma.idx + 1 : p.body_end].strip()
    lowered = _lower_first(p, 0, clause)
    if lowered is None or len(clause.split()) < 3:
        return
    yield _tidy(f"{_upper_first(attribution)} that {lowered}{p.final}")


_QUOTE_THEN_SAID = re.compile(
    r"^\s*(?P<open>[“\"])(?P<q>[^“”\"]+?)(?P<mark>[,?!])(?P<close>[”\"])\s+(?P<attr>[^“”\"]+?)"
    r"(?P<final>[.!?]?)\s*$"
)
_SINGLE_QUOTE_THEN_SAID = re.compile(
    r"^\s*(?P<open>['‘])(?P<q>\w.+?)(?P<mark>[,?!])(?P<close>['’])\s+(?P<attr>[^'‘’“”\"]+?)"
    r"(?P<final>[.!?]?)\s*$"
)
_SAID_THEN_QUOTE = re.compile(
    r"^(?P<attr>[^“”\"]+?)[,:]\s*(?P<open>[“\"])(?P<q>[^“”\"]+?)(?P<mark>[.!?])(?P<close>[”\"])\s*$"
)
_SAID_THEN_SINGLE_QUOTE = re.compile(
    r"^(?P<attr>[^'‘’“”\"]+?)[,:]\s*(?P<open>['‘])(?P<q>\w.+?)(?P<mark>[.!?])(?P<close>['’])\s*$"
)


def _attribution_verb(p: _Parsed, a: int, b: int) -> Any:
    """The speech verb of a short attribution in ``[a, b)`` ("she said",
    "said Sen. Cho, an independent"), or ``None`` when it holds anything more."""
    toks = [t for t in p.doc if a <= t.idx < b]
    if not toks or len(toks) > 16:
        return None
    verbs_ = [t for t in toks if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")]
    if len(verbs_) != 1 or verbs_[0].lemma_.lower() not in SPEECH:
        return None
    verb = verbs_[0]
    if verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or not any(
        t.dep_ == "nsubj" or t.pos_ in ("PROPN", "PRON") for t in toks
    ):
        return None
    return verb


def quote_to_end(p: _Parsed) -> Iterator[str]:
    """``"Q," she said.`` -> ``She said, "Q."`` (the quotation's words verbatim)."""
    m = _QUOTE_THEN_SAID.match(p.text) or _SINGLE_QUOTE_THEN_SAID.match(p.text)
    if m is None or (m.group("open") in "“‘") != (m.group("close") in "”’"):
        return
    verb = _attribution_verb(p, m.start("attr"), m.end("attr"))
    if verb is None:
        return
    attr = m.group("attr").strip()
    if attr.lower().startswith(verb.text.lower() + " "):
        # "said Sen. Cho, an independent from Vermont" -> "Sen. Cho, ..., said"
        who = attr[len(verb.text) :].strip()
        attr = f"{who}{',' if ',' in who else ''} {verb.text}"
    mark = m.group("mark")
    end = mark if mark in "?!" else (m.group("final") or ".")
    quote = f"{m.group('open')}{m.group('q')}{end}{m.group('close')}"
    yield _tidy(f"{_upper_first(attr)}, {quote}")


def quote_to_front(p: _Parsed) -> Iterator[str]:
    """``She said, "Q."`` -> ``"Q," she said.``"""
    text = p.text.rstrip()
    m = _SAID_THEN_QUOTE.match(text) or _SAID_THEN_SINGLE_QUOTE.match(text)
    if m is None or (m.group("open") in "“‘") != (m.group("close") in "”’"):
        return
    verb = _attribution_verb(p, 0, m.end("attr"))
    if verb is None:
        return
    attr = _lower_first(p, 0, m.group("attr").strip())
    if attr is None:
        return
    mark = m.group("mark")
    inner = "," if mark == "." else mark
    yield _tidy(f"{m.group('open')}{m.group('q')}{inner}{m.group('close')} {attr}.")


def to_passive(p: _Parsed) -> Iterator[str]:
    """ "The committee approved the plan." -> "The plan was approved by the committee." """
    root = _root(p)
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
        or obj_t.lower_ in _PLURAL_PRONOUNS
        or any(c.dep_ == "conj" for c in obj_t.children)
    )
    group = _passive_group(root, aux[0] if aux else None, plural)
    if group is None:
        return
    sa, sb = p.span(subj_t)
    oa, ob = p.span(obj_t)
    if sa != 0 or not all(p.cut_ok(x) for x in (sb, oa, ob)):
        return
    if any(c.dep_ in ("relcl", "acl") for c in obj_t.children) and ob != p.body_end:
        return  # a clause on the object would now run into the verb
    obj_text = p.text[oa:ob]
    if obj_t.pos_ == "PRON":
        if obj_t.lower_ not in _OBJ_TO_SUBJ and obj_t.lower_ != "it":
            return
        obj_text = _OBJ_TO_SUBJ.get(obj_t.lower_, obj_t.lower_)
    if adverbs:
        first, *others = group.split(" ")
        group = " ".join([first, adverbs[0].text, *others])
    agent = _lower_first(p, sa, p.text[sa:sb])
    if agent is None:
        return
    rest = p.text[ob : p.body_end]
    yield _tidy(f"{_upper_first(obj_text)} {group} by {agent}{rest}{p.final}")


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
    if root.tag_ == "VB" and word in _MODALS:
        part = verbs.participle_of(root.lemma_)
        return f"{aux.text} be {part}" if part else None
    return None


def to_active(p: _Parsed) -> Iterator[str]:
    """ "The plan was approved by the committee." -> "The committee approved the plan." """
    root = _root(p)
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
    if subj_t.pos_ == "PRON" and subj_t.lower_ not in _SUBJ_TO_OBJ and subj_t.lower_ != "it":
        return
    if subj_t.lower_ in ("who", "which", "that") or any(c.i < subj_t.i for c in kids):
        return
    plural = (
        pobj.tag_ in ("NNS", "NNPS")
        or pobj.lower_ in _PLURAL_PRONOUNS
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
    elif aux and aux[0].lower_ in _MODALS and be == "be":
        verb = f"{aux[0].lower_} {root.lemma_.lower()}"
    else:
        return
    if verb is None:
        return
    sa, sb = p.span(subj_t)
    aa, ab = p.span(agent)
    if sa != 0 or not all(p.cut_ok(x) for x in (sb, aa, ab)):
        return
    # nothing but the auxiliaries between subject and verb
    if any(
        t.i not in (auxpass[0].i, *(a.i for a in aux))
        for t in p.doc[subj_t.right_edge.i + 1 : root.i]
    ):
        return
    doer = p.text[pobj.left_edge.idx : ab]
    if pobj.pos_ == "PRON":
        if pobj.lower_ not in _OBJ_TO_SUBJ:
            return
        doer = _OBJ_TO_SUBJ[pobj.lower_]
    if any(c.dep_ in ("relcl", "acl") for c in pobj.children) and ab != p.body_end:
        return
    obj = p.text[sa:sb]
    if subj_t.pos_ == "PRON":
        obj = _SUBJ_TO_OBJ.get(subj_t.lower_, subj_t.lower_)
    else:
        lowered = _lower_first(p, sa, obj)
        if lowered is None:
            return
        obj = lowered
    rest = p.text[ab : p.body_end]
    yield _tidy(f"{_upper_first(doer)} {verb} {obj}{rest}{p.final}")


def _is_name(tok: Any) -> bool:
    return tok.pos_ == "PROPN" and not any(c.dep_ == "det" for c in tok.children)


def _is_description(tok: Any) -> bool:
    """A noun phrase with a determiner ("a Democrat", "the group's chief executive",
    "one of Turkey's singers"): it reads well on either side of a name."""
    if tok.like_num and tok.lower_ != "one":
        return False  # "Arias, 34," is an age, not a description
    if tok.lower_ == "one":
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    return any(c.dep_ in ("det", "poss") for c in tok.children)


def swap_apposition(p: _Parsed) -> Iterator[str]:
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
            (_is_name(head) and _is_description(appos))
            or (_is_name(appos) and _is_description(head))
        ):
            continue  # "Washington, D.C.", "Arias, 34,": not a name and its description
        if head.ent_type_ in ("GPE", "LOC") or appos.ent_type_ in ("GPE", "LOC"):
            continue
        x0, x1 = doc[ha].idx, doc[aa - 1].idx
        y0, y1 = doc[aa].idx, doc[ab].idx + len(doc[ab].text)
        if not all(p.cut_ok(x) for x in (x0, x1, y0, y1)):
            continue
        first, second = p.text[x0:x1], p.text[y0:y1]
        if any(c in first + second for c in _QUOTES):
            continue
        lowered = _lower_first(p, x0, first)
        if lowered is None:
            continue
        if x0 == 0:
            second = _upper_first(second)
        else:
            second_low = _lower_first(p, y0, second)
            if second_low is None:
                continue
            second = second_low
        yield _tidy(f"{p.text[:x0]}{second}, {lowered}{p.text[y1:]}")
        return


def relative_to_apposition(p: _Parsed) -> Iterator[str]:
    """ "X, who is a lawyer, said" -> "X, a lawyer, said" (and back, in the present tense)."""
    doc = p.doc
    root = _root(p)
    if root is None:
        return
    for rel in doc:
        if rel.dep_ == "relcl" and rel.lemma_ == "be" and rel.lower_ in ("is", "are"):
            wh = rel.left_edge
            attr = next((c for c in rel.children if c.dep_ == "attr"), None)
            if wh.lower_ != "who" or wh.dep_ != "nsubj" or attr is None:
                continue
            if not _is_description(attr) or rel.i != wh.i + 1 or attr.left_edge.i != rel.i + 1:
                continue
            a, b = wh.left_edge.i, rel.right_edge.i
            if a < 1 or doc[a - 1].text != "," or b + 1 >= len(doc) or doc[b + 1].text != ",":
                continue
            if attr.right_edge.i != b or not p.cut_ok(wh.idx) or not p.cut_ok(attr.left_edge.idx):
                continue
            yield _tidy(p.text[: wh.idx] + p.text[attr.left_edge.idx :])
            return
        if rel.dep_ == "appos" and root.tag_ in ("VBZ", "VBP") and _is_name(rel.head):
            if not _is_description(rel) or rel.tag_ not in ("NN", "NNP"):
                continue
            a, b = rel.left_edge.i, rel.right_edge.i
            if a < 1 or doc[a - 1].text != "," or b + 1 >= len(doc) or doc[b + 1].text != ",":
                continue
            if rel.head.i > a or not p.cut_ok(rel.left_edge.idx):
                continue
            start = rel.left_edge.idx
            yield _tidy(f"{p.text[:start]}who is {p.text[start:]}")
            return


def split_relative(p: _Parsed) -> Iterator[str]:
    """ "X, which did A, did B." -> "X did B. It did A." (who: the name again)."""
    root = _root(p)
    if root is None or not _quote_balanced(p.text) or p.ends_in_quote():
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
        if not (p.cut_ok(cut_a) and p.cut_ok(cut_b)) or _in_quote(p, cut_a):
            continue
        main = _tidy(p.text[:cut_a] + " " + p.text[cut_b : p.body_end])
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
            if not _is_name(noun) or len(subject.split()) > 6 or "," in subject:
                continue
        if noun.dep_ == "conj" or any(c.dep_ == "conj" for c in noun.children):
            continue  # "Jese and Saul Nguez, who ...": the clause is about both
            subject = _upper_first(subject)
        yield _tidy(f"{main}{p.final} {subject} {body}.")
        return


def split(p: _Parsed) -> Iterator[str]:
    """ "X did A, and Y did B." -> "X did A. Y did B." (also ", but" and ";")."""
    root = _root(p)
    if root is None or not _quote_balanced(p.text):
        return
    for conj in root.children:
        if conj.dep_ != "conj" or conj.i < root.i:
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
            continue
        cc = next((c for c in root.children if c.dep_ == "cc" and root.i < c.i < conj.i), None)
        if cc is None or cc.lower_ not in ("and", "but") or doc_prev(p, cc) != ",":
            continue
        if conj.left_edge.i != cc.i + 1 or conj.right_edge.i < len(p.doc) - 3:
            continue
        comma = p.doc[cc.i - 1]
        first = p.text[: comma.idx].strip()
        second = p.text[p.doc[cc.i + 1].idx : p.body_end].strip()
        if not p.cut_ok(comma.idx) or _in_quote(p, comma.idx):
            continue
        if len(first.split()) < 5 or len(second.split()) < 5:
            continue
        if second[:1] in _QUOTES:
            continue
        lead = "But " if cc.lower_ == "but" else ""
        second = second if lead else _upper_first(second)
        if second[:1].islower() and _in_quote(p, p.doc[cc.i + 1].idx + 1):
            continue
        yield _tidy(f"{first}. {lead}{second}{p.final}")
        return
    for tok in p.doc:
        if tok.text == ";" and p.cut_ok(tok.idx) and not _in_quote(p, tok.idx):
            first = p.text[: tok.idx].strip()
            second = p.text[tok.idx + 1 : p.body_end].strip()
            clauses = [p.doc[: tok.i], p.doc[tok.i + 1 :]]
            if ":" in first or not all(any(t.pos_ in ("VERB", "AUX") for t in c) for c in clauses):
                return  # a list ("they lined up: A; B, C; D"), not two clauses
            if len(first.split()) >= 5 and len(second.split()) >= 5 and second[:1] not in _QUOTES:
                if second[:1].isalpha() and _in_quote(p, tok.idx + 2):
                    continue
                yield _tidy(f"{first}. {_upper_first(second)}{p.final}")
                return


def split_shared_subject(p: _Parsed) -> Iterator[str]:
    """ "X did A, but decided B." -> "X did A. But X decided B." (the subject said again)."""
    root = _root(p)
    if root is None or not _quote_balanced(p.text) or p.ends_in_quote():
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
    if doc_prev(p, cc) != "," and (cc.i - root.i < 4 or len(p.doc) - conj.i < 5):
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
        lowered = _lower_first(p, sa, who)
        clauses = any(c.dep_ in ("relcl", "appos", "acl") for c in subj.children)
        if lowered is None or clauses or len(who.split()) > limit:
            return
        who = lowered
    comma = p.doc[cc.i - 1] if doc_prev(p, cc) == "," else cc
    first = p.text[: comma.idx].strip()
    second = p.text[conj.left_edge.idx : p.body_end].strip()
    if not p.cut_ok(comma.idx) or len(first.split()) < 5 or len(second.split()) < 3:
        return
    lead = "But " if cc.lower_ == "but" else ""
    yield _tidy(f"{first}. {_upper_first(lead + who)} {second}{p.final}")


_THAT_VERBS = frozenset(
    {"say", "add", "tell", "note", "explain", "insist", "claim", "argue", "warn", "show", "find",
     "believe", "think", "know", "suggest", "reveal", "estimate", "announce", "report", "admit",
     "confirm", "hope", "expect", "fear", "realize", "realise", "feel", "agree", "conclude"}
)  # fmt: skip


def _that_root(p: _Parsed) -> Any:
    root = _root(p)
    if root is None or root.lemma_.lower() not in _THAT_VERBS:
        return None
    return None if any(c.dep_ == "neg" for c in root.children) else root


def that_insert(p: _Parsed) -> Iterator[str]:
    """ "X said Y." -> "X said that Y." """
    root = _that_root(p)
    if root is None:
        return
    comp = next((c for c in root.rights if c.dep_ == "ccomp"), None)
    if comp is None or _clause_start(comp) != comp.left_edge or comp.left_edge.lower_ == "that":
        return
    first = comp.left_edge
    if first.i != root.i + 1 and not (
        root.lemma_.lower() == "tell" and p.doc[first.i - 1].dep_ in ("dobj", "dative")
    ):
        return
    if first.text in _QUOTES or first.text in ",:" or first.tag_ in ("WDT", "WP", "WRB"):
        return
    if not p.cut_ok(first.idx):
        return
    yield _tidy(f"{p.text[: first.idx]}that {p.text[first.idx :]}")


def that_drop(p: _Parsed) -> Iterator[str]:
    """ "X said that Y." -> "X said Y." """
    root = _that_root(p)
    if root is None:
        return
    comp = next((c for c in root.rights if c.dep_ == "ccomp"), None)
    if comp is None:
        return
    mark = comp.left_edge
    if mark.lower_ != "that" or mark.dep_ != "mark" or mark.i != root.i + 1:
        return
    after = mark.nbor(1)
    if after.text in _QUOTES or not p.cut_ok(mark.idx):
        return
    yield _tidy(f"{p.text[: mark.idx]}{p.text[after.idx :]}")


def possessive_to_of(p: _Parsed) -> Iterator[str]:
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
            t.text in _QUOTES for t in doc[det.i : noun.i + 1]
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
        yield _tidy(f"{p.text[:a]}{article} {owned} of {owner}{p.text[b:]}")
        return


_JOIN_LEADS = {"but": "but", "and": "and"}
# Openers that tie a sentence to what came before in a way "and" would change.
_NO_JOIN_LEADS = frozenset(
    {"however", "yet", "so", "still", "instead", "meanwhile", "also", "then", "or", "because",
     "thus", "therefore", "moreover", "furthermore", "indeed", "nevertheless", "otherwise"}
)  # fmt: skip


def join(first: _Parsed, second: _Parsed) -> Iterator[str]:
    """Two short sentences -> one: "A did X. B did Y." -> "A did X, and B did Y." """
    if first.final != "." or second.final != ".":
        return
    if any(c in first.text + second.text for c in _QUOTES + "‘’;:"):
        return
    n1, n2 = len(first.text.split()), len(second.text.split())
    if not (3 <= n1 <= 14 and 3 <= n2 <= 14):
        return
    if _root(first) is None or _root(second) is None:
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
    elif lead.lower_ in _NO_JOIN_LEADS or lead.dep_ == "advmod":
        return
    else:
        lowered = _lower_first(second, 0, body2)
    if lowered is None:
        return
    yield _tidy(f"{first.text[: first.body_end].strip()}, {conj} {lowered}.")


def doc_prev(p: _Parsed, tok: Any) -> str:
    return str(p.doc[tok.i - 1].text) if tok.i > 0 else ""


def phrase(p: _Parsed) -> Iterator[str]:
    """Every swap of the phrase table at once."""
    found = swaps(p.text, p.locked, p.doc)
    if not found:
        return
    out, pos = [], 0
    for s in found:
        out.append(p.text[pos : s.start])
        out.append(s.replacement)
        pos = s.end
    out.append(p.text[pos:])
    text = "".join(out)
    if found[0].start == len(p.text) - len(p.text.lstrip(" \"“'‘")):
        text = _upper_first(text)
    yield _tidy(text)


TRANSFORMATIONS: dict[str, Op] = {
    "front_to_back": front_to_back,
    "back_to_front": back_to_front,
    "said_to_end": said_to_end,
    "according_to": according_to,
    "said_to_front": said_to_front,
    "according_to_front": according_to_front,
    "quote_to_end": quote_to_end,
    "quote_to_front": quote_to_front,
    "to_passive": to_passive,
    "to_active": to_active,
    "swap_apposition": swap_apposition,
    "relative_to_apposition": relative_to_apposition,
    "split": split,
    "split_relative": split_relative,
    "split_shared_subject": split_shared_subject,
    "that_insert": that_insert,
    "that_drop": that_drop,
    "possessive_to_of": possessive_to_of,
    "phrase": phrase,
}
# Pairs that undo each other: never composed.
_INVERSE = {
    "front_to_back": "back_to_front",
    "back_to_front": "front_to_back",
    "said_to_end": "said_to_front",
    "said_to_front": "said_to_end",
    "according_to": "front_to_back",
    "according_to_front": "front_to_back",
    "quote_to_front": "quote_to_end",
    "quote_to_end": "quote_to_front",
    "to_passive": "to_active",
    "to_active": "to_passive",
    "that_insert": "that_drop",
    "that_drop": "that_insert",
}
_ROUNDS = {"light": 1, "medium": 2, "strong": 3}


# ------------------------------------------------------------------ locked spans


def _locked_key(text: str) -> str:
    """A locked span as it must reappear: words unchanged, edge punctuation and
    the case of the first letter free (a quotation's final comma becomes a
    period when it moves to the end)."""
    core = text.strip().strip(_QUOTES + "'‘’").rstrip(",.!?;:").strip()
    return core[:1].lower() + core[1:]


def _relock(text: str, keys: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Where the locked strings sit in ``text`` (every occurrence)."""
    spans: list[tuple[int, int]] = []
    for key in keys:
        if not key:
            continue
        for variant in {key, key[:1].upper() + key[1:]}:
            start = 0
            while (i := text.find(variant, start)) != -1:
                spans.append((i, i + len(variant)))
                start = i + 1
    return tuple(sorted(set(spans)))


def _quote_marks(text: str) -> Counter[str]:
    """Quotation marks, not counting apostrophes inside words (don't, O'Neill)."""
    marks: Counter[str] = Counter()
    for i, ch in enumerate(text):
        if ch in "'’":
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before.isalnum() and after.isalnum():
                continue
        if ch in _QUOTES + "'‘’":
            marks["'" if ch in "'‘’" else '"'] += 1
    return marks


def keeps_locked(source: str, locked: Sequence[tuple[int, int]], candidate: str) -> bool:
    """Every locked span of ``source`` appears in ``candidate`` as often, unedited,
    and every quotation mark is still there."""
    if _quote_marks(source) != _quote_marks(candidate):
        return False
    need = Counter(_locked_key(source[a:b]) for a, b in locked)
    for key, count in need.items():
        if not key:
            continue
        found = candidate.count(key) + (
            candidate.count(key[:1].upper() + key[1:]) if key[:1].islower() else 0
        )
        if found < count:
            return False
    return True


# ------------------------------------------------------------------ the backend


@register
class RulesBackend(Backend):
    """Syntactic transformations and phrase swaps; no model beyond spaCy."""

    name = "rules"
    needs_key = False

    def candidates(
        self, context: SentenceContext, options: GenerateOptions
    ) -> tuple[Candidate, ...]:
        return self.candidates_many([context], options)[0]

    def candidates_many(
        self, contexts: Sequence[SentenceContext], options: GenerateOptions
    ) -> list[tuple[Candidate, ...]]:
        rounds = _ROUNDS[options.strength]
        keys = [[_locked_key(c.text[a:b]) for a, b in c.locked] for c in contexts]
        found: list[dict[str, tuple[str, ...]]] = [{} for _ in contexts]
        frontier: list[tuple[int, _Parsed, tuple[str, ...]]] = [
            (k, _Parsed.of(c.text, c.doc, c.locked), ()) for k, c in enumerate(contexts)
        ]
        for round_no in range(rounds):
            produced: list[tuple[int, str, tuple[str, ...]]] = []
            for k, parsed, ops in frontier:
                for name, op in TRANSFORMATIONS.items():
                    if name in ops or (ops and _INVERSE.get(ops[-1]) == name):
                        continue
                    if ops and ops[-1] == "split":
                        break
                    for text in _safely(op, parsed, name):
                        source = contexts[k].text
                        if text == source or text in found[k]:
                            continue
                        if not keeps_locked(source, contexts[k].locked, text):
                            log.debug("rules: %s touched a locked span in %r", name, source)
                            continue
                        found[k][text] = (*ops, name)
                        produced.append((k, text, (*ops, name)))
            if round_no + 1 == rounds or not produced:
                break
            docs = models.nlp().pipe([t for _, t, _ in produced])
            frontier = [
                (k, _Parsed.of(text, doc, _relock(text, keys[k])), ops)
                for (k, text, ops), doc in zip(produced, docs, strict=True)
            ]
        out = [tuple(Candidate(text, self.name, ops) for text, ops in f.items()) for f in found]
        return [cands + self._joins(c) for c, cands in zip(contexts, out, strict=True)]

    def _joins(self, context: SentenceContext) -> tuple[Candidate, ...]:
        nxt = context.following
        if nxt is None or context.following_doc is None:
            return ()
        first = _Parsed.of(context.text, context.doc, context.locked)
        second = _Parsed.of(nxt.text, context.following_doc, context.following_locked)
        return tuple(
            Candidate(text, self.name, ("join",), consumes=2)
            for text in _safely(lambda _: join(first, second), first, "join")
            if keeps_locked(context.text, context.locked, text)
            and keeps_locked(nxt.text, context.following_locked, text)
        )


def _safely(op: Op, parsed: _Parsed, name: str) -> list[str]:
    try:
        return list(op(parsed))
    except (IndexError, StopIteration, ValueError) as exc:
        # A parse shaped unlike anything the rule expects: no candidate, not a crash.
        log.debug("rules: %s skipped %r (%s)", name, parsed.text, exc)
        return []
