"""The rule pack and catalogue are data, validated when they load: a broken file is exit 2 with
its file and line."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.engine import packs
from checker.engine.packs import pack_for
from checker.kinds import KINDS
from checker.standard import datafiles, rulepack

from .conftest import ROOT, run_cli

MODEL = str(ROOT / "tests" / "models" / "conformant.yaml")
PACK = "gost-r-53633.3-2009"


@pytest.fixture
def rules_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of rules/ that the checker reads instead of the shipped one."""
    copy = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", copy)
    monkeypatch.setattr(datafiles, "rules_dir", lambda: copy)
    monkeypatch.setattr(rulepack, "rules_dir", lambda: copy)
    caches = (rulepack.load_pack, rulepack._pack_index, packs._checked)
    for cached in caches:
        cached.cache_clear()
    yield copy
    for cached in caches:
        cached.cache_clear()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "where", "says"),
    [
        (
            f"{PACK}/FAB-1.yaml",
            "severity: error",
            "severity: fatal",
            f"rules/{PACK}/FAB-1.yaml:5:11",
            "severity",
        ),
        (
            f"{PACK}/COV-1.yaml",
            "id: COV-1",
            "id: COV-99",
            f"rules/{PACK}/COV-1.yaml:1:5",
            "must match the file name",
        ),
        (
            f"{PACK}/FAB-3.yaml",
            'from: "1.1.1.3"',
            'from: "1.1.1.3"\n  extra: 1',
            f"rules/{PACK}/FAB-3.yaml:12:3",
            "extra",
        ),
        (
            f"{PACK}/MOD-4.yaml",
            "kind: input",
            "kind: input\nkind: schema",
            f"rules/{PACK}/MOD-4.yaml:10:1",
            "duplicate key 'kind' (first given on line 9)",
        ),
        (
            "catalogue.yaml",
            'id: "1.1.1.5"\n',
            "id: 1.1.1.5.\n",
            "rules/catalogue.yaml:48:9",
            "does not match",
        ),
    ],
)
def test_broken_pack_file_is_exit_2_with_file_and_line(
    rules_copy: Path, file: str, old: str, new: str, where: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(rules_copy / file, old, new)
    code, out, err = run_cli(["check", MODEL, "--lang", "en"], capsys)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1, err
    assert err.startswith(f"etom-check: error: {where}"), err
    assert says in err


def test_rule_naming_an_unknown_element_is_exit_2(
    rules_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(rules_copy / PACK / "FAB-5.yaml", '"1.1.2.2"', '"1.1.2.9"')
    code, _, err = run_cli(["check", MODEL], capsys)
    assert code == 2 and "FAB-5" in err and "1.1.2.9" in err


def test_an_unknown_kind_is_exit_2_listing_the_kinds(
    rules_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(rules_copy / PACK / "FUN-1.yaml", "kind: functions", "kind: magic")
    code, _, err = run_cli(["check", MODEL, "--lang", "en"], capsys)
    assert code == 2 and err.startswith(
        f"etom-check: error: rules/{PACK}/FUN-1.yaml:9:7: rule FUN-1: unknown kind"
    )
    assert all(name in err for name in KINDS)


def test_options_its_kind_cannot_use_are_exit_2(rules_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(rules_copy / PACK / "FAB-3.yaml", 'from: "1.1.1.3"', 'from: "1.1.1.3"\n  extra: 1')
    code, _, err = run_cli(["check", MODEL, "--lang", "en"], capsys)
    assert code == 2 and f"rules/{PACK}/FAB-3.yaml:12:3: rule FAB-3: options" in err and "extra" in err


def test_catalogue_has_the_crm_elements_with_verticals() -> None:
    catalogue = pack_for("GOST R 53633.3-2009").catalogue
    crm = {e: catalogue.elements[e].verticals for e in catalogue.children("1.1.1")}
    assert crm["1.1.1.2"] == ("F", "A", "B") and crm["1.1.1.8"] == ("B",) and crm["1.1.1.1"] == ("OSR",)
    assert sorted(crm, key=lambda e: int(e.rsplit(".", 1)[1])) == [f"1.1.1.{i}" for i in range(1, 13)]
    assert catalogue.name("1.1.1.5", "ru") == "Обработка заказов"
    assert catalogue.elements["1.1.1.5.2"].translated and not catalogue.elements["1.1.1.5"].translated
