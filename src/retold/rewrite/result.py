"""What a rewrite is asked for and what it returns.

:class:`RewriteOptions` is the one options object of :func:`retold.rewrite.rewrite`;
:class:`Rewritten` and :class:`RewrittenSentence` are its result, with the
JSON that ``retold rewrite`` prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from retold.audit.auditor import AuditOptions
from retold.backends.base import Backend, GenerateOptions
from retold.data import Issue, Report, Sentence
from retold.errors import OptionsError
from retold.rewrite.rank import RankOptions
from retold.summarize.selector import SummarizeOptions, Summary

__all__ = ["KEPT", "REWRITTEN", "RewriteOptions", "Rewritten", "RewrittenSentence", "assemble"]

REWRITTEN = "rewritten"
KEPT = "kept"


@dataclass(frozen=True, slots=True)
class RewriteOptions:
    """How to rewrite.

    ``backends``: backends by name (or as configured instances, e.g.
    ``OpenAIBackend(OpenAIOptions(api_base=...))``); their candidates are
    pooled, so when one fails (a service down, a rate limit) the others'
    candidates stand in, and the failure is recorded in
    :attr:`Rewritten.warnings`.
    ``strength``: "light", "medium" or "strong" (how far candidates go, and
    how much the ranker values change). ``gate``: audit every candidate and
    keep the source when none passes; off only for measuring the gate.
    ``tries``: candidates audited per sentence before the source is kept.
    ``rank``: ranking weights (default: chosen by ``strength``).
    ``language_model``: rank the best few candidates of each sentence also
    by SmolLM2's fluency and likelihood given the source (needs the ``llm``
    extra; about 0.1 s per candidate scored).
    """

    backends: tuple[str | Backend, ...] = ("rules",)
    strength: str = "medium"
    gate: bool = True
    tries: int = 4
    summary: SummarizeOptions = field(default_factory=SummarizeOptions)
    audit: AuditOptions = field(default_factory=AuditOptions)
    rank: RankOptions | None = None
    language_model: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.backends, str):
            raise OptionsError(
                f"backends must be a tuple of names, got the string {self.backends!r}",
                f"write backends=({self.backends!r},)",
            )
        if not self.backends:
            raise OptionsError("no rewrite backend chosen", "pass e.g. backends=('rules',)")
        for b in self.backends:
            if not isinstance(b, str | Backend):
                raise OptionsError(
                    f"a backend must be a name or a Backend, got {type(b).__name__}",
                    "pass e.g. backends=('rules', 'smollm')",
                )
        GenerateOptions(self.strength)  # validates the strength
        if self.tries < 1:
            raise OptionsError(f"tries must be at least 1, got {self.tries}", "pass e.g. tries=4")

    def ranking(self) -> RankOptions:
        return self.rank or RankOptions.for_strength(self.strength)


@dataclass(frozen=True, slots=True)
class RewrittenSentence:
    """One source sentence (or, for a join, several) and what became of it.

    ``source`` spans the article text; ``indices`` lists the source sentences
    it covers (one unless a backend joined sentences). ``issues`` carry
    source spans into the article and rewrite spans into :attr:`Rewritten.text`.
    ``reason`` says why a sentence was kept.
    """

    index: int
    source: Sentence
    rewrite: str
    status: str
    backend: str = ""
    operations: tuple[str, ...] = ()
    issues: tuple[Issue, ...] = ()
    reason: str = ""
    indices: tuple[int, ...] = ()
    paragraph: int = 0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "index": self.index,
            "source": {
                "text": self.source.text,
                "start": self.source.start,
                "end": self.source.end,
            },
            "rewrite": self.rewrite,
            "status": self.status,
            "backend": self.backend or None,
            "operations": list(self.operations),
            "paragraph": self.paragraph,
            "issues": [i.to_json() for i in self.issues],
        }
        if len(self.indices) > 1:
            out["indices"] = list(self.indices)
        if self.status == KEPT:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True, slots=True)
class Rewritten:
    """A rewritten article: headline, summary, sentences and the audit report.

    ``report`` audits :attr:`text` against the article's text. ``warnings``
    says what went wrong on the way without stopping the rewrite (a backend
    that failed). ``timings`` holds seconds per stage (not part of the JSON,
    which is deterministic).
    """

    id: str
    title: str
    summary: Summary
    sentences: tuple[RewrittenSentence, ...]
    report: Report
    timings: tuple[tuple[str, float], ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The rewritten body, one paragraph per source paragraph."""
        return assemble(self.sentences)[0]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary.to_json()["sentences"],
            "sentences": [s.to_json() for s in self.sentences],
            "report": self.report.to_json(),
            "warnings": list(self.warnings),
        }


def assemble(
    sentences: Sequence[RewrittenSentence],
) -> tuple[str, list[tuple[int, int]]]:
    """The body text and each sentence's span in it."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for k, s in enumerate(sentences):
        if k:
            sep = "\n\n" if s.paragraph != sentences[k - 1].paragraph else " "
            parts.append(sep)
            pos += len(sep)
        parts.append(s.rewrite)
        spans.append((pos, pos + len(s.rewrite)))
        pos += len(s.rewrite)
    return "".join(parts), spans
