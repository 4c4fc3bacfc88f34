"""Lexical paraphrase in context: a content word or phrase replaced by one that
means the same here ("warned" -> "cautioned", "called off" -> "cancelled",
"big" -> "large").

Where the replacements come from, safest first:

- the paraphrase table (:mod:`retold.lexicon.paraphrases`): the other
  members of a group that holds the word, or a phrasal verb of the sentence
  ("called off") and a one-word verb of its group;
- WordNet (:mod:`retold.models.wordnet`), for adjectives, adverbs and verbs
  that the table does not hold: the other words of the word's most
  frequent sense, only when that sense dominates the word's tagged uses and
  is also a main sense of the replacement (so "crash" as a collision is not
  swapped for the "crash" of a noise), when the replacement is a familiar
  word (the tagged corpus saw it :data:`_FAMILIAR` times) and no register
  jump (:data:`_STIFF`), and a verb only with its direct object. Its
  synonyms misfire in collocations ("reasonable suspicion" / "sensible
  suspicion"), so they must read closer in context than the table's
  (:data:`MIN_WINDOW_WORDNET`, :data:`MIN_WINDOW_VERB`). WordNet's nouns are
  not used: too often terms, rare words or another register ("penalty" /
  "punishment" in football, "decision" / "conclusion").

Whatever the source, the replacement must take the arguments the word has
here (:mod:`.valency`: "started him" is no "began him", "the additional X"
no "the more X").

A table pair is used only between a group's head and a member, when one
group of the word's part of speech (by the data file's section) holds the
word, when the replacement is a word the tagged corpus saw at least
:data:`_MIN_TAGGED` times, and, for a word of many senses ("fire", "lose"),
when WordNet's first two senses hold the replacement.

What is never replaced: words inside a locked span (facts, quotations) or
between quotation marks, names and words of a name, numbers, dates and
times, both words of a noun compound ("body image" is a term), a bare
singular noun and its adjective ("jump ship", "in quick succession"), verbs of
saying, believing and hedging, modal, light and general verbs, and function
words. A replacement that contradicts the word (the polarity table,
WordNet's antonyms) is refused, whatever its source.

Every replacement is inflected to the word's form (plural, past, participle,
-ing, -s) from WordNet's exception lists and :mod:`retold.lexicon.inflection`
or the regular spelling rules; a form that cannot be spelled surely is not
proposed. Then it is chosen in context: the embedder compares the words
around the slot in the source and in the substituted sentence (a window of
a few words each side, which costs a fraction of a whole sentence and sees
what the word does here); below :data:`MIN_WINDOW` the swap is refused.
Optionally (``RulesOptions(language_model=True)``) SmolLM2 must also read
the substituted window about as likely as the source's: its log-likelihood
may drop by at most :data:`MAX_LM_DROP`.

A plan holds up to :data:`PER_SENTENCE` swaps per sentence, and across an
article each swap (word -> replacement) is used once, so that the same
word reads differently from one paragraph to the next rather than being
swapped the same way everywhere.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from retold import models
from retold.backends.rules import valency
from retold.backends.rules.syntax import Parsed, in_quote
from retold.backends.rules.verbs import participle_of, present_participle, third_person
from retold.errors import ModelUnavailableError
from retold.lexicon import hedges, modality, paraphrases, polarity
from retold.lexicon.calendar import DAY_PARTS, RELATIVE_DAYS, RELATIVE_PERIODS, SEASONS
from retold.lexicon.inflection import ING_FORMS, IRREGULAR_VERBS
from retold.lexicon.names import NAME_TITLES
from retold.lexicon.numbers import NUMBER_WORDS, ORDINAL_WORDS
from retold.lexicon.reporting import CLAIM_VERBS, SPEECH_VERBS, THAT_VERBS
from retold.lexicon.stopwords import ALIGNMENT_STOP_WORDS
from retold.lexicon.verbs import GENERAL_VERBS, LIGHT_VERBS
from retold.models import wordnet

__all__ = [
    "MAX_LM_DROP",
    "MIN_SENTENCE",
    "MIN_WINDOW",
    "MIN_WINDOW_WORDNET",
    "PER_SENTENCE",
    "Swap",
    "apply",
    "plan",
]

log = logging.getLogger(__name__)

#: Swaps per sentence at most.
PER_SENTENCE = 4
# Words between two swaps of a sentence, if the sentence allows.
_APART = 2
#: The least cosine between the source's window and the substituted window.
MIN_WINDOW = 0.70
#: The least window cosine of a WordNet synonym (no group vouches for it).
MIN_WINDOW_WORDNET = 0.85
#: The least window cosine of a WordNet synonym of a verb: on dev CNN/DM 0-19
#: the wrong ones ("challenged the witnesses" / "disputed", "pulling" /
#: "drawing") scored 0.90, the right ones ("assessing" / "evaluating",
#: "justify" / "warrant", "founded" / "established") 0.94 and above.
MIN_WINDOW_VERB = 0.92
#: The least cosine between the source sentence and the sentence with all its swaps.
MIN_SENTENCE = 0.82
#: The most SmolLM2's log-likelihood of the window may drop (nats, whole
#: window: the words before the swap score alike, so the drop is the swap's
#: and the words after it). On 17 hand-judged swaps of dev CNN/DM sentences 7
#: refused 8 of 10 wrong ones and 1 of 7 right ones; the mean per token,
#: which a longer replacement ("passed away") lowers, did worse (8/10, 2/7).
MAX_LM_DROP = 7.0
# Words each side of the slot that the embedder and the language model read.
_WINDOW = 4
# A table entry is a known equivalence: it is preferred to WordNet's by this
# much of window cosine.
_TABLE_BONUS = 0.03
# Another replacement for variety's sake only when its window cosine is this
# close to the slot's best.
_VARIETY = 0.05

_POS = {"NOUN": "noun", "VERB": "verb", "ADJ": "adj", "ADV": "adv"}
_TAGS = frozenset({"NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ", "RB"})
# Words after a verb that make it a phrasal verb ("call off", "shy away from").
_PARTICLES = frozenset(
    {"up", "down", "out", "off", "in", "on", "over", "away", "back", "about", "from", "to",
     "into", "for", "with", "of", "ahead", "forward", "through", "along", "around", "aside",
     "apart", "together"}
)  # fmt: skip
# Time words name when something happened: facts, whatever the tagger says.
_TIME_WORDS = frozenset(
    {*RELATIVE_DAYS, *RELATIVE_PERIODS, *SEASONS, *DAY_PARTS, "time", "moment", "period", "era",
     "hour", "minute", "second", "decade", "century", "date", "recently", "later", "earlier",
     "now", "then", "ago", "soon", "currently", "previously", "early", "late", "once", "again"}
)  # fmt: skip
# Words whose replacement changes what is asserted, not how it is said:
# verbs of saying and belief (their stance), hedges, modals, quantity words.
_NEVER = frozenset(
    {*LIGHT_VERBS, *GENERAL_VERBS, *SPEECH_VERBS, *CLAIM_VERBS, *THAT_VERBS,
     *hedges.HEDGE_ADVERBS, *hedges.HEDGE_ATTRIBUTES, *hedges.HEDGE_VERBS,
     *hedges.BELIEF_VERBS, *hedges.PROOF_VERBS, *modality.MODALS, *NUMBER_WORDS,
     *ORDINAL_WORDS, *_TIME_WORDS, "last", "next", "only", "just", "also", "even", "still",
     "very", "much", "little", "more", "most",
     "less", "least", "few", "many", "all", "not", "never",
     "no", "other", "same", "own", "such", "new", "old", "good", "bad", "well", "so", "too",
     "there", "here", "how", "why", "where", "when", "say", "tell", "accord", "mr", "mrs",
     "ms", "dr", "percent", "people", "thing", "way", "man", "woman", "child", "year",
     "family", "mother", "father", "son", "daughter", "wife", "husband", "right", "left",
     *NAME_TITLES, "officer", "official", "director", "manager", "chief", "head", "leader",
     "member", "worker", "employee", "staff", "agent", "police", "number", "figure", "amount",
     "total", "majority", "lot", "couple", "dozen", "share", "part", "half"}
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+)*")


@dataclass(frozen=True, slots=True)
class Swap:
    """One replacement: ``text[start:end]`` (``source``) becomes ``replacement``.

    ``lemma`` and ``substitute`` are the two lemmas (the variety key), ``origin``
    the resource that proposed it, ``score`` the window cosine.
    """

    start: int
    end: int
    source: str
    replacement: str
    lemma: str
    substitute: str
    origin: str
    score: float = 0.0
    pos: str = ""


@dataclass(frozen=True, slots=True)
class _Slot:
    start: int
    end: int
    swaps: tuple[Swap, ...]


# ------------------------------------------------------------------ plans


def plan(
    sentences: Sequence[Parsed], *, language_model: bool = False, wordnet_too: bool | None = None
) -> list[tuple[Swap, ...]]:
    """The swaps chosen for each sentence of one article, in article order.

    Every slot's replacements are scored in one embedder batch; the best of
    each slot above :data:`MIN_WINDOW` is taken, up to :data:`PER_SENTENCE`
    a sentence, no swap twice in the article.
    """
    # WordNet's synonyms misfire in collocations the embedder cannot see
    # ("reasonable suspicion" / "sensible suspicion", "saw red" / "saw
    # crimson"): only with the language model to read them
    if wordnet_too is None:
        pos = _WORDNET_POS if language_model else _WORDNET_DEFAULT
    else:
        pos = _WORDNET_POS if wordnet_too else frozenset()
    slots = [_slots(p, wordnet_pos=pos) for p in sentences]
    flat = [(k, s, w) for k, ss in enumerate(slots) for s in ss for w in s.swaps]
    if not flat:
        return [() for _ in sentences]
    try:
        scores = _window_scores([(sentences[k], w) for k, _, w in flat])
    except ModelUnavailableError as exc:
        log.warning("rules: no lexical paraphrase without the embedder (%s)", exc)
        return [() for _ in sentences]
    scored: dict[int, list[tuple[_Slot, Swap]]] = {}
    for (k, slot, w), score in zip(flat, scores, strict=True):
        if score >= _least(w):
            bonus = _TABLE_BONUS if w.origin == "paraphrase table" else 0.0
            scored.setdefault(k, []).append((slot, _scored(w, score + bonus)))
    used: set[tuple[str, str]] = set()
    swapped: dict[str, int] = {}
    out: list[tuple[Swap, ...]] = []
    for k, p in enumerate(sentences):
        options = sorted(scored.get(k, ()), key=lambda sw: (-sw[1].score, sw[1].replacement))
        if language_model and options:
            options = _fluent(p, options)
        chosen: list[Swap] = []
        best: dict[int, float] = {}
        for slot, w in options:
            best.setdefault(slot.start, w.score)
        # a lemma already swapped in the article goes to the back: variety first
        options.sort(key=lambda sw: swapped.get(sw[1].lemma, 0))
        # spread apart first (each swap then changes its own word 4-grams, and
        # two new words side by side read least like the source's phrase),
        # then any slot left
        for apart in (True, False):
            for slot, w in options:
                if len(chosen) == PER_SENTENCE:
                    break
                if (w.lemma, w.substitute) in used or w.score < best[slot.start] - _VARIETY:
                    continue
                if any(w.start < c.end and c.start < w.end for c in chosen):
                    continue
                if apart and any(_words_between(p.text, w, c) < _APART for c in chosen):
                    continue
                chosen.append(w)
                used.add((w.lemma, w.substitute))
                swapped[w.lemma] = swapped.get(w.lemma, 0) + 1
        out.append(tuple(chosen))
    return [tuple(sorted(ws, key=lambda c: c.start)) for ws in _close_enough(sentences, out)]


def _close_enough(
    sentences: Sequence[Parsed], plans: list[tuple[Swap, ...]]
) -> list[tuple[Swap, ...]]:
    """Each plan, its weakest swaps dropped until the whole substituted sentence
    stays within :data:`MIN_SENTENCE` of its source (the ranker, too, drops a
    candidate that strays; several swaps that each read well can add up)."""
    plans = list(plans)
    for _ in range(PER_SENTENCE):
        todo = [k for k, ws in enumerate(plans) if ws]
        if not todo:
            break
        texts = [apply(sentences[k].text, plans[k]) or sentences[k].text for k in todo]
        vectors = models.embedder().encode([*(sentences[k].text for k in todo), *texts])
        n = len(todo)
        far = [k for i, k in enumerate(todo) if float(vectors[i] @ vectors[n + i]) < MIN_SENTENCE]
        if not far:
            break
        for k in far:
            plans[k] = plans[k][:-1]  # the options were taken best first
    return plans


def _words_between(text: str, a: Swap, b: Swap) -> int:
    """How many words stand between two swaps."""
    lo, hi = (a, b) if a.start < b.start else (b, a)
    return len(text[lo.end : hi.start].split())


def _least(w: Swap) -> float:
    """The least window cosine for ``w``: WordNet's verbs most of all (their
    sense turns on the object), then WordNet's other words, then the table's."""
    if w.origin != "WordNet":
        return MIN_WINDOW
    return MIN_WINDOW_VERB if w.pos == "verb" else MIN_WINDOW_WORDNET


def _scored(w: Swap, score: float) -> Swap:
    return Swap(
        w.start, w.end, w.source, w.replacement, w.lemma, w.substitute, w.origin, score, w.pos
    )


def apply(text: str, swaps: Iterable[Swap]) -> str | None:
    """``text`` with each swap made where its source words stand once in it
    (``text`` may be the source sentence or a transformation of it that moved
    the words); ``None`` when no swap could be made."""
    out = text
    made = 0
    for w in swaps:
        found = [
            m
            for m in re.finditer(rf"(?<![\w'’-]){re.escape(w.source)}{_END}", out, re.I)
            if m.group()[1:] == w.source[1:]
        ]
        if len(found) != 1:
            continue
        m = found[0]
        new = w.replacement
        if m.group()[:1].isupper():
            new = new[:1].upper() + new[1:]
        elif w.source[:1].isupper() and not w.replacement[:1].isupper():
            new = new[:1].lower() + new[1:]
        start = _article_start(out, m.start(), new)
        article = _article(out[start : m.start()], new) if start < m.start() else ""
        out = out[:start] + article + new + out[m.end() :]
        made += 1
    return out if made else None


# The end of a word: not inside a longer word, a possessive's "'s" allowed.
_END = r"(?=['’]s\b|[^\w'’-]|$)"
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’-])(an?)\s+$", re.IGNORECASE)


def _article_start(text: str, at: int, new: str) -> int:
    m = _ARTICLE_BEFORE.search(text[:at])
    return m.start(1) if m is not None else at


def _article(before: str, new: str) -> str:
    """ "a"/"an" before ``new`` as its first sound needs ("a large", "an enormous")."""
    word = new.lower()
    vowel = word[:1] in "aeio" or (word.startswith("un") and not word.startswith("uni"))
    article = "an" if vowel else "a"
    written = before.strip()
    article = article.capitalize() if written[:1].isupper() else article
    return article + before[len(written) :]


# ------------------------------------------------------------------ slots


def _slots(p: Parsed, wordnet_pos: frozenset[str] = frozenset()) -> list[_Slot]:
    """Every replaceable word or phrasal verb of ``p`` with its replacements."""
    doc = p.doc
    counts: dict[str, int] = {}
    for t in doc:
        counts[t.lower_] = counts.get(t.lower_, 0) + 1
    present = {t.lemma_.lower() for t in doc}
    out: list[_Slot] = []
    taken: set[int] = set()
    for phrase in _phrasal_verbs(doc):
        first, last = phrase[0], phrase[-1]
        if first.lemma_.lower() in _NEVER:
            continue
        start, end = first.idx, last.idx + len(last.text)
        if not _free(p, first, start, end) or any(counts[t.lower_] > 1 for t in phrase):
            continue
        lemma = " ".join(t.lemma_.lower() for t in phrase)
        swaps = [
            w
            for sub in _table_swaps(lemma, "verb")
            if " " not in sub
            and sub not in present
            and _is(sub, "verb")
            and _fits(first, lemma, sub, "paraphrase table")
            for w in _swap(p, first, start, end, lemma, sub, "paraphrase table")
        ]
        if swaps:
            out.append(_Slot(start, end, tuple(swaps)))
            taken |= {t.i for t in phrase}
    for t in doc:
        if t.i in taken or not _eligible(p, t) or counts[t.lower_] > 1:
            continue
        lemma, pos = t.lemma_.lower(), _POS[t.pos_]
        start, end = t.idx, t.idx + len(t.text)
        swaps = [
            w
            for sub, origin in _replacements(lemma, pos, wordnet_pos)
            if sub not in present and not _contradicts(lemma, sub) and _fits(t, lemma, sub, origin)
            for w in _swap(p, t, start, end, lemma, sub, origin)
        ]
        if swaps:
            out.append(_Slot(start, end, tuple(swaps)))
    return out


def _phrasal_verbs(doc: Any) -> list[list[Any]]:
    """Verbs with their particles ("called off", "stepped down") that the
    paraphrase table holds, as runs of tokens."""
    lemmas = [t.lemma_.lower() for t in doc]
    out = []
    for found in paraphrases.find(lemmas):
        toks = list(doc[found.start : found.end])
        if (
            len(toks) > 1
            and toks[0].pos_ == "VERB"
            and toks[0].tag_ in _TAGS
            and all(t.lower_ in _PARTICLES and t.dep_ == "prt" for t in toks[1:])
        ):
            out.append(toks)  # not "seek to", whose "to" belongs to the next verb
    return out


def _eligible(p: Parsed, t: Any) -> bool:
    if t.pos_ not in _POS or t.tag_ not in _TAGS or not t.is_alpha:
        return False
    lemma = t.lemma_.lower()
    if lemma in _NEVER or t.lower_ in _NEVER or lemma in ALIGNMENT_STOP_WORDS or len(lemma) < 3:
        return False
    if t.ent_type_ or t.like_num or (t.text[:1].isupper() and t.i > 0):
        return False  # a name, a number, a date, or a word of a title
    if t.dep_ in ("compound", "prt") or any(c.dep_ in ("compound", "prt") for c in t.children):
        return False  # "body image", "blood pressure": a term; "set up": a phrasal verb
    if t.pos_ == "VERB" and any(
        c.dep_ == "advmod" and c.lower_ in _MOTION and c.i > t.i for c in t.children
    ):
        return False  # "penned back", "rolled back down": the adverb is the verb's particle
    if t.tag_ == "NN" and _bare(t):
        return False  # "jump ship", "saw red", "at home": a bare singular noun is an idiom's
    if t.pos_ == "ADJ" and t.dep_ == "amod" and t.head.tag_ == "NN" and _bare(t.head):
        return False  # "in quick succession", "in full flight"
    if t.pos_ == "VERB" and (t.dep_ in _NOMINAL or (t.head.pos_ == "NOUN" and t.i < t.head.i)):
        return False  # "two Premier League starts", "learning difficulties": a noun's word
    if t.pos_ == "VERB" and _misparsed(t):
        return False
    if t.pos_ == "VERB" and t.dep_ == "amod":
        return False  # "following a strict diet" as a modifier: its sense turns on the noun
    if t.pos_ == "VERB" and any(
        c.dep_ in _COMPLEMENTS or (c.dep_ == "prep" and c.lower_ in _MOTION) for c in t.children
    ):
        # "try to", "make it clear": the complement is the verb's own;
        # "climbed down the shaft": a motion, where "rose" is another one
        return False
    if t.pos_ == "ADV" and not t.lower_.endswith("ly"):
        return False  # "back", "away", "up": part of the verb's meaning
    return _free(p, t, t.idx, t.idx + len(t.text))


# Dependencies of a noun: a "verb" found there is a tagging error.
_NOMINAL = frozenset(
    {"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos", "npadvmod", "compound", "poss"}
)


def _misparsed(t: Any) -> bool:
    """A verb the tagger made of a noun, told by the grammar around it: "has
    learning difficulties" (no -ing after a bare "has"), "two Premier League
    starts" (a singular subject counted by a number above one)."""
    auxes = [c.lemma_.lower() for c in t.children if c.dep_ == "aux"]
    if t.tag_ == "VBG" and auxes and auxes[-1] == "have":
        return True
    for c in t.children:
        if c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP"):
            counts = [n for n in c.children if n.dep_ == "nummod" and n.lower_ not in ("one", "1")]
            if counts:
                return True
    return False


