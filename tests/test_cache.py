"""The cache of reading results never changes a result: every format is byte for byte the same
with and without it (a first run that fills it, a run that reads it), on every sample, on broken
models and on generated ones; an entry that is corrupt, cut short, of the wrong shape or for
another key is a miss; a folder that cannot be written means no cache, silently; and a finding
that depends on a file's bytes is never hidden by it."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine import check
from checker.io.cache import FOLDER, KEEP_DAYS, open_cache, prune
from checker.io.reading import Limits, load
from checker.reporters import REPORTERS

from .conftest import ROOT, SAMPLES, run_cli

FORMATS = sorted(REPORTERS)
MODELS = [
    SAMPLES / "operator",
    *sorted((SAMPLES / "broken").iterdir()),
    *sorted((ROOT / "tests" / "models").rglob("*.yaml")),
]


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the HTML page says when


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("??/*.json"))


def outputs(paths: list[str], capsys: pytest.CaptureFixture[str], *options: str) -> dict[str, Any]:
    """Every format of ``check`` on the model, with the exit code and what went to stderr."""
    out: dict[str, Any] = {}
    for fmt in FORMATS:
        out[fmt] = run_cli(["check", *paths, "--format", fmt, "--lang", "en", *options], capsys)
    return out


@pytest.mark.parametrize("model", MODELS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_format_is_the_same_with_and_without_the_cache(
    model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "cache"
    uncached = outputs([str(model)], capsys, "--no-cache")
    filling = outputs([str(model)], capsys, "--cache-dir", str(folder))
    kept = entries(folder)
    reading = outputs([str(model)], capsys, "--cache-dir", str(folder))
    assert filling == uncached
    assert reading == uncached
    assert entries(folder) == kept  # read, not written again
    if model.name == "operator":
        assert kept, "the sample's files are kept"


def test_the_report_and_graph_commands_take_the_cache_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = str(SAMPLES / "operator")
    for command, extra in (("report", ["-o", str(tmp_path / "r.html")]), ("graph", ["--format", "dot"])):
        folder = tmp_path / f"cache-{command}"
        code, picture, err = run_cli([command, model, *extra, "--cache-dir", str(folder)], capsys)
        assert code in (0, 1) and err == "", err
        assert entries(folder)
        again = run_cli([command, model, *extra, "--cache-dir", str(folder)], capsys)
        assert again == (code, picture, err)
        assert (
            run_cli([command, model, *extra, "--no-cache", "--cache-dir", str(tmp_path / "x")], capsys)[0]
            == code
        )
        assert not (tmp_path / "x").exists()


def test_the_default_folder_is_in_the_current_one_with_its_own_gitignore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ETOM_CHECK_CACHE_DIR")  # the suite's own folder
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(["check", str(SAMPLES / "operator")], capsys)
    assert code in (0, 1), err
    folder = tmp_path / FOLDER
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert entries(folder)


def test_the_configuration_sets_the_folder_or_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.etom-check]\npaths = ["{SAMPLES / "operator"}"]\ncache-dir = "kept"\n', encoding="utf-8"
    )
    assert run_cli(["check"], capsys)[0] in (0, 1)
    assert entries(tmp_path / "kept")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.etom-check]\npaths = ["{SAMPLES / "operator"}"]\ncache-dir = "other"\nno-cache = true\n',
        encoding="utf-8",
    )
    assert run_cli(["check"], capsys)[0] in (0, 1)
    assert not (tmp_path / "other").exists()


# ----------------------------------------------------------------------------- untrusted entries


def _operator_json(capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str, str]:
    return run_cli(["check", str(SAMPLES / "operator"), "--format", "json", *options], capsys)


def _rewrite(path: Path, change: Any) -> None:
    path.write_bytes(change(path.read_bytes()))


def _with_header(raw: bytes, **changes: Any) -> bytes:
    header, rest = raw.split(b"\n", 1)
    head = json.loads(header)
    head.update(changes)
    return json.dumps(head).encode() + b"\n" + rest


def _resealed(raw: bytes, data: Any = None, positions: bytes | None = None) -> bytes:
    """An entry changed by hand, with its checksums made to fit (only a writer can do that)."""
    header, data_line, positions_line = raw.split(b"\n")
    if data is not None:
        data_line = json.dumps(data).encode()
    if positions is not None:
        positions_line = positions
    head = json.loads(header)
    head["data"] = hashlib.sha256(data_line).hexdigest()
    head["positions"] = hashlib.sha256(positions_line).hexdigest()
    return json.dumps(head).encode() + b"\n" + data_line + b"\n" + positions_line


CORRUPTIONS = {
    "empty": lambda raw: b"",
    "cut short": lambda raw: raw[: len(raw) // 2],
    "a byte flipped in the data": lambda raw: raw.replace(b'"id":"', b'"id":"x', 1),
    "a byte flipped in the positions": lambda raw: (
        raw[:-5] + (b"A" if raw[-5:-4] != b"A" else b"B") + raw[-4:]
    ),
    "not JSON": lambda raw: b"\x80\x81\n\x00\n" + raw,
    "another format": lambda raw: _with_header(raw, format=2),
    "another key": lambda raw: _with_header(raw, key="0" * 64),
    "a header of the wrong shape": lambda raw: _with_header(raw, valid="yes"),
    "schema refused": lambda raw: _with_header(raw, valid=False),
    "a header that is a list": lambda raw: b"[1, 2]\n" + raw.split(b"\n", 1)[1],
    "data that is a list": lambda raw: _resealed(raw, data=[1, 2]),
    "a float in the data": lambda raw: _resealed(raw).replace(b'"model":1', b'"model":1.0', 1),
    "positions that are not base64": lambda raw: _resealed(raw, positions=b'"%%%"'),
    "positions not in quotes": lambda raw: _resealed(raw, positions=b"AAAA"),
    "positions cut short": lambda raw: _resealed(raw, positions=b'"AAAAAAAAAAA="'),
    "four lines": lambda raw: raw + b"\n{}",
}


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_an_entry_that_cannot_be_trusted_changes_nothing(
    corruption: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "cache"
    expected = _operator_json(capsys, "--no-cache")
    assert _operator_json(capsys, "--cache-dir", str(folder)) == expected
    for entry in entries(folder):
        _rewrite(entry, CORRUPTIONS[corruption])
    assert _operator_json(capsys, "--cache-dir", str(folder)) == expected
    assert _operator_json(capsys, "--cache-dir", str(folder)) == expected


def test_an_entry_for_other_bytes_is_never_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An entry renamed to the key of another file is a miss: the entry names its own key."""
    folder = tmp_path / "cache"
    model = tmp_path / "model"
    model.mkdir()
    (model / "a.yaml").write_text("model: 1\norganisation:\n  name: A\n", encoding="utf-8")
    (model / "b.yaml").write_text("model: 1\nx-b: 1\n", encoding="utf-8")
    expected = run_cli(["check", str(model), "--format", "json", "--no-cache"], capsys)
    run_cli(["check", str(model), "--cache-dir", str(folder)], capsys)
    first, second = entries(folder)
    first_bytes = first.read_bytes()
    first.write_bytes(second.read_bytes())
    second.write_bytes(first_bytes)
    assert run_cli(["check", str(model), "--format", "json", "--cache-dir", str(folder)], capsys) == expected


