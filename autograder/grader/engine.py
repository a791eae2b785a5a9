"""Where submissions are graded: in this process, or on Dask distributed.

An engine takes :class:`~.worker.Task` objects and yields ``(task, Graded | Exception)``
as each one finishes. :class:`InProcess` grades them one after the other here (``check``
uses it). :class:`DaskEngine` runs :func:`~.worker.grade_submission` on a Dask cluster:
a ``LocalCluster`` of worker processes on this machine by default, or an existing
scheduler (``--scheduler tcp://HOST:8786``) whose workers were started with
``python3 run.py worker tcp://HOST:8786`` on any machine holding the same course.

Workers advertise the course version they hold as a Dask resource (``lr-<version>``), and
tasks ask for the coordinator's version, so a worker with other cases, references or
grading code is never given a submission; :func:`serve` refuses to start such a worker
when the coordinator has published its version on the scheduler. If a worker dies, Dask
gives its task to another one.
"""
from __future__ import annotations

import importlib.util
import sys
from typing import Iterable, Iterator

from .version import course_version
from .worker import Task, grade_submission

VERSION_KEY = "lr-schedules/version"


def resource_name(version: str | None = None) -> str:
    return f"lr-{version or course_version()}"


class InProcess:
    """Grade here, one submission after the other."""

    description = "in this process"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, object]]:
        for task in tasks:
            try:
                yield task, grade_submission(task)
            except Exception as exc:  # a bug of the grader: this submission errs, the batch goes on
                yield task, exc


class DaskEngine:
    """Grade on Dask: a local cluster of ``workers`` processes, or the cluster at ``scheduler``."""

    def __init__(self, workers: int = 2, scheduler: str | None = None):
        self.workers, self.scheduler = workers, scheduler
        self.cluster = self.client = None
        self.dashboard: str | None = None

    def __enter__(self):
        from distributed import Client, LocalCluster

        if self.scheduler:
            self.client = Client(self.scheduler, timeout="30s")
        else:
            dashboard = ":0" if importlib.util.find_spec("bokeh") else None
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                        memory_limit=0, dashboard_address=dashboard,
                                        resources={resource_name(): 1}, silence_logs=40)
            self.client = Client(self.cluster)
            self.dashboard = self.cluster.dashboard_link if dashboard else None
        self.client.set_metadata(VERSION_KEY, course_version())
        return self

    def __exit__(self, *exc):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        return False

    @property
    def description(self) -> str:
        where = self.scheduler or f"a local Dask cluster of {self.workers} worker process(es)"
        return where + (f" (dashboard: {self.dashboard})" if self.dashboard else "")

    def refused_workers(self) -> list[str]:
        """Workers of the cluster that hold another course version."""
        wanted = resource_name()
        info = self.client.scheduler_info().get("workers", {})
        return [addr for addr, w in info.items() if wanted not in (w.get("resources") or {})]

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, object]]:
        from distributed import as_completed

        futures = {}
        for task in tasks:
            key = f"grade-{task.student}-{task.assignment}-{task.digest[:12]}"
            futures[self.client.submit(grade_submission, task, key=key, pure=False,
                                       resources={resource_name(): 1})] = task
        for future in as_completed(futures):
            try:
                yield futures[future], future.result()
            except Exception as exc:  # KilledWorker after the retries, or a bug of the grader
                yield futures[future], exc
            future.release()


def serve(address: str, name: str | None = None) -> int:
    """``python -m autograder worker tcp://HOST:8786``: join a cluster as a grading worker
    (one submission at a time), unless the coordinator grades another course version."""
    import asyncio

    from distributed import Client, Nanny

    mine = course_version()
    with Client(address, timeout="30s") as client:
        theirs = client.get_metadata(VERSION_KEY, default=None)
    if theirs is not None and theirs != mine:
        print(f"refusing to join {address}: this machine holds course version {mine}, the coordinator grades "
              f"{theirs} (different cases, references or grading code); update this copy of the course",
              file=sys.stderr)
        return 3

    async def main():
        async with Nanny(address, nthreads=1, resources={resource_name(mine): 1}, memory_limit=0,
                         name=name) as nanny:
            print(f"grading worker for course version {mine} joined {address}", flush=True)
            await nanny.finished()

    asyncio.run(main())
    return 0