def _bare(t: Any) -> bool:
    """A singular noun with no determiner, possessive or number."""
    return not any(c.dep_ in ("det", "poss", "nummod") for c in t.children)


def _free(p: Parsed, t: Any, start: int, end: int) -> bool:
    """Neither locked nor quoted."""
    if any(a < end and start < b for a, b in p.locked):
        return False
    return not in_quote(p, start)


def _common(word: str, pos: str) -> bool:
    """Whether the tagged corpus saw ``word`` often enough to read as plain news
    English ("eschew", "slay", "impound" it saw once or twice)."""
    return sum(wordnet.sense_counts(word, pos)) >= _MIN_TAGGED


# Replacements a reader takes for a register jump in news prose, whatever
# the group says: "died of cancer" / "perished of cancer", "arrested" /
# "apprehended", "provide" / "furnish", "the main reception" / "the chief
# reception", "in the country" / "in the nation", "immediately after" /
# "instantly after" (read on dev CNN/DM 0-19, issue 12).
_STIFF = frozenset(
    {"perish", "apprehend", "furnish", "commence", "utilize", "utilise", "endeavour",
     "endeavor", "procure", "reside", "inhabit", "cease", "deem", "ascertain", "bestow",
     "chiefly", "principal", "chief", "nation", "instantly", "halt", "pass away",
     "forestall", "myriad", "savor", "savour", "crimson", "despairing", "reckon", "famed",
     "serene", "counsel", "excess", "modify", "individual", "desire", "confine", "vicious",
     "evidently", "apparently", "seemingly", "observe", "notice", "barely", "accordingly"}
)  # fmt: skip


