"""The cheat sheet, ``docs/cheatsheet.md``: read its formulas so that they can be checked, and make a
printable HTML page of it (no network: plain HTML and CSS, formulas as Unicode code).

    python3 run.py cheatsheet          (or: python -m autograder.learner.cheatsheet [--out PATH])

What the sheet promises, and ``tests/test_cheatsheet.py`` checks with :func:`formula_rows` and
:func:`quick_checks`:

* in the *Schedules* table, each row's first cell names a course function (with fixed arguments,
  e.g. ``wsd_lr(decay="1-sqrt")``) and its second cell is a Python expression over the symbols of the
  legend table, followed by ``name = expr`` definitions; it must equal the reference on the
  function's hidden grid, at the course's tolerance;
* every code span ``call(...) ≈ number`` (to the digits written) or ``call(...) == value`` holds when
  ``call`` is the course's reference;
* no other code span looks like a formula (so nothing on the page escapes the test).
"""
from __future__ import annotations

import argparse
import ast
import html
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHEET = REPO / "docs" / "cheatsheet.md"
PAGE = REPO / "docs" / "cheatsheet.html"
SPAN = re.compile(r"`([^`]+)`")
FORMULA_LIKE = re.compile(r"\*\*|//|\s[-+*/%]\s|\bcos\(|\bsqrt\(|\bexp\(")
MATH = {"π": math.pi, "cos": math.cos, "sin": math.sin, "sqrt": math.sqrt, "exp": math.exp, "log": math.log,
        "floor": math.floor, "min": min, "max": max, "abs": abs, "sum": sum, "range": range}


@dataclass
class Row:
    function: str
    fixed: dict
    expression: str
    definitions: list = field(default_factory=list)   # (name, expression), evaluated in order

    def value(self, args: dict, symbols: dict) -> float:
        """The row's formula for the keyword arguments ``args`` of its function."""
        ns = dict(MATH)
        for param, value in args.items():
            for symbol in symbols.get(param, ()):
                ns[symbol] = value
        for name, expr in self.definitions:
            ns[name] = eval(expr, ns)  # noqa: S307 (the sheet is ours; the test evaluates it)
        return eval(self.expression, ns)  # noqa: S307


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def sections(text: str) -> dict[str, str]:
    """``{heading: body}`` for the ``##`` sections (the part before the first one under "")."""
    out, name = {"": []}, ""
    for line in text.splitlines():
        if line.startswith("## "):
            name = line[3:].strip()
            out[name] = []
        else:
            out[name].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


def legend(text: str) -> dict[str, list[str]]:
    """``{parameter: [symbols]}`` from the symbol table before the first section."""
    symbols: dict[str, list[str]] = {}
    for line in sections(text)[""].splitlines():
        if not line.startswith("| `"):
            continue
        cells = _cells(line)
        for sym_cell, par_cell in zip(cells[0::2], cells[1::2]):
            syms, params = SPAN.findall(sym_cell), SPAN.findall(par_cell)
            pairs = zip(syms, params) if len(syms) == len(params) else ((s, p) for s in syms for p in params)
            for sym, param in pairs:
                symbols.setdefault(param, []).append(sym)
    return symbols


def formula_rows(text: str) -> list[Row]:
    rows = []
    for line in sections(text)["Schedules"].splitlines():
        if not line.startswith("| `"):
            continue
        name_cell, formula_cell = _cells(line)[:2]
        call = ast.parse(SPAN.findall(name_cell)[0], mode="eval").body
        function = call.func.id if isinstance(call, ast.Call) else call.id
        fixed = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords} if isinstance(call, ast.Call) else {}
        spans = SPAN.findall(formula_cell)
        definitions = [tuple(part.strip() for part in s.split("=", 1)) for s in spans[1:]]
        rows.append(Row(function, fixed, spans[0], definitions))
    return rows


def quick_checks(text: str) -> list[str]:
    """Every code span that states a value: ``call(...) ≈ number`` or ``call(...) == value``."""
    return [s for s in SPAN.findall(text) if "≈" in s or " == " in s]


def unchecked_formulas(text: str) -> list[str]:
    """Code spans that look like formulas but are neither in a formula row nor a quick check."""
    checked = {r.expression for r in formula_rows(text)}
    checked |= {f"{n} = {e}" for r in formula_rows(text) for n, e in r.definitions}
    checked |= set(quick_checks(text))
    return [s for s in SPAN.findall(text) if FORMULA_LIKE.search(s) and s not in checked]


def significant_digits(number: str) -> int:
    mantissa = number.lower().split("e")[0].replace("-", "").replace(".", "").lstrip("0")
    return max(1, len(mantissa))


# --- the printable page ---------------------------------------------------------------------------

STYLE = """
@page { size: A4 landscape; margin: 5mm; }
body { font-family: "DejaVu Sans", system-ui, sans-serif; font-size: 6.2pt; line-height: 1.18; margin: 0 auto;
       max-width: 287mm; color: #111; }
h1 { font-size: 12pt; margin: 0 0 2pt 0; }
h2 { font-size: 9pt; margin: 5pt 0 2pt 0; border-bottom: 1px solid #999; }
p, ol { margin: 2pt 0; }
ol { padding-left: 14pt; }
li { margin: 0 0 1pt 0; }
table { border-collapse: collapse; width: 100%; margin: 2pt 0; }
th, td { border: 1px solid #bbb; padding: 1pt 3pt; vertical-align: top; text-align: left; }
th { background: #eee; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 96%; background: #f4f4f4; }
.cols { display: flex; gap: 8pt; } .cols > div { flex: 1; }
@media screen { body { font-size: 10pt; padding: 1em; } }
"""


def to_html(text: str) -> str:
    import mistune  # nbconvert's Markdown parser, installed with the course

    body = mistune.create_markdown(plugins=["table"], escape=True)(text)
    # the sections after the schedule table side by side, so that the page prints on one sheet
    parts = re.split(r"(?=<h2>)", body)
    if len(parts) > 3:
        body = "".join(parts[:2]) + '<div class="cols">' + "".join(f"<div>{p}</div>" for p in parts[2:]) + "</div>"
    title = html.escape(text.splitlines()[0].lstrip("# ").strip())
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\n"
            f"<style>{STYLE}</style></head>\n<body>\n{body}</body></html>\n")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python3 run.py cheatsheet",
                                description="Write the printable HTML page of docs/cheatsheet.md.")
    p.add_argument("--out", type=Path, default=PAGE, help=f"where to write it (default {PAGE.relative_to(REPO)})")
    args = p.parse_args(argv)
    args.out.write_text(to_html(SHEET.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {args.out} (open it in a browser and print it: one A4 page, landscape)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
