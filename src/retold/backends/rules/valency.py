"""Whether a replacement word takes the arguments the source word has here.

Two classes of wrong-sense swap that a synonym list cannot see, because the
two words share a sense only for one way of using them (issue 12):

- a verb whose synonym has another valency: "Rodgers started him" is no
  "began him" (a person put in a side is no activity begun), "was poorly
  advised" is no "poorly recommended" (one advises a person, recommends a
  thing), "condemned his former club to defeat" is no "denounced ... to
  defeat" (condemning to a fate is another sense), "allowing O'Hara to step
  up" is no "to intensify" (without an object "step up" comes forward);
- an adjective swapped for a word that cannot stand where it stands: a
  quantifier after a determiner ("the additional concern" is no "the more
  concern", "a sufficient number" no "an enough number") and a word that is
  only ever attributive in a predicate ("it is crucial" is no "it is key",
  "the area is main").

Read by the phrase table (:mod:`.phrases`, ``phrase``) and the lexical swaps
(:mod:`.lexical`), on spaCy's parse of the source sentence.
"""

from __future__ import annotations

import functools
from typing import Any

from retold.models import wordnet

__all__ = ["adjective_fits", "is_person", "verb_fits"]

# WordNet's verb frames with a person as the object: "Somebody ----s
# somebody", "Something ----s somebody", "... somebody something", "...
# somebody with/of something", "... somebody PP", "... somebody (to)
# INFINITIVE", "... somebody into V-ing something".
_PERSON_OBJECT = frozenset({9, 10, 14, 17, 18, 20, 24, 25, 30})
_PERSONAL = frozenset(
    {"him", "her", "them", "me", "us", "you", "himself", "herself", "themselves", "myself",
     "ourselves", "yourself", "he", "she", "they", "i", "we", "who", "whom", "someone",
     "somebody", "everyone", "everybody", "anyone", "anybody", "nobody"}
)  # fmt: skip
# WordNet's lexicographer file of nouns that name people (noun.person).
_NOUN_PERSON = "18"

# Verbs whose transitive use is causative or has a sense of its own that
# their one-word synonym lacks: the swap is made only where the verb has a
# clause or no object ("started to cry", "the trial started"), never with an
# object ("started him", "started a fire", "the man who started WWI"), and
# without an object only when the subject is no person ("players that didn't
# start" stood in the first team).
_CAUSATIVE = {"start": frozenset({"begin", "commence"})}
# Verbs that with a "to" phrase beside their object have a sense of their own
# ("condemned the club to defeat", "sentenced", "doomed"): no synonym of their
# plain sense fits there.
_OBJECT_TO = frozenset({"condemn", "sentence", "doom", "reduce", "drive", "move", "turn"})
# Phrasal verbs whose one-word synonyms are their transitive sense: without an
# object they mean something else ("step up" = come forward, "set off" =
# leave, "turn out" = attend, "give up" = surrender, "put out" = annoyed).
# Phrasal verbs not listed here may be swapped without an object only when
# listed in :data:`INTRANSITIVE_PHRASAL`.
INTRANSITIVE_PHRASAL = frozenset(
    {"step down", "back down", "break out", "go ahead", "carry on", "pull out", "shut down",
     "take place", "speed up", "slow down", "call off", "put off"}
)  # fmt: skip

# Words that take the place of a determiner: after "the", "a", "his", "these",
# or an adverb ("very"), they do not read ("the more concern").
QUANTIFIERS = frozenset({"more", "many", "several", "enough", "much", "few", "most", "less"})
# Adjectives only ever attributive: in a predicate they do not read ("the
# role is key", "it is main").
ATTRIBUTIVE_ONLY = frozenset(
    {"main", "chief", "principal", "key", "mere", "sheer", "utter", "former", "lone", "sole",
     "elder", "upper", "inner", "outer", "very", "premier", "prime", "top"}
)  # fmt: skip


