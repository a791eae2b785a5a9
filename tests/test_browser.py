"""Browser smoke test: a learner opens 01-step-decay in JupyterLab and runs all cells.

Starts JupyterLab from this venv on a free local port, drives Debian's Chromium with
Playwright (sync API), runs every cell of ``course/01-step-decay/step_decay.ipynb`` and
checks what a learner sees: the ipywidgets sliders and the matplotlib plots render, the
only errors are the exercise stubs' ``NotImplementedError`` (turned into "... is not
implemented yet" by the check cells), and nbgrader's instructor UI is absent.

Skipped only when Chromium or the playwright package is missing; ``python3 run.py test``
installs Debian's chromium when it can. Never run ``playwright install`` for this test.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import CHROMIUM_ARGS  # the fixture browser_deps is in conftest.py

REPO = Path(__file__).resolve().parents[1]
COURSE_DIR = REPO / "course"
NOTEBOOK = "01-step-decay/step_decay.ipynb"

SERVER_START_TIMEOUT = 90      # s until /api/status answers
PAGE_TIMEOUT = 60              # s for the notebook and its kernel to be ready
RUN_ALL_TIMEOUT = 120          # s for Run All to finish
RENDER_TIMEOUT = 30            # s for widgets and images to appear after execution
STABLE_IDLE = 2.0              # s the kernel must stay idle with nothing queued



# What a learner's error output may say: the stubs raise NotImplementedError and the check
# cells report it as "AssertionError: <name> is not implemented yet: ...".
STUB_ERROR = re.compile(r"NotImplementedError|not implemented yet")
WIDGET_SELECTOR = ".jp-OutputArea-output .widget-slider, .jp-OutputArea-output .jupyter-widgets"
IMAGE_SELECTOR = '.jp-OutputArea-output .jp-RenderedImage img, .jp-OutputArea-output img[src^="data:image/png"]'
ERROR_SELECTOR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
INSTRUCTOR_WORDS = re.compile(r"formgrader|nbgrader|create assignment|course list|assignment list",
                              re.IGNORECASE)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))


@pytest.fixture
def lab_server(tmp_path):
    """A JupyterLab server on 127.0.0.1 serving course/; yields ``(base_url, token)``.

    Only the user-level config/runtime/workspace/settings folders are temporary: the
    venv's sys-prefix config (which disables nbgrader's extensions for learners) applies.
    """
    port, token = _free_port(), secrets.token_hex(24)
    # Serve a copy: opening a notebook makes JupyterLab write .ipynb_checkpoints/ beside it.
    served = tmp_path / "course"
    shutil.copytree(COURSE_DIR, served)
    dirs = {name: tmp_path / "jupyter" / name for name in ("config", "runtime", "workspaces", "settings")}
    for d in dirs.values():
        d.mkdir(parents=True)
    # User settings: no "Jupyter news" toast, no update check.
    _write_json(dirs["settings"] / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings",
                {"fetchNews": "false", "checkForUpdates": False})
    # No autosave: the run's outputs must never be written into the course notebook.
    _write_json(dirs["settings"] / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings",
                {"autosave": False})
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(dirs["config"]),
               JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
               JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]),
               JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
               PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    env.pop("JUPYTER_CONFIG_PATH", None)
    env.pop("NBGRADER_EXECUTION", None)
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
           "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={served}",
           "--LabApp.expose_app_in_browser=True",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    log_path = tmp_path / "jupyter-lab.log"
    with open(log_path, "wb") as log:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited with {proc.returncode}:\n{_tail(log_path)}")
            try:
                req = urllib.request.Request(f"{base}/api/status",
                                             headers={"Authorization": f"token {token}"})
                with urllib.request.urlopen(req, timeout=5) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not answer within {SERVER_START_TIMEOUT} s:\n{_tail(log_path)}")
            time.sleep(0.25)
        yield base, token, log_path
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server (it shuts its kernels down), then SIGKILL its process group."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
    try:  # kernels left behind by a server that died or hung: same session, same group
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if proc.poll() is None:
        proc.wait(timeout=10)


def _tail(path: Path, n: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-n:]
    except OSError:
        return "(no log)"


# --- in-page helpers -----------------------------------------------------------------------

# The status bar's kernel indicator ("Python 3 (ipykernel) | Idle"), not the notebook
# toolbar's: the toolbar one reads idle before the kernel is ready.
KERNEL_STATUS_JS = """() => {
  const bar = document.querySelector('#jp-main-statusbar');
  if (!bar) return '';
  for (const el of bar.querySelectorAll('.jp-StatusBar-TextItem, .jp-StatusBar-Item')) {
    const t = (el.textContent || '').trim();
    if (/\\|\\s*(Idle|Busy|Starting|Connecting|Restarting|Unknown|Dead|Initializing|Disconnected)/i.test(t)
        || /ipykernel|Python/i.test(t)) return t;
  }
  return '';
}"""

# Cells still queued or running show "[*]:" in their input prompt.
PENDING_JS = """() => Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt'))
  .filter(p => (p.textContent || '').includes('*')).length"""

PROMPTS_JS = """() => Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt'))
  .map(p => (p.textContent || '').trim())"""


def _wait_kernel_idle(page, timeout: float, stable: float = 0.0) -> None:
    """Wait until the status bar reads Idle and no cell is pending, for ``stable`` s in a row."""
    deadline = time.monotonic() + timeout
    idle_since = None
    status, pending = "", -1
    while time.monotonic() < deadline:
        status = page.evaluate(KERNEL_STATUS_JS)
        pending = page.evaluate(PENDING_JS)
        if re.search(r"\bIdle\b", status) and pending == 0:
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since >= stable:
                return
        else:
            idle_since = None
        time.sleep(0.25)
    raise AssertionError(f"kernel not idle after {timeout} s: status bar {status!r}, {pending} cell(s) pending")


def _run_all(page) -> None:
    """Run > Run All Cells, through the app's command registry when it is exposed."""
    has_app = page.evaluate("() => !!(window.jupyterapp && window.jupyterapp.commands)")
    if has_app:
        page.evaluate("() => window.jupyterapp.commands.execute('runmenu:run-all')")
        return
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()


