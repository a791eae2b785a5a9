"""Grading one submission, start to end, in a folder private to this process.

:func:`grade_submission` is the unit of work that the engine (in this process, or on Dask
workers) runs: validation, the trusted re-check in its sandbox, then nbgrader's autograde
with the notebook's kernel in a sandbox of its own, then the scoring policy. It returns a
:class:`Graded` (plain data): it writes nothing outside its private folders; only the
coordinator (:mod:`.batch`) writes the working folder, the gradebook and the report.
"""
from __future__ import annotations

import atexit
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import discovery, gradebook, recheck
from .merge import KernelTest, merge
from .nbgrader_api import catalogue, make_api, run
from .results import Entry, ErrorKind, Verdict
from .sandbox import isolation
from .sandbox.kernel import KernelSandbox

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Task:
    """One submission to grade (plain data: it travels to Dask workers)."""

    student: str
    assignment: str
    source: bytes                     # the submitted notebook, as handed in
    filename: str                     # its name as handed in (for messages)
    digest: str
    cell_timeout: int | None = None
    budget: int | None = None


@dataclass
class Graded:
    entry: Entry
    autograded: str | None = None     # the executed notebook (JSON), when it ran
    curves: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)


@dataclass
class AssignmentInfo:
    """What the grader knows of one assignment, from its released notebook (trusted)."""

    id: str
    notebook: str
    max_scores: dict[str, float]
    released: discovery.NotebookParts

    @property
    def rechecked(self) -> list[str]:
        from ..learner.cases import EXERCISES

        return [gid for gid in self.released.solution_ids if gid in EXERCISES]


class Course:
    """This process's private nbgrader folder: a gradebook of its own, assignments
    generated on first use. Nothing in it is trusted or kept."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root or tempfile.mkdtemp(prefix="lr-worker-"))
        self.api = make_api(self.root, sandboxed=True)
        self.catalogue = catalogue()
        self.assignments: dict[str, AssignmentInfo] = {}
        if root is None:
            atexit.register(shutil.rmtree, self.root, True)

    def assignment(self, assignment: str) -> AssignmentInfo:
        if assignment not in self.assignments:
            self.assignments[assignment] = assignment_info(self.api, assignment, self.catalogue[assignment])
        return self.assignments[assignment]


def assignment_info(api, assignment: str, notebook: str) -> AssignmentInfo:
    """Generate ``assignment`` in ``api``'s folder and read what grading needs of it."""
    run(api.generate_assignment(assignment, force=True), f"generate_assignment {assignment}")
    nb = nbformat.read(str(Path(api.coursedir.root) / "release" / assignment / notebook), as_version=4)
    return AssignmentInfo(assignment, notebook, gradebook.max_scores(api, assignment), discovery.notebook_parts(nb))


_COURSE: Course | None = None


def course() -> Course:
    global _COURSE
    if _COURSE is None:
        _COURSE = Course()
    return _COURSE


def grade_submission(task: Task) -> Graded:
    """Grade one submission (see the module's docstring); never raises for the submission's sake."""
    info = course().assignment(task.assignment)
    with tempfile.TemporaryDirectory(prefix="lr-submission-") as private:
        path = Path(private) / info.notebook
        path.write_bytes(task.source)
        parts, problem = discovery.validate(path, info.released)
        if problem:
            return Graded(Entry.not_graded(info.max_scores, problem.reason.replace(info.notebook, task.filename),
                                           problem.kind, isolation()))
        started = time.perf_counter()
        try:
            verdicts = _recheck(info, parts, _submission_args(info, path))
        except recheck.RecheckError as exc:
            return Graded(Entry.not_graded(info.max_scores, str(exc), ErrorKind.RECHECK_FAILED, isolation()))
        checked = time.perf_counter()
        graded = _autograde(course(), info, task, path, verdicts, Path(private))
        graded.seconds = {"recheck": checked - started, "autograde": time.perf_counter() - checked}
        return graded


def _submission_args(info: AssignmentInfo, path: Path) -> dict:
    """What a submission fixes for its hidden cases, read from its source, never run (the
    review drill's seed: ``autograder.learner.cases.submission_args``)."""
    from ..learner.cases import submission_args

    nb = nbformat.read(str(path), as_version=4)
    return submission_args(Path(info.notebook).stem, [c.source for c in nb.cells if c.cell_type == "code"])


def _recheck(info: AssignmentInfo, parts: discovery.NotebookParts, args: dict) -> dict[str, Verdict]:
    names = [n for n in info.rechecked if n in parts.solutions]
    cells = [parts.solutions[gid] for gid in info.released.solution_ids if gid in parts.solutions]
    verdicts = recheck.recheck(info.released.setup, cells, names, args) if names else {}
    for name in info.rechecked:  # a deleted solution cell: the function does not exist
        for gid in (f"test_{name}", f"test_{name}_hidden"):
            if name not in parts.solutions and gid in info.max_scores:
                verdicts[gid] = Verdict(False, f"AssertionError: {name} is not defined (its solution cell is missing)")
    return verdicts


