"""Bad input that a text fixture cannot hold: bytes that are not UTF-8, files over the size
limit, files that cannot be read; and the limits' edges that are costly to keep as fixtures.

Each test builds its files in a temporary folder and asserts the rule, file, line and column,
and that the other files of the model are still checked.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.engine import check
from checker.findings import Finding
from checker.io.reading import Limits

from .conftest import run_cli

ORGANISATION = "model: 1\norganisation:\n  name: ООО «Тест»\n"


def _of(rule: str, findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [
        (Path(f.location.file).name, f.location.line, f.location.column) for f in findings if f.rule == rule
    ]


def test_not_utf8_latin1(tmp_path: Path) -> None:
    """MOD-2: a latin-1 byte; the finding is at the byte's line and column."""
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"model: 1\nprocesses:\n  - id: caf\xe9\n")
    (tmp_path / "good.yaml").write_text(ORGANISATION, encoding="utf-8")
    result = check([str(tmp_path)], lang="en")
    assert _of("MOD-2", result.findings) == [("bad.yaml", 3, 12)]
    finding = next(f for f in result.findings if f.rule == "MOD-2")
    assert "0xE9" in finding.message
    # the good file is still read and checked on its own; the checks over the whole model are
    # held back (what the unread file holds may change them), and the model never passes
    assert [d.file for d in result.loaded.documents] == [str(tmp_path / "good.yaml")]  # type: ignore[union-attr]
    assert not _of("COV-1", result.findings) and "COV-1" in {r.id for r in result.held_back}
    assert result.exit_code == 1


def test_not_utf8_cp1251_after_cyrillic(tmp_path: Path) -> None:
    """MOD-2: the column counts characters: the Cyrillic letters before the bad byte count once each."""
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(
        ORGANISATION.encode("utf-8")
        + "processes:\n  - {id: a, name: Заказ ".encode()
        + "ы".encode("cp1251")
        + b"}\n"
    )
    result = check([str(bad)], lang="ru")
    assert _of("MOD-2", result.findings) == [("bad.yaml", 5, 25)]
    assert not _of("MOD-1", result.findings)


def test_utf16_is_not_utf8(tmp_path: Path) -> None:
    bad = tmp_path / "utf16.yaml"
    bad.write_bytes(ORGANISATION.encode("utf-16"))
    assert _of("MOD-2", check([str(bad)]).findings) == [("utf16.yaml", 1, 1)]


def test_empty_file(tmp_path: Path) -> None:
    """MOD-3: a file of no bytes at all is a document that is not a mapping."""
    empty = tmp_path / "empty.yaml"
    empty.write_bytes(b"")
    (tmp_path / "organisation.yaml").write_text(ORGANISATION, encoding="utf-8")
    result = check([str(tmp_path)], lang="en")
    assert _of("MOD-3", result.findings) == [("empty.yaml", 1, 1)]
    assert "an empty file" in next(f.message for f in result.findings if f.rule == "MOD-3")


def test_file_over_default_size_limit(tmp_path: Path) -> None:
    """MOD-6 at the default limit of 64 MiB: a sparse file, so nothing is written or read."""
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(64 * 1024 * 1024 + 1)
    (tmp_path / "organisation.yaml").write_text(ORGANISATION, encoding="utf-8")
    result = check([str(tmp_path)], lang="en")
    assert _of("MOD-6", result.findings) == [("big.yaml", 1, 1)]
    assert str(64 * 1024 * 1024 + 1) in next(f.message for f in result.findings if f.rule == "MOD-6")
    assert not _of("COV-1", result.findings) and "COV-1" in {r.id for r in result.held_back}


def test_file_at_default_size_limit_is_read(tmp_path: Path) -> None:
    at_limit = tmp_path / "padded.yaml"
    text = ORGANISATION.encode("utf-8")
    at_limit.write_bytes(text + b"#" * (64 * 1024 * 1024 - len(text) - 1) + b"\n")
    result = check([str(at_limit)])
    assert not _of("MOD-6", result.findings)
    assert not _of("MOD-21", result.findings)


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    model = tmp_path / "model.yaml"
    model.write_text(ORGANISATION, encoding="utf-8")
    size = model.stat().st_size
    assert not _of("MOD-6", check([str(model)], limits=Limits(max_file_bytes=size)).findings)
    assert _of("MOD-6", check([str(model)], limits=Limits(max_file_bytes=size - 1)).findings) == [
        ("model.yaml", 1, 1)
    ]


def test_alias_limit_is_configurable(tmp_path: Path) -> None:
    """MOD-7 with a lower limit: the alias that passes it is reported."""
    model = tmp_path / "model.yaml"
    model.write_text(ORGANISATION + "x-a: &a [1, 2, 3]\nx-b: [*a, *a]\nx-c: [*a, *a]\n", encoding="utf-8")
    assert not _of("MOD-7", check([str(model)], limits=Limits(max_alias_nodes=16)).findings)
    assert _of("MOD-7", check([str(model)], limits=Limits(max_alias_nodes=15)).findings) == [
        ("model.yaml", 6, 11)
    ]