def _replacements(lemma: str, pos: str, wordnet_pos: frozenset[str]) -> list[tuple[str, str]]:
    """(replacement lemma, origin), the table's first."""
    out: list[tuple[str, str]] = []
    for sub in _table_swaps(lemma, pos):
        if sub in _STIFF:
            continue
        if _spelling(lemma, sub) or not _table_sense(lemma, sub, pos):
            continue
        phrasal = pos == "verb" and _particle_phrase(sub) and _is(sub.split()[0], "verb")
        if (" " not in sub and _is(sub, pos) and _common(sub, pos)) or phrasal:
            out.append((sub, "paraphrase table"))
    if pos in wordnet_pos and not _in_table(lemma):
        # the table knows a word's news sense ("seized" cocaine is confiscated,
        # not clutched): WordNet only for words it does not hold
        out += [(s, "WordNet") for s in _wordnet_synonyms(lemma, pos) if s not in _STIFF]
    return out


# WordNet's first sense is safe enough for adjectives and for verbs with an
# object; its nouns are too often terms, rare words or another register
# ("metropolis" for "city", "stuff" for "material").
_WORDNET_POS = frozenset({"adj", "verb", "adv"})
# Without the language model too: a verb's synonym is held to a stricter
# window cosine (:data:`MIN_WINDOW_VERB`), and needs its direct object.
_WORDNET_DEFAULT = _WORDNET_POS


