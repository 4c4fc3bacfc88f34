"""summarize: article -> its key sentences, in article order, with scores."""

from __future__ import annotations

from retold.summarize.selector import SummarizeOptions, Summary, SummarySentence, summarize

__all__ = ["SummarizeOptions", "Summary", "SummarySentence", "summarize"]
