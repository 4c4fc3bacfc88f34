"""The options of fact analysis (:func:`retold.analyze.analyze`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from retold.data import FactKind
from retold.errors import OptionsError


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """What :func:`analyze` looks for.

    ``kinds``: the fact kinds to return (default: all of ``FactKind.ALL``).
    ``resolve_people``: give every mention of a person the fullest name seen in
    the text ("Mr. Netanyahu" -> "Benjamin Netanyahu"); off, a person's value is
    the mention itself without titles.
    ``relative_dates``: keep relative dates ("last week", "yesterday").
    ``batch_size``: texts per spaCy batch in :func:`analyze_many`.
    """

    kinds: frozenset[str] = field(default_factory=lambda: frozenset(FactKind.ALL))
    resolve_people: bool = True
    relative_dates: bool = True
    batch_size: int = 32

    def __post_init__(self) -> None:
        unknown = sorted(set(self.kinds) - set(FactKind.ALL))
        if unknown:
            raise OptionsError(
                f"unknown fact kind(s): {', '.join(unknown)}",
                f"choose from: {', '.join(FactKind.ALL)}",
            )
        if self.batch_size < 1:
            raise OptionsError(
                f"batch_size must be at least 1, got {self.batch_size}",
                "pass a positive batch size, e.g. AnalyzeOptions(batch_size=32)",
            )
