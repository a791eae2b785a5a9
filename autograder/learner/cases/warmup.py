"""Cases for 03-warmup: ``linear_warmup_lr``, ``warmup_cosine_lr``, ``inverse_sqrt_lr``, ``wsd_lr``."""
import numpy as np

from ..checks import Case, Exercise, Oracle

RAMP = ("The ramp is min(step, warmup_steps) / warmup_steps: step 0 uses base_lr * start_factor "
        "(0 when start_factor is 0), not (step + 1) / warmup_steps.")
PEAK_AT_W = "The warmup ends AT step warmup_steps: steps 0 .. warmup_steps-1 are below base_lr, step warmup_steps uses base_lr."
CLAMP = "After the warmup the learning rate stays at base_lr: clamp with min(step, warmup_steps)."
START = "The first value is base_lr * start_factor: lr = base_lr * (start_factor + (1 - start_factor) * min(step, W) / W)."
NO_WARMUP = "No warmup when warmup_steps == 0: return base_lr (and never divide by warmup_steps == 0)."
NUMPY = "The step may arrive as a NumPy integer; return a float."

PROGRESS = ("The cosine runs over the total_steps - warmup_steps steps after the warmup: "
            "progress = (step - warmup_steps) / (total_steps - warmup_steps), not step / total_steps.")
COS_START = "The cosine starts AT step warmup_steps with progress 0: that step uses base_lr."
COS_END = "At step total_steps progress is 1: the learning rate is eta_min."
COS_CLAMP = ("Past total_steps clamp progress to 1 and stay at eta_min (PyTorch's CosineAnnealingLR and "
             "Hugging Face's lambda rise again there; this function does not).")
ETA_MIN = "The floor of the cosine is eta_min: eta_min + (base_lr - eta_min) * (1 + cos(pi * progress)) / 2."

NOAM_S = "Use s = step + 1: the paper's step_num counts from 1 (with s = step, step 0 divides by zero)."
NOAM_UP = "During warmup the smaller term is s * warmup_steps ** -1.5: a linear ramp."
NOAM_PEAK = "The peak is at s = warmup_steps, i.e. step = warmup_steps - 1: both terms equal warmup_steps ** -0.5 there."
NOAM_DOWN = "After the peak the smaller term is s ** -0.5: take min() of the two terms, not max()."
NOAM_SCALE = "The scale: lr = factor * d_model ** -0.5 * min(...): d_model to the power -0.5, and multiply by factor."

WSD_WARM = "WSD warms up from 0: base_lr * step / warmup_steps for step < warmup_steps."
WSD_STABLE = "The stable phase runs from step warmup_steps to warmup_steps + stable_steps - 1 at base_lr."
WSD_DECAY0 = ("The decay starts AT step warmup_steps + stable_steps with p = 0 (still base_lr): "
              "p = (step - warmup_steps - stable_steps) / decay_steps.")
WSD_SHAPES = ("The shapes: 'linear' 1 - p, 'cosine' (1 + cos(pi p)) / 2, '1-sqrt' 1 - sqrt(p) (not sqrt(1 - p)); "
              "lr = eta_min + (base_lr - eta_min) * shape(p).")
WSD_END = "At step warmup_steps + stable_steps + decay_steps p = 1: the learning rate is eta_min."
WSD_AFTER = "After the decay clamp p to 1: the learning rate stays at eta_min (it never goes below it)."

LONG = 10**6


def _warmup_hint(step, warmup_steps):
    if warmup_steps == 0:
        return NO_WARMUP
    if step == 0:
        return RAMP
    if step < warmup_steps:
        return PEAK_AT_W if step == warmup_steps - 1 else START
    return PEAK_AT_W if step == warmup_steps else CLAMP


