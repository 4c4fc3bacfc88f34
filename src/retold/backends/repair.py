"""Repair: put back the locked facts a language model changed in its paraphrase.

A language model asked to reword a sentence often renders a locked span
(a number with its qualifier and unit, a date, a name, a quotation; see
:class:`~retold.backends.base.SentenceContext`) in its own way: "7 people"
becomes "seven people", "Donald J. Trump" becomes "Trump" or "Donald J.
November", "$4.2 million" becomes "4.2 million dollars", "last Tuesday"
becomes "Tuesday", a quotation loses words. Repair finds the model's
rendering of each such span in the candidate and puts the source span back
in its place, verbatim; the audit gate then decides as for any candidate.

How a span's counterpart is found: the source sentence and the candidate are
split into words and aligned (difflib over lower-cased words). The
candidate words aligned equal to the span's words are its counterpart, and
so are, in a block the two texts replace, the words that resemble the
span's (the same word, the same number value: "seven" for "7", "4.2
million" for "4,200,000"; the same month: "October" for "Oct."); a
replaced block that lies inside the span and is not much longer than it is
the model's rendering of the span as a whole ("Donald J. November").
When the span's words were moved, so that the alignment does not reach
them, the candidate is searched for words that resemble the span's salient
words (a name's surname, a number's value). The counterpart then takes in a
qualifier before a number ("about", "more than"), a unit word after it that
names the span's unit ("dollars" for "$"), and the quotation marks around a
quotation.

Repair never invents: it only substitutes a source span for the model's
rendering of that same span. A candidate in which a locked span cannot be
placed (the model dropped it) is discarded, not left for the gate: it has
lost a fact, which no gate decision could make right, and the audit does
not catch every dropped fact of a language model's rewrite (issue 12: 18 of
28 smollm sentences that passed the gate had changed a fact); discarding it
also saves the gate an audit.

Each repaired span is named in the candidate's operations as
``repair:KIND`` (``number``, ``date``, ``time``, ``person``, ``org``,
``place``, ``quote``, or ``frozen`` for a term the user froze), once per
kind, so that reports show what repair did.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from retold.analyze.normalize import canonical_unit, month_number, parse_number
from retold.analyze.numbers import QUALIFIER
from retold.backends.base import Candidate, GenerateOptions, SentenceContext
from retold.data import Fact, FactKind
from retold.lexicon.calendar import RELATIVE_MARKERS, WEEKDAYS
from retold.lexicon.numbers import NUMBER_WORDS, ORDINAL_WORDS

__all__ = ["Repair", "repair", "repair_candidate"]

log = logging.getLogger(__name__)

# Words: a currency sign, a number with its separators (and an ordinal
# ending), a word with inner hyphens and apostrophes, a possessive or a
# contraction's tail, or any other single character that is not a space.
_TOKEN = re.compile(
    r"[$£€¥]|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?|[^\W\d_]+(?:[-'’][^\W\d_]+)*(?<!['’]s)"
    r"|['’](?:s|ll|re|ve|d|m)\b|n['’]t\b|\S",
    re.IGNORECASE,
)
# Words too common to tell one span's rendering from another's.
_COMMON_WORDS = "a an and the of in on at to for by from with as or 's ' \" , . ; : ! ? - — – ( )"
_COMMON = frozenset(_COMMON_WORDS.split())
_QUOTE_MARKS = '"“”'
# Kinds whose words a model renders word for word in the same place (a name,
# a date: "Trump" -> "November", "last" -> "this"); a number is found by its
# value instead.
_WORDED = ("person", "org", "place", "frozen", "date")
# Where a counterpart found by searching (not by alignment) may be longer
# than its span: at most this many words more than twice the span's.
_SLACK = 2


@dataclass(frozen=True, slots=True)
class Repair:
    """What repair made of one candidate.

    ``text`` is the candidate with every changed locked span put back ("" when
    one could not be placed); ``repaired`` names the kind of each span put
    back, in order; ``dropped`` holds the locked spans (source text) that
    the candidate no longer renders.
    """

    text: str
    repaired: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()

    @property
    def operations(self) -> tuple[str, ...]:
        """``repair:KIND`` once per kind repaired, in order."""
        return tuple(dict.fromkeys(f"repair:{kind}" for kind in self.repaired))


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        low = self.text.lower().replace("’", "'")
        return '"' if low in _QUOTE_MARKS else low


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def repair_candidate(
    context: SentenceContext, candidate: Candidate, options: GenerateOptions | None = None
) -> Candidate | None:
    """``candidate`` with every locked span of ``context`` it changed put back,
    and ``repair:KIND`` added to its operations; None when a locked span was
    dropped (the candidate is discarded)."""
    frozen = options.frozen if options is not None else ()
    fixed = repair(context.text, context.locked, context.facts, candidate.text, frozen)
    if not fixed.text:
        log.info(
            "repair: discarded a %s candidate that dropped %s: %r",
            candidate.backend,
            "; ".join(repr(d) for d in fixed.dropped),
            candidate.text,
        )
        return None
    if not fixed.repaired:
        return candidate
    log.info(
        "repair: %s candidate, %s put back: %r -> %r",
        candidate.backend,
        ", ".join(fixed.repaired),
        candidate.text,
        fixed.text,
    )
    return replace(
        candidate, text=fixed.text, operations=(*candidate.operations, *fixed.operations)
    )


def repair(
    source: str,
    locked: Sequence[tuple[int, int]],
    facts: Sequence[Fact],
    candidate: str,
    frozen: Sequence[str] = (),
) -> Repair:
    """``candidate`` with each ``locked`` span of ``source`` (offsets into
    ``source``) that it changed put back verbatim.

    ``facts`` (offsets into ``source``) tell each span's kind, qualifier and
    unit; ``frozen`` names the user's frozen terms (a span that is one is
    repaired as ``frozen``).
    """
    spans = [(a, b) for a, b in sorted(locked) if source[a:b].strip()]
    if not spans:
        return Repair(candidate)
    src = _tokens(source)
    cand = _tokens(candidate)
    taken: set[int] = set()  # candidate words that already stand for a span
    # Spans the candidate holds word for word need nothing; their words are
    # taken first, so that no other span's search claims them.
    todo: list[tuple[int, int]] = []
    for a, b in spans:
        found = _verbatim(candidate, cand, source[a:b].strip(), taken)
        if found is None:
            todo.append((a, b))
        else:
            taken.update(found)
    if not todo:
        return Repair(candidate)

    matcher = difflib.SequenceMatcher(None, [t.key for t in src], [t.key for t in cand], False)
    opcodes = matcher.get_opcodes()
    aligned = _aligned(opcodes)
    edits: list[tuple[int, int, str, str]] = []  # candidate start, end, span text, kind
    dropped: list[str] = []
    for a, b in todo:
        inside = [k for k, t in enumerate(src) if t.start < b and t.end > a]
        if not inside:
            continue
        si, sj = inside[0], inside[-1] + 1
        span_facts = [f for f in facts if f.start < b and f.end > a]
        kind = _kind(source[a:b], span_facts, frozen)
        outside = {j for i, j in aligned.items() if not si <= i < sj}
        where = _counterpart(src[si:sj], cand, opcodes, si, sj, taken | outside, kind)
        if where is None:
            dropped.append(source[a:b])
            continue
        lo, hi = where
        start, end = _widen(candidate, cand, lo, hi, source[a:b], span_facts)
        if any(start < e and end > s for s, e, _, _ in edits):
            dropped.append(source[a:b])
            continue
        taken.update(range(lo, hi))
        edits.append((start, end, source[a:b], kind))
    if dropped:
        return Repair("", dropped=tuple(dropped))
    text = candidate
    kinds: list[str] = []
    for start, end, span, kind in sorted(edits, reverse=True):
        fitted = _fit(span, kind, text, start, end, source)
        if fitted != text[start:end]:  # else only a capital or a closing stop differed
            text = text[:start] + fitted + text[end:]
            kinds.insert(0, kind)
    return Repair(text, tuple(kinds))


# ------------------------------------------------------------------ finding


def _verbatim(candidate: str, cand: list[_Tok], span: str, taken: set[int]) -> set[int] | None:
    """The candidate words of the first free occurrence of ``span`` (on word
    boundaries), or None."""
    for m in re.finditer(rf"(?<!\w){re.escape(span)}(?!\w)", candidate):
        words = {k for k, t in enumerate(cand) if t.start < m.end() and t.end > m.start()}
        if not words & taken:
            return words
    return None


def _aligned(opcodes: Sequence[tuple[str, int, int, int, int]]) -> dict[int, int]:
    """Source word -> candidate word, for the words the alignment found equal."""
    out: dict[int, int] = {}
    for tag, i1, i2, j1, _ in opcodes:
        if tag == "equal":
            out.update((i1 + d, j1 + d) for d in range(i2 - i1))
    return out


def _counterpart(
    span: list[_Tok],
    cand: list[_Tok],
    opcodes: Sequence[tuple[str, int, int, int, int]],
    si: int,
    sj: int,
    blocked: set[int],
    kind: str,
) -> tuple[int, int] | None:
    """The candidate words [lo, hi) that render the source words [si, sj), or None."""
    like = _Likeness(span, cand)
    hits: set[int] = set()
    slot: set[int] = set()  # words of replaced blocks that lie inside the span
    for tag, i1, i2, j1, j2 in opcodes:
        lo, hi = max(i1, si), min(i2, sj)
        if lo >= hi:
            continue
        if tag == "equal":
            hits.update(range(j1 + lo - i1, j1 + hi - i1))
        elif tag == "replace":
            # A block inside the span, not much longer than it, is the model's
            # rendering of that part of the span ("Trump" -> "November"; "7"
            # -> "many" between the same words).
            if si <= i1 and i2 <= sj and j2 - j1 <= i2 - i1 + _SLACK:
                slot.update(range(j1, j2))
            like_here = [j for j in range(j1, j2) if like.resembles(j)]
            hits.update(like_here)
            # A block that holds the span's last words and the words after
            # it (or the words before it and its first), the rest of the
            # span aligned outside it: its words at that end render the
            # span's ("Donald J. Trump will" -> "Donald J. November is going").
            n = min(hi - lo, j2 - j1)
            named = kind in _WORDED and all(t.text.isalpha() for t in span[lo - si : hi - si])
            if named and not like_here and lo == i1 and si < i1:
                slot.update(range(j1, j1 + n))
            elif named and not like_here and hi == i2 and i2 < sj:
                slot.update(range(j2 - n, j2))
    hits = (hits | slot) - blocked
    if not _enough(hits, cand, like, kind, slot):
        # Moved: the alignment did not reach it. Search the whole candidate.
        hits = {j for j in range(len(cand)) if j not in blocked and like.salient(j)}
        if not _enough(hits, cand, like, kind, set()):
            return None
        lo, hi = _densest(sorted(hits), blocked)
        if hi - lo > 2 * len(span) + _SLACK:
            return None
        return lo, hi
    return _densest(sorted(hits), blocked)


def _enough(hits: set[int], cand: list[_Tok], like: _Likeness, kind: str, slot: set[int]) -> bool:
    """Whether ``hits`` can stand for the span: at least one word of substance,
    and for a number its value, unless the model wrote something else in the
    number's very place (``slot``)."""
    if not any(cand[j].key not in _COMMON for j in hits):
        return False
    if kind in ("number", "time") and like.values and not hits & slot:
        return any(like.resembles(j) for j in hits)
    return True


