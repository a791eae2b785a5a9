"""The grading command, end to end through real nbgrader (one batch for the whole class)."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from autograder.grader.nbgrader_api import catalogue
from conftest import CORRUPT, PARTIAL, _grading_env
from harness import REPO, problems, roster

ROSTER = [s for a, nb in catalogue().items() for s in roster(a, nb)]


@pytest.mark.parametrize("student", ROSTER, ids=[s.id for s in ROSTER])
def test_student_graded_as_expected(graded_class, student):
    """Reference: full marks. Stub: zero. WRONG variant: loses marks on its function only,
    with a message naming the call. RIGHT variant: full marks."""
    _, report, _ = graded_class
    entry = report["students"][student.id][student.assignment]
    assert not problems(student, entry), "\n".join(problems(student, entry))


def test_every_graded_function_has_wrong_and_right_variants():
    from harness import solution_sources, variants
    for assignment, notebook in catalogue().items():
        wrong, right = variants(assignment, notebook)
        for fn in solution_sources(assignment, notebook):
            if assignment.startswith("09"):  # review drill: blank and wrong answers, see its variants
                continue
            assert len(wrong.get(fn, [])) >= 3, f"{fn}: fewer than 3 WRONG variants"
            assert len(right.get(fn, [])) >= 2, f"{fn}: fewer than 2 RIGHT variants"


def test_report_matches_the_spec(graded_class):
    _, report, folder = graded_class
    assert set(report) == {"students"}
    students = sorted(p.name for p in folder.iterdir())
    assert sorted(report["students"]) == students
    for student, assignments in report["students"].items():
        for assignment, entry in assignments.items():
            assert assignment in catalogue()
            assert {"score", "max_score", "error", "tests"} <= set(entry)
            assert isinstance(entry["score"], float) and isinstance(entry["max_score"], float)
            assert entry["error"] is None or (isinstance(entry["error"], str) and "\n" not in entry["error"])
            assert entry["tests"], f"{student}/{assignment}: no tests listed"
            for gid, test in entry["tests"].items():
                assert {"score", "max_score", "message"} <= set(test) <= {"score", "max_score", "message", "flag"}, gid
                assert 0.0 <= test["score"] <= test["max_score"]
                assert isinstance(test["message"], str) and test["message"]
            assert entry["score"] == pytest.approx(sum(t["score"] for t in entry["tests"].values()))
            assert entry["max_score"] == pytest.approx(sum(t["max_score"] for t in entry["tests"].values()))


def test_corrupted_notebook_is_an_error_and_the_batch_goes_on(graded_class):
    _, report, _ = graded_class
    bad = report["students"][CORRUPT]["01-step-decay"]
    assert bad["score"] == 0 and bad["max_score"] > 0
    assert "not valid JSON" in bad["error"] or "NotJSONError" in bad["error"]
    good = report["students"][CORRUPT]["00-orientation"]
    assert good["error"] is None and good["score"] == good["max_score"] > 0


def test_missing_assignment_is_reported_missing_not_as_an_error(graded_class):
    _, report, _ = graded_class
    entry = report["students"][PARTIAL]["01-step-decay"]
    assert entry["missing"] is True and entry["error"] is None and entry["score"] == 0
    assert report["students"][PARTIAL]["00-orientation"]["score"] == 2.0


def _tree_digest(folder):
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + p.read_bytes())
    return h.hexdigest()


def test_grading_writes_nothing_into_solutions_or_course(tmp_path):
    before = [_tree_digest(REPO / d) for d in ("solutions", "course")]
    sub = tmp_path / "subs" / "alice" / "00-orientation"
    sub.mkdir(parents=True)
    (sub / "orientation.ipynb").write_bytes((REPO / "course/00-orientation/orientation.ipynb").read_bytes())
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", str(tmp_path / "subs"), "--json",
                           str(tmp_path / "out.json")], cwd=tmp_path, env=_grading_env(), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert [_tree_digest(REPO / d) for d in ("solutions", "course")] == before


def test_usage_errors_exit_nonzero(tmp_path):
    for args in (["grade", str(tmp_path / "nope"), "--json", str(tmp_path / "o.json")],
                 ["grade", str(tmp_path)],  # --json missing
                 ["frobnicate"]):
        proc = subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True, text=True,
                              env=_grading_env())
        assert proc.returncode != 0, args


def test_check_command_reports_a_learners_notebook(graded_class, tmp_path):
    """Self-study: `python -m autograder check` grades one notebook, hidden tests included."""
    _, _, folder = graded_class
    nb = tmp_path / "step_decay.ipynb"
    nb.write_bytes((folder / "a01_wrong_step_lr_1" / "01-step-decay" / "step_decay.ipynb").read_bytes())
    proc = subprocess.run([sys.executable, "-m", "autograder", "check", str(nb)], capture_output=True, text=True,
                          env=_grading_env())
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "Score: 6 / 9" in out
    assert "test_step_lr_hidden" in out and "step_lr(step=" in out and "Hint:" in out


def test_every_test_cell_is_covered_by_the_trusted_re_check():
    """No score of this course comes from the notebook's kernel alone: every test cell is
    ``test_<fn>`` or ``test_<fn>_hidden`` of a function with cases in autograder/learner/cases."""
    import nbformat

    from autograder.learner.cases import EXERCISES

    for assignment, notebook in catalogue().items():
        nb = nbformat.read(str(REPO / "solutions" / assignment / notebook), as_version=4)
        tests = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
        covered = {f"test_{n}" for n in EXERCISES} | {f"test_{n}_hidden" for n in EXERCISES}
        uncovered = sorted(set(tests) - covered)
        assert not uncovered, f"{assignment}: scored by the kernel only: {uncovered}"


def test_without_a_sandbox_grading_runs_warns_once_and_says_so(tmp_path):
    """Where bubblewrap cannot make a sandbox (here forced with LR_SANDBOX=none)."""
    sub = tmp_path / "subs" / "alice" / "00-orientation"
    sub.mkdir(parents=True)
    nbformat_write_reference(sub / "orientation.ipynb")
    env = dict(_grading_env(), LR_SANDBOX="none")
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", str(tmp_path / "subs"), "--json",
                           str(tmp_path / "out.json"), "--workers", "0"], env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    entry = json.loads((tmp_path / "out.json").read_text())["students"]["alice"]["00-orientation"]
    assert entry["isolation"] == "none" and entry["recheck"] == "process" and entry["score"] == entry["max_score"]
    assert proc.stderr.count("WARNING: LR_SANDBOX=none is set, so learner code runs as plain processes") == 1


def nbformat_write_reference(path):
    import nbformat

    from harness import Student, submission

    nbformat.write(submission(Student("alice", "00-orientation", "ref"), REPO / "course", "orientation.ipynb"),
                   str(path))
