"""JUnit XML: one test case per requirement and subject, passes included; failures carry the
message and file:line; waived findings are skipped with the reason."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import run_cli
from .gate_models import WAIVE_9, model_text, write_model


def _junit(args: list[str], capsys: pytest.CaptureFixture[str]) -> ET.Element:
    code, out, err = run_cli(["check", *args, "--format", "junit", "--lang", "en"], capsys)
    assert code in (0, 1), err
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(out)


def _cases(root: ET.Element) -> dict[str, ET.Element]:
    return {c.get("name", ""): c for c in root.iter("testcase")}


def test_passes_and_failures_per_requirement_and_subject(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = write_model(tmp_path, model_text())
    root = _junit([str(model), "--select", "COV-1,MOD-23"], capsys)
    cases = _cases(root)
    assert sorted(cases) == [
        "COV-1 1.1.1.1", "COV-1 1.1.1.2", "COV-1 1.1.1.3", "COV-1 1.1.1.4", "COV-1 1.1.1.5",
        "COV-1 1.1.1.6", "COV-1 1.1.1.7", "COV-1 1.1.1.9", "MOD-23",
    ]  # fmt: skip
    assert {c.get("classname") for c in cases.values()} == {"COV-1", "MOD-23"}
    failing = [name for name, c in cases.items() if c.find("failure") is not None]
    assert failing == ["COV-1 1.1.1.9"]
    failure = cases["COV-1 1.1.1.9"].find("failure")
    assert failure is not None
    assert "1.1.1.9" in failure.get("message", "")
    assert (failure.text or "").startswith(f"{model}:2:1: COV-1 error ")
    assert root.get("tests") == "9" and root.get("failures") == "1" and root.get("skipped") == "0"
    suite = root.find("testsuite")
    assert suite is not None and suite.get("failures") == "1"


def test_functions_and_model_rules_with_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = model_text(elements=["1.1.1.5"]).replace("implements: [1.1.1.5]", "implements: [1.1.1.5, 9.9]")
    model = write_model(tmp_path, text)
    cases = _cases(_junit([str(model), "--select", "FUN-1,MOD-17,MOD-23"], capsys))
    assert "FUN-1 issue-order" in cases and "FUN-1 cancel-order" in cases
    assert all(c.find("failure") is not None for n, c in cases.items() if n.startswith("FUN-1"))
    assert [n for n in cases if n.startswith("MOD")] == ["MOD-17 9.9", "MOD-23"]
    assert cases["MOD-17 9.9"].find("failure") is not None
    assert cases["MOD-17 9.9"].get("line") == "7"
    assert cases["MOD-23"].find("failure") is None


def test_below_fail_on_passes_with_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = write_model(tmp_path, model_text(elements=["1.1.1.5"]))
    cases = _cases(_junit([str(model), "--select", "FUN-2"], capsys))
    case = cases["FUN-2 notify-order-completion"]
    out = case.find("system-out")
    assert case.find("failure") is None and out is not None and "FUN-2 warning" in (out.text or "")
    cases = _cases(_junit([str(model), "--select", "FUN-2", "--fail-on", "warning"], capsys))
    assert cases["FUN-2 notify-order-completion"].find("failure") is not None


def test_waived_is_skipped_with_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = write_model(tmp_path, model_text(waivers=WAIVE_9))
    root = _junit([str(model), "--select", "COV-1"], capsys)
    case = _cases(root)["COV-1 1.1.1.9"]
    skipped = case.find("skipped")
    assert skipped is not None and case.find("failure") is None
    assert skipped.get("message") == "[waived: Удержание выполняет партнёр по договору № 17]"
    assert root.get("skipped") == "1" and root.get("failures") == "0"
