"""The grading kernel: ``kernels/lr-sandbox/kernel.json`` starts this instead of ipykernel.

``python -I -m autograder.grader.sandbox.kernel -f CONNECTION_FILE [ARGS]`` runs as the
grader (trusted code). It reads the submission's sandbox settings, ``sandbox.json``, from
the private folder two levels above the connection file (the grader writes both: see
:class:`KernelSandbox`), and replaces itself with bubblewrap running ``ipykernel_launcher``
on that connection file. The connection file and the IPC sockets live in the folder of
the connection file, the only host folder the sandbox may write. nbgrader's ``Execute``
is unchanged: it starts "a kernel" and talks to it over IPC.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import HOME, Limits, Spec, argv, claim_uid, matplotlib_cache

SETTINGS = "sandbox.json"
HIDDEN_STUB = Path(__file__).with_name("hidden_stub.py")
IPYTHON = Path(__file__).with_name("ipython")   # a startup file that defers the setup cell's heavy imports
VERDICTS_INSIDE = "/run/lr/verdicts.json"


@dataclass
class KernelSandbox:
    """The private folder of one submission's kernel: ``runtime/`` (connection file and
    sockets), ``sandbox.json`` and ``verdicts.json`` (the trusted verdicts, which the kernel's
    stand-in for ``autograder.references`` reports)."""

    folder: Path
    limits: Limits = field(default_factory=Limits)

    @property
    def connection_file(self) -> Path:
        return self.folder / "runtime" / "kernel.json"

    def prepare(self, verdicts: dict) -> Path:
        """Write the settings and the verdicts; return the connection file's path."""
        (self.folder / "runtime").mkdir(parents=True, mode=0o700, exist_ok=True)
        (self.folder / "verdicts.json").write_text(json.dumps(verdicts))
        (self.folder / SETTINGS).write_text(json.dumps({"limits": asdict(self.limits)}))
        return self.connection_file


def spec_for(folder: Path) -> Spec:
    from . import REPO

    settings = json.loads((folder / SETTINGS).read_text())
    cache = matplotlib_cache()
    copies = {f"{HOME}/.ipython": IPYTHON, **({f"{HOME}/.config/matplotlib": cache} if cache else {})}
    return Spec(files={str(REPO / "autograder" / "references" / "__init__.py"): HIDDEN_STUB,
                       VERDICTS_INSIDE: folder / "verdicts.json"},
                writable=[folder / "runtime"],
                copies=copies,
                env={"LR_VERDICTS": VERDICTS_INSIDE}, quiet=True,
                limits=Limits(**settings["limits"]))


def main(args: list[str]) -> None:
    if len(args) < 2 or args[0] != "-f":
        raise SystemExit("usage: python -m autograder.grader.sandbox.kernel -f CONNECTION_FILE [ARGS]")
    connection = Path(args[1]).resolve()
    folder = connection.parent.parent
    if not (folder / SETTINGS).is_file():
        raise SystemExit(f"no {SETTINGS} in {folder}: this kernel is started by `python -m autograder grade`")
    uid, lock = claim_uid()
    if uid is not None:  # root: the kernel runs as a plain uid, which must reach its sockets
        for path in (connection.parent, connection):
            os.chown(path, uid, uid)
        os.set_inheritable(lock, True)  # held by bubblewrap until the sandbox ends
    command = [sys.executable, "-m", "ipykernel_launcher", "-f", str(connection), *args[2:]]
    line = argv(spec_for(folder), command, uid)
    os.execv(line[0], line)


if __name__ == "__main__":
    main(sys.argv[1:])
