"""Cases for 05-sgdr: ``sgdr_cycle(step, T_0, T_mult=1)`` and
``sgdr_lr(step, base_lr, T_0, T_mult=1, eta_min=0.0)``.

Cycle ``i`` of SGDR starts at step ``b_i = T_0 * (T_mult**i - 1) // (T_mult - 1)``
(``i * T_0`` when ``T_mult == 1``). The hidden grids test every such restart step and its
two neighbours, plus every restart step where a floating-point logarithm (the formula of
PyTorch's ``CosineAnnealingWarmRestarts.step(epoch)``) picks the previous cycle.
"""
import math

import numpy as np

from ..checks import Case, Exercise, Oracle

RESTART = ("the restart happens AT step b_i = T_0 * (T_mult**i - 1) // (T_mult - 1) (i * T_0 for T_mult = 1): "
           "there T_cur == 0 and the cycle index is i, not one step later.")
LAST = ("the last step of cycle i has T_cur == T_i - 1, and the cycle's length is T_i = T_0 * T_mult**i "
        "(cycle 0 has length T_0, not T_0 * T_mult).")
AFTER = "one step after a restart T_cur == 1: T_cur counts from 0 at the restart step."
FIRST = "step 0 is the first step of cycle 0: (0, 0, T_0), and the learning rate is base_lr."
FLOAT_LOG = ("a restart step where a floating-point logarithm lands just below the exact integer and picks the "
             "previous cycle: find the cycle with integer arithmetic (subtract cycle lengths, or compare "
             "integer cycle starts), never int(math.log(...)).")
LONG = "a long horizon: the answer must stay exact (integers, no float logarithm), and T_mult = 1 needs divmod, not a loop."
NUMPY = "step (and T_0, T_mult) may be NumPy integers; return Python ints or NumPy integers."
DEFAULT = "T_mult defaults to 1: every cycle has length T_0."
MID = "mid-cycle the learning rate is eta_min + (base_lr - eta_min) * (1 + cos(pi * T_cur / T_i)) / 2."
ETA_MIN = "the cosine runs from base_lr down towards eta_min: lr = eta_min + (base_lr - eta_min) * (1 + cos(pi*T_cur/T_i)) / 2."

T_MULTS = (1, 2, 3, 5)
T_0S = (1, 2, 7, 10)


def _starts(T_0, T_mult, count):
    """The first ``count`` restart steps b_0 = 0, b_1 = T_0, ... (integers)."""
    out, b, length = [], 0, T_0
    for _ in range(count):
        out.append(b)
        b, length = b + length, length * T_mult
    return out


def _float_log_cycle(step, T_0, T_mult):
    """The cycle index PyTorch's ``step(epoch)`` path computes (a float logarithm)."""
    if step < T_0:
        return 0
    return int(math.log(step / T_0 * (T_mult - 1) + 1, T_mult))


def float_log_failures(bound, T_0s=range(1, 11), T_mults=range(2, 11)):
    """Restart steps b <= bound where the float logarithm misses the cycle (checked against
    the restart's own index, so no reference is needed): ``[(step, T_0, T_mult), ...]``."""
    found = []
    for T_mult in T_mults:
        for T_0 in T_0s:
            b, length, i = 0, T_0, 0
            while b <= bound:
                if _float_log_cycle(b, T_0, T_mult) != i:
                    found.append((b, T_0, T_mult))
                b, length, i = b + length, length * T_mult, i + 1
    return found


def _boundary_steps(T_0, T_mult, cycles=7):
    """{step: hint}: step 0, and b-1, b, b+1 for the starts b of cycles 1 .. ``cycles``."""
    steps = {0: FIRST, 1: AFTER}
    for i, b in enumerate(_starts(T_0, T_mult, cycles + 1)):
        if i == 0:
            continue
        steps.setdefault(b - 1, LAST)
        steps[b] = FLOAT_LOG if T_mult > 1 and _float_log_cycle(b, T_0, T_mult) != i else RESTART
        steps.setdefault(b + 1, AFTER)
    return steps


def _dedup(cases):
    seen, out = set(), []
    for case in cases:
        key = tuple((k, type(v).__name__, v) for k, v in case.args.items())
        if key not in seen:
            seen.add(key)
            out.append(case)
    return out


