"""Every number a user can give is checked: NaN, infinities, negatives, zero
where it is not allowed and absurd sizes are an [E300] that says the allowed
range, on the command line and in library calls alike (issue 15).

Before: ``--timeout nan`` and ``--timeout inf`` were internal errors
(ValueError, OverflowError), ``--timeout nan`` on a file was accepted
silently, ``-n 1e308`` an argparse usage message, ``serve --timeout nan``
started a server, and ``openai.temperature=nan`` went to the endpoint.
"""

from __future__ import annotations

from typing import Any

import pytest

from retold import jobs
from retold.backends.openai import OpenAIOptions
from retold.cli import main
from retold.errors import OptionsError, check_range, parse_number
from retold.ingest.fetch import FetchOptions
from retold.ingest.loader import IngestOptions
from retold.service import ServiceOptions
from tests.paths import EXAMPLE

BAD_SECONDS = ["nan", "inf", "-inf", "1e308", "-1", "0"]


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str], *needles: str) -> str:
    code = main(argv)
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith("retold: error: [E300] "), err
    for needle in needles:
        assert needle in lines[0], err
    return lines[0]


@pytest.mark.parametrize("value", BAD_SECONDS)
@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (["segment", str(EXAMPLE)], "--timeout"),
        (["segment", str(EXAMPLE)], "--total-timeout"),
        (["facts", "--jsonl", "-"], "--timeout"),
        (["audit", str(EXAMPLE), str(EXAMPLE)], "--timeout"),
        (["audit", str(EXAMPLE), str(EXAMPLE)], "--total-timeout"),
        (["rewrite", str(EXAMPLE), "--backend", "openai"], "--api-timeout"),
        (["serve"], "--timeout"),
    ],
)
def test_a_wait_must_be_a_finite_positive_number_of_seconds(
    argv: list[str], flag: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _refused(
        [*argv, f"{flag}={value}"],
        capsys,
        f"{flag} must be a number above 0 and at most 86400, not {value!r}",
    )


@pytest.mark.parametrize(
    ("argv", "allowed"),
    [
        (["summarize", str(EXAMPLE), "-n", "1e308"], "--sentences must be a whole number from 1"),
        (["summarize", str(EXAMPLE), "-n", "0"], "--sentences must be a whole number from 1"),
        (["summarize", str(EXAMPLE), "-n", "2.5"], "--sentences must be a whole number from 1"),
        (["summarize", str(EXAMPLE), "--ratio", "nan"], "--ratio must be a number above 0 and"),
        (["summarize", str(EXAMPLE), "--ratio", "1.5"], "at most 1, not '1.5'"),
        (["serve", "--port", "70000"], "--port must be a whole number from 0 to 65535"),
        (["serve", "--workers", "0"], "--workers must be a whole number from 1 to 1024"),
        (["serve", "--max-concurrent", "inf"], "--max-concurrent must be a whole number"),
        (["serve", "--max-body", "-5"], "--max-body must be a whole number from 1"),
        (["serve", "--max-chars", "1e308"], "--max-chars must be a whole number from 1"),
        (["batch", "x.jsonl", "-o", "o.jsonl", "--workers", "nan"], "--workers must be a whole"),
        (["batch", "x.jsonl", "-o", "o.jsonl", "--chunk-size", "0"], "--chunk-size must be"),
        (["batch", "x.jsonl", "-o", "o.jsonl", "--shard-lines", "-1"], "--shard-lines must be"),
    ],
)
def test_counts_and_shares_say_their_range(
    argv: list[str], allowed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _refused(argv, capsys, allowed)


@pytest.mark.parametrize(
    ("setting", "allowed"),
    [
        ("timeout=nan", "timeout must be a number above 0 and at most 86400, not nan"),
        ("timeout=inf", "timeout must be a number above 0"),
        ("timeout=1e308", "timeout must be a number above 0"),
        ("backoff=inf", "backoff must be a number from 0 to 3600"),
        ("backoff=-1", "backoff must be a number from 0 to 3600"),
        ("temperature=nan", "temperature must be a number from 0 to 2"),
        ("max_tokens=-5", "max_tokens must be a whole number from 1"),
        ("max_bytes=0", "max_bytes must be a whole number from 1"),
        ("pause=inf", "pause must be a number from 0 to 86400"),
    ],
)
def test_backend_options_are_checked_before_any_input_is_read(
    setting: str, allowed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _refused(
        [
            "rewrite",
            "/no/such/article.txt",  # not read: the options fail first
            "--backend",
            "openai",
            "--backend-option",
            "openai.api_base=http://127.0.0.1:9/v1",
            "--backend-option",
            f"openai.{setting}",
        ],
        capsys,
        allowed,
    )
    assert f"--backend-option openai.{setting.split('=')[0]}=" in line  # the hint's example


NUMBERS: list[Any] = [float("nan"), float("inf"), -float("inf"), 1e308, -1, 0, True, "10"]


@pytest.mark.parametrize("value", NUMBERS)
@pytest.mark.parametrize(
    "make",
    [
        lambda v: FetchOptions(timeout=v),
        lambda v: FetchOptions(total_timeout=v),
        lambda v: IngestOptions(timeout=v),
        lambda v: IngestOptions(total_timeout=v),
        lambda v: OpenAIOptions(timeout=v),
        lambda v: ServiceOptions(timeout=v),
        lambda v: ServiceOptions(fetch_timeout=v),
    ],
)
def test_library_options_refuse_what_the_flags_refuse(make: Any, value: Any) -> None:
    with pytest.raises(OptionsError) as info:
        make(value)
    assert "must be a number above 0 and at most 86400" in str(info.value)


@pytest.mark.parametrize(
    "make",
    [
        lambda: FetchOptions(max_bytes=0),
        lambda: FetchOptions(max_bytes=1 << 50),
        lambda: FetchOptions(max_bytes=1.5),  # type: ignore[arg-type]
        lambda: FetchOptions(max_redirects=-1),
        lambda: FetchOptions(max_redirects=10**6),
        lambda: IngestOptions(max_bytes=-1),
        lambda: OpenAIOptions(retries=2.5),  # type: ignore[arg-type]
        lambda: OpenAIOptions(candidates=0),
        lambda: OpenAIOptions(max_wait=float("nan")),
    ],
)
def test_sizes_and_counts_of_library_options(make: Any) -> None:
    with pytest.raises(OptionsError, match=r"must be a (whole )?number (from|above) "):
        make()


def test_the_defaults_are_in_range() -> None:
    FetchOptions()
    IngestOptions()
    OpenAIOptions()
    ServiceOptions()


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"text": "A b.", "ratio": float("nan")}, "ratio"),
        ({"text": "A b.", "ratio": float("inf")}, "ratio"),
        ({"text": "A b.", "ratio": 10**400}, "too large a number"),
        ({"text": "A b.", "sentences": 0}, "sentences"),
    ],
)
def test_requests_as_plain_data_are_checked(data: dict[str, Any], needle: str) -> None:
    result = jobs.handle("summarize", data)
    assert result["error"]["code"] == "E300"
    assert needle in result["error"]["message"]


def test_check_range_names_the_range_and_the_value() -> None:
    assert check_range("n", 5, 1, 10, whole=True) == 5
    assert parse_number("--n", "0.25", 0, 1, above=True) == 0.25
    with pytest.raises(OptionsError) as info:
        parse_number("--n", "abc", 0, 1, above=True, example="--n 0.5")
    assert str(info.value) == (
        "[E300] --n must be a number above 0 and at most 1, not 'abc' (e.g. --n 0.5)"
    )
    with pytest.raises(OptionsError) as info:
        check_range("size", 10**400, 1, 100, whole=True)
    assert len(str(info.value)) < 150  # a huge number is shown cut short
