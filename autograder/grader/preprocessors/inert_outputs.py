"""``InertOutputs``: nothing of a submission can run in the browser that opens its feedback.

A notebook's outputs and Markdown are written by learner code and are untrusted. Before
any HTML is made from an autograded notebook, this keeps only outputs that cannot carry
code (plain text, PNG and JPEG images, JSON), cleans HTML and Markdown output and Markdown
cells with nbconvert's ``SanitizeHTML`` (bleach: no ``<script>``, no ``on*=`` handler, no
``javascript:`` URL), blanks Markdown links whose target is a script URL, drops attachments
other than PNG/JPEG, and removes the notebook's embedded widget state.
"""
from __future__ import annotations

import re

from nbconvert.preprocessors.sanitize import SanitizeHTML
from traitlets import Set

SCRIPT_URL = re.compile(r"(?i)\b(?:javascript|vbscript|data\s*:\s*text/html|data\s*:\s*image/svg)[^)\s>\"']*")


def neutral_links(markdown: str) -> str:
    """Markdown with every script URL (``[x](javascript:...)``, ``<javascript:...>``) blanked."""
    return SCRIPT_URL.sub("#blocked", markdown)


class InertOutputs(SanitizeHTML):
    safe_output_keys = Set({"metadata", "text/plain", "image/png", "image/jpeg", "application/json"},
                           help="Output types kept as they are (none can carry code).").tag(config=True)
    sanitized_output_types = Set({"text/html", "text/markdown"},
                                 help="Output types kept after bleach removed what could run.").tag(config=True)
    attachment_types = Set({"image/png", "image/jpeg"}, help="Attachment types kept.").tag(config=True)

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)
        self.strip = True
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        for name, bundle in list(cell.get("attachments", {}).items()):
            cell.attachments[name] = {k: v for k, v in bundle.items() if k in self.attachment_types}
        if cell.cell_type in ("markdown", "raw"):
            cell.source = neutral_links(cell.source)
        result = super().preprocess_cell(cell, resources, cell_index)
        if cell.cell_type == "code":
            for out in cell.outputs:
                if "data" in out and "text/markdown" in out.data:
                    out.data["text/markdown"] = neutral_links(out.data["text/markdown"])
        return result if result is not None else (cell, resources)
