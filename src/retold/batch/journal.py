"""Exactly-once output: a part file and an fsync'd progress journal.

A run writes its results, in input order, to ``OUT.part``. After each chunk
it flushes and fsyncs the part file, then appends one line to
``OUT.journal`` and fsyncs that: where the next chunk starts in the input
(file, line, byte offset), how long the part file now is, and the counts so
far. The journal's last whole line is therefore always a state the part file
has reached on disk.

A run killed at any moment (``kill -9``, power loss) is started again with
the same command: it reads the journal's last whole line, cuts the part file
back to that length (dropping any results written after it, which were not
yet journalled), seeks the input to that position and goes on. Every line is
thus written once: either it was journalled and is kept, or it was not and
is run again. When the input is done the journal says so, the part file is
renamed to ``OUT`` (atomically) and the journal deleted; a run killed in
between finds a journal that says "complete" and only finishes the rename.

We chose this over per-chunk files renamed into place because it keeps one
open file whatever the corpus size, the output is already in order, and the
finish is a single rename. The journal's first line records the command (the
task, its options and each input's path, size and modification time): a
journal from another command is refused instead of being continued. An
exclusive lock on the journal keeps two runs from writing the same output.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from dataclasses import asdict, dataclass, replace
from typing import IO, Any

from retold.errors import OptionsError

__all__ = ["Journal", "State"]

_VERSION = 1


@dataclass(frozen=True, slots=True)
class State:
    """How far a run has got; ``done`` counts results, ``failed`` the error
    records among them, ``skipped`` the blank lines (and WARC records with no
    article). In a WARC file ``line`` is a record's number and ``offset`` its
    byte offset on disk (in the decompressed stream for a .warc.zst that is
    one zstd stream). ``bytes`` and ``shard_lines`` are the current part
    file's (shard ``shard``)."""

    file: int = 0
    line: int = 1
    offset: int = 0
    bytes: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    shard: int = 0
    shard_lines: int = 0
    complete: bool = False

    @property
    def lines(self) -> int:
        return self.done + self.skipped


def shard_path(output: str, shard: int | None) -> str:
    """``out.jsonl`` -> ``out-00003.jsonl`` (``out-*.jsonl`` for None)."""
    stem, dot, suffix = os.path.basename(output).partition(".")
    number = "*" if shard is None else f"{shard:05d}"
    name = f"{stem}-{number}{dot}{suffix}"
    return os.path.join(os.path.dirname(output), name)


