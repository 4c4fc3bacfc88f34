"""Run the service with uvicorn: ``retold serve``."""

from __future__ import annotations

import logging

from retold.errors import ModelUnavailableError
from retold.service.limits import ServiceOptions

__all__ = ["serve"]

log = logging.getLogger(__name__)


def serve(options: ServiceOptions | None = None) -> None:
    """Serve until interrupted; the page is at ``http://HOST:PORT/``."""
    options = options or ServiceOptions()
    try:
        import uvicorn
    except ImportError as exc:
        raise ModelUnavailableError(
            "the service needs FastAPI and uvicorn, which are not installed",
            "install them with: pip install 'retold[serve]'",
        ) from exc
    from retold.service.app import create_app

    log.warning("serving on http://%s:%d/ (models load first)", options.host, options.port)
    # One event loop; the CPU-bound jobs run in the app's own thread pool.
    uvicorn.run(
        create_app(options),
        host=options.host,
        port=options.port,
        workers=1,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=5,
    )
