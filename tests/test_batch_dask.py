"""The Dask path runs the same per-file function on a cluster and gathers the same rows."""
from __future__ import annotations

from dataclasses import replace

import pytest

from actionplans.batch import run_batch
from actionplans.settings import BatchOptions
from structured import SAMPLES

distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install '.[dask]')")


def _files() -> list[str]:
    files = sorted(p for p in SAMPLES.glob("0*_*.*") if p.suffix in (".docx", ".html", ".txt", ".md"))
    if len(files) < 4:
        pytest.skip("samples/ not built")
    return [str(p) for p in files[:8]] + [str(SAMPLES / "missing.docx")]


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=40) as c:
        yield c


def test_dask_equals_local_run(cluster):
    files = _files()
    local = run_batch(files, batch=BatchOptions(jobs=1))
    remote = run_batch(files, batch=BatchOptions(dask=cluster.scheduler_address))
    assert [r.path for r in remote] == files
    assert [replace(r, seconds=0.0) for r in remote] == [replace(r, seconds=0.0) for r in local]
    assert sum(len(r.actions) for r in remote) > 0
    assert remote[-1].error.startswith("cannot open file")


def test_cli_dask_output_equals_local(cluster, tmp_path):
    from click.testing import CliRunner

    from actionplans.cli import main

    files = _files()[:-1]
    runner = CliRunner()
    here = runner.invoke(main, ["convert", *files, "-o", str(tmp_path / "local.csv"), "--jobs", "1"])
    there = runner.invoke(main, ["convert", *files, "-o", str(tmp_path / "dask.csv"), "--dask",
                                 cluster.scheduler_address])
    assert here.exit_code == 0, here.output
    assert there.exit_code == 0, there.output
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()


def test_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr("actionplans.batch.DASK_CONNECT_SECONDS", 2)
    from click.testing import CliRunner

    from actionplans.cli import main

    files = _files()[:1]
    result = CliRunner().invoke(main, ["convert", *files, "-o", str(tmp_path / "x.csv"), "--dask",
                                       "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.output
    assert not (tmp_path / "x.csv").exists()


def test_a_file_the_workers_cannot_see_is_named(tmp_path):
    from actionplans.batch import convert_one, on_dask_worker
    from actionplans.settings import ConvertOptions

    result = on_dask_worker(convert_one, str(tmp_path / "only-on-the-client.docx"), ConvertOptions())
    assert result.error.startswith("not found on the Dask worker")
