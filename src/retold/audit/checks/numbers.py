"""Numbers and ranges: a number changed, added, dropped or requalified; a range reversed.

A number the aligned source sentences lack but the rest of the source holds
is only a warning: summaries and merges draw on sentences the aligner may
not have linked. A number the other side states in other words
(:mod:`~retold.audit.checks.amounts`: "twice", "a decade", "half" / "50
percent"), "one" used as the article, "the two" for two things named, and a
difference computed exactly from two source numbers are no number changed.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import Any

from retold.audit import catalogue as cat
from retold.audit import reading
from retold.audit.align import STOPWORDS
from retold.audit.checks import amounts
from retold.audit.checks.negation import first_since
from retold.audit.group import Context, Group, pair
from retold.audit.registry import check
from retold.data import AuditMode, Fact, FactKind, Issue, Severity
from retold.lexicon.numbers import CARDINAL_VALUES
from retold.lexicon.quantities import UNITS

# "one-time" (former) and "one-off" (single) say what, not how many.
_ONE_TIME = re.compile(r"one-(?:time|off)\b", re.IGNORECASE)


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
            out.extend(_requalified(same, r, src, rw, ctx.mode))
            continue
        if _stated_otherwise(r, src, rw):
            continue
        if _ONE_TIME.match(rw.parsed.text, r.start):
            continue  # "a one-time teller" is a former one, counting nothing
        pronoun = _pronoun_number(rw, r)
        if pronoun and _names(src) >= _decimal_or_zero(r.value):
            continue  # "Pinnacle agreed to buy SkyBridge ... the two would form"
        difference = _difference(r, rw, s_nums)
        if difference is not None:
            a, b = difference
            out.append(
                pair(
                    "F102",
                    f"'{r.text}' is not written in the source; it is the difference "
                    f"between its '{a.text}' and '{b.text}'",
                    src,
                    r,
                    Severity.INFO,
                )
            )
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
        elif pronoun:
            out.append(
                pair(
                    "F102",
                    f"'{r.text}' counts what the source may name without counting it",
                    src,
                    r,
                    Severity.WARNING,
                )
            )
        else:
            out.append(pair("F102", f"'{r.text}' is a number the source does not have", src, r))
    if ctx.mode == AuditMode.REWRITE:
        for s in unmatched_src:
            if s in changed or _written_in(s.text, rw.text) or _kept_otherwise(s, src, rw):
                continue
            if _in_compound_noun(src, s):
                out.append(
                    pair(
                        "F103",
                        f"'{s.text}' names a kind of thing ('{_compound(src, s)}'), "
                        f"which the rewrite may call otherwise",
                        s,
                        rw,
                        Severity.WARNING,
                    )
                )
                continue
            out.append(pair("F103", f"the number '{s.text}' was dropped", s, rw))
    return out


def _requalified(same: list[Fact], r: Fact, src: Group, rw: Group, mode: str) -> list[Issue]:
    """F104 and F105 for a rewrite number ``r`` whose value the source has in ``same``:
    its qualifier ("more than"), its unit, or the unit of time of its rate
    ("$35 a month" / "$35 a week") changed.

    A qualifier dropped or added ("more than 30" / "30") is an error in
    rewrite mode, which keeps every fact; a summary may round what it
    condenses, so there it only warns."""
    out = []
    s = same[0]
    r_q = amounts.qualifier(rw, r)
    if not any(amounts.qualifier(src, x) == r_q for x in same):
        s_q = amounts.qualifier(src, s)
        out.append(
            pair(
                "F104",
                f"the number's qualifier changed: '{s.text}' "
                f"({s_q or 'exact'}) became '{r.text}' ({r_q or 'exact'})",
                s,
                r,
                None if (r_q and s_q) or mode == AuditMode.REWRITE else Severity.WARNING,
            )
        )
    # A unit word that opens a hyphenated compound is no unit of the number:
    # "two second-half goals" counts goals, in the second half.
    compound = rw.parsed.text[r.end : r.end + 2].startswith("-") and r.text[-1:].isalpha()
    if (
        r.unit
        and s.unit
        and r.unit != s.unit
        and not compound
        and not any(x.unit == r.unit for x in same)
    ):
        out.append(pair("F105", f"the unit changed: '{s.text}' became '{r.text}'", s, r))
    r_rate = amounts.rate(rw, r)
    s_rates = {x: amounts.rate(src, x) for x in same if x.unit == r.unit}
    if r_rate and s_rates and all(v and v != r_rate for v in s_rates.values()):
        x = next(iter(s_rates))
        out.append(
            pair(
                "F105",
                f"the rate changed: '{x.text}' a {s_rates[x]} became '{r.text}' a {r_rate}",
                x,
                r,
            )
        )
    return out


def _stated_otherwise(r: Fact, src: Group, rw: Group) -> bool:
    """Whether the source states the rewrite's number ``r`` in other words: in
    words ("twice" for "two goals"), in another unit ("a decade", "120
    minutes"), inside a compound ("third-quarter" for "the third quarter"), as
    a vague count ("hours" for "several hours"), or as "a" for "one"."""
    if amounts.told_in_words(r, src.text) is not None:
        return True
    if r.unit == "ordinal" and _written_in(r.text, src.text):
        return True  # "third-quarter" holds "third", which the analysis reads in no compound
    if any(amounts.same_amount(s.value, s.unit, r.value, r.unit) for s in src.of(FactKind.NUMBER)):
        return True
    return _vague_span_kept(r, src.text) or _article_one(r, rw, src, added=True)


def _kept_otherwise(s: Fact, src: Group, rw: Group) -> bool:
    """Whether the rewrite keeps the source number ``s`` in other words (see
    :func:`_stated_otherwise`)."""
    if amounts.told_in_words(s, rw.text) is not None:
        return True
    if any(amounts.same_amount(s.value, s.unit, r.value, r.unit) for r in rw.of(FactKind.NUMBER)):
        return True
    if s.text.lower() == "first" and _first_since_denied(src, rw):
        return True
    return _vague_span_kept(s, rw.text) or _article_one(s, src, rw, added=False)


def _first_since_denied(src: Group, rw: Group) -> bool:
    """ "The first X since Y" kept as "no X had ... since Y": a negation of
    the rewrite before its "since"."""
    if not any(first_since(t) for t in src.tokens):
        return False
    since = [t.i for t in rw.tokens if t.lower_ == "since"]
    return any(
        t.lower_ in ("not", "n't", "no", "never") and any(t.i < k for k in since) for t in rw.tokens
    )


def _article_one(f: Fact, own: Group, other: Group, *, added: bool) -> bool:
    """Whether ``f`` is "one" used as the article "a" with weight ("one witness,
    a bus driver," / "a bus driver who saw it"): no count to keep or to add.
    A "one" the rewrite adds must count a thing the source names ("a driver"
    / "one driver", not "no one" / "one person"); a "one" it drops must not
    have become many ("one person" / "people")."""
    if f.value != "1" or f.unit or f.qualifier:
        return False
    tok = _token(own, f)
    if tok is None or tok.dep_ != "nummod":
        return not added
    lemma = str(tok.head.lemma_).lower()
    if added:
        return lemma in other.lemmas()
    return not any(
        str(t.lemma_).lower() == lemma and t.tag_ in ("NNS", "NNPS") for t in other.tokens
    )


_FEW = frozenset({"several", "a few", "a couple of"})


def _vague_span_kept(f: Fact, text: str) -> bool:
    """ "several hours" and a bare "hours" count the same unknown number of hours."""
    if f.value not in _FEW or not f.unit:
        return False
    plurals = [w for w, u in UNITS.items() if u == f.unit and w.endswith("s") and " " not in w]
    for m in re.finditer(rf"(?<![\w-])(?:{'|'.join(plurals) or '$^'})(?![\w-])", text, re.I):
        before = re.findall(r"[\w,.]+", text[max(0, m.start() - 20) : m.start()])
        last = before[-1].lower() if before else ""
        if not (last in CARDINAL_VALUES or last[:1].isdigit()):
            return True
    return False


def _pronoun_number(g: Group, f: Fact) -> bool:
    """Whether ``f`` stands for the things it counts ("the two would form ...",
    "all three said"), counting what the sentence named before."""
    tok = _token(g, f)
    if tok is None or f.unit or tok.dep_ == "nummod":
        return False
    prev = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
    return prev in ("the", "all", "both", "these", "those")


def _names(g: Group) -> int:
    kinds = (FactKind.PERSON, FactKind.ORG, FactKind.PLACE)
    return len({f.value for f in g.facts if f.kind in kinds})


def _decimal_or_zero(value: str) -> Decimal:
    return amounts.decimal_value(value) or Decimal(0)


# Words by which a rewrite states a difference ("25 cents more", "up 3 points").
_DIFFERENCE = re.compile(
    r"\b(?:more|less|fewer|higher|lower|up|down|ris(?:e|es|en|ing)|rose|increas\w*|rais\w*"
    r"|cut|drop\w*|f[ae]ll\w*|gain\w*|jump\w*|hike\w*|declin\w*|difference|margin|lead"
    r"|ahead|behind|short)\b",
    re.IGNORECASE,
)


def _difference(r: Fact, rw: Group, pool: list[Fact]) -> tuple[Fact, Fact] | None:
    """Two numbers of ``pool`` whose difference is exactly the rewrite's ``r``,
    when the rewrite states ``r`` as a difference ("from $2.25 to $2.50" ->
    "25 cents more"): arithmetic on the source's own numbers is no new fact."""
    value = amounts.decimal_value(r.value)
    if value is None or value == 0:
        return None
    text = rw.parsed.text
    if not _DIFFERENCE.search(text[max(0, r.start - 25) : r.end + 25]):
        return None
    unit = {"percentage point": "percent"}.get(r.unit, r.unit)
    for a, b in itertools.combinations(pool, 2):
        x, y = amounts.decimal_value(a.value), amounts.decimal_value(b.value)
        if x is None or y is None or a.unit != b.unit or (unit and a.unit != unit):
            continue
        if abs(x - y) == value:
            return (a, b) if x > y else (b, a)
    return None


def _token(g: Group, f: Fact) -> Any:
    span = g.parsed.doc.char_span(f.start, f.end, alignment_mode="expand")
    return None if span is None else span[0]


# Nouns that a number fuses with to name a kind of thing, not to count: "3-pointers",
# "a two-seater", "an 18-wheeler", "a double-decker", "a one-liner".
_KIND_NOUN = re.compile(r"-(?:pointer|seater|wheeler|decker|footer|liner|pounder)s?\b", re.I)


def _in_compound_noun(g: Group, f: Fact) -> bool:
    return _KIND_NOUN.match(g.parsed.text[f.end : f.end + 20]) is not None


def _compound(g: Group, f: Fact) -> str:
    m = _KIND_NOUN.match(g.parsed.text[f.end : f.end + 20])
    return f.text + (m.group(0) if m else "")


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


def _all_raw_numbers(ctx: Context) -> set[str]:
    # Read once per audit: every alignment's check may ask.
    return ctx.source_all.cached("raw numbers", lambda g: reading.raw_numbers(g.text))
