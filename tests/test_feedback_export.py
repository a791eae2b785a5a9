"""The instructor's pipeline after release, through the real command line:
collect (an LMS-style download) -> grade -> feedback -> export.

One small class (three notebooks run in a kernel, the rest fail validation), graded once:

* ``ann``: 00 reference; 01 with the wrong ``step_lr`` "true division" (flat LMS file names);
* ``a01_ref``: 01 reference (a folder per student);
* ``ben``: 01 that is not JSON (and no 00: missing);
* ``dan``: 00's notebook handed in for 01 (a notebook of another assignment: an error).
"""
from __future__ import annotations

import base64
import csv
import json
import os
import re
import subprocess
import sys

import nbformat
import pytest

from conftest import _grading_env
from harness import REPO, Student, submission, variants

A00, NB00 = "00-orientation", "orientation.ipynb"
A01, NB01 = "01-step-decay", "step_decay.ipynb"
WRONG_LABEL = "true division"
LEAKS = ("check_hidden", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def cli(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "autograder", *map(str, args)], cwd=cwd, env=env or _grading_env(),
                          capture_output=True, text=True, timeout=3600)


def notebook(student, assignment, notebook_name, kind="ref", fn="", label=""):
    return submission(Student(student, assignment, kind, fn, label), REPO / "course", notebook_name)


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pipeline")
    downloads = tmp / "downloads"
    (downloads / "a01_ref" / "submission").mkdir(parents=True)
    (downloads / "dan" / A01).mkdir(parents=True)
    assert WRONG_LABEL in dict(variants(A01, NB01)[0]["step_lr"])
    nbformat.write(notebook("ann", A00, NB00), str(downloads / f"ann_1001_assignsubmission_file_{NB00}"))
    nbformat.write(notebook("ann", A01, NB01, "wrong", "step_lr", WRONG_LABEL),
                   str(downloads / f"ann_1001_assignsubmission_file_{NB01}"))
    nbformat.write(notebook("a01_ref", A01, NB01), str(downloads / "a01_ref" / "submission" / NB01))
    (downloads / "ben_1002_step_decay (1).ipynb").write_text('{"cells": [{"cell_type": "code", ')
    nbformat.write(notebook("dan", A00, NB00), str(downloads / "dan" / A01 / "my_work.ipynb"))
    (downloads / "readme.txt").write_text("exported from the LMS\n")
    (downloads / "ann_1001_notes.ipynb").write_text("{}")

    subs, work = tmp / "submissions", tmp / "work"
    collected = cli("collect", downloads, "--into", subs)
    assert collected.returncode == 0, collected.stderr[-3000:]
    graded = cli("grade", subs, "--json", tmp / "report.json", "--workdir", work)
    assert graded.returncode == 0, graded.stderr[-3000:]
    report = json.loads((tmp / "report.json").read_text())["students"]
    feedback = cli("feedback", work, "--out", tmp / "feedback")
    assert feedback.returncode == 0, feedback.stdout + feedback.stderr[-3000:]
    exported = cli("export", work, "--csv", tmp / "grades.csv")
    assert exported.returncode == 0, exported.stderr[-3000:]
    with open(tmp / "grades.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {"tmp": tmp, "subs": subs, "work": work, "report": report, "rows": rows, "collect": collected.stdout}


def page(pipeline, student, assignment, notebook_name):
    path = pipeline["tmp"] / "feedback" / student / assignment / (notebook_name[:-len(".ipynb")] + ".html")
    assert path.is_file(), f"no feedback page {path}"
    return path.read_text(encoding="utf-8")


def test_collect_places_lms_files(pipeline):
    subs = pipeline["subs"]
    found = sorted(p.relative_to(subs).as_posix() for p in subs.rglob("*.ipynb"))
    assert found == [f"a01_ref/{A01}/{NB01}", f"ann/{A00}/{NB00}", f"ann/{A01}/{NB01}", f"ben/{A01}/{NB01}",
                     f"dan/{A01}/{NB01}"]
    assert (subs / "ben" / A01 / NB01).read_text().startswith('{"cells": [')
    out = pipeline["collect"]
    assert "could not place 2 file(s)" in out, out
    assert "readme.txt: not a notebook" in out and "ann_1001_notes.ipynb: not a notebook of this course" in out


def test_report_is_as_expected(pipeline):
    report = pipeline["report"]
    assert report["a01_ref"][A01]["score"] == report["a01_ref"][A01]["max_score"] > 0
    assert report["ann"][A00]["score"] == report["ann"][A00]["max_score"]
    ann01 = report["ann"][A01]
    assert ann01["error"] is None and ann01["tests"]["test_step_lr"]["score"] == 0
    assert "NotJSONError" in report["ben"][A01]["error"] and report["ben"][A00]["missing"]
    assert "does not know" in report["dan"][A01]["error"]


def summary_of(html):
    start = html.index('id="lr-summary"')
    return html[start:html.index("</div>", start)]


def test_feedback_page_per_graded_notebook(pipeline):
    for student, assignment, nb in (("ann", A00, NB00), ("ann", A01, NB01), ("a01_ref", A01, NB01)):
        html = page(pipeline, student, assignment, nb)
        entry = pipeline["report"][student][assignment]
        assert f"{assignment}: {entry['score']:g} / {entry['max_score']:g}" in html
        assert 'id="lr-summary"' in html and "Grade cell" in html  # the summary and nbgrader's page
    assert not (pipeline["tmp"] / "feedback" / "ben" / A00).exists()  # missing: no page


def test_feedback_shows_failed_message_and_curve(pipeline):
    html = page(pipeline, "ann", A01, NB01)
    assert "step_lr(step=" in html and "Hint:" in html
    summary = summary_of(html)
    assert "step_lr(step=" in summary and "Hint:" in summary  # the trusted message, at the top
    images = re.findall(r'<img [^>]*src="data:image/png;base64,([A-Za-z0-9+/=]+)"', summary)
    assert len(images) == 1, "one failed visible schedule test, one plot"
    assert base64.b64decode(images[0]).startswith(b"\x89PNG")
    assert "test_step_lr_hidden" in summary and "hidden cases wrong" in summary
    assert "data:image/png" not in summary_of(page(pipeline, "a01_ref", A01, NB01))  # nothing failed, no plot


def test_feedback_never_shows_hidden_tests(pipeline):
    pages = list((pipeline["tmp"] / "feedback").rglob("*.html"))
    assert len(pages) == 5
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for leak in LEAKS:
            assert leak not in html, f"{path} shows {leak!r}"


def test_errored_submission_gets_an_explanation(pipeline):
    ben = page(pipeline, "ben", A01, NB01)
    assert "not graded" in ben and "NotJSONError" in ben and "Notebook Jupyter can open".lower() in ben.lower()
    dan = page(pipeline, "dan", A01, NB01)
    assert "not graded" in dan and "does not know" in dan


def test_csv_rows_match_the_report(pipeline):
    report, rows = pipeline["report"], pipeline["rows"]
    assert list(rows[0]) == ["assignment", "student_id", "score", "max_score", "status", "error", "flags"]
    assert sorted((r["student_id"], r["assignment"]) for r in rows) == \
        sorted((s, a) for s, entries in report.items() for a in entries)
    for row in rows:
        entry = report[row["student_id"]][row["assignment"]]
        assert float(row["score"]) == entry["score"] and float(row["max_score"]) == entry["max_score"], row
        status = "missing" if entry["missing"] else "error" if entry["error"] else "graded"
        assert row["status"] == status and row["error"] == (entry["error"] or ""), row
    by_key = {(r["student_id"], r["assignment"]): r for r in rows}
    assert by_key[("ben", A01)]["status"] == "error" and "NotJSONError" in by_key[("ben", A01)]["error"]
    assert by_key[("ben", A00)]["status"] == "missing"


def test_plain_nbgrader_export_with_the_plugin_gives_the_same_csv(pipeline):
    out = pipeline["tmp"] / "plain.csv"
    env = dict(_grading_env(), LR_GRADING_DIR=str(pipeline["work"]))
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), "nbgrader"), "export",
                           "--NbGrader.config_file=autograder/grader/nbgrader_config",
                           "--ExportApp.plugin_class=autograder.grader.export.CourseCsvExport", "--to", str(out)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert out.read_text() == (pipeline["tmp"] / "grades.csv").read_text()


