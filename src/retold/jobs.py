"""Each command's contract: a request in, a result out, both plain data.

This is the one place where ``segment``, ``facts``, ``summarize``,
``rewrite`` and ``audit`` are defined as jobs; the command line, the HTTP
service and the batch runner only translate to and from it. A request is a
frozen dataclass, built from a plain dict with :meth:`~Request.from_dict`
(an unknown field is refused with an error that names the valid ones); its
options are checked when it is built, before any input is read. A result is
the JSON object of DESIGN.md; an error is ``{"code", "message"}``::

    >>> from retold import jobs
    >>> jobs.segment({"id": "a", "text": "Dr. Ruiz arrived. She spoke."})["sentences"][1]["text"]
    'She spoke.'

:func:`run` gives a command's whole :class:`~retold.render.formats.Output`
(the plain data and the library's own result, for the formats that need
it); :func:`run_records` runs a job over JSONL records, where a bad line
becomes an error record and the rest go on, in input order.

Nothing here parses arguments or prints.
"""

from __future__ import annotations

import dataclasses
import logging
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, TypeVar

from retold import backends
from retold.analyze.facts import analyze
from retold.audit.auditor import STAGES as AUDIT_STAGES
from retold.audit.auditor import AuditOptions
from retold.audit.auditor import audit as audit_report
from retold.data import Article
from retold.errors import (
    InputError,
    InternalError,
    JsonlError,
    OptionsError,
    RetoldError,
    refuse_unknown,
)
from retold.ingest import loader
from retold.ingest.loader import IngestOptions
from retold.ingest.records import (
    BadLine,
    Record,
    article_from_record,
    lone_surrogate,
    read_records,
)
from retold.progress import Progress, Stages
from retold.render.formats import Output
from retold.rewrite.pipeline import STAGES as REWRITE_STAGES
from retold.rewrite.pipeline import rewrite as rewrite_article
from retold.rewrite.result import RewriteOptions
from retold.segment.splitter import segment as segment_text
from retold.summarize.selector import SummarizeOptions
from retold.summarize.selector import summarize as summarize_article

__all__ = [
    "COMMANDS",
    "STAGES",
    "AuditRequest",
    "FactsRequest",
    "RecordResult",
    "Request",
    "RewriteRequest",
    "SegmentRequest",
    "SummarizeRequest",
    "audit",
    "error_json",
    "facts",
    "handle",
    "request_from_dict",
    "rewrite",
    "run",
    "run_records",
    "segment",
    "summarize",
]

R = TypeVar("R", bound="Request")

log = logging.getLogger(__name__)


def error_json(error: RetoldError) -> dict[str, str]:
    """An error as plain data: its stable code and its one-line message."""
    return {"code": error.code, "message": str(error)}


# --- requests --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Request:
    """What every request carries: an ``id`` and the article.

    The article is given as plain data, by one of ``text``, ``html`` (with
    ``url`` as its address) or ``url`` (fetched); a caller that has already
    read it (the command line reads paths and standard input) passes it as
    ``article`` instead, which is not plain data and so not a field of
    :meth:`from_dict`.
    """

    command: ClassVar[str] = ""
    # Fields that hold objects, not plain data: from_dict refuses them.
    _objects: ClassVar[frozenset[str]] = frozenset({"article"})

    id: str = ""
    text: str | None = None
    html: str | None = None
    url: str | None = None
    article: Article | None = None

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        """The names :meth:`from_dict` accepts, in declaration order."""
        return tuple(
            f.name for f in dataclasses.fields(cls) if f.init and f.name not in cls._objects
        )

    @classmethod
    def from_dict(cls: type[R], data: Mapping[str, Any]) -> R:
        """A request from plain data; unknown fields and wrong types are refused."""
        if not isinstance(data, Mapping):
            raise OptionsError(
                f"a {cls.command} request must be a JSON object, not {type(data).__name__}",
                f"e.g. {{{', '.join(repr(n) for n in cls.fields()[:2])}: ...}}",
            )
        refuse_unknown(f"a {cls.command} request", "field", data, cls.fields())
        hints = typing.get_type_hints(cls)
        values = {
            name: _plain(cls.command, name, value, hints[name]) for name, value in data.items()
        }
        return cls(**values)

    def document(self, ingest: IngestOptions | None = None) -> Article:
        """The article this request is about, with the request's id."""
        if self.article is not None:
            article = self.article
        elif self.text is not None:
            article = loader.article_from_text(self.text)
        elif self.html is not None:
            article = loader.article_from_html(self.html, url=self.url or "")
        elif self.url is not None:
            article = loader.load(self.url, ingest)
        else:
            raise InputError(
                f"the {self.command} request has no article",
                "give one of 'text', 'html' or 'url'",
            )
        return replace(article, id=self.id) if self.id else article