@dataclass(frozen=True, slots=True)
class _Group:
    head: str
    members: frozenset[str]
    pos: frozenset[str]  # what its section of the data file says it holds


# The data file's sections say which part of speech their groups hold; a
# section not listed here (negation, the tuning additions) mixes them.
_SECTIONS = {
    "stance and intention": {"verb"},
    "light verbs": {"verb"},
    "phrasal verbs": {"verb"},
    "verbs of events": {"verb"},
    "time": {"adv"},
    "adjectives and adverbs": {"adj", "adv"},
    "nouns in their news sense": {"noun"},
}


@functools.cache
def _table() -> dict[str, tuple[_Group, ...]]:
    """Each phrase of the paraphrase table -> the groups (senses) that hold it."""
    text = resources.files("retold.lexicon").joinpath("data", "paraphrases.txt")
    out: dict[str, list[_Group]] = {}
    pos: set[str] = set()
    for line in text.read_text("utf-8").splitlines():
        if line.startswith("# ---"):
            title = line[5:].strip()
            pos = next((v for k, v in _SECTIONS.items() if title.startswith(k)), set())
            continue
        line = line.split("#", 1)[0].strip()
        if not line or not pos:
            continue
        head, _, rest = line.partition(" = ")
        members = frozenset(paraphrases.normalize(m) for m in [head, *rest.split("|")] if m.strip())
        group = _Group(paraphrases.normalize(head), members, frozenset(pos))
        for phrase in members:
            out.setdefault(phrase, []).append(group)
    return {k: tuple(v) for k, v in out.items()}


