"""``python -m autograder ...``: the instructor's command line (:mod:`autograder.grader.cli`)."""
import sys

from .grader.cli import main

sys.exit(main())
