"""The bundled samples: the operator conforms cleanly; each broken variant shows exactly its findings.

The broken variants are copies of the operator with one deliberate change; every other file must
stay byte-identical to the operator's, so the samples cannot drift apart.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checker.engine import check
from checker.findings import Severity

from .conftest import ROOT, SAMPLES, run_cli

OPERATOR = SAMPLES / "operator"
MODERN = SAMPLES / "modern"
BROKEN = SAMPLES / "broken"

Key = tuple[str, str, int, str]

# variant -> (files that differ from the operator, the exact findings: rule, file, line, subject)
VARIANTS: dict[str, tuple[set[str], set[Key]]] = {
    "missing-element": (
        {"crm-common.yaml"},
        {("COV-1", "organisation.yaml", 6, "1.1.1.9")},
    ),
    "missing-interface": (
        {"crm-common.yaml"},
        {("FAB-2", "crm-common.yaml", 30, "1.1.1.2")},
    ),
    "missing-function": (
        {"crm-fulfillment.yaml"},
        {("FUN-1", "crm-fulfillment.yaml", 40, "check-credit")},
    ),
    "model-errors": (
        {"crm-billing.yaml"},
        {
            ("MOD-11", "crm-billing.yaml", 15, "purpse"),
            ("MOD-4", "crm-billing.yaml", 21, "owner"),
            ("MOD-17", "crm-billing.yaml", 30, "1.1.1.13"),
        },
    ),
    "ten-slips": (
        {
            "crm-assurance.yaml",
            "crm-billing.yaml",
            "crm-common.yaml",
            "crm-fulfillment.yaml",
            "partners.yaml",
        },
        # ten typical slips, one finding each, and nothing else
        {
            ("MOD-13", "crm-assurance.yaml", 11, "processes[0].implements[0]"),
            ("COV-5", "crm-assurance.yaml", 30, "customer-sla-management/owner"),
            ("MOD-12", "crm-billing.yaml", 20, "processes[1].implements"),
            ("MOD-17", "crm-billing.yaml", 30, "1.1.12"),
            ("MOD-14", "crm-common.yaml", 73, "retention-loyalty"),
            ("MOD-15", "crm-fulfillment.yaml", 26, "order-handlng"),
            ("MOD-11", "crm-fulfillment.yaml", 32, "ownr"),
            ("MOD-19", "crm-fulfillment.yaml", 48, "isue-order"),
            ("MOD-12", "partners.yaml", 33, "processes[2].interfaces[0]"),
            ("MOD-12", "partners.yaml", 39, "processes[3].external"),
        },
    ),
    "yaml-syntax": (
        {"crm-common.yaml", "crm-retention.yaml"},
        # one slip, one finding: the checks over the whole model are held back
        {("MOD-1", "crm-retention.yaml", 8, "crm-retention.yaml")},
    ),
}


# the variants of the operator in today's eTOM numbering (``modern/``): the files that differ from
# it, and the exact findings with their severities
MODERN_VARIANTS: dict[str, tuple[set[str], set[tuple[str, str, int, str, str]]]] = {
    "modern-mixups": (
        {"crm-billing.yaml", "crm-fulfillment.yaml"},
        {
            # Order Handling has no counterpart in v24.0: its coverage finding names 1.3.3, whose
            # element it was in eTOM 16, and the interfaces to it are missing
            ("COV-1", "organisation.yaml", 7, "1.1.1.5", "error"),
            ("FAB-2", "crm-common.yaml", 30, "1.1.1.2", "error"),
            ("FAB-4", "crm-fulfillment.yaml", 19, "1.1.1.4", "info"),
            ("MOD-34", "crm-fulfillment.yaml", 68, "credit-check", "info"),
            # 1.3.11 is Bill Inquiry Handling up to v23.5 only: a release mix-up
            ("COV-2", "organisation.yaml", 7, "1.1.1.8", "error"),
            # as in modern/
            ("COV-3", "crm-common.yaml", 8, "1.1.1.1", "info"),
            ("MOD-35", "crm-common.yaml", 32, "contact-centre", "info"),
            ("MOD-35", "crm-common.yaml", 54, "self-service", "info"),
            ("MOD-35", "crm-common.yaml", 64, "retention-loyalty", "info"),
        },
    ),
}
MODERN_NOTES = {
    ("COV-3", "crm-common.yaml", 8, "1.1.1.1", "info"),
    ("MOD-35", "crm-common.yaml", 32, "contact-centre", "info"),
    ("MOD-35", "crm-common.yaml", 54, "self-service", "info"),
    ("MOD-35", "crm-common.yaml", 64, "retention-loyalty", "info"),
}


def _keys(sample: Path, lang: str = "en") -> set[Key]:
    """(rule, file, line, subject) of every finding; files (and a file as subject) relative."""
    result = check([str(sample)], lang=lang)
    keys = set()
    for f in result.findings:
        file = Path(f.location.file).relative_to(sample).as_posix()
        subject = file if f.subject == f.location.file else f.subject
        keys.add((f.rule, file, f.location.line, subject))
    return keys


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.y*ml"))}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_operator_conforms_without_any_finding(lang: str) -> None:
    result = check([str(OPERATOR)], lang=lang)
    assert [(f.rule, f.location.file, f.location.line) for f in result.findings] == []
    assert result.exit_code == 0
    assert len(result.files) >= 5


def test_operator_has_no_error_or_warning_even_when_the_gate_is_info() -> None:
    result = check([str(OPERATOR)], fail_on=Severity.INFO)
    assert result.conformant


def test_operator_covers_every_crm_element_and_uses_the_billing_split_form() -> None:
    coverage = {e.element: e for e in check([str(OPERATOR)]).coverage}
    assert {e: c.status for e, c in coverage.items()} == {
        e: "covered" for e in [f"1.1.1.{n}" for n in range(1, 13)]
    }
    assert coverage["1.1.1.8"].via == ["1.1.1.10", "1.1.1.11", "1.1.1.12"]
    assert coverage["1.1.1.11"].processes == ["receivables-management", "payment-agent"]


def test_operator_uses_every_field_of_the_format() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(OPERATOR.glob("*.yaml")))
    for field in (
        "model:",
        "organisation:",
        "standard:",
        "processes:",
        "waivers:",
        "implements:",
        "owner:",
        "external: true",
        "external: false",
        "functions:",
        "interfaces:",
        "purpose:",
        "x-",
    ):
        assert field in text, field


def test_operator_through_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["check", str(OPERATOR), "--lang", "en"], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Files: 8, processes: 25; errors: 0, warnings: 0, info: 0, waived: 0, baselined: 0. The model conforms."
    ]
    code, out, _ = run_cli(["check", str(OPERATOR), "--format", "json", "--fail-on", "info"], capsys)
    report = json.loads(out)
    assert (code, report["conformant"], report["findings"]) == (0, True, [])


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_broken_variant_shows_exactly_its_findings(variant: str) -> None:
    sample = BROKEN / variant
    _, expected = VARIANTS[variant]
    result = check([str(sample)], lang="en")
    assert result.exit_code == 1
    assert _keys(sample, "en") == expected
    assert _keys(sample, "ru") == expected


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_broken_variant_differs_from_the_operator_only_where_it_says(variant: str) -> None:
    changed, _ = VARIANTS[variant]
    operator, broken = _files(OPERATOR), _files(BROKEN / variant)
    differing = {name for name in operator.keys() | broken.keys() if operator.get(name) != broken.get(name)}
    assert differing == changed


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_broken_variant_through_the_command_line(variant: str, capsys: pytest.CaptureFixture[str]) -> None:
    sample = BROKEN / variant
    _, expected = VARIANTS[variant]
    code, out, err = run_cli(["check", str(sample), "--lang", "en"], capsys)
    assert (code, err) == (1, "")
    *lines, summary = out.splitlines()
    held_back = [line for line in lines if line.startswith("Checks over the whole model held back")]
    # a file not read, or read with a repeated key, holds back the checks over the whole model
    assert len(held_back) == (1 if variant in ("yaml-syntax", "model-errors") else 0)
    located = set()
    for line in lines:
        if line in held_back:
            continue
        place, rule, severity, _ = line.split(" ", 3)
        file, number, _column, _ = place.rsplit(":", 3)
        located.add((rule, Path(file).relative_to(sample).as_posix(), int(number), severity))
    assert located == {(rule, file, number, "error") for rule, file, number, _ in expected}
    assert summary.endswith("The model does NOT conform.")


def test_every_broken_variant_is_tested() -> None:
    assert {p.name for p in BROKEN.iterdir() if p.is_dir()} == set(VARIANTS) | set(MODERN_VARIANTS)


def _severities(sample: Path, lang: str = "en") -> set[tuple[str, str, int, str, str]]:
    result = check([str(sample)], lang=lang)
    return {
        (
            f.rule,
            Path(f.location.file).relative_to(sample).as_posix(),
            f.location.line,
            f.subject,
            f.severity.label,
        )
        for f in result.findings
    }


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_modern_operator_conforms_with_its_notes(lang: str) -> None:
    result = check([str(MODERN)], lang=lang)
    assert result.exit_code == 0 and result.conformant
    assert _severities(MODERN, lang) == MODERN_NOTES
    # every element the operator covers is covered through the crosswalk too, 1.1.1.1 in part
    operator = {c.element: c.status for c in check([str(OPERATOR)]).coverage}
    modern = {c.element: c.status for c in result.coverage}
    assert modern == {**operator, "1.1.1.1": "partial"}


def test_the_modern_operator_says_what_its_ids_stand_for() -> None:
    view = check([str(MODERN)], lang="en").view
    via = {c.element: c.via for c in view.coverage}
    assert via["1.1.1.6"] == ["1.3.7@v24.0", "1.3.7.5@v24.0"]
    assert via["1.1.1.12"] == ["1.3.10.4@v24.0"]
    assert via["1.1.1.4"] == ["1.1.9@v24.0"]
    shown = {r.written: r.elements for r in view.releases}
    assert shown["1.3.10.4@v24.0"] == ["1.1.1.12"] and shown["1.3.7.5@v24.0"] == ["1.1.1.6.5"]


@pytest.mark.parametrize("variant", sorted(MODERN_VARIANTS))
def test_modern_variant_shows_exactly_its_findings(variant: str) -> None:
    sample = BROKEN / variant
    changed, expected = MODERN_VARIANTS[variant]
    assert check([str(sample)]).exit_code == 1
    assert _severities(sample, "en") == expected
    assert _severities(sample, "ru") == expected
    modern, broken = _files(MODERN), _files(sample)
    assert {n for n in modern.keys() | broken.keys() if modern.get(n) != broken.get(n)} == changed


def test_the_mixups_are_named_by_the_coverage_findings() -> None:
    result = check([str(BROKEN / "modern-mixups")], lang="en")
    messages = {f.rule: f.message for f in result.findings if f.rule in ("COV-1", "COV-2")}
    assert "1.1.1.5 has no counterpart in eTOM v24.0 (deleted)" in messages["COV-1"]
    assert (
        "1.3.3@v24.0 (" in messages["COV-1"] and "modern-mixups/crm-fulfillment.yaml:44)" in messages["COV-1"]
    )
    assert "write 1.1.1.5@standard" in messages["COV-1"]
    assert "in eTOM v24.0 1.1.1.12 is 1.3.10.4" in messages["COV-2"]
    assert "1.3.11@v24.0 (" in messages["COV-2"] and "modern-mixups/crm-billing.yaml:27)" in messages["COV-2"]
    assert "only in v16.0, v23.0.1, v23.5" in messages["COV-2"]


def _readme_examples() -> list[tuple[str, str]]:
    """(command, output) of every ```text block of samples/README.md that runs etom-check."""
    text = (SAMPLES / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```text\n\$ etom-check (.+?)\n(.*?)```", text, flags=re.DOTALL)
    return [(command, output) for command, output in blocks]


def test_the_samples_readme_shows_every_sample_in_both_languages() -> None:
    commands = {command for command, _ in _readme_examples()}
    samples = [
        "samples/operator",
        "samples/modern",
        *(f"samples/broken/{v}" for v in [*VARIANTS, *MODERN_VARIANTS]),
    ]
    assert commands == {f"check {s} --lang {lang}" for s in samples for lang in ("en", "ru")}


@pytest.mark.parametrize(("command", "output"), [pytest.param(c, o, id=c) for c, o in _readme_examples()])
def test_the_samples_readme_shows_real_output(
    command: str, output: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = run_cli(command.split(), capsys)
    assert (out, err) == (output, "")
    assert code == (0 if "samples/operator" in command or "samples/modern" in command else 1)
