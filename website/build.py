"""Build the course website from ``course/``: ``python3 run.py site [--only 00 02 ...] [--serve]``.

1. Stage a book in ``_build/site-src/``: this folder's ``_config.yml``, the released notebooks
   (``course/``: stubs, never a solution or a hidden test) at their repository paths, the cheat
   sheet, an intro page made from the README's course map, and ``_toc.yml`` in course order.
2. Copy MathJax 2.7 into the site (from the jupyter-server-mathjax package): it loads
   nothing from another host.
3. ``jupyter-book build``: every notebook runs (figures drawn; sliders drawn as their first
   frame, ``LR_STATIC_WIDGETS=1``), output in ``_build/site/_build/html/``.
4. Refuse the result if any file of it holds solution markers, hidden-test source or the text
   of ``autograder/references``.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from autograder.grader import launch  # noqa: E402
from autograder.grader.nbgrader_api import catalogue  # noqa: E402

BUILD = REPO / "_build"
STAGE, OUT = BUILD / "site-src", BUILD / "site"
HTML = OUT / "_build" / "html"
LEAK_MARKERS = ["### BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "check_hidden"]


def reference_lines() -> list[str]:
    """Lines of ``autograder/references`` that nothing handed to learners holds (course/, the
    learner side of the package, docs/): if one of them is on the site, the references leaked."""
    public = "\n".join(p.read_text(encoding="utf-8") for folder in ("course", "autograder/learner", "docs")
                       for p in (REPO / folder).rglob("*") if p.suffix in (".ipynb", ".py", ".md"))
    lines = []
    for path in sorted((REPO / "autograder" / "references").glob("*.py")):
        for line in path.read_text().splitlines():
            text = line.strip()
            if len(text) > 30 and not text.startswith(("#", "import", "from", "@")) and text not in public:
                lines.append(text)
    return lines


def intro_page() -> str:
    readme = (REPO / "README.md").read_text()
    course_map = readme[readme.index("## What this is"):readme.index("## Working through the course")]
    return ("# lr-schedules\n\nAn open course on learning-rate schedules: each notebook derives a schedule, plots it, "
            "lets you move its parameters, and then you implement it and your code is graded.\n\n"
            f"Every notebook page has links to open it in Colab or Binder. [The repository]({launch.repository()}).\n\n"
            + course_map.replace("## What this is", "## The course map"))


def stage(only: list[str] | None) -> list[str]:
    """Write the book to build; return its notebook paths (relative, without suffix)."""
    if STAGE.exists():
        shutil.rmtree(STAGE)
    STAGE.mkdir(parents=True)
    for name in ("_config.yml",):
        shutil.copy(Path(__file__).with_name(name), STAGE / name)
    pages = []
    for assignment, notebook in catalogue().items():
        if only and not any(assignment.startswith(o) for o in only):
            continue
        pages.append(copy_notebook(REPO / "course" / assignment / notebook, f"course/{assignment}/{notebook}"))
    for appendix in sorted((REPO / "course" / "appendix").glob("*.ipynb")):
        if not only or "appendix" in only:
            pages.append(copy_notebook(appendix, f"course/appendix/{appendix.name}"))
    (STAGE / "intro.md").write_text(intro_page())
    extra = []
    if (REPO / "docs" / "cheatsheet.md").is_file():
        shutil.copy(REPO / "docs" / "cheatsheet.md", STAGE / "cheatsheet.md")
        extra.append("cheatsheet")
    write_toc(pages, extra)
    write_repository_settings()
    vendor_mathjax()
    return pages


def copy_notebook(source: Path, relative: str) -> str:
    nb = nbformat.read(str(source), as_version=4)
    nb.metadata.pop("widgets", None)
    target = STAGE / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(target))
    return relative.removesuffix(".ipynb")


def write_toc(pages: list[str], extra: list[str]) -> None:
    lines = ["format: jb-book", "root: intro", "parts:", "- caption: The course", "  chapters:"]
    lines += [f"  - file: {p}" for p in pages if "/appendix/" not in p]
    lines += ["- caption: Reference", "  chapters:"]
    lines += [f"  - file: {p}" for p in pages if "/appendix/" in p] + [f"  - file: {e}" for e in extra]
    (STAGE / "_toc.yml").write_text("\n".join(lines) + "\n")


def write_repository_settings() -> None:
    config = (STAGE / "_config.yml").read_text()
    config += (f"\nrepository:\n  url: {launch.repository()}\n  path_to_book: \"\"\n  branch: {launch.tag()}\n")
    (STAGE / "_config.yml").write_text(config)


def vendor_mathjax() -> None:
    import jupyter_server_mathjax

    source = Path(jupyter_server_mathjax.__file__).parent / "static"
    shutil.copytree(source, STAGE / "_extra" / "mathjax")


def build() -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "NBGRADER_EXECUTION")}
    env["LR_STATIC_WIDGETS"] = "1"  # sliders: their first frame (autograder.learner.notebook.explore)
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", str(STAGE), "--path-output",
                    str(OUT), "--keep-going"], check=True, env=env, cwd=STAGE)
    return time.perf_counter() - started


def leaks(folder: Path = HTML) -> list[str]:
    """Every file of the built site that holds solution or hidden-test text, or the references'."""
    markers = LEAK_MARKERS + reference_lines()
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += [f"{path.relative_to(folder)}: {m[:60]!r}" for m in markers if m in text]
    return found


def external_references(folder: Path = HTML) -> list[str]:
    """Scripts, styles, fonts or images the pages would load from another host."""
    pattern = re.compile(r"""(?:<script[^>]+src|<link[^>]+href|<img[^>]+src)=["'](https?:)?//[^"']+""", re.I)
    return [f"{p.relative_to(folder)}: {m.group(0)[:100]}" for p in folder.rglob("*.html")
            for m in pattern.finditer(p.read_text(encoding="utf-8"))]


def serve(port: int) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(HTML))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"serving the course website on http://127.0.0.1:{port}/ (Ctrl-C to stop)", flush=True)
        server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 run.py site", description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", default=None,
                        help="build only these notebooks (assignment id prefixes, or 'appendix')")
    parser.add_argument("--serve", action="store_true", help="serve the built site on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-build", action="store_true", help="with --serve: serve what is built")
    args = parser.parse_args(argv)
    if not args.no_build:
        pages = stage(args.only)
        seconds = build()
        found = leaks()
        if found:
            shutil.rmtree(HTML)
            print("REFUSED: the built site shows solution or hidden-test text:\n  " + "\n  ".join(found[:20]))
            return 1
        size = sum(p.stat().st_size for p in HTML.rglob("*") if p.is_file())
        print(json.dumps({"pages": len(pages), "build_seconds": round(seconds, 1), "size_mb": round(size / 2**20, 1),
                          "external": external_references()[:5]}))
        print(f"built {len(pages)} notebook page(s) in {seconds:.0f} s into {HTML} ({size / 2**20:.0f} MB)")
    if args.serve:
        serve(args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
