"""nbgrader settings of the course.

`python -m autograder` loads this file itself. To use plain nbgrader commands with it:
    nbgrader autograde 01-step-decay --NbGrader.config_file=autograder/grader/nbgrader_config
(no ``.py`` suffix). The working folder (gradebook, submitted/, autograded/, feedback/)
is ``$LR_GRADING_DIR`` or ``.grading/`` at the repository root, never inside
``solutions/`` or ``course/``.
"""
import os
from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets when the file is loaded)

repo = Path(__file__).resolve().parents[2]
root = Path(os.environ.get("LR_GRADING_DIR") or repo / ".grading").resolve()

c.CourseDirectory.root = str(root)
c.CourseDirectory.source_directory = str(repo / "solutions")
c.CourseDirectory.release_directory = str(root / "release")
c.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
c.CourseDirectory.course_id = "lr-schedules"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "*.png"]

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Each cell may run this long before it is interrupted (its test then scores 0), and a whole
# notebook this long: an infinite loop costs the budget once, not once per test cell.
c.Execute.timeout = int(os.environ.get("LR_CELL_TIMEOUT", "60"))
c.BudgetExecute.budget = int(os.environ.get("LR_NOTEBOOK_BUDGET", "300"))
# While grading, only the setup cell and the graded cells run (autograder/grader/preprocessors/skip_demos.py).
c.Autograde.autograde_preprocessors = [
    "autograder.grader.preprocessors.skip_demos.SkipDemoCells",
    "autograder.grader.preprocessors.budget.BudgetExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# A deleted test cell is put back from the gradebook (validation rejects stripped metadata first).
c.OverwriteCells.add_missing_cells = True
# A cell's output is cut after this many lines (a notebook printing millions of lines).
c.LimitOutput.max_lines = 1000
# Plain nbgrader runs the notebook in the usual kernel; `python -m autograder grade` replaces it
# with the sandboxed one (autograder/grader/sandbox/kernel.py) over IPC.
c.Execute.kernel_name = "python3"

# Feedback never shows hidden tests.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "autograder.grader.preprocessors.inert_outputs.InertOutputs",  # nothing of a submission runs in a browser
    "autograder.grader.preprocessors.hidden_tracebacks.HideHiddenTracebacks",  # no hidden source in tracebacks
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
