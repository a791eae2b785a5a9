"""Cases for 07-schedules-in-pytorch: ``lr_trace``, ``lambda_scheduler``,
``warmup_cosine_scheduler``, ``plateau_lrs``.

The first three take a callable or an optimizer, which is not plain data. Their cases
describe the inputs as data, and an adapter (``Exercise.adapter``) builds the real objects,
calls the learner's function and returns the learning-rate trace it produced:

* ``lr_trace``: ``{"make_scheduler": "<expression in optimizer>", "num_steps": n, "base_lr": x}``;
  the expression is evaluated with the names of ``torch.optim.lr_scheduler`` and ``math``,
  e.g. ``"StepLR(optimizer, step_size=2, gamma=0.5)"``, and becomes
  ``make_scheduler = lambda optimizer: <expression>``.
* ``lambda_scheduler``: ``{"optimizer": {"lr": x[, "initial_lr": y]}, "lr_fn": "lambda k: ...",
  "num_steps": n}``: a one-parameter SGD with that ``lr`` (and, when given, a param group that
  already holds ``initial_lr``, as after an earlier scheduler); the trace of the returned
  ``LambdaLR`` over ``num_steps`` updates.
* ``warmup_cosine_scheduler``: ``{"optimizer": {"lr": x}, "warmup_steps": w, "total_steps": T[,
  "eta_min": e], "num_steps": n}``: the trace of the returned scheduler.

A trace is recorded the way a training loop uses the rates: record
``optimizer.param_groups[0]["lr"]``, ``optimizer.step()``, ``scheduler.step()``. The checker
turns warnings into errors, so a call that makes PyTorch warn fails its case. Expected values
are lists, compared item by item with the course tolerance. ``plateau_lrs`` takes plain data.
"""
import functools
import math
import warnings

import numpy as np

from ..checks import Case, Exercise

# --- building the inputs ------------------------------------------------------------------

def _namespace(optimizer=None):
    from torch.optim import lr_scheduler

    names = {n: getattr(lr_scheduler, n) for n in dir(lr_scheduler) if not n.startswith("_")}
    return {"math": math, "optimizer": optimizer, **names}


def _eval(expr, optimizer=None):
    return eval(expr, _namespace(optimizer))  # noqa: S307 (case data of this module, not input)


def _sgd(spec):
    """A one-parameter SGD optimizer from ``{"lr": x[, "initial_lr": y]}``."""
    import torch

    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=spec["lr"])
    if "initial_lr" in spec:
        optimizer.param_groups[0]["initial_lr"] = spec["initial_lr"]
    return optimizer


def _trace(optimizer, scheduler, num_steps):
    lrs = []
    for _ in range(int(num_steps)):
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return lrs


def _check_scheduler(name, optimizer, scheduler, cls):
    from torch.optim.lr_scheduler import ReduceLROnPlateau

    if not isinstance(scheduler, cls) or isinstance(scheduler, ReduceLROnPlateau):
        kind = type(scheduler).__module__ + "." + type(scheduler).__qualname__
        raise TypeError(f"{name} must return a torch.optim.lr_scheduler.{cls.__name__}, "
                        f"got {kind.removeprefix('builtins.')}")
    if scheduler.optimizer is not optimizer:
        raise ValueError(f"the scheduler returned by {name} does not drive the optimizer passed in")


def trace_lr_trace(fn, args):
    """Adapter of ``lr_trace``: ``fn(make_scheduler=..., num_steps=..[, base_lr=..])``."""
    calls = []

    def make_scheduler(optimizer):
        calls.append(optimizer)
        return _eval(args["make_scheduler"], optimizer)

    kwargs = {k: args[k] for k in ("num_steps", "base_lr") if k in args}
    lrs = fn(make_scheduler=make_scheduler, **kwargs)
    if len(calls) != 1:
        raise RuntimeError(f"lr_trace called make_scheduler {len(calls)} times; call it exactly once, "
                           "with the new optimizer")
    return lrs


