"""Typed errors. Each says what went wrong and how to fix it.

The CLI prints ``str(error)`` on one line and exits with status 2; nothing
else of ours raises a bare Exception at a user.
"""

from __future__ import annotations

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
