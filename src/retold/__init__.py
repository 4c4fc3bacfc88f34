"""retold: rewrite and summarize news articles without changing a single fact."""

from .data import Article, Fact, FactKind, Sentence
from .errors import RetoldError

__all__ = ["Article", "Fact", "FactKind", "RetoldError", "Sentence"]
__version__ = "0.1.0"
