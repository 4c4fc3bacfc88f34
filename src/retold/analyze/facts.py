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
many texts), never per sentence or per fact; a text longer than the parser
takes at once is parsed in pieces (:mod:`retold.models.parser`), never
refused for its length.

This module holds the calls and quotations; each other kind has its finder
in a module of its own: :mod:`~retold.analyze.numbers`,
:mod:`~retold.analyze.dates` (dates and times), :mod:`~retold.analyze.names`
(people, organisations, places) and :mod:`~retold.analyze.modality`
(negations and modal verbs). Their word lists live in :mod:`retold.lexicon`.

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
from dataclasses import replace
from typing import Any

from retold.analyze.dates import find_dates, find_times
from retold.analyze.modality import find_modals, find_negations
from retold.analyze.names import NAME_KINDS, find_entities, resolve_people
from retold.analyze.normalize import names_match
from retold.analyze.numbers import find_numbers
from retold.analyze.options import AnalyzeOptions
from retold.analyze.spans import Spans
from retold.data import Fact, FactKind, Sentence
from retold.models.parser import parse, parse_many
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
    doc = parse(text)
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
    texts_a, texts_b = _tee(texts)
    sents_iter: Iterator[Sequence[Sentence] | None] = (
        iter(sentences) if sentences is not None else _nones()
    )
    for text, doc in zip(texts_a, parse_many(texts_b, opts.batch_size), strict=True):
        sents = next(sents_iter, None)
        yield analyze_doc(doc, segment(text) if sents is None else sents, opts)


def analyze_doc(
    doc: Any, sentences: Sequence[Sentence], options: AnalyzeOptions | None = None
) -> tuple[Fact, ...]:
    """The facts of an already parsed spaCy ``Doc`` (``doc.text`` is the text)."""
    opts = options or AnalyzeOptions()
    text: str = doc.text
    taken = Spans()  # spans claimed by dates and times
    quotes = _quotes(text)
    dates = find_dates(text, doc, opts)
    taken.extend((f.start, f.end) for f in dates)
    times = find_times(text, taken)
    taken.extend((f.start, f.end) for f in times)
    entities = find_entities(doc, text, taken)
    numbers = find_numbers(text, doc, taken, entities)
    facts = [
        *quotes,
        *dates,
        *times,
        *numbers,
        *entities,
        *find_negations(doc, text),
        *find_modals(doc),
    ]
    facts = [f for f in facts if f.kind in opts.kinds]
    if opts.resolve_people:
        facts = resolve_people(facts)
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
        return a.kind in NAME_KINDS and b.kind in NAME_KINDS and a.value.lower() == b.value.lower()
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


def _nones() -> Iterator[None]:
    while True:
        yield None


def _tee(items: Iterable[str]) -> tuple[Iterator[str], Iterator[str]]:
    a, b = itertools.tee(items)
    return a, b


def _sentence_of(offset: int, starts: list[int], sentences: Sequence[Sentence]) -> int:
    i = bisect.bisect_right(starts, offset) - 1
    return sentences[i].index if i >= 0 else (sentences[0].index if sentences else 0)


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
