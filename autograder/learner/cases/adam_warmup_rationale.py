"""Cases for 04-adam-warmup-rationale: ``bias_correction``, ``radam_rho``,
``radam_rectifier``, ``untuned_linear_warmup``, ``untuned_exponential_warmup``.

``t`` is Adam's 1-based step count (the t-th update); ``step`` is the course's 0-based
update index, so update ``step`` is Adam's ``t = step + 1``. No PyTorch scheduler
computes these functions, so there are no oracles; the notebook compares them with
the state of ``torch.optim.Adam`` and ``torch.optim.RAdam`` instead.
"""
import numpy as np

from ..bench.targets import Trained, schedule_values
from ..checks import Case, Exercise

BETAS = (0.5, 0.9, 0.95, 0.99, 0.999, 0.9999)
BETA2S = (0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999, 0.9999)
SMALL_T = (1, 2, 3, 4, 5, 6, 7, 8)
LONG_T = (10, 100, 1000, 2000, 10**4, 10**6)

EXPONENT_T = "the divisor of step t is 1 - beta ** t: exponent t (1-based), not t - 1 or t + 1."
RHO_FORM = "rho_t = rho_inf - 2 * t * beta2 ** t / (1 - beta2 ** t) with rho_inf = 2 / (1 - beta2) - 1."
THRESHOLD = "the paper rectifies when rho_t > 4 (PyTorch's RAdam uses 5); at or below 4 return 0.0."


def _bias_correction_hidden():
    cases = []
    for beta in BETAS:
        for t in SMALL_T[:6]:
            cases.append(Case({"t": t, "beta": beta}, hint=EXPONENT_T))
        for t in LONG_T:
            cases.append(Case({"t": t, "beta": beta},
                              hint="a long horizon: beta ** t shrinks towards 0 (it may underflow), the divisor towards 1."))
    cases += [
        Case({"t": np.int64(3), "beta": 0.9}, hint="t may be a NumPy integer"),
        Case({"t": np.int32(1000), "beta": 0.999}, hint="t may be a NumPy integer"),
        Case({"t": 7, "beta": np.float64(0.99)}, hint="beta may be a NumPy float"),
    ]
    return cases


def _rho_hidden(threshold_hint, extreme_small_t):
    # beta2 = 0.9999 with 2 <= t <= 8: 1 - beta2 ** t has only ~12 correct digits in
    # float64, and the textbook formula then uses up to a quarter of the tolerance
    # (a product loop for beta2 ** t: more than all of it). Those cases would grade
    # float luck, so the extreme beta2 is tested at t = extreme_small_t and at long t.
    cases = []
    for beta2 in BETA2S:
        for t in (extreme_small_t if beta2 == 0.9999 else SMALL_T):
            cases.append(Case({"t": t, "beta2": beta2}, hint=threshold_hint))
        for t in LONG_T:
            cases.append(Case({"t": t, "beta2": beta2},
                              hint="a long horizon: rho_t approaches rho_inf = 2 / (1 - beta2) - 1."))
    for t in (9, 10, 11, 12):  # beta2 = 0.7: rho_inf = 5.67, rho_6 = 4.07 crosses 4 just barely
        cases.append(Case({"t": t, "beta2": 0.7}, hint="beta2 = 0.7: rho_t creeps up to rho_inf = 17/3."))
    cases += [
        Case({"t": np.int64(5), "beta2": 0.999}, hint="t may be a NumPy integer"),
        Case({"t": np.int32(6), "beta2": 0.9}, hint="t may be a NumPy integer"),
        Case({"t": np.int64(10**4), "beta2": 0.9999}, hint="t may be a NumPy integer"),
    ]
    return cases


