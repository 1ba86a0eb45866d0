"""Baselines: written sorted and stable, they keep recorded findings out of the gate, report the
entries that no longer occur, and do not care where the lines are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.standard.rulepack import natural_key

from .conftest import run_cli
from .gate_models import model_text, write_model


def _write(tmp_path: Path, capsys: pytest.CaptureFixture[str], model: Path) -> Path:
    baseline = tmp_path / "baseline.json"
    code, _, err = run_cli(["check", str(model), "--write-baseline", str(baseline), "-q"], capsys)
    assert code == 1, err  # the run that writes the baseline still reports the gate
    return baseline


def test_written_baseline_is_sorted_stable_and_names_rule_and_subject(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = write_model(tmp_path, model_text(elements=["1.1.1.5", "1.1.1.1"]))
    baseline = _write(tmp_path, capsys, model)
    first = baseline.read_text(encoding="utf-8")
    data = json.loads(first)
    assert data["etom-check-baseline"] == 1
    entries = data["findings"]
    assert all(set(e) == {"rule", "subject", "element", "target", "fingerprint"} for e in entries)
    assert {"rule": "COV-1", "subject": "1.1.1.9", "element": "1.1.1.9", "target": None}.items() <= next(
        e for e in entries if e["rule"] == "COV-1" and e["subject"] == "1.1.1.9"
    ).items()
    keys = [(natural_key(e["rule"]), e["subject"]) for e in entries]
    assert keys == sorted(keys)
    _write(tmp_path, capsys, model)
    assert baseline.read_text(encoding="utf-8") == first


def test_baseline_makes_the_same_model_pass_and_a_new_finding_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = write_model(tmp_path, model_text(elements=["1.1.1.5", "1.1.1.1"]))
    baseline = _write(tmp_path, capsys, model)
    code, out, _ = run_cli(["check", str(model), "--baseline", str(baseline), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["conformant"] is True
    assert all(f["baselined"] for f in data["findings"])
    assert data["baseline"]["absent"] == []

    # a process removed: 1.1.1.1 is now missing too, a new COV-1 finding that fails the gate
    write_model(tmp_path, model_text(elements=["1.1.1.5"]))
    code, out, _ = run_cli(["check", str(model), "--baseline", str(baseline), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1
    new = [(f["rule"], f["subject"]) for f in data["findings"] if not f.get("baselined")]
    assert new == [("COV-1", "1.1.1.1")]


def test_moving_lines_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = write_model(tmp_path, model_text(elements=["1.1.1.5", "1.1.1.1"]))
    baseline = _write(tmp_path, capsys, model)
    moved = model_text(elements=["1.1.1.1", "1.1.1.5"], head="# comment\n\n# another\n")
    write_model(tmp_path, moved)
    code, out, _ = run_cli(["check", str(model), "--baseline", str(baseline), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0
    assert data["baseline"]["absent"] == []
    assert all(f["baselined"] for f in data["findings"])
    lines = {f["location"]["line"] for f in data["findings"] if f["rule"] == "FUN-1"}
    assert lines == {11}  # the process moved from line 5 to line 11
    second = tmp_path / "again.json"
    run_cli(["check", str(model), "--write-baseline", str(second), "-q"], capsys)
    assert second.read_text(encoding="utf-8") == baseline.read_text(encoding="utf-8")


def test_fixed_findings_are_reported_absent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = write_model(tmp_path, model_text(elements=["1.1.1.5"]))
    baseline = _write(tmp_path, capsys, model)
    write_model(tmp_path, model_text(elements=["1.1.1.5", "1.1.1.1"]))
    args = ["check", str(model), "--baseline", str(baseline), "--select", "COV-1", "--lang", "en"]
    code, out, _ = run_cli([*args, "--format", "json"], capsys)
    absent = json.loads(out)["baseline"]["absent"]
    assert code == 0
    assert [(e["rule"], e["subject"]) for e in absent] == [("COV-1", "1.1.1.1")]
    code, out, _ = run_cli(args, capsys)
    assert f"{baseline}: note: COV-1 1.1.1.1 of the baseline no longer occurs" in out


def test_sarif_baseline_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = write_model(tmp_path, model_text(elements=["1.1.1.5", "1.1.1.1"]))
    baseline = _write(tmp_path, capsys, model)
    write_model(tmp_path, model_text(elements=["1.1.1.5"]))
    args = ["check", str(model), "--select", "COV-1", "--format", "sarif"]
    _, out, _ = run_cli([*args, "--baseline", str(baseline)], capsys)
    states = {r["properties"]["subject"]: r["baselineState"] for r in json.loads(out)["runs"][0]["results"]}
    assert states["1.1.1.1"] == "new" and states["1.1.1.9"] == "unchanged"
    _, out, _ = run_cli(args, capsys)
    assert all("baselineState" not in r for r in json.loads(out)["runs"][0]["results"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "baseline.json:1:2: not JSON"),
        ('{"findings": []}', "not an etom-check baseline"),
        ('{"etom-check-baseline": 1, "findings": [{"rule": 1}]}', "findings[0] needs"),
        ('{"etom-check-baseline": true, "findings": []}', "not an etom-check baseline (format 1)"),
        ('{"etom-check-baseline": 1.0, "findings": []}', "not an etom-check baseline (format 1)"),
    ],
)
def test_bad_baseline_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    model = write_model(tmp_path, model_text())
    bad = tmp_path / "baseline.json"
    bad.write_text(content, encoding="utf-8")
    code, _, err = run_cli(["check", str(model), "--baseline", str(bad), "--lang", "en"], capsys)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    none = str(tmp_path / "none.json")
    code, _, err = run_cli(["check", str(model), "--baseline", none, "--lang", "en"], capsys)
    assert code == 2 and "cannot read the baseline" in err


def test_model_findings_in_a_baseline_survive_path_spelling_and_moved_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """MOD findings are keyed on the file below the model folder and on the process id, not on
    how the folder is spelt, line numbers or list positions."""
    import shutil

    from .conftest import ROOT

    model = tmp_path / "m"
    shutil.copytree(ROOT / "samples" / "broken" / "model-errors", model)
    billing = model / "crm-billing.yaml"
    # a repeated key can never be baselined (the checker does not guess which value is meant)
    billing.write_text(billing.read_text(encoding="utf-8").replace("    owner: Казначейство\n", ""), "utf-8")
    monkeypatch.chdir(tmp_path)
    baseline = tmp_path / "b.json"
    assert run_cli(["check", "m", "--write-baseline", str(baseline)], capsys)[0] == 1
    for spelling in ("m", "./m/", str(model)):
        code, out, _ = run_cli(["check", spelling, "--baseline", str(baseline), "--format", "json"], capsys)
        assert code == 0, (spelling, out)
        assert json.loads(out)["baseline"]["absent"] == []
    text = billing.read_text(encoding="utf-8")
    billing.write_text(
        text.replace("processes:\n", "processes:\n  - {id: extra, name: Доп, implements: [1.1.1.12]}\n", 1),
        encoding="utf-8",
    )
    code, out, _ = run_cli(["check", "m", "--baseline", str(baseline), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0, out
    assert {f["rule"] for f in data["findings"] if f.get("baselined")} == {"MOD-11", "MOD-17"}
    assert data["baseline"]["absent"] == []


def test_an_empty_path_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = write_model(tmp_path, model_text())
    for option in ("--write-baseline", "--output", "--cache-dir"):
        code, out, err = run_cli(["check", str(model), option, "", "--lang", "en"], capsys)
        assert (code, out, err) == (2, "", f"etom-check: error: {option}: an empty path names no file\n")
