"""Zstandard frames on disk: where each one ends, the dictionary, one frame read alone.

A ``.zst`` file is a sequence of frames (RFC 8878): data frames, each of
which decompresses on its own, and skippable frames, which a decompressor
passes over. A WARC file compressed with zstd (the IIPC "zstd-WARC"
specification) holds one record per data frame, and may begin with a
dictionary in a skippable frame of magic 0x184D2A5D (the dictionary itself
possibly zstd-compressed) that every data frame was compressed with.

We find where a frame ends by walking its block headers, three bytes each,
without decompressing anything: so a frame is read as its own bounded
stream, the next frame's offset on disk is known exactly (a resumed run
seeks to it), and a frame cut short is known before it is read.
"""

from __future__ import annotations

import contextlib
import io
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

import zstandard

from retold.errors import InputError

__all__ = [
    "BrokenFrame",
    "Frame",
    "FrameReader",
    "Frames",
    "Stream",
    "is_zstd",
]

FRAME_MAGIC = b"\x28\xb5\x2f\xfd"
_DICTIONARY = 0x184D2A5D
_SKIPPABLE = 0x184D2A50  # to 0x184D2A5F: the low four bits are free
_BLOCK_MAX = 128 * 1024  # RFC 8878 3.1.1.2.4: no block decompresses to more
# A dictionary is some kilobytes (a few hundred at most, in the crawls seen).
MAX_DICTIONARY = 64 * 1024 * 1024
_READ = 1 << 16
_RLE = 1
_RESERVED = 3


def is_zstd(magic: bytes) -> bool:
    """Whether a file's first four bytes begin a zstd frame (or a skippable one)."""
    return magic == FRAME_MAGIC or _skippable(magic)


def _skippable(magic: bytes) -> bool:
    return len(magic) == 4 and struct.unpack("<I", magic)[0] & 0xFFFFFFF0 == _SKIPPABLE


class BrokenFrame(Exception):
    """A frame that cannot be read; the message says why ("cut short ...")."""


@dataclass(frozen=True, slots=True)
class Frame:
    """A frame's bytes on disk, ``start`` to ``end`` (exclusive)."""

    start: int
    end: int
    skippable: bool


class Frames:
    """The frames of one open file (``raw``, ``size`` bytes long).

    On opening, the skippable frames at the start are read: a dictionary
    frame among them is loaded, and ``data_start`` is where the first data
    frame begins.
    """

    def __init__(self, raw: IO[bytes], size: int, path: str) -> None:
        self._raw = raw
        self.size = size
        self.data_start = 0
        dictionary: bytes | None = None
        while self.data_start < size:
            raw.seek(self.data_start)
            magic = raw.read(4)
            if not _skippable(magic):
                break
            try:
                frame = self.at(self.data_start)
            except BrokenFrame as exc:
                raise _dictionary_error(path, f"a skippable frame at its start is {exc}") from exc
            if struct.unpack("<I", magic)[0] == _DICTIONARY and dictionary is None:
                dictionary = _load_dictionary(raw, frame, path)
            self.data_start = frame.end
        try:
            data = zstandard.ZstdCompressionDict(dictionary) if dictionary is not None else None
            self.decompressor = zstandard.ZstdDecompressor(dict_data=data)
        except zstandard.ZstdError as exc:
            raise _dictionary_error(path, f"its dictionary is not valid ({exc})") from exc

    def at(self, start: int) -> Frame:
        """The frame that begins at ``start``; :class:`BrokenFrame` if its
        headers are not a frame's or the file ends inside it."""
        raw = self._raw
        raw.seek(start)
        head = raw.read(18)  # the longest frame header (RFC 8878 3.1.1.1)
        if len(head) < 4:
            raise BrokenFrame("cut short (the file ends inside it)")
        if _skippable(head[:4]):
            if len(head) < 8:
                raise BrokenFrame("cut short (the file ends inside it)")
            end = start + 8 + struct.unpack("<I", head[4:8])[0]
            if end > self.size:
                raise BrokenFrame("cut short (the file ends inside it)")
            return Frame(start, end, skippable=True)
        if head[:4] != FRAME_MAGIC:
            raise BrokenFrame("not a zstd frame (no frame magic number where one must start)")
        try:
            position = start + zstandard.frame_header_size(head)
            checksum = zstandard.get_frame_parameters(head).has_checksum
        except zstandard.ZstdError as exc:
            if len(head) < 18 and start + len(head) == self.size:
                raise BrokenFrame("cut short (the file ends inside it)") from exc
            raise BrokenFrame(f"corrupt (its header: {exc})") from exc
        while True:
            raw.seek(position)
            header = raw.read(3)
            if len(header) < 3:
                raise BrokenFrame("cut short (the file ends inside it)")
            value = int.from_bytes(header, "little")
            last, kind, length = value & 1, (value >> 1) & 3, value >> 3
            if kind == _RESERVED or length > _BLOCK_MAX:
                raise BrokenFrame(f"corrupt (a block header at byte {position} is not valid)")
            position += 3 + (1 if kind == _RLE else length)
            if last:
                break
        end = position + (4 if checksum else 0)
        if end > self.size:
            raise BrokenFrame("cut short (the file ends inside it)")
        return Frame(start, end, skippable=False)

    def open(self, frame: Frame) -> FrameReader:
        """``frame`` decompressed as a stream of its own."""
        return FrameReader(self._raw, frame, self.decompressor)

    def next(self, position: int, starts: Callable[[bytes], bool]) -> int:
        """Where the next data frame after ``position`` starts whose first
        decompressed bytes satisfy ``starts`` (``size`` if none does)."""
        raw = self._raw
        while position < self.size:
            raw.seek(position)
            block = raw.read(_READ + 3)
            found = block.find(FRAME_MAGIC)
            if found < 0:
                position += _READ
                continue
            candidate = position + found
            try:
                frame = self.at(candidate)
                head = self.open(frame).read(16)
            except (BrokenFrame, zstandard.ZstdError, OSError):
                head = b""
            if starts(head):
                return candidate
            position = candidate + 1
        return self.size

    def head(self, count: int) -> bytes:
        """The first ``count`` decompressed bytes (fewer where the data ends
        or stops decompressing)."""
        stream, out = self.stream(), b""
        with contextlib.suppress(zstandard.ZstdError):
            while len(out) < count and (block := stream.read(count - len(out))):
                out += block
        return out

    def stream(self) -> Stream:
        """Every data frame from the first on, decompressed as one stream;
        skippable frames are passed over."""
        self._raw.seek(self.data_start)
        reader = self.decompressor.stream_reader(
            self._raw, read_size=_READ, read_across_frames=True, closefd=False
        )
        return Stream(reader)


