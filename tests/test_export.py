"""autograder.grader.export: rows from the trusted report, cells no spreadsheet can run."""
from __future__ import annotations

import csv
import json

import pytest
from nbgrader.api import MissingEntry

from autograder.grader import export

REPORT = {"students": {
    "=HYPERLINK(\"http://evil\",\"x\")": {"01-a": {"score": 3.0, "max_score": 9.0, "error": None, "missing": False,
                                                 "flags": ["solution code uses 'sqlite3'"],
                                                 "tests": {"test_f": {"score": 0.0, "max_score": 1.0, "message": "m",
                                                                      "flag": "disagrees"}}}},
    "alice": {"01-a": {"score": 9.0, "max_score": 9.0, "error": None, "missing": False, "flags": [], "tests": {}},
              "02-b": {"score": 0.0, "max_score": 4.0, "error": "unreadable notebook b.ipynb", "missing": False,
                       "flags": [], "tests": {}}},
    "bob": {"01-a": {"score": 0.0, "max_score": 9.0, "error": None, "missing": True, "flags": [], "tests": {}}},
}}


class FakeGradebook:
    """What the export plugin reads of nbgrader's Gradebook: submissions and their scores."""

    def __init__(self, scores):
        self.scores = scores

    def find_submission(self, assignment, student):
        if (student, assignment) not in self.scores:
            raise MissingEntry()
        return type("Submission", (), {"score": self.scores[student, assignment]})()


def test_rows_follow_the_report_with_a_status_each():
    rows = {(r["student_id"], r["assignment"]): r for r in export.rows_of(REPORT)}
    assert rows["alice", "01-a"]["status"] == "graded" and rows["alice", "01-a"]["score"] == 9.0
    assert rows["alice", "02-b"]["status"] == "error" and "unreadable" in rows["alice", "02-b"]["error"]
    assert rows["bob", "01-a"]["status"] == "missing"
    flags = rows['=HYPERLINK("http://evil","x")', "01-a"]["flags"]
    assert "sqlite3" in flags and "test_f: disagrees" in flags


@pytest.mark.parametrize("value, shown", [("=1+1", "'=1+1"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
                                          ("\t=1", "'\t=1"), ("alice", "alice"), (3.0, "3"), (2.5, "2.5")])
def test_no_cell_starts_like_a_formula(value, shown):
    assert export.cell(value) == shown


def test_the_plugin_writes_neutral_cells_and_checks_the_gradebook(tmp_path, caplog):
    (tmp_path / "report.json").write_text(json.dumps(REPORT))
    plugin = export.CourseCsvExport(to=str(tmp_path / "g.csv"), report=str(tmp_path / "report.json"))
    plugin.export(FakeGradebook({("alice", "01-a"): 7.0}))
    with open(tmp_path / "g.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["student_id"] == "'=HYPERLINK(\"http://evil\",\"x\")"
    assert not any(v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
    assert "the gradebook says 7, the report 9" in caplog.text


def test_without_a_report_the_plugin_refuses(tmp_path):
    plugin = export.CourseCsvExport(to=str(tmp_path / "g.csv"), report=str(tmp_path / "report.json"))
    with pytest.raises(RuntimeError, match="needs the report"):
        plugin.export(FakeGradebook({}))
    assert not (tmp_path / "g.csv").exists()
