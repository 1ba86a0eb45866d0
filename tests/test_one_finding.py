"""One model, one verdict, one finding per mistake (issue: findings a process architect can trust
on messy, real models). Each test names the rule, file, line, column and exit code it expects."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.engine import check

from .conftest import ROOT, run_cli

HEAD = "model: 1\norganisation:\n  name: ООО «Тест»\nprocesses:\n"


def _model(tmp_path: Path, body: str, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def _found(path: Path, *, select: tuple[str, ...] = (), lang: str = "en") -> list[tuple[str, int, int, str]]:
    result = check([str(path)], lang=lang, select=select)
    return [(f.rule, f.location.line, f.location.column, f.message) for f in result.findings]


# ----------------------------------------------------------------- waivers excuse what they name

CONTACTS = "  - {id: contacts, name: Контакты, implements: [1.1.1.2]}\n"


def test_a_waiver_with_target_excuses_only_that_target(tmp_path: Path) -> None:
    waivers = "waivers:\n  - {rule: FAB-2, subject: 1.1.1.2, target: B, reason: Партнёр}\n"
    result = check([str(_model(tmp_path, CONTACTS + waivers))], select=["FAB-2", "MOD-2"])
    fab = {(f.target, f.waived) for f in result.findings if f.rule == "FAB-2"}
    assert fab == {("F", False), ("A", False), ("B", True)}
    assert result.exit_code == 1


def test_a_waiver_may_name_an_element_of_the_target(tmp_path: Path) -> None:
    waivers = "waivers:\n  - {rule: FAB-2, target: 1.1.1.12, reason: Запросы по счетам у партнёра}\n"
    result = check([str(_model(tmp_path, CONTACTS + waivers))], select=["FAB-2"])
    assert {f.target for f in result.findings if f.waived} == {"B"}


def test_a_waiver_without_target_over_several_targets_is_a_warning(tmp_path: Path) -> None:
    waivers = "waivers:\n  - rule: FAB-2\n    subject: 1.1.1.2\n    reason: Партнёр\n"
    path = _model(tmp_path, CONTACTS + waivers)
    result = check([str(path)], lang="en", select=["FAB-2", "MOD-27"])
    assert all(f.waived for f in result.findings if f.rule == "FAB-2")
    (broad,) = [f for f in result.findings if f.rule == "MOD-27"]
    assert (broad.location.line, broad.location.column, broad.severity.label) == (7, 5, "warning")
    assert (
        "several targets (F; A; B): name the one you accept in target, or write a waiver for each"
        in broad.message
    )


def test_rule_ids_in_waivers_are_case_insensitive_and_typos_get_the_closest(tmp_path: Path) -> None:
    waivers = (
        "waivers:\n"
        "  - {rule: fab-2, subject: 1.1.1.2, target: F, reason: Партнёр}\n"
        "  - {rule: FAB-22, reason: Опечатка}\n"
        "  - {rule: QQQ-1, reason: Ничего похожего}\n"
    )
    result = check([str(_model(tmp_path, CONTACTS + waivers))], lang="en", select=["FAB-2", "MOD-26"])
    assert {f.target for f in result.findings if f.rule == "FAB-2" and f.waived} == {"F"}
    unknown = {f.location.line: f.message for f in result.findings if f.rule == "MOD-26"}
    assert unknown[8].endswith("(did you mean 'FAB-2'?)")
    assert unknown[9].endswith("it applies to nothing"), unknown[9]  # nothing close: no hint at all


@pytest.mark.parametrize(
    ("written", "fix"), [('" fab-2 "', "FAB-2"), ('"fab 2"', "FAB-2"), ('"Fab -2"', "FAB-2"), ("2", None)]
)
def test_a_rule_id_with_a_slip_of_form_in_a_waiver_is_one_finding(
    tmp_path: Path, written: str, fix: str | None
) -> None:
    waivers = f"waivers:\n  - {{rule: {written}, subject: 1.1.1.2, target: F, reason: Партнёр}}\n"
    result = check([str(_model(tmp_path, CONTACTS + waivers))], lang="en", select=["FAB-2", "MOD"])
    model = [(f.rule, f.location.line, f.location.column) for f in result.findings if f.category == "model"]
    assert model == [("MOD-13", 7, 12)]  # never MOD-26 beside it
    message = next(f.message for f in result.findings if f.rule == "MOD-13")
    if fix is None:
        assert message.endswith("a rule id is expected, for example COV-1")
        assert not any(f.waived for f in result.findings)
    else:
        assert message.endswith(f"write '{fix}'")  # and the waiver is read so
        assert {f.target for f in result.findings if f.rule == "FAB-2" and f.waived} == {"F"}


def test_a_waiver_target_in_small_letters_or_with_spaces_and_an_unused_one_names_its_target(
    tmp_path: Path,
) -> None:
    waivers = (
        "waivers:\n"
        '  - {rule: FAB-2, subject: " 1.1.1.2", target: b, reason: Партнёр}\n'
        "  - {rule: FAB-2, target: 1.1.1.3, reason: Не та цель}\n"
    )
    path = _model(tmp_path, CONTACTS + waivers)
    result = check([str(path)], lang="en", select=["FAB-2", "MOD-25"])
    assert {f.target for f in result.findings if f.rule == "FAB-2" and f.waived} == {"B"}
    (unused,) = [f for f in result.findings if f.rule == "MOD-25"]
    assert unused.location.line == 8
    assert unused.message == "The waiver of FAB-2 (subject: —; target: 1.1.1.3) matches no finding: remove it"
    (unused,) = [
        f for f in check([str(path)], lang="ru", select=["FAB-2", "MOD-25"]).findings if f.rule == "MOD-25"
    ]
    assert "(предмет: —; цель: 1.1.1.3)" in unused.message


def test_a_file_read_with_a_repeated_key_says_no_waiver(tmp_path: Path) -> None:
    body = "  - {id: contacts, name: K, implements: [1.1.1.2], ownr: x}\nwaivers:\n"
    path = _model(tmp_path, body + "  - {rule: MOD-11, reason: a, reason: b}\n")
    result = check([str(path)], lang="en")
    assert [(f.rule, f.location.line, f.waived) for f in result.findings] == [
        ("MOD-11", 5, False),
        ("MOD-4", 7, False),
    ]
    path.write_text(path.read_text(encoding="utf-8").replace("reason: a, reason: b", "reason: a"), "utf-8")
    assert [(f.rule, f.waived) for f in check([str(path)], lang="en").findings if f.rule == "MOD-11"] == [
        ("MOD-11", True)
    ]


def test_an_unused_waiver_suggests_the_subject_its_rule_names(tmp_path: Path) -> None:
    waivers = (
        "waivers:\n"
        "  - {rule: FAB-2, subject: 1.1.1.3, reason: Опечатка в предмете}\n"
        "  - {rule: FAB-2, subject: zzz, reason: Ничего похожего}\n"
    )
    result = check([str(_model(tmp_path, CONTACTS + waivers))], lang="en", select=["FAB-2", "MOD-25"])
    unused = {f.location.line: f.message for f in result.findings if f.rule == "MOD-25"}
    assert unused[7].endswith("matches no finding: remove it (did you mean '1.1.1.2'?)")
    assert unused[8].endswith("matches no finding: remove it")


def test_a_function_or_target_that_is_no_id_is_one_finding_with_the_closest(tmp_path: Path) -> None:
    body = (
        "  - id: orders\n    name: Заказы\n    implements: [1.1.1.5]\n"
        '    functions: ["Issue Order"]\n    interfaces: [{to: "Bad Target"}]\n'
    )
    found = _found(_model(tmp_path, body), select=("MOD",))
    assert [(rule, line, column) for rule, line, column, _ in found] == [("MOD-19", 8, 17), ("MOD-15", 9, 23)]
    assert found[0][3].endswith("(did you mean 'issue-order'?)")


def test_an_id_with_a_line_break_at_its_end_is_no_id(tmp_path: Path) -> None:
    # JSON Schema's $ is the end of the text (Python's would also match before a final line break)
    body = '  - id: "p1\\n"\n    name: P\n    implements: [1.1.1.5]\n    interfaces: [{to: p1}]\n'
    found = _found(_model(tmp_path, body), select=("MOD-13",))
    assert [(rule, line, column) for rule, line, column, _ in found] == [("MOD-13", 5, 9)]


def test_minus_zero_is_text_and_an_aliased_key_reads_as_yaml_says_it(tmp_path: Path) -> None:
    # -0 as a number would read 0, a process id it is not; a key given by an alias of ~ is null
    body = "  - {id: -0, name: P, implements: [1.1.1.5]}\nx-k: &k ~\n*k : v\n"
    found = _found(_model(tmp_path, body), select=("MOD-11", "MOD-13"))
    assert [(rule, line) for rule, line, _, _ in found] == [("MOD-13", 5), ("MOD-11", 7)]
    assert "processes[0].id = '-0'" in found[0][3] and "Unknown key 'null'" in found[1][3]


def test_words_that_say_what_is_wrong(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # external: да is read as true, with the fix
    body = "  - {id: orders, name: Заказы, implements: [1.1.1.5], external: да}\n"
    found = _found(_model(tmp_path, body), select=("MOD-12",))
    assert [(r, line) for r, line, _, _ in found] == [("MOD-12", 5)] and found[0][3].endswith("write 'true'")
    # an interface rule whose target is one element not implemented says so of that element
    found = _found(
        _model(tmp_path, "  - {id: orders, name: Заказы, implements: [1.1.1.5]}\n"), select=("FAB-5",)
    )
    assert found[0][3].endswith(
        "passes work to a process of 1.1.2.2 (this element is not implemented in the model)"
    )
    # the held-back line says what was wrong with the file: a repeated key
    path = _model(tmp_path, "  - {id: orders, name: Заказы, name: Б, implements: [1.1.1.5]}\n")
    code, out, _ = run_cli(["check", str(path), "--lang", "en"], capsys)
    assert code == 1 and "(27 rules: coverage" in out and f"{path} repeats a key" in out


def test_integrity_findings_can_be_neither_waived_nor_baselined(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "  - id: orders\n    name: Заказы\n    name: Заказы 2\n    implements: [1.1.1.5]\n"
    path = _model(tmp_path, body)
    (tmp_path / "waivers.yaml").write_text(
        "model: 1\nwaivers:\n  - {rule: mod-4, reason: Пусть будет}\n", "utf-8"
    )
    result = check([str(tmp_path)], lang="en", select=["MOD"])
    assert [(f.rule, Path(f.location.file).name, f.location.line, f.waived) for f in result.findings] == [
        ("MOD-4", "m.yaml", 7, False),
        ("MOD-28", "waivers.yaml", 3, False),
    ]
    baseline = tmp_path / "b.json"
    run_cli(["check", str(path), "--select", "MOD-4", "--write-baseline", str(baseline)], capsys)
    assert json.loads(baseline.read_text(encoding="utf-8"))["findings"] == []
    code, out, _ = run_cli(["check", str(path), "--select", "MOD-4", "--baseline", str(baseline)], capsys)
    assert code == 1 and "MOD-4 error" in out


# ----------------------------------------------------------------- the gate cannot be beaten


def test_a_new_finding_beyond_the_cap_fails_the_gate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = "".join(f"x{i}: 1\n" for i in range(5))
    path = tmp_path / "m.yaml"
    path.write_text(HEAD + "  - {id: orders, name: Заказы, implements: [1.1.1.5]}\n" + keys, encoding="utf-8")
    baseline = tmp_path / "b.json"
    cap = ["--max-findings-per-file", "3", "--select", "MOD"]
    run_cli(["check", str(path), *cap, "--write-baseline", str(baseline)], capsys)
    assert len(json.loads(baseline.read_text(encoding="utf-8"))["findings"]) == 5  # shown or not
    code, out, _ = run_cli(["check", str(path), *cap, "--baseline", str(baseline), "--lang", "en"], capsys)
    assert code == 0, out
    path.write_text(path.read_text(encoding="utf-8") + "x9: 1\n", encoding="utf-8")  # beyond the cap
    code, out, _ = run_cli(["check", str(path), *cap, "--baseline", str(baseline), "--lang", "en"], capsys)
    assert code == 1, out
    # the new finding is shown, in place of a baselined one: the user sees what fails
    assert f"{path}:11:1: MOD-11 error Unknown key 'x9'" in out
    assert "Findings of MOD-11 in this file not shown: 3 (the limit is 3); none of them fails the gate" in out
    assert "Findings not shown: 3, failing the gate among them: 0." in out
    for fmt in ("json", "github", "gitlab", "sarif", "junit"):
        code, out, _ = run_cli(
            ["check", str(path), *cap, "--baseline", str(baseline), "--format", fmt], capsys
        )
        assert code == 1 and "x9" in out, fmt
    summary = json.loads(
        run_cli(["check", str(path), *cap, "--baseline", str(baseline), "--format", "json"], capsys)[1]
    )["summary"]
    assert (summary["not_shown"], summary["not_shown_failing"], summary["baselined"]) == (3, 0, 5)
    # with two new findings beyond the cap and a limit of one, one is shown and one counted
    path.write_text(path.read_text(encoding="utf-8") + "x8: 1\n", encoding="utf-8")
    cap[1] = "1"
    code, out, _ = run_cli(["check", str(path), *cap, "--baseline", str(baseline), "--lang", "en"], capsys)
    assert code == 1 and "Unknown key 'x9'" in out and "Unknown key 'x8'" not in out
    assert (
        "Findings of MOD-11 in this file not shown: 6 (the limit is 1); failing the gate among them: 1" in out
    )


# ----------------------------------------------------------------- one mistake, one finding


def test_an_unread_file_holds_back_the_checks_over_the_whole_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.yaml").write_text(HEAD + CONTACTS, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "model: 1\nprocesses:\n  - {id: orders, name: Заказы\n", encoding="utf-8"
    )
    code, out, _ = run_cli(["check", str(tmp_path), "--format", "json", "--lang", "en"], capsys)
    data = json.loads(out)
    assert code == 1 and [f["rule"] for f in data["findings"]] == ["MOD-1"]
    assert {c["status"] for c in data["coverage"]} == {"not-checked"}
    assert data["held_back"]["files"] == [f"{tmp_path}/b.yaml"]
    assert {"COV-1", "FAB-2", "FUN-1", "MOD-15", "MOD-21", "MOD-25"} <= set(data["held_back"]["rules"])
    code, out, _ = run_cli(["check", str(tmp_path), "--lang", "en"], capsys)
    (note,) = [line for line in out.splitlines() if line.startswith("Checks over the whole model held back")]
    assert f"{tmp_path}/b.yaml could not be read" in note


def test_with_a_file_not_read_no_interface_is_read_as_naming_another_process(tmp_path: Path) -> None:
    # orders-2 may well be in the file that could not be read: the interface is not "corrected"
    # to orders-1, which is close to it (and the search is not made for every such interface)
    (tmp_path / "a.yaml").write_text(
        HEAD
        + "  - {id: orders-1, name: Заказы, implements: [1.1.1.5]}\n"
        + "  - {id: invoices, name: Счета, implements: [1.1.1.10], interfaces: [{to: orders-2}]}\n",
        encoding="utf-8",
    )
    broken = tmp_path / "b.yaml"
    broken.write_text("model: 1\nprocesses:\n  - {id: orders-2, name: Заказы 2\n", encoding="utf-8")
    result = check([str(tmp_path)], lang="en")
    assert [(f.rule, f.location.line) for f in result.findings] == [("MOD-1", 4)]
    assert [(e.source, e.target) for e in result.view.edges] == []
    # read whole, the same interface is the slip of a name: one finding, read as orders-1
    broken.unlink()
    result = check([str(tmp_path)], lang="en", select=["MOD-15"])
    assert [(f.rule, f.location.line, f.location.column) for f in result.findings] == [("MOD-15", 6, 75)]
    assert "did you mean 'orders-1'? The check reads it so" in result.findings[0].message
    assert [(e.source, e.target) for e in result.view.edges] == [("invoices", "orders-1")]


def test_a_recoverable_shape_is_one_finding_with_the_fix(tmp_path: Path) -> None:
    path = _model(tmp_path, "  - id: sla\n    name: SLA\n    implements: 1.1.1.7\n")
    found = _found(path)
    assert [(r, line, col) for r, line, col, _ in found if r.startswith("MOD")] == [("MOD-12", 7, 17)]
    message = next(m for r, _, _, m in found if r == "MOD-12")
    assert message == "processes[0].implements must be a list, not text; write '[1.1.1.7]'"
    # and the rest is checked as if it were written so: 1.1.1.7 is implemented
    assert not any(r == "COV-1" and "1.1.1.7" in m for r, _, _, m in found)


@pytest.mark.parametrize(
    ("body", "where", "fix"),
    [
        ("    implements: 1.1.1.5, 1.1.1.6\n", (7, 17), "write '[1.1.1.5, 1.1.1.6]'"),
        ("    implements: [[1.1.1.5], 1.1.1.6]\n", (7, 19), "write '[1.1.1.5, 1.1.1.6]'"),
        ("    implements: [1.1.1.5]\n    functions: issue-order\n", (8, 16), "write '[issue-order]'"),
        ("    implements: [1.1.1.5]\n    external: yes\n", (8, 15), "write 'true'"),
        ("    implements: [1.1.1.5]\n    interfaces: [orders]\n", (8, 18), "write '- to: orders'"),
        ("    implements: [1.1.1.5]\n    interfaces: {to: orders}\n", (8, 17), "begin the entry with '- '"),
    ],
)
def test_each_recoverable_shape(tmp_path: Path, body: str, where: tuple[int, int], fix: str) -> None:
    path = _model(
        tmp_path, "  - id: p\n    name: P\n" + body + "  - {id: orders, name: O, implements: [1.1.1.5]}\n"
    )
    model_findings = [(r, line, col, m) for r, line, col, m in _found(path, select=("MOD",))]
    assert [(r, (line, col)) for r, line, col, _ in model_findings] == [("MOD-12", where)], model_findings
    assert fix in model_findings[0][3]


def test_a_repeated_process_id_is_one_finding_and_both_definitions_count(tmp_path: Path) -> None:
    body = (
        "  - {id: care, name: Забота, implements: [1.1.1.6]}\n"
        "  - {id: care, name: Удержание, implements: [1.1.1.9]}\n"
    )
    result = check([str(_model(tmp_path, body))], lang="en")
    assert [
        (f.rule, f.location.line, f.location.column) for f in result.findings if f.rule.startswith("MOD")
    ] == [("MOD-14", 6, 10)]
    statuses = {c.element: c.status for c in result.coverage}
    assert statuses["1.1.1.6"] == statuses["1.1.1.9"] == "covered"


def test_a_duplicate_made_by_an_alias_is_reported_at_the_alias(tmp_path: Path) -> None:
    body = "  - &orders\n    id: orders\n    name: Заказы\n    implements: [1.1.1.5]\n  - *orders\n"
    found = [(r, line, col) for r, line, col, _ in _found(_model(tmp_path, body), select=("MOD",))]
    assert found == [("MOD-14", 9, 5)]


# ----------------------------------------------------------------- hints that fix


@pytest.mark.parametrize(
    ("body", "rule", "hint"),
    [
        ("  - {id: p, name: P, implements: [1.1.1.5], ownr: Отдел}\n", "MOD-11", "did you mean 'owner'?"),
        ("  - {id: p, name: P, implements: [1.1.12]}\n", "MOD-17", "did you mean '1.1.1.12'?"),
        (
            "  - {id: p, name: P, implements: [1.1.1.5], functions: [isue-order]}\n",
            "MOD-19",
            "did you mean 'issue-order'?",
        ),
        (
            "  - {id: p, name: P, implements: [1.1.1.5], interfaces: [{to: billling}]}\n"
            "  - {id: billing, name: B, implements: [1.1.1.8]}\n",
            "MOD-15",
            "did you mean 'billing'?",
        ),
    ],
)
def test_did_you_mean(tmp_path: Path, body: str, rule: str, hint: str) -> None:
    messages = [m for r, _, _, m in _found(_model(tmp_path, body)) if r == rule]
    assert len(messages) == 1 and hint in messages[0], messages


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("  - {id: p, name: P, implements: [1.1.1.5], zzzzzz: 1}\n", "MOD-11"),
        ("  - {id: p, name: P, implements: [7.7.7.7]}\n", "MOD-17"),
        ("  - {id: p, name: P, implements: [1.1.1.5], functions: [qqqqqqq]}\n", "MOD-19"),
        ("  - {id: p, name: P, implements: [1.1.1.5], interfaces: [{to: zzzzzzzzz}]}\n", "MOD-15"),
    ],
)
def test_no_hint_when_nothing_is_close(tmp_path: Path, body: str, rule: str) -> None:
    for lang in ("en", "ru"):
        messages = [m for r, _, _, m in _found(_model(tmp_path, body), lang=lang) if r == rule]
        assert len(messages) == 1
        assert not any(
            s in messages[0] for s in ("did you mean", "closest", "—", "имелось в виду", "ближайш")
        )


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"model: 1\norganisation:\n\tname: X\n", "делайте отступы пробелами"),
        ("model: 1\norganisation:\n  name: Пример\n".encode("cp1251"), "Windows-1251"),
        (b"model: 1\norganisation:\n  name: A: B\n", "заключите значение в кавычки"),
        (b"model: 1\norganisation: {name: X\n", "не закрыто"),
        (
            "model: 1\norganisation:\n  name: Пример\nprocesses:\n  - {id: p, name: true, implements: [1.1.1.5]}\n".encode(),
            'заключите его в кавычки: "true"',
        ),
    ],
)
def test_reading_problems_in_the_users_words(tmp_path: Path, raw: bytes, says: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(raw)
    messages = [m for r, _, _, m in _found(path, lang="ru") if r.startswith("MOD")]
    assert any(says in m for m in messages), messages
    ascii_words = [w for m in messages for w in m.split() if w.isascii() and w.isalpha() and len(w) > 3]
    assert not [w for w in ascii_words if w not in ("YAML", "UTF", "true", "false", "name")], messages


def test_explain_shows_messages_filled_in(capsys: pytest.CaptureFixture[str]) -> None:
    from checker.engine.packs import pack_for

    for rule in pack_for("GOST R 53633.3-2009").rules:
        for lang in ("ru", "en"):
            code, out, _ = run_cli(["explain", rule.id, "--lang", lang], capsys)
            message = out.split("Сообщение:" if lang == "ru" else "Message:")[1]
            assert code == 0 and "{" not in message.split("\n\n")[0], (rule.id, lang, message)


# ----------------------------------------------------------------- any terminal


@pytest.mark.parametrize("environment", [{"PYTHONIOENCODING": "latin-1"}, {"LANG": "C", "LC_ALL": "C"}])
def test_any_terminal(tmp_path: Path, environment: dict[str, str]) -> None:
    report = tmp_path / "out.txt"
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "PYTHONIOENCODING")}
    args = [sys.executable, "-m", "checker", "check", str(ROOT / "samples" / "broken" / "missing-element")]
    proc = subprocess.run(
        [*args, "--lang", "ru", "--report", f"text:{report}"],
        capture_output=True,
        env=env | environment,
        check=False,
    )
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr, proc.stderr
    assert "Удержание и лояльность клиентов" in report.read_text(encoding="utf-8")  # files are UTF-8


# ----------------------------------------------------------------- other eTOM areas


def test_other_areas_are_at_most_one_info_per_process(tmp_path: Path) -> None:
    body = "  - {id: hr, name: Персонал, implements: [1.3.5, 1.3.5.1, 1.2.2]}\n"
    result = check([str(_model(tmp_path, body))], lang="en", select=["MOD"])
    assert [(f.rule, f.severity.label, f.location.line) for f in result.findings] == [("MOD-29", "info", 5)]
    assert "1.3.5, 1.3.5.1, 1.2.2" in result.findings[0].message and result.exit_code == 0
