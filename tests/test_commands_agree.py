"""One model, one verdict, in every command: ``check``, ``report`` and ``graph`` on the same model
with the same configuration give the same exit code, verdict and counts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import SAMPLES, run_cli
from .gate_models import model_text, write_model

CONFIGS = [
    "",  # the defaults
    'select = ["FUN-2"]\n',  # only a warning rule: the error is not selected
    'fail-on = "never"\n',
    'ignore = ["COV"]\nfail-on = "warning"\n',
    "no-waivers = true\n",
    'baseline = "b.json"\n',
    'exclude = ["broken.yaml"]\n',
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_model(
        tmp_path / "model", model_text(elements=["1.1.1.5"], waivers="  - {rule: FUN-2, reason: Позже}\n")
    )
    write_model(tmp_path / "model", "model: 1\nprocesses: [\n", "broken.yaml")
    (tmp_path / "b.json").write_text('{"etom-check-baseline": 1, "findings": []}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _verdict(html: str) -> tuple[bool, dict[str, int]]:
    counts = dict(re.findall(r'data-count="(\w+)"><b>(\d+)</b>', html))
    return 'data-conformant="true"' in html, {
        k: int(v) for k, v in counts.items() if k not in ("files", "processes")
    }


@pytest.mark.parametrize("config", CONFIGS)
def test_same_exit_code_verdict_and_counts(
    project: Path, config: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(
        f'[tool.etom-check]\npaths = ["model"]\nformat = "json"\nreports = ["sarif:s.sarif"]\n{config}',
        encoding="utf-8",
    )
    code, out, err = run_cli(["check"], capsys)
    assert code in (0, 1), err
    data = json.loads(out)
    counts = {
        k: v for k, v in data["summary"].items() if k in ("error", "warning", "info", "waived", "baselined")
    }
    code_report, _, err = run_cli(["report", "-o", "page/r.html"], capsys)
    assert code_report == code, err
    assert _verdict((project / "page" / "r.html").read_text(encoding="utf-8")) == (data["conformant"], counts)
    for fmt in ("dot", "mermaid", "graphml"):
        code_graph, picture, err = run_cli(["graph", "--format", fmt], capsys)
        assert code_graph == code, (fmt, err)
        verdict = "The model conforms." if data["conformant"] else "The model does NOT conform."
        russian = "Модель соответствует." if data["conformant"] else "Модель НЕ соответствует."
        assert verdict in picture or russian in picture


def test_graph_and_report_refuse_check_only_options(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(["graph", "model", "--write-baseline", "x.json"], capsys)
    assert code == 2 and "--write-baseline" in err


def test_samples_agree(capsys: pytest.CaptureFixture[str]) -> None:
    for sample in [SAMPLES / "operator", *sorted((SAMPLES / "broken").iterdir())]:
        codes = {
            run_cli([command, str(sample), *extra], capsys)[0]
            for command, extra in (("check", []), ("report", []), ("graph", []))
        }
        assert len(codes) == 1, sample
