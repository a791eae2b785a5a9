"""Benchmark of the exercises graded by training (``mnist_schedule`` in 06,
``transformer_schedule`` in 04). Not a test.

For each exercise it prints:

1. the CPU seconds the grader spends on one submission (the visible and the hidden test:
   training on the visible and on the hidden seeds, in this process, single-threaded);
2. for a few designs (a constant rate, sensible designs, near misses, a diverging one), the
   outcome on each of ``--seeds`` seeds (0, 1, ...), and how often the design passes: per seed
   for ``transformer_schedule`` (its test trains one seed); for ``mnist_schedule`` (its test
   averages three seeds) over every set of three of the seeds measured.

Usage: MNIST_DIR=/path/to/mnist .venv/bin/python benchmarks/training_exercises.py [--seeds 9] [--only NAME]
"""
from __future__ import annotations

import argparse
import itertools
import math
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autograder.learner.bench.targets import outcome  # noqa: E402
from autograder.learner.cases import exercise  # noqa: E402
from autograder.learner.checks import check  # noqa: E402
from autograder.references import REFERENCES, check_hidden  # noqa: E402


def warmup_cosine(peak, warmup, total, floor=0.0):
    def f(k):
        if k < warmup:
            return peak * (k + 1) / warmup
        return floor + (peak - floor) * (1 + math.cos(math.pi * (k - warmup) / (total - warmup))) / 2
    return f


def warmup_linear(peak, warmup, total, end=0.0):
    def f(k):
        if k < warmup:
            return peak * (k + 1) / warmup
        return peak * (end + (1 - end) * (total - k) / (total - warmup))
    return f


DESIGNS = {
    "mnist_schedule": {
        "constant 1e-3 (Adam's default)": ("constant", lambda k: 1e-3),
        "constant 2e-3 (the best constant measured)": ("constant", lambda k: 2e-3),
        "reference: warm-up 80, linear decay from 0.004": ("sensible", REFERENCES["mnist_schedule"]),
        "warm-up 80 + cosine from 0.006": ("sensible", warmup_cosine(0.006, 80, 800)),
        "cosine from 0.003, no warm-up": ("sensible", warmup_cosine(0.003, 0, 800)),
        "warm-up 80 + cosine, but only down to 50 % of 0.004": ("near miss", warmup_cosine(0.004, 80, 800, 0.002)),
        "warm-up 80 + cosine from 0.02 (peak too high)": ("near miss", warmup_cosine(0.02, 80, 800)),
        "constant 0.1": ("diverging", lambda k: 0.1),
    },
    "transformer_schedule": {
        "constant 0.05": ("constant", lambda k: 0.05),
        "cosine from 0.05, no warm-up": ("near miss", warmup_cosine(0.05, 0, 300)),
        "warm-up 15 + cosine": ("near miss", warmup_cosine(0.05, 15, 300)),
        "warm-up 30 + cosine": ("near miss", warmup_cosine(0.05, 30, 300)),
        "warm-up 60 + cosine": ("sensible", warmup_cosine(0.05, 60, 300)),
        "reference: warm-up 100 + cosine": ("sensible", REFERENCES["transformer_schedule"]),
        "warm-up 80 + cosine": ("sensible", warmup_cosine(0.05, 80, 300)),
        "warm-up 100 + linear decay": ("sensible", warmup_linear(0.05, 100, 300)),
        "warm-up 60, then constant 0.05": ("near miss", lambda k: 0.05 * min(1.0, (k + 1) / 60)),
    },
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=9)
    parser.add_argument("--only", choices=sorted(DESIGNS))
    args = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}; "
          f"{os.cpu_count()} CPU(s)")
    for name, designs in DESIGNS.items():
        if args.only and name != args.only:
            continue
        target = exercise(name).visible[0].want
        print(f"\n== {name}: {target!r}")
        cpu, wall = time.process_time(), time.perf_counter()
        check(name, REFERENCES[name])
        check_hidden(name, REFERENCES[name])
        print(f"grading one submission (visible + hidden test, trained here): "
              f"{time.process_time() - cpu:.1f} s CPU, {time.perf_counter() - wall:.1f} s wall")
        for label, (kind, fn) in designs.items():
            lrs = tuple(float(fn(k)) for k in range(target.budget))
            finals = [outcome(target._replace(seeds=(s,)), lrs)["finals"][0] for s in range(args.seeds)]
            shown = " ".join("div." if math.isnan(v) else f"{100 * v:.2f}" for v in finals)
            group = len(target.seeds)
            sets = list(itertools.combinations(finals, group))
            passed = sum(1 for c in sets if not any(map(math.isnan, c)) and statistics.fmean(c) >= target.at_least)
            ok = [v for v in finals if not math.isnan(v)]
            margin = "every seed diverged" if not ok else \
                f"mean {100 * statistics.fmean(ok):.2f} %, lowest {100 * min(ok):.2f}, highest {100 * max(ok):.2f}"
            unit = "seeds" if group == 1 else f"sets of {group} seeds"
            print(f"  [{kind}] {label}\n      {shown}\n      {margin}; passes on {passed} of {len(sets)} {unit} "
                  f"(target {100 * target.at_least:.1f} %)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
