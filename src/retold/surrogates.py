"""Lone surrogates: code points a Python ``str`` can hold (a JSON ``"\\ud800"``
escape makes one) but UTF-8 cannot encode, so spaCy, the tokenizer and
every output would fail on them. Where they are found and how they are made
safe: one pattern, shared by ingest, the models and the renderers.
"""

from __future__ import annotations

import re

__all__ = ["LONE_SURROGATE", "utf8_safe"]

#: One lone surrogate (U+D800 to U+DFFF).
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8_safe(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD, as an HTML parser
    would read it: one code point for one, so every offset holds; everything
    else is unchanged."""
    return LONE_SURROGATE.sub("\ufffd", text) if LONE_SURROGATE.search(text) else text