def test_export_refuses_a_missing_or_stale_report(pipeline, tmp_path):
    """A report older than the committed results (an interrupted re-run) is not exported."""
    import shutil

    work = tmp_path / "work"
    shutil.copytree(pipeline["work"], work)
    result = next((work / "results").rglob("*.json"))
    result.write_text(result.read_text() + " ")
    proc = cli("export", work, "--csv", tmp_path / "g.csv")
    assert proc.returncode != 0 and "stale" in proc.stderr and not (tmp_path / "g.csv").exists()
    (work / "report.json").unlink()
    proc = cli("export", work, "--csv", tmp_path / "g.csv")
    assert proc.returncode != 0 and "no report.json" in proc.stderr


def test_export_for_canvas_and_moodle_with_a_roster(pipeline, tmp_path):
    (tmp_path / "roster.csv").write_text("student_id,name,canvas_id,sis_user_id,sis_login_id,section,email\n"
                                         "ann,Ann,11,S11,ann@uni,A,ann@uni\na01_ref,Ref,12,S12,ref@uni,A,ref@uni\n")
    canvas = cli("export", pipeline["work"], "--format", "canvas", "--roster", tmp_path / "roster.csv",
                 "--out", tmp_path / "canvas.csv")
    assert canvas.returncode == 0, canvas.stderr
    with open(tmp_path / "canvas.csv", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] and rows[1][0] == "Points Possible"
    assert ["ben: in the report, not in the roster (no row written)" in canvas.stderr,
            "dan: in the report, not in the roster (no row written)" in canvas.stderr] == [True, True]
    moodle = cli("export", pipeline["work"], "--format", "moodle", "--roster", tmp_path / "roster.csv",
                 "--out", tmp_path / "moodle.csv")
    assert moodle.returncode == 0 and (tmp_path / "moodle.csv").read_text().startswith("Email address,")
    assert cli("export", pipeline["work"], "--format", "canvas", "--out", tmp_path / "x.csv").returncode != 0
