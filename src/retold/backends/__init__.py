"""Rewrite backends and their registry.

A backend is a :class:`Backend` subclass registered under its ``name``. The
built-in ``rules`` backend registers itself with :func:`register` exactly as
an outside one would::

    from retold.backends import Backend, Candidate, register

    @register
    class Shout(Backend):
        name = "shout"

        def candidates(self, context, options):
            return (Candidate(context.text.upper(), self.name),)
"""

from __future__ import annotations

import importlib
import logging
import threading

from retold.backends.base import STRENGTHS, Backend, Candidate, GenerateOptions, SentenceContext
from retold.errors import OptionsError

__all__ = [
    "STRENGTHS",
    "Backend",
    "Candidate",
    "GenerateOptions",
    "SentenceContext",
    "available",
    "get",
    "register",
    "unregister",
]

log = logging.getLogger(__name__)

# Modules that register the built-in backends when imported.
_BUILTIN = ("retold.backends.rules", "retold.backends.smollm", "retold.backends.openai")

_lock = threading.Lock()
_classes: dict[str, type[Backend]] = {}
_instances: dict[str, Backend] = {}
_loaded = False


def register(cls: type[Backend]) -> type[Backend]:
    """Make ``cls`` selectable by its ``name`` (usable as a class decorator)."""
    name = getattr(cls, "name", "")
    if not isinstance(name, str) or not name:
        raise OptionsError(
            f"backend class {cls.__qualname__} has no name",
            "set a class attribute, e.g. name = 'mybackend'",
        )
    with _lock:
        _classes[name] = cls
        _instances.pop(name, None)
    log.debug("registered rewrite backend %r", name)
    return cls


def unregister(name: str) -> None:
    """Forget the backend called ``name`` (no error when it is unknown)."""
    with _lock:
        _classes.pop(name, None)
        _instances.pop(name, None)


def _load_builtins() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in _BUILTIN:
            importlib.import_module(module)


def available() -> tuple[str, ...]:
    """The names of every registered backend, sorted."""
    _load_builtins()
    with _lock:
        return tuple(sorted(_classes))


def get(name: str) -> Backend:
    """The backend called ``name``, created once per process."""
    _load_builtins()
    with _lock:
        if name not in _instances:
            cls = _classes.get(name)
            if cls is None:
                known = ", ".join(sorted(_classes)) or "none"
                raise OptionsError(
                    f"no rewrite backend named {name!r}",
                    f"available backends: {known}; register your own with retold.backends.register",
                )
            _instances[name] = cls()
        return _instances[name]
