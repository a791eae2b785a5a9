"""The course website, built as `python3 run.py site` builds it, read offline in Chromium.

To fit the CI budget the test builds a representative part of the book (notebooks 00 and 02,
the appendix, the cheat sheet and the intro page: math, figures, sliders, navigation, search);
`python3 run.py site` builds every notebook the same way. Served on 127.0.0.1, every request to
another host is blocked and recorded: there must be none.
"""
from __future__ import annotations

import functools
import http.server
import re
import subprocess
import sys
import threading
import time

import pytest

from conftest import CHROMIUM_ARGS
from harness import REPO

sys.path.insert(0, str(REPO / "website"))
import build as site  # noqa: E402

BUILT = ["00", "02", "appendix"]


@pytest.fixture(scope="module")
def built():
    proc = subprocess.run([sys.executable, str(REPO / "website" / "build.py"), "--only", *BUILT],
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    print(proc.stdout.strip().splitlines()[-1])
    return site.HTML


@pytest.fixture(scope="module")
def served(built):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(built))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_no_file_of_the_site_shows_a_solution_a_hidden_test_or_a_reference(built):
    assert site.reference_lines(), "the check needs lines of the references to look for"
    assert site.leaks(built) == []
    assert site.external_references(built) == []


def notebook_pages(built):
    return sorted(str(p.relative_to(built)) for p in (built / "course").rglob("*.html"))


def test_pages_work_offline_with_math_figures_navigation_and_launch_links(built, served, browser_deps):
    sync_playwright, chromium = browser_deps
    pages = ["index.html", "intro.html", *notebook_pages(built)]
    if (built / "cheatsheet.html").exists():
        pages.append("cheatsheet.html")
    assert len(notebook_pages(built)) == len(BUILT)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            outside, failed = [], []
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(served)
                       else (outside.append(route.request.url), route.abort()))
            # a request the page itself gave up when the test moved on (net::ERR_ABORTED) is no failure
            # (about:blank frames are no network request)
            page.on("requestfailed", lambda request: None if "ERR_ABORTED" in (request.failure or "")
                    or not request.url.startswith("http") else failed.append((request.url, request.failure)))
            for path in pages:
                started = time.perf_counter()
                page.goto(f"{served}/{path}", wait_until="load")
                print(f"{path}: loaded in {time.perf_counter() - started:.2f} s")
                if path.startswith("course/"):
                    page.wait_for_selector("span.MathJax, .MathJax_Display, mjx-container", state="attached",
                                           timeout=30_000)
                    page.wait_for_function("MathJax.Hub.queue.pending === 0 && !MathJax.Hub.queue.running",
                                           timeout=60_000)
                    figures = page.locator(".cell_output img").count()
                    assert figures >= 1, f"{path}: no figure"
                    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
                    assert any("colab.research.google.com" in href for href in links), path
                    assert any("mybinder.org" in href for href in links), path
                    assert page.locator(".prev-next-area a").count() >= 1, f"{path}: no previous/next links"
            assert outside == [] and failed == [], (outside, failed)
        finally:
            browser.close()


def test_search_works_offline(served, browser_deps):
    sync_playwright, chromium = browser_deps
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(served)
                       else route.abort())
            page.goto(f"{served}/search.html?q=cosine", wait_until="load")
            page.wait_for_selector("#search-results li a, ul.search li a", timeout=30_000)
            hits = page.eval_on_selector_all("ul.search li a", "els => els.map(e => e.textContent)")
            assert any(re.search(r"cosine", h, re.I) for h in hits), hits
        finally:
            browser.close()
