"""Benchmark: how fast ``python3 run.py drill`` starts and answers. Not a test (no timing is asserted).

It starts the drill on a fresh history file, measures the time until the first question waits for an
answer (start-up), then answers every question at once and measures the time until the next question
(or the summary) is printed (per-question latency: grading, explanation, history written). Two
sessions: ``-n 12`` of every kind, and whiteboard items only (graded on the notebook exercise's full
grid). It prints the load average with the figures, since the machine may be shared.

Usage (from the repository root):
    python3 benchmarks/drill_speed.py [--repeats 3] [--direct]
``--direct`` runs ``.venv/bin/python -m autograder.learner.drill`` instead of ``python3 run.py drill``
(the difference is run.py's own start: it checks the environment's stamp).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PY = REPO / ".venv" / "bin" / "python"
PROMPT = b"\n> "


def read_until_prompt(proc, deadline: float = 120.0) -> bytes:
    """Bytes printed until the drill waits for an answer, or has printed its summary (the time the
    interpreter then takes to exit is not the learner's wait)."""
    out, start = b"", time.perf_counter()
    while not out.endswith(PROMPT) and b"\nProgress: " not in out:
        chunk = proc.stdout.read1(65536) if hasattr(proc.stdout, "read1") else proc.stdout.read(1)
        if not chunk:
            break
        out += chunk
        if time.perf_counter() - start > deadline:
            raise TimeoutError(out[-500:])
    return out


def answer_for(text: bytes) -> bytes:
    """A quick answer of the right form for the question just printed."""
    last = text.decode("utf-8", "replace").rsplit("\n[", 1)[-1]
    if "Answer with a letter" in last:
        return b"A\n"
    if "Answer with a whole number" in last:
        return b"3\n"
    if "Answer with a number" in last:
        return b"0.001\n"
    name = next((n for n in ("warmup_cosine_lr", "one_cycle_lr", "cosine_annealing_lr", "multistep_lr", "sgdr_lr",
                             "inverse_sqrt_lr") if f"`{n}(" in last), "warmup_cosine_lr")
    return f"from autograder.references import REFERENCES\n{name} = REFERENCES['{name}']\n.\n".encode()


def session(cmd: list[str]) -> tuple[float, list[float]]:
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=REPO,
                            bufsize=0)
    started = time.perf_counter()
    text = read_until_prompt(proc)
    startup = time.perf_counter() - started
    latencies = []
    while text.endswith(PROMPT):
        proc.stdin.write(answer_for(text))
        t = time.perf_counter()
        text = read_until_prompt(proc)
        latencies.append(time.perf_counter() - t)
    proc.stdin.close()
    proc.wait(timeout=60)
    return startup, latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--direct", action="store_true", help="run the module with .venv's python, not run.py")
    args = parser.parse_args()
    base = [str(PY), "-m", "autograder.learner.drill"] if args.direct else [sys.executable, str(REPO / "run.py"), "drill"]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    for label, extra in (("12 questions, every kind", ["-n", "12"]),
                         ("whiteboard items only", ["-n", "3", "--kind", "whiteboard"])):
        startups, latencies = [], []
        for r in range(args.repeats):
            with tempfile.TemporaryDirectory() as tmp:
                s, lat = session(base + extra + ["--history", str(Path(tmp) / "h.json"), "--seed", str(r)])
            startups.append(s)
            latencies += lat
        print(f"{label}: start-up median {statistics.median(startups):.2f} s (max {max(startups):.2f} s); "
              f"per question median {statistics.median(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms "
              f"({len(latencies)} answers, {args.repeats} runs)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
