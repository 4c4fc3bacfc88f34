"""A worker process that dies on some line does not stop the run (issue 14).

The dying is real: a rewrite backend installed as a plugin (entry point
``retold_backends``, tests/batch/killer/retold_killer.py) kills its own
worker process with SIGKILL, or leaves it with ``os._exit(7)``, on a marked
sentence. The pool sees which chunk the dead worker held, runs it again line
by line, and a line that kills its worker twice becomes an error record.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RETOLD = [sys.executable, "-m", "retold.cli"]
KILLER = Path(__file__).resolve().parent / "killer" / "retold_killer.py"
TEXTS = (
    "The council approved $4.5 million for the bridge. Work starts in May.",
    "Police said no one was hurt. The road reopened at noon.",
    "Dr. Ruiz arrived at 9 a.m. on Monday. She spoke for 20 minutes.",
)


@pytest.fixture
def plugin_path(tmp_path: Path) -> str:
    """A folder where the killer backend is installed, as pip would leave it."""
    site = tmp_path / "site"
    info = site / "retold_killer-0.0.1.dist-info"
    info.mkdir(parents=True)
    shutil.copy(KILLER, site / "retold_killer.py")
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: retold-killer\nVersion: 0.0.1\n")
    (info / "entry_points.txt").write_text("[retold_backends]\nkiller = retold_killer:Killer\n")
    return str(site)


def corpus(path: Path, marks: dict[int, str]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(12):
            text = TEXTS[i % 3] + (f" It said {marks[i]} here." if i in marks else "")
            out.write(json.dumps({"id": f"k{i}", "text": text}) + "\n")


def batch(
    source: Path, out: Path, site: str, *where: str, **environ: str
) -> subprocess.CompletedProcess[str]:
    command = [*RETOLD, "batch", str(source), "-o", str(out), "--task", "rewrite"]
    command += ["--options", '{"backends": ["killer"]}', *where, "--chunk-size", "4"]
    path = os.pathsep.join(filter(None, [site, os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path, **environ}
    return subprocess.run(
        command, capture_output=True, text=True, timeout=600, env=env, check=False
    )


def test_a_line_that_kills_its_worker_is_an_error_record_and_the_run_goes_on(
    plugin_path: str, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    corpus(source, {4: "KILL-9", 9: "EXIT-7"})
    out = tmp_path / "out.jsonl"
    done = batch(source, out, plugin_path, "--workers", "2")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith("retold: batch: 12 done, 2 failed")
    records = [json.loads(raw) for raw in out.read_text(encoding="utf-8").splitlines()]
    # Every line once, in input order.
    assert [r["id"] for r in records] == [f"k{i}" for i in range(12)]
    errors = {r["id"]: r for r in records if "error" in r}
    assert sorted(errors) == ["k4", "k9"]
    assert errors["k4"]["line"] == 5 and errors["k9"]["line"] == 10
    assert errors["k4"]["error"]["message"].startswith(
        "[E900] line 5: the worker process died while processing this line: exit signal 9 (SIGKILL)"
    )
    assert "this line: exit status 7" in errors["k9"]["error"]["message"]

    # The other lines' results are those of a run where no worker died.
    clean = tmp_path / "clean.jsonl"
    corpus(clean, {})
    reference = tmp_path / "reference.jsonl"
    assert batch(clean, reference, plugin_path, "--workers", "1").returncode == 0
    expected = [json.loads(raw) for raw in reference.read_text(encoding="utf-8").splitlines()]
    assert [r for r in records if "error" not in r] == [
        r for r in expected if r["id"] not in errors
    ]


def test_on_dask_a_line_that_kills_its_worker_is_an_error_record(
    plugin_path: str, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    corpus(source, {6: "KILL-9"})
    out = tmp_path / "out.jsonl"
    # The scheduler gives up on a task at its first worker death (the
    # default retries it 3 times first), so the test takes fewer restarts.
    done = batch(
        source,
        out,
        plugin_path,
        "--dask",
        "local:2",
        DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="0",
    )
    assert done.returncode == 2, done.stderr
    records = [json.loads(raw) for raw in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [f"k{i}" for i in range(12)]
    assert [r["id"] for r in records if "error" in r] == ["k6"]
    assert (
        "the worker process died while processing this line: its Dask workers died"
        in (records[6]["error"]["message"])
    )
