"""Every bound on reading a model: its default, its option, and the finding (or exit 2) beyond it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.cli.options import SizeType
from checker.engine import check
from checker.io.parsing import _first_long_line
from checker.io.reading import DEFAULT_LIMITS, Limits

from .conftest import SMALL_MODEL, run_cli

MODEL = SMALL_MODEL


LIMIT_RULES = frozenset(("MOD-6", "MOD-7", "MOD-8", "MOD-13", "MOD-40", "MOD-41", "MOD-42"))


def findings(out: str) -> set[tuple[str, int, int, str]]:
    """(file name, line, column, rule) of the findings of the limits in JSON output."""
    return {
        (Path(f["location"]["file"]).name, f["location"]["line"], f["location"]["column"], f["rule"])
        for f in json.loads(out)["findings"]
        if f["rule"] in LIMIT_RULES
    }


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(["check", "--format", "json", "--lang", "en", *args], capsys)


def test_defaults_are_documented_in_help_and_security_doc(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["check", "--help"], capsys)
    assert code == 0
    flat = " ".join(out.split())
    for option, default in [
        ("--max-file-size", "64M"),
        ("--max-files", str(DEFAULT_LIMITS.max_files)),
        ("--max-alias-nodes", str(DEFAULT_LIMITS.max_alias_nodes)),
        ("--max-depth", str(DEFAULT_LIMITS.max_depth)),
        ("--max-line-length", str(DEFAULT_LIMITS.max_line_length)),
        ("--max-findings-per-file", str(DEFAULT_LIMITS.max_findings_per_file)),
    ]:
        assert option in flat
        assert f"[default: {default}" in flat[flat.index(option) :]
    assert SizeType().convert("64M", None, None) == DEFAULT_LIMITS.max_file_bytes
    doc = (Path(__file__).parent.parent / "docs" / "security.md").read_text(encoding="utf-8")
    for option in (
        "--max-file-size",
        "--max-files",
        "--max-alias-nodes",
        "--max-depth",
        "--max-line-length",
        "--max-findings-per-file",
    ):
        assert option in doc


@pytest.mark.parametrize(
    ("text", "size"),
    [("65536", 65536), ("512K", 512 << 10), ("64m", 64 << 20), ("1GiB", 1 << 30), ("2 MB", 2 << 20)],
)
def test_sizes_are_read_with_binary_units(text: str, size: int) -> None:
    assert SizeType().convert(text, None, None) == size


@pytest.mark.parametrize("text", ["", "0", "-1", "1.5M", "64X", "M"])
def test_a_bad_size_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    (tmp_path / "m.yaml").write_text(MODEL, encoding="utf-8")
    code, out, err = run_json(capsys, "--max-file-size", text, str(tmp_path / "m.yaml"))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "--max-file-size" in err


def test_file_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "big.yaml").write_text(MODEL + "x-pad: " + "x" * 2000 + "\n", encoding="utf-8")
    (tmp_path / "small.yaml").write_text("model: 1\n", encoding="utf-8")
    code, out, _ = run_json(capsys, "--max-file-size", "1K", str(tmp_path))
    assert code == 1
    assert findings(out) == {("big.yaml", 1, 1, "MOD-6")}
    message = next(f["message"] for f in json.loads(out)["findings"] if f["rule"] == "MOD-6")
    assert str((tmp_path / "big.yaml").stat().st_size) in message and "1024" in message
    code, out, _ = run_json(capsys, "--max-file-size", "3K", str(tmp_path))
    assert findings(out) == set()


def test_number_of_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.yaml").write_text(MODEL, encoding="utf-8")
    for name in ("b.yaml", "c.yml"):
        (tmp_path / name).write_text("model: 1\n", encoding="utf-8")
    code, out, err = run_json(capsys, "--max-files", "2", str(tmp_path))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "more than 2 model files" in err and "--max-files" in err
    code, out, _ = run_json(capsys, "--max-files", "3", str(tmp_path))
    assert code == 1  # read, and found not conformant
    assert json.loads(out)["files"] == [str(tmp_path / n) for n in ("a.yaml", "b.yaml", "c.yml")]


def test_number_of_files_across_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(MODEL, encoding="utf-8")
    code, _, err = run_json(capsys, "--max-files", "1", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert code == 2 and "more than 1 model files" in err


LAUGHS = """model: 1
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
"""


def test_alias_expansion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "laughs.yaml").write_text(LAUGHS, encoding="utf-8")
    # each alias of a costs 11 nodes, of b 111: the first alias of c passes 150 (110 + 111)
    code, out, _ = run_json(capsys, "--max-alias-nodes", "150", str(tmp_path))
    assert code == 1
    assert findings(out) == {("laughs.yaml", 4, 8, "MOD-7")}
    code, out, _ = run_json(capsys, "--max-alias-nodes", "2000", str(tmp_path))
    assert "MOD-7" not in {f[3] for f in findings(out)}


def test_alias_expansion_default_stops_a_billion_laughs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["model: 1", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 10)]
    (tmp_path / "laughs.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    code, out, _ = run_json(capsys, str(tmp_path))
    assert time.monotonic() - started < 10
    # l1..l3 expand to 12 330 nodes; the 8th alias of l4 (11 111 each) passes 100 000
    assert code == 1 and findings(out) == {("laughs.yaml", 6, 45, "MOD-7")}


def test_nesting_depth(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "deep.yaml").write_text("model: 1\nx-a:\n  b:\n    - c: [[d]]\n", encoding="utf-8")
    code, out, _ = run_json(capsys, "--max-depth", "4", str(tmp_path))
    assert code == 1
    assert findings(out) == {("deep.yaml", 4, 10, "MOD-8")}
    code, out, _ = run_json(capsys, "--max-depth", "6", str(tmp_path))
    assert "MOD-8" not in {f[3] for f in findings(out)}


def test_nesting_made_by_aliases_counts_as_written_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # each anchor nests the one before 20 levels deeper: well within the alias limit, but the
    # data would be 60 levels deep at the third and 80 at the fourth
    lines = ["model: 1", "x-0: &a0 [z]"]
    lines += [f"x-{k}: &a{k} " + "[" * 19 + f"*a{k - 1}" + "]" * 19 for k in range(1, 5)]
    (tmp_path / "deep.yaml").write_text("\n".join(lines) + "\nx-use: *a4\n", encoding="utf-8")
    for options in (
        ["--no-cache", "--jobs", "1"],
        ["--no-cache", "--jobs", "2"],
        ["--cache-dir", str(tmp_path / "c")],
    ):
        code, out, _ = run_json(capsys, *options, str(tmp_path))
        assert code == 1 and findings(out) == {("deep.yaml", 6, 29, "MOD-8")}, options
    # within the limit, it is read
    (tmp_path / "deep.yaml").write_text("\n".join(lines[:5]) + "\nx-use: *a3\n", encoding="utf-8")
    code, out, _ = run_json(capsys, str(tmp_path))
    assert "MOD-8" not in {f[3] for f in findings(out)}


@pytest.mark.parametrize(
    "text",
    [
        b"a: " + b"[" * 1_000_000,
        b"a: " + b"{" * 1_000_000,
        b"a: " + b"{a: " * 250_000,
        b"a:\n" + b"- " * 1_000_000 + b"x\n",
        b"a: " + b"[\n" * 100_000,
    ],
    ids=["flow-seq", "flow-map", "flow-keys", "block-seq", "flow-lines"],
)
def test_nesting_a_million_levels_deep_is_refused_quickly(tmp_path: Path, text: bytes) -> None:
    (tmp_path / "deep.yaml").write_bytes(text)
    started = time.monotonic()
    result = check([str(tmp_path)], lang="en", limits=Limits(max_line_length=10**8))
    assert time.monotonic() - started < 10
    rules = {f.rule for f in result.findings if f.location.file.endswith("deep.yaml")}
    assert rules & {"MOD-8", "MOD-1"}, rules


def test_line_length(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "long.yaml").write_text(MODEL + "    purpose: " + "я" * 30 + "\n", encoding="utf-8")
    # the line has 13 + 30 = 43 characters (73 bytes): the limit counts characters
    code, out, _ = run_json(capsys, "--max-line-length", "42", str(tmp_path))
    assert code == 1
    assert findings(out) == {("long.yaml", 8, 43, "MOD-40")}
    code, out, _ = run_json(capsys, "--max-line-length", "43", str(tmp_path))
    assert findings(out) == set()


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_line_length_counts_lines_as_yaml_does(tmp_path: Path, newline: bytes) -> None:
    text = newline.join([b"model: 1", b"x-a: b", b"x-c: " + b"d" * 100, b""])
    (tmp_path / "m.yaml").write_bytes(text)
    result = check([str(tmp_path)], limits=Limits(max_line_length=100))
    assert [(f.rule, f.location.line, f.location.column) for f in result.findings if f.rule == "MOD-40"] == [
        ("MOD-40", 3, 101)
    ]


def test_default_line_length_refuses_a_minified_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    processes = ", ".join(f"{{id: p{i}, name: P, implements: [1.1.1.5]}}" for i in range(400))
    (tmp_path / "min.yaml").write_text("{model: 1, processes: [" + processes + "]}\n", encoding="utf-8")
    code, out, _ = run_json(capsys, str(tmp_path))
    assert code == 1 and ("min.yaml", 1, DEFAULT_LIMITS.max_line_length + 1, "MOD-40") in findings(out)


def test_id_length(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Ids are bounded by the format (128 characters), so they are bounded in every message too."""
    long, longest = "a" * 129, "b" * 128
    text = MODEL + f"  - id: {long}\n    name: P\n    implements: [1.1.1.5]\n"
    text += f"  - id: {longest}\n    name: P\n    implements: [1.1.1.5]\n"
    (tmp_path / "ids.yaml").write_text(text, encoding="utf-8")
    code, out, _ = run_json(capsys, str(tmp_path))
    assert code == 1
    assert findings(out) == {("ids.yaml", 8, 9, "MOD-13")}
    message = next(f["message"] for f in json.loads(out)["findings"] if f["rule"] == "MOD-13")
    assert "128" in message and long not in message


