"""Spaced repetition with Leitner boxes, and the learner's history file.

Every item the learner has answered sits in a box, 1 to 5. A right answer moves it up one box, a wrong
one (or "I don't know") back to box 1. An item in box b is due again ``INTERVALS[b]`` days after it
was answered: missed items come back the next day, known ones after 2, 4, 8, then 16 days.

The history is one JSON file (default ``~/.lr-schedules/drill-history.json``; ``--history PATH`` or
``$LR_DRILL_HISTORY`` elsewhere)::

    {"format": "lr-schedules drill history 1",
     "items": {"warmup.noam-peak": {"box": 2, "due": "2025-03-06", "log": [["2025-03-04", true]]}}}

``log`` keeps every answer (date, right?): it feeds the summary of weak topics.
"""
from __future__ import annotations

import json
import os
import random
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

FORMAT = "lr-schedules drill history 1"
INTERVALS = {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}   # days until an item of this box is due again
TOP = max(INTERVALS)


def default_path() -> Path:
    env = os.environ.get("LR_DRILL_HISTORY")
    return Path(env).expanduser() if env else Path.home() / ".lr-schedules" / "drill-history.json"


@dataclass
class Card:
    box: int
    due: date
    log: list = field(default_factory=list)     # [(date, right), ...]

    def to_json(self) -> dict:
        return {"box": self.box, "due": self.due.isoformat(), "log": [[d.isoformat(), ok] for d, ok in self.log]}

    @classmethod
    def from_json(cls, data: dict) -> "Card":
        return cls(int(data["box"]), date.fromisoformat(data["due"]),
                   [(date.fromisoformat(d), bool(ok)) for d, ok in data.get("log", [])])


class History:
    """The learner's cards, read from and written to one JSON file."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.cards: dict[str, Card] = {}
        if self.path.is_file():
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(f"{self.path} is not a drill history ({FORMAT!r} expected)")
            self.cards = {k: Card.from_json(v) for k, v in data.get("items", {}).items()}

    def save(self) -> None:
        """Write the file atomically (a crash never leaves half a history)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"format": FORMAT, "items": {k: c.to_json() for k, c in sorted(self.cards.items())}},
                          indent=1)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".drill-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        os.replace(tmp, self.path)

    def record(self, item_id: str, right: bool, today: date) -> Card:
        """Move the item's card: up one box when right, back to box 1 when wrong; set its due date."""
        card = self.cards.get(item_id)
        box = 1 if card is None else card.box
        box = min(box + 1, TOP) if right else 1
        if card is None:
            card = self.cards[item_id] = Card(box, today)
        card.box, card.due = box, today + timedelta(days=INTERVALS[box])
        card.log.append((today, right))
        return card


def plan(item_ids: list[str], history: History, today: date, n: int, rng: random.Random) -> list[tuple[str, str]]:
    """Up to ``n`` items for today, as ``(item id, why chosen)``: first the due ones (lowest box and most
    overdue first), then new ones (in random order), then, if the learner wants more than is due,
    the items due soonest ("extra": the drill never runs out; templates come with fresh numbers)."""
    due, new, later = [], [], []
    for item_id in item_ids:
        card = history.cards.get(item_id)
        if card is None:
            new.append(item_id)
        elif card.due <= today:
            due.append((card.box, card.due, item_id))
        else:
            later.append((card.due, card.box, item_id))
    rng.shuffle(new)
    chosen = [(i, "due") for *_, i in sorted(due)] + [(i, "new") for i in new] + [(i, "extra") for *_, i in sorted(later)]
    return chosen[:n]
