"""Sentence segmentation (placeholder: a naive splitter; replaced by the real one)."""

from __future__ import annotations

import re

from .data import Sentence

_BOUNDARY = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def segment(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with exact offsets into ``text``."""
    out: list[Sentence] = []
    for m in _BOUNDARY.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Sentence(text[start:end], start, end, len(out)))
    return tuple(out)
