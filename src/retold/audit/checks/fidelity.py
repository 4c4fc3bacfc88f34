"""Fidelity checks: does an aligned group of rewrite sentences say what its source says?

Each check compares the facts and words of one :class:`~retold.data.Alignment`
group (source sentences on one side, rewrite sentences on the other) and
returns typed issues with spans on both sides. A fact the group lacks but the
rest of the source holds is only a warning: summaries and merges draw on
sentences the aligner may not have linked.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from retold.audit import catalogue as cat
from retold.audit import reading
from retold.audit.align import STOPWORDS, stem
from retold.audit.reading import Parsed
from retold.data import Alignment, Fact, FactKind, Issue, Sentence, Severity
from retold.models import wordnet as _wordnet

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
    "ca": "possibility",  # "can't"
    "wo": "future",  # "won't"
    "sha": "future",  # "shan't"
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
)
_ANTONYM: dict[str, set[str]] = {}
for _a, _b in ANTONYMS:
    _ANTONYM.setdefault(_a, set()).add(_b)
    _ANTONYM.setdefault(_b, set()).add(_a)

_NAME_KINDS = (FactKind.PERSON, FactKind.ORG, FactKind.PLACE)
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

    def whole(f: Fact) -> bool:
        # A name running across a sentence boundary is a recogniser's mistake
        # ("Police Oct. Police"); quotes may run across sentences.
        if f.kind not in _NAME_KINDS:
            return True
        return any(s <= f.start and f.end <= e for s, e in spans)

    facts = tuple(f for f in parsed.facts if inside(f.start) and whole(f))
    tokens = tuple(t for t in parsed.doc if inside(t.idx) and not t.is_space)
    return Group(parsed, chosen, facts, tokens)


@dataclass(frozen=True, slots=True)
class Context:
    """What a group check may need beyond the two groups."""

    mode: str  # "rewrite" or "summary"
    source_all: Group  # the whole source, for facts found elsewhere
    previous_rewrite: str  # the rewrite text before this group, for pronouns
    word_support: Callable[[list[str], list[str]], list[float]] | None = None
    # Rewrite spans the text checks already reported (filler, furniture):
    # their words are not also "content added".
    reported: tuple[tuple[int, int], ...] = ()


def check_group(src: Group, rw: Group, alignment: Alignment, ctx: Context) -> list[Issue]:
    """Every fidelity check over one aligned group."""
    found: list[Issue] = []
    found += _numbers(src, rw, ctx)
    found += _dates(src, rw, ctx)
    found += _times(src, rw, ctx)
    found += _ranges(src, rw)
    quote_issues, attributed = _quotes(src, rw, ctx)
    found += quote_issues
    found += _dropped_quotes(src, rw, ctx)
    found += _entities(src, rw, ctx, attributed)
    found += _negation(src, rw, ctx)
    found += _modality(src, rw, ctx)
    found += _tense(src, rw, ctx)
    found += _predicates(src, rw)
    found += _replaced_predicates(src, rw, ctx)
    found += _roles(src, rw)
    found += _pronouns(src, rw, ctx)
    found += _content(src, rw, ctx)
    return _weigh_for_summary(found, src, ctx)


# A range of two facts: "between A and B", "from A to B", "from A through B".
_RANGE_OPEN = re.compile(r"(?:\bbetween|\bfrom)\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:and|to|through|until|till|-|–|—)\s*$", re.IGNORECASE)
_RANGE_CODE = {FactKind.NUMBER: "F101", FactKind.DATE: "F111", FactKind.TIME: "F114"}


def _range_pairs(g: Group) -> list[tuple[Fact, Fact]]:
    """The ranges of ``g``: two facts of one kind, the first after "between"
    or "from", joined by "and", "to", "through", "until" or a dash."""
    text = g.parsed.text
    out = []
    facts = sorted((f for f in g.facts if f.kind in _RANGE_CODE), key=lambda f: f.start)
    for a, b in itertools.pairwise(facts):
        if a.kind != b.kind or a.value == b.value:
            continue
        if _RANGE_JOIN.match(text[a.end : b.start]) and _RANGE_OPEN.search(
            text[max(0, a.start - 12) : a.start]
        ):
            out.append((a, b))
    return out


def _ranges(src: Group, rw: Group) -> list[Issue]:
    """A range whose ends swapped places: "between December 2012 and September
    2013" -> "between September 2013 and December 2012". Each fact is still
    there, so the fact checks see nothing; the order is the fact."""
    rw_ranges = {(x.kind, x.value, y.value): (x, y) for x, y in _range_pairs(rw)}
    out = []
    for a, b in _range_pairs(src):
        hit = rw_ranges.get((a.kind, b.value, a.value))
        if hit is None:
            continue
        r_first, r_second = hit
        out.append(
            cat.make(
                _RANGE_CODE[a.kind],
                f"the range '{a.text} ... {b.text}' was reversed: it now runs from "
                f"'{r_first.text}' to '{r_second.text}'",
                source_span=(a.start, b.end),
                rewrite_span=(r_first.start, r_second.end),
                source_text=src.parsed.text[a.start : b.end],
                rewrite_text=rw.parsed.text[r_first.start : r_second.end],
            )
        )
    return out


# Issues inferred from the words of a whole group (a negation, an antonym, who
# did what): when a summary sentence aligns with several source sentences,
# the words come from several places and the inference is weak.
_INFERRED = frozenset({"F124", "F141", "F142", "F151"})


def _weigh_for_summary(found: list[Issue], src: Group, ctx: Context) -> list[Issue]:
    """Severities by evidence strength in summary mode.

    A summary sentence condenses several source sentences, so an inference
    over their pooled words is only a warning; so are words the source lacks
    (content added), which summaries use to frame what they condense. A fact
    the source does not hold (a number, date or name) keeps its severity.
    """
    if ctx.mode != "summary":
        return found
    pooled = len(src.sentences) > 1
    out = []
    for i in found:
        weak = (i.code in _INFERRED and pooled) or i.code == "F162"
        out.append(
            replace(i, severity=Severity.WARNING) if weak and i.severity == Severity.ERROR else i
        )
    return out


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
    raw_src = reading.raw_numbers(src.text)
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
        if ctx.mode == "summary" and any(_carried(r, rw, e, ctx.source_all) for e in elsewhere):
            continue  # taken from another sentence with its word ("Kerry Green, 13")
        rivals = [c for c in unmatched_src if c.unit == r.unit and c not in changed]
        if (elsewhere or r.value in reading.raw_numbers(ctx.source_all.text)) and rivals:
            # A number moved in from another sentence in place of this one's.
            changed.append(rivals[0])
            out.append(
                _pair(
                    "F101",
                    f"the number changed: '{rivals[0].text}' became '{r.text}' "
                    f"(a number from elsewhere in the source)",
                    rivals[0],
                    r,
                )
            )
        elif elsewhere or r.value in reading.raw_numbers(ctx.source_all.text):
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
            if s not in changed and not _written_in(s.text, rw.text):
                out.append(_pair("F103", f"the number '{s.text}' was dropped", s, rw))
    return out


# What a number may belong to: "Kerry Green, 13", "13 homes", "a 13-year-old girl".
_HOLDER_POS = frozenset({"PROPN", "NOUN", "ADJ"})


def _neighbours(g: Group, f: Fact) -> set[str]:
    """Names, nouns and adjectives within five words of fact ``f`` in its sentence."""
    doc = g.parsed.doc
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None:
        return set()
    sent = span.sent
    window = [
        *doc[max(sent.start, span.start - 5) : span.start],
        *doc[span.end : min(sent.end, span.end + 5)],
    ]
    return {t.lower_ for t in window if t.pos_ in _HOLDER_POS and t.lower_ not in STOPWORDS}


def _carried(r: Fact, rw: Group, s: Fact, source: Group) -> bool:
    """Whether the rewrite's number ``r`` stands by a word that also stands by ``s`` in
    the source: a summary that joins sentences carries a number with its holder
    ("Kerry Green, 13"), while an edit that moves a number puts it by a new word."""
    return bool(_neighbours(rw, r) & _neighbours(source, s))


def _written_in(number: str, text: str) -> bool:
    """Whether ``number`` stands in ``text`` as a whole number: the analysis may miss
    a number in one phrasing ("nearly half," after a clause) that it reads in
    another, and a number still written is no number dropped."""
    pattern = rf"(?<![\w,.]){re.escape(number)}(?!\w|[,.]\d)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _nearest_same_unit(cands: list[Fact], r: Fact) -> Fact:
    same_unit = [c for c in cands if c.unit == r.unit]
    return (same_unit or cands)[0]


def _dates(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    out: list[Issue] = []
    # Parts read from the whole text, not only from recognised dates: the
    # parser may read "Saturday night" as a time on one side and a date on
    # the other.
    s_parts = reading.date_parts(src.text)
    all_parts = reading.date_parts(ctx.source_all.text)
    hard = re.compile(r"^[mdyw]\d+$")
    r_parts = reading.date_parts(rw.text)
    for r in rw.of(FactKind.DATE):
        parts = reading.date_parts(r.text)
        extra = {p for p in parts - s_parts if hard.match(p)}
        if not extra:
            continue
        s_dates = src.of(FactKind.DATE)
        calendar = [d for d in s_dates if any(hard.match(p) for p in reading.date_parts(d.text))]
        rival = next(
            (
                d
                for d in s_dates
                if {p for p in reading.date_parts(d.text) if hard.match(p)} - r_parts
            ),
            None,
        )
        if extra <= all_parts and rival is not None:
            out.append(
                _pair(
                    "F111",
                    f"the date changed: '{rival.text}' became '{r.text}' "
                    f"(a date from elsewhere in the source)",
                    rival,
                    r,
                )
            )
        elif extra <= all_parts:
            out.append(
                _pair(
                    "F111",
                    f"the date '{r.text}' is not the date of its source sentence",
                    src,
                    r,
                    Severity.WARNING,
                )
            )
        elif calendar:
            # Only a date with calendar parts can have been changed into this
            # one; "earlier this year" beside it is no rival.
            out.append(
                _pair(
                    "F111",
                    f"the date changed: '{calendar[0].text}' became '{r.text}'",
                    calendar[0],
                    r,
                )
            )
        else:
            out.append(_pair("F112", f"'{r.text}' is a date the source does not have", src, r))
    if ctx.mode == "rewrite":
        changed = {i.source_span for i in out if i.code == "F111"}
        for s in src.of(FactKind.DATE):
            missing = {p for p in reading.date_parts(s.text) if hard.match(p)} - r_parts
            if missing and (s.start, s.end) not in changed:
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


# Names of a country and its adjective: "US efforts" says what "American efforts" says.
_ALIASES: tuple[frozenset[str], ...] = tuple(
    frozenset(x.split(","))
    for x in (
        "us,usa,america,american,americans,united states",
        "uk,britain,british,united kingdom,england,english",
        "israel,israeli,israelis",
        "russia,russian,russians",
        "china,chinese",
        "ukraine,ukrainian,ukrainians",
        "france,french",
        "germany,german,germans",
        "iran,iranian,iranians",
        "egypt,egyptian",
        "un,united nations",
        "eu,european union",
    )
)


def _alias_supported(value: str, words: set[str]) -> bool:
    v = value.replace(".", "").lower()
    return any(v in group and group & words for group in _ALIASES)


def _supported_name(value: str, kind: str, words: set[str], text: str) -> bool:
    if value and value in " ".join(text.lower().split()):
        return True
    if _alias_supported(value, words):
        return True
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
    missing_src = [
        f
        for f in s_ents
        if not _supported_name(f.value, f.kind, r_words, rw.text)
        # "Vietnamese officials" are "officials from Vietnam"
        and not (_nationality(src, f) and _country_of(f.value, r_words))
    ]
    for r in (f for f in rw.facts if f.kind in kinds):
        if _supported_name(r.value, r.kind, s_words, src.text) or (
            _nationality(rw, r) and _country_of(r.value, s_words)
        ):
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
        rivals = [
            x
            for x in missing_src
            if x.kind == r.kind and _nationality(src, x) == _nationality(rw, r)
        ]
        if _supported_name(r.value, r.kind, all_words, ctx.source_all.text) and rivals:
            out.append(
                _pair(
                    "F121",
                    f"the name changed: '{rivals[0].text}' became '{r.text}' "
                    f"(a name from elsewhere in the source)",
                    rivals[0],
                    r,
                )
            )
            continue
        if _supported_name(r.value, r.kind, all_words, ctx.source_all.text):
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
        norp = _nationality(rw, r)
        same_kind = [
            s for s in missing_src if s.kind == r.kind and _nationality(src, s) == norp
        ] or [s for s in missing_src if _nationality(src, s) == norp]
        if same_kind:
            s = same_kind[0]
            out.append(_pair("F121", f"the name changed: '{s.text}' became '{r.text}'", s, r))
        else:
            out.append(_pair("F122", f"'{r.text}' is a name the source does not have", src, r))
    if ctx.mode == "rewrite":
        # A sentence-by-sentence rewrite keeps every name; one that became a
        # pronoun is F125's business, so then the drop only warns.
        new_pronoun = any(
            t.pos_ == "PRON" and t.lower_ in _PERSONAL for t in rw.tokens
        ) and not any(t.lower_ in _PERSONAL for t in src.tokens)
        severity = Severity.WARNING if new_pronoun else Severity.ERROR
        changed = {i.source_span for i in out if i.code == "F121"}
        for s in missing_src:
            if (s.start, s.end) not in changed:  # a changed name is F121's
                out.append(_pair("F123", f"'{s.text}' was dropped", s, rw, severity))
    return out


_PERSONAL = frozenset(("he", "she", "it", "they", "him", "her", "them", "his", "its", "their"))
# Verbs that say who claims something (an attribution F135 watches).
# fmt: off
_CLAIM = frozenset((
    "say", "tell", "state", "announce", "add", "claim", "report", "write", "explain", "note",
    "insist", "argue", "warn", "confirm", "deny", "acknowledge", "declare", "testify",
    "estimate", "predict", "allege", "suggest", "assert",
))
# fmt: on


def _dropped_quotes(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """In rewrite mode, a quotation of the source the rewrite no longer quotes,
    and an attribution ("X said") the rewrite dropped, so that a claim reads
    as a fact."""
    if ctx.mode != "rewrite":
        return []
    out = []
    r_quotes = [set(r.value.split()) for r in rw.of(FactKind.QUOTE)]
    for s in src.of(FactKind.QUOTE):
        words = set(s.value.split())
        if words and not any(len(words & r) >= 0.5 * len(words) for r in r_quotes):
            out.append(_pair("F134", f"the quotation “{s.text.strip(' ,.')}” was dropped", s, rw))
    s_speech = [
        t.text for t in src.tokens if t.lemma_.lower() in _CLAIM and t.pos_ in ("VERB", "AUX")
    ]
    if "according to" in src.text.lower():
        s_speech.append("according to")
    # any verb of saying or claiming keeps an attribution ("said" -> "told reporters")
    # or its noun ("warned" -> "gave a warning", "announced" -> "an announcement")
    saying = _CLAIM | _SPEECH
    r_speech = any(
        t.lemma_.lower() in saying
        or (t.pos_ == "NOUN" and any(t.lemma_.lower().startswith(v) for v in _CLAIM))
        for t in rw.tokens
    )
    if s_speech and not r_speech and "according to" not in rw.text.lower():
        out.append(
            _pair(
                "F135",
                f"the attribution '{s_speech[0]}' was dropped: a claim now reads as a fact",
                src,
                rw,
            )
        )
    return out


def _nationality(g: Group, f: Fact) -> bool:
    """Whether a name is a nationality or group ("Vietnamese"): it describes, so it
    cannot stand in for a place or organisation the source sentence names."""
    span = g.parsed.doc.char_span(f.start, f.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].ent_type_ == "NORP"


def _country_of(nationality: str, words: set[str]) -> bool:
    """Whether ``words`` name the country of a nationality by its stem: "Vietnam" for
    "Vietnamese", "Ukraine" for "Ukrainian" (irregular ones are in ``_ALIASES``)."""
    return any(len(w) >= 5 and nationality.startswith(w[:-1]) for w in words)


def _same_sentence(g: Group, a: int, b: int) -> bool:
    return any(s.start <= a < s.end and s.start <= b < s.end for s in g.sentences)


_NEG_WORDS = {
    "no",
    "never",
    "without",
    "nobody",
    "nothing",
    "none",
    "neither",
    "nor",
    "cannot",
    "rather",
    "instead",
}
_LIGHT = {"be", "have", "do", "get", "become", "remain", "seem"}


def _negations(g: Group) -> list[Any]:
    return [t for t in g.tokens if t.dep_ == "neg" or t.lower_ in _NEG_WORDS]


def _pred_key(t: Any) -> str:
    """The predicate a negation or modal applies to, as a lemma.

    For a light verb ("is not safe", "has no cracks") the predicate is its
    complement, so that "is safe" and "is not safe" meet on "safe".
    """
    if t.lower_ in ("rather", "instead"):
        # "raids rather than a major assault" negates "assault", as "not" does.
        for x in t.doc[t.i + 1 : t.i + 6]:
            if x.pos_ in ("NOUN", "VERB", "PROPN", "ADJ"):
                return str(x.lemma_).lower()
    h = t.head
    if t.dep_ == "neg" and h.pos_ in ("NOUN", "PROPN"):
        # "raids against leaders, not a major assault": the parser hangs "not"
        # on "leaders", but it negates the noun phrase that follows.
        for x in t.doc[t.i + 1 : t.i + 5]:
            if x.pos_ in ("NOUN", "PROPN"):
                return str(x.lemma_).lower()
    if str(h.lemma_).lower() in _LIGHT:
        for c in h.children:
            if c.dep_ in ("acomp", "attr", "dobj", "oprd") and c is not t:
                return str(c.lemma_).lower()
    return str(h.lemma_).lower()


def _neg_keys(t: Any) -> set[str]:
    """Predicates a negation may apply to: its head, and the word it precedes.

    "raids, not a major assault" attaches "not" to "raids" but negates
    "assault"; both keys are kept so that either phrasing matches.
    """
    keys = {_pred_key(t)}
    for x in t.doc[t.i + 1 : t.i + 5]:
        if x.pos_ in ("NOUN", "VERB", "PROPN", "ADJ"):
            keys.add(str(x.lemma_).lower())
            break
    return keys


def _negation_contexts(g: Group) -> tuple[set[str], set[str]]:
    """Lemmas of sentences that hold a negation, and predicates used un-negated."""
    near: set[str] = set()
    negated: set[str] = set()
    for t in _negations(g):
        near |= {str(x.lemma_).lower() for x in t.sent}
        negated |= _neg_keys(t)
    plain = {str(t.lemma_).lower() for t in g.tokens} - negated
    return near, plain


def _negation(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    out: list[Issue] = []
    s_neg, r_neg = _negations(src), _negations(rw)
    s_keys = set().union(*(_neg_keys(t) for t in s_neg)) if s_neg else set()
    r_keys = set().union(*(_neg_keys(t) for t in r_neg)) if r_neg else set()
    s_lem, r_lem = src.lemmas(), rw.lemmas()
    strict = ctx.mode == "rewrite"
    # A summary may take a predicate from any sentence: only a predicate the
    # source never negates (or always negates) counts against it.
    near_neg, plain = _negation_contexts(ctx.source_all) if not strict else (set(), set())
    for t in r_neg:
        keys = _neg_keys(t)
        if keys & s_keys or (not strict and keys & near_neg):
            continue
        # "unhurt" / "not hurt": the source said it with a negative prefix.
        if any(f"{p}{k}" in s_lem for k in keys for p in ("un", "in", "dis", "non")):
            continue
        if _pred_key(t) in s_lem:
            severity = None
        elif strict and len(r_neg) > len(s_neg):
            severity = Severity.WARNING
        else:
            continue
        out.append(
            cat.make(
                "F141",
                f"a negation ('{t.text}') was added: the rewrite denies what the source says",
                source_span=src.span,
                rewrite_span=(t.idx, t.idx + len(t.text)),
                source_text=src.text,
                rewrite_text=t.text,
                severity=severity,
            )
        )
        break
    for t in s_neg:
        keys = _neg_keys(t)
        if keys & r_keys or (not strict and keys & plain):
            continue
        if _pred_key(t) in r_lem:
            severity = None
        elif strict and len(r_neg) < len(s_neg):
            severity = Severity.WARNING
        else:
            continue
        out.append(
            cat.make(
                "F142",
                f"a negation ('{t.text}') was removed: the rewrite asserts what the source denies",
                source_span=(t.idx, t.idx + len(t.text)),
                rewrite_span=rw.span,
                source_text=t.text,
                rewrite_text=rw.text,
                severity=severity,
            )
        )
        break
    return out


def _modals(g: Group) -> list[tuple[str, str, Any]]:
    """(class, predicate lemma, token) for every modal ("will", "may", "going to")."""
    out = []
    toks = g.tokens
    for i, t in enumerate(toks):
        low = t.lower_
        if t.tag_ == "MD" and low in _MODAL_CLASS:
            out.append((_MODAL_CLASS[low], _pred_key(t), t))
        elif (
            low == "going"
            and i + 2 < len(toks)
            and toks[i + 1].lower_ == "to"
            and toks[i + 2].pos_ in ("VERB", "AUX")
        ):
            out.append(("future", str(toks[i + 2].lemma_).lower(), t))
    return out


def _epistemic(g: Group) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for t in g.tokens:
        lem = str(t.lemma_).lower()
        if t.pos_ == "VERB" and lem in _EPISTEMIC:
            out.setdefault(_EPISTEMIC[lem], t)
    return out


def _modality(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    strict = ctx.mode == "rewrite"
    s_mod, r_mod = _modals(src), _modals(rw)
    s_by_key = {k: (c, t) for c, k, t in s_mod}
    r_by_key = {k: (c, t) for c, k, t in r_mod}
    s_lem, r_lem = src.lemmas(), rw.lemmas()

    def issue(s_tok: Any, was: str, r_tok: Any, now: str, severity: str | None = None) -> Issue:
        return cat.make(
            "F143",
            f"the modality changed: {was} became {now}",
            source_span=(s_tok.idx, s_tok.idx + len(s_tok.text)) if s_tok is not None else src.span,
            rewrite_span=(r_tok.idx, r_tok.idx + len(r_tok.text)) if r_tok is not None else rw.span,
            source_text=s_tok.text if s_tok is not None else src.text,
            rewrite_text=r_tok.text if r_tok is not None else rw.text,
            severity=severity,
        )

    def count(mods: list[tuple[str, str, Any]], c: str) -> int:
        return sum(x == c for x, _, _ in mods)

    for c, k, t in r_mod:
        if k in s_by_key:
            c0, t0 = s_by_key[k]
            if c0 != c and not any(x == c and y == k for x, y, _ in s_mod):
                return [issue(t0, f"'{t0.text}' ({c0})", t, f"'{t.text}' ({c})")]
        elif (
            k in s_lem and c == "possibility" and (not strict or count(r_mod, c) > count(s_mod, c))
        ):
            # "could receive" / "could get" in a rewrite: the source's modal on
            # a synonym (a summary, which draws on several sentences, keeps the
            # warning it had)
            severity = None if strict else Severity.WARNING
            return [issue(None, "a plain statement", t, f"'{t.text}' ({c})", severity)]
    for c0, k, t0 in s_mod:
        if (
            c0 == "possibility"
            and k in r_lem
            and k not in r_by_key
            and strict
            and count(s_mod, c0) > count(r_mod, c0)
        ):
            return [issue(t0, f"'{t0.text}' ({c0})", None, "a plain statement")]
    s_ep, r_ep = _epistemic(src), _epistemic(rw)
    if "hedged" in s_ep and "certain" in r_ep and "hedged" not in r_ep:
        t0, t = s_ep["hedged"], r_ep["certain"]
        return [issue(t0, f"'{t0.text}' (belief)", t, f"'{t.text}' (proof)")]
    if not strict:
        return []
    # A hedge ("is expected to", "reportedly", "suspected") says that someone
    # believes or reports a thing; dropped, the claim reads as a fact, and
    # added, a fact reads as a claim. Any hedge of the other side stands for
    # any other ("is expected to" / "officials expect" / "is likely to").
    s_hedges, r_hedges = _hedges(src), _hedges(rw)
    # A hedge word the other side still has, however it is parsed there
    # ("police suspect" / "the suspected gunman"), is no hedge dropped or added.
    s_hedges = [t for t in s_hedges if not _hedge_words(t) & (r_lem | rw.words())]
    r_hedges = [t for t in r_hedges if not _hedge_words(t) & (s_lem | src.words())]
    if s_hedges and not _hedges(rw) and not _softened(rw):
        t0 = s_hedges[0]
        return [issue(t0, f"the hedge '{_hedge_text(t0)}'", None, "a plain statement")]
    if r_hedges and not _hedges(src) and not _softened(src):
        t = r_hedges[0]
        return [issue(None, "a plain statement", t, f"the hedge '{_hedge_text(t)}'")]
    return []


# Words that hedge a claim: the writer does not vouch for it.
_HEDGE_ADVERBS = frozenset(
    {
        "likely",
        "unlikely",
        "reportedly",
        "allegedly",
        "apparently",
        "possibly",
        "probably",
        "perhaps",
        "maybe",
        "presumably",
        "purportedly",
        "supposedly",
        "seemingly",
        "ostensibly",
    }
)
# Adjectives and participles that hedge the noun they describe: "suspected militants".
_HEDGE_ATTRIBUTES = frozenset(
    {"suspected", "alleged", "apparent", "possible", "probable", "presumed", "purported", "likely"}
)
# Verbs that hedge their complement: "appears to", "is believed to", "is expected to".
_HEDGE_VERBS = frozenset(
    {
        "appear",
        "seem",
        "believe",
        "expect",
        "think",
        "suspect",
        "allege",
        "report",
        "rumor",
        "rumour",
        "say",
        "understand",
        "fear",
        "estimate",
        "presume",
        "project",
        "forecast",
    }
)
_HEDGE_MODALS = frozenset({"may", "might", "could"})


def _hedges(g: Group) -> list[Any]:
    """Tokens that hedge a claim, outside quotations."""
    quotes = [(f.start, f.end) for f in g.of(FactKind.QUOTE)]
    return [t for t in g.tokens if _is_hedge(t) and not any(a <= t.idx < b for a, b in quotes)]


def _is_hedge(t: Any) -> bool:
    """Whether a token hedges a claim.

    A verb hedges when it takes a clause or an infinitive, or is passive
    ("appears to have", "is believed to", "officials expect the bridge to");
    a verb of saying only when passive ("is said to"): "police said" is an
    attribution, F135's business. "suspected" and "alleged" hedge the noun
    they describe.
    """
    low, lem = t.lower_, str(t.lemma_).lower()
    if low in _HEDGE_ADVERBS and t.pos_ in ("ADV", "ADJ") and t.dep_ != "amod":
        return True
    if low in _HEDGE_ATTRIBUTES and t.dep_ in ("amod", "compound", "acomp"):
        return True
    if t.tag_ == "MD":
        return low in _HEDGE_MODALS
    if t.pos_ != "VERB" or lem not in _HEDGE_VERBS or any(c.dep_ == "neg" for c in t.children):
        return False  # "did not expect to win" hedges nothing
    passive = any(c.dep_ == "auxpass" for c in t.children)
    clause = any(c.dep_ in ("xcomp", "ccomp") for c in t.children)
    if lem in ("appear", "seem"):
        return clause
    if lem in ("say", "report"):
        return passive and clause
    return clause or passive


def _hedge_words(t: Any) -> set[str]:
    """A hedge token's word and lemma, and the verb a participle comes from."""
    low, lem = t.lower_, str(t.lemma_).lower()
    out = {low, lem}
    if low.endswith("ed"):
        out |= {low[:-1], low[:-2]}  # "suspected" / "suspect", "alleged" / "allege"
    return out - {"could", "may", "might"}  # "may" would meet the month "May"


