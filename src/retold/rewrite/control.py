"""User control over a rewrite: frozen terms, the mode's screen, alternatives.

``RewriteOptions(frozen=..., mode=..., alternatives=...)`` (README, "User
control"). Frozen terms are matched case-sensitively on word boundaries
("Harbor Bridge" is not in "harbor bridge" nor in "Harbor Bridges"). Each is
locked in the sentences that hold it, as facts are, so that the rules
backend leaves it whole; and every candidate of every backend is screened
before the gate: one that holds a frozen term fewer times than its source
(changed, split, dropped, re-cased, or a word of it moved away) is refused,
as is one the mode refuses (:func:`retold.rewrite.modes.refusal`). A
sentence whose candidates were all refused keeps its source with the
screen's reasons.

Alternatives are found after the gate: for each rewritten sentence the
candidates ranked below the one printed are audited against the source, in
rank order, until ``alternatives`` of them pass or ``tries`` of them were
audited, one round of :func:`~retold.audit.auditor.audit_many` per rank.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from retold.audit.auditor import audit_many
from retold.backends.base import Candidate, GenerateOptions, SentenceContext
from retold.data import Sentence
from retold.rewrite import grammar, modes
from retold.rewrite.gate import Chosen
from retold.rewrite.rank import Ranked
from retold.rewrite.result import REWRITTEN, Alternative, RewriteOptions, RewrittenSentence

__all__ = [
    "absent",
    "alternatives",
    "attach",
    "explain",
    "frozen_refusal",
    "lock_frozen",
    "screen",
]

Pool = list[tuple[Candidate, ...]]


def _pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")


def _count(term: str, text: str) -> int:
    return len(_pattern(term).findall(text))


def absent(text: str, frozen: Sequence[str]) -> list[str]:
    """A warning for each frozen term that ``text`` does not contain."""
    return [
        f"the frozen term {term!r} is not in the article (terms match case and whole words)"
        for term in frozen
        if not _count(term, text)
    ]


def frozen_refusal(source: str, candidate: str, frozen: Sequence[str]) -> str:
    """Why ``candidate`` breaks a frozen term of ``source``, or ""."""
    broken = [t for t in frozen if _count(t, candidate) < _count(t, source)]
    if not broken:
        return ""
    names = ", ".join(repr(t) for t in broken)
    return f"changes the frozen term{'s' if len(broken) > 1 else ''} {names}"


def lock_frozen(
    contexts: Sequence[SentenceContext], frozen: Sequence[str]
) -> list[SentenceContext]:
    """``contexts`` with every frozen term's occurrences added to their locked spans."""
    if not frozen:
        return list(contexts)
    patterns = [_pattern(t) for t in frozen]
    locked = [
        _merged([*c.locked, *((m.start(), m.end()) for p in patterns for m in p.finditer(c.text))])
        for c in contexts
    ]
    return [
        replace(
            c,
            locked=locked[k],
            following_locked=locked[k + 1] if c.following is not None else c.following_locked,
        )
        for k, c in enumerate(contexts)
    ]


def screen(
    contexts: Sequence[SentenceContext],
    pooled: Pool,
    joins: Pool,
    options: GenerateOptions,
) -> tuple[Pool, Pool, list[list[str]]]:
    """The candidates that keep every frozen term and suit the mode, and, per
    sentence, why the others were refused (one line per distinct reason)."""
    if not options.frozen and options.mode == "standard":
        return pooled, joins, [[] for _ in contexts]
    kept: Pool = []
    kept_joins: Pool = []
    refused: list[list[str]] = []
    for k, c in enumerate(contexts):
        why: dict[str, int] = {}
        both = f"{c.text} {c.following.text}" if c.following is not None else c.text
        kept.append(_passing(c.text, pooled[k], options, why))
        kept_joins.append(_passing(both, joins[k], options, why))
        refused.append(
            [f"{n} candidate{'s' if n > 1 else ''} {reason}" for reason, n in why.items()]
        )
    return kept, kept_joins, refused


def _passing(
    source: str, candidates: Sequence[Candidate], options: GenerateOptions, why: dict[str, int]
) -> tuple[Candidate, ...]:
    out = []
    for cand in candidates:
        reason = frozen_refusal(source, cand.text, options.frozen) or modes.refusal(
            options.mode, source, cand.text, cand.consumes
        )
        if reason:
            why[reason] = why.get(reason, 0) + 1
        else:
            out.append(cand)
    return tuple(out)


def explain(chosen: dict[int, Chosen], refused: dict[int, list[str]]) -> dict[int, Chosen]:
    """``chosen`` with each kept sentence's reason saying what the screen refused."""
    out = dict(chosen)
    for k, (best, issues, reason) in chosen.items():
        if best is not None or not refused.get(k):
            continue
        before = "refused before the gate: " + "; ".join(refused[k])
        if reason.startswith("no backend proposed"):
            out[k] = (None, issues, before)  # the screen refused all there were
        else:
            out[k] = (None, issues, f"{reason} | {before}")
    return out


def alternatives(
    todo: Sequence[int],
    sentences: Sequence[Sentence],
    ranked: Sequence[tuple[Ranked, ...]],
    chosen: dict[int, Chosen],
    opts: RewriteOptions,
    docs: Sequence[Any] | None = None,
) -> dict[int, tuple[Alternative, ...]]:
    """Up to ``opts.alternatives`` other candidates per rewritten sentence that pass the gate
    (the grammaticality check and the audit; ``docs``: each sentence's parse, if at hand)."""
    if not opts.alternatives or not opts.gate:
        return {}
    rest: dict[int, list[Ranked]] = {}
    for k, r in zip(todo, ranked, strict=True):
        best = chosen[k][0]
        if best is None:
            continue
        at = next(i for i, x in enumerate(r) if x is best)
        rest[k] = [x for x in r[at + 1 :] if x.candidate.text != best.candidate.text][: opts.tries]
    found: dict[int, list[Alternative]] = {k: [] for k in rest}
    for attempt in range(opts.tries):
        pending = [k for k in rest if attempt < len(rest[k]) and len(found[k]) < opts.alternatives]
        flaws = grammar.check_many(
            [(sentences[k].text, rest[k][attempt].candidate) for k in pending],
            [docs[k] for k in pending] if docs is not None else None,
        )
        pending = [k for k, f in zip(pending, flaws, strict=True) if not f]
        if not pending:
            continue
        pairs = [(sentences[k].text, rest[k][attempt].candidate.text) for k in pending]
        for k, report in zip(pending, audit_many(pairs, opts.audit), strict=True):
            if not report.blockers:
                c = rest[k][attempt].candidate
                found[k].append(Alternative(c.text, c.backend, c.operations))
    return {sentences[k].index: tuple(v) for k, v in found.items() if v}


def attach(
    result: tuple[RewrittenSentence, ...], found: dict[int, tuple[Alternative, ...]]
) -> tuple[RewrittenSentence, ...]:
    """``result`` with each rewritten sentence's alternatives (keyed by source index)."""
    if not found:
        return result
    return tuple(
        replace(s, alternatives=found.get(s.index, ()))
        if s.status == REWRITTEN and len(s.indices) <= 1
        else s
        for s in result
    )


def _merged(spans: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)
