"""One sandbox for everything a submission runs: the notebook's kernel and the trusted re-check.

A sandbox is a bubblewrap (``bwrap``) container built per submission:

* a new root file system (tmpfs) holding only what learner code needs, read-only: the
  system's ``/usr`` and libraries, a few files of ``/etc``, the Python installation, the
  virtual environment, ``course/`` and the learner side of the package
  (``autograder/learner``, ``autograder/grader`` for the runner; never ``solutions/``,
  ``autograder/references``, ``.git``, the gradebook, the working folder, the submissions
  or the grader's home: they are not mounted at all);
* a private ``/tmp``, home and working folder (size-limited tmpfs, gone with the sandbox);
* new PID, network (no network), IPC, UTS and cgroup namespaces: no learner process
  outlives the sandbox or can signal the grader; capabilities are dropped once the mounts
  are made (so nothing can be unmounted), and further user namespaces are disabled;
* limits (see :class:`Limits`) applied inside by :mod:`.launch`, which also drops to an
  unprivileged uid when the grader runs as root (root ignores the process limit).

Where bubblewrap or user namespaces are missing (macOS, some containers), :func:`isolation`
says ``"none"``: the same commands run as plain processes, and the grading command warns once.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
LAUNCH = Path(__file__).with_name("launch.py")
KERNELS = Path(__file__).with_name("kernels")          # on JUPYTER_PATH while grading
KERNEL_NAME = "lr-sandbox"

# What of /etc a Python process reads (loader cache, users for getpass, time zone, MIME types, fonts).
ETC = ["passwd", "group", "nsswitch.conf", "localtime", "ld.so.cache", "ld.so.conf", "ld.so.conf.d",
       "alternatives", "mime.types", "fonts"]
SYSTEM_DIRS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]
HOME = "/home/learner"
WORK = "/submission"


@dataclass(frozen=True)
class Limits:
    """What one submission's process tree may use (``setrlimit`` inside the sandbox)."""

    memory_bytes: int = 2 * 2**30      # address space of each process
    processes: int = 256               # processes and threads
    file_bytes: int = 64 * 2**20       # largest file it may write
    cpu_seconds: int = 300             # CPU time of each process
    open_files: int = 1024
    tmpfs_bytes: int = 256 * 2**20     # each of /tmp, the home and the working folder

    def launch_args(self) -> list[str]:
        return [f"--as={self.memory_bytes}", f"--nproc={self.processes}", f"--fsize={self.file_bytes}",
                f"--cpu={self.cpu_seconds}", f"--nofile={self.open_files}"]


@dataclass
class Spec:
    """What one sandbox sees besides the system: extra read-only paths (same path inside),
    files bound read-only at a path of their own, writable host folders, environment."""

    read_only: list[Path] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)       # path inside -> host file
    writable: list[Path] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    keep_fds: list[int] = field(default_factory=list)
    copies: dict[str, Path] = field(default_factory=dict)      # path inside -> read-only host folder
    quiet: bool = False                                         # the process's stdout/stderr to /dev/null
    limits: Limits = field(default_factory=Limits)

    def launcher(self, uid: int | None) -> list[str]:
        """:mod:`.launch` with this spec's limits, uid, copies and file descriptors."""
        args = [sys.executable, "-I", str(LAUNCH), *self.limits.launch_args(),
                *[f"--keep-fd={fd}" for fd in self.keep_fds],
                *[f"--copy={host}:{inside}" for inside, host in self.copies.items()]]
        if self.quiet:
            args.append("--quiet")
        if uid is not None:
            args.append(f"--uid={uid}")
        return args


