"""Shared helpers: run the command line in-process, and read `# expect:` annotations."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from checker.cli.main import main

# Property tests (tests/test_hostile_input.py): the default profile is small and derandomized,
# so CI is quick and repeatable; HYPOTHESIS_PROFILE=thorough searches far wider.
settings.register_profile(
    "default",
    max_examples=300,
    derandomize=True,
    deadline=5000,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=2000, deadline=5000, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session", autouse=True)
def _suite_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A cache folder for what runs outside a test (fixtures of a module): never the working
    folder's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ETOM_CHECK_CACHE_DIR", str(tmp_path_factory.mktemp("suite-cache")))
        yield


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's cache folder, one for each test and for the commands it runs: no test
    reads what another kept, and none writes into the working folder (the tests of the cache
    itself compare cached and uncached runs on purpose)."""
    monkeypatch.setenv("ETOM_CHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


ROOT = Path(__file__).resolve().parent.parent
RULE_FIXTURES = ROOT / "tests" / "rules"
SAMPLES = ROOT / "samples"

# a one-process model, for tests of reading, limits and output files
SMALL_MODEL = """model: 1
organisation:
  name: ООО «Тест»
processes:
  - id: order-entry
    name: Приём заказов
    implements: [1.1.1.5]
"""

# tests/models/report-sample.yaml: the status of each CRM element on the map
REPORT_SAMPLE_STATUSES = {
    "1.1.1.1": "covered",
    "1.1.1.2": "covered",
    "1.1.1.3": "covered",
    "1.1.1.4": "covered",
    "1.1.1.5": "covered",
    "1.1.1.6": "partial",
    "1.1.1.7": "external",
    "1.1.1.8": "covered",
    "1.1.1.9": "missing",
}

EXPECT = re.compile(r"#\s*expect:\s*(.+)$")
ITEM = re.compile(r"([A-Z]+-\d+)(?:\[([^\]]+)\])?(?:@(\d+))?")


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``etom-check ARGS`` in-process: (exit code, stdout, stderr)."""
    try:
        main(args)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    else:  # pragma: no cover - main always exits
        code = 0
    out, err = capsys.readouterr()
    return code, out, err


def fixture_files(path: Path) -> list[Path]:
    return sorted(path.rglob("*.y*ml")) if path.is_dir() else [path]


Expected = tuple[str, int, int | None, str, str | None]


def expectations(path: Path, root: Path) -> Counter[Expected]:
    """(file, line, column, rule, subject) for every `# expect: RULE[subject]@column ...` in a
    fixture (subject and column may be left out: None).

    The file is relative to the fixture's folder (a fixture may be one file or a folder);
    several findings on one line are written one after another.
    """
    found: Counter[Expected] = Counter()
    for file in fixture_files(path):
        rel = file.relative_to(root).as_posix() if path.is_dir() else file.name
        text = file.read_text(encoding="utf-8-sig")
        for number, line in enumerate(text.splitlines(), start=1):
            match = EXPECT.search(line)
            if match:
                for rule, subject, column in ITEM.findall(match.group(1)):
                    found[(rel, number, int(column) if column else None, rule, subject or None)] += 1
    return found
