"""What an audit check reads: one side of an alignment as a :class:`Group`.

A group is the sentences of one side of an :class:`~retold.data.Alignment`
with their facts and tokens; :class:`Context` holds what a check may need
beyond the two groups. The helpers here are the ones several check families
share.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from retold.audit import catalogue as cat
from retold.audit.align import STOPWORDS, stem
from retold.audit.reading import Parsed
from retold.audit.words import PRONOUNS
from retold.data import Alignment, AuditMode, Fact, FactKind, Issue, Sentence, Severity
from retold.models import wordnet as _wordnet

T = TypeVar("T")

_NAME_KINDS = (FactKind.PERSON, FactKind.ORG, FactKind.PLACE)
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"}


@dataclass(frozen=True, slots=True)
class Group:
    """One side of an alignment: its sentences, facts and tokens.

    What is read from the group's words (``words()``, ``text``, ...) is
    computed once per group: every alignment's checks read the whole source
    as one group (``Context.source_all``). The sets and lists returned are
    shared; a check must not change them.
    """

    parsed: Parsed
    sentences: tuple[Sentence, ...]
    facts: tuple[Fact, ...]
    tokens: tuple[Any, ...]
    _memo: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def span(self) -> tuple[int, int] | None:
        if not self.sentences:
            return None
        return (self.sentences[0].start, self.sentences[-1].end)

    @property
    def text(self) -> str:
        return self.cached("text", lambda g: " ".join(s.text for s in g.sentences))

    def of(self, kind: str) -> list[Fact]:
        return self.cached(f"of:{kind}", lambda g: [f for f in g.facts if f.kind == kind])

    def words(self) -> set[str]:
        def compute(g: Group) -> set[str]:
            low = {t.lower_ for t in g.tokens}
            return low | {w.replace(".", "") for w in low} | {stem(t.text) for t in g.tokens}

        return self.cached("words", compute)

    def lemmas(self) -> set[str]:
        return self.cached("lemmas", lambda g: {t.lemma_.lower() for t in g.tokens})

    def cached(self, key: str, compute: Callable[[Group], T]) -> T:
        """``compute(self)``, computed on the first call with ``key`` only."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        value: T = self._memo[key]
        return value


def group(parsed: Parsed, sentences: Sequence[Sentence], indices: Iterable[int]) -> Group:
    """The sentences ``indices`` of ``parsed`` as one group."""
    chosen = tuple(sentences[i] for i in sorted(indices))
    spans = [(s.start, s.end) for s in chosen]
    span_starts = [s for s, _ in spans]
    # Sentences do not overlap, so only the last span starting at or before a
    # name can hold it: looked up by bisection, the whole source as one group
    # (every alignment reads it) costs its names, not names x sentences.
    disjoint = all(e <= s for (_, e), (s, _) in itertools.pairwise(spans))

    def whole(f: Fact) -> bool:
        # A name running across a sentence boundary is a recogniser's mistake
        # ("Police Oct. Police"); quotes may run across sentences.
        if f.kind not in _NAME_KINDS:
            return True
        k = bisect.bisect_right(span_starts, f.start) - 1
        if k >= 0 and f.end <= spans[k][1]:
            return True
        if disjoint:
            return False
        return any(s <= f.start and f.end <= e for s, e in spans)

    # What starts inside the spans, found by bisection over the starts (in
    # text order), so a group costs its own size, not the whole text's.
    facts = tuple(f for f in _starting_in(parsed.facts, parsed.fact_starts, spans) if whole(f))
    tokens = tuple(
        t for t in _starting_in(parsed.doc, parsed.token_starts, spans) if not t.is_space
    )
    return Group(parsed, chosen, facts, tokens)


def _starting_in(
    items: Any, starts: Sequence[int], spans: Sequence[tuple[int, int]]
) -> Iterator[Any]:
    """The items (in order) whose start, ``starts[k]`` for ``items[k]``, lies in a span.

    ``spans`` are in text order; ``starts`` ascending.
    """
    done = 0
    for s, e in spans:
        lo = max(bisect.bisect_left(starts, s), done)
        hi = bisect.bisect_left(starts, e)
        for k in range(lo, hi):
            yield items[k]
        done = max(done, hi)


@dataclass(frozen=True, slots=True)
class Context:
    """What a group check may need beyond the two groups.

    ``alignment`` is the alignment the two groups come from; ``drift`` the
    similarity below which an aligned group counts as drifted, or None when
    the audit runs without embeddings (no similarity to trust).
    """

    mode: str  # "rewrite" or "summary"
    source_all: Group  # the whole source, for facts found elsewhere
    previous_rewrite: str  # the rewrite text before this group, for pronouns
    word_support: Callable[[list[str], list[str]], list[float]] | None = None
    # Rewrite spans the text checks already reported (filler, furniture):
    # their words are not also "content added".
    reported: tuple[tuple[int, int], ...] = ()
    alignment: Alignment | None = None
    drift: float | None = None
    # What the checks before this one found on this alignment, so that a
    # check may leave alone what another has already said.
    earlier: tuple[Issue, ...] = ()


