"""Cases for 02-cosine-annealing: ``cosine_annealing_lr``, ``polynomial_lr``, ``cubic_decay_lr``.

``cubic_decay_lr`` is the exercise that gives only properties: a cubic polynomial in
``t = step / total_steps`` that starts at ``base_lr``, ends at ``eta_min`` and is flat at
both ends. Its hints lead through the derivation; they do not state the coefficients.

PyTorch oracles: ``CosineAnnealingLR`` only over steps 0..T_max (past T_max it is periodic by
design) and only for T_max <= 1000: there its recursive values agree with the exact cosine to a
relative 1e-11. For longer horizons the last steps lose relative digits (1 + cos x cancels near
x = pi; about 1e-9 relative at T_max = 1e4, 1e-7 at 1e5), which the tolerance's 1e-12 * peak term
absorbs but which is no longer "exact". ``PolynomialLR`` has no ``end_lr``: its oracles use
``end_lr == 0`` (it holds 0 after ``total_iters``, so they run past the end);
``LinearLR(start_factor=1, end_factor=end_lr / base_lr)`` is the ``power == 1`` case with
``end_lr > 0``. Both recursions stay within a relative 1e-13 of the exact values here.
"""
import numpy as np

from ..checks import Case, Exercise, Oracle

# --- cosine_annealing_lr -------------------------------------------------------------------

COS_START = "step 0 uses base_lr: cos(0) == 1, so the cosine factor (1 + cos(pi * step / T_max)) / 2 is 1."
COS_PHASE = ("the angle is pi * step / T_max: it runs from 0 at step 0 to pi at step T_max "
             "(not pi * step / (T_max - 1), not pi * (step + 1) / T_max).")
COS_HALF = "half-way (step == T_max / 2) cos(pi / 2) == 0: the rate is the mean of base_lr and eta_min."
COS_END = "at step T_max the angle is pi, cos(pi) == -1: the rate is exactly eta_min."
COS_AFTER = ("after T_max the schedule stays at eta_min; clamp the step with min(step, T_max). "
             "PyTorch's CosineAnnealingLR climbs back up (it is periodic); this exercise does not.")
COS_ETA = ("the curve runs from base_lr down to eta_min: eta_min + (base_lr - eta_min) * factor, "
           "not eta_min + base_lr * factor or base_lr * factor.")
COS_FLAT = "eta_min == base_lr: nothing to anneal, every step uses base_lr."


