"""The command line: ``python -m autograder {release,collect,grade,feedback,export,check}``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("release", help="regenerate course/ from solutions/ (nbgrader generate_assignment)")

    g = sub.add_parser("grade", help="grade a folder of submissions: SUBMISSIONS/<student>/<assignment>/<notebook>")
    g.add_argument("submissions", type=Path)
    g.add_argument("--json", type=Path, required=True, dest="json_out", help="where to write the report")
    g.add_argument("--workers", type=int, default=1, help="parallel grading processes (default 1)")
    g.add_argument("--timeout", type=int, default=None, help="seconds a test cell may run (default 60)")
    g.add_argument("--workdir", type=Path, default=None,
                   help="nbgrader working folder to keep (gradebook, autograded/); default: a temporary one")

    c = sub.add_parser("check", help="grade one of your notebooks, hidden tests included, and print a report")
    c.add_argument("notebook", type=Path)
    c.add_argument("--timeout", type=int, default=None, help="seconds a test cell may run (default 60)")

    co = sub.add_parser("collect", help="lay out downloaded notebooks (an LMS export, a folder per student) "
                                        "as SUBMISSIONS/<student>/<assignment>/<notebook>")
    co.add_argument("downloads", type=Path, help="a folder or a .zip of downloaded notebooks")
    co.add_argument("--into", type=Path, required=True, dest="into", help="the SUBMISSIONS folder to fill")

    f = sub.add_parser("feedback", help="one HTML feedback page per graded notebook of a grading run")
    f.add_argument("workdir", type=Path, help="the --workdir of `grade`")
    f.add_argument("--out", type=Path, default=None, help="where to write the pages (default WORKDIR/feedback)")

    e = sub.add_parser("export", help="the grades of a grading run as CSV (one row per student and assignment)")
    e.add_argument("workdir", type=Path, help="the --workdir of `grade`")
    e.add_argument("--csv", type=Path, required=True, dest="csv_out", help="the CSV file to write")

    args = parser.parse_args(argv)
    if args.command == "collect":
        from .collect import collect, print_result

        if not args.downloads.exists():
            parser.error(f"DOWNLOADS not found: {args.downloads}")
        print_result(collect(args.downloads, args.into), args.into)
        return 0
    if args.command == "feedback":
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
    if args.command == "export":
        from .export import export

        if not (args.workdir / "gradebook.db").is_file():
            parser.error(f"no gradebook.db in {args.workdir}: run `grade ... --workdir {args.workdir}` first")
        rows = export(args.workdir, args.csv_out)
        counts = {s: sum(r["status"] == s for r in rows) for s in ("graded", "error", "missing")}
        print(f"wrote {args.csv_out}: {len(rows)} row(s), "
              + ", ".join(f"{n} {s}" for s, n in counts.items()))
        return 0
    if args.command == "release":
        from .release import release

        for path in release():
            print(f"wrote {path}")
        return 0
    if args.command == "grade":
        from .grading import grade

        if not args.submissions.is_dir():
            parser.error(f"SUBMISSIONS must be a folder: {args.submissions}")
        if args.workers < 1:
            parser.error("--workers must be at least 1")
        grade(args.submissions, args.json_out, workdir=args.workdir, cell_timeout=args.timeout,
              workers=args.workers)
        print(f"wrote {args.json_out}")
        return 0
    if args.command == "check":
        from .grading import check

        check(args.notebook, cell_timeout=args.timeout)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