def _densest(hits: list[int], blocked: set[int]) -> tuple[int, int]:
    """The run of ``hits`` not broken by a blocked word that holds the most
    hits, as [first, last + 1)."""
    runs: list[list[int]] = [[hits[0]]]
    for j in hits[1:]:
        if any(k in blocked for k in range(runs[-1][-1] + 1, j)):
            runs.append([j])
        else:
            runs[-1].append(j)
    best = max(runs, key=len)
    return best[0], best[-1] + 1


class _Likeness:
    """Which candidate words resemble a span's: the same word, the same
    number value (a run of number words or digits read as one number), the
    same month."""

    def __init__(self, span: list[_Tok], cand: list[_Tok]) -> None:
        self.keys = {t.key.rstrip(".") for t in span} - _COMMON - {""}
        self.values = {v for _, _, v in _number_runs(span)}
        self.months = {m for t in span if (m := month_number(t.text)) is not None}
        self._cand = cand
        self._valued: set[int] = set()
        for i, j, v in _number_runs(cand):
            if v in self.values:
                self._valued.update(range(i, j))

    def resembles(self, j: int) -> bool:
        tok = self._cand[j]
        if j in self._valued or tok.key.rstrip(".") in self.keys:
            return True
        return bool(self.months) and month_number(tok.text) in self.months

    def salient(self, j: int) -> bool:
        """Resembles, and is no common word."""
        return self._cand[j].key not in _COMMON and self.resembles(j)


