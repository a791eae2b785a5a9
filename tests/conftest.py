"""Shared fixtures: one class of submissions, graded once per session by the real command."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness import REPO, build_class

sys.path.insert(0, str(REPO))
from autograder.grader.nbgrader_api import COURSE, catalogue  # noqa: E402

# Extra students of the class, beside the harness's reference/stub/variant students.
CORRUPT = "zz_corrupt"        # 01 is not valid JSON, 00 is the reference
PARTIAL = "zz_partial"        # hands in 00 only: 01 must be reported missing
# 09: every answer wrong, faked in the kernel by an __import__ hijack / by patching the checker;
# and an honest learner who picked another seed (tests/test_drill_grading.py)
DRILL_ATTACKS = {"zz_drill_hijack": (
    "import builtins\n_real_import = builtins.__import__\n\n"
    "class _Anything:\n    def __getattr__(self, name):\n        return lambda *a, **k: None\n\n"
    "def _import(name, *args, **kwargs):\n"
    "    return _Anything() if name.startswith('autograder') else _real_import(name, *args, **kwargs)\n\n"
    "builtins.__import__ = _import\n"),
    "zz_drill_patched_checker": (
    "import autograder.learner.checks as _checks\n"
    "_checks.verdict = lambda *args, **kwargs: None\n_checks.compare = lambda *args, **kwargs: None\n")}
DRILL_OTHER_SEED = "zz_drill_seed_7"


def _grading_env() -> dict:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory):
    """``(roster, report, folder)``: every assignment's class graded by
    ``python -m autograder grade`` in one batch (its working folder: ``folder.parent / "work"``)."""
    tmp = tmp_path_factory.mktemp("class")
    folder = tmp / "submissions"
    roster = build_class(folder, COURSE, catalogue())
    ref00 = folder / "a00_ref" / "00-orientation" / "orientation.ipynb"
    for student in (CORRUPT, PARTIAL):
        (folder / student / "00-orientation").mkdir(parents=True)
        (folder / student / "00-orientation" / "orientation.ipynb").write_bytes(ref00.read_bytes())
    (folder / CORRUPT / "01-step-decay").mkdir()
    (folder / CORRUPT / "01-step-decay" / "step_decay.ipynb").write_text('{"cells": [{"cell_type": "code", ')
    from drill_students import attack, other_seed

    for student, code in DRILL_ATTACKS.items():
        attack(folder / student, code)
    other_seed(folder / DRILL_OTHER_SEED, 7)
    out = tmp / "report.json"
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", str(folder), "--json", str(out),
                           "--workers", "2", "--workdir", str(tmp / "work")],
                          cwd=tmp, env=_grading_env(), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return roster, json.loads(out.read_text()), folder


# Headless Chromium as the machine's notes say (Debian's chromium, never `playwright install`).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture
def browser_deps():
    """``(sync_playwright, chromium path)``, or skip with the reason."""
    chromium = _chromium()
    if chromium is None:
        pytest.skip("chromium is not installed (/usr/bin/chromium or `chromium` on PATH); "
                    "`python3 run.py test` installs Debian's chromium when run as root with apt")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        pytest.skip(f"the playwright package cannot be imported ({err})")
    return sync_playwright, chromium


