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


def _collect() -> dict[str, Callable]:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and not name.startswith("_"):
                found[name] = fn
    return found


REFERENCES: dict[str, Callable] = _collect()


def hidden_cases(name: str) -> list:
    """The hidden grid of ``name`` with every expected value filled in by the reference."""
    ref, ex = REFERENCES[name], exercise(name)
    call = ex.adapter or (lambda fn, args: fn(**args))
    return [case._replace(want=call(ref, copy.deepcopy(case.args))) for case in ex.hidden]


def check_hidden(name: str, fn: Callable) -> None:
    """The hidden test of a graded function: its whole grid against the exact reference."""
    ex = exercise(name)
    n = check_cases(name, fn, hidden_cases(name), peak=ex.peak, what="hidden cases", adapter=ex.adapter)
    print(f"\u2713 {name}: {n} hidden cases agree with the exact reference.")
