"""The trusted re-check: grade the learner's functions outside nbgrader's kernel.

nbgrader runs learner code in the same kernel as the tests, so that code can fake its
tests (hijack ``__import__``, rewrite later cells, patch the checks). Here only the setup
cell of the released notebook and the learner's solution cells run, in a fresh interpreter
(``autograder.grader.sandbox``) inside new mount and network namespaces where ``solutions/``, the
references, the gradebook and the submissions are hidden under empty folders, with CPU,
memory and wall-clock limits. It returns plain JSON values; this module compares them
with the expected values, using the same judge as the test cells, so the messages match.
Where namespaces are not available (not Linux, no user namespaces), the same process runs
without them and the report says ``isolation: "process"``.
"""
from __future__ import annotations

import functools
import json
import os
import pickle
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from ..learner.checks import Case, Outcome, verdict, visible_cases
from .nbgrader_api import REPO

CPU_SECONDS = 60             # per sandbox process
MEMORY_BYTES = 8 * 2**30      # address space (torch reserves a lot of it)
PER_FUNCTION_SECONDS = 30     # wall clock for one graded function's whole grid


class Opaque:
    """A returned value that was not plain data (a tensor, a bool, ...), as the sandbox saw it."""

    def __init__(self, type_name: str, text: str):
        self.type_name, self.text = type_name, text

    def __repr__(self) -> str:
        return self.text


def _decode(value):
    if isinstance(value, dict) and "__type__" in value:
        return Opaque(value["__type__"], value.get("repr", ""))
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


@functools.lru_cache(maxsize=1)
def isolation_prefix() -> tuple[str, ...]:
    """``unshare`` arguments when new mount and network namespaces can be made here."""
    cmd = ("unshare", "--mount", "--net", "--map-root-user")
    try:
        ok = subprocess.run([*cmd, "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return cmd if ok else ()


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


def _launch(cells: list[str], jobs: list, hide: list[Path]):
    read_fd, write_fd = os.pipe()
    prefix = isolation_prefix()
    python = [sys.executable, "-I", "-m", "autograder.grader.sandbox"]
    if prefix:
        hidden = [str(p) for p in hide if p.exists()]
        script = 'for d in "$@"; do mount -t tmpfs -o size=1m,mode=000 none "$d"; done; exec ' + " ".join(python)
        cmd = [*prefix, "sh", "-c", script, "sandbox", *hidden]
    else:
        cmd = python
    env = {"PATH": os.environ.get("PATH", ""), "HOME": "/nonexistent", "LANG": "C.UTF-8",
           "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg"}
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            pass_fds=(write_fd,), env=env, cwd="/", start_new_session=True)
    os.close(write_fd)
    job = {"fd": write_fd, "cells": cells, "grids": jobs, "cpu_seconds": CPU_SECONDS, "memory_bytes": MEMORY_BYTES}
    try:
        proc.stdin.write(pickle.dumps(job))
        proc.stdin.close()
    except BrokenPipeError:
        pass
    return proc, os.fdopen(read_fd, "rb")


def _kill(proc) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def run_functions(cells: list[str], names: list[str], hide: list[Path], args: tuple = ()) -> dict:
    """Raw sandbox results ``{name: {"visible": [Outcome], "hidden": [Outcome]} | str}``
    (a string is why the function could not be evaluated), plus ``"_cells"``: the errors
    of the learner's cells."""
    jobs, _ = grids(tuple(names), args)
    results: dict = {"_cells": []}
    pending = list(jobs)
    while pending:
        proc, stream = _launch(cells, pending, hide)
        current, buffer, deadline = None, b"", time.monotonic() + 60 + PER_FUNCTION_SECONDS
        try:
            while pending:
                ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
                chunk = os.read(stream.fileno(), 1 << 20) if ready else None
                if not chunk:  # timed out, or the process ended without finishing
                    reason = ("did not finish within the time limit (an infinite loop?)" if chunk is None
                              else "ended the process before returning (sys.exit / os._exit / a crash)")
                    victim = current or pending[0][0]
                    results[victim] = f"{victim} {reason}"
                    pending = [j for j in pending if j[0] != victim]  # the others: a fresh process
                    break
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    msg = json.loads(line)
                    if "cells" in msg:
                        results["_cells"] = msg["cells"]
                    elif "start" in msg:
                        current, deadline = msg["start"], time.monotonic() + PER_FUNCTION_SECONDS
                    elif "name" in msg:
                        results[msg["name"]] = {part: [Outcome(_decode(v), r, m) for v, r, m in msg[part]]
                                                for part in ("visible", "hidden")}
                        pending = [j for j in pending if j[0] != msg["name"]]
                        current = None
        finally:
            _kill(proc)
            stream.close()
    return results


def recheck(cells: list[str], names: list[str], hide: list[Path], args: dict | None = None) -> dict[str, dict]:
    """Trusted verdicts ``{test grade_id: {"passed": bool, "message": str}}`` for the
    visible (``test_<fn>``) and hidden (``test_<fn>_hidden``) tests of ``names``; ``args``: what
    the submission fixes for the hidden cases (``{"seed": 7}`` for the review drill)."""
    from ..learner.cases import exercise

    args = tuple(sorted((args or {}).items()))
    raw = run_functions(cells, names, hide, args)
    _, trusted = grids(tuple(names), args)
    verdicts = {}
    for name in names:
        for part, gid in (("visible", f"test_{name}"), ("hidden", f"test_{name}_hidden")):
            got = raw.get(name)
            if isinstance(got, str) or got is None:
                verdicts[gid] = {"passed": False, "message": f"AssertionError: {got or name + ' was not evaluated'}"}
                continue
            try:
                verdict(name, trusted[name][part], got[part], exercise(name).peak,
                        "visible cases" if part == "visible" else "hidden cases")
                verdicts[gid] = {"passed": True, "message": "passed"}
            except AssertionError as err:
                verdicts[gid] = {"passed": False, "message": f"AssertionError: {err}"}
                if part == "visible":
                    verdicts[gid]["curve"] = failing_curve(name, trusted[name][part], got[part])
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


if __name__ == "__main__":  # a quick manual check: python -m autograder.grader.recheck NOTEBOOK
    import nbformat

    from ..learner.cases import submission_args

    nb = nbformat.read(sys.argv[1], as_version=4)
    setup = [c.source for c in nb.cells if c.cell_type == "code" and "nbgrader" not in c.metadata][:1]
    sols = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    args = submission_args(Path(sys.argv[1]).stem, [c.source for c in nb.cells if c.cell_type == "code"])
    print(json.dumps(recheck(setup + [c.source for c in sols], [c.metadata["nbgrader"]["grade_id"] for c in sols], [],
                             args), indent=1))
