"""What grading produces, as types: a verdict of the trusted re-check, a test's result, one
graded entry (a student's assignment), and the kinds of error that stop a notebook from
being graded. ``Entry.to_json`` is the report format of COURSE_SPEC.md (plus ``missing``,
``flags``, ``recheck`` and ``isolation``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class ErrorKind(str, Enum):
    """Why a submission could not be graded (its entry's ``error`` says it in words)."""

    UNREADABLE = "unreadable"             # not JSON, not UTF-8, cannot be opened
    INVALID = "invalid"                   # JSON, but not a valid notebook
    NO_NOTEBOOK = "no-notebook"           # the assignment folder holds no notebook we can use
    NO_NBGRADER_CELLS = "no-nbgrader-cells"
    DUPLICATE_CELLS = "duplicate-cells"
    FOREIGN_CELLS = "foreign-cells"       # grade_ids this assignment does not have
    BAD_METADATA = "bad-metadata"         # nbgrader metadata edited into something nbgrader rejects
    KERNEL_DIED = "kernel-died"
    AUTOGRADE_FAILED = "autograde-failed"
    RECHECK_FAILED = "recheck-failed"     # the re-check's channel broke its protocol
    GRADING_LOST = "grading-lost"         # the worker grading it failed


@dataclass
class Verdict:
    """The trusted re-check's decision on one test cell (``test_<fn>`` or ``test_<fn>_hidden``)."""

    passed: bool
    message: str
    hung: bool = False                  # the function did not finish in its time
    curve: dict | None = None           # for feedback: learner vs expected on a failing run
    explanation: str | None = None      # why the answer is right (exercises that explain: the drill)

    def to_json(self) -> dict:
        return {"passed": self.passed, "message": self.message, "hung": self.hung, "curve": self.curve,
                "explanation": self.explanation}

    @classmethod
    def from_json(cls, data: dict) -> Verdict:
        return cls(bool(data["passed"]), str(data["message"]), bool(data.get("hung")), data.get("curve"),
                   data.get("explanation"))


@dataclass
class TestResult:
    """One test cell's result in the report."""

    __test__ = False  # not a pytest test class
    score: float
    max_score: float
    message: str
    flag: str | None = None

    def to_json(self) -> dict:
        out = {"score": float(self.score), "max_score": float(self.max_score), "message": self.message}
        if self.flag:
            out["flag"] = self.flag
        return out


@dataclass
class Entry:
    """One student's graded (or not) assignment."""

    max_score: float
    tests: dict[str, TestResult]
    error: str | None = None
    error_kind: ErrorKind | None = None
    missing: bool = False
    flags: list[str] = field(default_factory=list)
    recheck: str = "none"               # "isolated" | "process" | "none"
    isolation: str = "none"             # "bubblewrap" | "none"

    @property
    def score(self) -> float:
        return float(sum(t.score for t in self.tests.values()))

    @classmethod
    def not_graded(cls, max_scores: dict[str, float], error: str, kind: ErrorKind, isolation: str = "none") -> Entry:
        tests = {gid: TestResult(0.0, m, f"not graded: {error}") for gid, m in max_scores.items()}
        return cls(float(sum(max_scores.values())), tests, error, kind, isolation=isolation)

    @classmethod
    def absent(cls, max_scores: dict[str, float]) -> Entry:
        tests = {gid: TestResult(0.0, m, "missing submission") for gid, m in max_scores.items()}
        return cls(float(sum(max_scores.values())), tests, missing=True)

    def to_json(self) -> dict:
        return {"score": self.score, "max_score": float(self.max_score), "error": self.error,
                "error_kind": self.error_kind.value if self.error_kind else None, "missing": self.missing,
                "flags": list(self.flags), "recheck": self.recheck, "isolation": self.isolation,
                "tests": {gid: t.to_json() for gid, t in self.tests.items()}}

    @classmethod
    def from_json(cls, data: dict) -> Entry:
        tests = {gid: TestResult(t["score"], t["max_score"], t["message"], t.get("flag"))
                 for gid, t in data["tests"].items()}
        kind = ErrorKind(data["error_kind"]) if data.get("error_kind") else None
        return cls(float(data["max_score"]), tests, data.get("error"), kind, bool(data.get("missing")),
                   list(data.get("flags") or []), data.get("recheck", "none"), data.get("isolation", "none"))
