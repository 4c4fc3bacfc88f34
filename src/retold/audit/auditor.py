"""Audit a rewrite against its source: segment both, align, check, score.

``audit(source, rewrite)`` compares a rewrite (by a person, a language model
or a spinner) with its source and returns a :class:`~retold.data.Report`:
how the sentences align, every issue found (typed, with spans on both sides)
and a score in [0, 1] per rewrite sentence and for the whole document.
``audit(text)`` with no rewrite runs only the checks that need no source.

Two modes: ``"rewrite"`` expects every source sentence to be rewritten, so
content, numbers and names missing from the rewrite are issues, and so are a
changed tense and a dropped or added hedge; ``"summary"``
expects a summary that draws on some of the source, so nothing is reported
for what it leaves out, and evidence pooled from several source sentences (a
negation, an antonym, who did what, words the source lacks) only warns: a
number, date or name the source does not hold stays an error.

The checks are the ones registered in :data:`retold.plugins.CHECKS` (see
:mod:`retold.audit.registry`), run in their declared order; the scores come
from :mod:`retold.audit.scoring`. Facts are read once per text by
:func:`retold.analyze.analyze_doc` (see :mod:`retold.audit.reading` for how
the checks compare them).

Progress: ``audit(source, rewrite, options, on_progress=f)`` calls ``f(done,
total, stage)`` (see :mod:`retold.progress`) through the stages of
:data:`STAGES`: ``"reading"`` parses both texts, ``done`` counting their
sentences text by text; ``"aligning"`` embeds those sentences and aligns
them, all at once; ``"proofreading"`` runs the checks of the rewrite's
sentences alone, all at once; ``"checking"`` checks each aligned group
(a sentence pair, or a sentence on one side only), one by one. Without a
source there are only ``"reading"`` and ``"proofreading"``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from retold.audit import registry, scoring
from retold.audit.align import AlignOptions, align_scored, embed
from retold.audit.group import Context, TextContext, group
from retold.audit.reading import Parsed, read
from retold.data import AlignKind, Alignment, Article, AuditMode, Issue, Report, Sentence
from retold.errors import EmptyInputError, OptionsError
from retold.models.parser import parse, parse_many
from retold.progress import Progress, Reporter, Stages
from retold.segment.splitter import segment

log = logging.getLogger(__name__)

# The stages an audit reports, in order, with their share of its run time,
# measured with the hook's own timestamps on CNN/DM dev articles against
# their rewrite by the rules backend (a bar's weights, not a promise):
# "aligning" embeds every sentence, the most of an audit's time.
STAGES: Stages = (
    ("reading", 0.25),
    ("aligning", 0.63),
    ("proofreading", 0.02),
    ("checking", 0.10),
)

# The modes an audit against a source runs in ("text" is the mode of a
# source-free audit, which :func:`audit_text` chooses by itself).
MODES = (AuditMode.REWRITE, AuditMode.SUMMARY)

# Text issues whose words are not also reported as content the source lacks.
_TEXT_WORDS = frozenset({"T202", "T205", "T207"})


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """How to audit.

    ``mode``: "rewrite" (the whole source rewritten) or "summary" (a summary
    of the source). ``embeddings``: use sentence embeddings for alignment,
    synonyms and meaning drift (else lexical evidence only). ``drift``: an
    aligned group less similar than this is reported as meaning drift.
    ``synonym``: how close (cosine) a word must be to a source word to count
    as supported by it. ``likelihood``: weigh each rewrite sentence's score
    by how likely the small language model finds it given the source
    sentences it is aligned to (see :func:`retold.audit.scoring.likelihood_factors`); off by
    default because it costs 0.1-0.3 s per sentence, far below the audit's
    own speed. Facts are read by :func:`retold.analyze.analyze_doc`.
    """

    mode: str = AuditMode.REWRITE
    embeddings: bool = True
    drift: float = 0.4
    synonym: float = 0.6
    likelihood: bool = False
    align: AlignOptions = field(default_factory=AlignOptions)
    id: str = ""

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise OptionsError(
                f"unknown audit mode {self.mode!r}",
                f"choose one of: {', '.join(MODES)}",
            )
        # A plain string names the mode as well; the options hold the member.
        object.__setattr__(self, "mode", AuditMode(self.mode))


def audit(
    source: str | Article,
    rewrite: str | Article | None = None,
    options: AuditOptions | None = None,
    *,
    on_progress: Progress | None = None,
) -> Report:
    """Audit ``rewrite`` against ``source``.

    With ``rewrite`` None, ``source`` is taken as the only text (a rewrite
    whose source is unknown) and only the source-free checks run; the
    report's mode is then "text". ``on_progress(done, total, stage)`` is
    told how the audit goes (see the module's docstring).
    """
    opts = options or AuditOptions()
    if rewrite is None:
        return audit_text(source, opts, on_progress=on_progress)
    progress = Reporter(on_progress)
    (src_text, src_id), (rw_text, rw_id) = _text(source, "source"), _text(rewrite, "rewrite")
    prepared = _prepare([src_text, rw_text], opts.embeddings, progress)
    return _audit_prepared(prepared[src_text], prepared[rw_text], opts, rw_id or src_id, progress)


def audit_many(
    pairs: Iterable[tuple[str | Article, str | Article]],
    options: AuditOptions | None = None,
    *,
    batch: int = 32,
    keep: Prepared | None = None,
) -> Iterator[Report]:
    """Audit many (source, rewrite) pairs, yielding reports in input order.

    Texts are parsed and embedded in batches, and a source shared by
    consecutive pairs (one article, several rewrites) is prepared once.
    ``keep``: texts prepared by earlier calls, kept for later ones (see
    :class:`Prepared`).
    """
    opts = options or AuditOptions()
    chunk: list[tuple[str | Article, str | Article]] = []
    for pair in pairs:
        chunk.append(pair)
        if len(chunk) >= batch:
            yield from _audit_chunk(chunk, opts, keep)
            chunk = []
    if chunk:
        yield from _audit_chunk(chunk, opts, keep)


@dataclass(frozen=True, slots=True)
class _Prepared:
    text: str
    sentences: tuple[Sentence, ...]
    parsed: Parsed
    vectors: Any


class Prepared:
    """Texts already segmented, parsed and read, and sentences already
    embedded, kept across calls of :func:`audit_many` that audit them again.

    The rounds of a rewrite's whole-article audit audit one source against a
    body that changes by a few sentences a round: with one ``Prepared`` for
    all of them, the source is parsed once and each sentence embedded once,
    so a round costs a parse of the body, not of both texts. Held by the
    caller for as long as those calls last; nothing is kept between callers.
    """

    def __init__(self) -> None:
        self.texts: dict[str, _Prepared] = {}
        self.vectors: dict[str, Any] = {}


def _prepare(
    texts: Sequence[str],
    embeddings: bool,
    progress: Reporter | None = None,
    keep: Prepared | None = None,
) -> dict[str, _Prepared]:
    """Each text segmented, parsed, read and embedded; ``progress`` is told the
    reading (text by text) and the start of the aligning, which embeds. Texts
    and sentences in ``keep`` are taken from it, and new ones added to it."""
    progress = progress or Reporter()
    known = keep.texts if keep is not None else {}
    unique = [t for t in dict.fromkeys(texts) if t not in known]
    sentences = [segment(t) for t in unique]
    count = sum(len(s) for s in sentences)
    progress.start("reading", count)
    docs = parse_many(unique, batch_size=len(unique)) if unique else []
    parsed = []
    for doc, sents in zip(docs, sentences, strict=True):
        parsed.append(read(doc, sents))
        progress.step(len(sents))
    progress.start("aligning", count)
    vectors: list[Any] = [None] * len(unique)
    if embeddings:
        flat = [s.text for sents in sentences for s in sents]
        rows = _embed_rows(flat, keep)
        pos = 0
        for k, sents in enumerate(sentences):
            vectors[k] = rows[pos : pos + len(sents)] if flat else None
            pos += len(sents)
    fresh = {t: _Prepared(t, sentences[k], parsed[k], vectors[k]) for k, t in enumerate(unique)}
    if keep is not None:
        keep.texts.update(fresh)
    return {t: fresh[t] if t in fresh else known[t] for t in dict.fromkeys(texts)}


def _embed_rows(flat: list[str], keep: Prepared | None) -> Any:
    """The embeddings of ``flat``, a row a sentence; those ``keep`` holds are not embedded again."""
    if not flat:
        return None
    if keep is None:
        return embed(flat)
    new = [t for t in dict.fromkeys(flat) if t not in keep.vectors]
    if new:
        keep.vectors.update(zip(new, embed(new), strict=True))
    return np.stack([keep.vectors[t] for t in flat])


def _audit_chunk(
    chunk: list[tuple[str | Article, str | Article]],
    opts: AuditOptions,
    keep: Prepared | None = None,
) -> Iterator[Report]:
    texts = [(_text(s, "source"), _text(r, "rewrite")) for s, r in chunk]
    prepared = _prepare([t for pair in texts for t, _ in pair], opts.embeddings, keep=keep)
    for (src_text, src_id), (rw_text, rw_id) in texts:
        yield _audit_prepared(prepared[src_text], prepared[rw_text], opts, rw_id or src_id)


def _audit_prepared(
    source: _Prepared,
    rewrite: _Prepared,
    opts: AuditOptions,
    ident: str,
    progress: Reporter | None = None,
) -> Report:
    progress = progress or Reporter()
    src, rw = source.parsed, rewrite.parsed
    src_sents, rw_sents = source.sentences, rewrite.sentences
    align_opts = opts.align
    if not opts.embeddings and align_opts.embeddings:
        align_opts = AlignOptions(
            embeddings=False, min_score=align_opts.min_score, max_sources=align_opts.max_sources
        )
    vectors = (
        (source.vectors, rewrite.vectors)
        if source.vectors is not None and rewrite.vectors is not None
        else None
    )
    aligned = align_scored(src_sents, rw_sents, align_opts, vectors=vectors)
    alignments = aligned.alignments
    progress.end()
    checks = registry.plan(opts.mode)
    progress.start("proofreading", len(rw_sents))
    found = registry.run_text(checks, TextContext(rw.text, rw_sents, rw.doc, src.text))
    progress.end()
    progress.start("checking", len(alignments))
    ctx_all = group(src, src_sents, range(len(src_sents)))
    support: dict[int, float] = {}
    reported = tuple(
        i.rewrite_span for i in found if i.rewrite_span is not None and i.code in _TEXT_WORDS
    )
    for a in alignments:
        s_group = group(src, src_sents, a.source)
        r_group = group(rw, rw_sents, a.rewrite)
        start = r_group.sentences[0].start if r_group.sentences else 0
        ctx = Context(
            mode=opts.mode,
            source_all=ctx_all,
            previous_rewrite=rw.text[max(0, start - 600) : start],
            word_support=scoring.word_support if opts.embeddings else None,
            reported=reported,
            alignment=a,
            drift=opts.drift if opts.embeddings else None,
        )
        found += registry.run_group(checks, s_group, r_group, ctx)
        if a.kind == AlignKind.ADDED:
            support.update({i: 0.0 for i in a.rewrite})
        elif a.kind != AlignKind.DROPPED:
            support.update(
                scoring.group_support(rw, rw_sents, r_group, s_group, src_sents, ctx, opts.synonym)
            )
        progress.step()
    issues = _sorted(found)
    # Each sentence's own similarity to the source sentences of its group: in
    # a merged group the group's mean would dilute one changed sentence.
    scores = scoring.sentence_scores(alignments, rw_sents, issues, support, aligned.own)
    if opts.likelihood:
        factors = scoring.likelihood_factors(alignments, src_sents, rw_sents)
        scores = tuple(s * factors.get(k, 1.0) for k, s in enumerate(scores))
    dropped = sum(len(a.source) for a in alignments if a.kind == AlignKind.DROPPED)
    items = list(scores) + ([0.0] * dropped if opts.mode == AuditMode.REWRITE else [])
    score = sum(items) / len(items) if items else 0.0
    return Report(
        score=score,
        alignments=alignments,
        issues=issues,
        sentence_scores=scores,
        mode=opts.mode,
        id=opts.id or ident,
        source_sentences=src_sents,
        rewrite_sentences=rw_sents,
        source_text=src.text,
        rewrite_text=rw.text,
    )


def audit_text(
    text: str | Article,
    options: AuditOptions | None = None,
    *,
    on_progress: Progress | None = None,
) -> Report:
    """Run the checks that need no source over ``text``.

    The score is the share of sentences without an error-severity issue.
    ``on_progress`` is told the stages ``"reading"`` and ``"proofreading"``.
    """
    opts = options or AuditOptions()
    progress = Reporter(on_progress)
    body, text_id = _text(text, "text")
    sents = segment(body)
    progress.start("reading", len(sents))
    doc = parse(body)
    progress.end()
    checks = registry.plan(AuditMode.TEXT)
    progress.start("proofreading", len(sents))
    issues = _sorted(registry.run_text(checks, TextContext(body, sents, doc)))
    progress.end()
    scores = scoring.sentence_scores(
        tuple(Alignment((), (s.index,), AlignKind.ADDED, 1.0) for s in sents), sents, issues, {}
    )
    return Report(
        score=sum(scores) / len(scores) if scores else 0.0,
        alignments=(),
        issues=issues,
        sentence_scores=scores,
        mode=AuditMode.TEXT,
        id=opts.id or text_id,
        rewrite_sentences=sents,
        rewrite_text=body,
    )


def _text(x: str | Article, what: str) -> tuple[str, str]:
    text, ident = (x.text, x.id) if isinstance(x, Article) else (x, "")
    if not text or not text.strip():
        raise EmptyInputError(
            f"the {what} is empty", f"pass the {what} text, or an Article with its text"
        )
    return text, ident


def _sorted(found: list[Issue]) -> tuple[Issue, ...]:
    seen: set[tuple[str, tuple[int, int] | None, tuple[int, int] | None]] = set()
    out = []
    for i in found:
        key = (i.code, i.source_span, i.rewrite_span)
        if key not in seen:
            seen.add(key)
            out.append(i)
    return tuple(sorted(out, key=lambda i: (i.rewrite_span or (-1, -1), i.code)))
