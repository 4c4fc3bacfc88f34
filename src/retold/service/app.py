"""The HTTP service: FastAPI routes that translate to and from :mod:`retold.jobs`.

``POST /v1/<command>`` takes the command's request as a JSON object (the
fields of :class:`retold.jobs.SegmentRequest` and its siblings) and answers
the job's JSON result; ``?format=`` asks for another of the command's
output formats (``text``, ``md``, ``html``). ``POST /v1/jobs/<command>``
takes the same request, answers 202 with a job id at once and runs the job
in the background; ``GET /v1/jobs/<id>`` tells its state, its progress
(a rewrite's or an audit's stage, its count and the share of the whole job
done) and in the end its result (with ``?format=``, its rendering too) or
its error (:mod:`retold.service.tasks`). ``GET /healthz`` reports
readiness once the models are loaded; ``GET /`` is the web page. Every
error is ``{"code", "message"}`` with a fitting HTTP status.
"""

from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import partial
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from retold import __version__, backends, jobs
from retold.errors import InputTooLargeError, OptionsError, RetoldError
from retold.ingest.loader import IngestOptions
from retold.plugins import FORMATS
from retold.render.article import RenderOptions
from retold.render.formats import Output, formats_for
from retold.service.errors import (
    NotFoundError,
    NotJsonError,
    NotReadyError,
    ServiceError,
    UnknownJobError,
    status_of,
)
from retold.service.limits import BodyLimit, ServiceOptions, Slots
from retold.service.schema import ERROR_SCHEMA, JOB_SCHEMA, request_schema
from retold.service.tasks import Relay, Report, Task, Tasks

__all__ = ["create_app"]

log = logging.getLogger(__name__)

# json and jsonl are answered as JSON, a plugin's format as plain text.
_MEDIA = {
    "text": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}
# The article fields whose length --max-chars bounds.
_ARTICLE_FIELDS = ("text", "html", "source", "rewrite")
# A page of ours runs its own script only; a rendered report runs none.
_PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
)
_REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_STATIC = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}

_WARM_SOURCE = (
    "Officials said 12 people were hurt on Oct. 7 in Springfield. "
    "The mayor, Ana Ruiz, did not comment. Repairs will cost $4.5 million."
)
_WARM_REWRITE = (
    "On Oct. 7, 12 people were hurt in Springfield, officials said. "
    "Ana Ruiz, the mayor, did not comment. Repairs will cost $4.5 million."
)


@dataclass
class _State:
    ready: bool = False
    failure: RetoldError | None = None


def _warm_up() -> None:
    """Load every model the jobs use and run each job once, before answering."""
    jobs.facts({"text": _WARM_SOURCE})
    jobs.summarize({"text": _WARM_SOURCE})
    jobs.audit({"source": _WARM_SOURCE, "rewrite": _WARM_REWRITE})
    jobs.rewrite({"text": _WARM_SOURCE})


def _warm_worker() -> None:
    """A worker process's start: its models loaded before its first job.

    A failure is only logged here (a failing initializer would break the
    pool); the warm-up run by :func:`_load` then reports it.
    """
    try:
        _warm_up()
    except Exception:
        log.exception("a worker process could not load the models")


def _error(error: RetoldError) -> JSONResponse:
    status = status_of(error)
    headers = {"Retry-After": "1"} if status == 503 else None
    return JSONResponse(jobs.error_json(error), status_code=status, headers=headers)


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotJsonError(
            f"the request body is not JSON: {exc}",
            'send a JSON object, e.g. {"id": "a1", "text": "..."}',
        ) from exc
    if not isinstance(data, dict):
        raise NotJsonError(
            f"the request body must be a JSON object, not {type(data).__name__}",
            'e.g. {"id": "a1", "text": "..."}',
        )
    return data


