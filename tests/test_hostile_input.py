"""Damaged and hostile files never crash, hang or lose output (property-based).

Each example damages a valid model (deletes, duplicates or swaps lines, inserts YAML
punctuation, tabs, control characters, NUL, merge-conflict markers, truncates it at any byte,
or replaces it with random bytes, invalid UTF-8 or UTF-16) and runs ``etom-check check
--format json`` on it in-process. Whatever the damage: the exit code is 0 or 1, standard output
is one JSON document, nothing is written to standard error, and the run ends within the
deadline of the Hypothesis profile (tests/conftest.py).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from checker.cli.main import main
from checker.findings import printable

SEED = (Path(__file__).parent / "hostile" / "seed.yaml").read_bytes()
SEED_LINES = SEED.splitlines(keepends=True)

PUNCTUATION = [
    b":",
    b"- ",
    b"? ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"&a ",
    b"*a",
    b"*b",
    b"!",
    b"!!python/object:os.system ",
    b"!!binary ",
    b"|",
    b">",
    b"'",
    b'"',
    b"#",
    b"%YAML 1.1\n",
    b"%TAG ! tag:x,2000:\n",
    b"---\n",
    b"...\n",
    b"<<: *a\n",
    b"\t",
    b"\x00",
    b"\x07",
    b"\x1b[31m",
    b"\x7f",
    b"\r",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xe2\x80\xa8",
    b"\xe2\x80\xae",
    b"\\",
    b"@",
    b"`",
    b"%",
    b"~",
    b"null",
    b"1e400",
    b"0x1F",
    b"<<<<<<< HEAD\n",
    b"=======\n",
    b">>>>>>> branch\n",
]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every example (a module-wide fixture, as Hypothesis requires)."""
    return tmp_path_factory.mktemp("hostile")


