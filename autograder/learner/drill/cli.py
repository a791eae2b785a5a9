"""``python3 run.py drill``: the daily interview drill in a plain terminal (no curses, works offline).

It asks N items (missed and due ones first, then new ones), grades each answer at once and explains it,
keeps the history in a local file, and ends with the weak topics and the sections to reread. Nothing
about an answer is printed before the learner has answered.

    python3 run.py drill                       10 questions
    python3 run.py drill -n 5 --topic warmup   5 questions on one topic (--topics lists them)
    python3 run.py drill --notebook 06         only items from 06-cyclical-and-one-cycle
    python3 run.py drill --kind curve          only one kind: why, trade-off, debugging, curve, numeric, whiteboard
    python3 run.py drill --summary             progress and weak topics, no questions

Answers: a letter; a number (an expression is fine: ``1e-3 * (1 - sqrt(0.75))``); a whole number; for a
whiteboard item the path of a .py file that defines the function, or the code itself ended by a line
holding only ``.``. ``?`` means "I don't know" (counted as missed, the answer is shown); ``q`` stops.
"""
from __future__ import annotations

import argparse
import sys
import threading
from datetime import date
from pathlib import Path
from typing import TextIO

from .items import typed
from .leitner import History, default_path
from .session import Session, summary, topics_table

HOW = {
    "letter": "Answer with a letter",
    "number": "Answer with a number, to 4 significant digits (an expression is fine)",
    "integer": "Answer with a whole number",
    "function": "Type the path of a .py file that defines it, or paste the code and end with a line holding only '.'",
}


class Quit(Exception):
    pass


def _read_answer(asked, stdin: TextIO, out) -> object:
    """The learner's answer, in a form ``grade`` accepts (re-asked while it cannot be read)."""
    item = asked.question.item
    while True:
        out(f"{HOW[item.answer]} (? = I don't know, q = stop)")
        out("> ", end="")
        line = stdin.readline()
        if not line:
            raise Quit
        text = line.strip()
        if text.lower() in ("q", "quit", "exit"):
            raise Quit
        if not text:
            continue
        if text == "?":
            return None
        if item.answer == "function":
            if text.endswith(".py") and Path(text).expanduser().is_file():
                return Path(text).expanduser().read_text(encoding="utf-8")
            lines = [line.rstrip("\n")]
            while True:
                more = stdin.readline()
                if not more or more.strip() == ".":
                    break
                lines.append(more.rstrip("\n"))
            return "\n".join(lines) + "\n"
        try:
            return typed(item, text)
        except ValueError as exc:
            out(f"  {exc}.")


def warm_up() -> threading.Thread:
    """Import torch in the background while the first question is read: grading a few items (the
    plateau template, whiteboard items) needs it, and it takes a second or more to import. Not a
    daemon: the interpreter waits for it before exiting."""
    thread = threading.Thread(target=lambda: __import__("torch"), name="drill-warm-up")
    thread.start()
    return thread


def run(session: Session, stdin: TextIO, stdout: TextIO) -> int:
    def out(text: str = "", end: str = "\n") -> None:
        stdout.write(text + end)
        stdout.flush()

    counts = session.counts()
    out(f"Drill of {session.today.isoformat()}: {len(session.asked)} question(s) "
        f"({', '.join(f'{n} {k}' for k, n in counts.items()) or 'none'}). History: {session.history.path}")
    if not session.with_references:
        out("(The course's references, autograder/references, are not installed here: numeric and whiteboard "
            "items are left out. They come with a clone of the repository.)")
    if not session.asked:
        out("Nothing matches these filters.")
    answered = 0
    for n, asked in enumerate(session.asked, 1):
        q = asked.question
        out(f"\n[{n}/{len(session.asked)}] {q.item.kind} · {q.item.topic} · {asked.reason}")
        out(q.text)
        if q.picture:
            out(f"Picture: {q.picture}  (open it in an image viewer)")
        try:
            value = _read_answer(asked, stdin, out)
        except Quit:
            out("\nStopped.")
            break
        result = session.answer(asked, value)
        answered += 1
        mark = "\u2713 right" if result.correct else f"\u2717 {'not answered' if value is None else 'wrong'}"
        out(f"{mark}. Expected: {result.expected}.")
        if result.note and not result.correct and value is not None:
            out(f"  ({result.note[:2000]})")
        out("Why: " + result.explanation.replace("\n", "\n     "))
        if not result.correct:
            out(f"Reread: {q.item.where}")
        out(session.next_review(asked))
    right = sum(bool(a.result and a.result.correct) for a in session.asked)
    out(f"\nToday: {right} of {answered} right.")
    out(summary(session.history, session.today))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python3 run.py drill", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-n", type=int, default=10, help="how many questions (default 10)")
    p.add_argument("--topic", help="only this topic (see --topics)")
    p.add_argument("--notebook", help="only items from this notebook: 03, 03-warmup or warmup")
    p.add_argument("--kind", help="only this kind: why, trade-off, debugging, curve, numeric, whiteboard")
    p.add_argument("--summary", action="store_true", help="print progress and weak topics, ask nothing")
    p.add_argument("--topics", action="store_true", help="list the topics and their notebooks")
    p.add_argument("--history", type=Path, default=None,
                   help=f"the history file (default $LR_DRILL_HISTORY or {default_path()})")
    p.add_argument("--today", type=date.fromisoformat, default=None,
                   help="the date to drill for, YYYY-MM-DD (default: today; tests use it to simulate days)")
    p.add_argument("--seed", type=int, default=None, help="draw the same questions again (default: fresh)")
    return p


def main(argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    args = parser().parse_args(argv)
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    if stdout is sys.stdout and hasattr(stdout, "reconfigure"):
        stdout.reconfigure(errors="replace")  # a terminal that cannot show ✓ or π still works
    if args.topics:
        stdout.write(topics_table() + "\n")
        return 0
    history = History(args.history)
    today = args.today or date.today()
    if args.summary:
        stdout.write(summary(history, today) + "\n")
        return 0
    if args.n < 1:
        parser().error("-n must be at least 1")
    from .bank import TOPICS

    if args.topic and args.topic.strip().lower() not in TOPICS:
        parser().error(f"unknown topic {args.topic!r}; topics: {', '.join(TOPICS)}")
    warm_up()
    session = Session(history, today, args.n, topic=args.topic, notebook=args.notebook, kind=args.kind, seed=args.seed)
    return run(session, stdin, stdout)


if __name__ == "__main__":
    sys.exit(main())
