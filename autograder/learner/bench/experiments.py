"""Every experiment the notebooks show, as data plus a short function that runs it.

An experiment has a name, the notebook that shows it, a title, its ``settings`` (everything
that determines its numbers: task, budget, optimizer, schedules as PyTorch scheduler specs,
evaluation points) and a runner ``fn(settings, seeds, device, first) -> {"runs": ..., "extra": ...}``.
``run_experiment`` runs one and returns the results file's content; ``python -m
autograder.learner.bench run`` runs them all and writes ``results/<name>.json``.

Schedules are given as PyTorch schedulers by name (``["CosineAnnealingLR", {"T_max": 1000}]``),
read off with ``torch_lrs``, so that nothing here is the answer to an exercise.
"""
from __future__ import annotations

import datetime
import time
from typing import Callable, NamedTuple

from .results import code_hash, environment
from .tasks import make_task
from .train import rounded, run, schedule_trace, summarize


class Experiment(NamedTuple):
    name: str
    notebook: str
    title: str
    settings: dict
    runner: Callable
    seeds: int = 5       # seeds when none are asked for


EXPERIMENTS: dict[str, Experiment] = {}


def experiment(name: str, notebook: str, title: str, seeds: int = 5, **settings):
    """Register the decorated runner as experiment ``name``."""
    def register(fn):
        EXPERIMENTS[name] = Experiment(name, notebook, title, settings, fn, seeds)
        return fn
    return register


def run_experiment(name: str, seeds=None, device: str = "cpu", first: int | None = None) -> dict:
    """Run experiment ``name`` (``seeds``: a number or a list; default its own number) and
    return what its results file holds. ``first`` trains only the first updates of every run
    (a prefix of the same runs: for quick reproduction checks)."""
    exp = EXPERIMENTS[name]
    seeds = exp.seeds if seeds is None else seeds
    seeds = list(range(seeds)) if isinstance(seeds, int) else list(seeds)
    started = time.perf_counter()
    cpu = time.process_time()
    out = exp.runner(exp.settings, seeds, str(device), first)
    return {"name": name, "notebook": exp.notebook, "title": exp.title, "settings": exp.settings, "seeds": seeds,
            "hash": code_hash(exp), "environment": environment(device),
            "seconds": round(time.perf_counter() - started, 1), "cpu_seconds": round(time.process_time() - cpu, 1),
            "created": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "extra": out.get("extra", {}), "runs": out["runs"]}


def _task(settings, device):
    spec = dict(settings["task"])
    return make_task(spec.pop("name"), device=device, **spec)


def compare_schedules(settings: dict, seeds: list, device: str, first=None) -> dict:
    """The common experiment: every schedule of ``settings["schedules"]`` on one task, with
    one budget and optimizer, on the same seeds."""
    task, budget = _task(settings, device), settings["budget"]
    runs = {}
    for spec in settings["schedules"]:
        lrs, momenta = schedule_trace(spec, budget)
        result = run(lrs.__getitem__, task, budget, seeds, optimizer=spec.get("optimizer", settings["optimizer"]),
                     momentum_fn=momenta.__getitem__ if momenta else None, eval_every=settings["eval_every"],
                     first=first, **settings.get("optimizer_kwargs", {}))
        runs[spec["label"]] = summarize(result, settings.get("window", 10))
    return {"runs": runs}


# --- helpers to write schedules as data -----------------------------------------------------

def constant(label, lr):
    return {"label": label, "lr": lr}


def torch_schedule(label, lr, name, **kwargs):
    return {"label": label, "lr": lr, "scheduler": [name, kwargs]}


def warmup_then(label, lr, warmup, then: list, start_factor=1e-3):
    """Linear warm-up from ``start_factor * lr`` over ``warmup`` updates, then the scheduler
    ``then`` (PyTorch's SequentialLR of LinearLR and it)."""
    if warmup == 0:
        return {"label": label, "lr": lr, "scheduler": then}
    return {"label": label, "lr": lr, "scheduler": ["SequentialLR", {
        "schedulers": [["LinearLR", {"start_factor": start_factor, "total_iters": warmup}], then],
        "milestones": [warmup]}]}


