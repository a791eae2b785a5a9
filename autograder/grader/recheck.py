"""The trusted re-check: grade the learner's functions outside nbgrader's kernel.

nbgrader runs learner code in the same kernel as the tests, so that code can fake its
tests (hijack ``__import__``, rewrite later cells, patch the checks). Here only the setup
cell of the released notebook and the learner's solution cells run, in a sandbox of their
own (:mod:`.sandbox`, the runner :mod:`.sandbox.runner`), which receives the arguments of
every case and returns the values the functions gave. This module judges those values
with the same ``judge`` as the test cells (so the messages match) against expected values
that never enter the sandbox: visible ones from ``autograder.learner.cases``, hidden ones
from the exact references.
"""
from __future__ import annotations

import functools
import json
import os
import pickle
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..learner.checks import Case, Outcome, verdict, visible_cases
from . import channel, sandbox
from .results import Verdict

CPU_SECONDS = 60             # per sandbox process
MEMORY_BYTES = 3 * 2**30     # address space (torch reserves a lot of it)
STARTUP_SECONDS = 60         # to run the setup and solution cells
PER_FUNCTION_SECONDS = 30    # wall clock for one graded function's whole grid
RUNNER = [sys.executable, "-I", "-m", "autograder.grader.sandbox.runner"]


class RecheckError(Exception):
    """The sandbox's channel broke the protocol: this submission cannot be re-checked."""


@dataclass
class Failure:
    """Why a function could not be evaluated at all."""

    reason: str
    hung: bool = False


class Opaque:
    """A returned value that was not plain data (a tensor, a bool, ...), as the sandbox saw it."""

    def __init__(self, type_name: str, text: str):
        self.type_name, self.text = type_name, text

    def __repr__(self) -> str:
        return self.text


def _decode(value):
    if isinstance(value, dict) and "__type__" in value:
        return Opaque(str(value["__type__"]), str(value.get("repr", "")))
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


@functools.lru_cache(maxsize=64)  # bounded: a class of drill notebooks has one entry per seed
def grids(names: tuple[str, ...], args: tuple = ()) -> tuple[list, dict]:
    """``(jobs, cases)``: for each exercise, the arguments sent to the sandbox and the
    trusted cases (with expected values) they are judged against. ``args``: ``(name, value)``
    pairs that the submission fixes for the hidden cases (the review drill's seed)."""
    from ..learner.cases import exercise
    from ..references import hidden_cases

    jobs, cases = [], {}
    for name in names:
        ex = exercise(name)
        cases[name] = {"visible": visible_cases(ex), "hidden": hidden_cases(name, **dict(args))}
        adapter = (ex.adapter.__module__, ex.adapter.__qualname__) if ex.adapter else None
        jobs.append((name, adapter, {part: [c.args for c in cs] for part, cs in cases[name].items()}))
    return jobs, cases


def _launch(setup: list[str], cells: list[str], jobs: list) -> tuple[subprocess.Popen, int, int | None]:
    read_fd, write_fd = os.pipe()
    uid, lock = sandbox.claim_uid()
    spec = sandbox.Spec(keep_fds=[write_fd], quiet=True,
                        limits=sandbox.Limits(cpu_seconds=CPU_SECONDS, memory_bytes=MEMORY_BYTES))
    env = {"PATH": os.environ.get("PATH", ""), "HOME": "/nonexistent", "LANG": "C.UTF-8", "OMP_NUM_THREADS": "1",
           "MPLBACKEND": "Agg", **({"MNIST_DIR": str(sandbox.data_dirs()[0])} if sandbox.data_dirs() else {})}
    proc = subprocess.Popen(sandbox.argv(spec, RUNNER, uid), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, pass_fds=(write_fd,), env=env, cwd="/",
                            start_new_session=True)
    os.close(write_fd)
    try:
        proc.stdin.write(pickle.dumps({"fd": write_fd, "setup": setup, "cells": cells, "grids": jobs}))
        proc.stdin.close()
    except BrokenPipeError:
        pass
    return proc, read_fd, lock


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def _collect(ch: channel.Channel, pending: list, results: dict) -> None:
    """Read one sandbox's messages into ``results`` (pending jobs are removed as they
    finish); a timeout or the end of the process is charged to the function running then,
    or to all pending ones when the cells themselves did not finish."""
    current, cells_done = None, False
    try:
        results["_cells"] = channel.parse_cells(ch.next())
        cells_done = True
        for name, _adapter, arg_lists in list(pending):
            channel.parse_start(ch.next(), name)
            current = name
            ch.deadline.start_function(PER_FUNCTION_SECONDS)
            got = channel.parse_result(ch.next(), name, {part: len(a) for part, a in arg_lists.items()})
            results[name] = {part: [Outcome(_decode(v), r, m) for v, r, m in items] for part, items in got.items()}
            pending.pop(0)
            current = None
    except channel.ChannelError as exc:
        raise RecheckError(f"the re-check's results were not well-formed ({exc}); "
                           "the notebook wrote to the grader's channel or crashed the runner") from None
    except (channel.Timeout, channel.Closed) as exc:
        hung = isinstance(exc, channel.Timeout)
        reason = ("did not finish within the time limit (an infinite loop?)" if hung
                  else "ended the process before returning (sys.exit / os._exit / a crash / out of memory)")
        victims = [current or pending[0][0]] if cells_done else [job[0] for job in pending]
        where = "" if cells_done else " (while the notebook's cells ran, before any function was called)"
        for name in victims:
            results[name] = Failure(f"{name} {reason}{where}", hung)
        pending[:] = [job for job in pending if job[0] not in victims]


