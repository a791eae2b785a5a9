"""``LearnerSummary``: the course's summary for the top of a feedback page.

For the page's student and assignment it reads the entry of the grading run's report
(trusted scores, every failed test's message, flags) and the learner's curves, and puts
the escaped HTML (:func:`autograder.grader.feedback.summary_html`) and the page's
Content-Security-Policy into ``resources["lr"]``, where the ``lr_feedback`` template places them.
"""
from __future__ import annotations

import json
from pathlib import Path

from markupsafe import Markup
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

# Nothing runs, nothing loads from elsewhere; inline styles and data: images are allowed.
CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
       "base-uri 'none'; form-action 'none'")


class LearnerSummary(NbGraderPreprocessor):
    workdir = Unicode("", help="The working folder of the grading run (its report.json and curves/).").tag(config=True)

    def preprocess(self, nb, resources):
        from ..feedback import summary_html

        student, assignment = resources["nbgrader"]["student"], resources["nbgrader"]["assignment"]
        work = Path(self.workdir)
        entry = json.loads((work / "report.json").read_text())["students"][student][assignment]
        curves_path = work / "curves" / student / f"{assignment}.json"
        curves = json.loads(curves_path.read_text()) if curves_path.is_file() else {}
        failed = {gid for gid, t in entry["tests"].items() if t["score"] < t["max_score"]}
        summary = summary_html(student, assignment, entry, {g: c for g, c in curves.items() if g in failed})
        resources["lr"] = {"summary": Markup(summary),
                           "head": Markup(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">')}
        return nb, resources
