"""09-review-drill in the shared class batch (tests/conftest.py): faked answers get no marks, another
seed is graded on its own questions, and the feedback page explains every answer."""
from __future__ import annotations

import html

import pytest

from autograder.learner.cases.review_drill import RELEASED_SEED, SLOTS, answer_type, question
from conftest import DRILL_ATTACKS, DRILL_OTHER_SEED

ASSIGNMENT, NOTEBOOK = "09-review-drill", "review_drill.ipynb"
FLAG = "in-kernel result disagrees with trusted re-check"


def entry_of(graded_class, student):
    return graded_class[1]["students"][student][ASSIGNMENT]


@pytest.mark.parametrize("student", sorted(DRILL_ATTACKS))
def test_faked_drill_answers_get_no_marks_and_are_flagged(graded_class, student):
    """Every answer is wrong. The hijack makes every hidden test pass in the kernel: the trusted
    re-check gives no marks and flags every test. The patched checker cannot reach the hidden
    verdicts (the sandboxed kernel reads them from the re-check), so the kernel fails the same
    tests and nothing disagrees."""
    entry = entry_of(graded_class, student)
    assert entry["error"] is None and entry["recheck"] in ("isolated", "process")
    assert entry["score"] == 0, {gid: t["score"] for gid, t in entry["tests"].items()}
    flagged = {gid for gid, t in entry["tests"].items() if t.get("flag") == FLAG}
    reaches_the_kernel = student == "zz_drill_hijack" or entry["isolation"] == "none"   # no sandbox: no stub
    assert flagged == (set(entry["tests"]) if reaches_the_kernel else set()), flagged
    assert all(qid in entry["tests"][f"test_{qid}_hidden"]["message"] for qid in SLOTS)


def test_hijack_is_flagged_for_the_instructor(graded_class):
    assert any("__import__" in flag for flag in entry_of(graded_class, "zz_drill_hijack")["flags"])


def test_another_seed_is_graded_on_its_own_questions(graded_class):
    """DRILL_SEED = 7, every number and letter answered for seed 7: full marks, no flag. The same
    answers are wrong for the released seed."""
    entry = entry_of(graded_class, DRILL_OTHER_SEED)
    assert entry["error"] is None and entry["score"] == entry["max_score"] == 26.0, entry["tests"]
    assert not any(t.get("flag") for t in entry["tests"].values())
    assert not entry["flags"]
    differ = [q for q in SLOTS if answer_type(q) != "function"
              and repr(question(q, 7)) != repr(question(q, RELEASED_SEED))]
    assert len(differ) >= 15


def test_feedback_page_explains_every_answer(graded_class):
    """After grading, the learner's page explains each question, the wrong options too, and never
    shows a hidden test."""
    from autograder.grader.feedback import LEAKS, _feedback_api, _generate_feedback

    _, _, folder = graded_class
    work, student = folder.parent / "work", "a09_wrong_q12_1"
    api = _feedback_api(work)
    assert _generate_feedback(api, ASSIGNMENT, student).get("success")
    page = (work / "feedback" / student / ASSIGNMENT / "review_drill.html").read_text(encoding="utf-8")
    page = html.unescape(page)
    for leak in LEAKS:
        assert leak not in page
    for qid in SLOTS:
        q = question(qid, RELEASED_SEED)
        if q.item.answer == "letter":
            assert all(option.why in page for option in q.item.options), f"{qid}: an option is not explained"
        elif q.item.answer != "function":
            assert f"{qid} is right. Why: (seed {RELEASED_SEED})" in page
    summary = page[page.index('id="lr-summary"'):]
    assert "q12(seed=2025)" in summary and "expected" in summary
