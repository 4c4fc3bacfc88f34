"""How the audit scores a rewrite: each sentence by its support in the source.

A rewrite sentence's score mixes its similarity to the source sentences it is
aligned with and how well the source backs its words, word pairs and
who-did-what links; every issue in the sentence lowers it by its severity.
With ``likelihood`` on, the small language model's view of the sentence given
its source enters as a factor.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from retold import models
from retold.audit.align import STOPWORDS, stem
from retold.audit.checks.content import unsupported_split
from retold.audit.group import Context, Group, content_tokens, group, triples
from retold.audit.reading import Parsed
from retold.audit.words import PERSONAL_PRONOUNS
from retold.data import AlignKind, Alignment, Issue, Sentence, Severity
from retold.models.wordnet import related_words

__all__ = ["group_support", "likelihood_factors", "sentence_scores", "word_support"]

# How much one issue lowers the score of the sentence it sits in.
_PENALTY: dict[str, float] = {
    Severity.ERROR: 0.5,
    Severity.WARNING: 0.95,
    Severity.INFO: 1.0,
}
# Weights of the sentence score: similarity to the aligned source, share of
# content words the source supports, share of word pairs found in the source
# (word pairs catch a word moved from elsewhere in the source, which single
# words miss).
_W_SIM = 0.3
_W_WORDS = 0.2
_W_ANCHOR = 0.5
_W_BIGRAMS = 0.3
_W_TRIPLES = 0.1
_TOKEN = re.compile(r"\w+(?:['’.]\w+)*")


def group_support(
    rw: Parsed,
    rw_sents: Sequence[Sentence],
    r_group: Group,
    s_group: Group,
    src_sents: Sequence[Sentence],
    ctx: Context,
    synonym: float,
) -> dict[int, float]:
    """How well the source backs each sentence of ``r_group``, in [0, 1], by index.

    ``synonym`` is how close (cosine) a word must be to a source word to count
    as supported by it.
    """
    out: dict[int, float] = {}
    # What every sentence of this audit reads of the whole source, built once
    # (kept with the audit's whole-source group).
    index = ctx.source_all.cached("anchor index", lambda _: _AnchorIndex(src_sents))
    source_triples = ctx.source_all.cached("triples", triples)
    by_argument = ctx.source_all.cached("triples by argument", lambda g: _by_argument(triples(g)))
    for sent in r_group.sentences:
        sg = group(rw, rw_sents, (sent.index,))
        words = content_tokens(sg)
        literal, missing = unsupported_split(words, s_group, ctx, synonym) if words else ([], [])
        # A word the source has counts fully; one it has only as a synonym, half.
        words_kept = (
            1.0 - (len(missing) + 0.5 * (len(literal) - len(missing))) / len(words)
            if words
            else 1.0
        )
        anchored, bigrams = _anchored_support(sent.text, index)
        backed = _triple_support(triples(sg), source_triples, by_argument)
        out[sent.index] = (
            _W_WORDS * words_kept
            + _W_ANCHOR * anchored
            + _W_BIGRAMS * bigrams
            + _W_TRIPLES * backed
        ) / (_W_WORDS + _W_ANCHOR + _W_BIGRAMS + _W_TRIPLES)
    return out


def sentence_scores(
    alignments: Sequence[Alignment],
    sentences: Sequence[Sentence],
    issues: Sequence[Issue],
    support: dict[int, float],
    own: dict[int, float] | None = None,
) -> tuple[float, ...]:
    """One score in [0, 1] per sentence of ``sentences``.

    ``own`` is each sentence's similarity to its source sentences (default:
    the score of its alignment); ``support`` what :func:`group_support` found
    (a sentence not in it counts as fully supported).
    """
    similarity_of = own if own is not None else {i: a.score for a in alignments for i in a.rewrite}
    # Each sentence's issues, in the order given, found by bisection over the
    # sentence starts (sentences are in text order and do not overlap).
    starts = [s.start for s in sentences]
    within: dict[int, list[Issue]] = {}
    for issue in issues:
        span = issue.rewrite_span
        if span is None:
            continue
        k = bisect.bisect_right(starts, span[0]) - 1
        if k >= 0 and span[0] < sentences[k].end:
            within.setdefault(k, []).append(issue)
    scores = []
    for k, s in enumerate(sentences):
        base = _W_SIM * similarity_of.get(s.index, 0.0) + (1 - _W_SIM) * support.get(s.index, 1.0)
        for issue in within.get(k, ()):
            base *= _PENALTY[issue.severity]
        scores.append(max(0.0, min(1.0, base)))
    return tuple(scores)


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


def likelihood_factors(
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


def _bigrams(toks: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(toks))


def _by_argument(source: set[tuple[str, str, str]]) -> dict[tuple[str, str], set[str]]:
    """The source's verbs for each (role, argument) of its who-did-what links."""
    by_arg: dict[tuple[str, str], set[str]] = {}
    for role, verb, arg in source:
        by_arg.setdefault((role, arg), set()).add(verb)
    return by_arg


def _triple_support(
    rewrite: set[tuple[str, str, str]],
    source: set[tuple[str, str, str]],
    by_arg: dict[tuple[str, str], set[str]],
) -> float:
    """Share of the rewrite's who-did-what links (role, verb, argument) the source has.

    A link whose verb is a WordNet relative of the source's verb for the same
    argument and role counts half ("Kayahan wrote songs" backs "penned songs"
    half; "sang songs" not at all). ``by_arg`` is :func:`_by_argument` of
    ``source``.
    """
    if not rewrite:
        return 1.0
    total = 0.0
    for role, verb, arg in rewrite:
        if (role, verb, arg) in source:
            total += 1.0
            continue
        verbs = by_arg.get((role, arg), set())
        if verbs & related_words(verb):
            total += 0.5
    return total / len(rewrite)


class _AnchorIndex:
    """The source sentences' word stems, and which sentences hold each stem."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.tokens = [[stem(w) for w in _TOKEN.findall(s.text.lower())] for s in sentences]
        self.sets = [set(t) for t in self.tokens]
        self.anywhere: set[str] = set().union(*self.sets)
        postings: dict[str, list[int]] = {}
        for j, words in enumerate(self.sets):
            for w in words:
                postings.setdefault(w, []).append(j)
        self._postings = {w: np.asarray(js, dtype=np.intp) for w, js in postings.items()}

    def most(self, words: set[str]) -> int:
        """The first source sentence holding the most of ``words`` (0 when none holds any)."""
        hits = [self._postings[w] for w in words if w in self._postings]
        if not hits:
            return 0
        return int(np.argmax(np.bincount(np.concatenate(hits), minlength=len(self.sets))))


def _anchored_support(rewrite: str, index: _AnchorIndex) -> tuple[float, float]:
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
        stem(w)
        for w in _TOKEN.findall(rewrite.lower())
        if w not in STOPWORDS or w in PERSONAL_PRONOUNS
    ]
    toks = [stem(w) for w in _TOKEN.findall(rewrite.lower())]
    if not words or not index.sets:
        return (1.0 if not words else 0.0), (1.0 if len(toks) < 2 else 0.0)
    src_toks, src_sets = index.tokens, index.sets
    wanted = set(words)
    first = index.most(wanted)
    rest = wanted - src_sets[first]
    second = index.most(rest)
    anywhere = index.anywhere
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


def word_support(words: list[str], pool: list[str]) -> list[float]:
    """For each word, its highest cosine to any word of ``pool`` (synonym evidence)."""
    wv, pv = _vectors(words), _vectors(pool)
    return [max(float(v @ p) for p in pv) for v in wv]
