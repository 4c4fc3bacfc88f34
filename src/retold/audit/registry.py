"""Audit checks as plugins: how a check declares itself and how the audit runs them.

A check is a function registered in :data:`retold.plugins.CHECKS`. The
built-in ones use :func:`check`, which registers the function and records
what it needs; an installed package may do the same, or register a plain
function through the entry-point group ``retold_checks``. There are two
kinds:

- a **group check** (``needs_source=True``, the default) is called once per
  alignment as ``fn(source: Group, rewrite: Group, ctx: Context)`` and
  returns its issues (any iterable of :class:`~retold.data.Issue`);
- a **text check** (``needs_source=False``) is called once per text as
  ``fn(text: TextContext)``; it runs also when there is no source (mode
  ``"text"``).

A function without a declaration (a plain function loaded from an entry
point) is a group check that runs in the modes ``"rewrite"`` and
``"summary"`` on aligned groups (not on added or dropped sentences), after
every built-in check. Checks run in ``order`` and then by name, so the
issues of a report always come out in the same order.

An outside check declares its issue types in
:mod:`retold.audit.catalogue` with :func:`~retold.audit.catalogue.add`:
their codes start with ``X`` (``F`` and ``T`` are retold's own), so they
never clash with a built-in code, present or future.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from retold.audit.group import Context, Group, TextContext
from retold.data import AlignKind, AuditMode, Issue
from retold.errors import OptionsError
from retold.plugins import CHECKS

__all__ = ["MATCHED", "Needs", "Planned", "check", "needs_of", "plan", "run_group", "run_text"]

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])

# The alignments that pair source with rewrite sentences; an added or a
# dropped sentence has only one side to check.
MATCHED: frozenset[str] = frozenset(
    {AlignKind.ONE_TO_ONE, AlignKind.SPLIT, AlignKind.MERGE, AlignKind.MANY}
)
# Where an undeclared check runs: after every built-in one.
_OUTSIDE_ORDER = 1000
_ATTRIBUTE = "__retold_check__"


@dataclass(frozen=True, slots=True)
class Needs:
    """What a check needs and where it runs.

    ``modes``: the audit modes it runs in. ``needs_source``: a group check
    (True) or a text check (False). ``alignments``: the alignment kinds a
    group check runs on. ``order``: its place among the checks (lower first).
    """

    modes: frozenset[str] = frozenset({AuditMode.REWRITE, AuditMode.SUMMARY})
    needs_source: bool = True
    alignments: frozenset[str] = MATCHED
    order: int = _OUTSIDE_ORDER


@dataclass(frozen=True, slots=True)
class Planned:
    """A registered check with what it declared, as :func:`plan` orders them."""

    name: str
    run: Callable[..., Iterable[Issue]]
    needs: Needs


def check(
    name: str,
    *,
    modes: Iterable[str] = (AuditMode.REWRITE, AuditMode.SUMMARY),
    needs_source: bool = True,
    alignments: Iterable[str] = MATCHED,
    order: int = _OUTSIDE_ORDER,
) -> Callable[[F], F]:
    """Register the decorated function as the audit check ``name``.

    ``modes`` are the audit modes it runs in ("rewrite", "summary", and
    "text" for a text check); see the module's doc for the two kinds.
    """
    wanted = frozenset(modes)
    unknown = sorted(wanted - set(AuditMode))
    if unknown:
        raise OptionsError(
            f"check {name!r} names unknown audit modes: {', '.join(unknown)}",
            f"choose from: {', '.join(AuditMode)}",
        )
    if needs_source and AuditMode.TEXT in wanted:
        raise OptionsError(
            f"check {name!r} needs a source but would run in mode 'text'",
            "a check that runs without a source takes needs_source=False",
        )
    needs = Needs(wanted, needs_source, frozenset(alignments), order)

    def decorate(fn: F) -> F:
        setattr(fn, _ATTRIBUTE, needs)
        CHECKS.register(name)(fn)
        return fn

    return decorate


def needs_of(fn: Callable[..., Any]) -> Needs:
    """What ``fn`` declared with :func:`check`, or the defaults of a plain function."""
    needs = getattr(fn, _ATTRIBUTE, None)
    return needs if isinstance(needs, Needs) else Needs()


def plan(mode: str) -> tuple[Planned, ...]:
    """Every registered check that runs in ``mode``, in the order they run."""
    found = [Planned(name, fn, needs_of(fn)) for name, fn in CHECKS.all().items()]
    return tuple(
        sorted(
            (p for p in found if mode in p.needs.modes),
            key=lambda p: (p.needs.order, p.name),
        )
    )


def run_text(checks: Iterable[Planned], text: TextContext) -> list[Issue]:
    """The issues of every text check in ``checks`` over ``text``, in order."""
    out: list[Issue] = []
    for p in checks:
        if not p.needs.needs_source:
            out.extend(p.run(text))
    return out


def run_group(checks: Iterable[Planned], src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """The issues of every group check in ``checks`` on one alignment, in order.

    ``ctx.alignment`` says which alignment the groups come from; a check runs
    only on the alignment kinds it declared.
    """
    kind = ctx.alignment.kind if ctx.alignment is not None else AlignKind.ONE_TO_ONE
    out: list[Issue] = []
    for p in checks:
        if p.needs.needs_source and kind in p.needs.alignments:
            out.extend(p.run(src, rw, replace(ctx, earlier=tuple(out)) if out else ctx))
    return out
