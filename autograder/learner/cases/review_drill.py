"""Question formats of 09-review-drill: ids, answer types and tolerances, and the visible
format check. No answers here: they and their explanations live with the instructor, in
:mod:`autograder.references.review_drill`.

Answer kinds:

* ``"number"``: a real number, accepted within a relative tolerance (``rel_tol``; 5e-4 is
  "to 4 significant digits");
* ``"integer"``: a whole number, graded exactly (a float that differs from it only by the
  rounding of an expression, relative 1e-9, is accepted: ``2 / (1 - 0.999)``);
* ``"letter"``: one of the letters ``choices``, upper or lower case, spaces ignored.
"""
from __future__ import annotations

import math
import numbers
from typing import Any, NamedTuple

SIG4 = 5e-4          # "to 4 significant digits"
INT_TOL = 1e-9       # float rounding of an expression that should give a whole number


class Question(NamedTuple):
    kind: str                 # "number", "integer" or "letter"
    rel_tol: float = 0.0
    choices: str = ""


QUESTIONS: dict[str, Question] = {
    "q01": Question("integer"),
    "q02": Question("number", SIG4),
    "q03": Question("number", SIG4),
    "q04": Question("letter", choices="ABCD"),
    "q05": Question("number", SIG4),
    "q06": Question("number", SIG4),
    "q07": Question("number", SIG4),
    "q08": Question("letter", choices="ABCD"),
    "q09": Question("integer"),
    "q10": Question("number", SIG4),
    "q11": Question("number", SIG4),
    "q12": Question("number", SIG4),
    "q13": Question("letter", choices="ABCD"),
    "q14": Question("number", SIG4),
    "q15": Question("number", SIG4),
}

WANTED = {"integer": "a whole number, graded exactly"}


def wanted(qid: str) -> str:
    """What the answer of ``qid`` must look like, in words."""
    q = QUESTIONS[qid]
    if q.kind == "letter":
        return f"one letter, {', '.join(q.choices[:-1])} or {q.choices[-1]} (a string such as 'B')"
    if q.kind == "number":
        if q.rel_tol == SIG4:
            return "a number, to 4 significant digits (relative tolerance 5e-4)"
        return f"a number (relative tolerance {q.rel_tol:g})"
    return WANTED[q.kind]


def format_problem(qid: str, value: Any) -> str | None:
    """``None`` when ``value`` has the form the question asks for, else why not.
    Says nothing about whether the value is right."""
    q = QUESTIONS[qid]
    if value is None:
        return "no answer yet"
    kind = type(value).__module__ + "." + type(value).__qualname__
    kind = kind.removeprefix("builtins.")
    if q.kind == "letter":
        if not isinstance(value, str):
            return f"a {kind}, not a letter in quotes"
        if value.strip().upper() not in q.choices or len(value.strip()) != 1:
            return f"{value!r} is not one of the letters {', '.join(q.choices)}"
        return None
    if isinstance(value, str):
        return "a string: write the number without quotes"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        extra = " (use .item() to get a Python number)" if "Tensor" in kind else ""
        return f"a {kind}, not a number{extra}"
    if not math.isfinite(float(value)):
        return f"{float(value)!r} is not a finite number"
    if q.kind == "integer":
        x = float(value)
        if abs(x - round(x)) > INT_TOL * max(1.0, abs(x)):
            return f"{value!r} is not a whole number"
    return None


def is_correct(qid: str, value: Any, answer: Any) -> bool:
    """Whether ``value`` (of the right form) equals ``answer`` within the question's tolerance."""
    q = QUESTIONS[qid]
    if format_problem(qid, value) is not None:
        return False
    if q.kind == "letter":
        return value.strip().upper() == answer
    got, want = float(value), float(answer)
    tol = (INT_TOL if q.kind == "integer" else q.rel_tol) * abs(want)
    return abs(got - want) <= tol


def check_format(qid: str, value: Any) -> None:
    """The visible check of an answer cell: the form only, never the value.

    Raises ``AssertionError`` when ``qid`` is unanswered or has the wrong form; prints one
    line otherwise."""
    problem = format_problem(qid, value)
    if value is None:
        raise AssertionError(
            f"{qid} is not answered yet (not implemented yet): in the answer cell above, replace "
            f"`raise NotImplementedError()` with `{qid} = ...`, {wanted(qid)}; run that cell, then this one.")
    if problem:
        raise AssertionError(f"{qid} must be {wanted(qid)}; got {value!r}: {problem}.")
    print(f"{qid} = {value!r}: the form is right ({wanted(qid)}). "
          "Its value is graded by a hidden test: grade the notebook to see the answer explained.")
