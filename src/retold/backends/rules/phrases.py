"""A conservative phrase table: word swaps that keep the meaning.

The table ships in ``resources/phrases.json``. Each entry swaps a whole-word
phrase for another ("in spite of" -> "despite"); it may require the first
word's spaCy tag or dependency label (so "began" the verb, not a noun), or
apply only at the start of a sentence ("However," -> "But"). A swap never
touches a locked span (a fact, a quotation, a number's qualifier), and no
entry lists a number qualifier: those are facts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from retold.backends.rules import valency
from retold.errors import ModelUnavailableError
from retold.lexicon.stopwords import ALIGNMENT_STOP_WORDS
from retold.models import wordnet

__all__ = ["Phrase", "Swap", "phrase_table", "swaps"]


@dataclass(frozen=True, slots=True)
class Phrase:
    """One entry of the table (``source`` lowercase, matched case-insensitively)."""

    source: str
    target: str
    tag: str = ""
    dep: str = ""
    start: bool = False
    pattern: re.Pattern[str] | None = None
    # fine tags (capitals) or words (lowercase) that must not follow the phrase
    # ("after" + VBG: "after beating X" does not read as "following beating X")
    not_next: tuple[str, ...] = ()
    # the replacement where the adjective stands after a determiner and
    # ``target`` cannot ("the additional X" -> "the extra X", not "the more X")
    det_to: str = ""


@dataclass(frozen=True, slots=True)
class Swap:
    """One applicable swap: replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str
    phrase: Phrase


@lru_cache(maxsize=1)
def phrase_table() -> tuple[Phrase, ...]:
    """The shipped table, longest phrases first (so they win over their parts)."""
    path = resources.files("retold") / "resources" / "phrases.json"
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["phrases"]
    except (OSError, ValueError, KeyError) as exc:
        raise ModelUnavailableError(
            "the phrase table (resources/phrases.json) is missing or broken",
            "reinstall retold, or restore src/retold/resources/phrases.json",
        ) from exc
    out = []
    for row in rows:
        source = str(row["from"]).lower()
        # an apostrophe in the table matches a straight or a curly one
        body = r"\s+".join(re.escape(w).replace("'", "['’]") for w in source.split())
        # A phrase ending in a comma needs no word boundary after it.
        tail = "" if source.endswith(",") else r"(?![\w'’/-])"
        pattern = re.compile(rf"(?<![\w'’/-]){body}{tail}", re.IGNORECASE)
        out.append(
            Phrase(
                source=source,
                target=str(row["to"]),
                tag=str(row.get("tag", "")),
                dep=str(row.get("dep", "")),
                start=bool(row.get("start", False)),
                pattern=pattern,
                not_next=tuple(str(t) for t in row.get("not_next", ())),
                det_to=str(row.get("det_to", "")),
            )
        )
    out.sort(key=lambda p: -len(p.source))
    return tuple(out)


def swaps(text: str, locked: Sequence[tuple[int, int]], doc: Any = None) -> tuple[Swap, ...]:
    """Every non-overlapping swap the table allows in ``text``, in text order.

    ``doc`` (spaCy's parse of ``text``) is needed for entries that name a tag
    or a dependency; without it those entries are skipped.
    """
    taken: list[tuple[int, int]] = list(locked)
    found: list[Swap] = []
    lead = len(text) - len(text.lstrip(" \"“'‘"))
    for phrase in phrase_table():
        assert phrase.pattern is not None
        for m in phrase.pattern.finditer(text):
            a, b = m.start(), m.end()
            if phrase.start and a != lead:
                continue
            if any(a < e and s < b for s, e in taken):
                continue
            if (phrase.tag or phrase.dep) and not _tagged(doc, a, phrase):
                continue
            if phrase.not_next and not _next_ok(text, doc, b, phrase.not_next):
                continue
            if phrase.tag.startswith("VB") and _next_tag(doc, b) == "RP":
                continue  # a phrasal verb: "cancelled out" is no "called off out"
            target = _target_here(doc, a, phrase)
            if target is None or _said_already(text, a, b, target):
                continue
            taken.append((a, b))
            swap = _with_article(text, Swap(a, b, _cased(m.group(), target), phrase))
            found.append(swap)
    found.sort(key=lambda s: s.start)
    return tuple(found)


