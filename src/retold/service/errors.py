"""The service's own errors, and the HTTP status of every retold error.

Every error the service answers is JSON ``{"code", "message"}``: a retold
error keeps its code (``E1xx`` input, ``E2xx`` models, ``E3xx`` options,
``E4xx`` backends); what only a server can say has an ``E5xx`` code here.
"""

from __future__ import annotations

from retold.errors import (
    BackendError,
    FetchError,
    InputError,
    InputTooLargeError,
    ModelUnavailableError,
    OptionsError,
    RetoldError,
)

__all__ = [
    "BodyTooLargeError",
    "BusyError",
    "NotFoundError",
    "NotJsonError",
    "NotReadyError",
    "ServiceError",
    "TimedOutError",
    "UnknownJobError",
    "status_of",
]


class ServiceError(RetoldError):
    """An error of the HTTP service itself; ``status`` is its HTTP status."""

    code = "E500"
    status = 500


class BusyError(ServiceError):
    """Every slot is taken: the server runs as many requests as it may."""

    code = "E501"
    status = 503


class TimedOutError(ServiceError):
    """The request ran longer than the server's per-request time limit."""

    code = "E502"
    status = 504


class BodyTooLargeError(ServiceError):
    """The request body is larger than the server accepts."""

    code = "E503"
    status = 413


class NotJsonError(ServiceError):
    """The request body is not a JSON object."""

    code = "E504"
    status = 400


class NotFoundError(ServiceError):
    """No such path, or a path that takes another method."""

    code = "E505"
    status = 404


class NotReadyError(ServiceError):
    """The models are still loading; the server answers once they are."""

    code = "E506"
    status = 503


class UnknownJobError(ServiceError):
    """No background job has this id: it never existed, or it ended long ago."""

    code = "E507"
    status = 404


# The most specific class first: FetchError and InputTooLargeError are InputErrors.
_STATUS: tuple[tuple[type[RetoldError], int], ...] = (
    (InputTooLargeError, 413),
    (FetchError, 422),
    (InputError, 422),
    (OptionsError, 400),
    (ModelUnavailableError, 503),
    (BackendError, 502),
)


def status_of(error: RetoldError) -> int:
    """The HTTP status that answers ``error``."""
    if isinstance(error, ServiceError):
        return error.status
    for cls, status in _STATUS:
        if isinstance(error, cls):
            return status
    return 500
