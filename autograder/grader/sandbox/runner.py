"""Runs INSIDE the re-check's sandbox: learner code in, plain JSON out.

``python -I -m autograder.grader.sandbox.runner`` reads one pickled job from stdin (written
by the trusted grader; pickle keeps NumPy integer arguments as they are): the setup cell,
the learner's solution cells, and per graded function its adapter and the arguments of its
visible and hidden cases. It runs the cells, calls each
function on every case, and writes one JSON line per event to the file descriptor it was
given. It judges nothing: :mod:`autograder.grader.recheck` compares the values in the
grading process, and treats every line as untrusted (learner code runs in this process
and could write to the descriptor too; it can only spoil its own grade).

Heavy libraries that the setup cell imports (torch, matplotlib, ipywidgets) are imported
only when the learner's cells or the adapters name them: most graded functions never do.
"""
from __future__ import annotations

import importlib
import importlib.util
import json
import numbers
import os
import pickle
import re
import sys
import types
import warnings

LAZY = {"torch", "matplotlib", "ipywidgets", "IPython", "pandas", "scipy"}


def plain(value, depth: int = 0):
    """A JSON-safe copy of a returned value; other types become ``{"__type__": ...}``."""
    if depth > 20:
        return {"__type__": "too deeply nested", "repr": "..."}
    if value is None or isinstance(value, str):
        return None if value is None else str(value)
    if isinstance(value, bool):
        return {"__type__": "bool", "repr": repr(bool(value))}
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [plain(v, depth + 1) for v in list(value)[:100_000]]
    if isinstance(value, dict):
        return {str(k): plain(v, depth + 1) for k, v in list(value.items())[:10_000]}
    kind = type(value).__module__ + "." + type(value).__qualname__
    return {"__type__": kind.removeprefix("builtins."), "repr": repr(value)[:200]}


class Deferred(types.ModuleType):
    """A module the setup cell imports, imported for real only when something uses it.

    While the setup cell runs, reading an attribute gives another Deferred (so that
    ``from torch.optim import lr_scheduler`` costs nothing); afterwards, or when the setup
    cell calls, sets or indexes one, the real object is imported and used."""

    setup_phase = True

    def __getattr__(self, attr):
        if attr.startswith("__") or not Deferred.setup_phase:
            return getattr(self._resolve(), attr)
        return Deferred(f"{self.__name__}.{attr}")

    def __setattr__(self, attr, value):
        setattr(self._resolve(), attr, value)

    def __call__(self, *args, **kwargs):
        return self._resolve()(*args, **kwargs)

    def __getitem__(self, key):
        return self._resolve()[key]

    def __setitem__(self, key, value):
        self._resolve()[key] = value

    def _resolve(self):
        parts = self.__name__.split(".")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for i in range(len(parts), 0, -1):
                try:
                    obj = importlib.import_module(".".join(parts[:i]))
                except ImportError:
                    continue
                for attr in parts[i:]:
                    obj = getattr(obj, attr)
                return obj
        raise ImportError(f"cannot import {self.__name__}")


def deferring_import(real_import, namespace: dict | None = None):
    """``__import__`` for the setup cell: a module of ``LAZY`` not imported yet comes back
    Deferred, when the import statement runs in ``namespace`` (the cell's own code; a
    library importing something for itself gets the real module)."""

    def _import(name, globals=None, locals=None, fromlist=(), level=0):
        top = name.split(".")[0]
        if level or top not in LAZY or top in sys.modules or (namespace is not None and globals is not namespace):
            return real_import(name, globals, locals, fromlist, level)
        return Deferred(name if fromlist else top)

    return _import


def resolve_used(namespace: dict, sources: list[str]) -> None:
    """Import now (outside any case, warnings as usual) what the learner's cells and the
    adapters name, so that no import happens inside a graded call."""
    Deferred.setup_phase = False
    words = set(re.findall(r"[A-Za-z_]\w*", "\n".join(sources)))
    for alias, value in list(namespace.items()):
        if isinstance(value, Deferred) and (alias in words or value.__name__.split(".")[0] in words):
            namespace[alias] = value._resolve()


def adapter_sources(grids: list) -> list[str]:
    """The source of the modules whose adapters will run (they may use a deferred module)."""
    modules = {ref[0] for _, ref, _ in grids if ref}
    return [open(importlib.util.find_spec(m).origin, encoding="utf-8").read() for m in modules]


def transform(source: str) -> str:
    """IPython syntax (``%magic``, ``!cmd``) to Python, only when a cell uses it."""
    if not re.search(r"^\s*[%!]", source, re.M):
        return source
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def run_cells(cells: list[str], namespace: dict) -> list[str]:
    errors = []
    for source in cells:
        try:
            exec(compile(transform(source), "<cell>", "exec"), namespace)
        except BaseException as exc:  # a broken cell: later cells still run, as in the kernel
            errors.append(f"{type(exc).__name__}: {exc}"[:300])
    return errors


def evaluate_all(fn, adapter, arg_lists: dict) -> dict:
    from ...learner.checks import Outcome, evaluate

    result = {}
    for part, arg_list in arg_lists.items():
        outcomes = []
        for args in arg_list:
            try:
                outcome = evaluate(fn, args, adapter)
            except BaseException as exc:  # SystemExit, KeyboardInterrupt, ...
                outcome = Outcome(raised=f"{type(exc).__name__}: {exc}")
            outcomes.append([plain(outcome.value), outcome.raised, outcome.mutated])
        result[part] = outcomes
    return result


def main() -> None:
    job = pickle.loads(sys.stdin.buffer.read())  # from the grader: NumPy integers stay NumPy integers
    out = os.fdopen(job["fd"], "w", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)  # what learner code prints costs nothing
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    import builtins

    namespace = {"__name__": "__main__"}
    namespace["__builtins__"] = dict(vars(builtins), __import__=deferring_import(builtins.__import__, namespace))
    errors = run_cells(job["setup"], namespace)
    namespace["__builtins__"] = builtins
    resolve_used(namespace, job["cells"] + adapter_sources(job["grids"]))
    errors += run_cells(job["cells"], namespace)
    out.write(json.dumps({"cells": errors}) + "\n")
    for name, adapter_ref, arg_lists in job["grids"]:
        adapter = getattr(importlib.import_module(adapter_ref[0]), adapter_ref[1]) if adapter_ref else None
        out.write(json.dumps({"start": name}) + "\n")
        fn = namespace.get(name)
        if fn is None:
            result = {part: [[None, f"NameError: name {name!r} is not defined", None]] * len(args)
                      for part, args in arg_lists.items()}
        else:
            result = evaluate_all(fn, adapter, arg_lists)
        out.write(json.dumps({"name": name, **result}) + "\n")
    out.write(json.dumps({"done": True}) + "\n")
    out.close()
    os._exit(0)  # no atexit handlers of learner code


if __name__ == "__main__":
    main()
