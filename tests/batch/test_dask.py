"""The Dask path: the same per-partition function on a 2-worker LocalCluster."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from retold.batch import BatchOptions, run_batch
from tests.batch import warcs


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as local:
        yield local


def test_a_dask_run_equals_the_local_run(
    cluster: LocalCluster, mixed: Path, tmp_path: Path
) -> None:
    task = {"task": "summarize", "options": {"sentences": 1}, "chunk_size": 2}
    run_batch([str(mixed)], str(tmp_path / "local.out"), BatchOptions(workers=0, **task))
    on_dask = BatchOptions(dask=cluster.scheduler_address, **task)
    summary = run_batch([str(mixed)], str(tmp_path / "dask.out"), on_dask)
    assert summary.workers == 2
    assert (summary.done, summary.failed, summary.skipped) == (11, 4, 1)
    assert (tmp_path / "dask.out").read_bytes() == (tmp_path / "local.out").read_bytes()


def test_warc_records_on_dask_equal_the_local_run(cluster: LocalCluster, tmp_path: Path) -> None:
    path = warcs.write(tmp_path / "crawl.warc.gz", gzip=True)
    task = {"task": "segment", "chunk_size": 2}
    run_batch([str(path)], str(tmp_path / "local.out"), BatchOptions(workers=0, **task))
    on_dask = BatchOptions(dask=cluster.scheduler_address, **task)
    summary = run_batch([str(path)], str(tmp_path / "dask.out"), on_dask)
    assert (summary.done, summary.skipped) == (len(warcs.DOCUMENTS), warcs.SKIPPED)
    assert (tmp_path / "dask.out").read_bytes() == (tmp_path / "local.out").read_bytes()


def test_a_local_cluster_needs_a_worker_count() -> None:
    from retold.errors import OptionsError

    with pytest.raises(OptionsError, match="worker count"):
        BatchOptions(dask="local:two")
