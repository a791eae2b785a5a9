"""Cases for 06-cyclical-and-one-cycle: ``cyclic_lr``, ``one_cycle_lr``, ``one_cycle_momentum``.

``one_cycle_lr`` and ``one_cycle_momentum`` must raise ``ValueError`` for a step outside
``0 <= step < total_steps``. The shared checker compares return values only, so these two
exercises call the learner's function through :func:`raised_as_value`: a ``ValueError``
becomes the string ``"ValueError"`` (a case whose expected value is that string passes only
if the function raised it), every other result is returned unchanged.
"""
import numpy as np

from .. import checks
from ..bench.targets import Trained, schedule_values
from ..checks import Case, Exercise, Oracle

# --- expected exceptions as values -----------------------------------------------------

def raised_as_value(fn, args):
    """``fn(**args)``; a ValueError whose message names ``step`` becomes "ValueError"."""
    return checks.raised_as_value(fn, args, must_name="step")


RAISES = "ValueError"


# --- cyclic_lr ---------------------------------------------------------------------------

CYCLE_START = "a new cycle starts every step_size_up + step_size_down steps and begins at base_lr."
PEAK = "the peak (max_lr, times the mode's scale) is reached AT step_size_up steps into each cycle."
DOWN = "the falling half lasts step_size_down steps (when given), not step_size_up."
TRI2 = "triangular2 halves the amplitude once per COMPLETED cycle: scale 1 / 2 ** (cycle - 1), cycle counted from 1."
EXP = "exp_range scales the amplitude by gamma ** step (the global step), not gamma ** cycle."


