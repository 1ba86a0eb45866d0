"""``--format gitlab``: GitLab Code Quality, with the fields GitLab documents, fingerprints shared
with SARIF, and waived or baselined findings kept as ``info``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from .conftest import ROOT, SAMPLES, run_cli

# The fields GitLab documents for a Code Quality report (ci/testing/code_quality: "Code Quality
# report format"): each issue has these, and GitLab ignores any other.
CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^(?!/)(?!\\./)[^\\\\]+$"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


@pytest.mark.parametrize("sample", sorted(p.name for p in (SAMPLES / "broken").iterdir()))
def test_valid_and_shares_fingerprints_with_sarif(
    sample: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    path = f"samples/broken/{sample}"
    code, out, _ = run_cli(["check", path, "--format", "gitlab"], capsys)
    report = json.loads(out)
    jsonschema.validate(report, CODE_QUALITY)
    assert code == 1 and report
    _, out, _ = run_cli(["check", path, "--format", "sarif"], capsys)
    sarif = [r["partialFingerprints"]["etomCheck/v1"] for r in json.loads(out)["runs"][0]["results"]]
    assert [q["fingerprint"] for q in report] == sarif
    assert len(set(sarif)) == len(sarif)  # GitLab shows one issue per fingerprint
    assert all(q["location"]["path"].startswith(path + "/") for q in report)


def test_the_schema_can_fail() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            [
                {
                    "description": "x",
                    "check_name": "y",
                    "fingerprint": "z",
                    "severity": "error",
                    "location": {"path": "a", "lines": {"begin": 1}},
                }
            ],
            CODE_QUALITY,
        )


def test_severities_and_excused_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.yaml").write_text(
        "model: 1\norganisation: {name: X}\nprocesses:\n  - {id: p, name: P, implements: [1.1.1.2, 1.1.1.5.99]}\n"
        "waivers:\n  - {rule: COV-1, subject: 1.1.1.9, reason: Партнёр}\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(["check", "m.yaml", "--format", "gitlab", "--lang", "en"], capsys)
    assert code == 1
    issues = json.loads(out)
    by_rule = {q["check_name"]: q for q in issues if "[waived:" not in q["description"]}
    assert by_rule["COV-1"]["severity"] == "major"  # an error that counts
    assert by_rule["MOD-18"]["severity"] == "minor"  # a warning
    assert by_rule["COV-3"]["severity"] == "info"
    waived = [q for q in issues if "[waived:" in q["description"]]
    assert [(q["check_name"], q["severity"]) for q in waived] == [("COV-1", "info")]
    assert waived[0]["location"] == {"path": "m.yaml", "lines": {"begin": 2}}
