"""Third-party log records, routed into our own log while we call the library.

trafilatura reports what it drops ("discarding data: None") and what it
cannot parse as warnings and errors of its own; the command line would print
them before, or instead of, retold's one-line message about the same input.
While :func:`quiet` is active in a thread, records of the named loggers at
any level become debug lines of ``retold.ingest`` (shown with ``--debug``);
other threads, and other code's use of the same libraries, are left alone.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger("retold.ingest")

# A logger's filters see only the records logged on it, not its children's,
# so every module of the library that logs is named.
EXTRACTION_LOGGERS = (
    "trafilatura",
    "trafilatura.core",
    "trafilatura.utils",
    "trafilatura.htmlprocessing",
    "trafilatura.main_extractor",
    "trafilatura.metadata",
    "trafilatura.external",
    "trafilatura.readability_lxml",
    "trafilatura.xml",
    "htmldate",
    "courlan",
)


class _Reroute(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self._local = threading.local()

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(self._local, "active", 0):
            return True
        log.debug("%s: %s", record.name, record.getMessage())
        return False

    @contextmanager
    def active(self) -> Iterator[None]:
        self._local.active = getattr(self._local, "active", 0) + 1
        try:
            yield
        finally:
            self._local.active -= 1


_REROUTE = _Reroute()
_added: set[str] = set()
_lock = threading.Lock()


@contextmanager
def quiet(names: tuple[str, ...] = EXTRACTION_LOGGERS) -> Iterator[None]:
    """Within this block, in this thread, ``names``' records are our debug lines."""
    with _lock:
        for name in names:
            if name not in _added:
                logging.getLogger(name).addFilter(_REROUTE)
                _added.add(name)
    with _REROUTE.active():
        yield
