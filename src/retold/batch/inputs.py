"""Batch inputs: files, globs and folders of JSONL or WARC, read in chunks.

An input names a file, a glob (``data/*.jsonl.gz``) or a folder (every
``*.jsonl``, ``*.jsonl.gz``, ``*.jsonl.zst``, ``*.warc``, ``*.warc.gz`` and
``*.warc.zst`` file under it); files are taken in the order given, a glob's or a folder's
sorted by path, each once. Compression, and whether a file is WARC, are told
by the file's first bytes, not its name, so a gzip file called ``x.jsonl``
still reads. Lines stay bytes until a worker decodes them, one at a time, so
one line that is not UTF-8 is one error record.

A file is cut into :class:`Chunk` s of consecutive lines; a chunk never spans
two files, so its line numbers are the file's own. Each chunk knows the byte
offset just after it in the (decompressed) file, which is where a resumed
run seeks to. In a WARC file (:mod:`retold.batch.warc`) a record is what a
line is in JSONL: its items are records, numbered from 1, and the offset is
the next record's in the file on disk (but see :mod:`retold.batch.warc` for a
.warc.zst compressed as one stream).
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

import zstandard

from retold.batch.warc import WarcItem, count_records, is_warc, records
from retold.batch.zstd import Frames, is_zstd
from retold.errors import InputError, OptionsError, SourceNotFoundError

__all__ = ["Chunk", "InputFile", "Item", "chunks", "count_lines", "expand", "open_binary"]

_WARC_ZSTD = (".warc.zst", ".warc.zstd")
SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".jsonl.zstd", ".warc", ".warc.gz", *_WARC_ZSTD)

# A chunk's item: a JSONL line, or a WARC record.
Item = bytes | WarcItem
_GZIP = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input file, with what a resumed run checks it against; ``kind``
    is "jsonl" or "warc"."""

    path: str
    size: int
    mtime_ns: int
    kind: str = "jsonl"


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive lines (or WARC records) of one file: ``lines[0]`` is line
    ``start`` (1-based)."""

    file: int
    path: str
    start: int
    lines: tuple[Item, ...]
    end_offset: int

    @property
    def next_line(self) -> int:
        return self.start + len(self.lines)


def expand(inputs: Sequence[str]) -> tuple[InputFile, ...]:
    """The files ``inputs`` name, in order, each once."""
    found: list[str] = []
    for given in inputs:
        if any(c in given for c in "*?["):
            matches = sorted(p for p in glob.glob(given, recursive=True) if os.path.isfile(p))
            if not matches:
                raise SourceNotFoundError(
                    f"no file matches {given!r}", "check the pattern, e.g. 'data/*.jsonl.gz'"
                )
            found.extend(matches)
        elif os.path.isdir(given):
            matches = sorted(
                str(p) for p in Path(given).rglob("*") if p.is_file() and p.name.endswith(SUFFIXES)
            )
            if not matches:
                raise SourceNotFoundError(
                    f"the folder {given!r} holds no JSONL file",
                    f"name the files, or give a folder of {', '.join(SUFFIXES)} files",
                )
            found.extend(matches)
        elif os.path.isfile(given):
            found.append(given)
        elif os.path.exists(given):
            # a FIFO or a device: read once, it could not be read again to resume
            raise SourceNotFoundError(
                f"{given!r} is not a regular file (a FIFO or a device)",
                "save the lines to a file first; for a stream, use "
                "'retold COMMAND --jsonl -' instead of a batch run",
            )
        else:
            raise SourceNotFoundError(f"no such file: {given!r}", "check the path")
    if not found:
        raise OptionsError("no input given", "e.g. 'retold batch articles.jsonl -o out.jsonl'")
    files: list[InputFile] = []
    seen: set[str] = set()
    for path in found:
        absolute = os.path.abspath(path)
        if absolute in seen:
            continue
        seen.add(absolute)
        stat = os.stat(absolute)
        files.append(InputFile(absolute, stat.st_size, stat.st_mtime_ns, _kind(absolute)))
    return tuple(files)


def _kind(path: str) -> str:
    """Whether the file holds WARC records ("warc") or JSONL lines ("jsonl")."""
    try:
        with open(path, "rb") as raw:
            if is_zstd(raw.read(4)):
                # A zstd WARC file may begin with its dictionary.
                head = Frames(raw, os.fstat(raw.fileno()).st_size, path).head(5)
                named = path.endswith(_WARC_ZSTD)
                return "warc" if is_warc(head) or (named and not head) else "jsonl"
        with open_binary(path) as stream:
            head = stream.read(5)
    except (OSError, EOFError, zlib.error, zstandard.ZstdError):
        return "jsonl"  # a corrupt archive: reading it says what is wrong
    return "warc" if is_warc(head) else "jsonl"


def open_binary(path: str) -> IO[bytes]:
    """``path`` opened for reading, decompressed when it is gzip or zstd."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 (returned to the caller, who closes it)
    except OSError as exc:
        raise InputError(f"cannot read {path!r}: {exc.strerror}", "check the file") from exc
    magic = raw.read(4)
    raw.seek(0)
    if magic.startswith(_GZIP):
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
    if is_zstd(magic):
        # Every frame, not only the first (pzstd and concatenated files have many).
        reader = zstandard.ZstdDecompressor().stream_reader(
            raw, read_across_frames=True, closefd=True
        )
        return cast(IO[bytes], io.BufferedReader(reader))
    return raw


