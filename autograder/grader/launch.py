"""Where the course lives online, from ``pyproject.toml``: the launch links (Colab, Binder) and
the pinned install of the helpers that a notebook opened outside the course's environment runs.

``[project.urls] Repository`` is the one configured address (a fork changes it there; the
website is ``Documentation``);
``[project] version`` names the release tag (``v0.1.0``) the install is pinned to.
"""
from __future__ import annotations

import functools
import re

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = None

from .nbgrader_api import REPO

LAUNCH_MARK = "<!-- lr-launch -->"
BOOTSTRAP_MARK = "# lr-bootstrap"


@functools.lru_cache(maxsize=1)
def project() -> dict:
    text = (REPO / "pyproject.toml").read_text()
    if tomllib is not None:
        return tomllib.loads(text)["project"]
    url = re.search(r'^Repository\s*=\s*"([^"]+)"', text, re.M).group(1)
    version = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M).group(1)
    site = re.search(r'^Documentation\s*=\s*"([^"]+)"', text, re.M)
    return {"version": version, "urls": {"Repository": url, **({"Documentation": site.group(1)} if site else {})}}


def repository() -> str:
    return project()["urls"]["Repository"].rstrip("/")


def website() -> str:
    return project()["urls"].get("Documentation", repository()).rstrip("/")


def tag() -> str:
    return f"v{project()['version']}"


def github_path() -> str:
    """``owner/name`` of a github.com repository."""
    return repository().split("github.com/", 1)[-1]


def links(notebook: str) -> str:
    """A Markdown line: open this notebook (a path in the repository) in Colab or Binder."""
    colab = f"https://colab.research.google.com/github/{github_path()}/blob/{tag()}/{notebook}"
    binder = f"https://mybinder.org/v2/gh/{github_path()}/{tag()}?labpath={notebook}"
    return f"[Open in Colab]({colab}) · [Open in Binder]({binder}) · [Read online]({website()}) {LAUNCH_MARK}"


def bootstrap() -> str:
    """Lines that begin a notebook's setup cell: install the helpers when they are missing."""
    return (f"{BOOTSTRAP_MARK}: outside the course's environment (Colab, a bare Jupyter), install its helpers first\n"
            "try:\n"
            "    import autograder\n"
            "except ImportError:\n"
            f'    %pip install -q "lr-schedules @ git+{repository()}@{tag()}"\n\n')
