"""Fact analysis: text -> the checkable facts of each sentence.

Reads an article's text (and its sentences) and returns :class:`~retold.data.Fact`
records: numbers with their qualifier and unit, dates, times, people,
organisations, places, quotations, negations and modal verbs. Every fact
carries character offsets into the analysed text and a normalised value (see
:mod:`retold.normalize`), so facts from a source and from its rewrite can be
compared with :func:`same_fact`.

Numbers, dates, times and quotes are found by patterns over the text, because
spaCy's small model lumps durations into DATE and drops qualifiers and units
unpredictably; spaCy supplies what patterns cannot: named entities, parts of
speech ("one" the number vs "no one"), and the dependency parse that says what
a negation or a modal verb governs. spaCy runs once per text (``nlp.pipe`` for
many texts), never per sentence or per fact.

What counts as a fact, and each kind's value, is written down in
``tests/data/facts/README.md`` (the guide the hand-annotated fact set follows).
In short: a number's span holds its currency, scale and unit but not its
qualifier; durations ("three days") are numbers, ages have no unit; checkable
dates are calendar dates, months, years, weekdays and relative expressions
tied to the calendar ("last week"); names drop titles and possessives; a
quote's value is its exact text; a negation's value is the lemma of what it
negates; a modal's value is its lemma.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from retold import models
from retold.analyze.normalize import (
    NUMBER_WORDS,
    ORDINAL_WORDS,
    QUALIFIER_PHRASES,
    UNIT_WORDS,
    canonical_org,
    canonical_place,
    canonical_qualifier,
    canonical_unit,
    format_decimal,
    name_parts,
    names_match,
    normalize_date,
    normalize_number,
    normalize_time,
    strip_titles,
)
from retold.data import Fact, FactKind, Sentence
from retold.errors import InputTooLargeError, OptionsError
from retold.lexicon.calendar import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    RELATIVE_DAYS,
    RELATIVE_MARKERS,
    RELATIVE_PERIODS,
    WEEKDAYS,
)
from retold.lexicon.modality import MODAL_FORMS, NEGATIVE_PRONOUNS
from retold.lexicon.names import NAME_TITLES, TITLE_HEADS
from retold.segment.splitter import segment

__all__ = [
    "AnalyzeOptions",
    "analyze",
    "analyze_doc",
    "analyze_many",
    "by_sentence",
    "same_fact",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """What :func:`analyze` looks for.

    ``kinds``: the fact kinds to return (default: all of ``FactKind.ALL``).
    ``resolve_people``: give every mention of a person the fullest name seen in
    the text ("Mr. Netanyahu" -> "Benjamin Netanyahu"); off, a person's value is
    the mention itself without titles.
    ``relative_dates``: keep relative dates ("last week", "yesterday").
    ``batch_size``: texts per spaCy batch in :func:`analyze_many`.
    """

    kinds: frozenset[str] = field(default_factory=lambda: frozenset(FactKind.ALL))
    resolve_people: bool = True
    relative_dates: bool = True
    batch_size: int = 32

    def __post_init__(self) -> None:
        unknown = sorted(set(self.kinds) - set(FactKind.ALL))
        if unknown:
            raise OptionsError(
                f"unknown fact kind(s): {', '.join(unknown)}",
                f"choose from: {', '.join(FactKind.ALL)}",
            )
        if self.batch_size < 1:
            raise OptionsError(
                f"batch_size must be at least 1, got {self.batch_size}",
                "pass a positive batch size, e.g. AnalyzeOptions(batch_size=32)",
            )


# ------------------------------------------------------------------ patterns

_MONTH_FULL = rf"(?:{'|'.join(MONTH_NAMES)})"
_MONTH_ABBR = rf"(?:{'|'.join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))})\."
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_WEEKDAY = rf"(?:{'|'.join(day.capitalize() for day in WEEKDAYS)})"

_DATE = re.compile(
    rf"(?<![\w-])(?:"
    rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<us>\d{{1,2}}/\d{{1,2}}/\d{{4}})"
    rf"|(?P<mdy>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)(?![\w])"
    rf"|(?P<dmy>{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?)(?![\w])"
    rf"|(?P<my>{_MONTH}(?:,\s*|\s+){_YEAR})(?![\w])"
    rf"|(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})(?![\w])"
    rf"|(?P<weekday>{_WEEKDAY})(?![\w])"
    rf"|(?P<decade>(?:(?:1[5-9]|20)\d0)s)(?![\w])"
    rf"|(?P<year>{_YEAR})(?![\w]|,\d|\.\d|\s*(?:%|percent|per\s+cent)|-(?!\d))"
    rf"|(?P<rel>(?i:{'|'.join(RELATIVE_DAYS)}"
    rf"|(?:{'|'.join(RELATIVE_MARKERS)})\s+(?:{'|'.join(RELATIVE_PERIODS)})"
    rf"|(?:earlier|later)\s+this\s+(?:week|month|year)))(?![\w])"
    rf")"
)

_TIME = re.compile(
    r"(?<![\w:.,])(?P<clock>"
    r"\d{1,2}(?::\d{2})?\s*(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b|[AP]M\b|o['’]clock)"
    r"|(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])"
    r"|(?i:noon|midnight)(?![\w])"
    r")"
    r"(?:\s+(?P<zone>ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|UTC|BST|CET|CEST)\b)?"
)

_NUMWORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_ORDWORD = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
_SCALE = r"(?:thousand|million|billion|trillion)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_WORDS = (
    rf"(?:(?:a|an)\s+(?:hundred|thousand|million|billion|trillion|dozen)"
    rf"|(?:{_NUMWORD})(?:(?:\s+|-|\s+and\s+(?=(?:{_NUMWORD})))(?:{_NUMWORD}))*)"
)
# "four quarters" of a fiscal year are not a fraction: quarters need a
# hyphen or an "of" ("three-quarters", "a quarter of the vote")
_FRACTION = (
    r"(?:(?:a|an|one|two)[\s-]+thirds?"
    r"|(?:one|two|three)-(?:thirds?|quarters?)"
    r"|(?:a|an|one|two|three)\s+quarters?(?=\s+of\b)"
    r"|half)"
)
_VAGUE = (
    r"(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|hundreds|thousands|millions"
    r"|billions)(?=\s+of\b)"
)
_SPANS = r"(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)"
_UNIT = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in UNIT_WORDS)
_UNIT_ADJ = (
    r"(?:second|minute|hour|day|week|month|year|decade|century|mile|kilometer|kilometre|foot"
    r"|inch|meter|metre|acre|ton|pound|point)"
)

_NUMBER = re.compile(
    # "F-16" and "COVID-19" are names, but "12-4" and "5-10" hold two numbers
    rf"(?<![\w$€£.,/])(?<![^\W\d]-)"
    rf"(?P<currency>US\$|\$|€|£|₪)?\s?"
    rf"(?:(?P<ordinal>\d+(?:st|nd|rd|th)|(?i:{_ORDWORD})(?:-(?:{_ORDWORD}))?)(?![\w-])"
    rf"|(?P<frac>(?i:{_FRACTION}))(?![\w-])"
    rf"|(?P<vague>{_VAGUE})"
    rf"|(?P<few>(?i:several|a\s+few|a\s+couple\s+of))\s+(?P<fewunit>{_SPANS})(?![\w])"
    rf"|(?P<num>{_DIGITS}(?:\s*{_SCALE}|bn|(?(currency)m))?(?:\s+(?:dozen))?"
    rf"|(?i:{_WORDS}))(?:(?P<short>mm|cm|km|kg|mg|lbs?|ft)(?![\w])|(?P<temp>°?[CF])(?![\w])"
    rf"|(?![\w/]))"
    rf"(?:(?P<adj>-{_UNIT_ADJ}(?:-old)?)(?![\w])"
    rf"|\s?(?P<pct>%)"
    rf"|\s?(?P<deg>°\s?[CF]?)(?![\w])"
    rf"|\s+(?P<unit>{_UNIT})(?:\s+(?P<scale>Celsius|centigrade|Fahrenheit|C|F))?(?![\w])"
    rf")?"
    rf")"
)

_QUALIFIER = re.compile(
    r"(?<![\w])(?P<q>"
    + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in QUALIFIER_PHRASES)
    + r")\s+$",
    re.IGNORECASE,
)
# The unit of a temperature is its scale.
_TEMPERATURE_SCALE = {"c": "C", "celsius": "C", "centigrade": "C", "f": "F", "fahrenheit": "F"}
_RANGE_GAP = re.compile(r"\s*(?:to|and|or|-|–|through)\s*")

_ENTITY_KINDS = {
    "PERSON": FactKind.PERSON,
    "ORG": FactKind.ORG,
    "GPE": FactKind.PLACE,
    "LOC": FactKind.PLACE,
    "FAC": FactKind.PLACE,
    "NORP": FactKind.PLACE,
}
_NAME_KINDS = frozenset({FactKind.PERSON, FactKind.ORG, FactKind.PLACE})


# ------------------------------------------------------------------ public API


def analyze(
    text: str,
    sentences: Sequence[Sentence] | None = None,
    options: AnalyzeOptions | None = None,
) -> tuple[Fact, ...]:
    """The facts of ``text``, in reading order, with offsets into ``text``.

    ``sentences`` (from :func:`retold.segment.segment` when ``None``) only
    decides each fact's ``sentence`` index.
    """
    opts = options or AnalyzeOptions()
    nlp = models.nlp()
    _check_length(text, nlp)
    doc = nlp(text)
    return analyze_doc(doc, segment(text) if sentences is None else sentences, opts)


def analyze_many(
    texts: Iterable[str],
    sentences: Iterable[Sequence[Sentence] | None] | None = None,
    options: AnalyzeOptions | None = None,
) -> Iterator[tuple[Fact, ...]]:
    """:func:`analyze` for many texts, lazily and in order, parsing them in
    batches with spaCy's ``nlp.pipe`` (one parse per text).

    ``sentences``, when given, runs parallel to ``texts`` (an item may be
    ``None`` to segment that text).
    """
    opts = options or AnalyzeOptions()
    nlp = models.nlp()
    texts_a, texts_b = _tee(texts)
    sents_iter: Iterator[Sequence[Sentence] | None] = (
        iter(sentences) if sentences is not None else _nones()
    )
    checked = (_check_length(t, nlp) for t in texts_b)
    for text, doc in zip(texts_a, nlp.pipe(checked, batch_size=opts.batch_size), strict=True):
        sents = next(sents_iter, None)
        yield analyze_doc(doc, segment(text) if sents is None else sents, opts)


def analyze_doc(
    doc: Any, sentences: Sequence[Sentence], options: AnalyzeOptions | None = None
) -> tuple[Fact, ...]:
    """The facts of an already parsed spaCy ``Doc`` (``doc.text`` is the text)."""
    opts = options or AnalyzeOptions()
    text: str = doc.text
    taken: list[tuple[int, int]] = []  # spans claimed by dates and times
    quotes = _quotes(text)
    dates = _dates(text, doc, opts)
    taken.extend((f.start, f.end) for f in dates)
    times = _times(text, taken)
    taken.extend((f.start, f.end) for f in times)
    entities = _entities(doc, text, taken)
    numbers = _numbers(text, doc, taken, entities)
    facts = [*quotes, *dates, *times, *numbers, *entities, *_negations(doc, text), *_modals(doc)]
    facts = [f for f in facts if f.kind in opts.kinds]
    if opts.resolve_people:
        facts = _resolve_people(facts)
    starts = [s.start for s in sentences]
    located = [replace(f, sentence=_sentence_of(f.start, starts, sentences)) for f in facts]
    located.sort(key=lambda f: (f.start, -f.end, f.kind))
    log.debug("analyze: %d facts in %d characters", len(located), len(text))
    return tuple(located)


def same_fact(a: Fact, b: Fact) -> bool:
    """Whether two facts, possibly from two different texts, state the same thing.

    Same kind and equal normalised value; numbers and times must also agree
    on qualifier and unit; quotes must have the same words, marks and letter
    case, though a closing comma may become a full stop; people match by name
    (:func:`retold.normalize.names_match`), so "Netanyahu" in a rewrite matches
    "Benjamin Netanyahu" in its source.
    People, organisations and places with equal names are the same fact even
    when spaCy labelled them differently in the two texts ("Malaga" the club
    as an organisation in one, a person in the other).
    """
    if a.kind != b.kind:
        return (
            a.kind in _NAME_KINDS and b.kind in _NAME_KINDS and a.value.lower() == b.value.lower()
        )
    if a.kind == FactKind.PERSON:
        return names_match(a.value, b.value)
    if a.kind in (FactKind.NUMBER, FactKind.TIME):
        return (a.value, a.qualifier, a.unit) == (b.value, b.qualifier, b.unit)
    if a.kind == FactKind.QUOTE:
        return _quote_key(a.value) == _quote_key(b.value)
    return a.value == b.value


def _quote_key(quoted: str) -> str:
    """A quote's words as compared across texts: "home," and "home." end one
    sentence of the same quote, and typewriter and typographic apostrophes
    are one mark; every other character must be the same."""
    key = " ".join(quoted.replace("’", "'").replace("‘", "'").split())
    return key.rstrip(",.;: ")


def by_sentence(facts: Iterable[Fact]) -> dict[int, tuple[Fact, ...]]:
    """Facts grouped by ``Fact.sentence``, each group in reading order."""
    groups: dict[int, list[Fact]] = {}
    for f in sorted(facts, key=lambda f: (f.start, -f.end)):
        groups.setdefault(f.sentence, []).append(f)
    return {index: tuple(group) for index, group in groups.items()}


# ------------------------------------------------------------------ helpers


def _check_length(text: str, nlp: Any) -> str:
    limit = int(getattr(nlp, "max_length", 1_000_000))
    if len(text) > limit:
        raise InputTooLargeError(
            f"text of {len(text):,} characters is longer than the parser's limit of {limit:,}",
            "split the text into articles or chapters and analyse them one by one",
        )
    return text


def _nones() -> Iterator[None]:
    while True:
        yield None


def _tee(items: Iterable[str]) -> tuple[Iterator[str], Iterator[str]]:
    a, b = itertools.tee(items)
    return a, b


def _sentence_of(offset: int, starts: list[int], sentences: Sequence[Sentence]) -> int:
    i = bisect.bisect_right(starts, offset) - 1
    return sentences[i].index if i >= 0 else (sentences[0].index if sentences else 0)


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _token_at(doc: Any, offset: int) -> Any:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _quotes(text: str) -> list[Fact]:
    """Text between double quotes, per paragraph; an unclosed quote runs to the
    paragraph's end (the news convention for a quote that continues)."""
    out: list[Fact] = []
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_text = para.start(), para.group()
        i = 0
        while i < len(p_text):
            ch = p_text[i]
            if ch not in ("“", '"'):
                i += 1
                continue
            closer = "”" if ch == "“" else '"'
            j = p_text.find(closer, i + 1)
            if ch == "“":
                reopen = p_text.find("“", i + 1)
                if reopen != -1 and (j == -1 or reopen < j):
                    j = reopen
            end = j if j != -1 else len(p_text)
            inner_s, inner_e = i + 1, end
            while inner_s < inner_e and p_text[inner_s].isspace():
                inner_s += 1
            while inner_e > inner_s and p_text[inner_e - 1].isspace():
                inner_e -= 1
            if inner_e > inner_s:
                quoted = p_text[inner_s:inner_e]
                out.append(
                    Fact(FactKind.QUOTE, quoted, quoted, p_start + inner_s, p_start + inner_e)
                )
            i = end + 1 if j != -1 and p_text[j] == closer else end
    return out


