"""autograder.grader.discovery: which submissions can be graded, and why not (no kernel runs)."""
from __future__ import annotations

import copy
import os

import nbformat
import pytest

from autograder.grader import discovery
from autograder.grader.results import ErrorKind
from harness import REPO, Student, submission

A01, NB01 = "01-step-decay", "step_decay.ipynb"


@pytest.fixture(scope="module")
def released():
    return discovery.notebook_parts(nbformat.read(str(REPO / "course" / A01 / NB01), as_version=4))


def reference():
    return submission(Student("x", A01, "ref"), REPO / "course", NB01)


def write(tmp_path, nb_or_text, name=NB01):
    path = tmp_path / name
    if isinstance(nb_or_text, str):
        path.write_text(nb_or_text)
    else:
        nbformat.write(nb_or_text, str(path))
    return path


def cell_of(nb, grade_id):
    return next(c for c in nb.cells if discovery.grade_id(c) == grade_id)


def test_the_reference_is_gradable_and_its_parts_are_read(tmp_path, released):
    parts, problem = discovery.validate(write(tmp_path, reference()), released)
    assert problem is None
    assert parts.solution_ids == ["step_lr", "multistep_lr", "exponential_lr"]
    assert "def step_lr" in parts.solutions["step_lr"] and "### BEGIN SOLUTION" not in parts.solutions["step_lr"]
    assert released.setup and "import" in released.setup[0]


def to_markdown(nb):
    cell = cell_of(nb, "multistep_lr")
    cell.cell_type = "markdown"
    cell.pop("outputs", None)
    cell.pop("execution_count", None)


def edited(change):
    nb = copy.deepcopy(reference())
    change(nb)
    return nb


@pytest.mark.parametrize("label, make, kind, words", [
    ("not JSON", lambda: '{"cells": [', ErrorKind.UNREADABLE, "unreadable notebook"),
    ("not a notebook", lambda: '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code"}]}',
     ErrorKind.INVALID, "invalid notebook"),
    ("stripped metadata", lambda: edited(lambda nb: [c.metadata.clear() for c in nb.cells]),
     ErrorKind.NO_NBGRADER_CELLS, "no nbgrader cells"),
    ("a cell twice", lambda: edited(lambda nb: nb.cells.append(copy.deepcopy(cell_of(nb, "step_lr")))),
     ErrorKind.DUPLICATE_CELLS, "duplicated cells: step_lr"),
    ("another assignment's cell", lambda: edited(lambda nb: cell_of(nb, "step_lr").metadata["nbgrader"].update(
        grade_id="cosine_annealing_lr")), ErrorKind.FOREIGN_CELLS, "does not know: cosine_annealing_lr"),
    ("points edited", lambda: edited(lambda nb: cell_of(nb, "test_step_lr").metadata["nbgrader"].update(points=100)),
     ErrorKind.BAD_METADATA, "metadata of cell test_step_lr was edited (points: 1 -> 100)"),
    ("solution flag removed", lambda: edited(lambda nb: cell_of(nb, "step_lr").metadata["nbgrader"].update(
        solution=False)), ErrorKind.BAD_METADATA, "solution: True -> False"),
    ("cell type changed", lambda: edited(to_markdown), ErrorKind.BAD_METADATA, "Markdown solution cell"),
    ("metadata not a mapping", lambda: edited(lambda nb: cell_of(nb, "step_lr").metadata.update(nbgrader="x")),
     ErrorKind.BAD_METADATA, "not a mapping"),
    ("grade_id removed", lambda: edited(lambda nb: cell_of(nb, "test_step_lr").metadata["nbgrader"].pop("grade_id")),
     ErrorKind.BAD_METADATA, "nbgrader metadata rejected"),
])
def test_a_notebook_that_cannot_be_graded_gets_a_one_line_reason(tmp_path, released, label, make, kind, words):
    parts, problem = discovery.validate(write(tmp_path, make()), released)
    assert parts is None and problem is not None, label
    assert problem.kind is kind and words in problem.reason and "\n" not in problem.reason, problem


def test_the_notebook_is_found_by_name_or_as_the_only_one_and_links_are_never_followed(tmp_path):
    folder = tmp_path / "alice" / A01
    folder.mkdir(parents=True)
    assert discovery.find_notebook(folder, NB01) is None
    (folder / "renamed.ipynb").write_text("{}")
    assert discovery.find_notebook(folder, NB01) == folder / "renamed.ipynb"
    (folder / "renamed.ipynb").unlink()
    os.symlink("/etc/passwd", folder / NB01)
    assert discovery.find_notebook(folder, NB01) is None


def test_student_folders_with_unusable_names_are_listed_not_graded(tmp_path):
    for name in ("alice", "=HYPERLINK(1)", "bob.smith@uni", ".hidden", "with space", "tab\tname"):
        (tmp_path / name).mkdir()
    os.symlink(tmp_path / "alice", tmp_path / "linked")
    good, skipped = discovery.students(tmp_path)
    assert good == ["=HYPERLINK(1)", "alice", "bob.smith@uni"]
    assert sorted(skipped) == ["tab\tname", "with space"]
