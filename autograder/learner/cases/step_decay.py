"""Cases for 01-step-decay: ``step_lr``, ``multistep_lr``, ``exponential_lr``."""
import numpy as np

from ..checks import Case, Exercise, Oracle

FLOOR = "the first decay happens AT step step_size (30 here): use floor division step // step_size."
NO_DECAY_YET = "steps 0 .. step_size-1 all use base_lr; the k-th optimizer step is step k-1."
COMPOUND = "each decay multiplies by gamma once more: gamma ** (number of decays)."


def _step_lr_hidden():
    cases = []
    for base_lr in (1.0, 0.1, 3e-4):
        for step_size in (1, 2, 7, 30, 1000):
            for gamma in (0.1, 0.5, 0.95):
                steps = {0: "step 0 uses base_lr"}
                for k in (1, 2, 3):
                    steps[k * step_size - 1] = f"the last step before decay {k}"
                    steps[k * step_size] = f"decay {k} happens AT step {k * step_size}"
                    steps[k * step_size + 1] = f"the step after decay {k}"
                for s, hint in steps.items():
                    cases.append(Case({"step": s, "base_lr": base_lr, "step_size": step_size, "gamma": gamma}, hint=hint))
    cases += [
        Case({"step": 10**6, "base_lr": 0.1, "step_size": 1000, "gamma": 0.99}, hint="a long horizon: 1000 decays"),
        Case({"step": np.int64(61), "base_lr": 0.1, "step_size": 30, "gamma": 0.5}, hint="step may be a NumPy integer"),
        Case({"step": np.int32(30), "base_lr": 0.1, "step_size": np.int64(30), "gamma": 0.5},
             hint="step and step_size may be NumPy integers"),
        Case({"step": 30, "base_lr": 0.1, "step_size": 30}, hint="gamma defaults to 0.1, as in PyTorch"),
    ]
    return cases


def _multistep_hidden():
    configs = [
        ([30, 80], "sorted milestones"),
        ([80, 30], "milestones may be unsorted: count those <= step"),
        ([10, 10, 20], "a repeated milestone decays twice, as in PyTorch's MultiStepLR"),
        ([0, 5], "a milestone at 0 decays from the very first step"),
        ([1], "a single milestone at step 1"),
        ([400, 100, 300, 200], "many unsorted milestones"),
        ([], "no milestones: the learning rate never changes"),
    ]
    cases = []
    for milestones, hint in configs:
        steps = {0, 1, 10**6} | {m + d for m in milestones for d in (-1, 0, 1) if m + d >= 0}
        for s in sorted(steps):
            for base_lr, gamma in ((0.1, 0.1), (1.0, 0.5)):
                cases.append(Case({"step": s, "base_lr": base_lr, "milestones": list(milestones), "gamma": gamma}, hint=hint))
    cases += [
        Case({"step": np.int64(35), "base_lr": 0.1, "milestones": [30, 80]}, hint="step may be a NumPy integer; gamma defaults to 0.1"),
        Case({"step": 50, "base_lr": 0.1, "milestones": (80, 30, 30)}, hint="milestones may be a tuple, unsorted and repeated"),
    ]
    return cases


def _exponential_hidden():
    cases = []
    for base_lr in (1.0, 0.1, 3e-4):
        for gamma in (0.5, 0.9, 0.99, 0.9999, 1.0):
            for s in (0, 1, 2, 10, 100, 1000, 10**5):
                cases.append(Case({"step": s, "base_lr": base_lr, "gamma": gamma},
                                  hint="lr = base_lr * gamma ** step (step 0 uses base_lr)"))
    cases.append(Case({"step": np.int64(20), "base_lr": 0.1, "gamma": 0.9}, hint="step may be a NumPy integer"))
    return cases


