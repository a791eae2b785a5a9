"""``python -m autograder feedback WORKDIR [--out FOLDER]``: one HTML page per graded notebook.

``WORKDIR`` is the working folder of ``python -m autograder grade ... --workdir WORKDIR``: it
holds the gradebook, ``autograded/``, ``report.json`` (the report of the run) and
``curves/<student>/<assignment>.json`` (the learner's values of a failed visible schedule
test next to the expected ones).

For every graded submission of ``report.json`` this runs nbgrader's ``generate_feedback``
in-process (the gradebook holds the trusted scores, so nbgrader's page shows them) with the
course's template (``templates/lr_feedback``, extending nbgrader's), which adds at the top
of the page a summary (built by ``preprocessors/learner_summary.py``): the score, every
test with its score and, when it failed, its message; the entry's flags; and, per failed
schedule test, a plot of the learner's curve over the expected one. An errored submission
(unreadable notebook, autograde failure) gets a short page that says why it was not graded.
A missing submission gets no page.

Hidden tests: the course config runs ``ClearHiddenTests`` (it removes the source between the
``BEGIN/END HIDDEN TESTS`` markers), and :class:`HideHiddenTracebacks` runs before it: the
traceback of a failed hidden test would otherwise print the hidden lines (and the frames of
``autograder/references``). Every page is checked for the hidden markers before it is written.
Learner outputs and Markdown are made inert (``preprocessors/inert_outputs.py``) and every
page carries a Content-Security-Policy that lets no script run.

Output: ``FOLDER/<student>/<assignment>/<notebook stem>.html`` (default ``WORKDIR/feedback``).
"""
from __future__ import annotations

import base64
import html
import io
import json
import sys
from pathlib import Path

from .nbgrader_api import catalogue, make_api
from .preprocessors.hidden_tracebacks import LEAKS
from .preprocessors.learner_summary import CSP

TEMPLATES = Path(__file__).with_name("templates")


# --- the summary at the top of a page ----------------------------------------------------

STYLE = """<style>
.lr-summary {font-family: system-ui, sans-serif; margin: 1em 0 2em 0; padding: 1em 1.2em;
  border: 1px solid #ccc; border-radius: 6px; background: #fafafa;}
.lr-summary h2 {margin-top: 0;}
.lr-summary table {border-collapse: collapse; width: 100%; margin: 0.8em 0;}
.lr-summary th, .lr-summary td {border: 1px solid #ddd; padding: 4px 8px; vertical-align: top; text-align: left;}
.lr-summary td.num {white-space: nowrap; text-align: right;}
.lr-summary tr.failed td {background: #fff3f3;}
.lr-summary tr.passed td {background: #f3fff3;}
.lr-summary pre {white-space: pre-wrap; margin: 0; font-size: 90%;}
.lr-summary .flag {color: #8a4b00; font-weight: bold;}
.lr-summary .error {color: #a00000; font-weight: bold;}
.lr-summary figure {margin: 1em 0;}
.lr-summary img {max-width: 100%;}
</style>"""


def _num(x) -> str:
    return f"{float(x):g}"


def summary_html(student: str, assignment: str, entry: dict, curves: dict | None = None) -> str:
    """The block added at the top of a feedback page (everything escaped)."""
    esc = html.escape
    parts = [STYLE, '<div class="lr-summary" id="lr-summary">',
             f"<h2>{esc(assignment)}: {_num(entry['score'])} / {_num(entry['max_score'])}</h2>",
             f"<p>Student: <code>{esc(student)}</code>. The score is the trusted one: every graded function is "
             "re-checked outside your notebook's kernel, hidden tests included.</p>"]
    if entry.get("error"):
        parts.append(f'<p class="error">Not graded: {esc(entry["error"])}</p>')
    for flag in entry.get("flags") or []:
        parts.append(f'<p class="flag">Flag for the instructor: {esc(str(flag))}</p>')
    tests = entry.get("tests") or {}
    if tests:
        parts.append("<table><tr><th>test</th><th>score</th><th>message</th></tr>")
        for gid, test in tests.items():
            passed = test["score"] >= test["max_score"]
            message = "" if test.get("message") == "passed" and passed else test.get("message", "")
            flag = f'<div class="flag">{esc(test["flag"])}</div>' if test.get("flag") else ""
            parts.append(f'<tr class="{"passed" if passed else "failed"}"><td><a href="#{esc(gid)}"><code>{esc(gid)}'
                         f'</code></a></td><td class="num">{_num(test["score"])} / {_num(test["max_score"])}</td>'
                         f'<td>{"&#10003; passed" if passed and not message else ""}'
                         f'{"<pre>" + esc(message) + "</pre>" if message else ""}{flag}</td></tr>')
        parts.append("</table>")
    for gid, curve in (curves or {}).items():
        if not curve:
            continue
        try:
            png = curve_png(curve)
        except Exception as exc:  # a plot is a bonus: never lose the page for it
            parts.append(f"<p>(no plot for {esc(gid)}: {esc(type(exc).__name__)})</p>")
            continue
        args = ", ".join(f"{k}={v!r}" for k, v in curve.get("args", {}).items())
        missing = sum(g is None for g in curve.get("got", []))
        note = (f" At {missing} of these steps your function raised an error or returned no number "
                "(not plotted)." if missing else "")
        parts.append(f'<figure><img src="data:image/png;base64,{png}" alt="your {esc(curve["function"])} against '
                     f'the expected values"><figcaption><code>{esc(gid)}</code>: your '
                     f'<code>{esc(curve["function"])}</code> (red) over the expected schedule (black) for '
                     f'<code>{esc(args)}</code>; crosses mark the steps where they differ.{esc(note)}'
                     "</figcaption></figure>")
    parts.append("</div>")
    return "\n".join(parts)


