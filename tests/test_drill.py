"""The interview drill: the bank's content, its templates and pictures, the graded slots of 09, and the
daily drill driven end to end over several simulated days (no kernel, no nbgrader)."""
from __future__ import annotations

import io
import json
import math
import random
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import nbformat
import pytest

from autograder.learner.cases.review_drill import (
    RELEASED_SEED,
    SLOTS,
    answer_of,
    answer_type,
    question,
    seed_of,
    submission_args,
)
from autograder.learner.checks import Approx, compare
from autograder.learner.drill import pictures as P
from autograder.learner.drill.bank import BANK, BY_ID
from autograder.learner.drill.items import KINDS, LETTERS, PICTURES, draw, grade, number_of, references, sig4, typed
from autograder.learner.drill.leitner import History, plan
from autograder.learner.drill.session import Session, summary
from autograder.references import REFERENCES, hidden_cases
from harness import REPO
from spec import SPEC

CHOICE = [i for i in BANK if i.answer == "letter"]
TEMPLATES = [i for i in BANK if i.answer in ("number", "integer")]
SEEDS = range(40)


def headings(assignment: str) -> set[str]:
    path = REPO / "solutions" / assignment / SPEC[assignment][0]
    if not path.exists():  # 08 is written on another branch: its items name the function its section teaches
        return {sig.split("(")[0] for sig in SPEC[assignment][1]}
    nb = nbformat.read(str(path), as_version=4)
    return {line.lstrip("#").strip() for c in nb.cells if c.cell_type == "markdown"
            for line in c.source.splitlines() if line.startswith("#")}


# --- the bank --------------------------------------------------------------------------------------

def test_bank_has_the_size_the_issue_asks_for():
    assert len(BANK) >= 60
    assert len(TEMPLATES) >= 15
    assert sum(1 for i in BANK if i.picture) >= 10
    assert {"why", "trade-off", "debugging", "curve", "numeric", "whiteboard"} <= {i.kind for i in BANK}
    assert {i.function for i in BANK if i.kind == "whiteboard"} >= {"warmup_cosine_lr", "one_cycle_lr"}
    covered = {i.notebook for i in BANK}
    assert covered == set(SPEC) - {"09-review-drill"}, set(SPEC) - covered  # every notebook but the drill itself


@pytest.mark.parametrize("item", BANK, ids=[i.id for i in BANK])
def test_item_is_well_formed(item):
    assert item.kind in KINDS and item.id.startswith(item.topic + ".")
    assert item.section in headings(item.notebook), f"{item.id}: no section {item.section!r} in {item.notebook}"
    if item.answer == "letter":
        assert len(item.options) >= 3 and sum(o.right for o in item.options) == 1
        assert all(o.text and len(o.why) > 20 for o in item.options), "every option is explained"
        assert len({o.text for o in item.options}) == len(item.options)
    if item.picture:
        assert (PICTURES / f"{item.picture}.png").is_file() and item.picture in P.PICTURES
    if item.kind == "whiteboard":
        assert item.function in REFERENCES and item.why


def test_every_picture_is_used_and_committed():
    used = {i.picture for i in BANK if i.picture}
    assert used == set(P.PICTURES) == {p.stem for p in PICTURES.glob("*.png")}


@pytest.mark.parametrize("item", TEMPLATES, ids=[i.id for i in TEMPLATES])
def test_template_draws_fresh_numbers_and_a_distinct_slip(item):
    R = references()
    answers, slips_differ = set(), False
    for seed in SEEDS:
        q = draw(item, seed)
        assert "{" not in q.prompt, q.prompt
        a = q.expected(R)
        assert math.isfinite(a) and a != 0, (item.id, seed, a)
        answers.add(sig4(a))
        assert grade(q, a, R).correct and grade(q, repr(a), R).correct
        why = q.explanation(a, R)
        assert len(why) > 40 and "nan" not in why.lower()
        for mistake, value in q.slips(a, R):
            slips_differ = True
            wrong = grade(q, value, R)
            assert not wrong.correct and mistake in wrong.note, (item.id, seed)
    assert len(answers) >= 3, f"{item.id}: the numbers hardly change ({answers})"
    assert slips_differ, f"{item.id}: no slip ever gives another answer"


