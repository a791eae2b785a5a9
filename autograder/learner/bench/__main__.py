"""``python -m autograder.learner.bench``: run the experiments, list them, check the results.

    python -m autograder.learner.bench list                     every experiment: notebook, seeds, time, fresh or stale
    python -m autograder.learner.bench run [--only NAME ...] [--seeds N] [--device cpu|auto] [--out DIR]
    python -m autograder.learner.bench check                    exit 1 if a results file is missing or stale

``run`` writes ``results/<name>.json`` (or into ``--out``) and prints the wall and CPU time of
each experiment. The committed files were made on the CPU with one thread; ``--device auto``
uses a GPU when there is one (fast, but its numbers differ in the last digits from the CPU's).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv=None) -> int:
    from .experiments import EXPERIMENTS, run_experiment
    from .results import load, save, stale

    parser = argparse.ArgumentParser(prog="python -m autograder.learner.bench", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the experiments and the state of their results")
    sub.add_parser("check", help="fail if a results file is missing or older than its code")
    run = sub.add_parser("run", help="run experiments and write their results files")
    run.add_argument("--only", nargs="+", metavar="NAME", choices=sorted(EXPERIMENTS), help="just these experiments")
    run.add_argument("--seeds", type=int, help="number of seeds (0, 1, ..., N-1); default: each experiment's own")
    run.add_argument("--device", default="cpu", help="cpu (default, as committed), cuda, mps, or auto")
    run.add_argument("--out", type=Path, help="write the files here instead of the package's results/")
    args = parser.parse_args(argv)

    if args.command in ("list", "check"):
        bad = 0
        for name, exp in EXPERIMENTS.items():
            problem = stale(name)
            bad += problem is not None
            if args.command == "list":
                info = None if problem else load(name)
                took = "" if info is None else \
                    f"{len(info['seeds'])} seeds, {info['seconds']:.0f} s on {info['environment']['device']}"
                print(f"{name:<26} {exp.notebook:<28} {'fresh' if not problem else 'STALE'}  {took}")
                print(f"    {exp.title}")
            elif problem:
                print(problem)
        if args.command == "check":
            print(f"{len(EXPERIMENTS) - bad} of {len(EXPERIMENTS)} results files are up to date")
        return 1 if bad and args.command == "check" else 0

    device = args.device
    if device == "auto":
        from ..notebook import pick_device
        device = str(pick_device())
    total = time.perf_counter()
    for name in args.only or list(EXPERIMENTS):
        print(f"{name} ...", end=" ", flush=True)
        data = run_experiment(name, seeds=args.seeds, device=device)
        path = save(data, args.out)
        print(f"{data['seconds']:.1f} s wall, {data['cpu_seconds']:.1f} s CPU, {len(data['seeds'])} seeds -> {path}",
              flush=True)
    print(f"all done in {time.perf_counter() - total:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