def _table_swaps(lemma: str, pos: str) -> list[str]:
    """The table's replacements of ``lemma`` as ``pos``: only when one group
    of that part of speech holds it (else its sense here is unsure), and
    only between the group's head and a member ("rise" <-> "gain", never
    "gain" -> "climb": two members may share the head's sense by different
    senses of their own)."""
    key = paraphrases.normalize(lemma)
    groups = [g for g in _table().get(key, ()) if pos in g.pos]
    if len(groups) != 1:
        return []
    g = groups[0]
    return sorted(g.members - {key} if key == g.head else {g.head})


def _in_table(lemma: str) -> bool:
    return paraphrases.normalize(lemma) in _table()


# Dependents whose shape only some verbs take: "tried to go", "found that",
# "gave them", "made it clear", "became president".
_COMPLEMENTS = frozenset({"xcomp", "ccomp", "dative", "oprd", "acomp", "attr", "csubj"})
_MOTION = frozenset(
    {"up", "down", "out", "off", "away", "back", "into", "onto", "through", "over", "along",
     "around", "across", "toward", "towards"}
)  # fmt: skip
# WordNet's verb frames with a direct object ("Somebody ----s something") and
# without one ("Somebody ----s", "Somebody ----s PP").
_TRANSITIVE = frozenset({5, 8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20, 21, 24, 25, 30, 31})
_INTRANSITIVE = frozenset({1, 2, 3, 4, 6, 7, 12, 13, 22, 23, 27})
_PREPOSITIONS = frozenset({"to", "of", "for", "with", "from", "into", "on", "about", "at"})


