"""``python -m autograder collect DOWNLOADS --into SUBMISSIONS``: lay out downloaded notebooks.

``DOWNLOADS`` is a folder (or a ``.zip``) of notebooks an instructor downloaded, e.g. from an
LMS. Each ``.ipynb`` in it is placed at ``SUBMISSIONS/<student>/<assignment>/<notebook>``,
the layout ``python -m autograder grade`` reads:

* the **assignment** comes from the file name: it ends with one of the course's notebook
  names (``step_decay.ipynb``, also ``step_decay-1.ipynb`` / ``step_decay (1).ipynb``, the
  LMS's re-submission suffixes) or with an assignment id (``..._01-step-decay.ipynb``); else
  from a folder on its path named like an assignment (``alice/01-step-decay/mine.ipynb``);
* the **student** is the top folder when the file is inside one (a folder per student; an
  LMS's ``Jane Doe_123_assignsubmission_file_`` becomes ``Jane_Doe``; folders named like an
  assignment are passed over); for a file outside any such folder,
  ``<student>_<anything>_<notebook>.ipynb``: everything before the first underscore.

Student ids keep letters, digits, ``.``, ``-`` and ``_`` (anything else becomes ``_``). When
one student has two files for one assignment, the most recently modified one is kept. Files
it cannot place (not a notebook of the course, no student in the name) are listed, not copied.
"""
from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path, PurePosixPath
from typing import Callable, Iterator, NamedTuple

from .nbgrader_api import catalogue

SKIP_PARTS = {".ipynb_checkpoints", "__MACOSX", "__pycache__"}
MOODLE_FOLDER = re.compile(r"^(?P<name>.+?)_\d+_assign(ment)?submission.*$")
RESUBMISSION = r"(?:[-_ ]?\(?\d+\)?)?"   # step_decay-1, step_decay (2), step_decay_3


class Placed(NamedTuple):
    source: str        # the file, relative to DOWNLOADS
    student: str
    assignment: str
    target: Path


class Result(NamedTuple):
    placed: list       # [Placed]
    unplaced: list     # [(source, reason)]
    replaced: list     # [(dropped source, kept source)]


def student_id(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text.strip()).strip("_.")


def _files(downloads: Path) -> Iterator[tuple[PurePosixPath, float, Callable[[], bytes]]]:
    """``(relative path, modification time, read)`` of every file below ``downloads``."""
    if downloads.is_file() and zipfile.is_zipfile(downloads):
        with zipfile.ZipFile(downloads) as zf:
            for info in zf.infolist():
                if not info.is_dir():
                    data = zf.read(info) if info.filename.lower().endswith(".ipynb") else b""
                    yield (PurePosixPath(info.filename), time.mktime(info.date_time + (0, 0, -1)),
                           lambda data=data: data)
        return
    for path in sorted(p for p in downloads.rglob("*") if p.is_file()):
        yield PurePosixPath(path.relative_to(downloads).as_posix()), path.stat().st_mtime, path.read_bytes


def place(rel: PurePosixPath, course: dict[str, str]) -> tuple[str, str] | str:
    """``(student, assignment)`` for a downloaded file, or why it cannot be placed."""
    name = rel.name
    # The longest match wins: a notebook name that ends another one does not steal it.
    keys = sorted([(Path(nb).stem, a) for a, nb in course.items()] + [(a, a) for a in course],
                  key=lambda k: -len(k[0]))
    assignment, prefix = None, None
    for key, a in keys:
        m = re.fullmatch(rf"(?:(?P<prefix>.*?)[_ -])?{re.escape(key)}{RESUBMISSION}\.ipynb", name, re.I)
        if m:
            assignment, prefix = a, m.group("prefix")
            break
    folders = list(rel.parts[:-1])
    if assignment is None:
        in_folder = [p for p in folders if p in course]
        if not in_folder:
            return "not a notebook of this course (its name ends with no notebook name or assignment id)"
        assignment = in_folder[-1]
    others = [p for p in folders if p not in course]  # a folder named like an assignment is no student
    if others:
        m = MOODLE_FOLDER.match(others[0])
        student = student_id(m.group("name") if m else others[0])
    else:
        student = student_id(prefix.split("_", 1)[0]) if prefix else ""
    if not student:
        return "no student in the file name (expected <student>_<anything>_<notebook>.ipynb or a folder per student)"
    return student, assignment


def collect(downloads: Path, into: Path) -> Result:
    downloads, into = Path(downloads), Path(into)
    course = catalogue()
    chosen: dict[tuple[str, str], tuple[float, PurePosixPath, Callable]] = {}
    unplaced, replaced = [], []
    for rel, mtime, read in _files(downloads):
        if SKIP_PARTS & set(rel.parts) or any(p.startswith(".") for p in rel.parts):
            continue
        if rel.suffix.lower() != ".ipynb":
            unplaced.append((str(rel), "not a notebook"))
            continue
        where = place(rel, course)
        if isinstance(where, str):
            unplaced.append((str(rel), where))
            continue
        if where in chosen:
            old = chosen[where]
            keep, drop = ((mtime, rel, read), old) if mtime >= old[0] else (old, (mtime, rel, read))
            replaced.append((str(drop[1]), str(keep[1])))
            chosen[where] = keep
        else:
            chosen[where] = (mtime, rel, read)
    placed = []
    for (student, assignment), (_mtime, rel, read) in sorted(chosen.items()):
        target = into / student / assignment / course[assignment]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(read())
        placed.append(Placed(str(rel), student, assignment, target))
    return Result(placed, unplaced, replaced)


def print_result(result: Result, into: Path) -> None:
    for p in result.placed:
        print(f"{p.source}  ->  {p.target}")
    for dropped, kept in result.replaced:
        print(f"two files for one student and assignment: kept {kept} (newer), dropped {dropped}")
    students = {p.student for p in result.placed}
    print(f"\nplaced {len(result.placed)} notebook(s) of {len(students)} student(s) in {into}")
    if result.unplaced:
        print(f"could not place {len(result.unplaced)} file(s):")
        for source, reason in result.unplaced:
            print(f"  {source}: {reason}")
