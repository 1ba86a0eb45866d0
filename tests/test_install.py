"""A plain (not editable) install into a fresh virtual environment finds its rule pack and runs."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.skipif(
    os.environ.get("ETOM_SKIP_INSTALL_TEST") == "1" and os.environ.get("CI") != "true",
    reason="ETOM_SKIP_INSTALL_TEST=1 (never skipped in CI)",
)


def test_non_editable_install_runs_the_console_script(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    model = ROOT / "tests" / "models" / "conformant.yaml"
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(env_dir / "bin" / "etom-check"), *args],
            cwd=elsewhere,
            capture_output=True,
            text=True,
            env=clean_env,
            check=False,
            timeout=120,
        )

    located = subprocess.run(
        [str(python), "-c", "import checker, pathlib; print(pathlib.Path(checker.__file__).parent)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=clean_env,
        check=True,
    ).stdout.strip()
    assert Path(located).resolve().is_relative_to(env_dir.resolve()), located

    done = run("check", str(model), "--lang", "en")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("The model conforms.")

    rules = run("rules", "--lang", "en")
    assert rules.returncode == 0 and "FAB-9" in rules.stdout

    gap = elsewhere / "gap.yaml"
    gap.write_text(
        model.read_text(encoding="utf-8").replace("implements: [1.1.1.9]", "implements: [1.1.2.1]"),
        encoding="utf-8",
    )
    failed = run("check", str(gap), "--lang", "en")
    assert failed.returncode == 1
    assert "COV-1 error Element 1.1.1.9" in failed.stdout

    report = elsewhere / "report.html"
    done = run("report", str(gap), "-o", str(report), "--lang", "en")
    assert done.returncode == 1 and done.stderr == ""
    assert 'data-element="1.1.1.9" data-status="missing"' in report.read_text(encoding="utf-8")
    assert sys.version_info >= (3, 11)
