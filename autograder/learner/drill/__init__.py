"""The interview drill: a question bank kept as data, and the tools that ask it.

Safe to hand out like the rest of ``autograder.learner``: numeric items hold no answers (they are
computed from the course's exact references, :mod:`autograder.references`, when an answer is
graded); choice items carry their explanations, which no tool shows before the learner answers.

| module        | what |
|---|---|
| ``items``     | question types (choice, numeric template, whiteboard), one drawn instance, reading and grading one answer |
| ``bank/``     | the items: ``concepts`` (why, trade-offs), ``debugging`` (symptoms, curve reading), ``numbers`` (templates), ``whiteboard`` |
| ``pictures``  | the curves of the curve-reading items, drawn from PyTorch and small real runs; ``python -m autograder.learner.drill.pictures`` redraws ``pictures/*.png`` |
| ``leitner``   | spaced repetition: Leitner boxes and the history file |
| ``session``   | one day's drill: choose the items, grade, record, summarise (shared by the terminal and the notebook) |
| ``cli``       | ``python3 run.py drill`` in a plain terminal |
| ``widget``    | the same drill in a notebook (ipywidgets) |
| ``notebook``  | what ``09-review-drill`` imports: ``ask``, ``check_format``, ``practice`` |
"""
from .bank import BANK, item  # noqa: F401