def _dates(text: str, doc: Any, opts: AnalyzeOptions) -> list[Fact]:
    out: list[Fact] = []
    for m in _DATE.finditer(text):
        kind = m.lastgroup or ""
        surface = m.group()
        if kind == "rel" and not opts.relative_dates:
            continue
        if kind == "month" and not _is_month(doc, m.start(), surface):
            continue
        if kind == "weekday" and _inside_name(doc, m.start()):
            continue  # "the Saturday Evening Post"
        if kind == "year" and not _is_year(text, doc, m.start(), m.end()):
            continue
        value = normalize_date(surface)
        if value is None:
            continue
        out.append(Fact(FactKind.DATE, surface, value, m.start(), m.end()))
    return out


_NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})


def _inside_name(doc: Any, offset: int) -> bool:
    tok = _token_at(doc, offset)
    if tok is None:
        return False
    # spaCy often leaves "the Saturday Evening Post" unlabelled: a compound
    # of a capitalised proper noun is part of that name
    named_compound = tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.head.is_title
    return bool(tok.ent_type_ in _NAME_LABELS or named_compound)


def _is_month(doc: Any, offset: int, surface: str) -> bool:
    """A lone month name is a month unless it is part of a name ("Donald J.
    November", "June Carter") or another word ("may" the modal)."""
    tok = _token_at(doc, offset)
    if tok is None or _inside_name(doc, offset):
        return False
    return surface not in ("May", "March") or tok.pos_ == "PROPN"


