"""Numeric templates: each draws fresh numbers from a seeded ``random.Random`` and asks for one number.

``solve(p, R)`` computes the answer with the course's exact references ``R`` (``R.step_lr``, ...): no
answer is written here. ``why(p, answer)`` explains it; ``traps`` are the classic wrong answers,
named so that a learner who gives one is told which slip it was. Numbers are drawn from short lists
of values seen in real recipes, so every question can be done on paper.
"""
from __future__ import annotations

import math

from ..items import Trap, fmt, numeric, sig4

N01, N02, N03, N04 = "01-step-decay", "02-cosine-annealing", "03-warmup", "04-adam-warmup-rationale"
N05, N06, N07, N10 = "05-sgdr", "06-cyclical-and-one-cycle", "07-schedules-in-pytorch", "10-lr-range-test-mnist"


def first(predicate, limit: int = 10**7) -> int:
    """The first integer k >= 0 with ``predicate(k)`` (answers found by asking the references)."""
    return next(k for k in range(limit) if predicate(k))


# --- 01 · step decay -------------------------------------------------------------------------------

def _nth_decay(r):
    p = dict(lr=r.choice([0.1, 0.05, 1.0, 0.4]), s=r.choice([10, 20, 30, 50, 100]), g=r.choice([0.1, 0.5, 0.2]),
             n=r.choice([1, 2, 3]))
    p["target"] = p["lr"] * p["g"] ** p["n"]
    return p


NTH_DECAY = numeric(
    "decay.nth-decay", integer=True, topic="decay", notebook=N01, section="2 · Step decay",
    prompt=("`StepLR(optimizer, step_size={s}, gamma={g})` drives `SGD(lr={lr})` and is stepped once after every "
            "update. Updates are counted from k = 0. Which update k is the first to use the rate {target} "
            "({lr} × {g}^{n})?"),
    draw=_nth_decay,
    solve=lambda p, R: first(lambda k: R.step_lr(k, p["lr"], p["s"], p["g"]) <= p["target"] * (1 + 1e-9)),
    why=lambda p, a: (f"Update k uses {fmt(p['lr'])} × {fmt(p['g'])}^⌊k/{p['s']}⌋. The exponent first reaches "
                      f"{p['n']} at k = {p['n']} × {p['s']} = {a}: the decay happens AT the boundary, so updates "
                      f"0 … {a - 1} use fewer decays and update {a} (number {a + 1} when counted from 1) is the first "
                      f"at {fmt(p['target'])}."),
    traps=(Trap("placing the decay after the boundary update", lambda p, R: p["n"] * p["s"] + 1),
           Trap("counting the last update of the previous block", lambda p, R: p["n"] * p["s"] - 1)),
)


def _multistep(r):
    m1, m2 = r.choice([(30, 80), (60, 120), (100, 150), (150, 225), (30, 60)])
    return dict(lr=r.choice([0.1, 0.4, 1.0]), m1=m1, m2=m2, g=r.choice([0.1, 0.2, 0.5]), k=r.choice([m1, m2]))


MULTISTEP = numeric(
    "decay.multistep-rate", topic="decay", notebook=N01, section="3 · Multi-step decay",
    prompt=("`MultiStepLR(optimizer, milestones=[{m1}, {m2}], gamma={g})` on `SGD(lr={lr})`, stepped once after every "
            "update. What rate does update k = {k} use (k counted from 0)?"),
    draw=_multistep,
    solve=lambda p, R: R.multistep_lr(p["k"], p["lr"], [p["m1"], p["m2"]], p["g"]),
    why=lambda p, a: (f"The exponent counts the milestones m <= k, and a milestone counts from the update equal "
                      f"to it: at k = {p['k']}, {1 if p['k'] == p['m1'] else 2} milestone(s) have been reached, so "
                      f"the rate is {fmt(p['lr'])} × {fmt(p['g'])}^{1 if p['k'] == p['m1'] else 2} = {sig4(a)}."),
    traps=(Trap("counting a milestone only after it (m < k)",
                lambda p, R: R.multistep_lr(p["k"] - 1, p["lr"], [p["m1"], p["m2"]], p["g"])),),
)

