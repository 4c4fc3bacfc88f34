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
    records among them, ``skipped`` the blank lines."""

    file: int = 0
    line: int = 1
    offset: int = 0
    bytes: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    complete: bool = False

    @property
    def lines(self) -> int:
        return self.done + self.skipped


class Journal:
    """The journal and part file of one output; :meth:`open` resumes or begins."""

    def __init__(self, output: str, handle: IO[str], part: IO[bytes], state: State) -> None:
        self.output = output
        self._handle = handle
        self.part = part
        self.state = state
        self.resumed = state

    @staticmethod
    def paths(output: str) -> tuple[str, str]:
        return output + ".journal", output + ".part"

    @classmethod
    def open(cls, output: str, command: dict[str, Any]) -> Journal:
        """Resume the run ``command`` left in ``output``'s journal, or begin one."""
        journal_path, part_path = cls.paths(output)
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
        try:
            part: IO[bytes]
            state = _read(handle, command, journal_path)
            if state is None:
                state = State()
                part = open(part_path, "wb")  # noqa: SIM115
                _sync(part)
                handle.write(json.dumps({"retold_batch": _VERSION, "command": command}) + "\n")
                _sync(handle)
                _sync_folder(folder)
            elif state.complete:
                part = _finish_open(part_path, output)
            else:
                try:
                    part = open(part_path, "r+b")  # noqa: SIM115
                except FileNotFoundError as exc:
                    raise OptionsError(
                        f"the unfinished run's {part_path!r} is missing",
                        "delete the .journal file too, to start over",
                    ) from exc
                part.truncate(state.bytes)
                part.seek(state.bytes)
        except BaseException:
            handle.close()
            raise
        return cls(output, handle, part, state)

    def commit(self, state: State) -> None:
        """Record that the part file holds everything up to ``state``."""
        _sync(self.part)
        self._handle.write(json.dumps(asdict(state)) + "\n")
        _sync(self._handle)
        self.state = state

    def finish(self) -> None:
        """Mark the run complete and move the part file to the output."""
        journal_path, part_path = self.paths(self.output)
        if not self.state.complete:
            self.commit(replace(self.state, complete=True))
        self.part.close()
        if os.path.exists(part_path):
            os.replace(part_path, self.output)
        _sync_folder(os.path.dirname(os.path.abspath(self.output)))
        os.unlink(journal_path)
        self._handle.close()

    def close(self) -> None:
        """Leave the run resumable (on an error or an interrupt)."""
        with contextlib.suppress(OSError):
            self.part.close()
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
    if header.get("retold_batch") != _VERSION or header.get("command") != command:
        raise OptionsError(
            f"{path!r} belongs to another batch run (another task, options or inputs)",
            "run that command again to finish it, or delete the .journal and .part files "
            "to start over",
        )
    if cut:
        handle.truncate(len(text) - len(cut))
    handle.seek(0, os.SEEK_END)
    return State(**entries[-1]) if entries else State()


def _finish_open(part_path: str, output: str) -> IO[bytes]:
    if not os.path.exists(part_path) and not os.path.exists(output):
        raise OptionsError(
            f"the journal says the run is complete, but neither {output!r} nor its "
            ".part file is there",
            "delete the .journal file to start over",
        )
    return open(os.devnull, "rb")  # nothing more is written


def _sync(handle: IO[Any]) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def _sync_folder(folder: str) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
