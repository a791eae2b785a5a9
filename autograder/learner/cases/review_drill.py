"""Cases for 09-review-drill: which bank item each answer ``q01 …`` asks, and how it is graded.

The notebook is the same for everyone; its numbers are not. Each question ``qNN`` is a *slot*: a small
pool of bank items of one answer type (:mod:`autograder.learner.drill.bank`). The learner's seed,
``DRILL_SEED`` in the notebook's seed cell, picks the item of every slot, draws its numbers and shuffles
its options (:func:`question`). Any integer is a valid seed; a class can use student numbers.

Grading, like every exercise of the course, goes through ``Exercise``:

* a number or letter answer is an exercise with one hidden case, ``{"seed": <the seed>}``. Its adapter
  :func:`answer_of` returns the learner's value as plain data (a letter stripped and upper-cased, a
  whole float as an int); the reference (:mod:`autograder.references.review_drill`) computes the
  expected answer from the course's references. A number is accepted within a relative 5e-4 ("4
  significant digits", :class:`autograder.learner.checks.Approx`), a whole number and a letter exactly;
  the explanation (``Exercise.explain``) comes with the verdict.
* a whiteboard answer is a function, graded by the visible cases and the hidden grid of the notebook
  exercise it repeats, all as hidden cases.

The grader reads the seed from the submitted notebook's source without running it
(:func:`submission_args`) and passes it as the ``seed`` argument of these cases, so the trusted re-check
grades the same questions the learner saw.
"""
from __future__ import annotations

import ast
from typing import NamedTuple

from ..checks import Case, Exercise
from ..drill.bank import item
from ..drill.items import Question, form_problem, instantiate, plain_answer, wanted

RELEASED_SEED = 2025          # the seed cell of the released notebook
SEED_NAME = "DRILL_SEED"


class Slot(NamedTuple):
    pool: tuple               # bank item ids, one answer type
    points: int = 1


SLOTS: dict[str, Slot] = {
    # numbers from the schedules (templates: fresh numbers for every seed)
    "q01": Slot(("decay.multistep-rate", "decay.exponential-per-batch")),
    "q02": Slot(("decay.nth-decay", "restarts.restart-update")),
    "q03": Slot(("cosine.rate-at", "cosine.past-t-max", "cosine.last-update", "cosine.polynomial-rate")),
    "q04": Slot(("warmup.linear-rate", "warmup.warmup-cosine-rate", "warmup.wsd-rate")),
    "q05": Slot(("warmup.noam-peak", "adam.first-update")),
    "q06": Slot(("adam.radam-rho", "adam.exponential-warmup")),
    "q07": Slot(("adam.untuned-length", "adam.first-adaptive-step")),
    "q08": Slot(("restarts.sgdr-rate", "cyclical.cyclic-rate")),
    "q09": Slot(("cyclical.one-cycle-final", "cyclical.one-cycle-rate")),
    "q10": Slot(("pytorch.plateau-after",)),
    "q11": Slot(("range-test.sweep-rate", "range-test.smoothed")),
    # why
    "q12": Slot(("adam.why-warmup", "adam.why-radam-first-steps", "warmup.why-post-ln")),
    "q13": Slot(("decay.why-drop-after-decay", "decay.why-noise-floor", "cosine.why-flat-ends")),
    "q14": Slot(("cyclical.why-momentum-inverse", "warmup.why-wsd-unknown-length", "restarts.why-rare-in-llms")),
    "q15": Slot(("pytorch.why-linearlr-zero", "pytorch.why-lambda-multiplies", "pytorch.why-build-before-load",
                 "warmup.why-large-batch", "range-test.why-smoothed-shift", "range-test.why-exponential-sweep")),
    # trade-offs
    "q16": Slot(("warmup.tradeoff-unknown-length", "cyclical.tradeoff-one-cycle-vs-cosine", "cosine.tradeoff-zero-vs-floor")),
    "q17": Slot(("scaling.tradeoff-batch-size", "scaling.tradeoff-fine-tuning", "adam.tradeoff-radam-vs-warmup",
                 "pytorch.tradeoff-plateau", "restarts.tradeoff-restarts")),
    # reading a curve
    "q18": Slot(("pytorch.curve-per-epoch-stepping", "cosine.curve-t-max-in-epochs", "restarts.curve-t0-in-epochs",
                 "decay.curve-exponential-per-batch")),
    "q19": Slot(("pytorch.curve-resume-scheduler-not-restored", "pytorch.curve-resume-scheduler-built-after-load",
                 "adam.curve-loss-jump-after-resume")),
    "q20": Slot(("warmup.curve-zero-for-an-epoch", "warmup.curve-nan-in-warmup", "scaling.curve-double-batch-divergence")),
    "q21": Slot(("conventions.curve-stepping-order", "cosine.curve-past-end", "warmup.curve-t-max-ignores-warmup",
                 "pytorch.curve-plateau-never-reduces", "range-test.curve-reading")),
    # a symptom
    "q22": Slot(("pytorch.debug-plateau-without-metric", "cyclical.debug-one-cycle-total-steps",
                 "cyclical.debug-cyclic-momentum", "warmup.debug-noam-zero-division", "restarts.debug-log-cycle",
                 "pytorch.debug-gradient-accumulation", "conventions.debug-logging-after-step")),
    # whiteboard: a schedule from memory, graded like the notebook exercise
    "q23": Slot(("warmup.whiteboard-warmup-cosine",), points=2),
    "q24": Slot(("cyclical.whiteboard-one-cycle",), points=2),
}


