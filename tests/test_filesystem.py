"""The filesystem as a CI checkout presents it: links, pipes, devices, odd names, hidden folders.

CI runs as root, whom permission bits do not stop, so an unreadable file is made another way:
a link that points nowhere or in a circle, a named pipe, a listing that fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from checker.engine import check

from .conftest import SMALL_MODEL, run_cli

MODEL = SMALL_MODEL
OTHER = "model: 1\nprocesses:\n  - {id: billing, name: Расчёты, implements: [1.1.1.10]}\n"

needs_posix = pytest.mark.skipif(os.name != "posix", reason="links, pipes and devices as on POSIX")


def run_json(capsys: pytest.CaptureFixture[str], *paths: str | Path) -> tuple[int, dict[str, Any], str]:
    code, out, err = run_cli(["check", "--format", "json", "--lang", "en", *map(str, paths)], capsys)
    return code, (json.loads(out) if out else {}), err


def unreadable(result: dict[str, Any]) -> dict[str, str]:
    """File -> message of every MOD-9 finding."""
    return {f["location"]["file"]: f["message"] for f in result["findings"] if f["rule"] == "MOD-9"}


@pytest.fixture
def model(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "a.yaml").write_text(MODEL, encoding="utf-8")
    return folder


@needs_posix
def test_a_folder_link_loop_is_entered_once(model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sub = model / "sub"
    sub.mkdir()
    (sub / "b.yaml").write_text(OTHER, encoding="utf-8")
    (sub / "loop").symlink_to("..", target_is_directory=True)
    (model / "self").symlink_to(".", target_is_directory=True)
    code, result, err = run_json(capsys, model)
    assert code == 1 and err == ""
    assert result["files"] == [f"{model}/a.yaml", f"{model}/sub/b.yaml"]


@needs_posix
def test_a_file_link_loop_and_a_dangling_link_are_findings(
    model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (model / "loop1.yaml").symlink_to("loop2.yaml")
    (model / "loop2.yaml").symlink_to("loop1.yaml")
    (model / "gone.yaml").symlink_to("nowhere.yaml")
    code, result, _ = run_json(capsys, model)
    assert code == 1
    found = unreadable(result)
    assert set(found) == {f"{model}/loop1.yaml", f"{model}/loop2.yaml", f"{model}/gone.yaml"}
    assert "too many symbolic links" in found[f"{model}/loop1.yaml"]
    assert "a link that leads nowhere" in found[f"{model}/gone.yaml"]


@needs_posix
def test_a_dangling_link_named_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "gone.yaml").symlink_to("nowhere.yaml")
    code, result, _ = run_json(capsys, tmp_path / "gone.yaml")
    assert code == 1 and set(unreadable(result)) == {str(tmp_path / "gone.yaml")}


@needs_posix
def test_named_pipes_are_refused_without_blocking(model: Path) -> None:
    """Run as a process with a timeout: opening a pipe for reading would block forever."""
    os.mkfifo(model / "pipe.yaml")
    os.mkfifo(model.parent / "named.yaml")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--format", "json", "--lang", "en", "model", "named.yaml"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=model.parent,
    )
    assert time.monotonic() - started < 30
    assert done.returncode == 1 and done.stderr == ""
    found = unreadable(json.loads(done.stdout))
    assert found == {
        "model/pipe.yaml": "The file cannot be read: not a regular file but a named pipe (FIFO)",
        "named.yaml": "The file cannot be read: not a regular file but a named pipe (FIFO)",
    }


@needs_posix
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_without_reading(device: str, capsys: pytest.CaptureFixture[str]) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    started = time.monotonic()
    code, result, err = run_json(capsys, device)
    assert time.monotonic() - started < 10
    assert code == 1 and err == ""
    assert unreadable(result) == {device: "The file cannot be read: not a regular file but a device"}


@needs_posix
def test_a_device_linked_into_the_model(model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (model / "zero.yaml").symlink_to("/dev/zero")
    code, result, _ = run_json(capsys, model)
    assert code == 1 and set(unreadable(result)) == {f"{model}/zero.yaml"}


def test_a_folder_named_like_a_yaml_file_is_a_folder(model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = model / "x.yaml"
    odd.mkdir()
    (odd / "inner.yml").write_text(OTHER, encoding="utf-8")
    code, result, _ = run_json(capsys, model)
    assert code == 1 and unreadable(result) == {}
    assert result["files"] == [f"{model}/a.yaml", f"{model}/x.yaml/inner.yml"]


def test_a_folder_that_cannot_be_listed(
    model: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = model / "locked"
    locked.mkdir()
    (locked / "hidden-by-the-error.yaml").write_text(OTHER, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, result, _ = run_json(capsys, model)
    assert code == 1
    assert unreadable(result) == {f"{model}/locked": "The file cannot be read: Permission denied"}
    assert result["files"] == [f"{model}/a.yaml"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission(model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = model / "secret.yaml"
    secret.write_text(OTHER, encoding="utf-8")
    secret.chmod(0)
    try:
        code, result, _ = run_json(capsys, model)
    finally:
        secret.chmod(0o600)
    assert code == 1 and unreadable(result) == {
        f"{model}/secret.yaml": "The file cannot be read: Permission denied"
    }


def test_a_folder_without_yaml_is_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "README.md").write_text("# not a model\n", encoding="utf-8")
    (tmp_path / ".hidden.yaml").write_text(MODEL, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.yaml").write_text(MODEL, encoding="utf-8")
    code, out, err = run_cli(["check", str(tmp_path), "--lang", "en"], capsys)
    assert (code, out) == (2, "")
    assert err == f"etom-check: error: {tmp_path}: no *.yaml or *.yml files in this folder\n"


def test_a_missing_path_is_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["check", str(tmp_path / "nope"), "--lang", "en"], capsys)
    assert (code, out) == (2, "")
    assert err == f"etom-check: error: {tmp_path}/nope: no such file or folder\n"


def test_hidden_files_and_folders_are_skipped(model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for hidden in (".git", ".github/workflows", "sub/.venv"):
        (model / hidden).mkdir(parents=True)
        (model / hidden / "broken.yaml").write_text("model: [\n", encoding="utf-8")
    (model / ".draft.yaml").write_text("model: [\n", encoding="utf-8")
    (model / "sub" / "b.yml").write_text(OTHER, encoding="utf-8")
    code, result, _ = run_json(capsys, model)
    assert code == 1
    assert result["files"] == [f"{model}/a.yaml", f"{model}/sub/b.yml"]
    assert not [f for f in result["findings"] if f["rule"] == "MOD-1"]


def test_a_hidden_file_named_on_the_command_line_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".model.yaml").write_text(MODEL, encoding="utf-8")
    _, result, _ = run_json(capsys, tmp_path / ".model.yaml")
    assert result["files"] == [str(tmp_path / ".model.yaml")]


def test_spaces_and_cyrillic_in_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "модель процессов"
    (folder / "отдел продаж").mkdir(parents=True)
    (folder / "организация и заказы.yaml").write_text(MODEL, encoding="utf-8")
    (folder / "отдел продаж" / "расчёты.yaml").write_text(OTHER + "model: 1\n", encoding="utf-8")
    code, result, err = run_json(capsys, folder)
    assert code == 1 and err == ""
    assert result["files"] == [f"{folder}/организация и заказы.yaml", f"{folder}/отдел продаж/расчёты.yaml"]
    duplicate = [f["location"] for f in result["findings"] if f["rule"] == "MOD-4"]
    assert duplicate == [{"file": f"{folder}/отдел продаж/расчёты.yaml", "line": 4, "column": 1}]


@pytest.mark.skipif(sys.platform != "linux", reason="file names of arbitrary bytes as on Linux")
def test_a_file_name_that_is_not_utf8(model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (model / os.fsdecode(b"bad-\xff.yaml")).write_text("model: [\n", encoding="utf-8")
    shown = f"{model}/bad-\ufffd.yaml"
    code, result, err = run_json(capsys, model)
    assert code == 1 and err == ""
    assert result["files"] == [f"{model}/a.yaml", shown]
    syntax = [f["location"] for f in result["findings"] if f["rule"] == "MOD-1"]
    assert syntax == [{"file": shown, "line": 2, "column": 1}]
    code, out, err = run_cli(
        ["check", "--lang", "en", "-o", str(model.parent / "report.txt"), str(model)], capsys
    )
    assert (code, out, err) == (1, "", "")
    assert f"{shown}:2:1: MOD-1 error" in (model.parent / "report.txt").read_text(encoding="utf-8")


def test_the_same_file_named_twice_is_read_once(model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = model / "a.yaml"
    spellings = [
        (str(a), str(a)),
        (str(model), str(a)),
        (str(model), str(model)),
        (str(a), f"{model}/../{model.name}/./a.yaml"),
    ]
    for paths in spellings:
        code, result, _ = run_json(capsys, *paths)
        assert code == 1
        assert len(result["files"]) == 1, paths
        assert not [f for f in result["findings"] if f["rule"] in ("MOD-14", "MOD-22")], paths


@needs_posix
def test_a_file_linked_twice_is_read_once(model: Path) -> None:
    (model / "alias.yaml").symlink_to("a.yaml")
    result = check([str(model)], lang="en")
    assert [f.display for f in result.files] == [f"{model}/a.yaml"]


@needs_posix
def test_a_pipe_swapped_in_after_the_first_look_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the look at the path and the open, a file may become a pipe: the open does not
    wait for a writer and the second look refuses it."""
    import signal

    from checker.io import files as filesystem

    pipe = tmp_path / "swapped.yaml"
    os.mkfifo(pipe)
    regular = os.stat(__file__)
    monkeypatch.setattr(filesystem.os, "stat", lambda path: regular)
    previous = signal.signal(signal.SIGALRM, signal.default_int_handler)
    signal.alarm(10)  # a blocking open would end the test with KeyboardInterrupt, not hang it
    try:
        with pytest.raises(filesystem.NotRegular) as refused:
            filesystem.read_bytes(pipe, 1000)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert refused.value.kind == "n-fifo"


