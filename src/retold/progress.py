"""Progress of a long call, stage by stage, and how much of it is done.

A call that takes long (:func:`retold.rewrite.pipeline.rewrite`,
:func:`retold.audit.auditor.audit`) runs in stages and takes an optional
``on_progress(done, total, stage)``. It is told as each stage starts
(``done`` 0, or what is already settled) and as the stage goes, ``done``
rising to ``total`` within the stage; the units are the stage's own
(sentences, aligned groups), and a stage that works on all its items at
once (a batch through a model) is told 0 at its start and ``total`` at its
end. The callback runs in the caller's thread; it must be quick and must
not raise.

Each such call declares its stages in order, with the share of its run time
each takes, as ``STAGES``; :func:`fraction` turns one report into how much
of the whole call is done, for a progress bar.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Progress", "Reporter", "Stages", "fraction"]

#: ``on_progress(done, total, stage)``.
Progress = Callable[[int, int, str], None]
#: A call's stages in order, each with its share of the call's run time.
Stages = tuple[tuple[str, float], ...]


class Reporter:
    """Tells ``report`` (when there is one) each stage's count as it goes."""

    __slots__ = ("_done", "_report", "_stage", "_total")

    def __init__(self, report: Progress | None = None) -> None:
        self._report = report
        self._stage = ""
        self._done = 0
        self._total = 0

    def start(self, stage: str, total: int, done: int = 0) -> None:
        """A new stage of ``total`` items, ``done`` of them settled already."""
        self._stage, self._total, self._done = stage, total, done
        self._tell()

    def step(self, n: int = 1) -> None:
        """``n`` more items of the stage are done."""
        self._done += n
        self._tell()

    def end(self) -> None:
        """The stage is done, all of it."""
        self._done = self._total
        self._tell()

    def _tell(self) -> None:
        if self._report is not None:
            self._report(self._done, self._total, self._stage)


def fraction(stages: Stages, done: int, total: int, stage: str) -> float:
    """How much of a call is done, from 0 to 1: the shares of the stages before
    ``stage`` and ``done / total`` of its own (0 for a stage not in ``stages``)."""
    names = [name for name, _ in stages]
    if stage not in names:
        return 0.0
    k = names.index(stage)
    whole = sum(share for _, share in stages)
    part = min(max(done, 0), total) / total if total > 0 else 0.0
    before = sum(share for _, share in stages[:k])
    return (before + stages[k][1] * part) / whole if whole > 0 else 0.0
