"""Waivers: a waived finding is kept, marked and does not fail the gate; expired, unused and
unknown-rule waivers are findings of MOD-24, MOD-25 and MOD-26 at the waiver's line."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from checker.engine import check
from checker.engine.packs import pack_for

from .conftest import run_cli
from .gate_models import WAIVE_9, model_text, write_model

WAIVER_LINE = 27  # the "- rule:" line of the first waiver in model_text()


def _findings(path: Path, **kw: object) -> list[tuple[str, str, int, bool]]:
    result = check([str(path)], lang="en", **kw)  # type: ignore[arg-type]
    return [(f.rule, f.subject, f.location.line, f.waived) for f in result.findings]


def test_waived_finding_is_kept_marked_and_does_not_fail(tmp_path: Path) -> None:
    path = write_model(tmp_path, model_text(waivers=WAIVE_9))
    result = check([str(path)], lang="en", select=["COV-1", "MOD-2"])
    cov = [f for f in result.findings if f.rule == "COV-1"]
    assert [(f.subject, f.waived, f.waiver_reason) for f in cov] == [
        ("1.1.1.9", True, "Удержание выполняет партнёр по договору № 17")
    ]
    assert result.conformant and result.exit_code == 0
    assert {c.element: c.status for c in result.coverage}["1.1.1.9"] == "waived"
    assert result.summary["waived"] == 1


def test_without_the_waiver_the_same_model_fails(tmp_path: Path) -> None:
    path = write_model(tmp_path, model_text())
    result = check([str(path)], lang="en", select=["COV-1"])
    assert [(f.rule, f.subject, f.waived) for f in result.findings] == [("COV-1", "1.1.1.9", False)]
    assert result.exit_code == 1
    assert {c.element: c.status for c in result.coverage}["1.1.1.9"] == "missing"


def test_no_waivers_makes_them_ineffective(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_model(tmp_path, model_text(waivers=WAIVE_9))
    code, out, _ = run_cli(["check", str(path), "--select", "COV-1,MOD", "--format", "json"], capsys)
    assert code == 0
    code, out, _ = run_cli(
        ["check", str(path), "--select", "COV-1,MOD", "--format", "json", "--no-waivers"], capsys
    )
    data = json.loads(out)
    assert code == 1
    assert [(f["rule"], f["subject"], f["waived"]) for f in data["findings"]] == [("COV-1", "1.1.1.9", False)]


def test_subject_limits_the_waiver(tmp_path: Path) -> None:
    waiver = "  - rule: COV-1\n    subject: 1.1.1.4\n    reason: Продажи у партнёра\n"
    path = write_model(tmp_path, model_text(waivers=waiver))
    got = _findings(path, select=["COV-1", "MOD-25"])
    assert ("COV-1", "1.1.1.9", 2, False) in got
    assert ("MOD-25", "COV-1", WAIVER_LINE, False) in got


def test_waiver_without_subject_covers_every_finding_of_the_rule(tmp_path: Path) -> None:
    waiver = "  - rule: COV-1\n    reason: Всё у партнёра\n"
    path = write_model(tmp_path, model_text(elements=["1.1.1.5"], waivers=waiver))
    result = check([str(path)], lang="en", select=["COV-1", "MOD-25"])
    assert result.findings and all(f.waived for f in result.findings)
    assert sorted(f.subject for f in result.findings) == [
        "1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4", "1.1.1.6", "1.1.1.7", "1.1.1.9",
    ]  # fmt: skip


def test_expiry_is_decided_by_today(tmp_path: Path) -> None:
    waiver = WAIVE_9 + "    expires: 2030-06-30\n"
    path = write_model(tmp_path, model_text(waivers=waiver))
    before = _findings(path, select=["COV-1", "MOD-24"], today=dt.date(2030, 6, 30))
    assert before == [("COV-1", "1.1.1.9", 2, True)]
    after = _findings(path, select=["COV-1", "MOD-24"], today=dt.date(2030, 7, 1))
    assert after == [("COV-1", "1.1.1.9", 2, False), ("MOD-24", "COV-1", WAIVER_LINE, False)]


def test_unknown_rule_is_reported_not_unused(tmp_path: Path) -> None:
    waiver = "  - rule: COV-77\n    reason: Опечатка\n"
    path = write_model(tmp_path, model_text(waivers=waiver))
    got = _findings(path, select=["COV-1", "MOD"])
    assert ("MOD-26", "COV-77", WAIVER_LINE, False) in got
    assert not [g for g in got if g[0] == "MOD-25"]


def test_waiver_of_a_rule_not_run_is_not_unused(tmp_path: Path) -> None:
    waiver = "  - rule: FUN-1\n    reason: Функции позже\n"
    path = write_model(tmp_path, model_text(waivers=waiver))
    assert not [g for g in _findings(path, select=["COV-1", "MOD"]) if g[0] == "MOD-25"]


def test_waiver_without_reason_is_a_schema_finding_and_applies_to_nothing(tmp_path: Path) -> None:
    waiver = "  - rule: COV-1\n    subject: 1.1.1.9\n"
    path = write_model(tmp_path, model_text(waivers=waiver))
    got = _findings(path, select=["COV-1", "MOD"])
    assert ("COV-1", "1.1.1.9", 2, False) in got
    assert any(rule.startswith("MOD") and line == WAIVER_LINE for rule, _, line, _ in got)


def test_waived_shows_as_waived_in_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_model(tmp_path, model_text(waivers=WAIVE_9))
    base = ["check", str(path), "--select", "COV-1", "--lang", "en"]
    code, out, _ = run_cli([*base, "--format", "text"], capsys)
    assert code == 0
    assert "COV-1 error" in out and "[waived: Удержание выполняет партнёр по договору № 17]" in out

    _, out, _ = run_cli([*base, "--format", "json"], capsys)
    (finding,) = json.loads(out)["findings"]
    assert finding["waived"] is True and finding["waiver_reason"].startswith("Удержание")

    _, out, _ = run_cli([*base, "--format", "sarif"], capsys)
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["suppressions"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "Удержание выполняет партнёр по договору № 17",
        }
    ]

    _, out, _ = run_cli([*base, "--format", "junit"], capsys)
    case = ET.fromstring(out).find(".//testcase[@name='COV-1 1.1.1.9']")
    assert case is not None and case.find("failure") is None
    skipped = case.find("skipped")
    assert skipped is not None and "Удержание" in skipped.get("message", "")

    _, out, _ = run_cli([*base, "--format", "github"], capsys)
    (line,) = [x for x in out.splitlines() if x.startswith("::")]
    assert line.startswith("::notice ") and "title=COV-1 error" in line and "[waived: Удержание" in line


@pytest.mark.parametrize("rule_id", ["MOD-24", "MOD-25", "MOD-26"])
def test_examples_of_the_waiver_rules(tmp_path: Path, rule_id: str) -> None:
    rule = pack_for("GOST R 53633.3-2009").rule(rule_id)
    assert rule is not None and rule.examples is not None
    good = write_model(tmp_path / "pass", rule.examples["pass"])
    bad = write_model(tmp_path / "fail", rule.examples["fail"])
    assert [f.rule for f in check([str(good)]).findings if f.rule.startswith("MOD")] == []
    assert [f.rule for f in check([str(bad)]).findings if f.rule.startswith("MOD")] == [rule_id]


def test_why_a_file_could_not_be_read_is_never_waived_or_baselined(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A waiver or a baseline cannot make an unreadable model pass: the finding stays an error
    (and the waiver that tried is reported as one of a rule that cannot be waived)."""
    model = tmp_path / "m"
    model.mkdir()
    (model / "a.yaml").write_text(
        "model: 1\norganisation: {name: X}\nwaivers:\n  - {rule: MOD-1, reason: later}\n", encoding="utf-8"
    )
    (model / "b.yaml").write_text("model: 1\nprocesses: [\n", encoding="utf-8")
    code, out, _ = run_cli(["check", str(model), "--format", "json", "--select", "MOD"], capsys)
    data = json.loads(out)
    assert code == 1 and data["conformant"] is False
    found = {(f["rule"], f["location"]["file"].rsplit("/", 1)[-1], f["waived"]) for f in data["findings"]}
    assert found == {("MOD-1", "b.yaml", False), ("MOD-28", "a.yaml", False)}
    assert data["summary"]["error"] == 1
    baseline = tmp_path / "b.json"
    run_cli(["check", str(model), "--no-waivers", "--write-baseline", str(baseline)], capsys)
    code, out, _ = run_cli(
        ["check", str(model), "--no-waivers", "--baseline", str(baseline), "--format", "json"], capsys
    )
    data = json.loads(out)
    assert code == 1 and [f["rule"] for f in data["findings"] if not f.get("baselined")] == ["MOD-1"]