def _softened(g: Group) -> bool:
    """Whether a group at least says something less than a plain fact: a
    conditional ("would"), a question of belief, or words of plans and hopes."""
    return any(
        (t.tag_ == "MD" and t.lower_ in ("would", "should", "can", "ca"))
        or str(t.lemma_).lower() in ("hope", "plan", "aim", "intend", "want", "predict")
        for t in g.tokens
    )


def _hedge_text(t: Any) -> str:
    """The hedge as read: a verb with its auxiliaries and "to" ("is expected to")."""
    if t.pos_ != "VERB":
        return str(t.text)
    doc = t.doc
    start = min([t.i, *(c.i for c in t.children if c.dep_ in ("aux", "auxpass"))])
    end = t.i + 1
    if end < len(doc) and doc[end].lower_ == "to":
        end += 1
    return str(doc[start:end].text)


_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo", "sha"})
# Verbs of saying: whether someone "said" or "says" a thing is a matter of
# style, so their own tense only warns.
_SAYING = _CLAIM
# Verbs whose clause reports what someone said, thought or hoped: under them
# English shifts tenses ("said the bridge would reopen" is "said it will
# reopen"), so a past and a present there are one fact. Whether the council
# "hoped" or "hopes" is no style: that is the fact.
_REPORTING = _SAYING | {"believe", "think", "expect", "hope", "fear", "know", "promise"}
# Tenses that state one fact in different words: a present perfect reports a
# past event ("has closed" / "closed") and a state that holds ("has been
# closed" / "is closed"); a present schedules the future ("reopens in May").
_SAME_TIME = frozenset(
    {
        frozenset({"past", "perfect"}),
        frozenset({"present", "perfect"}),
        frozenset({"present", "future"}),
    }
)


