"""``python -m autograder check NOTEBOOK``: a learner grades one notebook the way the class
grader would (validation, the trusted re-check with the hidden tests, nbgrader in a
sandboxed kernel), in this process, and reads a report."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .nbgrader_api import catalogue


def assignment_of(nb_path: Path) -> str:
    """The assignment a learner's notebook belongs to: by file name, else by folder name."""
    course = catalogue()
    for assignment, notebook in course.items():
        if nb_path.name == notebook:
            return assignment
    if nb_path.parent.name in course:
        return nb_path.parent.name
    raise SystemExit(f"{nb_path} is not a notebook of this course; expected one of: " + ", ".join(course.values()))


def check(nb_path: Path, cell_timeout: int | None = None) -> dict:
    """Grade one notebook exactly as the class grader would, and print a report."""
    from .batch import grade

    nb_path = Path(nb_path)
    if not nb_path.is_file():
        raise SystemExit(f"no such notebook: {nb_path}")
    assignment = assignment_of(nb_path)
    with tempfile.TemporaryDirectory(prefix="lr-check-") as tmp:
        folder = Path(tmp) / "submissions" / "you" / assignment
        folder.mkdir(parents=True)
        shutil.copyfile(nb_path, folder / catalogue()[assignment])
        print(f"Grading {nb_path} ({assignment}) in a fresh kernel, hidden tests included ...", flush=True)
        report = grade(Path(tmp) / "submissions", workdir=Path(tmp) / "work", cell_timeout=cell_timeout,
                       workers=0, quiet=True)
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
    if entry.get("isolation") == "none":
        lines.append("\n(graded without a sandbox: bubblewrap is not available here)")
    lines.append(f"\nScore: {entry['score']:g} / {entry['max_score']:g}")
    return "\n".join(lines)