def _is_year(text: str, doc: Any, start: int, end: int) -> bool:
    """A bare four-digit number is a year unless it reads as a count or amount."""
    before = text[max(0, start - 15) : start]
    if re.search(r"[$€£]\s?$", before) or _QUALIFIER.search(before):
        return False
    after = text[end : end + 20]
    if re.match(rf"\s+(?:{_SCALE}|{_UNIT})\b", after):
        return False
    tok = _token_at(doc, start)
    # "2000 people": a count modifying a plural noun
    return not (
        tok is not None
        and tok.dep_ == "nummod"
        and tok.head.tag_ == "NNS"
        and tok.head.i == tok.i + 1
    )


def _times(text: str, taken: list[tuple[int, int]]) -> list[Fact]:
    out: list[Fact] = []
    for m in _TIME.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        value = normalize_time(m.group("clock"))
        if value is None:
            continue
        qualifier = _qualifier_before(text, m.start())
        # the time zone is the unit of a clock time: 9 a.m. ET is not 9 a.m. PT
        zone = m.group("zone") or ""
        fact = Fact(FactKind.TIME, m.group(), value, m.start(), m.end())
        out.append(replace(fact, qualifier=qualifier, unit=zone))
    return out


def _qualifier_before(text: str, start: int) -> str:
    m = _QUALIFIER.search(text[max(0, start - 25) : start])
    return canonical_qualifier(m.group("q")) if m else ""


