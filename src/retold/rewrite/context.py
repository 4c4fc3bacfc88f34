"""What backends see of each sentence: its parse, its facts and its locked spans.

Fact spans (numbers with their qualifiers, dates, times, names) and every
quotation, read across sentences and paragraphs, are locked: a backend may
move them whole but never edit inside them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from retold.analyze.facts import analyze_doc
from retold.backends.base import SentenceContext
from retold.data import Fact, FactKind, Sentence
from retold.models.parser import parse_many

__all__ = ["quotation_spans", "quoted", "sentence_contexts"]

_QUOTE_MARKS = '"“”'


def sentence_contexts(sentences: Sequence[Sentence]) -> list[SentenceContext]:
    """What backends see of each sentence: its parse, facts and locked spans.

    Each sentence is parsed on its own (one ``nlp.pipe`` batch), so that a
    backend's offsets are offsets into ``sentence.text``.
    """
    docs = list(parse_many([s.text for s in sentences]))
    text = _article_text(sentences)
    quoted = _Quoted(quotation_spans(text))
    contexts = [
        _context(s, doc, sentences, k, quoted)
        for k, (s, doc) in enumerate(zip(sentences, docs, strict=True))
    ]
    return [
        replace(c, following_doc=docs[k + 1], following_locked=contexts[k + 1].locked)
        if c.following is not None
        else c
        for k, c in enumerate(contexts)
    ]


def _article_text(sentences: Sequence[Sentence]) -> str:
    """The article text as far as the sentences tell (gaps become spaces or
    line breaks), so that quotation marks can be read across sentences."""
    out: list[str] = []
    pos = 0
    for k, s in enumerate(sentences):
        gap = s.start - pos
        if gap > 0:
            new_paragraph = k > 0 and s.paragraph != sentences[k - 1].paragraph
            out.append(("\n" if new_paragraph else " ") * gap)
        out.append(s.text)
        pos = s.end
    return "".join(out)


def quotation_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Every quotation in ``text`` with its marks: double quotes (straight or
    curly) and single ones, read per paragraph, so that a sentence in the
    middle of a quotation is known to be quoted. A double quotation left open
    runs to the end of its paragraph (the news convention for a quotation
    that goes on)."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        a, b = para.start(), para.end()
        open_at: dict[str, int | None] = {'"': None, "'": None}
        for i in range(a, b):
            ch = text[i]
            before = text[i - 1] if i > a else " "
            after = text[i + 1] if i + 1 < b else " "
            if ch == "“":
                kind, opening = '"', True
            elif ch == "”":
                kind, opening = '"', False
            elif ch == '"':
                # a straight mark opens after a space or at the start, else it closes
                kind, opening = '"', before.isspace() or before in "([—–-" or i == a
            elif ch in "'‘’":
                if before.isalnum() and after.isalnum():
                    continue  # an apostrophe inside a word: don't, O'Neill
                if ch == "‘" or ((before.isspace() or before in "([—–-") and after.isalnum()):
                    kind, opening = "'", True
                elif open_at["'"] is not None and (before in ".,!?;:…" or before.isalnum()):
                    kind, opening = "'", False
                elif before in ".,!?…":
                    # closes a single quotation opened in an earlier paragraph
                    spans.append((a, i + 1))
                    continue
                else:
                    continue  # a plural possessive (players') or an elision ('90s)
            else:
                continue
            start = open_at[kind]
            if opening and start is None:
                open_at[kind] = i
            elif not opening and start is not None:
                spans.append((start, i + 1))
                open_at[kind] = None
            elif not opening and kind == '"':
                spans.append((a, i + 1))  # closes a quotation opened in an earlier paragraph
        start = open_at['"']
        if start is not None:
            spans.append((start, b))
    return tuple(sorted(spans))


class _Quoted:
    """The article's quotations (sorted), found by where they overlap a sentence.

    Issue 15: each sentence once looked at every quotation of the article.
    """

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._spans = spans
        self._starts = [a for a, _ in spans]
        self._longest = max((b - a for a, b in spans), default=0)

    def over(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotations that overlap [start, end), in order."""
        # One that opens ``longest`` or more before ``start`` has closed by it.
        lo = bisect.bisect_left(self._starts, start - self._longest + 1)
        hi = bisect.bisect_left(self._starts, end)
        return [(a, b) for a, b in self._spans[lo:hi] if start < b]


def _context(
    s: Sentence,
    doc: Any,
    sentences: Sequence[Sentence],
    k: int,
    quoted: _Quoted,
) -> SentenceContext:
    local = Sentence(s.text, 0, len(s.text), 0, s.paragraph)
    facts = analyze_doc(doc, (local,))
    inside = tuple(
        (max(a, s.start) - s.start, min(b, s.end) - s.start) for a, b in quoted.over(s.start, s.end)
    )
    nxt = sentences[k + 1] if k + 1 < len(sentences) else None
    return SentenceContext(
        sentence=s,
        facts=facts,
        locked=_merged([*_locked(s.text, facts), *inside]),
        doc=doc,
        previous=sentences[k - 1].text if k > 0 else "",
        following=nxt if nxt is not None and nxt.paragraph == s.paragraph else None,
    )


def _locked(text: str, facts: Sequence[Fact]) -> tuple[tuple[int, int], ...]:
    """Fact spans, widened to take in a number's qualifier and a quotation's marks.

    Negations and modal verbs are not frozen ("didn't" may become "did not");
    the audit gate rejects any candidate that loses or adds one.
    """
    spans = []
    for f in facts:
        if f.kind in (FactKind.NEGATION, FactKind.MODALITY):
            continue  # a word, not a span to freeze: the audit checks that it stays
        a, b = f.start, f.end
        if f.qualifier and f.kind in (FactKind.NUMBER, FactKind.TIME):
            m = re.search(rf"{re.escape(f.qualifier)}\s*$", text[:a], re.IGNORECASE)
            if m:
                a = m.start()
        if f.kind == FactKind.QUOTE:
            while a > 0 and (text[a - 1] in _QUOTE_MARKS or text[a - 1].isspace()):
                a -= 1
            while b < len(text) and text[b] in _QUOTE_MARKS + ",.!?":
                b += 1
        spans.append((a, b))
    return tuple(sorted(set(spans)))


def _merged(spans: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Overlapping spans as one (a quotation and the quote fact inside it)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


def quoted(contexts: Sequence[SentenceContext]) -> frozenset[int]:
    """The sentences that lie wholly inside a quotation."""
    out = set()
    for k, c in enumerate(contexts):
        words = [m.start() for m in re.finditer(r"\w", c.text)]
        if words and any(a <= words[0] and words[-1] < b for a, b in c.locked):
            out.add(k)
    return frozenset(out)
