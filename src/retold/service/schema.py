"""The OpenAPI description of the service, with request bodies read off the jobs layer.

Each ``/v1/<command>`` body is the fields of that command's request class
in :mod:`retold.jobs`, so the schema cannot drift from what the jobs accept.
The schema is checked in as ``docs/openapi.json``; a test keeps it current::

    python -m retold.service.schema            # rewrite docs/openapi.json
    python -m retold.service.schema --check    # exit 1 when it is out of date
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from retold import jobs

__all__ = ["ERROR_SCHEMA", "JOB_SCHEMA", "openapi_text", "request_schema"]

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string", "description": "stable code, e.g. E110 or E501"},
        "message": {"type": "string", "description": "what went wrong and how to fix it"},
    },
}

JOB_SCHEMA: dict[str, Any] = {
    "title": "Job",
    "type": "object",
    "required": ["id", "command", "state", "done", "total", "stage", "progress", "format"],
    "properties": {
        "id": {"type": "string", "description": "the job's unguessable id"},
        "command": {"type": "string", "description": "segment, facts, summarize, rewrite or audit"},
        "state": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
        "done": {
            "type": "integer",
            "description": "how far the stage has gone: sentences, or an audit's aligned "
            "groups while it checks them (0 for a job without stages)",
        },
        "total": {"type": "integer", "description": "the stage's count in all (else 0)"},
        "stage": {
            "type": "string",
            "description": "a rewrite's stage: reading, rewriting, ranking, checking (the gate, "
            "which settles the sentences one by one) or finishing; an audit's: reading, "
            "aligning, proofreading or checking (the aligned groups one by one); else empty",
        },
        "progress": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "the share of the whole job done, by its stages' shares of the run "
            "time; 1 once done",
        },
        "format": {
            "type": "string",
            "description": "the rendering asked besides the JSON result (json: none)",
        },
        "result": {"type": "object", "description": "when done: what POST /v1/<command> answers"},
        "rendered": {
            "type": "string",
            "description": "when done and a format was asked: what POST /v1/<command>?format= "
            "answers",
        },
        "error": {**ERROR_SCHEMA, "description": "when failed: what went wrong"},
        "status": {
            "type": "integer",
            "description": "when failed: the HTTP status POST /v1/<command> would have had",
        },
    },
}

_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _type_schema(hint: Any) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        kinds = [k for k in typing.get_args(hint) if k is not type(None)]
        return {"anyOf": [*(_type_schema(k) for k in kinds), {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": {"type": "string"}}
    if origin in (Mapping, dict) or hint in (Mapping, dict):
        return {"type": "object"}
    return {"type": _JSON_TYPES.get(hint, "object")}


def request_schema(cls: type[jobs.Request]) -> dict[str, Any]:
    """The JSON schema of ``cls``'s plain-data fields, with their defaults."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    properties: dict[str, Any] = {}
    for name in cls.fields():
        schema = _type_schema(hints[name])
        field = fields[name]
        if field.default is not dataclasses.MISSING:
            default = field.default
            schema["default"] = list(default) if isinstance(default, tuple) else default
        elif field.default_factory is not dataclasses.MISSING:
            schema["default"] = dict(field.default_factory())
        properties[name] = schema
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    return {
        "title": f"{cls.__name__}",
        "description": " ".join(doc.split()),
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }


def _doc_path() -> Path:
    return Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def openapi_text() -> str:
    """The schema as ``docs/openapi.json`` holds it."""
    from retold.service.app import create_app

    return json.dumps(create_app().openapi(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = _doc_path()
    text = openapi_text()
    if "--check" in args:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            sys.stderr.write(f"{path} is out of date: run python -m retold.service.schema\n")
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
