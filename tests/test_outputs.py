"""Several outputs from one run: the primary --format/-o and any number of --report FORMAT:FILE."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import run_cli
from .gate_models import model_text, write_model


def test_text_on_the_terminal_and_reports_in_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = write_model(tmp_path, model_text())
    sarif, junit, data = tmp_path / "r.sarif", tmp_path / "j.xml", tmp_path / "out" / "r.json"
    data.parent.mkdir()
    code, out, err = run_cli(
        [
            "check", str(model), "--select", "COV-1", "--lang", "en",
            "--report", f"sarif:{sarif}", "--report", f"junit:{junit}", "--report", f"json:{data}",
        ],
        capsys,
    )  # fmt: skip
    assert code == 1, err
    assert out.splitlines()[0].startswith(f"{model}:2:1: COV-1 error Element 1.1.1.9")
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [(r["ruleId"], r["properties"]["subject"]) for r in results] == [("COV-1", "1.1.1.9")]
    case = ET.parse(junit).getroot().find(".//testcase[@name='COV-1 1.1.1.9']")
    assert case is not None and case.find("failure") is not None
    assert json.loads(data.read_text(encoding="utf-8"))["conformant"] is False


def test_primary_output_to_a_file_and_a_report_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = write_model(tmp_path, model_text())
    primary = tmp_path / "report.txt"
    code, out, _ = run_cli(
        ["check", str(model), "--select", "COV-1", "-o", str(primary), "--report", "github:-"], capsys
    )
    assert code == 1
    assert out.startswith("::error ")
    assert "COV-1 error" in primary.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "message"),
    [("sarif", "expected FORMAT:FILE"), ("pdf:x.pdf", "unknown format 'pdf'"), ("sarif:", "expected")],
)
def test_bad_report_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    model = write_model(tmp_path, model_text())
    code, out, err = run_cli(["check", str(model), "--report", value, "--lang", "en"], capsys)
    assert code == 2 and message in err and out == ""


def test_a_report_never_overwrites_the_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = write_model(tmp_path, model_text())
    before = model.read_text(encoding="utf-8")
    code, out, err = run_cli(["check", str(model), "--report", f"json:{model}", "--lang", "en"], capsys)
    assert code == 2 and "refusing to overwrite" in err
    assert out == ""  # nothing is written when one destination is refused
    assert model.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    "extra",
    [
        ["--format", "json", "--report", "json:-"],
        ["--report", "sarif:{tmp}/x", "--report", "json:{tmp}/x"],
        ["-o", "{tmp}/x", "--report", "text:{tmp}/./x"],
        ["-o", "{tmp}/x", "--write-baseline", "{tmp}/x"],
    ],
)
def test_two_outputs_to_one_destination_is_exit_2(
    extra: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .conftest import ROOT

    args = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    model = str(ROOT / "tests" / "models" / "conformant.yaml")
    code, out, err = run_cli(["check", model, *args, "--lang", "en"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("etom-check: error: two outputs of one run go to ") and len(err.splitlines()) == 1
    assert not (tmp_path / "x").exists()
