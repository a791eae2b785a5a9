"""Variants of 09-review-drill's answer cells (see tests/harness.py), for the released seed.

They are computed from the question bank and the references, so that they follow the bank:

* WRONG, one per question: for a number, the value of the first classic slip its item names for these
  numbers (or the answer off by 1 %, just out of tolerance); for a letter, a wrong option; for a
  whiteboard, a real misconception of the exercise it repeats (from that notebook's variants). Two
  more: a blank answer and a number written as a string. Each must lose the marks of its question only.
* RIGHT: the answer in other forms (full precision, rounded to 4 significant digits, a NumPy float,
  a Fraction, a whole float, a lower-case letter with spaces) and, for each whiteboard, another correct
  style from that notebook's variants.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from autograder.learner.cases.review_drill import RELEASED_SEED, SLOTS, answer_type, question
from autograder.learner.drill.bank import item
from autograder.learner.drill.items import LETTERS
from autograder.references import hidden_cases

HERE = Path(__file__).resolve().parent


def _variants(stem: str):
    spec = importlib.util.spec_from_file_location(f"drill_variants_{stem}", HERE / f"{stem}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.WRONG, module.RIGHT


def _want(qid: str):
    return hidden_cases(qid, seed=RELEASED_SEED)[0].want


def _wrong(qid: str) -> tuple[str, str]:
    kind, q = answer_type(qid), question(qid, RELEASED_SEED)
    if kind == "letter":
        letter = next(LETTERS[i] for i, j in enumerate(q.order) if not q.item.options[j].right)
        return f"a wrong option: {letter}", f'{qid} = "{letter}"\n'
    want = _want(qid)
    slips = q.slips(float(want))
    if slips:
        mistake, value = slips[0]
        value = int(round(value)) if kind == "integer" else value
        return f"slip: {mistake}", f"{qid} = {value!r}\n"
    return "off by 1 %", f"{qid} = {float(want) * 1.01!r}\n"


def _right(qid: str, form: str) -> tuple[str, str]:
    want = _want(qid)
    if form == "lower case with spaces":
        return form, f'{qid} = " {want.lower()} "\n'
    return form, {"full precision": f"{qid} = {float(want)!r}\n",
                  "rounded to 4 significant digits": f"{qid} = {float(want):.4g}\n",
                  "a NumPy float": f"import numpy as np\n{qid} = np.float64({float(want)!r})\n",
                  "a Fraction": f"from fractions import Fraction\n{qid} = Fraction({float(want)!r})\n",
                  "a whole float": f"{qid} = {float(want)!r}\n"}[form]


WRONG: dict = {}
RIGHT: dict = {}
for _qid, _slot in SLOTS.items():
    if answer_type(_qid) == "function":
        _fn = item(_slot.pool[0]).function
        _w, _r = _variants({"warmup_cosine_lr": "warmup", "one_cycle_lr": "one_cycle"}[_fn])
        WRONG[_qid] = [(_w[_fn][0][0], _w[_fn][0][1] + f"\n{_qid} = {_fn}\n")]
        RIGHT[_qid] = [(_r[_fn][0][0], _r[_fn][0][1] + f"\n{_qid} = {_fn}\n")]
    else:
        WRONG[_qid] = [_wrong(_qid)]
WRONG["q01"].append(("blank", "q01 = None\n"))
WRONG["q03"].append(("a number in quotes", f'q03 = "{float(_want("q03")):.4g}"\n'))
for _qid, _form in (("q01", "full precision"), ("q03", "rounded to 4 significant digits"), ("q05", "a NumPy float"),
                    ("q09", "a Fraction"), ("q02", "a whole float"), ("q13", "lower case with spaces"),
                    ("q17", "lower case with spaces"), ("q21", "lower case with spaces")):
    RIGHT.setdefault(_qid, []).append(_right(_qid, _form))