def _plain(command: str, name: str, value: Any, hint: Any) -> Any:
    """``value`` checked against the field's type (JSON has lists, not tuples)."""
    if value is None:
        return None
    if name == "id" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    union = typing.get_origin(hint) in (typing.Union, types.UnionType)
    kinds = tuple(k for k in typing.get_args(hint) if k is not type(None)) if union else (hint,)
    origins = {typing.get_origin(k) or k for k in kinds}
    if _matches(value, origins):
        where = lone_surrogate(value, f"field {name!r}")
        if where is not None:
            raise InputError(
                f"the {command} request's {where} holds a lone surrogate, which is no character",
                "send text as valid Unicode: a \\ud800-\\udfff escape must be half of a pair",
            )
        if isinstance(value, int) and float in origins and int not in origins:
            try:
                return float(value)
            except OverflowError:
                raise OptionsError(
                    f"the {command} request's field {name!r} is too large a number",
                    "give a number in the field's range",
                ) from None
        return tuple(value) if isinstance(value, list) else value
    wanted = " or ".join(getattr(k, "__name__", str(k)) for k in origins)
    raise OptionsError(
        f"the {command} request's field {name!r} must be {wanted}, not {type(value).__name__}",
        "write it as the matching JSON value",
    )


def _matches(value: Any, origins: set[Any]) -> bool:
    # bool is an int to Python, not to a request: true is no sentence count.
    if isinstance(value, bool):
        return bool in origins
    if isinstance(value, list | tuple):
        return tuple in origins and all(isinstance(v, str) for v in value)
    if isinstance(value, Mapping):
        return Mapping in origins or dict in origins
    if isinstance(value, int) and float in origins:
        return True
    return any(isinstance(value, k) for k in origins if k not in (tuple, Mapping, dict))


@dataclass(frozen=True, slots=True)
class SegmentRequest(Request):
    """Split the article into sentences with character offsets."""

    command: ClassVar[str] = "segment"


@dataclass(frozen=True, slots=True)
class FactsRequest(Request):
    """List the article's checkable facts."""

    command: ClassVar[str] = "facts"


@dataclass(frozen=True, slots=True)
class SummarizeRequest(Request):
    """Choose ``sentences`` key sentences, or a ``ratio`` of them (which wins)."""

    command: ClassVar[str] = "summarize"

    sentences: int | None = 3
    ratio: float | None = None

    def __post_init__(self) -> None:
        self.options()

    def options(self) -> SummarizeOptions:
        if self.ratio is not None:
            return SummarizeOptions(sentences=None, ratio=self.ratio)
        return SummarizeOptions(sentences=self.sentences)