def _linear_warmup_hidden():
    cases = []
    for base_lr in (1.0, 0.1, 3e-4):
        for warmup_steps in (0, 1, 2, 10, 1000):
            for start_factor in (0.0, 0.1, 1 / 3, 1.0):
                steps = sorted({s for s in (0, 1, warmup_steps - 1, warmup_steps, warmup_steps + 1,
                                            2 * warmup_steps, LONG) if s >= 0})
                for s in steps:
                    hint = _warmup_hint(s, warmup_steps)
                    if start_factor > 0 and hint != NO_WARMUP:
                        hint += " " + START
                    cases.append(Case({"step": s, "base_lr": base_lr, "warmup_steps": warmup_steps,
                                       "start_factor": start_factor}, hint=hint))
    cases += [
        Case({"step": 7, "base_lr": 0.1, "warmup_steps": 20}, hint="start_factor defaults to 0.0: lr = base_lr * step / W."),
        Case({"step": np.int64(7), "base_lr": 0.1, "warmup_steps": 20, "start_factor": 0.1}, hint=NUMPY),
        Case({"step": np.int32(25), "base_lr": 0.1, "warmup_steps": np.int64(20)}, hint=NUMPY + " " + CLAMP),
        Case({"step": np.int64(0), "base_lr": 0.1, "warmup_steps": np.int64(0)}, hint=NUMPY + " " + NO_WARMUP),
    ]
    return cases


def _warmup_cosine_hint(step, warmup_steps, total_steps):
    if step < warmup_steps:
        return "During warmup (step < warmup_steps) the rate is the linear warmup. " + _warmup_hint(step, warmup_steps)
    if step == warmup_steps:
        return COS_START + (" " + NO_WARMUP if warmup_steps == 0 else "")
    if step < total_steps:
        return PROGRESS
    return COS_END if step == total_steps else COS_CLAMP