def test_a_file_growing_while_read_is_read_only_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    path = tmp_path / "growing.yaml"
    path.write_bytes(b"x" * 100)
    real_fstat = os.fstat

    from checker.io import files as filesystem

    class Shrunk:  # the size as it was when the file was opened, before it grew
        def __init__(self, fd: int) -> None:
            info = real_fstat(fd)
            self.st_mode, self.st_size = info.st_mode, 10

    monkeypatch.setattr(filesystem.os, "fstat", Shrunk)
    assert filesystem.read_bytes(path, 50) == 51  # over the limit: its size so far, not its bytes
    assert filesystem.read_bytes(path, 200) == b"x" * 100


@needs_posix
@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--rules", "named-pipe:1:1: cannot read: not a regular file but a named pipe (FIFO)"),
        ("--baseline", "named-pipe: cannot read the baseline: not a regular file but a named pipe (FIFO)"),
    ],
)
def test_a_named_pipe_as_rule_pack_or_baseline_is_exit_2_without_blocking(
    model: Path, capsys: pytest.CaptureFixture[str], option: str, message: str
) -> None:
    """Opening a pipe for reading would wait for a writer forever: it is refused instead."""
    import signal

    pipe = model.parent / "named-pipe"
    os.mkfifo(pipe)
    previous = signal.signal(signal.SIGALRM, signal.default_int_handler)
    signal.alarm(10)  # a blocking open would end the test with KeyboardInterrupt, not hang it
    try:
        code, out, err = run_cli(["check", str(model), option, str(pipe), "--lang", "en"], capsys)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert (code, out) == (2, "")
    assert err == f"etom-check: error: {model.parent}/{message}\n"


