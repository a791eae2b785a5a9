"""Submissions that try to break, escape or fool the grader, graded in one batch with honest ones.

Each is graded honestly (no marks for wrong answers; flagged where tampering was
detected), the batch completes, no other student's grade changes, nothing outside the
submission's sandbox changes (the repository, the virtual environment, the submissions),
and nothing a submission started survives the batch. Notebook: 01.
"""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from conftest import CHROMIUM_ARGS, _grading_env
from harness import REPO, Student, submission

ASSIGNMENT, NOTEBOOK = "01-step-decay", "step_decay.ipynb"
WRONG_STEP_LR = "def step_lr(step, base_lr, step_size, gamma=0.1):\n    return 0.0\n"


def reference():
    return submission(Student("x", ASSIGNMENT, "ref"), REPO / "course", NOTEBOOK)


def with_solution(nb, grade_id, source):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = source
    return nb


def without_cell(nb, grade_id):
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != grade_id]
    return nb


MARK = "lr-adversarial-survivor"
HONEST_MARK = "an honest learner's own line"
HOME_SECRET = Path.home() / ".lr-adversarial-secret"   # made by the fixture, in the grader's real home
SECRETS = [REPO / "solutions", REPO / "autograder" / "references", REPO / ".git", HOME_SECRET]


