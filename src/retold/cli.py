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
from dataclasses import dataclass, replace
from typing import IO, Any, TextIO

from retold import __version__, backends
from retold.analyze.facts import analyze
from retold.audit.auditor import AuditOptions, audit
from retold.backends import Backend
from retold.backends.openai import OpenAIBackend, OpenAIOptions
from retold.data import Article
from retold.errors import InputError, JsonlError, OptionsError, RetoldError, SourceNotFoundError
from retold.ingest.loader import (
    IngestOptions,
    article_from_html,
    article_from_text,
    load,
    looks_like_html,
)
from retold.ingest.records import BadLine, Record, article_from_record, read_records
from retold.render.article import RenderOptions, to_html, to_markdown
from retold.render.audit_page import render_html
from retold.rewrite.pipeline import rewrite
from retold.rewrite.result import RewriteOptions
from retold.segment.splitter import segment
from retold.summarize.selector import SummarizeOptions, summarize

log = logging.getLogger("retold")

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2

# One article in, one JSON-able result out.
Job = Callable[[Article], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Command:
    """What a subcommand does once its arguments are parsed.

    ``make_job`` turns the arguments into a job, checking options before any
    input is read, so a bad option fails fast.
    """

    make_job: Callable[[argparse.Namespace], Job]
    render_text: Callable[[dict[str, Any]], str] | None = None


# --- the jobs: thin wrappers over library calls ---------------------------


def _segment_job(args: argparse.Namespace) -> Job:
    def job(article: Article) -> dict[str, Any]:
        return {"id": article.id, "sentences": [s.to_json() for s in segment(article.text)]}

    return job


def _facts_job(args: argparse.Namespace) -> Job:
    def job(article: Article) -> dict[str, Any]:
        return {"id": article.id, "facts": [f.to_json() for f in analyze(article.text)]}

    return job


def _summarize_job(args: argparse.Namespace) -> Job:
    if args.ratio is not None:
        options = SummarizeOptions(sentences=None, ratio=args.ratio)
    else:
        options = SummarizeOptions(sentences=args.sentences)

    def job(article: Article) -> dict[str, Any]:
        return summarize(article, options).to_json()

    return job


def _segment_text(result: dict[str, Any]) -> str:
    return "".join(s["text"].replace("\n", " ") + "\n" for s in result["sentences"])


def _rewrite_options(args: argparse.Namespace) -> RewriteOptions:
    names = tuple(args.backend) if args.backend else ("rules",)
    known = backends.available()
    for name in names:
        if name not in known:
            raise OptionsError(
                f"no rewrite backend named {name!r}", f"choose from: {', '.join(known)}"
            )
    chosen: list[str | Backend] = []
    for name in names:
        if name == "openai":
            env = OpenAIOptions()
            api = OpenAIOptions(
                api_base=args.api_base or env.api_base,
                model=args.model or env.model,
                key_env=args.api_key_env,
                timeout=args.api_timeout,
            )
            api.endpoint()  # no endpoint: say so now, not once per article
            chosen.append(OpenAIBackend(api))
        else:
            chosen.append(name)
    return RewriteOptions(
        backends=tuple(chosen), strength=args.strength, language_model=args.lm_rank
    )


def _rewrite_job(args: argparse.Namespace) -> Job:
    options = _rewrite_options(args)

    def job(article: Article) -> dict[str, Any]:
        return rewrite(article, options).to_json()

    return job


def _run_rewrite(args: argparse.Namespace) -> int:
    """One article to JSON, Markdown or HTML; --jsonl to JSON lines."""
    if args.format == "json" or args.jsonl is not None:
        if args.jsonl is not None and args.format != "json":
            raise OptionsError(
                f"--jsonl writes JSON lines; --format {args.format} is for one article",
                "drop --format, or rewrite one article at a time",
            )
        return _run(Command(_rewrite_job))(args)
    if args.source is None:
        raise OptionsError("give SOURCE or --jsonl FILE", "e.g. 'retold rewrite article.txt'")
    options = _rewrite_options(args)
    article = _load_source(args)
    rewritten = rewrite(article, options)
    render = to_html if args.format == "html" else to_markdown
    with _output(args.output) as out:
        out.write(render(rewritten, article, RenderOptions(attribution=not args.no_attribution)))
    return EXIT_OK


def _summary_text(result: dict[str, Any]) -> str:
    return _segment_text(result)


def _facts_text(result: dict[str, Any]) -> str:
    # Tab-separated: sentence, kind, surface text, value, qualifier, unit.
    lines = []
    for f in result["facts"]:
        cells = [str(f["sentence"]), f["kind"], f["text"], f["value"]]
        cells += [f.get("qualifier", ""), f.get("unit", "")]
        lines.append("\t".join(cells).rstrip("\t") + "\n")
    return "".join(lines)


def _audit_options(args: argparse.Namespace) -> AuditOptions:
    return AuditOptions(mode=args.mode, likelihood=getattr(args, "likelihood", False))


def _audit_text(result: dict[str, Any]) -> str:
    lines = [f"score {result['score']:.3f} ({result['mode']})\n"]
    for issue in result["issues"]:
        where = []
        if issue["source_span"]:
            where.append("source {}-{}".format(*issue["source_span"]))
        if issue["rewrite_span"]:
            where.append("rewrite {}-{}".format(*issue["rewrite_span"]))
        at = f" [{', '.join(where)}]" if where else ""
        lines.append(
            f"{issue['severity']} {issue['code']} {issue['kind']}: {issue['message']}{at}\n"
        )
    if not result["issues"]:
        lines.append("no issues\n")
    return "".join(lines)


def _run_audit(args: argparse.Namespace) -> int:
    options = _audit_options(args)
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
        return _run_audit_jsonl(args, options)
    if args.source is None:
        raise OptionsError(
            "give SOURCE and REWRITE (or only REWRITE, for the checks that need no source)",
            "e.g. 'retold audit source.txt rewrite.txt', or 'retold audit --jsonl pairs.jsonl'",
        )
    ingest = _ingest_options(args)
    first = load(args.source, ingest)
    second = load(args.rewrite, ingest) if args.rewrite is not None else None
    if second is None:
        report = audit(first, None, replace(options, id=args.source))
        source_text, rewrite_text = None, first.text
    else:
        report = audit(first, second, replace(options, id=args.rewrite))
        source_text, rewrite_text = first.text, second.text
    with _output(args.output) as out:
        if args.format == "html":
            title = (second or first).title or (args.rewrite or args.source)
            out.write(render_html(report, source_text, rewrite_text, title=title))
        elif args.format == "text":
            out.write(_audit_text(report.to_json()))
        else:
            _dump(report.to_json(), out)
    return EXIT_OK


def _run_audit_jsonl(args: argparse.Namespace, options: AuditOptions) -> int:
    def job(record: Record) -> dict[str, Any]:
        rewrite = record.text_field("rewrite")
        if rewrite is None:
            raise JsonlError(
                f"line {record.line}: no 'rewrite' field",
                'give each line {"id", "source", "rewrite"}; without "source" only the '
                "source-free checks run",
            )
        source = record.text_field("source")
        rewritten = _pair_article(rewrite[1])
        original = _pair_article(source[1]) if source is not None else None
        opts = replace(options, id=record.id)
        if original is None:
            return audit(rewritten, None, opts).to_json()
        return audit(original, rewritten, opts).to_json()

    return _run_records(args, job)


def _pair_article(text: str) -> Article:
    return article_from_html(text) if looks_like_html(text) else article_from_text(text)


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
    out.write(json.dumps(result, ensure_ascii=False) + "\n")


def _ingest_options(args: argparse.Namespace) -> IngestOptions:
    return IngestOptions(allow_private=args.allow_private, timeout=args.timeout)


def _run_single(args: argparse.Namespace, command: Command) -> int:
    job = command.make_job(args)
    result = job(_load_source(args))
    with _output(args.output) as out:
        if args.format == "text" and command.render_text is not None:
            out.write(command.render_text(result))
        else:
            _dump(result, out)
    return EXIT_OK


def _load_source(args: argparse.Namespace) -> Article:
    """The article SOURCE names; its id is the SOURCE as given ("stdin" for "-")."""
    article = load(args.source, _ingest_options(args))
    if article.id:
        return article
    return replace(article, id="stdin" if args.source == "-" else args.source)


def _open_jsonl(path: str) -> TextIO:
    if path == "-":
        return sys.stdin
    try:
        return open(path, encoding="utf-8", errors="strict")
    except FileNotFoundError as exc:
        raise SourceNotFoundError(
            f"no such file: {path!r}", "check the path given to --jsonl"
        ) from exc
    except IsADirectoryError as exc:
        raise SourceNotFoundError(
            f"{path!r} is a directory", "give --jsonl a JSONL file, one JSON object per line"
        ) from exc
    except OSError as exc:
        raise InputError(f"cannot read {path!r}: {exc.strerror}") from exc


def _run_jsonl(args: argparse.Namespace, command: Command) -> int:
    job = command.make_job(args)
    options = _ingest_options(args)
    return _run_records(args, lambda record: job(article_from_record(record, options)))


def _run_records(args: argparse.Namespace, job: Callable[[Record], dict[str, Any]]) -> int:
    """Run ``job`` on every line; a bad line is reported and the rest still run."""
    failures = 0
    source = _open_jsonl(args.jsonl)
    with source, _output(args.output) as out:
        try:
            for item in read_records(source):
                if isinstance(item, BadLine):
                    failures += 1
                    _report_line_error(item.line, item.id, item.error)
                    _dump({"id": item.id, "error": _error_json(item.error)}, out)
                    continue
                try:
                    result = job(item)
                except RetoldError as exc:
                    failures += 1
                    _report_line_error(item.line, item.id, exc)
                    _dump({"id": item.id, "error": _error_json(exc)}, out)
                    continue
                _dump(result, out)
                out.flush()
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{args.jsonl!r} is not valid UTF-8 (byte {exc.start})",
                "JSONL input must be UTF-8 encoded",
            ) from exc
    if failures:
        print(f"retold: {failures} line(s) failed; the others were processed", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _error_json(error: RetoldError) -> dict[str, str]:
    return {"code": error.code, "message": str(error)}


def _report_line_error(line: int, id_: str, error: RetoldError) -> None:
    text = str(error)
    prefix = f"line {line}"
    if not text.startswith(prefix) and f"] {prefix}" not in text:
        text = f"{prefix} (id {id_}): {text}"
    print(f"retold: error: {text}", file=sys.stderr)


def _run(command: Command) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        if (args.source is None) == (args.jsonl is None):
            raise OptionsError(
                "give either SOURCE or --jsonl FILE (exactly one)",
                "e.g. 'retold segment article.txt' or 'retold segment --jsonl many.jsonl'",
            )
        if args.jsonl is not None:
            return _run_jsonl(args, command)
        return _run_single(args, command)

    return run


# --- the parser ------------------------------------------------------------


def _add_document_arguments(parser: argparse.ArgumentParser, formats: Sequence[str]) -> None:
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
        "'text', 'html' or 'url'; writes one JSON result per line, in input order",
    )
    parser.add_argument("--format", choices=formats, default=formats[0], help="output format")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="allow fetching URLs on loopback, private and link-local addresses",
    )
    parser.add_argument(
        "--timeout", type=float, default=20.0, metavar="SECONDS", help="URL fetch timeout"
    )


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
        '"end"}, "rewrite", "status", "backend", "issues"}], "report": {...}}.',
    )
    _add_document_arguments(p, ["json", "md", "html"])
    p.add_argument(
        "--backend",
        action="append",
        metavar="NAME",
        help="a rewrite backend to ask for candidates (repeatable; default: rules). "
        "Built in: rules, smollm (SmolLM2 on the CPU), openai (an OpenAI-compatible endpoint)",
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
        help="openai backend: the endpoint before /chat/completions, e.g. "
        "http://127.0.0.1:8000/v1 (default: $RETOLD_API_BASE)",
    )
    p.add_argument(
        "--model",
        metavar="NAME",
        help="openai backend: the model name to ask for (default: $RETOLD_MODEL)",
    )
    p.add_argument(
        "--api-key-env",
        metavar="VAR",
        default="OPENAI_API_KEY",
        help="openai backend: the environment variable that holds the API key "
        "(default OPENAI_API_KEY; no key is sent when it is unset)",
    )
    p.add_argument(
        "--api-timeout",
        type=float,
        metavar="SECONDS",
        default=30.0,
        help="openai backend: seconds to wait for each answer (default 30); failed "
        "requests are retried with backoff, then the other backends stand in",
    )
    p.add_argument(
        "--strength",
        choices=["light", "medium", "strong"],
        default="medium",
        help="how far the wording may move from the source (default medium)",
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
    _add_document_arguments(p, ["jsonl", "text"])
    p.set_defaults(run=_run(Command(_segment_job, _segment_text)))

    p = sub.add_parser(
        "facts",
        help="list the checkable facts of an article",
        description="List numbers, dates, times, people, organisations, places, quotations, "
        'negations and modality. JSON: {"id", "facts": [{"kind", "text", "value", '
        '"start", "end", "sentence"}]}.',
    )
    _add_document_arguments(p, ["json", "text"])
    p.set_defaults(run=_run(Command(_facts_job, _facts_text)))

    p = sub.add_parser(
        "summarize",
        help="choose the key sentences of an article",
        description="Choose the key sentences, in article order, with every sentence's "
        'score. JSON: {"id", "sentences": [{"index", "text", "start", "end", "score"}], '
        '"scores": [...]}. Text: one chosen sentence per line.',
    )
    _add_document_arguments(p, ["json", "text"])
    size = p.add_mutually_exclusive_group()
    size.add_argument(
        "-n",
        "--sentences",
        type=int,
        default=3,
        metavar="K",
        help="how many sentences to choose (default 3; all of them if K >= the article's)",
    )
    size.add_argument(
        "--ratio", type=float, metavar="R", help="choose this share of the sentences (0 < R <= 1)"
    )
    p.set_defaults(run=_run(Command(_summarize_job, _summary_text)))

    p = sub.add_parser(
        "audit",
        help="check a rewrite against its source: changed facts, broken text",
        description="Align REWRITE with SOURCE sentence by sentence and report every changed "
        "number, date, name, quotation, negation, modality or meaning, and broken text. "
        "With one argument, the text is checked alone (the checks that need no source). "
        'JSON: {"id", "score", "mode", "alignments": [...], "issues": [{"code", "kind", '
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
        "without 'source' gets the source-free checks); one report per line, in order",
    )
    p.add_argument(
        "--format",
        choices=["json", "text", "html"],
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
    p.add_argument(
        "--timeout", type=float, default=20.0, metavar="SECONDS", help="URL fetch timeout"
    )
    p.set_defaults(run=_run_audit)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="retold: %(levelname)s: %(message)s",
    )
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
