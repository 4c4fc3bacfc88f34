"""Attribution moves: "X said Y" <-> "Y, X said", "according to X", quotations
before or after their speaker (words verbatim), and "that" after a verb of saying.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from retold.backends.rules.syntax import (
    QUOTES,
    Parsed,
    lower_first,
    lowercase_quote_start,
    sentence_root,
    third_person_pronoun_in,
    tidy,
    upper_first,
)
from retold.lexicon.reporting import SPEECH_VERBS, THAT_VERBS


def _speech_root(p: Parsed) -> Any:
    root = sentence_root(p)
    if root is None or root.lemma_.lower() not in SPEECH_VERBS:
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


def _finite(comp: Any) -> bool:
    """Whether a complement clause can stand alone ("asked that he be placed" cannot)."""
    if comp.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    return any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP")
        for c in comp.children
    )


def _clause_start(comp: Any) -> Any:
    """The first token of a complement clause, past a leading "that"."""
    first = comp.left_edge
    if first.lower_ == "that" and first.dep_ == "mark":
        return first.nbor(1)
    return first


_WH = frozenset({"how", "why", "whether", "if", "where", "when", "which", "who", "whom"})


def said_to_end(p: Parsed) -> Iterator[str]:
    """ "X said (that) Y." -> "Y, X said." (or "Y, said X." when X is long)."""
    root = _speech_root(p)
    if root is None or p.ends_in_quote() or p.text[:1] in QUOTES:
        return
    subj = next((c for c in root.lefts if c.dep_ == "nsubj"), None)
    comp = next((c for c in root.rights if c.dep_ == "ccomp"), None)
    if subj is None or comp is None or subj.left_edge.i != 0 or _ambiguous_coordination(comp):
        return
    if not _finite(comp):
        return
    if any(c.i > comp.i and c.dep_ != "punct" for c in root.rights):
        return
    cb = p.span(comp)[1]
    if cb != p.body_end:
        return
    start = _clause_start(comp)
    between = p.doc[root.i + 1 : start.i]
    if any(t.text in QUOTES or t.text in ",:;" or t.dep_ == "dative" for t in between):
        return
    if root.lemma_.lower() != "tell" and any(
        t.dep_ not in ("npadvmod", "prep", "pobj", "det", "compound", "mark", "amod", "nummod")
        for t in between
    ):
        return  # something more than a time or place between the verb and its clause
    tail = p.text[root.idx + len(root.text) : start.idx]
    tail = re.sub(r"\bthat\s*$", "", tail.strip()).strip()
    clause = p.text[start.idx : cb]
    if clause[:1] in QUOTES or not p.cut_ok(start.idx) or len(clause.split()) < 3:
        return
    if start.lower_ in _WH and start.i == comp.left_edge.i:
        return  # "revealed how it worked": "How it worked, she revealed." is no sentence
    if lowercase_quote_start(p, start.idx):
        return
    sa, sb = p.span(subj)
    verb_group = p.text[sb : root.idx + len(root.text)].strip(" ,")
    who = p.text[sa:sb]
    if len(who.split()) > 4 and not tail and verb_group == root.text:
        # "..., said Lt. Col. Sarah K. Lindqvist of the U.S. Army Corps of Engineers"
        lowered = lower_first(p, sa, who)
        if lowered is None:
            return
        yield tidy(f"{upper_first(clause)}, {root.text} {lowered}{p.final}")
        return
    said = lower_first(p, 0, p.text[: root.idx + len(root.text)].strip())
    if said is None:
        return
    yield tidy(f"{upper_first(clause)}, {said} {tail}{p.final}")


def according_to(p: Parsed) -> Iterator[str]:
    """ "X said (that) Y." -> "According to X, Y." (only for "say")."""
    root = _speech_root(p)
    if root is None or root.lemma_.lower() != "say" or root.tag_ not in ("VBD", "VBZ"):
        return
    if p.ends_in_quote() or p.text[:1] in QUOTES:
        return
    if not {c.dep_ for c in root.children} <= {"nsubj", "ccomp", "punct"}:
        return
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    comp = next((c for c in root.children if c.dep_ == "ccomp"), None)
    if subj is None or comp is None:
        return
    if subj.pos_ == "PRON" or subj.left_edge.i != 0 or comp.i < root.i:
        return
    if _ambiguous_coordination(comp) or not _finite(comp):
        return
    start = _clause_start(comp)
    cb = p.span(comp)[1]
    if cb != p.body_end or any(t.lower_ != "that" for t in p.doc[root.i + 1 : start.i]):
        return
    if third_person_pronoun_in(p.doc, start.idx, cb) or lowercase_quote_start(p, start.idx):
        return
    sa, sb = p.span(subj)
    who = lower_first(p, 0, p.text[sa:sb])
    if who is None or p.text[start.idx : start.idx + 1] in QUOTES:
        return
    yield tidy(f"According to {who}, {p.text[start.idx : cb]}{p.final}")


def said_to_front(p: Parsed) -> Iterator[str]:
    """ "Y, X said." -> "X said that Y." (a clause that is not a quotation)."""
    root = _speech_root(p)
    if root is None or p.ends_in_quote() or any(c in p.text for c in QUOTES + "‘"):
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
    lowered = lower_first(p, 0, clause)
    if lowered is None or len(clause.split()) < 3:
        return
    yield tidy(f"{upper_first(attribution)} that {lowered}{p.final}")


_QUOTE_THEN_SAID = re.compile(
    r"^\s*(?P<open>[“\"])(?P<q>[^“”\"]+?)(?P<mark>[,?!])(?P<close>[”\"])\s+(?P<attr>[^“”\"]+?)"
    r"(?P<final>[.!?]?)\s*$"
)
_SINGLE_QUOTE_THEN_SAID = re.compile(
    r"^\s*(?P<open>['‘])(?P<q>\w.+?)(?P<mark>[,?!])(?P<close>['’])\s+"
    # the speaker may have an apostrophe inside a word ("Westwood's husband")
    r"(?P<attr>(?:[^'‘’“”\"]|(?<=\w)['’](?=\w))+?)(?P<final>[.!?]?)\s*$"
)
_SAID_THEN_QUOTE = re.compile(
    r"^(?P<attr>[^“”\"]+?)[,:]\s*(?P<open>[“\"])(?P<q>[^“”\"]+?)(?P<mark>[.!?])(?P<close>[”\"])\s*$"
)
_SAID_THEN_SINGLE_QUOTE = re.compile(
    r"^(?P<attr>[^'‘’“”\"]+?)[,:]\s*(?P<open>['‘])(?P<q>\w.+?)(?P<mark>[.!?])(?P<close>['’])\s*$"
)


def _attribution_verb(p: Parsed, a: int, b: int) -> Any:
    """The speech verb of a short attribution in ``[a, b)`` ("she said",
    "said Sen. Cho, an independent"), or ``None`` when it holds anything more."""
    toks = [t for t in p.doc if a <= t.idx < b]
    if not toks or len(toks) > 16:
        return None
    verbs_ = [t for t in toks if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")]
    if len(verbs_) != 1 or verbs_[0].lemma_.lower() not in SPEECH_VERBS:
        return None
    verb = verbs_[0]
    if verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or not any(
        t.dep_ == "nsubj" or t.pos_ in ("PROPN", "PRON") for t in toks
    ):
        return None
    return verb


def quote_to_end(p: Parsed) -> Iterator[str]:
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
    yield tidy(f"{upper_first(attr)}, {quote}")


def quote_to_front(p: Parsed) -> Iterator[str]:
    """``She said, "Q."`` -> ``"Q," she said.``"""
    text = p.text.rstrip()
    m = _SAID_THEN_QUOTE.match(text) or _SAID_THEN_SINGLE_QUOTE.match(text)
    if m is None or (m.group("open") in "“‘") != (m.group("close") in "”’"):
        return
    verb = _attribution_verb(p, 0, m.end("attr"))
    if verb is None:
        return
    attr = lower_first(p, 0, m.group("attr").strip())
    if attr is None:
        return
    mark = m.group("mark")
    inner = "," if mark == "." else mark
    yield tidy(f"{m.group('open')}{m.group('q')}{inner}{m.group('close')} {attr}.")


def _that_root(p: Parsed) -> Any:
    root = sentence_root(p)
    if root is None or root.lemma_.lower() not in THAT_VERBS:
        return None
    return None if any(c.dep_ == "neg" for c in root.children) else root


def that_insert(p: Parsed) -> Iterator[str]:
    """ "X said Y." -> "X said that Y." """
    root = _that_root(p)
    if root is None:
        return
    comp = next((c for c in root.rights if c.dep_ == "ccomp"), None)
    if comp is None or _clause_start(comp) != comp.left_edge or comp.left_edge.lower_ == "that":
        return
    if not _finite(comp) or not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in comp.children
    ):
        return  # "shows a woman flexing her arm": an object, not a clause
    first = comp.left_edge
    if first.i != root.i + 1 and not (
        root.lemma_.lower() == "tell" and p.doc[first.i - 1].dep_ in ("dobj", "dative")
    ):
        return
    if first.text in QUOTES or first.text in ",:" or first.tag_ in ("WDT", "WP", "WRB"):
        return
    if not p.cut_ok(first.idx):
        return
    yield tidy(f"{p.text[: first.idx]}that {p.text[first.idx :]}")


def that_drop(p: Parsed) -> Iterator[str]:
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
    if after.text in QUOTES or not p.cut_ok(mark.idx):
        return
    yield tidy(f"{p.text[: mark.idx]}{p.text[after.idx :]}")


_TRAILING_SAID = re.compile(r"(?:,|[,?!][\"”'’])\s+(?P<attr>[^,;:“”\"'‘’]+?)\s*$")


def swap_said_subject(p: Parsed) -> Iterator[str]:
    """ "..., said Mr. Reyes." <-> "..., Mr. Reyes said." (a name, never a pronoun)."""
    body = p.text[: p.body_end]
    m = _TRAILING_SAID.search(body)
    if m is None or not p.cut_ok(m.start("attr")):
        return
    toks = [t for t in p.doc if m.start("attr") <= t.idx < m.end("attr")]
    if not 2 <= len(toks) <= 6:
        return
    verb, rest = (toks[0], toks[1:]) if toks[0].pos_ == "VERB" else (toks[-1], toks[:-1])
    if verb.lemma_.lower() not in SPEECH_VERBS or verb.tag_ not in ("VBD", "VBZ"):
        return
    if any(t.pos_ in ("PRON", "VERB", "AUX", "ADP") for t in rest):
        return  # "he said", "said in a statement": leave to the other moves
    if not any(t.pos_ == "PROPN" for t in rest) and not any(t.dep_ == "det" for t in rest):
        return
    who = body[rest[0].idx : rest[-1].idx + len(rest[-1].text)]
    if verb == toks[0]:
        attribution = f"{who} {verb.text}"
    else:
        lowered = lower_first(p, rest[0].idx, who)
        if lowered is None:
            return
        attribution = f"{verb.text} {lowered}"
    yield tidy(f"{body[: m.start('attr')]}{attribution}{p.final}")
