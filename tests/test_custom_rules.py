"""Custom rule packs (--rules FILE): more rules of the existing kinds, severity overrides, and
exit 2 with file:line for anything the rule-pack schema or the catalogue refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.engine import check
from checker.findings import Severity

from .conftest import run_cli
from .gate_models import model_text, write_model

CUSTOM = """\
pack: 1
rules:
  - id: ORG-1
    title: {ru: Продажи реализованы, en: Selling is implemented}
    severity: error
    clause: {ru: Внутренний стандарт, en: In-house standard}
    kind: coverage
    options: {elements: ["1.1.1.4"]}
    message: {ru: "Нет {element}", en: "No {element}"}
    why: {ru: Так решено, en: Decided so}
overrides:
  - id: COV-1
    severity: info
"""


def test_added_rule_and_override(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(CUSTOM, encoding="utf-8")
    model = write_model(tmp_path, model_text(elements=["1.1.1.5"]))
    result = check([str(model)], lang="en", select=["ORG", "COV-1"], rule_files=[str(pack)])
    assert [(f.rule, f.subject, f.message) for f in result.findings if f.rule == "ORG-1"] == [
        ("ORG-1", "1.1.1.4", "No 1.1.1.4")
    ]
    assert {f.severity for f in result.findings if f.rule == "COV-1"} == {Severity.INFO}
    code, out, _ = run_cli(
        ["check", str(model), "--rules", str(pack), "--select", "COV-1", "--format", "json"], capsys
    )
    assert code == 0  # COV-1 is info now
    assert {f["severity"] for f in json.loads(out)["findings"]} == {"info"}
    code, out, _ = run_cli(
        ["check", str(model), "--rules", str(pack), "--select", "ORG", "--lang", "en"], capsys
    )
    assert code == 1 and f"{model}:2:1: ORG-1 error No 1.1.1.4" in out


def test_without_the_pack_the_rule_is_unknown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = write_model(tmp_path, model_text())
    code, _, err = run_cli(["check", str(model), "--select", "ORG", "--lang", "en"], capsys)
    assert code == 2 and "no rule matches ORG" in err


def test_waiver_of_a_custom_rule(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(CUSTOM, encoding="utf-8")
    waiver = "  - rule: ORG-1\n    reason: Продажи у партнёра\n"
    model = write_model(tmp_path, model_text(elements=["1.1.1.5"], waivers=waiver))
    result = check([str(model)], select=["ORG", "MOD-24", "MOD-25", "MOD-26"], rule_files=[str(pack)])
    assert [(f.rule, f.waived) for f in result.findings] == [("ORG-1", True)]
    bare = check([str(model)], select=["MOD-24", "MOD-25", "MOD-26"])
    assert [(f.rule, f.subject) for f in bare.findings] == [("MOD-26", "ORG-1")]


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (("kind: coverage", "kind: magic"), "pack.yaml:7:11: rule ORG-1: unknown kind 'magic'"),
        (("severity: error", "severity: fatal"), "pack.yaml:5:15: rules/0/severity"),
        (('elements: ["1.1.1.4"]', 'elements: ["7.7.7"]'), "pack.yaml:8:26: rule ORG-1: names 7.7.7"),
        (('elements: ["1.1.1.4"]', 'elements: ["1.1.1.4"], extra: 1'), "pack.yaml:8:38: rule ORG-1: options"),
        (("id: ORG-1", "id: COV-3"), "pack.yaml:3:9: rule COV-3 already exists"),
        # a line break after an id is no way around that (JSON Schema's $ is the end of the text)
        (("id: ORG-1", 'id: "COV-3\\n"'), "pack.yaml:3:9: rules/0/id"),
        (("  - id: COV-1", "  - id: COV-77"), "pack.yaml:12:9: overrides name the rule COV-77"),
        (("pack: 1", "pack: 2"), "pack.yaml:1:7: pack"),
        (
            ("why: {ru: Так решено, en: Decided so}", "why: {ru: Так решено, en: Decided so}\n  nope"),
            "pack.yaml:",
        ),
    ],
)
def test_bad_pack_is_exit_2_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: tuple[str, str], where: str
) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(CUSTOM.replace(*edit), encoding="utf-8")
    model = write_model(tmp_path, model_text())
    code, out, err = run_cli(["check", str(model), "--rules", str(pack), "--lang", "en"], capsys)
    assert code == 2 and out == ""
    assert f"etom-check: error: {tmp_path}/{where}" in err, err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        # why a file cannot be used always fails the gate
        (
            ("  - id: COV-1\n    severity: info", "  - id: MOD-1\n    severity: info"),
            "12:9: the rule MOD-1 says why",
        ),
        # nor a note on findings not shown, which never fails the gate, nor more such rules
        (
            ("  - id: COV-1\n    severity: info", "  - id: MOD-42\n    severity: error"),
            "12:9: the rule MOD-42 says why a file cannot be used, or notes findings not shown",
        ),
        (("kind: coverage", "kind: finding-limit"), "7:11: rule ORG-1: rules of the kind finding-limit come"),
        (("kind: coverage", "kind: input"), "7:11: rule ORG-1: rules of the kind input come"),
        # no control character reaches a terminal or a CI log through a message
        (
            ('en: "No {element}"', 'en: "No {element}\\n::error::x"'),
            "9:40: rule ORG-1: message/en holds a control",
        ),
        (
            ("en: Selling is implemented", 'en: "Selling\\u202e"'),
            "4:42: rule ORG-1: title/en holds a control",
        ),
        # a title is shown as written, a clause outside a finding with its element only
        (("en: Selling is implemented", 'en: "Selling {element}"'), "4:42: rule ORG-1: title/en is shown as"),
        (("en: In-house standard", 'en: "In-house {subject}"'), "6:43: rule ORG-1: clause/en may name"),
    ],
)
def test_what_a_custom_pack_may_not_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: tuple[str, str], said: str
) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(CUSTOM.replace(*edit), encoding="utf-8")
    assert CUSTOM.replace(*edit) != CUSTOM
    model = write_model(tmp_path, model_text())
    code, out, err = run_cli(["check", str(model), "--rules", str(pack), "--lang", "en"], capsys)
    assert (code, out) == (2, "") and err.startswith(f"etom-check: error: {pack}:{said}"), err


FUNCTIONS = """\
pack: 1
rules:
  - id: ORG-2
    title: {ru: Функции, en: Functions}
    severity: warning
    clause: {ru: Внутренний стандарт, en: In-house standard}
    kind: functions
    options:
      element: "1.1.1.7"
      functions:
        - {id: FIRST, title: {ru: Одна, en: One}}
        - {id: SECOND, title: {ru: Другая, en: Other}, aliases: [THIRD]}
    message: {ru: "Нет {function}", en: "No {function}"}
    why: {ru: Так решено, en: Decided so}