@functools.lru_cache(maxsize=1)
def isolation() -> str:
    """``"bubblewrap"`` when a sandbox can be made here, else ``"none"``. ``LR_SANDBOX=none``
    turns the sandbox off (to compare costs, or to debug a notebook as plain nbgrader runs it)."""
    bwrap = shutil.which("bwrap")
    if not bwrap or os.environ.get("LR_SANDBOX") == "none":
        return "none"
    probe = [bwrap, *_namespaces(), "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"]
    try:
        ok = subprocess.run(probe, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return "bubblewrap" if ok else "none"


def warning() -> str:
    """What the batch says once when learner code will run without a sandbox, and why."""
    why = ("LR_SANDBOX=none is set" if os.environ.get("LR_SANDBOX") == "none"
           else "bubblewrap (bwrap) cannot make a sandbox on this machine")
    return (f"WARNING: {why}, so learner code runs as plain processes with the grader's permissions. "
            'Every entry of the report says "isolation": "none". To contain submissions, install '
            "bubblewrap (Debian/Ubuntu: apt-get install bubblewrap), allow user namespaces and unset LR_SANDBOX.")


def _root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _namespaces() -> list[str]:
    common = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
              "--die-with-parent", "--new-session"]
    if _root():  # real root keeps its capabilities until launch.py drops to a plain uid
        return [*common, "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    return [*common, "--unshare-user", "--disable-userns"]


def _system() -> list[str]:
    args = []
    for d in SYSTEM_DIRS:
        if os.path.islink(d):
            args += ["--symlink", os.readlink(d), d]
        elif os.path.isdir(d):
            args += ["--ro-bind", d, d]
    for name in ETC:
        if os.path.exists(f"/etc/{name}"):
            args += ["--ro-bind", f"/etc/{name}", f"/etc/{name}"]
    return args


def python_paths() -> list[Path]:
    """The interpreter, the standard library and the virtual environment."""
    exe = Path(sys.executable)
    paths = {Path(sys.base_prefix), Path(sys.prefix), exe.parent, exe.resolve().parent}
    return sorted(p for p in paths if not str(p).startswith("/usr/"))


def learner_side() -> list[Path]:
    """The part of the repository a sandbox may read."""
    return [REPO / "course", REPO / "autograder" / "__init__.py", REPO / "autograder" / "learner",
            REPO / "autograder" / "grader"]


def _tmpfs(path: str, size: int) -> list[str]:
    return ["--size", str(size), "--perms", "1777", "--tmpfs", path]


def _parents(paths: list[str]) -> list[str]:
    """``--dir`` for every folder above a mount point, world-traversable (bwrap would make
    them 0700, which a dropped uid cannot enter)."""
    parents = sorted({str(p) for path in paths for p in Path(path).parents if str(p) != "/"})
    return [arg for p in parents for arg in ("--perms", "0755", "--dir", p)]


def bwrap_argv(spec: Spec, command: list[str], uid: int | None = None) -> list[str]:
    """The whole command line: bwrap, then :mod:`.launch` (limits, uid), then ``command``."""
    private = [arg for path in ("/tmp", HOME, WORK) for arg in _tmpfs(path, spec.limits.tmpfs_bytes)]
    binds = [("--ro-bind", str(p)) for p in python_paths() + learner_side() + data_dirs() + list(spec.read_only)
             + list(spec.copies.values()) if p.exists()]
    binds += [("--bind", str(p)) for p in spec.writable]
    files = [("--ro-bind", str(host), inside) for inside, host in spec.files.items()]
    targets = [p for _, p in binds] + [inside for _, _, inside in files] + ["/etc/passwd"]
    args = [shutil.which("bwrap") or "bwrap", *_namespaces(), *private, *_parents(targets), *_system()]
    args += [arg for kind, path in binds for arg in (kind, path, path)]
    args += [arg for triple in files for arg in triple]
    args += ["--proc", "/proc", "--dev", "/dev", "--clearenv", "--chdir", WORK]
    for key, value in environment(spec).items():
        args += ["--setenv", key, value]
    return [*args, "--", *spec.launcher(uid), "--", *command]


def environment(spec: Spec) -> dict[str, str]:
    """The sandbox's whole environment (nothing of the grader's leaks in)."""
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin", "HOME": HOME, "TMPDIR": "/tmp",
           "LANG": "C.UTF-8", "MPLBACKEND": "Agg", "MPLCONFIGDIR": f"{HOME}/.config/matplotlib",
           "IPYTHONDIR": f"{HOME}/.ipython", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "OPENBLAS_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1", "USER": "learner", "LOGNAME": "learner"}
    data = data_dirs()
    if data:
        env["MNIST_DIR"] = str(data[0])
    if os.environ.get("NBGRADER_EXECUTION"):
        env["NBGRADER_EXECUTION"] = os.environ["NBGRADER_EXECUTION"]
    env.update(spec.env)
    return env


def plain_argv(spec: Spec, command: list[str]) -> list[str]:
    """Without bubblewrap: the same launcher (limits) and command, as a plain process."""
    return [*spec.launcher(None), "--", *command]


def argv(spec: Spec, command: list[str], uid: int | None = None) -> list[str]:
    """The command line that runs ``command`` in a sandbox made from ``spec`` (or plainly)."""
    return bwrap_argv(spec, command, uid) if isolation() == "bubblewrap" else plain_argv(spec, command)


def data_dirs() -> list[Path]:
    """Read-only data a notebook may load: the MNIST folder, when there is one."""
    found = [Path(os.environ["MNIST_DIR"])] if os.environ.get("MNIST_DIR") else []
    # autograder.learner.mnist.default_cache_dir(), without importing torch for it
    found.append(Path(os.environ.get("MNIST_CACHE") or Path.home() / ".cache" / "lr-schedules" / "mnist").expanduser())
    return [p.resolve() for p in found if p.is_dir()]


UID_BASE, UID_SLOTS = 200_000, 1000
UID_LOCKS = Path("/tmp/lr-sandbox-uids")


def claim_uid() -> tuple[int | None, int | None]:
    """``(uid, lock fd)``: a plain uid no other sandbox uses now, when the grader is root and
    sandboxes are made (each sandbox then counts its processes alone); else ``(None, None)``.
    The uid is free again when every copy of the lock fd is closed."""
    import fcntl

    if not _root() or isolation() != "bubblewrap":
        return None, None
    UID_LOCKS.mkdir(mode=0o700, exist_ok=True)
    for slot in range(UID_SLOTS):
        fd = os.open(UID_LOCKS / f"{slot}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        return UID_BASE + slot, fd
    raise RuntimeError(f"all {UID_SLOTS} sandbox uids are in use")


@functools.lru_cache(maxsize=1)
def matplotlib_cache() -> Path | None:
    """A folder holding matplotlib's font cache, built once per grading process and copied
    into each sandbox's home (without it, every sandbox spends 0.3 s building its own)."""
    import tempfile

    folder = Path(tempfile.gettempdir()) / f"lr-mplcache-{os.getuid()}"
    if not any(folder.glob("fontlist-*.json")):
        folder.mkdir(mode=0o755, exist_ok=True)
        env = {"MPLCONFIGDIR": str(folder), "PATH": os.environ.get("PATH", ""), "MPLBACKEND": "Agg"}
        subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, capture_output=True,
                       timeout=120)
    return folder if any(folder.glob("fontlist-*.json")) else None
