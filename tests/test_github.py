"""GitHub workflow commands: one annotation per finding, escaped as GitHub requires, and the
Markdown job summary appended to $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.findings import Finding, Location, Severity
from checker.reporters.github import annotation, escape_data, escape_property

from .conftest import run_cli
from .gate_models import WAIVE_9, model_text, write_model


def test_escaping() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_data("a:b,c") == "a:b,c"
    assert escape_property("C:\\x,y%\n") == "C%3A\\x%2Cy%25%0A"


def _finding(severity: Severity, file: str = "m,odel:1.yaml", message: str = "50% of\nit") -> Finding:
    return Finding(
        rule="COV-1",
        severity=severity,
        category="coverage",
        subject="1.1.1.9",
        message=message,
        clause="",
        location=Location(file, 3, 5),
        fingerprint="f" * 32,
    )


@pytest.mark.parametrize(
    ("severity", "command"),
    [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "notice")],
)
def test_annotation(severity: Severity, command: str) -> None:
    line = annotation(_finding(severity), "en")
    assert line == (
        f"::{command} file=m%2Codel%3A1.yaml,line=3,col=5,title=COV-1 {severity.label}::50%25 of%0Ait"
    )


def test_check_prints_annotations_and_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    model = write_model(tmp_path, model_text(elements=["1.1.1.5", "1.1.1.1"], waivers=WAIVE_9))
    code, out, _ = run_cli(
        ["check", str(model), "--format", "github", "--lang", "en", "--select", "COV"], capsys
    )
    assert code == 1
    lines = out.splitlines()
    assert f"::error file={model},line=2,col=1,title=COV-1 error::Element 1.1.1.2" in "\n".join(lines)
    assert any(x.startswith("::notice ") and "[waived: " in x for x in lines)
    assert lines[-1].endswith("The model does NOT conform.")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## etom-check: GOST R 53633.3-2009\n")
    assert "❌ **The model does NOT conform.**" in text
    assert "| 1.1.1.5 | Order Handling | covered | p-1-1-1-5 |" in text
    assert "| 1.1.1.9 | Retention &amp; Loyalty | waived | — |" in text
    assert "| 1.1.1.2 | Customer Interface Management | missing | — |" in text


def test_no_summary_without_the_variable_or_the_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    model = write_model(tmp_path, model_text())
    run_cli(["check", str(model), "--format", "text"], capsys)
    assert not summary.exists()
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    code, out, _ = run_cli(["check", str(model), "--format", "github"], capsys)
    assert code == 1 and out.startswith("::")
    assert not summary.exists()


def test_summary_cells_carry_no_html_or_column_breaks() -> None:
    from checker.reporters.github import _cell

    assert _cell("a|b<img src=x> & \nc") == "a\\|b&lt;img src=x&gt; &amp;  c"
    # model text is shown as written: no image, link, emphasis or code span is made of it
    hostile = "![t](https://evil.example/t.png) [click](https://evil.example) **bold** `x"
    assert _cell(hostile) == (
        "\\!\\[t\\]\\(https://evil.example/t.png\\) \\[click\\]\\(https://evil.example\\) \\*\\*bold\\*\\* \\`x"
    )
