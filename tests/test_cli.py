"""The command line as users and CI meet it: exit codes, stderr, formats, languages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from checker import __version__
from checker.engine.packs import pack_for

from .conftest import ROOT, SAMPLES, run_cli

CONFORMANT = str(ROOT / "tests" / "models" / "conformant.yaml")
RULES = [r.id for r in pack_for("GOST R 53633.3-2009").rules]


@pytest.fixture
def gap(tmp_path: Path) -> str:
    """The conformant model without its retention process: one COV-1 error."""
    text = Path(CONFORMANT).read_text(encoding="utf-8")
    text = text.replace("  - {id: retention, name: Удержание клиентов, implements: [1.1.1.9]}\n", "")
    path = tmp_path / "gap.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def warning_only(tmp_path: Path) -> str:
    """The conformant model whose marketing hands nothing to selling: one FAB-3 warning."""
    text = Path(CONFORMANT).read_text(encoding="utf-8")
    text = text.replace("    interfaces: [{to: selling}]\n", "")
    path = tmp_path / "warn.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_conformant_model_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["check", CONFORMANT, "--lang", "en"], capsys)
    assert code == 0, out
    assert out.strip().endswith("The model conforms.")
    assert err == ""


def test_finding_exits_1_and_prints_file_line_col(gap: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["check", gap, "--lang", "en"], capsys)
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{gap}:3:1: COV-1 error Element 1.1.1.9 ")
    assert "Retention & Loyalty" in first


def test_russian_messages(gap: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["check", gap, "--lang", "ru"], capsys)
    assert code == 1
    assert "Удержание и лояльность клиентов" in out.splitlines()[0]
    assert "НЕ соответствует" in out


def test_default_language_follows_the_locale(
    gap: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert "Retention & Loyalty" in run_cli(["check", gap], capsys)[1]
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert "Удержание" in run_cli(["check", gap], capsys)[1]


@pytest.mark.parametrize(
    ("fail_on", "gap_code", "warning_code"),
    [("error", 1, 0), ("warning", 1, 1), ("info", 1, 1), ("never", 0, 0)],
)
def test_fail_on(
    fail_on: str,
    gap_code: int,
    warning_code: int,
    gap: str,
    warning_only: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(["check", gap, "--fail-on", fail_on], capsys)[0] == gap_code
    assert run_cli(["check", warning_only, "--fail-on", fail_on], capsys)[0] == warning_code


def test_select_and_ignore(gap: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["check", gap, "--ignore", "COV"], capsys)[0] == 0
    assert run_cli(["check", gap, "--select", "FAB,FUN"], capsys)[0] == 0
    code, out, _ = run_cli(["check", gap, "--select", "cov-1", "--format", "json"], capsys)
    assert code == 1
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["COV-1"]


@pytest.mark.parametrize(
    "args",
    [
        ["check", "does/not/exist.yaml"],
        ["check", CONFORMANT, "--format", "pdf"],
        ["check", CONFORMANT, "--no-such-option"],
        ["check", CONFORMANT, "--fail-on", "fatal"],
        ["check", CONFORMANT, "--select", "XYZ-1"],
        ["check"],
        ["explain", "NOPE-1"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli([*args, "--lang", "en"], capsys)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("etom-check: error: ")
    assert "Traceback" not in err


def test_empty_folder_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["check", str(tmp_path), "--lang", "en"], capsys)
    assert code == 2 and "no *.yaml or *.yml files" in err


def test_quiet_and_statistics(gap: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(["check", gap, "-q", "--lang", "en"], capsys)
    assert out.splitlines() == [
        "Files: 1, processes: 12; errors: 1, warnings: 0, info: 0, waived: 0, baselined: 0. The model does NOT conform."
    ]
    _, out, _ = run_cli(["check", gap, "-q", "--statistics", "--lang", "en"], capsys)
    assert out.splitlines()[0].split() == [
        "1",
        "COV-1",
        "error",
        "Level-2",
        "CRM",
        "element",
        "not",
        "implemented",
    ]


def test_json_contract(gap: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["check", gap, "--format", "json", "--lang", "en"], capsys)
    assert code == 1
    data = json.loads(out)
    assert data["tool"] == {"name": "etom-check", "version": __version__}
    assert data["standard"] == "GOST R 53633.3-2009"
    assert data["conformant"] is False
    assert data["summary"] == {
        "error": 1,
        "warning": 0,
        "info": 0,
        "waived": 0,
        "baselined": 0,
        "not_shown": 0,
        "not_shown_failing": 0,
    }
    statuses = {c["element"]: c["status"] for c in data["coverage"]}
    assert statuses == {f"1.1.1.{i}": "covered" for i in range(1, 9)} | {"1.1.1.9": "missing"}
    by_element = {c["element"]: c["processes"] for c in data["coverage"]}
    assert by_element["1.1.1.5"] == ["order-handling"] and by_element["1.1.1.9"] == []
    (finding,) = data["findings"]
    assert finding == {
        "rule": "COV-1",
        "severity": "error",
        "category": "coverage",
        "subject": "1.1.1.9",
        "element": "1.1.1.9",
        "message": 'Element 1.1.1.9 "Retention & Loyalty" is not implemented by any process of the model',
        "clause": "GOST R 53633.3-2009, Table 1, 1.1.1.9",
        "location": {"file": gap, "line": 3, "column": 1},
        "fingerprint": finding["fingerprint"],
        "waived": False,
    }
    assert len(finding["fingerprint"]) == 32


def test_json_interface_and_function_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = Path(CONFORMANT).read_text(encoding="utf-8")
    text = text.replace(
        "interfaces: [{to: order-handling}, {to: problem-handling}, {to: billing}]\n  - id: marketing",
        "interfaces: [{to: order-handling}, {to: problem-handling}]\n  - id: marketing",
    )
    text = text.replace("check-credit, ", "")
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    _, out, _ = run_cli(["check", str(path), "--format", "json"], capsys)
    found = {
        (f["rule"], f["category"], f["subject"], f["element"], f.get("target"), f["location"]["line"])
        for f in json.loads(out)["findings"]
    }
    assert found == {
        ("FAB-2", "interface", "1.1.1.2", "1.1.1.2", "B", 11),
        ("FUN-1", "function", "check-credit", "1.1.1.5", None, 26),
    }


def test_output_is_deterministic(gap: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert run_cli(["check", gap, "--format", "json", "-o", str(first)], capsys)[0] == 1
    assert run_cli(["check", gap, "--format", "json", "-o", str(second)], capsys)[0] == 1
    assert first.read_bytes() == second.read_bytes()
    assert capsys.readouterr().out == ""


def test_output_refuses_to_overwrite_the_model(gap: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = Path(gap).read_bytes()
    code, _, err = run_cli(["check", gap, "-o", gap, "--lang", "en"], capsys)
    assert code == 2 and "refusing to overwrite" in err
    assert Path(gap).read_bytes() == before


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["rules", "--format", "json", "--lang", "en"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == RULES
    required = {
        "COV-1",
        "COV-2",
        "COV-3",
        "COV-4",
        *(f"FAB-{i}" for i in range(1, 10)),
        *(f"FUN-{i}" for i in range(1, 10)),
    }
    assert required <= set(RULES)
    code, out, _ = run_cli(["rules", "--lang", "ru"], capsys)
    assert all(rule_id in out for rule_id in RULES)


@pytest.mark.parametrize("rule_id", RULES)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_explain_every_rule(rule_id: str, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    rule = pack_for("GOST R 53633.3-2009").rule(rule_id)
    assert rule is not None
    code, out, _ = run_cli(["explain", rule_id.lower(), "--lang", lang], capsys)
    assert code == 0
    assert out.startswith(f"{rule_id}: {rule.title[lang]}\n")
    assert " ".join(rule.why[lang].split())[:40] in " ".join(out.split())
    # a line never ends inside an id or a command (manage-⏎contacts): one copied is whole
    assert not [line for line in out.splitlines() if re.search(r"\w-$", line)]


def test_explain_an_unknown_rule_names_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["explain", "COV1", "--lang", "en"], capsys)
    assert (code, err) == (
        2,
        "etom-check: error: unknown rule 'COV1' (did you mean 'COV-1'?); 'etom-check rules' lists them\n",
    )
    code, _, err = run_cli(["explain", "QQQ", "--lang", "en"], capsys)
    assert code == 2 and "did you mean" not in err
    code, out, _ = run_cli(["explain", "COV-1", "--lang", "ru"], capsys)
    assert "Уровень: ошибка (error)\nКатегория: покрытие (coverage)\n" in out


def test_schema_is_a_valid_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["schema"], capsys)
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["model"] == {"description": "The format version.", "const": 1}
    # an editor reading YAML 1.2 sees unquoted ids such as 42 or 1.10 as numbers: they are allowed
    editor_view = {"model": 1, "processes": [{"id": 42, "name": "x", "implements": [1.10], "functions": []}]}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(editor_view)) == []


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["--version"], capsys)
    assert code == 0 and out.strip() == f"etom-check, version {__version__}"


def test_python_dash_m_runs_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"model: 1\norganisation: {name: \xff}\n")
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(bad), "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 1
    assert (
        f"{bad}:2:22: MOD-2 error The file is not UTF-8: invalid byte 0xFF; save the file as UTF-8"
        in proc.stdout.splitlines()
    )
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("command", [["-m", "checker"], ["etom-check"]])
def test_the_command_ends_at_once_with_all_its_output_and_its_code(
    command: list[str], tmp_path: Path
) -> None:
    """The command leaves without tearing its objects down (as mypy does): whatever it wrote to
    standard output and error, however long, is all there, and the exit code is the gate's."""
    argv = (
        [sys.executable, *command] if command[0] == "-m" else [str(Path(sys.executable).parent / command[0])]
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    page = subprocess.run(
        [*argv, "report", str(SAMPLES / "operator"), "-o", "-", "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert page.returncode == 0 and page.stdout.rstrip().endswith("</html>") and len(page.stdout) > 20_000
    broken = subprocess.run(
        [*argv, "check", str(SAMPLES / "broken" / "missing-element"), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert broken.returncode == 1 and json.loads(broken.stdout)["findings"]
    missing = subprocess.run(
        [*argv, "check", str(tmp_path / "none"), "--lang", "en"], capture_output=True, text=True, check=False
    )
    assert missing.returncode == 2 and missing.stderr.startswith("etom-check: error:")


def test_select_by_exact_id_does_not_take_longer_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "model: 1\norganisation: {name: X}\nprocesses:\n  - {id: a, name: A, implements: [1.1.1.5], bogus: 1}\n  - {id: b name: B}\n",
        encoding="utf-8",
    )
    _, out, _ = run_cli(["check", str(path), "--select", "MOD-1", "--format", "json"], capsys)
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"MOD-1"}
    path.write_text(
        "model: 1\norganisation: {name: X}\nprocesses:\n  - {id: a, name: A, implements: [1.1.1.5], bogus: 1}\n",
        encoding="utf-8",
    )
    _, out, _ = run_cli(["check", str(path), "--select", "MOD-1,MOD-11", "--format", "json"], capsys)
    assert [(f["rule"], f["location"]["line"]) for f in json.loads(out)["findings"]] == [("MOD-11", 4)]
    _, out, _ = run_cli(
        ["check", str(path), "--select", "MOD", "--ignore", "MOD-11", "--format", "json"], capsys
    )
    assert json.loads(out)["findings"] == []


def test_unreadable_organisation_file_is_not_also_reported_as_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-org.yaml").write_bytes(b"model: 1\norganisation: {name: \xff}\n")
    (tmp_path / "b.yaml").write_text("model: 1\nprocesses: []\n", encoding="utf-8")
    _, out, _ = run_cli(["check", str(tmp_path), "--select", "MOD", "--format", "json"], capsys)
    assert [(f["rule"], f["location"]["file"].rsplit("/", 1)[-1]) for f in json.loads(out)["findings"]] == [
        ("MOD-2", "a-org.yaml")
    ]


def test_rules_json_gives_the_clause_as_a_general_statement(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(["rules", "--format", "json", "--lang", "en"], capsys)
    clauses = {r["id"]: r["clause"] for r in json.loads(out)}
    assert clauses["COV-1"] == "GOST R 53633.3-2009, Table 1, <element>"
    assert clauses["FAB-2"] == "GOST R 53633.3-2009, Table 1, 1.1.1.2"
    assert not any("{" in c for c in clauses.values())


@pytest.mark.parametrize(
    "options",
    [
        ["--select", "FAB"],
        ["--ignore", "MOD,COV"],
        ["--fail-on", "never"],
        ["--ignore", "MOD-1", "--fail-on", "info"],
    ],
)
def test_a_model_that_could_not_be_read_never_passes(
    options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("model: 1\nprocesses:\n  - id: [unclosed\n", encoding="utf-8")
    code, out, _ = run_cli(["check", str(bad), "--format", "json", *options], capsys)
    data = json.loads(out)
    assert code == 1 and data["conformant"] is False
    assert [(f["rule"], f["location"]["line"]) for f in data["findings"] if f["rule"].startswith("MOD")] == [
        ("MOD-1", 4)
    ]


def test_no_locale_at_all_means_russian(
    gap: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    assert "Удержание" in run_cli(["check", gap], capsys)[1]


def test_location_file_is_the_path_as_given_joined(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "m" / "sub"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text("model: 1\norganisation: {name: X}\nbogus: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for given, shown in (
        ("./m/", "./m/sub/a.yaml"),
        ("m", "m/sub/a.yaml"),
        ("./m/sub/a.yaml", "./m/sub/a.yaml"),
    ):
        _, out, _ = run_cli(["check", given, "--select", "MOD-11", "--format", "json"], capsys)
        assert [f["location"]["file"] for f in json.loads(out)["findings"]] == [shown]


def test_billing_through_its_three_parts_takes_their_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.yaml"
    base = "model: 1\norganisation: {name: X}\nprocesses:\n"
    cases = {
        "covered": "  - {id: a, name: A, implements: [1.1.1.10, 1.1.1.11, 1.1.1.12]}\n",
        "partial": "  - {id: a, name: A, implements: [1.1.1.10, 1.1.1.11, 1.1.1.12.1]}\n",
        "external": "  - {id: a, name: A, implements: [1.1.1.10, 1.1.1.11, 1.1.1.12], external: true}\n",
    }
    for expected, processes in cases.items():
        path.write_text(base + processes, encoding="utf-8")
        _, out, _ = run_cli(["check", str(path), "--format", "json"], capsys)
        (billing,) = [c for c in json.loads(out)["coverage"] if c["element"] == "1.1.1.8"]
        assert (billing["status"], billing["via"]) == (expected, ["1.1.1.10", "1.1.1.11", "1.1.1.12"])
