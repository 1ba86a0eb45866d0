"""The coverage list: the status of every element that the pack's rules require, as JSON, SARIF,
JUnit, the job summary, the HTML page and the graphs give it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..findings import Finding
from ..kinds import KINDS, Context
from ..model.implementation import COVERED, EXTERNAL, MISSING, PARTIAL, WAIVED, status
from ..standard.rulepack import Pack

NOT_CHECKED = "not-checked"


@dataclass
class CoverageEntry:
    element: str
    status: str
    processes: list[str]
    via: list[str] = field(default_factory=list)


def required(pack: Pack) -> list[tuple[str, str, list[str]]]:
    """(rule id, element, alternative) for every element the pack's rules require."""
    return [
        (rule.id, element, alternative)
        for rule in pack.rules
        for element, alternative in KINDS[rule.kind].required(rule.options)
    ]


def coverage_entries(ctx: Context) -> list[CoverageEntry]:
    """The status of every element the pack's rules require, and of every element of an
    alternative form that the model started (billing as 1.1.1.10 - 1.1.1.12).

    The alternative form stands in for an element the model does not implement itself: once the
    model started it, every element of it is listed, a missing one as missing; beside an element
    implemented itself, only the alternatives implemented are listed."""
    entries: list[CoverageEntry] = []
    seen: set[str] = set()
    implementation = ctx.implementation
    for _, element, alternative in required(ctx.pack):
        if element not in seen:
            seen.add(element)
            impl = implementation(element)
            entry = CoverageEntry(element, status(impl), list(impl.processes))
            alt_impls = [implementation(a) for a in alternative]
            if entry.status == MISSING and alternative and all(i.processes for i in alt_impls):
                # covered through the elements that stand in for it, as well as they are
                statuses = {status(i) for i in alt_impls}
                entry.status = next((s for s in (PARTIAL, COVERED) if s in statuses), EXTERNAL)
                entry.via = list(alternative)
                entry.processes = sorted({p for i in alt_impls for p in i.processes})
            entries.append(entry)
        needed = not implementation(element).processes
        started = any(implementation(a).processes for a in alternative)
        for other in alternative:
            impl = implementation(other)
            if other not in seen and (impl.processes or (needed and started)):
                seen.add(other)
                entries.append(CoverageEntry(other, status(impl), list(impl.processes)))
    entries.sort(key=lambda e: tuple(int(p) for p in e.element.split(".")))
    return entries


def waived_coverage(
    entries: list[CoverageEntry], findings: Iterable[Finding], pack: Pack
) -> list[CoverageEntry]:
    """A required element that is missing and whose gap was accepted has the status ``waived``.

    A waiver changes the gate, never the facts: an element implemented by a partner stays
    ``external`` and a partly implemented one ``partial`` when the note about it is waived. The
    gap of an element of an alternative form is the finding of the rule that asks for the form
    (its ``missing`` elements)."""
    gap_rules = {rule_id for rule_id, _, _ in required(pack)}
    gaps: dict[str, list[Finding]] = {}
    for f in findings:
        if f.rule not in gap_rules:
            continue
        named = [f.element or f.subject, *filter(None, f.args.get("missing", "").split(", "))]
        for element in named:
            gaps.setdefault(element, []).append(f)
    for entry in entries:
        found = gaps.get(entry.element, [])
        if entry.status == MISSING and found and all(f.waived for f in found):
            entry.status = WAIVED
    return entries


def not_checked(entries: list[CoverageEntry]) -> list[CoverageEntry]:
    """The entries when the checks over the whole model were held back: no status is said."""
    return [CoverageEntry(e.element, NOT_CHECKED, e.processes, e.via) for e in entries]
