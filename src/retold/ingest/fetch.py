"""Fetch a URL safely: http(s) only, bounded in time, size and redirects.

Every hop's host name is resolved here and each of its addresses is checked
before we connect; we then connect to the address we checked (not to the name
again), so a DNS answer that changes between the check and the connection
cannot lead us to a private address. Loopback, private, link-local, multicast,
reserved and unspecified addresses (IPv4 and IPv6, IPv4-mapped included) are
refused unless ``allow_private`` is set or the host is listed in
``allowed_hosts``.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import urllib3
import urllib3.connection
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ProtocolError, SSLError
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from retold.errors import MAX_SECONDS, FetchError, check_range

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_USER_AGENT", "FetchOptions", "Fetched", "fetch", "is_public_address"]

DEFAULT_USER_AGENT = "retold/0.1 (news article fetcher)"
_CHUNK = 64 * 1024
_URL_SAFE = "/%:@!$&'()*+,;=-._~?"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Bounds of the options: no document is 1 TB, and no page needs 100 hops.
MAX_BYTES = 1 << 40
MAX_REDIRECTS = 100

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How a URL may be fetched.

    ``timeout`` bounds the connection and each read (seconds);
    ``total_timeout`` bounds the whole download, so a server that trickles
    bytes cannot hold us forever. ``allowed_hosts`` are host names (or IP
    literals) that may resolve to private addresses even when
    ``allow_private`` is off, e.g. an intranet server you trust.
    """

    timeout: float = 10.0
    total_timeout: float = 60.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    allowed_hosts: tuple[str, ...] = ()
    user_agent: str = DEFAULT_USER_AGENT
    ca_file: str = ""  # PEM bundle to trust instead of the system's, e.g. a company CA

    def __post_init__(self) -> None:
        check_range("timeout", self.timeout, 0, MAX_SECONDS, above=True, example="timeout=10")
        check_range(
            "total_timeout",
            self.total_timeout,
            0,
            MAX_SECONDS,
            above=True,
            example="total_timeout=60",
        )
        check_range(
            "max_bytes", self.max_bytes, 1, MAX_BYTES, whole=True, example="max_bytes=20971520"
        )
        check_range(
            "max_redirects",
            self.max_redirects,
            0,
            MAX_REDIRECTS,
            whole=True,
            example="max_redirects=5",
        )


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched document: the final URL (after redirects) and the body's bytes."""

    url: str
    status: int
    content: bytes
    media_type: str = ""  # e.g. "text/html", lower case, "" when not sent
    charset: str = ""  # from the Content-Type header, "" when not sent


