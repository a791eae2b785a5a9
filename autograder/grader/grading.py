"""``python -m autograder grade`` and ``check``: real nbgrader autograde, a JSON report.

The batch never stops for one submission: a notebook that cannot be read, or whose
autograde fails, becomes that submission's ``error`` (one line) with score 0, and every
other submission is still graded. Grading happens in a working folder of its own
(``--workdir``, else a temporary folder), never inside ``solutions/`` or ``course/``.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import nbformat

from .nbgrader_api import REPO, catalogue, make_api, run

ANSI = re.compile(r"\x1b\[[0-9;]*m")


# --- finding and validating a submission ----------------------------------------------

def find_notebook(folder: Path, expected: str) -> Path | None:
    """The submitted notebook: the expected file name, else the only notebook there."""
    if (folder / expected).is_file():
        return folder / expected
    others = [p for p in folder.glob("*.ipynb") if not p.name.startswith(".")]
    return others[0] if len(others) == 1 else None


def validate(path: Path, expected: set[str] | None = None) -> str | None:
    """``None`` when ``path`` is a notebook nbgrader can grade, else a one-line reason:
    unreadable or invalid JSON, no nbgrader cells at all (copied into a new notebook),
    a grade_id twice, or a cell whose grade_id the assignment does not know."""
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # NotJSONError, UnicodeDecodeError, OSError, ...
        return f"unreadable notebook {path.name}: {type(exc).__name__}: {_first_line(str(exc))}"
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        return f"invalid notebook {path.name}: {_first_line(exc.message)}"
    ids = [c.metadata["nbgrader"].get("grade_id") for c in nb.cells
           if isinstance(c.metadata.get("nbgrader"), dict) and c.metadata["nbgrader"].get("grade_id")]
    if expected is not None and not ids:
        return f"{path.name} has no nbgrader cells (its cell metadata was stripped, or the code was copied into a new notebook)"
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        return f"{path.name} has duplicated cells: {', '.join(dup)} (delete the copies, keep one)"
    unknown = sorted(set(ids) - expected) if expected is not None else []
    if unknown:
        return f"{path.name} has cells this assignment does not know: {', '.join(unknown[:5])} (a notebook of another assignment?)"
    return None


def _first_line(text: str, limit: int = 200) -> str:
    line = next((ln.strip() for ln in str(text).splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 3] + "..."


# --- reading results ----------------------------------------------------------------

def _test_cells(nb_path: Path) -> dict[str, dict]:
    """``{grade_id: cell}`` for the graded cells of an (autograded) notebook."""
    nb = nbformat.read(str(nb_path), as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")}


def _message(cell, score: float, max_score: float, cell_timeout: int) -> str:
    """The learner-facing message of one test cell: its error, or why it lost marks."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            if out.get("ename") == "CellTimeoutError":
                return f"timed out: the cell ran longer than {cell_timeout} s (an infinite loop?)"
            text = ANSI.sub("", f"{out.get('ename')}: {out.get('evalue')}").strip()
            return text
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            return "the cell wrote to stderr (a warning counts as a failure): " + _first_line(out.get("text", ""))
    if score >= max_score:
        return "passed"
    return f"partial credit: {score:g} of {max_score:g}"