def _check_lengths(data: dict[str, Any], limit: int) -> None:
    for name in _ARTICLE_FIELDS:
        value = data.get(name)
        if isinstance(value, str) and len(value) > limit:
            raise InputTooLargeError(
                f"the field {name!r} has {len(value)} characters, more than the {limit} "
                "this server accepts",
                "send one article at a time, or start the server with a higher --max-chars",
            )


def _responses(command: str) -> dict[int | str, dict[str, Any]]:
    error = {"description": "", "content": {"application/json": {"schema": ERROR_SCHEMA}}}
    described = {
        400: "the body is not a JSON object, or a field is unknown or out of range",
        413: "the body or an article is larger than the server accepts",
        422: "the article cannot be read (empty, binary, a URL refused or unreachable)",
        503: "the server is busy (E501, retry after Retry-After) or still loading (E506)",
        504: "the request ran past the server's time limit (E502)",
    }
    out: dict[int | str, dict[str, Any]] = {
        200: {
            "description": f"the {command} result as DESIGN.md and the README describe it; "
            "with ?format=text, md or html, that rendering instead",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    }
    for status, text in described.items():
        out[status] = {**error, "description": text}
    return out


def _job_responses(command: str) -> dict[int | str, dict[str, Any]]:
    out = _responses(command)
    del out[200], out[504]
    out[202] = {
        "description": f"the {command} job is queued: poll GET /v1/jobs/{{id}} (also in the "
        "Location header) for its progress and, once its state is done, its result",
        "content": {"application/json": {"schema": JOB_SCHEMA}},
    }
    out[422]["description"] = "the article cannot be read (empty, binary); a URL's own "
    out[422]["description"] += "errors come later, as the job's error"
    return dict(sorted(out.items(), key=lambda item: str(item[0])))


def _job_body(command: str) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": request_schema(jobs.REQUESTS[command])}},
        }
    }


def _openapi_extra(
    command: str, described: str = "the output format (default: the JSON result)"
) -> dict[str, Any]:
    choices = sorted({"json", *formats_for(command)})
    return {
        **_job_body(command),
        "parameters": [
            {
                "name": "format",
                "in": "query",
                "required": False,
                "schema": {"type": "string", "enum": choices, "default": "json"},
                "description": described,
            }
        ],
    }