def trace_lambda_scheduler(fn, args):
    """Adapter of ``lambda_scheduler``: the trace of the LambdaLR it returns."""
    from torch.optim.lr_scheduler import LambdaLR

    optimizer = _sgd(args["optimizer"])
    scheduler = fn(optimizer=optimizer, lr_fn=_eval(args["lr_fn"]))
    _check_scheduler("lambda_scheduler", optimizer, scheduler, LambdaLR)
    return _trace(optimizer, scheduler, args["num_steps"])


def trace_warmup_cosine(fn, args):
    """Adapter of ``warmup_cosine_scheduler``: the trace of the scheduler it returns."""
    from torch.optim.lr_scheduler import LRScheduler

    optimizer = _sgd(args["optimizer"])
    kwargs = {k: args[k] for k in ("warmup_steps", "total_steps", "eta_min") if k in args}
    scheduler = fn(optimizer=optimizer, **kwargs)
    _check_scheduler("warmup_cosine_scheduler", optimizer, scheduler, LRScheduler)
    return _trace(optimizer, scheduler, args["num_steps"])


@functools.lru_cache(maxsize=None)
def _torch_peak(expr, num_steps, base_lr):
    optimizer = _sgd({"lr": base_lr})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lrs = _trace(optimizer, _eval(expr, optimizer), num_steps)
    return max([abs(x) for x in lrs], default=base_lr)


def _lambda_peak(args):
    fn = _eval(args["lr_fn"])
    return max([abs(fn(k)) for k in range(int(args["num_steps"]))], default=1.0)


# --- lr_trace -----------------------------------------------------------------------------

BEFORE = ("record optimizer.param_groups[0]['lr'] BEFORE stepping: the loop body is record, "
          "optimizer.step(), scheduler.step(), so the first value is the lr of update 0.")
COUNT = "return exactly num_steps values, one per optimizer update."
BASE = "build the throwaway optimizer with lr=base_lr (SGD on one parameter), then call make_scheduler(optimizer)."
CONSTRUCT = ("a scheduler may change the lr when it is constructed (LinearLR, ConstantLR, OneCycleLR): "
             "record after make_scheduler(optimizer), not the base_lr you passed in.")
RECURSIVE = "a long run: keep stepping the same scheduler; do not rebuild it or recompute its values."


def _lr_trace_hidden():
    S = RECURSIVE
    configs = [
        ("StepLR(optimizer, step_size=3, gamma=0.5)", 12, 1.0, BEFORE),
        ("StepLR(optimizer, step_size=1, gamma=0.1)", 4, 0.1, BEFORE),
        ("MultiStepLR(optimizer, milestones=[0, 4, 4, 9], gamma=0.5)", 12, 0.3, "a milestone at 0 decays update 0 already: record after construction"),
        ("ExponentialLR(optimizer, gamma=0.99)", 300, 0.1, S),
        ("CosineAnnealingLR(optimizer, T_max=10, eta_min=0.001)", 35, 0.1, "the trace follows PyTorch even where it is periodic past T_max"),
        ("CosineAnnealingLR(optimizer, T_max=1)", 5, 1.0, "the trace follows PyTorch's scheduler, whatever it does"),
        ("LinearLR(optimizer, start_factor=0.01, total_iters=7)", 10, 3e-4, CONSTRUCT),
        ("ConstantLR(optimizer, factor=0.25, total_iters=3)", 6, 0.2, CONSTRUCT),
        ("PolynomialLR(optimizer, total_iters=6, power=2.0)", 9, 0.5, BEFORE),
        ("OneCycleLR(optimizer, max_lr=1.0, total_steps=20)", 20, 0.1, CONSTRUCT + " (OneCycleLR ignores base_lr)"),
        ("OneCycleLR(optimizer, max_lr=0.01, total_steps=50, three_phase=True, anneal_strategy='linear')", 50, 0.1, CONSTRUCT),
        ("CyclicLR(optimizer, base_lr=0.001, max_lr=0.006, step_size_up=4, mode='triangular2', cycle_momentum=False)", 30, 0.1, CONSTRUCT),
        ("CosineAnnealingWarmRestarts(optimizer, T_0=3, T_mult=2, eta_min=0.01)", 25, 0.1, BEFORE),
        ("LambdaLR(optimizer, lambda k: 1.0 / (1 + k))", 8, 0.1, BEFORE),
        ("LambdaLR(optimizer, lambda k: 0.0 if k < 2 else 1.0)", 5, 0.1, "the first updates may use lr 0: record them too"),
        ("MultiplicativeLR(optimizer, lambda k: 0.9)", 6, 1.0, BEFORE),
        ("SequentialLR(optimizer, [LinearLR(optimizer, start_factor=0.1, total_iters=4), "
         "ExponentialLR(optimizer, gamma=0.8)], milestones=[4])", 10, 0.1, "a composed scheduler: step it once per update, like any other"),
        ("ChainedScheduler([ConstantLR(optimizer, factor=0.5, total_iters=2), ExponentialLR(optimizer, gamma=0.9)])", 6, 1.0,
         "a chained scheduler: step it once per update, like any other"),
        ("StepLR(optimizer, step_size=5, gamma=0.5)", 1, 0.7, "num_steps=1: just the lr of update 0"),
        ("StepLR(optimizer, step_size=5, gamma=0.5)", 0, 0.7, "num_steps=0: an empty list"),
    ]
    cases = [Case({"make_scheduler": expr, "num_steps": n, "base_lr": lr}, hint=h) for expr, n, lr, h in configs]
    cases += [
        Case({"make_scheduler": "StepLR(optimizer, step_size=2, gamma=0.5)", "num_steps": 5},
             hint="base_lr defaults to 0.1"),
        Case({"make_scheduler": "ExponentialLR(optimizer, gamma=0.5)", "num_steps": np.int64(6), "base_lr": 2.0},
             hint="num_steps may be a NumPy integer"),
        Case({"make_scheduler": "MultiStepLR(optimizer, milestones=[2], gamma=0.1)", "num_steps": np.int32(4), "base_lr": 1e-3},
             hint="num_steps may be a NumPy integer"),
    ]
    return cases