def chunks(
    files: Sequence[InputFile], size: int, file: int = 0, line: int = 1, offset: int = 0
) -> Iterator[Chunk]:
    """``files`` in chunks of ``size`` lines, from ``line`` (at byte ``offset``)
    of the ``file``-th file on; the last chunk of a file may be shorter."""
    for index in range(file, len(files)):
        path = files[index].path
        number, position = (line, offset) if index == file else (1, 0)
        if files[index].kind == "warc":
            try:
                yield from _cut_warc(index, path, size, number, position)
            except OSError as exc:
                raise InputError(
                    f"cannot read {path!r} after record {number}: {exc}",
                    "check or re-create the file",
                ) from exc
            continue
        with open_binary(path) as stream:
            if position:
                _skip(stream, position)
            try:
                yield from _cut(index, path, stream, size, number, position)
            except (OSError, EOFError, zstandard.ZstdError) as exc:  # truncated or corrupt
                raise InputError(
                    f"cannot read {path!r} after line {number}: {exc}",
                    "check or re-create the file",
                ) from exc


def _skip(stream: IO[bytes], position: int) -> None:
    if isinstance(stream, io.BufferedReader) and isinstance(stream.raw, io.FileIO):
        if position > os.fstat(stream.fileno()).st_size:
            raise InputError(
                f"the input is shorter than when the run began ({position} bytes)",
                "an input changed; delete the .journal and .part files to start over",
            )
        stream.seek(position)
        return
    # A decompressing stream seeks forward by reading.
    left = position
    while left:
        block = stream.read(min(left, 1 << 20))
        if not block:
            raise InputError(
                f"the input is shorter than when the run began ({position} bytes)",
                "an input changed; delete the .journal and .part files to start over",
            )
        left -= len(block)


def _cut(
    index: int, path: str, stream: IO[bytes], size: int, number: int, position: int
) -> Iterator[Chunk]:
    lines: list[bytes] = []
    start = number
    for raw in stream:
        lines.append(raw)
        position += len(raw)
        if len(lines) == size:
            yield Chunk(index, path, start, tuple(lines), position)
            start += len(lines)
            lines = []
    if lines:
        yield Chunk(index, path, start, tuple(lines), position)


def _cut_warc(index: int, path: str, size: int, number: int, position: int) -> Iterator[Chunk]:
    items: list[WarcItem] = []
    start = number
    for item, after in records(path, position, number):
        items.append(item)
        if len(items) == size:
            yield Chunk(index, path, start, tuple(items), after)
            start += len(items)
            items = []
        position = after
    if items:
        yield Chunk(index, path, start, tuple(items), position)


def count_lines(files: Sequence[InputFile]) -> int:
    """How many lines the files hold (a last line without a newline counts),
    a WARC file's records counting as lines."""
    total = 0
    for item in files:
        if item.kind == "warc":
            total += count_records(item.path)
            continue
        last = b"\n"
        with open_binary(item.path) as stream:
            while block := stream.read(1 << 20):
                total += block.count(b"\n")
                last = block[-1:]
        if last != b"\n":
            total += 1
    return total
