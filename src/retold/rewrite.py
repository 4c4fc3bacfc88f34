"""Rewrite an article sentence by sentence without changing a fact.

``rewrite(article)`` returns the headline, the key-sentence summary and the
body rewritten: backends propose candidates for every source sentence, the
ranker orders them (meaning kept, real change, fluency), and the audit gate
tries them in that order. A candidate with any error-severity issue against
its source sentence is rejected; when none passes, the source sentence is
kept and the reason recorded. No sentence is ever dropped or reordered, and
paragraphs are kept. Finally the whole body is audited against the article;
a sentence that this audit still faults is put back to its source.

Fact spans (numbers with their qualifiers, dates, times, names) and every
quotation, read across sentences and paragraphs, are locked: a backend may
move them whole but never edit inside them, so a sentence wholly inside a
quotation stays word for word. Two neighbours that both stayed as they were
may be joined by a backend; the join is audited as two sources to one and
shows in the JSON as one entry with ``"indices": [i, i + 1]``.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from . import backends, models
from .analyze import analyze_doc
from .audit import AuditOptions, audit_many
from .backends.base import Backend, Candidate, GenerateOptions, SentenceContext
from .data import Article, Fact, FactKind, Issue, Report, Sentence
from .errors import BackendError, EmptyInputError, OptionsError
from .rank import Ranked, RankOptions, rank_many
from .segment import segment
from .summarize import SummarizeOptions, Summary, summarize

__all__ = [
    "RewriteOptions",
    "Rewritten",
    "RewrittenSentence",
    "quotation_spans",
    "rewrite",
    "sentence_contexts",
]

log = logging.getLogger(__name__)

REWRITTEN = "rewritten"
KEPT = "kept"

_QUOTE_MARKS = '"“”'


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
        return _assemble(self.sentences)[0]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary.to_json()["sentences"],
            "sentences": [s.to_json() for s in self.sentences],
            "report": self.report.to_json(),
            "warnings": list(self.warnings),
        }


def rewrite(article: Article, options: RewriteOptions | None = None) -> Rewritten:
    """Rewrite ``article``: headline, key-sentence summary and a gated rewrite."""
    opts = options or RewriteOptions()
    if not article.text.strip():
        raise EmptyInputError(
            "the article has no text to rewrite",
            "pass an Article whose text holds at least one sentence",
        )
    clock = _Clock()
    sentences = segment(article.text)
    if not sentences:
        raise EmptyInputError(
            "no sentence was found in the article",
            "pass an Article whose text holds at least one sentence",
        )
    title, headline = _headline(article, sentences)
    clock.lap("segment")
    summary = summarize(article, opts.summary, sentences)
    clock.lap("summarize")

    contexts = sentence_contexts(sentences)
    clock.lap("parse")
    todo = [k for k in range(len(sentences)) if k != headline]
    warnings: list[str] = []
    pooled, joins = _candidates([contexts[k] for k in todo], opts, warnings)
    clock.lap("generate")
    lm = models.smollm() if opts.language_model else None
    ranked = rank_many([sentences[k].text for k in todo], pooled, opts.ranking(), lm)
    clock.lap("rank")

    chosen: dict[int, tuple[Ranked | None, tuple[Issue, ...], str]] = {}
    joined: dict[int, Candidate] = {}
    if opts.gate:
        chosen = _gate(todo, sentences, ranked, opts, quoted=_quoted(contexts))
        joined = _join(todo, sentences, chosen, dict(zip(todo, joins, strict=True)), opts)
    else:
        for k, r in zip(todo, ranked, strict=True):
            chosen[k] = (r[0], (), "") if r else (None, (), "no backend proposed a candidate")
    clock.lap("gate")

    result = _build(article, sentences, headline, chosen, joined)
    report, result = _final_audit(article, sentences, result, opts)
    clock.lap("audit")
    return Rewritten(
        id=article.id,
        title=title,
        summary=summary,
        sentences=result,
        report=report,
        timings=clock.laps(),
        warnings=tuple(warnings),
    )


# ------------------------------------------------------------------ stages


class _Clock:
    def __init__(self) -> None:
        self._last = time.perf_counter()
        self._laps: list[tuple[str, float]] = []

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self._laps.append((stage, now - self._last))
        self._last = now

    def laps(self) -> tuple[tuple[str, float], ...]:
        return tuple(self._laps)


def _headline(article: Article, sentences: Sequence[Sentence]) -> tuple[str, int | None]:
    """The title, and the index of the sentence that is the headline (if any)."""
    first = sentences[0]
    own_paragraph = len(sentences) > 1 and sentences[1].paragraph != first.paragraph
    looks_like_headline = (
        own_paragraph
        and not first.text.rstrip().endswith((".", "!", "?", '"', "”", ":"))
        and len(first.text.split()) <= 25
    )
    if article.title:
        same = article.title.strip() == first.text.strip()
        return article.title, 0 if same and own_paragraph else None
    if looks_like_headline:
        return first.text.strip(), 0
    return "", None


def sentence_contexts(sentences: Sequence[Sentence]) -> list[SentenceContext]:
    """What backends see of each sentence: its parse, facts and locked spans.

    Each sentence is parsed on its own (one ``nlp.pipe`` batch), so that a
    backend's offsets are offsets into ``sentence.text``.
    """
    docs = list(models.nlp().pipe([s.text for s in sentences]))
    text = _article_text(sentences)
    quoted = quotation_spans(text)
    contexts = [
        _context(s, doc, sentences, k, quoted)
        for k, (s, doc) in enumerate(zip(sentences, docs, strict=True))
    ]
    return [
        replace(c, following_doc=docs[k + 1], following_locked=contexts[k + 1].locked)
        if c.following is not None
        else c
        for k, c in enumerate(contexts)
    ]


def _article_text(sentences: Sequence[Sentence]) -> str:
    """The article text as far as the sentences tell (gaps become spaces or
    line breaks), so that quotation marks can be read across sentences."""
    out: list[str] = []
    pos = 0
    for k, s in enumerate(sentences):
        gap = s.start - pos
        if gap > 0:
            new_paragraph = k > 0 and s.paragraph != sentences[k - 1].paragraph
            out.append(("\n" if new_paragraph else " ") * gap)
        out.append(s.text)
        pos = s.end
    return "".join(out)


def quotation_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Every quotation in ``text`` with its marks: double quotes (straight or
    curly) and single ones, read per paragraph, so that a sentence in the
    middle of a quotation is known to be quoted. A double quotation left open
    runs to the end of its paragraph (the news convention for a quotation
    that goes on)."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        a, b = para.start(), para.end()
        open_at: dict[str, int | None] = {'"': None, "'": None}
        for i in range(a, b):
            ch = text[i]
            before = text[i - 1] if i > a else " "
            after = text[i + 1] if i + 1 < b else " "
            if ch == "“":
                kind, opening = '"', True
            elif ch == "”":
                kind, opening = '"', False
            elif ch == '"':
                # a straight mark opens after a space or at the start, else it closes
                kind, opening = '"', before.isspace() or before in "([—–-" or i == a
            elif ch in "'‘’":
                if before.isalnum() and after.isalnum():
                    continue  # an apostrophe inside a word: don't, O'Neill
                if ch == "‘" or ((before.isspace() or before in "([—–-") and after.isalnum()):
                    kind, opening = "'", True
                elif open_at["'"] is not None and (before in ".,!?;:…" or before.isalnum()):
                    kind, opening = "'", False
                elif before in ".,!?…":
                    # closes a single quotation opened in an earlier paragraph
                    spans.append((a, i + 1))
                    continue
                else:
                    continue  # a plural possessive (players') or an elision ('90s)
            else:
                continue
            start = open_at[kind]
            if opening and start is None:
                open_at[kind] = i
            elif not opening and start is not None:
                spans.append((start, i + 1))
                open_at[kind] = None
            elif not opening and kind == '"':
                spans.append((a, i + 1))  # closes a quotation opened in an earlier paragraph
        start = open_at['"']
        if start is not None:
            spans.append((start, b))
    return tuple(sorted(spans))


def _context(
    s: Sentence,
    doc: Any,
    sentences: Sequence[Sentence],
    k: int,
    quoted: Sequence[tuple[int, int]],
) -> SentenceContext:
    local = Sentence(s.text, 0, len(s.text), 0, s.paragraph)
    facts = analyze_doc(doc, (local,))
    inside = tuple(
        (max(a, s.start) - s.start, min(b, s.end) - s.start)
        for a, b in quoted
        if a < s.end and s.start < b
    )
    nxt = sentences[k + 1] if k + 1 < len(sentences) else None
    return SentenceContext(
        sentence=s,
        facts=facts,
        locked=_merged([*_locked(s.text, facts), *inside]),
        doc=doc,
        previous=sentences[k - 1].text if k > 0 else "",
        following=nxt if nxt is not None and nxt.paragraph == s.paragraph else None,
    )


def _locked(text: str, facts: Sequence[Fact]) -> tuple[tuple[int, int], ...]:
    """Fact spans, widened to take in a number's qualifier and a quotation's marks.

    Negations and modal verbs are not frozen ("didn't" may become "did not");
    the audit gate rejects any candidate that loses or adds one.
    """
    spans = []
    for f in facts:
        if f.kind in (FactKind.NEGATION, FactKind.MODALITY):
            continue  # a word, not a span to freeze: the audit checks that it stays
        a, b = f.start, f.end
        if f.qualifier and f.kind in (FactKind.NUMBER, FactKind.TIME):
            m = re.search(rf"{re.escape(f.qualifier)}\s*$", text[:a], re.IGNORECASE)
            if m:
                a = m.start()
        if f.kind == FactKind.QUOTE:
            while a > 0 and (text[a - 1] in _QUOTE_MARKS or text[a - 1].isspace()):
                a -= 1
            while b < len(text) and text[b] in _QUOTE_MARKS + ",.!?":
                b += 1
        spans.append((a, b))
    return tuple(sorted(set(spans)))


def _merged(spans: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Overlapping spans as one (a quotation and the quote fact inside it)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


def _candidates(
    contexts: Sequence[SentenceContext], opts: RewriteOptions, warnings: list[str]
) -> tuple[list[tuple[Candidate, ...]], list[tuple[Candidate, ...]]]:
    """Every backend's candidates, pooled: 1:1 rewrites, and joins with the next sentence.

    A backend that fails gives what it had before failing; the failure is
    added to ``warnings`` and the other backends' candidates stand in.
    """
    gen = GenerateOptions(opts.strength)
    pooled: list[dict[str, Candidate]] = [{} for _ in contexts]
    joins: list[dict[str, Candidate]] = [{} for _ in contexts]
    for choice in opts.backends:
        backend = backends.get(choice) if isinstance(choice, str) else choice
        try:
            proposed = backend.candidates_many(contexts, gen)
        except BackendError as exc:
            log.warning("backend %s failed: %s", backend.name, exc)
            warnings.append(f"backend {backend.name}: {exc}")
            proposed = [tuple(c for c in p if isinstance(c, Candidate)) for p in exc.partial]
        for k, cands in enumerate(proposed):
            for c in cands:
                text = c.text.strip()
                if not text or text == contexts[k].text.strip():
                    continue
                if c.consumes == 1:
                    pooled[k].setdefault(text, c)
                elif c.consumes == 2 and contexts[k].following is not None:
                    joins[k].setdefault(text, c)
    return [tuple(p.values()) for p in pooled], [tuple(j.values()) for j in joins]


def _gate(
    todo: Sequence[int],
    sentences: Sequence[Sentence],
    ranked: Sequence[tuple[Ranked, ...]],
    opts: RewriteOptions,
    quoted: frozenset[int] = frozenset(),
) -> dict[int, tuple[Ranked | None, tuple[Issue, ...], str]]:
    """Audit candidates in rank order, a round of one candidate per sentence at a time."""
    chosen: dict[int, tuple[Ranked | None, tuple[Issue, ...], str]] = {}
    rejected: dict[int, list[str]] = {k: [] for k in todo}
    options = {k: r[: opts.tries] for k, r in zip(todo, ranked, strict=True)}
    for k, r in options.items():
        if not r:
            chosen[k] = (
                None,
                (),
                "a quotation: it stays word for word"
                if k in quoted
                else "no backend proposed a candidate that kept the meaning",
            )
    for attempt in range(opts.tries):
        pending = [k for k in todo if k not in chosen and attempt < len(options[k])]
        if not pending:
            break
        pairs = [(sentences[k].text, options[k][attempt].candidate.text) for k in pending]
        for k, report in zip(pending, audit_many(pairs, opts.audit), strict=True):
            errors = report.errors
            if not errors:
                chosen[k] = (options[k][attempt], report.issues, "")
            else:
                rejected[k].append("; ".join(sorted({f"{e.code} {e.message}" for e in errors})))
    for k in todo:
        if k not in chosen:
            chosen[k] = (None, (), "every candidate failed the audit: " + " | ".join(rejected[k]))
    return chosen


def _quoted(contexts: Sequence[SentenceContext]) -> frozenset[int]:
    """The sentences that lie wholly inside a quotation."""
    out = set()
    for k, c in enumerate(contexts):
        words = [m.start() for m in re.finditer(r"\w", c.text)]
        if words and any(a <= words[0] and words[-1] < b for a, b in c.locked):
            out.add(k)
    return frozenset(out)


def _join(
    todo: Sequence[int],
    sentences: Sequence[Sentence],
    chosen: dict[int, tuple[Ranked | None, tuple[Issue, ...], str]],
    joins: dict[int, tuple[Candidate, ...]],
    opts: RewriteOptions,
) -> dict[int, Candidate]:
    """Joins of two neighbours that were both kept, audited as two sources to one.

    A join is only a fallback: a sentence that has a 1:1 rewrite keeps it.
    """
    kept = {k for k in todo if chosen[k][0] is None}
    tried: list[tuple[int, Candidate]] = []
    taken: set[int] = set()
    for k in todo:
        if k in kept and k + 1 in kept and joins.get(k) and not taken & {k, k + 1}:
            tried.append((k, joins[k][0]))
            taken |= {k, k + 1}
    if not tried:
        return {}
    pairs = [(f"{sentences[k].text} {sentences[k + 1].text}", c.text) for k, c in tried]
    return {
        k: c
        for (k, c), report in zip(tried, audit_many(pairs, opts.audit), strict=True)
        if not report.errors
    }


def _build(
    article: Article,
    sentences: Sequence[Sentence],
    headline: int | None,
    chosen: dict[int, tuple[Ranked | None, tuple[Issue, ...], str]],
    joined: dict[int, Candidate],
) -> tuple[RewrittenSentence, ...]:
    out = []
    for k, s in enumerate(sentences):
        if k - 1 in joined:
            continue  # the sentence before took this one in
        if k in joined:
            nxt = sentences[k + 1]
            both = Sentence(article.text[s.start : nxt.end], s.start, nxt.end, s.index, s.paragraph)
            c = joined[k]
            out.append(
                RewrittenSentence(
                    s.index,
                    both,
                    c.text,
                    REWRITTEN,
                    backend=c.backend,
                    operations=c.operations,
                    indices=(s.index, nxt.index),
                    paragraph=s.paragraph,
                )
            )
            continue
        if k == headline:
            out.append(
                RewrittenSentence(
                    s.index,
                    s,
                    s.text,
                    KEPT,
                    reason="headline",
                    indices=(s.index,),
                    paragraph=s.paragraph,
                )
            )
            continue
        best, issues, reason = chosen[k]
        if best is None:
            out.append(
                RewrittenSentence(
                    s.index,
                    s,
                    s.text,
                    KEPT,
                    reason=reason,
                    indices=(s.index,),
                    paragraph=s.paragraph,
                )
            )
        else:
            c = best.candidate
            out.append(
                RewrittenSentence(
                    s.index,
                    s,
                    c.text,
                    REWRITTEN,
                    backend=c.backend,
                    operations=c.operations,
                    issues=issues,
                    indices=(s.index,),
                    paragraph=s.paragraph,
                )
            )
    return tuple(out)


def _assemble(
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


def _final_audit(
    article: Article,
    sentences: Sequence[Sentence],
    result: tuple[RewrittenSentence, ...],
    opts: RewriteOptions,
) -> tuple[Report, tuple[RewrittenSentence, ...]]:
    """Audit the whole body; with the gate on, put back any sentence it faults."""
    attempt = 0
    while True:
        body, spans = _assemble(result)
        report = next(iter(audit_many([(article.text, body)], opts.audit)))
        faulted = {
            k: sorted(
                {f"{i.code} {i.message}" for i in report.errors if _belongs(i, result[k], span)}
            )
            for k, span in enumerate(spans)
            if result[k].status == REWRITTEN
        }
        faulted = {k: v for k, v in faulted.items() if v}
        attempt += 1
        if not opts.gate or not faulted or attempt == _AUDIT_ROUNDS:
            return report, _place_issues(result, spans, report)
        log.info("the whole-article audit put back %d sentence(s)", len(faulted))
        put_back: list[RewrittenSentence] = []
        for k, s in enumerate(result):
            if k not in faulted:
                put_back.append(s)
                continue
            reason = "the whole-article audit faulted the rewrite: " + "; ".join(faulted[k])
            for i in s.indices or (s.index,):
                src = sentences[i]
                put_back.append(
                    RewrittenSentence(
                        src.index,
                        src,
                        src.text,
                        KEPT,
                        reason=reason,
                        indices=(src.index,),
                        paragraph=src.paragraph,
                    )
                )
        result = tuple(put_back)


def _belongs(issue: Issue, s: RewrittenSentence, span: tuple[int, int]) -> bool:
    """Whether ``issue`` is about ``s``: by its rewrite span (in the body) or, for
    an issue with no rewrite side ("this source sentence has no counterpart"),
    by its source span."""
    if issue.rewrite_span is not None:
        return span[0] <= issue.rewrite_span[0] < span[1]
    return issue.source_span is not None and (s.source.start <= issue.source_span[0] < s.source.end)


# Putting a sentence back can shift the alignment of its neighbours; a few
# rounds settle it (each is one audit of the article, and most need none).
_AUDIT_ROUNDS = 5


def _place_issues(
    result: tuple[RewrittenSentence, ...], spans: Sequence[tuple[int, int]], report: Report
) -> tuple[RewrittenSentence, ...]:
    """Each sentence's issues from the whole-article report (spans into article and body)."""
    return tuple(
        replace(s, issues=tuple(i for i in report.issues if _belongs(i, s, spans[k])))
        for k, s in enumerate(result)
    )
