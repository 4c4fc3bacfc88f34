"""Numbers and ranges: a number changed, added, dropped or requalified; a range reversed.

A number the aligned source sentences lack but the rest of the source holds
is only a warning: summaries and merges draw on sentences the aligner may
not have linked.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from retold.audit import catalogue as cat
from retold.audit import reading
from retold.audit.align import STOPWORDS
from retold.audit.group import Context, Group, pair
from retold.audit.registry import check
from retold.data import AuditMode, Fact, FactKind, Issue, Severity
from retold.lexicon.numbers import CARDINAL_VALUES
from retold.lexicon.quantities import UNITS


def _num_close(a: Fact, b: Fact) -> bool:
    try:
        x, y = float(a.value), float(b.value)
    except ValueError:
        return a.value == b.value
    return abs(x - y) <= 1e-9 * max(1.0, abs(x))


def _decimal(value: str) -> Decimal | None:
    """The value of a number fact ("1200", "1/2"), or None for a vague one ("dozens")."""
    try:
        if "/" in value:
            num, den = value.split("/", 1)
            return Decimal(num) / Decimal(den)
        return Decimal(value)
    except (InvalidOperation, ArithmeticError, ValueError):
        return None


# Spans of time in one base unit each, so that "90 minutes" is "1.5 hours" and
# "two decades" is "20 years" (months and years do not convert exactly).
_SPAN_SIZE: dict[str, tuple[str, int]] = {
    "second": ("s", 1),
    "minute": ("s", 60),
    "hour": ("s", 3600),
    "day": ("s", 86400),
    "week": ("s", 604800),
    "year": ("y", 1),
    "decade": ("y", 10),
    "century": ("y", 100),
}


def _same_amount(value: str, unit: str, other_value: str, other_unit: str) -> bool:
    """Whether two amounts are one: the same value where a unit is the same or
    unstated ("two" and "two goals"), the same span in other units, or a
    fraction and its percentage ("half" and "50 percent")."""
    x, y = _decimal(value), _decimal(other_value)
    if x is None or y is None:
        return value == other_value and unit == other_unit
    if {unit, other_unit} == {"percent", ""} and ("/" in value or "/" in other_value):
        share, percent = (x, y) if not unit else (y, x)
        return share * 100 == percent
    if unit == other_unit or not unit or not other_unit:
        return x == y
    a, b = _SPAN_SIZE.get(unit), _SPAN_SIZE.get(other_unit)
    return a is not None and b is not None and a[0] == b[0] and x * a[1] == y * b[1]


# Words that state a number without writing one, each with the amount it
# states: "twice" is two (times), "a decade" ten years, "fortnightly" every two
# weeks, "single-day" one day, a "debut" a first. A paraphrase trades one for
# the other freely ("scored twice" / "scored two goals").
_IMPLIED: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.IGNORECASE), value, unit)
    for pattern, value, unit in (
        (r"once", "1", ""),
        (r"twice", "2", ""),
        (r"thrice", "3", ""),
        (r"a\s+pair\s+of|both|doubled|twofold|two-fold", "2", ""),
        (r"a\s+trio\s+of|tripled|threefold|three-fold", "3", ""),
        (r"quadrupled|fourfold|four-fold", "4", ""),
        (r"(?:a|one)\s+single", "1", ""),
        (r"single-(?:second|minute|hour|day|week|month|year|season|game)", "1", ""),
        (r"(?:a|one)\s+decade|decade-long", "10", "year"),
        (r"(?:a|one)\s+century|century-old", "100", "year"),
        (r"half\s+a\s+century|a\s+half[\s-]century", "50", "year"),
        (r"a\s+quarter[\s-]century|a\s+quarter\s+of\s+a\s+century", "25", "year"),
        (r"(?:a|one)\s+fortnight|fortnightly", "2", "week"),
        (r"debut(?:ed|s)?|maiden|inaugural|opening|premiere", "1", "ordinal"),
    )
)


def _implied(text: str) -> list[tuple[str, str, str]]:
    """(written words, value, unit) of every amount ``text`` states in words of
    :data:`_IMPLIED`."""
    return [
        (m.group(0), value, unit)
        for pattern, value, unit in _IMPLIED
        for m in pattern.finditer(text)
    ]


def _told_in_words(f: Fact, text: str) -> str | None:
    """The words of ``text`` that state the amount of ``f`` without its number
    ("twice" for "two goals", "a decade" for "10 years"), or None."""
    for words, value, unit in _implied(text):
        if (unit == "ordinal") == (f.unit == "ordinal") and _same_amount(
            f.value, f.unit, value, unit
        ):
            return words
    return None


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
    r_q = _qualifier(rw, r)
    if not any(_qualifier(src, x) == r_q for x in same):
        s_q = _qualifier(src, s)
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
    if r.unit and s.unit and r.unit != s.unit and not any(x.unit == r.unit for x in same):
        out.append(pair("F105", f"the unit changed: '{s.text}' became '{r.text}'", s, r))
    r_rate = _rate(rw, r)
    s_rates = {x: _rate(src, x) for x in same if x.unit == r.unit}
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


# What follows a number and says it counts per unit of time: "$35 a month",
# "8,000 steps a day", "10 tonnes daily"; or what comes before it ("a monthly
# fee of $35"). Each word gives the unit of time.
_RATE_UNITS = frozenset(
    {"second", "minute", "hour", "day", "night", "week", "month", "quarter", "year", "season"}
)
_RATE_WORDS: dict[str, str] = {
    "hourly": "hour",
    "daily": "day",
    "nightly": "night",
    "weekly": "week",
    "monthly": "month",
    "quarterly": "quarter",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "annum": "year",
}
_RATE_OPENERS = frozenset({"a", "an", "per", "each", "every"})
# "a year ago", "a day earlier": a point in time, not a rate.
_NOT_RATE_AFTER = frozenset({"ago", "earlier", "later", "before", "after", "old", "since"})
_CLAUSE_END = re.compile(r"[.;:!?()\"“”]|,\s")


def _rate(g: Group, f: Fact) -> str | None:
    """The unit of time of the rate ``f`` is given at ("month" for "$35 a month"), or None."""
    text = g.parsed.text
    tail = _CLAUSE_END.split(text[f.end : f.end + 60], maxsplit=1)[0]
    words = re.findall(r"[\w'-]+", tail.lower())[:5]
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        after = words[i + 2] if i + 2 < len(words) else ""
        if w in _RATE_OPENERS and nxt in _RATE_UNITS and after not in _NOT_RATE_AFTER:
            return nxt
        if w in _RATE_WORDS and w != "annual":
            return _RATE_WORDS[w]
    head = _CLAUSE_END.split(text[max(0, f.start - 40) : f.start])[-1]
    for w in re.findall(r"[\w'-]+", head.lower())[-4:]:
        if w in _RATE_WORDS:
            return _RATE_WORDS[w]
    return None


# Qualifiers the analysis does not read, with their class: written after the
# number ("8,000 or more", "200-plus", "50 or so", "three hours at most") or
# before it in words its table lacks ("as high as 3 km", "capped at $35", "in
# the region of"). English writes them in all these places.
_AFTER: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cls, re.compile(rf"^(?:{pattern})", re.IGNORECASE))
    for cls, pattern in (
        (
            "min",
            r"-plus\b|\+|\s*(?:[\w-]+\s+)?(?:or|and)\s+(?:more|higher|greater|above|over"
            r"|longer|older|up|upwards?)\b|\s*,?\s*at\s+(?:the\s+)?(?:least|minimum)\b",
        ),
        (
            "max",
            r"\s*(?:[\w-]+\s+)?or\s+(?:less|fewer|lower|below|under|shorter|younger)\b"
            r"|\s*,?\s*at\s+(?:the\s+)?(?:most|maximum)\b",
        ),
        (
            "approx",
            r"-odd\b|\s*(?:[\w-]+\s+)?or\s+(?:so|thereabouts)\b"
            r"|\s*,?\s*(?:give\s+or\s+take|more\s+or\s+less)\b",
        ),
    )
)
_BEFORE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cls, re.compile(rf"(?:{pattern})\s+[$€£]?$", re.IGNORECASE))
    for cls, pattern in (
        (
            "min",
            r"\b(?:better|greater|higher|larger|bigger)\s+than|\bnot\s+(?:less|fewer)\s+than"
            r"|\b(?:a\s+little|slightly|well)\s+(?:over|above|more\s+than)",
        ),
        (
            "max",
            r"\bas\s+(?:high|many|much|far|long|large|big|deep|tall|heavy|fast|great)\s+as"
            r"|\b(?:cap|caps|capped|capping|limit|limits|limited|limiting)\b[^.;,]{0,40}?\s(?:at|to)"
            r"|\bnot\s+(?:more\s+than|exceeding)|\bno\s+(?:higher|greater|larger|bigger)\s+than"
            r"|\b(?:a\s+little|slightly|well)\s+(?:under|below|less\s+than)",
        ),
        (
            "approx",
            r"\bin\s+the\s+(?:region|neighbou?rhood|vicinity)\s+of|\bon\s+the\s+order\s+of"
            r"|\bthe\s+(?:better|best)\s+part\s+of|\bapproaching|\b(?:just\s+)?(?:short|shy)\s+of"
            r"|\bestimated\s+(?:at|to\s+be)|\ban?\s+estimated?\s+(?:of\s+)?|\bclose\s+on"
            r"|\bnigh\s+on|\bsomething\s+like",
        ),
    )
)


def _qualifier(g: Group, f: Fact) -> str:
    """The class of the qualifier of ``f`` ("min", "max", "approx", "" exact),
    written before the number or, as English also writes it, after it."""
    if f.qualifier:
        return f.qualifier
    text = g.parsed.text
    after, before = text[f.end : f.end + 30], text[max(0, f.start - 60) : f.start]
    for cls, pattern in _AFTER:
        if pattern.match(after):
            return cls
    for cls, pattern in _BEFORE:
        if pattern.search(before):
            return cls
    return ""


def _stated_otherwise(r: Fact, src: Group, rw: Group) -> bool:
    """Whether the source states the rewrite's number ``r`` in other words: in
    words ("twice" for "two goals"), in another unit ("a decade", "120
    minutes"), inside a compound ("third-quarter" for "the third quarter"), as
    a vague count ("hours" for "several hours"), or as "a" for "one"."""
    if _told_in_words(r, src.text) is not None:
        return True
    if r.unit == "ordinal" and _written_in(r.text, src.text):
        return True  # "third-quarter" holds "third", which the analysis reads in no compound
    if any(_same_amount(s.value, s.unit, r.value, r.unit) for s in src.of(FactKind.NUMBER)):
        return True
    return _vague_span_kept(r, src.text) or _article_one(r, rw, src, added=True)


def _kept_otherwise(s: Fact, src: Group, rw: Group) -> bool:
    """Whether the rewrite keeps the source number ``s`` in other words (see
    :func:`_stated_otherwise`)."""
    if _told_in_words(s, rw.text) is not None:
        return True
    if any(_same_amount(s.value, s.unit, r.value, r.unit) for r in rw.of(FactKind.NUMBER)):
        return True
    return _vague_span_kept(s, rw.text) or _article_one(s, src, rw, added=False)


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
    return _decimal(value) or Decimal(0)


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
    value = _decimal(r.value)
    if value is None or value == 0:
        return None
    text = rw.parsed.text
    if not _DIFFERENCE.search(text[max(0, r.start - 25) : r.end + 25]):
        return None
    unit = {"percentage point": "percent"}.get(r.unit, r.unit)
    for a, b in itertools.combinations(pool, 2):
        x, y = _decimal(a.value), _decimal(b.value)
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