class Stream:
    """A decompressed stream that tells how many bytes it has given."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._told = 0

    def tell(self) -> int:
        return self._told

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._reader.read(_READ if size is None or size < 0 else size)
        self._told += len(data)
        return data


class _Window:
    """The bytes ``start`` to ``end`` of ``raw``, read from wherever ``raw``
    was left (others seek it too)."""

    def __init__(self, raw: IO[bytes], start: int, end: int) -> None:
        self._raw, self._position, self._end = raw, start, end

    def read(self, size: int = -1) -> bytes:
        left = self._end - self._position
        size = left if size is None or size < 0 else min(size, left)
        if size <= 0:
            return b""
        self._raw.seek(self._position)
        data = self._raw.read(size)
        self._position += len(data)
        return data


class FrameReader(io.RawIOBase):
    """One data frame, decompressed as it is read, ending where the frame
    ends; a frame that does not decompress reads as an end, with ``broken``
    saying why."""

    def __init__(self, raw: IO[bytes], frame: Frame, decompressor: Any) -> None:
        super().__init__()
        window = _Window(raw, frame.start, frame.end)
        self._reader = decompressor.stream_reader(window, read_size=_READ, closefd=False)
        self._told = 0
        self.broken = ""

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._told

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int | None = -1) -> bytes:
        if self.broken:
            return b""
        want = _READ if size is None or size < 0 else size
        try:
            data: bytes = self._reader.read(want)
        except zstandard.ZstdError as exc:
            self.broken = f"corrupt ({exc})"
            return b""
        self._told += len(data)
        return data

    def drain(self) -> None:
        """Read to the frame's end (to learn whether it decompresses)."""
        while self.read(_READ):
            pass


def _load_dictionary(raw: IO[bytes], frame: Frame, path: str) -> bytes:
    length = frame.end - frame.start - 8
    if length > MAX_DICTIONARY:
        raise _dictionary_error(path, f"its dictionary frame holds {length} bytes")
    raw.seek(frame.start + 8)
    content = raw.read(length)
    if not content.startswith(FRAME_MAGIC):
        return content
    # The specification lets the dictionary be zstd-compressed itself; read
    # at once, a frame cut short or corrupt is an error, not a short result.
    try:
        return zstandard.ZstdDecompressor().decompress(content, max_output_size=MAX_DICTIONARY)
    except zstandard.ZstdError as exc:
        reason = f"its compressed dictionary does not decompress ({exc})"
        raise _dictionary_error(path, reason) from exc


def _dictionary_error(path: str, reason: str) -> InputError:
    return InputError(
        f"{path!r} is a zstd file whose dictionary cannot be read: {reason}",
        "decompress it with the tool that wrote it, then compress it again without a "
        "dictionary (zstd, one frame per record) or as .warc.gz (one gzip member per record)",
    )