def _numbers(text: str, doc: Any, taken: list[tuple[int, int]], entities: list[Fact]) -> list[Fact]:
    names = [(f.start, f.end) for f in entities]
    out: list[Fact] = []
    for m in _NUMBER.finditer(text):
        start, end = m.start(), m.end()
        if m.group("currency") is None:
            start = m.start(
                next(g for g in ("ordinal", "frac", "vague", "few", "num") if m.group(g))
            )
        if start == end or _overlaps(start, end, taken) or _overlaps(start, end, names):
            continue
        fact = _number_fact(text, doc, m, start, end)
        if fact is not None:
            out.append(fact)
    return _spread_range_units(text, out)


def _number_fact(text: str, doc: Any, m: re.Match[str], start: int, end: int) -> Fact | None:
    surface = text[start:end]
    unit = ""
    if m.group("currency"):
        unit = canonical_unit(m.group("currency"))
    if m.group("ordinal"):
        tok = _token_at(doc, m.start("ordinal"))
        word = m.group("ordinal")
        if not word[0].isdigit() and (tok is None or tok.pos_ not in ("ADJ", "NUM")):
            return None  # "second" the noun, "first" the adverb
        if (
            tok is not None
            and tok.is_sent_start
            and tok.i + 1 < len(doc)
            and (doc[tok.i + 1].text == ",")
        ):
            return None  # "First, ..." orders an argument, it counts nothing
        if _is_rate(tok):
            return None  # "19 miles a second": the unit of time
        value = normalize_number(word)
        unit = "ordinal"
    elif m.group("frac"):
        # "the second half" of a match is no share; "nearly half, 47 percent,"
        # is the share its qualifier says, "of" or not
        if (
            m.group("frac").lower() == "half"
            and not _half_of_something(doc, m.start("frac"))
            and not _qualifier_before(text, m.start("frac"))
        ):
            return None
        value = normalize_number(m.group("frac"))
    elif m.group("vague"):
        value = normalize_number(m.group("vague"))
    elif m.group("few"):
        # "several days" and "several weeks" differ though neither is a number
        value = " ".join(m.group("few").lower().split())
        unit = canonical_unit(m.group("fewunit"))
    else:
        num = m.group("num")
        if num.lower() == "one" and not _is_counting_one(doc, m.start("num")):
            return None
        value = normalize_number(num)
        if m.group("short"):
            unit = canonical_unit(m.group("short"))  # "9mm", "5km"
        elif m.group("temp") or m.group("deg") or m.group("scale"):
            # "40C", "86 °F", "20 degrees Celsius": the scale is the unit, and
            # a changed scale is a changed fact; a bare "30 degrees" stays "degree"
            scale = (m.group("temp") or m.group("deg") or m.group("scale") or "").strip("° ")
            unit = _TEMPERATURE_SCALE.get(scale.lower(), "degree")
        elif m.group("pct"):
            unit = "percent"
        elif m.group("unit"):
            word_unit = canonical_unit(m.group("unit"))
            if word_unit == "lb" and _pounds_sterling(text, m):
                word_unit = "GBP"
            if m.group("unit").lower() in ("cent", "cents") and value is not None:
                value = _hundredths(value)
            unit = unit or word_unit
        elif m.group("adj") and not m.group("adj").endswith("-old"):
            # an age carries no unit, so "the 61-year-old" and "Smith, 61," agree
            unit = canonical_unit(m.group("adj").lstrip("-"))
    if value is None:
        return None
    # "climbed up to third": a rank has no qualifier
    qualifier = "" if unit == "ordinal" else _qualifier_before(text, m.start())
    return Fact(FactKind.NUMBER, surface, value, start, end, qualifier=qualifier, unit=unit)


