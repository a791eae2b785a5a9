"""``BudgetExecute``: nbgrader's ``Execute`` with a wall-clock budget for the whole notebook.

Each cell may run ``Execute.timeout`` seconds, but never past the notebook's ``budget``
(counted from its first cell);
after that every remaining cell gets one second, so an infinite loop costs the budget once
per notebook, not once per test cell. It uses nbclient's public ``timeout_func`` hook.
Why execution failed (the kernel died, the budget ran out) is kept as a typed
:attr:`last_failure` for the grader, instead of being searched for in log text.
"""
from __future__ import annotations

import time

from nbclient.exceptions import DeadKernelError
from nbgrader.preprocessors import Execute
from traitlets import Integer


class BudgetExecute(Execute):
    budget = Integer(300, help="Seconds one notebook may run in all (every cell together).").tag(config=True)

    last_failure: str | None = None     # "kernel-died" / "kernel-start" (never answered), in this process

    def preprocess(self, nb, resources=None, retries=None):
        deadline = []  # set when the first cell starts: the kernel's start-up is not the notebook's time

        def timeout_func(cell) -> int:
            if not deadline:
                deadline.append(time.monotonic() + self.budget)
            return int(max(1, min(self.timeout or self.budget, deadline[0] - time.monotonic())))

        self.timeout_func = timeout_func
        BudgetExecute.last_failure = None
        try:
            return super().preprocess(nb, resources, retries)
        except DeadKernelError:
            BudgetExecute.last_failure = "kernel-died"
            raise
        except RuntimeError:  # before the first cell: the kernel never answered (an overloaded machine?)
            if not deadline:
                BudgetExecute.last_failure = "kernel-start"
            raise
