"""retold's data model: immutable records with character offsets.

Every span is a pair of character offsets into the text it came from, so that
``text[x.start:x.end] == x.text`` always holds and nothing is ever searched for
again to recover a position. This module imports nothing of ours.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, ClassVar


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
        """Every field, id first and the text last (the order of a JSONL record)."""
        fields = asdict(self)
        ident, text = fields.pop("id"), fields.pop("text")
        return {"id": ident, **fields, "text": text}


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


class _Vocabulary(StrEnum):
    """A closed vocabulary whose members are their plain strings.

    A member compares, hashes, formats and serialises as its string, and its
    repr is the string's repr too, so that printing a list of kinds or a
    tuple of (code, severity) reads as it did when they were plain strings.
    """

    def __repr__(self) -> str:
        return repr(self.value)


class FactKind(_Vocabulary):
    """The kinds of fact that analysis finds (plain strings in JSON)."""

    ALL: ClassVar[tuple[FactKind, ...]]  # every kind, in this order

    NUMBER = "number"
    DATE = "date"
    TIME = "time"
    PERSON = "person"
    ORG = "org"
    PLACE = "place"
    QUOTE = "quote"
    NEGATION = "negation"
    MODALITY = "modality"


FactKind.ALL = tuple(FactKind)


@dataclass(frozen=True, slots=True)
class Fact:
    """A checkable fact in a sentence.

    ``value`` is normalised so that equal facts compare equal ("Oct. 7" and
    "October 7"; "1,200" and "1200"; "Mr. Netanyahu" and "Benjamin Netanyahu"
    within one article). ``start``/``end`` are offsets into the analysed text
    and ``sentence`` is the index of the sentence holding the fact.
    ``qualifier`` ("more than", "about", ...) and ``unit`` ("percent", "USD",
    "km", ...) are set for numbers when present; a time may carry a qualifier
    and its time zone as ``unit`` ("ET").
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


class Severity(_Vocabulary):
    """How bad an audit issue is (plain strings in JSON)."""

    ALL: ClassVar[tuple[Severity, ...]]  # every severity, worst first

    ERROR = "error"  # a fact changed or the text is broken: do not publish
    WARNING = "warning"  # probably wrong; a person should look
    INFO = "info"  # worth knowing, not a defect


Severity.ALL = tuple(Severity)


class AlignKind(_Vocabulary):
    """The shapes an alignment between rewrite and source sentences can take."""

    ALL: ClassVar[tuple[AlignKind, ...]]

    ONE_TO_ONE = "1:1"
    SPLIT = "1:n"  # one source sentence became several rewrite sentences
    MERGE = "n:1"  # several source sentences became one rewrite sentence
    MANY = "n:m"  # several source sentences rewritten as several, interleaved
    ADDED = "added"  # a rewrite sentence with no source
    DROPPED = "dropped"  # a source sentence with no rewrite


AlignKind.ALL = tuple(AlignKind)


class AuditMode(_Vocabulary):
    """What an audit expects of the text it checks (plain strings in JSON)."""

    ALL: ClassVar[tuple[AuditMode, ...]]

    REWRITE = "rewrite"  # every source sentence rewritten: what is left out is an issue
    SUMMARY = "summary"  # some of the source condensed: leaving things out is no issue
    TEXT = "text"  # no source: only the checks that need none


AuditMode.ALL = tuple(AuditMode)


@dataclass(frozen=True, slots=True)
class Alignment:
    """Rewrite sentence indices <-> source sentence indices, with a score in [0, 1].

    Exactly one side is empty for ``added`` (no source) and ``dropped`` (no
    rewrite); ``score`` is the similarity of the two sides (0 when one is empty).
    """

    source: tuple[int, ...]
    rewrite: tuple[int, ...]
    kind: str
    score: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "source": list(self.source),
            "rewrite": list(self.rewrite),
            "kind": self.kind,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem the audit found.

    Spans are ``(start, end)`` character offsets into the source text and the
    rewrite text; a side the issue does not touch is ``None``. ``source_text``
    and ``rewrite_text`` repeat what the spans cover, for messages and reports.
    """

    code: str
    kind: str
    severity: str
    message: str
    source_span: tuple[int, int] | None = None
    rewrite_span: tuple[int, int] | None = None
    source_text: str = ""
    rewrite_text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            "source_span": list(self.source_span) if self.source_span else None,
            "rewrite_span": list(self.rewrite_span) if self.rewrite_span else None,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The audit of a rewrite: alignments, issues and an overall score in [0, 1].

    ``sentence_scores`` holds one score in [0, 1] per rewrite sentence, in
    order. ``mode`` is the audit mode ("rewrite", "summary" or "text" when no
    source was given).

    The texts audited and their sentences come with the report, so that a
    renderer resolves the alignments' sentence indices without segmenting
    again; they are not part of :meth:`to_json` (a caller has the texts).
    ``source_text`` is "" and ``source_sentences`` empty when no source was
    given.
    """

    score: float
    alignments: tuple[Alignment, ...] = ()
    issues: tuple[Issue, ...] = ()
    sentence_scores: tuple[float, ...] = ()
    mode: str = AuditMode.REWRITE
    id: str = ""
    source_sentences: tuple[Sentence, ...] = field(default=(), repr=False)
    rewrite_sentences: tuple[Sentence, ...] = field(default=(), repr=False)
    source_text: str = field(default="", repr=False)
    rewrite_text: str = field(default="", repr=False)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == Severity.ERROR)

    @property
    def blockers(self) -> tuple[Issue, ...]:
        """The issues for which the rewrite gate rejects this rewrite (see :func:`blocks`)."""
        return tuple(i for i in self.issues if blocks(i))

    def to_json(self) -> dict[str, Any]:
        blockers = self.blockers
        return {
            "id": self.id,
            "score": round(self.score, 4),
            "mode": self.mode,
            "gate": {
                "accept": not blockers,
                "blockers": sorted({i.code for i in blockers}),
            },
            "alignments": [a.to_json() for a in self.alignments],
            "issues": [i.to_json() for i in self.issues],
            "sentence_scores": [round(s, 4) for s in self.sentence_scores],
        }


# Two policies, stated apart. The report tells a reader what the audit found,
# each issue with a severity calibrated by its evidence: an error is a fact
# changed beyond reasonable doubt, a warning a doubt worth reading. The rewrite
# gate protects facts, so it is stricter: it rejects a rewrite with any error,
# and with any warning whose kind is about a fact (a number, a date or time, a
# tense, a name or role, a quotation or its attribution, a negation, a
# modality or hedge, a predicate's polarity, or content the source lacks). A
# false alarm at the gate costs one rewrite (the sentence keeps its source); a
# miss costs a fact. Info-level notes never block.
GATE_KINDS: frozenset[str] = frozenset(
    {
        "number",
        "date",
        "time",
        "tense",
        "entity",
        "quote",
        "negation",
        "modality",
        "predicate",
        "content",
    }
)


def blocks(issue: Issue) -> bool:
    """Whether the rewrite gate rejects a rewrite that has ``issue``."""
    if issue.severity == Severity.ERROR:
        return True
    return issue.severity == Severity.WARNING and issue.kind in GATE_KINDS