def _warmup_cosine_hidden():
    cases = []
    configs = [(0, 100), (1, 10), (1, 2), (10, 110), (100, 1000), (5, 6), (2000, 100_000)]
    for base_lr in (1.0, 0.1):
        for warmup_steps, total_steps in configs:
            for eta_min in (0.0, base_lr / 100):
                for start_factor in (0.0, 0.1, 1 / 3, 1.0):
                    w, t = warmup_steps, total_steps
                    steps = sorted({s for s in (0, 1, w - 1, w, w + 1, (w + t) // 2, t - 1, t, t + 1, 2 * t, 10 * LONG)
                                    if s >= 0})
                    for s in steps:
                        hint = _warmup_cosine_hint(s, w, t)
                        if eta_min > 0 and s >= w:
                            hint += " " + ETA_MIN
                        if start_factor > 0 and s < w:
                            hint += " " + START
                        cases.append(Case({"step": s, "base_lr": base_lr, "warmup_steps": w, "total_steps": t,
                                           "eta_min": eta_min, "start_factor": start_factor}, hint=hint))
    cases += [
        Case({"step": 55, "base_lr": 0.1, "warmup_steps": 10, "total_steps": 110},
             hint="eta_min and start_factor default to 0.0. " + PROGRESS),
        Case({"step": np.int64(60), "base_lr": 0.1, "warmup_steps": np.int64(10), "total_steps": np.int64(110),
              "eta_min": 0.001}, hint=NUMPY + " " + PROGRESS),
        Case({"step": np.int32(3), "base_lr": 0.1, "warmup_steps": 10, "total_steps": 110, "start_factor": 0.1},
             hint=NUMPY + " " + START),
    ]
    return cases


def _inverse_sqrt_hint(step, warmup_steps):
    s = step + 1
    if step == 0:
        return NOAM_S
    if s < warmup_steps:
        return NOAM_UP + " " + NOAM_S
    if s == warmup_steps:
        return NOAM_PEAK
    return NOAM_DOWN


def _inverse_sqrt_hidden():
    cases = []
    for d_model in (1, 64, 512, 1024):
        for warmup_steps in (1, 2, 10, 4000):
            for factor in (1.0, 2.0, 0.5):
                w = warmup_steps
                steps = sorted({s for s in (0, 1, w - 2, w - 1, w, w + 1, 10 * w, LONG, 10**9) if s >= 0})
                for s in steps:
                    hint = _inverse_sqrt_hint(s, w)
                    if factor != 1.0 or d_model != 1:
                        hint += " " + NOAM_SCALE
                    cases.append(Case({"step": s, "d_model": d_model, "warmup_steps": w, "factor": factor}, hint=hint))
    cases += [
        Case({"step": 100, "d_model": 512, "warmup_steps": 4000}, hint="factor defaults to 1.0. " + NOAM_UP),
        Case({"step": np.int64(3999), "d_model": np.int64(512), "warmup_steps": np.int64(4000)}, hint=NUMPY + " " + NOAM_PEAK),
        Case({"step": np.int32(50_000), "d_model": 512, "warmup_steps": 4000, "factor": 2.0}, hint=NUMPY + " " + NOAM_DOWN),
    ]
    return cases


def _wsd_hint(step, w, s, d):
    if step < w:
        return WSD_WARM + (" " + RAMP if step == 0 else "")
    start = w + s
    if step < start:
        return WSD_STABLE + (" The stable phase starts AT step warmup_steps." if step == w else "")
    if step == start:
        return WSD_DECAY0
    if step < start + d:
        return WSD_SHAPES
    return WSD_END if step == start + d else WSD_AFTER


def _wsd_hidden():
    cases = []
    configs = [(10, 80, 10), (0, 50, 50), (1, 0, 1), (5, 0, 20), (0, 0, 10), (100, 1000, 1),
               (2000, 100_000, 20_000), (3, 7, 4)]
    for base_lr in (1.0, 0.1):
        for w, s, d in configs:
            for eta_min in (0.0, base_lr / 10):
                for decay in ("linear", "cosine", "1-sqrt"):
                    e = w + s + d
                    steps = sorted({k for k in (0, 1, w - 1, w, w + 1, w + s - 1, w + s, w + s + 1, w + s + d // 2,
                                                e - 1, e, e + 1, 10 * LONG) if k >= 0})
                    for k in steps:
                        hint = _wsd_hint(k, w, s, d)
                        if eta_min > 0 and k >= w + s:
                            hint += " Here eta_min > 0: the decay ends at eta_min, not at 0."
                        cases.append(Case({"step": k, "base_lr": base_lr, "warmup_steps": w, "stable_steps": s,
                                           "decay_steps": d, "eta_min": eta_min, "decay": decay}, hint=hint))
    cases += [
        Case({"step": 95, "base_lr": 0.1, "warmup_steps": 10, "stable_steps": 80, "decay_steps": 10},
             hint="eta_min defaults to 0.0 and decay to 'linear'. " + WSD_SHAPES),
        Case({"step": np.int64(93), "base_lr": 0.1, "warmup_steps": np.int64(10), "stable_steps": np.int64(80),
              "decay_steps": np.int64(10), "eta_min": 0.001, "decay": "1-sqrt"}, hint=NUMPY + " " + WSD_SHAPES),
        Case({"step": np.int32(4), "base_lr": 0.1, "warmup_steps": 10, "stable_steps": 80, "decay_steps": 10},
             hint=NUMPY + " " + WSD_WARM),
    ]
    return cases


EXERCISES = [
    Exercise(
        name="linear_warmup_lr",
        visible=[
            Case({"step": 0, "base_lr": 0.1, "warmup_steps": 10}, 0.0,
                 "With start_factor = 0 the first step uses lr 0: step / warmup_steps, not (step + 1) / warmup_steps."),
            Case({"step": 5, "base_lr": 0.1, "warmup_steps": 10}, 0.05, "halfway through the warmup: 0.1 * 5 / 10."),
            Case({"step": 9, "base_lr": 0.1, "warmup_steps": 10}, 0.09, PEAK_AT_W),
            Case({"step": 10, "base_lr": 0.1, "warmup_steps": 10}, 0.1, PEAK_AT_W),
            Case({"step": 1000, "base_lr": 0.1, "warmup_steps": 10}, 0.1, CLAMP),
            Case({"step": 0, "base_lr": 0.1, "warmup_steps": 10, "start_factor": 0.5}, 0.05, START),
            Case({"step": 5, "base_lr": 0.1, "warmup_steps": 10, "start_factor": 0.5}, 0.075,
                 "0.1 * (0.5 + 0.5 * 5 / 10) = 0.075: interpolate from start_factor to 1, do not take a max. " + START),
            Case({"step": 3, "base_lr": 0.2, "warmup_steps": 0}, 0.2, NO_WARMUP),
        ],
        oracles=[
            Oracle({"base_lr": 0.1, "warmup_steps": 10, "start_factor": 0.1}, "LinearLR",
                   {"start_factor": 0.1, "end_factor": 1.0, "total_iters": 10}, 30, START),
            Oracle({"base_lr": 1.0, "warmup_steps": 5, "start_factor": 1 / 3}, "LinearLR",
                   {"start_factor": 1 / 3, "end_factor": 1.0, "total_iters": 5}, 20, START),
            Oracle({"base_lr": 0.05, "warmup_steps": 100, "start_factor": 0.01}, "LinearLR",
                   {"start_factor": 0.01, "end_factor": 1.0, "total_iters": 100}, 150, START),
        ],
        hidden=_linear_warmup_hidden(),
        peak=lambda a: a["base_lr"],
    ),
    Exercise(
        name="warmup_cosine_lr",
        visible=[
            Case({"step": 0, "base_lr": 0.1, "warmup_steps": 10, "total_steps": 110}, 0.0, RAMP),
            Case({"step": 5, "base_lr": 0.1, "warmup_steps": 10, "total_steps": 110}, 0.05,
                 "step < warmup_steps: the linear warmup 0.1 * 5 / 10."),
            Case({"step": 10, "base_lr": 0.1, "warmup_steps": 10, "total_steps": 110}, 0.1, COS_START),
            Case({"step": 60, "base_lr": 0.1, "warmup_steps": 10, "total_steps": 110}, 0.05,
                 "progress = (60 - 10) / (110 - 10) = 0.5 and cos(pi / 2) = 0. " + PROGRESS),
            Case({"step": 110, "base_lr": 0.1, "warmup_steps": 10, "total_steps": 110}, 0.0, COS_END),
            Case({"step": 500, "base_lr": 0.1, "warmup_steps": 10, "total_steps": 110}, 0.0, COS_CLAMP),
            Case({"step": 60, "base_lr": 0.1, "warmup_steps": 10, "total_steps": 110, "eta_min": 0.02}, 0.06,
                 "0.02 + (0.1 - 0.02) * 0.5 = 0.06. " + ETA_MIN),
            Case({"step": 500, "base_lr": 0.1, "warmup_steps": 10, "total_steps": 110, "eta_min": 0.02}, 0.02, COS_CLAMP),
            Case({"step": 0, "base_lr": 0.1, "warmup_steps": 10, "total_steps": 110, "start_factor": 0.5}, 0.05, START),
            Case({"step": 50, "base_lr": 0.1, "warmup_steps": 0, "total_steps": 100}, 0.05,
                 "warmup_steps == 0: no warmup, the cosine runs from step 0 (progress 50 / 100)."),
        ],
        oracles=[
            Oracle({"base_lr": 0.1, "warmup_steps": 10, "total_steps": 110, "start_factor": 0.1}, "LinearLR",
                   {"start_factor": 0.1, "end_factor": 1.0, "total_iters": 10}, 11,
                   "steps 0 .. warmup_steps are PyTorch's LinearLR. " + START),
            Oracle({"base_lr": 0.1, "warmup_steps": 0, "total_steps": 100, "eta_min": 0.001}, "CosineAnnealingLR",
                   {"T_max": 100, "eta_min": 0.001}, 101,
                   "with warmup_steps == 0 the schedule is PyTorch's CosineAnnealingLR(T_max=total_steps) up to total_steps. "
                   + ETA_MIN),
        ],
        hidden=_warmup_cosine_hidden(),
        peak=lambda a: max(a["base_lr"], a.get("eta_min", 0.0)),
    ),
    Exercise(
        name="inverse_sqrt_lr",
        visible=[
            Case({"step": 0, "d_model": 16, "warmup_steps": 4}, 0.03125,
                 "s = 1: 16 ** -0.5 * min(1, 1 * 4 ** -1.5) = 0.25 * 0.125. " + NOAM_S),
            Case({"step": 1, "d_model": 16, "warmup_steps": 4}, 0.0625, "s = 2: 0.25 * min(2 ** -0.5, 2 / 8) = 0.25 * 0.25. " + NOAM_UP),
            Case({"step": 3, "d_model": 16, "warmup_steps": 4}, 0.125, "s = 4 = warmup_steps: 0.25 * 0.5. " + NOAM_PEAK),
            Case({"step": 15, "d_model": 16, "warmup_steps": 4}, 0.0625, "s = 16: 0.25 * min(16 ** -0.5, 16 / 8) = 0.25 * 0.25. " + NOAM_DOWN),
            Case({"step": 63, "d_model": 16, "warmup_steps": 4}, 0.03125, "s = 64: 0.25 * 64 ** -0.5. " + NOAM_DOWN),
            Case({"step": 3, "d_model": 16, "warmup_steps": 4, "factor": 2.0}, 0.25, NOAM_SCALE),
            Case({"step": 3999, "d_model": 512, "warmup_steps": 4000}, 0.0006987712429686843,
                 "the original Transformer's peak: (512 * 4000) ** -0.5 at step 3999. " + NOAM_PEAK),
        ],
        hidden=_inverse_sqrt_hidden(),
        peak=lambda a: a.get("factor", 1.0) * float(a["d_model"]) ** -0.5 * max(1, int(a["warmup_steps"])) ** -0.5,
    ),
    Exercise(
        name="wsd_lr",
        visible=[
            Case({"step": 0, "base_lr": 0.1, "warmup_steps": 10, "stable_steps": 80, "decay_steps": 10}, 0.0, WSD_WARM),
            Case({"step": 5, "base_lr": 0.1, "warmup_steps": 10, "stable_steps": 80, "decay_steps": 10}, 0.05, WSD_WARM),
            Case({"step": 10, "base_lr": 0.1, "warmup_steps": 10, "stable_steps": 80, "decay_steps": 10}, 0.1, WSD_STABLE),
            Case({"step": 90, "base_lr": 0.1, "warmup_steps": 10, "stable_steps": 80, "decay_steps": 10}, 0.1, WSD_DECAY0),
            Case({"step": 95, "base_lr": 0.1, "warmup_steps": 10, "stable_steps": 80, "decay_steps": 10}, 0.05,
                 "p = (95 - 10 - 80) / 10 = 0.5, linear: 1 - p. " + WSD_DECAY0),
            Case({"step": 95, "base_lr": 0.1, "warmup_steps": 10, "stable_steps": 80, "decay_steps": 10,
                  "decay": "cosine"}, 0.05, "p = 0.5 and (1 + cos(pi / 2)) / 2 = 0.5. " + WSD_SHAPES),
            Case({"step": 91, "base_lr": 0.1, "warmup_steps": 10, "stable_steps": 80, "decay_steps": 4,
                  "decay": "1-sqrt"}, 0.05, "p = 1 / 4 and 1 - sqrt(1 / 4) = 0.5. " + WSD_SHAPES),
            Case({"step": 100, "base_lr": 0.1, "warmup_steps": 10, "stable_steps": 80, "decay_steps": 10}, 0.0, WSD_END),
            Case({"step": 150, "base_lr": 0.1, "warmup_steps": 10, "stable_steps": 80, "decay_steps": 10}, 0.0, WSD_AFTER),
            Case({"step": 95, "base_lr": 0.1, "warmup_steps": 10, "stable_steps": 80, "decay_steps": 10,
                  "eta_min": 0.01}, 0.055, "0.01 + (0.1 - 0.01) * (1 - 0.5) = 0.055. " + WSD_SHAPES),
            Case({"step": 150, "base_lr": 0.1, "warmup_steps": 10, "stable_steps": 80, "decay_steps": 10,
                  "eta_min": 0.01}, 0.01, WSD_AFTER),
            Case({"step": 0, "base_lr": 0.1, "warmup_steps": 0, "stable_steps": 5, "decay_steps": 10}, 0.1,
                 "warmup_steps == 0: no warmup, step 0 is already in the stable phase (never divide by zero)."),
        ],
        oracles=[
            Oracle({"base_lr": 0.1, "warmup_steps": 0, "stable_steps": 0, "decay_steps": 50}, "PolynomialLR",
                   {"total_iters": 50, "power": 1.0}, 60,
                   "with no warmup and no stable phase the linear decay is PyTorch's PolynomialLR(total_iters=decay_steps). "
                   + WSD_SHAPES),
            Oracle({"base_lr": 0.1, "warmup_steps": 0, "stable_steps": 0, "decay_steps": 40, "eta_min": 0.01,
                    "decay": "cosine"}, "CosineAnnealingLR", {"T_max": 40, "eta_min": 0.01}, 41,
                   "with no warmup and no stable phase the cosine decay is PyTorch's CosineAnnealingLR(T_max=decay_steps). "
                   + WSD_SHAPES),
        ],
        hidden=_wsd_hidden(),
        peak=lambda a: max(a["base_lr"], a.get("eta_min", 0.0)),
    ),
]
