"""Fidelity checks: does an aligned group of rewrite sentences say what its source says?

Each check compares the facts and words of one :class:`~retold.data.Alignment`
group (source sentences on one side, rewrite sentences on the other) and
returns typed issues with spans on both sides. A fact the group lacks but the
rest of the source holds is only a warning: summaries and merges draw on
sentences the aligner may not have linked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .. import issues as cat
from ..align import STOPWORDS, stem
from ..data import Alignment, Fact, FactKind, Issue, Sentence, Severity
from . import _facts
from ._facts import Parsed

_NEGATORS = {
    "not",
    "n't",
    "no",
    "never",
    "none",
    "nobody",
    "nothing",
    "neither",
    "nor",
    "without",
    "cannot",
    "rather",  # "X rather than Y" says what "X, not Y" says
    "instead",
}
_MODAL_CLASS = {
    "will": "future",
    "'ll": "future",
    "shall": "future",
    "would": "future",
    "must": "necessity",
    "should": "necessity",
    "may": "possibility",
    "might": "possibility",
    "could": "possibility",
    "can": "possibility",
}
# Verbs of belief versus verbs of proof: "investigators believe" is not "proved".
_EPISTEMIC = {
    "believe": "hedged",
    "think": "hedged",
    "suspect": "hedged",
    "allege": "hedged",
    "claim": "hedged",
    "suggest": "hedged",
    "fear": "hedged",
    "expect": "hedged",
    "prove": "certain",
    "confirm": "certain",
    "establish": "certain",
    "show": "certain",
    "know": "certain",
    "demonstrate": "certain",
}
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
    ("up", "down"),
    ("high", "low"),
    ("more", "less"),
    ("more", "fewer"),
    ("first", "last"),
)
_ANTONYM: dict[str, set[str]] = {}
for _a, _b in ANTONYMS:
    _ANTONYM.setdefault(_a, set()).add(_b)
    _ANTONYM.setdefault(_b, set()).add(_a)

_PRONOUNS = {"he", "she", "they", "it", "him", "her", "them"}
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"}


@dataclass(frozen=True, slots=True)
class Group:
    """One side of an alignment: its sentences, facts and tokens."""

    parsed: Parsed
    sentences: tuple[Sentence, ...]
    facts: tuple[Fact, ...]
    tokens: tuple[Any, ...]

    @property
    def span(self) -> tuple[int, int] | None:
        if not self.sentences:
            return None
        return (self.sentences[0].start, self.sentences[-1].end)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def of(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]

    def words(self) -> set[str]:
        low = {t.lower_ for t in self.tokens}
        return low | {w.replace(".", "") for w in low} | {stem(t.text) for t in self.tokens}

    def lemmas(self) -> set[str]:
        return {t.lemma_.lower() for t in self.tokens}


def group(parsed: Parsed, sentences: Sequence[Sentence], indices: Iterable[int]) -> Group:
    """The sentences ``indices`` of ``parsed`` as one group."""
    chosen = tuple(sentences[i] for i in sorted(indices))
    spans = [(s.start, s.end) for s in chosen]

    def inside(start: int) -> bool:
        return any(s <= start < e for s, e in spans)

    facts = tuple(f for f in parsed.facts if inside(f.start))
    tokens = tuple(t for t in parsed.doc if inside(t.idx) and not t.is_space)
    return Group(parsed, chosen, facts, tokens)


@dataclass(frozen=True, slots=True)
class Context:
    """What a group check may need beyond the two groups."""

    mode: str  # "rewrite" or "summary"
    source_all: Group  # the whole source, for facts found elsewhere
    previous_rewrite: str  # the rewrite text before this group, for pronouns
    word_support: Callable[[list[str], list[str]], list[float]] | None = None


def check_group(src: Group, rw: Group, alignment: Alignment, ctx: Context) -> list[Issue]:
    """Every fidelity check over one aligned group."""
    found: list[Issue] = []
    found += _numbers(src, rw, ctx)
    found += _dates(src, rw, ctx)
    found += _times(src, rw, ctx)
    quote_issues, attributed = _quotes(src, rw, ctx)
    found += quote_issues
    found += _entities(src, rw, ctx, attributed)
    found += _negation(src, rw)
    found += _modality(src, rw)
    found += _predicates(src, rw)
    found += _roles(src, rw)
    found += _pronouns(src, rw, ctx)
    found += _content(src, rw, ctx)
    return found


def _pair(
    code: str,
    message: str,
    src: Fact | Group | None,
    rw: Fact | Group | None,
    severity: str | None = None,
) -> Issue:
    def span(x: Fact | Group | None) -> tuple[tuple[int, int] | None, str]:
        if x is None:
            return None, ""
        if isinstance(x, Fact):
            return (x.start, x.end), x.text
        return x.span, x.text

    s_span, s_text = span(src)
    r_span, r_text = span(rw)
    return cat.make(
        code,
        message,
        source_span=s_span,
        rewrite_span=r_span,
        source_text=s_text,
        rewrite_text=r_text,
        severity=severity,
    )


def _num_close(a: Fact, b: Fact) -> bool:
    try:
        x, y = float(a.value), float(b.value)
    except ValueError:
        return a.value == b.value
    return abs(x - y) <= 1e-9 * max(1.0, abs(x))


def _numbers(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    out: list[Issue] = []
    s_nums = src.of(FactKind.NUMBER)
    r_nums = rw.of(FactKind.NUMBER)
    unmatched_src = [s for s in s_nums if not any(_num_close(s, r) for r in r_nums)]
    changed: list[Fact] = []
    raw_src = _facts.raw_numbers(src.text)
    for r in r_nums:
        same = [s for s in s_nums if _num_close(s, r)]
        if not same and r.value in raw_src:
            continue  # the source has it inside a phrase read as a date ("the age of five")
        if same:
            s = same[0]
            if r.qualifier != s.qualifier and not any(x.qualifier == r.qualifier for x in same):
                severity = None if (r.qualifier and s.qualifier) else Severity.WARNING
                out.append(
                    _pair(
                        "F104",
                        f"the number's qualifier changed: '{s.text}' "
                        f"({s.qualifier or 'exact'}) became '{r.text}' ({r.qualifier or 'exact'})",
                        s,
                        r,
                        severity,
                    )
                )
            if r.unit and s.unit and r.unit != s.unit and not any(x.unit == r.unit for x in same):
                out.append(_pair("F105", f"the unit changed: '{s.text}' became '{r.text}'", s, r))
            continue
        elsewhere = [s for s in ctx.source_all.of(FactKind.NUMBER) if _num_close(s, r)]
        if elsewhere:
            out.append(
                _pair(
                    "F101",
                    f"'{r.text}' does not match the numbers of its source sentence; "
                    f"the source has it elsewhere",
                    src,
                    r,
                    Severity.WARNING,
                )
            )
        elif unmatched_src:
            s = _nearest_same_unit(
                [c for c in unmatched_src if c not in changed] or unmatched_src, r
            )
            changed.append(s)
            out.append(_pair("F101", f"the number changed: '{s.text}' became '{r.text}'", s, r))
        else:
            out.append(_pair("F102", f"'{r.text}' is a number the source does not have", src, r))
    if ctx.mode == "rewrite":
        for s in unmatched_src:
            if s not in changed:
                out.append(_pair("F103", f"the number '{s.text}' was dropped", s, rw))
    return out


def _nearest_same_unit(cands: list[Fact], r: Fact) -> Fact:
    same_unit = [c for c in cands if c.unit == r.unit]
    return (same_unit or cands)[0]


def _dates(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    out: list[Issue] = []
    # Parts read from the whole text, not only from recognised dates: the
    # parser may read "Saturday night" as a time on one side and a date on
    # the other.
    s_parts = _facts.date_parts(src.text)
    all_parts = _facts.date_parts(ctx.source_all.text)
    hard = re.compile(r"^[mdyw]\d+$")
    r_parts = _facts.date_parts(rw.text)
    for r in rw.of(FactKind.DATE):
        parts = set(r.value.split())
        extra = {p for p in parts - s_parts if hard.match(p)}
        if not extra:
            continue
        s_dates = src.of(FactKind.DATE)
        if extra <= all_parts:
            out.append(
                _pair(
                    "F111",
                    f"the date '{r.text}' is not the date of its source sentence",
                    src,
                    r,
                    Severity.WARNING,
                )
            )
        elif s_dates:
            out.append(
                _pair(
                    "F111",
                    f"the date changed: '{s_dates[0].text}' became '{r.text}'",
                    s_dates[0],
                    r,
                )
            )
        else:
            out.append(_pair("F112", f"'{r.text}' is a date the source does not have", src, r))
    if ctx.mode == "rewrite":
        for s in src.of(FactKind.DATE):
            missing = {p for p in s.value.split() if hard.match(p)} - r_parts
            if missing:
                out.append(_pair("F113", f"the date '{s.text}' was dropped", s, rw))
    return out


def _times(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    out: list[Issue] = []
    s_times = src.of(FactKind.TIME)
    s_vals = {f.value for f in s_times}
    for r in rw.of(FactKind.TIME):
        if r.value in s_vals:
            continue
        if s_times:
            out.append(
                _pair(
                    "F114",
                    f"the time changed: '{s_times[0].text}' became '{r.text}'",
                    s_times[0],
                    r,
                )
            )
        elif r.value not in {f.value for f in ctx.source_all.of(FactKind.TIME)}:
            out.append(_pair("F114", f"'{r.text}' is a time the source does not have", src, r))
    return out


def _quotes(src: Group, rw: Group, ctx: Context) -> tuple[list[Issue], list[Fact]]:
    out: list[Issue] = []
    verbatim: list[Fact] = []
    all_quotes = ctx.source_all.of(FactKind.QUOTE)
    for r in rw.of(FactKind.QUOTE):
        exact = [s for s in all_quotes if r.value and r.value in s.value]
        if exact:
            verbatim.append(r)
            continue
        r_words = set(r.value.split())
        best, overlap = None, 0.0
        for s in all_quotes:
            s_words = set(s.value.split())
            ov = len(r_words & s_words) / max(1, len(r_words))
            if ov > overlap:
                best, overlap = s, ov
        if best is not None and overlap >= 0.5:
            out.append(
                _pair(
                    "F131",
                    f"the quotation was altered: “{best.text.strip(' ,.')}” "
                    f"became “{r.text.strip(' ,.')}”; quotes must stay verbatim",
                    best,
                    r,
                )
            )
        else:
            out.append(
                _pair(
                    "F133",
                    f"“{r.text.strip(' ,.')}” is a quotation the source does not have",
                    src,
                    r,
                )
            )
    return out, verbatim


_NAME_STOP = {"the", "of", "and", "a", "an", "for", "in", "on", "at", "'s", "s"}


def _supported_name(value: str, kind: str, words: set[str]) -> bool:
    # Dots dropped so that "U.S." is one token "us" on both sides.
    toks = [t for t in re.findall(r"\w+", value.replace(".", "")) if t not in _NAME_STOP]
    if not toks:
        return True
    if kind == FactKind.PERSON and toks[-1] in words:
        return True
    return all(t in words or stem(t) in words for t in toks)


def _entities(src: Group, rw: Group, ctx: Context, quotes: list[Fact]) -> list[Issue]:
    out: list[Issue] = []
    s_words = src.words()
    all_words = ctx.source_all.words()
    r_words = rw.words()
    kinds = (FactKind.PERSON, FactKind.ORG, FactKind.PLACE)
    s_ents = [f for f in src.facts if f.kind in kinds]
    missing_src = [f for f in s_ents if not _supported_name(f.value, f.kind, r_words)]
    for r in (f for f in rw.facts if f.kind in kinds):
        if _supported_name(r.value, r.kind, s_words):
            continue
        in_quote_sentence = any(q for q in quotes if _same_sentence(rw, q.start, r.start))
        if in_quote_sentence and r.kind == FactKind.PERSON:
            out.append(
                _pair(
                    "F132",
                    f"the quotation is attributed to '{r.text}', whom its source does not name",
                    src,
                    r,
                )
            )
            continue
        if _supported_name(r.value, r.kind, all_words):
            out.append(
                _pair(
                    "F122",
                    f"'{r.text}' is not in the source sentence (the source names it elsewhere)",
                    src,
                    r,
                    Severity.WARNING,
                )
            )
            continue
        same_kind = [s for s in missing_src if s.kind == r.kind] or missing_src
        if same_kind:
            s = same_kind[0]
            out.append(_pair("F121", f"the name changed: '{s.text}' became '{r.text}'", s, r))
        else:
            out.append(_pair("F122", f"'{r.text}' is a name the source does not have", src, r))
    if ctx.mode == "rewrite":
        for s in missing_src:
            out.append(_pair("F123", f"'{s.text}' was dropped", s, rw))
    return out


def _same_sentence(g: Group, a: int, b: int) -> bool:
    return any(s.start <= a < s.end and s.start <= b < s.end for s in g.sentences)


def _negations(g: Group) -> list[Any]:
    return [t for t in g.tokens if t.dep_ == "neg" or t.lower_ in _NEGATORS]


def _negation(src: Group, rw: Group) -> list[Issue]:
    s_neg, r_neg = _negations(src), _negations(rw)
    if len(r_neg) > len(s_neg):
        t = r_neg[len(s_neg)]
        return [
            cat.make(
                "F141",
                f"a negation ('{t.text}') was added: the rewrite denies what the source says",
                source_span=src.span,
                rewrite_span=(t.idx, t.idx + len(t.text)),
                source_text=src.text,
                rewrite_text=t.text,
            )
        ]
    if len(r_neg) < len(s_neg):
        t = s_neg[len(r_neg)]
        return [
            cat.make(
                "F142",
                f"a negation ('{t.text}') was removed: the rewrite asserts what the source denies",
                source_span=(t.idx, t.idx + len(t.text)),
                rewrite_span=rw.span,
                source_text=t.text,
                rewrite_text=rw.text,
            )
        ]
    return []


def _modal_classes(g: Group) -> dict[str, Any]:
    out: dict[str, Any] = {}
    toks = g.tokens
    for i, t in enumerate(toks):
        low = t.lower_
        if t.tag_ == "MD" and low in _MODAL_CLASS:
            out.setdefault(_MODAL_CLASS[low], t)
        elif (
            low == "going"
            and i + 1 < len(toks)
            and toks[i + 1].lower_ == "to"
            and (i + 2 < len(toks) and toks[i + 2].pos_ in ("VERB", "AUX"))
        ):
            out.setdefault("future", t)
        elif t.pos_ == "VERB" and t.lemma_.lower() in _EPISTEMIC:
            out.setdefault(_EPISTEMIC[t.lemma_.lower()], t)
    return out


def _modality(src: Group, rw: Group) -> list[Issue]:
    s_cls, r_cls = _modal_classes(src), _modal_classes(rw)
    added = [c for c in r_cls if c not in s_cls]
    removed = [c for c in s_cls if c not in r_cls]
    if not added:
        return []
    if not removed and added[0] in ("future", "necessity"):
        return []  # "will" for a plain future is a paraphrase, not a change of modality
    r_tok = r_cls[added[0]]
    s_tok = s_cls[removed[0]] if removed else None
    was = f"'{s_tok.text}' ({removed[0]})" if s_tok is not None else "a plain statement"
    return [
        cat.make(
            "F143",
            f"the modality changed: {was} became '{r_tok.text}' ({added[0]})",
            source_span=(s_tok.idx, s_tok.idx + len(s_tok.text)) if s_tok is not None else src.span,
            rewrite_span=(r_tok.idx, r_tok.idx + len(r_tok.text)),
            source_text=s_tok.text if s_tok is not None else src.text,
            rewrite_text=r_tok.text,
        )
    ]


def _predicates(src: Group, rw: Group) -> list[Issue]:
    out: list[Issue] = []
    s_lem = src.lemmas() | src.words()
    r_lem = rw.lemmas() | rw.words()
    for t in rw.tokens:
        lem = t.lemma_.lower()
        if lem in s_lem or lem not in _ANTONYM:
            continue
        opposite = [a for a in _ANTONYM[lem] if a in s_lem and a not in r_lem]
        if not opposite:
            continue
        s_tok = next(
            (x for x in src.tokens if x.lemma_.lower() == opposite[0] or x.lower_ == opposite[0]),
            None,
        )
        out.append(
            cat.make(
                "F151",
                f"the predicate is contradicted: the source says "
                f"'{s_tok.text if s_tok is not None else opposite[0]}', the rewrite '{t.text}'",
                source_span=(s_tok.idx, s_tok.idx + len(s_tok.text))
                if s_tok is not None
                else src.span,
                rewrite_span=(t.idx, t.idx + len(t.text)),
                source_text=s_tok.text if s_tok is not None else "",
                rewrite_text=t.text,
            )
        )
    return out


def _head_key(t: Any) -> str:
    # The head token alone: a name's head is its last word ("Reyes"), and the
    # recogniser's entity spans are not reliable enough ("Chelsea beat Arsenal").
    return str(t.lower_ if t.pos_ == "PROPN" else t.lemma_).lower()


def entity_key(text: str) -> str:
    toks = [w for w in re.findall(r"\w+", text.lower()) if w not in STOPWORDS]
    return toks[-1] if toks else text.lower()


def _triples(g: Group) -> set[tuple[str, str, str]]:
    """(role, verb lemma, argument key): who did what to whom, passives undone."""
    out: set[tuple[str, str, str]] = set()
    ids = {t.i for t in g.tokens}
    for t in g.tokens:
        if t.pos_ not in ("VERB", "AUX") or t.i not in ids:
            continue
        verb = t.lemma_.lower()
        for c in t.children:
            if c.lower_ in _PRONOUNS or c.pos_ == "PRON":
                continue
            if c.dep_ == "nsubj":
                out.add(("agent", verb, _head_key(c)))
            elif c.dep_ in ("dobj", "nsubjpass"):
                out.add(("patient", verb, _head_key(c)))
            elif c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj" and p.pos_ != "PRON":
                        out.add(("agent", verb, _head_key(p)))
    return out


# Verbs whose subject and object can trade places without changing the fact.
_SYMMETRIC = {
    "meet",
    "talk",
    "speak",
    "negotiate",
    "marry",
    "agree",
    "clash",
    "fight",
    "play",
    "draw",
    "tie",
    "merge",
    "join",
    "face",
    "confront",
    "visit",
    "hold",
    "have",
    "be",
}


def _roles(src: Group, rw: Group) -> list[Issue]:
    s_tr = {t for t in _triples(src) if t[1] not in _SYMMETRIC}
    r_tr = {t for t in _triples(rw) if t[1] not in _SYMMETRIC}
    s_args = {(verb, arg): role for role, verb, arg in s_tr}
    s_role_args = {(role, verb): arg for role, verb, arg in s_tr}
    s_all_args = {arg for _, _, arg in s_tr}

    def swapped(message: str) -> list[Issue]:
        return [
            cat.make(
                "F124",
                f"roles swapped: {message}",
                source_span=src.span,
                rewrite_span=rw.span,
                source_text=src.text,
                rewrite_text=rw.text,
            )
        ]

    for role, verb, arg in sorted(r_tr):
        other = s_args.get((verb, arg))
        if other is not None and other != role and (other, verb, arg) not in r_tr:
            return swapped(
                f"in the source '{arg}' is the {other} of '{verb}', in the rewrite its {role}"
            )
        was = s_role_args.get((role, verb))
        if was is not None and was != arg and arg in s_all_args and (role, verb, was) not in r_tr:
            return swapped(f"the {role} of '{verb}' was '{was}' in the source, now '{arg}'")
    # Different verbs ("defeated" / "beat"): one agent and one patient traded places.
    s_pairs = _agent_patient(s_tr)
    for agent, patient in _agent_patient(r_tr):
        if (patient, agent) in s_pairs and (agent, patient) not in s_pairs:
            return swapped(f"'{agent}' and '{patient}' traded places")
    return []


def _agent_patient(triples: set[tuple[str, str, str]]) -> set[tuple[str, str]]:
    by_verb: dict[str, dict[str, str]] = {}
    for role, verb, arg in triples:
        by_verb.setdefault(verb, {})[role] = arg
    return {
        (r["agent"], r["patient"])
        for r in by_verb.values()
        if "agent" in r and "patient" in r and r["agent"] != r["patient"]
    }


def _pronouns(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    out: list[Issue] = []
    s_low = {t.lower_ for t in src.tokens}
    for sent in rw.sentences:
        toks = [t for t in rw.tokens if sent.start <= t.idx < sent.end]
        subj = next(
            (t for t in toks if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None
        )
        if subj is None or subj.lower_ not in _PRONOUNS or subj.lower_ in s_low:
            continue
        # The source names the subject here; the rewrite must have named it before.
        names = [
            t
            for t in src.tokens
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("PROPN", "NOUN")
        ]
        before = (ctx.previous_rewrite + " " + rw.parsed.text[: sent.start][-300:]).lower()
        if names and not any(n.lower_ in before for n in names):
            n = names[0]
            out.append(
                cat.make(
                    "F125",
                    f"'{subj.text}' stands for '{n.text}', whom the rewrite has not named",
                    source_span=(n.idx, n.idx + len(n.text)),
                    rewrite_span=(subj.idx, subj.idx + len(subj.text)),
                    source_text=n.text,
                    rewrite_text=subj.text,
                    severity=Severity.ERROR,
                )
            )
    return out


def _content_tokens(g: Group) -> list[Any]:
    return [
        t
        for t in g.tokens
        if t.pos_ in _CONTENT_POS and t.is_alpha and t.lower_ not in STOPWORDS and len(t.text) > 2
    ]


def unsupported(
    words: list[Any], support: Group, ctx: Context, threshold: float = 0.6
) -> list[Any]:
    """Tokens of ``words`` whose word, stem or lemma ``support`` lacks, after synonyms."""
    have = support.words() | support.lemmas()
    missing = [
        t
        for t in words
        if t.lower_ not in have and stem(t.text) not in have and t.lemma_.lower() not in have
    ]
    if not missing or ctx.word_support is None:
        return missing
    pool = sorted({t.lemma_.lower() for t in _content_tokens(support)})
    if not pool:
        return missing
    scores = ctx.word_support([t.lemma_.lower() for t in missing], pool)
    return [t for t, s in zip(missing, scores, strict=True) if s < threshold]


def _content(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    out: list[Issue] = []
    added = unsupported(_content_tokens(rw), src, ctx)
    # Names and numbers have their own checks; count the other words.
    plain = [t for t in added if t.pos_ not in ("PROPN", "NUM") and not t.ent_type_]
    if len(plain) >= 2:
        words = ", ".join(t.text for t in plain[:5])
        out.append(
            cat.make(
                "F162",
                f"content the source does not support: {words}",
                source_span=src.span,
                rewrite_span=(plain[0].idx, plain[-1].idx + len(plain[-1].text)),
                source_text=src.text,
                rewrite_text=rw.parsed.text[plain[0].idx : plain[-1].idx + len(plain[-1].text)],
                # New things (nouns) are new facts; new verbs are often just rewording.
                severity=Severity.ERROR
                if len(plain) >= 3 or sum(t.pos_ == "NOUN" for t in plain) >= 2
                else Severity.WARNING,
            )
        )
    elif plain:
        t = plain[0]
        out.append(
            cat.make(
                "F163",
                f"'{t.text}' is not in the source sentence",
                source_span=src.span,
                rewrite_span=(t.idx, t.idx + len(t.text)),
                source_text=src.text,
                rewrite_text=t.text,
            )
        )
    if ctx.mode == "rewrite":
        src_words = [
            t for t in _content_tokens(src) if t.pos_ not in ("PROPN", "NUM") and not t.ent_type_
        ]
        dropped = unsupported(src_words, rw, ctx)
        if len(dropped) >= 3 and len(dropped) >= 0.3 * max(1, len(src_words)):
            words = ", ".join(t.text for t in dropped[:5])
            out.append(
                cat.make(
                    "F161",
                    f"content of the source is missing: {words}",
                    source_span=(dropped[0].idx, dropped[-1].idx + len(dropped[-1].text)),
                    rewrite_span=rw.span,
                    source_text=src.parsed.text[
                        dropped[0].idx : dropped[-1].idx + len(dropped[-1].text)
                    ],
                    rewrite_text=rw.text,
                )
            )
    return out


__all__ = ["ANTONYMS", "Context", "Group", "check_group", "group", "unsupported"]
