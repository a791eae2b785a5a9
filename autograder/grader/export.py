"""``python -m autograder export WORKDIR --csv grades.csv``: the class's grades as CSV.

An nbgrader export plugin, so plain nbgrader gives the same file:

    LR_GRADING_DIR=WORKDIR nbgrader export --NbGrader.config_file=autograder/grader/nbgrader_config \\
        --ExportApp.plugin_class=autograder.grader.export.CourseCsvExport --to grades.csv

One row per student and assignment of the run's report (``WORKDIR/report.json``, written by
``python -m autograder grade ... --workdir WORKDIR``), with the columns

    assignment, student_id, score, max_score, status, error, flags

``status`` is ``graded``, ``error`` (the notebook could not be graded: ``error`` says why;
nbgrader's own CSV shows such a student as a silent 0) or ``missing`` (nothing handed in).
The report is the source (it holds only trusted scores); the gradebook is read to check it,
and a disagreement is logged. Without a report there is nothing trustworthy to export: the
plugin refuses, and so does the command when the report is stale. Every cell that a
spreadsheet would read as a formula (it starts with ``= + - @``, a tab or a carriage return)
is written with a leading apostrophe.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin
from traitlets import Unicode

COLUMNS = ["assignment", "student_id", "score", "max_score", "status", "error", "flags"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = value if isinstance(value, str) else _number(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _number(x) -> str:
    x = float(x)
    return str(int(x)) if x.is_integer() else repr(x)


def _flags(entry: dict) -> str:
    flags = list(entry.get("flags") or [])
    flags += [f"{gid}: {t['flag']}" for gid, t in (entry.get("tests") or {}).items() if t.get("flag")]
    return "; ".join(flags)


def rows_of(report: dict, students: set[str] | None = None, assignments: set[str] | None = None) -> list[dict]:
    """The export's rows, from a grading report (plain data: no formula neutralisation yet)."""
    rows = []
    for student, entries in sorted(report["students"].items()):
        for assignment, entry in entries.items():
            if (students and student not in students) or (assignments and assignment not in assignments):
                continue
            status = "missing" if entry.get("missing") else "error" if entry.get("error") else "graded"
            rows.append({"assignment": assignment, "student_id": student, "score": float(entry["score"]),
                         "max_score": float(entry["max_score"]), "status": status, "error": entry.get("error") or "",
                         "flags": _flags(entry) if status == "graded" else ""})
    return rows


def write_csv(rows: list[dict], dest: Path) -> None:
    with open(dest, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: cell(row[k]) for k in COLUMNS})


class CourseCsvExport(ExportPlugin):
    """CSV with a status per row, so an errored submission never reads as a plain 0."""

    report = Unicode("", help="report.json of the grading run (default: beside the gradebook)").tag(config=True)

    def _report_path(self, gradebook: Gradebook) -> Path:
        if self.report:
            return Path(self.report)
        database = getattr(getattr(gradebook, "engine", None), "url", None)
        return Path(getattr(database, "database", "") or ".").resolve().parent / "report.json"

    def _check_against(self, gradebook: Gradebook, rows: list[dict]) -> None:
        for row in rows:
            if row["status"] != "graded":
                continue
            try:
                sub = gradebook.find_submission(row["assignment"], row["student_id"])
            except MissingEntry:
                self.log.warning("%s/%s: graded in the report, not in the gradebook", row["student_id"],
                                 row["assignment"])
                continue
            if abs(float(sub.score) - row["score"]) > 1e-9:
                self.log.warning("%s/%s: the gradebook says %g, the report %g; the report's score is written",
                                 row["student_id"], row["assignment"], float(sub.score), row["score"])

    def rows(self, gradebook: Gradebook) -> list[dict]:
        path = self._report_path(gradebook)
        if not path.is_file():
            raise RuntimeError(f"no {path}: export needs the report of a finished `python -m autograder grade "
                               "--workdir` run (the gradebook alone may hold scores nobody re-checked)")
        rows = rows_of(json.loads(path.read_text()), {str(s) for s in self.student} or None,
                       {str(a) for a in self.assignment} or None)
        self._check_against(gradebook, rows)
        return rows

    def export(self, gradebook: Gradebook) -> None:
        dest = self.to or "grades.csv"
        rows = self.last_rows = self.rows(gradebook)
        write_csv(rows, Path(dest))
        self.log.info("wrote %d rows to %s", len(rows), dest)