def _is_number_word(tok: _Tok) -> bool:
    low = tok.key
    if low[:1].isdigit():
        return True
    parts = re.split(r"[-‐–]", low)
    return all(p in NUMBER_WORDS or p in ORDINAL_WORDS for p in parts if p)


def _number_runs(toks: Sequence[_Tok]) -> list[tuple[int, int, Decimal]]:
    """Runs of number words and digits ("4.2 million", "twenty-one", "7"),
    [i, j), with the value each run reads as (one value per run; a run that
    reads as none is tried word by word)."""
    out: list[tuple[int, int, Decimal]] = []
    k = 0
    while k < len(toks):
        if not _is_number_word(toks[k]):
            k += 1
            continue
        j = k
        while j < len(toks) and (
            _is_number_word(toks[j]) or (toks[j].key == "and" and j + 1 < len(toks) and j > k)
        ):
            j += 1
        value = parse_number(" ".join(t.text for t in toks[k:j]))
        if value is not None:
            out.append((k, j, value))
        else:
            for i in range(k, j):
                single = parse_number(toks[i].text)
                if single is not None:
                    out.append((i, i + 1, single))
        k = j
    return out


# ------------------------------------------------------------------ placing


def _kind(span: str, facts: Sequence[Fact], frozen: Sequence[str]) -> str:
    if span.strip() in frozen:
        return "frozen"
    kinds = [f.kind for f in facts if f.kind not in (FactKind.NEGATION, FactKind.MODALITY)]
    if FactKind.QUOTE in kinds or span.lstrip()[:1] in _QUOTE_MARKS + "'‘":
        return "quote"
    return str(kinds[0]) if kinds else "quote"  # a span with no fact is a quotation's part


