"""The gate: a candidate is printed only when the audit finds nothing that blocks it.

What blocks a candidate is the gate's policy (:func:`retold.data.blocks`):
any error, and any warning about a fact, whatever severity the report gives
it; the report itself (what a reader sees) keeps its calibrated severities.

Candidates are audited against their source sentence in rank order, one
round per candidate rank; a sentence whose candidates all fail keeps its
source, with the reasons. Before its audit, a candidate passes the
grammaticality check (:mod:`retold.rewrite.grammar`): one that reads broken
is rejected like one the audit faults, with its reason codes (``G1xx``).
Joins of two kept neighbours are checked alike and audited as two sources
to one. Finally the whole body is audited against the article, and
a sentence that audit still faults is put back to its source.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from retold.audit.auditor import Prepared, audit_many
from retold.backends.base import Candidate
from retold.data import Article, Issue, Report, Sentence
from retold.rewrite import grammar
from retold.rewrite.rank import Ranked
from retold.rewrite.result import KEPT, REWRITTEN, RewriteOptions, RewrittenSentence, assemble

__all__ = ["Chosen", "final_audit", "gate", "join"]

log = logging.getLogger(__name__)

# What the gate chose for one sentence: the candidate (None: keep the
# source), its issues against the source, and why it was kept.
Chosen = tuple[Ranked | None, tuple[Issue, ...], str]


def gate(
    todo: Sequence[int],
    sentences: Sequence[Sentence],
    ranked: Sequence[tuple[Ranked, ...]],
    opts: RewriteOptions,
    quoted: frozenset[int] = frozenset(),
    on_decided: Callable[[int], None] | None = None,
    docs: Sequence[Any] | None = None,
) -> dict[int, Chosen]:
    """Audit candidates in rank order, a round of one candidate per sentence at a time.

    ``on_decided(k)`` is told once per sentence of ``todo``, as soon as its
    outcome is known (a candidate passed, or its last one failed). ``docs``:
    spaCy's parse of each sentence, if at hand (the grammaticality check
    parses what is missing).
    """
    decided = on_decided or (lambda k: None)
    chosen: dict[int, Chosen] = {}
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
            decided(k)
    for attempt in range(opts.tries):
        pending = [k for k in todo if k not in chosen and attempt < len(options[k])]
        if not pending:
            break
        flaws = grammar.check_many(
            [(sentences[k].text, options[k][attempt].candidate) for k in pending],
            [docs[k] for k in pending] if docs is not None else None,
        )
        broken = {k: f for k, f in zip(pending, flaws, strict=True) if f}
        for k, found in broken.items():
            rejected[k].append("grammar: " + "; ".join(map(str, found)))
            if attempt + 1 == len(options[k]):
                decided(k)
        pending = [k for k in pending if k not in broken]
        pairs = [(sentences[k].text, options[k][attempt].candidate.text) for k in pending]
        for k, report in zip(pending, audit_many(pairs, opts.audit), strict=True):
            blockers = report.blockers
            if not blockers:
                chosen[k] = (options[k][attempt], report.issues, "")
                decided(k)
            else:
                rejected[k].append("; ".join(sorted({f"{e.code} {e.message}" for e in blockers})))
                if attempt + 1 == len(options[k]):
                    decided(k)
    for k in todo:
        if k not in chosen:
            why = rejected[k]
            checks = (
                "the audit or the grammar check"
                if any(r.startswith("grammar: ") for r in why)
                else "the audit"
            )
            chosen[k] = (None, (), f"every candidate failed {checks}: " + " | ".join(why))
    return chosen


def join(
    todo: Sequence[int],
    sentences: Sequence[Sentence],
    chosen: dict[int, Chosen],
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
    sources = [f"{sentences[k].text} {sentences[k + 1].text}" for k, _ in tried]
    flaws = grammar.check_many([(s, c) for s, (_, c) in zip(sources, tried, strict=True)])
    tried = [t for t, f in zip(tried, flaws, strict=True) if not f]
    if not tried:
        return {}
    pairs = [(f"{sentences[k].text} {sentences[k + 1].text}", c.text) for k, c in tried]
    return {
        k: c
        for (k, c), report in zip(tried, audit_many(pairs, opts.audit), strict=True)
        if not report.blockers
    }


def final_audit(
    article: Article,
    sentences: Sequence[Sentence],
    result: tuple[RewrittenSentence, ...],
    opts: RewriteOptions,
) -> tuple[Report, tuple[RewrittenSentence, ...]]:
    """Audit the whole body; with the gate on, put back any sentence it faults."""
    attempt = 0
    keep = Prepared()  # the source, parsed and embedded once for every round
    while True:
        body, spans = assemble(result)
        report = next(iter(audit_many([(article.text, body)], opts.audit, keep=keep)))
        blockers = _owners(report.blockers, result, spans)
        faulted = {
            k: sorted({f"{i.code} {i.message}" for i in blockers.get(k, ())})
            for k in range(len(result))
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


def _owners(
    issues: Sequence[Issue],
    result: Sequence[RewrittenSentence],
    spans: Sequence[tuple[int, int]],
) -> dict[int, list[Issue]]:
    """Which sentence of ``result`` each issue is about, as {position: its issues in order}.

    An issue belongs to the sentence whose body span (``spans``) holds the
    start of its rewrite span or, for an issue with no rewrite side ("this
    source sentence has no counterpart"), whose source span holds the start
    of its source span. Both kinds of span are in text order without
    overlap, so each issue's sentence is found by bisection.
    """
    body_starts = [span[0] for span in spans]
    source_starts = [s.source.start for s in result]
    out: dict[int, list[Issue]] = {}
    for issue in issues:
        if issue.rewrite_span is not None:
            at = issue.rewrite_span[0]
            k = bisect.bisect_right(body_starts, at) - 1
            inside = k >= 0 and at < spans[k][1]
        elif issue.source_span is not None:
            at = issue.source_span[0]
            k = bisect.bisect_right(source_starts, at) - 1
            inside = k >= 0 and at < result[k].source.end
        else:
            continue
        if inside:
            out.setdefault(k, []).append(issue)
    return out


# Putting a sentence back can shift the alignment of its neighbours; a few
# rounds settle it (each is one audit of the article, and most need none).
_AUDIT_ROUNDS = 5


def _place_issues(
    result: tuple[RewrittenSentence, ...], spans: Sequence[tuple[int, int]], report: Report
) -> tuple[RewrittenSentence, ...]:
    """Each sentence's issues from the whole-article report (spans into article and body)."""
    owners = _owners(report.issues, result, spans)
    return tuple(replace(s, issues=tuple(owners.get(k, ()))) for k, s in enumerate(result))
