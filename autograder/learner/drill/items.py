"""Question types of the drill bank, one drawn instance of an item, and the grading of one answer.

An **item** is data: its prompt, where in the course it comes from (``notebook``, ``section``), its
kind (``why``, ``trade-off``, ``debugging``, ``curve``, ``numeric``, ``whiteboard``) and its topic.

* a *choice* item has options, each with the reason it is right or wrong (every option is explained);
* a *numeric* item is a template: ``draw(rng)`` picks fresh numbers, ``solve(params, R)`` computes the
  answer with the course's exact references ``R`` (:func:`references`), ``why(params, answer)``
  explains it, and ``traps`` are the classic wrong answers (recognised when a learner gives one);
* a *whiteboard* item asks for a graded function of the course from memory; it is graded by the
  same cases and references as the notebook exercise.

A :class:`Question` is an item with its numbers drawn and its options shuffled, from a seeded
``random.Random``: the same seed gives the same question, so the graded notebook and the grader agree.
"""
from __future__ import annotations

import ast
import io
import math
import numbers
import random
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

SIG4 = 5e-4          # "to 4 significant digits": relative tolerance of a number answer
INT_TOL = 1e-9       # the float rounding of an expression that gives a whole number
LETTERS = "ABCDEFGH"
KINDS = ("why", "trade-off", "debugging", "curve", "numeric", "whiteboard")
ANSWERS = ("letter", "number", "integer", "function")
PICTURES = Path(__file__).with_name("pictures")


@dataclass(frozen=True)
class Option:
    """One option of a choice item and why it is right or wrong."""

    text: str
    why: str
    right: bool = False


def right(text: str, why: str) -> Option:
    return Option(text, why, True)


def wrong(text: str, why: str) -> Option:
    return Option(text, why, False)


@dataclass(frozen=True)
class Trap:
    """A classic wrong answer of a numeric item: the mistake, and the value it gives."""

    mistake: str
    value: Callable[[dict, Any], float]


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    topic: str
    notebook: str            # assignment id, e.g. "03-warmup"
    section: str             # a heading of that notebook (for 08: the graded function its section teaches)
    prompt: str              # numeric items: a str.format template over the drawn numbers
    answer: str              # "letter", "number", "integer" or "function"
    options: tuple = ()
    shuffle: bool = True     # False when a picture labels the options
    picture: str | None = None
    draw: Callable[[random.Random], dict] | None = None
    solve: Callable[[dict, Any], float] | None = None
    why: Any = ""            # text; numeric items: a function (params, answer) -> text
    traps: tuple = ()
    function: str | None = None
    rel_tol: float = SIG4

    @property
    def where(self) -> str:
        return f"{self.notebook} § {self.section}"

    def needs_references(self) -> bool:
        return self.answer in ("number", "integer", "function")


def choice(id: str, *, kind: str, topic: str, notebook: str, section: str, prompt: str, options: list,
           picture: str | None = None, shuffle: bool = True) -> Item:
    return Item(id, kind, topic, notebook, section, prompt, "letter", tuple(options), shuffle, picture)


def numeric(id: str, *, topic: str, notebook: str, section: str, prompt: str, draw: Callable, solve: Callable,
            why: Callable, traps: tuple = (), integer: bool = False, kind: str = "numeric") -> Item:
    return Item(id, kind, topic, notebook, section, prompt, "integer" if integer else "number",
                draw=draw, solve=solve, why=why, traps=tuple(traps))


def whiteboard(id: str, *, topic: str, notebook: str, section: str, function: str, prompt: str, why: str) -> Item:
    return Item(id, "whiteboard", topic, notebook, section, prompt, "function", why=why, function=function)