@dataclass(frozen=True, slots=True)
class TextContext:
    """What a source-free check reads: the whole text, its sentences and parse.

    ``doc`` is the spaCy ``Doc`` of ``text``; ``source`` is the source text
    when there is one (a check may be milder about what the source also holds).
    """

    text: str
    sentences: tuple[Sentence, ...]
    doc: Any = None
    source: str | None = None


def weaker_in_summary(found: list[Issue], src: Group, ctx: Context, *, pooled: bool) -> list[Issue]:
    """``found`` with errors lowered to warnings when a summary's evidence is weak.

    A summary sentence condenses several source sentences, so an inference
    over their pooled words (``pooled=True``: a negation, an antonym, who did
    what) is only a warning when the source group has more than one
    sentence; words the source lacks (``pooled=False``) are a warning in any
    summary, which uses them to frame what it condenses.
    """
    if ctx.mode != AuditMode.SUMMARY or (pooled and len(src.sentences) <= 1):
        return found
    return [
        replace(i, severity=Severity.WARNING) if i.severity == Severity.ERROR else i for i in found
    ]


def pair(
    code: str,
    message: str,
    src: Fact | Group | Any,
    rw: Fact | Group | Any,
    severity: str | None = None,
) -> Issue:
    """An issue of type ``code`` spanning, on each side, a fact, a group or one of
    the group's spaCy tokens (None: that side is not touched)."""

    def span(x: Fact | Group | Any) -> tuple[tuple[int, int] | None, str]:
        if x is None:
            return None, ""
        if isinstance(x, Fact):
            return (x.start, x.end), x.text
        if isinstance(x, Group):
            return x.span, x.text
        return (x.idx, x.idx + len(x.text)), x.text  # a token of the group's parse

    s_span, s_text = span(src)
    r_span, r_text = span(rw)
    return cat.make(
        code,
        message,
        source_span=s_span,
        rewrite_span=r_span,
        source_text=s_text,
        rewrite_text=r_text,
        severity=severity,
    )


def content_tokens(g: Group) -> list[Any]:
    """The group's content words: nouns, names, verbs, adjectives, numbers, adverbs."""
    return [
        t
        for t in g.tokens
        if t.pos_ in _CONTENT_POS and t.is_alpha and t.lower_ not in STOPWORDS and len(t.text) > 2
    ]


def wordnet_supported(word: str, pool: set[str]) -> bool:
    """Whether WordNet relates ``word`` to a word of ``pool`` (synonym, more general word,
    derived form), in either direction."""
    if pool & _wordnet.related_words(word):
        return True
    return any(word in _wordnet.related_words(p) for p in pool)


def _head_key(t: Any) -> str:
    # The head token alone: a name's head is its last word ("Reyes"), and the
    # recogniser's entity spans are not reliable enough ("Chelsea beat Arsenal").
    return str(t.lower_ if t.pos_ == "PROPN" else t.lemma_).lower()


def triples(g: Group) -> set[tuple[str, str, str]]:
    """(role, verb lemma, argument key): who did what to whom, passives undone."""
    out: set[tuple[str, str, str]] = set()
    ids = {t.i for t in g.tokens}
    for t in g.tokens:
        if t.pos_ not in ("VERB", "AUX") or t.i not in ids:
            continue
        verb = t.lemma_.lower()
        for c in t.children:
            if c.lower_ in PRONOUNS or c.pos_ == "PRON":
                continue
            if c.dep_ == "nsubj":
                out.add(("agent", verb, _head_key(c)))
            elif c.dep_ in ("dobj", "nsubjpass"):
                out.add(("patient", verb, _head_key(c)))
            elif c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj" and p.pos_ != "PRON":
                        out.add(("agent", verb, _head_key(p)))
    return out


# Names and numbers have their own checks, and adverbs such as these say
# nothing of the facts ("still", "yet", "now", "also").
_NOT_CONTENT = frozenset({"yet", "still", "already", "now", "also", "just", "even", "then"})

#: A rewrite whose content words are at least this share of its source's,
#: word for word, is a light edit: a word it drops, adds or replaces is surely
#: dropped, added or replaced. A heavy paraphrase rewords whole phrases, and
#: the same evidence is a doubt (a warning: the gate still rejects it).
LIGHT_EDIT = 0.75


def plain_words(tokens: Iterable[Any]) -> list[Any]:
    """Tokens other than names and numbers and adverbs of no fact."""
    return [
        t
        for t in tokens
        if t.pos_ not in ("PROPN", "NUM") and not t.ent_type_ and t.lower_ not in _NOT_CONTENT
    ]


def kept_share(a: Group, b: Group) -> float:
    """The share of ``a``'s plain content words (:func:`plain_words`) that ``b``
    has word for word: how much of ``a`` a light edit ``b`` keeps."""
    words = plain_words(content_tokens(a))
    if not words:
        return 1.0
    have = b.words() | b.lemmas()
    return sum(
        t.lower_ in have or str(t.lemma_).lower() in have or stem(t.text) in have for t in words
    ) / len(words)


def light_edit(src: Group, rw: Group) -> bool:
    """Whether ``rw`` is a light edit of ``src``: most of its words are the source's."""
    return kept_share(rw, src) >= LIGHT_EDIT and kept_share(src, rw) >= LIGHT_EDIT
