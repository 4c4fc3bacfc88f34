"""Sources -> Article: files, standard input, URLs, bytes, HTML and plain text.

HTML is recognised by its content, never by a file name or extension (a .txt
file holding a web page is a web page), and extracted with
:mod:`retold.extract`. Plain text passes through unchanged apart from line
endings (normalised to ``\\n``) and a leading byte-order mark: offsets into it
must mean the same thing to the user as to us. Removing page furniture from
plain text is available but off by default (``IngestOptions.clean_text``),
because it deletes lines the user gave us; it removes only whole lines that
are furniture by the same conservative rules used for HTML.

Decoding: a byte-order mark wins; then UTF-8; then a charset declared by the
server or, for HTML, by the page itself; for HTML with no usable declaration,
charset detection. Plain text that is not UTF-8 and declares nothing is an
error, never silently read as Latin-1.
"""

from __future__ import annotations

import codecs
import io
import logging
import os
import re
import select
import stat
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, BinaryIO

from retold.data import Article
from retold.errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    SourceNotFoundError,
    StalledInputError,
)
from retold.ingest.extract import clean_furniture, extract
from retold.ingest.fetch import DEFAULT_USER_AGENT, FetchOptions, fetch
from retold.ingest.quiet import quiet

log = logging.getLogger(__name__)

