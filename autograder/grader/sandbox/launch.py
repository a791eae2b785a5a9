"""The first program inside every sandbox: ``python -I launch.py [LIMITS] -- COMMAND...``.

It sets the resource limits, drops to a plain uid when asked (the grader runs as root:
root is exempt from the process limit, and after ``setuid`` no capability is left),
copies files into the private home, closes every inherited file descriptor it was not
told to keep, and replaces itself with ``COMMAND``. Standard library only: it runs
before the virtual environment matters.
"""
import argparse
import os
import resource
import shutil
import sys


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    if "--" not in argv:
        raise SystemExit("usage: launch.py [options] -- COMMAND ...")
    split = argv.index("--")
    parser = argparse.ArgumentParser(prog="launch.py")
    for name in ("as", "nproc", "fsize", "cpu", "nofile", "uid"):
        parser.add_argument(f"--{name}", type=int, default=None)
    parser.add_argument("--keep-fd", type=int, action="append", default=[])
    parser.add_argument("--copy", action="append", default=[], help="SRC:DEST, copied after the uid change")
    parser.add_argument("--quiet", action="store_true", help="stdout and stderr to /dev/null")
    return parser.parse_args(argv[:split]), argv[split + 1:]


def set_limits(opts: argparse.Namespace) -> None:
    limits = {resource.RLIMIT_AS: opts.__dict__["as"], resource.RLIMIT_NPROC: opts.nproc,
              resource.RLIMIT_FSIZE: opts.fsize, resource.RLIMIT_NOFILE: opts.nofile}
    for kind, value in limits.items():
        if value is not None:
            resource.setrlimit(kind, (value, value))
    if opts.cpu is not None:
        resource.setrlimit(resource.RLIMIT_CPU, (opts.cpu, opts.cpu + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def drop_to(uid: int) -> None:
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    if os.getuid() != uid or os.geteuid() != uid:
        raise SystemExit("could not drop privileges")


def close_fds(keep: list[int]) -> None:
    start = 3
    for fd in sorted(set(keep)) + [resource.getrlimit(resource.RLIMIT_NOFILE)[0]]:
        if fd >= start:
            os.closerange(start, fd)
            start = fd + 1
    for fd in keep:
        os.set_inheritable(fd, True)


def main(argv: list[str]) -> None:
    opts, command = parse(argv)
    set_limits(opts)
    if opts.uid is not None:
        drop_to(opts.uid)
    for pair in opts.copy:
        src, dest = pair.split(":", 1)
        shutil.copytree(src, dest, dirs_exist_ok=True)
    close_fds(opts.keep_fd)
    if opts.quiet:
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.close(devnull)
    os.execv(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
