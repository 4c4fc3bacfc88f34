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

The user's controls (:mod:`retold.rewrite.control`): frozen terms are locked
and every candidate that breaks one, or that the mode refuses, is dropped
before ranking; after the gate, each rewritten sentence's next candidates
are audited for its ``alternatives``.

Progress: ``rewrite(article, options, on_progress=f)`` calls ``f(done,
total, stage)`` (see :mod:`retold.progress`) through the stages of
:data:`STAGES`, ``total`` being the number of source sentences in each:
``"reading"`` (segmenting, the summary, parsing every sentence),
``"rewriting"`` (the backends' candidates), ``"ranking"``, ``"checking"``
(the gate), ``"alternatives"`` (joins, and the other candidates of each
rewritten sentence audited) and ``"finishing"`` (the whole-article audit).
The gate settles the sentences one by one, so ``done`` rises sentence by
sentence there (a headline, kept as it is, is settled when the stage
starts); the other stages work on all sentences at once (that is what makes
them fast) and are told 0 at their start and ``total`` at their end.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from retold import backends, models
from retold.backends.base import Candidate, SentenceContext
from retold.data import Article, Sentence
from retold.errors import BackendError, EmptyInputError
from retold.progress import Progress, Reporter, Stages
from retold.rewrite import control
from retold.rewrite.context import quoted, sentence_contexts
from retold.rewrite.gate import Chosen, final_audit, gate, join
from retold.rewrite.rank import rank_many
from retold.rewrite.result import KEPT, REWRITTEN, RewriteOptions, Rewritten, RewrittenSentence
from retold.segment.splitter import segment
from retold.summarize.selector import summarize

__all__ = ["rewrite"]

log = logging.getLogger(__name__)

# The stages a rewrite reports, in order, with their share of its run time,
# measured with the hook's own timestamps on CNN/DM dev articles with the
# rules backend (a bar's weights, not a promise: a language-model backend
# makes "rewriting" far longer).
STAGES: Stages = (
    ("reading", 0.06),
    ("rewriting", 0.12),
    ("ranking", 0.18),
    ("checking", 0.21),
    ("alternatives", 0.14),
    ("finishing", 0.29),
)


def rewrite(
    article: Article,
    options: RewriteOptions | None = None,
    *,
    on_progress: Progress | None = None,
) -> Rewritten:
    """Rewrite ``article``: headline, key-sentence summary and a gated rewrite.

    ``on_progress(done, total, stage)`` is told how each stage goes, the
    gate sentence by sentence (see the module's docstring).
    """
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
    n = len(sentences)
    progress = Reporter(on_progress)
    progress.start("reading", n)
    clock.lap("segment")
    summary = summarize(article, opts.summary, sentences)
    clock.lap("summarize")

    gen = opts.generation()
    contexts = control.lock_frozen(sentence_contexts(sentences), gen.frozen)
    clock.lap("parse")
    progress.end()
    todo = [k for k in range(n) if k != headline]
    warnings: list[str] = control.absent(article.text, gen.frozen)
    progress.start("rewriting", n)
    pooled, joins = _candidates([contexts[k] for k in todo], opts, warnings)
    pooled, joins, refused = control.screen([contexts[k] for k in todo], pooled, joins, gen)
    clock.lap("generate")
    progress.end()
    progress.start("ranking", n)
    lm = models.smollm() if opts.language_model else None
    ranked = rank_many([sentences[k].text for k in todo], pooled, opts.ranking(), lm)
    clock.lap("rank")
    progress.end()

    chosen: dict[int, Chosen] = {}
    joined: dict[int, Candidate] = {}
    progress.start("checking", n, done=n - len(todo))  # the headline is settled
    if opts.gate:
        chosen = gate(
            todo,
            sentences,
            ranked,
            opts,
            quoted=quoted(contexts),
            on_decided=lambda k: progress.step(),
            docs=[c.doc for c in contexts],
        )
        chosen = control.explain(chosen, dict(zip(todo, refused, strict=True)))
        progress.start("alternatives", n)
        joined = join(todo, sentences, chosen, dict(zip(todo, joins, strict=True)), opts)
    else:
        for k, r in zip(todo, ranked, strict=True):
            chosen[k] = (r[0], (), "") if r else (None, (), "no backend proposed a candidate")
            progress.step()
        progress.start("alternatives", n)
    clock.lap("gate")
    others = control.alternatives(
        todo, sentences, ranked, chosen, opts, docs=[c.doc for c in contexts]
    )
    clock.lap("alternatives")
    progress.end()

    result = control.attach(_build(article, sentences, headline, chosen, joined), others)
    progress.start("finishing", n)
    report, result = final_audit(article, sentences, result, opts)
    clock.lap("audit")
    progress.end()
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


def _candidates(
    contexts: Sequence[SentenceContext], opts: RewriteOptions, warnings: list[str]
) -> tuple[list[tuple[Candidate, ...]], list[tuple[Candidate, ...]]]:
    """Every backend's candidates, pooled: 1:1 rewrites, and joins with the next sentence.

    A backend that fails gives what it had before failing; the failure is
    added to ``warnings`` and the other backends' candidates stand in.
    """
    gen = opts.generation()
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


def _build(
    article: Article,
    sentences: Sequence[Sentence],
    headline: int | None,
    chosen: dict[int, Chosen],
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
