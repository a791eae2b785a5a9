"""Check helpers that the notebooks' test cells call.

Everything here is safe to hand to learners: it compares a learner's function with
expected values, but it contains no reference solution. Expected values come from

* hand-checkable cases written in :mod:`autograder.cases` (visible tests),
* PyTorch's own schedulers, run step by step (visible tests, where PyTorch is exact),
* the instructor's exact references in :mod:`autograder.references` (hidden tests).

A failed check raises ``AssertionError`` whose message names the function, the
arguments, the expected value, the value got, and a hint. A passed check prints one
line to stdout and nothing to stderr (nbgrader scores a test cell 0 when it writes to
stderr), so correct code keeps its marks.
"""
from __future__ import annotations

import copy
import math
import numbers
import warnings
from typing import Any, Callable, Iterable, NamedTuple

REL_TOL = 1e-9
PEAK_TOL = 1e-12
MAX_SHOWN = 3  # failures listed in full in one message


class Case(NamedTuple):
    """One call of a graded function: its keyword arguments, the value it must
    return (``None``: computed by the reference) and the hint shown when it does not."""

    args: dict
    want: Any = None
    hint: str = ""


def call_repr(name: str, args: dict) -> str:
    """``step_lr(step=30, base_lr=0.1, ...)``, the call a learner can paste and run."""
    return f"{name}({', '.join(f'{k}={_short(v)}' for k, v in args.items())})"


def _short(value: Any) -> str:
    text = repr(value)
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        text = f"np.{type(value).__name__}({value.item()!r})"  # say it is a NumPy scalar
    return text if len(text) <= 80 else text[:77] + "..."


def tolerance(want: float, peak: float) -> float:
    """The course's tolerance: ``1e-9 * |want| + 1e-12 * peak``."""
    return REL_TOL * abs(want) + PEAK_TOL * abs(peak)


def compare(got: Any, want: Any, peak: float | None = None) -> str | None:
    """``None`` when ``got`` matches ``want``, else a short reason.

    Floats match within :func:`tolerance`; ints, bools and strings must be equal;
    tuples and lists match element by element.
    """
    if isinstance(want, (tuple, list)):
        if isinstance(got, (str, bytes)) or not hasattr(got, "__len__") or len(got) != len(want):
            return f"expected a sequence of {len(want)} values"
        for i, (g, w) in enumerate(zip(got, want)):
            reason = compare(g, w, peak)
            if reason:
                return f"item {i}: {reason}"
        return None
    if isinstance(want, str):
        return None if isinstance(got, str) and got == want else "wrong value"
    if isinstance(got, bool) or not isinstance(got, numbers.Real):
        kind = type(got).__module__ + "." + type(got).__qualname__
        return f"expected a real number, got a {kind.removeprefix('builtins.')}"
    if isinstance(want, numbers.Integral) and not isinstance(want, bool):
        if not isinstance(got, numbers.Integral):
            return "expected an integer"
        return None if int(got) == int(want) else "wrong value"
    got_f, want_f = float(got), float(want)  # plain floats: a subclass cannot bend ==
    if math.isnan(got_f):
        return "got NaN"
    peak_f = abs(want_f) if peak is None else float(peak)
    if abs(got_f - want_f) <= tolerance(want_f, peak_f):
        return None
    return f"off by {abs(got_f - want_f):.3g} (tolerance {tolerance(want_f, peak_f):.1g})"


def check_cases(name: str, fn: Callable, cases: Iterable[Case], *,
                peak: Callable[[dict], float] | None = None, what: str = "cases",
                adapter: Callable | None = None) -> int:
    """Call ``fn(**case.args)`` for every case and compare with ``case.want``.

    ``peak(args)`` gives the schedule's largest value for the tolerance; ``adapter(fn,
    args)``, when given, makes the call instead (for functions whose inputs are not plain
    data, e.g. an optimizer). Raises ``AssertionError`` describing the first failures;
    returns the number of cases.
    """
    cases = list(cases)
    failures = []
    for case in cases:
        problem = _run_case(name, fn, case, peak, adapter)
        if problem and "raised NotImplementedError" in problem:
            raise AssertionError(f"{name} is not implemented yet: replace `raise NotImplementedError()` "
                                 "in its cell with your code, run that cell, then this test again.")
        if problem:
            failures.append(problem)
    if failures:
        shown = "\n\n".join(failures[:MAX_SHOWN])
        more = len(failures) - MAX_SHOWN
        tail = f"\n\n... and {more} more failing case(s)." if more > 0 else ""
        raise AssertionError(f"{name}: {len(failures)} of {len(cases)} {what} wrong.\n\n{shown}{tail}")
    return len(cases)