@dataclass(frozen=True, slots=True)
class RewriteRequest(Request):
    """Rewrite every sentence with candidates from ``backends``.

    ``backend_options`` maps a chosen backend's name to its options as plain
    data (``{"openai": {"api_base": "http://127.0.0.1:8000/v1"}}``), checked
    by that backend's own options class. ``frozen``: terms kept word for
    word; ``mode``: "standard", "formal" or "simple"; ``alternatives``: how
    many other candidates that passed the gate to give per sentence.
    """

    command: ClassVar[str] = "rewrite"

    backends: tuple[str, ...] = ("rules",)
    strength: str = "medium"
    lm_rank: bool = False
    backend_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    frozen: tuple[str, ...] = ()
    mode: str = "standard"
    alternatives: int = 2

    def __post_init__(self) -> None:
        if isinstance(self.backends, str) or not self.backends:
            raise OptionsError(
                "backends must be a non-empty list of names",
                'e.g. {"backends": ["rules"]}',
            )
        known = backends.available()
        for name in self.backends:
            if name not in known:
                raise OptionsError(
                    f"no rewrite backend named {name!r}", f"choose from: {', '.join(known)}"
                )
        for name, values in self.backend_options.items():
            if name not in self.backends:
                raise OptionsError(
                    f"options given for the {name} backend, which is not chosen",
                    f"choose it too, or drop its options (chosen: {', '.join(self.backends)})",
                )
            backends.options_for(name, values)
        self._control(RewriteOptions(strength=self.strength))

    def options(self) -> RewriteOptions:
        """The rewrite options, with each backend built and checked (its key too)."""
        chosen: list[str | backends.Backend] = []
        for name in self.backends:
            given = self.backend_options.get(name)
            backend = backends.create(name, given)
            backends.get_key(backend)
            backend.check()
            chosen.append(backend)
        return self._control(
            RewriteOptions(
                backends=tuple(chosen), strength=self.strength, language_model=self.lm_rank
            )
        )

    def _control(self, options: RewriteOptions) -> RewriteOptions:
        """``options`` with the user's controls (checked by RewriteOptions)."""
        return replace(options, frozen=self.frozen, mode=self.mode, alternatives=self.alternatives)


@dataclass(frozen=True, slots=True)
class AuditRequest(Request):
    """Check ``rewrite`` against ``source`` (without a source: the source-free checks).

    ``source`` and ``rewrite`` are texts or HTML; a caller that has read them
    passes ``source_article`` and ``rewrite_article``. ``mode`` is "rewrite"
    or "summary"; ``likelihood`` weighs scores by the small language model.
    The inherited ``text``, ``html`` and ``url`` are not used.
    """

    command: ClassVar[str] = "audit"
    _objects: ClassVar[frozenset[str]] = frozenset(
        {"article", "text", "html", "url", "source_article", "rewrite_article"}
    )

    source: str | None = None
    rewrite: str | None = None
    mode: str = "rewrite"
    likelihood: bool = False
    source_article: Article | None = None
    rewrite_article: Article | None = None

    def __post_init__(self) -> None:
        self.options()

    def options(self) -> AuditOptions:
        return AuditOptions(mode=self.mode, likelihood=self.likelihood, id=self.id)

    def pair(self) -> tuple[Article | None, Article]:
        """The source (None when absent) and the rewrite, as articles."""
        rewritten = self.rewrite_article
        if rewritten is None:
            if self.rewrite is None:
                raise InputError(
                    "the audit request has no 'rewrite'",
                    'give {"id", "source", "rewrite"}; without "source" only the '
                    "source-free checks run",
                )
            rewritten = _pair_article(self.rewrite)
        original = self.source_article
        if original is None and self.source is not None:
            original = _pair_article(self.source)
        return original, rewritten


def _pair_article(text: str) -> Article:
    if loader.looks_like_html(text):
        return loader.article_from_html(text)
    return loader.article_from_text(text)


REQUESTS: dict[str, type[Request]] = {
    cls.command: cls
    for cls in (SegmentRequest, FactsRequest, SummarizeRequest, RewriteRequest, AuditRequest)
}
COMMANDS = tuple(REQUESTS)


def request_from_dict(command: str, data: Mapping[str, Any]) -> Request:
    """The request of ``command`` built from plain data."""
    cls = REQUESTS.get(command)
    if cls is None:
        raise OptionsError(f"no command named {command!r}", f"choose from: {', '.join(COMMANDS)}")
    return cls.from_dict(data)


# --- running ---------------------------------------------------------------

# A prepared job: options built and checked once, then one article (or, for
# audit, the request carrying the pair) in, one Output out.
Job = Callable[[Request, IngestOptions | None], Output]

