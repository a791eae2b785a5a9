"""Launch links and the Colab bootstrap of every released notebook (autograder/grader/launch.py).

The bootstrap is tried for real: in a fresh virtual environment that has the notebook's
dependencies but not the course's package, the released setup cell installs the package from
a local clone (``git+file://``, in place of the repository URL, at the release tag), then runs.
"""
from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv

import nbformat
import pytest

from autograder.grader import launch
from autograder.grader.nbgrader_api import catalogue
from harness import REPO


def setup_cell(nb):
    return next(c for c in nb.cells if c.cell_type == "code" and "nbgrader" not in c.metadata)


@pytest.mark.parametrize("assignment", list(catalogue()))
def test_every_released_notebook_has_its_launch_links_and_bootstrap(assignment):
    notebook = catalogue()[assignment]
    nb = nbformat.read(str(REPO / "course" / assignment / notebook), as_version=4)
    title = next(c for c in nb.cells if c.cell_type == "markdown").source
    path = f"course/{assignment}/{notebook}"
    assert f"https://colab.research.google.com/github/{launch.github_path()}/blob/{launch.tag()}/{path}" in title
    assert f"https://mybinder.org/v2/gh/{launch.github_path()}/{launch.tag()}?labpath={path}" in title
    assert setup_cell(nb).source.startswith(launch.bootstrap())
    assert f"git+{launch.repository()}@{launch.tag()}" in launch.bootstrap()


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory):
    """``(python, clone)``: a new venv that sees this environment's packages (torch, IPython, ...)
    through a .pth file but not the course's package, and a clone of the repository tagged as
    the release the bootstrap pins."""
    tmp = tmp_path_factory.mktemp("launch")
    clone = tmp / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "tag", "-f", launch.tag()], check=True, capture_output=True)
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (env_dir / "lib" / site.split("/lib/", 1)[1] / "notebook-deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n")
    probe = subprocess.run([str(python), "-c", "import torch, IPython\ntry:\n import autograder\nexcept ImportError:"
                            "\n print('absent')"], capture_output=True, text=True, cwd=tmp)
    assert probe.stdout.strip() == "absent", probe.stdout + probe.stderr
    return python, clone


def test_the_bootstrap_installs_the_helpers_where_they_are_missing_then_the_setup_runs(fresh_env):
    python, clone = fresh_env
    nb = nbformat.read(str(REPO / "course" / "01-step-decay" / "step_decay.ipynb"), as_version=4)
    source = setup_cell(nb).source.replace(f"git+{launch.repository()}", f"git+file://localhost{clone}")
    script = ("import json, sys\nfrom IPython.core.interactiveshell import InteractiveShell\n"
              "shell = InteractiveShell.instance()\n"
              f"result = shell.run_cell({source!r})\n"
              "import autograder\n"
              "print(json.dumps({'ok': result.success, 'where': autograder.__file__}))\n")
    proc = subprocess.run([str(python), "-c", script], capture_output=True, text=True, timeout=900, cwd=clone.parent,
                          env={"PATH": f"{python.parent}:/usr/bin:/bin", "HOME": str(clone.parent),
                               "PIP_DISABLE_PIP_VERSION_CHECK": "1", "MPLBACKEND": "Agg"})
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["ok"], proc.stdout[-2000:]
    assert str(python.parent.parent) in out["where"] and str(REPO) not in out["where"]
    assert sys.prefix not in out["where"]
