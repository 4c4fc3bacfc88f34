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

Facts are read once per text by :func:`retold.analyze.analyze_doc` (see
:mod:`retold.checks.reading` for how the checks compare them).
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from retold import models
from retold.audit import catalogue as cat
from retold.audit.align import STOPWORDS, AlignOptions, align, embed, similarity, stem
from retold.audit.checks import fidelity
from retold.audit.checks.text import check_text
from retold.audit.reading import Parsed, read
from retold.data import AlignKind, Alignment, Article, Issue, Report, Sentence, Severity
from retold.errors import EmptyInputError, OptionsError
from retold.models.wordnet import related_words
from retold.segment.splitter import segment

log = logging.getLogger(__name__)

MODES = ("rewrite", "summary")

# Text issues whose words are not also reported as content the source lacks.
_TEXT_WORDS = frozenset({"T202", "T205", "T207"})

# How much one issue lowers the score of the sentence it sits in.
_PENALTY = {
    Severity.ERROR: 0.5,
    Severity.WARNING: 0.95,
    Severity.INFO: 1.0,
}


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
    sentences it is aligned to (see :func:`_likelihood_factors`); off by
    default because it costs 0.1-0.3 s per sentence, far below the audit's
    own speed. Facts are read by :func:`retold.analyze.analyze_doc`.
    """

    mode: str = "rewrite"
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


def audit(
    source: str | Article,
    rewrite: str | Article | None = None,
    options: AuditOptions | None = None,
) -> Report:
    """Audit ``rewrite`` against ``source``.

    With ``rewrite`` None, ``source`` is taken as the only text (a rewrite
    whose source is unknown) and only the source-free checks run; the
    report's mode is then "text".
    """
    opts = options or AuditOptions()
    if rewrite is None:
        return audit_text(source, opts)
    return next(iter(audit_many([(source, rewrite)], opts)))


def audit_many(
    pairs: Iterable[tuple[str | Article, str | Article]],
    options: AuditOptions | None = None,
    *,
    batch: int = 32,
) -> Iterator[Report]:
    """Audit many (source, rewrite) pairs, yielding reports in input order.

    Texts are parsed and embedded in batches, and a source shared by
    consecutive pairs (one article, several rewrites) is prepared once.
    """
    opts = options or AuditOptions()
    chunk: list[tuple[str | Article, str | Article]] = []
    for pair in pairs:
        chunk.append(pair)
        if len(chunk) >= batch:
            yield from _audit_chunk(chunk, opts)
            chunk = []
    if chunk:
        yield from _audit_chunk(chunk, opts)


@dataclass(frozen=True, slots=True)
class _Prepared:
    text: str
    sentences: tuple[Sentence, ...]
    parsed: Parsed
    vectors: Any


def _prepare(texts: Sequence[str], embeddings: bool) -> dict[str, _Prepared]:
    unique = list(dict.fromkeys(texts))
    nlp = models.nlp()
    sentences = [segment(t) for t in unique]
    parsed = [read(doc, sents) for doc, sents in zip(nlp.pipe(unique), sentences, strict=True)]
    vectors: list[Any] = [None] * len(unique)
    if embeddings:
        flat = [s.text for sents in sentences for s in sents]
        matrix = embed(flat) if flat else None
        pos = 0
        for k, sents in enumerate(sentences):
            vectors[k] = matrix[pos : pos + len(sents)] if matrix is not None else None
            pos += len(sents)
    return {t: _Prepared(t, sentences[k], parsed[k], vectors[k]) for k, t in enumerate(unique)}


def _audit_chunk(
    chunk: list[tuple[str | Article, str | Article]], opts: AuditOptions
) -> Iterator[Report]:
    texts = [(_text(s, "source"), _text(r, "rewrite")) for s, r in chunk]
    prepared = _prepare([t for pair in texts for t, _ in pair], opts.embeddings)
    for (src_text, src_id), (rw_text, rw_id) in texts:
        yield _audit_prepared(prepared[src_text], prepared[rw_text], opts, rw_id or src_id)


def _audit_prepared(
    source: _Prepared, rewrite: _Prepared, opts: AuditOptions, ident: str
) -> Report:
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
    sim = similarity(
        [s.text for s in src_sents], [s.text for s in rw_sents], align_opts, vectors=vectors
    )
    alignments = align(src_sents, rw_sents, align_opts, sim=sim)
    found: list[Issue] = list(check_text(rw.text, rw_sents, source=src.text, doc=rw.doc))
    ctx_all = fidelity.group(src, src_sents, range(len(src_sents)))
    word_support = _word_support if opts.embeddings else None
    support: dict[int, float] = {}
    reported = tuple(
        i.rewrite_span for i in found if i.rewrite_span is not None and i.code in _TEXT_WORDS
    )
    for a in alignments:
        found += _check_alignment(
            a, src, rw, src_sents, rw_sents, ctx_all, word_support, opts, support, reported
        )
    issues = _sorted(found)
    # Each sentence's own similarity to the source sentences of its group: in
    # a merged group the group's mean would dilute one changed sentence.
    own = {
        i: max((sim[i][j] for j in a.source), default=0.0) for a in alignments for i in a.rewrite
    }
    scores = _sentence_scores(alignments, rw_sents, issues, support, own)
    if opts.likelihood:
        factors = _likelihood_factors(alignments, src_sents, rw_sents)
        scores = tuple(s * factors.get(k, 1.0) for k, s in enumerate(scores))
    dropped = sum(len(a.source) for a in alignments if a.kind == AlignKind.DROPPED)
    items = list(scores) + ([0.0] * dropped if opts.mode == "rewrite" else [])
    score = sum(items) / len(items) if items else 0.0
    return Report(
        score=score,
        alignments=alignments,
        issues=issues,
        sentence_scores=scores,
        mode=opts.mode,
        id=opts.id or ident,
    )


# The likelihood enters a sentence's score as a factor exp(_W_LM * mean
# per-token log-likelihood given the source), i.e. the geometric-mean token
# probability to the power _W_LM: monotone, in (0, 1], so scores stay in
# [0, 1]. Chosen on BUMP task 1 rows 0-299 (whole-summary likelihoods): a
# factor beat adding the same term ((1 - w) * score + w * exp(mean)) at every
# weight tried (88.1% vs 86.5% pairwise at w=0.3, 90.4% vs 88.1% at w=0.5),
# and weights 0.5-1.0 were level, so the smallest of them is used.
_W_LM = 0.5
# How the source is put before a rewrite sentence (the prompt measured).
_LM_PROMPT = "Article: {}\nSummary:"


def _likelihood_factors(
    alignments: Sequence[Alignment],
    src_sents: Sequence[Sentence],
    rw_sents: Sequence[Sentence],
) -> dict[int, float]:
    """Each rewrite sentence's score factor from its likelihood given its source.

    A sentence is scored given the source sentences of its alignment; an
    added sentence (no source of its own) given those of its neighbours, or
    when it has none, the whole source (the model keeps the end of a context
    too long for it).
    """
    source_of: dict[int, tuple[int, ...]] = {}
    for a in alignments:
        for i in a.rewrite:
            if a.kind != AlignKind.DROPPED:
                source_of[i] = a.source
    texts, contexts, index = [], [], []
    for s in rw_sents:
        src = source_of.get(s.index, ())
        if not src:
            near = set(source_of.get(s.index - 1, ())) | set(source_of.get(s.index + 1, ()))
            src = tuple(sorted(near)) or tuple(range(len(src_sents)))
        texts.append(s.text)
        contexts.append(_LM_PROMPT.format(" ".join(src_sents[j].text for j in src)))
        index.append(s.index)
    if not texts:
        return {}
    scored = models.smollm().likelihoods(texts, contexts)
    return {i: math.exp(_W_LM * lk.mean) for i, lk in zip(index, scored, strict=True)}


def audit_text(text: str | Article, options: AuditOptions | None = None) -> Report:
    """Run the checks that need no source over ``text``.

    The score is the share of sentences without an error-severity issue.
    """
    opts = options or AuditOptions()
    body, text_id = _text(text, "text")
    sents = segment(body)
    doc = models.nlp()(body)
    issues = _sorted(list(check_text(body, sents, doc=doc)))
    scores = _sentence_scores(
        tuple(Alignment((), (s.index,), AlignKind.ADDED, 1.0) for s in sents), sents, issues, {}
    )
    return Report(
        score=sum(scores) / len(scores) if scores else 0.0,
        alignments=(),
        issues=issues,
        sentence_scores=scores,
        mode="text",
        id=opts.id or text_id,
    )


def _text(x: str | Article, what: str) -> tuple[str, str]:
    text, ident = (x.text, x.id) if isinstance(x, Article) else (x, "")
    if not text or not text.strip():
        raise EmptyInputError(
            f"the {what} is empty", f"pass the {what} text, or an Article with its text"
        )
    return text, ident


def _check_alignment(
    a: Alignment,
    src: Parsed,
    rw: Parsed,
    src_sents: Sequence[Sentence],
    rw_sents: Sequence[Sentence],
    ctx_all: fidelity.Group,
    word_support: Any,
    opts: AuditOptions,
    support: dict[int, float],
    reported: tuple[tuple[int, int], ...] = (),
) -> list[Issue]:
    if a.kind == AlignKind.DROPPED:
        if opts.mode != "rewrite":
            return []
        first, last = src_sents[a.source[0]], src_sents[a.source[-1]]
        return [
            cat.make(
                "F161",
                "this source sentence has no counterpart in the rewrite",
                source_span=(first.start, last.end),
                source_text=src.text[first.start : last.end],
            )
        ]
    r_group = fidelity.group(rw, rw_sents, a.rewrite)
    if a.kind == AlignKind.ADDED:
        for i in a.rewrite:
            support[i] = 0.0
        if not any(c.isalnum() for c in r_group.text):
            return []  # stray punctuation is the text checks' business
        return [
            cat.make(
                "F162",
                "this sentence has no counterpart in the source",
                rewrite_span=r_group.span,
                rewrite_text=r_group.text,
            )
        ]
    s_group = fidelity.group(src, src_sents, a.source)
    previous = rw.text[: r_group.sentences[0].start]
    ctx = fidelity.Context(
        mode=opts.mode,
        source_all=ctx_all,
        previous_rewrite=previous[-600:],
        word_support=word_support,
        reported=reported,
    )
    out = fidelity.check_group(s_group, r_group, a, ctx)
    if opts.embeddings and a.score < opts.drift:
        out.append(
            cat.make(
                "F171",
                f"the meaning drifted: the rewrite is far from its source "
                f"(similarity {a.score:.2f})",
                source_span=s_group.span,
                rewrite_span=r_group.span,
                source_text=s_group.text,
                rewrite_text=r_group.text,
            )
        )
    src_texts = [x.text for x in src_sents]
    source_triples = fidelity.triples(ctx_all)
    for sent in r_group.sentences:
        sg = fidelity.group(rw, rw_sents, (sent.index,))
        words = fidelity._content_tokens(sg)
        literal, missing = (
            fidelity.unsupported_split(words, s_group, ctx, opts.synonym) if words else ([], [])
        )
        # A word the source has counts fully; one it has only as a synonym, half.
        words_kept = (
            1.0 - (len(missing) + 0.5 * (len(literal) - len(missing))) / len(words)
            if words
            else 1.0
        )
        anchored, bigrams = _anchored_support(sent.text, src_texts)
        backed = _triple_support(fidelity.triples(sg), source_triples)
        support[sent.index] = (
            _W_WORDS * words_kept
            + _W_ANCHOR * anchored
            + _W_BIGRAMS * bigrams
            + _W_TRIPLES * backed
        ) / (_W_WORDS + _W_ANCHOR + _W_BIGRAMS + _W_TRIPLES)
    return out


def _sorted(found: list[Issue]) -> tuple[Issue, ...]:
    seen: set[tuple[str, tuple[int, int] | None, tuple[int, int] | None]] = set()
    out = []
    for i in found:
        key = (i.code, i.source_span, i.rewrite_span)
        if key not in seen:
            seen.add(key)
            out.append(i)
    return tuple(sorted(out, key=lambda i: (i.rewrite_span or (-1, -1), i.code)))


def _sentence_scores(
    alignments: Sequence[Alignment],
    sentences: Sequence[Sentence],
    issues: Sequence[Issue],
    support: dict[int, float],
    own: dict[int, float] | None = None,
) -> tuple[float, ...]:
    similarity_of = own if own is not None else {i: a.score for a in alignments for i in a.rewrite}
    scores = []
    for s in sentences:
        base = _W_SIM * similarity_of.get(s.index, 0.0) + (1 - _W_SIM) * support.get(s.index, 1.0)
        for issue in issues:
            span = issue.rewrite_span
            if span is not None and s.start <= span[0] < s.end:
                base *= _PENALTY[issue.severity]
        scores.append(max(0.0, min(1.0, base)))
    return tuple(scores)


# Weights of the sentence score: similarity to the aligned source, share of
# content words the source supports, share of word pairs found in the source
# (word pairs catch a word moved from elsewhere in the source, which single
# words miss).
_W_SIM = 0.3
_W_WORDS = 0.2
_W_ANCHOR = 0.5
_W_BIGRAMS = 0.3
_W_TRIPLES = 0.1
_PRONOUNS = frozenset(("he", "she", "it", "they", "him", "her", "them", "his", "its", "their"))
_TOKEN = re.compile(r"\w+(?:['’.]\w+)*")


def _bigrams(toks: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(toks))


def _triple_support(rewrite: set[tuple[str, str, str]], source: set[tuple[str, str, str]]) -> float:
    """Share of the rewrite's who-did-what links (role, verb, argument) the source has.

    A link whose verb is a WordNet relative of the source's verb for the same
    argument and role counts half ("Kayahan wrote songs" backs "penned songs"
    half; "sang songs" not at all).
    """
    if not rewrite:
        return 1.0
    by_arg: dict[tuple[str, str], set[str]] = {}
    for role, verb, arg in source:
        by_arg.setdefault((role, arg), set()).add(verb)
    total = 0.0
    for role, verb, arg in rewrite:
        if (role, verb, arg) in source:
            total += 1.0
            continue
        verbs = by_arg.get((role, arg), set())
        if verbs & related_words(verb):
            total += 0.5
    return total / len(rewrite)


def _anchored_support(rewrite: str, sources: Sequence[str]) -> tuple[float, float]:
    """How well the source backs a rewrite sentence, word by word and pair by pair.

    A word found in the one source sentence that backs most of the rewrite
    sentence counts fully, in the next best sentence a little less, anywhere
    else in the source less again: a word moved in from elsewhere in the
    source (a swapped name, a borrowed verb) costs something even though the
    source has it. Returns (word support, word-pair precision) in [0, 1].
    """
    # Pronouns count: "He carded a 71" is worse backed than "McIlroy carded a 71"
    # when the source sentence names him.
    words = [
        stem(w) for w in _TOKEN.findall(rewrite.lower()) if w not in STOPWORDS or w in _PRONOUNS
    ]
    toks = [stem(w) for w in _TOKEN.findall(rewrite.lower())]
    if not words or not sources:
        return (1.0 if not words else 0.0), (1.0 if len(toks) < 2 else 0.0)
    src_toks = [[stem(w) for w in _TOKEN.findall(t.lower())] for t in sources]
    src_sets = [set(t) for t in src_toks]
    wanted = set(words)
    first = max(range(len(sources)), key=lambda j: len(wanted & src_sets[j]))
    rest = wanted - src_sets[first]
    second = max(range(len(sources)), key=lambda j: len(rest & src_sets[j]))
    anywhere = set().union(*src_sets)
    weights = []
    for w in words:
        if w in src_sets[first]:
            weights.append(1.0)
        elif w in src_sets[second]:
            weights.append(0.6)  # in the next best sentence
        elif w in anywhere:
            weights.append(0.1)  # elsewhere: almost as bad as a word the source lacks
        else:
            weights.append(0.0)
    grams = _bigrams(toks)
    have = _bigrams(src_toks[first]) | _bigrams(src_toks[second])
    bigram = sum(g in have for g in grams) / len(grams) if grams else 1.0
    return sum(weights) / len(weights), bigram


_word_cache: dict[str, Any] = {}


def _vectors(words: Sequence[str]) -> list[Any]:
    new = [w for w in dict.fromkeys(words) if w not in _word_cache]
    if new:
        for w, v in zip(new, models.embedder().encode(new), strict=True):
            _word_cache[w] = v
        if len(_word_cache) > 200_000:
            _word_cache.clear()
    return [_word_cache[w] for w in words]


def _word_support(words: list[str], pool: list[str]) -> list[float]:
    """For each word, its highest cosine to any word of ``pool`` (synonym evidence)."""
    wv, pv = _vectors(words), _vectors(pool)
    return [max(float(v @ p) for p in pv) for v in wv]