# --- lambda_scheduler ---------------------------------------------------------------------

DIVIDE = ("LambdaLR sets lr = base_lr * lr_lambda(k): to make update k use lr_fn(k), the lambda must "
          "return lr_fn(k) / base_lr.")
INITIAL = ("this optimizer was used by a scheduler before: its param group already holds initial_lr, "
           "and LambdaLR scales THAT (group.setdefault('initial_lr', group['lr'])), not group['lr'].")
FROZEN = ("read the base lr once, when the scheduler is built: inside the lambda, group['lr'] is the "
          "lr the scheduler itself wrote at the previous step.")
INDEX = "LambdaLR calls the lambda with k = 0 for update 0: pass k through unchanged."


def _lambda_hidden():
    fns = [
        ("lambda k: 0.01 * 0.5 ** (k // 3)", DIVIDE),
        ("lambda k: 0.05 / (1.0 + 0.1 * k)", DIVIDE),
        ("lambda k: 0.0 if k == 0 else 0.1 / k", "lr_fn(0) may be 0; later values are not"),
        ("lambda k: [0.3, 0.1, 0.2][k % 3]", "lr_fn may go up and down"),
        ("lambda k: 1e-4 * (k + 1)", INDEX),
        ("lambda k: 5.0 * 0.9 ** k", "lr_fn may exceed the optimizer's lr"),
        ("lambda k: 0.02 if k < 10 else 0.002", INDEX),
    ]
    cases = []
    for expr, hint in fns:
        for spec in ({"lr": 0.1}, {"lr": 1.0}, {"lr": 3e-4}):
            cases.append(Case({"optimizer": dict(spec), "lr_fn": expr, "num_steps": 25}, hint=hint))
        cases.append(Case({"optimizer": {"lr": 0.01, "initial_lr": 0.2}, "lr_fn": expr, "num_steps": 25}, hint=INITIAL))
    cases += [
        Case({"optimizer": {"lr": 0.1}, "lr_fn": "lambda k: 0.1 * 0.99 ** k", "num_steps": 500}, hint=FROZEN),
        Case({"optimizer": {"lr": 0.7}, "lr_fn": "lambda k: 0.01 * math.cos(k / 50) ** 2", "num_steps": 300}, hint=FROZEN),
        Case({"optimizer": {"lr": 0.1}, "lr_fn": "lambda k: 0.05", "num_steps": 1}, hint="the very first update uses lr_fn(0)"),
        Case({"optimizer": {"lr": 0.1}, "lr_fn": "lambda k: 0.05", "num_steps": 0}, hint="building the scheduler must not fail"),
        Case({"optimizer": {"lr": 2.0, "initial_lr": 2.0}, "lr_fn": "lambda k: 0.5 ** k", "num_steps": 10},
             hint="initial_lr may already equal lr"),
        Case({"optimizer": {"lr": 0.1}, "lr_fn": "lambda k: 0.3 / (1 + k)", "num_steps": np.int64(12)},
             hint=DIVIDE),
    ]
    return cases


