"""What the rules backend's transformations share: the parsed sentence, word
lists, case and punctuation helpers, and the check that locked spans survive.

Internal to :mod:`retold.backends.rules` and its transformation modules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from retold.lexicon.calendar import RELATIVE_DAYS, RELATIVE_PERIODS, SEASONS
from retold.lexicon.loader import words
from retold.lexicon.pronouns import SUBJECT_TO_OBJECT, THIRD_PERSON

QUOTES = '"“”'
_FINAL = re.compile(r"(?:[.!?]+[\"”’')]*|[\"”’]+[.!?]+)\s*$")

# Prepositions whose phrase reads as a circumstance of the whole clause.
CLAUSE_PREPS = frozenset(
    {"during", "after", "before", "since", "until", "amid", "despite", "throughout",
     "following", "within"}
)  # fmt: skip
PLACE_PREPS = frozenset({"in", "on", "at", "outside", "near", "inside"})
# Nouns that name where something happened ("in a hospital", "outside his home").
PLACE_NOUNS = words("place_nouns")
TIME_PREPS = frozenset({"in", "on", "at", "for", "by", "from", "within", "over"})
EVENT_NOUNS = frozenset(
    {"conference", "meeting", "statement", "interview", "hearing", "speech", "event",
     "ceremony", "rally", "briefing", "letter", "report", "post", "tweet", "summit"}
)  # fmt: skip
# Nouns of time whose phrase reads as when something happened ("that week").
TEMPORAL_NOUNS = (frozenset(RELATIVE_PERIODS) - frozenset(SEASONS)) | {
    "time",
    "moment",
    "period",
    "era",
    "hour",
    "day",
    "age",
}
TIME_ADVERBS = frozenset(RELATIVE_DAYS) | {
    "recently",
    "earlier",
    "later",
    "previously",
    "initially",
    "currently",
    "eventually",
    "separately",
}
# Verbs whose passive reads naturally in news prose.
PASSIVE_VERBS = words("passive_verbs")
OBJ_TO_SUBJ = {v: k for k, v in SUBJECT_TO_OBJECT.items()}

KEEP_CASE_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})


@dataclass(frozen=True, slots=True)
class Parsed:
    """A sentence under transformation: text, parse, locked spans, final punctuation."""

    text: str
    doc: Any
    locked: tuple[tuple[int, int], ...]
    body_end: int  # where the final punctuation starts
    final: str

    @classmethod
    def of(cls, text: str, doc: Any, locked: Sequence[tuple[int, int]]) -> Parsed:
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
        if m is None:
            return cls(text, doc, tuple(locked), len(stripped), "")
        # a caption's period often stands after a space ("... St Helens ."):
        # the body ends at its last word, and the rewrite closes the gap
        body_end = len(stripped[: m.start()].rstrip())
        return cls(text, doc, tuple(locked), body_end, stripped[m.start() :])

    def cut_ok(self, pos: int) -> bool:
        """No locked span is cut at ``pos``."""
        return not any(s < pos < e for s, e in self.locked)

    def in_locked(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.locked)

    def span(self, tok: Any) -> tuple[int, int]:
        left, right = tok.left_edge, tok.right_edge
        return left.idx, right.idx + len(right.text)

    def opening_spans(
        self, subject: Any, other: Any
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """The spans of ``subject`` and ``other`` when the subject opens the
        sentence and neither cut splits a locked span (the two can trade places)."""
        (sa, sb), (oa, ob) = self.span(subject), self.span(other)
        if sa != 0 or not all(self.cut_ok(x) for x in (sb, oa, ob)):
            return None
        return (sa, sb), (oa, ob)

    def ends_in_quote(self) -> bool:
        return any(c in QUOTES + "'‘’" for c in self.final)


def upper_first(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
        if ch.isdigit():
            return text
    return text


def lower_first(p: Parsed, start: int, text: str) -> str | None:
    """``text`` (which starts at ``start`` in ``p.text``) with its first word
    lowercased unless that word is a name, "I" or an acronym; ``None`` when
    lowering it would edit a quotation."""
    tok = token_at(p.doc, start)
    if tok is None or not text[:1].isalpha() or not text[:1].isupper():
        return text
    if (
        tok.tag_ in ("NNP", "NNPS")
        or tok.text == "I"
        or (len(tok.text) > 1 and tok.text.isupper())
        or tok.ent_type_ in KEEP_CASE_LABELS
    ):
        return text
    if tok.pos_ in ("NOUN", "PROPN", "X"):
        # a capitalised noun or adjective inside a name's phrase is part of a
        # title or a name ("Bath head coach Mike Ford", "Police Commissioner X")
        phrase = tok
        while phrase.dep_ in ("compound", "amod", "nmod", "poss") and phrase.head != phrase:
            phrase = phrase.head
        # (the name stands before the phrase's head: "Health leaders in Iowa" is no title)
        if any(t.pos_ == "PROPN" for t in phrase.subtree if t.i <= phrase.i):
            return text
    if in_quote(p, start):
        return None
    return text[0].lower() + text[1:]


def lowercase_quote_start(p: Parsed, start: int) -> bool:
    """Whether the text at ``start`` opens with a quotation whose first letter
    is lowercase (capitalising it would edit the quotation)."""
    for i in range(start, len(p.text)):
        ch = p.text[i]
        if ch.isalpha():
            return ch.islower() and in_quote(p, i)
        if ch.isdigit():
            return False
    return False


def in_quote(p: Parsed, pos: int) -> bool:
    depth = 0
    for ch in p.text[:pos]:
        if ch == "“":
            depth = 1
        elif ch == "”":
            depth = 0
        elif ch == '"':
            depth = 1 - depth
    return depth == 1


def token_at(doc: Any, offset: int) -> Any:
    for tok in doc:
        if tok.idx <= offset < tok.idx + len(tok.text):
            return tok
        if tok.idx > offset:
            return tok
    return None


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,;:.!?])", r"\1", text)
    text = re.sub(r",(\s*,)+", ",", text)
    text = re.sub(r",\s*([.!?])", r"\1", text)
    # an abbreviation's period doubles as the sentence's ("a.m.." -> "a.m.")
    text = re.sub(r"(\w\.)\.(?=\s|$)", r"\1", text)
    return text


def strip_edges(text: str) -> str:
    return text.strip().strip(",;").strip()


def sentence_root(p: Parsed) -> Any:
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


def pronoun_would_dangle(doc: Any, pronoun_at: tuple[int, int], noun_at: tuple[int, int]) -> bool:
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


def third_person_pronoun_in(doc: Any, a: int, b: int) -> bool:
    return any(t.lower_ in THIRD_PERSON and t.pos_ == "PRON" for t in doc if a <= t.idx < b)


def quote_balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def is_name(tok: Any) -> bool:
    return tok.pos_ == "PROPN" and not any(c.dep_ == "det" for c in tok.children)


def is_description(tok: Any) -> bool:
    """A noun phrase with a determiner ("a Democrat", "the group's chief executive",
    "one of Turkey's singers"): it reads well on either side of a name."""
    if tok.like_num and tok.lower_ != "one":
        return False  # "Arias, 34," is an age, not a description
    if tok.lower_ == "one":
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    return any(c.dep_ in ("det", "poss") for c in tok.children)


def previous_text(p: Parsed, tok: Any) -> str:
    return str(p.doc[tok.i - 1].text) if tok.i > 0 else ""


def locked_key(text: str) -> str:
    """A locked span as it must reappear: words unchanged, edge punctuation and
    the case of the first letter free (a quotation's final comma becomes a
    period when it moves to the end)."""
    core = text.strip().strip(QUOTES + "'‘’").rstrip(",.!?;:").strip()
    return core[:1].lower() + core[1:]


def relock(text: str, keys: Sequence[str]) -> tuple[tuple[int, int], ...]:
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


def quote_marks(text: str) -> Counter[str]:
    """Quotation marks, not counting apostrophes inside words (don't, O'Neill)."""
    marks: Counter[str] = Counter()
    for i, ch in enumerate(text):
        if ch in "'’":
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before.isalnum() and after.isalnum():
                continue
        if ch in QUOTES + "'‘’":
            marks["'" if ch in "'‘’" else '"'] += 1
    return marks


def keeps_locked(source: str, locked: Sequence[tuple[int, int]], candidate: str) -> bool:
    """Every locked span of ``source`` appears in ``candidate`` as often, unedited,
    and every quotation mark is still there."""
    if quote_marks(source) != quote_marks(candidate):
        return False
    need = Counter(locked_key(source[a:b]) for a, b in locked)
    for key, count in need.items():
        if not key:
            continue
        found = candidate.count(key) + (
            candidate.count(key[:1].upper() + key[1:]) if key[:1].islower() else 0
        )
        if found < count:
            return False
    return True
