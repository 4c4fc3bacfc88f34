"""ingest: a path, a URL, standard input, bytes, HTML or text -> an Article.

HTML is detected by its content and the article extracted (trafilatura, then
page furniture removed); URLs are fetched with limits and refused when they
point at private addresses. JSONL records are read here too.
"""

from __future__ import annotations

from retold.ingest.loader import (
    IngestOptions,
    article_from_bytes,
    article_from_html,
    article_from_text,
    load,
    looks_like_html,
)
from retold.ingest.records import BadLine, Record, article_from_record, read_records

__all__ = [
    "BadLine",
    "IngestOptions",
    "Record",
    "article_from_bytes",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "load",
    "looks_like_html",
    "read_records",
]
