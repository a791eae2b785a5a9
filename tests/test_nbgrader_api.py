"""The grading core's one door to nbgrader (``autograder/grader/nbgrader_api.py``)."""
from __future__ import annotations

import sqlite3

from autograder.grader import nbgrader_api


def test_a_new_gradebook_gets_the_revision_nbgrader_itself_would_stamp(tmp_path):
    """The in-process alembic head equals what nbgrader's own ``alembic heads`` subprocess says,
    and a gradebook made through the course's API carries it."""
    import nbgrader.api

    original = nbgrader.api.get_alembic_version
    nbgrader_api.make_api(tmp_path / "course")     # installs the in-process version
    assert nbgrader.api.get_alembic_version is nbgrader_api.alembic_head
    theirs = original() if original is not nbgrader_api.alembic_head else _subprocess_head()
    assert nbgrader_api.alembic_head() == theirs
    with nbgrader.api.Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}"):
        pass
    stamped = sqlite3.connect(tmp_path / "gradebook.db").execute("SELECT version_num FROM alembic_version").fetchall()
    assert stamped == [(theirs,)]


def _subprocess_head() -> str:
    """nbgrader's own way (``alembic heads`` in a subprocess), for when the patch is already in."""
    import subprocess
    import sys
    from pathlib import Path

    from nbgrader.dbutil import _temp_alembic_ini

    alembic = Path(sys.executable).with_name("alembic")
    with _temp_alembic_ini("sqlite://") as ini:
        return subprocess.check_output([str(alembic), "-c", ini, "heads"], text=True).split()[0]