SHARED = (_task, compare_schedules)   # code every runner uses: part of every results file's hash

MNIST_MLP = {"name": "mnist", "hidden": [100], "batch_size": 32}
TRANSFORMER = {"name": "transformer", "kind": "sort", "layers": 2}
QUADRATIC = {"name": "quadratic", "dim": 100, "condition": 1000.0, "noise": 0.01}


# --- 01 · step decay ------------------------------------------------------------------------------

@experiment("mnist-step-decay", "01-step-decay", "Step decay against constant rates: MLP on MNIST, SGD with momentum",
            task=MNIST_MLP, budget=1200, optimizer="momentum", eval_every=50, window=10, schedules=[
                constant("constant 0.04", 0.04),
                constant("constant 0.004", 0.004),
                torch_schedule("0.04, x0.1 at 600 and 900", 0.04, "MultiStepLR", milestones=[600, 900], gamma=0.1),
            ])
def mnist_step_decay(settings, seeds, device, first=None):
    """Two constant rates and a step decay from the larger to the smaller one."""
    return compare_schedules(settings, seeds, device, first)


@experiment("quadratic-noise-floor", "01-step-decay",
            "The noise floor of a constant rate, and a step decay, on the noisy quadratic",
            task=QUADRATIC, budget=1000, optimizer="sgd", eval_every=10, window=10, schedules=[
                constant("constant 1.0", 1.0),
                constant("constant 0.1", 0.1),
                torch_schedule("1.0, x0.1 at 500", 1.0, "MultiStepLR", milestones=[500], gamma=0.1),
            ], floors=[2.0 ** -k for k in range(0, 11)])
def quadratic_noise_floor(settings, seeds, device, first=None):
    """Sampled runs (the exact loss at every 10th update) and, for each schedule, the exact
    expected loss of every update; the floor of a constant rate against the rate."""
    out = compare_schedules(settings, seeds, device, first)
    task, budget = _task(settings, device), settings["budget"]
    expected = {}
    for spec in settings["schedules"]:
        lrs, _ = schedule_trace(spec, budget)
        expected[spec["label"]] = rounded(task.expected_loss(lrs[:first]))
    floors = {"lr": settings["floors"], "floor": rounded([task.floor(lr) for lr in settings["floors"]])}
    out["extra"] = {"expected_loss": expected, "floors": floors}
    return out


# --- 02 · the shape of the decay --------------------------------------------------------------