def curve_png(curve: dict) -> str:
    """A PNG (base64) of the learner's values over the expected ones, steps sorted."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..learner.checks import tolerance

    points = sorted({int(s): (w, g) for s, w, g in zip(curve["steps"], curve["expected"], curve["got"])}.items())
    steps = [s for s, _ in points]
    want = [w for _, (w, _) in points]
    got = [g if isinstance(g, (int, float)) else float("nan") for _, (_, g) in points]
    peak = max((abs(w) for w in want if isinstance(w, (int, float))), default=0.0)
    off = [(s, g) for s, w, g in zip(steps, want, got) if g == g and abs(g - w) > tolerance(w, peak)]
    fig, ax = plt.subplots(figsize=(7, 3.4), dpi=90)
    try:
        ax.plot(steps, want, color="black", lw=2.2, label="expected")
        ax.plot(steps, got, color="tab:red", lw=1.3, label="yours")
        if off:
            ax.scatter([s for s, _ in off], [g for _, g in off], marker="x", color="tab:red", s=18, zorder=3,
                       label="differs")
        ax.set_xlabel("step")
        ax.set_ylabel("learning rate")
        ax.set_title(f"{curve['function']}({', '.join(f'{k}={v}' for k, v in curve.get('args', {}).items())})",
                     fontsize=9)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
    finally:
        plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


ADVICE = {
    "unreadable": "The file you handed in is not a notebook Jupyter can open (it may be cut short or saved by "
                  "another program). Open it in JupyterLab, save it, download it again (File &#9656; Download) "
                  "and hand that file in.",
    "cells": "Work in the notebook <code>{notebook}</code> you were given: the grader finds your answers by the "
             "cells' hidden metadata, which a copied, duplicated, edited or re-created cell does not carry.",
    "no-notebook": "Hand in the notebook <code>{notebook}</code>.",
    "other": "Run your notebook top to bottom in a fresh kernel (Kernel &#9656; Restart and Run All) and check "
             "that it finishes; then hand it in again, or ask your instructor.",
}
ADVICE_OF_KIND = {"unreadable": "unreadable", "invalid": "unreadable", "no-nbgrader-cells": "cells",
                  "duplicate-cells": "cells", "foreign-cells": "cells", "bad-metadata": "cells",
                  "no-notebook": "no-notebook"}


def error_page(student: str, assignment: str, notebook: str, entry: dict) -> str:
    """The page of a submission that could not be graded."""
    esc = html.escape
    error = entry.get("error") or "unknown error"
    advice = ADVICE[ADVICE_OF_KIND.get(entry.get("error_kind") or "", "other")].format(notebook=esc(notebook))
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f"<title>{esc(assignment)}: not graded</title>{STYLE}</head>\n<body>\n<div class=\"lr-summary\">\n"
            f"<h2>{esc(assignment)} (<code>{esc(notebook)}</code>): not graded</h2>\n"
            f"<p>Student: <code>{esc(student)}</code></p>\n<p class=\"error\">{esc(error)}</p>\n"
            f"<p>Score: 0 / {_num(entry['max_score'])}. This is not a mark for your answers: the notebook could "
            f"not be run.</p>\n<p>{advice}</p>\n</div>\n</body></html>\n")


# --- the batch ------------------------------------------------------------------------------

def _feedback_api(workdir: Path):
    """nbgrader's API on the working folder, its feedback pages made with the ``lr_feedback``
    template and the :class:`LearnerSummary` preprocessor (after the course config's own)."""
    import nbgrader

    api = make_api(workdir)
    nbgrader_templates = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"
    api.config.HTMLExporter.template_name = "lr_feedback"   # based on nbgrader's "feedback"
    api.config.HTMLExporter.template_file = "lr_index.html.j2"  # which extends nbgrader's index.html.j2
    api.config.HTMLExporter.extra_template_basedirs = [str(TEMPLATES), str(nbgrader_templates)]
    api.config.GenerateFeedback.preprocessors = [*api.config.GenerateFeedback.preprocessors,
                                                 "autograder.grader.preprocessors.learner_summary.LearnerSummary"]
    api.config.LearnerSummary.workdir = str(workdir)
    return api


def _move(page_path: Path, target: Path) -> None:
    """Put a page nbgrader wrote below WORKDIR/feedback at ``target``, leaving no copy."""
    if target == page_path:
        return
    target.write_bytes(page_path.read_bytes())
    page_path.unlink()
    for folder in (page_path.parent, page_path.parent.parent, page_path.parent.parent.parent):
        try:
            folder.rmdir()
        except OSError:
            break


def _generate_feedback(api, assignment: str, student: str) -> dict:
    """nbgrader's ``generate_feedback`` for one submission, with the course's template
    (``NbGraderAPI.generate_feedback`` would force nbgrader's own template name)."""
    from nbgrader.converters import GenerateFeedback
    from nbgrader.utils import capture_log, temp_attrs

    with temp_attrs(api.coursedir, assignment_id=assignment, student_id=student):
        app = GenerateFeedback(coursedir=api.coursedir, parent=api)
        app.force = True
        return capture_log(app)


def _graded_page(api, student: str, assignment: str, notebook: str, target: Path) -> str | None:
    """Write a graded submission's page at ``target``; ``None``, or why it was not written."""
    made = _generate_feedback(api, assignment, student)
    page_path = Path(api.coursedir.root) / "feedback" / student / assignment / (Path(notebook).stem + ".html")
    if not made.get("success") or not page_path.is_file():
        detail = (made.get("error") or made.get("log") or "no output").strip().splitlines()
        return detail[-1] if detail else "generate_feedback failed"
    leaked = [s for s in LEAKS if s in page_path.read_text(encoding="utf-8")]
    if leaked:  # never hand out hidden tests
        page_path.unlink()
        return f"hidden test source in the page ({leaked[0]!r}); not written"
    _move(page_path, target)
    return None


def generate(workdir: Path, out: Path | None = None, *, quiet: bool = False) -> dict:
    """Write every page; return ``{"pages": [...], "errors": [...], "missing": n, "failed": [...]}``."""
    workdir = Path(workdir).resolve()
    out = Path(out).resolve() if out is not None else workdir / "feedback"
    report_path = workdir / "report.json"
    if not report_path.is_file():
        raise SystemExit(f"{report_path} not found: grade with --workdir {workdir} first")
    report = json.loads(report_path.read_text())
    course = catalogue()
    log = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    todo = [(s, a, e) for s, entries in sorted(report["students"].items()) for a, e in entries.items()]
    result = {"pages": [], "errors": [], "missing": 0, "failed": []}
    api = None
    for n, (student, assignment, entry) in enumerate(todo, 1):
        notebook = course.get(assignment, f"{assignment}.ipynb")
        target = out / student / assignment / (Path(notebook).stem + ".html")
        if entry.get("missing"):
            result["missing"] += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if entry.get("error"):
            target.write_text(error_page(student, assignment, notebook, entry), encoding="utf-8")
            result["errors"].append(target)
            log(f"[{n}/{len(todo)}] {student}/{assignment}: not graded, wrote {target}")
            continue
        api = api or _feedback_api(workdir)
        failure = _graded_page(api, student, assignment, notebook, target)
        if failure:
            result["failed"].append((student, assignment, failure))
            log(f"[{n}/{len(todo)}] {student}/{assignment}: NO PAGE: {failure}")
            continue
        result["pages"].append(target)
        score = f"{_num(entry['score'])}/{_num(entry['max_score'])}"
        log(f"[{n}/{len(todo)}] {student}/{assignment}: {score}, wrote {target}")
    return result
