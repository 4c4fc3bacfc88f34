"""docs/openapi.json is the service's schema, and its bodies are the jobs' requests."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from retold import jobs
from retold.service import schema
from tests.service.server import Server

DOC = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_checked_in_schema_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == schema.openapi_text(), (
        "docs/openapi.json is out of date: run python -m retold.service.schema"
    )
    assert schema.main(["--check"]) == 0


def test_each_body_lists_the_request_fields_of_its_job() -> None:
    paths = json.loads(DOC.read_text(encoding="utf-8"))["paths"]
    for command in jobs.COMMANDS:
        body = paths[f"/v1/{command}"]["post"]["requestBody"]["content"]["application/json"]
        assert tuple(body["schema"]["properties"]) == jobs.REQUESTS[command].fields()
    summarize = paths["/v1/summarize"]["post"]["requestBody"]["content"]["application/json"]
    assert summarize["schema"]["properties"]["sentences"]["default"] == 3
    error = paths["/v1/audit"]["post"]["responses"]["503"]["content"]["application/json"]
    assert error["schema"]["required"] == ["code", "message"]


def test_the_server_serves_the_same_schema(server: Server) -> None:
    served = httpx.get(f"{server.url}/openapi.json").json()
    assert served == json.loads(DOC.read_text(encoding="utf-8"))
