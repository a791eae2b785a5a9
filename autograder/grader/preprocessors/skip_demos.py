"""``SkipDemoCells``: while grading, run only the cells grading needs.

A graded notebook's score depends on its setup cell (the first code cell), its solution
cells and its test cells; the trusted re-check runs exactly the setup and solution cells.
Every other code cell (plots, sliders, training demonstrations) is replaced by a comment
before the kernel runs, which saves most of a notebook's grading time and keeps the
kernel's view of the learner's code the same as the re-check's.
"""
from __future__ import annotations

from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Unicode

from ..discovery import grade_id


class SkipDemoCells(NbGraderPreprocessor):
    enabled = Bool(True, help="Replace code cells that are neither the setup cell nor graded cells.").tag(config=True)
    placeholder = Unicode("# (a demonstration cell: not run while grading)",
                          help="The source a skipped cell gets.").tag(config=True)

    def preprocess(self, nb, resources):
        if not self.enabled:
            return nb, resources
        first = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "nbgrader" not in c.metadata),
                     None)
        for i, cell in enumerate(nb.cells):
            graded = grade_id(cell) and (utils.is_grade(cell) or utils.is_solution(cell) or utils.is_locked(cell))
            if cell.cell_type == "code" and i != first and not graded:
                cell.source = self.placeholder
                cell.outputs = []
        return nb, resources
