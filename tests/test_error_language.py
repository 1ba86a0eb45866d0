"""The one line of exit code 2 is in the language of the run: Russian under ``--lang ru`` (and by
default), English under ``--lang en``, with paths, options, keys and ids as they were given."""

from __future__ import annotations

import pickle
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.cli.errors import Language
from checker.engine.selection import SelectionError
from checker.i18n import TERMS, Localised
from checker.reporters import REPORTERS
from checker.standard.datafiles import PackError

from .conftest import SMALL_MODEL, run_cli

RU, EN = "etom-check: ошибка: ", "etom-check: error: "


@dataclass(frozen=True)
class Case:
    """A command that stops with exit 2, the English words it says (never in Russian), and what
    both lines keep verbatim."""

    args: Callable[[Path], list[str]]
    english: tuple[str, ...]
    verbatim: Callable[[Path], list[str]]


def _model(tmp: Path) -> str:
    path = tmp / "model.yaml"
    path.write_text(SMALL_MODEL, encoding="utf-8")
    return str(path)


def _config(tmp: Path) -> list[str]:
    (tmp / "etom.toml").write_text("bogus-key = 1\n", encoding="utf-8")
    return ["check", _model(tmp), "--config", str(tmp / "etom.toml")]


def _baseline(tmp: Path) -> list[str]:
    (tmp / "baseline.json").write_text('{"findings": []}\n', encoding="utf-8")
    return ["check", _model(tmp), "--baseline", str(tmp / "baseline.json")]


def _folder_output(tmp: Path) -> list[str]:
    (tmp / "out").mkdir()
    return ["check", _model(tmp), "-o", str(tmp / "out")]


def _outside_git(tmp: Path) -> list[str]:
    return ["check", _model(tmp), "--new-since", "HEAD"]


def _pack(tmp: Path) -> list[str]:
    (tmp / "pack.yaml").write_text(
        "pack: 1\noverrides:\n  - {id: NOPE-7, severity: info}\n", encoding="utf-8"
    )
    return ["check", _model(tmp), "--rules", str(tmp / "pack.yaml")]


CASES = {
    "configuration: unknown key": Case(
        _config, ("unknown key", "known:"), lambda tmp: [str(tmp / "etom.toml"), "'bogus-key'"]
    ),
    "baseline: not a baseline": Case(
        _baseline, ("not an", "baseline (format"), lambda tmp: [str(tmp / "baseline.json")]
    ),
    "model: missing path": Case(
        lambda tmp: ["check", str(tmp / "nowhere.yaml")],
        ("no such", "folder"),
        lambda tmp: [str(tmp / "nowhere.yaml")],
    ),
    "--select: no rule": Case(
        lambda tmp: ["check", _model(tmp), "--select", "XYZ-9"], ("no rule", "matches"), lambda tmp: ["XYZ-9"]
    ),
    "output: a folder": Case(_folder_output, ("is a folder",), lambda tmp: [str(tmp / "out")]),
    "--new-since: outside git": Case(
        _outside_git, ("is not in", "work tree"), lambda tmp: ["--new-since", str(tmp / "model.yaml")]
    ),
    "--rules: a broken pack": Case(
        _pack, ("name the rule", "does not have"), lambda tmp: [f"{tmp / 'pack.yaml'}:3:10:", "NOPE-7"]
    ),
    "explain: unknown rule": Case(
        lambda tmp: ["explain", "NOPE-1"], ("unknown rule", "lists them"), lambda tmp: ["'NOPE-1'"]
    ),
}


