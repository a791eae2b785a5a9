"""Submissions that try to break or fool the grader, graded in one batch with honest ones.

Each is graded honestly (no marks for wrong answers; flagged where tampering was
detected), the batch completes, and no other student's grade changes. Notebook: 01.
"""
from __future__ import annotations

import copy
import json
import subprocess
import sys

import nbformat
import pytest
from conftest import _grading_env
from harness import REPO, Student, submission

ASSIGNMENT, NOTEBOOK = "01-step-decay", "step_decay.ipynb"
WRONG_STEP_LR = "def step_lr(step, base_lr, step_size, gamma=0.1):\n    return 0.0\n"


def reference():
    return submission(Student("x", ASSIGNMENT, "ref"), REPO / "course", NOTEBOOK)


def with_solution(nb, grade_id, source):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = source
    return nb


def without_cell(nb, grade_id):
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != grade_id]
    return nb


def attacks() -> dict:
    ref = reference()
    out = {}
    out["infinite_loop"] = with_solution(ref, "step_lr",
                                         "def step_lr(step, base_lr, step_size, gamma=0.1):\n    while True:\n        pass\n")
    out["sys_exit"] = with_solution(ref, "step_lr", "import sys\nsys.exit()\n" + WRONG_STEP_LR)
    out["os_exit"] = with_solution(ref, "multistep_lr",
                                   "import os\n\ndef multistep_lr(step, base_lr, milestones, gamma=0.1):\n    os._exit(0)\n")
    out["huge_output"] = with_solution(ref, "step_lr", "for i in range(200_000):\n    print(i, 'x' * 50)\n"
                                       "def step_lr(step, base_lr, step_size, gamma=0.1):\n"
                                       "    return base_lr * gamma ** (step // step_size)\n")
    out["deleted_test_cell"] = without_cell(ref, "test_step_lr")
    edited = with_solution(ref, "step_lr", WRONG_STEP_LR)
    for cell in edited.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "test_step_lr":
            cell.source = "pass"
    out["edited_test_cell"] = edited
    stripped = copy.deepcopy(ref)
    for cell in stripped.cells:
        cell.metadata = {}
    out["stripped_metadata"] = stripped
    duplicated = copy.deepcopy(ref)
    idx = next(i for i, c in enumerate(duplicated.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "step_lr")
    duplicated.cells.insert(idx, copy.deepcopy(duplicated.cells[idx]))
    duplicated.cells[idx].id = "step-lr-copy"
    out["duplicated_cell"] = duplicated
    out["allclose_patched"] = with_solution(ref, "step_lr", "import math\nimport numpy as np\n"
                                            "np.allclose = lambda *a, **k: True\nmath.isclose = lambda *a, **k: True\n"
                                            + WRONG_STEP_LR)
    out["import_hijack"] = with_solution(ref, "step_lr", (
        "import builtins\n_real_import = builtins.__import__\n\n"
        "class _Anything:\n    def __getattr__(self, name):\n        return lambda *a, **k: None\n\n"
        "def _import(name, *args, **kwargs):\n"
        "    return _Anything() if name.startswith('autograder') else _real_import(name, *args, **kwargs)\n\n"
        "builtins.__import__ = _import\n\n" + WRONG_STEP_LR))
    out["input_transformer"] = with_solution(ref, "step_lr", (
        "get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])\n\n" + WRONG_STEP_LR))
    out["always_equal_float"] = with_solution(ref, "step_lr", (
        "class Sure(float):\n    def __eq__(self, other):\n        return True\n    __hash__ = float.__hash__\n\n"
        "def step_lr(step, base_lr, step_size, gamma=0.1):\n    return Sure(0.0)\n"))
    out["reads_solutions_writes_gradebook"] = with_solution(ref, "step_lr", (
        "import json, pathlib, sqlite3\n"
        "for parent in pathlib.Path.cwd().parents:\n"
        "    db = parent / 'gradebook.db'\n"
        "    if db.exists():\n"
        "        with sqlite3.connect(db) as con:\n"
        "            con.execute('UPDATE grade SET manual_score = 0')\n"
        "            con.commit()\n"
        f"src = json.loads(pathlib.Path({str(REPO / 'solutions' / ASSIGNMENT / NOTEBOOK)!r}).read_text())\n"
        "exec(next(''.join(c['source']) for c in src['cells'] if c['metadata'].get('nbgrader', {}).get('grade_id') == 'step_lr'))\n"))
    return out


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("adversarial")
    folder = tmp / "submissions"
    subs = {"honest_before": reference(), **attacks(), "zz_honest_after": reference()}
    for student, nb in subs.items():
        path = folder / student / ASSIGNMENT / NOTEBOOK
        path.parent.mkdir(parents=True)
        nbformat.write(nb, str(path))
    (folder / "corrupted_json" / ASSIGNMENT).mkdir(parents=True)
    (folder / "corrupted_json" / ASSIGNMENT / NOTEBOOK).write_text('{"cells": [')
    out = tmp / "report.json"
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", str(folder), "--json", str(out),
                           "--workdir", str(tmp / "work"), "--timeout", "20"],
                          env=_grading_env(), capture_output=True, text=True, timeout=3600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(out.read_text())["students"]
    return {s: report[s][ASSIGNMENT] for s in report}, tmp / "work"


