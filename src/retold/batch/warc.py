"""WARC inputs: each HTML or plain-text response of status 200 is one article.

A crawl's WARC file (``.warc``; ``.warc.gz`` with each record in its own
gzip member, as crawlers write it; or ``.warc.zst``) is read with warcio,
record by record.
Records are numbered from 1 in file order; that number is what a JSONL file's
line number is elsewhere: the ``line`` of an error record, the journal's
position. Each record's byte offset in the file as it is on disk (compressed)
is known, so a resumed run seeks to the record after the last chunk written.

A ``response`` record with status 200 and an HTML or ``text/plain`` payload
is a document: its id is its ``WARC-Target-URI`` (its ``WARC-Record-ID`` when
it has none), and its payload is read by a worker exactly as a page fetched
from that URL is (:func:`retold.ingest.loader.article_from_bytes`). Every
other record (requests, metadata, a 404, an image) is skipped. A broken
record (a gzip member cut short or corrupt, headers that do not parse) is
reported with its offset and the reason; reading goes on at the next record
that can be found.

A ``.warc.zst`` as the IIPC zstd-WARC specification has it holds one record
per zstd frame, perhaps after a dictionary (:mod:`retold.batch.zstd`): its
offsets are on disk too. A file whose first frame holds more than one record
(``zstd crawl.warc`` compresses the whole file as one frame) is read as one
decompressed stream instead; its offsets are in that stream, and a resumed
run decompresses its way back (as a compressed JSONL file's does).

We cut gzip members ourselves, with zlib, instead of letting warcio do it: a
member that is cut short would otherwise run into the next member's bytes,
and warcio then decompresses garbage or reads on to the end of the file.
"""

from __future__ import annotations

import importlib
import io
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from retold.batch.zstd import BrokenFrame, Frames, Stream, is_zstd
from retold.errors import InputError, ModelUnavailableError

__all__ = ["WarcItem", "count_records", "is_warc", "records", "require_warcio"]

_GZIP_MEMBER = b"\x1f\x8b\x08"
# The most of a payload kept: ingest refuses more than its 20 MB anyway.
MAX_PAYLOAD = 20 * 1024 * 1024 + 1
_BLOCK = 1 << 16
_DOCUMENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True, slots=True)
class WarcItem:
    """One WARC record as a batch item.

    ``kind`` is "document" (``payload`` is the HTTP body, ``charset`` the one
    its Content-Type declares), "skipped" (no article), or "broken"
    (``reason`` says why). ``number`` is the record's 1-based place in the
    file and ``offset`` its byte offset on disk (in the decompressed stream
    for a .warc.zst that is not one frame per record).
    """

    number: int
    offset: int
    kind: str
    id: str = ""
    url: str = ""
    payload: bytes = b""
    charset: str = ""
    reason: str = ""


def require_warcio() -> Any:
    """The warcio package, or a typed error saying how to install it."""
    try:
        return importlib.import_module("warcio.archiveiterator")
    except ImportError as exc:
        raise ModelUnavailableError(
            "reading WARC input needs the warcio package, which is not installed",
            "install it with: pip install 'retold[warc]'",
        ) from exc


def is_warc(head: bytes) -> bool:
    """Whether a file's first (decompressed) bytes are a WARC record's."""
    return head.startswith(b"WARC/")


def records(
    path: str, offset: int = 0, number: int = 1, *, payloads: bool = True
) -> Iterator[tuple[WarcItem, int]]:
    """The records of ``path`` from byte ``offset`` on, the first numbered
    ``number``; each with the offset where the next record starts.
    ``payloads=False`` leaves documents' payloads unread (to count them)."""
    archive = require_warcio().ArchiveIterator
    with open(path, "rb") as raw:
        size = os.fstat(raw.fileno()).st_size
        magic = raw.read(4)
        if is_zstd(magic):
            frames = Frames(raw, size, path)
            if not _one_record_per_frame(archive, frames):
                yield from _zstd_stream_records(archive, frames, offset, number, payloads)
                return
            _check_offset(offset, size)
            yield from _zstd_records(archive, frames, offset, number, payloads)
            return
        _check_offset(offset, size)
        read = _gzip_records if magic[:3] == _GZIP_MEMBER else _plain_records
        yield from read(archive, raw, size, offset, number, payloads)


def _check_offset(offset: int, size: int) -> None:
    if offset > size:
        raise _shorter(offset)


def _shorter(offset: int) -> InputError:
    return InputError(
        f"the input is shorter than when the run began ({offset} bytes)",
        "an input changed; delete the .journal and .part files to start over",
    )


def count_records(path: str) -> int:
    """How many records ``path`` holds (broken ones count once each)."""
    return sum(1 for _ in records(path, payloads=False))


