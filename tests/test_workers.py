"""The worker processes of `backprop-lab grade` (checker.staff.workers) and their Dask twin (checker.staff.cluster).

A task here is (what to do, a value); the workers run `work` below, in processes of their own.
"""

import multiprocessing
import os
import signal
import tempfile
import time
from pathlib import Path

import pytest

from checker.staff.cluster import DaskWorkers
from checker.staff.workers import LOST_TWICE, STOP_SECONDS, LocalWorkers


def work(task):
    """A test task: ("ok", n) returns n; "die" kills its own process every time, "die once" the first time (a marker file says)."""
    kind, value = task
    if kind == "die" or (kind == "die once" and not _seen(value)):
        os.kill(os.getpid(), signal.SIGKILL)
    if kind == "ctrl-c":
        os.kill(os.getpid(), signal.SIGINT)  # as a Ctrl-C in the terminal reaches every process of the group
        time.sleep(0.2)
    if kind == "sleep":
        time.sleep(value)
    if kind == "raise":
        raise RuntimeError("a bug in the grader")
    return {"done": value, "temporary": tempfile.gettempdir()}


def lost(task, why):
    return {"lost": task[1], "why": why}


def _seen(marker):
    if Path(marker).exists():
        return True
    Path(marker).touch()
    return False


def test_a_dead_worker_costs_only_its_task_tried_once_more(tmp_path):
    """Does a worker that dies cost only the task it held, tried once more in a fresh worker, and lost only when it dies again?"""
    tasks = [("ok", 1), ("die", 2), ("ok", 3), ("die once", str(tmp_path / "marker")), ("ok", 5), ("ok", 6)]
    with LocalWorkers(2, work, lost) as workers:
        results = dict(workers.results(tasks))
    assert set(results) == set(tasks)
    assert results[("die", 2)] == {"lost": 2, "why": LOST_TWICE}
    assert results[tasks[3]]["done"] == tasks[3][1]
    assert all(results[task]["done"] == task[1] for task in tasks if task[0] == "ok")
    assert workers.retried == 2  # "die" once before it was lost, "die once" once


def test_workers_ignore_ctrl_c():
    """Does a Ctrl-C that reaches a worker leave its task to finish (the parent alone decides to stop)?"""
    with LocalWorkers(2, work, lost) as workers:
        results = dict(workers.results([("ctrl-c", 1), ("ctrl-c", 2), ("ok", 3)]))
    assert sorted(result.get("done") for result in results.values()) == [1, 2, 3] and workers.retried == 0


def test_stopping_ends_busy_workers_at_once_and_removes_their_files():
    """Does leaving early end a worker in the middle of a long task within STOP_SECONDS, and remove the workers' temporary files?"""
    workers = LocalWorkers(2, work, lost)
    with workers:
        for task, result in workers.results([("sleep", 60), ("ok", 1)]):
            if task == ("ok", 1):
                break
        sleeping = multiprocessing.active_children()
        started = time.monotonic()
    assert time.monotonic() - started < STOP_SECONDS + 1
    assert sleeping and not multiprocessing.active_children()
    assert not Path(result["temporary"]).exists()


@pytest.mark.e2e
def test_an_exception_from_a_dask_future_is_that_submissions_grader_error():
    """Does a task that fails on a Dask cluster become its own result (a grader error) while the others are graded?"""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        with DaskWorkers(cluster.scheduler_address, work, lost) as workers:
            results = dict(workers.results([("ok", 1), ("raise", 2), ("ok", 3)]))
    assert results[("ok", 1)]["done"] == 1 and results[("ok", 3)]["done"] == 3
    assert results[("raise", 2)]["lost"] == 2 and "RuntimeError: a bug in the grader" in results[("raise", 2)]["why"]
