"""Exact reference implementations, for the instructor only.

One module per assignment; every public function of a module is the reference of the
graded function with the same name. Hidden test cells call :func:`check_hidden`, which
evaluates the hidden grid of :mod:`autograder.learner.cases` with these references. A classroom
release hands out ``course/`` and the rest of ``autograder``, never this package.
"""
import copy
import importlib
import inspect
import pkgutil
from typing import Callable

from ..learner.cases import exercise
from ..learner.checks import check_cases


def _collect() -> tuple[dict[str, Callable], dict[str, tuple]]:
    found, seeds = {}, {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        seeds.update(getattr(module, "HIDDEN_SEEDS", {}))
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and not name.startswith("_"):
                found[name] = fn
    return found, seeds


# HIDDEN_SEEDS: for the exercises graded by training, the seeds of their hidden tests, taken from
# the modules' HIDDEN_SEEDS ({name: (seed, ...)}). Never released: a learner cannot tune to them.
REFERENCES, HIDDEN_SEEDS = _collect()


def hidden_cases(name: str, **args) -> list:
    """The hidden grid of ``name`` with every expected value filled in by the reference; for an
    exercise graded by training, the visible test's target trained on the hidden seeds.

    ``args`` replace the arguments of the same name in every case (``None``: keep the case's own):
    what a submission fixes for its cases, e.g. the review drill's ``seed``."""
    ref, ex = REFERENCES[name], exercise(name)
    if name in HIDDEN_SEEDS:
        target = ex.visible[0].want._replace(seeds=HIDDEN_SEEDS[name], secret=True)
        return [case._replace(want=target) for case in ex.hidden]
    call = ex.adapter or (lambda fn, args: fn(**args))
    cases = []
    for case in ex.hidden:
        case = case._replace(args={**case.args, **{k: v for k, v in args.items() if k in case.args and v is not None}})
        want = call(ref, copy.deepcopy(case.args))
        cases.append(case._replace(want=want, hint=ex.explain(case.args, want) if ex.explain else case.hint))
    return cases


def check_hidden(name: str, fn: Callable, **args) -> None:
    """The hidden test of a graded function: its whole grid against the exact reference (or,
    graded by training, the target on the hidden seeds; ``args``: see :func:`hidden_cases`).
    An exercise that explains its answers prints the explanation."""
    ex = exercise(name)
    cases = hidden_cases(name, **args)
    n = check_cases(name, fn, cases, peak=ex.peak, what="hidden cases", adapter=ex.adapter)
    if name in HIDDEN_SEEDS:
        print(f"\u2713 {name}: it also meets the target on the grader's own seeds.")
    elif ex.explain:
        print(f"\u2713 {name} is right. Why: " + "\n".join(case.hint for case in cases))
    else:
        print(f"\u2713 {name}: {n} hidden cases agree with the exact reference.")