def run_check(model: Path, *extra: str) -> tuple[int, str, str]:
    """``etom-check check --format json MODEL`` in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(["check", "--format", "json", "--lang", "en", *extra, str(model)])
        except SystemExit as exc:
            code = exc.code
    return code if isinstance(code, int) else -1, out.getvalue(), err.getvalue()


def assert_survives(work: Path, data: bytes, *extra: str) -> dict[str, Any]:
    """Check ``data`` as a one-file model; assert that the run ended as the contract says."""
    path = work / "model.yaml"
    path.write_bytes(data)
    code, out, err = run_check(path, *extra)
    assert err == "", err
    assert code in (0, 1), (code, out)
    result = json.loads(out)
    assert isinstance(result, dict)
    for finding in result["findings"]:
        assert finding["location"]["line"] >= 1
        assert finding["location"]["column"] >= 1
    return result


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """The seed with one to four damages applied, one after another."""
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "bytes"]))
        if not lines:
            lines = [b""]
        i = draw(st.integers(0, len(lines) - 1))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "insert":
            piece = draw(st.sampled_from(PUNCTUATION))
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + piece + lines[i][at:]
        elif action == "truncate":
            joined = b"".join(lines)
            cut = draw(st.integers(0, len(joined)))
            lines = joined[:cut].splitlines(keepends=True)
        else:
            noise = draw(st.binary(min_size=1, max_size=16))
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + noise + lines[i][at:]
    return b"".join(lines)


# a waiver whose reason would clear the screen, retitle the terminal and reverse the text
WAIVER_ESCAPES = SEED.replace(
    "reason: |\n      Выполняет партнёр по договору № 17\n".encode(),
    b'reason: "\\e[2J\\e]0;x\\a\\u202e partner"\n',
)


def test_the_seed_is_a_valid_model(work: Path) -> None:
    result = assert_survives(work, SEED)
    assert not [f for f in result["findings"] if f["rule"].startswith("MOD-")]
    assert WAIVER_ESCAPES != SEED
    escaped = assert_survives(work, WAIVER_ESCAPES)
    assert [f["waiver_reason"] for f in escaped["findings"] if f["waived"]] == [
        "\\x1b[2J\\x1b]0;x\\x07\\u202e partner"
    ]


@given(damaged())
@example(
    SEED.replace(
        b"  - id: order-entry\n", b"<<<<<<< HEAD\n  - id: order-entry\n=======\n  - id: x\n>>>>>>> b\n"
    )
)
@example(SEED.replace(b"    name:", b"\tname:", 1))
@example(SEED.replace(b"\n", b"\r\n"))
@example(SEED[: len(SEED) // 2])
def test_damaged_models_give_findings_not_crashes(work: Path, data: bytes) -> None:
    assert_survives(work, data)


def test_truncated_at_every_byte(work: Path) -> None:
    """Every prefix of the seed, as an editor saving half a file or a cut-off download leaves it."""
    for cut in range(len(SEED) + 1):
        assert_survives(work, SEED[:cut])


@given(damaged())
@example(WAIVER_ESCAPES)
@example(b'model: 1\nprocesses:\n  - {id: "\\e]0;x\\a\\e[31m\\n::error::forged", implements: ["1\\u202e"]}\n')
def test_text_output_quotes_what_it_reads_without_obeying_it(work: Path, data: bytes) -> None:
    """In ``--format text`` nothing read from a file reaches the terminal as a control character."""
    path = work / "model.yaml"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err), pytest.raises(SystemExit) as exit_info:
        main(["check", "--lang", "en", str(path)])
    assert exit_info.value.code in (0, 1)
    assert err.getvalue() == ""
    lines = out.getvalue().split("\n")
    assert lines[-1] == ""
    for line in lines[:-1]:
        assert printable(line) == line, line
        held_back = line.startswith("Checks over the whole model held back")
        assert line.startswith(str(path) + ":") or held_back or line is lines[-2], line


@given(st.binary(max_size=512))
@example(b"")
@example(b"\xff\xfe" + "model: 1\n".encode("utf-16-le"))
@example(b"\xfe\xff" + "model: 1\n".encode("utf-16-be"))
@example(b"\xef\xbb\xbf\xef\xbb\xbfmodel: 1\n")
@example(b"\x00" * 64)
def test_random_bytes(work: Path, data: bytes) -> None:
    assert_survives(work, data)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_random_text(work: Path, text: str) -> None:
    assert_survives(work, text.encode("utf-8"))


def _laughs(levels: int = 10, width: int = 10) -> bytes:
    """A "billion laughs": each level lists the one before ``width`` times."""
    lines = [b"l0: &l0 [lol]"]
    for i in range(1, levels):
        lines.append(b"l%d: &l%d [" % (i, i) + b", ".join([b"*l%d" % (i - 1)] * width) + b"]")
    return b"\n".join(lines) + b"\n"


HOSTILE = {
    "laughs": (_laughs(), "MOD-7"),
    "apply": (b"model: !!python/object/apply:os.system ['echo pwned']\n", "MOD-5"),
    "name": (b"model: !!python/name:os.system\n", "MOD-5"),
    "flow-seq": (b"a: " + b"[" * 100_000, "MOD-8"),
    "flow-seq-1e6": (b"a: " + b"[" * 1_000_000, "MOD-8"),
    "flow-seq-lines": (b"a: " + b"[\n" * 100_000, "MOD-8"),
    "flow-items": (b"a: " + b"[a, " * 100_000, "MOD-8"),
    "flow-map": (b"a: " + b"{" * 100_000, "MOD-8"),
    "flow-map-keys": (b"a: " + b"{a: " * 100_000, "MOD-8"),
    "block-seq": (b"a:\n" + b"- " * 100_000 + b"x\n", "MOD-8"),
    "block-seq-1e6": (b"a:\n" + b"- " * 1_000_000 + b"x\n", "MOD-8"),
    "block-map": (b"".join(b" " * i + b"k:\n" for i in range(2_000)), "MOD-8"),
    "complex-keys": (b"? " * 100_000 + b"x\n", "MOD-8"),
    "nul": (b"model: 1\x00\n", "MOD-1"),
    "utf16": (b"\xff\xfe" + "model: 1\n".encode("utf-16-le"), "MOD-2"),
}


@pytest.mark.parametrize(("data", "rule"), list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_documents(work: Path, data: bytes, rule: str) -> None:
    # lines are not limited here, so that the bounds on nesting are what stops these
    result = assert_survives(work, data, "--max-line-length", "100000000")
    assert rule in {f["rule"] for f in result["findings"]}


def test_no_traceback_at_process_level(tmp_path: Path) -> None:
    """The installed entry point, as CI runs it: damaged files give findings, never a traceback."""
    (tmp_path / "conflict.yaml").write_bytes(b"model: 1\n<<<<<<< HEAD\nprocesses: [\n=======\n>>>>>>> b\n")
    (tmp_path / "nul.yaml").write_bytes(b"model: 1\x00\n")
    (tmp_path / "utf16.yaml").write_bytes(b"\xff\xfe" + "model: 1\n".encode("utf-16-le"))
    (tmp_path / "deep.yaml").write_bytes(b"a: " + b"[" * 5_000)
    (tmp_path / "tag.yaml").write_bytes(b"model: !!python/object/apply:os.system ['touch pwned']\n")
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr == ""
    findings = json.loads(done.stdout)["findings"]
    got = {(Path(f["location"]["file"]).name, f["rule"]) for f in findings if f["rule"].startswith("MOD-")}
    assert {("conflict.yaml", "MOD-1"), ("nul.yaml", "MOD-1"), ("utf16.yaml", "MOD-2")} <= got
    assert {("deep.yaml", "MOD-8"), ("tag.yaml", "MOD-5")} <= got
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1bb", "a\\x1bb"),
        ("a\u202eb", "a\\u202eb"),
        ("a\u0600b", "a\\u0600b"),  # an invisible format character of Arabic numbers
        ("a\U000e0041b", "a\\U000e0041b"),  # a tag character, which can hide text
        ("a\ufffeb\U0010ffff", "a\\ufffeb\\U0010ffff"),  # noncharacters, which XML cannot hold
        ("Привет 😀 𝔸", "Привет 😀 𝔸"),  # letters and emoji beyond the first plane stay
    ],
)
def test_what_is_shown_of_a_text(text: str, shown: str) -> None:
    assert printable(text) == shown