def run_functions(setup: list[str], cells: list[str], names: list[str], args: tuple = ()) -> dict:
    """Raw results ``{name: {"visible": [Outcome], "hidden": [Outcome]} | Failure}`` plus
    ``"_cells"``: the errors of the learner's cells. A function that hangs or kills its
    process is charged alone; the others are evaluated again in a fresh sandbox."""
    jobs, _ = grids(tuple(names), args)
    results: dict = {"_cells": []}
    pending = list(jobs)
    while pending:
        proc, fd, lock = _launch(setup, cells, pending)
        deadline = channel.Deadline.starting_now(STARTUP_SECONDS + PER_FUNCTION_SECONDS * len(pending))
        try:
            _collect(channel.Channel(fd, deadline), pending, results)
        finally:
            _kill(proc)
            os.close(fd)
            if lock is not None:
                os.close(lock)
    return results


def recheck(setup: list[str], cells: list[str], names: list[str], args: dict | None = None) -> dict[str, Verdict]:
    """Trusted verdicts for the visible (``test_<fn>``) and hidden (``test_<fn>_hidden``)
    tests of ``names``; ``args``: what the submission fixes for the hidden cases (``{"seed": 7}``
    for the review drill). Raises :class:`RecheckError` when the sandbox broke the protocol."""
    from ..learner.cases import exercise

    args = tuple(sorted((args or {}).items()))
    raw = run_functions(setup, cells, names, args)
    _, trusted = grids(tuple(names), args)
    verdicts = {}
    for name in names:
        got = raw.get(name)
        for part, gid in (("visible", f"test_{name}"), ("hidden", f"test_{name}_hidden")):
            if isinstance(got, Failure):
                verdicts[gid] = Verdict(False, f"AssertionError: {got.reason}", hung=got.hung)
                continue
            try:
                verdict(name, trusted[name][part], got[part], exercise(name).peak,
                        "visible cases" if part == "visible" else "hidden cases")
                why = "\n".join(c.hint for c in trusted[name][part]) if exercise(name).explain else None
                verdicts[gid] = Verdict(True, "passed", explanation=why)
            except AssertionError as err:
                curve = failing_curve(name, trusted[name][part], got[part]) if part == "visible" else None
                verdicts[gid] = Verdict(False, f"AssertionError: {err}", curve=curve)
    return verdicts


def failing_curve(name: str, cases: list[Case], outcomes: list[Outcome]) -> dict | None:
    """For feedback: the first PyTorch run (a stretch of consecutive steps with the same
    other arguments) where the learner's values differ, as lists to plot."""
    from ..learner.checks import judge

    runs: dict = {}
    for case, outcome in zip(cases, outcomes):
        if "step" in case.args and isinstance(case.want, float):
            key = json.dumps({k: v for k, v in case.args.items() if k != "step"}, sort_keys=True, default=str)
            runs.setdefault(key, []).append((case, outcome))
    for key, points in runs.items():
        if len(points) >= 10 and any(judge(name, c, o) for c, o in points):
            got = [o.value if o.raised is None and isinstance(o.value, (int, float)) else None for _, o in points]
            return {"function": name, "args": json.loads(key), "steps": [int(c.args["step"]) for c, _ in points],
                    "expected": [c.want for c, _ in points], "got": got}
    return None


def hang_stub(name: str, message: str) -> str:
    """Source that replaces a solution cell whose function hangs, before the kernel runs."""
    return f"def {name}(*args, **kwargs):\n    raise TimeoutError({message!r})\n"


def isolation_label() -> str:
    """What the report says of the re-check: ``"isolated"`` in a sandbox, else ``"process"``."""
    return "isolated" if sandbox.isolation() == "bubblewrap" else "process"


if __name__ == "__main__":  # a quick manual check: python -m autograder.grader.recheck NOTEBOOK
    import nbformat

    from ..learner.cases import submission_args
    from .discovery import notebook_parts

    nb = nbformat.read(sys.argv[1], as_version=4)
    parts = notebook_parts(nb)
    args = submission_args(Path(sys.argv[1]).stem, [c.source for c in nb.cells if c.cell_type == "code"])
    result = recheck(parts.setup, parts.cell_sources, parts.solution_ids, args)
    print(json.dumps({gid: v.to_json() for gid, v in result.items()}, indent=1))
