"""``python -m autograder grade``: the coordinator of a grading run.

It finds every ``<student>/<assignment>/<notebook>`` below SUBMISSIONS, skips what the
working folder has already committed for the same notebook and course version (unless
``regrade``), hands the rest to an engine (:mod:`.engine`: a local Dask cluster by
default), and commits each trusted result as it arrives (:mod:`.state`). It alone writes
the working folder's gradebook and the report. The batch never stops for one
submission, and a run killed at any moment is finished by the next run on the same folder.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import discovery
from .nbgrader_api import catalogue, make_api
from .results import Entry, ErrorKind
from .sandbox import isolation, warning
from .state import WorkFolder, atomic_write
from .version import course_version
from .worker import AssignmentInfo, Graded, Task, assignment_info

SUSPICIOUS = ["__import__", "builtins", "input_transformers", "get_ipython", "sys.modules", "settrace",
              "gradebook", "sqlite3", "autograder.references", "solutions", "os._exit", "ctypes",
              "gc.get_objects", "np.allclose =", "math.isclose =", "/proc/", "os.fork", "setsid"]


@dataclass
class Plan:
    entries: dict = field(default_factory=dict)      # (student, assignment) -> Entry known without grading
    tasks: list = field(default_factory=list)        # Task
    reused: int = 0
    skipped_folders: list = field(default_factory=list)


def flags_of(source: bytes) -> list[str]:
    """Words in a notebook's solution cells that an instructor may want to look at."""
    import nbformat

    try:
        nb = nbformat.reads(source.decode("utf-8", "replace"), as_version=4)
        code = "\n".join(c.source for c in nb.cells if discovery.grade_id(c) and c.metadata["nbgrader"].get("solution"))
    except Exception:
        return []
    return [f"solution code uses {word!r}" for word in SUSPICIOUS if word in code]


def plan(submissions: Path, infos: dict[str, AssignmentInfo], work: WorkFolder, regrade: bool,
         cell_timeout: int | None) -> tuple[list[str], Plan]:
    students, skipped = discovery.students(submissions)
    out, version = Plan(skipped_folders=skipped), course_version()
    for student in students:
        for assignment, info in infos.items():
            folder = submissions / student / assignment
            if not folder.is_dir() or folder.is_symlink():
                out.entries[student, assignment] = Entry.absent(info.max_scores)
                continue
            path = discovery.find_notebook(folder, info.notebook)
            if path is None:
                reason = f"no notebook {info.notebook} in {assignment}/"
                out.entries[student, assignment] = Entry.not_graded(info.max_scores, reason, ErrorKind.NO_NOTEBOOK,
                                                                    isolation())
                continue
            source = path.read_bytes()
            digest = discovery.digest(source)
            done = None if regrade else work.committed(student, assignment)
            if done and done["digest"] == digest and done["version"] == version:
                out.entries[student, assignment] = done["entry"]
                out.reused += 1
                continue
            out.tasks.append(Task(student, assignment, source, path.name, digest, cell_timeout))
    return students, out


class Progress:
    """A progress bar (counts, rate, ETA) on stderr, and the summary line at the end."""

    def __init__(self, total: int, quiet: bool):
        self.total, self.quiet, self.started = total, quiet, time.perf_counter()
        self.bar, self.phases, self.timed = None, {}, 0
        if not quiet and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="nb", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)

    def done(self, task: Task, entry: Entry, seconds: dict | None = None) -> None:
        if seconds:
            self.timed += 1
            for phase, took in seconds.items():
                self.phases[phase] = self.phases.get(phase, 0.0) + took
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix_str(f"{task.student}/{task.assignment} {entry.score:g}/{entry.max_score:g}"
                                     f"{' ERROR' if entry.error else ''}", refresh=False)

    def split(self) -> str:
        """The mean seconds of each phase per graded notebook, e.g. ``re-check 0.4 s, autograde 4.1 s``."""
        if not self.timed:
            return ""
        return ", ".join(f"{phase.replace('recheck', 're-check')} {took / self.timed:.1f} s"
                         for phase, took in self.phases.items())

    def close(self) -> float:
        if self.bar is not None:
            self.bar.close()
        return time.perf_counter() - self.started


def _entry_of(task: Task, outcome, info: AssignmentInfo) -> tuple[Entry, Graded | None]:
    if isinstance(outcome, Graded):
        outcome.entry.flags = flags_of(task.source) + outcome.entry.flags
        return outcome.entry, outcome
    reason = f"grading failed: {type(outcome).__name__}: {discovery.first_line(str(outcome))}"
    return Entry.not_graded(info.max_scores, reason, ErrorKind.GRADING_LOST, isolation()), None


