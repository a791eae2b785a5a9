"""The daily drill in a notebook: the same session, history file and grading as ``python3 run.py drill``,
one question at a time in ipywidgets. Nothing about an answer is shown before the learner answers.

    from autograder.learner.drill.notebook import practice
    practice(n=5, topic="warmup")
"""
from __future__ import annotations

import html
import re
from datetime import date

from .items import typed
from .leitner import History
from .session import Session, summary

CODE = re.compile(r"`([^`]+)`")


def as_html(text: str) -> str:
    """Plain bank text as HTML: escaped, `code` spans, **bold**, line breaks."""
    out = html.escape(text)
    out = CODE.sub(r"<code>\1</code>", out)
    out = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", out)
    return out.replace("\n", "<br>")


class DrillWidget:
    """``DrillWidget(...).ui`` is the widget; ``submit`` and ``next`` are what its buttons call."""

    def __init__(self, n: int = 5, *, topic=None, notebook=None, kind=None, history=None, today: date | None = None,
                 seed=None):
        import ipywidgets as w

        self.session = Session(History(history), today or date.today(), n, topic=topic, notebook=notebook,
                               kind=kind, seed=seed)
        self.index = 0
        self.header = w.HTML()
        self.question = w.HTML()
        self.picture = w.Image(format="png", layout=w.Layout(max_width="720px"))
        self.answer = w.Text(placeholder="your answer", layout=w.Layout(width="24em"))
        self.code = w.Textarea(placeholder="def ...", layout=w.Layout(width="90%", height="14em"))
        self.submit_button = w.Button(description="Answer", button_style="primary")
        self.dont_know_button = w.Button(description="I don't know")
        self.next_button = w.Button(description="Next question")
        self.feedback = w.HTML()
        self.submit_button.on_click(lambda _: self.submit())
        self.dont_know_button.on_click(lambda _: self.submit(dont_know=True))
        self.next_button.on_click(lambda _: self.next())
        self.ui = w.VBox([self.header, self.question, self.picture, self.answer, self.code,
                          w.HBox([self.submit_button, self.dont_know_button, self.next_button]), self.feedback])
        self.show()

    @property
    def current(self):
        return self.session.asked[self.index] if self.index < len(self.session.asked) else None

    def show(self) -> None:
        asked = self.current
        self.feedback.value = ""
        if asked is None:
            self.header.value = f"<b>Done for {self.session.today.isoformat()}.</b>"
            self.question.value = "<pre>" + html.escape(summary(self.session.history, self.session.today)) + "</pre>"
            for widget in (self.picture, self.answer, self.code):
                widget.layout.display = "none"
            self.submit_button.disabled = self.dont_know_button.disabled = self.next_button.disabled = True
            return
        q = asked.question
        self.header.value = (f"<b>{self.index + 1} / {len(self.session.asked)}</b> · {q.item.kind} · {q.item.topic}"
                             f" · {asked.reason}")
        self.question.value = as_html(q.text)
        if q.picture is not None:
            self.picture.value = q.picture.read_bytes()
            self.picture.layout.display = None
        else:
            self.picture.layout.display = "none"
        function = q.item.answer == "function"
        self.answer.layout.display = "none" if function else None
        self.code.layout.display = None if function else "none"
        self.answer.value = self.code.value = ""
        self.submit_button.disabled = self.dont_know_button.disabled = False
        self.next_button.disabled = True

    def submit(self, dont_know: bool = False) -> None:
        asked = self.current
        if asked is None or asked.result is not None:
            return
        item = asked.question.item
        try:
            value = None if dont_know else typed(item, self.code.value if item.answer == "function" else self.answer.value)
        except ValueError as exc:
            self.feedback.value = f"<i>{html.escape(str(exc))}</i>"
            return
        result = self.session.answer(asked, value)
        mark = "&#10003; right" if result.correct else "&#10007; " + ("not answered" if value is None else "wrong")
        note = f"<br><i>{as_html(result.note[:2000])}</i>" if result.note and not result.correct and value is not None else ""
        reread = "" if result.correct else f"<br>Reread: {html.escape(item.where)}"
        self.feedback.value = (f"<b>{mark}</b>. Expected: <code>{html.escape(result.expected)}</code>.{note}"
                               f"<br><b>Why:</b> {as_html(result.explanation)}{reread}"
                               f"<br><small>{html.escape(self.session.next_review(asked))}</small>")
        self.submit_button.disabled = self.dont_know_button.disabled = True
        self.next_button.disabled = False

    def next(self) -> None:
        if self.current is not None and self.current.result is None:
            return
        self.index += 1
        self.show()
