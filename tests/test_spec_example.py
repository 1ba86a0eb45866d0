"""The example of the model format's own description is accepted as written."""

from __future__ import annotations

from checker.engine import check

from .conftest import ROOT

EXAMPLE = str(ROOT / "tests" / "models" / "spec-example.yaml")


def test_spec_example_has_no_model_findings() -> None:
    result = check([EXAMPLE], lang="en")
    assert [f.rule for f in result.findings if f.category == "model"] == []


def test_function_alias_counts_as_its_function() -> None:
    result = check([EXAMPLE], lang="en", select=["FUN-4"])
    missing = sorted(f.subject for f in result.findings)
    # route-contact (the example's spelling) provides route-contacts; the others are missing
    assert missing == [
        "close-contacts",
        "manage-contact-exceptions",
        "manage-contacts",
        "report-contact-results",
    ]
    assert {(f.location.line, f.element) for f in result.findings} == {(8, "1.1.1.2")}
