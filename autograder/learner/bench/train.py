"""The bench's training loop: one task, one schedule, one or more seeds.

``run(schedule_fn, task, budget, seeds)`` trains ``budget`` updates per seed, update ``k``
with learning rate ``schedule_fn(k)`` (the course's step convention), and returns what
happened as plain lists, ready to plot or to save as JSON.
"""
from __future__ import annotations

import contextlib
import math
import time
from typing import Callable, Sequence

import torch

from ..checks import torch_lrs

OPTIMIZERS = ("sgd", "momentum", "nesterov", "adam", "adamw", "radam")


def make_optimizer(name: str, params, lr: float, momentum: float = 0.9, betas=(0.9, 0.999),
                   weight_decay: float = 0.0):
    """The optimizers of the bench, by name: ``sgd`` (plain), ``momentum`` / ``nesterov``
    (SGD with momentum ``momentum``), ``adam``, ``adamw``, ``radam`` (``betas``)."""
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, weight_decay=weight_decay)
    if name in ("momentum", "nesterov"):
        return torch.optim.SGD(params, lr=lr, momentum=momentum, nesterov=name == "nesterov",
                               weight_decay=weight_decay)
    if name in ("adam", "adamw", "radam"):
        cls = {"adam": torch.optim.Adam, "adamw": torch.optim.AdamW, "radam": torch.optim.RAdam}[name]
        return cls(params, lr=lr, betas=tuple(betas), weight_decay=weight_decay)
    raise ValueError(f"unknown optimizer {name!r}; choose one of {OPTIMIZERS}")


@contextlib.contextmanager
def deterministic(threads: int = 1):
    """A fixed number of CPU threads (the same sums in the same order) and a private random
    state: the caller's random numbers are left as they were."""
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        with torch.random.fork_rng(devices=[]):
            yield
    finally:
        torch.set_num_threads(before)


def eval_steps(budget: int, every: int) -> list[int]:
    """The update counts at which a run is evaluated: every ``every`` updates from 0 (before
    training) and at the end; only at the end when ``every >= budget``; never when ``every``
    is 0."""
    if every <= 0:
        return []
    if every >= budget:
        return [budget]
    return sorted(set(range(0, budget, every)) | {budget})


def train_one(task, lrs: Sequence[float], seed: int, *, optimizer: str = "sgd", momenta=None,
              eval_every: int = 50, first: int | None = None, snapshots: Sequence[int] = (),
              diverge_factor: float = 10.0, **optimizer_kwargs) -> dict:
    """One run of ``len(lrs)`` updates (or only the ``first`` of them): update ``k`` uses
    ``lrs[k]`` and, when ``momenta`` is given, momentum (SGD) or beta1 (Adam) ``momenta[k]``.

    Returns ``train_loss`` (the mini-batch loss of each update), ``eval_step`` (updates done
    before each evaluation) with one list per measurement of ``task.evaluate`` (e.g.
    ``test_loss``, ``test_acc``), ``diverged_at`` (the first update whose loss was not finite
    or above ``diverge_factor`` × the first loss; training stops there; ``None`` if none), and
    ``snapshots``: the test-set probabilities after each update count in ``snapshots``
    (a tensor each; not JSON).
    """
    budget = len(lrs)
    stop = budget if first is None else min(first, budget)
    model = task.model(seed)
    opt = make_optimizer(optimizer, model.parameters(), lr=float(lrs[0]), **optimizer_kwargs)
    batches = task.batches(seed)
    wanted = [s for s in eval_steps(budget, eval_every) if s <= stop]
    out = {"train_loss": [], "eval_step": [], "diverged_at": None, "snapshots": {}}

    def measure(k):
        out["eval_step"].append(k)
        for key, value in task.evaluate(model).items():
            out.setdefault(key, []).append(value)
        if k in snapshots and hasattr(task, "test_probabilities"):
            out["snapshots"][k] = task.test_probabilities(model)

    first_loss = None
    for k in range(stop):
        if k in wanted:
            measure(k)
        for group in opt.param_groups:
            group["lr"] = float(lrs[k])
            if momenta is not None:
                if "betas" in group:
                    group["betas"] = (float(momenta[k]), group["betas"][1])
                else:
                    group["momentum"] = float(momenta[k])
        loss = task.loss(model, next(batches))
        value = loss.item()
        first_loss = value if first_loss is None else first_loss
        out["train_loss"].append(value)
        if not math.isfinite(value) or value > diverge_factor * first_loss:
            out["diverged_at"] = k
            break
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    else:
        if stop in wanted:
            measure(stop)
    return out