def fmt(x: Any) -> str:
    """A number as a learner would write it: ``0.1``, ``3e-04`` -> ``0.0003``, ``1e-07``."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        return ", ".join(fmt(v) for v in x) if isinstance(x, (list, tuple)) else str(x)
    if isinstance(x, numbers.Integral):
        return str(int(x))
    return f"{float(x):.6g}"


def sig4(x: float) -> str:
    return f"{float(x):.4g}"


# --- one drawn question -----------------------------------------------------------------------

@dataclass(frozen=True)
class Question:
    item: Item
    params: dict = field(default_factory=dict)
    order: tuple = ()        # indices of item.options, in the order shown as A, B, C, ...

    @property
    def letter(self) -> str:
        """The right letter (choice items)."""
        return next(LETTERS[i] for i, j in enumerate(self.order) if self.item.options[j].right)

    @property
    def prompt(self) -> str:
        """The prompt with its numbers filled in."""
        shown = {k: (f"[{fmt(v)}]" if isinstance(v, (list, tuple)) else fmt(v)) for k, v in self.params.items()}
        return self.item.prompt.format(**shown) if self.params else self.item.prompt

    @property
    def text(self) -> str:
        """The question as shown in a terminal: the prompt, then the options."""
        body = self.prompt
        if self.item.answer == "letter":
            body += "\n" + "\n".join(f"  {LETTERS[i]}. {self.item.options[j].text}" for i, j in enumerate(self.order))
        return body

    @property
    def picture(self) -> Path | None:
        return PICTURES / f"{self.item.picture}.png" if self.item.picture else None

    def expected(self, R=None):
        """The right answer: a letter, a number (from the references ``R``), or the function's name."""
        if self.item.answer == "letter":
            return self.letter
        if self.item.answer == "function":
            return self.item.function
        value = self.item.solve(self.params, R if R is not None else references())
        return int(round(value)) if self.item.answer == "integer" else float(value)

    def explanation(self, expected=None, R=None) -> str:
        """Why the answer is what it is; for a choice item, why each option is right or wrong."""
        item = self.item
        if item.answer == "letter":
            lines = [f"{LETTERS[i]} ({item.options[j].text.rstrip('.')}): {'right' if item.options[j].right else 'wrong'}."
                     f" {item.options[j].why}" for i, j in enumerate(self.order)]
            return "\n".join(lines)
        if item.answer == "function":
            return item.why
        if expected is None:
            expected = self.expected(R)
        slips = [f"{mistake} gives {sig4(value)}" for mistake, value in self.slips(expected, R)]
        return item.why(self.params, expected) + (" Common slips: " + "; ".join(slips) + "." if slips else "")

    def slips(self, expected, R=None) -> list[tuple[str, float]]:
        """``(mistake, value)`` of each trap that applies to these numbers and gives another answer."""
        out = []
        for trap in self.item.traps:
            try:
                value = float(trap.value(self.params, R or references()))
            except Exception:  # a trap that does not apply to these numbers
                continue
            if math.isfinite(value) and not is_close(value, expected, self.item.rel_tol):
                out.append((trap.mistake, value))
        return out

    def trap_of(self, value, R=None) -> str | None:
        """The mistake a wrong number answer matches, if it is one of the item's traps."""
        expected = self.expected(R)
        return next((m for m, v in self.slips(expected, R) if is_close(value, v, self.item.rel_tol)), None)


def _tidy(value):
    """Drawn numbers exactly as shown (6 significant digits), so that the prompt and the answer agree."""
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return value


def instantiate(item: Item, rng: random.Random) -> Question:
    """Draw the numbers and shuffle the options of ``item``."""
    params = {k: _tidy(v) for k, v in (item.draw(rng) if item.draw else {}).items()}
    order = list(range(len(item.options)))
    if item.shuffle:
        rng.shuffle(order)
    return Question(item, params, tuple(order))


def draw(item: Item, seed) -> Question:
    """The question of ``item`` for ``seed`` (any value ``random.Random`` accepts as a string)."""
    return instantiate(item, random.Random(f"{item.id}/{seed}"))


# --- the references -----------------------------------------------------------------------------

_REFERENCES = None


def references():
    """The course's exact references as a namespace (``R.step_lr(...)``). They ship with a clone of
    the repository; a classroom hand-out may not have them: then ``ImportError``."""
    global _REFERENCES
    if _REFERENCES is None:
        from autograder.references import REFERENCES  # noqa: PLC0415 (lazy: the drill starts without it)

        _REFERENCES = SimpleNamespace(**REFERENCES)
    return _REFERENCES


