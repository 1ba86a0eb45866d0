"""docs/ci.md and .pre-commit-hooks.yaml: every snippet parses, every command line in them runs
(exit 0 or 1, never 2), and the configuration and rule-pack examples are accepted as written."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
import yaml

from checker.config import read_config

from .conftest import ROOT, run_cli
from .gate_models import model_text, write_model

DOC = ROOT / "docs" / "ci.md"
BLOCK = re.compile(r"```(\w*)\n(.*?)```", re.S)
COMMAND = re.compile(r"(?:etom-check|python -m checker) (check [^'\"\n]*)")


def _blocks(lang: str) -> list[str]:
    return [body for kind, body in BLOCK.findall(DOC.read_text(encoding="utf-8")) if kind == lang]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    write_model(tmp_path / "model", model_text(elements=["1.1.1.5"]))
    custom = next(b for b in _blocks("yaml") if b.startswith("pack: 1"))
    (tmp_path / "etom-rules.yaml").write_text(custom, encoding="utf-8")
    return tmp_path


def test_yaml_snippets_parse() -> None:
    blocks = _blocks("yaml")
    assert len(blocks) >= 5
    for block in blocks:
        assert yaml.safe_load(block) is not None


def test_every_command_line_runs(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = DOC.read_text(encoding="utf-8")
    commands = [shlex.split(c.split("#")[0]) for c in COMMAND.findall(text)]
    assert any("--write-baseline" in c for c in commands)
    # the baseline is written before it is read, as in the documentation
    commands.sort(key=lambda c: "--write-baseline" not in c)
    for args in commands:
        code, _, err = run_cli(args, capsys)
        assert code in (0, 1), f"{' '.join(args)}: {err}"
    assert (workspace / "etom-check.sarif").is_file() and (workspace / "etom-check.xml").is_file()
    assert (workspace / "summary.md").read_text(encoding="utf-8").startswith("## etom-check")


def test_configuration_examples_are_accepted(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (toml_block,) = _blocks("toml")
    tomllib.loads(toml_block)
    (workspace / "pyproject.toml").write_text(toml_block, encoding="utf-8")
    code, _, err = run_cli(["check"], capsys)
    assert code == 2 and "etom-baseline.json: cannot read the baseline" in err  # not written yet
    code, _, err = run_cli(["check", "--baseline", "", "--write-baseline", "etom-baseline.json"], capsys)
    assert code == 1, err
    code, _, err = run_cli(["check"], capsys)
    assert code == 0, err  # everything is in the baseline now
    assert '"COV-1"' in (workspace / "etom-baseline.json").read_text(encoding="utf-8")
    (ini_block,) = _blocks("ini")
    (workspace / "etom.cfg").write_text(ini_block, encoding="utf-8")
    config = read_config("etom.cfg", required=True)
    assert config is not None
    assert config.values["reports"] == ["sarif:etom-check.sarif", "junit:etom-check.xml"]
    assert config.values["fail-on"] == "warning"


def test_custom_pack_example_works(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = model_text(elements=["1.1.1.5", "1.1.1.4"]).replace(
        "implements: [1.1.1.4]", "implements: [1.1.1.4]\n    external: true"
    )
    write_model(workspace / "model", text)
    code, out, err = run_cli(
        ["check", "model", "--rules", "etom-rules.yaml", "--select", "ORG", "--lang", "en"], capsys
    )
    assert code == 1, err
    assert "ORG-1 error Element 1.1.1.4 is implemented externally" in out


def test_pre_commit_hook(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "etom-check" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "model/crm.yaml") and re.search(hook["files"], "a.yml")
    assert not re.search(hook["files"], "README.md")
    entry = shlex.split(hook["entry"])
    assert entry[0] == "etom-check"
    code, out, err = run_cli([*entry[1:], *hook["args"]], capsys)
    assert code == 1 and "COV-1" in out, err