def test_positions_changed_by_hand_never_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Whoever can write the cache can make it lie about lines (as about anything it holds), but
    never make the checker fail or run anything."""
    import base64

    folder = tmp_path / "cache"
    model = str(SAMPLES / "broken" / "missing-function")
    expected = run_cli(["check", model, "--format", "json", "--cache-dir", str(folder)], capsys)
    odd = b'"' + base64.b64encode(bytes(range(256)) * 3) + b'"'
    for entry in entries(folder):
        _rewrite(entry, lambda raw: _resealed(raw, positions=odd))
    code, out, err = run_cli(["check", model, "--format", "json", "--cache-dir", str(folder)], capsys)
    assert (code, err) == (expected[0], "") and code == 1
    assert len(json.loads(out)["findings"]) == len(json.loads(expected[1])["findings"])


# ----------------------------------------------------------------------------- what is never cached


def test_files_with_reading_problems_aliases_or_refused_by_the_schema_are_never_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "model"
    model.mkdir()
    good = "model: 1\norganisation:\n  name: A\n"
    files = {
        "good.yaml": good,
        "duplicate.yaml": "model: 1\nx-a: 1\nx-a: 2\n",
        "tag.yaml": "model: 1\nx-a: !!python/object:os.system ls\n",
        "syntax.yaml": "model: 1\nprocesses: [\n",
        "alias.yaml": "model: 1\nx-a: &a [1]\nx-b: *a\n",
        "merge.yaml": "model: 1\nx-a: {<<: {b: 1}}\n",
        "slip.yaml": "model: 1\nprocesses:\n  - id: p\n    name: P\n    implements: 1.1.1.5\n",
        "long.yaml": "model: 1\nx-a: " + "a" * 200 + "\n",
    }
    for name, text in files.items():
        (model / name).write_text(text, encoding="utf-8")
    (model / "latin1.yaml").write_bytes(b"model: 1\nx-a: caf\xe9\n")
    folder = tmp_path / "cache"
    options = ["--max-line-length", "100", "--format", "json"]
    expected = run_cli(["check", str(model), *options, "--no-cache"], capsys)
    assert run_cli(["check", str(model), *options, "--cache-dir", str(folder)], capsys) == expected
    cache = open_cache(folder)
    assert cache is not None

    def key(name: str) -> str:
        digest = hashlib.sha256((model / name).read_bytes()).hexdigest()
        return cache.key(digest, Limits(max_line_length=100), "model")

    kept = {p.stem for p in entries(folder)}
    assert {name for name in [*files, "latin1.yaml"] if key(name) in kept} == {"good.yaml"}
    assert run_cli(["check", str(model), *options, "--cache-dir", str(folder)], capsys) == expected


def test_a_changed_limit_is_another_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file read within a wide limit is read again within a narrow one: its long line is a
    finding (MOD-40), never hidden by what the cache kept."""
    model = tmp_path / "m.yaml"
    model.write_text("model: 1\norganisation:\n  name: " + "Я" * 90 + "\n", encoding="utf-8")
    folder = tmp_path / "cache"
    for limits in (["--max-line-length", "200"], ["--max-line-length", "50"], ["--max-depth", "1"]):
        expected = run_cli(["check", str(model), "--format", "json", *limits, "--no-cache"], capsys)
        for _ in range(2):
            got = run_cli(
                ["check", str(model), "--format", "json", *limits, "--cache-dir", str(folder)], capsys
            )
            assert got == expected, limits
    rules = {f["rule"] for f in json.loads(expected[1])["findings"]}
    assert "MOD-8" in rules
    narrow = run_cli(
        ["check", str(model), "--format", "json", "--max-line-length", "50", "--cache-dir", str(folder)],
        capsys,
    )
    assert "MOD-40" in {f["rule"] for f in json.loads(narrow[1])["findings"]}


