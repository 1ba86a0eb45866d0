"""Golden outputs: the expected output of every format for a fixed set of models.

``python -m tests.golden`` writes them anew after an intended change (then read the diff before
committing it); ``tests/test_golden.py`` compares every format with them.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from checker.engine import check
from checker.engine.view import View
from checker.reporters import REPORTERS, github
from checker.reporters.graphs import FORMATS as GRAPH_FORMATS
from checker.reporters.graphs import render as render_graph

ROOT = Path(__file__).resolve().parent.parent.parent
GOLDEN = Path(__file__).resolve().parent

# name -> the model, as a path relative to the repository's root
MODELS = {
    "operator": "samples/operator",
    "report-sample": "tests/models/report-sample.yaml",
    "ten-slips": "samples/broken/ten-slips",
    "yaml-syntax": "samples/broken/yaml-syntax",
    "waived": "tests/models/views/waived.yaml",
    "modern-mixups": "samples/broken/modern-mixups",
}
SUFFIXES = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif",
    "junit": "xml",
    "github": "txt",
    "gitlab": "json",
    "html": "html",
    "dot": "dot",
    "mermaid": "mmd",
    "graphml": "graphml",
}


@contextmanager
def _fixed() -> Iterator[None]:
    """The repository's root as the working folder and a fixed time, as the goldens were made."""
    here, epoch = os.getcwd(), os.environ.get("SOURCE_DATE_EPOCH")
    os.chdir(ROOT)
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"  # 2026-01-01T00:00:00Z
    try:
        yield
    finally:
        os.chdir(here)
        if epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch


def view(name: str, lang: str = "en") -> View:
    """The view of a golden model (reading it is the only I/O; rendering does none)."""
    with _fixed():
        return check([MODELS[name]], lang=lang).view


def outputs(fixed: View) -> dict[str, str]:
    """Every format rendered from one fixed view, file name -> text."""
    rendered = {fmt: render(fixed) for fmt, render in REPORTERS.items()}
    rendered["github-summary"] = github.step_summary(fixed)
    rendered |= {fmt: render_graph(fixed, fmt) for fmt in GRAPH_FORMATS}
    return {f"{fmt}.{SUFFIXES.get(fmt, 'md')}": text for fmt, text in rendered.items()}


def path(name: str, file: str) -> Path:
    return GOLDEN / name / file


def difference(golden: Path, text: str) -> str | None:
    """None when ``text`` is what ``golden`` holds, else a unified diff of the two that says how to
    write the golden output anew."""
    expected = golden.read_text(encoding="utf-8")
    if text == expected:
        return None
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True), text.splitlines(keepends=True), str(golden), "rendered", n=2
    )
    return f"{golden} differs (python -m tests.golden writes it anew):\n{''.join(lines)[:6000]}"


def update() -> list[Path]:
    """Write every golden output anew; the files written."""
    written = []
    for name in MODELS:
        for file, text in outputs(view(name)).items():
            target = path(name, file)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
            written.append(target)
    return written
