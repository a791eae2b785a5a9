"""``python -m autograder release``: generate ``course/`` from ``solutions/``.

nbgrader's ``generate_assignment`` strips the solutions and the hidden tests, clears
outputs and locks the test cells; the result is copied into ``course/`` (committed), so
that learners who clone the repository get exactly what a class would be handed.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

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
            written += sorted(target.glob("*.ipynb"))
    return written