# Where a verb without a subject or auxiliary is a participle however it is tagged.
_PARTICIPLE_DEPS = frozenset(
    {"advcl", "acl", "amod", "npadvmod", "xcomp", "pcomp", "csubj", "appos", "dep", "ROOT"}
)


def _verb_tense(t: Any) -> str | None:
    """ "past", "present", "perfect" (has/have + participle), "future", or None
    for a verb without a tense of its own (an infinitive, a participle, a
    modal other than "will": those are the modality check's)."""
    auxes = sorted((c for c in t.children if c.dep_ in ("aux", "auxpass")), key=lambda c: c.i)
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes):
        return None
    if (
        not auxes
        and t.dep_ in _PARTICIPLE_DEPS
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children)
    ):
        return None  # "Expected to open in 2027, the bridge ...": a participle, no tense
    first = auxes[0] if auxes else t
    if first.tag_ == "VBD":
        return "past"
    if first.tag_ in ("VBZ", "VBP"):
        if auxes and str(first.lemma_).lower() == "have":
            return "perfect"
        return "present"
    return None


def _tensed_verbs(g: Group) -> list[tuple[frozenset[str], str, bool, Any]]:
    """(keys, tense, reported, token) for every finite verb outside quotations.

    ``keys``: what the verb is matched by (:func:`_verb_keys`). ``reported``:
    the verb's sentence has a reporting verb ("said", "hoped") and the verb
    is not that one, so its tense may shift with it.
    """
    quotes = [(f.start, f.end) for f in g.of(FactKind.QUOTE)]
    out = []
    for sent in g.sentences:
        toks = [t for t in g.tokens if sent.start <= t.idx < sent.end]
        reporting = [
            t.i for t in toks if _verb_keys(t) & _REPORTING and t.pos_ == "VERB" and _verb_tense(t)
        ]
        for t in toks:
            if t.pos_ not in ("VERB", "AUX") or t.dep_ in ("aux", "auxpass"):
                continue
            if any(a <= t.idx < b for a, b in quotes):
                continue
            tense = _verb_tense(t)
            if tense is None:
                continue
            keys = _verb_keys(t)
            # A reporting verb under another one is reported too: "said they
            # hoped" is "said they hope".
            reported = any(i != t.i for i in reporting) and (
                not keys & _REPORTING or any(a.i in reporting for a in t.ancestors)
            )
            out.append((keys, tense, reported, t))
    return out