def _cycle_hidden():
    cases = []
    for T_mult in T_MULTS:
        for T_0 in T_0S:
            for s, hint in sorted(_boundary_steps(T_0, T_mult).items()):
                cases.append(Case({"step": s, "T_0": T_0, "T_mult": T_mult}, hint=hint))
    for s, T_0, T_mult in float_log_failures(10**12):
        cases.append(Case({"step": s, "T_0": T_0, "T_mult": T_mult}, hint=FLOAT_LOG))
    b40 = 2**40 - 1                               # start of cycle 40 for T_0 = 1, T_mult = 2
    for s, T_0, T_mult in [(10**12, 1, 2), (10**12, 10, 2), (10**12 + 7, 7, 3), (10**15, 3, 5),
                           (b40 - 1, 1, 2), (b40, 1, 2), (b40 + 1, 1, 2), (10 * b40, 10, 2),
                           (10**12, 10**6, 1), (10**12 - 1, 10**6, 1), (10**12 + 1, 10**6, 1), (10**6, 1, 1)]:
        cases.append(Case({"step": s, "T_0": T_0, "T_mult": T_mult}, hint=LONG))
    cases += [
        Case({"step": np.int64(121), "T_0": 1, "T_mult": 3}, hint=NUMPY),
        Case({"step": np.int64(75), "T_0": 10, "T_mult": 2}, hint=NUMPY),
        Case({"step": np.int32(30), "T_0": 10, "T_mult": 2}, hint=NUMPY),
        Case({"step": np.int64(29), "T_0": np.int64(10), "T_mult": np.int64(2)}, hint=NUMPY),
        Case({"step": np.int64(10**10), "T_0": np.int64(10**5), "T_mult": np.int64(1)}, hint=NUMPY),
        Case({"step": 25, "T_0": 10}, hint=DEFAULT),
        Case({"step": 10, "T_0": 10}, hint=DEFAULT),
        Case({"step": 999_999, "T_0": 10**6, "T_mult": 2}, hint=LAST),
        Case({"step": 10**6, "T_0": 10**6, "T_mult": 2}, hint=RESTART),
    ]
    return _dedup(cases)