def _max_scores(api, assignment: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        nb = gb.find_assignment(assignment).notebooks[0]
        return {cell.name: float(cell.max_score) for cell in nb.grade_cells}


def _scores(api, assignment: str, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        sub = gb.find_submission(assignment, student)
        return {g.name: float(g.score) for nb in sub.notebooks for g in nb.grades}


def _entry(max_scores: dict, error: str | None = None, missing: bool = False) -> dict:
    note = "missing submission" if missing else f"not graded: {error}"
    return {"score": 0.0, "max_score": sum(max_scores.values()), "error": error, "missing": missing,
            "tests": {gid: {"score": 0.0, "max_score": m, "message": note} for gid, m in max_scores.items()}}


# --- the batch ------------------------------------------------------------------------

# Solution code that reaches for these is flagged for the instructor (it may be innocent).
SUSPICIOUS = ["__import__", "builtins", "input_transformers", "get_ipython", "sys.modules", "settrace",
              "gradebook", "sqlite3", "autograder.references", "solutions", "os._exit", "ctypes",
              "gc.get_objects", "np.allclose =", "math.isclose ="]


class Assignment(NamedTuple):
    """What the grader knows of one assignment, read from its released notebook."""

    id: str
    notebook: str
    max_scores: dict          # test grade_id -> points
    solutions: list           # solution grade_ids, in notebook order
    setup: list               # trusted source of the setup cell(s) the re-check runs first


def _assignment(api, assignment: str, notebook: str) -> Assignment:
    run(api.generate_assignment(assignment, force=True), f"generate_assignment {assignment}")
    nb = nbformat.read(str(Path(api.coursedir.root) / "release" / assignment / notebook), as_version=4)
    solutions = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
                 if c.metadata.get("nbgrader", {}).get("solution")]
    setup = [c.source for c in nb.cells if c.cell_type == "code" and "nbgrader" not in c.metadata][:1]
    return Assignment(assignment, notebook, _max_scores(api, assignment), solutions, setup)


class Work(NamedTuple):
    assignment: Assignment
    student: str
    cells: list               # what the re-check runs: setup cell + the learner's solution cells
    flags: list
    args: dict = {}           # case arguments the submission fixes (the review drill's seed)


def grade(submissions: Path, json_out: Path | None = None, *, workdir: Path | None = None,
          cell_timeout: int | None = None, workers: int = 1, quiet: bool = False) -> dict:
    """Grade every ``<student>/<assignment>/<notebook>`` below ``submissions``.

    Each valid submission is re-checked outside the kernel first (``autograder.grader.recheck``),
    then autograded by nbgrader; the score recorded is the trusted one. Returns (and
    writes to ``json_out``) the report of COURSE_SPEC.md.
    """
    submissions = Path(submissions).resolve()
    course = catalogue()
    students = sorted(p.name for p in submissions.iterdir() if p.is_dir() and not p.name.startswith("."))
    present = [a for a in course if any((submissions / s / a).is_dir() for s in students)]
    report: dict = {"students": {s: {} for s in students}}

    tmp = None
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="lr-grade-")
        workdir = Path(tmp.name)
    workdir = Path(workdir).resolve()
    api = make_api(workdir, cell_timeout)
    log = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    hide = [REPO / "solutions", REPO / "autograder" / "references", workdir, submissions]
    try:
        todo = []
        for assignment_id in present:
            info = _assignment(api, assignment_id, course[assignment_id])
            expected = set(info.max_scores) | set(info.solutions)
            for student in students:
                folder = submissions / student / assignment_id
                if not folder.is_dir():
                    report["students"][student][assignment_id] = _entry(info.max_scores, missing=True)
                    continue
                nb_path = find_notebook(folder, info.notebook)
                error = validate(nb_path, expected) if nb_path else f"no notebook {info.notebook} in {assignment_id}/"
                if error:
                    report["students"][student][assignment_id] = _entry(info.max_scores, error)
                    continue
                dest = workdir / "submitted" / student / assignment_id
                if dest.exists():
                    shutil.rmtree(dest)
                dest.mkdir(parents=True)
                shutil.copyfile(nb_path, dest / info.notebook)
                todo.append(_work(info, student, dest / info.notebook))

        graded = _grade_all(api, workdir, todo, hide, workers, cell_timeout, log)
        for work, entry in zip(todo, graded):
            report["students"][work.student][work.assignment.id] = entry
        _store_trusted_scores(api, todo, graded)
        (workdir / "report.json").write_text(json.dumps(report, indent=1) + "\n")  # for feedback and export
    finally:
        if tmp is not None:
            tmp.cleanup()
    if json_out is not None:
        Path(json_out).write_text(json.dumps(report, indent=1) + "\n")
    return report


