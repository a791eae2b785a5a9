"""autograder.grader.export: rows from the trusted report, cells no spreadsheet can run."""
from __future__ import annotations

import csv
import json
import logging

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
    caplog.set_level(logging.WARNING, logger=plugin.log.name)   # an nbgrader app run earlier sets ERROR
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


ROSTER = {"alice": {"student_id": "alice", "name": "Alice A", "canvas_id": "101", "sis_user_id": "A1",
                    "sis_login_id": "alice@uni", "section": "S1", "email": "alice@uni", "idnumber": "A1"},
          "carol": {"student_id": "carol", "name": "=cmd|' /C calc'!A0", "canvas_id": "103", "sis_user_id": "C3",
                    "sis_login_id": "carol@uni", "section": "S1", "email": "carol@uni", "idnumber": "C3"}}


def test_canvas_import_has_the_identity_columns_points_and_a_column_per_assignment():
    header, rows, problems = export.lms_table(REPORT, ROSTER, "canvas")
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "01-a (9 points)", "02-b (4 points)"]
    assert rows[0] == ["Points Possible", "", "", "", "", "9", "4"]
    alice = next(r for r in rows if r[1] == "101")
    assert alice == ["Alice A", "101", "A1", "alice@uni", "S1", "9", ""]  # 02-b not graded: left empty
    assert any(p.startswith("bob: in the report, not in the roster") for p in problems)
    assert any(p.startswith("carol: in the roster, not in the report") for p in problems)
    assert any(p.startswith("alice/02-b: not graded") for p in problems)


def test_moodle_import_is_matched_by_the_rosters_identifier(tmp_path):
    roster = {sid: {k: v for k, v in who.items() if k in ("student_id", "email")} for sid, who in ROSTER.items()}
    header, rows, _ = export.lms_table(REPORT, roster, "moodle")
    assert header == ["Email address", "01-a", "02-b"]
    assert ["alice@uni", "9", ""] in rows
    problems = export.write_lms(REPORT, ROSTER, "canvas", tmp_path / "c.csv")
    assert problems
    text = (tmp_path / "c.csv").read_text()
    assert "'=cmd|" in text and "\n=cmd" not in text and ",=cmd" not in text  # a roster's formula is neutralised


def test_a_roster_without_the_graders_ids_is_refused(tmp_path):
    (tmp_path / "r.csv").write_text("email,name\nalice@uni,Alice\n")
    with pytest.raises(ValueError, match="student_id"):
        export.read_roster(tmp_path / "r.csv")
