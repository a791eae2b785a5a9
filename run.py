#!/usr/bin/env python3
"""Set up the course's environment in .venv/ and run things in it.

    python3 run.py lab              set up, then open the course in JupyterLab
    python3 run.py test [ARGS]      set up (with test tools), then run the test suite (pytest ARGS)
    python3 run.py lint             ruff over the code (the settings are in pyproject.toml)
    python3 run.py site [--serve]   build the course website into _build/site/ (and serve it locally)
    python3 run.py check NOTEBOOK   grade one of your notebooks, hidden tests included
    python3 run.py drill [ARGS]     the daily interview drill in the terminal (--help for its options)
    python3 run.py cheatsheet       write docs/cheatsheet.html, the printable cheat sheet
    python3 run.py release|collect|grade|feedback|export …
                                    the instructor's commands (python -m autograder …)
    python3 run.py worker tcp://HOST:8786
                                    join a Dask scheduler as a grading worker (another machine)

The first run creates .venv/ and installs the pinned packages of requirements.txt (a few
minutes); later runs reuse it and reinstall only when a requirements file changed. Needs
only Python 3.10 or newer.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
# Learners see no nbgrader instructor UI (formgrader, create-assignment, course list).
NBGRADER_SERVER_EXTENSIONS = ["formgrader", "assignment_list", "course_list", "validate_assignment"]


def say(msg: str) -> None:
    print(f"[run.py] {msg}", flush=True)


def sh(*cmd, **kw) -> None:
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kw)


def setup(dev: bool) -> None:
    """Create .venv/ if needed and install what the requirements files pin."""
    if sys.version_info < (3, 10):
        sys.exit(f"Python 3.10 or newer is needed; this is {sys.version.split()[0]}.")
    if not PY.exists():
        say(f"creating {VENV.relative_to(ROOT)}/ (Python {sys.version.split()[0]})")
        venv.EnvBuilder(with_pip=True).create(VENV)
    files = ["requirements.txt"] + (["requirements-dev.txt", "requirements-site.txt"] if dev else [])
    digest = hashlib.sha256(b"".join((ROOT / f).read_bytes() for f in files + ["pyproject.toml"])).hexdigest()
    stamp = VENV / f".installed-{'dev' if dev else 'course'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"installing {' + '.join(files)} into .venv/ (first time: a few minutes)")
    requirements = [arg for f in files for arg in ("-r", f)]
    sh(PY, "-m", "pip", "install", "--disable-pip-version-check", "-q", *requirements)
    sh(PY, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-deps", "-e", ".")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    sh(BIN / "jupyter", "labextension", "disable", "--level=sys_prefix", "@jupyter/nbgrader", **quiet)
    for ext in NBGRADER_SERVER_EXTENSIONS:
        sh(BIN / "jupyter", "server", "extension", "disable", "--sys-prefix",
           f"nbgrader.server_extensions.{ext}", **quiet)
    stamp.write_text(digest)
    say("environment ready")


def apt_install(package: str, why: str) -> bool:
    """Install a Debian package when we run as root with apt; say so either way."""
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0 and not os.environ.get("LR_NO_APT"):
        say(f"installing Debian's {package} ({why}; about a minute)")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        quiet = {"stdout": subprocess.DEVNULL, "env": env}
        try:
            sh("apt-get", "update", "-q", **quiet)
            sh("apt-get", "install", "-y", "-q", package, **quiet)
            return True
        except subprocess.CalledProcessError as err:
            say(f"could not install {package} ({err})")
    return False


def ensure_bubblewrap() -> None:
    """Grading runs every submission in a bubblewrap sandbox (README: "What the sandbox protects")."""
    if shutil.which("bwrap") or sys.platform != "linux":
        return
    if not apt_install("bubblewrap", "the sandbox every submission is graded in"):
        say("bubblewrap (bwrap) is not installed: submissions will be graded WITHOUT a sandbox. "
            "Install it (Debian/Ubuntu: sudo apt-get install bubblewrap; Fedora: sudo dnf install bubblewrap).")


def ensure_chromium() -> None:
    """The browser smoke test uses Debian's chromium; install it where we can (root + apt)."""
    if shutil.which("chromium") or os.environ.get("LR_NO_APT"):
        return
    if not apt_install("chromium", "for the browser tests"):
        say("chromium is not installed and cannot be installed here; the browser tests will be skipped")


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    os.chdir(ROOT)
    if command == "lab":
        setup(dev=False)
        say("opening the course in JupyterLab (stop it with Ctrl-C)")
        return subprocess.call([str(BIN / "jupyter"), "lab", f"--ServerApp.root_dir={ROOT / 'course'}",
                                *rest])
    if command == "site":
        setup(dev=True)
        return subprocess.call([str(PY), str(ROOT / "website" / "build.py"), *rest])
    if command == "lint":
        setup(dev=True)
        return subprocess.call([str(BIN / "ruff"), "check", "."])
    if command == "test":
        setup(dev=True)
        ensure_bubblewrap()
        ensure_chromium()
        return subprocess.call([str(PY), "-m", "pytest", *rest])
    if command in ("check", "grade", "release", "collect", "feedback", "export", "worker"):
        setup(dev=False)
        if command in ("check", "grade", "worker"):
            ensure_bubblewrap()
        return subprocess.call([str(PY), "-m", "autograder", command, *rest])
    if command in ("drill", "cheatsheet"):  # learner tools: autograder.learner.drill / .cheatsheet
        setup(dev=False)
        module = "autograder.learner.drill" if command == "drill" else "autograder.learner.cheatsheet"
        return subprocess.call([str(PY), "-m", module, *rest])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