def _work(info: Assignment, student: str, path: Path) -> Work:
    nb = nbformat.read(str(path), as_version=4)
    sources = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells
               if isinstance(c.metadata.get("nbgrader"), dict) and c.metadata["nbgrader"].get("solution")}
    cells = info.setup + [sources[gid] for gid in info.solutions if gid in sources]
    flags = [f"solution code uses {word!r}" for word in SUSPICIOUS if any(word in src for src in sources.values())]
    from ..learner.cases import submission_args

    args = submission_args(Path(info.notebook).stem, [c.source for c in nb.cells if c.cell_type == "code"])
    return Work(info, student, cells, flags, args)


def _grade_all(api, workdir: Path, todo: list, hide: list, workers: int, cell_timeout: int | None, log) -> list[dict]:
    """Grade every piece of work, in this process or spread over ``workers`` processes."""
    started = time.perf_counter()

    def progress(n, work, entry):
        log(f"[{n}/{len(todo)}] {work.student}/{work.assignment.id}: {entry['score']:g}/{entry['max_score']:g}"
            f"{'  ERROR ' + entry['error'] if entry['error'] else ''} ({time.perf_counter() - started:.0f} s)")

    if workers <= 1 or len(todo) <= 1:
        entries = []
        for n, work in enumerate(todo, 1):
            entries.append(_grade_one(api, work, hide))
            progress(n, work, entries[-1])
        return entries
    import concurrent.futures as cf
    import multiprocessing

    entries: list = [None] * len(todo)
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(workers, mp_context=ctx, initializer=_worker_init,
                                initargs=(str(workdir), cell_timeout)) as pool:
        futures = {pool.submit(_worker_grade, work, hide): i for i, work in enumerate(todo)}
        for n, future in enumerate(cf.as_completed(futures), 1):
            i = futures[future]
            try:
                entries[i] = future.result()
            except Exception as exc:  # a worker died: that submission errs, the batch goes on
                entries[i] = _entry(todo[i].assignment.max_scores, f"grading process failed: {type(exc).__name__}: {exc}")
            progress(n, todo[i], entries[i])
    return entries


_WORKER_API = None


def _worker_init(workdir: str, cell_timeout: int | None) -> None:
    global _WORKER_API
    _WORKER_API = make_api(Path(workdir), cell_timeout)


def _worker_grade(work: Work, hide: list) -> dict:
    return _grade_one(_WORKER_API, work, hide)


def _grade_one(api, work: Work, hide: list) -> dict:
    """Re-check outside the kernel, then nbgrader's autograde; the trusted result wins."""
    from ..learner.cases import EXERCISES
    from .recheck import hang_stub, isolation_prefix, recheck

    info, student = work.assignment, work.student
    names = [gid for gid in info.solutions if gid in EXERCISES]
    verdicts = recheck(work.cells, names, hide, work.args) if names else {}

    # A function that hangs in the re-check is replaced before the kernel runs: an infinite
    # loop costs its time once, not once per test cell.
    hung = {n for n in names if "did not finish" in verdicts.get(f"test_{n}", {}).get("message", "")}
    if hung:
        path = Path(api.coursedir.root) / "submitted" / student / info.id / info.notebook
        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid in hung:
                cell.source = hang_stub(gid, f"{gid} did not finish within the time limit (an infinite loop?)")
        nbformat.write(nb, str(path))

    result = api.autograde(info.id, student, force=True, create=True)
    graded = Path(api.coursedir.root) / "autograded" / student / info.id / info.notebook
    if not result.get("success") or not graded.is_file():
        detail = (result.get("log") or "") + (result.get("error") or "")
        reason = [ln for ln in ANSI.sub("", detail).splitlines() if ln.strip() and "[ERROR]" in ln]
        reason = _first_line(reason[-1] if reason else detail or "no output")
        if "DeadKernelError" in detail or "Kernel died" in detail:
            reason = "the kernel died while running the notebook (os._exit, a crash, or out of memory)"
        return _entry(info.max_scores, "autograde failed: " + reason)

    scores = _scores(api, info.id, student)
    cells = _test_cells(graded)
    timeout = api.config.Execute.timeout
    tests, curves = {}, {}
    for gid, max_score in info.max_scores.items():
        score = scores.get(gid, 0.0)
        cell = cells.get(gid)
        message = _message(cell, score, max_score, timeout) if cell is not None else "test cell missing"
        test = {"score": score, "max_score": max_score, "message": message}
        if verdicts.get(gid, {}).get("curve"):
            curves[gid] = verdicts[gid]["curve"]
        if gid in verdicts:
            trusted = max_score if verdicts[gid]["passed"] else 0.0
            if trusted != score:
                test["flag"] = "in-kernel result disagrees with trusted re-check"
            test["score"] = trusted
            if not verdicts[gid]["passed"]:
                test["message"] = verdicts[gid]["message"]
            elif score < max_score:
                test["message"] = "passed (trusted re-check); in the kernel: " + message
        tests[gid] = test
    if curves:  # for feedback: the learner's curve against the expected one
        folder = Path(api.coursedir.root) / "curves" / student
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{info.id}.json").write_text(json.dumps(curves))
    return {"score": sum(t["score"] for t in tests.values()), "max_score": sum(info.max_scores.values()),
            "error": None, "missing": False, "tests": tests, "flags": work.flags,
            "recheck": ("isolated" if isolation_prefix() else "process") if verdicts else "none"}