def _verb_keys(t: Any) -> frozenset[str]:
    """What a verb is matched by: its lemma, or a copula's complement ("was
    unsafe" / "is unsafe"), and its written forms without an ending, because
    the small model's lemmas slip ("hopes" -> "hop")."""
    lemma = str(t.lemma_).lower()
    if lemma in _LIGHT:
        comp = [c for c in t.children if c.dep_ in ("acomp", "attr", "oprd")]
        return frozenset({str(comp[0].lemma_).lower() if comp else lemma})
    low = t.lower_
    keys = {lemma, stem(low)}
    if low.endswith("ed"):
        keys |= {low[:-1], low[:-2]}
    elif low.endswith("s"):
        keys |= {low[:-1]}
    return frozenset(keys)


def _tense(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """F115, rewrite mode: a predicate moved between past and present or future.

    Verbs are matched by predicate (the verb, or a copula's complement), so a
    rewrite may reorder and restructure freely. A reported clause may shift
    between past and present with its reporting verb, and "would" is left to
    the modality check; a reporting verb's own tense ("said" -> "says") is a
    matter of style and only warns. A summary retells freely: not checked.
    """
    if ctx.mode != "rewrite":
        return []
    all_verbs = _tensed_verbs(src)
    r_verbs = _tensed_verbs(rw)
    r_keys = frozenset().union(*(k for k, _, _, _ in r_verbs))
    for keys, tense, reported, t in r_verbs:
        # Only the source sentences this rewrite sentence retells: a merged
        # group's other sentence may use the same verb of something else.
        sent = next(x for x in rw.sentences if x.start <= t.idx < x.end)
        spans = _retold(src, [x for x in rw.tokens if sent.start <= x.idx < sent.end])
        s_verbs = [v for v in all_verbs if any(a <= v[3].idx < b for a, b in spans)]
        theirs = [(x, rep, tok) for k, x, rep, tok in s_verbs if k & keys]
        if not theirs:
            # A synonym the source has in its place: "arrested" / "detain".
            theirs = [
                (x, rep, tok)
                for k, x, rep, tok in s_verbs
                if not k & r_keys and _synonym_verbs(t, tok)
            ]
        if not theirs:
            continue
        if any(
            x == tense
            or frozenset({x, tense}) in _SAME_TIME
            or ((rep or reported) and "future" not in (x, tense))
            or _same_bare_form(tok, t)
            for x, rep, tok in theirs
        ):
            continue
        was, _, t0 = theirs[0]
        says = bool(keys & _SAYING) and not reported
        return [
            cat.make(
                "F115",
                f"the tense changed: '{_verb_phrase(t0)}' ({was}) became "
                f"'{_verb_phrase(t)}' ({tense})"
                + ("; the attribution's tense is a matter of style" if says else ""),
                source_span=(t0.idx, t0.idx + len(t0.text)),
                rewrite_span=(t.idx, t.idx + len(t.text)),
                source_text=t0.text,
                rewrite_text=t.text,
                severity=Severity.WARNING if says else None,
            )
        ]
    return []


def _retold(src: Group, sent_tokens: list[Any]) -> list[tuple[int, int]]:
    """Spans of the source sentences a rewrite sentence retells: the one it shares
    most words with, and any other of whose words it holds at least a third."""
    words = {stem(t.text) for t in sent_tokens if t.is_alpha and t.lower_ not in STOPWORDS}
    out, best, best_n = [], None, -1
    for s in src.sentences:
        theirs = {
            stem(t.text)
            for t in src.tokens
            if s.start <= t.idx < s.end and t.is_alpha and t.lower_ not in STOPWORDS
        }
        n = len(words & theirs)
        if n > best_n:
            best, best_n = (s.start, s.end), n
        if theirs and n >= len(theirs) / 3:
            out.append((s.start, s.end))
    return out if out else ([best] if best is not None else [])


def _same_bare_form(a: Any, b: Any) -> bool:
    """The same written verb with no auxiliary on one side: "put" / "put" (the
    tagger guesses past or present), "is dubbed" / "dubbed" (a relative clause
    reduced, which the parser takes for a past tense)."""
    bare = not any(c.dep_ in ("aux", "auxpass") for c in a.children) or not any(
        c.dep_ in ("aux", "auxpass") for c in b.children
    )
    return bare and a.lower_ == b.lower_


def _synonym_verbs(a: Any, b: Any) -> bool:
    """Whether two verbs say the same thing by WordNet (never a light or general verb)."""
    la, lb = str(a.lemma_).lower(), str(b.lemma_).lower()
    if {la, lb} & (_LIGHT | _GENERAL) or a.pos_ != "VERB" or b.pos_ != "VERB":
        return False
    return _wordnet_supported(la, {lb})


def _verb_phrase(t: Any) -> str:
    """A verb with its auxiliaries ("will reopen", "had hoped")."""
    auxes = [c.i for c in t.children if c.dep_ in ("aux", "auxpass", "neg")]
    start = min([t.i, *auxes])
    return str(t.doc[start : t.i + 1].text)


def _predicates(src: Group, rw: Group) -> list[Issue]:
    out: list[Issue] = []
    s_lem = src.lemmas() | src.words()
    r_lem = rw.lemmas() | rw.words()
    for t in rw.tokens:
        lem = t.lemma_.lower()
        if lem in s_lem:
            continue
        candidates = set(_ANTONYM.get(lem, ()))
        if t.pos_ == "ADJ":
            # WordNet's adjective antonyms are sound ("safe"/"dangerous"); its
            # verb antonyms are too loose for news predicates.
            candidates |= _wordnet.antonyms(lem)
        opposite = sorted(a for a in candidates if a in s_lem and a not in r_lem)
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


# Verbs of saying trade freely in news ("said", "told reporters", "added").
_SPEECH = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "note",
        "explain",
        "announce",
        "report",
        "declare",
        "insist",
        "write",
        "comment",
        "describe",
        "call",
        "ask",
        "reply",
        "respond",
        "answer",
        "confirm",
        "claim",
    }
)
# Verbs too general to replace anything ("make", "take", "give" in phrases).
_GENERAL = frozenset({"make", "take", "give", "put", "go", "come", "keep", "let", "see", "use"})
# Below this cosine two verbs are not taken for synonyms by their embeddings.
_VERB_SYNONYM = 0.5


