"""lr-schedules' package, in two sides kept apart.

``learner/``: what a released notebook imports; safe to hand to learners (no answers).
  - ``checks``    compare a learner's function with expected values; failure messages
  - ``cases/``    the test cases as data, one module per assignment
  - ``notebook``  plots, sliders, the device, PyTorch schedules by name (``torch_lrs``)
  - ``mnist``     MNIST read from its IDX files (capstone)
  - ``drill/``    the interview drill: question bank, spaced repetition, terminal and notebook front ends
  - ``cheatsheet`` docs/cheatsheet.md's checker and its printable page

``references/``: exact reference solutions and ``check_hidden`` (instructor only).

``grader/``: the instructor's pipeline (``python -m autograder ...``).
  - ``cli``       the command line: release, collect, grade, feedback, export, check
  - ``nbgrader_config.py`` / ``nbgrader_api``  nbgrader's settings and the one place that calls it
  - ``release``   solutions/ -> course/
  - ``grading``   grade a class / one notebook: validation, trusted re-check, nbgrader autograde
  - ``recheck`` / ``sandbox``  the trusted re-check outside the notebook's kernel
  - ``feedback``, ``export``, ``collect``  what comes after grading
"""