#: The stages of the jobs that report progress, with their shares of the run
#: time (see :mod:`retold.progress`); the other jobs report none.
STAGES: dict[str, Stages] = {"rewrite": REWRITE_STAGES, "audit": AUDIT_STAGES}


def _prepare(request: Request, on_progress: Progress | None = None) -> Job:
    if isinstance(request, SegmentRequest):

        def run_segment(req: Request, ingest: IngestOptions | None) -> Output:
            article = req.document(ingest)
            sentences = [s.to_json() for s in segment_text(article.text)]
            return Output("segment", {"id": article.id, "sentences": sentences}, source=article)

        return run_segment
    if isinstance(request, FactsRequest):

        def run_facts(req: Request, ingest: IngestOptions | None) -> Output:
            article = req.document(ingest)
            found = [f.to_json() for f in analyze(article.text)]
            return Output("facts", {"id": article.id, "facts": found}, source=article)

        return run_facts
    if isinstance(request, SummarizeRequest):
        summary_options = request.options()

        def run_summarize(req: Request, ingest: IngestOptions | None) -> Output:
            article = req.document(ingest)
            summary = summarize_article(article, summary_options)
            return Output("summarize", summary.to_json(), summary, source=article)

        return run_summarize
    if isinstance(request, RewriteRequest):
        rewrite_options = request.options()

        def run_rewrite(req: Request, ingest: IngestOptions | None) -> Output:
            article = req.document(ingest)
            rewritten = rewrite_article(article, rewrite_options, on_progress=on_progress)
            return Output("rewrite", rewritten.to_json(), rewritten, source=article)

        return run_rewrite
    if isinstance(request, AuditRequest):
        audit_options = request.options()

        def run_audit(req: Request, ingest: IngestOptions | None) -> Output:
            assert isinstance(req, AuditRequest)
            original, rewritten = req.pair()
            options = replace(audit_options, id=req.id)
            if original is None:  # the rewrite alone: the checks that need no source
                report = audit_report(rewritten, None, options, on_progress=on_progress)
            else:
                report = audit_report(original, rewritten, options, on_progress=on_progress)
            return Output("audit", report.to_json(), report, source=original, rewrite=rewritten)

        return run_audit
    raise OptionsError(
        f"not a request: {type(request).__name__}", f"use one of: {', '.join(REQUESTS)}"
    )


def _coerce(cls: type[R], request: R | Mapping[str, Any]) -> R:
    if isinstance(request, cls):
        return request
    if isinstance(request, Request):
        raise OptionsError(
            f"expected a {cls.command} request, got a {request.command} request",
            f"build it with {cls.__name__}.from_dict(...)",
        )
    return cls.from_dict(request)


def run(
    request: Request,
    ingest: IngestOptions | None = None,
    *,
    on_progress: Progress | None = None,
) -> Output:
    """Run one request: its plain-data result and the library's own result.

    ``ingest`` says how a ``url`` is fetched (timeouts, private addresses);
    it is the host's setting, not the requester's. ``on_progress(done,
    total, stage)`` is told how a rewrite or an audit goes, stage by stage
    (see :mod:`retold.progress` and :data:`STAGES`); the other jobs do not
    call it.
    """
    return _prepare(request, on_progress)(request, ingest)


def segment(
    request: SegmentRequest | Mapping[str, Any], ingest: IngestOptions | None = None
) -> dict[str, Any]:
    """``{"id", "sentences": [{"index", "text", "start", "end", "paragraph"}]}``."""
    return run(_coerce(SegmentRequest, request), ingest).data


def facts(
    request: FactsRequest | Mapping[str, Any], ingest: IngestOptions | None = None
) -> dict[str, Any]:
    """``{"id", "facts": [{"kind", "text", "value", "start", "end", "sentence"}]}``."""
    return run(_coerce(FactsRequest, request), ingest).data