def _lr_hidden():
    cases = []
    for T_mult in T_MULTS:
        for T_0 in T_0S:
            steps = _boundary_steps(T_0, T_mult)
            starts = _starts(T_0, T_mult, 8)
            for b, nxt in zip(starts, starts[1:]):           # mid-cycle points of cycles 0 .. 6
                for s in (b + (nxt - b) // 4, b + (nxt - b) // 2):
                    steps.setdefault(s, MID)
            for s, hint in sorted(steps.items()):
                for base_lr, eta_min in ((0.1, 0.0), (1.0, 1e-3)):
                    cases.append(Case({"step": s, "base_lr": base_lr, "T_0": T_0, "T_mult": T_mult, "eta_min": eta_min},
                                      hint=hint))
    for s, T_0, T_mult in float_log_failures(10**6):
        cases.append(Case({"step": s, "base_lr": 1.0, "T_0": T_0, "T_mult": T_mult, "eta_min": 0.0},
                          hint=FLOAT_LOG + " Here the exact lr is base_lr; the float log gives eta_min."))
    for s, T_0, T_mult in [(10**12, 1, 2), (10**12, 10, 2), (2**40 - 1, 1, 2), (2**40 - 2, 1, 2), (2**40, 1, 2),
                           (10**15, 3, 5), (10**12, 10**6, 1), (10**12 + 5 * 10**5, 10**6, 1)]:
        cases.append(Case({"step": s, "base_lr": 0.1, "T_0": T_0, "T_mult": T_mult, "eta_min": 1e-4}, hint=LONG))
    for base_lr, eta_min in ((0.05, 0.01), (3e-4, 3e-5), (0.1, 0.1), (10.0, 0.0), (1e-6, 0.0)):
        for s in (0, 5, 9, 10, 15, 29, 30, 50, 69, 70):
            cases.append(Case({"step": s, "base_lr": base_lr, "T_0": 10, "T_mult": 2, "eta_min": eta_min}, hint=ETA_MIN))
    cases += [
        Case({"step": np.int64(121), "base_lr": 1.0, "T_0": 1, "T_mult": 3}, hint=NUMPY),
        Case({"step": np.int64(45), "base_lr": 0.1, "T_0": 10, "T_mult": 2, "eta_min": 0.001}, hint=NUMPY),
        Case({"step": np.int32(7), "base_lr": 0.1, "T_0": 10}, hint=NUMPY),
        Case({"step": np.int64(50), "base_lr": 0.1, "T_0": np.int64(10), "T_mult": np.int64(2)}, hint=NUMPY),
        Case({"step": 15, "base_lr": 0.1, "T_0": 10}, hint="T_mult defaults to 1 and eta_min to 0.0."),
        Case({"step": 25, "base_lr": 0.1, "T_0": 10, "T_mult": 2}, hint="eta_min defaults to 0.0."),
    ]
    return _dedup(cases)


EXERCISES = [
    Exercise(
        name="sgdr_cycle",
        visible=[
            Case({"step": 0, "T_0": 10, "T_mult": 1}, (0, 0, 10), FIRST),
            Case({"step": 9, "T_0": 10, "T_mult": 1}, (0, 9, 10),
                 "step 9 is the last step of cycle 0 (steps 0 .. 9): T_cur = 9 = T_0 - 1."),
            Case({"step": 10, "T_0": 10, "T_mult": 1}, (1, 0, 10),
                 "the first restart is AT step T_0 = 10: cycle 1, T_cur = 0 (T_cur counts from 0, the restart is not one step late)."),
            Case({"step": 25, "T_0": 10, "T_mult": 1}, (2, 5, 10), "T_mult = 1: (i, T_cur) = divmod(25, 10) = (2, 5)."),
            Case({"step": 10, "T_0": 10, "T_mult": 2}, (1, 0, 20),
                 "cycle 1 has length T_0 * T_mult**1 = 20; cycle 0 has length T_0 * T_mult**0 = 10."),
            Case({"step": 29, "T_0": 10, "T_mult": 2}, (1, 19, 20), "cycle 1 covers steps 10 .. 29: T_cur = 29 - 10 = 19."),
            Case({"step": 30, "T_0": 10, "T_mult": 2}, (2, 0, 40), "cycle 2 starts at 10 + 20 = 30 and has length 40."),
            Case({"step": 75, "T_0": 10, "T_mult": 2}, (3, 5, 80),
                 "restarts at 0, 10, 30, 70, 150: step 75 is 5 steps into cycle 3 (length 80)."),
            Case({"step": 120, "T_0": 1, "T_mult": 3}, (4, 80, 81),
                 "restarts at 0, 1, 4, 13, 40, 121 (T_0 = 1, T_mult = 3): step 120 is the last step of cycle 4."),
            Case({"step": 121, "T_0": 1, "T_mult": 3}, (5, 0, 243),
                 "121 = (3**5 - 1) / 2 starts cycle 5, but int(math.log(243, 3)) == 4 (the float log is "
                 "4.999999999999999): use integer arithmetic, not a floating-point logarithm."),
            Case({"step": 15, "T_0": 10}, (1, 5, 10), DEFAULT),
        ],
        hidden=_cycle_hidden(),
    ),
    Exercise(
        name="sgdr_lr",
        visible=[
            Case({"step": 0, "base_lr": 0.1, "T_0": 10}, 0.1, FIRST),
            Case({"step": 5, "base_lr": 1.0, "T_0": 10}, 0.5,
                 "half-way through a cycle of length T_i = 10: (1 + cos(pi * 5 / 10)) / 2 = 0.5. "
                 "The denominator is T_i, not T_i - 1."),
            Case({"step": 10, "base_lr": 0.1, "T_0": 10}, 0.1, "the restart at step T_0 = 10 jumps back to base_lr (T_cur = 0)."),
            Case({"step": 5, "base_lr": 1.0, "T_0": 10, "T_mult": 1, "eta_min": 0.2}, 0.6,
                 "with eta_min: 0.2 + (1.0 - 0.2) * 0.5 = 0.6; the cosine ends at eta_min, not 0."),
            Case({"step": 20, "base_lr": 1.0, "T_0": 10, "T_mult": 2}, 0.5,
                 "T_mult = 2: cycle 1 covers steps 10 .. 29 (length 20), so step 20 is half-way: 0.5. "
                 "Restarting every T_0 steps ignores T_mult."),
            Case({"step": 30, "base_lr": 1.0, "T_0": 10, "T_mult": 2}, 1.0, "cycle 2 starts at step 10 + 20 = 30: base_lr."),
            Case({"step": 121, "base_lr": 1.0, "T_0": 1, "T_mult": 3}, 1.0,
                 "step 121 starts cycle 5 (T_cur = 0, lr = base_lr); a float log picks cycle 4 with "
                 "T_cur = T_i = 81 and returns eta_min."),
        ],
        oracles=[
            Oracle({"base_lr": 0.1, "T_0": 10, "T_mult": 2, "eta_min": 0.0}, "CosineAnnealingWarmRestarts",
                   {"T_0": 10, "T_mult": 2, "eta_min": 0.0}, 500, "cycle lengths 10, 20, 40, ...: restarts at 10, 30, 70, 150, 310."),
            Oracle({"base_lr": 1.0, "T_0": 1, "T_mult": 3, "eta_min": 0.0}, "CosineAnnealingWarmRestarts",
                   {"T_0": 1, "T_mult": 3, "eta_min": 0.0}, 500,
                   "restarts at 1, 4, 13, 40, 121, 364: find the cycle with integers, not a float log."),
            Oracle({"base_lr": 0.05, "T_0": 7, "T_mult": 1, "eta_min": 0.001}, "CosineAnnealingWarmRestarts",
                   {"T_0": 7, "T_mult": 1, "eta_min": 0.001}, 200, ETA_MIN),
            Oracle({"base_lr": 0.1, "T_0": 2, "T_mult": 5, "eta_min": 1e-4}, "CosineAnnealingWarmRestarts",
                   {"T_0": 2, "T_mult": 5, "eta_min": 1e-4}, 500, "restarts at 2, 12, 62, 312."),
        ],
        hidden=_lr_hidden(),
        peak=lambda a: a["base_lr"],
    ),
]
