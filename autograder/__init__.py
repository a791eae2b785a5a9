"""lr-schedules' package, in two sides kept apart.

``learner/``: what a released notebook imports; safe to hand to learners (no answers).
  - ``checks``    compare a learner's function with expected values; failure messages
  - ``cases/``    the test cases as data, one module per assignment
  - ``notebook``  plots, sliders, the device, PyTorch schedules by name (``torch_lrs``)
  - ``mnist``     MNIST read from its IDX files (capstone)
  - ``drill/``    the interview drill: question bank, spaced repetition, terminal and notebook front ends
  - ``cheatsheet`` docs/cheatsheet.md's checker and its printable page

``references/``: exact reference solutions and ``check_hidden`` (instructor only).

``grader/``: the instructor's pipeline (``python -m autograder ...``), one job per module.
  - ``cli``         the command line: release, collect, grade, worker, feedback, export, check
  - ``nbgrader_config.py`` / ``nbgrader_api``  nbgrader's settings and the one place that calls it
  - ``release`` / ``launch``  solutions/ -> course/, with the launch links and the Colab install
  - ``batch``       ``grade``: plan the batch, run it on an engine, commit each result, write the report
  - ``engine``      where submissions are graded: this process, or Dask distributed (``worker``)
  - ``worker``      one submission: validation, the re-check, nbgrader's autograde, the scoring policy
  - ``discovery``   finding submissions, and why one cannot be graded (``results.ErrorKind``)
  - ``recheck`` / ``channel``  the trusted re-check, and its results read as untrusted input
  - ``sandbox/``    bubblewrap around the kernel (``kernel``) and the re-check (``runner``)
  - ``merge``       the scoring policy (trusted verdicts against the kernel's scores)
  - ``gradebook`` / ``state``  every gradebook access; the working folder as durable state
  - ``results``     verdicts, test results and entries, as types
  - ``preprocessors/``  the course's nbgrader preprocessors, one per module
  - ``feedback``, ``export``, ``collect``, ``selfcheck``  what comes around grading
"""
