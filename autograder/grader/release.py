"""``python -m autograder release``: generate ``course/`` from ``solutions/``.

nbgrader's ``generate_assignment`` strips the solutions and the hidden tests, clears
outputs and locks the test cells; the result is copied into ``course/`` (committed), so
that learners who clone the repository get exactly what a class would be handed. Two
lines are added on the way (:mod:`.launch`): the title cell ends with the notebook's launch
links (Colab, Binder), and the setup cell begins by installing the helpers where they are
missing (Colab). Neither touches a graded cell.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import nbformat

from . import launch
from .nbgrader_api import COURSE, catalogue, make_api, run


def release(out_dir: Path = COURSE, only: list[str] | None = None) -> list[Path]:
    """Regenerate the assignments of ``solutions/`` (all, or ``only`` these) into
    ``out_dir``; return the notebooks written."""
    written = []
    with tempfile.TemporaryDirectory(prefix="lr-release-") as tmp:
        api = make_api(Path(tmp))
        for assignment in only or catalogue():
            run(api.generate_assignment(assignment, force=True), f"generate_assignment {assignment}")
            target = Path(out_dir) / assignment
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(Path(tmp) / "release" / assignment, target)
            for path in sorted(target.glob("*.ipynb")):
                add_launch(path, f"course/{assignment}/{path.name}")
                written.append(path)
    if Path(out_dir) == COURSE and only is None:  # the ungraded appendix is written in course/ itself
        for path in sorted((COURSE / "appendix").glob("*.ipynb")):
            add_launch(path, f"course/appendix/{path.name}")
            written.append(path)
    return written


def add_launch(path: Path, in_repository: str) -> None:
    """The launch links at the end of the title cell, the install at the top of the setup cell."""
    nb = nbformat.read(str(path), as_version=4)
    title = next(c for c in nb.cells if c.cell_type == "markdown")
    if launch.LAUNCH_MARK not in title.source:
        title.source = title.source.rstrip() + "\n\n" + launch.links(in_repository)
    setup = next(c for c in nb.cells if c.cell_type == "code" and "nbgrader" not in c.metadata)
    if launch.BOOTSTRAP_MARK not in setup.source:
        setup.source = launch.bootstrap() + setup.source
    nbformat.write(nb, str(path))

