"""Exercises graded by training: the learner designs a schedule, the grader trains with it.

The case of such an exercise calls the learner's ``schedule(step)`` for every update of the
budget (:func:`schedule_values`, the exercise's adapter), and its expected value is a
:class:`Trained` target. ``Trained.assess(lrs)`` trains the exercise's fixed task with those
learning rates, on the target's seeds, and returns ``None`` when the target is met, else a
message that says what went wrong in training terms (divergence, a stall, no decay, ...).

The learner's code only produces numbers (in the trusted re-check it runs in the sandbox);
the training runs where the judging runs, in the grading process, so learner code cannot fake
it. The visible test trains on seeds the notebook names; the hidden test trains on seeds that
only the instructor's ``autograder.references`` know.

Inside a kernel that nbgrader runs (``NBGRADER_EXECUTION`` set) outcomes are also kept in a
disk cache (``$LR_BENCH_CACHE``, else ``~/.cache/lr-schedules/bench``), keyed by the target,
the rates and the bench's code: a class whose notebooks share a schedule trains it once. The
kernel's result is not the score (the trusted re-check's is, and it never reads the cache),
so a cache that learner code tampered with can only cause a "disagrees" flag.
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import numbers
import os
import statistics
from pathlib import Path
from typing import NamedTuple


def schedule_values(fn, args: dict) -> list[float]:
    """``[fn(k) for k in args["step"]]``, each checked to be a real number (the adapter of
    every exercise graded by training)."""
    values = []
    for step in args["step"]:
        value = fn(step)
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{getattr(fn, '__name__', 'the schedule')}(step={step}) returned a "
                            f"{type(value).__name__}; return the learning rate as a float")
        values.append(float(value))
    return values


class Trained(NamedTuple):
    """The expected outcome of training ``task`` for ``budget`` updates of ``optimizer`` with the
    learner's learning rates: ``metric`` (a final test measurement, averaged over ``seeds``)
    at least ``at_least``. ``peak``, if given, is the largest learning rate the schedule must
    reach. ``secret`` hides the seeds in messages (the hidden test)."""

    task: str
    budget: int
    seeds: tuple
    at_least: float
    optimizer: str = "adam"
    metric: str = "test_acc"
    peak: float | None = None
    task_settings: tuple = ()      # (name, value) pairs for make_task
    secret: bool = False

    def __repr__(self) -> str:
        seeds = "the grader's own seeds" if self.secret else f"seed{'s' if len(self.seeds) > 1 else ''} " \
            + ", ".join(map(str, self.seeds))
        mean = "mean " if len(self.seeds) > 1 else ""
        peak = f", peak learning rate {self.peak:g}" if self.peak is not None else ""
        return (f"{mean}{_NAMES.get(self.metric, self.metric)} >= {100 * self.at_least:.1f} % after {self.budget} "
                f"updates of {self.optimizer} on the {self.task} task ({seeds}){peak}")

    # -- judging ----------------------------------------------------------------------------

    def assess(self, lrs) -> str | None:
        """``None`` when training with ``lrs`` meets the target, else what went wrong."""
        problem = self._check_values(lrs)
        if problem:
            return problem
        report = outcome(self, tuple(lrs))
        if report["passed"]:
            return None
        return f"{report['summary']}. {diagnose(self, list(lrs), report)}"

    def show(self, lrs) -> str:
        """The learner's schedule in one line (for a failure message)."""
        try:
            top = max(lrs)
            return (f"{len(lrs)} learning rates: {lrs[0]:.3g} at update 0, peak {top:.3g} at update "
                    f"{list(lrs).index(top)}, {lrs[-1]:.3g} at the last update")
        except (TypeError, ValueError):
            return repr(lrs)[:80]

    def report(self, lrs) -> str:
        """One line on what training with ``lrs`` reached (for a passed test)."""
        return outcome(self, tuple(lrs))["summary"]

    def _check_values(self, lrs) -> str | None:
        if not isinstance(lrs, (list, tuple)) or len(lrs) != self.budget:
            return f"expected {self.budget} learning rates, one per update"
        for k, lr in enumerate(lrs):
            if isinstance(lr, bool) or not isinstance(lr, numbers.Real) or not math.isfinite(lr):
                return f"the learning rate of update {k} is {lr!r}: every learning rate must be a finite float"
            if lr < 0:
                return f"the learning rate of update {k} is {lr:g}: a learning rate must not be negative"
        if self.peak is not None:
            top = max(lrs)
            if abs(top - self.peak) > 1e-9 * self.peak:
                return (f"the largest learning rate of your schedule is {top:.4g} (update {lrs.index(top)}); this "
                        f"exercise fixes the peak at {self.peak:g}: reach it exactly, the question is how to get there")
        return None