def test_changed_bytes_with_the_same_time_are_read_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "m.yaml"
    folder = tmp_path / "cache"
    model.write_text(
        "model: 1\norganisation:\n  name: A\n  standard: GOST R 53633.3-2009\n", encoding="utf-8"
    )
    stamp = os.stat(model)
    first = run_cli(["check", str(model), "--format", "json", "--cache-dir", str(folder)], capsys)
    model.write_text("model: 1\norganisation:\n  name: B\n  standard: ГОСТ 0\n", encoding="utf-8")
    os.utime(model, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert os.stat(model).st_mtime_ns == stamp.st_mtime_ns
    second = run_cli(["check", str(model), "--format", "json", "--cache-dir", str(folder)], capsys)
    assert second == run_cli(["check", str(model), "--format", "json", "--no-cache"], capsys)
    assert second != first


def test_the_same_bytes_in_two_files_name_each_its_own_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two files with the same bytes share one entry; every finding and place still names the
    file it is in, and the link to one of them gives that link's path."""
    text = "model: 1\nprocesses:\n  - id: p\n    name: P\n    implements: [1.9.9.9]\n    interfaces: [{to: nobody}]\n"
    for folder in ("a", "b/c"):
        (tmp_path / "model" / folder).mkdir(parents=True)
        (tmp_path / "model" / folder / "same.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "model" / "link.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    (tmp_path / "elsewhere.yaml").write_text(text.replace("id: p", "id: q"), encoding="utf-8")
    model = str(tmp_path / "model")
    cache = tmp_path / "cache"
    expected = outputs([model], capsys, "--no-cache")
    assert outputs([model], capsys, "--cache-dir", str(cache)) == expected
    assert outputs([model], capsys, "--cache-dir", str(cache)) == expected
    located = {
        (Path(f["location"]["file"]).relative_to(model).as_posix(), f["location"]["line"], f["rule"])
        for f in json.loads(expected["json"][1])["findings"]
    }
    for name in ("a/same.yaml", "b/c/same.yaml", "link.yaml"):
        assert (name, 5, "MOD-17") in located and (name, 6, "MOD-15") in located, located
    assert ("b/c/same.yaml", 3, "MOD-14") in located  # the id repeated, at its repeat


# ----------------------------------------------------------------------------- the folder


@pytest.mark.parametrize("where", ["a file", "below a file", "in /proc", "read-only"])
def test_a_folder_that_cannot_be_written_means_no_cache_silently(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = {
        "a file": tmp_path / "file",
        "below a file": tmp_path / "file" / "cache",
        "in /proc": Path("/proc/etom-check-cache"),
        "read-only": tmp_path / "ro",
    }[where]
    (tmp_path / "file").write_text("not a folder\n", encoding="utf-8")
    if where == "read-only":
        target.mkdir()
        monkeypatch.setattr(os, "access", lambda path, mode, **kw: False)  # root may write anywhere
    expected = _operator_json(capsys, "--no-cache")
    assert _operator_json(capsys, "--cache-dir", str(target)) == expected
    assert (tmp_path / "file").read_text(encoding="utf-8") == "not a folder\n"
    assert open_cache(target) is None


def test_an_existing_folder_keeps_its_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Given a folder of the user's, the cache never writes its .gitignore over one there."""
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / ".gitignore").write_text("mine\n", encoding="utf-8")
    (tmp_path / "mine" / "notes.txt").write_text("notes\n", encoding="utf-8")
    _operator_json(capsys, "--cache-dir", str(tmp_path / "mine"))
    assert (tmp_path / "mine" / ".gitignore").read_text(encoding="utf-8") == "mine\n"
    assert entries(tmp_path / "mine")


def test_runs_at_the_same_time_share_one_folder(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    command = [sys.executable, "-m", "checker", "check", str(SAMPLES / "operator"), "--format", "json"]
    expected = subprocess.run([*command, "--no-cache"], capture_output=True, check=False)
    for _ in range(3):
        runs = [
            subprocess.Popen(
                [*command, "--cache-dir", str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            for _ in range(4)
        ]
        for run in runs:
            out, err = run.communicate(timeout=120)
            assert (run.returncode, out, err) == (expected.returncode, expected.stdout, expected.stderr)
    assert not list(folder.rglob("*.tmp"))


# ----------------------------------------------------------------------------- --new-since


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_new_since_is_the_same_with_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / "model").mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "T")
    base = (
        "model: 1\norganisation:\n  name: A\nprocesses:\n  - id: p\n    name: P\n    implements: [1.1.1.5]\n"
    )
    (repo / "model" / "m.yaml").write_text(base, encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "one")
    (repo / "model" / "m.yaml").write_text(base + "    functions: [isue-order]\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    args = ["check", "model", "--new-since", "HEAD", "--format", "json"]
    expected = run_cli([*args, "--no-cache"], capsys)
    assert expected[0] == 1 and '"baselined": ' in expected[1]
    for _ in range(2):
        assert run_cli([*args, "--cache-dir", str(tmp_path / "cache")], capsys) == expected


# ----------------------------------------------------------------------------- generated models

NAMES = ["a", "b", "order-entry", "order-entyr", "1", "p 1"]
ELEMENTS = ["1.1.1.5", "1.1.1.6", "1.1.1.5.2", "1.1.12", "1.9.9.9", "1.1.1.5.", "9"]


@st.composite
def models(draw: st.DrawFn) -> dict[str, str]:
    """A few files of processes, written as people write them, slips and odd values included."""
    files: dict[str, str] = {}
    for n in range(draw(st.integers(min_value=1, max_value=3))):
        lines = ["model: 1"]
        if n == 0 and draw(st.booleans()):
            lines += [
                "organisation:",
                "  name: Оператор",
                f"  standard: {draw(st.sampled_from(['GOST R 53633.3-2009', 'ГОСТ Р 53633.3-2009', 'x']))}",
            ]
        lines.append("processes:")
        for _ in range(draw(st.integers(min_value=0, max_value=4))):
            pid = draw(st.sampled_from(NAMES))
            implements = draw(st.lists(st.sampled_from(ELEMENTS), max_size=3))
            lines += [f"  - id: {pid}", f"    name: {draw(st.sampled_from(['P', '1', 'yes', '']))}"]
            lines.append(
                f"    implements: [{', '.join(implements)}]"
                if draw(st.booleans())
                else f"    implements: {implements[0] if implements else '1.1.1.5'}"
            )
            if draw(st.booleans()):
                lines.append(
                    f"    functions: [{', '.join(draw(st.lists(st.sampled_from(['issue-order', 'isue-order', 'x']), max_size=2)))}]"
                )
            if draw(st.booleans()):
                lines.append(f"    external: {draw(st.sampled_from(['true', 'yes', '1']))}")
            for target in draw(st.lists(st.sampled_from(NAMES), max_size=2)):
                lines += ["    interfaces:", f"      - to: {target}"]
        if draw(st.integers(min_value=0, max_value=4)) == 0:
            lines += [
                "waivers:",
                "  - rule: COV-1",
                "    reason: r",
                f"    subject: {draw(st.sampled_from(ELEMENTS))}",
            ]
        files[f"f{n}.yaml"] = "\n".join(lines) + "\n"
    return files


@settings(max_examples=60, deadline=None)
@given(models())
def test_generated_models_give_the_same_result_with_and_without_the_cache_and_workers(
    files: dict[str, str],
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "model"
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        cache = str(Path(tmp) / "cache")

        def rendered(**options: Any) -> list[str]:
            result = check([str(folder)], lang="en", **options)
            return [REPORTERS[fmt](result.view) for fmt in ("json", "text", "sarif")]

        expected = rendered()
        assert rendered(cache=cache) == expected
        assert rendered(cache=cache) == expected
        assert rendered(jobs=2) == expected
        assert rendered(cache=cache + "-workers", jobs=2) == expected
        assert rendered(cache=cache + "-workers", jobs=2) == expected


def test_cached_documents_have_the_places_of_the_documents_read() -> None:
    """Every key and value of every document of the repository's models is placed at the same
    line and column when its entry is read back."""
    import tempfile

    from checker.io.positions import _completed

    from .test_builder_reference import _paths

    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as tmp:
        cache = open_cache(Path(tmp) / "cache")
        for model in MODELS:
            read = load([str(model)]).documents
            load([str(model)], cache=cache)
            again = load([str(model)], cache=cache).documents
            assert [d.file for d in again] == [d.file for d in read]
            for fresh, kept in zip(read, again, strict=True):
                # a document the schema accepts is kept, and its places are read only when needed
                assert (kept.positions._encoded is not None) == (fresh.valid is True)
                assert kept.data == fresh.data and kept.valid == fresh.valid
                paths = _paths(fresh.data)
                for path in rng.sample(paths, min(len(paths), 400)):
                    assert kept.positions.value(kept.data, path) == fresh.positions.value(fresh.data, path)
                    assert kept.positions.key(kept.data, path) == fresh.positions.key(fresh.data, path)
            # whoever changes a table (the repairs) gets it whole, as it was read
            for fresh, kept in zip(read, load([str(model)], cache=cache).documents, strict=True):
                pairs = zip(_completed(fresh.data), _completed(kept.data), strict=True)
                for one, other in pairs:
                    assert kept.positions.entries(other) == fresh.positions.entries(one)


def test_the_key_covers_the_versions_the_limits_and_the_schemas(tmp_path: Path) -> None:

    from checker import __version__
    from checker.io.schemas import schemas_digest

    cache = open_cache(tmp_path)
    assert cache is not None
    environment = json.loads(cache.environment)
    assert environment["etom-check"] == __version__
    assert environment["pyyaml"] == yaml.__version__
    assert environment["libyaml"] != "none" or not getattr(yaml, "__with_libyaml__", False)
    assert environment["python"] == [sys.implementation.name, list(sys.version_info)]
    assert environment["schemas"] == schemas_digest()
    digest = "0" * 64
    keys = {
        cache.key(digest, Limits(), "model"),
        cache.key("1" * 64, Limits(), "model"),
        cache.key(digest, Limits(max_depth=3), "model"),
        cache.key(digest, Limits(max_findings_per_file=3), "model"),
        cache.key(digest, Limits(), "data"),
    }
    assert len(keys) == 5


# ----------------------------------------------------------------------------- what the folder may hold


@pytest.mark.parametrize("planted", ["a named pipe", "a link to a device", "a folder", "too large"])
def test_an_entry_that_is_not_a_file_of_ours_is_a_miss_without_blocking(
    planted: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "cache"
    expected = _operator_json(capsys, "--no-cache")
    assert _operator_json(capsys, "--cache-dir", str(folder)) == expected
    for entry in entries(folder):
        entry.unlink()
        if planted == "a named pipe":
            os.mkfifo(entry)
        elif planted == "a link to a device":
            entry.symlink_to("/dev/zero")
        elif planted == "a folder":
            entry.mkdir()
        else:
            entry.write_bytes(b"x" * (10 * 1024 * 1024))
    assert _operator_json(capsys, "--cache-dir", str(folder)) == expected


def test_a_rule_pack_entry_changed_by_hand_is_read_anew(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The rule pack's files go through the cache too; an entry that no longer satisfies its
    schema is a miss (and is written anew), never a reason to stop with exit 2."""
    from checker.engine import packs
    from checker.standard import rulepack
    from checker.standard.datafiles import rules_dir

    folder = tmp_path / "cache"
    memos = (rulepack.load_pack, packs._checked)
    for memo in memos:
        memo.cache_clear()
    try:
        expected = _operator_json(capsys, "--no-cache")
        for memo in memos:
            memo.cache_clear()
        assert _operator_json(capsys, "--cache-dir", str(folder)) == expected
        cache = open_cache(folder)
        assert cache is not None
        rule = next(
            p
            for p in sorted(rules_dir().glob("*/*.yaml"))
            if p.name != "pack.yaml" and (p.parent / "pack.yaml").exists()
        )
        entry = cache._path(cache.key(hashlib.sha256(rule.read_bytes()).hexdigest(), Limits(), "data"))
        good = entry.read_bytes()
        entry.write_bytes(_resealed(good, data={"id": 7, "kind": []}))
        for memo in memos:
            memo.cache_clear()
        assert _operator_json(capsys, "--cache-dir", str(folder)) == expected
        assert entry.read_bytes() == good
    finally:
        for memo in memos:
            memo.cache_clear()


def test_entries_not_read_for_a_month_are_pruned_once_a_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "cache"
    expected = _operator_json(capsys, "--cache-dir", str(folder))
    kept = entries(folder)
    assert kept
    day, now = 24 * 60 * 60, time.time()
    # an entry of a version of a file long gone, a temporary file a killed run left, and files
    # that are not the cache's (a note, a file named like an entry outside the entries' folders)
    old = folder / "ab" / ("ab" + "0" * 62 + ".json")
    old.parent.mkdir(exist_ok=True)  # the entries' keys change with the reader's source
    old.write_text("{}", encoding="utf-8")
    left = folder / "ab" / ".entry.x1.tmp"
    left.write_bytes(b"")
    note = folder / "ab" / "note.txt"
    note.write_text("mine", encoding="utf-8")
    for path in (old, left, note):
        os.utime(path, (now - (KEEP_DAYS + 1) * day,) * 2)
    # the marker of the last pruning is fresh: nothing is removed today
    assert _operator_json(capsys, "--cache-dir", str(folder)) == expected
    assert old.exists() and left.exists()
    # a day later: the old entry and the left-over go, what was read lately and the note stay
    prune(folder, now=now + day + 1)
    assert not old.exists() and not left.exists() and note.exists()
    assert entries(folder) == kept
    # and a month later still, only entries read since stay: reading refreshes an entry's time
    # (a run of its own, which reads the rule pack's files too, as every run of the command does)
    for entry in kept[1:]:
        os.utime(entry, (now - (KEEP_DAYS + 1) * day,) * 2)
    command = [
        sys.executable,
        "-m",
        "checker",
        "check",
        str(SAMPLES / "operator"),
        "--cache-dir",
        str(folder),
    ]
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    prune(folder, now=now + 2 * day + 2)
    assert entries(folder) == kept
    os.utime(kept[0], (now - (KEEP_DAYS + 1) * day,) * 2)
    prune(folder, now=now + 3 * day + 3)
    assert entries(folder) == kept[1:]
    assert _operator_json(capsys, "--cache-dir", str(folder)) == expected  # a miss is read anew


def test_a_folder_of_someone_else_is_never_pruned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("notes\n", encoding="utf-8")  # no .gitignore is written
    _operator_json(capsys, "--cache-dir", str(tmp_path / "mine"))
    kept = entries(tmp_path / "mine")
    long_ago = time.time() - (KEEP_DAYS + 1) * 24 * 60 * 60
    for entry in kept:
        os.utime(entry, (long_ago, long_ago))
    prune(tmp_path / "mine", now=time.time() + 2 * 24 * 60 * 60)
    assert entries(tmp_path / "mine") == kept


def test_pruning_touches_only_entries_and_never_blocks(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    assert open_cache(folder) is not None
    day = 24 * 60 * 60
    long_ago = time.time() - (KEEP_DAYS + 1) * day
    mine = folder / "ab" / ("ab" + "1" * 62 + ".json")
    elsewhere = folder / "zz" / ("ab" + "2" * 62 + ".json")  # not a folder the cache makes
    misfiled = folder / "cd" / ("ab" + "3" * 62 + ".json")  # not in the folder of its digits
    for path in (mine, elsewhere, misfiled):
        path.parent.mkdir(exist_ok=True)
        path.write_text("{}", encoding="utf-8")
        os.utime(path, (long_ago, long_ago))
    # a marker from the future (a clock, a cache restored from elsewhere) does not stop pruning
    future = time.time() + 365 * day
    os.utime(folder / ".pruned", (future, future))
    prune(folder)
    assert not mine.exists() and elsewhere.exists() and misfiled.exists()
    # a .gitignore that is a pipe is not read (it would block): no pruning, no hang
    fifo = tmp_path / "fifo-cache"
    fifo.mkdir()
    os.mkfifo(fifo / ".gitignore")
    (fifo / "ab").mkdir()
    entry = fifo / "ab" / ("ab" + "4" * 62 + ".json")
    entry.write_text("{}", encoding="utf-8")
    os.utime(entry, (long_ago, long_ago))
    prune(fifo)
    assert entry.exists()
