"""autograder.grader.state: the working folder as durable state (commit, resume, lock, staleness)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from autograder.grader import state
from autograder.grader.results import Entry, TestResult


def entry(score=1.0):
    return Entry(3.0, {"test_f": TestResult(score, 1.0, "passed"), "test_f_hidden": TestResult(0.0, 2.0, "x")})


@pytest.fixture
def work(tmp_path, monkeypatch):
    stored = []
    monkeypatch.setattr("autograder.grader.gradebook.store", lambda *args: stored.append(args))
    folder = state.WorkFolder(tmp_path / "work")
    folder.stored = stored
    return folder


def test_a_commit_writes_the_notebook_and_gradebook_before_the_result(work):
    work.commit("api", "alice", "01-a", "a.ipynb", "d1", "v1", entry(), '{"cells": []}', {"test_f": {"x": 1}})
    assert (work.root / "autograded" / "alice" / "01-a" / "a.ipynb").read_text() == '{"cells": []}'
    assert json.loads((work.root / "curves" / "alice" / "01-a.json").read_text()) == {"test_f": {"x": 1}}
    assert work.stored and work.stored[0][1:4] == ("01-a", "a", "alice")
    done = work.committed("alice", "01-a")
    assert done["digest"] == "d1" and done["version"] == "v1" and done["entry"].score == 1.0


def test_an_ungraded_commit_leaves_no_stale_notebook_or_curves(work):
    work.commit("api", "alice", "01-a", "a.ipynb", "d1", "v1", entry(), '{"cells": []}', {"test_f": {}})
    work.commit("api", "alice", "01-a", "a.ipynb", "d2", "v1", Entry.not_graded({"t": 1.0}, "bad", None), None, {})
    assert not (work.root / "autograded" / "alice" / "01-a" / "a.ipynb").exists()
    assert not (work.root / "curves" / "alice" / "01-a.json").exists()
    assert work.committed("alice", "01-a")["entry"].error == "bad"


def test_a_damaged_result_file_counts_as_not_committed(work):
    path = work.result_path("alice", "01-a")
    path.parent.mkdir(parents=True)
    path.write_text('{"digest": "d1", "entry":')
    assert work.committed("alice", "01-a") is None


def test_the_report_is_stale_once_a_result_is_committed_after_it(work):
    assert "no report.json" in work.report_problem()
    work.commit("api", "alice", "01-a", "a.ipynb", "d1", "v1", entry(), None, {})
    work.write_report({"students": {}})
    assert work.report_problem() is None
    work.commit("api", "bob", "01-a", "a.ipynb", "d1", "v1", entry(0.0), None, {})
    assert "stale" in work.report_problem()
    (work.root / "report.meta.json").unlink()
    assert "report.meta.json" in work.report_problem()


def test_a_second_run_on_a_folder_in_use_is_refused_at_once(work):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; sys.path.insert(0, sys.argv[1])\n"
        "from autograder.grader.state import WorkFolder\n"
        "with WorkFolder(sys.argv[2]).locked():\n"
        "    print('locked', flush=True); time.sleep(60)\n"), str(state.Path(state.__file__).parents[2]),
        str(work.root)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(state.FolderBusy, match="in use by another grading run"):
            with work.locked():
                pass
    finally:
        holder.kill()
        holder.wait()
    with work.locked():  # released with its holder, even after kill -9
        pass


def test_atomic_write_leaves_old_or_new_content(tmp_path):
    path = tmp_path / "f.json"
    state.atomic_write(path, "old")
    state.atomic_write(path, "new")
    assert path.read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["f.json"]