def test_a_number_answer_is_graded_to_four_significant_digits():
    q = draw(BY_ID["warmup.noam-peak"], 0)
    a = q.expected()
    assert grade(q, a * (1 + 4e-4)).correct and not grade(q, a * (1 + 6e-4)).correct
    assert grade(q, f"{a:.4g}").correct and not grade(q, None).correct
    assert "not a number" in grade(q, "abc").note


def test_typed_answers():
    assert number_of("1e-3 * (1 - sqrt(0.75))") == pytest.approx(1e-3 * (1 - 0.75 ** 0.5))
    assert number_of("2^3") == 8.0
    for bad in ("__import__('os')", "10 ** 10 ** 10", "1/0", "x", "open('f')", "(1).__class__"):
        with pytest.raises(ValueError):
            number_of(bad)
    letter, integer = BY_ID["adam.why-warmup"], BY_ID["adam.untuned-length"]
    assert typed(letter, " b ") == "b" and typed(letter, "?") is None
    with pytest.raises(ValueError):
        typed(letter, "E")
    assert typed(integer, "2 / (1 - 0.999)") == pytest.approx(2000)
    with pytest.raises(ValueError):
        typed(integer, "1999.5")


def test_a_choice_explains_every_option_and_shuffles_them():
    item = BY_ID["adam.why-warmup"]
    orders = {draw(item, s).order for s in SEEDS}
    assert len(orders) > 5
    q = draw(item, 1)
    text = q.explanation()
    assert all(o.why in text for o in item.options) and text.count("wrong.") == len(item.options) - 1
    assert grade(q, q.letter.lower()).correct and not grade(q, next(L for L in "ABCD" if L != q.letter)).correct


def test_a_whiteboard_answer_is_graded_by_the_notebook_exercise():
    q = draw(BY_ID["warmup.whiteboard-warmup-cosine"], 0)
    right = ("import math\ndef warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, eta_min=0.0, start_factor=0.0):\n"
             "    if step < warmup_steps:\n        return base_lr * (start_factor + (1 - start_factor) * step / warmup_steps)\n"
             "    p = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))\n"
             "    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * p)) / 2\n")
    assert grade(q, right).correct
    wrong = grade(q, right.replace("(step - warmup_steps) / (total_steps - warmup_steps)", "step / total_steps"))
    assert not wrong.correct and "warmup_cosine_lr(step=" in wrong.note and "Hint" in wrong.note
    assert "defines no function" in grade(q, "x = 1\n").note


# --- the pictures: the data behind each one shows what its item says -----------------------------------

def test_picture_claims_traces():
    intended, recorded = P.picture_per_epoch_stepping().line(0, "intended")[1], P.picture_per_epoch_stepping().line(0, "recorded")[1]
    assert len(set(recorded[:10])) == 1 and recorded[-1] > recorded[0] and max(recorded) <= 0.1 + 1e-12
    assert intended[-1] < 0.01 * intended[10]
    waves = P.picture_t_max_in_epochs().line(0, "recorded")[1]
    assert sum(1 for a, b, c in zip(waves, waves[1:], waves[2:]) if b < a and b < c) >= 20  # many troughs
    restarts = P.picture_sgdr_t0_in_epochs().line(0, "recorded")[1]
    assert [k for k in range(1, 300) if restarts[k] > restarts[k - 1] + 1e-12][:4] == [2, 6, 14, 30]
    fig = P.picture_stepping_order()
    assert fig.line(0, "recorded")[1][:11] == pytest.approx(fig.line(0, "intended")[1][1:12])
    past = P.picture_cosine_past_end().line(0, "recorded")[1]
    assert past[100] < 1e-12 and past[150] == pytest.approx(0.05) and past[159] > past[150]
    exp = P.picture_exponential_per_batch()
    assert exp.line(0, "recorded")[1][100] == pytest.approx(0.1 * 0.95 ** 100) and exp.line(0, "intended")[1][100] == pytest.approx(0.095)
    end = P.picture_t_max_ignores_warmup().line(0, "recorded")[1][-1]
    assert end == pytest.approx(0.1 * (1 + math.cos(53 * math.pi / 60)) / 2, rel=1e-6)


