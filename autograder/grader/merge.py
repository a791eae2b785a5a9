"""The scoring policy, as one pure function: what a test scores, given what the kernel said
and what the trusted re-check decided.

* A test the re-check covers scores what the re-check decided (all or nothing); when the
  kernel's score differs, the test is flagged (the notebook may have tampered with its tests).
* A test the re-check does not cover keeps the kernel's score, and the entry is flagged
  ``kernel-only`` (no test of this course is: ``tests/test_grading.py`` checks it).
"""
from __future__ import annotations

from dataclasses import dataclass

from .results import TestResult, Verdict

DISAGREES = "in-kernel result disagrees with trusted re-check"
KERNEL_ONLY = "scored by the notebook's kernel only (no trusted re-check covers it)"


@dataclass
class KernelTest:
    """What nbgrader's run of the notebook gave one test cell."""

    score: float
    message: str


def merge(max_scores: dict[str, float], kernel: dict[str, KernelTest],
          verdicts: dict[str, Verdict]) -> tuple[dict[str, TestResult], list[str]]:
    """``(tests, flags)`` for one submission."""
    tests, flags = {}, []
    for gid, max_score in max_scores.items():
        ran = kernel.get(gid, KernelTest(0.0, "test cell missing"))
        decided = verdicts.get(gid)
        if decided is None:
            tests[gid] = TestResult(ran.score, max_score, ran.message)
            flags.append(f"{gid}: {KERNEL_ONLY}")
            continue
        trusted = max_score if decided.passed else 0.0
        if not decided.passed:
            message = decided.message
        elif ran.score >= max_score:
            message = "passed"
        else:
            message = "passed (trusted re-check); in the kernel: " + ran.message
        tests[gid] = TestResult(trusted, max_score, message, DISAGREES if trusted != ran.score else None)
    return tests, flags
