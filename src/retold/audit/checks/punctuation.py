"""Punctuation no writer means: doubled or stray marks ('.”.', ", ."), T210; a
symbol written twice ("Marlow & & Finch"), T204; quotation marks that do not
balance, T206. Marks the source itself has are only warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from retold.audit.checks.textscan import CLOSE_Q, OPEN_Q, issue
from retold.data import Issue, Sentence, Severity

__all__ = ["doubled_symbols", "stray_punctuation", "unbalanced_quotes"]


# Punctuation doubled around a closing quote: '.".' or ".”."
# Punctuation no writer means: a period after a quotation already closed by
# its own end mark ('.”.'), a comma and a period, two periods that are no
# ellipsis, a comma or semicolon doubled.
_PUNCT_ERROR = re.compile(
    r"[.!?,][”\"’']\s*\.(?!\.)|,\s*\.(?!\.)|(?<![.…])\.\.(?![.…])|,\s*,|;\s*;"
)
# Punctuation that is a matter of style or tone ('."," she said', "?!").
_PUNCT_WARN = re.compile(r"[.!?][”\"’']\s*,|[!?][!?]+|[!?]\.|\.[!?]")
# A symbol standing alone, written twice: "Marlow & & Finch", "rock / / pop".
_DOUBLED_SYMBOL = re.compile(r"(?<!\S)([&+@#§|/])\s+\1(?!\S)")


def stray_punctuation(text: str, source: str | None = None) -> Iterator[Issue]:
    """T210: doubled or stray punctuation; an error when it is plainly broken and
    the source (when known) does not have the same, else a warning."""
    for pattern, plain in ((_PUNCT_ERROR, Severity.ERROR), (_PUNCT_WARN, Severity.WARNING)):
        for m in pattern.finditer(text):
            marks = m.group(0)
            severity, note = plain, ""
            if source is not None and _same_marks(marks, source):
                severity, note = Severity.WARNING, " (as in the source)"
            yield issue(
                "T210",
                f"'{marks.strip()}' is doubled or stray punctuation{note}",
                text,
                m.start(),
                m.end(),
                severity=severity,
            )


def doubled_symbols(text: str, source: str | None = None) -> Iterator[Issue]:
    for m in _DOUBLED_SYMBOL.finditer(text):
        copied = source is not None and _same_marks(m.group(0), source)
        yield issue(
            "T204",
            f"'{m.group(0)}' repeats a symbol" + (" (as in the source)" if copied else ""),
            text,
            m.start(),
            m.end(),
            severity=Severity.WARNING if copied else None,
        )


def _same_marks(marks: str, source: str) -> bool:
    """Whether the source holds the same marks, whatever the spaces between them."""
    bare = re.sub(r"\s+", "", marks)
    return bare in re.sub(r"\s+", "", source)


def unbalanced_quotes(text: str, sentences: tuple[Sentence, ...]) -> Iterator[Issue]:
    # An opening quote with nothing quoted after it: 'Biden. “.'
    for m in re.finditer(rf"{OPEN_Q}\s*(?:[.,;:!?]|$)", text):
        yield issue(
            "T206",
            "an opening quotation mark with nothing after it",
            text,
            m.start(),
            m.end(),
        )
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for i, (start, end) in enumerate(paragraphs):
        para = text[start:end]
        opens, closes = para.count(OPEN_Q), para.count(CLOSE_Q)
        if closes > opens:
            pos = start + para.find(CLOSE_Q)
            yield issue(
                "T206",
                "a closing quotation mark that no quote opened",
                text,
                pos,
                pos + 1,
            )
        elif opens > closes:
            # A quote may run on into the next paragraph, which then reopens it.
            nxt = (
                text[paragraphs[i + 1][0] : paragraphs[i + 1][1]] if i + 1 < len(paragraphs) else ""
            )
            if not nxt.lstrip().startswith(OPEN_Q):
                pos = start + para.rfind(OPEN_Q)
                yield issue(
                    "T206",
                    "a quotation that is opened and never closed",
                    text,
                    pos,
                    pos + 1,
                    severity=Severity.WARNING,
                )
        straight = para.count('"')
        if straight % 2 and opens == closes == 0:
            pos = start + para.rfind('"')
            yield issue(
                "T206",
                "an odd number of straight quotation marks",
                text,
                pos,
                pos + 1,
                severity=Severity.WARNING,
            )