def _sanitized(text: str | None) -> str | None:
    """The autograded notebook with nothing that could run in a browser (:mod:`.preprocessors.inert_outputs`)."""
    if text is None:
        return None
    import nbformat

    from .preprocessors.inert_outputs import InertOutputs

    nb, _ = InertOutputs().preprocess(nbformat.reads(text, as_version=4), {})
    return nbformat.writes(nb)


def _engine(workers: int, scheduler: str | None):
    from .engine import DaskEngine, InProcess

    if scheduler is None and workers <= 0:
        return InProcess()
    return DaskEngine(max(1, workers), scheduler)


def grade(submissions: Path, json_out: Path | None = None, *, workdir: Path | None = None,
          cell_timeout: int | None = None, workers: int | None = None, scheduler: str | None = None,
          regrade: bool = False, quiet: bool = False) -> dict:
    """Grade every ``<student>/<assignment>/<notebook>`` below ``submissions``; return (and
    write to ``json_out`` and ``WORK/report.json``) the report of COURSE_SPEC.md.
    ``workers``: local Dask worker processes (default: the CPU count; 0 grades in this process)."""
    submissions = Path(submissions).resolve()
    workers = (os.cpu_count() or 1) if workers is None else workers
    tmp = tempfile.TemporaryDirectory(prefix="lr-grade-") if workdir is None else None
    work = WorkFolder(Path(tmp.name) if tmp else workdir)
    log = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    try:
        with work.locked():
            report = _run(submissions, work, cell_timeout, workers, scheduler, regrade, quiet, log)
    finally:
        if tmp is not None:
            tmp.cleanup()
    if json_out is not None:
        atomic_write(Path(json_out), json.dumps(report, indent=1) + "\n")
    return report


def _grade_tasks(engine, tasks: list, infos: dict, work: WorkFolder, api, progress: Progress) -> dict:
    """Grade and commit every task; one whose grading was lost (a worker or kernel start-up
    failed) is tried once more at the end, and stays uncommitted (for the next run) if it fails again."""
    entries, lost = {}, []
    for attempt in (1, 2):
        for task, outcome in engine.run(tasks if attempt == 1 else lost):
            info = infos[task.assignment]
            entry, graded = _entry_of(task, outcome, info)
            entries[task.student, task.assignment] = entry
            if entry.error_kind is ErrorKind.GRADING_LOST:
                lost.append(task)
                continue
            work.commit(api, task.student, task.assignment, info.notebook, task.digest, course_version(), entry,
                        _sanitized(graded.autograded if graded else None), graded.curves if graded else {})
            progress.done(task, entry, graded.seconds if graded else None)
        lost = [t for t in lost if entries[t.student, t.assignment].error_kind is ErrorKind.GRADING_LOST]
        if not lost or attempt == 2:
            break
    for task in lost:
        progress.done(task, entries[task.student, task.assignment])
    return entries


def _run(submissions, work, cell_timeout, workers, scheduler, regrade, quiet, log) -> dict:
    api = make_api(work.root, cell_timeout)
    course = catalogue()
    present = [a for a in course if any((d / a).is_dir() for d in submissions.iterdir() if d.is_dir())]
    infos = {a: assignment_info(api, a, course[a]) for a in present}
    students, todo = plan(submissions, infos, work, regrade, cell_timeout)
    if isolation() == "none":
        log(warning())
    for name in todo.skipped_folders:
        log(f"skipped the folder {name!r}: not a usable student id (printable, no spaces or slashes)")
    entries = dict(todo.entries)
    if todo.tasks:
        with _engine(workers, scheduler) as engine:
            refused = engine.refused_workers() if hasattr(engine, "refused_workers") else []
            log(f"grading {len(todo.tasks)} notebook(s) on {engine.description}"
                + (f"; {todo.reused} unchanged result(s) kept" if todo.reused else "")
                + (f"; refused {len(refused)} worker(s) of another course version" if refused else ""))
            progress = Progress(len(todo.tasks), quiet)
            entries.update(_grade_tasks(engine, todo.tasks, infos, work, api, progress))
            seconds = progress.close()
        errors = sum(1 for t in todo.tasks if entries[t.student, t.assignment].error)
        log(f"graded {len(todo.tasks)} notebook(s), {errors} error(s), "
            f"{sum(e.missing for e in entries.values())} missing, in {seconds:.0f} s "
            f"({60 * len(todo.tasks) / max(seconds, 1e-9):.1f} notebooks per minute"
            + (f"; per notebook on its worker: {progress.split()}" if progress.split() else "") + ")")
    report = {"students": {s: {a: entries[s, a].to_json() for a in infos if (s, a) in entries} for s in students}}
    work.write_report(report)
    return report