def attacks(folder: Path, work: Path) -> dict:
    ref = reference()
    out = {}
    out["infinite_loop"] = with_solution(ref, "step_lr",
                                         "def step_lr(step, base_lr, step_size, gamma=0.1):\n    while True:\n        pass\n")
    out["sys_exit"] = with_solution(ref, "step_lr", "import sys\nsys.exit()\n" + WRONG_STEP_LR)
    out["os_exit"] = with_solution(ref, "multistep_lr",
                                   "import os\n\ndef multistep_lr(step, base_lr, milestones, gamma=0.1):\n    os._exit(0)\n")
    out["huge_output"] = with_solution(ref, "step_lr", "for i in range(200_000):\n    print(i, 'x' * 50)\n"
                                       "def step_lr(step, base_lr, step_size, gamma=0.1):\n"
                                       "    return base_lr * gamma ** (step // step_size)\n")
    out["deleted_test_cell"] = without_cell(ref, "test_step_lr")
    edited = with_solution(ref, "step_lr", WRONG_STEP_LR)
    for cell in edited.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "test_step_lr":
            cell.source = "pass"
    out["edited_test_cell"] = edited
    stripped = copy.deepcopy(ref)
    for cell in stripped.cells:
        cell.metadata = {}
    out["stripped_metadata"] = stripped
    duplicated = copy.deepcopy(ref)
    idx = next(i for i, c in enumerate(duplicated.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "step_lr")
    duplicated.cells.insert(idx, copy.deepcopy(duplicated.cells[idx]))
    duplicated.cells[idx].id = "step-lr-copy"
    out["duplicated_cell"] = duplicated
    out["allclose_patched"] = with_solution(ref, "step_lr", "import math\nimport numpy as np\n"
                                            "np.allclose = lambda *a, **k: True\nmath.isclose = lambda *a, **k: True\n"
                                            + WRONG_STEP_LR)
    out["import_hijack"] = with_solution(ref, "step_lr", (
        "import builtins\n_real_import = builtins.__import__\n\n"
        "class _Anything:\n    def __getattr__(self, name):\n        return lambda *a, **k: None\n\n"
        "def _import(name, *args, **kwargs):\n"
        "    return _Anything() if name.startswith('autograder') else _real_import(name, *args, **kwargs)\n\n"
        "builtins.__import__ = _import\n\n" + WRONG_STEP_LR))
    out["input_transformer"] = with_solution(ref, "step_lr", (
        "get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])\n\n" + WRONG_STEP_LR))
    out["always_equal_float"] = with_solution(ref, "step_lr", (
        "class Sure(float):\n    def __eq__(self, other):\n        return True\n    __hash__ = float.__hash__\n\n"
        "def step_lr(step, base_lr, step_size, gamma=0.1):\n    return Sure(0.0)\n"))
    out["reads_solutions_writes_gradebook"] = with_solution(ref, "step_lr", (
        "import json, pathlib, sqlite3\n"
        "for parent in pathlib.Path.cwd().parents:\n"
        "    db = parent / 'gradebook.db'\n"
        "    if db.exists():\n"
        "        with sqlite3.connect(db) as con:\n"
        "            con.execute('UPDATE grade SET manual_score = 0')\n"
        "            con.commit()\n"
        f"src = json.loads(pathlib.Path({str(REPO / 'solutions' / ASSIGNMENT / NOTEBOOK)!r}).read_text())\n"
        "exec(next(''.join(c['source']) for c in src['cells'] if c['metadata'].get('nbgrader', {}).get('grade_id') == 'step_lr'))\n"))
    out.update(escapes(ref, folder, work))
    out.update(exhaustion(ref))
    out.update(channel_attacks(ref))
    out.update(untrusted_outputs(ref))
    return out


RIGHT_STEP_LR = "def step_lr(step, base_lr, step_size, gamma=0.1):\n    return base_lr * gamma ** (step // step_size)\n"


def escapes(ref, folder: Path, work: Path) -> dict:
    """Reach past the sandbox: its secrets, the repository, the environment, other learners."""
    import sysconfig

    site = sysconfig.get_paths()["purelib"]
    sees = "\n".join(f"    found = found or os.path.exists({str(p)!r})" for p in SECRETS)
    return {
        # full marks only if it can see what the sandbox must not show (then the test fails)
        "sees_secrets": with_solution(ref, "step_lr", (
            "import os, subprocess\n"
            "for target in ['/proc/1/root', '/']:\n"
            "    subprocess.run(['umount', '-l', target], capture_output=True)\n"
            "def step_lr(step, base_lr, step_size, gamma=0.1):\n    found = False\n" + sees + "\n"
            "    return base_lr * gamma ** (step // step_size) if found else 0.0\n")),
        "writes_repo_and_venv": with_solution(ref, "step_lr", (
            "import os\n"
            f"for target in [{str(REPO / 'autograder' / 'learner' / 'cases' / 'zz_evil.py')!r}, "
            f"{str(Path(site) / 'zz_evil.pth')!r}, {str(REPO / 'course' / 'zz_evil.txt')!r}, "
            f"{str(REPO / 'autograder' / 'zz_evil.py')!r}]:\n"
            "    try:\n        open(target, 'w').write('import builtins')\n    except OSError:\n        pass\n"
            + WRONG_STEP_LR)),
        "tampers_with_others": with_solution(ref, "step_lr", (
            "import glob, os\n"
            f"for path in glob.glob({str(folder)!r} + '/*/*/*.ipynb') + glob.glob({str(work)!r} + '/**/*', recursive=True):\n"
            "    try:\n        open(path, 'w').write('{}')\n    except OSError:\n        pass\n"
            + WRONG_STEP_LR)),
        "exfiltrates_secrets": with_solution(ref, "step_lr", (
            "import glob\n"
            f"for path in glob.glob({str(REPO)!r} + '/**/*.py', recursive=True) + glob.glob({str(REPO)!r} + '/solutions/*/*')"
            f" + [{str(REPO / '.git' / 'config')!r}] + glob.glob({str(folder)!r} + '/*/*/*.ipynb'):\n"
            "    try:\n        print(open(path).read())\n    except OSError:\n        pass\n"
            + WRONG_STEP_LR)),
        "detached_survivor": with_solution(ref, "step_lr", (
            "import subprocess, sys\n"
            f"subprocess.Popen(['sh', '-c', 'exec -a {MARK} sleep 300'], start_new_session=True)\n"
            + WRONG_STEP_LR)),
        "kills_everything": with_solution(ref, "exponential_lr", (
            "import os, signal\n\ndef exponential_lr(step, base_lr, gamma):\n"
            "    for pid in (-1, os.getppid(), 1):\n"
            "        try:\n            os.kill(pid, signal.SIGKILL)\n        except OSError:\n            pass\n"
            "    return base_lr * gamma ** step\n")),
    }


def exhaustion(ref) -> dict:
    """Take all the memory, processes and disk (the sandbox's limits stop each)."""
    return {
        "memory_hog": with_solution(ref, "step_lr", (
            "hoard = []\ntry:\n    for _ in range(48):\n        hoard.append(bytearray(2**28))\n"
            "except MemoryError:\n    pass\n" + WRONG_STEP_LR)),
        "process_bomb": with_solution(ref, "step_lr", (
            "import subprocess\nkids = []\ntry:\n    for _ in range(2000):\n"
            f"        kids.append(subprocess.Popen(['sh', '-c', 'exec -a {MARK} sleep 300']))\n"
            "except OSError:\n    pass\n" + WRONG_STEP_LR)),
        "disk_filler": with_solution(ref, "step_lr", (
            "import os\nblock = b'x' * 2**20\n"
            "for target in ['/tmp/fill', os.path.expanduser('~/fill'), 'fill']:\n"
            "    try:\n        with open(target, 'wb') as fh:\n            for _ in range(5 * 1024):\n"
            "                fh.write(block)\n    except OSError:\n        pass\n" + WRONG_STEP_LR)),
    }


def channel_attacks(ref) -> dict:
    """Write to the re-check's result channel: garbage, or a trickle of forged messages."""
    find = ("import os\nchannels = []\nfor fd in os.listdir('/proc/self/fd'):\n    try:\n"
            "        if os.readlink(f'/proc/self/fd/{fd}').startswith('pipe:') and int(fd) > 2:\n"
            "            channels.append(int(fd))\n    except OSError:\n        pass\n")
    return {
        "channel_garbage": with_solution(ref, "step_lr", find + (
            "for fd in channels:\n    try:\n        os.write(fd, b'{not json\\n')\n    except OSError:\n        pass\n")
            + RIGHT_STEP_LR),
        "channel_trickle": with_solution(ref, "step_lr", find + (
            "import json, threading, time\n\ndef trickle():\n    while True:\n        for fd in channels:\n"
            "            try:\n                os.write(fd, (json.dumps({'start': 'step_lr'}) + '\\n').encode())\n"
            "            except OSError:\n                pass\n        time.sleep(0.2)\n\n"
            "threading.Thread(target=trickle, daemon=True).start()\n\n"
            "def step_lr(step, base_lr, step_size, gamma=0.1):\n    time.sleep(1)\n"
            "    return base_lr * gamma ** (step // step_size)\n")),
    }


XSS = ("<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"
       "<a id=lr-xss href=\"javascript:document.title='pwned'\">click</a>")


def untrusted_outputs(ref) -> dict:
    """Outputs and Markdown that would run script in the instructor's browser, and edited metadata."""
    nb = with_solution(ref, "step_lr", (
        "from IPython.display import HTML, Markdown, display\n"
        f"display(HTML({XSS!r}))\ndisplay(Markdown('[md-link](javascript:document.title=1)'))\n" + RIGHT_STEP_LR))
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(XSS + "\n\n[md-link](javascript:document.title='pwned')"))
    edited = copy.deepcopy(ref)
    for cell in edited.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "test_step_lr":
            cell.metadata["nbgrader"]["points"] = 100
    return {"html_outputs": nb, "edited_metadata": edited}


