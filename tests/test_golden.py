"""Every format of every golden model is what ``tests/golden`` holds: each rendered from one fixed
view, with no I/O. After an intended change, ``python -m tests.golden`` writes them anew."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest

from checker.engine.view import View

from .golden import MODELS, SUFFIXES, difference, outputs, path, view

VIEWS: dict[str, View] = {}


def _view(name: str) -> View:
    if name not in VIEWS:
        VIEWS[name] = view(name)
    return VIEWS[name]


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_format_is_its_golden_output(name: str) -> None:
    fixed = _view(name)
    outputs(fixed)  # the HTML template is read once, as the program reads its own code
    # rendering opens no file of the model or the pack: every open fails while the formats render
    with (
        mock.patch("builtins.open", side_effect=AssertionError("a reporter opened a file")),
        mock.patch.object(Path, "read_text", side_effect=AssertionError("a reporter read a file")),
    ):
        rendered = outputs(fixed)
    assert len(rendered) == len(SUFFIXES) + 1
    for file, text in sorted(rendered.items()):
        golden = path(name, file)
        assert golden.is_file(), f"no golden output {golden}: run python -m tests.golden"
        shown = difference(golden, text)
        if shown is not None:
            pytest.fail(shown)


def test_a_difference_is_a_readable_diff() -> None:
    golden = path("ten-slips", "text.txt")
    text = golden.read_text(encoding="utf-8")
    assert difference(golden, text) is None
    changed = text.replace("MOD-13 error", "MOD-13 warning", 1)
    shown = difference(golden, changed)
    assert shown is not None
    assert "python -m tests.golden" in shown
    removed = [line for line in shown.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in shown.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == len(added) == 1 and "MOD-13 error" in removed[0] and "MOD-13 warning" in added[0]
