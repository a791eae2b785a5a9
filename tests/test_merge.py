"""autograder.grader.merge: the scoring policy, as a pure function."""
from __future__ import annotations

from autograder.grader.merge import DISAGREES, KERNEL_ONLY, KernelTest, merge
from autograder.grader.results import Verdict

MAX = {"test_f": 1.0, "test_f_hidden": 2.0}


def test_the_trusted_verdict_is_the_score_and_agreement_is_quiet():
    tests, flags = merge(MAX, {"test_f": KernelTest(1.0, "passed"), "test_f_hidden": KernelTest(2.0, "passed")},
                         {"test_f": Verdict(True, "passed"), "test_f_hidden": Verdict(True, "passed")})
    assert [(t.score, t.message, t.flag) for t in tests.values()] == [(1.0, "passed", None), (2.0, "passed", None)]
    assert flags == []


def test_a_faked_pass_scores_zero_with_the_trusted_message_and_is_flagged():
    tests, _ = merge(MAX, {"test_f": KernelTest(1.0, "passed"), "test_f_hidden": KernelTest(2.0, "passed")},
                     {"test_f": Verdict(True, "passed"), "test_f_hidden": Verdict(False, "AssertionError: f: 3 of 9")})
    hidden = tests["test_f_hidden"]
    assert hidden.score == 0.0 and hidden.message == "AssertionError: f: 3 of 9" and hidden.flag == DISAGREES
    assert tests["test_f"].flag is None


def test_a_kernel_failure_of_a_right_function_keeps_the_marks_says_why_and_is_flagged():
    tests, _ = merge(MAX, {"test_f": KernelTest(0.0, "NameError: name 'check' is not defined")},
                     {"test_f": Verdict(True, "passed"), "test_f_hidden": Verdict(True, "passed")})
    assert tests["test_f"].score == 1.0 and tests["test_f"].flag == DISAGREES
    assert tests["test_f"].message == "passed (trusted re-check); in the kernel: NameError: name 'check' is not defined"
    assert tests["test_f_hidden"].score == 2.0 and tests["test_f_hidden"].flag == DISAGREES  # its cell is missing


def test_a_test_without_a_verdict_keeps_the_kernel_score_and_the_entry_says_so():
    tests, flags = merge({"test_q": 1.0}, {"test_q": KernelTest(1.0, "passed")}, {})
    assert tests["test_q"].score == 1.0 and flags == [f"test_q: {KERNEL_ONLY}"]
