"""SARIF 2.1.0: valid against the official schema, with the rules, results and fingerprints that
code-scanning services read."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from checker.reporters.sarif import artifact_uri

from .conftest import ROOT, run_cli
from .gate_models import WAIVE_9, model_text, write_model

SCHEMA = ROOT.parent / "shared" / "reference" / "sarif-schema-2.1.0.json"


def _sarif(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out, err = run_cli(["check", *args, "--format", "sarif"], capsys)
    assert code in (0, 1), err
    data: dict[str, Any] = json.loads(out)
    return data


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_valid_against_the_official_schema(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"the official SARIF schema is not at {SCHEMA} (../shared/reference/ beside the clone)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    write_model(in_tmp / "model", model_text(elements=["1.1.1.5"], waivers=WAIVE_9))
    baseline = in_tmp / "b.json"
    run_cli(["check", "model", "--write-baseline", str(baseline), "--select", "FUN", "-q"], capsys)
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    for extra in ([], ["--baseline", str(baseline)], ["--lang", "en"]):
        data = _sarif(["model", *extra], capsys)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == []
        results = data["runs"][0]["results"]
        assert results, "an empty log would prove little"
    assert any("suppressions" in r for r in results)
    results[0]["level"] = "fatal"  # the validator does reject a broken log
    assert not validator.is_valid(data)


def test_driver_and_rules(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_model(in_tmp, model_text())
    data = _sarif(["model.yaml", "--lang", "en", "--select", "COV,MOD-24"], capsys)
    driver = data["runs"][0]["tool"]["driver"]
    assert data["version"] == "2.1.0"
    assert driver["name"] == "etom-check" and driver["version"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == ["COV-1", "COV-2", "COV-3", "COV-4", "COV-5", "MOD-24"]
    cov1 = driver["rules"][0]
    assert cov1["shortDescription"]["text"] == "Level-2 CRM element not implemented"
    assert cov1["name"] == "Level2CRMElementNotImplemented"
    assert cov1["properties"]["severity"] == "error"
    assert "53633.3" in cov1["properties"]["clause"]
    assert "coverage" in cov1["properties"]["tags"]
    assert cov1["help"]["text"].startswith("COV-1: ")
    assert cov1["fullDescription"]["text"]


def test_results(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_model(in_tmp / "model", model_text())
    data = _sarif(["model", "--select", "COV-1"], capsys)
    run = data["runs"][0]
    (result,) = run["results"]
    assert result["ruleId"] == "COV-1"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "COV-1"
    assert result["level"] == "error"
    assert "1.1.1.9" in result["message"]["text"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "model/model.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 2, "startColumn": 1}
    (fingerprint,) = result["partialFingerprints"].values()
    assert len(fingerprint) == 32
    assert "suppressions" not in result and "baselineState" not in result


def test_levels_follow_severity(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_model(in_tmp, model_text(elements=["1.1.1.5"]))
    data = _sarif(["model.yaml", "--select", "FUN-1,FUN-2"], capsys)
    levels = {(r["ruleId"], r["level"]) for r in data["runs"][0]["results"]}
    assert levels == {("FUN-1", "error"), ("FUN-2", "warning")}


def test_uri_relative_to_the_working_folder(tmp_path: Path) -> None:
    assert artifact_uri("a b/m.yaml", str(tmp_path)) == ("a%20b/m.yaml", "%SRCROOT%")
    assert artifact_uri(str(tmp_path / "x" / "m.yaml"), str(tmp_path)) == ("x/m.yaml", "%SRCROOT%")
    outside, base = artifact_uri("/elsewhere/m.yaml", str(tmp_path))
    assert base is None and outside == Path("/elsewhere/m.yaml").as_uri()


def test_deterministic(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_model(in_tmp, model_text(elements=["1.1.1.5"], waivers=WAIVE_9))
    first = run_cli(["check", "model.yaml", "--format", "sarif"], capsys)[1]
    second = run_cli(["check", os.path.join(".", "model.yaml"), "--format", "sarif"], capsys)[1]
    assert first == second