def _warmup_hidden(hint_small, hint_end):
    cases = []
    for beta2 in (0.5, 0.9, 0.95, 0.98, 0.99, 0.999, 0.9999):
        end = round(2 / (1 - beta2))  # the end of the untuned linear warmup
        steps = {0: "step 0 is the first update: the multiplier is 0 there.",
                 1: hint_small, 2: hint_small, end // 2: "halfway through the untuned warmup",
                 10 * end: "long after the warmup", 10**6: "a long horizon"}
        for s in (end - 1, end, end + 1):
            steps.setdefault(s, hint_end)
        for s, hint in sorted(steps.items()):
            cases.append(Case({"step": s, "beta2": beta2}, hint=hint))
    cases += [
        Case({"step": np.int64(1000), "beta2": 0.999}, hint="step may be a NumPy integer"),
        Case({"step": np.int32(20), "beta2": 0.9}, hint="step may be a NumPy integer"),
        Case({"step": np.int64(0), "beta2": 0.99}, hint="step may be a NumPy integer; step 0 gives 0"),
    ]
    return cases


# --- transformer_schedule: designed by the learner, graded by training ------------------------------

PEAK = 0.05
TRANSFORMER_TARGET = Trained(task="transformer", budget=300, seeds=(0,), at_least=0.98, optimizer="adam", peak=PEAK)
DESIGN = ("the grader trains the tiny Post-LN transformer (2 layers, sorting 12 tokens) with Adam for 300 updates "
          "with your rates, whose largest value must be 0.05, and measures the token accuracy on 2000 test sequences. "
          "Adam at 0.05 from the first update stalls it; the rate must reach 0.05 gradually, then decay.")


def schedule_of_transformer(fn, args):
    """The adapter: the learner's rate at every update of the budget (module-level, for the sandbox)."""
    return schedule_values(fn, args)



