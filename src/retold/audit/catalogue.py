"""The catalogue of audit issue codes.

Codes are stable: scripts match on them, so a code is never renamed or reused.
``F`` codes compare a rewrite with its source (fidelity); ``T`` codes need no
source (broken text). Each entry carries its default severity and a short
title; a check may lower the severity when the evidence is weaker.

A check from another package declares its own issue types with :func:`add`.
Their codes start with ``X`` (``X101``): ``F`` and ``T`` codes are retold's,
so an outside code never clashes with a built-in one, present or future.
"""

from __future__ import annotations

from dataclasses import dataclass

from retold.data import Issue, Severity
from retold.errors import OptionsError


@dataclass(frozen=True, slots=True)
class IssueType:
    """A kind of audit issue: its stable code, its kind ("number"), its default
    severity and a short title."""

    code: str
    kind: str
    severity: str
    title: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

CATALOGUE: tuple[IssueType, ...] = (
    # numbers
    IssueType("F101", "number", _E, "number changed"),
    IssueType("F102", "number", _E, "number added"),
    IssueType("F103", "number", _E, "number dropped"),
    IssueType("F104", "number", _E, "number qualifier changed"),
    IssueType("F105", "number", _E, "unit changed"),
    # dates and times
    IssueType("F111", "date", _E, "date changed"),
    IssueType("F112", "date", _E, "date added"),
    IssueType("F113", "date", _E, "date dropped"),
    IssueType("F114", "time", _E, "time changed"),
    IssueType("F115", "tense", _E, "tense changed"),
    # people, organisations, places
    IssueType("F121", "entity", _E, "name changed"),
    IssueType("F122", "entity", _E, "name added"),
    IssueType("F123", "entity", _W, "name dropped"),
    IssueType("F124", "entity", _E, "roles swapped"),
    IssueType("F125", "entity", _W, "name replaced by a pronoun"),
    # quotations
    IssueType("F131", "quote", _E, "quotation altered"),
    IssueType("F132", "quote", _E, "quotation attributed to someone else"),
    IssueType("F133", "quote", _E, "quotation added"),
    IssueType("F134", "quote", _E, "quotation dropped"),
    IssueType("F135", "quote", _E, "attribution dropped"),
    IssueType("F136", "quote", _E, "attribution changed"),
    # negation and modality
    IssueType("F141", "negation", _E, "negation added"),
    IssueType("F142", "negation", _E, "negation removed"),
    IssueType("F143", "modality", _E, "modality changed"),
    # predicates
    IssueType("F151", "predicate", _E, "predicate contradicted"),
    IssueType("F152", "predicate", _W, "predicate replaced"),
    # content
    IssueType("F161", "content", _E, "content dropped"),
    IssueType("F162", "content", _E, "content added"),
    IssueType("F163", "content", _W, "word not in the source"),
    # meaning
    IssueType("F171", "meaning", _W, "meaning drift"),
    # broken text (no source needed)
    IssueType("T201", "text", _E, "sentence fragment"),
    IssueType("T202", "text", _E, "stray initials"),
    IssueType("T203", "text", _W, "sentence without a verb"),
    IssueType("T204", "text", _E, "doubled word"),
    IssueType("T205", "text", _E, "filler"),
    IssueType("T206", "text", _E, "unbalanced quotes"),
    IssueType("T207", "text", _E, "page furniture"),
    IssueType("T208", "text", _E, "name torn apart"),
    IssueType("T209", "text", _E, "date torn apart"),
    IssueType("T210", "text", _W, "stray punctuation"),
    IssueType("T211", "text", _W, "pronoun without antecedent"),
    IssueType("T212", "text", _E, "phrase repeated"),
    IssueType("T213", "text", _E, "abbreviation spelled out as another word"),
)

BY_CODE: dict[str, IssueType] = {t.code: t for t in CATALOGUE}
# The first letter of the codes that checks from other packages declare.
OUTSIDE_PREFIX = "X"


def add(issue_type: IssueType) -> IssueType:
    """Declare the issue type of a check from another package (code ``X...``).

    Declaring the same type again is harmless; another type under a code
    already taken, or a code without the ``X``, is an error.
    """
    t = issue_type
    if not t.code.startswith(OUTSIDE_PREFIX) or len(t.code) < 2:
        raise OptionsError(
            f"issue code {t.code!r} is not an outside code",
            f"codes of checks from other packages start with {OUTSIDE_PREFIX!r}, e.g. 'X101'; "
            "F and T codes are retold's own",
        )
    if t.severity not in Severity.ALL:
        raise OptionsError(
            f"issue type {t.code} has an unknown severity {t.severity!r}",
            f"choose one of: {', '.join(Severity.ALL)}",
        )
    known = BY_CODE.get(t.code)
    if known is not None and known != t:
        raise OptionsError(
            f"issue code {t.code} is taken ({known.title!r})", "choose another X code"
        )
    BY_CODE[t.code] = t
    return t


def remove(code: str) -> None:
    """Forget an outside issue type (no error when it is unknown)."""
    if code.startswith(OUTSIDE_PREFIX):
        BY_CODE.pop(code, None)


def make(
    code: str,
    message: str,
    *,
    source_span: tuple[int, int] | None = None,
    rewrite_span: tuple[int, int] | None = None,
    source_text: str = "",
    rewrite_text: str = "",
    severity: str | None = None,
) -> Issue:
    """Build an :class:`Issue` of catalogue type ``code``.

    ``severity`` overrides the catalogue default when a check has weaker (or
    stronger) evidence than usual.
    """
    t = BY_CODE.get(code)
    if t is None:
        raise OptionsError(
            f"no audit issue type {code!r}",
            "a check from another package declares its types first with "
            "retold.audit.catalogue.add(IssueType('X101', ...))",
        )
    return Issue(
        code=t.code,
        kind=t.kind,
        severity=severity or t.severity,
        message=message,
        source_span=source_span,
        rewrite_span=rewrite_span,
        source_text=source_text,
        rewrite_text=rewrite_text,
    )
