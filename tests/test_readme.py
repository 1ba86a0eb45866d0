"""The README shows real output: its console blocks are run and compared, its rule table and its
test command are checked against the code and .ci/run."""

from __future__ import annotations

import re
import shlex

import pytest

from checker.engine.packs import pack_for

from .conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONSOLE = re.compile(r"```console\n(.*?)```", re.S)


def console_examples(text: str = README) -> list[tuple[str, str]]:
    """(command, expected output) for every `$ etom-check ...` line of a console block."""
    examples: list[tuple[str, str]] = []
    for block in CONSOLE.findall(text):
        command, lines = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    examples.append((command, "\n".join(lines)))
                command, lines = line[2:], []
            else:
                lines.append(line)
        if command is not None:
            examples.append((command, "\n".join(lines)))
    return examples


def test_readme_has_console_examples() -> None:
    assert len(console_examples()) >= 3


@pytest.mark.parametrize(("command", "expected"), console_examples(), ids=lambda v: v[:60])
def test_console_example_output(
    command: str, expected: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    args = shlex.split(command)
    assert args[0] == "etom-check"
    _, out, _ = run_cli(args[1:], capsys)
    assert out.rstrip("\n") == expected.rstrip("\n")


def test_readme_lists_every_rule() -> None:
    for rule in pack_for("GOST R 53633.3-2009").rules:
        row = f"| {rule.id} | {rule.severity.label} | {rule.title['en']} |"
        assert row in README, f"README rule table lacks: {row}"


def test_ci_runs_the_readme_test_command() -> None:
    match = re.search(r"Install the test extras and run the tests:\n\n```sh\n(.+)\n```", README)
    assert match, "README has no test command"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert match.group(1) in ci
