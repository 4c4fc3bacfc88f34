"""The ``retold`` command line: parse, call the library, print.

Every command reads one SOURCE (a path, a URL or ``-`` for standard input) or,
with ``--jsonl FILE``, many documents, and then writes one JSON result per
line in input order. Errors are one line on standard error with exit status 2;
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import IO, Any, TextIO

from retold import __version__, backends, jobs
from retold.batch import command as batch_command
from retold.data import Article
from retold.errors import MAX_SECONDS, EmptyInputError, OptionsError, RetoldError, parse_number
from retold.ingest.loader import IngestOptions, load, open_input
from retold.plugins import FORMATS
from retold.render.article import RenderOptions
from retold.render.formats import Output, formats_for

log = logging.getLogger("retold")

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2

# The openai backend's flags from before backend options: each still works,
# as --backend-option openai.FIELD=VALUE, with a notice (argument -> field).
_DEPRECATED = {
    "api_base": "api_base",
    "model": "model",
    "api_key_env": "key_env",
    "api_timeout": "timeout",
}


# --- arguments -> requests (options only: the article comes later) ---------


def _segment_request(args: argparse.Namespace) -> jobs.Request:
    return jobs.SegmentRequest()


def _facts_request(args: argparse.Namespace) -> jobs.Request:
    return jobs.FactsRequest()


def _summarize_request(args: argparse.Namespace) -> jobs.Request:
    return jobs.SummarizeRequest(sentences=args.sentences, ratio=args.ratio)


def _rewrite_request(args: argparse.Namespace) -> jobs.RewriteRequest:
    names = tuple(args.backend) if args.backend else ("rules",)
    options = _backend_options(args.backend_option or ())
    for dest, field_name in _DEPRECATED.items():
        value = getattr(args, dest)
        if value is None:
            continue
        flag = "--" + dest.replace("_", "-")
        print(
            f"retold: warning: {flag} is deprecated; use --backend-option "
            f"openai.{field_name}={str(value) or 'VALUE'}",
            file=sys.stderr,
        )
        # As before, an empty --api-base or --model leaves the environment's value.
        if "openai" in names and value != "":
            options.setdefault("openai", {}).setdefault(field_name, value)
    return jobs.RewriteRequest(
        backends=names,
        strength=args.strength,
        lm_rank=args.lm_rank,
        backend_options=options,
        frozen=_frozen(args.freeze or (), args.freeze_file),
        mode=args.mode,
        alternatives=int(args.alternatives),
    )


def _frozen(terms: Sequence[str], path: str | None) -> tuple[str, ...]:
    """--freeze terms, then --freeze-file's lines (blank lines and # comments skipped)."""
    found = list(terms)
    if path is not None:
        try:
            with open(path, encoding="utf-8") as handle:
                lines = handle.read().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise OptionsError(
                f"cannot read --freeze-file {path!r}: {reason}",
                "give a UTF-8 text file with one term a line",
            ) from exc
        found += [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    return tuple(dict.fromkeys(found))


def _backend_options(settings: Sequence[str]) -> dict[str, dict[str, str]]:
    """``["openai.model=x", ...]`` as ``{"openai": {"model": "x"}}``."""
    options: dict[str, dict[str, str]] = {}
    for setting in settings:
        key, equals, value = setting.partition("=")
        name, dot, field_name = key.partition(".")
        if not (equals and dot and name and field_name):
            raise OptionsError(
                f"--backend-option {setting!r} is not NAME.FIELD=VALUE",
                "e.g. --backend-option openai.model=gpt-4o-mini",
            )
        options.setdefault(name.strip(), {})[field_name.strip()] = value
    return options


def _audit_request(args: argparse.Namespace) -> jobs.AuditRequest:
    return jobs.AuditRequest(mode=args.mode, likelihood=args.likelihood)


# --- running a job over one source or a JSONL file -------------------------


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if path is None or path == "-":
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise OptionsError(
            f"cannot write to {path!r}: {exc.strerror}", "choose a writable output path"
        ) from exc
    with handle:
        yield handle


def _dump(result: dict[str, Any], out: IO[str]) -> None:
    text = json.dumps(result, ensure_ascii=False)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: escaped, the line stays valid UTF-8
            text = json.dumps(result)
    out.write(text + "\n")


def _ingest_options(args: argparse.Namespace) -> IngestOptions:
    return IngestOptions(
        allow_private=args.allow_private, timeout=args.timeout, total_timeout=args.total_timeout
    )


def _write(args: argparse.Namespace, output: Output) -> None:
    render = FORMATS.get(args.format).render
    options = RenderOptions(attribution=not getattr(args, "no_attribution", False))
    with _output(args.output) as out:
        out.write(render(output, options))


def _load_source(args: argparse.Namespace) -> Article:
    """The article SOURCE names; its id is the SOURCE as given ("stdin" for "-")."""
    _tell_terminal(args.source)
    article = load(args.source, _ingest_options(args))
    if article.id:
        return article
    return replace(article, id="stdin" if args.source == "-" else args.source)


def _tell_terminal(source: str | None) -> None:
    # Standard input waits for its writer as any filter does; on a terminal
    # that writer is the user, who may not know that retold is waiting.
    if source == "-" and sys.stdin is not None and sys.stdin.isatty():
        print("retold: reading standard input; end it with Ctrl-D", file=sys.stderr)


def _open_jsonl(path: str, ingest: IngestOptions) -> IO[bytes]:
    # Bytes, decoded line by line: one line that is not UTF-8 is one error record.
    if path == "-":
        if sys.stdin is None:
            raise EmptyInputError("there is no standard input", "pipe JSON lines into it")
        _tell_terminal(path)
        return sys.stdin.buffer
    # max_bytes bounds one article; a JSONL file of many may be any size
    return open_input(path, replace(ingest, max_bytes=1 << 40))


def _run_records(args: argparse.Namespace, request: jobs.Request) -> int:
    """Run the job on every line; a bad line is reported and the rest still run."""
    failures = 0
    ingest = _ingest_options(args)
    source = _open_jsonl(args.jsonl, ingest)
    with source, _output(args.output) as out:
        for result in jobs.run_records(request, source, ingest):
            if result.error is not None:
                failures += 1
                _report_line_error(result.line, result.id, result.error)
            _dump(result.data, out)
            if result.error is None:
                out.flush()
    if failures:
        print(f"retold: {failures} line(s) failed; the others were processed", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _report_line_error(line: int, id_: str, error: RetoldError) -> None:
    text = str(error)
    prefix = f"line {line}"
    if not text.startswith(prefix) and f"] {prefix}" not in text:
        text = f"{prefix} (id {id_}): {text}"
    print(f"retold: error: {text}", file=sys.stderr)


def _run(make: Callable[[argparse.Namespace], jobs.Request]) -> Callable[[argparse.Namespace], int]:
    """segment, facts and summarize: one SOURCE or --jsonl FILE."""

    def run(args: argparse.Namespace) -> int:
        if (args.source is None) == (args.jsonl is None):
            raise OptionsError(
                "give either SOURCE or --jsonl FILE (exactly one)",
                f"e.g. 'retold {args.command} article.txt' or "
                f"'retold {args.command} --jsonl many.jsonl'",
            )
        request = make(args)  # options are checked before any input is read
        if args.jsonl is not None:
            return _run_records(args, request)
        _write(args, jobs.run(replace(request, article=_load_source(args))))
        return EXIT_OK

    return run


def _run_rewrite(args: argparse.Namespace) -> int:
    """One article in any format; --jsonl to JSON lines."""
    if args.jsonl is not None and args.format != "json":
        raise OptionsError(
            f"--jsonl writes JSON lines; --format {args.format} is for one article",
            "drop --format, or rewrite one article at a time",
        )
    if args.format == "json" or args.jsonl is not None:
        return _run(_rewrite_request)(args)
    if args.source is None:
        raise OptionsError("give SOURCE or --jsonl FILE", "e.g. 'retold rewrite article.txt'")
    request = _rewrite_request(args)
    _write(args, jobs.run(replace(request, article=_load_source(args))))
    return EXIT_OK


def _run_audit(args: argparse.Namespace) -> int:
    request = _audit_request(args)
    if args.jsonl is not None:
        if args.source is not None:
            raise OptionsError(
                "give either SOURCE [REWRITE] or --jsonl FILE, not both",
                "e.g. 'retold audit source.txt rewrite.txt' or 'retold audit --jsonl pairs.jsonl'",
            )
        if args.format != "json":
            raise OptionsError(
                f"--jsonl writes JSON lines; --format {args.format} is for one pair",
                "drop --format, or audit one pair at a time",
            )
        return _run_records(args, request)
    if args.source is None:
        raise OptionsError(
            "give SOURCE and REWRITE (or only REWRITE, for the checks that need no source)",
            "e.g. 'retold audit source.txt rewrite.txt', or 'retold audit --jsonl pairs.jsonl'",
        )
    ingest = _ingest_options(args)
    _tell_terminal(args.source)
    first = load(args.source, ingest)
    if args.rewrite is None:
        request = replace(request, id=args.source, rewrite_article=first)
    else:
        second = load(args.rewrite, ingest)
        request = replace(request, id=args.rewrite, source_article=first, rewrite_article=second)
    _write(args, jobs.run(request))
    return EXIT_OK


def _run_serve(args: argparse.Namespace) -> int:
    from retold.service import ServiceOptions, serve

    limits = {"workers": args.workers} if args.workers else {}
    options = ServiceOptions(
        host=args.host,
        port=args.port,
        max_concurrent=args.max_concurrent,
        timeout=args.timeout,
        max_body=args.max_body,
        max_chars=args.max_chars,
        allow_private=args.allow_private,
        allowed_hosts=tuple(args.allow_host or ()),
        processes=args.processes,
        **limits,
    )
    serve(options)
    return EXIT_OK


# --- the parser ------------------------------------------------------------


def _add_document_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    formats = formats_for(command)
    parser.add_argument(
        "source",
        metavar="SOURCE",
        nargs="?",
        help="a file path, an http(s) URL, or '-' for standard input; HTML is detected",
    )
    parser.add_argument(
        "--jsonl",
        metavar="FILE",
        help="process many documents: one JSON object per line with 'id' and one of "
        "'text', 'html' or 'url'; writes one JSON result per line, in input order. A line "
        'that fails is the error record {"id", "line", "error"} and the others go on; '
        "the exit status is then 2",
    )
    parser.add_argument("--format", choices=formats, default=formats[0], help="output format")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="allow fetching URLs on loopback, private and link-local addresses",
    )
    _add_wait_arguments(parser)


def _add_wait_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=_number("--timeout", 0, MAX_SECONDS, above=True, example="--timeout 20"),
        default=20.0,
        metavar="SECONDS",
        help="the longest wait for a server (to connect, for each read) and for data from "
        "a FIFO or device given as a path (default 20; at most 86400); standard input "
        "waits for its writer",
    )
    parser.add_argument(
        "--total-timeout",
        type=_number("--total-timeout", 0, MAX_SECONDS, above=True, example="--total-timeout 60"),
        default=60.0,
        metavar="SECONDS",
        help="the longest a whole URL download may take, redirects included (default 60)",
    )