def test_picture_claims_resumes():
    full, not_restored, built_after = P._resume_traces()
    assert not_restored[:30] == full[:30] and max(not_restored[30:40]) > 5 * max(full[30:40])
    assert built_after[30] < 0.2 * full[30] and built_after[-1] < full[-1] * 1.01
    rates, uninterrupted, resumed, at = P._resume_adam_run()
    assert resumed[:at] == uninterrupted[:at]
    jump = max(resumed[at:at + 10]) / (sum(uninterrupted[at - 20:at]) / 20)
    assert jump > 3 and max(resumed[at:at + 10]) < 0.1 * resumed[0]  # a jump, not back to the start


def test_picture_claims_loss_curves():
    rates, losses, edge = P._nan_warmup_run()
    cross = next(k for k, r in enumerate(rates) if r > edge)
    assert 40 < cross < 60 and math.isnan(losses[-1]) and len(losses) - 1 == 121  # as the item says
    assert min(losses[:cross]) < 0.01 * losses[0]
    edge, lr, small, linear, sqrt = P._double_batch_runs()
    assert 2 * lr > edge > math.sqrt(2) * lr and math.isnan(linear[-1]) and len(small) == len(sqrt) == 300
    assert 140 < len(linear) < 180  # "NaN after about 160 updates"
    assert sqrt[-1] < 2 * small[-1]
    runs = P._step_decay_runs()
    for seed in range(3):  # "more than tenfold within a hundred updates", in every seed
        before = sum(runs["step decay at 200"][seed][150:200]) / 50
        after = sum(runs["step decay at 200"][seed][250:300]) / 50
        high = sum(runs["constant, high"][seed][250:300]) / 50
        assert after < before / 10 and after < high / 10
    metric, plateau = P._plateau_traces()
    assert metric[-1] < 0 and plateau["recorded"] == [0.1] * len(metric) and plateau["intended"][-1] < 0.01
    curve = P._range_test_curve()
    points = P.range_test_points(curve)
    assert curve["lrs"][points["A"]] < curve["lrs"][points["B"]] < curve["lrs"][points["C"]] < curve["lrs"][points["D"]]
    assert curve["losses"][points["D"]] > 3 * curve["losses"][points["C"]]


# --- the graded notebook's slots -----------------------------------------------------------------------

def test_slots_match_the_spec_and_the_bank():
    assert list(SLOTS) == SPEC["09-review-drill"][1] and len(SLOTS) >= 20
    for qid, slot in SLOTS.items():
        items = [BY_ID[i] for i in slot.pool]
        assert len({i.answer for i in items}) == 1, f"{qid}: one answer type per slot"
        assert len({len(i.options) for i in items}) == 1
    assert {answer_type(q) for q in SLOTS} == {"number", "integer", "letter", "function"}


def test_questions_follow_the_seed():
    for qid in SLOTS:
        assert question(qid, 7) == question(qid, 7)
    drawn = {qid: {repr((question(qid, s).item.id, question(qid, s).params, question(qid, s).order)) for s in range(30)}
             for qid in SLOTS if answer_type(qid) != "function"}
    assert all(len(v) > 3 for v in drawn.values()), {q: len(v) for q, v in drawn.items()}


