"""The small interface every rewrite backend implements.

A backend sees one source sentence at a time (with its parse and its locked
fact spans) and proposes candidate rewrites. It never decides: the ranker and
the audit gate in :mod:`retold.rewrite` choose among the candidates of every
backend, and keep the source sentence when none passes.
"""

from __future__ import annotations

from abc import ABC
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from retold.data import Fact, Sentence
from retold.errors import OptionsError

STRENGTHS = ("light", "medium", "strong")
# What each mode asks of a rewrite (README, "Modes"): "standard" rewords
# freely; "formal" introduces no contraction and no colloquial opener;
# "simple" prefers shorter sentences and commoner words.
MODES = ("standard", "formal", "simple")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One proposed rewrite of a source sentence.

    ``text`` may hold more than one sentence (a split). ``consumes`` is how
    many source sentences it stands for, from the context's sentence on (2 for
    a join of this sentence and the next). ``operations`` names what was done,
    in order, so that a report can say how a sentence was reworded.
    """

    text: str
    backend: str
    operations: tuple[str, ...] = ()
    consumes: int = 1


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """What a backend may read about one source sentence.

    ``sentence`` carries offsets into the article; ``facts`` and ``locked``
    carry offsets into ``sentence.text``. ``locked`` spans (facts, with a
    number's qualifier) must come out of a backend verbatim: a candidate may
    move a locked span as a whole, never edit inside it. ``doc`` is spaCy's
    parse of ``sentence.text`` alone. ``following`` is the next sentence of the
    same paragraph, if any, with its parse and locked spans (for joins: a
    candidate with ``consumes=2`` stands for this sentence and that one).
    """

    sentence: Sentence
    facts: tuple[Fact, ...]
    locked: tuple[tuple[int, int], ...]
    doc: Any
    previous: str = ""
    following: Sentence | None = None
    following_doc: Any = None
    following_locked: tuple[tuple[int, int], ...] = ()

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def wholly_locked(self) -> bool:
        """Whether every word lies inside one locked span (a sentence that is
        all quotation): nothing in it may be reworded."""
        words = [k for k, ch in enumerate(self.text) if ch.isalnum()]
        return bool(words) and any(a <= words[0] and words[-1] < b for a, b in self.locked)


@dataclass(frozen=True, slots=True)
class GenerateOptions:
    """What every backend is told: how boldly to reword (``strength``), in
    which register (``mode``, one of :data:`MODES`), and the terms the user
    froze (``frozen``: each must come out word for word, in the same case).

    A backend may ignore ``mode`` and ``frozen``: the rewrite screens every
    candidate against them before the gate. A backend that writes whole
    sentences (a language model) does better to be told.
    """

    strength: str = "medium"
    mode: str = "standard"
    frozen: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.strength not in STRENGTHS:
            raise OptionsError(
                f"unknown strength {self.strength!r}",
                f"choose one of: {', '.join(STRENGTHS)}",
            )
        if self.mode not in MODES:
            raise OptionsError(
                f"unknown mode {self.mode!r}",
                f"choose one of: {', '.join(MODES)}",
            )

    def instructions(self, sentence: str) -> str:
        """What a language model is told of the mode and of the frozen terms
        in ``sentence`` ("" in standard mode without one): a line for a prompt."""
        parts = [_MODE_PROMPTS[self.mode]] if self.mode in _MODE_PROMPTS else []
        terms = [t for t in self.frozen if t in sentence]
        if terms:
            listed = "; ".join(f'"{t}"' for t in terms)
            parts.append(f"Keep these words exactly as written, in the same case: {listed}.")
        return " ".join(parts)


# Told to language models (smollm, openai) in the modes that ask for more.
_MODE_PROMPTS = {
    "formal": "Write in a formal register: no contractions, and do not start with "
    '"But", "And", "So" or "Plus".',
    "simple": "Write plainly for a general reader: use common, everyday words, and "
    "split a long sentence into two shorter ones.",
}


class Backend(ABC):
    """A source of candidate rewrites.

    Subclasses state what they are in class attributes, which the host reads:
    ``name`` (how users select it); ``needs_key`` and ``key_env_var`` (whether
    it cannot work without a key, and the environment variable the key is
    read from, by :func:`retold.backends.get_key`); ``Options`` (a dataclass
    of its settings, or None when it has none: a backend with ``Options``
    takes an instance of it as its one constructor argument, and
    ``--backend-option NAME.FIELD=VALUE`` fills it in).
    """

    name: ClassVar[str]
    needs_key: ClassVar[bool] = False
    key_env_var: ClassVar[str] = ""
    Options: ClassVar[type[Any] | None] = None

    def key_variable(self) -> str:
        """The environment variable this instance reads its key from."""
        return self.key_env_var

    def check(self) -> None:  # noqa: B027 (a hook that may stay empty, not abstract)
        """Raise an :class:`~retold.errors.OptionsError` now if the backend
        cannot work as configured, before any article is read (the default
        checks nothing)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.candidates is Backend.candidates and cls.candidates_many is Backend.candidates_many:
            raise TypeError(
                f"backend {cls.__qualname__} must define candidates() or candidates_many()"
            )

    # A backend defines one of the two; each defaults to the other, so a
    # backend that batches its work defines only candidates_many().
    def candidates(
        self, context: SentenceContext, options: GenerateOptions
    ) -> tuple[Candidate, ...]:
        """Candidate rewrites of ``context.sentence``, best guess first."""
        return self.candidates_many([context], options)[0]

    def candidates_many(
        self, contexts: Sequence[SentenceContext], options: GenerateOptions
    ) -> list[tuple[Candidate, ...]]:
        """:meth:`candidates` for many sentences; override to batch work."""
        return [self.candidates(c, options) for c in contexts]