def create_app(options: ServiceOptions | None = None) -> FastAPI:
    """The service as an ASGI application (models load when it starts)."""
    options = options or ServiceOptions()
    state = _State(ready=not options.warm_up)
    slots = Slots(options, _warm_worker if options.warm_up else None)
    ingest = options.ingest()
    tasks = Tasks(options.keep_jobs, options.job_ttl)
    relay = Relay(tasks, multiprocessing.get_context("spawn")) if options.processes else None
    # The background jobs' asyncio tasks, held so that none is collected while it runs.
    following: set[asyncio.Task[None]] = set()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        task = None
        if options.warm_up:
            task = asyncio.create_task(_load(state, slots))
        yield
        if task is not None:
            task.cancel()
        for running in following:
            running.cancel()
        slots.close()
        if relay is not None:
            relay.close()

    app = FastAPI(
        title="retold",
        version=__version__,
        description="Rewrite and summarize news articles without changing a single fact, "
        "with proof. Each /v1 endpoint runs the job of the retold command of the same name.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(BodyLimit, limit=options.max_body)

    @app.exception_handler(RetoldError)
    async def retold_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RetoldError)
        return _error(exc)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        error = NotFoundError(
            f"{request.method} {request.url.path}: {exc.detail}",
            "the endpoints are POST /v1/<command> and GET /healthz; see /openapi.json",
        )
        return JSONResponse(jobs.error_json(error), status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        return _error(NotJsonError(f"the request is not valid: {exc}", "see /openapi.json"))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        error = ServiceError(
            f"internal error: {type(exc).__name__}: {exc}", "please report it with the request"
        )
        return _error(error)

    @app.get("/healthz", responses={503: {"description": "still loading the models"}})
    async def healthz() -> JSONResponse:
        """Ready once the models are loaded and every job has run once."""
        if not state.ready:
            raise state.failure or NotReadyError(
                "the models are still loading", "retry in a few seconds"
            )
        return JSONResponse(
            {
                "status": "ready",
                "version": __version__,
                "backends": list(backends.available()),
                "commands": list(jobs.COMMANDS),
                "limits": {
                    "max_body": options.max_body,
                    "max_chars": options.max_chars,
                    "timeout": options.timeout,
                    "max_concurrent": options.max_concurrent,
                    "workers": options.workers,
                    "processes": options.processes,
                },
            }
        )

    async def read_request(command: str, request: Request) -> jobs.Request:
        """The job's request from the body, checked as every endpoint checks it."""
        if not state.ready:
            raise state.failure or NotReadyError(
                "the models are still loading", "retry when GET /healthz answers 200"
            )
        data = _json_object(await request.body())
        _check_lengths(data, options.max_chars)
        return jobs.request_from_dict(command, data)

    def endpoint(command: str) -> Callable[[Request], Awaitable[Response]]:
        async def run_command(request: Request) -> Response:
            fmt = _format(command, request)
            job = await read_request(command, request)
            body = await slots.run(partial(_render, job, fmt, ingest))
            headers = {"Content-Security-Policy": _REPORT_CSP} if fmt == "html" else None
            return Response(body, media_type=_media(fmt), headers=headers)

        run_command.__name__ = f"post_{command}"
        run_command.__doc__ = (jobs.REQUESTS[command].__doc__ or "").strip().split("\n\n")[0]
        return run_command

    for command in jobs.COMMANDS:
        app.add_api_route(
            f"/v1/{command}",
            endpoint(command),
            methods=["POST"],
            summary=f"retold {command}",
            responses=_responses(command),
            openapi_extra=_openapi_extra(command),
            response_class=Response,
        )

    async def follow(task: Task, job: jobs.Request) -> None:
        """Run ``task`` in the slot its submission took, and record how it ended."""
        try:
            if relay is None:
                work = partial(_run_task, task, job, ingest)
            else:
                work = partial(_run_remote_task, relay.report(task.id), job, ingest, task.format)
            data, rendered = await slots.run_admitted(work)
        except RetoldError as exc:
            tasks.finish(task, error=exc, status=status_of(exc))
        except Exception as exc:
            log.exception("internal error in job %s (%s)", task.id, task.command)
            error = ServiceError(
                f"internal error: {type(exc).__name__}: {exc}", "please report it with the request"
            )
            tasks.finish(task, error=error, status=500)
        else:
            tasks.finish(task, result=data, rendered=rendered)

    def job_endpoint(command: str) -> Callable[[Request], Awaitable[Response]]:
        async def start_job(request: Request) -> Response:
            fmt = _format(command, request)
            job = await read_request(command, request)
            slots.admit()  # 503 now, not a job that fails later
            task = tasks.new(command, fmt)
            running = asyncio.create_task(follow(task, job))
            following.add(running)
            running.add_done_callback(following.discard)
            return JSONResponse(
                task.to_json(), status_code=202, headers={"Location": f"/v1/jobs/{task.id}"}
            )

        start_job.__name__ = f"start_{command}_job"
        others = " or ".join(f for f in formats_for(command) if f != "json")
        start_job.__doc__ = (
            f"Start {'an' if command[0] in 'aeiou' else 'a'} {command} job in the background; "
            f"poll GET /v1/jobs/{{id}}. With "
            f"?format={others} the finished job holds that rendering too, as rendered."
        )
        return start_job

    for command in jobs.COMMANDS:
        app.add_api_route(
            f"/v1/jobs/{command}",
            job_endpoint(command),
            methods=["POST"],
            status_code=202,
            summary=f"retold {command}, in the background",
            responses=_job_responses(command),
            openapi_extra=_openapi_extra(
                command,
                "a rendering the finished job holds besides its JSON result, as "
                "rendered (default: json, none)",
            ),
            response_class=JSONResponse,
        )

    @app.get(
        "/v1/jobs/{job_id}",
        summary="a background job's state, progress and result",
        responses={
            200: {
                "description": "state queued, running, done (with result, and rendered when "
                "a format was asked) or failed (with error and the HTTP status the request "
                "would have had); a rewrite or an audit tells its stage, done of total in "
                "that stage, and progress, the share of the whole job done (the other "
                "commands: 0 of 0, no stage, progress 0 until done)",
                "content": {"application/json": {"schema": JOB_SCHEMA}},
            },
            404: {
                "description": "no job has this id, or it ended more than the server keeps "
                "jobs (E507)",
                "content": {"application/json": {"schema": ERROR_SCHEMA}},
            },
        },
        response_class=JSONResponse,
    )
    async def job_state(job_id: str) -> JSONResponse:
        """What a background job has done so far, and its result once it is done."""
        task = tasks.get(job_id)
        if task is None:
            raise UnknownJobError(
                f"no job with the id {job_id!r}",
                f"start one with POST /v1/jobs/<command>; a finished job is kept "
                f"{options.job_ttl:g} s",
            )
        return JSONResponse(task.to_json())

    @app.get("/", include_in_schema=False)
    async def page() -> Response:
        return _static("index.html", "text/html; charset=utf-8")

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str) -> Response:
        if name not in _STATIC:
            raise HTTPException(404, "Not Found")
        return _static(name, _STATIC[name])

    return app


