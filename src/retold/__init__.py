"""retold: rewrite and summarize news articles without changing a single fact.

The public calls, one per stage of the flow::

    article = retold.load("article.html")          # ingest: path, URL or "-"
    sentences = retold.segment(article.text)       # sentences with offsets
    facts = retold.analyze(article.text)           # checkable facts
    summary = retold.summarize(article)            # key sentences
    report = retold.audit(source, rewrite)         # typed issues and a score
    rewritten = retold.rewrite(article)            # every sentence reworded, gated

Models load on first use, not on import.
"""

from __future__ import annotations

from .analyze import analyze
from .audit import audit
from .data import Alignment, Article, Fact, FactKind, Issue, Report, Sentence
from .errors import RetoldError
from .ingest import load
from .rewrite import rewrite
from .segment import segment
from .summarize import summarize

__all__ = [
    "Alignment",
    "Article",
    "Fact",
    "FactKind",
    "Issue",
    "Report",
    "RetoldError",
    "Sentence",
    "analyze",
    "audit",
    "load",
    "rewrite",
    "segment",
    "summarize",
]
__version__ = "0.1.0"