# --- warmup_cosine_scheduler ----------------------------------------------------------------

WARM = "warmup from 0: update k < warmup_steps uses base_lr * k / warmup_steps (update 0 uses lr 0)."
COS = ("after warmup, cosine from base_lr to eta_min over total_steps - warmup_steps updates: "
       "progress = (k - warmup_steps) / (total_steps - warmup_steps).")
CLAMP = ("after total_steps the lr stays at eta_min: CosineAnnealingLR would climb back up "
         "(it is periodic), so the cosine part cannot be a plain CosineAnnealingLR.")
ETA = "eta_min is a learning rate, not a factor: the cosine ends at eta_min, whatever the base lr."


def _warmup_cosine_hidden():
    cases = []
    for lr in (1.0, 0.1, 3e-4):
        for warmup, total in ((0, 10), (1, 10), (5, 20), (10, 11), (3, 4), (100, 1000), (25, 60)):
            for eta_min in (0.0, 0.1 * lr):
                n = total + 15
                hint = WARM if warmup else "warmup_steps=0: no warmup, the cosine starts at update 0"
                cases.append(Case({"optimizer": {"lr": lr}, "warmup_steps": warmup, "total_steps": total,
                                   "eta_min": eta_min, "num_steps": n}, hint=hint + " " + COS + " " + CLAMP))
    cases += [
        Case({"optimizer": {"lr": 0.1}, "warmup_steps": 5, "total_steps": 20, "num_steps": 30},
             hint="eta_min defaults to 0.0. " + CLAMP),
        Case({"optimizer": {"lr": 0.5}, "warmup_steps": np.int64(4), "total_steps": np.int64(12), "eta_min": 0.05,
              "num_steps": 20}, hint="warmup_steps and total_steps may be NumPy integers. " + ETA),
        Case({"optimizer": {"lr": 0.1}, "warmup_steps": 2, "total_steps": 300, "eta_min": 1e-5, "num_steps": 2000},
             hint="a long horizon past total_steps: the lr stays at eta_min. " + CLAMP),
    ]
    return cases


# --- plateau_lrs --------------------------------------------------------------------------

PATIENCE = ("the lr drops on the call where the count of non-improving calls EXCEEDS patience "
            "(num_bad_epochs > patience), i.e. after patience + 1 of them.")
RESET = "after a reduction the bad-call count restarts from 0 (and cooldown starts)."
REL = ("rel mode, min: a metric is an improvement only if metric < best * (1 - threshold) "
       "(max: metric > best * (1 + threshold)), exactly PyTorch's formula.")
NEG = ("negative metrics in rel mode: best * (1 - threshold) is LARGER than a negative best, so PyTorch "
       "counts an equal or slightly worse value as an improvement. Mirror its formula; do not 'fix' it with abs(best).")
ABS = "abs mode: improvement means metric < best - threshold (min) or metric > best + threshold (max)."
COOL = ("cooldown: for the `cooldown` calls after a reduction, bad calls are not counted "
        "(num_bad_epochs is reset to 0 on each of them); the counter goes down on every call.")
MINLR = "the new lr is max(lr * factor, min_lr)."
EPS = "a reduction is applied only if old_lr - new_lr > eps; otherwise the lr stays."
FIRST = "best starts at +inf (mode min) or -inf (mode max): the first metric is always an improvement."