_NAMES = {"test_acc": "test accuracy"}


def outcome(target: Trained, lrs: tuple) -> dict:
    """What training with ``lrs`` reached: trained once per seed, at most once per process
    (and, in a kernel under nbgrader, once per machine: the disk cache)."""
    if not os.environ.get("NBGRADER_EXECUTION"):
        return _outcome(target, lrs)
    folder = Path(os.environ.get("LR_BENCH_CACHE") or Path.home() / ".cache" / "lr-schedules" / "bench")
    path = folder / f"{_key(target, lrs)}.json"
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        pass
    result = _outcome(target, lrs)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(result))
        os.replace(tmp, path)
    except OSError:
        pass
    return result


def _key(target: Trained, lrs: tuple) -> str:
    digest = hashlib.sha256(repr(tuple(target)).encode() + repr(lrs).encode())
    here = Path(__file__).resolve().parent
    for name in ("tasks.py", "train.py", "targets.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=64)
def _outcome(target: Trained, lrs: tuple) -> dict:
    from .tasks import make_task
    from .train import run

    task = make_task(target.task, **dict(target.task_settings))
    result = run(lrs.__getitem__, task, target.budget, target.seeds, optimizer=target.optimizer,
                 eval_every=target.budget)
    finals, diverged = [], []
    for r in result["runs"]:
        diverged.append(r["diverged_at"])
        finals.append(r[target.metric][-1] if r["diverged_at"] is None else float("nan"))
    ok = all(d is None for d in diverged)
    mean = statistics.fmean(finals) if ok else float("nan")
    passed = ok and mean >= target.at_least
    each = ", ".join("diverged" if math.isnan(v) else f"{100 * v:.1f}" for v in finals)
    what = _NAMES.get(target.metric, target.metric)
    if len(finals) > 1:
        summary = (f"mean {what} {100 * mean:.2f} % after {target.budget} updates (per seed: {each} %)"
                   if ok else f"{what} after {target.budget} updates, per seed: {each}")
    else:
        summary = f"{what} {each} % after {target.budget} updates" if ok else f"diverged before update {target.budget}"
    summary += f"; the target is >= {100 * target.at_least:.1f} %"
    return {"passed": passed, "summary": summary, "finals": finals, "diverged": diverged,
            "losses": [r["train_loss"] for r in result["runs"]]}


def diagnose(target: Trained, lrs: list, report: dict) -> str:
    """The most likely reason a schedule missed its target, read off the training curves."""
    top = max(lrs)
    diverged = [d for d in report["diverged"] if d is not None]
    if diverged:
        k = min(diverged)
        return (f"The loss diverged at update {k} (learning rate {lrs[k]:.3g} there) on {len(diverged)} of "
                f"{len(report['diverged'])} seed(s): your peak rate is too high or your warm-up too short.")
    stalls = []
    for losses in report["losses"]:
        n = max(1, len(losses) // 10)
        start, end = statistics.fmean(losses[:n]), statistics.fmean(losses[-n:])
        stalls.append((start, end))
    start, end = (statistics.fmean(v) for v in zip(*stalls))
    if end > 0.7 * start:
        early = statistics.fmean(lrs[: max(1, len(lrs) // 20)])
        if early > 0.5 * top:
            return (f"The training loss hardly fell ({start:.2f} at the start, {end:.2f} at the end): the first "
                    f"updates already used {early:.3g} on average, {100 * early / top:.0f} % of your peak; a network "
                    f"that starts that fast can break for good. Warm up: raise the rate gradually over the first "
                    f"updates.")
        return (f"The training loss hardly fell ({start:.2f} at the start, {end:.2f} at the end): your rates "
                f"(at most {top:.3g}) are too small to learn much in {target.budget} updates, or your warm-up "
                f"is too short for the peak.")
    if lrs[-1] > 0.1 * top:
        return (f"Your rate ends at {lrs[-1]:.3g}, {100 * lrs[-1] / top:.0f} % of its peak: decay it towards 0 over "
                f"the last part of training (the noise floor of a stochastic optimizer is proportional to its rate).")
    if target.peak is not None:
        half = next(k for k, lr in enumerate(lrs) if lr >= 0.5 * top)
        return (f"It trains (loss {start:.2f} -> {end:.2f}) but not far enough. With the peak fixed, the lever is "
                f"the warm-up: your rate is at half the peak by update {half}; warm up for longer (or decay later).")
    return (f"It trains (loss {start:.2f} -> {end:.2f}) but not far enough: try another peak (now {top:.3g}), "
            f"warm-up length or decay; bench.run(...) shows the curves before you hand in.")
