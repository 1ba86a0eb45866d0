"""``etom-check init``: a starting model that loads with no model findings but the placeholder
rule's, fails the gate unchanged, and passes once every placeholder is filled in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.cli.init import FILES, plan
from checker.engine import check
from checker.engine.packs import pack_for

from .conftest import run_cli


@pytest.fixture(params=["ru", "en"])
def scaffold(request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "model"
    code, out, err = run_cli(["init", str(folder), "--lang", request.param], capsys)
    assert (code, err) == (0, "")
    assert sorted(Path(line).name for line in out.splitlines()) == sorted(FILES)
    return folder


def fill_in(folder: Path) -> None:
    for path in folder.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace('"TODO: ', '"').replace('owner: "TODO"', 'owner: "Отдел"')
        text = text.replace('name: "TODO"', 'name: "ООО «Пример»"')
        path.write_text(text, encoding="utf-8")


def test_loads_with_no_model_findings_but_placeholders(scaffold: Path) -> None:
    result = check([str(scaffold)], lang="en")
    assert {f.rule for f in result.findings} == {"COV-5"}
    assert not [f for f in result.findings if f.category == "model"]  # it loads without model findings
    subjects = {(Path(f.location.file).name, f.subject) for f in result.findings}
    assert ("organisation.yaml", "organisation/name") in subjects
    assert ("crm.yaml", "order-handling/name") in subjects
    assert ("crm.yaml", "order-handling/owner") in subjects
    assert ("partners.yaml", "service-configuration-activation/name") in subjects
    # every placeholder is reported: the organisation's name, and each process's name and owner
    processes = len(plan(pack_for("GOST R 53633.3-2009")))
    assert len(result.findings) == 1 + 2 * processes


def test_placeholder_findings_point_at_their_lines(scaffold: Path) -> None:
    result = check([str(scaffold)], lang="en")
    for f in result.findings:
        line = Path(f.location.file).read_text(encoding="utf-8").splitlines()[f.location.line - 1]
        assert "TODO" in line, (f.subject, line)


def test_unchanged_scaffold_fails_the_gate(scaffold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["check", str(scaffold), "--lang", "en"], capsys)
    assert code == 1
    assert re.search(r"crm\.yaml:\d+:\d+: COV-5 error order-handling/owner", out)


def test_filled_in_scaffold_passes(scaffold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill_in(scaffold)
    result = check([str(scaffold)], lang="en")
    assert not [f for f in result.findings if f.rule.startswith("MOD-")]
    assert result.findings == []
    assert run_cli(["check", str(scaffold)], capsys)[0] == 0


def test_scaffold_has_every_required_element_function_and_interface() -> None:
    planned = {p.element: p for p in plan(pack_for("GOST R 53633.3-2009"))}
    assert [f"1.1.1.{n}" for n in range(1, 10)] == sorted(e for e in planned if e.startswith("1.1.1."))
    assert {"1.1.2.2", "1.1.2.3", "1.1.2.4", "1.1.2.5"} <= set(planned)
    assert "check-credit" in planned["1.1.1.5"].functions
    ids = {p.element: p.id for p in planned.values()}
    assert ids["1.1.2.2"] in planned["1.1.1.5"].interfaces  # FAB-5
    assert ids["1.1.1.7"] in planned["1.1.2.4"].interfaces  # FAB-7


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "crm.yaml").write_text("keep\n", encoding="utf-8")
    code, out, err = run_cli(["init", str(folder)], capsys)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "crm.yaml" in err
    assert (folder / "crm.yaml").read_text(encoding="utf-8") == "keep\n"
    assert not (folder / "organisation.yaml").exists()


def test_init_never_writes_through_a_link_even_to_nowhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "partners.yaml").symlink_to(tmp_path / "nowhere.yaml")
    code, _, err = run_cli(["init", str(folder), "--lang", "en"], capsys)
    assert (code, err) == (
        2,
        f"etom-check: error: {folder / 'partners.yaml'}: already exists; init never overwrites a file\n",
    )
    assert sorted(p.name for p in folder.iterdir()) == ["partners.yaml"]  # nothing written beside it
    assert not (tmp_path / "nowhere.yaml").exists()


def test_a_write_that_fails_takes_back_the_files_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_open = builtins.open

    def failing_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if mode == "x" and str(file).endswith("partners.yaml"):
            raise OSError(28, "No space left on device")
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", failing_open)
    folder = tmp_path / "m"
    code, _, err = run_cli(["init", str(folder), "--lang", "en"], capsys)
    assert code == 2 and str(folder / "partners.yaml") in err and len(err.strip().splitlines()) == 1
    assert list(folder.iterdir()) == []


def test_init_into_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "file"
    target.write_text("", encoding="utf-8")
    code, _, err = run_cli(["init", str(target)], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_languages_differ(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(["init", str(tmp_path / "ru"), "--lang", "ru"], capsys)
    run_cli(["init", str(tmp_path / "en"), "--lang", "en"], capsys)
    ru = (tmp_path / "ru" / "crm.yaml").read_text(encoding="utf-8")
    en = (tmp_path / "en" / "crm.yaml").read_text(encoding="utf-8")
    assert "TODO: Обработка заказов" in ru and "TODO: Order Handling" in en


def test_the_marker_is_the_placeholder_rule_s() -> None:
    from dataclasses import replace

    from checker.cli.init import files, marker

    pack = pack_for("GOST R 53633.3-2009")
    assert marker(pack) == "TODO"
    rules = [replace(r, options={"marker": "FIXME"}) if r.kind == "placeholders" else r for r in pack.rules]
    other = replace(pack, rules=rules)
    text = files(other, "en")["crm.yaml"]
    assert '"FIXME: Order Handling"' in text and "TODO" not in text
