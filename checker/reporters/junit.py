"""``--format junit``: JUnit XML for CI test reports, one test case per requirement and subject.

Passes are test cases too, so that a CI service keeps a history per requirement: every element a
coverage rule requires, the source element of an interface rule, every function a functions rule
requires, and each model rule (one case when clean, one per subject when not). ``classname`` is
the rule id. A finding that fails the gate is a ``<failure>``; a waived or baselined one is
``<skipped>`` with its reason; one below ``--fail-on`` passes and shows in ``<system-out>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..engine.run import Result
from ..findings import Finding
from ..i18n import term
from ..standard.rulepack import Rule
from . import text

Case = tuple[str, str | None]  # (rule id, subject or None for a clean model rule)


def _subjects(rule: Rule) -> list[str] | None:
    """The subjects a rule always has (passes included), or None for a model rule."""
    o = rule.options
    if rule.kind in ("coverage", "partial-coverage", "external-coverage"):
        return list(o["elements"])
    if rule.kind == "interface":
        return [o["from"]]
    if rule.kind == "functions":
        return [f["id"] for f in o["functions"]]
    return None


def _cases(result: Result) -> dict[Case, list[Finding]]:
    cases: dict[Case, list[Finding]] = {}
    for held in result.held_back:
        for element in _subjects(held) or [""]:
            cases[(held.id, element or None)] = []
    by_rule: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_rule.setdefault(f.rule, []).append(f)
    for rule in result.rules or result.pack.rules:
        found = by_rule.get(rule.id, [])
        subjects = _subjects(rule)
        if subjects is None:
            subjects = sorted({f.subject for f in found})
            if not subjects:
                cases[(rule.id, None)] = []
        for subject in subjects:
            cases.setdefault((rule.id, subject), [])
        for f in found:
            cases.setdefault((rule.id, f.subject), []).append(f)
    return cases


def _where(f: Finding) -> str:
    return f"{f.location.file}:{f.location.line}:{f.location.column}"


def _fails(f: Finding, failing: set[int]) -> bool:
    """The finding fails the gate; a note on findings not shown fails when some of them do."""
    return id(f) in failing or (not f.gate and f.args.get("failing_count", "0") not in ("", "0"))


def _properties(result: Result, suite: ET.Element) -> None:
    """The verdict, the counts and each element's status, as every other format gives them."""
    props = ET.SubElement(suite, "properties")
    values = [("etom-check.conformant", str(result.conformant).lower())]
    values += [(f"etom-check.summary.{k}", str(v)) for k, v in result.summary.items()]
    values += [(f"etom-check.coverage.{c.element}", c.status) for c in result.coverage]
    for name, value in values:
        ET.SubElement(props, "property", name=name, value=value)


def render(result: Result) -> str:
    suites = ET.Element("testsuites", name="etom-check")
    suite = ET.SubElement(suites, "testsuite", name=result.pack.standard)
    _properties(result, suite)
    tests = failures = skipped = 0
    failing = {id(f) for f in result.failing}
    held = {r.id for r in result.held_back}
    held_note = " ".join(text.held_back_line(result))
    for (rule_id, subject), found in _cases(result).items():
        tests += 1
        case = ET.SubElement(
            suite, "testcase", classname=rule_id, name=f"{rule_id} {subject}" if subject else rule_id
        )
        case.set("time", "0")
        if found:
            case.set("file", found[0].location.file)
            case.set("line", str(found[0].location.line))
        if rule_id in held:
            skipped += 1
            ET.SubElement(case, "skipped", message=held_note)
            continue
        fails = [f for f in found if _fails(f, failing)]
        waived = [f for f in found if not f.counts]
        others = [f for f in found if f.counts and not _fails(f, failing)]
        if fails:
            failures += 1
            failure = ET.SubElement(case, "failure", message=fails[0].message, type=fails[0].severity.label)
            failure.text = "\n".join(f"{_where(f)}: {f.rule} {f.severity.label} {f.message}" for f in fails)
        elif waived and not others:
            skipped += 1
            reasons = [
                term("waived-note", result.lang, {"reason": f.waiver_reason or ""})
                if f.waived
                else result.baseline_note(f)
                for f in waived
            ]
            ET.SubElement(case, "skipped", message="; ".join(dict.fromkeys(reasons)))
        if others or (fails and waived):
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(
                f"{_where(f)}: {f.rule} {f.severity.label} {f.message}"
                for f in found
                if not _fails(f, failing)
            )
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", "0")
        element.set("skipped", str(skipped))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
