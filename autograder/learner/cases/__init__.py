"""Test cases as data, one module per assignment.

Each module lists ``EXERCISES``: one :class:`autograder.learner.checks.Exercise` per graded
function, holding its visible cases (hand-checkable values with hints), the PyTorch
schedulers that must agree with it, and its hidden grid of arguments. The same data
drives the visible tests, the hidden tests, ``tests/`` and the trusted re-check.
Nothing here contains a reference solution: the hidden grid's expected values come from
:mod:`autograder.references`, which stays with the instructor.
"""
import importlib
import pkgutil

from ..checks import Exercise


def _collect() -> dict[str, Exercise]:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for ex in getattr(module, "EXERCISES", []):
            if ex.name in found:
                raise RuntimeError(f"exercise {ex.name!r} is defined twice")
            found[ex.name] = ex
    return found


_EXERCISES: dict[str, Exercise] | None = None


def __getattr__(attr: str):
    """``EXERCISES`` is collected on first use (importing one module stays cheap)."""
    global _EXERCISES
    if attr == "EXERCISES":
        if _EXERCISES is None:
            _EXERCISES = _collect()
        return _EXERCISES
    raise AttributeError(attr)


def exercise(name: str) -> Exercise:
    """The cases of the graded function ``name``."""
    exercises = __getattr__("EXERCISES")
    try:
        return exercises[name]
    except KeyError:
        raise KeyError(f"no test cases for {name!r}; known: {sorted(exercises)}") from None


def submission_args(notebook_stem: str, sources: list[str]) -> dict:
    """Case arguments that a submitted notebook fixes, read from its code cells' source without running
    them: its cases module's ``submission_args(sources)`` (the review drill's ``{"seed": ...}``), else
    none. The grader passes them to :func:`autograder.references.hidden_cases`."""
    try:
        module = importlib.import_module(f"{__name__}.{notebook_stem}")
    except ModuleNotFoundError:
        return {}
    read = getattr(module, "submission_args", None)
    return dict(read(sources)) if read else {}
