"""Benchmark: grading a class with the project's command (1 and 2 Dask workers) against plain
``nbgrader autograde``, and a projection for 10,000 notebooks. Not a test.

It builds a synthetic class (default 40 students x every assignment released in ``course/``;
each student hands in, per assignment, one of ``tests/harness.py``'s variants: the reference,
the untouched stub, a wrong or a right solution, in turn), then grades the same submissions

(a) with the project's command, validation and the trusted re-check included:
        python -m autograder grade SUBMISSIONS --json OUT --workers W --workdir WORK
(b) with plain nbgrader: a fresh course folder whose ``nbgrader_config.py`` has only the
    paths (``source_directory`` = ``solutions/``, the gradebook in that folder) and nbgrader's
    stock preprocessors; the submissions copied to its ``submitted/`` (not timed); then, timed,
        nbgrader generate_assignment ASSIGNMENT --force --NbGrader.config_file=...   (each assignment)
        nbgrader autograde ASSIGNMENT --NbGrader.config_file=...                     (each, all students)

and prints both wall times and their ratio (target: project / plain <= 1.0), the --workers
value(s) the project used, and whether both gave every student the same total (they should:
the synthetic class holds no tampering).

Usage (from the repository root):
    .venv/bin/python benchmarks/grading_speed.py [--students 40] [--assignments 00-orientation 01-step-decay]
                                                 [--workers 2] [--repeats 1] [--keep FOLDER]
``--workers`` takes several values to compare them (each one a separate run of (a)). On a machine
shared with other work, ``--repeats 2`` or more (alternating order, fastest run kept) evens out load.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from autograder.grader.nbgrader_api import COURSE, catalogue  # noqa: E402
from harness import Student, roster, submission  # noqa: E402

PLAIN_CONFIG = """\
c = get_config()  # noqa: F821
c.CourseDirectory.root = {root!r}
c.CourseDirectory.source_directory = {source!r}
c.CourseDirectory.release_directory = {release!r}
c.CourseDirectory.db_url = {db!r}
c.CourseDirectory.course_id = "lr-schedules"
c.Execute.timeout = 60  # the project's default per cell
"""


def env() -> dict:
    out = dict(os.environ)
    out["PATH"] = str(Path(sys.executable).parent) + os.pathsep + out.get("PATH", "")  # nbgrader runs alembic
    return out


def build(folder: Path, students: int, assignments: dict[str, str]) -> dict[str, int]:
    """Write the synthetic class; return how many submissions of each kind it has."""
    kinds: dict[str, int] = {}
    rosters = {a: roster(a, nb) for a, nb in assignments.items()}
    for i in range(students):
        sid = f"s{i:03d}"
        for j, (assignment, nb) in enumerate(assignments.items()):
            pick = rosters[assignment][(i + 3 * j) % len(rosters[assignment])]
            target = folder / sid / assignment / nb
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(submission(Student(sid, assignment, pick.kind, pick.fn, pick.label), COURSE, nb),
                           str(target))
            kinds[pick.kind] = kinds.get(pick.kind, 0) + 1
    return kinds


def timed(cmd: list, extra_env: dict | None = None, **kw) -> tuple[float, int]:
    started = time.perf_counter()
    code = subprocess.call([str(c) for c in cmd], env={**env(), **(extra_env or {})}, **kw)
    return time.perf_counter() - started, code


def project(subs: Path, tmp: Path, workers: int, run: int, sandbox: bool = True) -> tuple[float, dict]:
    tag = f"w{workers}{'' if sandbox else '-nosandbox'}-{run}"
    out, work = tmp / f"project-{tag}.json", tmp / f"project-{tag}"
    print(f"\n== (a) python -m autograder grade --workers {workers}{'' if sandbox else ' (LR_SANDBOX=none)'}"
          f"   [run {run + 1}]", flush=True)
    seconds, code = timed([sys.executable, "-m", "autograder", "grade", subs, "--json", out, "--workers", workers,
                           "--workdir", work], None if sandbox else {"LR_SANDBOX": "none"}, cwd=tmp,
                          stdout=subprocess.DEVNULL)
    if code != 0:
        raise SystemExit(f"the project's grade exited with {code}")
    return seconds, json.loads(out.read_text())["students"]


def plain(subs: Path, tmp: Path, assignments: list[str], run: int) -> tuple[float, float, dict]:
    root = tmp / f"plain-{run}"
    root.mkdir()
    config = root / "nbgrader_config.py"
    config.write_text(PLAIN_CONFIG.format(root=str(root), source=str(REPO / "solutions"),
                                          release=str(root / "release"), db=f"sqlite:///{root / 'gradebook.db'}"))
    shutil.copytree(subs, root / "submitted")
    nbgrader = [str(Path(sys.executable).parent / "nbgrader")]
    flag = f"--NbGrader.config_file={root / 'nbgrader_config'}"
    print(f"\n== (b) plain nbgrader generate_assignment + autograde   [run {run + 1}]", flush=True)
    generate = autograde = 0.0
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": root}
    for assignment in assignments:
        seconds, code = timed(nbgrader + ["generate_assignment", assignment, "--force", flag], **quiet)
        generate += seconds
        if code != 0:
            raise SystemExit(f"nbgrader generate_assignment {assignment} exited with {code}")
    for assignment in assignments:
        seconds, code = timed(nbgrader + ["autograde", assignment, flag], **quiet)
        autograde += seconds
        print(f"   nbgrader autograde {assignment}: {seconds:.1f} s (exit {code})", flush=True)
    from nbgrader.api import Gradebook, MissingEntry

    totals: dict = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "lr-schedules") as gb:
        for assignment in assignments:
            for student in gb.students:
                try:
                    score = float(gb.find_submission(assignment, student.id).score)
                    totals.setdefault(student.id, {})[assignment] = score
                except MissingEntry:
                    pass
    return generate, autograde, totals


def main(argv: list[str] | None = None) -> int:
    released = [a for a, nb in catalogue().items() if (COURSE / a / nb).is_file()]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--assignments", nargs="+", default=released, choices=released, metavar="ASSIGNMENT",
                        help=f"default: every assignment in course/ ({' '.join(released)})")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="the project's --workers (default: 1 and 2); several values: one run each")
    parser.add_argument("--repeats", type=int, default=1,
                        help="measure each this many times, in alternating order (ABBA), and keep the fastest "
                             "(the least disturbed by other load)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the class and both working folders here")
    parser.add_argument("--without-sandbox", action="store_true",
                        help="also grade with one worker and LR_SANDBOX=none: the sandbox's own cost")
    args = parser.parse_args(argv)
    assignments = {a: catalogue()[a] for a in args.assignments}

    tmp_ctx = tempfile.TemporaryDirectory(prefix="lr-bench-") if args.keep is None else None
    tmp = Path(tmp_ctx.name) if tmp_ctx else args.keep.resolve()
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        subs = tmp / "submissions"
        kinds = build(subs, args.students, assignments)
        n = args.students * len(assignments)
        print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"synthetic class: {args.students} students x {len(assignments)} assignments = {n} notebooks "
              f"({', '.join(f'{v} {k}' for k, v in sorted(kinds.items()))}); {os.cpu_count()} CPU cores", flush=True)
        measured: dict = {w: [] for w in args.workers}
        plains: list = []
        for r in range(args.repeats):
            steps = [("project", w) for w in args.workers] + [("plain", None)]
            for what, w in (steps if r % 2 == 0 else steps[::-1]):
                if what == "project":
                    measured[w].append(project(subs, tmp, w, r))
                else:
                    plains.append(plain(subs, tmp, list(assignments), r))
        runs = {w: min(results, key=lambda x: x[0]) for w, results in measured.items()}
        bare = project(subs, tmp, 1, 0, sandbox=False)[0] if args.without_sandbox else None
        generate, autograde, plain_totals = min(plains, key=lambda x: x[0] + x[1])
        plain_seconds = generate + autograde
        if args.repeats > 1:
            print("\nall runs (s): " + "; ".join(
                [f"--workers {w}: " + ", ".join(f"{x[0]:.1f}" for x in measured[w]) for w in measured]
                + ["plain: " + ", ".join(f"{g + a:.1f}" for g, a, _ in plains)]) + " (the fastest of each is used)")

        print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"\n{'':<58}{'wall s':>9}{'s/notebook':>12}{'nb/min':>8}{'ratio':>8}")
        for w, (seconds, _) in runs.items():
            print(f"{f'project: python -m autograder grade --workers {w}':<58}{seconds:>9.1f}{seconds / n:>12.2f}"
                  f"{60 * n / seconds:>8.1f}{seconds / plain_seconds:>8.2f}")
        print(f"{'plain:   nbgrader generate_assignment + autograde':<58}{plain_seconds:>9.1f}"
              f"{plain_seconds / n:>12.2f}{60 * n / plain_seconds:>8.1f}{1:>8.2f}")
        print(f"{'         of which nbgrader autograde alone':<58}{autograde:>9.1f}{autograde / n:>12.2f}")
        best = min(runs, key=lambda w: runs[w][0])
        ratio = runs[best][0] / plain_seconds
        print(f"\nproject (--workers {best}) / plain nbgrader = {ratio:.2f} (target <= 1.0: "
              f"{'met' if ratio <= 1.0 else 'NOT met'}); against plain autograde alone: "
              f"{runs[best][0] / autograde:.2f}")

        if bare is not None and 1 in runs:
            print(f"one worker with the sandbox / without it = {runs[1][0] / bare:.2f} "
                  f"({runs[1][0] / n:.2f} vs {bare / n:.2f} s per notebook)")
        if 1 in runs:
            one = runs[1][0] / n  # wall seconds per notebook on one worker, start-up included
            for w in sorted(runs):
                if w > 1:
                    print(f"throughput with {w} workers / 1 worker = {runs[1][0] / runs[w][0]:.2f}")
            print(f"projection for 10,000 notebooks at {one:.2f} s per notebook and worker: "
                  + ", ".join(f"{k} workers {10_000 * one / k / 3600:.1f} h" for k in (1, 8, 32, 128))
                  + " (ideal scaling; measured efficiency above)")
        report = runs[best][1]
        differ = [(s, a, report[s][a]["score"], plain_totals.get(s, {}).get(a))
                  for s in report for a in assignments
                  if plain_totals.get(s, {}).get(a) is None or abs(report[s][a]["score"] - plain_totals[s][a]) > 1e-9]
        errors = [(s, a, report[s][a]["error"]) for s in report for a in assignments if report[s][a]["error"]]
        print(f"same total score in both for {n - len(differ)} of {n} notebooks; project errors: {len(errors)}")
        for s, a, mine, theirs in differ[:10]:
            print(f"   {s}/{a}: project {mine:g}, plain nbgrader {theirs}")
        for s, a, e in errors[:10]:
            print(f"   {s}/{a}: {e}")
    finally:
        if tmp_ctx:
            tmp_ctx.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
