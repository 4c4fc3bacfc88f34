"""Registries that installed packages can extend: backends, audit checks, formats.

Each registry is a ``catalogue`` registry (the mechanism spaCy uses), so an
installed package adds to it by declaring an entry point in the registry's
group, for instance in its ``pyproject.toml``::

    [project.entry-points.retold_backends]
    shout = "retold_shout:Shout"

    [project.entry-points.retold_checks]
    shouting = "retold_shout:check_shouting"

    [project.entry-points.retold_formats]
    shout = "retold_shout:render_shout"

The built-in entries register themselves exactly the same way, with the
registry's ``register`` decorator, when their module is imported; a registry
imports its built-in modules the first time it is read.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import catalogue

from retold.errors import OptionsError

__all__ = ["BACKENDS", "CHECKS", "FORMATS", "Registry"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class Registry(Generic[T]):
    """Named entries of one kind, built in or added by installed packages.

    ``kind`` names one entry in messages ("rewrite backend"), ``plural`` the
    registry ("backends"); ``group`` is its entry-point group
    (``retold_<plural>``); ``builtins`` are the modules that
    register the built-in entries when imported.
    """

    def __init__(self, kind: str, plural: str, builtins: tuple[str, ...], hint: str) -> None:
        self.kind = kind
        self.plural = plural
        self.group = f"retold_{plural}"
        self._builtins = builtins
        self._hint = hint
        self._registry = catalogue.create("retold", plural, entry_points=True)
        self._lock = threading.Lock()
        self._loaded = False

    def register(self, name: str) -> Callable[[T], T]:
        """A decorator that makes its object available under ``name``."""
        if not isinstance(name, str) or not name:
            raise OptionsError(
                f"a {self.kind} needs a non-empty name", f"e.g. @register({self.kind!r})"
            )

        def decorate(obj: T) -> T:
            self._registry.register(name, func=obj)
            log.debug("registered %s %r", self.kind, name)
            return obj

        return decorate

    def add(self, name: str, obj: T) -> T:
        """Register ``obj`` under ``name`` (the call form of :meth:`register`)."""
        return self.register(name)(obj)

    def remove(self, name: str) -> None:
        """Forget ``name`` (no error when it is unknown)."""
        namespace = (*self._registry.namespace, name)
        if catalogue.check_exists(*namespace):
            catalogue._remove(namespace)

    def _load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            self._loaded = True
        for module in self._builtins:
            importlib.import_module(module)

    def get(self, name: str) -> T:
        """The entry called ``name``, or an error that lists the ones there are."""
        entries = self.all()  # one pass over the installed entry points
        if name not in entries:
            known = ", ".join(sorted(entries)) or "none"
            raise OptionsError(
                f"no {self.kind} named {name!r}", f"available {self.plural}: {known}; {self._hint}"
            )
        return entries[name]

    def names(self) -> tuple[str, ...]:
        """Every name, built in and from installed packages, sorted."""
        return tuple(sorted(self.all()))

    def all(self) -> dict[str, T]:
        """Every entry by name (entry points are loaded on the first call)."""
        self._load()
        found: dict[str, T] = dict(self._registry.get_all())
        return found


BACKENDS: Registry[Any] = Registry(
    "rewrite backend",
    "backends",
    ("retold.backends.rules", "retold.backends.smollm", "retold.backends.openai"),
    "an installed package adds one with an entry point in the group 'retold_backends'",
)
CHECKS: Registry[Any] = Registry(
    "audit check",
    "checks",
    ("retold.audit.checks",),  # imports every module of the package
    "an installed package adds one with an entry point in the group 'retold_checks'",
)
FORMATS: Registry[Any] = Registry(
    "output format",
    "formats",
    ("retold.render.formats",),
    "an installed package adds one with an entry point in the group 'retold_formats'",
)
