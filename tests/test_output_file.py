"""``-o FILE``: written whole or not at all, and never over a file of the model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.io import output
from checker.reporters import REPORTERS

from .conftest import SMALL_MODEL, run_cli

MODEL = SMALL_MODEL
PREVIOUS = '{"previous": "report"}\n'


@pytest.fixture
def model(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "a.yaml").write_text(MODEL, encoding="utf-8")
    return folder


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_the_report_is_written_whole(model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = model.parent / "report.json"
    report.write_text(PREVIOUS, encoding="utf-8")
    code, out, err = run_cli(["check", "--format", "json", "-o", str(report), str(model)], capsys)
    assert (code, out, err) == (1, "", "")
    _, printed, _ = run_cli(["check", "--format", "json", str(model)], capsys)
    assert report.read_text(encoding="utf-8") == printed
    assert leftovers(model.parent) == []


def test_a_reporter_that_fails_leaves_the_previous_report(
    model: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    report = model.parent / "report.json"
    report.write_text(PREVIOUS, encoding="utf-8")

    def broken(result: object) -> str:
        raise RuntimeError("the reporter broke half way")

    monkeypatch.setitem(REPORTERS, "json", broken)
    code, out, err = run_cli(
        ["check", "--format", "json", "-o", str(report), str(model), "--lang", "en"], capsys
    )
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "internal error: RuntimeError: the reporter broke half way" in err
    assert report.read_text(encoding="utf-8") == PREVIOUS
    assert leftovers(model.parent) == []


@pytest.mark.parametrize("failing", ["write", "replace"])
def test_a_write_that_fails_leaves_the_previous_report_and_no_temporary_file(
    model: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], failing: str
) -> None:
    report = model.parent / "report.json"
    report.write_text(PREVIOUS, encoding="utf-8")
    if failing == "replace":

        def replace(src: object, dst: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(output.os, "replace", replace)
    else:
        real_fdopen = os.fdopen

        class Half:
            """A file that takes the first half of the report, then finds the disk full."""

            def __init__(self, fd: int, *args: object, **kwargs: object) -> None:
                self.handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

            def __enter__(self) -> Half:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, text: str) -> None:
                self.handle.write(text[: len(text) // 2])
                self.handle.flush()
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(output.os, "fdopen", Half)
    code, out, err = run_cli(
        ["check", "--format", "json", "-o", str(report), str(model), "--lang", "en"], capsys
    )
    assert (code, out) == (2, "")
    assert err == f"etom-check: error: {report}: No space left on device\n"
    assert report.read_text(encoding="utf-8") == PREVIOUS
    assert leftovers(model.parent) == []


def test_refuses_to_overwrite_a_file_of_the_model(model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = model / "a.yaml"
    link = model.parent / "link.json"
    link.symlink_to(target)
    for spelling in (str(target), f"{model}/../{model.name}/./a.yaml", str(link)):
        code, out, err = run_cli(
            ["check", "--format", "json", "-o", spelling, str(model), "--lang", "en"], capsys
        )
        assert (code, out) == (2, "")
        assert err == f"etom-check: error: {spelling}: refusing to overwrite a file of the model\n"
        assert target.read_text(encoding="utf-8") == MODEL
    assert leftovers(model) == [] and leftovers(model.parent) == []


def test_a_folder_or_a_new_folder_as_output(model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["check", "-o", str(model), str(model), "--lang", "en"], capsys)
    assert (code, out, err) == (2, "", f"etom-check: error: {model}: is a folder\n")
    # a report in a folder that does not exist yet: the folders are made, the gate decides
    new = model.parent / "no" / "such" / "report.txt"
    code, out, err = run_cli(["check", "-o", str(new), str(model)], capsys)
    assert (code, out, err) == (1, "", "") and new.is_file()
    # a path through a file cannot be made: exit 2 with one line
    through = model.parent / "no" / "such" / "report.txt" / "x.txt"
    code, out, err = run_cli(["check", "-o", str(through), str(model), "--lang", "en"], capsys)
    assert (code, out) == (2, "") and len(err.splitlines()) == 1 and str(through) in err
    assert err == f"etom-check: error: {through}: {new} is a file, not a folder\n"
    # the same for every output: the page, the baseline, the reports
    for args in (
        ["report", str(model), "-o", str(through)],
        ["check", str(model), "--write-baseline", str(through)],
        ["check", str(model), "--report", f"json:{through}"],
    ):
        code, out, err = run_cli([*args, "--lang", "en"], capsys)
        assert (code, err) == (2, f"etom-check: error: {through}: {new} is a file, not a folder\n"), args


@pytest.mark.skipif(os.name != "posix", reason="file modes as on POSIX")
def test_a_new_report_is_an_ordinary_file_and_a_replaced_one_keeps_its_mode(
    model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    umask = os.umask(0o022)
    try:
        fresh = model.parent / "fresh.txt"
        assert run_cli(["check", "-o", str(fresh), str(model)], capsys)[0] == 1
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = model.parent / "kept.txt"
        kept.write_text(PREVIOUS, encoding="utf-8")
        kept.chmod(0o640)
        assert run_cli(["check", "-o", str(kept), str(model)], capsys)[0] == 1
        assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_text(encoding="utf-8") != PREVIOUS
    finally:
        os.umask(umask)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_as_output_is_written_to_not_replaced(
    model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["check", "-o", "/dev/null", str(model)], capsys)
    assert (code, out, err) == (1, "", "")
    assert Path("/dev/null").is_char_device()


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout")
def test_dev_stdout_as_output(model: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--lang", "en", "-o", "/dev/stdout", str(model)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert f"{model}/a.yaml:5:5: FUN-1 error" in done.stdout
    assert Path("/dev/stdout").is_symlink() or not Path("/dev/stdout").is_file()