@pytest.mark.parametrize(
    ("module", "option", "message"),
    [
        ("standard.datafiles", "--rules", "big.yaml:1:1: cannot read: 120 bytes, more than the limit of 100"),
        (
            "engine.baseline",
            "--baseline",
            "big.yaml: cannot read the baseline: 120 bytes, more than the limit of 100",
        ),
    ],
)
def test_a_rule_pack_or_baseline_over_the_size_limit_is_exit_2(
    model: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    option: str,
    message: str,
) -> None:
    import importlib

    from checker.io.reading import Limits

    monkeypatch.setattr(
        importlib.import_module(f"checker.{module}"), "DEFAULT_LIMITS", Limits(max_file_bytes=100)
    )
    big = model.parent / "big.yaml"
    big.write_text("#" * 119 + "\n", encoding="utf-8")
    code, out, err = run_cli(["check", str(model), option, str(big), "--lang", "en"], capsys)
    assert (code, out) == (2, "")
    assert err == f"etom-check: error: {model.parent}/{message}\n"


@pytest.mark.parametrize("option", ["--rules", "--baseline"])
def test_a_folder_as_rule_pack_or_baseline_is_exit_2(
    model: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    code, out, err = run_cli(["check", str(model), option, str(model), "--lang", "en"], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"etom-check: error: {model}") and "a folder, not a file" in err
    assert err.count("\n") == 1
