"""Build a class of submissions from the notebooks and the variants, grade it for real.

Students of the class, per assignment ``NN-name`` (all graded in one batch):

* ``aNN_ref``: the released notebook with every solution cell filled in from ``solutions/``;
* ``aNN_stub``: the released notebook untouched;
* ``aNN_wrong_<fn>_<i>`` / ``aNN_right_<fn>_<i>``: the reference notebook with the solution
  cell of ``fn`` replaced by a variant of ``tests/variants/<notebook stem>.py``
  (``WRONG`` must lose marks on ``fn``'s tests only; ``RIGHT`` must keep full marks).

Notebook authors run it on one assignment before the test suite exists for it:
    .venv/bin/python tests/harness.py 02-cosine-annealing
"""
from __future__ import annotations

import copy
import importlib.util
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

import nbformat

REPO = Path(__file__).resolve().parents[1]
MARKERS = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.M)


class Student(NamedTuple):
    id: str
    assignment: str
    kind: str          # "ref", "stub", "wrong" or "right"
    fn: str = ""       # the function whose cell was replaced
    label: str = ""    # what the variant does


def variants(assignment: str, notebook: str) -> tuple[dict, dict]:
    """``(WRONG, RIGHT)`` of ``tests/variants/<notebook stem>.py`` (empty if absent)."""
    path = REPO / "tests" / "variants" / (Path(notebook).stem + ".py")
    if not path.exists():
        return {}, {}
    spec = importlib.util.spec_from_file_location(f"variants_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, "WRONG", {}), getattr(module, "RIGHT", {})


def roster(assignment: str, notebook: str) -> list[Student]:
    prefix = "a" + assignment[:2]
    students = [Student(f"{prefix}_ref", assignment, "ref"), Student(f"{prefix}_stub", assignment, "stub")]
    wrong, right = variants(assignment, notebook)
    for kind, table in (("wrong", wrong), ("right", right)):
        for fn, entries in table.items():
            for i, (label, _source) in enumerate(entries, 1):
                students.append(Student(f"{prefix}_{kind}_{fn}_{i}", assignment, kind, fn, label))
    return students


def solution_sources(assignment: str, notebook: str) -> dict[str, str]:
    """``{grade_id: source}`` of the solution cells of ``solutions/``, markers removed."""
    nb = nbformat.read(str(REPO / "solutions" / assignment / notebook), as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: MARKERS.sub("", c.source) for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("solution")}


def submission(student: Student, course_dir: Path, notebook: str):
    """The notebook this student hands in."""
    nb = nbformat.read(str(course_dir / student.assignment / notebook), as_version=4)
    if student.kind == "stub":
        return nb
    sources = solution_sources(student.assignment, notebook)
    if student.kind in ("wrong", "right"):
        wrong, right = variants(student.assignment, notebook)
        table = wrong if student.kind == "wrong" else right
        sources[student.fn] = dict(table[student.fn])[student.label]
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.metadata.get("nbgrader", {}).get("solution") and gid in sources:
            cell.source = sources[gid]
    return nb


def build_class(folder: Path, course_dir: Path, assignments: dict[str, str]) -> list[Student]:
    """Write every student's submission below ``folder``; return the roster."""
    everyone = []
    for assignment, notebook in assignments.items():
        for student in roster(assignment, notebook):
            target = folder / student.id / assignment / notebook
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(submission(student, course_dir, notebook), str(target))
            everyone.append(student)
    return everyone


def tests_of(fn: str, tests: dict) -> dict:
    """The test cells that grade ``fn``: ``test_<fn>`` and ``test_<fn>_<suffix>``."""
    return {gid: t for gid, t in tests.items() if gid == f"test_{fn}" or gid.startswith(f"test_{fn}_")}


def problems(student: Student, entry: dict) -> list[str]:
    """What is wrong with this student's graded entry, given what the student is."""
    out = []
    if entry["error"]:
        return [f"error: {entry['error']}"]
    tests = entry["tests"]
    if student.kind in ("ref", "right"):
        out += [f"{gid}: {t['score']}/{t['max_score']}: {t['message'][:300]}"
                for gid, t in tests.items() if t["score"] < t["max_score"]]
        # an honest notebook: the kernel agrees with the trusted re-check
        out += [f"{gid}: flagged: {t['flag']}" for gid, t in tests.items() if t.get("flag")]
    elif student.kind == "stub":
        out += [f"{gid}: stub scored {t['score']}" for gid, t in tests.items() if t["score"] > 0]
    else:
        mine = tests_of(student.fn, tests)
        if not mine:
            out.append(f"no test cell named test_{student.fn}*")
        lost = {gid: t for gid, t in mine.items() if t["score"] < t["max_score"]}
        if not lost:
            out.append(f"wrong variant {student.label!r} kept full marks on {sorted(mine)}")
        for gid, t in lost.items():
            msg = t["message"]
            if f"{student.fn}(" not in msg and student.fn not in msg:
                out.append(f"{gid}: message does not name {student.fn}: {msg[:200]}")
        if lost and not any(("expected" in t["message"] or "Hint" in t["message"]) for t in lost.values()):
            out.append(f"no failing test of {student.fn} says what was expected / gives a hint: "
                       + " | ".join(t["message"][:200] for t in lost.values()))
        others = {gid: t for gid, t in tests.items() if gid not in mine and t["score"] < t["max_score"]}
        out += [f"{gid} (another function) lost marks: {t['message'][:200]}" for gid, t in others.items()]
    return out


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(REPO))
    from autograder.grader.batch import grade
    from autograder.grader.nbgrader_api import catalogue
    from autograder.grader.release import release

    wanted = argv or list(catalogue())
    assignments = {a: catalogue()[a] for a in wanted}
    with tempfile.TemporaryDirectory(prefix="lr-harness-") as tmp:
        tmp = Path(tmp)
        release(tmp / "course", only=list(assignments))
        students = build_class(tmp / "class", tmp / "course", assignments)
        report = grade(tmp / "class", tmp / "report.json")
        out = REPO / ".grading" / f"harness-{'+'.join(a[:2] for a in assignments)}.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(report, indent=1))
    bad = 0
    for s in students:
        found = problems(s, report["students"][s.id][s.assignment])
        entry = report["students"][s.id][s.assignment]
        status = "ok " if not found else "BAD"
        bad += bool(found)
        print(f"{status} {s.id:<40} {entry['score']:g}/{entry['max_score']:g} {s.label}")
        for p in found:
            print("      " + p.replace("\n", "\n      "))
    print(f"\n{len(students) - bad} of {len(students)} students graded as expected "
          f"(report: {out.relative_to(REPO)})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