def _run_case(name: str, fn: Callable, case: Case, peak: Callable | None,
              adapter: Callable | None = None) -> str | None:
    args = copy.deepcopy(case.args)
    call = call_repr(name, case.args)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a warning in learner code is reported, not printed
            got = adapter(fn, args) if adapter else fn(**args)
    except NotImplementedError:
        return f"{call}\n  raised NotImplementedError"
    except Exception as exc:  # the learner's bug, reported as a failed case
        hint = f"\n  Hint: {case.hint}" if case.hint else ""
        return f"{call}\n  raised {type(exc).__name__}: {exc}{hint}"
    if args != case.args:
        changed = [k for k in args if args[k] != case.args[k]]
        return (f"{call}\n  changed its argument(s) {', '.join(changed)} to "
                f"{', '.join(_short(args[k]) for k in changed)}\n"
                "  Hint: a schedule must not mutate its inputs; work on a copy (e.g. sorted(milestones)).")
    reason = compare(got, case.want, None if peak is None else peak(case.args))
    if reason is None:
        return None
    hint = f"\n  Hint: {case.hint}" if case.hint else ""
    return f"{call}\n  expected {case.want!r}\n  got      {_short(got)}   ({reason}){hint}"


class Exercise(NamedTuple):
    """Everything the tests know about one graded function, as data.

    ``visible``: hand-checkable cases (``want`` given). ``oracles``: PyTorch schedulers
    that must agree. ``hidden``: arguments only; the reference computes ``want``.
    ``peak(args)``: the schedule's largest value, for the tolerance. ``adapter(fn, args)``:
    how to call a function whose inputs are not plain data (default ``fn(**args)``).
    """

    name: str
    visible: list
    hidden: list
    oracles: tuple = ()
    peak: Callable[[dict], float] | None = None
    adapter: Callable | None = None


def check(name: str, fn: Callable) -> None:
    """The visible test of a graded function: its hand-checked values, then PyTorch."""
    from .cases import exercise

    ex = exercise(name)
    n = check_cases(name, fn, ex.visible, peak=ex.peak, what="hand-checked values", adapter=ex.adapter)
    m = check_oracles(name, fn, ex.oracles, peak=ex.peak)
    torch_part = f" and {m} steps of {len(ex.oracles)} PyTorch scheduler run(s)" if ex.oracles else ""
    print(f"\u2713 {name}: {n} hand-checked values{torch_part} agree.")


# --- PyTorch as an oracle -------------------------------------------------------------

class Oracle(NamedTuple):
    """A PyTorch scheduler that must agree with a graded function.

    ``args`` are the function's keyword arguments except ``step``; ``scheduler`` is the
    class name in ``torch.optim.lr_scheduler`` and ``kwargs`` its arguments; the first
    ``steps`` values of the param group's ``record`` key ("lr", or "momentum") are
    compared. The optimizer is ``SGD(**optimizer)``, by default ``lr=args["base_lr"]``.
    ``hint`` is shown on disagreement.
    """

    args: dict
    scheduler: str
    kwargs: dict
    steps: int
    hint: str = ""
    optimizer: dict | None = None
    record: str = "lr"


def torch_lrs(make_scheduler: Callable, num_steps: int, base_lr: float = 0.1, *,
              record: str = "lr", **optimizer_kwargs) -> list[float]:
    """The learning rate (or another param-group value, ``record``) of each of the first
    ``num_steps`` optimizer steps under a PyTorch scheduler, in the order a training
    loop uses them: record, ``optimizer.step()``, ``scheduler.step()`` (no warnings)."""
    import torch

    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=base_lr, **optimizer_kwargs)
    scheduler = make_scheduler(optimizer)
    values = []
    for _ in range(num_steps):
        values.append(optimizer.param_groups[0][record])
        optimizer.step()
        scheduler.step()
    return values


def check_oracles(name: str, fn: Callable, oracles: Iterable[Oracle], *,
                  peak: Callable[[dict], float] | None = None) -> int:
    """Compare ``fn`` with PyTorch's scheduler on each oracle's first steps."""
    from torch.optim import lr_scheduler

    total = 0
    for oracle in oracles:
        opt_kwargs = dict(oracle.optimizer or {"lr": oracle.args["base_lr"]})
        base_lr = opt_kwargs.pop("lr")
        cls = getattr(lr_scheduler, oracle.scheduler)
        lrs = torch_lrs(lambda opt: cls(opt, **oracle.kwargs), oracle.steps, base_lr,
                        record=oracle.record, **opt_kwargs)
        sched = f"torch.optim.lr_scheduler.{oracle.scheduler}(optimizer, " + ", ".join(
            f"{k}={v!r}" for k, v in oracle.kwargs.items()) + f") ({oracle.record} of each step)"
        cases = [Case({"step": k, **oracle.args}, lr, oracle.hint) for k, lr in enumerate(lrs)]
        try:
            total += check_cases(name, fn, cases, peak=peak, what="steps")
        except AssertionError as err:
            raise AssertionError(f"{name} disagrees with {sched}:\n{err}") from None
    return total