def _store_trusted_scores(api, todo: list, entries: list) -> None:
    """Write the scores of the report into the gradebook, after every kernel has finished,
    so that feedback and the CSV export show the trusted scores (a notebook's code could
    have written to the gradebook while it ran)."""
    from nbgrader.api import Gradebook

    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        for work, entry in zip(todo, entries):
            if entry["error"]:
                continue
            notebook = Path(work.assignment.notebook).stem
            for gid, test in entry["tests"].items():
                grade = gb.find_grade(gid, notebook, work.assignment.id, work.student)
                grade.auto_score, grade.manual_score = test["score"], None
        gb.db.commit()


# --- self-study: one notebook -----------------------------------------------------------

def assignment_of(nb_path: Path) -> str:
    """The assignment a learner's notebook belongs to: by file name, else by folder name."""
    course = catalogue()
    for assignment, notebook in course.items():
        if nb_path.name == notebook:
            return assignment
    if nb_path.parent.name in course:
        return nb_path.parent.name
    raise SystemExit(f"{nb_path} is not a notebook of this course; expected one of: "
                     + ", ".join(course.values()))


def check(nb_path: Path, cell_timeout: int | None = None) -> dict:
    """Grade one notebook exactly as the class grader would, and print a report."""
    nb_path = Path(nb_path)
    if not nb_path.is_file():
        raise SystemExit(f"no such notebook: {nb_path}")
    assignment = assignment_of(nb_path)
    with tempfile.TemporaryDirectory(prefix="lr-check-") as tmp:
        folder = Path(tmp) / "submissions" / "you" / assignment
        folder.mkdir(parents=True)
        shutil.copyfile(nb_path, folder / catalogue()[assignment])
        print(f"Grading {nb_path} ({assignment}) in a fresh kernel, hidden tests included ...", flush=True)
        report = grade(Path(tmp) / "submissions", workdir=Path(tmp) / "work", cell_timeout=cell_timeout, quiet=True)
    entry = report["students"]["you"][assignment]
    print(format_entry(entry))
    return entry


def format_entry(entry: dict) -> str:
    """A readable report of one graded notebook."""
    if entry["error"]:
        return f"\nNot graded: {entry['error']}\nScore: 0 / {entry['max_score']:g}"
    lines = [""]
    for gid, test in entry["tests"].items():
        mark = "\u2713" if test["score"] >= test["max_score"] else "\u2717"
        lines.append(f"{mark} {gid:<34} {test['score']:g} / {test['max_score']:g}")
        if test["message"] != "passed":
            lines += ["    " + ln for ln in test["message"].splitlines()]
    lines.append(f"\nScore: {entry['score']:g} / {entry['max_score']:g}")
    return "\n".join(lines)
