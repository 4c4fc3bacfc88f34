"""rewrite: article -> every sentence reworded, each candidate gated by the audit.

Backends propose candidates (:mod:`retold.backends`); the ranker
(``rank``) orders them, the gate (``gate``) audits them and keeps the source
sentence, with the reason, when no candidate passes. ``context`` is what
backends see of a sentence. No sentence is ever dropped.
"""

from __future__ import annotations

from retold.rewrite.pipeline import rewrite
from retold.rewrite.result import RewriteOptions, Rewritten, RewrittenSentence

__all__ = ["RewriteOptions", "Rewritten", "RewrittenSentence", "rewrite"]
