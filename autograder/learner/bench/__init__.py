"""The experiment bench: what a schedule does to training, measured with several seeds.

One training loop for three small tasks, so that every notebook shows schedules on the same
footing:

* ``"mnist"``: real MNIST (``autograder.learner.mnist``) and an MLP 784-100-10, batches of 32;
  ``"mnist-cnn"``: the capstone's CNN;
* ``"quadratic"``: the noisy quadratic model, whose expected loss is known exactly;
* ``"transformer"``: a tiny Post-LayerNorm transformer that learns to sort 12 tokens.

    >>> from autograder.learner import bench
    >>> result = bench.run(lambda k: 0.05, "mnist", budget=300, seeds=[0, 1, 2], optimizer="momentum")
    >>> result["runs"][0]["test_acc"][-1]             # accuracy after the last update, seed 0

``run(schedule_fn, task, budget, seeds, optimizer=...)`` uses ``schedule_fn(k)`` for update
``k`` (the course's step convention) and returns the training loss of every update, the test
loss and accuracy every ``eval_every`` updates, and the learning rates; it is deterministic
on the CPU (one thread, seeded initialisation and data order).

The experiments the notebooks plot are registered in :mod:`.experiments`; their results are
committed in ``results/`` and loaded with :func:`load`. ``python -m autograder.learner.bench
run`` re-runs them (``list`` shows them, ``check`` finds stale files).

The names below are imported on first use: the case modules import ``bench.targets``, and
that must not cost a torch import in a notebook that does not train.
"""
import importlib

_WHERE = {"run": "train", "make_task": "tasks", "TASKS": "tasks", "EXPERIMENTS": "experiments",
          "run_experiment": "experiments", "load": "results", "stale": "results", "curves": "plots",
          "side_by_side": "plots", "table": "plots", "compare": "plots"}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)


def __dir__():
    return sorted(list(globals()) + __all__)