def _instructor_ui(page) -> list[str]:
    """Labels of menus, sidebar tabs and toolbar items that belong to nbgrader's instructor UI."""
    labels = page.evaluate("""() => {
      const out = [];
      const sel = '#jp-MainMenu .lm-MenuBar-item, .jp-SideBar .lm-TabBar-tab, '
                + '.jp-Toolbar .jp-Toolbar-item, #jp-left-stack > *, #jp-right-stack > *';
      for (const el of document.querySelectorAll(sel)) {
        out.push([el.id, el.getAttribute('title') || '', el.getAttribute('data-id') || '',
                  (el.textContent || '').trim()].join(' '));
      }
      for (const el of document.querySelectorAll('[id*="nbgrader" i], [class*="nbgrader" i], [data-id*="nbgrader" i]')) {
        out.push('element ' + el.tagName + '#' + el.id + '.' + el.className);
      }
      return out;
    }""")
    return [label for label in labels if INSTRUCTOR_WORDS.search(label)]


def _http_status(url: str, token: str) -> int:
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


def test_step_decay_runs_in_jupyterlab(browser_deps, lab_server, tmp_path):
    sync_playwright, chromium = browser_deps
    base, token, log_path = lab_server
    # nbgrader's formgrader server extension is disabled for learners: nothing served there.
    status = _http_status(f"{base}/formgrader", token)
    assert status == 404, f"GET /formgrader answered {status}: nbgrader's formgrader is enabled for learners"
    shot = tmp_path / "step_decay.png"
    notebook_bytes = (COURSE_DIR / NOTEBOOK).read_bytes()
    try:
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                str(tmp_path / "chromium-profile"), executable_path=chromium, headless=True,
                args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000})
            try:
                context.set_default_timeout(PAGE_TIMEOUT * 1000)
                page = context.pages[0] if context.pages else context.new_page()
                try:
                    _check_notebook(page, f"{base}/lab/tree/{NOTEBOOK}?token={token}")
                finally:
                    try:
                        page.screenshot(path=str(shot))
                    except Exception as err:  # the page may be gone; the assertion matters more
                        print(f"could not take a screenshot: {err}")
            finally:
                context.close()
    except BaseException:
        print(f"browser smoke test failed; screenshot: {shot}\nserver log: {log_path}\n{_tail(log_path)}")
        raise
    print(f"screenshot: {shot}")
    assert (COURSE_DIR / NOTEBOOK).read_bytes() == notebook_bytes, f"the test modified {NOTEBOOK}"