def _is_rate(tok: Any) -> bool:
    """ "a second" ends "19 miles a second"; in "a second half" it is a rank."""
    if tok is None or tok.i == 0 or tok.doc[tok.i - 1].lower_ not in ("a", "per", "every"):
        return False
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is None or nxt.is_punct


def _half_of_something(doc: Any, offset: int) -> bool:
    tok = _token_at(doc, offset)
    nxt = tok.nbor(1) if tok is not None and tok.i + 1 < len(doc) else None
    return nxt is not None and (nxt.lower_ in ("of", "a", "an") or nxt.pos_ in ("DET", "PRON"))


def _pounds_sterling(text: str, m: re.Match[str]) -> bool:
    """ "200 million pounds" is money; "2 million pounds of beef" is weight."""
    scaled = re.search(rf"\b{_SCALE}\s+$", text[m.start() : m.start("unit")]) is not None
    return scaled and not re.match(r"\s+of\b", text[m.end() :])


def _hundredths(value: str) -> str:
    return format_decimal(Decimal(value) / 100)


def _is_counting_one(doc: Any, offset: int) -> bool:
    """ "one" counts in "one more hour"; it does not in "no one", "the one who",
    "one another", nor in "one of the mothers", which picks one out of a group
    rather than counting it (a rewrite's "a mother" or "two mothers" is no
    changed count of 1)."""
    tok = _token_at(doc, offset)
    if tok is None or tok.pos_ != "NUM":
        return False
    if any(c.dep_ == "det" for c in tok.children):
        return False
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ == "no":
        return False
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "of" and tok.i + 2 < len(tok.doc):
        after = tok.doc[tok.i + 2]
        if after.pos_ in ("DET", "PRON") or after.tag_ == "PRP$":
            return False
    return not (nxt is not None and nxt.lower_ == "another")


