"""autograder.grader.sandbox: what a process inside the sandbox can and cannot do.

Each test runs a small Python program in a sandbox made exactly as grading makes one and
reads what it reports. Skipped only where bubblewrap cannot make a sandbox (then grading
itself says ``"isolation": "none"``).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from autograder.grader import sandbox
from harness import REPO

pytestmark = pytest.mark.skipif(sandbox.isolation() != "bubblewrap", reason="bubblewrap cannot make a sandbox here")


def run_inside(tmp_path, code: str, limits: sandbox.Limits | None = None, timeout: int = 120) -> dict:
    """Run ``code`` in a sandbox; it must print one JSON object on its last line."""
    script = tmp_path / "probe.py"
    script.write_text(textwrap.dedent(code))
    uid, lock = sandbox.claim_uid()
    spec = sandbox.Spec(read_only=[script], limits=limits or sandbox.Limits())
    try:
        proc = subprocess.run(sandbox.argv(spec, [sys.executable, str(script)], uid), capture_output=True, text=True,
                              timeout=timeout, env={})
    finally:
        if lock is not None:
            os.close(lock)
    assert proc.stdout.strip(), proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture
def home_secret():
    """A file in the grader's real home folder."""
    path = os.path.join(os.path.expanduser("~"), f".lr-sandbox-secret-{os.getpid()}")
    with open(path, "w") as fh:
        fh.write("secret")
    yield path
    os.unlink(path)


def test_the_secrets_are_absent_not_hidden(tmp_path, home_secret):
    seen = run_inside(tmp_path, f"""
        import json, os, subprocess
        for target in ["/", {str(REPO)!r}]:
            subprocess.run(["umount", "-l", target], capture_output=True)   # nothing to uncover
        paths = {{p: os.path.exists(p) for p in [{str(REPO / 'solutions')!r}, {str(REPO / 'autograder' / 'references')!r},
                  {str(REPO / '.git')!r}, {home_secret!r}, "/etc/shadow", {str(REPO / 'course')!r},
                  {str(REPO / 'autograder' / 'learner')!r}]}}
        print(json.dumps(paths))
    """)
    assert seen == {str(REPO / "solutions"): False, str(REPO / "autograder" / "references"): False,
                    str(REPO / ".git"): False, home_secret: False, "/etc/shadow": False,
                    str(REPO / "course"): True, str(REPO / "autograder" / "learner"): True}


def test_the_course_and_the_environment_are_read_only_and_the_private_folders_writable(tmp_path):
    seen = run_inside(tmp_path, f"""
        import json, os, sys
        out = {{}}
        for name, path in [("course", {str(REPO / 'course' / 'x')!r}), ("venv", os.path.join(sys.prefix, "x")),
                           ("package", {str(REPO / 'autograder' / 'learner' / 'x.py')!r}),
                           ("work", "x"), ("tmp", "/tmp/x"), ("home", os.path.expanduser("~/x"))]:
            try:
                open(path, "w").write("x"); out[name] = "written"
            except OSError as exc:
                out[name] = type(exc).__name__
        print(json.dumps(out))
    """)
    assert seen["course"] == seen["venv"] == seen["package"] == "OSError"
    assert seen["work"] == seen["tmp"] == seen["home"] == "written"


def test_no_network_no_capabilities_no_grader_in_sight(tmp_path):
    seen = run_inside(tmp_path, """
        import json, os, socket
        try:
            socket.create_connection(("1.1.1.1", 53), timeout=2); net = "open"
        except OSError as exc:
            net = type(exc).__name__
        caps = [l.split()[1] for l in open("/proc/self/status") if l.startswith("CapEff")][0]
        pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
        print(json.dumps({"net": net, "caps": caps, "uid": os.getuid(), "pids": pids}))
    """)
    assert seen["net"] != "open" and int(seen["caps"], 16) == 0
    assert seen["uid"] != 0
    assert max(seen["pids"]) < 10, "the sandbox sees only its own few processes"


def test_limits_stop_memory_process_and_disk_hogs(tmp_path):
    seen = run_inside(tmp_path, """
        import json, subprocess
        out = {}
        try:
            hoard = [bytearray(2**28) for _ in range(40)]; out["memory"] = "10 GiB"
        except MemoryError:
            out["memory"] = "MemoryError"
        kids = []
        try:
            for _ in range(600):
                kids.append(subprocess.Popen(["sleep", "30"]))
            out["processes"] = len(kids)
        except OSError:
            out["processes"] = len(kids)
        try:
            with open("/tmp/fill", "wb") as fh:
                for _ in range(2048):
                    fh.write(b"x" * 2**20)
            out["disk"] = "2 GiB"
        except OSError as exc:
            out["disk"] = type(exc).__name__
        print(json.dumps(out))
    """, sandbox.Limits(memory_bytes=2 * 2**30, processes=64, file_bytes=32 * 2**20))
    assert seen["memory"] == "MemoryError"
    assert seen["processes"] < 64
    assert seen["disk"] != "2 GiB"


def test_nothing_started_inside_outlives_the_sandbox(tmp_path):
    mark = f"lr-sandbox-test-{os.getpid()}"
    run_inside(tmp_path, f"""
        import json, subprocess
        subprocess.Popen(["sh", "-c", "exec -a {mark} sleep 300"], start_new_session=True)
        print(json.dumps({{"started": True}}))
    """)
    time.sleep(0.5)
    left = [p for p in os.listdir("/proc") if p.isdigit() and os.path.exists(f"/proc/{p}/cmdline")
            and mark.encode() in open(f"/proc/{p}/cmdline", "rb").read()]
    assert left == []


def test_without_bubblewrap_the_same_command_runs_plainly(monkeypatch):
    monkeypatch.setattr(sandbox, "isolation", lambda: "none")
    line = sandbox.argv(sandbox.Spec(), [sys.executable, "-c", "print(1)"])
    assert "bwrap" not in line[0] and str(sandbox.LAUNCH) in line
    assert subprocess.run(line, capture_output=True, text=True).stdout.strip() == "1"
