"""Cases for 00-orientation: ``constant_lr(step, base_lr)``."""
import numpy as np

from ..checks import Case, Exercise

EXERCISES = [
    Exercise(
        name="constant_lr",
        visible=[
            Case({"step": 0, "base_lr": 0.1}, 0.1, "step 0 is the first optimizer step; it uses base_lr."),
            Case({"step": 1000, "base_lr": 0.1}, 0.1, "a constant schedule ignores the step."),
            Case({"step": 7, "base_lr": 3e-4}, 3e-4, "return base_lr itself, whatever its value."),
        ],
        hidden=[Case({"step": s, "base_lr": lr}, hint=hint)
                for lr in (1.0, 0.1, 3e-4, 1e-7)
                for s, hint in ((0, "the first step"), (1, "the second step"),
                                (10**9, "a long horizon"),
                                (np.int64(5), "step may be a NumPy integer"))],
        oracles=[],
        peak=lambda a: a["base_lr"],
    ),
]
