"""Finding the submissions and deciding whether each one can be graded.

Everything here reads learner files as untrusted input and never runs them: a submission
that cannot be graded gets a one-line reason and an :class:`ErrorKind`, and the rest of the
class is graded. The released notebook of each assignment is the trusted reference for
what a submission must contain.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader import utils
from nbgrader.nbgraderformat import MetadataValidator

from .results import ErrorKind

# A student id names folders: printable, no spaces, no path separators, no leading dot. Ids that a
# spreadsheet would read as formulas (=, +, -, @) are allowed; export neutralises them.
STUDENT_ID = re.compile(r"^(?!\.)[^\s/\\\x00-\x1f\x7f]{1,100}$")
FLAGS = ("grade", "solution", "locked", "points")


@dataclass
class NotebookParts:
    """What grading needs of a notebook: its setup cell (the first code cell without nbgrader
    metadata), its solution cells by grade_id in order, and the grade cells' metadata."""

    setup: list[str]
    solutions: dict[str, str]
    graded: dict[str, dict]

    @property
    def solution_ids(self) -> list[str]:
        return list(self.solutions)

    @property
    def cell_sources(self) -> list[str]:
        return list(self.solutions.values())


def grade_id(cell) -> str | None:
    meta = cell.metadata.get("nbgrader")
    return meta.get("grade_id") if isinstance(meta, dict) else None


def notebook_parts(nb) -> NotebookParts:
    setup = [c.source for c in nb.cells if c.cell_type == "code" and "nbgrader" not in c.metadata][:1]
    solutions = {grade_id(c): c.source for c in nb.cells if utils.is_solution(c)}
    graded = {grade_id(c): {k: c.metadata["nbgrader"].get(k) for k in FLAGS} | {"cell_type": c.cell_type}
              for c in nb.cells if "nbgrader" in c.metadata and grade_id(c)}
    return NotebookParts(setup, solutions, graded)


@dataclass
class Problem:
    kind: ErrorKind
    reason: str


def first_line(text: str, limit: int = 200) -> str:
    line = next((ln.strip() for ln in str(text).splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 3] + "..."


def read(path: Path) -> tuple[object | None, Problem | None]:
    """The notebook at ``path``, or why it cannot be read as one."""
    try:
        nb = nbformat.read(str(path), as_version=4)
    except nbformat.ValidationError as exc:
        return None, Problem(ErrorKind.INVALID, f"invalid notebook {path.name}: {first_line(exc.message)}")
    except Exception as exc:  # NotJSONError, UnicodeDecodeError, OSError, ...
        return None, Problem(ErrorKind.UNREADABLE,
                             f"unreadable notebook {path.name}: {type(exc).__name__}: {first_line(str(exc))}")
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        return None, Problem(ErrorKind.INVALID, f"invalid notebook {path.name}: {first_line(exc.message)}")
    return nb, None


def _metadata_problem(nb, name: str) -> Problem | None:
    if any(not isinstance(c.metadata.get("nbgrader", {}), dict) for c in nb.cells):
        return Problem(ErrorKind.BAD_METADATA, f"{name}: a cell's nbgrader metadata is not a mapping")
    try:
        MetadataValidator().validate_nb(nb)
    except Exception as exc:  # ValidationError, SchemaTooOldError, KeyError of a missing field, ...
        return Problem(ErrorKind.BAD_METADATA, f"{name}: nbgrader metadata rejected: {type(exc).__name__}: "
                                               f"{first_line(str(exc), 120)}")
    return None


def _cells_problem(parts: NotebookParts, released: NotebookParts, name: str) -> Problem | None:
    ids = [gid for gid in parts.graded]
    if not ids:
        return Problem(ErrorKind.NO_NBGRADER_CELLS, f"{name} has no nbgrader cells (its cell metadata was stripped, "
                                                    "or the code was copied into a new notebook)")
    unknown = sorted(set(ids) - set(released.graded))
    if unknown:
        return Problem(ErrorKind.FOREIGN_CELLS, f"{name} has cells this assignment does not know: "
                                                f"{', '.join(unknown[:5])} (a notebook of another assignment?)")
    for gid, meta in parts.graded.items():
        changed = [f"{k}: {released.graded[gid][k]!r} -> {meta[k]!r}" for k in (*FLAGS, "cell_type")
                   if meta[k] != released.graded[gid][k] and not (k == "points" and not meta["grade"])]
        if changed:
            return Problem(ErrorKind.BAD_METADATA, f"{name}: the nbgrader metadata of cell {gid} was edited "
                                                   f"({'; '.join(changed[:3])}); hand in the notebook as released")
    return None


def _duplicates(nb, name: str) -> Problem | None:
    ids = [grade_id(c) for c in nb.cells if grade_id(c)]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        return Problem(ErrorKind.DUPLICATE_CELLS, f"{name} has duplicated cells: {', '.join(dup)} "
                                                  "(delete the copies, keep one)")
    return None


def validate(path: Path, released: NotebookParts) -> tuple[NotebookParts | None, Problem | None]:
    """``(parts, None)`` when nbgrader can grade the notebook at ``path``, else ``(None, problem)``."""
    nb, problem = read(path)
    if problem:
        return None, problem
    problem = _duplicates(nb, path.name) or _metadata_problem(nb, path.name)
    if problem:
        return None, problem
    parts = notebook_parts(nb)
    problem = _cells_problem(parts, released, path.name)
    return (None, problem) if problem else (parts, None)


def find_notebook(folder: Path, expected: str) -> Path | None:
    """The submitted notebook: the expected file name, else the only notebook there.
    Symbolic links are never followed (they could point at the grader's files)."""
    candidate = folder / expected
    if candidate.is_file() and not candidate.is_symlink():
        return candidate
    others = [p for p in folder.glob("*.ipynb") if not p.name.startswith(".") and p.is_file() and not p.is_symlink()]
    return others[0] if len(others) == 1 else None


def students(submissions: Path) -> tuple[list[str], list[str]]:
    """``(student ids, skipped folder names)``: folders whose names are not usable ids
    (control characters, leading dots, path tricks) are skipped, and listed."""
    names = sorted(p.name for p in submissions.iterdir() if p.is_dir() and not p.is_symlink())
    good = [n for n in names if STUDENT_ID.match(n)]
    return good, [n for n in names if n not in good and not n.startswith(".")]


def digest(source: bytes) -> str:
    return hashlib.sha256(source).hexdigest()