EXP_PER_BATCH = numeric(
    "decay.exponential-per-batch", topic="decay", notebook=N01, section="4 · Exponential decay",
    prompt=("`ExponentialLR(optimizer, gamma={g})` comes from a recipe that steps it once per epoch, but your loop "
            "calls `scheduler.step()` after every batch. An epoch has {b} batches. What fraction of the base "
            "learning rate does the first update of the second epoch (update k = {b}) use?"),
    draw=lambda r: dict(g=r.choice([0.95, 0.98, 0.99, 0.9]), b=r.choice([50, 100, 200, 390])),
    solve=lambda p, R: R.exponential_lr(p["b"], 1.0, p["g"]),
    why=lambda p, a: (f"Every call of scheduler.step() multiplies the rate by gamma, whatever the loop means by it: "
                      f"{p['b']} calls leave {fmt(p['g'])}^{p['b']} = {sig4(a)} of it, where the recipe meant "
                      f"{fmt(p['g'])} after one epoch. State gamma per step() call, and plot the schedule first."),
    traps=(Trap("reading gamma as the decay per epoch", lambda p, R: p["g"]),),
)


# --- 02 · cosine and polynomial ------------------------------------------------------------------------

def _cosine(r):
    T = r.choice([100, 200, 1000, 400])
    lr = r.choice([0.1, 0.05, 1.0])
    return dict(T=T, k=int(T * r.choice([0.25, 0.5, 0.75, 0.9, 0.1])), lr=lr, emin=lr * r.choice([0.01, 0.1]))


COSINE = numeric(
    "cosine.rate-at", topic="cosine", notebook=N02, section="1 · Cosine annealing: half a period of a cosine",
    prompt=("`CosineAnnealingLR(optimizer, T_max={T}, eta_min={emin})` on `SGD(lr={lr})`, stepped once after every "
            "update. What rate does update k = {k} use?"),
    draw=_cosine,
    solve=lambda p, R: R.cosine_annealing_lr(p["k"], p["lr"], p["T"], p["emin"]),
    why=lambda p, a: (f"eta_min + (base_lr − eta_min)(1 + cos(π k / T_max)) / 2 with k / T_max = {p['k']}/{p['T']}: "
                      f"the factor is {sig4((1 + math.cos(math.pi * p['k'] / p['T'])) / 2)}, so "
                      f"{fmt(p['emin'])} + {sig4(p['lr'] - p['emin'])} × that = {sig4(a)}. eta_min is an offset: the "
                      "cosine spans base_lr − eta_min."),
    traps=(Trap("ignoring eta_min", lambda p, R: R.cosine_annealing_lr(p["k"], p["lr"], p["T"], 0.0)),
           Trap("adding eta_min to base_lr's cosine",
                lambda p, R: p["emin"] + R.cosine_annealing_lr(p["k"], p["lr"], p["T"], 0.0))),
)


def _past(r):
    T = r.choice([100, 50, 200])
    return dict(T=T, k=T + int(T * r.choice([0.25, 0.5, 0.75])), lr=r.choice([0.1, 1.0, 0.05]), emin=0.0)


COSINE_PAST = numeric(
    "cosine.past-t-max", topic="cosine", notebook=N02,
    section="2 · PyTorch's `CosineAnnealingLR`: recursive, and periodic after `T_max`",
    prompt=("A run was extended: PyTorch's `CosineAnnealingLR(optimizer, T_max={T})` on `SGD(lr={lr})` keeps being "
            "stepped after every update past `T_max`. What rate does update k = {k} use?"),
    draw=_past,
    solve=lambda p, R: R.cosine_annealing_lr(2 * p["T"] - p["k"], p["lr"], p["T"], p["emin"]),
    why=lambda p, a: (f"PyTorch's cosine has no clamp: past T_max the angle π k / T_max keeps growing and the rate "
                      f"climbs back along the same curve, a wave of period 2 T_max. cos(π·{p['k']}/{p['T']}) = "
                      f"cos(π·{2 * p['T'] - p['k']}/{p['T']}), so update {p['k']} uses the rate of update "
                      f"{2 * p['T'] - p['k']}: {sig4(a)}. The course's cosine_annealing_lr (and Keras) stay at eta_min."),
    traps=(Trap("assuming it stays at eta_min", lambda p, R: p["emin"]),),
)

def _last(r):
    T = r.choice([100, 50, 20, 1000])
    return dict(T=T, last=T - 1, lr=r.choice([0.1, 1.0, 3e-4]), emin=r.choice([0.0, 1e-5]))


COSINE_LAST = numeric(
    "cosine.last-update", topic="cosine", notebook=N02, section="In practice: cosine annealing",
    prompt=("A run has exactly {T} updates (k = 0 … {last}) under `CosineAnnealingLR(optimizer, T_max={T}, "
            "eta_min={emin})` on `SGD(lr={lr})`. What rate does the last update use?"),
    draw=_last,
    solve=lambda p, R: R.cosine_annealing_lr(p["T"] - 1, p["lr"], p["T"], p["emin"]),
    why=lambda p, a: (f"The last update of a run of {p['T']} updates is k = {p['T'] - 1}, one short of T_max: "
                      f"eta_min + (base_lr − eta_min) sin²(π / (2 T_max)) = {sig4(a)}. eta_min itself is used only "
                      "from update T_max on."),
    traps=(Trap("taking the last update to be k = T_max", lambda p, R: p["emin"]),),
)