def _shapes(budget, lr):
    return [
        constant("constant", lr),
        torch_schedule("step (x0.1 at 50 % and 75 %)", lr, "MultiStepLR", milestones=[budget // 2, 3 * budget // 4],
                       gamma=0.1),
        torch_schedule("cosine", lr, "CosineAnnealingLR", T_max=budget),
        torch_schedule("linear", lr, "PolynomialLR", total_iters=budget, power=1.0),
        torch_schedule("polynomial, power 2", lr, "PolynomialLR", total_iters=budget, power=2.0),
    ]


@experiment("quadratic-optimal", "02-cosine-annealing",
            "The best schedule for the noisy quadratic, computed, against the usual shapes",
            task=QUADRATIC, budget=1000, optimizer="sgd", eval_every=10, window=10,
            peaks=[round(1.9 * 2.0 ** (-k / 4), 6) for k in range(0, 29)], iterations=500)
def quadratic_optimal(settings, seeds, device, first=None):
    """Each shape at the peak (from ``peaks``) that minimises its exact expected final loss;
    the optimal schedule, found by minimising the exact expected final loss over all
    ``budget`` rates (Adam, from the best cosine, each rate kept below the stability limit
    2 / h_max by a sigmoid); sampled runs of each."""
    import torch

    task, budget = _task(settings, device), settings["budget"]
    best = {}
    for shape in _shapes(budget, 1.0):   # every shape is proportional to its peak
        unit = torch.tensor(schedule_trace(shape, budget)[0], dtype=torch.float64)
        finals = [task.expected_final_loss(peak * unit).item() for peak in settings["peaks"]]
        k = min(range(len(finals)), key=finals.__getitem__)
        best[shape["label"]] = dict(shape, lr=settings["peaks"][k])

    start, _ = schedule_trace(best["cosine"], budget)
    ceiling = 1.99 / float(task.curvatures().max())     # above 2 / h_max the stiffest direction diverges
    theta = torch.logit(torch.tensor(start, dtype=torch.float64) / ceiling).requires_grad_()
    opt = torch.optim.Adam([theta], lr=0.05)
    for _ in range(settings["iterations"]):
        loss = task.expected_final_loss(ceiling * torch.sigmoid(theta))
        opt.zero_grad()
        loss.backward()
        opt.step()
    optimal = (ceiling * torch.sigmoid(theta.detach())).tolist()

    specs = list(best.values())
    out = compare_schedules(dict(settings, schedules=specs), seeds, device, first)
    traces = {spec["label"]: schedule_trace(spec, budget)[0] for spec in specs}
    traces["optimal"] = optimal
    result = run(optimal.__getitem__, task, budget, seeds, optimizer="sgd", eval_every=settings["eval_every"],
                 first=first)
    out["runs"]["optimal"] = summarize(result, settings["window"])
    out["extra"] = {"peak": {label: spec["lr"] for label, spec in best.items()},
                    "expected_loss": {label: rounded(task.expected_loss(lrs[:first])) for label, lrs in traces.items()}}
    return out


@experiment("mnist-decay-shapes", "02-cosine-annealing",
            "Constant, step, cosine, linear and polynomial decay at the same budget and peak: MLP on MNIST",
            task=MNIST_MLP, budget=1000, optimizer="momentum", eval_every=50, window=10,
            schedules=_shapes(1000, 0.04))
def mnist_decay_shapes(settings, seeds, device, first=None):
    """Five shapes of decay from the same peak, over the same 1000 updates."""
    return compare_schedules(settings, seeds, device, first)


# --- 03, 04 · warm-up, on a tiny Post-LN transformer with Adam -----------------------------------

def _warmup_cosine(label, lr, warmup, budget):
    return warmup_then(label, lr, warmup, ["CosineAnnealingLR", {"T_max": budget - warmup}])


@experiment("transformer-warmup", "03-warmup",
            "Warm-up length before a cosine decay: tiny Post-LN transformer, Adam at peak 0.05",
            task=TRANSFORMER, budget=300, optimizer="adam", eval_every=25, window=5,
            schedules=[_warmup_cosine(f"warm-up {w}", 0.05, w, 300) for w in (0, 5, 15, 30, 60, 120)])
def transformer_warmup(settings, seeds, device, first=None):
    """The same peak and decay; only the length of the linear warm-up changes."""
    return compare_schedules(settings, seeds, device, first)


def _wsd(label, lr, warmup, budget, cooldown):
    stable = budget - warmup - cooldown
    return {"label": label, "lr": lr, "scheduler": ["SequentialLR", {"schedulers": [
        ["LinearLR", {"start_factor": 1e-3, "total_iters": warmup}],
        ["ConstantLR", {"factor": 1.0, "total_iters": 0}],
        ["LinearLR", {"start_factor": 1.0, "end_factor": 0.0, "total_iters": cooldown}]],
        "milestones": [warmup, warmup + stable]}]}


@experiment("transformer-wsd", "03-warmup",
            "WSD against cosine at three budgets: tiny Post-LN transformer, Adam",
            task=TRANSFORMER, budget=600, optimizer="adam", eval_every=25, window=5, budgets=[150, 300, 600],
            peak=0.01, warmup=30, cooldown=0.2)
def transformer_wsd(settings, seeds, device, first=None):
    """For each budget, warm-up + cosine (a run of its own per budget) and WSD (warm-up, a
    constant rate, a linear cool-down over the last 20 %). The WSD runs share their first
    updates: a WSD run for a longer budget is the shorter one's stable phase continued."""
    runs = {}
    for budget in settings["budgets"]:
        cooldown = round(settings["cooldown"] * budget)
        specs = [_warmup_cosine(f"cosine, {budget} updates", settings["peak"], settings["warmup"], budget),
                 _wsd(f"WSD, {budget} updates", settings["peak"], settings["warmup"], budget, cooldown)]
        part = dict(settings, budget=budget, schedules=specs)
        runs.update(compare_schedules(part, seeds, device, first)["runs"])
    return {"runs": runs}


@experiment("transformer-adam-radam", "04-adam-warmup-rationale",
            "Adam with and without warm-up, and RAdam without: tiny Post-LN transformer, cosine decay",
            task=TRANSFORMER, budget=300, optimizer="adam", eval_every=25, window=5, schedules=[
                dict(_warmup_cosine("Adam, no warm-up, peak 0.05", 0.05, 0, 300), optimizer="adam"),
                dict(_warmup_cosine("Adam, warm-up 60, peak 0.05", 0.05, 60, 300), optimizer="adam"),
                dict(_warmup_cosine("RAdam, no warm-up, peak 0.05", 0.05, 0, 300), optimizer="radam"),
                dict(_warmup_cosine("Adam, no warm-up, peak 0.01", 0.01, 0, 300), optimizer="adam"),
            ])
def transformer_adam_radam(settings, seeds, device, first=None):
    """The same cosine decay; warm-up, the optimizer or a lower peak changes."""
    return compare_schedules(settings, seeds, device, first)


# --- 05 · SGDR ------------------------------------------------------------------------------------

@experiment("mnist-sgdr", "05-sgdr", "SGDR against one cosine, and snapshot ensembles: MLP on MNIST",
            task=MNIST_MLP, budget=1200, optimizer="momentum", eval_every=50, window=10, restarts=[300, 600, 900, 1200],
            schedules=[
                torch_schedule("SGDR, T_0 = 300", 0.04, "CosineAnnealingWarmRestarts", T_0=300),
                torch_schedule("cosine, T_max = 1200", 0.04, "CosineAnnealingLR", T_max=1200),
            ])
def mnist_sgdr(settings, seeds, device, first=None):
    """Both schedules save the test-set predictions at the ends of SGDR's cycles; ``extra``
    holds, per schedule and seed, the accuracy of the ensemble of the last m snapshots
    (m = 1: the model itself)."""
    import torch

    task, budget = _task(settings, device), settings["budget"]
    snaps = [s for s in settings["restarts"] if first is None or s <= first]
    runs, ensembles = {}, {}
    labels = task.test_labels()
    for spec in settings["schedules"]:
        lrs, _ = schedule_trace(spec, budget)
        result = run(lrs.__getitem__, task, budget, seeds, optimizer=settings["optimizer"],
                     eval_every=settings["eval_every"], first=first, snapshots=snaps)
        ensembles[spec["label"]] = [
            [rounded((torch.stack([r["snapshots"][s] for s in snaps[-m:]]).mean(0).argmax(1) == labels)
                     .float().mean().item()) for m in range(1, len(snaps) + 1)]
            for r in result["runs"]]
        runs[spec["label"]] = summarize(result, settings["window"])
    return {"runs": runs, "extra": {"snapshots": snaps, "ensemble_acc": ensembles}}


# --- 06 · one-cycle ----------------------------------------------------------------------------------

def _one_cycle(label, max_lr, budget, cycle_momentum=True):
    spec = torch_schedule(label, max_lr, "OneCycleLR", max_lr=max_lr, total_steps=budget,
                          **({} if cycle_momentum else {"cycle_momentum": False}))
    return dict(spec, cycle_momentum=True) if cycle_momentum else spec


@experiment("mnist-one-cycle", "06-cyclical-and-one-cycle",
            "One-cycle against cosine and a constant rate, with and without cyclical momentum: MLP on MNIST",
            task=MNIST_MLP, budget=1000, optimizer="momentum", eval_every=50, window=10, schedules=[
                constant("constant 0.01", 0.01),
                torch_schedule("cosine from 0.04", 0.04, "CosineAnnealingLR", T_max=1000),
                _one_cycle("one-cycle, max_lr 0.04", 0.04, 1000),
                _one_cycle("one-cycle, max_lr 0.04, momentum fixed at 0.9", 0.04, 1000, cycle_momentum=False),
            ])
def mnist_one_cycle(settings, seeds, device, first=None):
    """One-cycle (PyTorch's defaults: 30 % warm-up from max_lr / 25, cosine annealing, momentum
    cycled 0.95 → 0.85 → 0.95), the same without cycling the momentum, cosine, a constant."""
    return compare_schedules(settings, seeds, device, first)


@experiment("mnist-one-cycle-max-lr", "06-cyclical-and-one-cycle",
            "One-cycle's max_lr: MLP on MNIST, SGD with (cycled) momentum",
            task=MNIST_MLP, budget=1000, optimizer="momentum", eval_every=1000, window=10,
            schedules=[_one_cycle(f"max_lr {lr}", lr, 1000) for lr in (0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32)])
def mnist_one_cycle_max_lr(settings, seeds, device, first=None):
    """One-cycle at seven values of max_lr, a factor 2 apart; evaluated at the end only."""
    return compare_schedules(settings, seeds, device, first)


# --- 10 · the capstone's controls ----------------------------------------------------------------------

CNN = {"name": "mnist-cnn"}


@experiment("cnn-one-cycle-controls", "10-lr-range-test-mnist",
            "Is it one-cycle, or warm-up + decay? The capstone's CNN, one epoch at max_lr 0.123", seeds=3,
            task=CNN, budget=938, optimizer="nesterov", eval_every=938, window=20, schedules=[
                _one_cycle("one-cycle", 0.123, 938),
                _one_cycle("one-cycle, momentum fixed at 0.9", 0.123, 938, cycle_momentum=False),
                warmup_then("warm-up 30 % + cosine", 0.123, 281, ["CosineAnnealingLR", {"T_max": 938 - 281}],
                            start_factor=1 / 25),
                torch_schedule("cosine, no warm-up", 0.123, "CosineAnnealingLR", T_max=938),
                constant("constant 0.123", 0.123),
            ])
def cnn_one_cycle_controls(settings, seeds, device, first=None):
    """One-cycle at the capstone's pick (10 x the steepest point of its range test, 0.123),
    the same without cycling the momentum, a linear warm-up of the same length followed by
    cosine with fixed momentum, cosine without warm-up, and the constant rate."""
    return compare_schedules(settings, seeds, device, first)


@experiment("cnn-range-test", "10-lr-range-test-mnist",
            "The range test with SGD (Nesterov momentum 0.9) and with Adam: the capstone's CNN", seeds=3,
            task=CNN, budget=100, eval_every=0, window=1, schedules=[
                dict(torch_schedule("SGD, Nesterov momentum 0.9", 1e-7, "ExponentialLR",
                                    gamma=round(1e8 ** (1 / 99), 12)), optimizer="nesterov"),
                dict(torch_schedule("Adam", 1e-7, "ExponentialLR", gamma=round(1e8 ** (1 / 99), 12)),
                     optimizer="adam"),
            ], optimizer="nesterov")
def cnn_range_test(settings, seeds, device, first=None):
    """The raw loss of every mini-batch while the rate grows from 1e-7 to 10 in 100 updates
    (a run stops when its loss exceeds 10 x its first loss); smoothing and reading the curve
    are the notebook's exercises."""
    return compare_schedules(settings, seeds, device, first)
