"""lr-schedules' grading package. Where to find each piece:

- ``checks``        compare a learner's function with expected values; failure messages
                    (imported by every visible test cell)
- ``cases/``        the test cases as data, one module per assignment
- ``references/``   exact reference solutions and ``check_hidden`` (instructor only)
- ``notebook``      helpers the notebooks share: device, plots, sliders
- ``mnist``         the MNIST data set read from its IDX files (capstone)
- ``nbgrader_config.py`` / ``nbgrader_api``  nbgrader's settings and the one place that calls it
- ``release``       ``python -m autograder release``: solutions/ -> course/
- ``grading``       ``python -m autograder grade`` / ``check``: real nbgrader autograde, JSON report
- ``__main__``      the command line
"""