def _widen(
    candidate: str, cand: list[_Tok], lo: int, hi: int, span: str, facts: Sequence[Fact]
) -> tuple[int, int]:
    """The characters the span will replace: the counterpart's words, with a
    number's qualifier and unit and a quotation's marks around them."""
    start, end = cand[lo].start, cand[hi - 1].end
    numbers = [f for f in facts if f.kind in (FactKind.NUMBER, FactKind.TIME)]
    if numbers:
        m = QUALIFIER.search(candidate[max(0, start - 25) : start])
        if m:
            start = max(0, start - 25) + m.start("q")
        if lo > 0 and cand[lo - 1].text in "$£€¥" and any(f.unit for f in numbers):
            start = cand[lo - 1].start
        units = {f.unit for f in numbers if f.unit}
        for width in (2, 1):
            after = cand[hi : hi + width]
            if len(after) == width and canonical_unit(" ".join(t.text for t in after)) in units:
                end = after[-1].end
                hi += width
                break
    stripped = span.strip()
    # "on Tuesday" rendered "last Tuesday": "on last Tuesday" would not read.
    if (
        any(f.kind == FactKind.DATE for f in facts)
        and stripped.split()[0].lower() in RELATIVE_MARKERS
        and lo > 0
        and cand[lo - 1].key == "on"
    ):
        start = cand[lo - 1].start
    if stripped[:1] in _QUOTE_MARKS and lo > 0 and cand[lo - 1].text in _QUOTE_MARKS:
        start = cand[lo - 1].start
    # The span's closing marks and stops replace the candidate's own (a
    # quotation's: any of them, the model may end it with its own stop).
    tail = set(stripped[len(stripped.rstrip(_QUOTE_MARKS + ",.!?")) :])
    if tail & set(_QUOTE_MARKS):
        tail |= set(_QUOTE_MARKS + ",.!?")
    k = hi
    while k < len(cand) and cand[k].text in tail and cand[k].start == end:
        end = cand[k].end
        k += 1
        if cand[k - 1].text in _QUOTE_MARKS:
            break
    return start, end


def _fit(span: str, kind: str, text: str, start: int, end: int, source: str) -> str:
    """``span`` as it goes into ``text`` at [start, end): a number or date
    word that began the source sentence loses its capital inside the
    candidate, and gains one at its start; a quotation's closing comma
    follows the candidate ("grief," -> "grief." at its end)."""
    span = span.strip()
    at_start = not text[:start].strip(" " + _QUOTE_MARKS)
    first = span.split()[0] if span.split() else span
    if kind in ("number", "date", "time") and first.isalpha():
        natural_capital = month_number(first) is not None or first.lower() in WEEKDAYS
        if at_start:
            span = span[:1].upper() + span[1:]
        elif source.lstrip().startswith(span) and not natural_capital:
            span = span[:1].lower() + span[1:]
    elif at_start:
        span = span[:1].upper() + span[1:]
    # A quotation's closing comma belongs to the sentence around it (the
    # audit reads "home," and "home." as one quote): it becomes the
    # candidate's stop at its end, and goes where the candidate has none.
    m = re.search(r",([" + _QUOTE_MARKS + r"'’]*)$", span) if kind == "quote" else None
    if m:
        stop = text[start:end].rstrip(_QUOTE_MARKS + "'’ ")[-1:]
        if not text[end:].strip() and stop in ".!?":
            span = span[: m.start()] + "." + m.group(1)
        elif stop not in ",.!?":
            span = span[: m.start()] + m.group(1)
    return span
