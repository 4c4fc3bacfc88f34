"""Read the lexicon's data files (``lexicon/data/*.txt``) once.

A data file holds one entry a line. ``#`` starts a comment (the header of
each file says where its entries come from); blank lines are skipped. An
entry is a word or phrase, optionally followed by `` = `` and a value:
``miles per hour = mph``. In a tagged file the value is a list of tags
(``say = speech that``) and :func:`tagged` selects the entries that carry one.
Files are read from the installed package (they ship as package data), and
each at most once per process.
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["entries", "pairs", "tagged", "words"]


@functools.cache
def entries(name: str) -> tuple[tuple[str, str], ...]:
    """The (entry, value) lines of ``data/<name>.txt`` in file order; value "" if none."""
    text = resources.files(__package__).joinpath("data", f"{name}.txt").read_text("utf-8")
    rows: list[tuple[str, str]] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            key, _, value = line.partition(" = ")
            rows.append((key.strip(), value.strip()))
    return tuple(rows)


def words(name: str) -> frozenset[str]:
    """Every entry of ``data/<name>.txt``."""
    return frozenset(key for key, _ in entries(name))


def pairs(name: str) -> dict[str, str]:
    """``data/<name>.txt`` as a mapping from entry to value, in file order."""
    return dict(entries(name))


def tagged(name: str, tag: str) -> frozenset[str]:
    """The entries of ``data/<name>.txt`` whose tags include ``tag``."""
    return frozenset(key for key, value in entries(name) if tag in value.split())