def _gzip_records(
    archive: Any, raw: IO[bytes], size: int, position: int, number: int, payloads: bool
) -> Iterator[tuple[WarcItem, int]]:
    while position < size:
        member = _Member(raw, position)
        item: WarcItem | None = None
        more = False
        try:
            iterator = archive(member)
            record = next(iterator, None)
            if record is not None:
                item = _item(record, number, position, payloads)
                iterator.read_to_end()
                more = bool(iterator.next_line)
        except Exception as exc:  # warcio raises several kinds on bad bytes
            member.broken = member.broken or f"unreadable ({_reason(exc)})"
        # To the member's end: where the next starts, or that it is broken.
        # With another record in it (``more``), that is one gzip stream for
        # many records, or a member cut short running into the next one.
        member.drain()
        if member.broken:
            reason = f"its gzip member is {member.broken}"
            resume = _next_member(raw, position + 1, size)
            yield _broken(number, position, reason), resume
            position, number = resume, number + 1
            continue
        if item is None:  # an empty member
            position = member.end
            continue
        if more:
            reason = (
                "this .warc.gz is one gzip stream, not one gzip member per record, so it "
                "cannot be read record by record; recompress it: warcio recompress IN OUT"
            )
            yield _broken(number, position, reason), size
            return
        yield item, member.end
        position, number = member.end, number + 1


def _plain_records(
    archive: Any, raw: IO[bytes], size: int, position: int, number: int, payloads: bool
) -> Iterator[tuple[WarcItem, int]]:
    while position < size:
        raw.seek(position)
        iterator = archive(raw)
        while True:
            start = iterator.offset
            try:
                record = next(iterator, None)
                if record is None:
                    return
                item = _item(record, number, start, payloads)
                iterator.read_to_end()
                missing = getattr(record.raw_stream, "limit", 0)
            except Exception as exc:
                reason = f"it cannot be read: {_reason(exc)}"
                resume = _next_warc(raw, start + 1, size)
                yield _broken(number, start, reason), resume
                number += 1
                position = resume
                break
            if missing:
                reason = f"it is cut short ({missing} bytes missing)"
                yield _broken(number, start, reason), size
                return
            yield item, iterator.offset
            number += 1


def _one_record_per_frame(archive: Any, frames: Frames) -> bool:
    """Whether the file's first data frame holds one whole WARC record, as
    the zstd-WARC specification has it (and not the whole file, as
    ``zstd crawl.warc`` writes it, or records cut at arbitrary places)."""
    position = frames.data_start
    while position < frames.size:
        try:
            frame = frames.at(position)
        except BrokenFrame:
            return True  # reported as a broken record, frame by frame
        if frame.skippable:
            position = frame.end
            continue
        try:
            iterator = archive(frames.open(frame))
            record = next(iterator, None)
            if record is None:  # an empty frame
                position = frame.end
                continue
            iterator.read_to_end()
        except Exception:  # a broken first record: reported frame by frame
            return True
        return not iterator.next_line and not getattr(record.raw_stream, "limit", 0)
    return True


def _zstd_records(
    archive: Any, frames: Frames, position: int, number: int, payloads: bool
) -> Iterator[tuple[WarcItem, int]]:
    """A .warc.zst with one record per data frame: offsets are on disk."""
    position = max(position, frames.data_start)
    while position < frames.size:
        try:
            frame = frames.at(position)
        except BrokenFrame as exc:
            resume = frames.next(position + 1, is_warc)
            yield _broken(number, position, f"its zstd frame is {exc}"), resume
            position, number = resume, number + 1
            continue
        if frame.skippable:
            position = frame.end
            continue
        reader = frames.open(frame)
        item: WarcItem | None = None
        more, missing = False, 0
        try:
            iterator = archive(reader)
            record = next(iterator, None)
            if record is not None:
                item = _item(record, number, position, payloads)
                iterator.read_to_end()
                more = bool(iterator.next_line)
                missing = getattr(record.raw_stream, "limit", 0)
        except Exception as exc:  # warcio raises several kinds on bad bytes
            reader.broken = reader.broken or f"unreadable ({_reason(exc)})"
        reader.drain()
        if item is None and not reader.broken:  # an empty frame
            position = frame.end
            continue
        reason = ""
        if reader.broken:
            reason = f"its zstd frame is {reader.broken}"
        elif more:
            reason = (
                "its zstd frame holds more than one WARC record, unlike the file's first "
                "frame; compress each record as a frame of its own"
            )
        elif missing:
            reason = f"it is cut short ({missing} bytes missing at the end of its zstd frame)"
        done = _broken(number, position, reason) if reason or item is None else item
        yield done, frame.end
        position, number = frame.end, number + 1


# The offset after a record that ends a zstd stream which cannot be read on.
STREAM_END = 1 << 62


