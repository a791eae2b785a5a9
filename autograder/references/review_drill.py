"""References of 09-review-drill: the expected answer of every question ``q01`` … (instructor only).

A number or letter question ``qNN`` is a function of the learner's seed: it draws the question the
notebook showed (:func:`autograder.learner.cases.review_drill.question`) and computes its answer with the
course's exact references: a number as :class:`~autograder.learner.checks.Approx` (relative 5e-4), a
whole number as an ``int``, a letter as a string. A whiteboard question is the reference of the
exercise it repeats. The functions are made from the slot table below, one per slot, so that the
drill's questions and their references cannot drift apart.
"""
from __future__ import annotations

from types import SimpleNamespace

from ..learner.cases.review_drill import SLOTS, answer_type, question
from ..learner.checks import Approx
from ..learner.drill.bank import item
from . import adam_warmup_rationale as adam
from . import cosine_annealing, lr_range_test_mnist, one_cycle, schedules_in_pytorch, sgdr, step_decay, warmup

_MODULES = (step_decay, cosine_annealing, warmup, adam, sgdr, one_cycle, schedules_in_pytorch, lr_range_test_mnist)
R = SimpleNamespace(**{name: getattr(m, name) for m in _MODULES for name in dir(m)
                       if not name.startswith("_") and callable(getattr(m, name))
                       and getattr(getattr(m, name), "__module__", "") == m.__name__})


def _answer(qid: str):
    def answer(seed):
        q = question(qid, seed)
        value = q.expected(R)
        return Approx(value, q.item.rel_tol) if q.item.answer == "number" else value
    answer.__name__ = answer.__qualname__ = qid
    answer.__doc__ = f"The expected answer of {qid} for a seed."
    return answer


def _whiteboard(qid: str):
    reference = getattr(R, item(SLOTS[qid].pool[0]).function)

    def answer(**args):
        return reference(**args)
    answer.__name__ = answer.__qualname__ = qid
    answer.__doc__ = f"{qid} is {reference.__name__} from memory: its reference."
    return answer


for _qid in SLOTS:
    globals()[_qid] = _whiteboard(_qid) if answer_type(_qid) == "function" else _answer(_qid)
del _qid
