"""Typed errors. Each says what went wrong and how to fix it.

The CLI prints ``str(error)`` on one line and exits with status 2; nothing
else of ours raises a bare Exception at a user.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable, Sequence


class RetoldError(Exception):
    """Base of every error retold raises on purpose.

    ``code`` is stable (scripts may match on it); ``hint`` tells the user what
    to do about it.
    """

    code = "E000"

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class InputError(RetoldError):
    """The input cannot be read as an article."""

    code = "E100"


class EmptyInputError(InputError):
    """There is no text to work on: an empty file, only whitespace, or a page
    whose extraction left nothing that reads as an article."""

    code = "E101"


class BinaryInputError(InputError):
    """The input is not text (an image, a PDF, an archive, an executable)."""

    code = "E102"


class DecodeError(InputError):
    """The bytes cannot be decoded in any encoding the input declares or that
    can be detected; retold reads UTF-8, the declared charset, then a guess."""

    code = "E103"


class InputTooLargeError(InputError):
    """The input exceeds a size limit (a file, a download, a document), which
    keeps memory bounded."""

    code = "E104"


class SourceNotFoundError(InputError):
    """SOURCE names no readable file (missing, a directory, no permission)."""

    code = "E105"


class StalledInputError(InputError):
    """A FIFO, a device or a server gave no data within the time allowed."""

    code = "E106"


class FetchError(InputError):
    """A URL could not be fetched (unreachable, refused, too large, not allowed)."""

    code = "E110"


class JsonlError(InputError):
    """A line of a JSONL input is malformed."""

    code = "E120"


class ModelUnavailableError(RetoldError):
    """A model that ships in a registry package is not installed."""

    code = "E200"


class OptionsError(RetoldError):
    """Options that contradict each other or are out of range."""

    code = "E300"


class InternalError(RetoldError):
    """A bug of ours met while working on one document of many: that document
    fails with this error, and the others go on."""

    code = "E900"


# The longest wait any timeout may ask for: a day. Longer values are typos
# (and 1e308 seconds overflow the clocks that timers and sockets use).
MAX_SECONDS = 24 * 3600.0


def check_range(
    name: str,
    value: object,
    low: float,
    high: float,
    *,
    above: bool = False,
    whole: bool = False,
    example: str = "",
    written: str = "",
) -> float:
    """``value`` if it is a finite number from ``low`` to ``high``, else an
    :class:`OptionsError` that names ``name`` and the allowed range.

    ``above`` excludes ``low`` itself (a timeout must be above 0); ``whole``
    asks for an integer. NaN, infinities, booleans and strings are refused.
    ``example`` is a valid setting for the hint, e.g. ``"--timeout 20"``;
    ``written`` is the value as the user wrote it, when it was text.
    """
    kind = "a whole number" if whole else "a number"
    start = f"above {_show(low)}" if above else f"from {_show(low)}"
    allowed = f"{kind} {start} {'and at most' if above else 'to'} {_show(high)}"
    hint = f"e.g. {example}" if example else f"give {kind} in that range"
    given = repr(written or value)
    given = given if len(given) <= 40 else given[:37] + "..."
    refused = OptionsError(f"{name} must be {allowed}, not {given}", hint)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise refused
    if whole and not isinstance(value, int):
        raise refused
    if isinstance(value, float) and not math.isfinite(value):
        raise refused
    if value < low or (above and value == low) or value > high:
        raise refused
    return value


def _show(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() else f"{bound:g}"


def parse_number(
    name: str,
    text: str,
    low: float,
    high: float,
    *,
    above: bool = False,
    whole: bool = False,
    example: str = "",
) -> float:
    """A command-line value: ``text`` read as a number, then :func:`check_range`."""
    value: object = text
    with contextlib.suppress(ValueError):  # check_range then says what is allowed
        value = int(text, 10) if whole else float(text)
    return check_range(
        name, value, low, high, above=above, whole=whole, example=example, written=text
    )


class BackendError(RetoldError):
    """A rewrite backend could not propose candidates (a service failed).

    ``partial`` holds the candidates proposed before the failure, one tuple
    per sentence (the rest of the sentences fall to the other backends).
    """

    code = "E400"

    def __init__(
        self, message: str, hint: str = "", partial: list[tuple[object, ...]] | None = None
    ):
        super().__init__(message, hint)
        self.partial = partial or []


def refuse_unknown(owner: str, noun: str, given: Iterable[str], valid: Sequence[str]) -> None:
    """Raise an :class:`OptionsError` naming the first of ``given`` that is not in
    ``valid`` ("a summarize request has no field 'n'"), with the valid ones."""
    unknown = sorted(set(given) - set(valid))
    if unknown:
        raise OptionsError(
            f"{owner} has no {noun} {unknown[0]!r}", f"valid {noun}s: {', '.join(valid)}"
        )
