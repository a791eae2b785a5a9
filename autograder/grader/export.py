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


def export(workdir: Path, csv_path: Path) -> list[dict]:
    """Write ``csv_path`` from ``WORKDIR``'s report (checked against its gradebook); return the rows."""
    from .nbgrader_api import make_api

    workdir = Path(workdir).resolve()
    api = make_api(workdir)  # the course's id and database URL
    plugin = CourseCsvExport(to=str(csv_path), report=str(workdir / "report.json"))
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        plugin.export(gb)
    return plugin.last_rows
