"""Check helpers that the notebooks' test cells call.

Everything here is safe to hand to learners: it compares a learner's function with
expected values, but it contains no reference solution. Expected values come from

* hand-checkable cases written in :mod:`autograder.learner.cases` (visible tests),
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
    assess = getattr(want, "assess", None)
    if callable(assess):  # a training target (autograder.learner.bench.targets): it trains with what was got
        return assess(got)
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
        kind = getattr(got, "type_name", None) or (type(got).__module__ + "." + type(got).__qualname__)
        return f"expected a real number, got a {kind.removeprefix('builtins.')}"
    if isinstance(want, numbers.Integral) and not isinstance(want, bool):
        if not isinstance(got, numbers.Integral):
            return "expected an integer"
        return None if int(got) == int(want) else "wrong value"
    got_f, want_f = float(got), float(want)  # plain floats: a subclass cannot bend ==
    if math.isnan(got_f):
        return "got NaN"
    if isinstance(want, Approx):  # an expected value with a tolerance of its own (the review drill)
        if abs(got_f - want_f) <= want.rel_tol * abs(want_f):
            return None
        return f"off by {abs(got_f - want_f):.3g} (relative tolerance {want.rel_tol:g})"
    peak_f = abs(want_f) if peak is None else float(peak)
    if abs(got_f - want_f) <= tolerance(want_f, peak_f):
        return None
    return f"off by {abs(got_f - want_f):.3g} (tolerance {tolerance(want_f, peak_f):.1g})"


class Approx(float):
    """An expected value accepted within a relative tolerance of its own, ``rel_tol`` (the review
    drill's "4 significant digits" is 5e-4); shown with 4 significant digits. Only the trusted side
    (references, grader) makes one: it is a ``Case.want``, never a learner's value."""

    def __new__(cls, value: float, rel_tol: float):
        obj = super().__new__(cls, value)
        obj.rel_tol = float(rel_tol)
        return obj

    def __repr__(self) -> str:
        return f"{float(self):.4g}"


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
    outcomes = (evaluate(fn, case.args, adapter) for case in cases)
    verdict(name, cases, outcomes, peak, what)
    return len(cases)


class Outcome(NamedTuple):
    """What one call did: returned ``value``, or ``raised`` ("Type: message"), or changed
    its arguments (``mutated``: a description). Plain data, so that a separate process
    can compute it and the grader can judge it (see ``autograder.grader.recheck``)."""

    value: Any = None
    raised: str | None = None
    mutated: str | None = None


def evaluate(fn: Callable, args: dict, adapter: Callable | None = None) -> Outcome:
    """Run one call of learner code, catching what it raises and what it mutates."""
    work = copy.deepcopy(args)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a warning in learner code is reported, not printed
            got = adapter(fn, work) if adapter else fn(**work)
    except Exception as exc:  # the learner's bug, reported as a failed case
        return Outcome(raised=f"{type(exc).__name__}: {exc}")
    if work != args:
        changed = [k for k in args if work.get(k) != args[k]]
        return Outcome(mutated=f"changed its argument(s) {', '.join(changed)} to "
                               f"{', '.join(_short(work.get(k)) for k in changed)}")
    return Outcome(value=got)


def judge(name: str, case: Case, outcome: Outcome, peak: Callable | None = None) -> str | None:
    """``None`` when the outcome is right, else the failure message for this case."""
    call = call_repr(name, case.args)
    hint = f"\n  Hint: {case.hint}" if case.hint else ""
    if outcome.raised is not None:
        if outcome.raised.startswith("NotImplementedError"):
            return f"{call}\n  raised NotImplementedError"
        return f"{call}\n  raised {outcome.raised}{hint}"
    if outcome.mutated is not None:
        return (f"{call}\n  {outcome.mutated}\n"
                "  Hint: a schedule must not mutate its inputs; work on a copy (e.g. sorted(milestones)).")
    reason = compare(outcome.value, case.want, None if peak is None else peak(case.args))
    if reason is None:
        return None
    shown = case.want.show(outcome.value) if callable(getattr(case.want, "show", None)) else _short(outcome.value)
    return f"{call}\n  expected {case.want!r}\n  got      {shown}   ({reason}){hint}"


def verdict(name: str, cases: list, outcomes: Iterable[Outcome], peak: Callable | None = None,
            what: str = "cases") -> None:
    """Judge every case; raise ``AssertionError`` with the first failures, if any."""
    failures = []
    for case, outcome in zip(cases, outcomes):
        problem = judge(name, case, outcome, peak)
        if problem and problem.endswith("raised NotImplementedError"):
            raise AssertionError(f"{name} is not implemented yet: replace `raise NotImplementedError()` "
                                 "in its cell with your code, run that cell, then this test again.")
        if problem:
            failures.append(problem)
    if failures:
        shown = "\n\n".join(failures[:MAX_SHOWN])
        more = len(failures) - MAX_SHOWN
        tail = f"\n\n... and {more} more failing case(s)." if more > 0 else ""
        raise AssertionError(f"{name}: {len(failures)} of {len(cases)} {what} wrong.\n\n{shown}{tail}")


class Raised(str):
    """The string "ValueError", standing for a ValueError the call raised; its repr shows
    the exception, so a failure message reads "got raised ValueError('...')"."""

    __module__ = "builtins"      # compare() then reports "got a ValueError", not a class path
    __qualname__ = "ValueError"

    def __new__(cls, value, exc):
        obj = super().__new__(cls, value)
        obj.exc = exc
        return obj

    def __repr__(self):
        return f"raised ValueError({str(self.exc)!r})"


def raised_as_value(fn: Callable, args: dict, must_name: str | None = None):
    """An ``Exercise.adapter`` for functions that must raise: ``fn(**args)``, with a
    ValueError returned as the string "ValueError" (so a case expecting that string passes
    only if the function raised it). With ``must_name``, the message must contain it."""
    try:
        return fn(**args)
    except ValueError as exc:
        if must_name and must_name not in str(exc):
            return Raised(f"ValueError (its message does not name {must_name})", exc)
        return Raised("ValueError", exc)


class Exercise(NamedTuple):
    """Everything the tests know about one graded function, as data.

    ``visible``: hand-checkable cases (``want`` given). ``oracles``: PyTorch schedulers
    that must agree. ``hidden``: arguments only; the reference computes ``want``.
    ``peak(args)``: the schedule's largest value, for the tolerance. ``adapter(fn, args)``:
    how to call a function whose inputs are not plain data (default ``fn(**args)``).
    ``explain(args, want)``: the explanation of a hidden case's answer, shown with its verdict
    (the review drill; default: the case's hint).
    """

    name: str
    visible: list
    hidden: list
    oracles: tuple = ()
    peak: Callable[[dict], float] | None = None
    adapter: Callable | None = None
    explain: Callable[[dict, Any], str] | None = None


def visible_cases(ex: Exercise) -> list[Case]:
    """The visible test's cases: the hand-checked values, then every PyTorch oracle step."""
    return list(ex.visible) + [case for oracle in ex.oracles for case in oracle_cases(oracle)]


def check(name: str, fn: Callable) -> None:
    """The visible test of a graded function: its hand-checked values, then PyTorch."""
    from .cases import exercise

    ex = exercise(name)
    cases = visible_cases(ex)
    outcomes = [evaluate(fn, c.args, ex.adapter) for c in cases]
    verdict(name, cases, outcomes, ex.peak, "visible cases")
    if cases and callable(getattr(cases[0].want, "report", None)):  # graded by training: say what it reached
        print(f"\u2713 {name}: {cases[0].want.report(outcomes[0].value)}.")
        return
    n = len(ex.visible)
    torch_part = f" and {len(cases) - n} steps of {len(ex.oracles)} PyTorch scheduler run(s)" if ex.oracles else ""
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


def build_scheduler(optimizer, scheduler: tuple):
    """The PyTorch scheduler described by ``(class name, kwargs)``: a class of
    ``torch.optim.lr_scheduler``, or ``SWALR`` of ``torch.optim.swa_utils``; a ``schedulers``
    list (SequentialLR, ChainedScheduler) holds such pairs too."""
    from torch.optim import lr_scheduler, swa_utils

    name, kwargs = scheduler
    kwargs = dict(kwargs)
    if "schedulers" in kwargs:
        kwargs["schedulers"] = [build_scheduler(optimizer, inner) for inner in kwargs["schedulers"]]
    cls = swa_utils.SWALR if name == "SWALR" else getattr(lr_scheduler, name)
    return cls(optimizer, **kwargs)


def torch_lrs(scheduler: tuple, num_steps: int, base_lr: float = 0.1, *,
              record: str = "lr", **optimizer_kwargs) -> list[float]:
    """The learning rate (or another param-group value, ``record``) of each of the first
    ``num_steps`` optimizer steps under the PyTorch scheduler ``(class name, kwargs)``,
    e.g. ``("StepLR", dict(step_size=30))``, in the order a training loop uses them:
    record, ``optimizer.step()``, ``scheduler.step()``. The optimizer is a one-parameter
    ``SGD(lr=base_lr, **optimizer_kwargs)``."""
    import torch

    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=base_lr, **optimizer_kwargs)
    sched = build_scheduler(optimizer, scheduler)
    values = []
    for _ in range(num_steps):
        values.append(optimizer.param_groups[0][record])
        optimizer.step()
        sched.step()
    return values


def oracle_cases(oracle: Oracle) -> list[Case]:
    """One case per step of the PyTorch run, its value as the expected one."""
    opt_kwargs = dict(oracle.optimizer or {"lr": oracle.args["base_lr"]})
    base_lr = opt_kwargs.pop("lr")
    values = torch_lrs((oracle.scheduler, oracle.kwargs), oracle.steps, base_lr,
                       record=oracle.record, **opt_kwargs)
    sched = f"{oracle.scheduler}(" + ", ".join(f"{k}={v!r}" for k, v in oracle.kwargs.items()) + ")"
    hint = f"{oracle.hint} [PyTorch's {sched} gives the expected {oracle.record}]".lstrip()
    return [Case({"step": k, **oracle.args}, v, hint) for k, v in enumerate(values)]
