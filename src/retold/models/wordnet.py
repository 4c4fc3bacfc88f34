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


_LETTER = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
_ordered: dict[str, dict[str, tuple[str, ...]]] = {}
_exceptions: dict[str, dict[str, tuple[str, ...]]] = {}
_counts: dict[tuple[str, str], dict[int, int]] = {}
# The digit after "%" in a sense key: the sense's part of speech (5: a satellite adjective).
_KEY_POS = {"1": "noun", "2": "verb", "3": "adj", "4": "adv", "5": "adj"}


def _root() -> Path | None:
    return next((Path(d) for d in _DIRS if d and (Path(d) / "data.noun").exists()), None)


def _index(pos: str) -> dict[str, tuple[str, ...]]:
    """word -> its synsets as ``pos``, in ``index.POS`` order (most frequent
    sense first, by the sense-tagged corpus counts WordNet ships)."""
    with _lock:
        if pos in _ordered:
            return _ordered[pos]
        out: dict[str, tuple[str, ...]] = {}
        root = _root()
        if root is not None and (root / f"index.{pos}").exists():
            letter = _LETTER[pos]
            with (root / f"index.{pos}").open(encoding="utf-8", errors="replace") as f:
                for line in f:
                    if line.startswith("  "):
                        continue
                    fields = line.split()
                    n_synsets, n_ptr = int(fields[2]), int(fields[3])
                    offsets = fields[6 + n_ptr : 6 + n_ptr + n_synsets]
                    out[fields[0].replace("_", " ")] = tuple(f"{letter}{o}" for o in offsets)
        _ordered[pos] = out
        return out


@functools.lru_cache(maxsize=65536)
def senses(word: str, pos: str) -> tuple[tuple[str, ...], ...]:
    """The words of each synset of ``word`` as ``pos`` ("noun", "verb", "adj",
    "adv"), most frequent sense first: ``senses("image", "noun")[0]`` is
    ("image", "mental image"). Empty without WordNet."""
    keys = _index(pos).get(word.lower(), ())
    words = _load().words
    return tuple(words.get(k, ()) for k in keys)


def exceptions(pos: str) -> dict[str, tuple[str, ...]]:
    """Base form -> its inflected forms that WordNet's morphology lists as
    exceptions for ``pos`` ("verb": "stop" -> ("stopped", "stopping"),
    "noun": "child" -> ("children",)): irregular forms and doubled consonants."""
    with _lock:
        if pos in _exceptions:
            return _exceptions[pos]
        out: dict[str, list[str]] = {}
        root = _root()
        if root is not None and (root / f"{pos}.exc").exists():
            with (root / f"{pos}.exc").open(encoding="utf-8", errors="replace") as f:
                for line in f:
                    form, *bases = line.split()
                    for base in bases:
                        out.setdefault(base.replace("_", " "), []).append(form.replace("_", " "))
        _exceptions[pos] = {k: tuple(v) for k, v in out.items()}
        return _exceptions[pos]


def sense_counts(word: str, pos: str) -> tuple[int, ...]:
    """How often each sense of :func:`senses` (same order) was tagged in the
    sense-tagged corpus WordNet ships (``cntlist.rev``): how common the word
    is in that sense. All zero for a rare word, empty without WordNet."""
    with _lock:
        if not _counts:
            root = _root()
            if root is not None and (root / "cntlist.rev").exists():
                with (root / "cntlist.rev").open(encoding="utf-8", errors="replace") as f:
                    for line in f:
                        key, number, count = line.split()
                        lemma, _, rest = key.partition("%")
                        at = (lemma.replace("_", " "), _KEY_POS.get(rest[:1], ""))
                        by_sense = _counts.setdefault(at, {})
                        by_sense[int(number)] = by_sense.get(int(number), 0) + int(count)
            _counts[("", "")] = {}  # loaded, even when empty
    found = _counts.get((word.lower(), pos), {})
    return tuple(found.get(n, 0) for n in range(1, len(senses(word, pos)) + 1))


_frames: dict[str, dict[str, frozenset[int]]] = {}


def verb_frames(word: str) -> tuple[frozenset[int], ...]:
    """The sentence frames of each verb sense of ``word`` (same order as
    ``senses(word, "verb")``), by WordNet's numbers: 8 "Somebody ----s
    something" (a direct object), 2 "Somebody ----s" (none), and so on."""
    with _lock:
        if not _frames:
            root = _root()
            by_synset: dict[str, frozenset[int]] = {}
            by_word: dict[str, frozenset[int]] = {}
            if root is not None:
                with (root / "data.verb").open(encoding="utf-8", errors="replace") as f:
                    for line in f:
                        if line.startswith("  "):
                            continue
                        fields = line.split(" | ", 1)[0].split()
                        n_words = int(fields[3], 16)
                        words = [fields[4 + 2 * i].lower() for i in range(n_words)]
                        at = 4 + 2 * n_words
                        at += 1 + 4 * int(fields[at])
                        shared: set[int] = set()
                        own: dict[int, set[int]] = {}
                        for i in range(int(fields[at]) if at < len(fields) else 0):
                            frame = int(fields[at + 2 + 3 * i])
                            number = int(fields[at + 3 + 3 * i], 16)
                            (shared if number == 0 else own.setdefault(number, set())).add(frame)
                        key = f"v{fields[0]}"
                        by_synset[key] = frozenset(shared)
                        for n, w in enumerate(words, 1):
                            if n in own:
                                by_word[f"{key}:{w.replace('_', ' ')}"] = frozenset(shared | own[n])
            _frames["synset"], _frames["word"] = by_synset, by_word
    keys = _index("verb").get(word.lower(), ())
    return tuple(
        _frames["word"].get(f"{k}:{word.lower()}", _frames["synset"].get(k, frozenset()))
        for k in keys
    )
