"""More wrong answers than the class batch can afford: each ``WRONG_EXTRA`` variant of
``tests/variants/<stem>.py`` must fail the visible or the hidden check of its function, with a
message that names the function and says what was expected. No kernel, no nbgrader: the same
case data and checks as the notebook's test cells, called directly (a few seconds in all)."""
from __future__ import annotations

import pytest

from autograder.grader.nbgrader_api import catalogue
from autograder.learner.checks import check
from autograder.references import check_hidden
from harness import REPO, variants

EXTRA = []
for assignment, notebook in catalogue().items():
    path = REPO / "tests" / "variants" / notebook.replace(".ipynb", ".py")
    if path.exists():
        namespace: dict = {"__file__": str(path), "__name__": f"variants_{path.stem}"}
        exec(compile(path.read_text(), str(path), "exec"), namespace)
        wrong, _ = variants(assignment, notebook)
        for fn, entries in namespace.get("WRONG_EXTRA", {}).items():
            assert fn in wrong, f"{path.name}: WRONG_EXTRA names {fn}, which has no WRONG variants"
            EXTRA += [(fn, label, source) for label, source in entries]


@pytest.mark.parametrize("fn, label, source", EXTRA, ids=[f"{fn}: {label}" for fn, label, _ in EXTRA])
def test_extra_wrong_variant_fails_its_checks(fn, label, source, capsys):
    namespace: dict = {}
    exec(source, namespace)
    failures = []
    for run in (check, check_hidden):
        try:
            run(fn, namespace[fn])
        except AssertionError as err:
            failures.append(str(err))
    capsys.readouterr()
    assert failures, f"{label!r} passes every check of {fn}"
    for message in failures:
        assert fn in message and ("expected" in message or "Hint" in message), message[:300]
