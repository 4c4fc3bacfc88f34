"""Rewrite backends and their registry.

A backend is a :class:`Backend` subclass registered under its ``name`` in
:data:`retold.plugins.BACKENDS`. The built-in backends register themselves
with :func:`register` exactly as an outside one would::

    from retold.backends import Backend, Candidate, register

    @register
    class Shout(Backend):
        name = "shout"

        def candidates(self, context, options):
            return (Candidate(context.text.upper(), self.name),)

An installed package adds one without being imported by anybody: it declares
the class in the entry-point group ``retold_backends`` (see
:mod:`retold.plugins`).

The host reads what a backend declares: :func:`get_key` reads the key from
the backend's ``key_env_var`` (and says how to set it when a backend that
``needs_key`` has none); :func:`create` builds a backend from options given
as plain data, validated by the backend's own ``Options`` class.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
import typing
from collections.abc import Mapping
from typing import Any

from retold import plugins
from retold.backends.base import STRENGTHS, Backend, Candidate, GenerateOptions, SentenceContext
from retold.errors import OptionsError, refuse_unknown

__all__ = [
    "STRENGTHS",
    "Backend",
    "Candidate",
    "GenerateOptions",
    "SentenceContext",
    "available",
    "create",
    "get",
    "get_key",
    "options_for",
    "register",
    "unregister",
]

log = logging.getLogger(__name__)

_lock = threading.Lock()
# One shared instance per registered class: a backend may hold a loaded model
# or a connection pool, which must not be built again for every article.
_instances: dict[str, tuple[type[Backend], Backend]] = {}


def register(cls: type[Backend]) -> type[Backend]:
    """Make ``cls`` selectable by its ``name`` (usable as a class decorator)."""
    name = getattr(cls, "name", "")
    if not isinstance(name, str) or not name:
        raise OptionsError(
            f"backend class {cls.__qualname__} has no name",
            "set a class attribute, e.g. name = 'mybackend'",
        )
    plugins.BACKENDS.add(name, cls)
    with _lock:
        _instances.pop(name, None)
    return cls


def unregister(name: str) -> None:
    """Forget the backend called ``name`` (no error when it is unknown)."""
    plugins.BACKENDS.remove(name)
    with _lock:
        _instances.pop(name, None)


def available() -> tuple[str, ...]:
    """The names of every registered backend, built in or installed, sorted."""
    return plugins.BACKENDS.names()


def backend_class(name: str) -> type[Backend]:
    """The class registered as ``name``, or an error that lists the others."""
    cls: type[Backend] = plugins.BACKENDS.get(name)
    return cls


def get(name: str) -> Backend:
    """The backend called ``name`` with its default options, created once per process."""
    cls = backend_class(name)
    with _lock:
        cached = _instances.get(name)
        if cached is None or cached[0] is not cls:
            cached = (cls, cls())
            _instances[name] = cached
        return cached[1]


def create(name: str, options: Mapping[str, Any] | None = None) -> Backend:
    """The backend ``name`` with ``options`` (plain data, checked by its ``Options``).

    Without options this is the shared instance of :func:`get`.
    """
    if not options:
        return get(name)
    cls = backend_class(name)
    return cls(options_for(name, options))  # type: ignore[call-arg]


def options_for(name: str, values: Mapping[str, Any]) -> Any:
    """An instance of backend ``name``'s ``Options`` class built from ``values``.

    Strings are converted to the field's type (``"30"`` to 30.0 for a float),
    so that values given on a command line work; an unknown field is refused
    with an error that lists the valid ones.
    """
    cls = backend_class(name)
    options_cls = cls.Options
    if options_cls is None:
        raise OptionsError(
            f"the {name} backend takes no options",
            f"drop the --backend-option {name}.* settings",
        )
    fields = [f.name for f in dataclasses.fields(options_cls) if f.init]
    refuse_unknown(f"the {name} backend", "option", values, fields)
    hints = typing.get_type_hints(options_cls)
    converted = {key: _convert(name, key, value, hints.get(key)) for key, value in values.items()}
    return options_cls(**converted)


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def _convert(backend: str, key: str, value: Any, hint: Any) -> Any:
    if not isinstance(value, str) or hint in (str, None):
        return value
    try:
        if hint is bool:
            if value.lower() in _TRUE | _FALSE:
                return value.lower() in _TRUE
            raise ValueError(value)
        if hint in (int, float):
            return hint(value)
    except ValueError:
        raise OptionsError(
            f"the {backend} backend's option {key} must be {hint.__name__}, not {value!r}",
            f"e.g. --backend-option {backend}.{key}={'true' if hint is bool else '30'}",
        ) from None
    return value


def get_key(backend: Backend) -> str | None:
    """The key ``backend`` should send, read from its declared variable.

    None when the variable is unset or empty and the backend can work without
    one; a backend that ``needs_key`` and has none raises an error that says
    how to set it.
    """
    variable = backend.key_variable()
    key = os.environ.get(variable, "").strip() if variable else ""
    if key:
        return key
    if backend.needs_key:
        where = f"the {variable} environment variable" if variable else "its key"
        raise OptionsError(
            f"the {backend.name} backend needs a key and none was found",
            f"set {where}, e.g. export {variable or 'KEY'}=...",
        )
    return None