def verb_fits(
    t: Any, lemma: str, sub: str, frames: frozenset[int] | None = None, *, chosen: bool = False
) -> bool:
    """Whether verb ``sub`` may replace ``t`` (a verb of lemma ``lemma``) with
    the arguments ``t`` has here. ``frames``: the WordNet frames of ``sub``
    in the senses the swap relies on (default: its two main senses).
    ``chosen``: a pair chosen by hand for its phrasal verb (the phrase table:
    "came back" -> "returned"), not one of a group's members."""
    if t.pos_ not in ("VERB", "AUX"):
        return True
    obj = _object(t)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
    subj = _subject(t)
    lemma, sub = lemma.lower(), sub.lower()
    causative = _CAUSATIVE.get(lemma.split()[0])
    if causative is not None and sub.split()[0] in causative:
        clause = any(c.dep_ in ("xcomp", "ccomp") for c in t.children)
        if obj is not None or passive:
            return False
        if not clause and subj is not None and is_person(subj):
            return False
    if lemma.split()[0] in _OBJECT_TO and any(
        c.dep_ == "prep" and c.lower_ in ("to", "into") for c in t.children
    ):
        return False
    phrasal = " " in lemma and lemma not in INTRANSITIVE_PHRASAL
    if phrasal and obj is None and not passive and not chosen:
        return False
    if obj is not None and is_person(obj) and " " not in sub:
        if chosen:  # the pair is vouched for: the replacement need only take a person
            usable = frames if frames is not None else _main_frames(sub)
            return not usable or bool(usable & _PERSON_OBJECT)
        return _takes_person(lemma, sub, frames)
    return True


def _takes_person(lemma: str, sub: str, frames: frozenset[int] | None) -> bool:
    """With a person as the object: ``sub`` must share with ``lemma`` one of
    the senses in which ``lemma`` takes a person ("advised him" = "counselled
    him", never "recommended him"); when WordNet gives ``lemma`` no such main
    sense, ``sub`` itself must take a person in its main senses."""
    mine = wordnet.senses(lemma, "verb")[:3]
    own = wordnet.verb_frames(lemma)[:3]
    personal = [words for words, f in zip(mine, own, strict=False) if f & _PERSON_OBJECT]
    if personal:
        return any(sub in words for words in personal)
    usable = frames if frames is not None else _main_frames(sub)
    return not usable or bool(usable & _PERSON_OBJECT)


def adjective_fits(t: Any, sub: str) -> bool:
    """Whether ``sub`` may stand where adjective ``t`` stands: a quantifier
    only before a bare noun or alone in a predicate ("enough"), never after
    a determiner, a possessive, a number or an adverb; an attributive-only
    adjective never in a predicate."""
    if t.pos_ != "ADJ":
        return True
    word = sub.split()[0].lower()
    predicate = t.dep_ in ("acomp", "attr", "xcomp", "ccomp", "conj") or t.head.pos_ in ("AUX",)
    if word in ATTRIBUTIVE_ONLY and (predicate or t.dep_ != "amod"):
        return False
    if word in QUANTIFIERS:
        if any(c.dep_ in ("advmod", "npadvmod") for c in t.children):
            return False  # "very sufficient" is no "very enough"
        if t.dep_ != "amod":
            return word == "enough" and predicate
        head = t.head
        if any(c.dep_ in ("det", "poss", "nummod", "predet") for c in head.children):
            return False  # "the additional concern" is no "the more concern"
        if any(c.dep_ == "amod" and c.i < t.i for c in head.children):
            return False  # "new additional" stands after another adjective
    return True


def is_person(t: Any) -> bool:
    """Whether ``t`` names a person: a personal pronoun, a person's name, a
    noun WordNet files among people ("player", "defender"), or a relative
    pronoun that stands for one ("the players that ...")."""
    if t.lower_ in _PERSONAL:
        return True
    if t.lower_ in ("that", "which") and t.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verb = t.head
        if verb.dep_ == "relcl":
            return is_person(verb.head)
        return False
    if t.ent_type_ == "PERSON":
        return True
    if t.ent_type_:
        return False
    if t.pos_ in ("NOUN",):
        return _first_sense_file(t.lemma_.lower()) == _NOUN_PERSON
    return False


def _object(t: Any) -> Any:
    for c in t.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return c
    return None


def _subject(t: Any) -> Any:
    for c in t.children:
        if c.dep_ == "nsubj":
            return c
    if t.dep_ in ("conj", "xcomp"):
        return _subject(t.head)
    return None


def _main_frames(verb: str) -> frozenset[int]:
    frames = wordnet.verb_frames(verb)
    return frozenset().union(*frames[:2]) if frames else frozenset()


@functools.lru_cache(maxsize=16384)
def _first_sense_file(noun: str) -> str:
    """The lexicographer file number of ``noun``'s first WordNet sense ("" when
    unknown): the data file's second field, read at the synset's offset."""
    keys = wordnet._index("noun").get(noun, ())
    root = wordnet._root()
    if not keys or root is None:
        return ""
    try:
        with (root / "data.noun").open("rb") as f:
            f.seek(int(keys[0][1:]))
            fields = f.readline().split(maxsplit=2)
    except (OSError, ValueError):
        return ""
    return fields[1].decode("ascii", "replace").lstrip("0") if len(fields) > 1 else ""
