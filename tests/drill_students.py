"""Extra 09-review-drill submissions for the shared class batch (tests/conftest.py)."""
from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from harness import REPO, Student, submission, variants

ASSIGNMENT, NOTEBOOK = "09-review-drill", "review_drill.ipynb"


def _write(nb, folder: Path) -> None:
    path = folder / ASSIGNMENT / NOTEBOOK
    path.parent.mkdir(parents=True)
    nbformat.write(nb, str(path))


def all_wrong(prefix: str = ""):
    """The released notebook with every answer wrong (the first WRONG variant of each question);
    ``prefix`` goes at the top of the first answer cell."""
    nb = submission(Student("x", ASSIGNMENT, "ref"), REPO / "course", NOTEBOOK)
    wrong, _ = variants(ASSIGNMENT, NOTEBOOK)
    first = True
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.metadata.get("nbgrader", {}).get("solution") and gid in wrong:
            cell.source = (prefix if first else "") + wrong[gid][0][1]
            first = False
    return nb


def attack(folder: Path, code: str) -> None:
    _write(all_wrong(code), folder)


def other_seed(folder: Path, seed: int) -> None:
    """An honest learner who set DRILL_SEED = seed and answered its questions right."""
    from autograder.learner.cases.review_drill import SLOTS, answer_type
    from autograder.references import hidden_cases

    nb = submission(Student("x", ASSIGNMENT, "ref"), REPO / "course", NOTEBOOK)
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if "DRILL_SEED = " in cell.source and "nbgrader" not in cell.metadata:
            cell.source = f"DRILL_SEED = {seed}\n"
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in SLOTS and answer_type(gid) != "function":
            want = hidden_cases(gid, seed=seed)[0].want
            cell.source = f"{gid} = {want!r}\n" if isinstance(want, (str, int)) else f"{gid} = {float(want)!r}\n"
    _write(nb, folder)
