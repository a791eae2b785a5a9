"""The working folder of a grading run, as durable state.

``WORK/results/<student>/<assignment>.json`` is a submission's committed trusted result:
the digest of the notebook it graded, the course version, and its entry. It is written
last, atomically, after the autograded notebook, the curves and the gradebook rows (see
:meth:`WorkFolder.commit`), so a run killed at any moment leaves every submission either
committed or not, never half; the next run on the folder grades exactly the rest.
``WORK/report.json`` (the spec's report) and ``WORK/report.meta.json`` (the digest of the
results it was made from) are written at the end; ``export`` refuses a stale report.
A lock (``WORK/.lock``) stops two runs from sharing a folder.
"""
from __future__ import annotations

import hashlib
import json
import os
from contextlib import contextmanager
from pathlib import Path

from .results import Entry


class FolderBusy(Exception):
    """Another grading run holds this working folder."""


def atomic_write(path: Path, text: str) -> None:
    """``path`` holds either its old content or all of ``text``, whatever happens."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class WorkFolder:
    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.results = self.root / "results"

    @contextmanager
    def locked(self):
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; one run at a time is then up to you
            yield self
            return
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise FolderBusy(f"{self.root} is in use by another grading run (its lock is held); "
                             "wait for it to finish, or use another --workdir") from None
        try:
            yield self
        finally:
            os.close(fd)

    def result_path(self, student: str, assignment: str) -> Path:
        return self.results / student / f"{assignment}.json"

    def committed(self, student: str, assignment: str) -> dict | None:
        """The committed result ``{"digest", "version", "entry"}``, or ``None``."""
        path = self.result_path(student, assignment)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            data["entry"] = Entry.from_json(data["entry"])
            return data
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def commit(self, api, student: str, assignment: str, notebook: str, digest: str, version: str,
               entry: Entry, autograded: str | None, curves: dict) -> None:
        """Make one submission's trusted result durable (the result file is written last)."""
        from . import gradebook

        graded = self.root / "autograded" / student / assignment / notebook
        if autograded is not None:
            atomic_write(graded, autograded)
        elif graded.exists():
            graded.unlink()
        curve_path = self.root / "curves" / student / f"{assignment}.json"
        if curves:
            atomic_write(curve_path, json.dumps(curves))
        elif curve_path.exists():
            curve_path.unlink()
        gradebook.store(api, assignment, Path(notebook).stem, student, entry)
        atomic_write(self.result_path(student, assignment),
                     json.dumps({"digest": digest, "version": version, "entry": entry.to_json()}, indent=1))

    def results_digest(self) -> str:
        digest = hashlib.sha256()
        for path in sorted(self.results.rglob("*.json")) if self.results.is_dir() else []:
            digest.update(path.relative_to(self.results).as_posix().encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()

    def write_report(self, report: dict) -> None:
        atomic_write(self.root / "report.json", json.dumps(report, indent=1) + "\n")
        atomic_write(self.root / "report.meta.json", json.dumps({"results_digest": self.results_digest()}))

    def report_problem(self) -> str | None:
        """Why ``report.json`` cannot be trusted as the class's grades, or ``None``."""
        if not (self.root / "report.json").is_file():
            return f"no report.json in {self.root}: run `grade ... --workdir {self.root}` first"
        try:
            meta = json.loads((self.root / "report.meta.json").read_text())
        except (OSError, ValueError):
            return f"{self.root}/report.json has no report.meta.json: it was not written by a finished grading run"
        if meta.get("results_digest") != self.results_digest():
            return (f"{self.root}/report.json is stale: results were committed after it was written "
                    "(a run was interrupted?); run the same `grade` command again to finish the batch")
        return None