def _replaced_predicates(src: Group, rw: Group, ctx: Context) -> list[Issue]:
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
            cat.make(
                "F152",
                f"the predicate was replaced: '{s_tok.text}' became '{r_tok.text}' "
                f"with the same agent ('{who}') and patient, and the two are not synonyms",
                source_span=(s_tok.idx, s_tok.idx + len(s_tok.text)),
                rewrite_span=(r_tok.idx, r_tok.idx + len(r_tok.text)),
                source_text=s_tok.text,
                rewrite_text=r_tok.text,
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
    return verb not in _LIGHT and verb not in _GENERAL and verb not in _SPEECH


def _same_predicate(verb: str, other: str, ctx: Context) -> bool:
    """Whether ``verb`` may say what ``other`` says: a synonym, a more general or
    derived word, an antonym (reported as F151 instead), or close in embeddings."""
    if other in _LIGHT or other in _GENERAL or other in _SPEECH:
        return True  # the source's verb says too little to be replaced
    if other in _ANTONYM.get(verb, ()) or _wordnet_supported(verb, {other}):
        return True
    if ctx.word_support is None:
        return False
    return ctx.word_support([verb], [other])[0] >= _VERB_SYNONYM


def _head_key(t: Any) -> str:
    # The head token alone: a name's head is its last word ("Reyes"), and the
    # recogniser's entity spans are not reliable enough ("Chelsea beat Arsenal").
    return str(t.lower_ if t.pos_ == "PROPN" else t.lemma_).lower()


def entity_key(text: str) -> str:
    toks = [w for w in re.findall(r"\w+", text.lower()) if w not in STOPWORDS]
    return toks[-1] if toks else text.lower()


def triples(g: Group) -> set[tuple[str, str, str]]:
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
    s_tr = {t for t in triples(src) if t[1] not in _SYMMETRIC}
    r_tr = {t for t in triples(rw) if t[1] not in _SYMMETRIC}
    # Every role an argument has, and every argument a role has: a group of
    # several sentences uses a verb ("say") more than once, and keeping only
    # one of them made the verdict depend on set order (the hash seed).
    s_roles: dict[tuple[str, str], set[str]] = {}
    s_role_args: dict[tuple[str, str], set[str]] = {}
    for role, verb, arg in s_tr:
        s_roles.setdefault((verb, arg), set()).add(role)
        s_role_args.setdefault((role, verb), set()).add(arg)
    s_all_args = {arg for _, _, arg in s_tr}
    r_all_args = {arg for _, _, arg in r_tr}

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

    # A verb with one argument may change voice without a swap: "the bridge
    # closed" is "the bridge was closed". Only a verb that has both an agent
    # and a patient on one side can trade them.
    both = _transitive(s_tr) | _transitive(r_tr)
    for role, verb, arg in sorted(r_tr):
        had = s_roles.get((verb, arg), set())
        others = sorted(o for o in had if (o, verb, arg) not in r_tr)
        if had and role not in had and others and verb in both:
            return swapped(
                f"in the source '{arg}' is the {others[0]} of '{verb}', in the rewrite its {role}"
            )
        args = s_role_args.get((role, verb), set())
        moved = sorted(w for w in args if w in r_all_args and (role, verb, w) not in r_tr)
        if args and arg not in args and arg in s_all_args and moved:
            return swapped(f"the {role} of '{verb}' was '{moved[0]}' in the source, now '{arg}'")
    # Different verbs ("defeated" / "beat"): one agent and one patient traded places.
    s_pairs = _agent_patient(s_tr)
    for agent, patient in sorted(_agent_patient(r_tr)):
        if (patient, agent) in s_pairs and (agent, patient) not in s_pairs:
            return swapped(f"'{agent}' and '{patient}' traded places")
    return []


def _transitive(triples: set[tuple[str, str, str]]) -> set[str]:
    """Verbs that have both an agent and a patient among ``triples``."""
    roles: dict[str, set[str]] = {}
    for role, verb, _ in triples:
        roles.setdefault(verb, set()).add(role)
    return {v for v, r in roles.items() if len(r) == 2}


def _agent_patient(triples: set[tuple[str, str, str]]) -> set[tuple[str, str]]:
    """Every (agent, patient) pair that one verb links."""
    by_verb: dict[str, dict[str, set[str]]] = {}
    for role, verb, arg in triples:
        by_verb.setdefault(verb, {}).setdefault(role, set()).add(arg)
    return {
        (a, p)
        for r in by_verb.values()
        for a in r.get("agent", set())
        for p in r.get("patient", set())
        if a != p
    }


def _anchor(src: Group, sent_tokens: list[Any]) -> list[Any]:
    """Tokens of the source sentence that backs most of a rewrite sentence's words."""
    words = {stem(t.text) for t in sent_tokens if t.lower_ not in STOPWORDS}
    best: list[Any] = []
    best_n = -1
    for s in src.sentences:
        toks = [t for t in src.tokens if s.start <= t.idx < s.end]
        n = len(words & {stem(t.text) for t in toks})
        if n > best_n:
            best, best_n = toks, n
    return best


def _pronouns(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    out: list[Issue] = []
    for sent in rw.sentences:
        toks = [t for t in rw.tokens if sent.start <= t.idx < sent.end]
        subj = next(
            (
                t
                for t in toks
                if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in _PRONOUNS and t.lower_ != "it"
            ),
            None,
        )
        if subj is None:
            continue
        anchor = _anchor(src, toks)
        if subj.lower_ in {t.lower_ for t in anchor}:
            continue
        # The source sentence names the subject here; the rewrite must have named it before.
        before = (ctx.previous_rewrite + " " + rw.parsed.text[: subj.idx][-300:]).lower()
        names = [t for t in anchor if t.pos_ == "PROPN" or t.ent_type_ == "PERSON"]
        if not before.strip():
            # Nothing precedes: even a common noun ("the wife") had to be named.
            names += [t for t in anchor if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"]
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


def _wordnet_supported(word: str, pool: set[str]) -> bool:
    """Whether WordNet relates ``word`` to a word of ``pool`` (synonym, more general word,
    derived form), in either direction."""
    if pool & _wordnet.related_words(word):
        return True
    return any(word in _wordnet.related_words(p) for p in pool)


def unsupported(
    words: list[Any], support: Group, ctx: Context, threshold: float = 0.6
) -> list[Any]:
    """Tokens of ``words`` whose word, stem or lemma ``support`` lacks, after synonyms."""
    return unsupported_split(words, support, ctx, threshold)[1]


def unsupported_split(
    words: list[Any], support: Group, ctx: Context, threshold: float = 0.6
) -> tuple[list[Any], list[Any]]:
    """(tokens ``support`` lacks literally, tokens it lacks even after synonyms)."""
    have = support.words() | support.lemmas()
    literal = [
        t
        for t in words
        if t.lower_ not in have and stem(t.text) not in have and t.lemma_.lower() not in have
    ]
    missing = literal
    if missing:
        pool_lemmas = {str(t.lemma_).lower() for t in _content_tokens(support)}
        missing = [t for t in missing if not _wordnet_supported(str(t.lemma_).lower(), pool_lemmas)]
    if not missing or ctx.word_support is None:
        return literal, missing
    pool = sorted({t.lemma_.lower() for t in _content_tokens(support)})
    if not pool:
        return literal, missing
    scores = ctx.word_support([t.lemma_.lower() for t in missing], pool)
    return literal, [t for t, s in zip(missing, scores, strict=True) if s < threshold]


def _added_severity(plain: list[Any], ctx: Context) -> str:
    if ctx.mode == "summary":
        # A summary may draw on any sentence: only words foreign to the whole
        # source count against it, and more of them are needed.
        have = ctx.source_all.words() | ctx.source_all.lemmas()
        foreign = [
            t
            for t in plain
            if t.lower_ not in have
            and str(t.lemma_).lower() not in have
            and stem(t.text) not in have
        ]
        nouns = sum(t.pos_ == "NOUN" for t in foreign)
        return Severity.ERROR if len(foreign) >= 3 and nouns >= 2 else Severity.WARNING
    # New things (nouns) are new facts; new verbs are often just rewording.
    nouns = sum(t.pos_ == "NOUN" for t in plain)
    return Severity.ERROR if len(plain) >= 3 or nouns >= 2 else Severity.WARNING


def _content(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    out: list[Issue] = []
    candidates = [
        t for t in _content_tokens(rw) if not any(a <= t.idx < b for a, b in ctx.reported)
    ]
    added = unsupported(candidates, src, ctx)
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
                severity=_added_severity(plain, ctx),
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


__all__ = [
    "ANTONYMS",
    "Context",
    "Group",
    "check_group",
    "group",
    "triples",
    "unsupported",
    "unsupported_split",
]
