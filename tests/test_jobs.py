"""Parsing in worker processes (``--jobs``) never changes a result: every format is byte for
byte the same with and without workers, with and without the cache, on every sample, on broken
models and on generated ones; where fork is missing or the workers cannot start, the files are
parsed one after the other."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from checker.engine import check
from checker.io import workers
from checker.io.sources import DEFAULT_LIMITS
from checker.reporters import REPORTERS

from .conftest import ROOT, SAMPLES, run_cli
from .test_cache import MODELS, outputs

BROKEN_FILES = {
    "dup.yaml": "model: 1\nprocesses:\n  - id: a\n    name: A\n    name: B\n    implements: [1.1.1.5]\n",
    "alias.yaml": "model: 1\nx-a: &a [1.1.1.6]\nprocesses:\n  - id: b\n    name: B\n    implements: *a\n"
    "    functions: [no-such-function]\n    interfaces:\n      - to: nobody\n",
    "merge.yaml": "model: 1\nx-b: &b {name: C, functions: [zz-top]}\nprocesses:\n  - <<: *b\n    id: c\n"
    "    implements: [1.1.1.7, 1.9.9.9]\n    interfaces: [{to: nowhere}]\n",
    "slip.yaml": "model: 1\nprocesses:\n  - id: d\n    Name: D\n    implements: 1.1.1.5\n    external: yes\n"
    "    interfaces: e\n",
    "keyed.yaml": "model: 1\nprocesses:\n  e: {name: E, implements: [1.1.1.9.], functions: [[x], y]}\n",
    "tag.yaml": "model: 1\nx-t: !!python/name:os.system x\n",
    "syntax.yaml": "model: 1\nprocesses: [\n",
    # a repair that changes the shape of the data (a list of one text read as the text): the
    # places of a document parsed by a worker must be made before it
    "listtext.yaml": "model: 1\norganisation: {name: [X]}\nprocesses:\n  - id: f\n    name: [F]\n"
    "    implements: [1.1.1.5, 9.9.9]\n",
}


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    folder = tmp_path / "broken"
    folder.mkdir()
    for name, text in BROKEN_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _spied(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of files each call of the workers was given."""
    calls: list[int] = []
    parse_all = workers.parse_all

    def spy(jobs: Any, processes: int) -> Any:
        calls.append(len(jobs))
        return parse_all(jobs, processes)

    monkeypatch.setattr(workers, "parse_all", spy)
    return calls


@pytest.mark.parametrize("model", [*MODELS, None], ids=lambda p: str(p.relative_to(ROOT)) if p else "broken")
def test_every_format_is_the_same_with_and_without_workers(
    model: Path | None,
    broken: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paths = [str(model or broken)]
    calls = _spied(monkeypatch)
    expected = outputs(paths, capsys, "--no-cache", "--jobs", "1")
    assert calls == []
    assert outputs(paths, capsys, "--no-cache", "--jobs", "2") == expected
    cache = str(tmp_path / "cache")
    assert outputs(paths, capsys, "--cache-dir", cache, "--jobs", "2") == expected
    assert outputs(paths, capsys, "--cache-dir", cache, "--jobs", "2") == expected
    files = len(list(Path(paths[0]).rglob("*.y*ml"))) if Path(paths[0]).is_dir() else 1
    if files > 1:
        assert calls and max(calls) == files, "the workers parsed every file"


def test_graph_and_report_take_jobs(broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command, extra in (("report", ["-o", "-"]), ("graph", ["--format", "mermaid"])):
        alone = run_cli([command, str(broken), *extra, "--jobs", "1", "--no-cache"], capsys)
        assert run_cli([command, str(broken), *extra, "--jobs", "2", "--no-cache"], capsys) == alone


@pytest.mark.parametrize("how", ["no fork", "workers cannot start"])
def test_without_fork_the_files_are_parsed_here(
    how: str, broken: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = outputs([str(broken)], capsys, "--no-cache", "--jobs", "1")
    if how == "no fork":
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn", "forkserver"])
    else:

        def refuse(*args: Any, **kwargs: Any) -> Any:
            raise OSError("no more processes")

        monkeypatch.setattr(multiprocessing.context.ForkContext, "Pool", refuse)
    assert workers.parse_all([("x.yaml", b"model: 1\n", DEFAULT_LIMITS, None, "")], 2) is None
    assert outputs([str(broken)], capsys, "--no-cache", "--jobs", "2") == expected


def test_auto_is_workers_only_for_a_large_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "cpus", lambda: 2)
    assert workers.processes_for(None, workers.AUTO_BYTES - 1, 20) == 1
    assert workers.processes_for(None, workers.AUTO_BYTES, 20) == 2
    assert workers.processes_for(None, workers.AUTO_BYTES, 1) == 1
    assert workers.processes_for(4, 10, 3) == 3
    assert workers.processes_for(1, 10**9, 30) == 1


@pytest.mark.parametrize("value", ["0", "-1", "many", "1.5"])
def test_jobs_must_be_auto_or_a_count(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["check", str(SAMPLES / "operator"), "--jobs", value], capsys)
    assert code == 2 and "--jobs" in err and "auto" in err


def test_the_configuration_sets_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = _spied(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.etom-check]\npaths = ["{SAMPLES / "broken" / "model-errors"}"]\njobs = 2\n', encoding="utf-8"
    )
    assert run_cli(["check", "--no-cache"], capsys)[0] == 1
    assert calls
    (tmp_path / "pyproject.toml").write_text('[tool.etom-check]\njobs = "none"\n', encoding="utf-8")
    code, _, err = run_cli(["check", str(SAMPLES / "operator")], capsys)
    assert code == 2 and "jobs" in err


def test_the_library_parses_in_workers_when_asked(broken: Path) -> None:
    rendered = [
        REPORTERS["json"](check([str(broken), str(SAMPLES / "operator")], lang="en", jobs=jobs).view)
        for jobs in (1, 2, None)
    ]
    assert rendered[0] == rendered[1] == rendered[2]
