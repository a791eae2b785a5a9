"""The check helpers and the case data: fast unit tests, no kernel."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import torch

from autograder.learner import checks
from autograder.learner.cases import EXERCISES
from autograder.learner.cases.review_drill import SLOTS as DRILL_SLOTS
from autograder.learner.checks import Case, check, check_cases, compare, tolerance
from autograder.references import HIDDEN_SEEDS, REFERENCES, check_hidden, hidden_cases


def test_every_exercise_has_a_reference_and_back():
    assert set(EXERCISES) == set(REFERENCES)


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_reference_passes_its_own_checks(name, capsys):
    """The exact reference agrees with the hand-checked values, PyTorch and itself."""
    check(name, REFERENCES[name])
    check_hidden(name, REFERENCES[name])
    out = capsys.readouterr()
    assert out.out.count("\u2713") == 2 and out.err == ""


DRILL = set(DRILL_SLOTS)


@pytest.mark.parametrize("name", sorted(set(EXERCISES) - DRILL))
def test_cases_are_complete(name):
    """(The review drill's answers have one hidden case, the seed: tests/test_drill.py checks them.)"""
    ex = EXERCISES[name]
    assert ex.visible, f"{name}: no visible cases"
    assert all(c.want is not None and c.hint for c in ex.visible), f"{name}: visible cases need a value and a hint"
    assert all(c.want is None and c.hint for c in ex.hidden), f"{name}: hidden cases need a hint, and no value"
    if name in HIDDEN_SEEDS:  # graded by training: the visible target on hidden seeds, every step of the budget
        assert ex.hidden and set(HIDDEN_SEEDS[name]).isdisjoint(ex.visible[0].want.seeds), name
        return
    assert len(ex.hidden) >= 10, f"{name}: the hidden grid is too small"
    if "step" in ex.hidden[0].args:
        assert any(isinstance(c.args["step"], np.integer) for c in ex.hidden), f"{name}: no NumPy integer step"


def test_tolerance_is_the_spec_formula():
    assert tolerance(0.01, 0.1) == pytest.approx(1e-9 * 0.01 + 1e-12 * 0.1)
    assert compare(0.01 + 0.9e-11, 0.01, peak=0.1) is None
    assert compare(0.01 + 1.2e-11, 0.01, peak=0.1) is not None
    assert compare(1e-300, 0.0, peak=1.0) is None        # the peak term covers values near zero
    assert compare(2e-12, 0.0, peak=1.0) is not None


@pytest.mark.parametrize("got, reason", [
    (float("nan"), "NaN"),
    (True, "real number"),
    (torch.tensor(0.1), "torch.Tensor"),
    ("0.1", "real number"),
    (None, "real number"),
])
def test_compare_rejects_non_numbers(got, reason):
    assert reason in compare(got, 0.1)


def test_compare_accepts_numpy_scalars_and_checks_sequences_and_ints():
    assert compare(np.float64(0.1), 0.1) is None
    assert compare((1, 2, 10), (1, 2, 10)) is None
    assert "item 1" in compare((1, 3, 10), (1, 2, 10))
    assert compare(2.0, 2) == "expected an integer"
    assert compare(np.int64(2), 2) is None


class AlwaysEqual(float):
    def __eq__(self, other):
        return True


def test_a_float_subclass_cannot_fake_equality():
    assert compare(AlwaysEqual(5.0), 0.1) is not None


def step_lr_true_division(step, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** (step / step_size)


def test_failure_message_names_call_expected_got_and_hint():
    with pytest.raises(AssertionError) as err:
        check("step_lr", step_lr_true_division)
    msg = str(err.value)
    assert "step_lr(step=45, base_lr=0.1, step_size=30, gamma=0.1)" in msg
    assert "expected 0.01" in msg and "got      0.0031622776601" in msg
    assert "Hint: 45 // 30 == 1" in msg
    assert "of 167 visible cases wrong" in msg


def test_mutating_an_argument_fails():
    def sorts_in_place(step, base_lr, milestones, gamma=0.1):
        milestones.sort()
        return base_lr * gamma ** sum(m <= step for m in milestones)
    with pytest.raises(AssertionError, match="changed its argument"):
        check_cases("multistep_lr", sorts_in_place, [Case({"step": 5, "base_lr": 0.1, "milestones": [9, 3]}, 0.01)])


def test_a_warning_in_learner_code_is_a_reported_failure_not_stderr(capsys):
    def warns(step, base_lr):
        warnings.warn("deprecated")
        return base_lr
    with pytest.raises(AssertionError, match="raised UserWarning: deprecated"):
        check_cases("constant_lr", warns, [Case({"step": 0, "base_lr": 0.1}, 0.1)])
    assert capsys.readouterr().err == ""


def test_not_implemented_gives_one_clear_line():
    def stub(step, base_lr):
        raise NotImplementedError()
    with pytest.raises(AssertionError, match="constant_lr is not implemented yet"):
        check("constant_lr", stub)


def test_a_wrong_answer_at_one_hidden_case_is_caught():
    """The hidden grid is not decorative: breaking the reference at one boundary fails it."""
    ref = REFERENCES["step_lr"]

    def off_at_boundary(step, base_lr, step_size, gamma=0.1):
        return ref(step, base_lr, step_size, gamma) * (1.5 if step == 3 * step_size else 1.0)
    with pytest.raises(AssertionError, match="hidden cases wrong"):
        check_hidden("step_lr", off_at_boundary)


def test_torch_oracle_catches_a_disagreement():
    cases = checks.oracle_cases(checks.Oracle({"base_lr": 0.1, "gamma": 0.9}, "ExponentialLR", {"gamma": 0.9}, 5))
    assert [c.want for c in cases][:2] == [0.1, 0.1 * 0.9]
    with pytest.raises(AssertionError, match=r"PyTorch's ExponentialLR\(gamma=0.9\) gives the expected lr"):
        check_cases("exponential_lr", lambda step, base_lr, gamma: base_lr * gamma ** (step + 1), cases)


def test_torch_lrs_records_before_stepping_and_warns_nothing():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lrs = checks.torch_lrs(("StepLR", dict(step_size=2, gamma=0.5)), 5, base_lr=1.0)
        composed = checks.torch_lrs(("SequentialLR", dict(
            schedulers=[("ConstantLR", dict(factor=0.5, total_iters=2)), ("ExponentialLR", dict(gamma=0.5))],
            milestones=[2])), 4, base_lr=1.0)
    assert lrs == [1.0, 1.0, 0.5, 0.5, 0.25]
    assert composed == [0.5, 0.5, 1.0, 0.5]


def test_torch_lrs_takes_no_scheduler_factory():
    """It is not the answer to notebook 07's lr_trace(make_scheduler, ...): a callable is refused."""
    with pytest.raises((TypeError, ValueError)):
        checks.torch_lrs(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=2), 5)


def test_hidden_cases_fill_in_expected_values():
    cases = hidden_cases("exponential_lr")
    assert all(isinstance(c.want, float) for c in cases)
    assert any(c.want == pytest.approx(0.1 * 0.9 ** 20) for c in cases)
    assert math.isclose(cases[0].want, cases[0].args["base_lr"])
