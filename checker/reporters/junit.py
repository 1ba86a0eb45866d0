"""``--format junit``: JUnit XML for CI test reports, one test case per requirement and subject.

Passes are test cases too, so that a CI service keeps a history per requirement: every subject a
rule always has (the elements a coverage rule requires, the source element of an interface rule,
the functions a functions rule requires), and each other rule (one case when clean, one per
subject when not). ``classname`` is the rule id. A finding that fails the gate is a
``<failure>``; a waived or baselined one is ``<skipped>`` with its reason; one below
``--fail-on`` passes and shows in ``<system-out>``; a rule held back is ``<skipped>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..engine.view import View
from ..findings import Finding
from ..i18n import term

Case = tuple[str, str | None]  # (rule id, subject or None for a clean rule without subjects)


def _cases(view: View) -> dict[Case, list[Finding]]:
    cases: dict[Case, list[Finding]] = {}
    by_rule: dict[str, list[Finding]] = {}
    for f in view.findings:
        by_rule.setdefault(f.rule, []).append(f)
    for rule in view.rules:
        found = by_rule.get(rule.id, [])
        subjects = rule.subjects
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


def _fails(f: Finding, view: View) -> bool:
    """The finding fails the gate; a note on findings not shown fails when some of them do."""
    return view.fails(f) or (not f.gate and f.args.get("failing_count", "0") not in ("", "0"))


def _properties(view: View, suite: ET.Element) -> None:
    """The verdict, the counts, each element's status and the ids of eTOM releases, as every
    other format gives them."""
    props = ET.SubElement(suite, "properties")
    values = [("etom-check.conformant", str(view.conformant).lower())]
    values += [(f"etom-check.summary.{k}", str(v)) for k, v in view.summary.items()]
    values += [(f"etom-check.coverage.{c.element}", c.status) for c in view.coverage]
    # each id of an eTOM release, as written, and the standard's elements it stands for
    values += [(f"etom-check.crosswalk.{r.written}", ", ".join(r.elements) or "-") for r in view.releases]
    for name, value in values:
        ET.SubElement(props, "property", name=name, value=value)


def render(view: View) -> str:
    suites = ET.Element("testsuites", name="etom-check")
    suite = ET.SubElement(suites, "testsuite", name=view.standard)
    _properties(view, suite)
    tests = failures = skipped = 0
    held = {r.id for r in view.rules if r.held}
    for (rule_id, subject), found in _cases(view).items():
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
            ET.SubElement(case, "skipped", message=view.held_back_line or "")
            continue
        fails = [f for f in found if _fails(f, view)]
        waived = [f for f in found if not f.counts]
        others = [f for f in found if f.counts and not _fails(f, view)]
        if fails:
            failures += 1
            failure = ET.SubElement(case, "failure", message=fails[0].message, type=fails[0].severity.label)
            failure.text = "\n".join(f"{_where(f)}: {f.rule} {f.severity.label} {f.message}" for f in fails)
        elif waived and not others:
            skipped += 1
            reasons = [
                term("waived-note", view.lang, {"reason": f.waiver_reason or ""})
                if f.waived
                else view.baseline_notes.get(f.fingerprint, term("baselined-note", view.lang))
                for f in waived
            ]
            ET.SubElement(case, "skipped", message="; ".join(dict.fromkeys(reasons)))
        if others or (fails and waived):
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(
                f"{_where(f)}: {f.rule} {f.severity.label} {f.message}" for f in found if not _fails(f, view)
            )
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", "0")
        element.set("skipped", str(skipped))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
