"""A small reader for Princeton WordNet 3.0 as Debian's ``wordnet-base`` installs it.

The audit needs two things from WordNet: whether a rewrite's word is a synonym
(or a more general word, or a derived form) of a source word, and whether it
is an antonym. nltk's reader refuses the Debian layout (no ``lexnames``), so
this reads the four ``data.*`` files directly, once per process, on first
use. Without the files every lookup answers "unknown" (empty sets) and the
audit falls back on embeddings and its hand list of news predicates.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

_POS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
_DIRS = (os.environ.get("RETOLD_WORDNET", ""), "/usr/share/wordnet", "/usr/local/share/wordnet")


@dataclass(slots=True)
class _WordNet:
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # synset -> words
    related: dict[str, tuple[str, ...]] = field(default_factory=dict)  # synset -> synsets
    index: dict[str, list[str]] = field(default_factory=dict)  # word -> synsets
    antonyms: dict[str, set[str]] = field(default_factory=dict)  # word -> words


_lock = threading.Lock()
_loaded: list[_WordNet] = []


def _load() -> _WordNet:
    with _lock:
        if _loaded:
            return _loaded[0]
        wn = _WordNet()
        root = next((Path(d) for d in _DIRS if d and (Path(d) / "data.noun").exists()), None)
        if root is None:
            log.info(
                "WordNet not found (install Debian's wordnet-base); synonyms from embeddings only"
            )
        else:
            for name in ("noun", "verb", "adj", "adv"):
                _read(root / f"data.{name}", wn)
        _loaded.append(wn)
        return wn


def _read(path: Path, wn: _WordNet) -> None:
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("  "):
                continue  # licence header
            fields = line.split(" | ", 1)[0].split()
            offset, ss_type = fields[0], fields[2]
            key = f"{ss_type if ss_type != 's' else 'a'}{offset}"
            n_words = int(fields[3], 16)
            words = tuple(
                fields[4 + 2 * i].split("(")[0].lower().replace("_", " ") for i in range(n_words)
            )
            wn.words[key] = words
            for w in words:
                wn.index.setdefault(w, []).append(key)
            pos = 4 + 2 * n_words
            n_ptr = int(fields[pos])
            related: list[str] = []
            for i in range(n_ptr):
                sym, target, tpos, st = fields[pos + 1 + 4 * i : pos + 5 + 4 * i]
                tkey = f"{tpos if tpos != 's' else 'a'}{target}"
                if sym == "!":
                    src_n, dst_n = int(st[:2], 16), int(st[2:], 16)
                    if src_n and dst_n:
                        wn.antonyms.setdefault(words[src_n - 1], set()).add(f"{tkey}:{dst_n}")
                elif sym in ("@", "@i", "&", "+", "<", "\\", "^"):
                    # more general words, similar adjectives, derived forms
                    related.append(tkey)
            wn.related[key] = tuple(related)


@functools.lru_cache(maxsize=65536)
def related_words(word: str) -> frozenset[str]:
    """Synonyms, more general words and derived forms of ``word`` (lower case)."""
    wn = _load()
    out: set[str] = set()
    for key in wn.index.get(word.lower(), ()):
        out.update(wn.words[key])
        for rel in wn.related.get(key, ()):
            out.update(wn.words.get(rel, ()))
    return frozenset(out)


@functools.lru_cache(maxsize=65536)
def antonyms(word: str) -> frozenset[str]:
    """Direct antonyms of ``word`` (lower case), e.g. "safe" -> {"dangerous", ...}.

    Only the word's own antonym pointers: extending them through synonyms
    makes "support" the antonym of "enjoy".
    """
    wn = _load()
    out: set[str] = set()
    for ref in wn.antonyms.get(word.lower(), ()):
        key, n = ref.split(":")
        words = wn.words.get(key, ())
        if 0 < int(n) <= len(words):
            out.add(words[int(n) - 1])
    return frozenset(out)


def available() -> bool:
    return bool(_load().words)
