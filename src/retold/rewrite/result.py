"""What a rewrite is asked for and what it returns.

:class:`RewriteOptions` is the one options object of :func:`retold.rewrite.rewrite`;
:class:`Rewritten` and :class:`RewrittenSentence` are its result, with the
JSON that ``retold rewrite`` prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from retold.audit.auditor import AuditOptions
from retold.backends.base import Backend, GenerateOptions
from retold.data import Issue, Report, Sentence
from retold.errors import OptionsError
from retold.rewrite.rank import RankOptions
from retold.summarize.selector import SummarizeOptions, Summary

__all__ = [
    "KEPT",
    "REWRITTEN",
    "Alternative",
    "RewriteOptions",
    "Rewritten",
    "RewrittenSentence",
    "assemble",
]

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

    User control (README, "User control"):
    ``frozen``: terms that must come out word for word, in the same case
    (matched case-sensitively on word boundaries); a candidate that changes,
    splits, drops, re-cases or breaks up one is rejected before the gate,
    and a term the article does not contain is named in
    :attr:`Rewritten.warnings`.
    ``mode``: "standard", "formal" (no contraction or colloquial opener
    introduced) or "simple" (shorter sentences and commoner words preferred;
    no joins); backends are told it, and the ranker and the screen before
    the gate apply it.
    ``alternatives``: for each rewritten sentence, up to this many other
    candidates that also passed the gate, in rank order (each costs one more
    audit of a sentence pair; 0 turns them off).
    """

    backends: tuple[str | Backend, ...] = ("rules",)
    strength: str = "medium"
    gate: bool = True
    tries: int = 4
    summary: SummarizeOptions = field(default_factory=SummarizeOptions)
    audit: AuditOptions = field(default_factory=AuditOptions)
    rank: RankOptions | None = None
    language_model: bool = False
    frozen: tuple[str, ...] = ()
    mode: str = "standard"
    alternatives: int = 2

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
        self.generation()  # validates the strength, the mode and the frozen terms
        if self.tries < 1:
            raise OptionsError(f"tries must be at least 1, got {self.tries}", "pass e.g. tries=4")
        if not 0 <= self.alternatives <= _MAX_ALTERNATIVES:
            raise OptionsError(
                f"alternatives must be from 0 to {_MAX_ALTERNATIVES}, got {self.alternatives}",
                "pass e.g. alternatives=2 (0: none)",
            )

    def ranking(self) -> RankOptions:
        ranking = self.rank or RankOptions.for_strength(self.strength)
        return replace(ranking, mode=self.mode)

    def generation(self) -> GenerateOptions:
        """What every backend is told."""
        if isinstance(self.frozen, str):
            raise OptionsError(
                f"frozen must be a tuple of terms, got the string {self.frozen!r}",
                f"write frozen=({self.frozen!r},)",
            )
        if len(self.frozen) > _MAX_TERMS:
            raise OptionsError(
                f"{len(self.frozen)} frozen terms, more than {_MAX_TERMS}",
                "freeze the names and phrases that matter; facts are locked anyway",
            )
        for term in self.frozen:
            if not isinstance(term, str) or not term.strip():
                raise OptionsError(
                    f"a frozen term must be a non-empty string, got {term!r}",
                    "pass e.g. frozen=('Harbor Bridge',)",
                )
            if len(term) > _MAX_TERM:
                raise OptionsError(
                    f"a frozen term has {len(term)} characters, more than {_MAX_TERM}",
                    "freeze a name or a phrase, not a passage",
                )
        return GenerateOptions(self.strength, self.mode, tuple(t.strip() for t in self.frozen))


# Bounds that keep a request's cost in proportion: each alternative is one
# more audit of every rewritten sentence; a frozen term is a phrase.
_MAX_ALTERNATIVES = 10
_MAX_TERMS = 500
_MAX_TERM = 200


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another candidate for a sentence that also passed the gate."""

    text: str
    backend: str
    operations: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "backend": self.backend, "operations": list(self.operations)}


@dataclass(frozen=True, slots=True)
class RewrittenSentence:
    """One source sentence (or, for a join, several) and what became of it.

    ``source`` spans the article text; ``indices`` lists the source sentences
    it covers (one unless a backend joined sentences). ``issues`` carry
    source spans into the article and rewrite spans into :attr:`Rewritten.text`.
    ``reason`` says why a sentence was kept. ``alternatives``: the other
    candidates that passed the gate for a rewritten sentence, best first
    (any of them may stand in for ``rewrite``).
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
    alternatives: tuple[Alternative, ...] = ()

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
            "alternatives": [a.to_json() for a in self.alternatives],
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