def test_deep_block_nesting_is_refused_without_recursion(tmp_path: Path) -> None:
    """MOD-8: nesting far beyond the limit (block style) is a finding, never a RecursionError."""
    model = tmp_path / "deep.yaml"
    model.write_text(
        ORGANISATION + "x-deep:\n" + "".join("  " * i + "- \n" for i in range(1, 5000)), encoding="utf-8"
    )
    result = check([str(model)])
    assert [(f.location.line, f.rule) for f in result.findings if f.rule == "MOD-8"] == [
        (68, "MOD-8")
    ]  # the 65th level opens on line 68


def test_unreadable_file(tmp_path: Path) -> None:
    """MOD-9: a model file that cannot be opened (a link to nowhere) is a finding at line 1."""
    (tmp_path / "organisation.yaml").write_text(ORGANISATION, encoding="utf-8")
    (tmp_path / "lost.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = check([str(tmp_path)], lang="en")
    assert _of("MOD-9", result.findings) == [("lost.yaml", 1, 1)]
    assert not _of("COV-1", result.findings) and "COV-1" in {r.id for r in result.held_back}
    # named directly on the command line, too
    assert _of("MOD-9", check([str(tmp_path / "lost.yaml")]).findings) == [("lost.yaml", 1, 1)]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions that bind")
def test_file_without_read_permission(tmp_path: Path) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text(ORGANISATION, encoding="utf-8")
    locked.chmod(0)
    try:
        assert _of("MOD-9", check([str(locked)]).findings) == [("locked.yaml", 1, 1)]
    finally:
        locked.chmod(0o600)


def test_bad_input_through_the_cli_gives_findings_not_tracebacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-latin1.yaml").write_bytes(b"model: 1\nname: caf\xe9\n")
    (tmp_path / "b-lost.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "c-empty.yaml").write_bytes(b"")
    (tmp_path / "d-organisation.yaml").write_text(ORGANISATION, encoding="utf-8")
    code, out, err = run_cli(["check", str(tmp_path), "--lang", "en", "--format", "text"], capsys)
    assert code == 1
    assert "Traceback" not in out + err
    for name, line, rule in (
        ("a-latin1.yaml", 2, "MOD-2"),
        ("b-lost.yaml", 1, "MOD-9"),
        ("c-empty.yaml", 1, "MOD-3"),
    ):
        assert f"{name}:{line}:" in out and rule in out


def test_not_utf8_after_a_byte_order_mark(tmp_path: Path) -> None:
    """MOD-2 in a file that starts with a UTF-8 byte-order mark: the mark moves no position."""
    second_line = tmp_path / "second.yaml"
    second_line.write_bytes(b"\xef\xbb\xbfmodel: 1\n\xff\n")
    first_line = tmp_path / "first.yaml"
    first_line.write_bytes(b"\xef\xbb\xbfmodel: \xff\n")
    findings = check([str(second_line), str(first_line)], lang="en").findings
    assert sorted(_of("MOD-2", findings)) == [("first.yaml", 1, 8), ("second.yaml", 2, 1)]
    assert {f.message for f in findings if f.rule == "MOD-2"} == {
        "The file is not UTF-8: invalid byte 0xFF; save the file as UTF-8"
    }


@pytest.mark.parametrize("end", [b"\r", b"\r\n", b"\n"])
def test_not_utf8_with_any_line_end(tmp_path: Path, end: bytes) -> None:
    """MOD-2 at the byte's line and column whether lines end at CR, CRLF or LF (as YAML counts)."""
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(
        end.join([b"model: 1", b"processes:", "  - {id: a, name: Заказ ".encode() + b"\xff}", b""])
    )
    assert _of("MOD-2", check([str(bad)], lang="en").findings) == [("bad.yaml", 3, 25)]


@pytest.mark.parametrize("end", [b"\r", b"\r\n", b"\n"])
def test_a_character_yaml_refuses_with_any_line_end(tmp_path: Path, end: bytes) -> None:
    """MOD-1 for a control character at its line and column, whatever the line ends."""
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(end.join([b"model: 1", b"organisation:", "  name: ООО \x1b".encode(), b""]))
    assert _of("MOD-1", check([str(bad)], lang="en").findings) == [("bad.yaml", 3, 13)]
    bad.write_bytes(b"\xef\xbb\xbfmodel: \x1b" + end)  # a byte-order mark moves no column
    assert _of("MOD-1", check([str(bad)], lang="en").findings) == [("bad.yaml", 1, 8)]
