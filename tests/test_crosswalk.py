"""Models in today's eTOM numbering, read through the crosswalk: each relation of the crosswalk,
a release per organisation, per process and per id, unknown releases, ids the crosswalk does not
hold, the data and its provenance, and the ``crosswalk`` command."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

import checker.standard.crosswalk as crosswalk_module
from checker.engine import Result, check
from checker.reporters import REPORTERS
from checker.reporters.graphs import render as render_graph
from checker.standard.crosswalk import load_crosswalk
from checker.standard.datafiles import PackError, read_yaml

from .conftest import ROOT, run_cli

CROSSWALK = ROOT / "rules" / "crosswalk"


def model(tmp_path: Path, processes: str, etom: str | None = "v24.0") -> Path:
    """A model of one file: the organisation (with its release) and the processes given."""
    head = "model: 1\norganisation:\n  name: Пример Телеком\n"
    if etom is not None:
        head += f"  etom: {etom}\n"
    path = tmp_path / "model.yaml"
    path.write_text(head + "processes:\n" + processes, encoding="utf-8")
    return path


def process(pid: str, *ids: str, etom: str | None = None) -> str:
    text = f"  - id: {pid}\n    name: Процесс {pid}\n    implements: [{', '.join(ids)}]\n"
    return text + (f"    etom: {etom}\n" if etom else "")


def run(path: Path, select: str | None = None) -> Result:
    return check([str(path)], lang="en", select=[select] if select else [])


def status(result: Result, element: str) -> str:
    return next(c.status for c in result.coverage if c.element == element)


def found(result: Result, rule: str) -> list[tuple[str, int, int]]:
    return [(f.subject, f.location.line, f.location.column) for f in result.findings if f.rule == rule]


# ---------------------------------------------------------------------------- each relation


def test_same_counts_as_the_element(tmp_path: Path) -> None:
    # 1.1.1.7 Customer QoS/SLA Management is 1.3.8 in every release, by the same name
    result = run(model(tmp_path, process("sla", "1.3.8")))
    assert status(result, "1.1.1.7") == "covered"
    assert not found(result, "MOD-17") and not found(result, "MOD-29")


def test_renamed_counts_as_the_element(tmp_path: Path) -> None:
    # 1.1.1.6 Problem Handling is 1.3.7 Customer Problem Management
    result = run(model(tmp_path, process("problems", "1.3.7")))
    assert status(result, "1.1.1.6") == "covered"
    assert [r.relations for r in result.view.releases] == [["renamed"]]


def test_moved_level_depends_on_the_release(tmp_path: Path) -> None:
    # 1.1.1.12 Bill Inquiry Handling: 1.3.10.4 (level 3) from v24.0, 1.3.11 up to v23.5
    billing = process("invoices", "1.3.9") + process("payments", "1.3.10")  # the split form of billing
    assert status(run(model(tmp_path, billing + process("inquiries", "1.3.10.4"))), "1.1.1.12") == "covered"
    assert (
        status(run(model(tmp_path, billing + process("inquiries", "1.3.11"), etom="v23.5")), "1.1.1.12")
        == "covered"
    )
    # the other way round, each is an id of the wrong release: it stands for nothing, and the
    # coverage finding of the missing element names it
    for written, etom in (("1.3.10.4", "v23.5"), ("1.3.11", "v24.0")):
        result = run(model(tmp_path, billing + process("inquiries", written), etom=etom))
        assert status(result, "1.1.1.12") == "missing"
        (cov2,) = [f for f in result.findings if f.rule == "COV-2"]
        assert f"{written}@{etom} (" in cov2.message and "model.yaml:14)" in cov2.message
        assert not found(result, "MOD-33")  # one mistake, one finding


def test_selling_moved_domain_in_v25_5(tmp_path: Path) -> None:
    # 1.1.1.4 Selling is 1.1.9 up to v25.0 and 1.12.9 from v25.5
    assert status(run(model(tmp_path, process("sell", "1.1.9"), etom="v25.0")), "1.1.1.4") == "covered"
    assert status(run(model(tmp_path, process("sell", "1.12.9"), etom="v25.5")), "1.1.1.4") == "covered"
    assert status(run(model(tmp_path, process("sell", "1.1.9"), etom="v25.5")), "1.1.1.4") == "missing"


def test_split_counts_in_part(tmp_path: Path) -> None:
    # 1.1.1.1 was split: 1.3.1 is part of it
    result = run(model(tmp_path, process("support", "1.3.1")))
    assert status(result, "1.1.1.1") == "partial"
    (cov3,) = [f for f in result.findings if f.rule == "COV-3"]
    assert cov3.subject == "1.1.1.1" and "through 1.3.1@v24.0" in cov3.message
    # no level-3 element of 1.1.1.1 is listed, so what is left out is what the split left out
    assert cov3.message.endswith(
        "not implemented: the parts that the split left out of 1.3.1@v24.0; if a process does them, write"
        " 1.1.1.1@standard in its implements"
    )
    ru = check([str(tmp_path / "model.yaml")], lang="ru").findings
    (cov3,) = [f for f in ru if f.rule == "COV-3"]
    assert (
        "не реализованы: части, не вошедшие при разделении в 1.3.1@v24.0; если их выполняет" in cov3.message
    )


def test_partial_through_an_unlisted_part_says_so(tmp_path: Path) -> None:
    # 1.1.1.1.3 lies below 1.1.1.1, whose parts the catalogue does not list: never "not implemented: —"
    result = run(model(tmp_path, process("support", "1.1.1.1.3"), etom=None))
    (cov3,) = [f for f in result.findings if f.rule == "COV-3"]
    assert (cov3.subject, cov3.location.line) == ("1.1.1.1", 5)  # at the process
    assert cov3.message.endswith("not implemented: the parts that the catalogue does not list")


def test_deleted_never_counts_and_the_coverage_finding_says_what_to_write(tmp_path: Path) -> None:
    # 1.3.3 in v25.5 is not Order Handling: 1.1.1.5 has no counterpart from v23.0.1 on
    result = run(model(tmp_path, process("orders", "1.3.3"), etom="v25.5"))
    assert status(result, "1.1.1.5") == "missing"
    (cov1,) = [f for f in result.findings if f.rule == "COV-1" and f.subject == "1.1.1.5"]
    assert (cov1.location.line, cov1.location.column) == (2, 1)  # at the organisation, as ever
    assert "1.1.1.5 has no counterpart in eTOM v25.5 (deleted)" in cov1.message
    assert "1.3.3@v25.5 (" in cov1.message and "stands for 1.1.1.5 only in v16.0" in cov1.message
    assert "write 1.1.1.5@standard in its implements" in cov1.message
    # named in the standard's numbering, it counts
    result = run(model(tmp_path, process("orders", "1.1.1.5@standard"), etom="v25.5"))
    assert status(result, "1.1.1.5") == "covered"


def test_unknown_never_counts(tmp_path: Path) -> None:
    # no counterpart of 1.1.1.3 Marketing Fulfillment Response is known in any full release
    result = run(model(tmp_path, process("sales", "1.1.9")))
    (cov1,) = [f for f in result.findings if f.rule == "COV-1" and f.subject == "1.1.1.3"]
    assert "no counterpart of 1.1.1.3 in eTOM v24.0 is known" in cov1.message
    # the one unknown row that carries an id (1.3.3 of v23.0, an ODA label) stands for nothing
    result = run(model(tmp_path, process("orders", "1.3.3"), etom="v23.0"))
    assert status(result, "1.1.1.5") == "missing"
    assert [r.outcome for r in result.view.releases] == ["none"]


def test_name_match_only_counts_with_one_note_per_process(tmp_path: Path) -> None:
    # 1.1.1.2 is 1.3.5.9 and 1.1.1.9 is 1.3.4.1 on the evidence of names only
    result = run(model(tmp_path, process("contacts", "1.3.5.9", "1.3.4.1") + process("other", "1.3.4.1")))
    assert status(result, "1.1.1.2") == status(result, "1.1.1.9") == "covered"
    assert found(result, "MOD-35") == [("contacts", 8, 18), ("other", 11, 18)]


# ---------------------------------------------------------------------------- where a release is said


def test_a_release_per_organisation_per_process_and_per_id(tmp_path: Path) -> None:
    text = (
        process("problems", "1.3.7")  # v24.0, the organisation's
        + process("inquiries", "1.3.11", etom="v23.5")  # the process's own
        + process("sell", "1.12.9@v26.0", "1.1.1.3@standard")  # each id its own
    )
    result = run(model(tmp_path, text))
    assert {c.element: c.status for c in result.coverage if c.status == "covered"}.keys() >= {
        "1.1.1.3",
        "1.1.1.4",
        "1.1.1.6",
        "1.1.1.12",
    }
    written = {r.written: (r.release, r.elements) for r in result.view.releases}
    assert written == {
        "1.3.7@v24.0": ("v24.0", ["1.1.1.6"]),
        "1.3.11@v23.5": ("v23.5", ["1.1.1.12"]),
        "1.12.9@v26.0": ("v26.0", ["1.1.1.4"]),
    }


def test_without_a_release_ids_are_the_standards(tmp_path: Path) -> None:
    # 1.3.7 in the standard's numbering is Enterprise Management: outside the scope, not 1.1.1.6
    result = run(model(tmp_path, process("problems", "1.3.7"), etom=None))
    assert status(result, "1.1.1.6") == "missing"
    assert found(result, "MOD-29") == [("problems", 7, 18)]
    assert result.view.releases == []


def test_standard_on_a_process_and_at_the_organisation(tmp_path: Path) -> None:
    text = process("orders", "1.1.1.5", etom="standard") + process("problems", "1.3.7")
    assert status(run(model(tmp_path, text)), "1.1.1.5") == "covered"
    assert status(run(model(tmp_path, process("orders", "1.1.1.5"), etom="standard")), "1.1.1.5") == "covered"


@pytest.mark.parametrize("written", ["v24", "24.0", "V24.0", "24", "'24.0'"])
def test_a_release_may_be_written_short(tmp_path: Path, written: str) -> None:
    result = run(model(tmp_path, process("problems", "1.3.7"), etom=written))
    assert status(result, "1.1.1.6") == "covered" and not found(result, "MOD-31")


def test_partial_v23_0_falls_back_to_v23_0_1_and_says_so(tmp_path: Path) -> None:
    # 1.1.1.10 has a v23.0 row (1.3.9); 1.1.1.6 has none, so v23.0.1's row is read
    result = run(model(tmp_path, process("billing", "1.3.9") + process("problems", "1.3.7"), etom="v23.0"))
    assert status(result, "1.1.1.10") == status(result, "1.1.1.6") == "covered"
    assert found(result, "MOD-36") == [("problems", 11, 18)]
    (note,) = [f for f in result.findings if f.rule == "MOD-36"]
    assert "1.3.7@v23.0" in note.message and "read as in v23.0.1" in note.message
    assert {r.written: r.read for r in result.view.releases} == {
        "1.3.9@v23.0": "v23.0",
        "1.3.7@v23.0": "v23.0.1",
    }


# ---------------------------------------------------------------------------- what is not known


def test_an_unknown_release_is_an_error_that_lists_the_known_ones(tmp_path: Path) -> None:
    result = run(model(tmp_path, process("problems", "1.3.7"), etom="v22.0"))
    assert found(result, "MOD-31") == [("v22.0", 4, 9)]
    (error,) = [f for f in result.findings if f.rule == "MOD-31"]
    assert "v23.0.1, v23.5, v24.0" in error.message and "standard" in error.message
    # what its ids stand for is not known: the checks over the whole model are held back, and
    # no coverage finding follows from the one slip
    assert not result.conformant and result.exit_code == 1
    assert result.held_back and not found(result, "COV-1")
    assert {c.status for c in result.coverage} == {"not-checked"}
    assert "the eTOM release named in" in (result.view.held_back_line or "")


def test_an_unknown_release_on_an_id_or_a_process(tmp_path: Path) -> None:
    text = process("problems", "1.3.7@v24.3") + process("sla", "1.3.8", etom="latest")
    result = run(model(tmp_path, text, etom=None))
    assert found(result, "MOD-31") == [("v24.3", 7, 18), ("latest", 11, 11)]
    assert result.exit_code == 1


def test_an_unknown_release_cannot_be_waived(tmp_path: Path) -> None:
    waiver = "waivers:\n  - rule: MOD-31\n    reason: Так решено\n"
    path = model(tmp_path, process("problems", "1.3.7"), etom="v22.0")
    path.write_text(path.read_text(encoding="utf-8") + waiver, encoding="utf-8")
    result = run(path)
    assert [f.waived for f in result.findings if f.rule == "MOD-31"] == [False]
    assert result.exit_code == 1


def test_an_id_below_a_mapped_one_that_the_crosswalk_does_not_hold(tmp_path: Path) -> None:
    # 1.3.7.12 lies below 1.3.7 (1.1.1.6 in v24.0): a warning, and it counts as part of 1.1.1.6
    result = run(model(tmp_path, process("problems", "1.3.7.12")))
    assert found(result, "MOD-32") == [("1.3.7.12@v24.0", 8, 18)]
    assert status(result, "1.1.1.6") == "partial"
    (warning,) = [f for f in result.findings if f.rule == "MOD-32"]
    assert "below 1.3.7" in warning.message and '1.1.1.6 "Problem Handling"' in warning.message


def test_an_id_the_crosswalk_does_not_hold_at_all_is_outside_it(tmp_path: Path) -> None:
    result = run(model(tmp_path, process("service", "1.4.7", "1.4.8") + process("problems", "1.3.7")))
    assert found(result, "MOD-34") == [("service", 8, 18)]
    assert not found(result, "MOD-17") and not found(result, "MOD-18") and not found(result, "MOD-29")
    assert all(f.severity.label == "info" for f in result.findings if f.rule == "MOD-34")


def test_a_mix_up_of_an_element_that_is_implemented_is_a_warning(tmp_path: Path) -> None:
    text = process("inquiries", "1.1.1.12@standard") + process("new-inquiries", "1.3.10.4", etom="v23.5")
    result = run(model(tmp_path, text))
    assert found(result, "MOD-33") == [("1.3.10.4@v23.5", 11, 18)]
    (warning,) = [f for f in result.findings if f.rule == "MOD-33"]
    assert "stands for 1.1.1.12 only in v24.0, v24.5, v25.0, v25.5, v26.0" in warning.message


def test_level_3_ids_are_the_evidence_of_functions(tmp_path: Path) -> None:
    # FUN-7 asks problem handling for report-problem-progress, evidenced by 1.1.1.6.2 (1.3.7.2 in v24.0)
    without = run(model(tmp_path, process("problems", "1.3.7")))
    assert "report-problem-progress" in [f.subject for f in without.findings if f.rule == "FUN-7"]
    with_evidence = run(model(tmp_path, process("problems", "1.3.7", "1.3.7.2")))
    assert "report-problem-progress" not in [f.subject for f in with_evidence.findings if f.rule == "FUN-7"]


def test_a_function_of_an_element_a_release_id_stands_for(tmp_path: Path) -> None:
    text = "  - id: problems\n    name: P\n    implements: [1.3.7]\n    functions: [resolve-problems]\n"
    assert not found(run(model(tmp_path, text)), "MOD-20")
    text = "  - id: problems\n    name: P\n    implements: [1.3.8]\n    functions: [resolve-problems]\n"
    assert found(run(model(tmp_path, text)), "MOD-20") == [("resolve-problems", 9, 17)]


def test_functions_of_a_process_whose_ids_are_all_outside_the_crosswalk_are_not_judged(
    tmp_path: Path,
) -> None:
    # 1.1.1.5 written in a model of v24.0 where 1.1.1.5@standard was meant: MOD-34 says so, once
    text = "  - id: orders\n    name: P\n    implements: [1.1.1.5]\n    functions: [issue-order]\n"
    result = run(model(tmp_path, text), select="MOD")
    assert [f.rule for f in result.findings] == ["MOD-34"]
    assert "write that element's id with @standard" in result.findings[0].message
    # beside an id that stands for an element, the function is judged against that element
    text = text.replace("[1.1.1.5]", "[1.3.7, 1.4.7]")
    assert found(run(model(tmp_path, text), select="MOD-20"), "MOD-20") == [("issue-order", 9, 17)]


@pytest.mark.parametrize(
    ("written", "rule"),
    [
        ("1.3.7@", "MOD-13"),
        ("1.3.7@v24.0@v23.5", "MOD-13"),
        ("1.3.7 @v24.0", "MOD-13"),
        ("1.3.7.@v24.0", "MOD-13"),
        ("1.3.7@@v24.0", "MOD-13"),
        ("1.3.7@v24.0@v24.0", "MOD-13"),
    ],
)
def test_a_malformed_release_suffix_is_one_finding(tmp_path: Path, written: str, rule: str) -> None:
    result = run(model(tmp_path, process("problems", f'"{written}"')))
    assert [f.rule for f in result.findings if f.category == "model"] == [rule]


@pytest.mark.parametrize(
    ("written", "fix"),
    [("1.3.7@", "1.3.7"), ("1.3.7@@v24.0", "1.3.7@v24.0"), ("1.3.7@v24.0@v24.0", "1.3.7@v24.0")],
)
def test_a_release_suffix_left_empty_or_doubled_is_read_as_meant(
    tmp_path: Path, written: str, fix: str
) -> None:
    result = run(model(tmp_path, process("problems", f'"{written}"')))
    (slip,) = [f for f in result.findings if f.rule == "MOD-13"]
    assert (slip.location.line, slip.location.column) == (8, 18) and slip.message.endswith(f"write '{fix}'")
    assert status(result, "1.1.1.6") == "covered"  # and nothing else follows from the slip


@pytest.mark.parametrize(
    ("written", "hint"),
    [("1", ""), ("1.3", ""), ("24.0", ""), ("2.3.7", ""), ("01.3.7", " (did you mean '1.3.7@v24.0'?)")],
)
def test_an_id_of_a_release_that_is_no_element_id_is_an_error(
    tmp_path: Path, written: str, hint: str
) -> None:
    result = run(model(tmp_path, process("problems", "1.3.8", written)))
    (error,) = [f for f in result.findings if f.rule == "MOD-17"]
    assert (error.subject, error.location.line, error.severity.label) == (f"{written}@v24.0", 8, "error")
    assert error.message.endswith("in the catalogue" + hint)
    assert not found(result, "MOD-34")  # one finding, not a note that it is outside the crosswalk


def test_an_organisation_in_a_file_not_read_leaves_the_ids_unread(tmp_path: Path) -> None:
    # the release of every id is in the file that cannot be read: 1.1.9 is Selling in v24.0,
    # not a slip of 1.1.1.9, and what the processes implement is not known
    (tmp_path / "organisation.yaml").write_text(
        "model: 1\norganisation:\n  name: Пример\n  etom: v24.0\n  x-region: Север: да\n", encoding="utf-8"
    )
    text = "  - id: sales\n    name: Продажи\n    implements: [1.1.9, 1.4.7]\n    functions: [resolve-problems]\n"
    (tmp_path / "processes.yaml").write_text("model: 1\nprocesses:\n" + text, encoding="utf-8")
    result = check([str(tmp_path)], lang="en")
    assert [(f.rule, f.location.line) for f in result.findings] == [("MOD-1", 5)]
    assert result.held_back and result.exit_code == 1


def test_an_unknown_release_says_nothing_of_the_functions_of_its_ids(tmp_path: Path) -> None:
    text = "  - id: problems\n    name: P\n    implements: [1.3.7]\n    functions: [resolve-problems]\n"
    result = run(model(tmp_path, text, etom="bogus"))
    assert [f.rule for f in result.findings] == ["MOD-31"]
    result = run(model(tmp_path, text.replace("[1.3.7]", "[1.3.7@v99]"), etom=None))
    assert [f.rule for f in result.findings] == ["MOD-31"]


def test_a_release_held_in_part_without_a_fallback_never_mixes_up(tmp_path: Path) -> None:
    # v19.0 and v16.0 hold some rows only: an id they do not hold is not checked (a note), not
    # an id of the wrong release, though other releases hold it
    text = process("sla", "1.3.8", etom="v19.0") + process("contacts", "1.3.5.9@v16.0")
    result = run(model(tmp_path, text, etom=None))
    assert found(result, "MOD-34") == [("sla", 7, 18), ("contacts", 11, 18)]
    assert not found(result, "MOD-33")
    notes = [f.message for f in result.findings if f.rule == "MOD-34"]
    assert "holds v19.0 in part, rows: 1" in notes[0] and "holds v16.0 in part, rows: 17" in notes[1]
    (cov,) = [f for f in result.findings if f.rule == "COV-1" and f.subject == "1.1.1.7"]
    assert "only in" not in cov.message


def test_a_mix_up_is_said_when_the_coverage_rules_do_not_run(tmp_path: Path) -> None:
    result = run(model(tmp_path, process("orders", "1.3.3")), select="MOD")
    assert found(result, "MOD-33") == [("1.3.3@v24.0", 8, 18)]
    result = check([str(tmp_path / "model.yaml")], lang="en", ignore=["COV"])
    assert found(result, "MOD-33") == [("1.3.3@v24.0", 8, 18)]
    # with them, the coverage finding says it instead: one mistake, one finding
    result = run(model(tmp_path, process("orders", "1.3.3")))
    assert not found(result, "MOD-33") and "1.3.3@v24.0" in next(
        f.message for f in result.findings if f.rule == "COV-1" and f.subject == "1.1.1.5"
    )


@pytest.mark.parametrize("key", ["etmo", "eotm"])
def test_a_key_with_two_letters_swapped_is_read_as_meant(tmp_path: Path, key: str) -> None:
    path = model(tmp_path, process("problems", "1.3.7"), etom=None)
    path.write_text(
        path.read_text(encoding="utf-8").replace("processes:", f"  {key}: v24.0\nprocesses:"), "utf-8"
    )
    result = run(path)
    assert [
        (f.rule, f.location.line, f.location.column) for f in result.findings if f.category == "model"
    ] == [("MOD-11", 4, 3)]
    assert status(result, "1.1.1.6") == "covered"


# ---------------------------------------------------------------------------- every view agrees


def test_every_view_shows_each_id_as_written_and_what_it_stands_for(tmp_path: Path) -> None:
    result = run(model(tmp_path, process("problems", "1.3.7", "1.3.7.5") + process("inquiries", "1.3.10.4")))
    view = result.view
    report = json.loads(REPORTERS["json"](view))
    coverage = {c["element"]: c for c in report["coverage"]}
    assert coverage["1.1.1.6"]["via"] == ["1.3.7@v24.0", "1.3.7.5@v24.0"]
    assert [x["stands_for"] for x in coverage["1.1.1.6"]["crosswalk"]] == [["1.1.1.6"], ["1.1.1.6.5"]]
    assert coverage["1.1.1.12"]["crosswalk"][0]["relations"] == ["moved-level"]
    # every id of a release, where it is, to join the findings on
    ids = [(r["written"], r["process"], r["location"]["line"], r["stands_for"]) for r in report["releases"]]
    assert ids == [
        ("1.3.7@v24.0", "problems", 8, ["1.1.1.6"]),
        ("1.3.7.5@v24.0", "problems", 8, ["1.1.1.6.5"]),
        ("1.3.10.4@v24.0", "inquiries", 11, ["1.1.1.12"]),
    ]
    sarif = json.loads(REPORTERS["sarif"](view))
    shown = {x["written"]: x["stands_for"] for x in sarif["runs"][0]["properties"]["crosswalk"]}
    assert shown == {
        "1.3.7@v24.0": ["1.1.1.6"],
        "1.3.7.5@v24.0": ["1.1.1.6.5"],
        "1.3.10.4@v24.0": ["1.1.1.12"],
    }
    junit = REPORTERS["junit"](view)
    assert '<property name="etom-check.crosswalk.1.3.10.4@v24.0" value="1.1.1.12" />' in junit
    html = REPORTERS["html"](view)
    assert 'data-element="1.1.1.12" data-status="covered"' in html and 'data-written="1.3.10.4@v24.0"' in html
    assert "1.3.10.4@v24.0" in REPORTERS["github"](view) or "1.3.10.4@v24.0" in html
    for fmt in ("dot", "mermaid", "graphml"):
        assert "1.3.10.4@v24.0 → 1.1.1.12" in render_graph(view, fmt)


def test_a_model_in_the_standards_numbering_does_not_read_the_crosswalk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the crosswalk was read")

    monkeypatch.setattr("checker.engine.run.load_crosswalk", refuse)
    result = run(model(tmp_path, process("orders", "1.1.1.5"), etom=None))
    assert status(result, "1.1.1.5") == "covered"


def test_the_crosswalk_is_read_through_the_cache_of_reading_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.io.cache import open_cache
    from checker.standard.crosswalk import CROSSWALK_FILE

    cache = open_cache(tmp_path / "cache")
    assert cache is not None
    load_crosswalk.cache_clear()
    try:
        first = load_crosswalk(CROSSWALK_FILE, cache)
        assert len(list((tmp_path / "cache").glob("??/*.json"))) == 1  # kept
        load_crosswalk.cache_clear()
        assert load_crosswalk(CROSSWALK_FILE, cache).rows == first.rows == load_crosswalk().rows
    finally:
        load_crosswalk.cache_clear()
    # and the engine gives it the run's cache
    given: list[object] = []

    def recorded(name: str, files: object = None) -> object:
        given.append(files)
        return load_crosswalk(name, files)  # type: ignore[arg-type]

    monkeypatch.setattr("checker.engine.run.load_crosswalk", recorded)
    path = model(tmp_path, process("problems", "1.3.7"))
    assert status(check([str(path)], lang="en", cache=str(tmp_path / "c2")), "1.1.1.6") == "covered"
    assert [getattr(c, "folder", None) for c in given] == [tmp_path / "c2"]


# ---------------------------------------------------------------------------- the data


def _update() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crosswalk_update", CROSSWALK / "update.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_yaml_is_what_the_script_makes_of_the_csv() -> None:
    raw = (CROSSWALK / "source" / "etom-crosswalk.csv").read_bytes()
    made = _update().to_yaml(raw, "source/etom-crosswalk.csv")
    assert (CROSSWALK / "etom-crosswalk.yaml").read_text(encoding="utf-8") == made


def test_the_csv_is_the_one_its_provenance_names() -> None:
    raw = (CROSSWALK / "source" / "etom-crosswalk.csv").read_bytes()
    provenance = (CROSSWALK / "source" / "PROVENANCE.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(raw).hexdigest()
    assert digest in provenance
    assert load_crosswalk().source == {"file": "source/etom-crosswalk.csv", "sha256": digest}


def test_every_row_has_evidence_and_a_source() -> None:
    rows = load_crosswalk().rows
    assert len(rows) == 374
    assert all(r.source and all(s.strip() for s in r.source) and r.evidence for r in rows)
    assert {r.relation for r in rows} == {"same", "renamed", "moved-level", "split", "deleted", "unknown"}
    assert len({(r.element, r.release) for r in rows}) == len(rows)


def test_the_command_prints_the_csv_it_was_made_from(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["crosswalk", "--format", "csv"], capsys)
    assert code == 0
    assert out.encode("utf-8") == (CROSSWALK / "source" / "etom-crosswalk.csv").read_bytes()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["rows"][0].pop("source"), "'source' is a required property"),
        (lambda d: d["rows"][0].update(source=[]), "should be non-empty"),
        (lambda d: d["rows"][0].update(relation="merged"), "'merged' is not one of"),
        (lambda d: d["rows"][1].update(release=d["rows"][0]["release"]), "a second row for 1.1.1.1 in v16.0"),
        (lambda d: d["releases"][2].update(fallback="v16.0"), "v16.0 is not a complete release"),
        (lambda d: d["rows"][0].update(release="v99.0"), "v99.0 is not in the list of releases"),
    ],
)
def test_the_pack_schema_refuses_a_bad_crosswalk(tmp_path: Path, change: object, message: str) -> None:
    data, _ = read_yaml(CROSSWALK / "etom-crosswalk.yaml", "x")
    change(data)  # type: ignore[operator]
    broken = tmp_path / "crosswalk.yaml"
    broken.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    data, positions = read_yaml(broken, "crosswalk.yaml")
    with pytest.raises(PackError) as info:
        crosswalk_module.crosswalk_from(data, positions, "crosswalk.yaml")
    assert message in info.value.message and info.value.line > 1


def test_a_new_release_is_one_data_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows of docs/examples/new-release.csv (an example release, v99.0) added to a copy of the
    CSV and the YAML made anew by the script: the checker reads models of that release
    (docs/architecture.md, "Add a release of the crosswalk")."""
    source = (CROSSWALK / "source" / "etom-crosswalk.csv").read_bytes()
    rows = (ROOT / "docs" / "examples" / "new-release.csv").read_bytes()
    rules = tmp_path / "rules" / "crosswalk"
    rules.mkdir(parents=True)
    made = _update().to_yaml(source + rows, "source/etom-crosswalk.csv")
    (rules / "etom-crosswalk.yaml").write_text(made, encoding="utf-8")
    monkeypatch.setattr(crosswalk_module, "rules_dir", lambda: tmp_path / "rules")
    load_crosswalk.cache_clear()
    try:
        release = load_crosswalk().releases["v99.0"]
        assert (release.rows, release.complete, release.fallback) == (2, False, None)
        result = run(model(tmp_path, process("problems", "1.3.70") + process("sla", "1.3.8"), etom="v99.0"))
        assert status(result, "1.1.1.6") == status(result, "1.1.1.7") == "covered"
        assert not found(result, "MOD-31")
        # what the new rows do not hold is not checked, and the note says the release is partial
        result = run(model(tmp_path, process("problems", "1.3.7"), etom="v99.0"))
        assert status(result, "1.1.1.6") == "missing"
        result = run(model(tmp_path, process("service", "1.4.7"), etom="v99.0"))
        assert [f.rule for f in result.findings if "holds v99.0 in part, rows: 2" in f.message] == ["MOD-34"]
    finally:
        monkeypatch.undo()
        load_crosswalk.cache_clear()
    # and without the rows, v99.0 is no release
    result = run(model(tmp_path, process("problems", "1.3.70"), etom="v99.0"))
    assert found(result, "MOD-31") == [("v99.0", 4, 9)]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_crosswalk_command(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    code, out, _ = run_cli(["crosswalk", "--release", "v24", "--lang", lang], capsys)
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("1.1.1.12 "))
    assert "1.3.10.4 Manage Customer Bill Inquiry" in line
    assert ("moved to another level" if lang == "en" else "перенесён на другой уровень") in line
    code, out, _ = run_cli(["crosswalk", "--format", "json", "--release", "v25.5"], capsys)
    data = json.loads(out)
    assert {r["release"] for r in data["rows"]} == {"v25.5"} and len(data["rows"]) == 49
    order = next(r for r in data["rows"] if r["element"] == "1.1.1.5")
    assert order["relation"] == "deleted" and order["id"] is None and order["source"]
    assert [r["id"] for r in data["releases"]] == ["v25.5"]  # the release asked for, as the text shows
    code, _, err = run_cli(["crosswalk", "--release", "v99", "--lang", "en"], capsys)
    assert code == 2 and "known: v16.0" in err and "did you mean" not in err
    code, _, err = run_cli(["crosswalk", "--release", "v24.00", "--lang", "en"], capsys)
    assert code == 2 and "(did you mean 'v24.0'?)" in err
    code, _, err = run_cli(["crosswalk", "--release", "v24.00", "--lang", "ru"], capsys)
    assert code == 2 and "(возможно, имелось в виду «v24.0»)" in err