def _fits(t: Any, lemma: str, sub: str, origin: str) -> bool:
    """Whether verb ``sub`` takes the dependents ``t`` has here: an object or
    none ("reached a decision" is no "arrived a decision"), by WordNet's
    frames for the sense the two share (WordNet) or the replacement's two
    main senses (table)."""
    if not valency.adjective_fits(t, sub) or not valency.verb_fits(t, lemma, sub):
        return False  # "the more concern", "began him", "to intensify" (issue 12)
    if t.pos_ != "VERB":
        return True
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
    direct = any(c.dep_ == "dobj" for c in t.children)
    words = sub.split()
    if len(words) > 1 and not direct and any(c.dep_ == "prep" for c in t.children):
        return False  # "died of cancer" is no "passed away of cancer"
    if words[-1] in _PREPOSITIONS:
        # "shy away from" takes the object itself: only for a direct object
        nxt = t.nbor(1).lower_ if t.i + 1 < len(t.doc) else ""
        return direct and not passive and nxt != words[-1]
    frames = wordnet.verb_frames(sub)
    if not frames:
        return " " in sub  # a phrasal verb WordNet lacks: the table vouches for it
    if origin == "WordNet":
        if not (direct or passive):
            return (
                False  # without an object a verb's sense is the least sure ("lived" / "inhabited")
            )
        shared = wordnet.senses(lemma, "verb")[0]
        theirs = wordnet.senses(sub, "verb")
        usable = frames[theirs.index(shared)] if shared in theirs else frozenset()
    else:
        usable = frozenset().union(*frames[:2])
    return bool(usable & (_TRANSITIVE if direct or passive else _INTRANSITIVE))


