"""docs/cheatsheet.md: every formula and every stated value agrees with the course's references; the
printable page is in sync."""
from __future__ import annotations

import inspect
import numbers

import pytest

from autograder.learner.cases import exercise
from autograder.learner.cheatsheet import (
    MATH,
    PAGE,
    SHEET,
    formula_rows,
    legend,
    quick_checks,
    significant_digits,
    to_html,
    unchecked_formulas,
)
from autograder.learner.checks import compare
from autograder.references import REFERENCES, hidden_cases

TEXT = SHEET.read_text(encoding="utf-8")
ROWS = formula_rows(TEXT)
SYMBOLS = legend(TEXT)


def full_args(function: str, args: dict) -> dict:
    bound = inspect.signature(REFERENCES[function]).bind(**args)
    bound.apply_defaults()
    return dict(bound.arguments)


def row_failures(row, limit: int = 400) -> tuple[int, list]:
    """``(cases checked, failures)`` of one row on its function's hidden grid."""
    ex, checked, failures = exercise(row.function), 0, []
    for case in hidden_cases(row.function)[:limit * 10]:
        args = full_args(row.function, case.args)
        if any(args.get(k) != v for k, v in row.fixed.items()) or not isinstance(case.want, numbers.Real) \
                or isinstance(case.want, str):
            continue
        checked += 1
        try:
            got = row.value(args, SYMBOLS)
        except Exception as exc:  # a formula that cannot even be evaluated fails
            failures.append((case.args, f"{type(exc).__name__}: {exc}"))
            continue
        reason = compare(got, case.want, ex.peak(case.args) if ex.peak else None)
        if reason:
            failures.append((case.args, reason))
        if checked >= limit:
            break
    return checked, failures


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.function}{r.fixed or ''}" for r in ROWS])
def test_formula_agrees_with_the_reference(row):
    checked, failures = row_failures(row)
    assert checked >= 8, f"{row.function}: only {checked} hidden cases match {row.fixed}"
    assert not failures, failures[:3]


def test_the_sheet_covers_every_schedule():
    assert {r.function for r in ROWS} >= {
        "step_lr", "multistep_lr", "exponential_lr", "cosine_annealing_lr", "polynomial_lr", "linear_warmup_lr",
        "warmup_cosine_lr", "inverse_sqrt_lr", "wsd_lr", "sgdr_lr", "cyclic_lr", "one_cycle_lr"}


def test_a_wrong_formula_fails():
    """The check can fail: the true-division slip of step decay is caught."""
    row = next(r for r in ROWS if r.function == "step_lr")
    wrong = type(row)(row.function, row.fixed, row.expression.replace("//", "/"), row.definitions)
    assert row_failures(wrong)[1]


@pytest.mark.parametrize("claim", quick_checks(TEXT))
def test_stated_value_holds(claim):
    ns = {**MATH, **REFERENCES}
    if "≈" in claim:
        call, number = (part.strip() for part in claim.split("≈"))
        value = eval(call, ns)  # noqa: S307
        digits = significant_digits(number)
        assert float(f"{value:.{digits}g}") == float(number), f"{call} = {value!r}, the sheet says {number}"
    else:
        left, right = claim.split(" == ")
        assert eval(left, ns) == eval(right, ns), claim  # noqa: S307


def test_no_formula_escapes_the_checks():
    assert quick_checks(TEXT) and not unchecked_formulas(TEXT)


def test_printable_page_is_in_sync():
    assert PAGE.read_text(encoding="utf-8") == to_html(TEXT), "run `python3 run.py cheatsheet`"
