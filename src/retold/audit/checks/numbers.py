"""Numbers and ranges: a number changed, added, dropped or requalified; a range reversed.

A number the aligned source sentences lack but the rest of the source holds
is only a warning: summaries and merges draw on sentences the aligner may
not have linked.
"""

from __future__ import annotations

import itertools
import re

from retold.audit import catalogue as cat
from retold.audit import reading
from retold.audit.align import STOPWORDS
from retold.audit.group import Context, Group, pair
from retold.audit.registry import check
from retold.data import AuditMode, Fact, FactKind, Issue, Severity


def _num_close(a: Fact, b: Fact) -> bool:
    try:
        x, y = float(a.value), float(b.value)
    except ValueError:
        return a.value == b.value
    return abs(x - y) <= 1e-9 * max(1.0, abs(x))


@check("numbers", order=100)
def check_numbers(src: Group, rw: Group, ctx: Context) -> list[Issue]:
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
                    pair(
                        "F104",
                        f"the number's qualifier changed: '{s.text}' "
                        f"({s.qualifier or 'exact'}) became '{r.text}' ({r.qualifier or 'exact'})",
                        s,
                        r,
                        severity,
                    )
                )
            if r.unit and s.unit and r.unit != s.unit and not any(x.unit == r.unit for x in same):
                out.append(pair("F105", f"the unit changed: '{s.text}' became '{r.text}'", s, r))
            continue
        elsewhere = [s for s in ctx.source_all.of(FactKind.NUMBER) if _num_close(s, r)]
        if ctx.mode == "summary" and any(_carried(r, rw, e, ctx.source_all) for e in elsewhere):
            continue  # taken from another sentence with its word ("Kerry Green, 13")
        rivals = [c for c in unmatched_src if c.unit == r.unit and c not in changed]
        if (elsewhere or r.value in reading.raw_numbers(ctx.source_all.text)) and rivals:
            # A number moved in from another sentence in place of this one's.
            changed.append(rivals[0])
            out.append(
                pair(
                    "F101",
                    f"the number changed: '{rivals[0].text}' became '{r.text}' "
                    f"(a number from elsewhere in the source)",
                    rivals[0],
                    r,
                )
            )
        elif elsewhere or r.value in reading.raw_numbers(ctx.source_all.text):
            out.append(
                pair(
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
            out.append(pair("F101", f"the number changed: '{s.text}' became '{r.text}'", s, r))
        else:
            out.append(pair("F102", f"'{r.text}' is a number the source does not have", src, r))
    if ctx.mode == AuditMode.REWRITE:
        for s in unmatched_src:
            if s not in changed and not _written_in(s.text, rw.text):
                out.append(pair("F103", f"the number '{s.text}' was dropped", s, rw))
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


# A range of two facts: "between A and B", "from A to B", "from A through B".
_RANGE_OPEN = re.compile(r"(?:\bbetween|\bfrom)\s+$", re.IGNORECASE)


_RANGE_JOIN = re.compile(r"^\s*(?:and|to|through|until|till|-|–|—)\s*$", re.IGNORECASE)


_RANGE_CODE: dict[str, str] = {
    FactKind.NUMBER: "F101",
    FactKind.DATE: "F111",
    FactKind.TIME: "F114",
}


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


@check("ranges", order=130)
def check_ranges(src: Group, rw: Group, ctx: Context) -> list[Issue]:
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
