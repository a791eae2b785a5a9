"""The notebooks: valid, clean in git, true to the spec, in sync, and they run."""
from __future__ import annotations

import ast
import json
import os
import re
import time

import nbformat
import pytest
from nbclient import NotebookClient

from autograder.grader.nbgrader_api import catalogue
from autograder.grader.release import release
from harness import REPO
from spec import SPEC

COURSE = catalogue()
SOURCES = [REPO / "solutions" / a / nb for a, nb in COURSE.items()]
RELEASED = [REPO / "course" / a / nb for a, nb in COURSE.items()]
# Ungraded reading in course/ that is no assignment: written there directly, never released.
APPENDIX = sorted((REPO / "course" / "appendix").glob("*.ipynb"))
ALL = SOURCES + RELEASED + APPENDIX


def ids(paths):
    return [str(p.relative_to(REPO)) for p in paths]


def nbgrader_cells(nb, kind):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get(kind)]


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_valid_and_clean(path):
    """Valid nbformat, no outputs, no execution counts, unique grade_ids."""
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {i} of {path.name} has outputs"
            assert cell.execution_count is None, f"cell {i} of {path.name} has an execution count"
    grade_ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
    assert len(grade_ids) == len(set(grade_ids)), f"duplicate grade_ids in {path.name}"


def test_every_assignment_is_in_the_spec():
    for assignment, notebook in COURSE.items():
        assert assignment in SPEC, f"{assignment} is not an assignment of COURSE_SPEC.md"
        assert notebook == SPEC[assignment][0]
    folders = sorted(p.name for p in (REPO / "course").iterdir() if p.is_dir() and p.name != "appendix")
    assert folders == sorted(COURSE)


def _signature(text):
    """Normalised signature of 'name(args)' or a 'def' node."""
    node = ast.parse(f"def {text}: pass").body[0] if isinstance(text, str) else text
    return node.name, ast.dump(node.args)


@pytest.mark.parametrize("path", SOURCES, ids=ids(SOURCES))
def test_solution_cells_follow_the_spec(path):
    """One graded function per solution cell, grade_id = its name, signature as in the spec;
    a visible and a hidden test cell for each."""
    assignment = path.parent.name
    expected = SPEC[assignment][1]
    nb = nbformat.read(str(path), as_version=4)
    solutions = nbgrader_cells(nb, "solution")
    found = []
    for cell in solutions:
        gid = cell.metadata["nbgrader"]["grade_id"]
        assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source, gid
        tree = ast.parse(cell.source)
        defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
        if "(" in expected[0]:
            assert len(defs) == 1, f"{gid}: a solution cell defines exactly one function"
            assert defs[0].name == gid
            found.append(_signature(defs[0]))
        else:  # review drill: one answer variable per cell
            names = [t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets]
            assert names == [gid], f"{gid}: the cell assigns {names}"
            found.append(gid)
    want = [_signature(s) if "(" in s else s for s in expected]
    assert found == want
    grades = {c.metadata["nbgrader"]["grade_id"]: c for c in nbgrader_cells(nb, "grade")}
    untagged = [g for g, c in grades.items() if "raises-exception" not in c.metadata.get("tags", [])]
    assert not untagged, f"test cells without the raises-exception tag (Run All would stop there): {untagged}"
    for fn in (f[0] if isinstance(f, tuple) else f for f in found):
        assert f"test_{fn}" in grades or f"test_{fn}_hidden" in grades, f"no test cell for {fn}"
        hidden = grades.get(f"test_{fn}_hidden")
        if hidden is not None:
            assert hidden.source.lstrip().startswith("### BEGIN HIDDEN TESTS")
            assert hidden.source.rstrip().endswith("### END HIDDEN TESTS")
    for gid, cell in grades.items():
        last = ast.parse(cell.source).body[-1] if cell.source.strip() else None
        assert last is None or not isinstance(last, ast.Expr) or isinstance(last.value, ast.Call), \
            f"{gid}: a test cell must not end with a bare value (nbgrader reads it as partial credit)"


@pytest.mark.parametrize("path", RELEASED + APPENDIX, ids=ids(RELEASED + APPENDIX))
def test_released_notebook_hides_solutions_and_hidden_tests(path):
    text = path.read_text()
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "check_hidden", "autograder.references"):
        assert marker not in text, f"{marker!r} in {path.name}"


def test_course_is_in_sync_with_solutions(tmp_path):
    """course/ is exactly what `python -m autograder release` makes from solutions/."""
    release(tmp_path)
    for assignment, notebook in COURSE.items():
        fresh = json.loads((tmp_path / assignment / notebook).read_text())
        committed = json.loads((REPO / "course" / assignment / notebook).read_text())
        assert committed == fresh, f"course/{assignment} is out of date: run `python -m autograder release`"
        extra = ({p.name for p in (REPO / "course" / assignment).iterdir() if not p.name.startswith(".")}
                 - {p.name for p in (tmp_path / assignment).iterdir()})
        assert not extra, f"course/{assignment} has files release does not make: {extra}"


def _execute(path, env=None):
    nb = nbformat.read(str(path), as_version=4)
    old = dict(os.environ)
    os.environ.update(env or {})
    try:
        started = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        print(f"{path.relative_to(REPO)} ran in {time.perf_counter() - started:.1f} s")
    finally:
        os.environ.clear()
        os.environ.update(old)
    return nb


def _problems(nb):
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                yield i, f"{out.ename}: {out.evalue}"[:500]
            elif out.output_type == "stream" and out.name == "stderr":
                yield i, "stderr: " + out.text[:500]


@pytest.mark.parametrize("path", SOURCES, ids=ids(SOURCES))
def test_solution_notebook_runs_top_to_bottom(path):
    """In a real kernel: no error, nothing on stderr, every test cell passes."""
    nb = _execute(path)
    found = list(_problems(nb))
    assert not found, "\n".join(f"cell {i}: {p}" for i, p in found)


STUB_ERROR = re.compile(r"^NotImplementedError|not implemented yet|^NameError: name .q\d\d. is not defined")


@pytest.mark.parametrize("path", RELEASED, ids=ids(RELEASED))
def test_released_notebook_runs_with_only_the_stubs_failing(path):
    nb = _execute(path, {"NBGRADER_EXECUTION": "autograde"})
    found = list(_problems(nb))
    assert found, "the stubs should fail their tests"
    for i, problem in found:
        assert STUB_ERROR.search(problem) and "stderr" not in problem, f"cell {i}: {problem}"


def test_links_to_the_appendix_resolve():
    """The notebooks whose float digressions moved to the appendix point to it, and every
    such link opens a notebook that exists."""
    linking = set()
    for path in RELEASED:
        for target in re.findall(r"\]\((\.\./appendix/[^)]+)\)", path.read_text()):
            assert (path.parent / target).resolve().is_file(), f"{path.name} links to a missing {target}"
            linking.add(path.parent.name[:2])
    assert [p.name for p in APPENDIX] == ["float_behaviour.ipynb"]
    assert {"02", "03", "04", "05"} <= linking


@pytest.mark.parametrize("path", APPENDIX, ids=ids(APPENDIX))
def test_appendix_is_ungraded_and_runs_top_to_bottom(path):
    """Not an assignment (no nbgrader cells, nothing to release) and, in a real kernel, no
    error and nothing on stderr; the run time is printed (the budget is a minute)."""
    nb = nbformat.read(str(path), as_version=4)
    assert not [i for i, c in enumerate(nb.cells) if "nbgrader" in c.metadata], "the appendix is not graded"
    found = list(_problems(_execute(path)))
    assert not found, "\n".join(f"cell {i}: {p}" for i, p in found)
