"""What ``09-review-drill`` imports: show a question, check an answer's form, practise with the widget.

    ask("q05", DRILL_SEED)          the question q05 asks for your seed (text, options, picture)
    check_format("q05", q05)        the form of your answer only, never its value
    practice(n=5, topic="warmup")   the daily drill (spaced repetition) in the notebook
"""
from __future__ import annotations

import re

from ..cases.review_drill import SLOTS, answer_type, check_format, question  # noqa: F401
from .items import LETTERS, wanted

_PROTECT = re.compile(r"(`[^`]*`|\$[^$]*\$)")


def _md(text: str) -> str:
    """Bank text as Markdown: underscores outside code and math escaped (ρ_t is not an emphasis)."""
    return "".join(part if _PROTECT.fullmatch(part) else part.replace("_", "\\_") for part in _PROTECT.split(text))


def question_markdown(qid: str, seed) -> str:
    q = question(qid, seed)
    item = q.item
    lines = [f"**{qid.upper()}** · {item.kind} · from {item.notebook}", "", _md(q.prompt)]
    if item.answer == "letter":
        lines += [""] + [f"- **{LETTERS[i]}.** {_md(item.options[j].text)}" for i, j in enumerate(q.order)]
    what = "a function, assigned to " + qid if item.answer == "function" else wanted(item.answer, len(item.options) or 4)
    lines += ["", f"*Answer:* `{qid} = ...`, {what}."]
    return "\n".join(lines)


def ask(qid: str, seed) -> None:
    """Display the question ``qid`` as drawn for ``seed`` (and its picture, for a curve)."""
    from IPython.display import Image, Markdown, display

    display(Markdown(question_markdown(qid, seed)))
    picture = question(qid, seed).picture
    if picture is not None:
        display(Image(filename=str(picture)))


def practice(n: int = 5, **filters):
    """The daily drill as a widget: ``practice(n=5, topic="warmup", notebook="03", kind="curve")``.
    It shares its history file with ``python3 run.py drill``."""
    from .widget import DrillWidget

    return DrillWidget(n, **filters).ui
