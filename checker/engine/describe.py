"""The view of a result, described once: the rows of coverage, interfaces, waivers and rules,
the processes and hand-offs a picture draws, the words of the summary, and provenance."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..findings import Finding
from ..i18n import fill, term
from ..kinds import KINDS
from ..model.graph import PROCESS, implemented_ids, links, processes
from ..model.waivers import read_waivers
from ..standard.catalogue import Catalogue, element_level, level2_of
from ..standard.rulepack import Rule, natural_key
from .coverage import NOT_CHECKED

if TYPE_CHECKING:
    from .result import Result

from .view import (
    ABSENT,
    NOT_APPLICABLE,
    NOT_REQUIRED,
    PRESENT,
    CoverageRow,
    EdgeRow,
    FunctionRow,
    InterfaceRow,
    ProcessRow,
    Provenance,
    ReleaseRow,
    RuleRow,
    View,
    WaiverRow,
)


def build(result: Result) -> View:
    """The view of a result (see :class:`View`)."""
    lang = result.lang
    ctx = result.context
    catalogue = result.pack.catalogue
    gaps = _gaps(result.findings)
    graph = result.model_graph
    names = {a["id"]: str(a["name"]) for a in processes(graph)} if graph is not None else {}
    statuses = {e: NOT_REQUIRED for e in catalogue.elements if element_level(e) == 2}
    statuses.update({entry.element: entry.status for entry in result.coverage})
    implementation = ctx.implementation if ctx is not None else None
    summary = result.summary
    releases = _release_rows(result)
    held = _held_back_line(result)
    summary_line = _summary_line(result)
    notes = ([held] if held else []) + (
        [term("not-shown", lang, {**summary, "failing": summary["not_shown_failing"]})]
        if result.hidden
        else []
    )
    baseline = result.baseline
    return View(
        version=__version__,
        standard=result.pack.standard,
        standard_title=result.pack.title.get(result.lang, result.pack.standard),
        lang=lang,
        fail_on=result.fail_on.label if result.fail_on else "never",
        conformant=result.conformant,
        exit_code=result.exit_code,
        summary=summary,
        files=[s.display for s in result.files],
        process_count=result.process_count,
        findings=result.findings,
        failing=frozenset(f.fingerprint for f in result.failing),
        summary_line=summary_line,
        held_back_line=held,
        notes=notes,
        held_back={"rules": [r.id for r in result.held_back], "files": result.unclear}
        if result.held_back
        else None,
        baseline_source=baseline.source if baseline is not None else None,
        baseline_absent=[e.as_dict() for e in result.baseline_absent],
        baseline_notes={f.fingerprint: result.baseline_note(f) for f in result.findings if f.baselined},
        coverage=_coverage_rows(result, names, gaps, releases),
        statuses=statuses,
        element_processes={
            e: len(implementation(e).processes) if implementation is not None else 0 for e in statuses
        },
        interfaces=_interface_rows(result, gaps),
        waivers=_waivers(result),
        rules=_rules(result),
        drawing=lambda: (_processes(result, releases), _edges(result)),
        releases=releases,
        catalogue=catalogue,
        provenance=_provenance(result),
        cwd=os.getcwd(),
    )


def _gaps(findings: list[Finding]) -> dict[tuple[str, str], Finding]:
    """(rule, subject or target) -> the finding: a view shows as missing exactly what the check
    found missing, under the same selection of rules."""
    gaps: dict[tuple[str, str], Finding] = {}
    for f in findings:
        gaps.setdefault((f.rule, f.target if f.category == "interface" and f.target else f.subject), f)
    return gaps


def _release_rows(result: Result) -> list[ReleaseRow]:
    """Every id of an eTOM release in the model, with what it stands for and where it is written."""
    ctx = result.context
    rows = []
    for rid in ctx.releases.ids if ctx is not None else []:
        line, _ = rid.doc.positions.value(rid.doc.data, rid.path)
        rows.append(
            ReleaseRow(
                rid.label,
                rid.id,
                rid.release,
                rid.read,
                rid.outcome,
                rid.elements,
                rid.relations,
                sorted({e for r in rid.rows for e in r.evidence}),
                rid.process,
                rid.doc.file,
                line,
            )
        )
    return rows


def _below(element: str, row: ReleaseRow) -> bool:
    return any(e == element or e.startswith(element + ".") for e in row.elements)


def _coverage_rows(
    result: Result, names: dict[str, str], gaps: dict[tuple[str, str], Finding], releases: list[ReleaseRow]
) -> list[CoverageRow]:
    lang = result.lang
    rows: list[CoverageRow] = []
    for entry in result.coverage:
        functions: list[FunctionRow] = []
        for rule in result.rules:
            for function in KINDS[rule.kind].functions(rule.options):
                if function.element != entry.element:
                    continue
                gap = gaps.get((rule.id, function.id))
                provided = bool(entry.processes) and gap is None and entry.status != NOT_CHECKED
                functions.append(
                    FunctionRow(function.id, function.title[lang], provided, gap is not None and gap.waived)
                )
        crosswalk = [r for r in releases if _below(entry.element, r)]
        written = list(dict.fromkeys(r.written for r in crosswalk))
        rows.append(
            CoverageRow(
                entry.element,
                result.pack.catalogue.name(entry.element, lang),
                entry.status,
                list(entry.processes),
                {p: names.get(p, p) for p in entry.processes},
                [*entry.via, *written],
                functions,
                crosswalk,
            )
        )
    return rows


def _interface_rows(result: Result, gaps: dict[tuple[str, str], Finding]) -> list[InterfaceRow]:
    ctx, graph = result.context, result.model_graph
    if ctx is None or graph is None:
        return []
    rows: list[InterfaceRow] = []
    for rule in result.rules:
        wanted = KINDS[rule.kind].interface(rule.options)
        if wanted is None:
            continue
        sources = ctx.implementation(wanted.source).processes
        for group in wanted.groups:
            targets = [p for e in group.elements for p in ctx.implementation(e).processes]
            found = list(links(graph, sources, set(targets), wanted.direction))
            gap = gaps.get((rule.id, group.label))
            status = NOT_APPLICABLE if not sources else (ABSENT if gap is not None else PRESENT)
            rows.append(
                InterfaceRow(
                    rule.id,
                    wanted.source,
                    group.label,
                    list(group.elements),
                    status,
                    found,
                    gap is not None and gap.waived,
                    sources[0] if sources else None,
                    targets[0] if targets else None,
                )
            )
    return rows


def _waivers(result: Result) -> list[WaiverRow]:
    """The waivers the model declares (those the engine can apply), with where each is written;
    a malformed entry is a schema finding of its own."""
    documents = result.loaded.documents if result.loaded else []
    rows = []
    for w in read_waivers(documents, [r.id for r in result.pack.rules]):
        line, _ = w.doc.positions.value(w.doc.data, w.path)
        rows.append(
            WaiverRow(
                f"{w.doc.file}:{line}",
                w.rule,
                w.subject or "",
                w.target or "",
                w.reason,
                w.expires.isoformat() if w.expires else "",
            )
        )
    return rows


def _rules(result: Result) -> list[RuleRow]:
    lang = result.lang
    catalogue = result.pack.catalogue
    held = {r.id for r in result.held_back}
    ran = [*result.rules, *(r for r in result.held_back if r not in result.rules)]
    ran.sort(key=lambda r: natural_key(r.id))
    return [_rule_row(rule, catalogue, lang, rule.id in held) for rule in ran]


def _rule_row(rule: Rule, catalogue: Catalogue, lang: str, held: bool = False) -> RuleRow:
    kind = KINDS[rule.kind]
    return RuleRow(
        rule.id,
        "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", rule.title["en"])),
        rule.title[lang],
        rule.severity,
        kind.category,
        clause_text(rule, lang),
        " ".join(rule.why[lang].split()),
        kind.describe(rule.options, catalogue, lang),
        kind.subjects(rule.options) if kind.subjects is not None else None,
        held,
    )


def clause_text(rule: Rule, lang: str) -> str:
    """The clause of a rule as a general statement (``Table 1, <element>``), outside a finding."""
    return fill(rule.clause[lang], {"element": term("clause-elements", lang)})


def _processes(result: Result, releases: list[ReleaseRow]) -> list[ProcessRow]:
    """Each process with the first of its level-2 elements in natural order (``1.1.1.5`` before
    ``1.1.1.10``), each element's level and order found once, and its ids of eTOM releases as
    written with what they stand for."""
    graph = result.model_graph
    if graph is None:
        return []
    written: dict[str, list[str]] = {}
    for r in releases:
        shown = written.setdefault(r.process, [])
        if r.shown not in shown:
            shown.append(r.shown)
    level2: dict[str, tuple[str, tuple[Any, ...]] | None] = {}
    rows = []
    for attrs in processes(graph):
        best: tuple[str, tuple[Any, ...]] | None = None
        for element in implemented_ids(graph, attrs["id"]):
            if element not in level2:
                found = level2_of(element)
                level2[element] = (found, natural_key(found)) if found else None
            candidate = level2[element]
            if candidate is not None and (best is None or candidate[1] < best[1]):
                best = candidate
        first = best[0] if best is not None else None
        rows.append(
            ProcessRow(
                attrs["id"], str(attrs["name"]), bool(attrs["external"]), first, written.get(attrs["id"], [])
            )
        )
    return rows


def _edges(result: Result) -> list[EdgeRow]:
    """The interfaces in model order: by the order of their source process, then as written."""
    graph = result.model_graph
    if graph is None:
        return []
    rows = []
    for attrs in processes(graph):
        out = graph.succ[(PROCESS, attrs["id"])].items()
        found = [(target, data) for target, data in out if data.get("kind") == "interface"]
        found.sort(key=lambda edge: edge[1]["index"])
        rows += [EdgeRow(attrs["id"], target[1], data["purpose"] or "") for target, data in found]
    return rows


def _provenance(result: Result) -> Provenance:
    # the hash of what was read; a file that could not be used is never opened again (it may be a
    # pipe, a device or over the size limit)
    hashes = result.loaded.hashes if result.loaded else {}
    return Provenance(
        __version__,
        result.pack.standard,
        result.pack.id,
        result.pack.digest,
        [(s.display, hashes.get(s.display) or "—") for s in result.files],
        report_time(files=[str(f.path) for f in result.files]),
    )


def report_time(environ: dict[str, str] | None = None, files: list[str] | None = None) -> str:
    """UTC time the report speaks for: ``SOURCE_DATE_EPOCH`` (seconds) when set, else when the
    model's files last changed, so that the same model gives the same page (cli.md: output is
    byte-identical); the current time only when no file can be looked at."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = datetime.fromtimestamp(int(epoch), UTC)
    else:
        times = []
        for path in files or []:
            try:
                times.append(os.stat(path).st_mtime)  # a look at the entry, never an open
            except OSError:
                continue
        moment = datetime.fromtimestamp(int(max(times)), UTC) if times else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# ----------------------------------------------------------------------------- the summary's words