@pytest.mark.parametrize("qid", [q for q in SLOTS if answer_type(q) != "function"])
def test_each_answer_is_graded_by_the_references(qid):
    for seed in (RELEASED_SEED, 1, 123456789):
        (case,) = hidden_cases(qid, seed=seed)
        assert case.args == {"seed": seed} and f"(seed {seed})" in case.hint
        want = case.want
        assert compare(answer_of(want, {}), want) is None
        if answer_type(qid) == "letter":
            assert compare(answer_of(f" {want.lower()} ", {}), want) is None
            assert compare(answer_of(next(L for L in LETTERS if L != want), {}), want) is not None
        else:
            assert compare(answer_of(float(want) * 1.01, {}), want) is not None


def test_approx_has_its_own_tolerance():
    want = Approx(0.1, 5e-4)
    assert compare(0.10004, want) is None and "relative tolerance" in compare(0.1001, want)
    assert repr(Approx(0.000123456, 5e-4)) == "0.0001235"
    assert compare(float("nan"), want) == "got NaN" and compare(True, want) is not None


def test_the_seed_is_read_without_running_anything():
    assert seed_of(["DRILL_SEED = 7"]) == 7 and seed_of(["DRILL_SEED = -3  # mine"]) == -3
    assert seed_of(["x = 1", "DRILL_SEED = 5", "DRILL_SEED = 6"]) == 6          # the last one wins
    assert seed_of(["DRILL_SEED = 5", "DRILL_SEED = int(open('x').read())"]) is None
    assert seed_of(["DRILL_SEED = True", "%time x", "DRILL_SEED = '7'"]) is None
    assert seed_of(["DRILL_SEED = 10 ** 40", "DRILL_SEED = (" * 200]) is None
    assert submission_args([]) == {"seed": RELEASED_SEED} and submission_args(["DRILL_SEED = 3"]) == {"seed": 3}


def test_the_counts_quoted_in_the_docs_are_the_banks():
    notebook = (REPO / "solutions" / "09-review-drill" / "review_drill.ipynb").read_text(encoding="utf-8")
    assert f"({len(BANK)} items, {len(TEMPLATES)} of them" in notebook
    assert f"({len(BANK)} items:" in (REPO / "README.md").read_text(encoding="utf-8")


def test_released_notebook_has_the_seed_cell_and_no_answers():
    nb = nbformat.read(str(REPO / "course" / "09-review-drill" / "review_drill.ipynb"), as_version=4)
    assert seed_of([c.source for c in nb.cells if c.cell_type == "code"]) == RELEASED_SEED
    text = json.dumps(nb.cells)
    for qid in SLOTS:
        assert f'ask(\\"{qid}\\", DRILL_SEED)' in text
    for item in (BY_ID[i] for s in SLOTS.values() for i in s.pool if BY_ID[i].answer == "letter"):
        assert not any(o.why[:40] in text for o in item.options), f"{item.id}: an explanation is in the notebook"


# --- the daily drill ---------------------------------------------------------------------------------------

DAY0 = date(2025, 3, 3)


def scripted_answers(session: Session, right_ids: set[str]) -> str:
    """The stdin of one session: the right answer for ``right_ids``, a wrong one otherwise."""
    R = references()
    lines = []
    for asked in session.asked:
        q = asked.question
        if q.item.answer == "function":  # right: the reference itself; wrong: a function that returns 0
            name = q.item.function
            lines += (["from autograder.references import REFERENCES", f"{name} = REFERENCES[{name!r}]", "."]
                      if q.item.id in right_ids else [f"def {name}(*args, **kwargs):", "    return 0.0", "."])
            continue
        want = q.expected(R)
        if q.item.id in right_ids:
            lines.append(str(want) if q.item.answer != "number" else repr(float(want)))
        elif q.item.answer == "letter":
            lines.append(next(L for L in LETTERS[:len(q.item.options)] if L != want))
        else:
            lines.append(repr(float(want) * 1.5 + 1))
    return "\n".join(lines) + "\n"


