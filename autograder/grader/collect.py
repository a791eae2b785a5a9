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
it cannot place (not a notebook of the course, no student in the name) are listed, not copied;
so is everything it does not read: symbolic links (never followed), notebooks over 50 MiB,
files past the first 20,000, and what is over 2 GiB unpacked in all (a zip bomb stops there).
"""
from __future__ import annotations

import os
import re
import stat
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


MAX_ENTRIES = 20_000             # files in one download (folder or zip)
MAX_NOTEBOOK_BYTES = 50 * 2**20   # one notebook
MAX_TOTAL_BYTES = 2 * 2**30       # every notebook together, unpacked


class Skipped(NamedTuple):
    """A file of the download that was not read, and why."""

    source: str
    reason: str


def _read_bounded(stream, limit: int) -> bytes | None:
    """At most ``limit`` bytes of ``stream``; ``None`` when it holds more (a zip bomb, say)."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def _zip_files(downloads: Path) -> Iterator:
    total = 0
    with zipfile.ZipFile(downloads) as zf:
        for n, info in enumerate(zf.infolist()):
            if n >= MAX_ENTRIES:
                yield Skipped(f"{downloads.name}: entries after the first {MAX_ENTRIES}", "too many files")
                return
            if info.is_dir():
                continue
            if stat.S_ISLNK(info.external_attr >> 16):
                yield Skipped(info.filename, "a symbolic link (not followed)")
                continue
            if not info.filename.lower().endswith(".ipynb"):
                yield PurePosixPath(info.filename), 0.0, lambda: b""
                continue
            with zf.open(info) as fh:
                data = _read_bounded(fh, min(MAX_NOTEBOOK_BYTES, MAX_TOTAL_BYTES - total))
            if data is None:
                yield Skipped(info.filename, f"larger than {MAX_NOTEBOOK_BYTES // 2**20} MiB unpacked, or past "
                                             f"the {MAX_TOTAL_BYTES // 2**30} GiB of one collect")
                continue
            total += len(data)
            yield PurePosixPath(info.filename), time.mktime(info.date_time + (0, 0, -1)), lambda data=data: data


def _folder_files(downloads: Path) -> Iterator:
    count = 0
    for root, dirs, files in os.walk(downloads, followlinks=False):
        for name in sorted(dirs):
            if (Path(root) / name).is_symlink():
                yield Skipped(str((Path(root) / name).relative_to(downloads)), "a symbolic link (not followed)")
        for name in sorted(files):
            path = Path(root) / name
            rel = PurePosixPath(path.relative_to(downloads).as_posix())
            count += 1
            if count > MAX_ENTRIES:
                yield Skipped(str(rel), "too many files")
                continue
            if path.is_symlink() or not path.is_file():
                yield Skipped(str(rel), "a symbolic link or special file (not followed)")
                continue
            if path.stat().st_size > MAX_NOTEBOOK_BYTES and name.lower().endswith(".ipynb"):
                yield Skipped(str(rel), f"larger than {MAX_NOTEBOOK_BYTES // 2**20} MiB")
                continue
            yield rel, path.stat().st_mtime, path.read_bytes


def _files(downloads: Path) -> Iterator:
    """``(relative path, modification time, read)`` of every file below ``downloads`` (a folder
    or a zip), or a :class:`Skipped` for what is not read. Symbolic links are never followed."""
    if downloads.is_file() and zipfile.is_zipfile(downloads):
        yield from _zip_files(downloads)
    else:
        yield from _folder_files(downloads)


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
    for item in _files(downloads):
        if isinstance(item, Skipped):
            unplaced.append(tuple(item))
            continue
        rel, mtime, read = item
        if SKIP_PARTS & set(rel.parts) or any(p.startswith(".") for p in rel.parts):
            continue
        where = "not a notebook" if rel.suffix.lower() != ".ipynb" else place(rel, course)
        if isinstance(where, str):
            unplaced.append((str(rel), where))
            continue
        if where in chosen and mtime < chosen[where][0]:
            replaced.append((str(rel), str(chosen[where][1])))
            continue
        if where in chosen:
            replaced.append((str(chosen[where][1]), str(rel)))
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