def is_public_address(address: IPAddress) -> bool:
    """Whether ``address`` is a public unicast address that is safe to connect to."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return is_public_address(embedded)
        if address.teredo is not None:
            return is_public_address(address.teredo[1])
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def _resolve(host: str, port: int, url: str) -> list[IPAddress]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(
            f"cannot resolve host {host!r} of {url}",
            "check the URL's spelling and your network connection",
        ) from exc
    seen: list[IPAddress] = []
    for info in infos:
        # an IPv6 scope id ("fe80::1%eth0") is not part of the address itself
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address not in seen:
            seen.append(address)
    if not seen:
        raise FetchError(f"host {host!r} of {url} has no address", "check the URL")
    return seen


def _check_url(url: str, options: FetchOptions) -> tuple[str, str, int, str, list[IPAddress]]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(
            f"unsupported URL scheme {parts.scheme!r} in {url}",
            "only http:// and https:// URLs can be fetched",
        )
    host = parts.hostname
    if not host:
        raise FetchError(f"URL has no host: {url}", "give a full URL such as https://example.com/a")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"URL has an invalid port: {url}", "check the URL") from exc
    # the request line and Host header must be ASCII: percent-encode what a
    # user may paste (non-ASCII paths), and spell international names in IDNA
    path = quote(parts.path or "/", safe=_URL_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_URL_SAFE)
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError as exc:
        raise FetchError(f"invalid host name in {url}", "check the URL's host name") from exc
    addresses = _resolve(host, port, url)
    trusted = options.allow_private or host.lower() in {h.lower() for h in options.allowed_hosts}
    if not trusted:
        for address in addresses:
            if not is_public_address(address):
                where = "is" if host.strip("[]") == str(address) else "resolves to"
                raise FetchError(
                    f"refusing to fetch {url}: {host} {where} the non-public address {address}",
                    "if you trust this server, pass --allow-private on the command line, "
                    "or IngestOptions(allow_private=True) in Python",
                )
    return scheme, host, port, path, addresses


class _Watchdog:
    """Shuts a connection's socket down when the whole download's time is up.

    The read timeout bounds each wait for a byte; a server that trickles a
    byte at a time (in its headers or its body) never trips it, and a read
    waits for a whole chunk, so only a deadline enforced from outside bounds
    such a server by ``total_timeout``.
    """

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self._timers: list[threading.Timer] = []

    def arm(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        timer = threading.Timer(max(self.deadline - time.monotonic(), 0.0), _shut, (sock,))
        timer.daemon = True
        timer.start()
        self._timers.append(timer)

    def disarm(self) -> None:
        # not on the connection's close(): http.client closes the connection
        # of a response that ends with the stream while its body is still read
        for timer in self._timers:
            timer.cancel()

    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    def left(self) -> float:
        """Seconds until the deadline (a little above 0 once it has passed)."""
        return max(self.deadline - time.monotonic(), 0.001)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: the download finished in time
        sock.shutdown(socket.SHUT_RDWR)


class _Watched:
    """A connection that arms the download's watchdog as soon as its socket is
    connected: before a TLS handshake, which a server can trickle too."""

    def __init__(self, *args: Any, watchdog: _Watchdog, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._watchdog = watchdog

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        self._watchdog.arm(sock)
        return sock


class _TimedHTTPConnection(_Watched, urllib3.connection.HTTPConnection):
    pass


class _TimedHTTPSConnection(_Watched, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _TimedHTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _TimedHTTPSConnection


def _pool(
    scheme: str,
    host: str,
    address: IPAddress,
    port: int,
    options: FetchOptions,
    watchdog: _Watchdog,
) -> urllib3.HTTPConnectionPool:
    # connecting counts against the whole download's time, too
    timeout = urllib3.Timeout(connect=min(options.timeout, watchdog.left()), read=options.timeout)
    ip = str(address)
    if scheme == "https":
        # connect to the checked address, but verify the certificate for the name
        return _HTTPSPool(
            ip,
            port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            cert_reqs="CERT_REQUIRED",
            ca_certs=options.ca_file or None,
            assert_hostname=host,
            server_hostname=host,
            watchdog=watchdog,
        )
    return _HTTPPool(ip, port, timeout=timeout, retries=False, maxsize=1, watchdog=watchdog)


class _HeaderDefects(logging.Filter):
    """urllib3 reports malformed response headers as a warning with its
    traceback, which would reach the user's terminal before our own one-line
    error. During our fetches the record becomes one line of our log instead,
    and the defect is kept so that an empty body can name its real cause.
    Other code's use of urllib3 in the same process is left alone.
    """

    def __init__(self) -> None:
        super().__init__()
        self._local = threading.local()

    def filter(self, record: logging.LogRecord) -> bool:
        found: list[str] | None = getattr(self._local, "found", None)
        if found is None or not str(record.msg).startswith("Failed to parse headers"):
            return True
        args = record.args if isinstance(record.args, tuple) else ()
        defect = " ".join(str(args[-1] if args else record.getMessage()).split())[:200]
        found.append(defect)
        log.debug("malformed headers: %s", defect)
        return False

    @contextmanager
    def collect(self) -> Iterator[list[str]]:
        found: list[str] = []
        self._local.found = found
        try:
            yield found
        finally:
            self._local.found = None


_DEFECTS = _HeaderDefects()
_DEFECTS_ADDED = threading.Lock()


def _watch_headers() -> _HeaderDefects:
    with _DEFECTS_ADDED:
        urllib3_log = logging.getLogger("urllib3.connection")
        if _DEFECTS not in urllib3_log.filters:
            urllib3_log.addFilter(_DEFECTS)
    return _DEFECTS


def _host_header(scheme: str, host: str, port: int) -> str:
    name = f"[{host}]" if ":" in host else host
    default = 443 if scheme == "https" else 80
    return name if port == default else f"{name}:{port}"


def _too_slow(url: str, options: FetchOptions) -> FetchError:
    return FetchError(
        f"download of {url} took longer than {options.total_timeout:g} s",
        "try again later, or allow a longer total timeout (--total-timeout)",
    )


def _open(
    url: str, options: FetchOptions, watchdog: _Watchdog
) -> tuple[urllib3.BaseHTTPResponse, urllib3.HTTPConnectionPool]:
    scheme, host, port, path, addresses = _check_url(url, options)
    headers = {
        "Host": _host_header(scheme, host, port),
        "User-Agent": options.user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }
    last: Exception | None = None
    for address in addresses:
        deadline_first = watchdog.left() < options.timeout
        pool = _pool(scheme, host, address, port, options, watchdog)
        try:
            response = pool.urlopen(
                "GET",
                path,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=True,
                assert_same_host=False,
            )
            return response, pool
        except SSLError as exc:
            pool.close()
            reason = str(exc.__context__ or exc).split("] ", 1)[-1][:200]
            raise FetchError(
                f"TLS check failed for {url}: {reason}",
                "the certificate is untrusted or issued for another name; use the name it "
                "was issued for, or pass a CA bundle you trust as ca_file",
            ) from exc
        except NewConnectionError as exc:
            # urllib3 derives NewConnectionError from its timeout error, so it
            # must be told apart first: a refused port is not a slow server
            pool.close()
            last = exc
            log.debug("connecting to %s at %s failed: %s", url, address, exc)
        except Urllib3Timeout as exc:
            pool.close()
            if watchdog.expired() or (isinstance(exc, ConnectTimeoutError) and deadline_first):
                raise _too_slow(url, options) from exc
            raise FetchError(
                f"timed out after {options.timeout:g} s waiting for {url}",
                "check that the server is up, or allow a longer timeout (--timeout)",
            ) from exc
        except ProtocolError as exc:
            # connected, but what came back was no HTTP answer: another
            # address of the same host would not do better
            pool.close()
            if watchdog.expired():
                raise _too_slow(url, options) from exc
            raise FetchError(
                f"{url} sent no valid HTTP answer: {_protocol_reason(exc)}",
                "check the URL and its port; the server may be down or not speak HTTP",
            ) from exc
        except (Urllib3Error, OSError) as exc:
            pool.close()
            last = exc
            log.debug("connecting to %s at %s failed: %s", url, address, exc)
    raise FetchError(
        f"cannot connect to {url}: {_reason(last)}",
        "check the URL and that the server is reachable",
    ) from last


def _protocol_reason(exc: ProtocolError) -> str:
    inner = next((a for a in exc.args if isinstance(a, BaseException)), exc.__context__)
    if isinstance(inner, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(inner, http.client.BadStatusLine):
        line = str(inner).strip() or "nothing"
        return f"its status line is {line[:80]!r}"
    if isinstance(inner, (http.client.HTTPException, OSError)):
        return " ".join(str(inner).split())[:200] or type(inner).__name__
    return _reason(exc)


def _reason(exc: BaseException | None) -> str:
    while exc is not None and exc.__context__ is not None and not str(exc):
        exc = exc.__context__
    text = str(exc) if exc is not None else "no address answered"
    if "refused" in text.lower():
        return "connection refused"
    return text.split(": ", 1)[-1][:200]


def _read(
    response: urllib3.BaseHTTPResponse, url: str, options: FetchOptions, watchdog: _Watchdog
) -> bytes:
    too_large = FetchError(
        f"response from {url} is larger than {options.max_bytes} bytes",
        "fetch a smaller document, or raise the size limit",
    )
    length = response.headers.get("Content-Length", "")
    if length.strip().isdigit() and int(length) > options.max_bytes:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.stream(_CHUNK):
            size += len(chunk)
            if size > options.max_bytes:
                raise too_large
            chunks.append(chunk)
            if watchdog.expired():
                raise _too_slow(url, options)
    except Urllib3Timeout as exc:
        if watchdog.expired():
            raise _too_slow(url, options) from exc
        raise FetchError(
            f"timed out after {options.timeout:g} s waiting for {url} to answer",
            "check that the server is up, or allow a longer timeout (--timeout)",
        ) from exc
    except Urllib3Error as exc:
        if watchdog.expired():
            raise _too_slow(url, options) from exc
        raise FetchError(f"reading {url} failed: {_reason(exc)}", "try again later") from exc
    if watchdog.expired():  # the watchdog cut the body short
        raise _too_slow(url, options)
    return b"".join(chunks)


def _content_type(value: str) -> tuple[str, str]:
    media, _, rest = value.partition(";")
    charset = ""
    for param in rest.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def fetch(url: str, options: FetchOptions | None = None) -> Fetched:
    """GET ``url`` and return its body, following at most ``max_redirects`` redirects.

    Raises :class:`~retold.errors.FetchError` for anything that keeps us from
    a complete 2xx response within the limits.
    """
    options = options or FetchOptions()
    watchdog = _Watchdog(time.monotonic() + options.total_timeout)
    try:
        return _follow(url, options, watchdog)
    finally:
        watchdog.disarm()


def _follow(url: str, options: FetchOptions, watchdog: _Watchdog) -> Fetched:
    current = url
    watch = _watch_headers()
    for _hop in range(options.max_redirects + 1):
        with watch.collect() as defects:
            response, pool = _open(current, options, watchdog)
        try:
            if watchdog.expired():  # the watchdog cut the headers short
                raise _too_slow(current, options)
            status = response.status
            if status in _REDIRECTS:
                location = response.headers.get("Location", "")
                if not location:
                    raise FetchError(
                        f"{current} answered HTTP {status} without a Location", "check the URL"
                    )
                log.debug("redirect %d from %s to %s", status, current, location)
                current = urljoin(current, location.strip())
                continue
            if not 200 <= status < 300:
                reason = response.reason or ""
                raise FetchError(
                    f"{current} answered HTTP {status} {reason}".rstrip(),
                    "check the URL; the server did not return the page",
                )
            body = _read(response, current, options, watchdog)
            if defects:
                if not body.strip():
                    raise FetchError(
                        f"{current} sent malformed HTTP headers and no body: {defects[0]}",
                        "the server's answer is broken; try again later, or save the page "
                        "from a browser and pass the file",
                    )
                log.warning("%s sent malformed HTTP headers (%s)", current, defects[0])
            media, charset = _content_type(response.headers.get("Content-Type", ""))
            log.info("fetched %s (%d bytes, %s)", current, len(body), media or "no type")
            return Fetched(current, status, body, media, charset)
        finally:
            response.release_conn()
            response.close()
            pool.close()
    raise FetchError(
        f"too many redirects (more than {options.max_redirects}) starting at {url}",
        "open the URL in a browser to see where it leads, and pass the final URL",
    )
