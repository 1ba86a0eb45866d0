"""What the fixtures' annotations cannot say: the missing parts that a finding names.

The fixtures fix rule, file, line and subject; these tests read the same fixtures and check the
target group of interface findings and the elements that coverage messages list, in both
languages.
"""

from __future__ import annotations

from checker.engine import check
from checker.findings import Finding

from .conftest import RULE_FIXTURES


def _findings(rule: str, fixture: str, lang: str = "en") -> list[Finding]:
    path = RULE_FIXTURES / rule / fixture
    return [f for f in check([str(path)], lang=lang).findings if f.rule == rule]


def test_billing_names_the_missing_split_element() -> None:
    for lang in ("en", "ru"):
        (finding,) = _findings("COV-2", "invalid-two-of-three.yaml", lang)
        assert finding.args["missing"] == "1.1.1.11"
        assert "1.1.1.11" in finding.message
    (finding,) = _findings("COV-2", "invalid-none.yaml", "ru")
    assert finding.args["missing"] == "1.1.1.10, 1.1.1.11, 1.1.1.12"
    assert "Управление биллингом и сбором платежей" in finding.message


def test_missing_element_is_named_in_the_language_of_messages() -> None:
    names = {f.subject: f.message for f in _findings("COV-1", "invalid.yaml", "ru")}
    assert "Проведение маркетинга" in names["1.1.1.3"]
    names = {f.subject: f.message for f in _findings("COV-1", "invalid.yaml", "en")}
    assert "Marketing Fulfillment Response" in names["1.1.1.3"]


def test_partial_coverage_lists_the_level3_elements_not_implemented() -> None:
    (finding,) = _findings("COV-3", "invalid.yaml")
    assert finding.severity.label == "info"
    assert finding.args["implemented"] == "1.1.1.6.3, 1.1.1.6.5"
    assert finding.args["missing"] == "1.1.1.6.1, 1.1.1.6.2, 1.1.1.6.4, 1.1.1.6.6"


def test_external_only_coverage_names_the_processes() -> None:
    by_element = {f.subject: f for f in _findings("COV-4", "invalid.yaml")}
    assert by_element["1.1.1.9"].args["processes"] == "partner-retention, second-partner-retention"
    assert by_element["1.1.1.9"].severity.label == "info"


def test_interface_findings_name_each_missing_target_group() -> None:
    assert sorted(f.target or "" for f in _findings("FAB-1", "invalid-direction.yaml")) == ["A", "B", "F"]
    (finding,) = _findings("FAB-1", "invalid-group.yaml")
    assert finding.target == "B"
    assert "1.1.1.8, 1.1.1.10, 1.1.1.11, 1.1.1.12" in finding.message
    assert "none of these elements is implemented" in finding.message
    assert sorted(f.target or "" for f in _findings("FAB-2", "invalid.yaml")) == ["A", "B"]
    (finding,) = _findings("FAB-8", "invalid-target-not-implemented.yaml", "ru")
    assert finding.target == "1.1.1.8, 1.1.1.10"


def test_function_findings_carry_their_element() -> None:
    findings = _findings("FUN-1", "invalid.yaml")
    assert {f.element for f in findings} == {"1.1.1.5"}
    assert {f.severity.label for f in findings} == {"error"}


def test_repeats_name_the_first_place() -> None:
    messages = [f.message for f in _findings("MOD-14", "invalid-files")]
    assert "1-organisation.yaml:5" in messages[0]
    assert "2-sales.yaml:4" in messages[1]
    for finding in _findings("MOD-22", "invalid-files"):
        assert finding.args["first"].endswith("invalid-files/a.yaml:2")


def test_duplicate_key_names_the_first_line() -> None:
    first_lines = {f.location.line: f.args["first_line"] for f in _findings("MOD-4", "invalid.yaml")}
    assert first_lines == {5: "4", 10: "9", 11: "11", 12: "2", 14: "13"}
