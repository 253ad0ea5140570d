"""The engines that analyse: the local process pool and Dask give the same index; a Dask worker that dies is
replaced without losing its work; a ``--workers`` value brief cannot read is named in one line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from invented import write_corpus

from brief.pipeline.export import render_json
from brief.pipeline.index.engine import PARALLEL_FROM
from brief.pipeline.index.library import Library

distributed = pytest.importorskip("distributed")

COUNT = PARALLEL_FROM  # enough for the process pool to start its processes
REPO = Path(__file__).resolve().parent.parent


def _export(root: Path, cache: Path, workers: object) -> str:
    lib = Library([root], cache_dir=cache)
    report = lib.update(workers=workers)  # type: ignore[arg-type]
    assert report.added == COUNT and not report.skipped
    try:
        return render_json(lib.briefing())
    finally:
        lib.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The articles, and their JSON export as the process pool indexed them."""
    root = write_corpus(tmp_path_factory.mktemp("news") / "news", COUNT)
    return root, _export(root, tmp_path_factory.mktemp("pool"), 2)


def test_a_local_dask_cluster_gives_the_export_of_the_process_pool(corpus: tuple[Path, str], tmp_path: Path) -> None:
    root, expected = corpus
    assert _export(root, tmp_path / "cache", "local:2") == expected


def test_a_dask_worker_killed_mid_task_is_replaced_and_the_index_is_whole(corpus: tuple[Path, str],
                                                                          tmp_path: Path) -> None:
    root, expected = corpus
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(cluster)
    try:
        pids = client.run(os.getpid)
        killed: list[int] = []

        def kill_one(done: int, total: int, path: str) -> None:
            if done and not killed:  # the first article back: the rest are queued on the workers
                killed.append(next(iter(pids.values())))
                os.kill(killed[0], signal.SIGKILL)

        lib = Library([root], cache_dir=tmp_path / "cache")
        report = lib.update(kill_one, workers=f"dask://{cluster.scheduler_address.removeprefix('tcp://')}")
        assert killed and report.added == COUNT and not report.skipped
        assert render_json(lib.briefing()) == expected
        lib.close()
        assert killed[0] not in client.run(os.getpid).values()  # it did die, and another took its place
    finally:
        client.close()
        cluster.close()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes in /proc")
def test_a_local_dask_clusters_workers_analyse_below_brief(corpus: tuple[Path, str], tmp_path: Path) -> None:
    """As the process pool's: the writer and the screen come first, the workers take the CPU they leave."""
    from running import children, nice

    root, _expected = corpus
    seen: list[int | None] = []

    def look(done: int, total: int, path: str) -> None:
        if done and not seen:  # the cluster is up: its processes (a nanny each, and its worker) are ours
            family, new = set(), {os.getpid()}
            while new := {c for pid in new for c in children(pid)} - family:
                family |= new
            seen.extend(nice(pid) for pid in family)

    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(look, workers="local:2")
    lib.close()
    assert sum(1 for n in seen if n is not None and n > (nice(os.getpid()) or 0)) >= 2, seen


@pytest.mark.parametrize("value", ["local:", "local:0", "local:two", "dask://", "dask://scheduler", "two", "0"])
def test_a_workers_value_brief_cannot_read_is_one_line_naming_the_option(tmp_path: Path, value: str) -> None:
    root = write_corpus(tmp_path / "news", 2)
    done = subprocess.run([sys.executable, "-m", "brief", "index", "--cache-dir", str(tmp_path / "cache"),
                           "--workers", value, str(root)], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "--workers" in done.stderr and repr(value) in done.stderr
    assert not list((tmp_path / "cache").glob("index-*"))  # said before any work


def test_brief_index_indexes_without_the_reader_and_says_how_far_it_is(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "news", 3)
    done = subprocess.run([sys.executable, "-m", "brief", "index", "--cache-dir", str(tmp_path / "cache"),
                           "--workers", "1", str(root)], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0 and done.stdout == ""
    assert "3 / 3" in done.stderr and "3 articles indexed" in done.stderr
    lib = Library([root], cache_dir=tmp_path / "cache")
    assert lib.update().unchanged == 3 and lib.count() == 3



def test_the_writers_batches_do_not_change_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows are written a batch at a time (one executemany per statement): a transaction per article gives
    the index of one for all, where a later article merges an entity that an earlier one's rows name."""
    from tagging import tag_with

    tag_with(monkeypatch, [(r"(?<!Jane )Quorvex", "person", 0.9), (r"Jane Quorvex", "person", 0.9)])
    root = tmp_path / "news"
    root.mkdir()
    (root / "a.txt").write_text("Harbour to reopen\n\nQuorvex said on Monday that the harbour would reopen soon.\n")
    (root / "b.txt").write_text("Harbour chief speaks\n\nJane Quorvex, the harbour chief, said the work was done.\n")
    exports = []
    for batch in (1, 200):
        monkeypatch.setattr("brief.pipeline.index.update.BATCH", batch)
        lib = Library([root], cache_dir=tmp_path / f"cache-{batch}")
        lib.update(workers=1)
        people = lib.entity_rows("person")
        assert [(p.name, p.articles) for p in people] == [("Jane Quorvex", 2)]  # the lone surname merged into her
        exports.append(render_json(lib.briefing()))
        lib.close()
    assert exports[0] == exports[1]
