"""Check notebook 08's recorded library values against Hugging Face and timm. Not a test.

``autograder/learner/cases/choosing_a_schedule.py`` holds, as data (``LIBRARY_VALUES``), the
learning rates that Hugging Face's and timm's schedulers give for a few configurations; the
visible tests of ``cosine_restarts_lr`` and ``k_decay_lr`` compare with them. Neither package is
a dependency of the course, so this script is how those values were made and how to re-check
them against newer releases. It prints the package versions, then for every recorded
configuration whether the library still gives the recorded values (bit for bit) and whether the
course's exact reference agrees with them within the course's tolerance. With ``--scan`` it also
repeats the search behind notebook 08's statement about Hugging Face's hard restarts: every
restart step of every schedule with no warmup, up to ``--max-total`` steps and ``--max-cycles``
cycles, and the cycle counts at which its floating-point modulo misses a restart.

Usage, in an environment with torch, transformers and timm (not the course's .venv):
    python -m venv /tmp/hfenv && /tmp/hfenv/bin/pip install torch transformers timm numpy
    /tmp/hfenv/bin/python benchmarks/library_oracles.py [--scan]

The recorded values were made with transformers 5.24.0 and timm 1.0.31 (``LIBRARY_VERSIONS``).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from autograder.learner.cases.choosing_a_schedule import LIBRARY_VALUES, LIBRARY_VERSIONS  # noqa: E402
from autograder.learner.checks import compare  # noqa: E402
from autograder.references.choosing_a_schedule import cosine_restarts_lr, k_decay_lr  # noqa: E402


def _optimizer(lr):
    import torch

    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr)


def hugging_face(kind, args, steps):
    """The lr of each step under the Hugging Face scheduler the recorded row describes."""
    import transformers

    optimizer = _optimizer(args["base_lr"])
    if kind == "hf_hard_restarts":
        scheduler = transformers.get_cosine_with_hard_restarts_schedule_with_warmup(
            optimizer, num_warmup_steps=args["warmup_steps"], num_training_steps=args["total_steps"],
            num_cycles=args["num_cycles"])
    else:
        scheduler = transformers.get_cosine_with_min_lr_schedule_with_warmup(
            optimizer, num_warmup_steps=args["warmup_steps"], num_training_steps=args["total_steps"],
            min_lr=args["eta_min"])
    values = []
    for _ in range(steps):
        values.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return values


def timm_scheduler(kind, args, steps):
    """The lr of each epoch under timm's CosineLRScheduler, stepped with ``step(epoch)``."""
    from timm.scheduler import CosineLRScheduler

    optimizer = _optimizer(args["base_lr"])
    if kind == "timm_cycles":
        cycles = args["num_cycles"]
        scheduler = CosineLRScheduler(optimizer, t_initial=(args["total_steps"] - args["warmup_steps"]) // cycles,
                                      lr_min=args["eta_min"], cycle_decay=args["cycle_decay"], cycle_limit=cycles,
                                      warmup_t=args["warmup_steps"], warmup_lr_init=0.0, warmup_prefix=True)
    else:
        scheduler = CosineLRScheduler(optimizer, t_initial=args["T_max"], lr_min=args["eta_min"], k_decay=args["k"])
    values = []
    for t in range(steps):
        scheduler.step(t)
        values.append(optimizer.param_groups[0]["lr"])
    return values


def check_recorded() -> int:
    problems = 0
    for kind, args, scheduler, recorded in LIBRARY_VALUES:
        library = hugging_face if kind.startswith("hf") else timm_scheduler
        fresh = library(kind, args, len(recorded))
        reference = k_decay_lr if kind == "timm_k_decay" else cosine_restarts_lr
        same = fresh == recorded
        off = [k for k, v in enumerate(recorded) if compare(v, reference(step=k, **args), args["base_lr"])]
        problems += (not same) + bool(off)
        print(f"{'ok ' if same and not off else 'BAD'} {scheduler}: {len(recorded)} steps, "
              f"{'same values as recorded' if same else 'VALUES CHANGED'}, "
              f"{'reference agrees' if not off else f'reference disagrees at steps {off[:10]}'}")
    return problems


def scan_hard_restarts(max_total: int, max_cycles: int) -> None:
    from transformers.optimization import _get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda as hf

    missed, checked = Counter(), 0
    example = None
    for cycles in range(1, max_cycles + 1):
        for total in range(cycles, max_total + 1):
            for c in range(1, cycles):
                if (c * total) % cycles:
                    continue            # no step starts cycle c exactly
                step = c * total // cycles
                checked += 1
                if hf(step, num_warmup_steps=0, num_training_steps=total, num_cycles=cycles) < 0.5:
                    missed[cycles] += 1
                    example = example or (cycles, total, step)
    print(f"\nhard restarts, no warmup, total_steps <= {max_total}, 1..{max_cycles} cycles: {checked} restart steps checked")
    print(f"restarts Hugging Face puts at the end of the previous cycle, by num_cycles: {dict(sorted(missed.items()))}")
    if missed:
        print(f"fewest cycles with a miss: {min(missed)}; first example (num_cycles, total_steps, step): {example}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scan", action="store_true", help="also search for missed hard restarts")
    parser.add_argument("--max-total", type=int, default=20_000)
    parser.add_argument("--max-cycles", type=int, default=64)
    args = parser.parse_args()
    try:
        import timm
        import torch
        import transformers
    except ImportError as err:
        print(f"{err.name} is not installed here: nothing to check (see the usage in this file's docstring)")
        return 0
    print(f"torch {torch.__version__}, transformers {transformers.__version__}, timm {timm.__version__}; "
          f"values recorded with {LIBRARY_VERSIONS}")
    problems = check_recorded()
    if args.scan:
        scan_hard_restarts(args.max_total, args.max_cycles)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