def scores(entry):
    return {gid: t["score"] for gid, t in entry["tests"].items()}


def step_lr_tests(entry):
    return entry["tests"]["test_step_lr"]["score"] + entry["tests"]["test_step_lr_hidden"]["score"]


def test_honest_students_keep_full_marks(batch):
    report, _ = batch
    for student in ("honest_before", "zz_honest_after"):
        entry = report[student]
        assert entry["error"] is None and entry["score"] == entry["max_score"] == 9.0, entry
        assert not any("flag" in t for t in entry["tests"].values())
        assert entry["recheck"] in ("isolated", "process")


@pytest.mark.parametrize("student", ["infinite_loop", "sys_exit", "edited_test_cell", "allclose_patched",
                                     "import_hijack", "input_transformer", "always_equal_float",
                                     "reads_solutions_writes_gradebook"])
def test_wrong_or_faked_step_lr_gets_no_marks_and_the_rest_is_graded(batch, student):
    entry = batch[0][student]
    assert entry["error"] is None, entry["error"]
    assert step_lr_tests(entry) == 0, scores(entry)
    others = {gid: t for gid, t in entry["tests"].items() if "step_lr" not in gid or "multistep" in gid}
    assert all(t["score"] == t["max_score"] for t in others.values()), scores(entry)


FLAG = "in-kernel result disagrees with trusted re-check"


@pytest.mark.parametrize("student", ["import_hijack", "input_transformer"])
def test_faked_passes_are_flagged(batch, student):
    """The kernel passed the hidden test of a wrong step_lr (the hijack fakes the hidden
    check, the transformer turns every later cell into `pass`); the trusted re-check did
    not: score 0, flagged, and only step_lr's tests are flagged."""
    entry = batch[0][student]
    hidden = entry["tests"]["test_step_lr_hidden"]
    assert hidden["score"] == 0 and hidden.get("flag") == FLAG, hidden
    flagged = {gid for gid, t in entry["tests"].items() if t.get("flag")}
    assert flagged <= {"test_step_lr", "test_step_lr_hidden"}, flagged


def test_the_gradebook_and_solutions_are_out_of_reach(batch):
    """It looks for the gradebook above its folder and reads solutions/: neither is in its
    sandbox, so it changes nothing, borrows nothing (step_lr scores 0), and its honest
    functions keep their marks with the kernel agreeing (no flag)."""
    entry = batch[0]["reads_solutions_writes_gradebook"]
    assert step_lr_tests(entry) == 0
    others = {gid: t for gid, t in entry["tests"].items() if "multistep" in gid or "exponential" in gid}
    assert all(t["score"] == t["max_score"] and not t.get("flag") for t in others.values()), others


@pytest.mark.parametrize("student, word", [("import_hijack", "__import__"), ("input_transformer", "input_transformers"),
                                           ("allclose_patched", "np.allclose ="), ("reads_solutions_writes_gradebook", "sqlite3")])
def test_suspicious_code_is_flagged_for_the_instructor(batch, student, word):
    assert any(word in flag for flag in batch[0][student]["flags"])


def test_infinite_loop_is_reported_as_such(batch):
    message = batch[0]["infinite_loop"]["tests"]["test_step_lr_hidden"]["message"]
    assert "did not finish" in message


def test_kernel_death_is_an_error_not_a_crash_of_the_batch(batch):
    entry = batch[0]["os_exit"]
    assert entry["error"] and "kernel died" in entry["error"] and entry["score"] == 0


def test_huge_output_does_not_cost_marks(batch):
    entry = batch[0]["huge_output"]
    assert entry["error"] is None and entry["score"] == entry["max_score"], scores(entry)


def test_deleted_test_cell_is_restored_and_graded(batch):
    entry = batch[0]["deleted_test_cell"]
    assert entry["tests"]["test_step_lr"]["score"] == 1.0 and entry["score"] == entry["max_score"]


@pytest.mark.parametrize("student, words", [("stripped_metadata", "no nbgrader cells"),
                                            ("duplicated_cell", "duplicated cells: step_lr"),
                                            ("corrupted_json", "unreadable notebook")])
def test_unusable_notebooks_are_errors_with_a_reason(batch, student, words):
    entry = batch[0][student]
    assert entry["score"] == 0 and words in entry["error"], entry["error"]


def test_gradebook_holds_the_trusted_scores(batch):
    """The gradebook (what feedback and the CSV export read) matches the report, although
    one notebook wrote to it while it ran."""
    from nbgrader.api import Gradebook

    report, work = batch
    with Gradebook(f"sqlite:///{work / 'gradebook.db'}") as gb:
        for student, entry in report.items():
            if entry["error"]:
                continue
            for gid, test in entry["tests"].items():
                grade = gb.find_grade(gid, "step_decay", ASSIGNMENT, student)
                assert grade.score == test["score"], (student, gid)