def _stub_hung(path: Path, verdicts: dict[str, Verdict]) -> None:
    """A function that hung in the re-check is replaced before the kernel runs: an infinite
    loop costs its time once, not once per test cell."""
    hung = {gid.removeprefix("test_") for gid, v in verdicts.items() if v.hung and not gid.endswith("_hidden")}
    if not hung:
        return
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if discovery.grade_id(cell) in hung:
            cell.source = recheck.hang_stub(discovery.grade_id(cell), f"{discovery.grade_id(cell)} did not finish "
                                            "within the time limit (an infinite loop?)")
    nbformat.write(nb, str(path))


def _autograde(course: Course, info: AssignmentInfo, task: Task, path: Path, verdicts: dict, private: Path) -> Graded:
    from .preprocessors.budget import BudgetExecute

    api = course.api
    _stub_hung(path, verdicts)
    submitted = Path(api.coursedir.root) / "submitted" / task.student / info.id
    submitted.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, submitted / info.notebook)
    kernel = KernelSandbox(private / "kernel")
    api.config.KernelManager.connection_file = str(kernel.prepare({g: v.to_json() for g, v in verdicts.items()}))
    api.config.Execute.timeout = int(task.cell_timeout or 60)
    api.config.BudgetExecute.budget = int(task.budget or 300)
    try:
        result = api.autograde(info.id, task.student, force=True, create=True)
        graded = Path(api.coursedir.root) / "autograded" / task.student / info.id / info.notebook
        if not result.get("success") or not graded.is_file():
            kind = {"kernel-died": ErrorKind.KERNEL_DIED, "kernel-start": ErrorKind.GRADING_LOST}.get(
                BudgetExecute.last_failure, ErrorKind.AUTOGRADE_FAILED)
            return Graded(Entry.not_graded(info.max_scores, _failure_reason(kind, result), kind, isolation()))
        nb = nbformat.read(str(graded), as_version=4)
        kernel_tests = _kernel_tests(nb, gradebook.kernel_scores(api, info.id, task.student), info.max_scores,
                                     api.config.Execute.timeout)
    finally:
        _clean(course, info.id, task.student)
    tests, flags = merge(info.max_scores, kernel_tests, verdicts)
    entry = Entry(float(sum(info.max_scores.values())), tests, flags=flags,
                  recheck=recheck.isolation_label() if verdicts else "none", isolation=isolation())
    curves = {gid: v.curve for gid, v in verdicts.items() if v.curve}
    return Graded(entry, nbformat.writes(nb), curves)


def _failure_reason(kind: ErrorKind, result: dict) -> str:
    if kind is ErrorKind.KERNEL_DIED:
        return "the kernel died while running the notebook (os._exit, a crash, or out of memory)"
    if kind is ErrorKind.GRADING_LOST:
        return "the notebook's kernel did not start in time (an overloaded machine?); the next run grades it again"
    detail = ANSI.sub("", (result.get("log") or "") + (result.get("error") or ""))
    lines = [ln for ln in detail.splitlines() if ln.strip() and "[ERROR]" in ln] or detail.splitlines() or ["no output"]
    return "autograde failed: " + discovery.first_line(lines[-1])


def _kernel_tests(nb, scores: dict[str, float], max_scores: dict[str, float], timeout: int) -> dict[str, KernelTest]:
    cells = {discovery.grade_id(c): c for c in nb.cells if discovery.grade_id(c) in max_scores}
    return {gid: KernelTest(scores.get(gid, 0.0), _message(cells[gid], scores.get(gid, 0.0), m, timeout))
            for gid, m in max_scores.items() if gid in cells}


def _message(cell, score: float, max_score: float, cell_timeout: int) -> str:
    """The learner-facing message of one test cell: its error, or why it lost marks."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            if out.get("ename") == "CellTimeoutError":
                return f"timed out: the cell ran longer than {cell_timeout} s (an infinite loop?)"
            return ANSI.sub("", f"{out.get('ename')}: {out.get('evalue')}").strip()
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            first = discovery.first_line(out.get("text", ""))
            return f"the cell wrote to stderr (a warning counts as a failure): {first}"
    return "passed" if score >= max_score else f"partial credit: {score:g} of {max_score:g}"


def _clean(course: Course, assignment: str, student: str) -> None:
    root = Path(course.api.coursedir.root)
    for kind in ("submitted", "autograded"):
        shutil.rmtree(root / kind / student / assignment, ignore_errors=True)
    gradebook.forget(course.api, assignment, student)