def _poly(r):
    T = r.choice([100, 1000, 400])
    return dict(T=T, k=int(T * r.choice([0.25, 0.5, 0.75])), lr=r.choice([0.1, 1.0, 0.01]), power=r.choice([0.5, 2.0, 3.0]))


POLYNOMIAL = numeric(
    "cosine.polynomial-rate", topic="cosine", notebook=N02, section="3 · Polynomial decay",
    prompt=("`PolynomialLR(optimizer, total_iters={T}, power={power})` on `SGD(lr={lr})`, stepped once after every "
            "update. What rate does update k = {k} use?"),
    draw=_poly,
    solve=lambda p, R: R.polynomial_lr(p["k"], p["lr"], p["T"], p["power"]),
    why=lambda p, a: (f"The power acts on the fraction of the horizon still ahead: (1 − {p['k']}/{p['T']})^{fmt(p['power'])}"
                      f" = {sig4(a / p['lr'])}, times base_lr = {sig4(a)}. power > 1 decays fast early, < 1 holds the "
                      "rate longer and then drops."),
    traps=(Trap("raising the elapsed fraction to the power, 1 − (k/T)^p",
                lambda p, R: p["lr"] * (1 - (p["k"] / p["T"]) ** p["power"])),),
)


# --- 03 · warmup -------------------------------------------------------------------------------------

