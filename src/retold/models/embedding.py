"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) with mean pooling.

The model is loaded by :mod:`retold.models`; this module only runs it. Vectors
are L2-normalised, so a dot product is a cosine similarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from retold.surrogates import utf8_safe

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised row vectors."""

    @property
    def dimension(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> Vectors: ...


class OnnxEmbedder:
    """Runs a BERT-style sentence encoder exported to ONNX.

    ``session`` is an ``onnxruntime.InferenceSession`` whose output is the last
    hidden state; ``tokenizer`` a ``tokenizers.Tokenizer``.
    """

    def __init__(
        self,
        session: Any,
        tokenizer: Any,
        *,
        dimension: int = 384,
        max_tokens: int = 256,
        batch_size: int = 16,
    ) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._tokenizer.no_padding()
        # 256 is what sentence-transformers uses for this model; longer inputs
        # are cut there too, so vectors match the reference implementation.
        self._tokenizer.enable_truncation(max_tokens)
        self._inputs = {i.name for i in session.get_inputs()}
        self._dimension = dimension
        self._batch_size = batch_size

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Embed ``texts``; row ``i`` is the unit vector of ``texts[i]``."""
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        if not texts:
            return out
        # a lone surrogate is no character: the tokenizer takes U+FFFD instead
        encodings = self._tokenizer.encode_batch([utf8_safe(t) for t in texts])
        # Batches of similar length waste little time on padding, which on
        # news text (5 to 80 tokens a sentence) roughly halves the run time.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for lo in range(0, len(order), self._batch_size):
            rows = order[lo : lo + self._batch_size]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                n = len(encodings[i].ids)
                ids[r, :n] = encodings[i].ids
                mask[r, :n] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feed)[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[rows] = pooled / np.maximum(norms, 1e-12)
        return out
