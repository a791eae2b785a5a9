"""The command line: ``python -m autograder {release,grade,check}``."""
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

    args = parser.parse_args(argv)
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