# A background job's result as plain data, and its rendering when a format was asked.
Finished = tuple[dict[str, Any], str | None]


def _run_task(task: Task, job: jobs.Request, ingest: IngestOptions) -> Finished:
    """A background job's work, in a worker thread."""
    if not task.start():
        return {}, None  # it timed out while it waited for a thread
    output = jobs.run(job, ingest, on_progress=task.progress)
    return output.data, None if task.format == "json" else _rendering(output, task.format)


def _run_remote_task(
    report: Report, job: jobs.Request, ingest: IngestOptions, fmt: str
) -> Finished:
    """A background job's work in a worker process; its progress goes back by ``report``."""
    report(0, 0, "")  # it runs
    output = jobs.run(job, ingest, on_progress=report)
    return output.data, None if fmt == "json" else _rendering(output, fmt)


def _render(job: jobs.Request, fmt: str, ingest: IngestOptions) -> str:
    output = jobs.run(job, ingest)
    if fmt == "json":
        return json.dumps(output.data, ensure_ascii=False)
    return _rendering(output, fmt)


def _rendering(output: Output, fmt: str) -> str:
    rendered: str = FORMATS.get(fmt).render(output, RenderOptions())
    return rendered


def _format(command: str, request: Request) -> str:
    """The format ``?format=`` asks of ``command``: json, or one of its renderings."""
    fmt = request.query_params.get("format", "json")
    if fmt != "json" and fmt not in formats_for(command):
        choices = ", ".join(sorted({"json", *formats_for(command)}))
        raise OptionsError(f"{command} has no format {fmt!r}", f"choose from: {choices}")
    return fmt


def _media(fmt: str) -> str:
    if fmt.startswith("json"):
        return "application/json"
    return _MEDIA.get(fmt, "text/plain; charset=utf-8")


def _static(name: str, media: str) -> Response:
    body = resources.files("retold.service").joinpath("static", name).read_bytes()
    return Response(
        body,
        media_type=media,
        headers={"Content-Security-Policy": _PAGE_CSP, "X-Content-Type-Options": "nosniff"},
    )


async def _load(state: _State, slots: Slots) -> None:
    loop = asyncio.get_running_loop()
    # With processes, one warm-up each: every submission starts a process.
    runs = slots.workers if slots.processes else 1
    try:
        await asyncio.gather(*(loop.run_in_executor(slots.pool, _warm_up) for _ in range(runs)))
    except RetoldError as exc:
        log.error("the service cannot start: %s", exc)
        state.failure = exc
        return
    state.ready = True
    log.info("models loaded; ready")