class Journal:
    """The journal and part file of one output; :meth:`open` resumes or begins.

    With ``shard_lines`` the output is cut into files of that many results
    (``out-00000.jsonl``, ...); each shard is its own part file until it is
    full, then renamed into place, and the journal records which shard is
    being written and how far.
    """

    def __init__(
        self,
        output: str,
        handle: IO[str],
        part: IO[bytes],
        state: State,
        shard_lines: int | None,
    ) -> None:
        self.output = output
        self.shard_lines = shard_lines
        self._handle = handle
        self._part = part
        self.state = state
        # The part file's progress, ahead of the journal until commit().
        self._shard, self._bytes, self._lines = state.shard, state.bytes, state.shard_lines

    def final(self, shard: int) -> str:
        return shard_path(self.output, shard) if self.shard_lines else self.output

    def part_path(self, shard: int) -> str:
        return self.final(shard) + ".part"

    @classmethod
    def open(cls, output: str, command: dict[str, Any], shard_lines: int | None = None) -> Journal:
        """Resume the run ``command`` left in ``output``'s journal, or begin one."""
        journal_path = output + ".journal"
        folder = os.path.dirname(os.path.abspath(output))
        if not os.path.isdir(folder):
            raise OptionsError(f"no folder {folder!r} for the output", "create it first")
        handle = open(journal_path, "a+", encoding="utf-8")  # noqa: SIM115
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.close()
            raise OptionsError(
                f"another batch run is writing {output!r}",
                "wait for it to finish, or choose another output",
            ) from exc
        command = {**command, "shard_lines": shard_lines}
        # A placeholder until the part file is known.
        journal = cls(output, handle, open(os.devnull, "rb"), State(), shard_lines)  # noqa: SIM115
        try:
            state = _read(handle, command, journal_path)
            if state is None:
                journal._begin(command, folder)
            elif not state.complete:
                journal._resume(state)
            else:
                journal.state = state
        except BaseException:
            handle.close()
            raise
        return journal

    def _begin(self, command: dict[str, Any], folder: str) -> None:
        self._part.close()
        self._part = open(self.part_path(0), "wb")  # noqa: SIM115
        _sync(self._part)
        self._handle.write(json.dumps({"retold_batch": _VERSION, "command": command}) + "\n")
        _sync(self._handle)
        _sync_folder(folder)

    def _resume(self, state: State) -> None:
        part_path, final = self.part_path(state.shard), self.final(state.shard)
        if self.shard_lines and not os.path.exists(part_path) and os.path.exists(final):
            # Killed after a full shard was renamed but before the journal
            # said so: the shard is a part again until the journal catches up.
            os.replace(final, part_path)
        self._part.close()
        try:
            self._part = open(part_path, "r+b")  # noqa: SIM115
        except FileNotFoundError as exc:
            raise OptionsError(
                f"the unfinished run's {part_path!r} is missing",
                "delete the .journal file too, to start over",
            ) from exc
        self._part.truncate(state.bytes)
        self._part.seek(state.bytes)
        self.state = state
        self._shard, self._bytes, self._lines = state.shard, state.bytes, state.shard_lines

    def write(self, records: list[bytes]) -> None:
        """Append result lines (each ending in a newline) to the part file(s)."""
        for record in records:
            if self.shard_lines and self._lines == self.shard_lines:
                self._next_shard()
            self._part.write(record)
            self._bytes += len(record)
            self._lines += 1

    def _next_shard(self) -> None:
        _sync(self._part)
        self._part.close()
        os.replace(self.part_path(self._shard), self.final(self._shard))
        self._shard, self._bytes, self._lines = self._shard + 1, 0, 0
        self._part = open(self.part_path(self._shard), "wb")  # noqa: SIM115

    def commit(self, state: State) -> None:
        """Record that the part files hold everything up to ``state``."""
        _sync(self._part)
        if self.shard_lines:
            _sync_folder(os.path.dirname(os.path.abspath(self.output)))
        state = replace(state, shard=self._shard, bytes=self._bytes, shard_lines=self._lines)
        self._handle.write(json.dumps(asdict(state)) + "\n")
        _sync(self._handle)
        self.state = state

    def finish(self) -> None:
        """Mark the run complete and move the last part file into place."""
        if not self.state.complete:
            self.commit(replace(self.state, complete=True))
        self._part.close()
        part_path = self.part_path(self.state.shard)
        if os.path.exists(part_path):
            os.replace(part_path, self.final(self.state.shard))
        _sync_folder(os.path.dirname(os.path.abspath(self.output)))
        os.unlink(self.output + ".journal")
        self._handle.close()

    def close(self) -> None:
        """Leave the run resumable (on an error or an interrupt)."""
        with contextlib.suppress(OSError):
            self._part.close()
        self._handle.close()


def _read(handle: IO[str], command: dict[str, Any], path: str) -> State | None:
    handle.seek(0)
    text = handle.read()
    if not text:
        return None
    lines = text.split("\n")
    # A line cut short by a crash has no newline yet: it never happened.
    whole, cut = lines[:-1], lines[-1]
    if not whole:
        handle.truncate(0)
        return None
    try:
        header = json.loads(whole[0])
        entries = [json.loads(line) for line in whole[1:]]
    except json.JSONDecodeError as exc:
        raise OptionsError(
            f"{path!r} is not a retold batch journal",
            "delete it (and the .part file) to start over",
        ) from exc
    # Compared as JSON has it: a caller's tuple is a list in the journal.
    expected = json.loads(json.dumps(command))
    if header.get("retold_batch") != _VERSION or header.get("command") != expected:
        raise OptionsError(
            f"{path!r} belongs to another batch run (another task, options or inputs)",
            "run that command again to finish it, or delete the .journal and .part files "
            "to start over",
        )
    if cut:
        handle.truncate(len(text) - len(cut))
    handle.seek(0, os.SEEK_END)
    return State(**entries[-1]) if entries else State()


def _sync(handle: IO[Any]) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def _sync_folder(folder: str) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