def _linear(r):
    W = r.choice([10, 100, 500, 40])
    return dict(W=W, k=r.choice([0, W // 2, W - 1]), lr=r.choice([0.1, 1e-3, 3e-4]), f=r.choice([0.1, 0.01, 0.25]))


LINEAR_WARMUP = numeric(
    "warmup.linear-rate", topic="warmup", notebook=N03, section="2 · Linear warmup",
    prompt=("`LinearLR(optimizer, start_factor={f}, end_factor=1.0, total_iters={W})` on an optimizer with "
            "`lr={lr}`, stepped once after every update. What rate does update k = {k} use?"),
    draw=_linear,
    solve=lambda p, R: R.linear_warmup_lr(p["k"], p["lr"], p["W"], p["f"]),
    why=lambda p, a: (f"base_lr (start_factor + (1 − start_factor) k / W) = {fmt(p['lr'])} × ({fmt(p['f'])} + "
                      f"{fmt(1 - p['f'])} × {p['k']}/{p['W']}) = {sig4(a)}: update 0 uses start_factor × base_lr and "
                      f"update {p['W']} is the first at base_lr (the step / W convention of PyTorch and Hugging Face)."),
    traps=(Trap("the (k + 1) / W convention", lambda p, R: R.linear_warmup_lr(p["k"] + 1, p["lr"], p["W"], p["f"])),),
)


def _warmup_cosine(r):
    W, D = r.choice([100, 500, 2000]), r.choice([900, 4500, 18000])
    return dict(W=W, T=W + D, k=W + int(D * r.choice([0.25, 0.5, 0.75])), lr=r.choice([3e-4, 1e-3, 5e-5, 6e-4]))


WARMUP_COSINE = numeric(
    "warmup.warmup-cosine-rate", topic="warmup", notebook=N03, section="3 · Warmup + cosine: the transformer default",
    prompt=("Hugging Face's `get_cosine_schedule_with_warmup(optimizer, num_warmup_steps={W}, "
            "num_training_steps={T})` on `AdamW(lr={lr})`. What rate does update k = {k} use?"),
    draw=_warmup_cosine,
    solve=lambda p, R: R.warmup_cosine_lr(p["k"], p["lr"], p["W"], p["T"]),
    why=lambda p, a: (f"After the warmup the cosine runs over T − W = {p['T'] - p['W']} updates: progress = "
                      f"({p['k']} − {p['W']}) / {p['T'] - p['W']} = {sig4((p['k'] - p['W']) / (p['T'] - p['W']))}, and "
                      f"base_lr (1 + cos(π progress)) / 2 = {sig4(a)}."),
    traps=(Trap("a progress of k / T that ignores the warmup",
                lambda p, R: R.cosine_annealing_lr(p["k"], p["lr"], p["T"])),),
)

NOAM_PEAK = numeric(
    "warmup.noam-peak", topic="warmup", notebook=N03,
    section="4 · The inverse-square-root (\"Noam\") schedule of the original Transformer",
    prompt=("The Transformer's schedule: lr = factor · d_model^−0.5 · min(s^−0.5, s · warmup^−1.5) with s = k + 1. "
            "For factor = {f}, d_model = {d} and warmup = {W}, what is the largest rate it ever uses?"),
    draw=lambda r: dict(f=r.choice([1.0, 2.0, 0.5]), d=r.choice([256, 512, 768, 1024]), W=r.choice([4000, 8000, 2000])),
    solve=lambda p, R: R.inverse_sqrt_lr(p["W"] - 1, p["d"], p["W"], p["f"]),
    why=lambda p, a: (f"The rising branch s · W^−1.5 meets the falling one s^−0.5 at s = W (update {p['W'] - 1}); the "
                      f"peak is factor · (d_model · W)^−0.5 = {fmt(p['f'])} / sqrt({p['d']} × {p['W']}) = {sig4(a)}. "
                      "A longer warmup means a lower peak."),
    traps=(Trap("taking max(...) instead of min(...)", lambda p, R: p["f"] * p["d"] ** -0.5),),
)


def _wsd(r):
    W, S, D = r.choice([100, 1000]), r.choice([8000, 20000]), r.choice([1000, 2000])
    return dict(W=W, S=S, D=D, k=W + S + int(D * r.choice([0.25, 0.5, 0.75])), lr=r.choice([1e-3, 3e-4, 2e-3]),
                shape=r.choice(["1-sqrt", "cosine", "linear"]))


def _wsd_p(p):
    return (p["k"] - p["W"] - p["S"]) / p["D"]


WSD = numeric(
    "warmup.wsd-rate", topic="warmup", notebook=N03, section="5 · Warmup–stable–decay (WSD)",
    prompt=("A warmup–stable–decay schedule with peak {lr}: linear warmup from 0 over the first {W} updates, the peak "
            "for the next {S}, then a \"{shape}\" decay to 0 over {D} updates. What rate does update k = {k} use?"),
    draw=_wsd,
    solve=lambda p, R: R.wsd_lr(p["k"], p["lr"], p["W"], p["S"], p["D"], 0.0, p["shape"]),
    why=lambda p, a: (f"The decay's clock starts at update W + S = {p['W'] + p['S']}: p = ({p['k']} − {p['W'] + p['S']}) / "
                      f"{p['D']} = {fmt(_wsd_p(p))}, and the {p['shape']} shape ("
                      + {"1-sqrt": "1 − √p", "cosine": "(1 + cos πp)/2", "linear": "1 − p"}[p["shape"]]
                      + f") gives {sig4(a / p['lr'])} of the peak: {sig4(a)}."),
    traps=(Trap("leaving the warmup out of p", lambda p, R: R.wsd_lr(p["k"] + p["W"], p["lr"], p["W"], p["S"], p["D"], 0.0,
                                                                       p["shape"])),
           Trap("√(1 − p) for the 1-sqrt shape",
                lambda p, R: p["lr"] * math.sqrt(1 - _wsd_p(p)) if p["shape"] == "1-sqrt" else float("nan"))),
)


# --- 04 · Adam ---------------------------------------------------------------------------------------

ADAM_FIRST = numeric(
    "adam.first-update", topic="adam", notebook=N04, section="2 · Adam's moment estimates and their bias correction",
    prompt=("Adam with β1 = {b1}, β2 = {b2} and ε = 0, but **without** bias correction, starts from m = v = 0 and sees "
            "a gradient g ≠ 0 at its first step. Its update is lr · m₁ / √v₁. How large is |m₁ / √v₁|, in units of lr?"),
    draw=lambda r: dict(zip(("b1", "b2"), r.choice([(0.9, 0.999), (0.9, 0.98), (0.8, 0.999), (0.95, 0.999),
                                                    (0.9, 0.95), (0.8, 0.98)]))),
    solve=lambda p, R: R.bias_correction(1, p["b1"]) / math.sqrt(R.bias_correction(1, p["b2"])),
    why=lambda p, a: (f"m₁ = (1 − β1) g = {fmt(1 - p['b1'])} g and v₁ = (1 − β2) g² = {fmt(1 - p['b2'])} g², so "
                      f"m₁/√v₁ = {fmt(1 - p['b1'])} / √{fmt(1 - p['b2'])} = {sig4(a)} for any g. Dividing m by 1 − β1^t and "
                      "v by 1 − β2^t makes the first step exactly lr · sign(g)."),
    traps=(Trap("the bias-corrected first step", lambda p, R: 1.0),),
)


def _rho(t, b2):
    return 2 / (1 - b2) - 1 - 2 * t * b2 ** t / (1 - b2 ** t)


def _rho_draw(r):
    return dict(t=r.choice([2, 3, 5, 10, 100]), b2=r.choice([0.999, 0.99, 0.98, 0.9]))


RADAM_RHO = numeric(
    "adam.radam-rho", topic="adam", notebook=N04, section="4 · RAdam's $\\rho_t$: how many samples is $\\hat v_t$ worth?",
    prompt=("RAdam's length of the approximated simple moving average is ρ_t = ρ∞ − 2 t β2^t / (1 − β2^t). "
            "What is ρ_t for t = {t} and β2 = {b2}?"),
    draw=_rho_draw,
    solve=lambda p, R: R.radam_rho(p["t"], p["b2"]),
    why=lambda p, a: (f"ρ∞ = 2/(1 − β2) − 1 = {sig4(2 / (1 - p['b2']) - 1)} (the −1 makes ρ₁ = 1), and ρ_{p['t']} = "
                      f"{sig4(a)}. Early on ρ_t ≈ t: the EMA of squared gradients is worth about t samples."),
    traps=(Trap("ρ∞ = 2/(1 − β2) without the − 1", lambda p, R: R.radam_rho(p["t"], p["b2"]) + 1),),
)

RADAM_FIRST = numeric(
    "adam.first-adaptive-step", integer=True, topic="adam", notebook=N04, section="5 · The rectifier $r_t$",
    prompt=("RAdam takes its first rectified adaptive step at the first t (counted from 1) with ρ_t > {th} "
            "(the threshold of {who}). For β2 = {b2}, which t is that?"),
    draw=lambda r: dict(**r.choice([dict(th=4, who="the paper"), dict(th=5, who="PyTorch's torch.optim.RAdam")]),
                        b2=r.choice([0.999, 0.99, 0.9, 0.8, 0.75])),
    solve=lambda p, R: first(lambda t: t >= 1 and R.radam_rho(t, p["b2"]) > p["th"]),
    why=lambda p, a: (f"ρ_t is a little below t at first: ρ_{a - 1} = {sig4(_rho(a - 1, p['b2']))} does not pass "
                      f"{p['th']}, ρ_{a} = {sig4(_rho(a, p['b2']))} does. Until then RAdam drops the adaptive term "
                      "(PyTorch takes a momentum-SGD step)."),
    traps=(Trap("the other library's threshold",
                lambda p, R: first(lambda t: t >= 1 and R.radam_rho(t, p["b2"]) > 9 - p["th"])),),
)

UNTUNED_LENGTH = numeric(
    "adam.untuned-length", integer=True, topic="adam", notebook=N04, section="6 · Untuned warmup: $2/(1-\\beta_2)$ updates",
    prompt=("Ma & Yarats' untuned linear warmup multiplies Adam's rate at update `step` (from 0) by "
            "min(1, step · (1 − β2) / 2). For β2 = {b2}, at which step does the multiplier first reach 1?"),
    draw=lambda r: dict(b2=r.choice([0.999, 0.998, 0.995, 0.99, 0.98, 0.95])),
    solve=lambda p, R: first(lambda s: R.untuned_linear_warmup(s, p["b2"]) >= 1.0),
    why=lambda p, a: (f"step (1 − β2)/2 = 1 at step = 2/(1 − β2) = {a}: twice the time constant 1/(1 − β2) of Adam's "
                      "second-moment average. A linear ramp over L updates costs L/2 updates of learning rate, as "
                      "much as the exponential warmup with that time constant."),
    traps=(Trap("the time constant 1/(1 − β2)", lambda p, R: round(1 / (1 - p["b2"]))),),
)


def _expo(r):
    b2 = r.choice([0.999, 0.99, 0.98])
    return dict(b2=b2, step=int(round(r.choice([0.25, 0.5, 1.0, 1.5, 3.0]) / (1 - b2))))


UNTUNED_EXP = numeric(
    "adam.exponential-warmup", topic="adam", notebook=N04, section="6 · Untuned warmup: $2/(1-\\beta_2)$ updates",
    prompt=("The untuned exponential warmup multiplies Adam's rate by 1 − exp(−(1 − β2) · step). For β2 = {b2}, "
            "what is the multiplier at step {step}?"),
    draw=_expo,
    solve=lambda p, R: R.untuned_exponential_warmup(p["step"], p["b2"]),
    why=lambda p, a: (f"(1 − β2) · step = {fmt((1 - p['b2']) * p['step'])}, and 1 − e^−that = {sig4(a)}. Its time "
                      "constant is 1/(1 − β2); to first order it equals 1 − β2^step, the weight Adam's v has collected "
                      "from real gradients."),
    traps=(Trap("the linear warmup min(1, step (1 − β2)/2)", lambda p, R: R.untuned_linear_warmup(p["step"], p["b2"])),),
)


# --- 05, 06 · restarts and cycles ---------------------------------------------------------------------

def _sgdr(r):
    T0, m = r.choice([5, 10, 20]), r.choice([2, 3])
    return dict(T0=T0, m=m, k=r.randrange(T0 * (1 + m) + 1, T0 * (1 + m + m * m)), lr=r.choice([0.1, 0.05, 1.0]))


SGDR_RATE = numeric(
    "restarts.sgdr-rate", topic="restarts", notebook=N05, section="3 · Derivation: where is update $k$?",
    prompt=("`CosineAnnealingWarmRestarts(optimizer, T_0={T0}, T_mult={m}, eta_min=0)` on `SGD(lr={lr})`, stepped "
            "once after every update. What rate does update k = {k} use?"),
    draw=_sgdr,
    solve=lambda p, R: R.sgdr_lr(p["k"], p["lr"], p["T0"], p["m"]),
    why=lambda p, a: (lambda i, tc, ti: f"Cycles last {p['T0']}, {p['T0'] * p['m']}, {p['T0'] * p['m'] ** 2}, … updates "
                      f"and start at 0, {p['T0']}, {p['T0'] * (1 + p['m'])}, …: update {p['k']} is T_cur = {tc} updates "
                      f"into cycle {i} (T_i = {ti}), so the rate is {fmt(p['lr'])} (1 + cos(π {tc}/{ti})) / 2 = {sig4(a)}.")(
        *_cycle(p["k"], p["T0"], p["m"])),
    traps=(Trap("restarting every T_0 updates (ignoring T_mult)", lambda p, R: R.sgdr_lr(p["k"], p["lr"], p["T0"], 1)),),
)


def _cycle(k, T0, m):
    i, start, length = 0, 0, T0
    while k >= start + length:
        start, length, i = start + length, length * m, i + 1
    return i, k - start, length


RESTART_AT = numeric(
    "restarts.restart-update", integer=True, topic="restarts", notebook=N05, section="2 · The formula",
    prompt=("SGDR with T_0 = {T0} and T_mult = {m}: cycles are numbered from 0, and cycle i lasts T_0 · T_mult^i "
            "updates. At which update k (counted from 0) does cycle {n} begin?"),
    draw=lambda r: dict(T0=r.choice([10, 5, 20, 50]), m=r.choice([2, 3]), n=r.choice([2, 3, 4])),
    solve=lambda p, R: first(lambda k: R.sgdr_cycle(k, p["T0"], p["m"])[0] == p["n"]),
    why=lambda p, a: (f"The restarts come after the cycles before it: T_0 (1 + m + … + m^{p['n'] - 1}) = "
                      f"T_0 (m^{p['n']} − 1)/(m − 1) = {a}. Count it in integers; the floating-point logarithm "
                      "misplaces some restarts."),
    traps=(Trap("T_0 · m^n, the length of that cycle", lambda p, R: p["T0"] * p["m"] ** p["n"]),),
)


def _cyclic(r):
    u = r.choice([1000, 2000, 500])
    base = r.choice([1e-3, 1e-4])
    c = r.choice([1, 2])
    return dict(u=u, base=base, top=base * r.choice([6, 10]), k=2 * u * c + int(u * r.choice([0.25, 0.5, 1.5])),
                mode=r.choice(["triangular", "triangular2"]))


CYCLIC = numeric(
    "cyclical.cyclic-rate", topic="cyclical", notebook=N06, section="1 · Cyclical learning rates",
    prompt=("`CyclicLR(optimizer, base_lr={base}, max_lr={top}, step_size_up={u}, mode=\"{mode}\", "
            "cycle_momentum=False)`, stepped once after every update. What rate does update k = {k} use?"),
    draw=_cyclic,
    solve=lambda p, R: R.cyclic_lr(p["k"], p["base"], p["top"], p["u"], None, p["mode"]),
    why=lambda p, a: (lambda c, pos: f"A cycle lasts 2 × {p['u']} = {2 * p['u']} updates, so k = {p['k']} is {pos} updates "
                      f"into cycle {c + 1} (counted from 1), "
                      + (f"{pos / p['u']:.2f} of the way up" if pos <= p["u"] else f"{(pos - p['u']) / p['u']:.2f} of the way down")
                      + (f"; triangular2 halves the amplitude after each completed cycle (× 1/2^{c})" if p["mode"] == "triangular2" else "")
                      + f": {sig4(a)}.")(*divmod(p["k"], 2 * p["u"])),
    traps=(Trap("not halving the amplitude (triangular)",
                lambda p, R: R.cyclic_lr(p["k"], p["base"], p["top"], p["u"], None, "triangular")
                if p["mode"] == "triangular2" else float("nan")),
           Trap("taking step_size_up for the whole cycle",
                lambda p, R: R.cyclic_lr(p["k"], p["base"], p["top"], p["u"] // 2, None, p["mode"]))),
)


def _one_cycle_final(r):
    return dict(top=r.choice([0.1, 0.01, 3e-3, 1.0]), T=r.choice([1000, 5000, 390]), d=r.choice([25.0, 10.0]),
                f=r.choice([1e4, 1e3, 100.0]))


ONE_CYCLE_FINAL = numeric(
    "cyclical.one-cycle-final", topic="cyclical", notebook=N06, section="2 · The one-cycle policy",
    prompt=("`OneCycleLR(optimizer, max_lr={top}, total_steps={T}, div_factor={d}, final_div_factor={f})`. What rate "
            "does the last update, k = {T} − 1, use?"),
    draw=_one_cycle_final,
    solve=lambda p, R: R.one_cycle_lr(p["T"] - 1, p["T"], p["top"], div_factor=p["d"], final_div_factor=p["f"]),
    why=lambda p, a: (f"The cycle starts at initial_lr = max_lr / div_factor = {sig4(p['top'] / p['d'])} and ends at "
                      f"initial_lr / final_div_factor = {sig4(a)}: final_div_factor divides the initial rate, not "
                      "max_lr (fastai's div_final divides max_lr)."),
    traps=(Trap("final_div_factor dividing max_lr", lambda p, R: p["top"] / p["f"]),),
)


def _one_cycle_rate(r):
    T, pct = r.choice([100, 1000, 200]), r.choice([0.3, 0.25])
    e1 = pct * T - 1
    k = r.choice([int(e1 / 2), int(e1 + (T - 1 - e1) / 2), int(e1 + (T - 1 - e1) / 4)])
    return dict(T=T, pct=pct, k=k, top=r.choice([0.1, 1.0, 0.01]))


ONE_CYCLE_RATE = numeric(
    "cyclical.one-cycle-rate", topic="cyclical", notebook=N06, section="2 · The one-cycle policy",
    prompt=("`OneCycleLR(optimizer, max_lr={top}, total_steps={T}, pct_start={pct}, anneal_strategy=\"linear\")`, "
            "every other argument at its default (div_factor=25, final_div_factor=1e4). What rate does update "
            "k = {k} use?"),
    draw=_one_cycle_rate,
    solve=lambda p, R: R.one_cycle_lr(p["k"], p["T"], p["top"], p["pct"], "linear"),
    why=lambda p, a: (lambda e1: f"The peak is at the float step pct_start · total_steps − 1 = {fmt(e1)}, the end at "
                      f"{p['T'] - 1}. Update {p['k']} is "
                      + (f"in the rise, pct = {p['k']}/{fmt(e1)}" if p["k"] <= e1 else
                         f"in the fall, pct = ({p['k']} − {fmt(e1)})/({p['T'] - 1} − {fmt(e1)})")
                      + f", and the linear interpolation between the corners ({sig4(p['top'] / 25)}, {fmt(p['top'])}, "
                      f"{sig4(p['top'] / 25e4)}) gives {sig4(a)}.")(p["pct"] * p["T"] - 1),
    traps=(Trap("a peak at pct_start · total_steps (without the − 1)",
                lambda p, R: R.one_cycle_lr(p["k"], p["T"], p["top"], (p["pct"] * p["T"] + 1) / p["T"], "linear")),),
)


# --- 07 · PyTorch mechanics -----------------------------------------------------------------------------

def _plateau(r):
    patience = r.choice([1, 2, 3])
    flat = r.choice([2 * patience + 3, 3 * patience + 4, patience + 2])
    start = r.choice([[1.0, 0.8], [2.3, 1.9, 1.6], [0.9]])
    return dict(metrics=[*start, *[start[-1]] * flat], patience=patience, factor=r.choice([0.5, 0.1, 0.2]),
                lr=r.choice([0.1, 1e-3]))


PLATEAU = numeric(
    "pytorch.plateau-after", topic="pytorch", notebook=N07, section="4 · `ReduceLROnPlateau` as a state machine",
    prompt=("`ReduceLROnPlateau(optimizer, mode=\"min\", factor={factor}, patience={patience})`, every other "
            "argument at its default, on `SGD(lr={lr})`. After each epoch you call `scheduler.step(val_loss)` with "
            "these validation losses, in order: {metrics}. What learning rate is in force after the last call?"),
    draw=_plateau,
    solve=lambda p, R: R.plateau_lrs(p["metrics"], p["lr"], factor=p["factor"], patience=p["patience"])[-1],
    why=lambda p, a: (f"A repeated value is not an improvement (it is not below best × (1 − 1e-4)); the rate is cut "
                      f"when the count of bad calls EXCEEDS patience = {p['patience']}, i.e. after {p['patience'] + 1} "
                      f"of them, and the count then restarts. {len(p['metrics']) - 1 - p['metrics'].index(p['metrics'][-1])} "
                      f"repeats of the last value give {round(math.log(a / p['lr'], p['factor']))} cut(s): {sig4(a)}."),
    traps=(Trap("cutting when the count reaches patience",
                lambda p, R: R.plateau_lrs(p["metrics"], p["lr"], factor=p["factor"], patience=p["patience"] - 1)[-1]),),
)


# --- 10 · the range test ----------------------------------------------------------------------------------

def _sweep(r):
    N = r.choice([100, 200, 50])
    return dict(start=r.choice([1e-7, 1e-6, 1e-5]), end=r.choice([10.0, 1.0]), N=N,
                i=r.choice([N // 2, N // 4, N - 10]))


SWEEP = numeric(
    "range-test.sweep-rate", topic="range-test", notebook=N10, section="2 · The exponential sweep",
    prompt=("An LR range test sweeps exponentially over num_iter = {N} iterations i = 0 … {N} − 1: iteration 0 uses "
            "{start}, iteration {N} − 1 uses {end}, and every iteration multiplies the rate by the same factor. "
            "What rate does iteration i = {i} use?"),
    draw=_sweep,
    solve=lambda p, R: R.exp_lr_at(p["i"], p["start"], p["end"], p["N"]),
    why=lambda p, a: (f"{p['N']} points have {p['N'] - 1} gaps: the factor is (end/start)^(1/{p['N'] - 1}) = "
                      f"{sig4((p['end'] / p['start']) ** (1 / (p['N'] - 1)))}, so lr_i = start · (end/start)^(i/"
                      f"{p['N'] - 1}) = {sig4(a)}."),
    traps=(Trap("an exponent i/N instead of i/(N − 1)",
                lambda p, R: p["start"] * (p["end"] / p["start"]) ** (p["i"] / p["N"])),),
)


def _smooth(r):
    return dict(losses=r.choice([[2.3, 2.1, 1.9], [1.0, 0.6, 0.7], [4.0, 2.0, 1.0], [0.9, 1.2, 0.5]]),
                f=r.choice([0.05, 0.1, 0.5]))


def _smooth_from_zero(p):
    s = 0.0
    for loss in p["losses"]:
        s = p["f"] * loss + (1 - p["f"]) * s
    return s


SMOOTH = numeric(
    "range-test.smoothed", topic="range-test", notebook=N10, section="3 · Smoothing the loss",
    prompt=("A range test smooths its losses like torch-lr-finder: s₀ = l₀, then s_i = f · l_i + (1 − f) · s_(i−1), "
            "with f = smooth_f = {f}. The first three losses are {losses}. What is s₂?"),
    draw=_smooth,
    solve=lambda p, R: R.smooth_losses(p["losses"], p["f"])[-1],
    why=lambda p, a: (f"s₀ = {fmt(p['losses'][0])}, s₁ = {sig4(p['f'] * p['losses'][1] + (1 - p['f']) * p['losses'][0])}, "
                      f"s₂ = {sig4(a)}. The average starts at the first loss; a loss a iterations old weighs "
                      "f (1 − f)^a, so a small f lags by about (1 − f)/f iterations."),
    traps=(Trap("starting the average at 0 (as Adam does, without its correction)", lambda p, R: _smooth_from_zero(p)),),
)

ITEMS = (NTH_DECAY, MULTISTEP, EXP_PER_BATCH, COSINE, COSINE_PAST, COSINE_LAST, POLYNOMIAL, LINEAR_WARMUP,
         WARMUP_COSINE, NOAM_PEAK, WSD, ADAM_FIRST, RADAM_RHO, RADAM_FIRST, UNTUNED_LENGTH, UNTUNED_EXP, SGDR_RATE,
         RESTART_AT, CYCLIC, ONE_CYCLE_FINAL, ONE_CYCLE_RATE, PLATEAU, SWEEP, SMOOTH)
