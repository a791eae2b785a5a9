"""The course's nbgrader preprocessors, one by one (autograder/grader/preprocessors/)."""
from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from autograder.grader.preprocessors.budget import BudgetExecute
from autograder.grader.preprocessors.hidden_tracebacks import HideHiddenTracebacks
from autograder.grader.preprocessors.inert_outputs import InertOutputs, neutral_links
from autograder.grader.preprocessors.skip_demos import SkipDemoCells


def graded(cell, grade_id, **flags):
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "grade": False, "solution": False, "locked": False,
                                 "schema_version": 3, **flags}
    return cell


def test_the_budget_bounds_the_whole_notebook_not_each_cell():
    """A 10 s cell is cut at the 4 s budget; after it, each cell gets one second (per-cell
    timeouts alone, 60 s, would have let all four finish)."""
    nb = new_notebook(cells=[new_code_cell(f"import time; time.sleep({t})") for t in (0.1, 10, 2, 2)])
    BudgetExecute(budget=4, timeout=60, kernel_name="python3").preprocess(nb, {"metadata": {"path": "."}})
    timed_out = [any(o.get("ename") == "CellTimeoutError" for o in c.outputs) for c in nb.cells]
    assert timed_out == [False, True, True, True]


def test_only_the_setup_cell_and_graded_cells_run_while_grading():
    nb = new_notebook(cells=[new_markdown_cell("# title"), new_code_cell("import math"),
                             new_code_cell("train_for_an_hour()"),
                             graded(new_code_cell("def f(): pass"), "f", solution=True),
                             graded(new_code_cell("check('f', f)"), "test_f", grade=True, points=1),
                             new_code_cell("plot(f)")])
    SkipDemoCells().preprocess(nb, {})
    sources = [c.source for c in nb.cells]
    assert sources[:2] == ["# title", "import math"] and sources[3:5] == ["def f(): pass", "check('f', f)"]
    assert sources[2] == sources[5] == SkipDemoCells.placeholder.default_value


def test_outputs_and_markdown_lose_everything_that_could_run():
    xss = "<script>alert(1)</script><img src=x onerror=alert(1)><a href='javascript:alert(1)'>x</a><b>ok</b>"
    code = new_code_cell("display(...)")
    code.outputs = [new_output("display_data", data={"text/html": xss, "application/javascript": "alert(1)",
                                                     "image/svg+xml": "<svg onload=alert(1)/>", "text/plain": "ok"}),
                    new_output("display_data", data={"text/markdown": "[x](javascript:alert(1))"})]
    md = new_markdown_cell(xss + "\n[y](javascript:alert(2)) <javascript:alert(3)>")
    nb = new_notebook(cells=[md, code], metadata={"widgets": {"state": {}}})
    nb, _ = InertOutputs().preprocess(nb, {})
    html_out = nb.cells[1].outputs[0].data
    assert set(html_out) == {"text/html", "text/plain"}
    for text in (html_out["text/html"], nb.cells[0].source, nb.cells[1].outputs[1].data["text/markdown"]):
        lowered = text.lower()
        assert "<script" not in lowered and "onerror" not in lowered and "javascript:" not in lowered, text
    assert "<b>ok</b>" in html_out["text/html"] and "widgets" not in nb.metadata
    assert neutral_links("[a](JavaScript:x)") == "[a](#blocked)"


def test_a_hidden_tests_traceback_keeps_the_message_only():
    cell = new_code_cell("### BEGIN HIDDEN TESTS\nfrom autograder.references import check_hidden\n"
                         "check_hidden('f', f)\n### END HIDDEN TESTS")
    cell.outputs = [new_output("error", ename="AssertionError", evalue="f: 3 of 9 hidden cases wrong",
                               traceback=["  File check_hidden('f', f)", "AssertionError: f: 3 of 9"]),
                    new_output("stream", name="stderr", text="autograder/references/x.py:3: UserWarning\nplain\n")]
    HideHiddenTracebacks().preprocess_cell(cell, {}, 0)
    assert cell.outputs[0].traceback == ["AssertionError: f: 3 of 9 hidden cases wrong"]
    assert cell.outputs[1].text == "plain\n"
    assert nbformat.validate(new_notebook(cells=[cell])) is None
