"""The experiment bench: its results files are fresh and reproduce, the loop keeps the step
convention and is deterministic, and the targets of the exercises graded by training say
what went wrong. (The exercises themselves are graded end to end in test_grading.py.)"""
from __future__ import annotations

import math
import os
from pathlib import Path

import pytest
import torch

from autograder.learner.bench import EXPERIMENTS, load, run, run_experiment, stale
from autograder.learner.bench.targets import Trained, diagnose, schedule_values
from autograder.learner.bench.tasks import NoisyQuadraticTask
from autograder.references import HIDDEN_SEEDS

REPO = Path(__file__).resolve().parents[1]
MNIST = Path(os.environ.get("MNIST_DIR") or REPO.parent / "shared" / "data" / "mnist")
needs_mnist = pytest.mark.skipif(not (MNIST / "train-images-idx3-ubyte.gz").is_file(),
                                 reason=f"the MNIST files are not in {MNIST} (set $MNIST_DIR)")
PREFIX = 40        # updates re-run per experiment: a multiple of every training-loss window
REL_TOL = 1e-4     # this machine gives identical numbers; another CPU's kernels may round differently


@pytest.mark.parametrize("name", sorted(EXPERIMENTS))
def test_results_file_is_fresh(name):
    """Made by the current code and settings (the hash), on the CPU, with at least 3 seeds."""
    assert stale(name) is None, stale(name)
    data = load(name)
    assert len(data["seeds"]) >= 3, f"{name}: {data['seeds']}"
    assert data["environment"]["device"] == "cpu" and data["settings"] == EXPERIMENTS[name].settings
    assert data["seconds"] > 0 and data["environment"]["torch"] == torch.__version__


def _close(new, old, where):
    """``new`` (a prefix re-run) agrees with ``old`` (the committed file) wherever ``new`` has a value."""
    if new is None:
        return
    if isinstance(new, dict):
        for key, value in new.items():
            if key not in ("seconds",):
                assert key in old, f"{where}: {key} missing from the committed file"
                _close(value, old[key], f"{where}.{key}")
    elif isinstance(new, list):
        for i, (a, b) in enumerate(zip(new, old)):
            _close(a, b, f"{where}[{i}]")
    elif isinstance(new, (int, float)) and not isinstance(new, bool):
        assert old is not None and abs(new - old) <= REL_TOL * abs(old) + 1e-9, f"{where}: {new} != committed {old}"
    else:
        assert new == old, f"{where}: {new!r} != committed {old!r}"


@needs_mnist
@pytest.mark.parametrize("name", sorted(EXPERIMENTS))
def test_results_file_reproduces(name):
    """The first PREFIX updates of every run of the first seed, re-run now, give the committed numbers."""
    data = load(name)
    fresh = run_experiment(name, seeds=data["seeds"][:1], first=PREFIX)
    assert list(fresh["runs"]) == list(data["runs"])
    _close(fresh["runs"], data["runs"], name)
    _close(fresh["extra"], data["extra"], f"{name}.extra")


def test_update_k_uses_schedule_k_and_the_caller_state_is_kept():
    """Noise-free quadratic, plain SGD: x after the run is exactly prod(1 - lr_k h) per coordinate."""
    task = NoisyQuadraticTask(dim=3, condition=10.0, noise=0.0)
    lrs = [0.1 * (k % 3 + 1) for k in range(7)]
    torch.manual_seed(123)
    before = torch.rand(1).item()
    torch.manual_seed(123)
    threads = torch.get_num_threads()
    result = run(lrs.__getitem__, task, 7, seeds=[0], eval_every=7)
    assert result["lr"] == lrs
    h = task.curvatures()
    x = torch.tensor([math.prod(1 - lr * hi for lr in lrs) for hi in h.tolist()], dtype=torch.float64)
    want = 0.5 * (h * x ** 2).sum().item()
    assert result["runs"][0]["test_loss"][-1] == pytest.approx(want, rel=1e-12)
    assert torch.rand(1).item() == before and torch.get_num_threads() == threads


def test_the_same_call_gives_the_same_numbers_and_divergence_stops_a_run():
    task = NoisyQuadraticTask(dim=20)
    a = run(lambda k: 0.5, task, 60, seeds=[0, 1], eval_every=20)
    b = run(lambda k: 0.5, task, 60, seeds=[0, 1], eval_every=20)
    assert [r["train_loss"] for r in a["runs"]] == [r["train_loss"] for r in b["runs"]]
    assert a["runs"][0]["train_loss"] != a["runs"][1]["train_loss"]          # the seed matters
    blown = run(lambda k: 2.5, task, 60, seeds=[0], eval_every=20)["runs"][0]  # above 2 / h_max = 2
    assert blown["diverged_at"] is not None and len(blown["train_loss"]) == blown["diverged_at"] + 1