def _spread_range_units(text: str, numbers: list[Fact]) -> list[Fact]:
    """In "5 to 17 months" and "between 10 and 20 percent" the unit of the
    second number belongs to the first too."""
    out = list(numbers)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.unit or not b.unit or b.unit == "ordinal":
            continue
        if _RANGE_GAP.fullmatch(text[a.end : b.start]):
            out[i] = replace(a, unit=b.unit)
    return out


# ------------------------------------------------------------------ entities


def _entities(doc: Any, text: str, taken: list[tuple[int, int]]) -> list[Fact]:
    # doc.text joins every token anew on each access: take the text once
    out: list[Fact] = []
    for ent in doc.ents:
        kind = _ENTITY_KINDS.get(ent.label_)
        if kind is None or _temperature_scale(ent):
            continue
        tokens = list(ent)
        if kind == FactKind.ORG and _is_title_word(tokens):
            continue
        if _is_dateline(text, tokens):
            kind = FactKind.PLACE
        if kind != FactKind.PERSON and _after_person_title(tokens[0]):
            kind = FactKind.PERSON
        fact = _entity_fact(text, kind, tokens)
        if fact is None or _overlaps(fact.start, fact.end, taken):
            continue
        out.append(fact)
    out.extend(_titled_people(doc, text, out, taken))
    out.extend(_missed_datelines(text, out, taken))
    out = _one_kind_per_name(_relabel_surnames(out))
    return out + _repeated_names(doc, text, out, taken)


def _temperature_scale(ent: Any) -> bool:
    """ "Fahrenheit" in "68 degrees Fahrenheit" is the number's unit, not a name."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return (
        ent.text.lower() in _TEMPERATURE_SCALE
        and before is not None
        and (before.lower_ in ("degree", "degrees") or before.like_num)
    )


def _missed_datelines(text: str, found: list[Fact], taken: list[tuple[int, int]]) -> list[Fact]:
    """ "SAN DIEGO — ..." when spaCy saw no entity there: a paragraph that opens
    with words in capitals and a dash or comma opens with its dateline."""
    out: list[Fact] = []
    have = [(f.start, f.end) for f in found]
    for para in re.finditer(r"(?m)^([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*)(?=,| —| --)", text):
        start, end = para.span(1)
        if len(para.group(1)) < 3 or _overlaps(start, end, have) or _overlaps(start, end, taken):
            continue
        surface = para.group(1)
        out.append(Fact(FactKind.PLACE, surface, canonical_place(surface), start, end))
    return out


def _repeated_names(
    doc: Any, text: str, found: list[Fact], taken: list[tuple[int, int]]
) -> list[Fact]:
    """A name spaCy labelled once and missed elsewhere ("She said Northwind
    would cut ..."): an unlabelled proper noun with the same text is the same."""
    known = {f.text: f for f in found if f.text[:1].isupper() and f.kind != FactKind.PERSON}
    if not known:
        return []
    have = [(f.start, f.end) for f in found]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, known)) + r")(?![\w-])")
    out: list[Fact] = []
    for m in pattern.finditer(text):
        start, end = m.span()
        if _overlaps(start, end, have) or _overlaps(start, end, taken):
            continue
        span = doc.char_span(start, end)
        if span is None or any(t.pos_ != "PROPN" for t in span if t.is_alpha):
            continue
        out.append(replace(known[m.group()], start=start, end=end))
    return out


def _is_title_word(tokens: list[Any]) -> bool:
    """ "State" in "Secretary of State", "Defense" in "Defense Secretary": part of a
    title, not an organisation."""
    first, last = tokens[0], tokens[-1]
    doc = first.doc
    if last.i + 1 < len(doc) and doc[last.i + 1].lower_ in TITLE_HEADS:
        return True
    if first.i >= 2 and doc[first.i - 1].lower_ == "of":
        return doc[first.i - 2].lower_ in TITLE_HEADS
    return False


