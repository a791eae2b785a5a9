"""Grading on Dask distributed, and batches that survive crashes (127.0.0.1 only).

One small class of 00-orientation (the reference, the stub, its WRONG and RIGHT variants,
twice over) is graded first in this process: the reference report. Then:
* on a LocalCluster of 2 worker processes: the same report;
* by a coordinator killed with SIGKILL mid-batch: the gradebook holds only trusted scores,
  and the next run on the same folder finishes the batch, nothing lost or counted twice;
* on a real ``dask scheduler`` with two ``run.py worker`` processes, one killed mid-batch,
  and one worker of another course version, which is given nothing: the same report;
* a worker of another course version is refused when the coordinator has published its version.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from conftest import _grading_env
from harness import REPO, roster, submission

A00, NB00 = "00-orientation", "orientation.ipynb"


def scores_of(report: dict) -> dict:
    return {(s, a): (e["score"], e["error"], {g: t["score"] for g, t in e["tests"].items()})
            for s, entries in report["students"].items() for a, e in entries.items()}


def grade(folder: Path, out: Path, *extra, wait=True):
    cmd = [sys.executable, "-m", "autograder", "grade", str(folder), "--json", str(out), *map(str, extra)]
    if not wait:
        return subprocess.Popen(cmd, env=_grading_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
    proc = subprocess.run(cmd, env=_grading_env(), capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(out.read_text()), proc.stderr


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """``(folder, reference report)``: the class, graded in this process (``--workers 0``)."""
    tmp = tmp_path_factory.mktemp("scale")
    folder = tmp / "class"
    for copy in ("a", "b"):
        for student in roster(A00, NB00):
            path = folder / f"{copy}_{student.id}" / A00 / NB00
            path.parent.mkdir(parents=True)
            nbformat.write(submission(student, REPO / "course", NB00), str(path))
    report, _ = grade(folder, tmp / "reference.json", "--workers", "0")
    return folder, report


def test_a_local_cluster_gives_the_same_report(klass, tmp_path):
    folder, reference = klass
    report, log = grade(folder, tmp_path / "r.json", "--workers", "2", "--workdir", tmp_path / "work")
    assert scores_of(report) == scores_of(reference)
    assert "local Dask cluster of 2 worker process(es)" in log and "notebooks per minute" in log
    assert re.search(r"per notebook on its worker: re-check \d+\.\d s, autograde \d+\.\d s", log), log[-500:]


def _wait_for(predicate, seconds=300, what=""):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_coordinator_killed_mid_batch_loses_nothing_and_counts_nothing_twice(klass, tmp_path):
    from nbgrader.api import Gradebook

    folder, reference = klass
    work = tmp_path / "work"
    proc = grade(folder, tmp_path / "r.json", "--workers", "1", "--workdir", work, wait=False)
    committed = lambda: len(list((work / "results").rglob("*.json"))) if (work / "results").is_dir() else 0  # noqa: E731
    _wait_for(lambda: committed() >= 3, what="three committed results")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = committed()
    assert 3 <= done < sum(len(e) for e in reference["students"].values())
    trusted = scores_of(reference)
    with Gradebook(f"sqlite:///{work / 'gradebook.db'}", "lr-schedules") as gb:
        for sub in gb.assignment_submissions(A00):  # every score in the gradebook is a trusted one
            assert float(sub.score) == trusted[sub.student.id, A00][0], sub.student.id
    report, log = grade(folder, tmp_path / "r.json", "--workers", "1", "--workdir", work)
    assert scores_of(report) == scores_of(reference)
    assert f"{done} unchanged result(s) kept" in log
    assert committed() == len(trusted)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def scheduler(tmp_path):
    port = _free_port()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "dask"), "scheduler", "--host", "127.0.0.1",
                             "--port", str(port), "--no-dashboard"], env=_grading_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    address = f"tcp://127.0.0.1:{port}"
    _wait_for(lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0, 60, "the scheduler")
    yield address
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def start_worker(address: str, name: str, env: dict | None = None):
    """``python -m autograder worker``, run from a neutral folder (``-m`` puts the current folder
    first on sys.path: from the repository it would import the repository's package)."""
    return subprocess.Popen([sys.executable, "-m", "autograder", "worker", address, "--name", name],
                            env=env or _grading_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, cwd="/")


@pytest.fixture
def other_version(tmp_path):
    """A copy of the course whose references differ: another course version."""
    copy = tmp_path / "other"
    for part in ("autograder", "solutions", "course"):
        shutil.copytree(REPO / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "requirements.txt", copy)
    ref = copy / "autograder" / "references" / "orientation.py"
    ref.write_text(ref.read_text() + "\n# an instructor's local edit\n")
    return dict(_grading_env(), PYTHONPATH=str(copy))


def test_a_real_scheduler_survives_a_killed_worker_and_gives_nothing_to_another_version(
        klass, scheduler, other_version, tmp_path):
    folder, reference = klass
    stale = start_worker(scheduler, "stale", other_version)   # joins before the coordinator publishes
    workers = [start_worker(scheduler, f"w{i}") for i in range(2)]
    try:
        for w in [stale, *workers]:
            _wait_for(lambda w=w: w.stdout.readline().startswith("grading worker"), 120, "a worker to join")
        work = tmp_path / "work"
        proc = grade(folder, tmp_path / "r.json", "--scheduler", scheduler, "--workdir", work, wait=False)
        _wait_for(lambda: (work / "results").is_dir() and any((work / "results").rglob("*.json")), 300,
                  "a first result")
        os.killpg(workers[0].pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=1800)
        assert proc.returncode == 0, err[-3000:]
        assert scores_of(json.loads((tmp_path / "r.json").read_text())) == scores_of(reference)
        assert "refused 1 worker(s) of another course version" in err
    finally:
        for w in [stale, *workers]:
            if w.poll() is None:
                os.killpg(w.pid, signal.SIGKILL)
            w.wait()


def test_a_worker_of_another_version_refuses_to_join(scheduler, other_version):
    from distributed import Client

    from autograder.grader.engine import VERSION_KEY
    from autograder.grader.version import course_version

    with Client(scheduler, timeout="30s") as client:
        client.set_metadata(VERSION_KEY, course_version())
        worker = start_worker(scheduler, "stale", other_version)
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 3 and "refusing to join" in err
        assert not client.scheduler_info()["workers"]
