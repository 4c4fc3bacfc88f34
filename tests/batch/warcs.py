"""Small WARC files for the batch tests, written with warcio's own WARCWriter."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SITE = "https://news.example.org"
NAV = "<nav><a href='/'>Home</a> | <a href='/world'>World</a> | <a href='/sport'>Sport</a></nav>"


def page(title: str, paragraphs: tuple[str, ...]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>{NAV}"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer><a href='#top'>scroll to top</a></footer></body></html>"
    )


BRIDGE = page(
    "Council backs bridge repairs",
    (
        "The city council voted 7-2 on Tuesday to close the Harbor Bridge for repairs.",
        "Repairs will cost $4.5 million and should end in May, the mayor said.",
        "Drivers will use the Elm Street crossing while the work goes on.",
    ),
)
CAFE = page(
    "A café reopens",
    (
        "The old café on Main Street reopened on Monday after a fire in March.",
        "Its owner, Ana Ruiz, said that 40 people came in the first hour.",
    ),
)
NOTE = "Police said no one was hurt. The road reopened at noon."


def _response(
    writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK"
) -> object:
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)


def records(writer: WARCWriter, site: str = SITE) -> list[object]:
    """A crawl of ``site`` in little: two skipped records first, then three
    articles among an image, a 404 and a request."""
    request = StatusAndHeaders(
        "GET /bridge HTTP/1.1", [("Host", "news.example.org")], is_http_request=True
    )
    return [
        writer.create_warcinfo_record("crawl.warc", {"software": "retold tests"}),
        writer.create_warc_record(f"{site}/bridge", "request", http_headers=request),
        _response(writer, f"{site}/bridge", BRIDGE.encode(), "text/html; charset=utf-8"),
        _response(writer, f"{site}/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
        _response(
            writer,
            f"{site}/gone",
            page("Not found", ("No such page.",)).encode(),
            "text/html",
            "404 Not Found",
        ),
        # Latin-1 bytes, as the server's header says: "café" must survive.
        _response(writer, f"{site}/cafe", CAFE.encode("latin-1"), "text/html; charset=ISO-8859-1"),
        _response(writer, f"{site}/note.txt", NOTE.encode(), "text/plain"),
    ]


def documents(site: str = SITE) -> list[str]:
    """The ids of the articles in :func:`records` of ``site``, in order."""
    return [f"{site}/bridge", f"{site}/cafe", f"{site}/note.txt"]


DOCUMENTS = documents()
SKIPPED = 4  # warcinfo, request, image, 404


def members(gzip: bool, site: str = SITE) -> list[bytes]:
    """Each record of :func:`records` as the bytes a WARC file holds for it
    (one gzip member each when ``gzip``)."""
    out: list[bytes] = []
    for record in records(WARCWriter(io.BytesIO(), gzip=gzip), site):
        buffer = io.BytesIO()
        WARCWriter(buffer, gzip=gzip).write_record(record)
        out.append(buffer.getvalue())
    return out


def write(path: Path, gzip: bool) -> Path:
    path.write_bytes(b"".join(members(gzip)))
    return path


def zstd_parts(
    plain: list[bytes], dictionary: bytes | None = None, packed: bool = False
) -> tuple[bytes, list[bytes]]:
    """Plain WARC records as a .warc.zst holds them, one zstd frame per record
    (the IIPC zstd-WARC layout): the dictionary frame (``b""`` without a
    dictionary; the dictionary zstd-compressed itself when ``packed``) and
    the records' frames."""
    data = zstandard.ZstdCompressionDict(dictionary) if dictionary is not None else None
    compressor = zstandard.ZstdCompressor(dict_data=data, write_checksum=True)
    head = b""
    if dictionary is not None:
        stored = zstandard.ZstdCompressor().compress(dictionary) if packed else dictionary
        head = struct.pack("<II", 0x184D2A5D, len(stored)) + stored
    return head, [compressor.compress(record) for record in plain]


def zstd_frames(plain: list[bytes], dictionary: bytes | None = None, packed: bool = False) -> bytes:
    """The bytes of a .warc.zst of :func:`zstd_parts`."""
    head, frames = zstd_parts(plain, dictionary, packed)
    return head + b"".join(frames)
