"""The course's version: one hash of everything that decides a grade.

It covers the package (cases, references, the grading code), the instructor notebooks and
the released ones, and the pinned requirements. A committed result of another version is
graded again, and a Dask worker whose version differs from the coordinator's is refused.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from .nbgrader_api import REPO

PARTS = [("autograder", "*.py"), ("autograder", "*.json"), ("solutions", "*.ipynb"), ("course", "*.ipynb")]
FILES = ["requirements.txt"]


@functools.lru_cache(maxsize=None)
def course_version(repo: Path = REPO) -> str:
    digest = hashlib.sha256()
    paths = [p for folder, pattern in PARTS for p in (repo / folder).rglob(pattern)]
    paths += [repo / f for f in FILES if (repo / f).is_file()]
    for path in sorted(paths):
        if "__pycache__" in path.parts or ".ipynb_checkpoints" in path.parts:
            continue
        digest.update(path.relative_to(repo).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
