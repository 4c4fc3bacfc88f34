"""retold: rewrite and summarize news articles without changing a single fact.

One package per stage of the flow, each exporting its call, its options and
its result type::

    import retold

    article = retold.load("article.html")                     # ingest
    sentences = retold.segment.segment(article.text)          # sentences with offsets
    facts = retold.analyze.analyze(article.text)              # checkable facts
    summary = retold.summarize.summarize(article)             # key sentences
    report = retold.audit.audit(source, rewrite)              # typed issues and a score
    rewritten = retold.rewrite.rewrite(article)               # every sentence reworded, gated

Each stage module keeps its own name: ``retold.segment`` is the package and
``retold.segment.segment`` its function. Models load on first use, not on
import.
"""

from __future__ import annotations

import logging

from retold import analyze, audit, ingest, render, rewrite, segment, summarize
from retold.analyze import AnalyzeOptions
from retold.audit import AuditOptions
from retold.data import (
    AlignKind,
    Alignment,
    Article,
    Fact,
    FactKind,
    Issue,
    Report,
    Sentence,
    Severity,
)
from retold.errors import RetoldError
from retold.ingest import IngestOptions, load
from retold.render import RenderOptions
from retold.rewrite import RewriteOptions, Rewritten, RewrittenSentence
from retold.segment import SegmentOptions
from retold.summarize import SummarizeOptions, Summary, SummarySentence

__all__ = [
    "AlignKind",
    "Alignment",
    "AnalyzeOptions",
    "Article",
    "AuditOptions",
    "Fact",
    "FactKind",
    "IngestOptions",
    "Issue",
    "RenderOptions",
    "Report",
    "RetoldError",
    "RewriteOptions",
    "Rewritten",
    "RewrittenSentence",
    "SegmentOptions",
    "Sentence",
    "Severity",
    "SummarizeOptions",
    "Summary",
    "SummarySentence",
    "analyze",
    "audit",
    "ingest",
    "load",
    "render",
    "rewrite",
    "segment",
    "summarize",
]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