def test_findings_of_one_rule_in_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keys = "".join(f"k{i}: 1\n" for i in range(5))
    (tmp_path / "keys.yaml").write_text(MODEL + keys, encoding="utf-8")
    (tmp_path / "few.yaml").write_text("model: 1\nk: 1\n", encoding="utf-8")
    code, out, _ = run_json(capsys, "--max-findings-per-file", "3", str(tmp_path))
    assert code == 1
    result = json.loads(out)
    unknown = [
        (Path(f["location"]["file"]).name, f["location"]["line"])
        for f in result["findings"]
        if f["rule"] == "MOD-11"
    ]
    assert unknown == [("few.yaml", 2), ("keys.yaml", 8), ("keys.yaml", 9), ("keys.yaml", 10)]
    counted = [f for f in result["findings"] if f["rule"] == "MOD-42"]
    assert [(Path(f["location"]["file"]).name, f["location"]["line"], f["subject"]) for f in counted] == [
        ("keys.yaml", 1, "MOD-11")
    ]
    assert counted[0]["severity"] == "info"
    assert counted[0]["message"] == (
        "Findings of MOD-11 in this file not shown: 2 (the limit is 3); failing the gate among them: 2"
    )
    # the findings not shown still count, in the summary and in the gate
    shown_errors = sum(1 for f in result["findings"] if f["severity"] == "error")
    assert result["summary"]["error"] == shown_errors + 2 and result["summary"]["not_shown"] == 2
    assert result["summary"]["not_shown_failing"] == 2


