"""``python -m autograder export WORKDIR --csv grades.csv``: the class's grades as CSV.

An nbgrader export plugin, so plain nbgrader gives the same file:

    LR_GRADING_DIR=WORKDIR nbgrader export --NbGrader.config_file=autograder/grader/nbgrader_config \\
        --ExportApp.plugin_class=autograder.grader.export.CourseCsvExport --to grades.csv

One row per student and assignment of the run's report (``WORKDIR/report.json``, written by
``python -m autograder grade ... --workdir WORKDIR``), with the columns

    assignment, student_id, score, max_score, status, error, flags

``status`` is ``graded``, ``error`` (the notebook could not be graded: ``error`` says why;
nbgrader's own CSV shows such a student as a silent 0) or ``missing`` (nothing handed in).
Scores are read from the gradebook, which holds the trusted scores of the report; a
disagreement with the report (the gradebook was changed after grading) is logged and the
report's score is written. Without a report (a gradebook graded by other means) the rows are
the gradebook's students x assignments, ``graded`` or ``missing``.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin
from traitlets import Unicode

COLUMNS = ["assignment", "student_id", "score", "max_score", "status", "error", "flags"]


def _number(x: float) -> str:
    x = float(x)
    return str(int(x)) if x.is_integer() else repr(x)


def _flags(entry: dict) -> str:
    flags = list(entry.get("flags") or [])
    flags += [f"{gid}: {t['flag']}" for gid, t in (entry.get("tests") or {}).items() if t.get("flag")]
    return "; ".join(flags)


class CourseCsvExport(ExportPlugin):
    """CSV with a status per row, so an errored submission never reads as a plain 0."""

    report = Unicode("", help="report.json of the grading run (default: beside the gradebook)").tag(config=True)

    def _report_path(self, gradebook: Gradebook) -> Path | None:
        if self.report:
            return Path(self.report)
        database = getattr(getattr(gradebook, "engine", None), "url", None)
        database = getattr(database, "database", None)
        if database:
            return Path(database).resolve().parent / "report.json"
        coursedir = getattr(self.parent, "coursedir", None)
        return Path(coursedir.root) / "report.json" if coursedir is not None else None

    def rows(self, gradebook: Gradebook) -> list[dict]:
        path = self._report_path(gradebook)
        report = json.loads(path.read_text()) if path is not None and path.is_file() else None
        if report is None:
            self.log.warning("no report.json beside the gradebook: rows from the gradebook only")
            pairs = [(a.name, s.id, None) for a in gradebook.assignments for s in gradebook.students]
        else:
            pairs = [(a, s, e) for s, entries in sorted(report["students"].items()) for a, e in entries.items()]
        wanted_students = {str(s) for s in self.student}
        wanted_assignments = {str(a) for a in self.assignment}
        rows = []
        for assignment, student, entry in pairs:
            if (wanted_students and student not in wanted_students) or \
                    (wanted_assignments and assignment not in wanted_assignments):
                continue
            row = {"assignment": assignment, "student_id": student, "error": "", "flags": ""}
            if entry is not None and (entry.get("missing") or entry.get("error")):
                row.update(score=float(entry["score"]), max_score=float(entry["max_score"]),
                           status="missing" if entry.get("missing") else "error",
                           error=entry.get("error") or "")
                rows.append(row)
                continue
            try:
                sub = gradebook.find_submission(assignment, student)
            except MissingEntry:
                sub = None
            if sub is None:
                if entry is not None:  # graded in the report, absent from the gradebook
                    self.log.warning("%s/%s: not in the gradebook; the report's score is written", student, assignment)
                    row.update(score=float(entry["score"]), max_score=float(entry["max_score"]), status="graded",
                               flags=_flags(entry))
                else:
                    row.update(score=0.0, max_score=float(gradebook.find_assignment(assignment).max_score),
                               status="missing")
                rows.append(row)
                continue
            score = max(0.0, float(sub.score) - float(sub.late_submission_penalty or 0.0))
            max_score = float(sub.max_score)
            if entry is not None:
                if abs(score - float(entry["score"])) > 1e-9:
                    self.log.warning("%s/%s: the gradebook says %g, the report %g; the report's score is written",
                                     student, assignment, score, entry["score"])
                    score = float(entry["score"])
                max_score = float(entry["max_score"])
                row["flags"] = _flags(entry)
            row.update(score=score, max_score=max_score, status="graded")
            rows.append(row)
        return rows

    def export(self, gradebook: Gradebook) -> None:
        dest = self.to or "grades.csv"
        rows = self.last_rows = self.rows(gradebook)
        with open(dest, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            for row in rows:
                writer.writerow({**row, "score": _number(row["score"]), "max_score": _number(row["max_score"])})
        self.log.info("wrote %d rows to %s", len(rows), dest)


def export(workdir: Path, csv_path: Path) -> list[dict]:
    """Write ``csv_path`` from ``WORKDIR``'s gradebook and report; return the rows."""
    workdir = Path(workdir).resolve()
    db = workdir / "gradebook.db"
    if not db.is_file():
        raise SystemExit(f"{db} not found: grade with --workdir {workdir} first")
    from .nbgrader_api import make_api

    api = make_api(workdir)  # the course's id and database URL
    plugin = CourseCsvExport(to=str(csv_path), report=str(workdir / "report.json"))
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        plugin.export(gb)
    return plugin.last_rows