def _is_dateline(text: str, tokens: list[Any]) -> bool:
    """ "WILMINGTON, Del. — ...": a place in capitals opening a paragraph."""
    first, last = tokens[0], tokens[-1]
    at_para_start = first.idx == 0 or text[first.idx - 1] == "\n"
    after = text[last.idx + len(last.text) : last.idx + len(last.text) + 3]
    return at_para_start and all(t.is_upper for t in tokens) and after.lstrip()[:1] in (",", "—")


def _after_person_title(tok: Any) -> bool:
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("mr.", "mrs.", "ms.", "dr.", "prof.")


def _entity_fact(text: str, kind: str, tokens: list[Any]) -> Fact | None:
    doc = tokens[0].doc
    # drop a leading "the" and trailing possessives or punctuation
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    # a name ends with a capitalised word: "James Rodriguez - all", "Izmir province"
    while tokens and (
        tokens[-1].lower_ in ("'s", "’s", "'", "’")
        or tokens[-1].is_punct
        or tokens[-1].is_lower
        or tokens[-1].is_space
    ):
        tokens = tokens[:-1]
    if not tokens or tokens[0].is_lower:
        return None  # "the gulf": a common noun, not a name
    if kind == FactKind.PERSON:
        # "Wigan Warriors' Manfredi": the name is what follows the possessive
        owners = [k for k, t in enumerate(tokens[:-1]) if t.lower_ in ("'s", "’s", "'", "’")]
        if owners:
            tokens = tokens[owners[-1] + 1 :]
        while len(tokens) > 1 and tokens[0].lower_.rstrip(".") in NAME_TITLES:
            tokens = tokens[1:]
        # spaCy reads "Secretary of State Antony J. Blinken" as ORG "State" +
        # PERSON "J. Blinken": take the given name back
        i = tokens[0].i
        while i > 0 and _name_like(doc[i - 1]):
            i -= 1
        tokens = [doc[j] for j in range(i, tokens[0].i)] + tokens
        if tokens[0].lower_.rstrip(".") in NAME_TITLES or tokens[0].is_lower:
            return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    surface = text[start:end]
    if not any(c.isalpha() for c in surface):
        return None
    if kind == FactKind.PERSON:
        value = strip_titles(surface)
    elif kind == FactKind.ORG:
        value = canonical_org(surface)
    else:
        value = canonical_place(surface)
    return Fact(kind, surface, value, start, end)


def _name_like(tok: Any) -> bool:
    """A token that can be a given name or initial just before a person's name."""
    if tok.lower_.rstrip(".") in NAME_TITLES:
        return False
    if re.fullmatch(r"[A-Z]\.", tok.text):
        return True
    return (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and tok.is_alpha
        and tok.ent_type_ not in ("GPE", "NORP", "LOC")
    )


def _titled_people(
    doc: Any, text: str, found: list[Fact], taken: list[tuple[int, int]]
) -> list[Fact]:
    """ "Mr. Blinken" when spaCy saw no entity there at all."""
    have = [(f.start, f.end) for f in found]
    out: list[Fact] = []
    for tok in doc[:-1]:
        if tok.lower_ not in ("mr.", "mrs.", "ms.", "dr.", "prof."):
            continue
        name = []
        j = tok.i + 1
        while j < len(doc) and (doc[j].pos_ == "PROPN" or re.fullmatch(r"[A-Z]\.", doc[j].text)):
            name.append(doc[j])
            j += 1
        if not name or not name[0].text[:1].isupper():
            continue
        start, end = name[0].idx, name[-1].idx + len(name[-1].text)
        if _overlaps(start, end, have) or _overlaps(start, end, taken):
            continue
        surface = text[start:end]
        out.append(Fact(FactKind.PERSON, surface, strip_titles(surface), start, end))
    return out


def _relabel_surnames(entities: list[Fact]) -> list[Fact]:
    """spaCy labels a bare surname ORG or GPE now and then ("Blinken"); if the
    text names that person in full elsewhere, it is the person."""
    surnames = {
        name_parts(f.value)[1] for f in entities if f.kind == FactKind.PERSON and " " in f.value
    }
    return [
        replace(f, kind=FactKind.PERSON, value=f.text)
        if f.kind != FactKind.PERSON and " " not in f.text and f.text in surnames
        else f
        for f in entities
    ]