__all__ = [
    "IngestOptions",
    "article_from_bytes",
    "article_from_html",
    "article_from_text",
    "decode",
    "load",
    "looks_like_html",
    "open_input",
]

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How sources are read.

    ``max_bytes`` limits a file, standard input and a download alike.
    ``timeout`` bounds connecting to a server and each read from it, and
    each wait for data from a FIFO or a device named as a path;
    ``total_timeout`` bounds a whole download;
    ``allow_private`` lets URLs reach loopback and private networks, and
    ``allowed_hosts`` does so for the listed host names only; ``ca_file``
    is a PEM bundle of certificate authorities to trust for https.
    ``clean_text`` also removes page furniture lines from plain text.
    """

    max_bytes: int = 20 * MB
    timeout: float = 10.0
    total_timeout: float = 60.0
    allow_private: bool = False
    allowed_hosts: tuple[str, ...] = ()
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    ca_file: str = ""
    clean_text: bool = False

    def __post_init__(self) -> None:
        self.fetch_options()  # the numbers are checked there, for downloads and files alike

    def fetch_options(self) -> FetchOptions:
        return FetchOptions(
            timeout=self.timeout,
            total_timeout=self.total_timeout,
            max_bytes=self.max_bytes,
            max_redirects=self.max_redirects,
            allow_private=self.allow_private,
            allowed_hosts=self.allowed_hosts,
            user_agent=self.user_agent,
            ca_file=self.ca_file,
        )


_DEFAULT = IngestOptions()

# --- sources ----------------------------------------------------------------

_URL_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
# "www.example.org/a" or "example.org/a": a URL without its scheme, not a path
_DOMAIN_RE = re.compile(r"^(?:www\.[^/\s]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/\S*)$", re.I)


def load(source: str, options: IngestOptions | None = None) -> Article:
    """Read an article from a path, an http(s) URL, or ``"-"`` for standard input."""
    options = options or _DEFAULT
    if source == "-":
        if sys.stdin is None:
            raise EmptyInputError("there is no standard input", "pipe an article into it")
        data = _read_limited(sys.stdin.buffer, options.max_bytes, "standard input")
        return article_from_bytes(data, options, name="standard input")
    if _URL_RE.match(source):
        fetched = fetch(source, options.fetch_options())
        if not fetched.content.strip():
            raise EmptyInputError(
                f"{fetched.url} answered HTTP {fetched.status} with an empty body",
                "check the URL; the server sent no page",
            )
        if _is_binary_media(fetched.media_type):
            raise BinaryInputError(
                f"{fetched.url} is not a text document (it is {fetched.media_type})",
                "give the URL of an HTML page or a plain-text article",
            )
        return article_from_bytes(
            fetched.content, options, url=fetched.url, name=fetched.url, charset=fetched.charset
        )
    return article_from_bytes(_read_file(source, options), options, name=source)


def _read_file(source: str, options: IngestOptions) -> bytes:
    with open_input(source, options) as handle:
        try:
            # a file may grow after stat(), and /dev or FIFO paths report size 0
            return _read_limited(handle, options.max_bytes, source)
        except OSError as exc:
            raise InputError(
                f"cannot read {source}: {exc.strerror}", "check the file's permissions"
            ) from exc


def open_input(source: str, options: IngestOptions | None = None) -> BinaryIO:
    """The file at path ``source``, opened to read bytes (the caller closes it).

    A regular file larger than ``options.max_bytes`` is refused before it is
    read. A FIFO or a device (a named pipe, ``/dev/...``, a process
    substitution's ``/dev/fd/N``) is read without blocking, and each wait for
    its data is bounded by ``options.timeout``: one that nobody writes to
    raises :class:`~retold.errors.StalledInputError` instead of waiting
    forever. Standard input (``"-"`` to :func:`load`) has no such bound: it is
    read as any filter reads it, until its writer ends it.
    """
    options = options or _DEFAULT
    hint = "check the path, or pass - to read standard input"
    try:
        info = os.stat(source)
        if stat.S_ISDIR(info.st_mode):
            raise SourceNotFoundError(f"{source} is a directory, not a file", hint)
        if stat.S_ISREG(info.st_mode):
            if info.st_size > options.max_bytes:
                raise _too_large(source, options.max_bytes)
            return open(source, "rb")
        # O_NONBLOCK: opening a FIFO that has no writer would block right here
        descriptor = os.open(source, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError as exc:
        if _DOMAIN_RE.match(source):
            hint = f"for a URL, write the scheme: https://{source}"
        raise SourceNotFoundError(f"no such file: {source}", hint) from exc
    except OSError as exc:
        raise SourceNotFoundError(f"cannot read {source}: {exc.strerror}", hint) from exc
    return io.BufferedReader(_Waiting(descriptor, source, options.timeout))


class _Waiting(io.RawIOBase):
    """A FIFO or device, read without blocking: each wait for data is bounded."""

    def __init__(self, descriptor: int, name: str, timeout: float) -> None:
        super().__init__()
        self._descriptor = descriptor
        self._name = name
        self._timeout = timeout
        self._poll = select.poll()
        self._poll.register(descriptor, select.POLLIN | select.POLLPRI)

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._descriptor

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        while True:
            # POLLHUP (the writer has gone) is reported too; a FIFO that never
            # had a writer reports nothing, and the wait ends at the timeout
            if not self._poll.poll(int(self._timeout * 1000)):
                raise StalledInputError(
                    f"{self._name} gave no data for {self._timeout:g} s",
                    "check that a program writes to it, or allow a longer wait with "
                    "--timeout; to wait as long as a writer takes, pipe it to standard "
                    "input ('-') instead",
                )
            try:
                data = os.read(self._descriptor, len(view))
            except BlockingIOError:
                continue  # woken, but another reader took the data
            view[: len(data)] = data
            return len(data)

    def close(self) -> None:
        if not self.closed:
            os.close(self._descriptor)
        super().close()


def _read_limited(stream: BinaryIO, max_bytes: int, name: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = stream.read(min(1 * MB, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > max_bytes:
        raise _too_large(name, max_bytes)
    return b"".join(chunks)


def _too_large(name: str, max_bytes: int) -> InputTooLargeError:
    limit = f"{max_bytes / MB:g} MB" if max_bytes >= MB else f"{max_bytes} bytes"
    return InputTooLargeError(
        f"{name} is larger than the limit of {limit}",
        "split it into single articles, or raise IngestOptions.max_bytes",
    )


# --- bytes ------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP, WAV or AVI)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"(\xb5/\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/EPUB)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"fLaC", "a FLAC file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, line feed, vertical tab, form feed, carriage
# return and escape (which coloured terminal text uses), plus DEL.
_CONTROL = frozenset(
    set(range(0x00, 0x09)) | set(range(0x0E, 0x1B)) | {0x1C, 0x1D, 0x1E, 0x1F, 0x7F}
)
_SAMPLE = 64 * 1024
_MAX_CONTROL_SHARE = 0.02
_BINARY_MEDIA = ("image/", "audio/", "video/", "font/")
_BINARY_APPS = frozenset(
    {
        "application/pdf",
        "application/zip",
        "application/gzip",
        "application/x-gzip",
        "application/x-tar",
        "application/x-7z-compressed",
        "application/vnd.rar",
        "application/msword",
        "application/x-bzip2",
        "application/wasm",
    }
)


def _is_binary_media(media_type: str) -> bool:
    return media_type.startswith(_BINARY_MEDIA) or media_type in _BINARY_APPS


def _bom(data: bytes) -> tuple[str, int]:
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding, len(mark)
    return "", 0


def _check_binary(data: bytes, name: str) -> None:
    hint = "give an HTML page or a plain-text article; convert documents to text first"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInputError(f"{name} is {what}, not text", hint)
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        raise BinaryInputError(f"{name} contains NUL bytes: it is binary, not text", hint)
    controls = sum(1 for byte in sample if byte in _CONTROL)
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryInputError(
            f"{name} is mostly control bytes ({controls} in the first {len(sample)}): "
            "it is binary, not text",
            hint,
        )


_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
# WHATWG: labels for Latin-1 and ASCII mean windows-1252 on the web
_WEB_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "x-sjis": "shift_jis",
    "x-gbk": "gbk",
}


def _codec(label: str) -> str:
    label = label.strip().lower()
    label = _WEB_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return ""


def _html_prefix(data: bytes) -> bool:
    return looks_like_html(data[:4096].decode("latin-1"))


def decode(data: bytes, *, charset: str = "", name: str = "input") -> str:
    """Decode ``data`` to text without guessing silently.

    Order: byte-order mark, then UTF-8, then ``charset`` (as declared by a
    server), then for HTML a ``<meta charset>`` and finally detection.
    Raises :class:`~retold.errors.DecodeError` when none of these fits.
    """
    encoding, skip = _bom(data)
    if encoding:
        try:
            return data[skip:].decode(encoding)
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"{name} starts with a {encoding} byte-order mark but is not valid {encoding} "
                f"(bad bytes at offset {exc.start + skip})",
                "re-save the file in UTF-8",
            ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    is_html = _html_prefix(data)
    declared = [charset]
    if is_html:
        match = _META_CHARSET_RE.search(data[:8192])
        if match:
            declared.append(match.group(1).decode("ascii"))
    for label in declared:
        codec = _codec(label) if label else ""
        if not codec:
            continue
        try:
            return data.decode(codec, errors="strict")
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"{name} declares the charset {label!r} but is not valid {label} "
                f"(bad bytes at offset {exc.start})",
                "re-save the file in UTF-8, or fix its declared charset",
            ) from exc
    if is_html:
        detected = _detect(data)
        if detected is not None:
            return detected
    raise DecodeError(
        f"{name} is not valid UTF-8 (bad bytes at offset {utf8_error.start}) "
        "and declares no charset",
        "convert it to UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8 FILE",
    ) from utf8_error


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    least = min(match.chaos for match in matches)
    tied = [match for match in matches if match.chaos <= least + 0.01]
    # Western text often reads equally well as cp1250 or cp1257; the web's
    # default for undeclared pages is windows-1252, so it wins a tie
    encoding = next(
        ("cp1252" for match in tied if "cp1252" in match.could_be_from_charset),
        tied[0].encoding,
    )
    log.info("no charset declared; detected %s", encoding)
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def article_from_bytes(
    data: bytes,
    options: IngestOptions | None = None,
    *,
    url: str = "",
    name: str = "",
    charset: str = "",
) -> Article:
    """Read an article from raw bytes (a file's, a download's or a JSONL field's).

    ``url`` is where the bytes came from (kept on the article), ``name`` names
    the source in error messages and ``charset`` is a charset declared by a
    server, if any.
    """
    options = options or _DEFAULT
    name = name or url or "input"
    if len(data) > options.max_bytes:
        raise _too_large(name, options.max_bytes)
    if not data.strip():
        raise EmptyInputError(f"{name} is empty", "give a file, URL or text with an article in it")
    if not _bom(data)[0]:
        _check_binary(data, name)
    text = decode(data, charset=charset, name=name)
    if looks_like_html(text):
        return article_from_html(text, url, name=name)
    article = article_from_text(text, options)
    return Article(text=article.text, url=url) if url else article


_TAG_NAMES = (
    "html|head|body|meta|title|link|script|style|div|span|p|a|article|section|main|header"
    "|footer|nav|aside|h[1-6]|table|ul|ol|li|br|img|figure|form|iframe|noscript|base"
)
_HTML_START_RE = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"(?:<!doctype\s+html|<(?:" + _TAG_NAMES + r")(?:[\s/>]|$))",
    re.IGNORECASE | re.DOTALL,
)
_HTML_DOC_START_RE = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<(?:html|head|body)[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_HTML_DOC_RE = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
_HTML_END_RE = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
# How much of a text that opens with a tag is read to see where its words lie.
_STRUCTURE_SAMPLE = 256 * 1024


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document or fragment (judged by content only).

    It is HTML when it starts with a doctype or an ``html``, ``head`` or
    ``body`` tag (after an optional XML declaration and comments), or when it
    holds both an opening and a closing ``html``/``body`` tag. Text that starts
    with another common tag is HTML only when most of its words lie inside
    elements: a plain-text article with a stray tag on its first line stays
    plain text, and so does text that merely mentions a tag.
    """
    text = text.lstrip("\ufeff")
    head = text[:4096]
    if _HTML_DOC_START_RE.match(head):
        return True
    if _HTML_START_RE.match(head):
        words = _WordsByPlace.count(text[:_STRUCTURE_SAMPLE])
        return words.inside >= words.outside
    return bool(_HTML_DOC_RE.search(text) and _HTML_END_RE.search(text))


_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)


# A "<" with no ">" before the next "<" (or the end), a comment opened after
# the last "-->", and a marked section ("<![CDATA[") cannot end: Python 3.11's
# html.parser rescans from each of them to the end of the input, quadratic
# time (CVE-2025-6069; "<p " * 20000 took minutes). Such a "<" is written as
# "&lt;", the text the parser would make of it once it gave up.
_UNCLOSED_TAG = re.compile(r"<(?=[^<>]*+(?:<|\Z))")
_MARKED_SECTION = re.compile(r"<!\[")
_COMMENT_OPEN = re.compile(r"<!--")


def _closed_markup(markup: str) -> str:
    markup = _MARKED_SECTION.sub("&lt;![", _UNCLOSED_TAG.sub("&lt;", markup))
    last_close = markup.rfind("-->")
    head, tail = markup[: last_close + 1], markup[last_close + 1 :]
    return head + _COMMENT_OPEN.sub("&lt;!--", tail)


class _WordsByPlace(HTMLParser):
    """Words of text inside some element, outside every element, and visible."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = 0
        self.outside = 0
        self.visible = 0
        self._open = 0
        self._hidden = 0

    @classmethod
    def count(cls, markup: str) -> _WordsByPlace:
        parser = cls()
        parser.feed(_closed_markup(markup))
        parser.close()
        return parser

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID_TAGS:
            self._open += 1
            self._hidden += tag in {"script", "style", "template"}

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <br/>, <div/>: nothing opens

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID_TAGS and self._open:
            self._open -= 1
            if tag in {"script", "style", "template"} and self._hidden:
                self._hidden -= 1

    def handle_data(self, data: str) -> None:
        words = len(data.split())
        if self._open:
            self.inside += words
        else:
            self.outside += words
        if not self._hidden:
            self.visible += words


def article_from_html(html: str, url: str = "", *, name: str = "") -> Article:
    """Extract the article from an HTML page (see :func:`retold.extract.extract`).

    ``name`` names the source in error messages. A page that has text of
    which none reads as an article raises
    :class:`~retold.errors.EmptyInputError` saying how many words were left
    out, never an empty article.
    """
    if not html.strip():
        raise EmptyInputError("the HTML input is empty", "give the HTML of an article page")
    try:
        with quiet():
            return extract(html, url)
    except EmptyInputError as exc:
        words = _WordsByPlace.count(html).visible
        if not words:
            raise
        raise EmptyInputError(
            f"no article text found in {name or url or 'the HTML page'}: it was read as "
            f"HTML, and none of its {words} words of text reads as an article's body",
            "pass the page of a single article; if the input is plain text, remove the "
            "HTML tags around its first line",
        ) from exc


def article_from_text(text: str, options: IngestOptions | None = None) -> Article:
    """Make an article from plain text.

    Line endings become ``\\n`` and a leading byte-order mark is dropped;
    everything else is kept exactly, unless ``options.clean_text`` asks for
    furniture lines to be removed.
    """
    options = options or _DEFAULT
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if options.clean_text:
        text = clean_furniture(text)
    if not text.strip():
        raise EmptyInputError("the text is empty", "give the text of an article")
    return Article(text=text, title=headline(text))


_HEADLINE_MAX_WORDS = 20
_SENTENCE_END = tuple(".!?:;,\"”’'")


def headline(text: str) -> str:
    """The first line of plain text when it reads as a headline, else ""."""
    body = text.lstrip()
    first, blank, rest = body.partition("\n")
    first = first.strip()
    if not blank or not rest.strip() or rest.lstrip(" \t")[:1] != "\n":
        return ""  # a headline stands alone, with a blank line after it
    if not first or first.endswith(_SENTENCE_END) or len(first.split()) > _HEADLINE_MAX_WORDS:
        return ""
    return first