@pytest.mark.parametrize(
    ("written", "rule"), [('""', "MOD-13"), ("~", "MOD-12"), ("{a: 1}", "MOD-12"), ("true", "MOD-12")]
)
def test_a_release_that_is_no_text_is_one_finding(tmp_path: Path, written: str, rule: str) -> None:
    # the schema says what is wrong; what the ids stand for is not known, so nothing follows from it
    result = run(model(tmp_path, process("problems", "1.3.7"), etom=written))
    assert [(f.rule, f.location.line) for f in result.findings] == [(rule, 4)]
    assert result.exit_code == 1 and result.held_back


@pytest.mark.parametrize("written", ["[v24.0]", "24", "' v24.0'"])
def test_a_release_written_as_a_slip_of_form_is_read_as_meant(tmp_path: Path, written: str) -> None:
    result = run(model(tmp_path, process("problems", "1.3.7"), etom=written))
    assert status(result, "1.1.1.6") == "covered"
    assert not found(result, "MOD-31")


def test_a_list_shared_by_an_alias_is_read_for_each_process(tmp_path: Path) -> None:
    text = (
        "  - id: a\n    name: A\n    implements: &ids [1.3.7, 1.3.8]\n"
        "  - id: b\n    name: B\n    implements: *ids\n"
        "  - id: c\n    name: C\n    etom: v16.0\n    implements: *ids\n"
    )
    result = run(model(tmp_path, text))
    assert status(result, "1.1.1.6") == status(result, "1.1.1.7") == "covered"
    rows = [(r.written, r.process, r.line) for r in result.view.releases if r.id == "1.3.7"]
    assert rows == [("1.3.7@v24.0", "a", 8), ("1.3.7@v24.0", "b", 11), ("1.3.7@v16.0", "c", 15)]
    implementation = result.context.implementation("1.1.1.6") if result.context else None
    assert implementation is not None and implementation.processes == ["a", "b", "c"]