def _cos_step_hints(T):
    """{step: hint} for the boundary steps of a horizon T_max (earlier entries win on collisions)."""
    hints = {}
    for step, hint in ((0, COS_START), (T, COS_END), (T - 1, "one step before the end: " + COS_PHASE),
                       (T + 1, "the first step after T_max: " + COS_AFTER),
                       (2 * T, "at 2 * T_max PyTorch is back at base_lr; " + COS_AFTER),
                       (T // 2, COS_HALF if T % 2 == 0 else COS_PHASE), (1, COS_PHASE),
                       (2 * T - 1, COS_AFTER), (3 * T, COS_AFTER), (10**9, "far past T_max: " + COS_AFTER)):
        if step >= 0:
            hints.setdefault(step, hint)
    return hints


def _decay_grid(horizon: str, horizons, step_hints, eta_hint: str, flat_hint: str) -> list[Case]:
    """Every base_lr x horizon x eta_min (none, small, half, all of base_lr) x boundary step of a
    decay from base_lr to eta_min over ``horizon`` steps, each case with its hint."""
    cases = []
    for base_lr in (1.0, 0.1, 3e-4):
        for T in horizons:
            for eta_min, extra in ((0.0, ""), (base_lr / 100, eta_hint), (base_lr / 2, eta_hint), (base_lr, flat_hint)):
                for step, hint in sorted(step_hints(T).items()):
                    full = hint if not extra else f"{hint} Also: {extra}"
                    cases.append(Case({"step": step, "base_lr": base_lr, horizon: T, "eta_min": eta_min}, hint=full))
    return cases


def _cosine_hidden():
    cases = _decay_grid("T_max", (1, 2, 3, 10, 100, 1000), _cos_step_hints, COS_ETA, COS_FLAT)
    long_T = 10**6
    for step in (0, 1, 250_000, 500_000, 999_999, long_T, long_T + 1, 2 * long_T, 10**12):
        cases.append(Case({"step": step, "base_lr": 0.1, "T_max": long_T, "eta_min": 1e-5},
                          hint=f"a long horizon (T_max = 10**6); {_cos_step_hints(long_T).get(step, COS_AFTER if step > long_T else COS_PHASE)}"))
    cases += [
        Case({"step": np.int64(25), "base_lr": 0.1, "T_max": 100, "eta_min": 0.0}, hint="step may be a NumPy integer"),
        Case({"step": np.int64(150), "base_lr": 0.1, "T_max": 100, "eta_min": 0.001},
             hint="step may be a NumPy integer; " + COS_AFTER),
        Case({"step": np.int32(7), "base_lr": 0.1, "T_max": np.int32(10), "eta_min": 0.0},
             hint="step and T_max may be NumPy int32 (integer division or int32 products can surprise you)"),
        Case({"step": np.int64(10), "base_lr": 0.1, "T_max": np.int64(10)}, hint="NumPy integers; " + COS_END),
        Case({"step": 3, "base_lr": 0.1, "T_max": 10}, hint="eta_min defaults to 0.0, as in PyTorch"),
        Case({"step": 30, "base_lr": 0.1, "T_max": 10}, hint="eta_min defaults to 0.0; " + COS_AFTER),
    ]
    return cases


# --- polynomial_lr -------------------------------------------------------------------------

POLY_START = "step 0 uses base_lr: the fraction left, 1 - step / total_steps, is 1."
POLY_FRAC = ("raise the fraction of the horizon still ahead, 1 - step / total_steps, to the power "
             "(not (step + 1) / total_steps, and use true division, not //).")
POLY_POWER = ("the power applies to the fraction left only: end_lr + (base_lr - end_lr) * frac ** power, "
              "not ((base_lr - end_lr) * frac) ** power.")
POLY_END = "at step total_steps the fraction left is 0: the rate is exactly end_lr."
POLY_AFTER = ("after total_steps the rate stays at end_lr: clamp with min(step, total_steps). Without it "
              "the fraction left turns negative: a fractional power of it is a complex number, an odd power "
              "goes below end_lr, an even one climbs back up.")
POLY_ENDLR = ("the curve runs from base_lr down to end_lr: end_lr + (base_lr - end_lr) * frac ** power, "
              "not base_lr * frac ** power or end_lr + base_lr * frac ** power.")
POLY_FLAT = "end_lr == base_lr: nothing to decay, every step uses base_lr."


def _poly_step_hints(T):
    """{step: hint} for the boundary steps of a horizon total_steps (earlier entries win on collisions)."""
    hints = {}
    for step, hint in ((0, POLY_START), (T, POLY_END), (T - 1, "one step before the end: " + POLY_FRAC),
                       (T + 1, "the first step after total_steps: " + POLY_AFTER), (T // 2, POLY_POWER),
                       (1, POLY_FRAC), (2 * T, POLY_AFTER), (10**9, "far past total_steps: " + POLY_AFTER)):
        if step >= 0:
            hints.setdefault(step, hint)
    return hints


def _poly_hidden():
    cases = []
    for base_lr in (1.0, 0.1, 3e-4):
        for total_steps in (1, 2, 10, 100, 1000):
            for power in (0.5, 0.9, 1.0, 2.0, 3.0):
                for end_lr, extra in ((0.0, ""), (base_lr / 100, POLY_ENDLR), (base_lr, POLY_FLAT)):
                    for step, hint in sorted(_poly_step_hints(total_steps).items()):
                        full = hint if not extra else f"{hint} Also: {extra}"
                        cases.append(Case({"step": step, "base_lr": base_lr, "total_steps": total_steps,
                                           "power": power, "end_lr": end_lr}, hint=full))
    long_T = 10**6
    for power in (0.5, 1.0, 2.0):
        for step in (0, 1, 500_000, 999_999, long_T, long_T + 1, 10**12):
            cases.append(Case({"step": step, "base_lr": 0.1, "total_steps": long_T, "power": power, "end_lr": 1e-6},
                              hint=f"a long horizon (total_steps = 10**6); {_poly_step_hints(long_T).get(step, POLY_AFTER if step > long_T else POLY_FRAC)}"))
    cases += [
        Case({"step": np.int64(30), "base_lr": 0.1, "total_steps": 100, "power": 2.0, "end_lr": 0.0},
             hint="step may be a NumPy integer"),
        Case({"step": np.int64(150), "base_lr": 0.1, "total_steps": 100, "power": 0.5, "end_lr": 0.001},
             hint="step may be a NumPy integer; " + POLY_AFTER),
        Case({"step": np.int32(7), "base_lr": 0.1, "total_steps": np.int32(10), "power": 3.0, "end_lr": 0.0},
             hint="step and total_steps may be NumPy int32 (// between them is integer division)"),
        Case({"step": 25, "base_lr": 0.1, "total_steps": 100}, hint="power defaults to 1.0 and end_lr to 0.0"),
        Case({"step": 250, "base_lr": 0.1, "total_steps": 100}, hint="defaults; " + POLY_AFTER),
        Case({"step": 25, "base_lr": 0.1, "total_steps": 100, "power": 2.0}, hint="end_lr defaults to 0.0"),
    ]
    return cases


# --- cubic_decay_lr: the schedule derived from its properties ------------------------------------

CUBIC_DERIVE = ("write p(t) = a + b t + c t^2 + d t^3 with t = step / total_steps and impose the four "
                "conditions: p(0) = 1 gives a, p'(0) = 0 gives b, and p(1) = 0, p'(1) = 0 give two equations "
                "for c and d; the rate is eta_min + (base_lr - eta_min) * p(t).")
CUBIC_START = "step 0 uses base_lr: p(0) = 1."
CUBIC_END = "at step total_steps the rate is exactly eta_min: p(1) = 0."
CUBIC_AFTER = "after total_steps the rate stays at eta_min: clamp the step with min(step, total_steps)."
CUBIC_MID = ("half-way (t = 1/2) the cubic that is flat at both ends passes the midpoint (base_lr + eta_min) / 2, "
             "by symmetry: p(1/2) = 1/2.")
CUBIC_NOT_COSINE = ("cosine has the same end values and flat ends but is not a cubic: between the ends the two "
                    "differ by up to 1 % of base_lr - eta_min. " + CUBIC_DERIVE)
CUBIC_ETA = ("the curve runs from base_lr down to eta_min: eta_min + (base_lr - eta_min) * p(t), "
             "not eta_min + base_lr * p(t).")
CUBIC_FLAT = "eta_min == base_lr: nothing to decay, every step uses base_lr."


def _cubic_step_hints(T):
    hints = {}
    for step, hint in ((0, CUBIC_START), (T, CUBIC_END), (T + 1, "the first step after the end: " + CUBIC_AFTER),
                       (T // 2, CUBIC_MID if T % 2 == 0 else CUBIC_DERIVE), (1, CUBIC_DERIVE),
                       (T // 4, CUBIC_NOT_COSINE), ((3 * T) // 4, CUBIC_NOT_COSINE), (T - 1, CUBIC_DERIVE),
                       (2 * T, CUBIC_AFTER), (10**9, "far past the end: " + CUBIC_AFTER)):
        if step >= 0:
            hints.setdefault(step, hint)
    return hints


def _cubic_hidden():
    cases = _decay_grid("total_steps", (1, 2, 3, 4, 10, 100, 1000, 10**6), _cubic_step_hints, CUBIC_ETA, CUBIC_FLAT)
    cases += [
        Case({"step": np.int64(30), "base_lr": 0.1, "total_steps": 100, "eta_min": 0.0}, hint="step may be a NumPy integer"),
        Case({"step": np.int64(150), "base_lr": 0.1, "total_steps": 100, "eta_min": 0.001},
             hint="step may be a NumPy integer; " + CUBIC_AFTER),
        Case({"step": np.int32(1500), "base_lr": 0.1, "total_steps": np.int32(2000), "eta_min": 0.0},
             hint="step and total_steps may be NumPy int32: compute t = step / total_steps as a float first "
                  "(int32 products such as step ** 3 overflow)."),
        Case({"step": 7, "base_lr": 0.1, "total_steps": 10}, hint="eta_min defaults to 0.0"),
    ]
    return cases


EXERCISES = [
    Exercise(
        name="cosine_annealing_lr",
        visible=[
            Case({"step": 0, "base_lr": 0.1, "T_max": 100, "eta_min": 0.0}, 0.1, COS_START),
            Case({"step": 50, "base_lr": 0.1, "T_max": 100, "eta_min": 0.0}, 0.05, COS_HALF),
            Case({"step": 100, "base_lr": 0.1, "T_max": 100, "eta_min": 0.0}, 0.0, COS_END),
            Case({"step": 1, "base_lr": 1.0, "T_max": 3, "eta_min": 0.0}, 0.75,
                 "cos(pi / 3) == 0.5, so (1 + 0.5) / 2 == 0.75; " + COS_PHASE),
            Case({"step": 2, "base_lr": 1.0, "T_max": 3, "eta_min": 0.2}, 0.4,
                 "cos(2 pi / 3) == -0.5: 0.2 + (1.0 - 0.2) * 0.25 == 0.4. " + COS_ETA),
            Case({"step": 50, "base_lr": 0.1, "T_max": 100, "eta_min": 0.01}, 0.055,
                 "half-way between base_lr 0.1 and eta_min 0.01 is 0.055. " + COS_ETA),
            Case({"step": 150, "base_lr": 0.1, "T_max": 100, "eta_min": 0.001}, 0.001, COS_AFTER),
            Case({"step": 200, "base_lr": 0.1, "T_max": 100, "eta_min": 0.001}, 0.001,
                 "at 2 * T_max PyTorch's CosineAnnealingLR is back at base_lr; " + COS_AFTER),
            Case({"step": 100, "base_lr": 0.1, "T_max": 100}, 0.0, "eta_min defaults to 0.0, as in PyTorch."),
        ],
        oracles=[
            Oracle({"base_lr": 0.1, "T_max": 100, "eta_min": 0.0}, "CosineAnnealingLR", {"T_max": 100, "eta_min": 0.0}, 101,
                   COS_PHASE),
            Oracle({"base_lr": 1.0, "T_max": 7, "eta_min": 0.05}, "CosineAnnealingLR", {"T_max": 7, "eta_min": 0.05}, 8,
                   COS_ETA),
            Oracle({"base_lr": 3e-4, "T_max": 1000, "eta_min": 3e-6}, "CosineAnnealingLR", {"T_max": 1000, "eta_min": 3e-6},
                   1001, COS_PHASE),
        ],
        hidden=_cosine_hidden(),
        peak=lambda a: max(abs(a["base_lr"]), abs(a.get("eta_min", 0.0))),
    ),
    Exercise(
        name="polynomial_lr",
        visible=[
            Case({"step": 0, "base_lr": 0.1, "total_steps": 100, "power": 1.0, "end_lr": 0.0}, 0.1, POLY_START),
            Case({"step": 50, "base_lr": 0.1, "total_steps": 100, "power": 1.0, "end_lr": 0.0}, 0.05,
                 "linear decay (power 1): half-way the rate is half of base_lr. " + POLY_FRAC),
            Case({"step": 50, "base_lr": 0.1, "total_steps": 100, "power": 2.0, "end_lr": 0.0}, 0.025,
                 "0.1 * 0.5 ** 2 == 0.025. " + POLY_POWER),
            Case({"step": 75, "base_lr": 0.1, "total_steps": 100, "power": 0.5, "end_lr": 0.0}, 0.05,
                 "0.1 * 0.25 ** 0.5 == 0.05. " + POLY_FRAC),
            Case({"step": 100, "base_lr": 0.1, "total_steps": 100, "power": 2.0, "end_lr": 0.0}, 0.0, POLY_END),
            Case({"step": 150, "base_lr": 0.1, "total_steps": 100, "power": 0.5, "end_lr": 0.0}, 0.0, POLY_AFTER),
            Case({"step": 50, "base_lr": 0.1, "total_steps": 100, "power": 1.0, "end_lr": 0.01}, 0.055,
                 "half-way between 0.1 and 0.01 is 0.055. " + POLY_ENDLR),
            Case({"step": 50, "base_lr": 1.0, "total_steps": 100, "power": 2.0, "end_lr": 0.2}, 0.4,
                 "0.2 + (1.0 - 0.2) * 0.5 ** 2 == 0.4. " + POLY_ENDLR),
            Case({"step": 150, "base_lr": 0.1, "total_steps": 100, "power": 1.0, "end_lr": 0.01}, 0.01, POLY_AFTER),
            Case({"step": 25, "base_lr": 0.1, "total_steps": 100}, 0.075,
                 "power defaults to 1.0 and end_lr to 0.0: 0.1 * 0.75 == 0.075."),
        ],
        oracles=[
            Oracle({"base_lr": 0.1, "total_steps": 100, "power": 1.0, "end_lr": 0.0}, "PolynomialLR",
                   {"total_iters": 100, "power": 1.0}, 120, POLY_FRAC + " After total_steps PyTorch holds 0."),
            Oracle({"base_lr": 1.0, "total_steps": 50, "power": 2.0, "end_lr": 0.0}, "PolynomialLR",
                   {"total_iters": 50, "power": 2.0}, 60, POLY_POWER),
            Oracle({"base_lr": 0.01, "total_steps": 10, "power": 0.5, "end_lr": 0.0}, "PolynomialLR",
                   {"total_iters": 10, "power": 0.5}, 15, POLY_AFTER),
            Oracle({"base_lr": 3e-4, "total_steps": 1000, "power": 0.9, "end_lr": 0.0}, "PolynomialLR",
                   {"total_iters": 1000, "power": 0.9}, 1010, POLY_FRAC),
            Oracle({"base_lr": 1.0, "total_steps": 50, "power": 1.0, "end_lr": 0.25}, "LinearLR",
                   {"start_factor": 1.0, "end_factor": 0.25, "total_iters": 50}, 60,
                   "power 1 with end_lr > 0 is PyTorch's LinearLR(start_factor=1, end_factor=end_lr / base_lr). "
                   + POLY_ENDLR),
        ],
        hidden=_poly_hidden(),
        peak=lambda a: max(abs(a["base_lr"]), abs(a.get("end_lr", 0.0))),
    ),
    Exercise(
        name="cubic_decay_lr",
        visible=[
            Case({"step": 0, "base_lr": 1.0, "total_steps": 4, "eta_min": 0.0}, 1.0, CUBIC_START),
            Case({"step": 4, "base_lr": 1.0, "total_steps": 4, "eta_min": 0.0}, 0.0, CUBIC_END),
            Case({"step": 2, "base_lr": 1.0, "total_steps": 4, "eta_min": 0.0}, 0.5, CUBIC_MID),
            Case({"step": 1, "base_lr": 1.0, "total_steps": 4, "eta_min": 0.0}, 0.84375,
                 "at t = 1/4 the cubic gives 0.84375 (cosine would give 0.8536: the shapes are close, not equal). "
                 + CUBIC_DERIVE),
            Case({"step": 3, "base_lr": 1.0, "total_steps": 4, "eta_min": 0.0}, 0.15625,
                 "at t = 3/4 the cubic gives 0.15625 = 1 - 0.84375: the curve is point-symmetric about the midpoint."),
            Case({"step": 6, "base_lr": 1.0, "total_steps": 4, "eta_min": 0.0}, 0.0, CUBIC_AFTER),
            Case({"step": 5, "base_lr": 0.5, "total_steps": 10, "eta_min": 0.1}, 0.3, CUBIC_MID + " " + CUBIC_ETA),
            Case({"step": 2, "base_lr": 0.5, "total_steps": 10, "eta_min": 0.1}, 0.4584,
                 "t = 0.2: p = 0.896, so the rate is 0.1 + 0.4 * 0.896 = 0.4584. " + CUBIC_ETA),
            Case({"step": 20, "base_lr": 0.5, "total_steps": 10, "eta_min": 0.1}, 0.1, CUBIC_AFTER),
        ],
        hidden=_cubic_hidden(),
        peak=lambda a: max(abs(a["base_lr"]), abs(a.get("eta_min", 0.0))),
    ),
]