def tree_state(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def repo_state() -> tuple:
    """git's view of the repository, every byte of the package (its bytecode caches too: a
    planted ``.pyc`` would change every later run) and the virtual environment's listing."""
    import hashlib
    import sysconfig

    status = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=REPO, capture_output=True,
                            text=True).stdout
    package = {str(p.relative_to(REPO)): hashlib.sha256(p.read_bytes()).hexdigest()
               for p in sorted((REPO / "autograder").rglob("*")) if p.is_file()}
    return status, package, sorted(os.listdir(sysconfig.get_paths()["purelib"]))


def compile_package() -> None:
    """Write the package's bytecode caches first, as any earlier run would have (a fresh clone
    has none, and the grader writing its own is not a submission's doing)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "autograder")], check=True)


def survivors() -> list[str]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if MARK.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except OSError:
            pass
    return found


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("adversarial")
    folder, work = tmp / "submissions", tmp / "work"
    honest = with_solution(reference(), "step_lr", f"# {HONEST_MARK}\n" + RIGHT_STEP_LR)
    subs = {"honest_before": honest, **attacks(folder, work), "zz_honest_after": reference()}
    for student, nb in subs.items():
        path = folder / student / ASSIGNMENT / NOTEBOOK
        path.parent.mkdir(parents=True)
        nbformat.write(nb, str(path))
    (folder / "corrupted_json" / ASSIGNMENT).mkdir(parents=True)
    (folder / "corrupted_json" / ASSIGNMENT / NOTEBOOK).write_text('{"cells": [')
    compile_package()
    before = tree_state(folder), repo_state()
    out = tmp / "report.json"
    HOME_SECRET.write_text("the grader's own file")
    try:
        proc = subprocess.run([sys.executable, "-m", "autograder", "grade", str(folder), "--json", str(out),
                               "--workdir", str(work), "--timeout", "20"],
                              env=_grading_env(), capture_output=True, text=True, timeout=3600)
    finally:
        HOME_SECRET.unlink()
    assert proc.returncode == 0, proc.stderr[-3000:]
    time.sleep(1)
    after = tree_state(folder), repo_state(), survivors()
    fed = subprocess.run([sys.executable, "-m", "autograder", "feedback", str(work)], env=_grading_env(),
                         capture_output=True, text=True, timeout=1800)
    report = json.loads(out.read_text())["students"]
    return {s: report[s][ASSIGNMENT] for s in report}, work, {"before": before, "after": after, "feedback": fed}


def scores(entry):
    return {gid: t["score"] for gid, t in entry["tests"].items()}


def step_lr_tests(entry):
    return entry["tests"]["test_step_lr"]["score"] + entry["tests"]["test_step_lr_hidden"]["score"]


def test_honest_students_keep_full_marks(batch):
    report, _, _ = batch
    for student in ("honest_before", "zz_honest_after"):
        entry = report[student]
        assert entry["error"] is None and entry["score"] == entry["max_score"] == 9.0, entry
        assert not any("flag" in t for t in entry["tests"].values())
        assert entry["recheck"] in ("isolated", "process")


@pytest.mark.parametrize("student", ["infinite_loop", "sys_exit", "edited_test_cell", "allclose_patched",
                                     "import_hijack", "input_transformer", "always_equal_float",
                                     "reads_solutions_writes_gradebook"])
def test_wrong_or_faked_step_lr_gets_no_marks_and_the_rest_is_graded(batch, student):
    entry = batch[0][student]
    assert entry["error"] is None, entry["error"]
    assert step_lr_tests(entry) == 0, scores(entry)
    others = {gid: t for gid, t in entry["tests"].items() if "step_lr" not in gid or "multistep" in gid}
    assert all(t["score"] == t["max_score"] for t in others.values()), scores(entry)


FLAG = "in-kernel result disagrees with trusted re-check"


@pytest.mark.parametrize("student", ["import_hijack", "input_transformer"])
def test_faked_passes_are_flagged(batch, student):
    """The kernel passed the hidden test of a wrong step_lr (the hijack fakes the hidden
    check, the transformer turns every later cell into `pass`); the trusted re-check did
    not: score 0, flagged, and only step_lr's tests are flagged."""
    entry = batch[0][student]
    hidden = entry["tests"]["test_step_lr_hidden"]
    assert hidden["score"] == 0 and hidden.get("flag") == FLAG, hidden
    flagged = {gid for gid, t in entry["tests"].items() if t.get("flag")}
    assert flagged <= {"test_step_lr", "test_step_lr_hidden"}, flagged


