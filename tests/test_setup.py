"""The set-up path: one environment, described twice (pip and conda), hidden instructor UI."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from harness import REPO


def pins(lines):
    out = {}
    for line in lines:
        line = line.split("#")[0].strip().lstrip("- ").strip()
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s]+)", line)
        if m:
            out[m.group(1).lower()] = m.group(2)
    return out


def test_environment_yml_pins_what_requirements_txt_pins():
    pip_pins = pins((REPO / "requirements.txt").read_text().splitlines())
    yml = (REPO / "environment.yml").read_text()
    conda_pip = pins(yml.split("- pip:")[1].splitlines())
    assert conda_pip == pip_pins
    assert pip_pins["torch"] == "2.13.0"
    for package in ("jupyterlab", "notebook", "nbgrader", "ipywidgets", "matplotlib", "numpy"):
        assert package in pip_pins, f"{package} is not pinned"
    assert pip_pins["jupyterlab"].startswith("4.") and pip_pins["notebook"].startswith("7.")
    assert pip_pins["nbgrader"].startswith("0.9.")
    assert "python=3.11" in yml and "- -e ." in yml


def test_installed_versions_are_the_pinned_ones():
    from importlib.metadata import version
    for package, pinned in pins((REPO / "requirements.txt").read_text().splitlines()).items():
        assert version(package).split("+")[0] == pinned, package


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_one():
    readme = (REPO / "README.md").read_text()
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", readme, re.S)
    first = [ln.split("#")[0].strip() for ln in blocks[0].splitlines() if ln.split("#")[0].strip()]
    assert "python3 run.py lab" in first and "python3 run.py test" in first
    ci = (REPO / ".ci" / "run").read_text()
    assert "python3 run.py test" in ci


def test_run_py_explains_itself():
    proc = subprocess.run([sys.executable, str(REPO / "run.py"), "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "run.py lab" in proc.stdout and "run.py test" in proc.stdout


def test_learners_see_no_nbgrader_instructor_ui():
    """run.py's set-up disables nbgrader's lab extension and server extensions in .venv."""
    page_config = Path(sys.prefix) / "etc" / "jupyter" / "labconfig" / "page_config.json"
    assert json.loads(page_config.read_text())["disabledExtensions"].get("@jupyter/nbgrader") is True
    proc = subprocess.run([sys.executable, "-m", "jupyter", "server", "extension", "list"],
                          capture_output=True, text=True)
    listing = re.sub(r"\x1b\[[0-9;]*m", "", proc.stdout + proc.stderr)
    for ext in ("formgrader", "course_list", "assignment_list"):
        assert re.search(rf"nbgrader\.server_extensions\.{ext}\s+disabled", listing), ext