def _said_already(text: str, start: int, end: int, target: str) -> bool:
    """Whether a content word of ``target`` stands elsewhere in ``text``: "an
    attorney ... the lawyer" made "a lawyer ... the lawyer", a repetition the
    source avoided."""
    rest = text[:start] + " " + text[end:]
    return any(
        re.search(rf"(?<![\w'’-]){re.escape(w)}(?![\w'’-])", rest, re.IGNORECASE)
        for w in target.split()
        if len(w) > 3 and w.lower() not in ALIGNMENT_STOP_WORDS
    )


def _target_here(doc: Any, offset: int, phrase: Phrase) -> str | None:
    """``phrase``'s replacement where it stands, or ``None`` when the
    replacement cannot take the arguments the source word has here (a verb
    of another valency: "started him" is no "began him"; an adjective that
    cannot follow the determiner: "the additional X" is no "the more X")."""
    if doc is None or not (phrase.tag.startswith(("VB", "JJ"))):
        return phrase.target
    tok = _token(doc, offset)
    if tok is None:
        return phrase.target
    if phrase.tag.startswith("JJ"):
        for target in (phrase.target, phrase.det_to):
            if target and valency.adjective_fits(tok, target):
                return target
        return None
    lemma = " ".join([tok.lemma_.lower(), *phrase.source.split()[1:]])
    fits = valency.verb_fits(tok, lemma, _base(phrase.target), chosen=True)
    return phrase.target if fits else None


def _token(doc: Any, offset: int) -> Any:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _base(phrase: str) -> str:
    """The base form of the first word of a verb phrase ("began to" -> "begin
    to"), from WordNet's exceptions or the regular endings."""
    first, _, rest = phrase.partition(" ")
    word = first.lower()
    base = _irregular_bases().get(word)
    if base is None:
        for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""),
                             ("ed", "e"), ("d", ""), ("es", ""), ("s", "")):  # fmt: skip
            if word.endswith(suffix) and wordnet.senses(word[: -len(suffix)] + repl, "verb"):
                base = word[: -len(suffix)] + repl
                break
    return " ".join(x for x in (base or word, rest) if x)


@lru_cache(maxsize=1)
def _irregular_bases() -> dict[str, str]:
    return {f: base for base, forms in wordnet.exceptions("verb").items() for f in forms}


def _tagged(doc: Any, offset: int, phrase: Phrase) -> bool:
    if doc is None:
        return False
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    if phrase.tag.startswith("NN") and (tok.dep_ == "compound" or tok.ent_type_):
        return False  # part of a name or a term ("country music", "Ford Motor Company")
    return (not phrase.tag or tok.tag_ == phrase.tag) and (not phrase.dep or tok.dep_ == phrase.dep)


_NEXT_WORD = re.compile(r"\s*([\w'’-]+)")


def _next_ok(text: str, doc: Any, offset: int, banned: tuple[str, ...]) -> bool:
    """Whether the word after ``offset`` is none of ``banned`` (fine tags in
    capitals, words in lowercase: "large number" is no "big number")."""
    m = _NEXT_WORD.match(text, offset)
    if m is not None and m.group(1).lower() in banned:
        return False
    tag = _next_tag(doc, offset)
    return tag is not None and tag not in banned


def _next_tag(doc: Any, offset: int) -> str | None:
    """The fine tag of the first token at or after ``offset`` ("" at the end)."""
    if doc is None:
        return None
    for tok in doc:
        if tok.idx >= offset:
            return str(tok.tag_)
    return ""


_ARTICLE_BEFORE = re.compile(r"(?<![\w'’-])(an?)\s+$", re.IGNORECASE)


def _with_article(text: str, swap: Swap) -> Swap:
    """Take "a"/"an" before the swapped word along when the new word needs the
    other one ("a remarkable talent" -> "an extraordinary talent")."""
    m = _ARTICLE_BEFORE.search(text[: swap.start])
    if m is None:
        return swap
    word = swap.replacement.lower()
    # "an uncommon", "an unusual"; but "a unique", "a union"
    vowel = word[:1] in "aeio" or (word.startswith("un") and not word.startswith("uni"))
    article = "an" if vowel else "a"
    if m.group(1).lower() == article:
        return swap
    article = article.capitalize() if m.group(1)[0].isupper() else article
    return Swap(m.start(1), swap.end, f"{article} {swap.replacement}", swap.phrase)


def _cased(original: str, target: str) -> str:
    if original[:1].isupper():
        return target[:1].upper() + target[1:]
    return target
