"""``python -m autograder.learner.drill``: the daily drill in a terminal (:mod:`.cli`)."""
import sys

from .cli import main

sys.exit(main())