def test_expected_loss_of_the_quadratic():
    """The closed recursion, its vectorised final value and the floor agree with each other and
    with the mean of sampled runs."""
    task = NoisyQuadraticTask(dim=10, condition=100.0, noise=0.05)
    lrs = [0.5] * 400
    curve = task.expected_loss(lrs)
    assert task.expected_final_loss(torch.tensor(lrs, dtype=torch.float64)).item() == pytest.approx(curve[-1], rel=1e-10)
    assert curve[-1] == pytest.approx(task.floor(0.5), rel=0.02)        # 400 updates: settled on the floor
    sampled = run(lrs.__getitem__, task, 400, seeds=range(40), eval_every=400)
    mean = sum(r["test_loss"][-1] for r in sampled["runs"]) / 40
    assert mean == pytest.approx(curve[-1], rel=0.25)                    # 40 samples of a chi-square-like loss


# --- the targets of the exercises graded by training ---------------------------------------------

TARGET = Trained(task="transformer", budget=10, seeds=(0,), at_least=0.98, peak=0.05)


@pytest.mark.parametrize("lrs, says", [
    ([0.05] * 9, "expected 10 learning rates"),
    ([0.05] * 9 + [float("nan")], "must be a finite float"),
    ([0.05] * 9 + [-0.01], "must not be negative"),
    ([0.01] * 10, "fixes the peak at 0.05"),
])
def test_a_target_rejects_bad_rates_before_training(lrs, says):
    assert says in TARGET.assess(lrs)


def _report(losses, diverged=None):
    return {"diverged": [diverged], "losses": [losses]}


@pytest.mark.parametrize("lrs, report, says", [
    ([0.05] * 10, _report([2.8] * 5, diverged=4), "diverged at update 4"),
    ([0.05] * 10, _report([2.8] * 10), "Warm up"),
    ([0.005 * k for k in range(1, 11)], _report([2.8] * 10), "too small"),
    ([0.05] * 10, _report([2.8 - 0.2 * k for k in range(10)]), "decay it towards 0"),
    ([0.05 * (1 - k / 10) for k in range(10)], _report([2.8 - 0.2 * k for k in range(10)]), "warm up for longer"),
])
def test_diagnose_names_the_problem_in_training_terms(lrs, report, says):
    assert says in diagnose(TARGET, lrs, report)


def test_without_a_fixed_peak_the_advice_is_about_the_peak_too():
    free = TARGET._replace(peak=None)
    lrs = [0.05 * (1 - k / 10) for k in range(10)]
    assert "try another peak" in diagnose(free, lrs, _report([2.8 - 0.2 * k for k in range(10)]))


def test_the_adapter_wants_real_numbers():
    assert schedule_values(lambda step: step / 2, {"step": range(3)}) == [0.0, 0.5, 1.0]
    with pytest.raises(TypeError, match="returned a str"):
        schedule_values(lambda step: "0.1", {"step": range(3)})


def test_the_hidden_seeds_are_not_released():
    """The seeds of the hidden training tests appear nowhere a learner gets (course/, autograder/learner/)."""
    seeds = {str(s) for seeds in HIDDEN_SEEDS.values() for s in seeds}
    assert seeds and all(len(s) >= 6 for s in seeds)
    released = [p for folder in ("course", "autograder/learner") for p in (REPO / folder).rglob("*")
                if p.is_file() and p.suffix in (".py", ".ipynb", ".json", ".md")]
    for path in released:
        text = path.read_text(errors="ignore")
        assert not any(s in text for s in seeds), f"a hidden seed is in {path.relative_to(REPO)}"


def test_the_results_ship_with_the_package():
    """pyproject.toml installs the bench and its results files (an installed course can plot them)."""
    from fnmatch import fnmatch

    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    packages = config["packages"]   # a list, or {"find": {"include": [patterns]}}
    listed = packages if isinstance(packages, list) else packages["find"]["include"]
    assert any(fnmatch("autograder.learner.bench", p) for p in listed), listed
    assert config["package-data"]["autograder.learner.bench"] == ["results/*.json"]
