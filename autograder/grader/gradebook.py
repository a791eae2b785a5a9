"""Every access to an nbgrader gradebook, in one place.

Two kinds of gradebook exist while grading: a worker's private one, which nbgrader's
autograde fills with the kernel's (untrusted) scores and which is read only for flags,
and the working folder's, which only the coordinator writes, and only with trusted
scores. Feedback and export read the latter.
"""
from __future__ import annotations

from contextlib import contextmanager

from nbgrader.api import Gradebook, MissingEntry

from .results import Entry


@contextmanager
def opened(api):
    """The gradebook of an ``NbGraderAPI``'s course folder."""
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        yield gb


def max_scores(api, assignment: str) -> dict[str, float]:
    """``{test grade_id: points}`` of an assignment's (single) notebook."""
    with opened(api) as gb:
        nb = gb.find_assignment(assignment).notebooks[0]
        return {cell.name: float(cell.max_score) for cell in nb.grade_cells}


def kernel_scores(api, assignment: str, student: str) -> dict[str, float]:
    """What nbgrader's autograde recorded for a submission (the kernel's view)."""
    with opened(api) as gb:
        sub = gb.find_submission(assignment, student)
        return {g.name: float(g.score) for nb in sub.notebooks for g in nb.grades}


def forget(api, assignment: str, student: str) -> None:
    """Remove a student's submission of an assignment, if the gradebook has one."""
    with opened(api) as gb:
        try:
            gb.remove_submission(assignment, student)
        except MissingEntry:
            pass


def store(api, assignment: str, notebook: str, student: str, entry: Entry) -> None:
    """Record a graded entry's trusted scores (an ungraded entry leaves no submission)."""
    if entry.error or entry.missing:
        forget(api, assignment, student)
        return
    with opened(api) as gb:
        gb.update_or_create_student(student)
        try:
            gb.find_submission(assignment, student)
        except MissingEntry:
            gb.add_submission(assignment, student)
        for gid, test in entry.tests.items():
            grade = gb.find_grade(gid, notebook, assignment, student)
            grade.auto_score, grade.manual_score, grade.needs_manual_grade = test.score, None, False
        gb.db.commit()


def trusted_scores(api, assignment: str, notebook: str, student: str) -> dict[str, float] | None:
    """The scores the working folder's gradebook holds for a submission (``None``: none)."""
    with opened(api) as gb:
        try:
            nb = gb.find_submission_notebook(notebook, assignment, student)
        except MissingEntry:
            return None
        return {g.name: float(g.score) for g in nb.grades}