# --- the LMS formats ---------------------------------------------------------------------
#
# Canvas: "How do I import grades in the Gradebook?" (Canvas Instructor Guide,
# https://community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807):
# the columns Student, ID, SIS User ID, SIS Login ID and Section identify the student (Canvas matches
# on ID, else SIS User ID, else SIS Login ID); every further column is an assignment, and a row whose
# Student cell is "Points Possible" gives each new assignment its points. An empty cell changes nothing.
# Moodle: "Grade import" (https://docs.moodle.org/en/Grade_import): a CSV file with one column that
# identifies the user (mapped on import to the user's ID number, email address or username) and one
# column per grade item, mapped on import to a grade item; "-" or an empty cell is no grade.

CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
ROSTER_COLUMNS = {
    # roster column -> Canvas column (the roster is the instructor's file: student_id plus the LMS's ids)
    "canvas": {"name": "Student", "canvas_id": "ID", "sis_user_id": "SIS User ID", "sis_login_id": "SIS Login ID",
               "section": "Section"},
}
# Moodle: the roster's column for the user field the import matches on, and that field's name.
MOODLE_IDENTITY = {"idnumber": "ID number", "email": "Email address", "username": "Username"}


def read_roster(path: Path) -> dict[str, dict]:
    """``{grader's student id: {column: value}}`` from a CSV with a ``student_id`` column."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        if "student_id" not in (reader.fieldnames or []):
            raise ValueError(f"{path}: the roster needs a student_id column (the grader's ids), "
                             f"got {reader.fieldnames}")
        return {row["student_id"].strip(): {k: (v or "").strip() for k, v in row.items()} for row in reader}


def _points(report: dict) -> dict[str, float]:
    return {a: float(e["max_score"]) for entries in report["students"].values() for a, e in entries.items()}


def _grade(entry: dict | None) -> str:
    """A gradebook cell: the score when graded, 0 when nothing was handed in, empty (no change)
    when the notebook could not be graded (the instructor decides: see the error list)."""
    if entry is None or entry.get("error"):
        return ""
    return _number(0.0 if entry.get("missing") else entry["score"])


def lms_table(report: dict, roster: dict[str, dict], lms: str) -> tuple[list[str], list[list[str]], list[str]]:
    """``(header, rows, problems)`` of a Canvas or Moodle import file; ``problems`` lists every
    student of the report missing from the roster, of the roster missing from the report, and
    every notebook that could not be graded."""
    assignments = sorted(_points(report))
    students = report["students"]
    problems = [f"{s}: in the report, not in the roster (no row written)" for s in sorted(set(students) - set(roster))]
    problems += [f"{s}: in the roster, not in the report (no grades)" for s in sorted(set(roster) - set(students))]
    problems += [f"{s}/{a}: not graded ({e['error']}); its cell is left empty"
                 for s, entries in sorted(students.items()) for a, e in entries.items()
                 if e.get("error") and s in roster]
    if lms == "canvas":
        header = CANVAS_IDENTITY + [f"{a} ({_number(_points(report)[a])} points)" for a in assignments]
        rows = [["Points Possible", "", "", "", ""] + [_number(_points(report)[a]) for a in assignments]]
        for sid, who in sorted(roster.items()):
            ids = [who.get(col, "") for col in ROSTER_COLUMNS["canvas"]]
            rows.append(ids + [_grade(students.get(sid, {}).get(a)) for a in assignments])
    else:
        columns = set().union(*(who.keys() for who in roster.values())) if roster else set()
        key = next((k for k in MOODLE_IDENTITY if k in columns), None)
        if key is None:
            raise ValueError(f"a Moodle roster needs one of the columns {', '.join(MOODLE_IDENTITY)}")
        header = [MOODLE_IDENTITY[key]] + assignments
        rows = [[who.get(key, "")] + [_grade(students.get(sid, {}).get(a)) for a in assignments]
                for sid, who in sorted(roster.items())]
    return header, rows, problems


def write_lms(report: dict, roster: dict[str, dict], lms: str, dest: Path) -> list[str]:
    header, rows, problems = lms_table(report, roster, lms)
    with open(dest, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow([cell(h) for h in header])
        writer.writerows([[cell(v) for v in row] for row in rows])
    return problems


def export(workdir: Path, csv_path: Path) -> list[dict]:
    """Write ``csv_path`` from ``WORKDIR``'s report (checked against its gradebook); return the rows."""
    from .nbgrader_api import make_api

    workdir = Path(workdir).resolve()
    api = make_api(workdir)  # the course's id and database URL
    plugin = CourseCsvExport(to=str(csv_path), report=str(workdir / "report.json"))
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        plugin.export(gb)
    return plugin.last_rows
