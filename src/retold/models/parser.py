"""Run spaCy over texts of any length: a long text is parsed in pieces.

spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 characters),
and below that its memory grows with the text it parses at once (about 1 GB
per 100,000 characters by spaCy's own estimate for the parser and the
recogniser). A text longer than :data:`PIECE` characters is therefore cut at
paragraph breaks (else at a sentence end, else at a space), its pieces are
parsed one batch at a time, and their docs are joined back into one ``Doc``
whose text is the original text, character for character, so every offset
holds. A text of :data:`PIECE` characters or fewer (any ordinary article) is
parsed whole, as before.

The pieces of a text are parsed without the words on the other side of a
cut; a cut at a paragraph break costs nothing, since neither the parser nor
the recogniser links words across one.

A Python string may hold a lone surrogate (a JSON ``"\\ud800"`` escape makes
one), which is no character and which spaCy's string store cannot encode.
Such a text is parsed as a copy with U+FFFD in each lone surrogate's place:
one code point for one, so every offset holds; the doc's text then shows
the replacement character where the caller's text has the surrogate.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from retold import models
from retold.surrogates import utf8_safe

__all__ = ["PIECE", "parse", "parse_many", "pieces"]

# Characters parsed at once, at most: a long article's chapter, some 900
# sentences of news. Also the most characters one batch of parse_many holds.
PIECE = 100_000

_PARAGRAPH = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"“'‘(\[]?[A-Z0-9])")
_SPACE = re.compile(r"\s+")


def pieces(text: str, size: int = PIECE) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back into it.

    A cut falls after a paragraph break when the last ``size`` characters
    hold one in their second half, else after a sentence end, else after a
    space, else (a run of ``size`` characters without a space) at ``size``.
    """
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = 0
        for pattern in (_PARAGRAPH, _SENTENCE_END, _SPACE):
            ends = [m.end() for m in pattern.finditer(window, size // 2)]
            # A match running to the window's edge may run on past it: cut
            # only where the whitespace is known to end.
            ends = [e for e in ends if e < len(window)]
            if ends:
                cut = ends[-1]
                break
        if cut == 0:
            cut = size
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return out


def parse(text: str) -> Any:
    """spaCy's ``Doc`` of ``text``, parsed in pieces when the text is long."""
    nlp = models.nlp()
    text = utf8_safe(text)
    if len(text) <= _piece_size(nlp):
        return nlp(text)
    return next(parse_many([text]))


def parse_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Any]:
    """spaCy's ``Doc`` of each text, lazily and in order, parsed with ``nlp.pipe``.

    A batch holds up to ``batch_size`` texts or pieces and, past its first,
    no more than :data:`PIECE` characters, so a long text never sits in
    memory as a whole parse of its own.
    """
    nlp = models.nlp()
    size = _piece_size(nlp)
    counts: deque[int] = deque()  # pieces per text, in order
    batch: list[str] = []
    chars = 0
    parsed: list[Any] = []

    def flush() -> Iterator[Any]:
        nonlocal chars
        parsed.extend(nlp.pipe(batch, batch_size=max(len(batch), 1)))
        batch.clear()
        chars = 0
        while counts and len(parsed) >= counts[0]:
            n = counts.popleft()
            docs = parsed[:n]
            del parsed[:n]
            yield docs[0] if n == 1 else _join(docs)

    for text in map(utf8_safe, texts):
        parts = pieces(text, size) if len(text) > size else [text]
        counts.append(len(parts))
        for part in parts:
            if batch and (len(batch) >= batch_size or chars + len(part) > size):
                yield from flush()
            batch.append(part)
            chars += len(part)
    if batch:
        yield from flush()


def _piece_size(nlp: Any) -> int:
    # Read at each call, so that a test may make pieces small.
    return min(PIECE, int(getattr(nlp, "max_length", PIECE)))


def _join(docs: list[Any]) -> Any:
    from spacy.tokens import Doc

    return Doc.from_docs(docs, ensure_whitespace=False)