def _held_back_line(result: Result) -> str | None:
    """One line that says which checks over the whole model were held back, and why."""
    if not result.held_back:
        return None
    lang = result.lang
    words: list[str] = []
    for rule in result.held_back:
        key = KINDS[rule.kind].topic or "hb-references"
        if term(key, lang) not in words:
            words.append(term(key, lang))
    files = result.unclear
    unread = set(result.unread)
    releases = [f for f in result.unresolved if f in files]
    troubled = {p.file for p in result.loaded.problems} if result.loaded is not None else set()
    read_badly = [f for f in files if f in troubled or f not in releases]
    codes: dict[str, set[str]] = {}
    for p in result.loaded.problems if result.loaded is not None else []:
        codes.setdefault(p.file, set()).add(p.code)
    # each file by what was wrong with it: not read at all, a repeated key, a refused tag
    grouped: dict[str, list[str]] = {}
    for f in read_badly:
        found = codes.get(f, set())
        how = (
            "hb-unread"
            if f in unread
            else "hb-repeated"
            if found == {"duplicate-key"}
            else "hb-tag"
            if found == {"tag"}
            else "hb-unclear"
        )
        grouped.setdefault(how, []).append(f)
    why = [
        term(how + ("-1" if len(group) == 1 else "-n"), lang, {"files": ", ".join(group)})
        for how, group in grouped.items()
    ]
    if releases:
        shown = ", ".join(releases)
        why.append(term("hb-release" + ("-1" if len(releases) == 1 else "-n"), lang, {"files": shown}))
    args = {
        "count": len(result.held_back),
        "what": ", ".join(words),
        "files": ", ".join(files),
        "why": "; ".join(why),
    }
    return term("held-back", lang, args)


def _summary_line(result: Result) -> str:
    s = result.summary
    verdict = term("verdict-ok" if result.conformant else "verdict-fail", result.lang)
    counts = term(
        "summary", result.lang, {"files": len(result.files), "processes": result.process_count, **s}
    )
    if result.hidden:
        counts += " " + term("not-shown", result.lang, {**s, "failing": s["not_shown_failing"]})
    return f"{counts} {verdict}"
