"""The HTML report in a real browser: headless Chromium renders the page from a file, the map
shows the nine CRM elements with their statuses, and a screenshot is kept in tests/artifacts/."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker.cli.main import main

from .conftest import REPORT_SAMPLE_STATUSES, ROOT

SAMPLE = str(ROOT / "tests" / "models" / "report-sample.yaml")
ARTIFACTS = ROOT / "tests" / "artifacts"
EXPECTED = REPORT_SAMPLE_STATUSES
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class MapBoxes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.boxes: dict[str, str] = {}
        self.svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "svg" and found.get("id") == "etom-map":
            self.svg += 1
        if tag == "g" and found.get("data-element"):
            self.boxes[found["data-element"] or ""] = found.get("data-status") or ""


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the sample, written by the command line as a user would."""
    if browser() is None:
        assert os.environ.get("CI") != "true", "CI must have Chromium: .ci/run installs it"
        pytest.skip("no Chromium on this machine (CI installs the Debian package chromium)")
    out = tmp_path_factory.mktemp("report") / "report.html"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        with pytest.raises(SystemExit) as stop:
            main(["report", SAMPLE, "-o", str(out), "--lang", "en", "--no-cache"])
    assert stop.value.code == 1
    return out


def run_browser(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    exe = browser()
    assert exe is not None
    return subprocess.run(
        [exe, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_dom_shows_the_nine_crm_elements_with_their_status(page: Path, tmp_path: Path) -> None:
    done = run_browser(["--dump-dom", page.as_uri()], tmp_path / "profile")
    assert done.returncode == 0, done.stderr[-2000:]
    parser = MapBoxes()
    parser.feed(done.stdout)
    assert parser.svg == 1, "the rendered page holds the map"
    assert {e: parser.boxes.get(e) for e in EXPECTED} == EXPECTED


def test_screenshot(page: Path, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "report.png"
    if shot.exists():
        shot.unlink()
    done = run_browser(
        ["--screenshot=" + str(shot), "--window-size=1400,1000", page.as_uri()], tmp_path / "p"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
