"""Phrase-level judgment: a word one side has and the other lacks is an
*equivalent* of one of the other side's phrases, *contradicts* one of them,
or is *new* (information the other side does not have).

Each judgment carries its evidence, for the issue a reader sees: the other
side's phrase it matches and what decided. The signals, in the order they are
asked:

1. the paraphrase table (:mod:`retold.lexicon.paraphrases`), on every window
   of up to its longest phrase around the word, so that "shied away from"
   meets "avoided" and "a deal for" meets "an agreement for";
2. the polarity table (:mod:`retold.lexicon.polarity`): two predicates with
   opposite poles on a dimension contradict each other ("overturn" /
   "uphold", "strengthen" / "fade"), with the same pole they may stand for
   each other ("climb" / "rise");
3. verbs of saying with the same stance ("warned" / "cautioned"; "said" /
   "claimed" is a change of stance, not an equivalence);
4. WordNet: synonyms, more general words, derived forms and verb groups, in
   either direction (:func:`retold.audit.group.wordnet_supported`);
5. the sentence embedder on the two words (``Context.word_support``), when the
   audit runs with embeddings.

What the table and each signal add is measured on the tuning half of the
fidelity pairs (BENCHMARKS.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from retold.audit.group import Context, Group, content_tokens, wordnet_supported
from retold.lexicon import paraphrases, polarity
from retold.lexicon.modality import ABLE

__all__ = ["CONTRADICTS", "EQUIVALENT", "NEW", "Judgment", "contradicted", "judge"]

EQUIVALENT = "equivalent"
CONTRADICTS = "contradicts"
NEW = "new"

# "A robot able to sort" says what "a robot that can sort" says.
_CAN = frozenset({"can", "could", "ca"})

# Below this cosine two words are not taken for each other by their embeddings.
_EMBEDDED = 0.6


@dataclass(frozen=True, slots=True)
class Judgment:
    """What one word of a side is to the other side, and why."""

    token: Any  # a spaCy token of the side judged
    verdict: str  # EQUIVALENT, CONTRADICTS or NEW
    match: str = ""  # the other side's word or phrase it matches ("" when new)
    evidence: str = ""  # what decided: "paraphrase table", "WordNet", ...

    def describe(self) -> str:
        """The judgment as a reader reads it in an issue."""
        if self.verdict == NEW:
            return f"'{self.token.text}' (new: no phrase of the source says it)"
        return f"'{self.token.text}' {self.verdict} '{self.match}' ({self.evidence})"


def judge(
    words: Iterable[Any], other: Group, ctx: Context, *, tables_only: bool = False
) -> list[Judgment]:
    """Judge each token of ``words`` (one side's words the other lacks) against ``other``.

    ``tables_only``: only the tables and a shared stem may find an equivalent,
    not WordNet or the embedder, whose synonyms hold in some sense of a word
    but not in a fixed phrase such as a title ("outgoing owner" is no
    "sociable owner", "chief medical officer" no "boss clinical official")."""
    words = list(words)
    if not words:
        return []
    pool = _content_lemmas(other)
    grams = _windows(other)
    out: list[Judgment] = []
    undecided: list[Any] = []
    for t in words:
        found = _by_tables(t, _all_lemmas(other), grams) or _same_stem(t, pool)
        if found is not None:
            out.append(found)
        elif tables_only:
            out.append(Judgment(t, NEW))
        elif pool and wordnet_supported(_lemma(t), set(pool)):
            match = next((p for p in pool if wordnet_supported(_lemma(t), {p})), "")
            out.append(Judgment(t, EQUIVALENT, match, "WordNet"))
        else:
            undecided.append(t)
    if undecided and pool and ctx.word_support is not None:
        ordered = sorted(pool)
        scores = ctx.word_support([_lemma(t) for t in undecided], ordered)
        rest = []
        for t, score in zip(undecided, scores, strict=True):
            if score >= _EMBEDDED:
                out.append(Judgment(t, EQUIVALENT, "", f"embedder {score:.2f}"))
            else:
                rest.append(t)
        undecided = rest
    out += [Judgment(t, NEW) for t in undecided]
    return sorted(out, key=lambda j: j.token.i)


def contradicted(t: Any, other: Group) -> Judgment | None:
    """A word of ``other`` that ``t`` contradicts by the polarity table or
    WordNet's antonyms, the other side not having ``t``'s own word."""
    lem = _lemma(t)
    mine = {_lemma(x) for x in t.doc[t.sent.start : t.sent.end]}
    for o in _all_lemmas(other):
        if o == lem or o in mine:
            continue
        dimension = polarity.contradiction(lem, o)
        if dimension is not None:
            return Judgment(t, CONTRADICTS, o, f"polarity: {dimension}")
    return None


def _by_tables(t: Any, pool: dict[str, Any], grams: dict[str, str]) -> Judgment | None:
    lem = _lemma(t)
    if lem in ABLE and pool.keys() & _CAN:
        return Judgment(t, EQUIVALENT, "can", "ability: the modal 'can' says it")
    for window in _around(t):
        for phrase in paraphrases.phrases_for(window):
            if phrase in grams:
                return Judgment(t, EQUIVALENT, grams[phrase], "paraphrase table")
    stance = polarity.saying_stance(lem)
    for o in pool:
        dimension = polarity.contradiction(lem, o)
        if dimension is not None and o not in _sentence_lemmas(t):
            return Judgment(t, CONTRADICTS, o, f"polarity: {dimension}")
        if stance is not None and polarity.saying_stance(o) == stance:
            return Judgment(t, EQUIVALENT, o, f"verbs of saying, both {stance}")
        same = polarity.same_pole(lem, o)
        if same is not None:
            return Judgment(t, EQUIVALENT, o, f"same {same}")
    return None


def _same_stem(t: Any, pool: dict[str, Any]) -> Judgment | None:
    """A word of ``pool`` of the same stem: "regulatory" / "regulators",
    "enrollment" / "enrolled" (a shared beginning of at least six letters that
    is most of the shorter word)."""
    lem = _lemma(t)
    for o in pool:
        n = 0
        for a, b in zip(lem, o, strict=False):
            if a != b:
                break
            n += 1
        if n >= 6 and n >= 0.7 * min(len(lem), len(o)):
            return Judgment(t, EQUIVALENT, o, "the same stem")
    return None


def _all_lemmas(g: Group) -> dict[str, Any]:
    """Every word's lemma, "up" and "down" too (polarity lives in them)."""

    def build(g: Group) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for t in g.tokens:
            if t.is_alpha:
                out.setdefault(_lemma(t), t)
        return out

    result: dict[str, Any] = g.cached("judge: all lemmas", build)
    return result


def _lemma(t: Any) -> str:
    return str(t.lemma_).lower()


def _sentence_lemmas(t: Any) -> set[str]:
    return {_lemma(x) for x in t.doc[t.sent.start : t.sent.end]}


def _content_lemmas(g: Group) -> dict[str, Any]:
    """The group's content lemmas, each with its first token."""

    def build(g: Group) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for t in content_tokens(g):
            out.setdefault(_lemma(t), t)
        return out

    result: dict[str, Any] = g.cached("judge: content lemmas", build)
    return result


def _windows(g: Group) -> dict[str, str]:
    """Every window of the group's sentences up to the table's longest phrase,
    normalised as the table reads it -> the window's text."""

    def build(g: Group) -> dict[str, str]:
        size = paraphrases.max_words()
        out: dict[str, str] = {}
        doc = g.parsed.doc
        for s in g.sentences:
            span = doc.char_span(s.start, s.end, alignment_mode="expand")
            if span is None:
                continue
            toks = [t for t in span if not t.is_punct and not t.is_space]
            for i in range(len(toks)):
                for n in range(1, size + 1):
                    chunk = toks[i : i + n]
                    if len(chunk) < n:
                        break
                    key = paraphrases.normalize(" ".join(_lemma(x) for x in chunk))
                    if key:
                        out.setdefault(key, doc[chunk[0].i : chunk[-1].i + 1].text)
        return out

    result: dict[str, str] = g.cached("judge: windows", build)
    return result


def _around(t: Any) -> list[str]:
    """Normalised lemma windows that hold ``t``, longest first."""
    size = paraphrases.max_words()
    sent = t.doc[t.sent.start : t.sent.end]
    toks = [x for x in sent if not x.is_punct and not x.is_space]
    at = next((k for k, x in enumerate(toks) if x.i == t.i), None)
    if at is None:
        return [paraphrases.normalize(_lemma(t))]
    out: list[str] = []
    for n in range(size, 0, -1):
        for start in range(max(0, at - n + 1), at + 1):
            chunk = toks[start : start + n]
            if len(chunk) == n:
                key = paraphrases.normalize(" ".join(_lemma(x) for x in chunk))
                if key and key not in out:
                    out.append(key)
    return out
