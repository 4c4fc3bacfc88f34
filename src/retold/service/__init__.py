"""service: ``retold serve``, the jobs over HTTP, and the web page at ``/``.

``create_app(ServiceOptions(...))`` is the ASGI application (FastAPI);
``serve(options)`` runs it with uvicorn. The routes only translate to and
from :mod:`retold.jobs`; CPU-bound work runs in a bounded thread pool.
FastAPI and uvicorn come with ``pip install 'retold[serve]'``; this
package imports them only when an app is made.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from retold.service.limits import ServiceOptions
from retold.service.server import serve

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["ServiceOptions", "create_app", "serve"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def create_app(options: ServiceOptions | None = None) -> FastAPI:
    """The service as an ASGI application (see :func:`retold.service.app.create_app`)."""
    from retold.service.app import create_app as make

    return make(options)