def run(schedule_fn: Callable[[int], float], task, budget: int, seeds: Sequence[int] = (0, 1, 2), *,
        optimizer: str = "sgd", momentum_fn: Callable[[int], float] | None = None, eval_every: int = 50,
        first: int | None = None, snapshots: Sequence[int] = (), threads: int = 1,
        **optimizer_kwargs) -> dict:
    """Train ``task`` (a task of ``bench.tasks``, or its name) for ``budget`` updates with
    learning rate ``schedule_fn(k)`` at update ``k``, once per seed (the seed fixes the initial
    weights and the data order). ``optimizer``: a name of ``OPTIMIZERS``; ``momentum_fn(k)``,
    if given, sets the momentum (SGD) or beta1 (Adam) of update ``k``.

    Returns ``{"lr": [...], "seeds": [...], "runs": [one train_one() dict per seed],
    "seconds": wall time}``. Deterministic on the CPU: ``threads`` CPU threads and seeded
    generators, so the same call gives the same numbers.
    """
    from .tasks import make_task

    task = make_task(task)
    lrs = [float(schedule_fn(k)) for k in range(budget)]
    momenta = None if momentum_fn is None else [float(momentum_fn(k)) for k in range(budget)]
    started = time.perf_counter()
    with deterministic(threads):
        runs = [train_one(task, lrs, seed, optimizer=optimizer, momenta=momenta, eval_every=eval_every,
                          first=first, snapshots=snapshots, **optimizer_kwargs) for seed in seeds]
    return {"lr": lrs, "momentum": momenta, "seeds": list(seeds), "runs": runs,
            "seconds": time.perf_counter() - started}


# --- schedules given as data, results as plain lists --------------------------------------------

def schedule_trace(spec: dict, budget: int) -> tuple[list[float], list[float] | None]:
    """The learning rates (and momenta) of ``budget`` updates described by ``spec``:
    ``{"lr": 0.05}`` is a constant rate; ``{"lr": 0.05, "scheduler": ["CosineAnnealingLR",
    {"T_max": 1000}]}`` is PyTorch's scheduler of that name and arguments on an optimizer with
    ``lr``, read off step by step (``autograder.learner.checks.torch_lrs``); with
    ``"cycle_momentum": true`` the momenta that scheduler sets are returned too (else ``None``)."""
    lr, scheduler = float(spec["lr"]), spec.get("scheduler")
    if scheduler is None:
        return [lr] * budget, None
    scheduler = (scheduler[0], scheduler[1])
    lrs = torch_lrs(scheduler, budget, base_lr=lr, momentum=0.9)  # OneCycleLR needs a momentum to cycle
    momenta = torch_lrs(scheduler, budget, base_lr=lr, record="momentum", momentum=0.9) \
        if spec.get("cycle_momentum") else None
    return lrs, momenta


def rounded(value, digits: int = 6):
    """``value`` (a number or nested lists of them) rounded to ``digits`` significant digits;
    NaN and infinities become ``None`` (JSON has neither)."""
    if isinstance(value, (list, tuple)):
        return [rounded(v, digits) for v in value]
    if value is None:
        return None
    value = float(value)
    return float(f"{value:.{digits}g}") if math.isfinite(value) else None


def window_means(values: Sequence[float], window: int) -> list[float]:
    """Means of consecutive windows of ``window`` values (the last one may be shorter)."""
    return [sum(values[i:i + window]) / len(values[i:i + window]) for i in range(0, len(values), window)]


def summarize(result: dict, window: int = 10) -> dict:
    """A :func:`run` result as JSON-ready lists: the learning rates (and momenta) of every
    update; per seed the training loss averaged over windows of ``window`` updates, the
    evaluations, and where the run diverged. Lists of runs that stopped early are padded with
    ``None``."""
    runs = result["runs"]
    n_windows = math.ceil(len(result["lr"]) / window)
    steps = max((r["eval_step"] for r in runs), key=len)
    out = {"lr": rounded(result["lr"]), "momentum": rounded(result["momentum"]) if result["momentum"] else None,
           "window": window, "train_loss": [], "eval_step": steps, "diverged_at": [r["diverged_at"] for r in runs],
           "seconds": round(result["seconds"], 2)}
    for r in runs:
        losses = window_means(r["train_loss"], window)
        out["train_loss"].append(rounded(losses) + [None] * (n_windows - len(losses)))
    keys = sorted({k for r in runs for k in r} - {"train_loss", "eval_step", "diverged_at", "snapshots"})
    for key in keys:
        out[key] = [rounded(r.get(key, [])) + [None] * (len(steps) - len(r.get(key, []))) for r in runs]
    return out