def answer_type(qid: str) -> str:
    return item(SLOTS[qid].pool[0]).answer


def question(qid: str, seed) -> Question:
    """The question ``qid`` asks for ``seed``: the slot's item chosen, its numbers drawn, its options
    shuffled, all from ``random.Random(f"{qid}/{seed}")`` (the same in every process)."""
    import random

    pool = SLOTS[qid].pool
    rng = random.Random(f"{qid}/{seed}")
    return instantiate(item(pool[rng.randrange(len(pool))]), rng)


def answer_of(value, args: dict):
    """``Exercise.adapter`` of a number or letter answer. The reference is a function of the seed, so
    it is called; a learner's answer is a value, returned as plain data."""
    if callable(value):
        return value(**args)
    return plain_answer(value)


def seed_of(sources: list[str]) -> int | None:
    """The integer of the last top-level ``DRILL_SEED = <integer>`` in these cell sources, read without
    running them; ``None`` when there is none, or when the last assignment is not an integer literal
    (below 10**18 in size)."""
    seed = None
    for source in sources:
        if SEED_NAME not in source:
            continue
        try:
            tree = ast.parse(source)
        except Exception:  # IPython magics, a broken cell, absurd nesting: not a seed cell
            continue
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == SEED_NAME for t in node.targets):
                try:
                    value = ast.literal_eval(node.value)
                except Exception:
                    value = None
                ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**18
                seed = value if ok else None
    return seed


def submission_args(sources: list[str]) -> dict:
    """Case arguments a submission fixes (the grader's hook): ``{"seed": DRILL_SEED}``, the released seed
    when the notebook has no readable seed cell."""
    seed = seed_of(sources)
    return {"seed": RELEASED_SEED if seed is None else seed}


def _explain(qid: str):
    def explain(args: dict, want) -> str:
        q = question(qid, args["seed"])
        return f"(seed {args['seed']}) {q.explanation(want)}"
    return explain


def _whiteboard(qid: str, slot: Slot) -> Exercise:
    """The notebook exercise's visible cases (their arguments) and hidden grid, all hidden here."""
    from . import one_cycle, warmup  # noqa: PLC0415 (modules of the exercises repeated)

    name = item(slot.pool[0]).function
    source = {ex.name: ex for module in (warmup, one_cycle) for ex in module.EXERCISES}[name]
    hidden = [Case(c.args, None, c.hint) for c in source.visible] + list(source.hidden)
    return Exercise(qid, visible=[], hidden=hidden, peak=source.peak, adapter=source.adapter)


EXERCISES = [
    _whiteboard(qid, slot) if answer_type(qid) == "function" else
    Exercise(qid, visible=[], hidden=[Case({"seed": RELEASED_SEED}, None, "")], adapter=answer_of, explain=_explain(qid))
    for qid, slot in SLOTS.items()
]


def _check_function_form(qid: str, fn) -> None:
    """A whiteboard answer: the parameters the question asks for, and a body (one call that does not
    raise NotImplementedError). Its values are not looked at."""
    import inspect

    name = item(SLOTS[qid].pool[0]).function
    exercise = next(ex for ex in EXERCISES if ex.name == qid)
    want = list(dict.fromkeys(k for case in exercise.hidden for k in case.args))
    try:
        got = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        got = None
    if got is not None and not set(want) <= set(got):
        raise AssertionError(f"{qid} must be {name} with the parameters ({', '.join(want)}); yours has "
                             f"({', '.join(got)}).")
    try:
        fn(**exercise.hidden[0].args)
    except NotImplementedError:
        raise AssertionError(f"{qid} is not implemented yet: write the body of {name} in the answer cell above "
                             "(replace `raise NotImplementedError()`), run it, then this cell.") from None
    except Exception:  # its values are graded by the hidden test, not here
        pass


def check_format(qid: str, value) -> None:
    """The visible check of an answer: its form only, never its value. Raises ``AssertionError`` when
    ``qid`` is unanswered or has the wrong form; prints one line otherwise."""
    kind = answer_type(qid)
    n = len(item(SLOTS[qid].pool[0]).options) or 4
    if value is None:
        what = "a function" if kind == "function" else wanted(kind, n)
        raise AssertionError(
            f"{qid} is not answered yet (not implemented yet): in the answer cell above, replace "
            f"`raise NotImplementedError()` with `{qid} = ...`, {what}; run that cell, then this one.")
    problem = form_problem(kind, value, n)
    if problem:
        raise AssertionError(f"{qid} must be {wanted(kind, n)}; got {value!r}: {problem}.")
    if kind == "function":
        _check_function_form(qid, value)
    shown = getattr(value, "__name__", repr(value)) if kind == "function" else repr(value)
    print(f"{qid} = {shown}: the form is right ({wanted(kind, n)}). Its value is graded by a hidden test: grade the "
          "notebook to see the answer explained.")
