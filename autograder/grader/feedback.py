"""``python -m autograder feedback WORKDIR [--out FOLDER]``: one HTML page per graded notebook.

``WORKDIR`` is the working folder of ``python -m autograder grade ... --workdir WORKDIR``: it
holds the gradebook, ``autograded/``, ``report.json`` (the report of the run) and
``curves/<student>/<assignment>.json`` (the learner's values of a failed visible schedule
test next to the expected ones).

For every graded submission of ``report.json`` this runs nbgrader's ``generate_feedback``
in-process (the gradebook holds the trusted scores, so nbgrader's page shows them) and adds,
at the top of the page, a summary: the score, every test with its score and, when it failed,
its message; the entry's flags; and, per failed schedule test, a plot of the learner's curve
over the expected one. An errored submission (unreadable notebook, autograde failure) gets a
short page that says why it was not graded. A missing submission gets no page.

Hidden tests: the course config runs ``ClearHiddenTests`` (it removes the source between the
``BEGIN/END HIDDEN TESTS`` markers), and :class:`HideHiddenTracebacks` runs before it: the
traceback of a failed hidden test would otherwise print the hidden lines (and the frames of
``autograder/references``). Every page is checked for the hidden markers before it is written.

Output: ``FOLDER/<student>/<assignment>/<notebook stem>.html`` (default ``WORKDIR/feedback``).
"""
from __future__ import annotations

import base64
import html
import io
import json
import re
import sys
from pathlib import Path

from nbgrader.preprocessors import NbGraderPreprocessor

from .nbgrader_api import catalogue, make_api

# Strings that only the hidden tests' source contains: a page holding one is never written.
LEAKS = ("check_hidden", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "autograder/references/")


class HideHiddenTracebacks(NbGraderPreprocessor):
    """Reduce the error output of hidden test cells to ``ename: evalue``.

    IPython's traceback quotes the failing cell's lines (the hidden test source) and the
    frames it went through (``autograder/references``); the error's message itself is
    written for learners and is kept. Lines of stderr (a warning's location) that name the
    hidden code are dropped. Runs before ``ClearHiddenTests``, which recognises
    the same cells by the same marker."""

    marker = "BEGIN HIDDEN TESTS"

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and self.marker in cell.source:
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"]
                elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                    # a warning names the file and quotes the line it was raised from
                    out["text"] = "".join(ln for ln in out.get("text", "").splitlines(keepends=True)
                                          if not any(leak in ln for leak in LEAKS))
        return cell, resources


def _feedback_api(workdir: Path):
    """``make_api(workdir)``: nbgrader_config.py puts :class:`HideHiddenTracebacks` before
    ``ClearHiddenTests`` in the feedback preprocessors (so plain nbgrader does too)."""
    return make_api(workdir)


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


def insert_summary(page: str, block: str) -> str:
    """``block`` near the top of nbgrader's feedback page: inside its first container."""
    m = re.search(r'<body[^>]*>\s*(<a name="top"></a>\s*)?(<div class="container">)?', page)
    if not m:
        return block + page
    return page[: m.end()] + "\n" + block + "\n" + page[m.end():]


def error_page(student: str, assignment: str, notebook: str, entry: dict) -> str:
    """The page of a submission that could not be graded."""
    esc = html.escape
    error = entry.get("error") or "unknown error"
    if "unreadable" in error or "invalid notebook" in error:
        advice = ("The file you handed in is not a notebook Jupyter can open (it may be cut short or saved by "
                  "another program). Open it in JupyterLab, save it, download it again (File &#9656; Download) and "
                  "hand that file in.")
    elif "no nbgrader cells" in error or "does not know" in error or "duplicated" in error:
        advice = (f"Work in the notebook <code>{esc(notebook)}</code> you were given: the grader finds your "
                  "answers by the cells' hidden metadata, which a copied, duplicated or re-created cell does not "
                  "carry.")
    elif error.startswith("no notebook"):
        advice = f"Hand in the notebook <code>{esc(notebook)}</code>."
    else:
        advice = ("Run your notebook top to bottom in a fresh kernel (Kernel &#9656; Restart and Run All) and "
                  "check that it finishes; then hand it in again, or ask your instructor.")
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{esc(assignment)}: not graded</title>"
            f"{STYLE}</head>\n<body>\n<div class=\"lr-summary\">\n<h2>{esc(assignment)} "
            f"(<code>{esc(notebook)}</code>): not graded</h2>\n<p>Student: <code>{esc(student)}</code></p>\n"
            f"<p class=\"error\">{esc(error)}</p>\n<p>Score: 0 / {_num(entry['max_score'])}. This is not a mark for "
            f"your answers: the notebook could not be run.</p>\n<p>{advice}</p>\n</div>\n</body></html>\n")


# --- the batch ------------------------------------------------------------------------------

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
        if api is None:
            api = _feedback_api(workdir)
        made = api.generate_feedback(assignment, student)
        page_path = Path(api.coursedir.root) / "feedback" / student / assignment / (Path(notebook).stem + ".html")
        if not made.get("success") or not page_path.is_file():
            detail = (made.get("error") or made.get("log") or "no output").strip().splitlines()
            result["failed"].append((student, assignment, detail[-1] if detail else "generate_feedback failed"))
            log(f"[{n}/{len(todo)}] {student}/{assignment}: generate_feedback FAILED: {result['failed'][-1][2]}")
            continue
        curves_path = workdir / "curves" / student / f"{assignment}.json"
        curves = json.loads(curves_path.read_text()) if curves_path.is_file() else {}
        curves = {gid: c for gid, c in curves.items() if c and entry["tests"].get(gid, {}).get("score", 0)
                  < entry["tests"].get(gid, {}).get("max_score", 1)}
        page = insert_summary(page_path.read_text(encoding="utf-8"), summary_html(student, assignment, entry, curves))
        leaked = [s for s in LEAKS if s in page]
        if leaked:  # never hand out hidden tests
            page_path.unlink()
            result["failed"].append((student, assignment, f"hidden test source in the page ({leaked[0]!r}); not written"))
            log(f"[{n}/{len(todo)}] {student}/{assignment}: NOT WRITTEN, the page showed {leaked[0]!r}")
            continue
        target.write_text(page, encoding="utf-8")
        if target != page_path:  # nbgrader wrote it below WORKDIR/feedback: leave no copy there
            page_path.unlink()
            for folder in (page_path.parent, page_path.parent.parent, page_path.parent.parent.parent):
                try:
                    folder.rmdir()
                except OSError:
                    break
        result["pages"].append(target)
        log(f"[{n}/{len(todo)}] {student}/{assignment}: {_num(entry['score'])}/{_num(entry['max_score'])}, wrote {target}")
    return result