def test_the_gradebook_and_solutions_are_out_of_reach(batch):
    """It looks for the gradebook above its folder and reads solutions/: neither is in its
    sandbox, so it changes nothing, borrows nothing (step_lr scores 0), and its honest
    functions keep their marks with the kernel agreeing (no flag)."""
    entry = batch[0]["reads_solutions_writes_gradebook"]
    assert step_lr_tests(entry) == 0
    others = {gid: t for gid, t in entry["tests"].items() if "multistep" in gid or "exponential" in gid}
    assert all(t["score"] == t["max_score"] and not t.get("flag") for t in others.values()), others


@pytest.mark.parametrize("student, word", [("import_hijack", "__import__"), ("input_transformer", "input_transformers"),
                                           ("allclose_patched", "np.allclose ="), ("reads_solutions_writes_gradebook", "sqlite3")])
def test_suspicious_code_is_flagged_for_the_instructor(batch, student, word):
    assert any(word in flag for flag in batch[0][student]["flags"])


def test_infinite_loop_is_reported_as_such(batch):
    message = batch[0]["infinite_loop"]["tests"]["test_step_lr_hidden"]["message"]
    assert "did not finish" in message


def test_kernel_death_is_an_error_not_a_crash_of_the_batch(batch):
    entry = batch[0]["os_exit"]
    assert entry["error"] and "kernel died" in entry["error"] and entry["score"] == 0


