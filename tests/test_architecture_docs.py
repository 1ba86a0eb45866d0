"""docs/architecture.md: each worked example (a rule, a kind, a reporter) is a file of
docs/examples quoted as it is, and runs as the page shows."""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path
from types import ModuleType

import pytest

from checker.engine import check
from checker.kinds import KINDS
from checker.reporters import REPORTERS

from .conftest import ROOT, run_cli
from .test_readme import console_examples

DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
EXAMPLES = ROOT / "docs" / "examples"
QUOTED = re.compile(r"<!-- example: (\S+) -->\n```\w+\n(.*?)```", re.S)
RENDERED = re.compile(r"<!-- rendered: (\w+) (\S+) -->\n```\w+\n(.*?)```", re.S)


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The example kind and reporter registered, as their one line in KINDS and REPORTERS does."""
    monkeypatch.setitem(KINDS, "process-owner", _module("owner_kind").PROCESS_OWNER)
    monkeypatch.setitem(REPORTERS, "csv", _module("csv_reporter").render)


def test_every_example_is_quoted_as_it_is() -> None:
    quoted = dict(QUOTED.findall(DOC))
    assert set(quoted) == {
        "docs/examples/sla-rules.yaml",
        "docs/examples/owner_kind.py",
        "docs/examples/owner-rules.yaml",
        "docs/examples/csv_reporter.py",
        "docs/examples/new-release.csv",
    }
    for path, text in quoted.items():
        assert (ROOT / path).read_text(encoding="utf-8") == text, f"{path} differs from docs/architecture.md"
    named = {p.relative_to(ROOT).as_posix() for p in EXAMPLES.iterdir() if p.is_file()}
    assert named <= set(quoted) | {p for p in named if p in DOC}, "an example file the page does not name"


def test_the_kind_line_in_the_page_names_the_example() -> None:
    assert '"process-owner": owners.PROCESS_OWNER,' in DOC


@pytest.mark.parametrize(("command", "expected"), console_examples(DOC), ids=lambda v: v[:60])
def test_console_example_output(
    command: str,
    expected: str,
    registered: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)
    assert args[0] == "etom-check"
    _, out, _ = run_cli(args[1:], capsys)
    assert out.rstrip("\n") == expected.rstrip("\n")


def test_there_is_an_example_of_each() -> None:
    commands = [c for c, _ in console_examples(DOC)]
    assert any("sla-rules.yaml" in c for c in commands) and any("owner-rules.yaml" in c for c in commands)
    assert RENDERED.findall(DOC)


@pytest.mark.parametrize(("fmt", "model", "expected"), RENDERED.findall(DOC))
def test_rendered_example(
    fmt: str, model: str, expected: str, registered: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert REPORTERS[fmt](check([model], lang="en").view) == expected


def test_a_placeholder_the_kind_does_not_give_is_refused(
    tmp_path: Path, registered: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    text = (EXAMPLES / "owner-rules.yaml").read_text(encoding="utf-8")
    pack = tmp_path / "pack.yaml"
    pack.write_text(text.replace("names no owner", "names no {owner}"), encoding="utf-8")
    line = text.splitlines().index('      en: "Process {process} names no owner"') + 1
    code, out, err = run_cli(
        ["check", "docs/examples/model.yaml", "--rules", str(pack), "--select", "ORG"], capsys
    )
    assert code == 2 and out == ""
    assert f"{pack}:{line}" in err and "owner" in err
