"""``HideHiddenTracebacks``: a failed hidden test's traceback shows no hidden source.

IPython's traceback quotes the failing cell's lines (the hidden test source) and the frames
it went through (``autograder/references``); the error's message itself is written for
learners and is kept. Lines of stderr (a warning's location) that name the hidden code are
dropped. Runs before ``ClearHiddenTests``, which recognises the same cells by the same marker.
"""
from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

# Strings that only the hidden tests' source contains: a page holding one is never written.
LEAKS = ("check_hidden", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "autograder/references/")


class HideHiddenTracebacks(NbGraderPreprocessor):
    marker = Unicode("BEGIN HIDDEN TESTS", help="The line that starts a hidden test.").tag(config=True)

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and self.marker in cell.source:
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"]
                elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                    out["text"] = "".join(ln for ln in out.get("text", "").splitlines(keepends=True)
                                          if not any(leak in ln for leak in LEAKS))
        return cell, resources