EXERCISES = [
    Exercise(
        name="step_lr",
        visible=[
            Case({"step": 0, "base_lr": 0.1, "step_size": 30, "gamma": 0.1}, 0.1, "step 0 is the first optimizer step: no decay yet."),
            Case({"step": 29, "base_lr": 0.1, "step_size": 30, "gamma": 0.1}, 0.1, NO_DECAY_YET),
            Case({"step": 30, "base_lr": 0.1, "step_size": 30, "gamma": 0.1}, 0.01, FLOOR),
            Case({"step": 45, "base_lr": 0.1, "step_size": 30, "gamma": 0.1}, 0.01,
                 "45 // 30 == 1: the exponent is a whole number of decays, not 45 / 30 == 1.5."),
            Case({"step": 60, "base_lr": 0.1, "step_size": 30, "gamma": 0.1}, 0.001, COMPOUND),
            Case({"step": 95, "base_lr": 1.0, "step_size": 10, "gamma": 0.5}, 0.001953125,
                 "95 // 10 == 9 decays: 0.5 ** 9 == 0.001953125."),
            Case({"step": 30, "base_lr": 0.1, "step_size": 30}, 0.01, "gamma defaults to 0.1, as in PyTorch's StepLR."),
        ],
        oracles=[
            Oracle({"base_lr": 0.1, "step_size": 30, "gamma": 0.1}, "StepLR", {"step_size": 30, "gamma": 0.1}, 100, FLOOR),
            Oracle({"base_lr": 1.0, "step_size": 7, "gamma": 0.5}, "StepLR", {"step_size": 7, "gamma": 0.5}, 60, FLOOR),
        ],
        hidden=_step_lr_hidden(),
        peak=lambda a: a["base_lr"],
    ),
    Exercise(
        name="multistep_lr",
        visible=[
            Case({"step": 0, "base_lr": 0.1, "milestones": [30, 80], "gamma": 0.1}, 0.1, "no milestone <= 0: no decay at step 0."),
            Case({"step": 29, "base_lr": 0.1, "milestones": [30, 80], "gamma": 0.1}, 0.1, "step 29 is before the first milestone."),
            Case({"step": 30, "base_lr": 0.1, "milestones": [30, 80], "gamma": 0.1}, 0.01,
                 "a milestone counts from the step equal to it: count milestones <= step, not < step."),
            Case({"step": 80, "base_lr": 0.1, "milestones": [30, 80], "gamma": 0.1}, 0.001,
                 "two milestones passed: two decays, gamma ** 2."),
            Case({"step": 500, "base_lr": 0.1, "milestones": [30, 80], "gamma": 0.1}, 0.001,
                 "after the last milestone the learning rate stays put."),
            Case({"step": 50, "base_lr": 0.1, "milestones": [80, 30], "gamma": 0.1}, 0.01,
                 "milestones may come unsorted: count those <= step rather than relying on their order."),
        ],
        oracles=[
            Oracle({"base_lr": 0.1, "milestones": [30, 80], "gamma": 0.1}, "MultiStepLR", {"milestones": [30, 80], "gamma": 0.1}, 100,
                   "count the milestones <= step."),
            Oracle({"base_lr": 1.0, "milestones": [40, 10, 10], "gamma": 0.5}, "MultiStepLR", {"milestones": [40, 10, 10], "gamma": 0.5}, 50,
                   "PyTorch counts repeated milestones: [10, 10] decays twice at step 10."),
        ],
        hidden=_multistep_hidden(),
        peak=lambda a: a["base_lr"],
    ),
    Exercise(
        name="exponential_lr",
        visible=[
            Case({"step": 0, "base_lr": 0.1, "gamma": 0.9}, 0.1, "gamma ** 0 == 1: step 0 uses base_lr."),
            Case({"step": 1, "base_lr": 0.1, "gamma": 0.9}, 0.09, "one decay by step 1: base_lr * gamma."),
            Case({"step": 10, "base_lr": 0.1, "gamma": 0.9}, 0.03486784401, "gamma ** step, not gamma * step or gamma ** (step + 1)."),
            Case({"step": 3, "base_lr": 2.0, "gamma": 0.5}, 0.25, "2.0 * 0.5 ** 3 == 0.25."),
        ],
        oracles=[
            Oracle({"base_lr": 0.1, "gamma": 0.9}, "ExponentialLR", {"gamma": 0.9}, 100, "lr = base_lr * gamma ** step."),
            Oracle({"base_lr": 1.0, "gamma": 0.999}, "ExponentialLR", {"gamma": 0.999}, 1000, "lr = base_lr * gamma ** step."),
        ],
        hidden=_exponential_hidden(),
        peak=lambda a: a["base_lr"],
    ),
]