EXERCISES = [
    Exercise(
        name="bias_correction",
        visible=[
            Case({"t": 1, "beta": 0.9}, 0.1, "after one step the EMA holds (1 - beta) g_1: divide by 1 - beta ** 1 = 0.1 (not 1 - beta ** 0 = 0)."),
            Case({"t": 2, "beta": 0.9}, 0.19, "1 - 0.9 ** 2 = 0.19: the exponent is t itself."),
            Case({"t": 3, "beta": 0.5}, 0.875, "1 - 0.5 ** 3 = 0.875 (a divisor below 1, not 1 + beta ** t)."),
            Case({"t": 10, "beta": 0.5}, 0.9990234375, "1 - 2 ** -10 = 1023 / 1024."),
            Case({"t": 1, "beta": 0.999}, 0.001, "Adam's second moment at t = 1: 1 - 0.999 = 0.001."),
            Case({"t": 10**6, "beta": 0.999}, 1.0, "after many steps beta ** t is negligible: the divisor is 1."),
        ],
        hidden=_bias_correction_hidden(),
        peak=lambda a: 1.0,
    ),
    Exercise(
        name="radam_rho",
        visible=[
            Case({"t": 1, "beta2": 0.999}, 1.0, "rho_1 = 1 for every beta2: one squared gradient is an average of length 1. " + RHO_FORM),
            Case({"t": 1, "beta2": 0.9}, 1.0, "rho_1 = 19 - 2 * 0.9 / 0.1 = 1; use beta2 ** t (not beta2 ** (t - 1)) and the factor t."),
            Case({"t": 2, "beta2": 0.9}, 37 / 19, "rho_2 = (1 + 3 beta2) / (1 + beta2) = 3.7 / 1.9 = 37/19. " + RHO_FORM),
            Case({"t": 2, "beta2": 0.5}, 5 / 3, "rho_inf = 2 / 0.5 - 1 = 3 (mind the -1); rho_2 = 3 - 4 * 0.25 / 0.75 = 5/3."),
            Case({"t": 10**6, "beta2": 0.999}, 1999.0, "for large t, rho_t = rho_inf = 2 / (1 - 0.999) - 1 = 1999 (not 2000)."),
            Case({"t": 10**6, "beta2": 0.9}, 19.0, "rho_inf = 2 / (1 - 0.9) - 1 = 19."),
        ],
        hidden=_rho_hidden("small t: rho_t is close to t; " + RHO_FORM, (1,)),
        peak=lambda a: 2 / (1 - a["beta2"]) - 1,
    ),
    Exercise(
        name="radam_rectifier",
        visible=[
            Case({"t": 1, "beta2": 0.999}, 0.0, "rho_1 = 1 <= 4: no rectified Adam step yet, the rectifier is 0.0 (not 1.0)."),
            Case({"t": 4, "beta2": 0.999}, 0.0, "rho_4 = 3.9975 <= 4: still 0.0."),
            Case({"t": 5, "beta2": 0.999}, 0.0173115031664,
                 "rho_5 = 4.996 > 4: the paper rectifies from here on, although PyTorch's threshold 5 does not. "
                 "r = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))."),
            Case({"t": 5, "beta2": 0.9}, 0.156110763275,
                 "rho_5 = 187579/40951 = 4.5806 and rho_inf = 19: r = sqrt(0.5806 * 2.5806 * 19 / (15 * 17 * 4.5806)); "
                 "take the square root of the ratio."),
            Case({"t": 10**6, "beta2": 0.999}, 1.0, "rho_t = rho_inf for large t: the ratio is 1, no rectification."),
        ],
        hidden=_rho_hidden(THRESHOLD, (1, 2, 3, 4)),
        peak=lambda a: 1.0,
    ),
    Exercise(
        name="untuned_linear_warmup",
        visible=[
            Case({"step": 0, "beta2": 0.999}, 0.0, "step 0: 0 * (1 - beta2) / 2 = 0 (step is 0-based here, do not add 1)."),
            Case({"step": 1, "beta2": 0.999}, 0.0005, "step * (1 - beta2) / 2 = 0.001 / 2: the warmup lasts 2 / (1 - beta2) = 2000 steps, not 1000."),
            Case({"step": 1000, "beta2": 0.999}, 0.5, "halfway through 2 / (1 - beta2) = 2000 steps."),
            Case({"step": 2000, "beta2": 0.999}, 1.0, "the warmup ends at step 2 / (1 - beta2) = 2000."),
            Case({"step": 5000, "beta2": 0.999}, 1.0, "after the warmup the multiplier stays 1: min(1, ...)."),
            Case({"step": 10, "beta2": 0.9}, 0.5, "beta2 = 0.9: a 20-step warmup, 10 * 0.1 / 2 = 0.5."),
        ],
        hidden=_warmup_hidden("the first steps: step * (1 - beta2) / 2",
                              "around the end of the warmup, step = 2 / (1 - beta2): min(1, step * (1 - beta2) / 2)"),
        peak=lambda a: 1.0,
    ),
    Exercise(
        name="untuned_exponential_warmup",
        visible=[
            Case({"step": 0, "beta2": 0.999}, 0.0, "step 0: 1 - exp(0) = 0 (step is 0-based here, do not add 1)."),
            Case({"step": 1000, "beta2": 0.999}, 0.6321205588286,
                 "1 - exp(-(1 - beta2) * step) = 1 - exp(-1) = 1 - 1/e: the time constant is 1 / (1 - beta2), not 2 / (1 - beta2)."),
            Case({"step": 2000, "beta2": 0.999}, 0.8646647167634, "1 - exp(-2) = 1 - 1/e**2 (the multiplier, not exp(-2) itself)."),
            Case({"step": 1, "beta2": 0.99}, 0.009950166250832,
                 "1 - exp(-0.01) = 0.00995..., close to but not 1 - 0.99 ** 1 = 0.01: use exp, not beta2 ** step."),
            Case({"step": 10**5, "beta2": 0.999}, 1.0, "long after the warmup exp(-100) is negligible: 1.0."),
        ],
        hidden=_warmup_hidden("the first steps: 1 - exp(-(1 - beta2) * step)",
                              "at 2 / (1 - beta2) steps the exponential warmup is only at 1 - exp(-2) = 0.86"),
        peak=lambda a: 1.0,
    ),
    Exercise(
        name="transformer_schedule",
        visible=[Case({"step": range(300)}, TRANSFORMER_TARGET, DESIGN)],
        hidden=[Case({"step": range(300)}, hint=DESIGN)],
        adapter=schedule_of_transformer,
    ),
]