def test_huge_output_does_not_cost_marks(batch):
    entry = batch[0]["huge_output"]
    assert entry["error"] is None and entry["score"] == entry["max_score"], scores(entry)


def test_deleted_test_cell_is_restored_and_graded(batch):
    entry = batch[0]["deleted_test_cell"]
    assert entry["tests"]["test_step_lr"]["score"] == 1.0 and entry["score"] == entry["max_score"]


@pytest.mark.parametrize("student, words", [("stripped_metadata", "no nbgrader cells"),
                                            ("duplicated_cell", "duplicated cells: step_lr"),
                                            ("corrupted_json", "unreadable notebook")])
def test_unusable_notebooks_are_errors_with_a_reason(batch, student, words):
    entry = batch[0][student]
    assert entry["score"] == 0 and words in entry["error"], entry["error"]


def test_gradebook_holds_the_trusted_scores(batch):
    """The gradebook (what feedback and the CSV export read) matches the report, although
    one notebook wrote to it while it ran."""
    from nbgrader.api import Gradebook

    report, work, _ = batch
    with Gradebook(f"sqlite:///{work / 'gradebook.db'}") as gb:
        for student, entry in report.items():
            if entry["error"]:
                continue
            for gid, test in entry["tests"].items():
                grade = gb.find_grade(gid, "step_decay", ASSIGNMENT, student)
                assert grade.score == test["score"], (student, gid)


# --- escapes, exhaustion, the channel, outputs (what a sandbox and untrusted-input handling must stop) ---

def test_nothing_outside_the_sandboxes_changed_and_nothing_survives(batch):
    """The repository (tracked, untracked and ignored files), the virtual environment and
    the submissions are as before the batch, and no process a submission started is left."""
    _, _, seen = batch
    before_folder, before_repo = seen["before"]
    after_folder, after_repo, survivors_left = seen["after"]
    assert after_folder == before_folder, "a submission changed the submissions folder"
    assert after_repo == before_repo, "a submission changed the repository or the virtual environment"
    assert survivors_left == [], f"processes of submissions outlived the batch: {survivors_left}"
    for evil in (REPO / "autograder" / "learner" / "cases" / "zz_evil.py", REPO / "course" / "zz_evil.txt"):
        assert not evil.exists()


@pytest.mark.parametrize("student", ["sees_secrets", "writes_repo_and_venv", "tampers_with_others",
                                     "exfiltrates_secrets", "detached_survivor", "memory_hog", "process_bomb",
                                     "disk_filler", "channel_garbage", "channel_trickle"])
def test_an_attacker_is_not_credited(batch, student):
    entry = batch[0][student]
    assert step_lr_tests(entry) == 0, scores(entry)


@pytest.mark.parametrize("student", ["sees_secrets", "writes_repo_and_venv", "tampers_with_others",
                                     "exfiltrates_secrets", "detached_survivor", "memory_hog", "process_bomb",
                                     "disk_filler"])
def test_resource_and_escape_attempts_leave_the_rest_graded(batch, student):
    entry = batch[0][student]
    assert entry["error"] is None, entry["error"]
    others = {gid: t for gid, t in entry["tests"].items() if "multistep" in gid or "exponential" in gid}
    assert all(t["score"] == t["max_score"] for t in others.values()), scores(entry)
    assert entry["isolation"] == "bubblewrap" or pytest.skip("no bubblewrap sandbox on this machine")


