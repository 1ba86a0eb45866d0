"""``--exclude GLOB`` and the ``exclude`` key: files left out of a folder of the model, matched on
``/``-separated paths relative to the folder given, the same on every OS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.io.files import exclusion

from .conftest import run_cli
from .gate_models import model_text, write_model


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_model(tmp_path / "model", model_text(elements=["1.1.1.5"]))
    write_model(tmp_path / "model", "stages: [test]\n", ".gitlab-ci.yml")  # hidden: always skipped
    write_model(tmp_path / "model" / "ci", "stages: [test]\n", "pipeline.yaml")
    write_model(tmp_path / "model", "services: {db: {image: x}}\n", "docker-compose.yml")
    write_model(tmp_path / "model" / "deploy", "services: {}\n", "docker-compose.override.yml")
    return tmp_path


def _files(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    code, out, err = run_cli(["check", "--format", "json", *args], capsys)
    assert code in (0, 1), err
    return [f.split("model/", 1)[-1] for f in json.loads(out)["files"]]


def test_without_exclude_the_other_yaml_is_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _files(capsys, str(project / "model"))
    assert files == [
        "ci/pipeline.yaml",
        "deploy/docker-compose.override.yml",
        "docker-compose.yml",
        "model.yaml",
    ]


def test_exclude_leaves_them_out(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--exclude", "ci", "--exclude", "docker-compose*.yml", str(project / "model")]
    assert _files(capsys, *args) == ["model.yaml"]
    code, out, _ = run_cli(["check", *args, "--select", "MOD", "--lang", "en"], capsys)
    assert code == 0 and "Files: 1," in out


def test_the_configuration_key(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.etom-check]\npaths = ["model"]\nexclude = ["ci/**", "**/docker-compose*.yml"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(project)
    assert _files(capsys) == ["model.yaml"]
    for command in (["report", "-o", "r.html"], ["graph"]):
        code, _, err = run_cli([command[0], "--select", "MOD", *command[1:]], capsys)
        assert code == 0, (command, err)


def test_excluding_everything_is_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["check", str(project / "model"), "--exclude", "*", "--lang", "en"], capsys)
    assert (code, out) == (2, "") and "excluded" in err


@pytest.mark.parametrize(
    ("pattern", "path", "left_out"),
    [
        ("ci", "ci/a.yaml", True),
        ("ci", "model/ci/a.yaml", True),
        ("ci/*", "ci/sub/a.yaml", True),
        ("/ci/", "ci/a.yaml", True),
        ("/ci/", "model/ci/a.yaml", False),
        ("*.yml", "a.yaml", False),
        ("a/*.yaml", "a/b/c.yaml", False),
        ("a/**/c.yaml", "a/b/d/c.yaml", True),
        ("a/**/c.yaml", "a/c.yaml", True),
        ("[!m]*.yaml", "model.yaml", False),
        ("[!m]*.yaml", "orgs.yaml", True),
        ("docker-compose.yml", "x/docker-compose.yml", True),
        # written as on Windows, or from the folder itself: the same pattern
        ("x\\y.yaml", "x/y.yaml", True),
        ("ci\\**", "ci/sub/pipeline.yml", True),
        ("./ci", "ci/a.yaml", True),
        ("./ci", "model/ci/a.yaml", False),
        (".//ci/*.yml", "ci/a.yml", True),
        ("[*].yaml", "*.yaml", True),
        ("[*].yaml", "a.yaml", False),
        # a bracket that makes no class is the character it is, never an error
        ("[z-a].yaml", "[z-a].yaml", True),
        ("[[]x", "[x", True),
    ],
)
def test_patterns(pattern: str, path: str, left_out: bool) -> None:
    assert exclusion([pattern])(path) is left_out