def _particle_phrase(phrase: str) -> bool:
    """A verb and its particles ("call off", "set up"), not a verb and a
    preposition that takes the object ("go down to", "shy away from"): those
    carry senses of their own ("lost weight" is no "went down to weight")."""
    words = phrase.split()
    return (
        len(words) > 1
        and all(w in _PARTICLES for w in words[1:])
        and words[-1] not in _PREPOSITIONS
        and words[-1] not in ("in", "from", "over", "through", "along", "around")
    )


# Senses from which a word's sense in context is too unsure for the table's pairs.
_POLYSEMOUS = 4


def _spelling(a: str, b: str) -> bool:
    """Two spellings of one word ("criticize" / "criticise", "center" /
    "centre"): no rewording, and two spellings in one article."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 3


def _table_sense(lemma: str, sub: str, pos: str) -> bool:
    """Whether the table's pair holds in the word's main senses. A word of
    many senses ("fire", "lose", "release") is replaced only by a word of
    its first two, and a replacement of many senses only where the word is
    in its first two; otherwise, when WordNet puts the two words in one sense,
    it must be one of the word's first two ("purchase" / "buy" share its
    first)."""
    mine = wordnet.senses(lemma, pos)
    if len(mine) >= _POLYSEMOUS:
        return sub in {*mine[0], *mine[1]}
    # the same for the replacement, which a reader may take in another of its
    # senses ("negotiated a deal" is no "talked a deal")
    theirs_ = wordnet.senses(sub, pos)
    if len(theirs_) >= _POLYSEMOUS and lemma not in {*theirs_[0], *theirs_[1]}:
        return False
    theirs = set(theirs_)
    shared = [n for n, synset in enumerate(mine) if synset in theirs]
    return not shared or shared[0] < 2


def _is(word: str, pos: str) -> bool:
    """Whether WordNet knows ``word`` as ``pos`` (any sense)."""
    return bool(wordnet.senses(word, pos))


# A sense "dominates" a word's uses when it has at least this share of its
# tagged uses, and at least this many.
_DOMINANT = 0.5
_MIN_TAGGED = 3
# A WordNet synonym is used only when the tagged corpus saw it this often in
# all its senses: a familiar word.
_FAMILIAR = 10


def _wordnet_synonyms(lemma: str, pos: str) -> list[str]:
    """The other words of ``lemma``'s dominant first sense for which that sense
    is a main one too (not a rare word, not a rare use of a common word)."""
    senses = wordnet.senses(lemma, pos)
    counts = wordnet.sense_counts(lemma, pos)
    if not senses or not _dominant(counts, 0):
        return []
    out = []
    for sub in senses[0]:
        if sub == lemma or not _WORD.fullmatch(sub) or "-" in sub:
            continue
        if " " in sub:
            continue  # WordNet's phrases ("start out", "come with") carry senses of their own
        theirs = wordnet.senses(sub, pos)
        if senses[0] not in theirs:
            continue
        rank = theirs.index(senses[0])
        sub_counts = wordnet.sense_counts(sub, pos)
        if rank >= len(sub_counts) or sub_counts[rank] < _MIN_TAGGED:
            continue  # a word the tagged corpus barely saw in this sense: rare here
        if sum(sub_counts) < _FAMILIAR:
            continue  # a word news readers meet seldom ("myriad", "serene")
        if rank == 0 or _dominant(sub_counts, rank):
            out.append(sub)
    return out


def _dominant(counts: Sequence[int], n: int) -> bool:
    total = sum(counts)
    return n < len(counts) and counts[n] >= _MIN_TAGGED and counts[n] >= _DOMINANT * total


def _contradicts(lemma: str, sub: str) -> bool:
    return (
        polarity.contradiction(lemma, sub) is not None
        or sub in wordnet.antonyms(lemma)
        or lemma in wordnet.antonyms(sub)
    )


def _swap(p: Parsed, t: Any, start: int, end: int, lemma: str, sub: str, origin: str) -> list[Swap]:
    form = _inflect(sub, t.tag_)
    if form is None or form.lower() == p.text[start:end].lower():
        return []
    if t.i == 0 and p.text[start : start + 1].isupper():
        form = form[:1].upper() + form[1:]
    pos = _POS.get(t.pos_, "")
    return [Swap(start, end, p.text[start:end], form, lemma, sub, origin, pos=pos)]


# ------------------------------------------------------------------ inflection


def _inflect(lemma: str, tag: str) -> str | None:
    """``lemma`` (a word, or a verb and its particles) in the form ``tag``
    names; ``None`` when the spelling is not sure."""
    head, _, rest = lemma.partition(" ")
    if tag.startswith("VB"):
        form = _verb_form(head, tag)
    elif tag == "NNS":
        form = None if rest else _plural(head)
    else:
        form = head
    if form is None:
        return None
    return f"{form} {rest}" if rest else form


def _verb_form(lemma: str, tag: str) -> str | None:
    if tag in ("VB", "VBP"):
        return lemma
    if tag == "VBZ":
        return third_person(lemma)
    listed = wordnet.exceptions("verb").get(lemma, ())
    if tag == "VBG":
        if lemma in ING_FORMS:
            return ING_FORMS[lemma]
        doubled = [f for f in listed if f.endswith("ing")]
        return doubled[0] if doubled else present_participle(lemma) or _regular(lemma, "ing")
    # VBD, VBN
    if lemma in IRREGULAR_VERBS:
        past, _, part = IRREGULAR_VERBS[lemma].partition(" ")
        return part or past if tag == "VBN" else past
    irregular = [f for f in listed if not f.endswith("ing")]
    if irregular:
        # WordNet lists doubled pasts ("stopped") and irregular ones, without
        # saying which is past and which participle: sure when there is one
        # form, or when all are spellings of "-ed" ("canceled", "cancelled")
        if len(irregular) == 1 or all(f.endswith("ed") for f in irregular):
            return irregular[0]
        return None
    return participle_of(lemma) or _regular(lemma, "ed")


def _regular(lemma: str, suffix: str) -> str | None:
    """A regular form of a verb WordNet lists no exception for: no doubled
    consonant (WordNet lists every doubled form of its verbs)."""
    if not lemma.isalpha():
        return None
    if lemma.endswith("e") and lemma not in ("be", "see"):
        return lemma[:-1] + suffix if suffix == "ing" else lemma + "d"
    if suffix == "ed" and lemma.endswith("y") and lemma[-2:-1] not in tuple("aeiou"):
        return lemma[:-1] + "ied"
    return lemma + suffix


def _plural(noun: str) -> str | None:
    listed = wordnet.exceptions("noun").get(noun, ())
    if listed:
        return listed[0] if len(listed) == 1 else None
    if not noun.isalpha():
        return None
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    return noun + "s"


# ------------------------------------------------------------------ context


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of ``_WINDOW`` words each side of ``text[start:end]``."""
    left = [m.start() for m in re.finditer(r"\S+", text[:start])]
    right = [m.end() for m in re.finditer(r"\S+", text[end:])]
    a = left[-_WINDOW] if len(left) >= _WINDOW else 0
    b = end + right[_WINDOW - 1] if len(right) >= _WINDOW else len(text)
    return a, b


