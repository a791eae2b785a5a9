"""nbgrader settings of the course.

`python -m autograder` loads this file itself. To use plain nbgrader commands with it:
    nbgrader autograde 01-step-decay --NbGrader.config_file=autograder/nbgrader_config
(no ``.py`` suffix). The working folder (gradebook, submitted/, autograded/, feedback/)
is ``$LR_GRADING_DIR`` or ``.grading/`` at the repository root, never inside
``solutions/`` or ``course/``.
"""
import os
from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets when the file is loaded)

repo = Path(__file__).resolve().parent.parent
root = Path(os.environ.get("LR_GRADING_DIR") or repo / ".grading").resolve()

c.CourseDirectory.root = str(root)
c.CourseDirectory.source_directory = str(repo / "solutions")
c.CourseDirectory.release_directory = str(root / "release")
c.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
c.CourseDirectory.course_id = "lr-schedules"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "*.png"]

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Each test cell may run this long before it is interrupted and scored 0.
c.Execute.timeout = int(os.environ.get("LR_CELL_TIMEOUT", "60"))
# The grader knows the heavy cells are skipped under NBGRADER_EXECUTION.
c.Execute.kernel_name = "python3"

# Feedback never shows hidden tests.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
