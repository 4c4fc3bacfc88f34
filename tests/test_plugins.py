"""Registries that outside packages extend: a real package with entry points.

``tests/plugin_fixture`` is a tiny package (a backend that needs a key and
has one option, and an output format) that declares its entry points in its
``pyproject.toml``. It is installed offline into a temporary folder, never
into the venv, and ``retold`` runs in a subprocess with that folder on its
PYTHONPATH.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from retold import backends, plugins
from retold.backends import Backend, Candidate, GenerateOptions, SentenceContext
from retold.errors import OptionsError

ROOT = Path(__file__).resolve().parent
FIXTURE = ROOT / "plugin_fixture"
ARTICLE = (
    "Park Budget Approved\n\n"
    "The council met on Monday. Mayor Ana Ruiz said the vote was good for the city.\n"
)


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the fixture package is installed into."""
    work = tmp_path_factory.mktemp("plugin")
    source = work / "src"
    shutil.copytree(FIXTURE, source, ignore=shutil.ignore_patterns("__pycache__"))
    target = work / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
        cwd=work,
    )
    return target


def retold(
    plugin_path: Path, *args: str, key: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    program = shutil.which("retold", path=str(Path(sys.executable).parent))
    assert program is not None
    env = {**os.environ, "PYTHONPATH": str(plugin_path), "PYTHONIOENCODING": "utf-8"}
    env.pop("RETOLD_SHOUT_KEY", None)
    if key is not None:
        env["RETOLD_SHOUT_KEY"] = key
    return subprocess.run(
        [program, *args], capture_output=True, text=True, env=env, check=False, cwd=cwd
    )


def test_installed_backend_is_listed_and_used(plugin_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "park.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    helped = retold(plugin_path, "rewrite", "--help")
    assert helped.returncode == 0
    assert "Available: openai, rules, shout, smollm" in " ".join(helped.stdout.split())

    done = retold(plugin_path, "rewrite", str(article), "--backend", "shout", key="k")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    by_backend = {s["backend"]: s["rewrite"] for s in result["sentences"]}
    assert by_backend["shout"] == "Mayor Ana Ruiz stated the vote was good for the city."

    done = retold(
        plugin_path,
        "rewrite",
        str(article),
        "--backend",
        "shout",
        "--backend-option",
        "shout.verb=declared",
        key="k",
    )
    assert done.returncode == 0, done.stderr
    assert "Mayor Ana Ruiz declared the vote" in done.stdout


def test_installed_backend_key_and_options_are_checked(plugin_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "park.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    done = retold(plugin_path, "rewrite", str(article), "--backend", "shout")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "retold: error: [E300] the shout backend needs a key and none was found "
        "(set the RETOLD_SHOUT_KEY environment variable, e.g. export RETOLD_SHOUT_KEY=...)"
    ]
    done = retold(
        plugin_path,
        "rewrite",
        str(article),
        "--backend",
        "shout",
        "--backend-option",
        "shout.loud=yes",
        key="k",
    )
    assert done.returncode == 2
    assert "no option 'loud' (valid options: verb)" in done.stderr


def test_installed_format_is_a_choice_and_works(plugin_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "park.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    helped = retold(plugin_path, "segment", "--help")
    assert "{jsonl,text,shout}" in helped.stdout
    done = retold(plugin_path, "segment", str(article), "--format", "shout")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "PARK BUDGET APPROVED",
        "THE COUNCIL MET ON MONDAY.",
        "MAYOR ANA RUIZ SAID THE VOTE WAS GOOD FOR THE CITY.",
    ]
    done = retold(plugin_path, "summarize", str(article), "-n", "1", "--format", "shout")
    assert done.returncode == 0 and done.stdout.isupper()
    # A format is offered only where it says it applies.
    done = retold(plugin_path, "facts", str(article), "--format", "shout")
    assert done.returncode == 2 and "invalid choice: 'shout'" in done.stderr


def test_without_the_package_nothing_is_added(tmp_path: Path) -> None:
    assert "shout" not in backends.available()
    assert "shout" not in plugins.FORMATS.names()
    with pytest.raises(OptionsError, match="retold_backends"):
        backends.get("shout")


class Echo(Backend):
    """A backend registered in-process, with a key it needs."""

    name = "echo-test"
    needs_key = True
    key_env_var = "RETOLD_ECHO_TEST_KEY"

    def candidates(
        self, context: SentenceContext, options: GenerateOptions
    ) -> tuple[Candidate, ...]:
        return ()


@pytest.fixture
def echo() -> Iterator[type[Backend]]:
    backends.register(Echo)
    yield Echo
    backends.unregister(Echo.name)


def test_register_goes_through_the_registry(echo: type[Backend]) -> None:
    assert plugins.BACKENDS.get("echo-test") is echo
    assert "echo-test" in backends.available()
    assert backends.get("echo-test") is backends.get("echo-test")
    with pytest.raises(OptionsError, match="takes no options"):
        backends.create("echo-test", {"x": "1"})


def test_get_key_reads_the_declared_variable(
    echo: type[Backend], monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = backends.get("echo-test")
    monkeypatch.delenv("RETOLD_ECHO_TEST_KEY", raising=False)
    with pytest.raises(OptionsError, match="export RETOLD_ECHO_TEST_KEY="):
        backends.get_key(backend)
    monkeypatch.setenv("RETOLD_ECHO_TEST_KEY", " secret ")
    assert backends.get_key(backend) == "secret"


def test_openai_options_from_plain_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MY_KEY", raising=False)
    backend = backends.create(
        "openai",
        {"api_base": "http://127.0.0.1:9/v1", "timeout": "5", "key_env": "MY_KEY", "retries": "0"},
    )
    options = backend.options  # type: ignore[attr-defined]
    assert (options.timeout, options.retries, options.key_env) == (5.0, 0, "MY_KEY")
    # The key is optional for an OpenAI-compatible server (a local one needs none).
    assert backends.get_key(backend) is None
    monkeypatch.setenv("MY_KEY", "sk-1")
    assert backends.get_key(backend) == "sk-1"
    with pytest.raises(OptionsError, match="must be float"):
        backends.create("openai", {"timeout": "soon"})