def _one_line(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = run_cli(args, capsys)
    assert (code, out) == (2, ""), err
    assert len(err.splitlines()) == 1 and err.endswith("\n"), err
    return err.rstrip("\n")


@pytest.mark.parametrize("name", CASES)
def test_each_error_is_said_in_the_language_of_the_run(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if name.startswith("--new-since") and shutil.which("git") is None:  # pragma: no cover
        pytest.skip("git is not installed")
    case = CASES[name]
    monkeypatch.chdir(tmp_path)  # no configuration of the working folder is found
    args = case.args(tmp_path)
    english = _one_line([*args, "--lang", "en"], capsys)
    russian = _one_line([*args, "--lang", "ru"], capsys)
    assert english.startswith(EN) and russian.startswith(RU)
    for words in case.english:
        assert words in english, english
        assert words not in russian, russian
    for kept in case.verbatim(tmp_path):
        assert kept in english and kept in russian, (english, russian)
    said = russian.removeprefix(RU)
    for kept in case.verbatim(tmp_path):
        said = said.replace(kept, "")
    assert re.search("[а-яё]", said), russian


@pytest.mark.parametrize(
    ("args", "english", "kept"),
    [
        (["check", "m.yaml", "--no-such-option"], "No such option", "--no-such-option"),
        (["check", "m.yaml", "--fail-on", "fatal"], "Invalid value", "'fatal'"),
        (["explain"], "Missing argument", "'RULE'"),
        (["check", "m.yaml", "--jobs", "many"], "Invalid value", "'many'"),
        (["check", "m.yaml", "--report", "sarif"], "expected FORMAT:FILE", "--report"),
        (["check", "m.yaml", "--max-files", "0"], "is not in the range", "'--max-files'"),
        (["frobnicate"], "No such command", "'frobnicate'"),
        (["explain", "COV-1", "extra"], "unexpected extra argument", "extra"),
    ],
)
def test_usage_errors_are_said_in_russian_too(
    args: list[str], english: str, kept: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _one_line([*args, "--lang", "en"], capsys)
    assert line.startswith(EN) and english in line and kept in line
    line = _one_line([*args, "--lang", "ru"], capsys)
    assert line.startswith(RU) and english not in line and kept in line, line


def test_the_default_is_the_locale_else_russian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    missing = str(tmp_path / "nowhere")
    assert _one_line(["check", missing], capsys) == f"{RU}{missing}: нет такого файла или папки"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert _one_line(["check", missing], capsys) == f"{EN}{missing}: no such file or folder"
    assert _one_line(["check", missing, "--lang=ru"], capsys).startswith(RU)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert _one_line(["check", missing], capsys).startswith(RU)
    assert _one_line(["check", missing, "--lang=en"], capsys).startswith(EN)
    # a --lang that is not a language: refused in the language of the locale
    assert _one_line(["check", missing, "--lang", "de"], capsys).startswith(RU)


def test_the_configurations_language_holds_once_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.chdir(tmp_path)
    model = _model(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.etom-check]\nlang = "en"\nselect = ["XYZ-9"]\n', encoding="utf-8"
    )
    assert _one_line(["check", model], capsys) == f"{EN}no rule matches XYZ-9"
    assert (
        _one_line(["check", model, "--lang", "ru"], capsys) == f"{RU}ни одно правило не соответствует XYZ-9"
    )
    # a configuration that cannot be read has told no language yet
    (tmp_path / "pyproject.toml").write_text('[tool.etom-check]\nlang = "en"\nbogus = 1\n', encoding="utf-8")
    assert _one_line(["check", model], capsys).startswith(f"{RU}pyproject.toml: неизвестный ключ 'bogus'")


def test_an_internal_error_is_framed_in_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(result: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setitem(REPORTERS, "json", broken)
    model = _model(tmp_path)
    line = _one_line(["check", model, "--format", "json", "--lang", "ru"], capsys)
    assert (
        line
        == f"{RU}внутренняя ошибка: RuntimeError: boom (запустите с --debug, чтобы увидеть трассировку стека)"
    )
    line = _one_line(["check", model, "--format", "json", "--lang", "en"], capsys)
    assert line == f"{EN}internal error: RuntimeError: boom (run with --debug for the traceback)"


def test_the_language_comes_from_the_command_line_before_parsing() -> None:
    assert Language.of(["check", "m", "--lang", "en"]).chosen == "en"
    assert Language.of(["check", "m", "--lang=en", "--lang", "ru"]).chosen == "ru"
    assert Language.of(["check", "m", "--lang", "de"]).chosen is None
    assert Language.of(["check", "--", "--lang", "en"]).chosen is None
    assert Language.of(["check", "m", "--lang"]).chosen is None


def test_an_error_is_english_as_text_and_either_language_on_demand() -> None:
    exc = SelectionError("sel-none", prefix="ZZZ")
    assert isinstance(exc, Localised) and isinstance(exc, ValueError)
    assert str(exc) == "no rule matches ZZZ" and exc.text("ru") == "ни одно правило не соответствует ZZZ"
    pack = PackError("pack.yaml", 3, 9, "pk-override-unknown", id="NOPE-7")
    assert pack.message == "overrides name the rule NOPE-7, which the pack does not have"
    again = pickle.loads(pickle.dumps(pack))
    assert (str(again), again.line, again.text("ru")) == (str(pack), 3, pack.text("ru"))
    assert (
        again.text("ru") == "pack.yaml:3:9: в overrides указано правило NOPE-7, которого нет в наборе правил"
    )


# Latin words a Russian message may hold: names of formats, tools, keys and values it quotes
NAMES = {
    "etom-check", "rules", "UTF-8", "JSON", "TOML", "YAML", "INI", "eTOM", "git", "PATH", "PATHS",
    "FORMAT:FILE", "sarif:results.sarif", "K", "M", "G", "init", "overrides", "kind", "complete",
    "deleted", "level", "rows", "id", "name", "findings", "rule", "subject", "fingerprint", "true",
    "false", "auto", "paths", "yaml", "yml", "FIFO",
}  # fmt: skip
ERROR_TERMS = ("e-", "cfg-", "x-", "bl-", "sel-", "out-", "w-", "rev-", "path-", "pk-", "s-", "xwe-")


@pytest.mark.parametrize("key", [k for k in TERMS if k.startswith(ERROR_TERMS)])
def test_russian_error_texts_hold_no_english_words(key: str) -> None:
    text = re.sub(r"\{[^{}]*\}", " ", TERMS[key]["ru"])  # the arguments are the user's
    words = re.findall(r"-{0,2}[A-Za-z][A-Za-z0-9_.:-]*[A-Za-z0-9]|-{0,2}[A-Za-z]", text)
    assert [w for w in words if w not in NAMES and not w.startswith("--")] == [], TERMS[key]["ru"]
    assert TERMS[key]["en"] != "" or TERMS[key]["ru"] == ""
