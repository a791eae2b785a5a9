"""The command line: ``python -m autograder {release,collect,grade,worker,feedback,export,check}``.

One small function per command (``cmd_<name>``); each imports what it needs, so that
``--help`` and the light commands start fast.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("release", help="regenerate course/ from solutions/ (nbgrader generate_assignment)")

    co = sub.add_parser("collect", help="lay out downloaded notebooks (an LMS export, a folder per student) "
                                        "as SUBMISSIONS/<student>/<assignment>/<notebook>")
    co.add_argument("downloads", type=Path, help="a folder or a .zip of downloaded notebooks")
    co.add_argument("--into", type=Path, required=True, dest="into", help="the SUBMISSIONS folder to fill")

    g = sub.add_parser("grade", help="grade a folder of submissions: SUBMISSIONS/<student>/<assignment>/<notebook>")
    g.add_argument("submissions", type=Path)
    g.add_argument("--json", type=Path, required=True, dest="json_out", help="where to write the report")
    g.add_argument("--workers", type=int, default=None,
                   help="local Dask worker processes (default: one per CPU core; 0: grade in this process)")
    g.add_argument("--scheduler", default=None, metavar="tcp://HOST:8786",
                   help="grade on an existing Dask scheduler's workers (started with `run.py worker`)")
    g.add_argument("--timeout", type=int, default=None, help="seconds a test cell may run (default 60)")
    g.add_argument("--workdir", type=Path, default=None,
                   help="working folder to keep (gradebook, results, autograded/); a second run on it grades "
                        "only what is new or changed; default: a temporary one")
    g.add_argument("--regrade", action="store_true", help="grade every submission again, even unchanged ones")

    w = sub.add_parser("worker", help="join a Dask scheduler as a grading worker: worker tcp://HOST:8786")
    w.add_argument("scheduler")
    w.add_argument("--name", default=None)

    f = sub.add_parser("feedback", help="one HTML feedback page per graded notebook of a grading run")
    f.add_argument("workdir", type=Path, help="the --workdir of `grade`")
    f.add_argument("--out", type=Path, default=None, help="where to write the pages (default WORKDIR/feedback)")

    e = sub.add_parser("export", help="the grades of a grading run: CSV (a row per student and assignment), "
                                      "or a file Canvas's or Moodle's gradebook imports")
    e.add_argument("workdir", type=Path, help="the --workdir of `grade`")
    e.add_argument("--format", choices=["csv", "canvas", "moodle"], default="csv")
    e.add_argument("--out", type=Path, default=None, help="the file to write")
    e.add_argument("--csv", type=Path, default=None, dest="csv_out", help="the same as --format csv --out FILE")
    e.add_argument("--roster", type=Path, default=None,
                   help="for canvas/moodle: a CSV mapping student_id (the grader's ids) to the LMS's ids "
                        "(canvas: name, canvas_id, sis_user_id, sis_login_id, section; moodle: idnumber, email "
                        "or username)")

    c = sub.add_parser("check", help="grade one of your notebooks, hidden tests included, and print a report")
    c.add_argument("notebook", type=Path)
    c.add_argument("--timeout", type=int, default=None, help="seconds a test cell may run (default 60)")
    return parser


def cmd_release(args, parser) -> int:
    from .release import release

    for path in release():
        print(f"wrote {path}")
    return 0


def cmd_collect(args, parser) -> int:
    from .collect import collect, print_result

    if not args.downloads.exists():
        parser.error(f"DOWNLOADS not found: {args.downloads}")
    print_result(collect(args.downloads, args.into), args.into)
    return 0


def cmd_grade(args, parser) -> int:
    from .batch import grade
    from .state import FolderBusy

    if not args.submissions.is_dir():
        parser.error(f"SUBMISSIONS must be a folder: {args.submissions}")
    if args.workers is not None and args.workers < 0:
        parser.error("--workers must be 0 or more")
    try:
        grade(args.submissions, args.json_out, workdir=args.workdir, cell_timeout=args.timeout,
              workers=args.workers, scheduler=args.scheduler, regrade=args.regrade)
    except FolderBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.json_out}")
    return 0


def cmd_worker(args, parser) -> int:
    from .engine import serve

    return serve(args.scheduler, args.name)


def cmd_feedback(args, parser) -> int:
    from .feedback import generate

    if not (args.workdir / "report.json").is_file():
        parser.error(f"no report.json in {args.workdir}: run `grade ... --workdir {args.workdir}` first")
    done = generate(args.workdir, args.out)
    missing = f"; {done['missing']} missing submission(s) have none" if done["missing"] else ""
    print(f"wrote {len(done['pages'])} feedback page(s) and {len(done['errors'])} page(s) for notebooks that "
          f"could not be graded in {args.out or args.workdir / 'feedback'}{missing}")
    for student, assignment, reason in done["failed"]:
        print(f"NO PAGE for {student}/{assignment}: {reason}", file=sys.stderr)
    return 1 if done["failed"] else 0


def cmd_export(args, parser) -> int:
    import json

    from .export import export, read_roster, write_lms
    from .state import WorkFolder

    out = args.out or args.csv_out
    if out is None:
        parser.error("say where to write: --out FILE (or --csv FILE)")
    if args.format != "csv" and args.roster is None:
        parser.error(f"--format {args.format} needs --roster ROSTER.csv (student_id -> the LMS's identifiers)")
    problem = WorkFolder(args.workdir).report_problem()
    if problem:
        print(f"error: not exported: {problem}", file=sys.stderr)
        return 2
    if args.format == "csv":
        rows = export(args.workdir, out)
        counts = {s: sum(r["status"] == s for r in rows) for s in ("graded", "error", "missing")}
        print(f"wrote {out}: {len(rows)} row(s), " + ", ".join(f"{n} {s}" for s, n in counts.items()))
        return 0
    report = json.loads((args.workdir / "report.json").read_text())
    problems = write_lms(report, read_roster(args.roster), args.format, out)
    print(f"wrote {out} for {args.format}'s gradebook import")
    for line in problems:
        print(f"  check: {line}", file=sys.stderr)
    return 0


def cmd_check(args, parser) -> int:
    from .selfcheck import check

    check(args.notebook, cell_timeout=args.timeout)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    return globals()[f"cmd_{args.command}"](args, parser)


if __name__ == "__main__":
    sys.exit(main())