def _one_kind_per_name(entities: list[Fact]) -> list[Fact]:
    """A name means one thing throughout an article: spaCy calls "Rafah" a
    place six times and a person three; the majority wins (ties: the first)."""
    votes: dict[str, list[str]] = {}
    for f in sorted(entities, key=lambda f: f.start):
        votes.setdefault(f.text, []).append(f.kind)
    out = []
    for f in entities:
        kinds = votes[f.text]
        best = max(dict.fromkeys(kinds), key=kinds.count)
        if best == f.kind:
            out.append(f)
        elif best == FactKind.PERSON:
            out.append(replace(f, kind=best, value=strip_titles(f.text)))
        elif best == FactKind.ORG:
            out.append(replace(f, kind=best, value=canonical_org(f.text)))
        else:
            out.append(replace(f, kind=best, value=canonical_place(f.text)))
    return out


def _resolve_people(facts: list[Fact]) -> list[Fact]:
    """Give each mention of a person the fullest compatible name in the text.

    Names with given names are grouped under the fullest name that matches
    them (:func:`names_match`). A mention that fits one group takes its name;
    when two people share a surname ("Joe Biden", "Hunter Biden") a bare
    "Biden" takes the nearest full name before it, else the first after it.
    """
    people = sorted((f for f in facts if f.kind == FactKind.PERSON), key=lambda f: f.start)
    fulls = list(dict.fromkeys(f.value for f in people if name_parts(f.value)[0]))

    def fullest(name: str) -> str:
        best = name
        for other in fulls:
            if len(name_parts(other)[0]) > len(name_parts(best)[0]) and names_match(other, name):
                best = other
        return best

    def resolve(f: Fact) -> str:
        reps = list(dict.fromkeys(fullest(w) for w in fulls if names_match(w, f.value)))
        if len(reps) <= 1:
            return reps[0] if reps else f.value
        before = [g for g in people if g.start < f.start and name_parts(g.value)[0]]
        after = [g for g in people if g.start > f.start and name_parts(g.value)[0]]
        for g in [*reversed(before), *after]:
            if names_match(g.value, f.value):
                return fullest(g.value)
        return f.value

    return [replace(f, value=resolve(f)) if f.kind == FactKind.PERSON else f for f in facts]


# ------------------------------------------------------------------ negation, modality


def _negations(doc: Any, text: str) -> list[Fact]:
    out: list[Fact] = []
    for tok in doc:
        low = tok.lower_
        cue_end = tok.idx + len(tok.text)
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (
            low == "no"
            and nxt is not None
            and nxt.lower_ in ("longer", "more")
            and (nxt.head.pos_ in ("VERB", "AUX", "ADJ"))
        ):
            cue_end = nxt.idx + len(nxt.text)  # "no longer works"
            value = _predicate(nxt.head)
        elif tok.dep_ == "neg" or low == "never":
            if low in ("no",):
                value = str(tok.head.lemma_).lower()
            elif tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "only":
                continue  # "not only ... but also" does not negate
            else:
                value = _predicate(tok.head)
        elif low == "no" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "one":
            one = doc[tok.i + 1]
            cue_end = one.idx + len(one.text)
            value = _predicate(one.head if one.head.i != one.i else tok.head)
        elif low == "no" and tok.dep_ == "det":
            value = tok.head.lemma_.lower()
        elif low in NEGATIVE_PRONOUNS:
            # "neither party expects": what is negated is the verb, as for "nobody"
            head = tok.head.head if tok.dep_ in ("det", "preconj") else tok.head
            value = _predicate(head) if head.i != tok.i else low
        elif low == "without":
            objs = [c for c in tok.children if c.dep_ in ("pobj", "pcomp")]
            value = objs[0].lemma_.lower() if objs else _predicate(tok.head)
        else:
            continue
        out.append(Fact(FactKind.NEGATION, text[tok.idx : cue_end], value, tok.idx, cue_end))
    return out


def _predicate(head: Any) -> str:
    """The lemma of what a negation negates: the verb, or the adjective or noun
    of a copula ("is not clear" -> "clear")."""
    # "Not one hostage was freed": from the number up to the verb. spaCy makes a
    # new Token object on every access, so tokens compare by index, never by `is`.
    if head.pos_ in ("NUM", "DET", "ADV", "PART"):
        while head.pos_ not in ("VERB", "AUX", "ADJ") and head.head.i != head.i:
            head = head.head
    if head.lemma_ == "be":
        for child in head.children:
            if child.dep_ in ("acomp", "attr") and child.i > head.i:
                return str(child.lemma_).lower()
    return str(head.lemma_).lower()


def _modals(doc: Any) -> list[Fact]:
    out: list[Fact] = []
    for tok in doc:
        if tok.tag_ != "MD":
            continue
        value = MODAL_FORMS.get(tok.lower_)
        if value is None:
            continue
        out.append(Fact(FactKind.MODALITY, tok.text, value, tok.idx, tok.idx + len(tok.text)))
    return out