def _noisy(seed, n, kind):
    rng = np.random.RandomState(seed)
    k = np.arange(n)
    if kind == "loss":
        values = 1.0 / (1.0 + 0.05 * k) + 0.02 * rng.randn(n)
    elif kind == "acc":
        values = 0.9 - 0.5 * np.exp(-k / 20) + 0.01 * rng.randn(n)
    elif kind == "neg_loss":  # e.g. a negative ELBO that improves, then creeps up slowly
        values = -2.0 - 1.0 * (1 - np.exp(-k / 15)) + 0.0001 * np.maximum(0, k - 40)
    elif kind == "loglik":  # a log-likelihood (mode max), negative, plateauing
        values = -3.0 + 1.0 * (1 - np.exp(-k / 10)) + 0.00005 * rng.randn(n)
    else:  # "cross": crosses zero
        values = 0.5 - 0.02 * k + 0.01 * rng.randn(n)
    return [float(v) for v in values]


def _plateau_hidden():
    cases = []
    settings = [
        ({}, PATIENCE),
        ({"patience": 0}, PATIENCE),
        ({"patience": 3, "factor": 0.5}, PATIENCE + " " + RESET),
        ({"patience": 2, "cooldown": 3, "factor": 0.5}, COOL),
        ({"patience": 1, "threshold": 0.01}, REL),
        ({"patience": 2, "threshold": 0.0}, "threshold=0: any strict improvement counts"),
        ({"patience": 2, "threshold": 0.005, "threshold_mode": "abs"}, ABS),
        ({"patience": 1, "factor": 0.5, "min_lr": 0.02}, MINLR),
        ({"patience": 0, "factor": 0.1, "eps": 1e-4}, EPS),
    ]
    for seed, (kind, mode) in enumerate((("loss", "min"), ("acc", "max"), ("neg_loss", "min"),
                                         ("loglik", "max"), ("cross", "min"))):
        metrics = _noisy(seed, 120, kind)
        for kwargs, hint in settings:
            extra = (" " + NEG) if kind in ("neg_loss", "loglik", "cross") else ""
            cases.append(Case({"metrics": list(metrics), "base_lr": 0.1, "mode": mode, **kwargs}, hint=hint + extra))
    flat_neg = [-2.0] * 15
    cases += [
        Case({"metrics": [], "base_lr": 0.1}, hint="no metrics: an empty list"),
        Case({"metrics": [1.0], "base_lr": 0.1, "patience": 0}, hint=FIRST),
        Case({"metrics": [5, 5, 5, 5, 5, 5], "base_lr": 1.0, "patience": 1, "factor": 0.5},
             hint="metrics may be ints. " + PATIENCE),
        Case({"metrics": [np.float64(0.5), np.float32(0.5), np.int64(1), 0.25], "base_lr": 0.1, "patience": 0},
             hint="metrics may be NumPy scalars: convert with float(). " + PATIENCE),
        Case({"metrics": flat_neg, "base_lr": 0.1, "patience": 2}, hint=NEG),
        Case({"metrics": flat_neg, "base_lr": 0.1, "patience": 2, "mode": "max"}, hint=NEG),
        Case({"metrics": flat_neg, "base_lr": 0.1, "patience": 2, "threshold_mode": "abs"}, hint=ABS),
        Case({"metrics": [2.0] * 15, "base_lr": 0.1, "patience": 2, "mode": "max"}, hint=REL),
        Case({"metrics": [0.0] * 6, "base_lr": 0.1, "patience": 1}, hint="best = 0: the rel threshold vanishes; 0 < 0 is False"),
        Case({"metrics": [1.0, float("inf"), float("nan"), 0.5, float("nan"), float("nan")], "base_lr": 0.1, "patience": 1},
             hint="inf and nan are never improvements in min mode (every comparison with nan is False)"),
        Case({"metrics": [1.0] * 60, "base_lr": 1e-3, "patience": 0}, hint=EPS + " With the default eps=1e-8 the lr stops near 1e-8."),
        Case({"metrics": [1.0] * 12, "base_lr": 0.1, "patience": 0, "factor": 0.0}, hint=MINLR + " factor 0 drops to min_lr at once."),
        Case({"metrics": [1.0] * 12, "base_lr": 0.1, "patience": 0, "factor": 0.0, "min_lr": 0.01}, hint=MINLR),
        Case({"metrics": [3.0, 2.0, 2.5, 2.5, 1.0, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5], "base_lr": 0.1,
              "patience": np.int64(2), "cooldown": np.int32(1), "factor": 0.5}, hint="patience and cooldown may be NumPy integers. " + COOL),
        Case({"metrics": [1.0] * 30, "base_lr": 0.1, "patience": 1, "cooldown": 5, "factor": 0.5}, hint=COOL),
        Case({"metrics": [float(m) for m in 0.5 + 0.5 * np.cos(np.arange(400) / 7.0)], "base_lr": 0.1, "patience": 4,
              "cooldown": 2, "factor": 0.7, "min_lr": 1e-3}, hint="a long oscillating metric. " + COOL + " " + MINLR),
        Case({"metrics": (0.9, 0.8, 0.85, 0.86, 0.87), "base_lr": 0.1, "patience": 1},
             hint="metrics may be a tuple. " + PATIENCE),
    ]
    return cases


