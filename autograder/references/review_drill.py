"""Answers and explanations of 09-review-drill, for the instructor only.

Each hidden test cell ``test_qNN`` runs ``Drill.check("qNN", <the learner's value>)``: it
raises ``AssertionError`` naming the question, the value given, the correct answer and why,
or prints the explanation when the answer is right. Every numeric answer was checked against
PyTorch's schedulers and the course references (see tests/variants/review_drill.py).

This module defines no public function, so that ``REFERENCES`` (one reference per graded
*function*) does not list the drill.
"""
from __future__ import annotations

from typing import Any, NamedTuple

from ..learner.cases.review_drill import QUESTIONS, format_problem, is_correct, wanted


class Answer(NamedTuple):
    value: Any
    why: str


ANSWERS: dict[str, Answer] = {
    "q01": Answer(31, "Update k (0-based) uses 0.1 * 0.1 ** (k // 30). The first k with one decay is k = 30, "
                      "which is the 31st update: updates 1-30 (k = 0..29) use 0.1."),
    "q02": Answer(0.001, "A milestone counts from the update equal to it: at k = 80 both milestones (30 and 80) "
                         "are <= k, so the rate is 0.1 * 0.1 ** 2 = 0.001."),
    "q03": Answer(0.05, "PyTorch's CosineAnnealingLR does not stop at T_max: it is periodic with period 2 * T_max, "
                        "reaching eta_min at k = 100 and climbing back along the same cosine, so update 150 uses "
                        "0.1 * (1 + cos(1.5 pi)) / 2 = 0.05. The course's cosine_annealing_lr stays at eta_min instead."),
    "q04": Answer("C", "C: lambda k: min(1, k / 5) gives 0.1 * k / 5 from k = 0. A raises ValueError (LinearLR needs "
                       "start_factor > 0: it multiplies the current rate, and a product that starts at 0 stays 0); B is "
                       "one update early (update 0 already uses 0.02); D starts at 0.02 and follows 0.1 * (0.2 + 0.8 k / 5)."),
    "q05": Answer(512 ** -0.5 * 4000 ** -0.5,
                  "The two branches meet at s = warmup_steps: before it the rate grows linearly, after it it decays "
                  "as s ** -0.5. The peak is d_model ** -0.5 * warmup_steps ** -0.5 = 1 / sqrt(512 * 4000) = 6.988e-4."),
    "q06": Answer(1e-3 * (1 - 0.75 ** 0.5),
                  "p = (975 - 900) / 100 = 0.75 and 1 - sqrt(0.75) = 0.134, so the rate is 1.340e-4. The 1-sqrt shape "
                  "drops fast at the start of the decay and flattens at the end; a linear decay would still be at 2.5e-4."),
    "q07": Answer(0.1 / 0.001 ** 0.5,
                  "m_1 = (1 - beta1) g = 0.1 g and v_1 = (1 - beta2) g^2 = 0.001 g^2, so m_1 / sqrt(v_1) = 0.1 / 0.03162 "
                  "= 3.162 for any g: the first steps would be about 3x too large. Dividing m by 1 - beta1 ** t and v by "
                  "1 - beta2 ** t makes the first step exactly lr."),
    "q08": Answer("B", "B: rho_inf = 1999 and rho_5 = 1999 - 10 * 0.999 ** 5 / (1 - 0.999 ** 5) = 4.996. Early on "
                       "rho_t is about t, so the paper (rho_t > 4) rectifies from t = 5, with a tiny rectifier r_5 = 0.017, "
                       "while PyTorch's RAdam (rho_t > 5) takes its first adaptive step at t = 6."),
    "q09": Answer(2000, "t * (1 - beta2) / 2 = 1 at t = 2 / (1 - beta2) = 2000: warm up for twice the time constant "
                        "1 / (1 - beta2) = 1000 of Adam's second-moment average, the rule of thumb of Ma & Yarats (2021)."),
    "q10": Answer(0.05 * (1 + 0.3826834323650898),
                  "Cycles last 10, 20, 40, 80 updates and start at updates 0, 10, 30, 70. Update 100 is T_cur = 30 "
                  "updates into the fourth cycle (T_i = 80): 0.1 * (1 + cos(30 pi / 80)) / 2 = 0.06913."),
    "q11": Answer(4e-7, "The cycle starts at initial_lr = max_lr / div_factor = 0.1 / 25 = 0.004 and ends at "
                        "initial_lr / final_div_factor = 0.004 / 1e4 = 4e-7: final_div_factor divides the initial rate, "
                        "not max_lr (that would give 1e-5)."),
    "q12": Answer(0.00225, "A cycle lasts 2 * 2000 = 4000 updates, so k = 5000 is 1000 updates into the second cycle, "
                           "halfway up (x = 0.5). triangular2 halves the amplitude after each cycle: "
                           "0.001 + (0.006 - 0.001) * 0.5 * 0.5 = 0.00225."),
    "q13": Answer("D", "D: the scheduler writes f(0) when it is built, so stepping it first makes update k use f(k + 1): "
                       "the first update uses 0.5 and f(0) = 1.0 is never used. PyTorch notices (it wraps optimizer.step) "
                       "and warns once, at the first scheduler.step(); it does not fix the order."),
    "q14": Answer(0.025, "Call 2 sets best = 0.9; calls 3, 4, 5 are not improvements (0.9 is not below 0.9 * (1 - 1e-4)); "
                         "at call 5 the count 3 exceeds patience 2: the rate halves to 0.05 and the count restarts. "
                         "Calls 6, 7, 8 halve it again at call 8 (0.025); calls 9 and 10 only count to 2."),
    "q15": Answer(1e-7 * 1e8 ** (50 / 99),
                  "The factor per iteration is (10 / 1e-7) ** (1 / 99): 99 = num_iter - 1 multiplications lead from the "
                  "first rate to the last. So lr_50 = 1e-7 * 1e8 ** (50 / 99) = 10 ** (-7 + 400 / 99) = 1.097e-3 "
                  "(dividing by 100 instead of 99 would give 1e-3)."),
}

assert set(ANSWERS) == set(QUESTIONS)


def _show(value: Any) -> str:
    return "no answer (None)" if value is None else repr(value)


class Drill:
    """The hidden check of the review drill (a class, so that it is not a "reference")."""

    @staticmethod
    def check(qid: str, value: Any) -> None:
        answer = ANSWERS[qid]
        shown = answer.value if QUESTIONS[qid].kind != "number" else f"{answer.value:#.4g}"
        if is_correct(qid, value, answer.value):
            print(f"\u2713 {qid} = {value!r} is correct. Why: {answer.why}")
            return
        problem = format_problem(qid, value)
        note = f" ({problem}; expected {wanted(qid)})" if problem and value is not None else ""
        raise AssertionError(f"{qid}: expected {shown}, got {_show(value)}{note}.\nWhy: {answer.why}")