def _check_notebook(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(state="visible")
    _wait_kernel_idle(page, PAGE_TIMEOUT)

    _run_all(page)
    # Run All is asynchronous: wait until some cell has been queued or executed before
    # waiting for the kernel to settle, so an idle kernel before the run does not count.
    deadline = time.monotonic() + RUN_ALL_TIMEOUT
    while not any(re.search(r"\[(\*|\d+)\]", p) for p in page.evaluate(PROMPTS_JS)):
        assert time.monotonic() < deadline, "Run All did not start any cell"
        time.sleep(0.25)
    _wait_kernel_idle(page, RUN_ALL_TIMEOUT, stable=STABLE_IDLE)
    prompts = page.evaluate(PROMPTS_JS)
    # Test cells carry the tag raises-exception, so Run All goes on past the failing stubs'
    # tests: every non-empty code cell runs (empty ones, the hidden tests, get no count).
    nb = json.loads((COURSE_DIR / NOTEBOOK).read_text())
    non_empty = sum(1 for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip())
    executed = sum(bool(re.search(r"\[\d+\]", p)) for p in prompts)
    assert executed == non_empty, f"{executed} of {non_empty} code cells ran: {prompts}"

    # An ipywidgets slider and a matplotlib image rendered in the outputs.
    for what, selector in (("ipywidgets widget", WIDGET_SELECTOR), ("matplotlib image", IMAGE_SELECTOR)):
        found = page.locator(selector).first
        try:
            found.wait_for(state="attached", timeout=RENDER_TIMEOUT * 1000)
            found.scroll_into_view_if_needed()
            found.wait_for(state="visible", timeout=RENDER_TIMEOUT * 1000)
        except Exception as err:
            raise AssertionError(f"no {what} rendered ({selector!r}): {err}") from None
    page.locator(WIDGET_SELECTOR).first.scroll_into_view_if_needed()  # for the screenshot

    # The only errors are the learner stubs' NotImplementedError.
    # textContent, not innerText: cells outside the viewport skip rendering
    # (windowing mode "contentVisibility") and their innerText is empty.
    errors = [t.strip() for t in page.locator(ERROR_SELECTOR).all_text_contents()]
    assert errors, "no error output: the exercise stubs should raise NotImplementedError"
    unexpected = [t for t in errors if not STUB_ERROR.search(t)]
    assert not unexpected, "errors other than the exercise stubs':\n\n" + "\n\n---\n\n".join(
        t[-2000:] for t in unexpected)
    print(f"{sum(bool(re.search(r'[0-9]', p)) for p in prompts)} of {len(prompts)} code cells executed, "
          f"{len(errors)} stub error output(s)")

    # No nbgrader instructor UI for learners.
    instructor = _instructor_ui(page)
    assert not instructor, f"nbgrader instructor UI is visible to learners: {instructor}"
    # ... and the selectors above do see JupyterLab's own menus and sidebar tabs.
    menus = page.locator("#jp-MainMenu .lm-MenuBar-itemLabel").all_inner_texts()
    assert "Run" in menus, f"unexpected menu bar: {menus}"
    assert page.locator(".jp-SideBar .lm-TabBar-tab").count() > 0, "no sidebar tabs found"