def summarize(
    request: SummarizeRequest | Mapping[str, Any], ingest: IngestOptions | None = None
) -> dict[str, Any]:
    """``{"id", "sentences": [... with "score"], "scores": [...]}``."""
    return run(_coerce(SummarizeRequest, request), ingest).data


def rewrite(
    request: RewriteRequest | Mapping[str, Any], ingest: IngestOptions | None = None
) -> dict[str, Any]:
    """``{"id", "title", "summary", "sentences", "report", "warnings"}``."""
    return run(_coerce(RewriteRequest, request), ingest).data


def audit(
    request: AuditRequest | Mapping[str, Any], ingest: IngestOptions | None = None
) -> dict[str, Any]:
    """``{"id", "score", "mode", "alignments", "issues", "sentence_scores"}``."""
    return run(_coerce(AuditRequest, request), ingest).data


def handle(
    command: str, data: Mapping[str, Any], ingest: IngestOptions | None = None
) -> dict[str, Any]:
    """Run ``command`` on plain data; a retold error becomes ``{"id", "error"}``."""
    try:
        return run(request_from_dict(command, data), ingest).data
    except RetoldError as exc:
        raw = data.get("id", "") if isinstance(data, Mapping) else ""
        # an id refused for a lone surrogate is echoed escaped, as valid UTF-8
        echoed = str(raw).encode("utf-8", "backslashreplace").decode("utf-8")
        return {"id": echoed, "error": error_json(exc)}


# --- many records ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecordResult:
    """One JSONL line's outcome: ``data`` is its result, or ``{"id", "error"}``
    when ``error`` is set (``line`` is 1-based)."""

    line: int
    id: str
    data: dict[str, Any]
    error: RetoldError | None = None


def run_records(
    request: Request,
    lines: Iterable[str | bytes],
    ingest: IngestOptions | None = None,
    *,
    start: int = 1,
) -> Iterator[RecordResult]:
    """Run ``request``'s job on every JSONL line, in input order.

    ``request`` gives the options; each line gives an article (``{"id",
    "text"|"html"|"url"}``, for audit ``{"id", "source", "rewrite"}``). A line
    that cannot be read or fails, for whatever reason, becomes an error record
    ``{"id", "line", "error"}`` and the others still run (a failure that is
    not a retold error is an :class:`~retold.errors.InternalError`, E900).
    Options are checked, and backends built, once. Bytes lines are decoded
    one by one; ``start`` numbers the first line.
    """
    job = _prepare(request)
    for item in read_records(lines, start):
        if isinstance(item, BadLine):
            yield _failed(item.line, item.id, item.error)
            continue
        try:
            output = job(_record_request(request, item, ingest), ingest)
        except RetoldError as exc:
            yield _failed(item.line, item.id, exc)
            continue
        except Exception as exc:  # a bug of ours costs its line only, not the rest
            log.debug("line %d (id %s) failed", item.line, item.id, exc_info=True)
            reason = " ".join(str(exc).split())[:300]
            yield _failed(
                item.line,
                item.id,
                InternalError(
                    f"line {item.line}: internal error: {type(exc).__name__}: {reason}",
                    "please report it, with this line; the other lines were processed",
                ),
            )
            continue
        yield RecordResult(item.line, item.id, output.data)


def _failed(line: int, id_: str, error: RetoldError) -> RecordResult:
    return RecordResult(line, id_, {"id": id_, "line": line, "error": error_json(error)}, error)


def _record_request(request: Request, record: Record, ingest: IngestOptions | None) -> Request:
    if isinstance(request, AuditRequest):
        rewritten = record.text_field("rewrite")
        if rewritten is None:
            raise JsonlError(
                f"line {record.line}: no 'rewrite' field",
                'give each line {"id", "source", "rewrite"}; without "source" only the '
                "source-free checks run",
            )
        source = record.text_field("source")
        return replace(
            request,
            id=record.id,
            source=None,
            rewrite=None,
            rewrite_article=_pair_article(rewritten[1]),
            source_article=_pair_article(source[1]) if source is not None else None,
        )
    return replace(request, id="", article=article_from_record(record, ingest))
