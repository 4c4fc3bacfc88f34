"""retold's data model: immutable records with character offsets.

Every span is a pair of character offsets into the text it came from, so that
``text[x.start:x.end] == x.text`` always holds and nothing is ever searched for
again to recover a position. This module imports nothing of ours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Article:
    """A news article: its body text and what is known about it."""

    text: str
    title: str = ""
    url: str = ""
    byline: str = ""
    published: str = ""  # ISO 8601 date when known, else ""
    language: str = "en"
    id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "byline": self.byline,
            "published": self.published,
            "language": self.language,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text == article.text[start:end]``.

    ``paragraph`` counts paragraphs (blocks separated by a blank line, or by a
    line break in text that has no blank lines) from 0.
    """

    text: str
    start: int
    end: int
    index: int
    paragraph: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "paragraph": self.paragraph,
        }


class FactKind:
    """The kinds of fact that analysis finds (plain strings in JSON)."""

    NUMBER = "number"
    DATE = "date"
    TIME = "time"
    PERSON = "person"
    ORG = "org"
    PLACE = "place"
    QUOTE = "quote"
    NEGATION = "negation"
    MODALITY = "modality"

    ALL = (NUMBER, DATE, TIME, PERSON, ORG, PLACE, QUOTE, NEGATION, MODALITY)


@dataclass(frozen=True, slots=True)
class Fact:
    """A checkable fact in a sentence.

    ``value`` is normalised so that equal facts compare equal ("Oct. 7" and
    "October 7"; "1,200" and "1200"; "Mr. Netanyahu" and "Benjamin Netanyahu"
    within one article). ``start``/``end`` are offsets into the analysed text
    and ``sentence`` is the index of the sentence holding the fact.
    ``qualifier`` ("more than", "about", ...) and ``unit`` ("percent", "USD",
    "km", ...) are set for numbers when present.
    """

    kind: str
    text: str
    value: str
    start: int
    end: int
    sentence: int = 0
    qualifier: str = ""
    unit: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "text": self.text,
            "value": self.value,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
        }
        if self.qualifier:
            out["qualifier"] = self.qualifier
        if self.unit:
            out["unit"] = self.unit
        return out


@dataclass(frozen=True, slots=True)
class Segmented:
    """An article with its sentences."""

    article: Article
    sentences: tuple[Sentence, ...] = field(default_factory=tuple)