def references_available() -> bool:
    try:
        references()
        return True
    except ImportError:
        return False


# --- reading an answer ----------------------------------------------------------------------------

_FUNCTIONS = {name: getattr(math, name) for name in ("sqrt", "cos", "sin", "tan", "exp", "log", "log10", "log2",
                                                      "floor", "ceil")}
_FUNCTIONS.update(min=min, max=max, abs=abs)
_CONSTANTS = {"pi": math.pi, "e": math.e}
_BINARY = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
           ast.Div: lambda a, b: a / b, ast.Pow: lambda a, b: a ** b, ast.FloorDiv: lambda a, b: a // b,
           ast.Mod: lambda a, b: a % b}


def number_of(text: str) -> float:
    """A typed number, or an arithmetic expression of one (``1e-3 * (1 - sqrt(0.75))``). Only numbers,
    + - * / // % **, parentheses, pi, e and math's common functions are allowed."""

    def ev(node):
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return float(node.value)
        if isinstance(node, ast.Name) and node.id in _CONSTANTS:
            return _CONSTANTS[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            return -ev(node.operand) if isinstance(node.op, ast.USub) else ev(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            return float(_BINARY[type(node.op)](ev(node.left), ev(node.right)))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS
                and not node.keywords):
            return float(_FUNCTIONS[node.func.id](*[ev(a) for a in node.args]))
        raise ValueError("only numbers and arithmetic are allowed")

    try:
        value = ev(ast.parse(text.strip().replace("^", "**"), mode="eval"))
    except (SyntaxError, ValueError, TypeError, ZeroDivisionError, OverflowError) as exc:
        raise ValueError(f"{text.strip()!r} is not a number ({type(exc).__name__}: {exc})") from None
    if not math.isfinite(value):
        raise ValueError(f"{text.strip()!r} is not a finite number")
    return value


def function_of(source: str, name: str) -> Callable:
    """The function ``name`` defined by ``source`` (learner code, run in a fresh namespace)."""
    namespace: dict = {"__name__": "__drill__"}
    with redirect_stdout(io.StringIO()):
        exec(compile(source, "<your answer>", "exec"), namespace)
    fn = namespace.get(name)
    if not callable(fn):
        found = sorted(k for k, v in namespace.items() if callable(v) and not k.startswith("__"))
        raise ValueError(f"the code defines no function {name}" + (f" (it defines {', '.join(found)})" if found else ""))
    return fn


def plain_answer(value):
    """A learner's answer as plain data: a letter stripped and upper-cased, a whole float as an int.
    Other values unchanged (the judge says why they are wrong)."""
    if isinstance(value, str):
        return value.strip().upper()
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, numbers.Integral)):
        x = float(value)
        if math.isfinite(x) and abs(x - round(x)) <= INT_TOL * abs(x):  # relative: 7e-10 stays a float
            return int(round(x))
        return x
    return value


def typed(item: Item, text: str):
    """What a learner typed, as an answer ``grade`` accepts: ``None`` for "?" (I don't know), a letter,
    or a number. Raises ``ValueError`` saying why the text cannot be read (never whether it is right)."""
    text = text.strip()
    if text == "?":
        return None
    if item.answer == "function":
        return text + "\n"
    if item.answer == "letter":
        letters = LETTERS[:len(item.options)]
        if len(text) == 1 and text.upper() in letters:
            return text
        raise ValueError(f"{text!r} is not one of the letters {', '.join(letters)}")
    value = number_of(text)
    if item.answer == "integer" and not isinstance(plain_answer(value), int):
        raise ValueError(f"{text} is not a whole number")
    return value


