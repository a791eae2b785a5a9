"""One day's drill, shared by the terminal (:mod:`.cli`) and the notebook (:mod:`.widget`): choose the
items (filters, Leitner plan), draw their questions, grade each answer, record it, summarise."""
from __future__ import annotations

import random
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from .bank import BANK, TOPICS
from .items import Item, Question, Result, draw, grade, references, references_available
from .leitner import INTERVALS, TOP, History, plan


def matches_notebook(item: Item, wanted: str) -> bool:
    """``03``, ``3``, ``03-warmup`` or ``warmup`` all select 03-warmup."""
    wanted = wanted.strip().lower()
    number, _, name = item.notebook.partition("-")
    return wanted in (item.notebook, number, number.lstrip("0"), name) or (len(wanted) > 2 and wanted in item.notebook)


def select(bank=BANK, *, topic: str | None = None, notebook: str | None = None, kind: str | None = None,
           with_references: bool = True) -> list[Item]:
    """The items that pass the filters; without the references, only those that do not need them."""
    items = [i for i in bank if with_references or not i.needs_references()]
    if topic:
        items = [i for i in items if i.topic == topic.strip().lower()]
    if notebook:
        items = [i for i in items if matches_notebook(i, notebook)]
    if kind:
        items = [i for i in items if i.kind == kind.strip().lower()]
    return items


@dataclass
class Asked:
    question: Question
    reason: str              # "due", "new" or "extra"
    result: Result | None = None


class Session:
    """Today's questions for this learner. ``answer`` grades one and writes the history at once."""

    def __init__(self, history: History, today: date, n: int = 10, *, topic: str | None = None,
                 notebook: str | None = None, kind: str | None = None, seed=None, bank=BANK):
        self.history, self.today = history, today
        self.seed = secrets.randbelow(10**9) if seed is None else seed
        self.with_references = references_available()
        self.pool = select(bank, topic=topic, notebook=notebook, kind=kind, with_references=self.with_references)
        by_id = {i.id: i for i in self.pool}
        picks = plan(list(by_id), history, today, n, random.Random(f"plan/{self.seed}/{today}"))
        self.asked = [Asked(draw(by_id[i], f"{self.seed}/{today}"), why) for i, why in picks]

    def answer(self, asked: Asked, answer) -> Result:
        """Grade ``answer`` (``None``: "I don't know"), record it, save the history."""
        R = references() if self.with_references else None
        asked.result = grade(asked.question, answer, R)
        self.history.record(asked.question.item.id, asked.result.correct, self.today)
        self.history.save()
        return asked.result

    def next_review(self, asked: Asked) -> str:
        card = self.history.cards[asked.question.item.id]
        days = (card.due - self.today).days
        return f"box {card.box} of {TOP}: next review in {days} day{'s' if days != 1 else ''} ({card.due.isoformat()})"

    def counts(self) -> dict:
        out = defaultdict(int)
        for a in self.asked:
            out[a.reason] += 1
        return dict(out)


def summary(history: History, today: date, bank=BANK, window: int = 30) -> str:
    """Progress, and the weak topics of the last ``window`` days with the sections to reread."""
    since = today - timedelta(days=window)
    by_id = {i.id: i for i in bank}
    seen = {k: c for k, c in history.cards.items() if k in by_id}
    if not seen:
        return "No answers yet: run the drill first."
    lines = [f"Progress: {len(seen)} of {len(bank)} items answered at least once; boxes "
             + ", ".join(f"{b}: {sum(c.box == b for c in seen.values())}" for b in INTERVALS)
             + f" (box {TOP}: known). Due tomorrow or earlier: "
             + f"{sum(c.due <= today + timedelta(days=1) for c in seen.values())}."]
    stats: dict = {}
    for item_id, card in seen.items():
        item = by_id[item_id]
        recent = [ok for d, ok in card.log if d > since]
        t = stats.setdefault(item.topic, {"answers": 0, "right": 0, "missed": []})
        t["answers"] += len(recent)
        t["right"] += sum(recent)
        if card.box == 1 and card.log and not card.log[-1][1]:
            t["missed"].append(item)
    weak = sorted(((t["right"] / t["answers"] if t["answers"] else 1.0, topic, t) for topic, t in stats.items()
                   if t["missed"] or (t["answers"] and t["right"] < 0.8 * t["answers"])), key=lambda x: (x[0], x[1]))
    if not weak:
        lines.append(f"No weak topic in the last {window} days. Topics answered: "
                     + ", ".join(f"{topic} {t['right']}/{t['answers']}" for topic, t in sorted(stats.items())) + ".")
        return "\n".join(lines)
    lines.append(f"Weak topics (last {window} days, right / answers), and what to reread:")
    for _share, topic, t in weak:
        lines.append(f"  {topic}: {t['right']}/{t['answers']} right"
                     + (f", {len(t['missed'])} item(s) missed last time" if t["missed"] else ""))
        for where in dict.fromkeys(i.where for i in t["missed"]):
            lines.append(f"    reread {where}")
    return "\n".join(lines)


def topics_table(bank=BANK) -> str:
    rows = []
    for topic in TOPICS:
        items = [i for i in bank if i.topic == topic]
        notebooks = sorted({i.notebook for i in items})
        rows.append(f"  {topic:<12} {len(items):>3} items   {', '.join(notebooks)}")
    return "\n".join(rows)
