"""Configuration: [tool.etom-check] in pyproject.toml, [etom-check] in setup.cfg, --config FILE;
keys mirror the options, an unknown key is exit 2 naming file and key, the command line wins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_cli
from .gate_models import model_text, write_model


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    write_model(tmp_path / "model", model_text(elements=["1.1.1.5"]))
    return tmp_path


def _pyproject(folder: Path, body: str) -> None:
    (folder / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.etom-check]\n" + body, encoding="utf-8"
    )


def test_pyproject(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _pyproject(
        project,
        'paths = ["model"]\nformat = "json"\nlang = "en"\nselect = ["FUN-2"]\nfail-on = "warning"\n'
        'reports = ["sarif:out/results.sarif"]\n',
    )
    (project / "out").mkdir()
    code, out, err = run_cli(["check"], capsys)
    data = json.loads(out)
    assert code == 1, err
    assert data["lang"] == "en" and data["fail_on"] == "warning"
    assert [(f["rule"], f["subject"]) for f in data["findings"]] == [("FUN-2", "notify-order-completion")]
    sarif = json.loads((project / "out" / "results.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["FUN-2"]


def test_command_line_wins(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _pyproject(project, 'paths = ["model"]\nformat = "json"\nselect = ["FUN-2"]\nfail-on = "warning"\n')
    code, out, _ = run_cli(["check", "--fail-on", "error", "--format", "text", "-q"], capsys)
    assert code == 0
    assert not out.startswith("{")
    code, out, _ = run_cli(["check", "model", "--select", "COV-1"], capsys)
    assert code == 1 and [f["rule"] for f in json.loads(out)["findings"]] == ["COV-1"] * 7


def test_setup_cfg(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "setup.cfg").write_text(
        "[metadata]\nname = x\n\n[etom-check]\npaths = model\nformat = json\nselect = FUN-2, COV-2\n"
        "no_waivers = true\nquiet = yes\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(["check"], capsys)
    assert code == 1
    assert sorted({f["rule"] for f in json.loads(out)["findings"]}) == ["COV-2", "FUN-2"]


def test_pyproject_without_the_table_falls_back_to_setup_cfg(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (project / "setup.cfg").write_text("[etom-check]\npaths = model\nselect = COV-2\n", encoding="utf-8")
    code, out, _ = run_cli(["check", "--format", "json"], capsys)
    assert code == 1 and {f["rule"] for f in json.loads(out)["findings"]} == {"COV-2"}


def test_explicit_config_paths_are_relative_to_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conf = project / "ci" / "etom.toml"
    conf.parent.mkdir()
    conf.write_text('paths = ["../model"]\nselect = ["COV-2"]\noutput = "report.txt"\n', encoding="utf-8")
    code, out, _ = run_cli(["check", "--config", "ci/etom.toml"], capsys)
    assert code == 1 and out == ""
    report = (project / "ci" / "report.txt").read_text(encoding="utf-8")
    assert report.startswith("model/model.yaml:2:1: COV-2 error")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("pyproject.toml", '[tool.etom-check]\nformt = "json"\n', "pyproject.toml: unknown key 'formt'"),
        ("setup.cfg", "[etom-check]\nselct = COV\n", "setup.cfg: unknown key 'selct'"),
        ("pyproject.toml", '[tool.etom-check]\nfail-on = "fatal"\n', "pyproject.toml: fail-on: "),
        ("pyproject.toml", "[tool.etom-check]\nselect = 3\n", "pyproject.toml: select: expected a list"),
        ("pyproject.toml", "[tool.etom-check\n", "pyproject.toml: not valid TOML"),
    ],
)
def test_bad_configuration_is_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, message: str
) -> None:
    (project / name).write_text(content, encoding="utf-8")
    code, out, err = run_cli(["check", "model", "--lang", "en"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("etom-check: error: ") and message in err
    assert len(err.strip().splitlines()) == 1


def test_missing_config_file_is_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["check", "model", "--config", "nowhere.toml", "--lang", "en"], capsys)
    assert code == 2 and "nowhere.toml: no such configuration file" in err
    (project / "other.cfg").write_text("[flake8]\n", encoding="utf-8")
    code, _, err = run_cli(["check", "model", "--config", "other.cfg", "--lang", "en"], capsys)
    assert code == 2 and "other.cfg: no [etom-check] section" in err


def test_no_paths_anywhere_is_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["check", "--lang", "en"], capsys)
    assert code == 2 and "no model given" in err


@pytest.mark.parametrize("tool", ["tool = 1", "tool = [1, 2]", 'tool = "x"'])
def test_a_foreign_tool_key_that_is_not_a_table_is_ignored(
    project: Path, capsys: pytest.CaptureFixture[str], tool: str
) -> None:
    (project / "pyproject.toml").write_text(f"{tool}\n\n[project]\nname = 'x'\n", encoding="utf-8")
    code, out, err = run_cli(["check", "model", "--select", "FUN-2", "--format", "json"], capsys)
    assert code == 0 and err == ""  # FUN-2 is a warning
    assert [(f["rule"], f["subject"]) for f in json.loads(out)["findings"]] == [
        ("FUN-2", "notify-order-completion")
    ]
    (project / "setup.cfg").write_text("[etom-check]\npaths = model\nselect = COV-2\n", encoding="utf-8")
    code, out, err = run_cli(["check", "--format", "json"], capsys)
    assert code == 1 and err == "" and {f["rule"] for f in json.loads(out)["findings"]} == {"COV-2"}


def test_a_foreign_default_section_of_setup_cfg_is_not_ours(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "setup.cfg").write_text(
        "[DEFAULT]\nowner = team\n\n[etom-check]\npaths = model\nselect = COV-2\n", encoding="utf-8"
    )
    code, out, err = run_cli(["check", "--format", "json"], capsys)
    assert code == 1 and err == "" and {f["rule"] for f in json.loads(out)["findings"]} == {"COV-2"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("pyproject.toml", "[tool]\netom-check = 1\n", "pyproject.toml: [tool.etom-check] must be a table"),
        (
            "pyproject.toml",
            "tool = {etom-check = [1]}\n",
            "pyproject.toml: [tool.etom-check] must be a table",
        ),
        ("etom.toml", "tool = 1\n", "etom.toml: unknown key 'tool'"),
        ("pyproject.toml", "[tool.etom-check]\nmax-files = {a = 1}\n", "pyproject.toml: max-files: expected"),
        ("pyproject.toml", "[tool.etom-check]\nmax-depth = true\n", "pyproject.toml: max-depth: expected"),
        (
            "pyproject.toml",
            "[tool.etom-check]\nno-waivers = 2\n",
            "pyproject.toml: no-waivers: expected true",
        ),
        ("pyproject.toml", "[tool.etom-check]\noutput = 1\n", "pyproject.toml: output: expected text"),
        ("pyproject.toml", "[tool.etom-check]\nbaseline = [1]\n", "pyproject.toml: baseline: expected text"),
        (
            "pyproject.toml",
            '[tool.etom-check]\nbaseline = ""\n',
            "pyproject.toml: baseline: expected text (a path), not empty",
        ),
        ("pyproject.toml", "[tool.etom-check]\nlang = 2026-01-01\n", "pyproject.toml: lang: expected text"),
        (
            "pyproject.toml",
            '[tool.etom-check]\nrules = [""]\n',
            "pyproject.toml: rules: expected a list of paths, none",
        ),
    ],
)
def test_a_value_of_the_wrong_sort_is_exit_2_naming_file_and_key(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, message: str
) -> None:
    (project / name).write_text(content, encoding="utf-8")
    args = ["check", "model", "--lang", "en"] + (["--config", name] if name != "pyproject.toml" else [])
    code, out, err = run_cli(args, capsys)
    assert code == 2 and out == ""
    assert err.startswith(f"etom-check: error: {message}"), err
    assert len(err.strip().splitlines()) == 1
    assert not (project / "1").exists()


@pytest.mark.parametrize(
    ("content", "lang"),
    [
        ('lang = "en"\n[tool.ruff]\nline-length = 100\n', "en"),  # its own keys beside another tool's
        ('[tool.etom-check]\nlang = "en"\n[tool.ruff]\nline-length = 100\n', "en"),
        ("", None),  # an empty file is an empty configuration
    ],
)
def test_a_toml_file_of_our_own(
    project: Path, capsys: pytest.CaptureFixture[str], content: str, lang: str | None
) -> None:
    (project / ".etom-check.toml").write_text(content, encoding="utf-8")
    code, out, err = run_cli(["check", "model", "--config", ".etom-check.toml"], capsys)
    assert code in (0, 1), err
    assert ("Files:" in out) is (lang == "en")


def test_a_toml_file_with_only_other_tools_tables_is_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "other.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    code, _, err = run_cli(["check", "model", "--config", "other.toml", "--lang", "en"], capsys)
    assert (code, err) == (2, "etom-check: error: other.toml: no [tool.etom-check] table\n")