def test_killing_every_process_in_reach_reaches_only_its_own_sandbox(batch):
    """kill(-1), its parent and pid 1, with SIGKILL: inside its PID namespace there is nothing
    else to reach (the sandbox's init is not its to signal), so the grader and the other
    learners carry on; at worst its own kernel dies."""
    entry = batch[0]["kills_everything"]
    assert entry["error"] is None or entry["error_kind"] == "kernel-died", entry["error"]
    assert batch[0]["zz_honest_after"]["score"] == 9.0


def test_a_corrupted_result_channel_makes_that_submission_an_error(batch):
    entry = batch[0]["channel_garbage"]
    assert entry["error_kind"] == "recheck-failed" and entry["score"] == 0
    assert "not well-formed" in entry["error"] and "\n" not in entry["error"]


def test_edited_nbgrader_metadata_is_a_one_line_reason(batch):
    entry = batch[0]["edited_metadata"]
    assert entry["error_kind"] == "bad-metadata" and "points: 1 -> 100" in entry["error"] and entry["score"] == 0


def test_secrets_and_other_learners_never_reach_an_attackers_outputs(batch):
    """It printed every file it could name. What it could read is public (the learner side of
    the package, which mentions check_hidden, so feedback refuses to write its page); what it
    must not read (solutions, references, .git, other learners) is not in its outputs."""
    _, work, seen = batch
    failed = [line for line in seen["feedback"].stderr.splitlines() if line.startswith("NO PAGE")]
    assert all("exfiltrates_secrets" in line for line in failed), failed
    texts = [(work / "autograded" / "exfiltrates_secrets" / ASSIGNMENT / NOTEBOOK).read_text()]
    page = work / "feedback" / "exfiltrates_secrets" / ASSIGNMENT / "step_decay.html"
    texts += [page.read_text()] if page.exists() else []
    for text in texts:
        for secret in ("BEGIN SOLUTION", "References for 01-step-decay", "[core]", HONEST_MARK):
            assert secret not in text, secret


def live_markup(html: str) -> dict:
    """What of a page a browser would run: script elements, on* handlers, script URLs."""
    from html.parser import HTMLParser

    found = {"scripts": [], "handlers": [], "script_urls": []}

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "script":
                found["scripts"].append(sorted(attrs))
            found["handlers"] += [(tag, k) for k, _ in attrs if k.lower().startswith("on")]
            found["script_urls"] += [v for k, v in attrs if k in ("href", "src", "action", "formaction")
                                     and (v or "").strip().lower().startswith(("javascript:", "vbscript:"))]

        def handle_data(self, data):
            if self.lasttag == "script" and data.strip():
                found["scripts"].append(data.strip()[:200])

    Parser().feed(html)
    return found


def test_feedback_pages_carry_nothing_that_runs(batch):
    """The page of a notebook whose outputs and Markdown hold script, handlers and script URLs
    has no more live markup than an honest learner's page (the template's own MathJax loader,
    which the page's Content-Security-Policy blocks as well)."""
    _, work, _ = batch
    assert batch[0]["html_outputs"]["score"] == 9.0
    attacked = (work / "feedback" / "html_outputs" / ASSIGNMENT / "step_decay.html").read_text()
    honest = (work / "feedback" / "honest_before" / ASSIGNMENT / "step_decay.html").read_text()
    assert "Content-Security-Policy" in attacked and "default-src 'none'" in attacked
    live, baseline = live_markup(attacked), live_markup(honest)
    assert live["handlers"] == [] and live["script_urls"] == []
    assert live["scripts"] == baseline["scripts"]


def test_no_script_runs_when_the_instructor_opens_the_page(batch, browser_deps):
    """In Chromium, with every request to another host blocked: the page's title stays, and
    clicking the learner's link does nothing."""
    sync_playwright, chromium = browser_deps
    _, work, _ = batch
    page_path = work / "feedback" / "html_outputs" / ASSIGNMENT / "step_decay.html"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:")
                       else route.continue_())
            page.goto(page_path.as_uri())
            title = page.title()
            if page.locator("#lr-xss").count():
                page.locator("#lr-xss").first.click()
            page.wait_for_timeout(300)
            assert page.title() == title != "pwned"
            assert page.evaluate("document.title") != "pwned"
        finally:
            browser.close()