def _zstd_stream_records(
    archive: Any, frames: Frames, position: int, number: int, payloads: bool
) -> Iterator[tuple[WarcItem, int]]:
    """A .warc.zst whose frames do not hold one record each, read as one
    decompressed stream: offsets are in that stream, and a resumed run
    decompresses its way back to where it was. A record that cannot be
    read ends the file (no frame boundary to read on from)."""
    if position >= STREAM_END:
        return
    stream = frames.stream()
    _skip(stream, position)
    iterator = archive(stream)
    while True:
        start = iterator.offset
        try:
            record = next(iterator, None)
            if record is None:
                return
            item = _item(record, number, start, payloads)
            iterator.read_to_end()
            missing = getattr(record.raw_stream, "limit", 0)
        except Exception as exc:
            reason = f"it cannot be read ({_reason(exc)}); the rest of the zstd stream is not read"
            yield _broken(number, start, reason), STREAM_END
            return
        if missing:
            reason = f"it is cut short ({missing} bytes missing)"
            yield _broken(number, start, reason), STREAM_END
            return
        yield item, iterator.offset
        number += 1


def _skip(stream: Stream, position: int) -> None:
    left = position
    while left:
        try:
            block = stream.read(min(left, 1 << 20))
        except Exception as exc:  # zstandard.ZstdError: what was read before reads no more
            raise InputError(
                f"the input no longer decompresses up to where the run was ({exc})",
                "an input changed; delete the .journal and .part files to start over",
            ) from exc
        if not block:
            raise _shorter(position)
        left -= len(block)


class _BadRecord(Exception):
    """A record warcio reads but that breaks the format (so that what follows
    it would be read wrongly)."""


def _item(record: Any, number: int, offset: int, payloads: bool = True) -> WarcItem:
    headers = record.rec_headers
    declared = (headers.get_header("Content-Length") or "").strip()
    if not declared.isdigit():
        # warcio would read such a record to the end of the file, as its body.
        raise _BadRecord(f"no valid Content-Length header ({declared or 'none'})")
    url = headers.get_header("WARC-Target-URI") or ""
    id_ = url or headers.get_header("WARC-Record-ID") or str(number)
    http = record.http_headers
    if record.rec_type != "response" or http is None or http.get_statuscode() != "200":
        return WarcItem(number, offset, "skipped", id_, url)
    media_type, charset = _content_type(http.get_header("Content-Type") or "")
    if media_type not in _DOCUMENT_TYPES:
        return WarcItem(number, offset, "skipped", id_, url)
    payload = record.content_stream().read(MAX_PAYLOAD) if payloads else b""
    return WarcItem(number, offset, "document", id_, url, payload, charset)


def _content_type(value: str) -> tuple[str, str]:
    media_type, _, rest = value.partition(";")
    found = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", rest, re.IGNORECASE)
    return media_type.strip().lower(), found.group(1) if found else ""


def _broken(number: int, offset: int, reason: str) -> WarcItem:
    return WarcItem(number, offset, "broken", f"record {number}", reason=reason)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    if isinstance(exc, _BadRecord):
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _next_member(raw: IO[bytes], position: int, size: int) -> int:
    """Where the next gzip member that holds a WARC record starts (or ``size``)."""
    while position < size:
        found = _find(raw, _GZIP_MEMBER, position, size)
        if found == size or _starts_warc(raw, found):
            return found
        position = found + 1
    return size


def _next_warc(raw: IO[bytes], position: int, size: int) -> int:
    """Where the next ``WARC/`` line starts in a plain file (or ``size``)."""
    found = _find(raw, b"\nWARC/", position - 1, size)
    return found + 1 if found < size else size


def _find(raw: IO[bytes], needle: bytes, position: int, size: int) -> int:
    while position < size:
        raw.seek(position)
        block = raw.read(_BLOCK + len(needle) - 1)
        at = block.find(needle)
        if at >= 0:
            return position + at
        position += _BLOCK
    return size


def _starts_warc(raw: IO[bytes], position: int) -> bool:
    raw.seek(position)
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw.read(4096), 16)
    except zlib.error:
        return False
    return is_warc(head)


class _Member(io.RawIOBase):
    """One gzip member of ``raw`` from ``start``, decompressed as it is read.

    At the member's end it reads as the end of the file, so warcio sees one
    record; ``end`` is then where the next member starts. A member cut short
    or corrupt also reads as an end, with ``broken`` saying what was wrong.
    """

    def __init__(self, raw: IO[bytes], start: int) -> None:
        super().__init__()
        self._raw = raw
        self._position = start
        self._decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._told = 0
        self.end = start
        self.broken = ""
        self._done = False

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._told

    def drain(self) -> None:
        """Read to the member's end (to learn where it ends, or that it is broken)."""
        while self.read(_BLOCK):
            pass

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int | None = -1) -> bytes:
        want = _BLOCK if size is None or size < 0 else size
        while not self._done:
            tail = self._decompressor.unconsumed_tail
            if tail:
                block = tail
            else:
                self._raw.seek(self._position)
                block = self._raw.read(_BLOCK)
                if not block:
                    self.broken = "cut short (the file ends inside it)"
                    self._done = True
                    break
                self._position += len(block)
            try:
                data = self._decompressor.decompress(block, want)
            except zlib.error as exc:
                self.broken = f"corrupt ({exc})"
                self._done = True
                break
            if self._decompressor.eof:
                self._done = True
                self.end = self._position - len(self._decompressor.unused_data)
            if data:
                self._told += len(data)
                return data
        return b""