"""


@pytest.mark.parametrize(
    ("names", "said"),
    [
        (
            ("modify-order", "own-two", "own-three"),
            "11:16: rule ORG-2: the function modify-order is already defined by the rule FUN-1",
        ),
        (
            ("own-one", "own-two", "own-one"),
            "12:67: rule ORG-2 names the function own-one twice",
        ),
        (
            ("own-one", "own-one", "own-three"),
            "12:16: rule ORG-2 names the function own-one twice",
        ),
    ],
)
def test_a_custom_function_id_is_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], names: tuple[str, str, str], said: str
) -> None:
    text = FUNCTIONS.replace("FIRST", names[0]).replace("SECOND", names[1]).replace("THIRD", names[2])
    pack = tmp_path / "pack.yaml"
    pack.write_text(text, encoding="utf-8")
    model = write_model(tmp_path, model_text())
    code, _, err = run_cli(["check", str(model), "--rules", str(pack), "--lang", "en"], capsys)
    assert code == 2 and err.startswith(f"etom-check: error: {pack}:{said}"), err
    # with ids of its own, the pack loads, and the same file given twice is read once
    pack.write_text(
        FUNCTIONS.replace("FIRST", "own-one").replace("SECOND", "own-two").replace("THIRD", "own-three"),
        "utf-8",
    )
    code, _, err = run_cli(
        ["check", str(model), "--rules", str(pack), "--rules", str(pack), "--lang", "en"], capsys
    )
    assert code in (0, 1) and err == "", err


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_what_a_kind_cannot_use_is_said_at_its_place_in_the_language_of_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    text = FUNCTIONS.replace("FIRST", "own-one").replace("SECOND", "own-two").replace("THIRD", "own-three")
    pack = tmp_path / "pack.yaml"
    pack.write_text(text.replace("aliases: [own-three]", 'evidence: "1.1.1.5.1"'), encoding="utf-8")
    model = write_model(tmp_path, model_text())
    code, _, err = run_cli(["check", str(model), "--rules", str(pack), "--lang", lang], capsys)
    said = {
        "ru": "ошибка: {}:12:67: правило ORG-2: подтверждение 1.1.1.5.1 функции own-two лежит не под 1.1.1.7",
        "en": "error: {}:12:67: rule ORG-2: the evidence 1.1.1.5.1 of own-two is not below 1.1.1.7",
    }
    assert code == 2 and err == f"etom-check: {said[lang].format(pack)}\n"
    partial = CUSTOM.replace("kind: coverage", "kind: partial-coverage").replace('"1.1.1.4"', '"1.1.1"')
    pack.write_text(partial, encoding="utf-8")
    code, _, err = run_cli(["check", str(model), "--rules", str(pack), "--lang", "en"], capsys)
    assert code == 2 and f"{pack}:8:26: rule ORG-1: 1.1.1 is no level-2 element" in err


def test_explain_shows_only_examples_that_do_what_they_say(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "pack.yaml"
    wrong = CUSTOM.replace(
        "    why: {ru: Так решено, en: Decided so}\n",
        '    why: {ru: Так решено, en: Decided so}\n    examples: {pass: "model: 1\\n", fail: "model: 1\\n"}\n',
        1,
    )
    pack.write_text(wrong, encoding="utf-8")
    code, out, _ = run_cli(["explain", "ORG-1", "--rules", str(pack), "--lang", "en"], capsys)
    assert code == 0 and "do not pass and fail it as they should" in out and "Passes this rule" not in out
    # a passing example that cannot be read passes nothing (the rule was held back)
    unread = wrong.replace('pass: "model: 1\\n"', 'pass: "model: 1\\nprocesses: [\\n"').replace(
        'fail: "model: 1\\n"', 'fail: "model: 1\\norganisation: {name: X}\\n"'
    )
    assert unread != wrong
    pack.write_text(unread, encoding="utf-8")
    code, out, _ = run_cli(["explain", "ORG-1", "--rules", str(pack), "--lang", "en"], capsys)
    assert code == 0 and "do not pass and fail it as they should" in out
    # the kind's own examples for a coverage rule with an alternative form do what they say
    pack.write_text(
        CUSTOM.replace('elements: ["1.1.1.4"]', 'elements: ["1.1.2.1", "1.1.2.2"], alternative: ["1.1.3.1"]'),
        "utf-8",
    )
    code, out, _ = run_cli(["explain", "ORG-1", "--rules", str(pack), "--lang", "en"], capsys)
    assert code == 0 and "Passes this rule" in out and "Fails this rule" in out


def test_a_function_title_holds_no_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = FUNCTIONS.replace("FIRST", "own-one").replace("SECOND", "own-two").replace("THIRD", "own-three")
    pack = tmp_path / "pack.yaml"
    pack.write_text(text.replace("en: One}", 'en: "One\\n::error::forged"}'), encoding="utf-8")
    model = write_model(tmp_path, model_text())
    code, _, err = run_cli(["check", str(model), "--rules", str(pack), "--lang", "en"], capsys)
    assert code == 2 and err.startswith(
        f"etom-check: error: {pack}:11:47: rule ORG-2: functions/0/title/en holds a control"
    )


def test_explain_never_shows_a_bare_placeholder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a rule of a kind without an example to run: its message with the placeholders elided
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        CUSTOM.replace("kind: coverage", "kind: placeholders")
        .replace('options: {elements: ["1.1.1.4"]}', "options: {marker: TODO}")
        .replace('"Нет {element}"', '"Нет [{subject}]"')
        .replace('"No {element}"', '"No [{subject}]"'),
        encoding="utf-8",
    )
    code, out, _ = run_cli(["explain", "ORG-1", "--rules", str(pack), "--lang", "en"], capsys)
    assert code == 0 and "  No […]\n" in out and "{subject}" not in out


def test_missing_pack_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = write_model(tmp_path, model_text())
    none = str(tmp_path / "none.yaml")
    code, _, err = run_cli(["check", str(model), "--rules", none, "--lang", "en"], capsys)
    assert code == 2 and "none.yaml:1:1: cannot read" in err


def test_rules_and_explain_show_custom_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(CUSTOM, encoding="utf-8")
    code, out, _ = run_cli(["rules", "--rules", str(pack), "--format", "json", "--lang", "en"], capsys)
    rows = {r["id"]: r for r in json.loads(out)}
    assert (
        code == 0
        and rows["ORG-1"]["title"] == "Selling is implemented"
        and rows["COV-1"]["severity"] == "info"
    )
    code, out, _ = run_cli(["explain", "ORG-1", "--rules", str(pack), "--lang", "en"], capsys)
    assert code == 0 and out.startswith("ORG-1: Selling is implemented")


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (('en: "No {element}"', 'en: "No {element"'), "pack.yaml:9:40: message/en: bad placeholder"),
        (
            ('en: "No {element}"', 'en: "No {element.__class__.__name__!r:>40}"'),
            "pack.yaml:9:40: message/en: placeholder {element.__class__.__name__!r:>40} must be a plain name",
        ),
        (
            ('ru: "Нет {element}"', 'ru: "Нет {element!r}"'),
            "pack.yaml:9:19: message/ru: placeholder {element!r}",
        ),
        (("en: In-house standard", "en: 'In-house {0}'"), "pack.yaml:6:43: clause/en: placeholder {0}"),
        (
            ("en: Selling is implemented", "en: 'Selling {element:>9}'"),
            "pack.yaml:4:42: title/en: placeholder",
        ),
        (("ru: Продажи реализованы", "ru: 'Продажи {items[0]}'"), "pack.yaml:4:17: title/ru: placeholder"),
    ],
)
def test_bad_template_is_exit_2_when_the_pack_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: tuple[str, str], where: str
) -> None:
    """A template is checked when the pack loads, not when a finding fires: a model with no
    finding of the rule still stops with the file and line of the template."""
    pack = tmp_path / "pack.yaml"
    pack.write_text(CUSTOM.replace(*edit), encoding="utf-8")
    model = write_model(tmp_path, model_text(elements=["1.1.1.4", "1.1.1.5"]))
    for command in (["check", str(model), "--select", "ORG"], ["rules"], ["explain", "ORG-1"]):
        code, out, err = run_cli([*command, "--rules", str(pack), "--lang", "en"], capsys)
        assert code == 2 and out == "", (command, out)
        assert f"etom-check: error: {tmp_path}/{where}" in err, err
        assert len(err.strip().splitlines()) == 1


def test_a_placeholder_no_kind_gives_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Refused when the pack loads, at the message's line, even when the rule would find nothing."""
    pack = tmp_path / "pack.yaml"
    pack.write_text(CUSTOM.replace('en: "No {element}"', 'en: "{nosuch} {element}"'), encoding="utf-8")
    model = write_model(tmp_path, model_text(elements=["1.1.1.4"]))  # ORG-1 finds nothing here
    for command in (["check", str(model)], ["rules"], ["explain", "ORG-1"]):
        code, out, err = run_cli([*command, "--rules", str(pack), "--lang", "en"], capsys)
        assert code == 2 and out == ""
        assert err.splitlines() == [
            f"etom-check: error: {pack}:9:40: rule ORG-1: message/en names {{nosuch}}, which kind 'coverage' "
            "does not give (it gives: alternative, element, element_name, missing, release_note, subject, subject_name)"
        ]


def test_evidence_outside_its_element_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        """\
pack: 1
rules:
  - id: ORG-2
    title: {ru: Функции, en: Functions}
    severity: warning
    clause: {ru: Внутренний стандарт, en: In-house standard}
    kind: functions
    options:
      element: "1.1.1.5"
      functions:
        - {id: check-credit, title: {ru: Проверка, en: Check}, evidence: "1.1.1.6.2"}
    message: {ru: "Нет {function}", en: "No {function}"}
    why: {ru: Так решено, en: Decided so}
""",
        encoding="utf-8",
    )
    model = write_model(tmp_path, model_text(elements=["1.1.1.5"]))
    code, _, err = run_cli(["check", str(model), "--rules", str(pack), "--lang", "en"], capsys)
    assert code == 2
    assert err.splitlines() == [
        f"etom-check: error: {pack}:11:74: rule ORG-2: the evidence 1.1.1.6.2 of check-credit is not below 1.1.1.5"
    ]