EXERCISES = [
    Exercise(
        name="lr_trace",
        visible=[
            Case({"make_scheduler": "StepLR(optimizer, step_size=2, gamma=0.5)", "num_steps": 5, "base_lr": 1.0},
                 [1.0, 1.0, 0.5, 0.5, 0.25], BEFORE + " Updates 0 and 1 use 1.0; the decay happens AT update 2."),
            Case({"make_scheduler": "MultiStepLR(optimizer, milestones=[1, 3], gamma=0.1)", "num_steps": 4, "base_lr": 1.0},
                 [1.0, 0.1, 0.1, 0.01], BEFORE + " " + COUNT),
            Case({"make_scheduler": "ExponentialLR(optimizer, gamma=0.5)", "num_steps": 3},
                 [0.1, 0.05, 0.025], "base_lr defaults to 0.1."),
            Case({"make_scheduler": "LinearLR(optimizer, start_factor=0.5, total_iters=2)", "num_steps": 4, "base_lr": 0.2},
                 [0.1, 0.15, 0.2, 0.2], BASE + " " + CONSTRUCT),
            Case({"make_scheduler": "ConstantLR(optimizer, factor=0.5, total_iters=2)", "num_steps": 4, "base_lr": 1.0},
                 [0.5, 0.5, 1.0, 1.0], CONSTRUCT),
            Case({"make_scheduler": "StepLR(optimizer, step_size=1, gamma=0.5)", "num_steps": 0, "base_lr": 1.0},
                 [], "num_steps=0: an empty list."),
        ],
        hidden=_lr_trace_hidden(),
        peak=lambda a: _torch_peak(a["make_scheduler"], a["num_steps"], a.get("base_lr", 0.1)),
        adapter=trace_lr_trace,
    ),
    Exercise(
        name="lambda_scheduler",
        visible=[
            Case({"optimizer": {"lr": 0.1}, "lr_fn": "lambda k: 0.01 * 0.5 ** k", "num_steps": 4},
                 [0.01, 0.005, 0.0025, 0.00125], DIVIDE),
            Case({"optimizer": {"lr": 1.0}, "lr_fn": "lambda k: 0.0 if k == 0 else 1.0 / k", "num_steps": 4},
                 [0.0, 1.0, 0.5, 0.3333333333333333], INDEX + " lr_fn(0) = 0 is allowed."),
            Case({"optimizer": {"lr": 0.5}, "lr_fn": "lambda k: 0.2 / (1 + k)", "num_steps": 5},
                 [0.2, 0.1, 0.06666666666666667, 0.05, 0.04], FROZEN),
            Case({"optimizer": {"lr": 0.01, "initial_lr": 0.05}, "lr_fn": "lambda k: 0.1 / (1 + k)", "num_steps": 3},
                 [0.1, 0.05, 0.03333333333333333], INITIAL),
        ],
        hidden=_lambda_hidden(),
        peak=_lambda_peak,
        adapter=trace_lambda_scheduler,
    ),
    Exercise(
        name="warmup_cosine_scheduler",
        visible=[
            Case({"optimizer": {"lr": 1.0}, "warmup_steps": 2, "total_steps": 4, "num_steps": 6},
                 [0.0, 0.5, 1.0, 0.5, 0.0, 0.0],
                 "update 0 uses 0, update 1 uses 1/2 (warmup), update 2 uses base_lr, the cosine reaches 0 "
                 "at update 4 = total_steps and stays there. " + CLAMP),
            Case({"optimizer": {"lr": 0.5}, "warmup_steps": 2, "total_steps": 4, "eta_min": 0.1, "num_steps": 6},
                 [0.0, 0.25, 0.5, 0.3, 0.1, 0.1], ETA + " Update 3: 0.1 + (0.5 - 0.1) * (1 + cos(pi/2)) / 2 = 0.3."
                 " The warmup starts at 0, not at eta_min."),
            Case({"optimizer": {"lr": 0.1}, "warmup_steps": 4, "total_steps": 8, "num_steps": 10},
                 [0.0, 0.025, 0.05, 0.075, 0.1, 0.08535533905932738, 0.05, 0.014644660940672627, 0.0, 0.0],
                 WARM + " " + COS + " (e.g. update 5: 0.1 * (1 + cos(pi/4)) / 2)"),
            Case({"optimizer": {"lr": 1.0}, "warmup_steps": 0, "total_steps": 2, "num_steps": 3},
                 [1.0, 0.5, 0.0], "warmup_steps=0 means no warmup: update 0 uses base_lr."),
        ],
        hidden=_warmup_cosine_hidden(),
        peak=lambda a: a["optimizer"]["lr"],
        adapter=trace_warmup_cosine,
    ),
    Exercise(
        name="plateau_lrs",
        visible=[
            Case({"metrics": [1.0, 0.9, 0.9, 0.9, 0.9, 0.9], "base_lr": 0.1, "patience": 2, "factor": 0.5},
                 [0.1, 0.1, 0.1, 0.1, 0.05, 0.05], PATIENCE + " Here: 3 non-improving calls > patience 2, at the 5th "
                 "call. " + RESET),
            Case({"metrics": [1.0, 2.0, 3.0], "base_lr": 0.1, "patience": 0},
                 [0.1, 0.010000000000000002, 0.0010000000000000002], FIRST + " " + RESET),
            Case({"metrics": [0.5, 0.6, 0.6, 0.6], "base_lr": 0.1, "mode": "max", "patience": 1, "factor": 0.5},
                 [0.1, 0.1, 0.1, 0.05], "mode='max': higher is better. " + PATIENCE),
            Case({"metrics": [1.0, 0.99999, 0.99998], "base_lr": 0.1, "patience": 0},
                 [0.1, 0.010000000000000002, 0.0010000000000000002], REL),
            Case({"metrics": [1.0, 0.96, 0.9], "base_lr": 0.1, "patience": 0, "threshold": 0.05, "threshold_mode": "abs"},
                 [0.1, 0.010000000000000002, 0.010000000000000002], ABS),
            Case({"metrics": [-2.0, -2.0, -2.0, -2.0, -2.0], "base_lr": 0.1, "patience": 1},
                 [0.1, 0.1, 0.1, 0.1, 0.1], NEG),
            Case({"metrics": [1.0] * 8, "base_lr": 0.1, "patience": 1, "cooldown": 2, "factor": 0.5},
                 [0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025], COOL),
            Case({"metrics": [1.0] * 5, "base_lr": 0.1, "patience": 0, "min_lr": 0.005},
                 [0.1, 0.010000000000000002, 0.005, 0.005, 0.005], MINLR),
            Case({"metrics": [1.0, 1.0, 1.0], "base_lr": 1e-7, "patience": 0},
                 [1e-7, 1e-8, 1e-8], EPS + " (1e-8 - 1e-9 = 9e-9 is not > eps = 1e-8)"),
        ],
        hidden=_plateau_hidden(),
        peak=lambda a: a["base_lr"],
    ),
]
