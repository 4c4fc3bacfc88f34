"""What the source-free checks share: an issue at a span of the text, the
quotation marks, and a look-up in the source that does not search it whole.

The families of checks (:mod:`.splits`, :mod:`.incomplete`, :mod:`.repeats`,
:mod:`.punctuation`, :mod:`.filler`) report through :func:`issue`, so every
issue carries a span into the text; :mod:`.text` runs them all.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from retold.audit import catalogue as cat
from retold.data import Issue

__all__ = [
    "CLOSE_Q",
    "OPEN_Q",
    "QUOTE_OPENERS",
    "SPEECH_MARKS",
    "in_source",
    "inside_quote",
    "issue",
]


OPEN_Q = "“"
CLOSE_Q = "”"

# A sentence that opens with a quotation mark is someone's words: "'I mean, it's
# a lot of work,' she said" quotes filler, it does not add it.
QUOTE_OPENERS = "\"“'‘"

# Quotation marks, told apart from apostrophes: a straight or curly double
# mark, a single mark opening a word or closing after punctuation.
SPEECH_MARKS = re.compile(r"[\"“”]|(?:^|\s)['‘]|[,.!?]['’](?:\s|$)")


def issue(code: str, message: str, text: str, start: int, end: int, **kw: Any) -> Issue:
    """An issue of type ``code`` at ``text[start:end]`` (``kw`` as for ``catalogue.make``)."""
    return cat.make(code, message, rewrite_span=(start, end), rewrite_text=text[start:end], **kw)


def inside_quote(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a curly quotation in its paragraph."""
    para_start = text.rfind("\n", 0, pos) + 1
    before = text[para_start:pos]
    return before.count(OPEN_Q) > before.count(CLOSE_Q)


def in_source(pattern: str, first: str, source: str, flags: int = 0) -> bool:
    """``re.search(pattern, source, flags)`` for a pattern whose every match
    opens with ``first`` as a whole word (no word character before it, none
    after its own word characters): tried only where the source has that
    word. Issue 15: searching a long source for every sentence of its
    rewrite made the text checks grow with the square of the article."""
    fold = bool(flags & re.IGNORECASE)
    key = re.match(r"\w*", first)
    word = key.group() if key is not None else ""
    starts = _word_starts(source, fold).get(word.lower() if fold else word, ())
    compiled = re.compile(pattern, flags)
    return any(compiled.match(source, p) for p in starts)


@functools.lru_cache(maxsize=4)
def _word_starts(source: str, fold: bool) -> dict[str, list[int]]:
    """Where each word of ``source`` stands (lower-cased when ``fold``)."""
    out: dict[str, list[int]] = {}
    for m in re.finditer(r"\b\w+", source):
        out.setdefault(m.group().lower() if fold else m.group(), []).append(m.start())
    return out