def _cyclic_hidden():
    cases = []
    lrs = [(0.001, 0.006), (0.1, 1.0), (0.0, 1.0), (1e-5, 0.1)]
    sizes = [(1, None), (2, None), (5, 3), (3, 5), (1, 4), (10, 1), (2000, None), (2000, 500)]
    modes = [("triangular", 1.0), ("triangular2", 1.0), ("exp_range", 0.9), ("exp_range", 0.99994)]
    for i, (up, down) in enumerate(sizes):
        total = up + (up if down is None else down)
        for j, (mode, gamma) in enumerate(modes):
            base_lr, max_lr = lrs[(i + j) % len(lrs)]
            steps = {0: "step 0 is the start of the first cycle: base_lr", 1: "the first step up"}
            for c in (0, 1, 2, 5):
                for d in (-1, 0, 1):
                    if c * total + d >= 0:
                        steps[c * total + d] = f"{CYCLE_START} (cycle boundary {c * total})"
                    steps[c * total + up + d] = f"{PEAK} (peak at step {c * total + up})"
            if down is not None and down != up:
                steps[total + up + (down + 1) // 2] = DOWN
            far = 500 if total >= 1000 else 1000   # a long horizon: hundreds of cycles
            for d in (-1, 0, 1):
                steps[far * total + d] = "a long horizon: count whole cycles with integer arithmetic"
                steps[far * total + up + d] = "a long horizon: the peak of a late cycle"
            for s, hint in sorted(steps.items()):
                if mode == "triangular2":
                    hint = f"{hint}; {TRI2}"
                elif mode == "exp_range":
                    hint = f"{hint}; {EXP}"
                cases.append(Case({"step": s, "base_lr": base_lr, "max_lr": max_lr, "step_size_up": up,
                                   "step_size_down": down, "mode": mode, "gamma": gamma}, hint=hint))
    cases += [
        Case({"step": np.int64(3000), "base_lr": 0.001, "max_lr": 0.006, "step_size_up": 2000},
             hint="step may be a NumPy integer; step_size_down, mode and gamma have defaults"),
        Case({"step": np.int32(7), "base_lr": 0.1, "max_lr": 1.0, "step_size_up": np.int64(3), "step_size_down": np.int64(2),
              "mode": "triangular2"}, hint="step and the step sizes may be NumPy integers"),
        Case({"step": np.int64(12345), "base_lr": 0.0, "max_lr": 1.0, "step_size_up": 100, "mode": "exp_range",
              "gamma": 0.9999}, hint=f"step may be a NumPy integer; {EXP}"),
        Case({"step": 7, "base_lr": 0.1, "max_lr": 1.0, "step_size_up": 2, "mode": "exp_range"},
             hint="gamma defaults to 1.0: exp_range is then the plain triangle"),
        Case({"step": 50, "base_lr": 1.0, "max_lr": 0.1, "step_size_up": 20, "step_size_down": 40},
             hint="max_lr below base_lr gives an inverted triangle; the formula needs no special case"),
    ]
    return cases


# --- one_cycle_lr / one_cycle_momentum ----------------------------------------------------

START = "step 0 uses initial_lr = max_lr / div_factor."
BOUNDARY1 = ("the first phase ends at the FRACTIONAL step pct_start * total_steps - 1 "
             "(not int(pct_start * total_steps) - 1, not pct_start * total_steps)")
BOUNDARY2 = "three-phase: the second phase ends at the fractional step 2 * pct_start * total_steps - 2"
LAST = ("the last step, total_steps - 1, uses min_lr = initial_lr / final_div_factor "
        "= max_lr / div_factor / final_div_factor (not max_lr / final_div_factor)")
PAST_END = "raise ValueError for step >= total_steps (no optimizer update uses it), with a message naming step"
NEGATIVE = "raise ValueError for step < 0, with a message naming step"
MID = "inside a phase: pct = (step - phase start) / (phase end - phase start), then cos or linear annealing"
M_START = "momentum runs opposite to the learning rate: step 0 uses max_momentum."
M_LAST = "momentum ends where it started: max_momentum at total_steps - 1."
M_BOUNDARY1 = ("momentum reaches base_momentum where the lr peaks, at the FRACTIONAL step "
               "pct_start * total_steps - 1 (not int(pct_start * total_steps) - 1)")
M_THREE = "three-phase: momentum is back at max_momentum when the second phase ends and stays there"


def _one_cycle_configs():
    """(total_steps, pct_start) pairs with pct_start * total_steps >= 2, both phase layouts."""
    configs = []
    for total in (7, 10, 11, 100, 1000, 12345, 10**6):
        for pct in (0.1, 0.25, 0.3, 0.5):
            if pct * total >= 2:
                configs.append((total, pct))
    return configs


def _one_cycle_steps(total, pct, three_phase, momentum=False):
    """{step: hint}: step 0, each boundary's floor/ceil and neighbours, the end, past the end."""
    bounds = [(float(pct * total) - 1, M_BOUNDARY1 if momentum else BOUNDARY1)]
    if three_phase:
        bounds.append((float(2 * pct * total) - 2, M_THREE if momentum else BOUNDARY2))
    steps = {1: MID, total - 2: MID, (int(bounds[-1][0]) + total) // 2: MID}
    for b, hint in bounds:
        lo = int(np.floor(b))
        for s in (lo - 1, lo, lo + 1, lo + 2):
            if 0 <= s < total:
                steps[s] = f"{hint} (= {b:g} here)"
    steps[0] = M_START if momentum else START
    steps[total - 1] = M_LAST if momentum else LAST
    for s, hint in ((total, PAST_END), (total + 1, PAST_END), (-1, NEGATIVE)):
        steps[s] = hint
    return steps


def _one_cycle_lr_hidden():
    cases = []
    lr_configs = [(1.0, 25.0, 1e4), (0.1, 25.0, 1e4), (3e-4, 10.0, 100.0)]
    for n, (total, pct) in enumerate(_one_cycle_configs()):
        for three_phase in (False, True):
            for strategy in ("cos", "linear"):
                max_lr, div, final_div = lr_configs[n % len(lr_configs)]
                for s, hint in _one_cycle_steps(total, pct, three_phase).items():
                    cases.append(Case({"step": s, "total_steps": total, "max_lr": max_lr, "pct_start": pct,
                                       "anneal_strategy": strategy, "div_factor": div,
                                       "final_div_factor": final_div, "three_phase": three_phase}, hint=hint))
    for div, final_div in ((1.0, 1.0), (1e4, 1e8), (1.0, 1e4), (1e4, 1.0), (3.0, 0.5)):
        for three_phase in (False, True):
            for strategy in ("cos", "linear"):
                for s, hint in _one_cycle_steps(100, 0.3, three_phase).items():
                    cases.append(Case({"step": s, "total_steps": 100, "max_lr": 0.5, "pct_start": 0.3,
                                       "anneal_strategy": strategy, "div_factor": div,
                                       "final_div_factor": final_div, "three_phase": three_phase},
                                      hint=f"extreme div factors: {hint}"))
    cases += [
        Case({"step": np.int64(5), "total_steps": 10, "max_lr": 1.0}, hint="step may be a NumPy integer; defaults as in PyTorch"),
        Case({"step": np.int32(2), "total_steps": 7, "max_lr": 1.0, "anneal_strategy": "linear"},
             hint=f"step may be a NumPy integer; {BOUNDARY1}"),
        Case({"step": np.int64(299_999), "total_steps": np.int64(10**6), "max_lr": 0.1},
             hint="step and total_steps may be NumPy integers"),
        Case({"step": np.int64(10), "total_steps": 10, "max_lr": 1.0}, hint=f"a NumPy step too: {PAST_END}"),
        Case({"step": 9, "total_steps": 10, "max_lr": 1.0}, hint=LAST),
    ]
    return cases


def _one_cycle_momentum_hidden():
    cases = []
    momenta = [(0.85, 0.95), (0.8, 0.99), (0.0, 0.9), (0.9, 0.9)]
    for n, (total, pct) in enumerate(_one_cycle_configs()):
        for three_phase in (False, True):
            for strategy in ("cos", "linear"):
                base_m, max_m = momenta[n % len(momenta)]
                for s, hint in _one_cycle_steps(total, pct, three_phase, momentum=True).items():
                    cases.append(Case({"step": s, "total_steps": total, "pct_start": pct, "base_momentum": base_m,
                                       "max_momentum": max_m, "anneal_strategy": strategy,
                                       "three_phase": three_phase}, hint=hint))
    cases += [
        Case({"step": np.int64(5), "total_steps": 10}, hint="step may be a NumPy integer; defaults as in PyTorch"),
        Case({"step": np.int32(3), "total_steps": 7, "anneal_strategy": "linear", "three_phase": True},
             hint=f"step may be a NumPy integer; {M_THREE}"),
        Case({"step": np.int64(10), "total_steps": np.int64(10)}, hint=f"NumPy integers too: {PAST_END}"),
        Case({"step": 0, "total_steps": 10, "base_momentum": 0.95, "max_momentum": 0.85},
             hint="the names decide the corners: step 0 uses max_momentum even when it is the smaller value"),
    ]
    return cases


def _lr_peak(a):
    initial = a["max_lr"] / a.get("div_factor", 25.0)
    return max(abs(a["max_lr"]), abs(initial), abs(initial / a.get("final_div_factor", 1e4)))


def _momentum_peak(a):
    return max(abs(a.get("base_momentum", 0.85)), abs(a.get("max_momentum", 0.95)))


SGD = {"lr": 0.1, "momentum": 0.9}   # OneCycleLR overrides the lr; cycling momentum needs SGD momentum

# --- mnist_schedule: designed by the learner, graded by training ------------------------------------

MNIST_TARGET = Trained(task="mnist", budget=800, seeds=(0, 1, 2), at_least=0.95, optimizer="adam",
                       task_settings=(("train_eval", 0),))
DESIGN = ("the grader trains the fixed MLP (784-100-10, batches of 32, Adam) for 800 updates with your rates and "
          "measures the test accuracy. What beats a constant rate: a peak a few times Adam's default 1e-3, "
          "reached after a short warm-up, then a decay to (almost) 0 by the last update.")


def schedule_of_mnist(fn, args):
    """The adapter: the learner's rate at every update of the budget (module-level, for the sandbox)."""
    return schedule_values(fn, args)



EXERCISES = [
    Exercise(
        name="cyclic_lr",
        visible=[
            Case({"step": 0, "base_lr": 0.001, "max_lr": 0.006, "step_size_up": 2000}, 0.001,
                 "step 0 starts the first cycle at base_lr."),
            Case({"step": 1000, "base_lr": 0.001, "max_lr": 0.006, "step_size_up": 2000}, 0.0035,
                 "halfway up: base_lr + (max_lr - base_lr) * 1000 / 2000. A value above max_lr means the "
                 "distance to the peak lost its sign (the paper's formula takes an absolute value)."),
            Case({"step": 2000, "base_lr": 0.001, "max_lr": 0.006, "step_size_up": 2000}, 0.006,
                 "the peak max_lr is reached AT step step_size_up."),
            Case({"step": 3000, "base_lr": 0.001, "max_lr": 0.006, "step_size_up": 2000}, 0.0035,
                 "halfway down: step_size_down defaults to step_size_up."),
            Case({"step": 4000, "base_lr": 0.001, "max_lr": 0.006, "step_size_up": 2000}, 0.001,
                 "a cycle lasts step_size_up + step_size_down = 4000 steps: step 4000 starts cycle 2 at base_lr."),
            Case({"step": 3, "base_lr": 0.1, "max_lr": 1.0, "step_size_up": 2, "step_size_down": 3}, 0.7,
                 "up in 2 steps, down in 3: step 3 is 1/3 of the way down, 0.1 + 0.9 * 2/3. " + DOWN),
            Case({"step": 5, "base_lr": 0.1, "max_lr": 1.0, "step_size_up": 2, "step_size_down": 3}, 0.1,
                 "the cycle length is step_size_up + step_size_down = 5."),
            Case({"step": 2, "base_lr": 0.1, "max_lr": 1.0, "step_size_up": 2, "mode": "triangular2"}, 1.0,
                 "triangular2 keeps the full amplitude in the first cycle. " + TRI2),
            Case({"step": 6, "base_lr": 0.1, "max_lr": 1.0, "step_size_up": 2, "mode": "triangular2"}, 0.55,
                 "the second cycle's peak: 0.1 + 0.9 / 2. " + TRI2),
            Case({"step": 4, "base_lr": 0.1, "max_lr": 1.1, "step_size_up": 4, "mode": "exp_range", "gamma": 0.9}, 0.7561,
                 "0.1 + 1.0 * 0.9 ** 4: " + EXP),
        ],
        oracles=[
            Oracle({"base_lr": 0.001, "max_lr": 0.006, "step_size_up": 20}, "CyclicLR",
                   {"base_lr": 0.001, "max_lr": 0.006, "step_size_up": 20, "cycle_momentum": False}, 200,
                   "a triangle: up for step_size_up steps, down for as many."),
            Oracle({"base_lr": 0.1, "max_lr": 1.0, "step_size_up": 5, "step_size_down": 12, "mode": "triangular2"},
                   "CyclicLR", {"base_lr": 0.1, "max_lr": 1.0, "step_size_up": 5, "step_size_down": 12,
                                "mode": "triangular2", "cycle_momentum": False}, 120, f"{DOWN} {TRI2}"),
            Oracle({"base_lr": 0.0, "max_lr": 1.0, "step_size_up": 7, "step_size_down": 3, "mode": "exp_range", "gamma": 0.99},
                   "CyclicLR", {"base_lr": 0.0, "max_lr": 1.0, "step_size_up": 7, "step_size_down": 3,
                                "mode": "exp_range", "gamma": 0.99, "cycle_momentum": False}, 120, EXP),
        ],
        hidden=_cyclic_hidden(),
        peak=lambda a: max(abs(a["base_lr"]), abs(a["max_lr"])),
    ),
    Exercise(
        name="one_cycle_lr",
        visible=[
            Case({"step": 0, "total_steps": 10, "max_lr": 1.0}, 0.04, "initial_lr = max_lr / div_factor = 1 / 25."),
            Case({"step": 1, "total_steps": 10, "max_lr": 1.0}, 0.52,
                 "halfway up the cosine: (0.04 + 1) / 2. The cosine runs from start (pct = 0) to end (pct = 1): "
                 "end + (start - end) * (1 + cos(pi * pct)) / 2."),
            Case({"step": 2, "total_steps": 10, "max_lr": 1.0}, 1.0,
                 "the peak is AT step pct_start * total_steps - 1 = 0.3 * 10 - 1 = 2 (0-based)."),
            Case({"step": 9, "total_steps": 10, "max_lr": 1.0}, 4e-06,
                 "the final lr is initial_lr / final_div_factor = 0.04 / 1e4 = 4e-6, not max_lr / final_div_factor = 1e-4."),
            Case({"step": 2, "total_steps": 11, "max_lr": 1.0, "pct_start": 0.5, "anneal_strategy": "linear",
                  "div_factor": 10.0, "final_div_factor": 100.0}, 0.5,
                 "the first phase ends at the fractional step 0.5 * 11 - 1 = 4.5: lr = 0.1 + 0.9 * 2 / 4.5. "
                 "Do not round the boundary (int(5.5) - 1 = 4) or drop the - 1 (5.5)."),
            Case({"step": 4, "total_steps": 11, "max_lr": 1.0, "pct_start": 0.5, "anneal_strategy": "linear",
                  "div_factor": 10.0, "final_div_factor": 100.0}, 0.9,
                 "step 4 is 4 / 4.5 of the way up, just before the fractional peak at 4.5."),
            Case({"step": 10, "total_steps": 11, "max_lr": 1.0, "pct_start": 0.5, "anneal_strategy": "linear",
                  "div_factor": 10.0, "final_div_factor": 100.0}, 0.001, "min_lr = (1.0 / 10) / 100."),
            Case({"step": 4, "total_steps": 10, "max_lr": 1.0, "three_phase": True}, 0.04,
                 "three-phase: back at initial_lr when the second phase ends, at 2 * 0.3 * 10 - 2 = 4."),
            Case({"step": 10, "total_steps": 10, "max_lr": 1.0}, RAISES, PAST_END),
            Case({"step": -1, "total_steps": 10, "max_lr": 1.0}, RAISES, NEGATIVE),
        ],
        oracles=[
            Oracle({"total_steps": 100, "max_lr": 0.1}, "OneCycleLR", {"max_lr": 0.1, "total_steps": 100}, 100,
                   "two phases, cosine, PyTorch's defaults.", optimizer=SGD),
            Oracle({"total_steps": 7, "max_lr": 1.0, "anneal_strategy": "linear", "three_phase": True}, "OneCycleLR",
                   {"max_lr": 1.0, "total_steps": 7, "anneal_strategy": "linear", "three_phase": True}, 7,
                   f"{BOUNDARY1}; {BOUNDARY2}.", optimizer=SGD),
            Oracle({"total_steps": 1000, "max_lr": 3.0, "pct_start": 0.25, "div_factor": 10.0, "final_div_factor": 100.0,
                    "three_phase": True}, "OneCycleLR",
                   {"max_lr": 3.0, "total_steps": 1000, "pct_start": 0.25, "div_factor": 10.0, "final_div_factor": 100.0,
                    "three_phase": True}, 1000, "three phases, cosine.", optimizer=SGD),
            Oracle({"total_steps": 23, "max_lr": 0.5, "pct_start": 0.3, "anneal_strategy": "linear"}, "OneCycleLR",
                   {"max_lr": 0.5, "total_steps": 23, "pct_start": 0.3, "anneal_strategy": "linear"}, 23,
                   f"{BOUNDARY1}.", optimizer=SGD),
        ],
        hidden=_one_cycle_lr_hidden(),
        peak=_lr_peak,
        adapter=raised_as_value,
    ),
    Exercise(
        name="one_cycle_momentum",
        visible=[
            Case({"step": 0, "total_steps": 10}, 0.95, M_START),
            Case({"step": 1, "total_steps": 10}, 0.9, "halfway down the cosine: (0.95 + 0.85) / 2."),
            Case({"step": 2, "total_steps": 10}, 0.85,
                 "momentum is lowest (base_momentum) where the lr peaks, at pct_start * total_steps - 1 = 2."),
            Case({"step": 9, "total_steps": 10}, 0.95, M_LAST),
            Case({"step": 4, "total_steps": 11, "pct_start": 0.5, "anneal_strategy": "linear"}, 0.95 - 0.1 * 8 / 9,
                 "the first phase ends at the fractional step 0.5 * 11 - 1 = 4.5: step 4 is 8/9 of the way from 0.95 to 0.85."),
            Case({"step": 4, "total_steps": 10, "three_phase": True}, 0.95,
                 "three-phase: back at max_momentum at 2 * 0.3 * 10 - 2 = 4."),
            Case({"step": 6, "total_steps": 10, "three_phase": True}, 0.95,
                 "three-phase: the third phase keeps momentum at max_momentum while the lr anneals."),
            Case({"step": 10, "total_steps": 10}, RAISES, PAST_END),
            Case({"step": -1, "total_steps": 10}, RAISES, NEGATIVE),
        ],
        oracles=[
            Oracle({"total_steps": 100}, "OneCycleLR", {"max_lr": 0.1, "total_steps": 100}, 100,
                   "momentum runs from max_momentum down to base_momentum and back.", optimizer=SGD, record="momentum"),
            Oracle({"total_steps": 23, "pct_start": 0.3, "base_momentum": 0.8, "max_momentum": 0.9,
                    "anneal_strategy": "linear", "three_phase": True}, "OneCycleLR",
                   {"max_lr": 0.1, "total_steps": 23, "pct_start": 0.3, "base_momentum": 0.8, "max_momentum": 0.9,
                    "anneal_strategy": "linear", "three_phase": True}, 23,
                   f"{M_THREE}; {BOUNDARY1}.", optimizer=SGD, record="momentum"),
        ],
        hidden=_one_cycle_momentum_hidden(),
        peak=_momentum_peak,
        adapter=raised_as_value,
    ),
    Exercise(
        name="mnist_schedule",
        visible=[Case({"step": range(800)}, MNIST_TARGET, DESIGN)],
        hidden=[Case({"step": range(800)}, hint=DESIGN)],
        adapter=schedule_of_mnist,
    ),
]