def form_problem(kind: str, value, n_options: int = 4) -> str | None:
    """``None`` when ``value`` has the form a ``kind`` answer needs, else why not (never whether it is right)."""
    if value is None:
        return "no answer yet"
    type_name = (type(value).__module__ + "." + type(value).__qualname__).removeprefix("builtins.")
    if kind == "letter":
        letters = LETTERS[:n_options]
        if not isinstance(value, str):
            return f"a {type_name}, not a letter in quotes"
        if len(value.strip()) != 1 or value.strip().upper() not in letters:
            return f"{value!r} is not one of the letters {', '.join(letters)}"
        return None
    if kind == "function":
        return None if callable(value) else f"a {type_name}, not a function"
    if isinstance(value, str):
        return "a string: write the number without quotes"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        extra = " (use .item() to get a Python number)" if "Tensor" in type_name else ""
        return f"a {type_name}, not a number{extra}"
    if not math.isfinite(float(value)):
        return f"{float(value)!r} is not a finite number"
    if kind == "integer" and not isinstance(plain_answer(value), int):
        return f"{value!r} is not a whole number"
    return None


def wanted(kind: str, n_options: int = 4) -> str:
    """What an answer of ``kind`` must look like, in words."""
    if kind == "letter":
        letters = LETTERS[:n_options]
        return f"one letter, {', '.join(letters[:-1])} or {letters[-1]} (a string such as 'B')"
    if kind == "number":
        return "a number, to 4 significant digits (relative tolerance 5e-4)"
    if kind == "integer":
        return "a whole number, graded exactly"
    return "a function"


def is_close(got, want, rel_tol: float = SIG4) -> bool:
    return abs(float(got) - float(want)) <= rel_tol * abs(float(want))


# --- grading one answer -----------------------------------------------------------------------------

@dataclass
class Result:
    correct: bool
    expected: str            # the right answer, as shown after answering
    explanation: str
    note: str = ""           # a form problem, a recognised slip, or the failing cases of a function


def grade(question: Question, answer, R=None) -> Result:
    """Grade ``answer`` (a letter, a number, or a function for a whiteboard item; text is read as
    the learner would type it) against ``question``; ``None`` means "I don't know"."""
    item = question.item
    if item.answer == "function":
        return _grade_function(question, answer, R)
    expected = question.expected(R)
    shown = str(expected) if item.answer in ("letter", "integer") else sig4(expected)
    explanation = question.explanation(expected, R)
    if answer is None:
        return Result(False, shown, explanation, "")
    if isinstance(answer, str) and item.answer != "letter":
        try:
            answer = number_of(answer)
        except ValueError as exc:
            return Result(False, shown, explanation, str(exc))
    problem = form_problem(item.answer, answer, len(item.options))
    if problem:
        return Result(False, shown, explanation, f"{problem}; expected {wanted(item.answer, len(item.options))}")
    value = plain_answer(answer)
    if item.answer == "letter":
        return Result(value == expected, shown, explanation)
    if item.answer == "integer":
        ok = isinstance(value, int) and value == expected
    else:
        ok = is_close(value, expected, item.rel_tol)
    slip = None if ok else question.trap_of(value, R)
    return Result(ok, shown, explanation, f"that is the answer of a classic slip: {slip}" if slip else "")


def _grade_function(question: Question, answer, R=None) -> Result:
    """A whiteboard answer: the notebook exercise's hand-checked cases and its hidden grid (the cases
    the graded notebook uses too; the PyTorch runs of its visible test are left out: slow, and the
    references agree with them)."""
    from ..cases import exercise  # noqa: PLC0415
    from ..checks import check_cases  # noqa: PLC0415

    name = question.item.function
    expected = f"a {name} that passes the visible and hidden cases of {question.item.notebook}"
    if isinstance(answer, str):
        try:
            answer = function_of(answer, name)
        except Exception as exc:  # the learner's code did not even run
            return Result(False, expected, question.item.why, f"{type(exc).__name__}: {exc}")
    if not callable(answer):
        return Result(False, expected, question.item.why, "no function given")
    if R is None:
        references()
    from autograder.references import hidden_cases  # noqa: PLC0415

    ex = exercise(name)
    try:
        with redirect_stdout(io.StringIO()):
            check_cases(name, answer, list(ex.visible) + hidden_cases(name), peak=ex.peak, adapter=ex.adapter)
    except AssertionError as exc:
        return Result(False, expected, question.item.why, str(exc))
    return Result(True, expected, question.item.why)
