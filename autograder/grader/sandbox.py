"""Runs INSIDE the re-check's isolated process: learner code in, plain JSON out.

``python -I -m autograder.grader.sandbox`` reads a pickled job from stdin (written by the trusted
grader, never by learner code), runs the setup cell and the learner's solution cells, calls
each graded function on every case of its grids, and writes one JSON line per function to
the file descriptor it was given. It judges nothing: ``autograder.grader.recheck`` compares the
numbers in the grading process. Whatever learner code does in here, it can only change the
numbers it returns.
"""
from __future__ import annotations

import json
import numbers
import os
import pickle
import resource
import sys
import tempfile


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


def _limit(cpu_seconds: int, memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


def main() -> None:
    job = pickle.load(sys.stdin.buffer)
    out = os.fdopen(job["fd"], "w", buffering=1)
    _limit(job["cpu_seconds"], job["memory_bytes"])
    os.chdir(tempfile.mkdtemp(prefix="lr-sandbox-"))
    devnull = os.open(os.devnull, os.O_WRONLY)  # what learner code prints costs nothing
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)

    from IPython.core.inputtransformer2 import TransformerManager

    import importlib

    from ..learner.checks import Outcome, evaluate

    cell_errors = []
    namespace = {"__name__": "__main__"}
    for source in job["cells"]:
        try:
            code = TransformerManager().transform_cell(source)
            exec(compile(code, "<cell>", "exec"), namespace)
        except BaseException as exc:  # a broken cell: later cells still run, as in the kernel
            cell_errors.append(f"{type(exc).__name__}: {exc}"[:300])
    out.write(json.dumps({"cells": cell_errors}) + "\n")

    for name, adapter_ref, parts in job["grids"]:
        adapter = None
        if adapter_ref:  # (module, attribute) of an adapter in autograder.learner.cases
            adapter = getattr(importlib.import_module(adapter_ref[0]), adapter_ref[1])
        fn = namespace.get(name)
        out.write(json.dumps({"start": name}) + "\n")
        result = {"name": name}
        for part, arg_list in parts.items():
            outcomes = []
            for args in arg_list:
                if fn is None:
                    outcome = Outcome(raised=f"NameError: name {name!r} is not defined")
                else:
                    try:
                        outcome = evaluate(fn, args, adapter)
                    except BaseException as exc:  # SystemExit, KeyboardInterrupt, ...
                        outcome = Outcome(raised=f"{type(exc).__name__}: {exc}")
                outcomes.append([plain(outcome.value), outcome.raised, outcome.mutated])
            result[part] = outcomes
        out.write(json.dumps(result) + "\n")
    out.write(json.dumps({"done": True}) + "\n")
    out.close()
    os._exit(0)  # no atexit handlers of learner code


if __name__ == "__main__":
    main()