def drill(history: Path, day: date, n: int, seed: int, stdin: str, *extra) -> str:
    proc = subprocess.run([sys.executable, "-m", "autograder.learner.drill", "-n", str(n), "--history", str(history),
                           "--today", day.isoformat(), "--seed", str(seed), *extra],
                          input=stdin, capture_output=True, text=True, timeout=300, cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def planned(history: Path, day: date, n: int, seed: int, **filters) -> Session:
    return Session(History(history), day, n, seed=seed, **filters)


def test_daily_drill_over_several_days(tmp_path):
    """Day 0: 6 new items, 3 right. Day 1: exactly the 3 missed come back (answered right now). Day 2:
    the 3 known since day 0 are due (box 2: two days); one of them is missed again. Day 3: that one
    first (box 1), then the 3 of day 1 (box 2). The history file holds every answer; the summary names
    the section to reread."""
    history = tmp_path / "drill.json"
    s0 = planned(history, DAY0, 6, 1, topic="warmup")
    ids0 = [a.question.item.id for a in s0.asked]
    assert len(ids0) == 6 and {a.reason for a in s0.asked} == {"new"}
    right0 = set(ids0[:3])
    out = drill(history, DAY0, 6, 1, scripted_answers(s0, right0), "--topic", "warmup")
    assert out.count("\u2713 right") == 3 and out.count("\u2717 wrong") == 3
    cards = History(history).cards
    assert {i: (c.box, c.due) for i, c in cards.items()} == {
        **{i: (2, DAY0 + timedelta(days=2)) for i in right0},
        **{i: (1, DAY0 + timedelta(days=1)) for i in set(ids0) - right0}}
    missed = set(ids0) - right0
    assert "Weak topics" in out and "reread 03-warmup" in out

    day1 = DAY0 + timedelta(days=1)
    s1 = planned(history, day1, 3, 2, topic="warmup")
    assert {a.question.item.id for a in s1.asked} == missed and {a.reason for a in s1.asked} == {"due"}
    drill(history, day1, 3, 2, scripted_answers(s1, missed), "--topic", "warmup")
    cards = History(history).cards
    assert all(cards[i].box == 2 and cards[i].due == day1 + timedelta(days=2) for i in missed)
    assert all(len(cards[i].log) == 1 for i in right0)  # not asked again yet

    day2 = DAY0 + timedelta(days=2)
    s2 = planned(history, day2, 3, 3, topic="warmup")
    assert {a.question.item.id for a in s2.asked} == right0
    again = sorted(right0)[0]
    out = drill(history, day2, 3, 3, scripted_answers(s2, right0 - {again}), "--topic", "warmup")
    cards = History(history).cards
    assert cards[again].box == 1 and all(cards[i].box == 3 and cards[i].due == day2 + timedelta(days=4)
                                         for i in right0 - {again})
    assert f"reread {BY_ID[again].where}" in out

    day3 = DAY0 + timedelta(days=3)
    s3 = planned(history, day3, 4, 4, topic="warmup")
    assert s3.asked[0].question.item.id == again and s3.asked[0].reason == "due"   # box 1 first
    assert {a.question.item.id for a in s3.asked[1:]} == missed and {a.reason for a in s3.asked[1:]} == {"due"}
    log = History(history).cards[again].log
    assert log == [(DAY0, True), (day2, False)]


def test_drill_never_runs_out_and_filters(tmp_path):
    history = History(tmp_path / "h.json")
    for item in BANK:
        history.record(item.id, True, DAY0)  # everything known, nothing due tomorrow
    s = Session(history, DAY0 + timedelta(days=1), 5, seed=9)
    assert len(s.asked) == 5 and {a.reason for a in s.asked} == {"extra"}
    s = Session(History(tmp_path / "empty.json"), DAY0, 100, notebook="06", seed=1)
    assert s.asked and all(a.question.item.notebook == "06-cyclical-and-one-cycle" for a in s.asked)
    s = Session(History(tmp_path / "empty.json"), DAY0, 100, kind="curve", seed=1)
    assert len(s.asked) == sum(i.kind == "curve" for i in BANK)


class WatchingStdin(io.StringIO):
    """Feeds the scripted answers, and before each one checks that nothing of the current question's
    answer or explanation has been printed yet."""

    def __init__(self, session, stdout, text):
        super().__init__(text)
        self.session, self.stdout, self.answered = session, stdout, 0

    def readline(self, *args):
        asked = self.session.asked[min(self.answered, len(self.session.asked) - 1)]
        shown = self.stdout.getvalue().split(f"[{self.answered + 1}/")[-1]
        q = asked.question
        if asked.result is None:
            item = q.item
            secret = (item.options[q.order[0]].why if item.answer == "letter" else
                      item.why if item.answer == "function" else item.why(q.params, q.expected()))[:50]
            assert secret not in shown, f"the explanation of {q.item.id} was shown before the answer"
            assert "Expected:" not in shown
        line = super().readline(*args)
        if line.strip() and q.item.answer != "function" or line.strip() == ".":
            self.answered += 1
        return line


def test_drill_shows_nothing_before_the_answer(tmp_path):
    from autograder.learner.drill import cli

    session = Session(History(tmp_path / "h.json"), DAY0, 8, seed=5, kind=None)
    stdout = io.StringIO()
    stdin = WatchingStdin(session, stdout, scripted_answers(session, set()))
    cli.run(session, stdin, stdout)
    assert stdout.getvalue().count("Why:") == len(session.asked)


def test_the_watcher_catches_an_early_explanation(tmp_path):
    session = Session(History(tmp_path / "h.json"), DAY0, 2, seed=5, kind="why")
    stdout = io.StringIO()
    stdin = WatchingStdin(session, stdout, "A\nA\n")
    q = session.asked[0].question
    stdout.write(f"[1/2] ...\n{q.text}\nWhy: {q.explanation()}\n")
    with pytest.raises(AssertionError, match="shown before the answer"):
        stdin.readline()


def test_notebook_widget_drives_the_same_session(tmp_path):
    from autograder.learner.drill.widget import DrillWidget

    w = DrillWidget(3, history=tmp_path / "w.json", today=DAY0, seed=11, kind="why")
    first = w.current.question
    assert "Why:" not in w.feedback.value and first.item.options[0].why[:40] not in w.question.value
    w.next()
    assert w.current.question is first  # cannot skip without answering
    w.answer.value = "Z"
    w.submit()
    assert "not one of the letters" in w.feedback.value and w.current.result is None
    w.answer.value = first.letter
    w.submit()
    assert "right" in w.feedback.value and "Why:" in w.feedback.value
    w.next()
    w.submit(dont_know=True)
    w.next()
    w.answer.value = "A"
    w.submit()
    w.next()
    assert "Progress" in w.question.value
    cards = History(tmp_path / "w.json").cards
    assert cards[first.item.id].box == 2 and len(cards) == 3


def test_plan_orders_due_then_new_then_extra(tmp_path):
    h = History(tmp_path / "p.json")
    h.record("a", False, DAY0)           # box 1, due DAY0 + 1
    h.record("b", True, DAY0)            # box 2, due DAY0 + 2
    picks = plan(["a", "b", "c", "d"], h, DAY0 + timedelta(days=1), 4, random.Random(0))
    assert picks[0] == ("a", "due") and {p for p, why in picks if why == "new"} == {"c", "d"} and picks[-1] == ("b", "extra")


def test_summary_names_weak_topics_and_sections(tmp_path):
    h = History(tmp_path / "s.json")
    h.record("warmup.noam-peak", False, DAY0)
    h.record("adam.why-warmup", True, DAY0)
    text = summary(h, DAY0)
    assert "warmup: 0/1 right" in text and f"reread {BY_ID['warmup.noam-peak'].where}" in text and "adam" not in text
    assert re.search(r"Progress: 2 of \d+ items", text)