def _number(
    flag: str, low: float, high: float, *, above: bool = False, whole: bool = False, example: str
) -> Callable[[str], float]:
    """An argparse type: a number in range, or the [E300] error that gives the range."""

    def parse(text: str) -> float:
        return parse_number(flag, text, low, high, above=above, whole=whole, example=example)

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="retold",
        description="Rewrite and summarize news articles without changing a single fact.",
    )
    parser.add_argument("--version", action="version", version=f"retold {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "rewrite",
        help="rewrite an article sentence by sentence, every fact kept and checked",
        description="Rewrite every sentence in new words. Each candidate is audited against "
        "its source sentence; one with a changed fact is rejected and the next tried, and "
        'when none passes the source sentence is kept, with the reason. JSON: {"id", '
        '"title", "summary": [...], "sentences": [{"index", "source": {"text", "start", '
        '"end"}, "rewrite", "status", "backend", "issues", "alternatives"}], "report": {...}}.',
    )
    _add_document_arguments(p, "rewrite")
    p.add_argument(
        "--backend",
        action="append",
        metavar="NAME",
        help="a rewrite backend to ask for candidates (repeatable; default: rules). "
        "Built in: rules, smollm (SmolLM2 on the CPU), openai (an OpenAI-compatible "
        f"endpoint). Available: {', '.join(backends.available())}",
    )
    p.add_argument(
        "--backend-option",
        action="append",
        metavar="NAME.FIELD=VALUE",
        help="an option of a chosen backend, checked by the backend's own options "
        "(repeatable), e.g. openai.api_base=http://127.0.0.1:8000/v1, openai.model=NAME, "
        "openai.key_env=VAR (the variable that holds the API key; default OPENAI_API_KEY, "
        "no key is sent when it is unset), openai.timeout=SECONDS; an unknown field is "
        "refused with the list of valid ones",
    )
    p.add_argument(
        "--lm-rank",
        action="store_true",
        help="also rank each sentence's best candidates by SmolLM2's fluency and its "
        "likelihood given the source (slower: about 0.1 s per candidate)",
    )
    p.add_argument(
        "--api-base",
        metavar="URL",
        help="deprecated: --backend-option openai.api_base=URL (the endpoint before "
        "/chat/completions; default: $RETOLD_API_BASE)",
    )
    p.add_argument(
        "--model",
        metavar="NAME",
        help="deprecated: --backend-option openai.model=NAME (default: $RETOLD_MODEL)",
    )
    p.add_argument(
        "--api-key-env",
        metavar="VAR",
        help="deprecated: --backend-option openai.key_env=VAR",
    )
    p.add_argument(
        "--api-timeout",
        type=_number("--api-timeout", 0, MAX_SECONDS, above=True, example="--api-timeout 30"),
        metavar="SECONDS",
        help="deprecated: --backend-option openai.timeout=SECONDS (default 30); failed "
        "requests are retried with backoff, then the other backends stand in",
    )
    p.add_argument(
        "--strength",
        choices=["light", "medium", "strong"],
        default="medium",
        help="how far the wording may move from the source (default medium)",
    )
    p.add_argument(
        "--mode",
        choices=["standard", "formal", "simple"],
        default="standard",
        help="standard (default); formal: no contraction or colloquial opener ('But', "
        "'So') introduced, fewer preferred; simple: shorter sentences and commoner words "
        "preferred, no joins",
    )
    p.add_argument(
        "--freeze",
        action="append",
        metavar="TERM",
        help="a term to keep word for word, in the same case (repeatable); a candidate "
        "that changes, splits, drops or re-cases it is refused before the gate",
    )
    p.add_argument(
        "--freeze-file",
        metavar="FILE",
        help="terms to freeze, one a line (blank lines and lines starting with # skipped)",
    )
    p.add_argument(
        "--alternatives",
        type=_number("--alternatives", 0, 10, whole=True, example="--alternatives 2"),
        default=2,
        metavar="N",
        help="for each rewritten sentence, up to N other candidates that passed the gate, "
        'in the JSON\'s "alternatives" (default 2; 0: none; each costs one more audit)',
    )
    p.add_argument(
        "--no-attribution",
        action="store_true",
        help="md/html: leave out the line that names and links the source",
    )
    p.set_defaults(run=_run_rewrite)

    p = sub.add_parser(
        "segment",
        help="split an article into sentences with character offsets",
        description="Split an article into sentences. JSON: "
        '{"id", "sentences": [{"index", "text", "start", "end", "paragraph"}]}.',
    )
    _add_document_arguments(p, "segment")
    p.set_defaults(run=_run(_segment_request))

    p = sub.add_parser(
        "facts",
        help="list the checkable facts of an article",
        description="List numbers, dates, times, people, organisations, places, quotations, "
        'negations and modality. JSON: {"id", "facts": [{"kind", "text", "value", '
        '"start", "end", "sentence"}]}.',
    )
    _add_document_arguments(p, "facts")
    p.set_defaults(run=_run(_facts_request))

    p = sub.add_parser(
        "summarize",
        help="choose the key sentences of an article",
        description="Choose the key sentences, in article order, with every sentence's "
        'score. JSON: {"id", "sentences": [{"index", "text", "start", "end", "score"}], '
        '"scores": [...]}. Text: one chosen sentence per line.',
    )
    _add_document_arguments(p, "summarize")
    size = p.add_mutually_exclusive_group()
    size.add_argument(
        "-n",
        "--sentences",
        type=_number("--sentences", 1, 10**9, whole=True, example="-n 3"),
        default=3,
        metavar="K",
        help="how many sentences to choose (default 3; all of them if K >= the article's)",
    )
    size.add_argument(
        "--ratio",
        type=_number("--ratio", 0, 1, above=True, example="--ratio 0.2"),
        metavar="R",
        help="choose this share of the sentences (0 < R <= 1)",
    )
    p.set_defaults(run=_run(_summarize_request))

    p = sub.add_parser(
        "audit",
        help="check a rewrite against its source: changed facts, broken text",
        description="Align REWRITE with SOURCE sentence by sentence and report every changed "
        "number, date, name, quotation, negation, modality or meaning, and broken text. "
        "With one argument, the text is checked alone (the checks that need no source). "
        'JSON: {"id", "score", "mode", "gate": {"accept", "blockers"}, "alignments": [...], '
        '"issues": [{"code", "kind", '
        '"severity", "message", "source_span", "rewrite_span"}], "sentence_scores": [...]}.',
    )
    p.add_argument("source", metavar="SOURCE", nargs="?", help="the original (path, URL or '-')")
    p.add_argument(
        "rewrite", metavar="REWRITE", nargs="?", help="the rewrite to check (path, URL or '-')"
    )
    p.add_argument(
        "--jsonl",
        metavar="FILE",
        help='many pairs: one JSON object per line, {"id", "source", "rewrite"} (a line '
        "without 'source' gets the source-free checks); one report per line, in order. A "
        'line that fails is the error record {"id", "line", "error"} and the others go '
        "on; the exit status is then 2",
    )
    p.add_argument(
        "--format",
        choices=formats_for("audit"),
        default="json",
        help="output format; html: a self-contained side-by-side report (one SOURCE only)",
    )
    p.add_argument(
        "--mode",
        choices=["rewrite", "summary"],
        default="rewrite",
        help="'rewrite': every source sentence should be rewritten (default); 'summary': "
        "REWRITE summarizes SOURCE, so leaving things out is no issue",
    )
    p.add_argument(
        "--likelihood",
        action="store_true",
        help="weigh each sentence's score by its likelihood given its source under the "
        "small language model (better scores, but about 0.1-0.3 s per sentence)",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    p.add_argument("--allow-private", action="store_true", help="allow private-address URLs")
    _add_wait_arguments(p)
    p.set_defaults(run=_run_audit)

    p = sub.add_parser(
        "serve",
        help="serve the commands over HTTP and the web page at /",
        description="Serve POST /v1/segment|facts|summarize|audit|rewrite (JSON bodies are "
        "the commands' requests), GET /healthz (200 once the models are loaded), the OpenAPI "
        "schema at /openapi.json and the web page at /. Errors are JSON {code, message}.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument(
        "--port",
        type=_number("--port", 0, 65535, whole=True, example="--port 8000"),
        default=8000,
        help="port to listen on (default 8000)",
    )
    p.add_argument(
        "--workers",
        type=_number("--workers", 1, 1024, whole=True, example="--workers 2"),
        metavar="N",
        help="threads (or processes) that run jobs (default: cores, up to 4)",
    )
    p.add_argument(
        "--processes",
        action="store_true",
        help="run jobs in worker processes, each with its own models: audits and "
        "rewrites run in parallel (summaries do in threads too)",
    )
    p.add_argument(
        "--max-concurrent",
        type=_number("--max-concurrent", 1, 10**6, whole=True, example="--max-concurrent 32"),
        default=32,
        metavar="N",
        help="requests running or waiting at once; one more is answered 503 (default 32)",
    )
    p.add_argument(
        "--timeout",
        type=_number("--timeout", 0, MAX_SECONDS, above=True, example="--timeout 60"),
        default=60.0,
        metavar="SECONDS",
        help="per-request limit (504)",
    )
    p.add_argument(
        "--max-body",
        type=_number("--max-body", 1, 1 << 31, whole=True, example="--max-body 2097152"),
        default=2 * 1024 * 1024,
        metavar="BYTES",
    )
    p.add_argument(
        "--max-chars",
        type=_number("--max-chars", 1, 10**9, whole=True, example="--max-chars 200000"),
        default=200_000,
        metavar="N",
        help="per article",
    )
    p.add_argument(
        "--allow-private",
        action="store_true",
        help="let URL input reach loopback, private and link-local addresses",
    )
    p.add_argument(
        "--allow-host",
        action="append",
        metavar="HOST",
        help="let URL input reach this host even at a private address (repeatable); "
        "a redirect from it to another private host is still refused",
    )
    p.set_defaults(run=_run_serve)

    batch_command.add_parser(sub)
    return parser


def _first_line(record: logging.LogRecord) -> bool:
    record.msg, record.args = record.getMessage().split("\n", 1)[0], ()
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except RetoldError as exc:  # a flag's value out of range
        print(f"retold: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="retold: %(levelname)s: %(message)s",
    )
    # A library's warnings.warn() is a line of the log, like our own warnings,
    # not a second line of source code on standard error (issue 16).
    logging.captureWarnings(True)
    if _first_line not in logging.getLogger("py.warnings").filters:
        logging.getLogger("py.warnings").addFilter(_first_line)
    try:
        code: int = args.run(args)
        return code
    except RetoldError as exc:
        if args.debug:
            raise
        print(f"retold: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"retold: internal error: {type(exc).__name__}: {exc} "
            "(run again with --debug for the traceback, and please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