def _windows(p: Parsed, w: Swap) -> tuple[str, str]:
    a, b = _window(p.text, w.start, w.end)
    source = p.text[a:b]
    replaced = apply(source[: w.start - a] + w.source + source[w.end - a :], (w,))
    return source, replaced or source


def _window_scores(items: Sequence[tuple[Parsed, Swap]]) -> list[float]:
    """The cosine of each swap's substituted window with the source's."""
    pairs = [_windows(p, w) for p, w in items]
    sources = sorted({s for s, _ in pairs})
    at = {s: n for n, s in enumerate(sources)}
    vectors = models.embedder().encode([*sources, *(r for _, r in pairs)])
    src, rep = vectors[: len(sources)], vectors[len(sources) :]
    return [float(np.clip(rep[n] @ src[at[s]], 0.0, 1.0)) for n, (s, _) in enumerate(pairs)]


def _fluent(p: Parsed, options: list[tuple[_Slot, Swap]]) -> list[tuple[_Slot, Swap]]:
    """The options whose substituted window SmolLM2 reads about as likely as
    the source's (at most :data:`MAX_LM_DROP` nats lower over the window)."""
    try:
        lm = models.smollm()
    except ModelUnavailableError as exc:
        log.warning("rules: lexical swaps without the language model check (%s)", exc)
        return options
    # the best few per sentence only: each window costs a forward pass
    top = options[: 2 * PER_SENTENCE]
    pairs = [_windows(p, w) for _, w in top]
    texts = sorted({t for pair in pairs for t in pair})
    scored = dict(zip(texts, (x.total for x in lm.likelihoods(texts)), strict=True))
    return [o for o, (s, r) in zip(top, pairs, strict=True) if scored[s] - scored[r] <= MAX_LM_DROP]
