"""autograder.grader.collect: an LMS download is untrusted input (links, zip bombs, too many files)."""
from __future__ import annotations

import os
import stat
import zipfile

import pytest

from autograder.grader import collect

NB = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


def test_symbolic_links_are_listed_never_followed(tmp_path):
    downloads = tmp_path / "downloads"
    (downloads / "ann").mkdir(parents=True)
    (downloads / "ann" / "step_decay.ipynb").write_text(NB)
    os.symlink("/etc/passwd", downloads / "eve_1_step_decay.ipynb")
    os.symlink("/etc", downloads / "mallory")
    result = collect.collect(downloads, tmp_path / "subs")
    assert [(p.student, p.assignment) for p in result.placed] == [("ann", "01-step-decay")]
    reasons = dict(result.unplaced)
    assert "symbolic link" in reasons["eve_1_step_decay.ipynb"] and "symbolic link" in reasons["mallory"]
    assert not (tmp_path / "subs" / "eve").exists()


def test_a_zip_bomb_is_cut_off_and_listed(tmp_path, monkeypatch):
    monkeypatch.setattr(collect, "MAX_NOTEBOOK_BYTES", 10_000)
    bomb = tmp_path / "downloads.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("ann_1_step_decay.ipynb", NB)
        zf.writestr("bob_1_step_decay.ipynb", NB + " " * 5_000_000)  # 5 MB that compress to a few KB
        link = zipfile.ZipInfo("eve_1_step_decay.ipynb")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    result = collect.collect(bomb, tmp_path / "subs")
    assert [p.student for p in result.placed] == ["ann"]
    reasons = dict(result.unplaced)
    assert "larger than" in reasons["bob_1_step_decay.ipynb"] and "symbolic link" in reasons["eve_1_step_decay.ipynb"]


@pytest.mark.parametrize("as_zip", [False, True])
def test_past_the_entry_limit_nothing_more_is_read(tmp_path, monkeypatch, as_zip):
    monkeypatch.setattr(collect, "MAX_ENTRIES", 3)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    for name in ("a", "b", "c", "d", "e"):
        (downloads / f"{name}_1_step_decay.ipynb").write_text(NB)
    if as_zip:
        with zipfile.ZipFile(tmp_path / "d.zip", "w") as zf:
            for path in sorted(downloads.iterdir()):
                zf.write(path, path.name)
        downloads = tmp_path / "d.zip"
    result = collect.collect(downloads, tmp_path / "subs")
    assert len(result.placed) == 3
    assert any("too many files" in reason for _, reason in result.unplaced)
