"""The one place that talks to nbgrader: configuration, the course catalogue, the API.

Everything runs in-process through ``nbgrader.apps.NbGraderAPI`` (the same converters
as the ``nbgrader`` command line, without its 3.5 s start-up per call).
"""
from __future__ import annotations

import functools
import logging
import os
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOLUTIONS = REPO / "solutions"
COURSE = REPO / "course"
CONFIG_FILE = Path(__file__).with_name("nbgrader_config.py")


def catalogue(source: Path = SOLUTIONS) -> dict[str, str]:
    """``{assignment id: notebook file name}`` for every assignment in ``solutions/``."""
    found = {}
    for folder in sorted(p for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")):
        notebooks = sorted(p.name for p in folder.glob("*.ipynb"))
        if len(notebooks) != 1:
            raise RuntimeError(f"{folder} must hold exactly one notebook, found {notebooks}")
        found[folder.name] = notebooks[0]
    return found


@functools.lru_cache(maxsize=1)
def alembic_head() -> str:
    """The revision nbgrader stamps on a new gradebook, read in this process from the migration
    scripts it ships. ``nbgrader.api.get_alembic_version`` gets the same value by running
    ``alembic heads`` as a subprocess, 2.5 s each time a gradebook is made (once per worker)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from nbgrader.dbutil import _temp_alembic_ini

    with _temp_alembic_ini("sqlite://") as ini:
        return ScriptDirectory.from_config(Config(ini)).get_current_head()


def make_api(root: Path, cell_timeout: int | None = None, *, sandboxed: bool = False):
    """An ``NbGraderAPI`` whose working folder (gradebook, submitted/, autograded/,
    feedback/, release/) is ``root``, configured by ``nbgrader_config.py``. With
    ``sandboxed``, notebooks run in the grading kernel (:mod:`.sandbox.kernel`) over IPC."""
    import nbgrader.api
    from nbgrader.apps import NbGraderAPI
    from traitlets.config.loader import PyFileConfigLoader

    nbgrader.api.get_alembic_version = alembic_head

    root = Path(root).resolve()
    root.mkdir(parents=True, exist_ok=True)
    config = PyFileConfigLoader(CONFIG_FILE.name, path=str(CONFIG_FILE.parent)).load_config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.release_directory = str(root / "release")
    config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    if cell_timeout is not None:
        config.Execute.timeout = int(cell_timeout)
    if sandboxed:
        from .sandbox import KERNEL_NAME, KERNELS

        config.Execute.kernel_name = KERNEL_NAME
        config.KernelManager.transport = "ipc"
        paths = [str(KERNELS.parent), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
        os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    api = NbGraderAPI(config=config)
    api.log.setLevel(logging.ERROR)
    # nbgrader 0.9.6 with SQLAlchemy 2.1 warns "not in session" on every autograde; the
    # scores are stored all the same (measured), so the warning is noise.
    warnings.filterwarnings("ignore", message=".*not in session.*")  # results are read from the gradebook, not the log
    return api


def run(result: dict, what: str) -> None:
    """Raise a readable error when an API call failed."""
    if not result.get("success"):
        detail = (result.get("error") or "") + (result.get("log") or "")
        raise RuntimeError(f"{what} failed:\n{detail.strip()}")
