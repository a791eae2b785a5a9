"""``autograder.references`` as the kernel's sandbox sees it: the references are not there.

A hidden test cell calls ``check_hidden(name, fn)``. Inside the sandbox that call reports
the verdict the trusted re-check already reached for ``test_<name>_hidden`` (outside this
kernel, with the exact references), so the graded notebook shows the same message as the
report, and nothing of the references or the hidden grid's expected values is here.
"""
import json
import os


def check_hidden(name, fn, **args):
    """The hidden test's verdict (``args``, such as the drill's seed, were read by the grader)."""
    with open(os.environ.get("LR_VERDICTS", "/run/lr/verdicts.json")) as fh:
        verdict = json.load(fh).get(f"test_{name}_hidden")
    if verdict is None:
        raise AssertionError(f"{name}: the trusted re-check has no verdict for its hidden test")
    if not verdict["passed"]:
        raise AssertionError(verdict["message"].removeprefix("AssertionError: "))
    if verdict.get("explanation"):
        print(f"\u2713 {name} is right. Why: {verdict['explanation']}")
    else:
        print(f"\u2713 {name}: the hidden cases agree with the exact reference (trusted re-check).")