def test_a_flood_of_reading_problems_stops_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "dup.yaml").write_text("model: 1\nx-a: 1\n" + "x-a: 1\n" * 10, encoding="utf-8")
    code, out, _ = run_json(capsys, "--max-findings-per-file", "3", str(tmp_path))
    assert code == 1
    assert findings(out) == {("dup.yaml", 6, 1, "MOD-41")}
    lines = [f["location"]["line"] for f in json.loads(out)["findings"] if f["rule"] == "MOD-4"]
    assert lines == [3, 4, 5]


def test_a_million_duplicate_keys_are_bounded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "dup.yaml").write_text("model: 1\n" + "x-a: 1\n" * 1_000_000, encoding="utf-8")
    started = time.monotonic()
    code, out, _ = run_json(capsys, str(tmp_path))
    assert time.monotonic() - started < 20
    assert code == 1 and len(out) < 2_000_000
    assert ("dup.yaml", 1003, 1, "MOD-41") in findings(out)  # the 1001st duplicate


def test_limits_from_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "deep.yaml").write_text("model: 1\nx-a:\n  b:\n    - c: [[d]]\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.etom-check]\npaths = ["model"]\nmax-depth = 4\nmax-file-size = "1K"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_json(capsys)
    assert code == 1 and findings(out) == {("deep.yaml", 4, 10, "MOD-8")}
    code, out, _ = run_json(capsys, "--max-depth", "6")  # the command line wins
    assert findings(out) == set()
    (tmp_path / "pyproject.toml").write_text("[tool.etom-check]\nmax-depth = 0\n", encoding="utf-8")
    code, out, err = run_json(capsys, "model")
    assert (code, out) == (2, "") and "max-depth" in err and err.count("\n") == 1


def test_the_configuration_example_of_the_security_page_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = (Path(__file__).parent.parent / "docs" / "security.md").read_text(encoding="utf-8")
    snippet = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "pyproject.toml").write_text(snippet, encoding="utf-8")
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "m.yaml").write_text(MODEL + "    purpose: " + "x" * 2000 + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_json(capsys)
    assert code == 1 and findings(out) == {("m.yaml", 8, 2001, "MOD-40")}


@pytest.mark.parametrize("value", ["-1", "0", "-1048576"])
def test_a_size_that_is_not_positive_in_the_configuration_is_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    (tmp_path / "m.yaml").write_text(MODEL, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.etom-check]\nmax-file-size = {value}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, out, err = run_json(capsys, "m.yaml")
    assert (code, out) == (2, "")
    assert (
        err.startswith("etom-check: error: pyproject.toml: max-file-size: ")
        and f"{value} is not a size" in err
    )
    assert err.count("\n") == 1
    (tmp_path / "pyproject.toml").write_text("[tool.etom-check]\nmax-file-size = 100\n", encoding="utf-8")
    code, out, _ = run_json(capsys, "m.yaml")
    assert code == 1 and findings(out) == {("m.yaml", 1, 1, "MOD-6")}


@pytest.mark.parametrize("value", [True, False, 0, -5])
def test_a_size_is_a_positive_whole_number(value: object) -> None:
    with pytest.raises(click.BadParameter, match="is not a size"):
        SizeType().convert(value, None, None)


def test_findings_about_waivers_are_capped_and_counted_too(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    waivers = "".join(f"  - rule: NOPE-{n}\n    reason: r\n" for n in range(1, 4))
    model.write_text(f"model: 1\norganisation: {{name: X}}\nwaivers:\n{waivers}", encoding="utf-8")
    result = check([str(model)], select=["MOD-26", "MOD-42"], limits=Limits(max_findings_per_file=1))
    assert [(f.rule, f.subject, f.location.line) for f in result.findings] == [
        ("MOD-42", "MOD-26", 1),
        ("MOD-26", "NOPE-1", 4),
    ]


def _longest_reference(raw: bytes, limit: int) -> tuple[int, int] | None:
    """The first line over ``limit`` characters, counted the slow and obvious way."""
    text = raw.decode("utf-8", "replace").lstrip("\ufeff")
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if len(line) > limit:
            return number, len(line)
    return None


@given(
    st.lists(st.text(alphabet="ab я€\r\n", max_size=12), max_size=8).map(lambda parts: "".join(parts)),
    st.integers(min_value=1, max_value=12),
)
def test_the_byte_length_precheck_finds_what_counting_characters_finds(text: str, limit: int) -> None:
    raw = text.encode("utf-8")
    assert _first_long_line(raw, limit) == _longest_reference(raw, limit)
