"""Results files: one JSON file per experiment in ``results/``, committed with the course.

A file holds the numbers an experiment produced and how they were made: its settings and
seeds, the device, torch and Python versions, the wall and CPU time, and ``hash``, a SHA-256
of the code that computes the numbers (``tasks.py``, ``train.py``, the code the experiments
share, the experiment's own function; as syntax trees, so a comment does not count) and of
its settings. :func:`stale` compares that hash with the current code, so a results
file can never silently lag behind the code that made it (a test checks every file).
"""
from __future__ import annotations

import ast
import hashlib
import inspect
import json
import platform
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
CODE = ("tasks.py", "train.py")   # the modules whose code determines the numbers


def code_hash(experiment) -> str:
    """SHA-256 of the number-making code (the task and training modules, the code every
    experiment shares, the experiment's own function) and of its settings. The code enters as
    its syntax tree without docstrings: comments, docstrings and layout do not make a file stale."""
    from .experiments import SHARED

    digest = hashlib.sha256()
    for name in CODE:
        digest.update(_tree((HERE / name).read_text()).encode())
    for fn in (*SHARED, experiment.runner):
        digest.update(_tree(inspect.getsource(fn)).encode())
    digest.update(json.dumps(experiment.settings, sort_keys=True).encode())
    return digest.hexdigest()


def _tree(source: str) -> str:
    """``ast.dump`` of ``source`` with every docstring removed."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree)


def environment(device) -> dict:
    import torch

    return {"device": str(device), "torch": torch.__version__, "python": platform.python_version(),
            "machine": platform.machine(), "threads": 1}


def path_of(name: str, folder: Path | None = None) -> Path:
    return (folder or RESULTS) / f"{name}.json"


def save(data: dict, folder: Path | None = None) -> Path:
    """Write one experiment's results: one line per run, so that a diff shows what changed."""
    path = path_of(data["name"], folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    head = {k: v for k, v in data.items() if k != "runs"}
    compact = {"separators": (",", ":")}
    lines = ["{", *(f"{json.dumps(k)}: {json.dumps(v, **compact)}," for k, v in head.items()), '"runs": {']
    runs = [f"  {json.dumps(label)}: {json.dumps(run, **compact)}" for label, run in data["runs"].items()]
    lines += [",\n".join(runs), "}", "}"]
    path.write_text("\n".join(lines) + "\n")
    return path


def load(name: str, folder: Path | None = None) -> dict:
    """The committed results of experiment ``name`` (see ``python -m autograder.learner.bench list``)."""
    path = path_of(name, folder)
    if not path.is_file():
        raise FileNotFoundError(f"no results for {name!r} in {path.parent}: run "
                                f"`python -m autograder.learner.bench run --only {name}`")
    return json.loads(path.read_text())


def stale(name: str, folder: Path | None = None) -> str | None:
    """``None`` when the results of ``name`` were made by the current code and settings,
    else why not."""
    from .experiments import EXPERIMENTS

    path = path_of(name, folder)
    if not path.is_file():
        return f"{path.name} is missing"
    stored = json.loads(path.read_text()).get("hash")
    if stored != code_hash(EXPERIMENTS[name]):
        return (f"{path.name} is older than the code that makes it (hash {str(stored)[:12]} != "
                f"{code_hash(EXPERIMENTS[name])[:12]}): re-run `python -m autograder.learner.bench run --only {name}`")
    return None

