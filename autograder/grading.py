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

import nbformat

from .nbgrader_api import catalogue, make_api, run

ANSI = re.compile(r"\x1b\[[0-9;]*m")


# --- finding and validating a submission ----------------------------------------------

def find_notebook(folder: Path, expected: str) -> Path | None:
    """The submitted notebook: the expected file name, else the only notebook there."""
    if (folder / expected).is_file():
        return folder / expected
    others = [p for p in folder.glob("*.ipynb") if not p.name.startswith(".")]
    return others[0] if len(others) == 1 else None


def validate(path: Path) -> str | None:
    """``None`` when ``path`` is a readable notebook, else a one-line reason."""
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # NotJSONError, UnicodeDecodeError, OSError, ...
        return f"unreadable notebook {path.name}: {type(exc).__name__}: {_first_line(str(exc))}"
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        return f"invalid notebook {path.name}: {_first_line(exc.message)}"
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

def grade(submissions: Path, json_out: Path | None = None, *, workdir: Path | None = None,
          cell_timeout: int | None = None, quiet: bool = False) -> dict:
    """Grade every ``<student>/<assignment>/<notebook>`` below ``submissions``.

    Returns (and writes to ``json_out``) the report of COURSE_SPEC.md.
    """
    submissions = Path(submissions)
    course = catalogue()
    students = sorted(p.name for p in submissions.iterdir() if p.is_dir() and not p.name.startswith("."))
    present = [a for a in course if any((submissions / s / a).is_dir() for s in students)]
    report: dict = {"students": {s: {} for s in students}}

    tmp = None
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="lr-grade-")
        workdir = Path(tmp.name)
    api = make_api(Path(workdir), cell_timeout)
    timeout = api.config.Execute.timeout
    log = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    try:
        todo = []
        for assignment in present:
            run(api.generate_assignment(assignment, force=True), f"generate_assignment {assignment}")
            max_scores = _max_scores(api, assignment)
            for student in students:
                folder = submissions / student / assignment
                if not folder.is_dir():
                    report["students"][student][assignment] = _entry(max_scores, missing=True)
                    continue
                nb_path = find_notebook(folder, course[assignment])
                error = validate(nb_path) if nb_path else f"no notebook {course[assignment]} in {assignment}/"
                if error:
                    report["students"][student][assignment] = _entry(max_scores, error)
                    continue
                dest = Path(workdir) / "submitted" / student / assignment
                if dest.exists():
                    shutil.rmtree(dest)
                dest.mkdir(parents=True)
                shutil.copyfile(nb_path, dest / course[assignment])
                todo.append((assignment, student, max_scores))

        for i, (assignment, student, max_scores) in enumerate(todo, 1):
            started = time.perf_counter()
            entry = _autograde_one(api, assignment, student, course[assignment], max_scores, timeout)
            report["students"][student][assignment] = entry
            log(f"[{i}/{len(todo)}] {student}/{assignment}: {entry['score']:g}/{entry['max_score']:g}"
                f"{'  ERROR ' + entry['error'] if entry['error'] else ''} ({time.perf_counter() - started:.1f} s)")
    finally:
        if tmp is not None:
            tmp.cleanup()
    if json_out is not None:
        Path(json_out).write_text(json.dumps(report, indent=1) + "\n")
    return report


def _autograde_one(api, assignment: str, student: str, notebook: str, max_scores: dict, timeout: int) -> dict:
    result = api.autograde(assignment, student, force=True, create=True)
    graded = Path(api.coursedir.root) / "autograded" / student / assignment / notebook
    if not result.get("success") or not graded.is_file():
        detail = (result.get("log") or "") + (result.get("error") or "")
        reason = [ln for ln in ANSI.sub("", detail).splitlines() if ln.strip() and "[ERROR]" in ln]
        return _entry(max_scores, "autograde failed: " + _first_line(reason[0] if reason else detail or "no output"))
    scores = _scores(api, assignment, student)
    cells = _test_cells(graded)
    tests = {}
    for gid, max_score in max_scores.items():
        score = scores.get(gid, 0.0)
        cell = cells.get(gid)
        message = _message(cell, score, max_score, timeout) if cell is not None else "test cell missing"
        tests[gid] = {"score": score, "max_score": max_score, "message": message}
    return {"score": sum(t["score"] for t in tests.values()), "max_score": sum(max_scores.values()),
            "error": None, "missing": False, "tests": tests}


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
