"""Run the rules over a loaded model: stamp identity and place on facts, sort, decide the gate."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import string
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from .baseline import Baseline, BaselineEntry, apply_baseline
from .coverage import COVERED, EXTERNAL, MISSING, PARTIAL, WAIVED, implementation, status
from .custompack import extend_pack
from .findings import Finding, Location, Severity, fingerprint, printable
from .graph import build_graph
from .i18n import TERMS, fill, term
from .kinds import KINDS, WAIVER_KINDS, Context, Fact
from .loading import DEFAULT_LIMITS, Limits, Loaded, SourceFile, Term, load
from .packdata import PackError
from .rulepack import DEFAULT_STANDARD, Pack, Rule, load_pack, natural_key, standard_of
from .validation import schema_issues
from .waivers import WaiverState, apply_waivers, read_waivers

if TYPE_CHECKING:
    import networkx as nx


class SelectionError(ValueError):
    """``--select`` or ``--ignore`` names no rule of the pack."""


@dataclass
class CoverageEntry:
    element: str
    status: str
    processes: list[str]
    via: list[str] = field(default_factory=list)


@dataclass
class Result:
    """Everything a reporter needs: findings (sorted), coverage, what was read, the gate."""

    findings: list[Finding]
    coverage: list[CoverageEntry]
    files: list[SourceFile]
    pack: Pack
    lang: str
    fail_on: Severity | None
    loaded: Loaded | None = None
    rules: list[Rule] = field(default_factory=list)
    baseline: Baseline | None = None
    baseline_absent: list[BaselineEntry] = field(default_factory=list)
    graph: nx.DiGraph | None = None

    @property
    def failing(self) -> list[Finding]:
        if self.fail_on is None:
            return []
        return [f for f in self.findings if f.counts and f.severity >= self.fail_on]

    @property
    def unread(self) -> list[str]:
        """Files of the model that could not be read (their findings say why)."""
        if self.loaded is None:
            return []
        read = {d.file for d in self.loaded.documents}
        return [f.display for f in self.files if f.display not in read]

    @property
    def conformant(self) -> bool:
        """Nothing at or above ``--fail-on`` remains, and every file was read: a model that
        could not be read is never conformant, whatever the selection of rules or ``--fail-on``."""
        return not self.failing and not self.unread

    @property
    def exit_code(self) -> int:
        return 0 if self.conformant else 1

    @property
    def process_count(self) -> int:
        """Processes of the model (a repeated id counts once)."""
        if self.graph is None:
            return 0
        return sum(1 for _, kind in self.graph.nodes(data="kind") if kind == "process")

    @property
    def summary(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0, "waived": 0, "baselined": 0}
        for f in self.findings:
            if f.waived:
                counts["waived"] += 1
            elif f.baselined:
                counts["baselined"] += 1
            else:
                counts[f.severity.label] += 1
        return counts


def matches(rule_id: str, prefix: str) -> bool:
    """``FAB`` and ``FAB-`` match every FAB rule; ``MOD-1`` matches MOD-1, not MOD-10."""
    if rule_id == prefix:
        return True
    if not rule_id.startswith(prefix):
        return False
    return prefix.endswith("-") or rule_id[len(prefix)] == "-"


def selected_rules(
    rules: Sequence[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> list[Rule]:
    """Rules matched by a selected id or prefix (all when none) and by no ignored one."""
    select, ignore = [s for s in select if s], [s for s in ignore if s]
    for prefix in (*select, *ignore):
        if not any(matches(r.id, prefix) for r in rules):
            raise SelectionError(prefix)
    return [
        r
        for r in rules
        if (not select or any(matches(r.id, p) for p in select)) and not any(matches(r.id, p) for p in ignore)
    ]


P = ParamSpec("P")
R = TypeVar("R")


def _collector_paused(function: Callable[P, R]) -> Callable[P, R]:
    """The cyclic garbage collector off while ``function`` runs, and as it was after.

    Reading a large model makes millions of small objects, none in reference cycles, and every
    one of them would be traversed again by each full collection: about a third of the run on
    10k processes. Memory is freed by reference counting as usual."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


def declared_standard(loaded: Loaded) -> str | None:
    for doc in loaded.documents:
        org = doc.data.get("organisation")
        if isinstance(org, dict) and isinstance(org.get("standard"), str):
            return str(org["standard"])
    return None


@_collector_paused
def check(
    paths: Sequence[str],
    *,
    lang: str = "ru",
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    fail_on: Severity | None = Severity.ERROR,
    limits: Limits = DEFAULT_LIMITS,
    pack: Pack | None = None,
    rule_files: Sequence[str] = (),
    waivers: bool = True,
    today: dt.date | None = None,
    baseline: Baseline | None = None,
) -> Result:
    """Load the model at ``paths`` and evaluate the rule pack over it.

    ``rule_files`` are custom packs added to the pack; ``waivers=False`` makes the model's
    waivers ineffective; ``today`` decides which waivers have expired; findings recorded in
    ``baseline`` are kept out of the gate.
    """
    loaded = load(paths, limits)
    standard = declared_standard(loaded)
    if pack is None:
        pack = load_pack((standard_of(standard) if standard else None) or DEFAULT_STANDARD)
    pack = extend_pack(pack, rule_files)
    rules = selected_rules(pack.rules, select, ignore)
    if len(loaded.documents) < len(loaded.files):  # why a file was not read is always said
        rules += [r for r in pack.rules if r.kind == "input" and r not in rules]
    graph = build_graph(loaded.documents, pack.catalogue)
    ctx = Context(
        loaded.files,
        loaded.documents,
        loaded.problems,
        schema_issues(loaded.documents),
        graph,
        pack,
        standard,
    )
    limit = limits.max_findings_per_file
    # why a file could not be read can be neither waived nor baselined: such a model never passes
    read = {d.file for d in loaded.documents}
    inputs = {r.id for r in pack.rules if r.kind == "input"}

    def why_unread(f: Finding) -> bool:
        return f.rule in inputs and f.location.file not in read

    last = (*WAIVER_KINDS, FINDING_LIMIT)
    findings = _run(ctx, [r for r in rules if r.kind not in last], lang, limit)
    if waivers:
        ctx.waivers = WaiverState(
            read_waivers(loaded.documents),
            today or dt.date.today(),
            {r.id for r in pack.rules},
            {r.id for r in rules},
        )
        findings = apply_waivers(findings, ctx.waivers, why_unread)
        findings += _run(ctx, [r for r in rules if r.kind in WAIVER_KINDS], lang, limit)
    # the count of findings left out runs after every rule that can leave some out
    findings += _run(ctx, [r for r in rules if r.kind == FINDING_LIMIT], lang, limit)
    findings = _disambiguate(findings)
    absent: list[BaselineEntry] = []
    if baseline is not None:
        findings, absent = apply_baseline(findings, baseline, {r.id for r in rules}, why_unread)
    coverage = waived_coverage(coverage_entries(ctx), findings)
    return Result(
        findings, coverage, loaded.files, pack, lang, fail_on, loaded, list(rules), baseline, absent, graph
    )


def _run(ctx: Context, rules: Iterable[Rule], lang: str, limit: int) -> list[Finding]:
    """Every rule's facts stamped as findings, each model rule capped per file."""
    findings: list[Finding] = []
    for rule in rules:
        kind, category = KINDS[rule.kind]
        facts = kind(ctx, rule.options)
        if category == "model" and rule.kind != FINDING_LIMIT:  # the others are bounded by the pack
            facts = _capped(facts, rule, limit, ctx.overflow)
        for fact in facts:
            findings.append(stamp(rule, category, fact, ctx.pack, lang, ctx.file_keys))
    return findings


def waived_coverage(entries: list[CoverageEntry], findings: Iterable[Finding]) -> list[CoverageEntry]:
    """An element whose coverage findings are all waived has the status ``waived``."""
    by_element: dict[str, list[Finding]] = {}
    for f in findings:
        if f.category == "coverage":
            by_element.setdefault(f.element or f.subject, []).append(f)
    for entry in entries:
        found = by_element.get(entry.element, [])
        if found and all(f.waived for f in found):
            entry.status = WAIVED
    return entries


FINDING_LIMIT = "finding-limit"


def _capped(facts: Iterable[Fact], rule: Rule, limit: int, overflow: list[Fact]) -> Iterator[Fact]:
    """At most ``limit`` facts of one rule in one file; the rest are counted into ``overflow``.

    A file can be made to hold a million wrong keys: without a bound its report would be
    gigabytes. The gate is unchanged, since the findings kept carry the rule's severity.
    """
    counts: dict[str, int] = {}
    for fact in facts:
        where = fact.doc.file if fact.doc is not None else (fact.file or ".")
        counts[where] = counts.get(where, 0) + 1
        if counts[where] <= limit:
            yield fact
    for where, count in counts.items():
        if count > limit:
            args = {"rule": rule.id, "count": count - limit, "limit": limit}
            overflow.append(Fact(subject=rule.id, file=where, args=args))


def localise(args: Mapping[str, Any], pack: Pack, lang: str) -> dict[str, Any]:
    """Message arguments in the chosen language; every element id gets a ``<name>_name``."""
    out: dict[str, Any] = {}
    elements = pack.catalogue.elements
    for key, value in args.items():
        if isinstance(value, dict) and lang in value:
            value = value[lang]
        out[key] = value
    for key, value in list(out.items()):
        if isinstance(value, str) and value in elements:
            out[f"{key}_name"] = elements[value].name[lang]
    for key, value in list(out.items()):
        if isinstance(value, Term) and value in TERMS:
            out[key] = term(value, lang, out)
    return out


def stamp(
    rule: Rule, category: str, fact: Fact, pack: Pack, lang: str, keys: Mapping[str, str] | None = None
) -> Finding:
    """A fact made a finding: the rule's identity, the message in ``lang`` and the place."""
    args = {"subject": fact.subject, **({"element": fact.element} if fact.element else {}), **fact.args}
    if fact.first is not None:
        doc, path, at_key = fact.first
        line, _ = (doc.positions.key if at_key else doc.positions.value)(doc.data, path)
        args["first"] = f"{doc.file}:{line}"
    args = {k: printable(v) if isinstance(v, str) else v for k, v in localise(args, pack, lang).items()}
    if fact.doc is not None:
        doc = fact.doc
        line, column = (doc.positions.key if fact.at_key else doc.positions.value)(doc.data, fact.path)
        location = Location(printable(doc.file), line, column)
    else:
        location = Location(printable(fact.file or "."), fact.line, fact.column)
    anchor = ""
    if category == "model":  # which file and where in it, without lines or list positions
        raw_file = fact.doc.file if fact.doc is not None else (fact.file or ".")
        anchor = (keys or {}).get(raw_file, raw_file)
        if fact.doc is not None:
            anchor += "#" + stable_path(fact.doc.data, fact.path)
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        category=category,
        subject=printable(fact.subject),
        message=fill(_checked(rule, "message", lang, args), args),
        clause=fill(_checked(rule, "clause", lang, args), args),
        location=location,
        fingerprint=fingerprint(rule.id, fact.subject, fact.element, fact.target, anchor),
        element=fact.element,
        target=fact.target,
        args={k: str(v) for k, v in args.items()},
    )


@functools.cache
def _placeholders(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def _checked(rule: Rule, key: str, lang: str, args: Mapping[str, Any]) -> str:
    """The rule's template, once sure that the fact gives every placeholder it names (a custom
    pack may name one that its kind never gives: that pack cannot be used)."""
    template: str = getattr(rule, key)[lang]
    missing = sorted(_placeholders(template) - set(args))
    if missing:
        file, _, line = (rule.source or "rules").rpartition(":")  # a custom rule's source is file:line
        if not line.isdigit():
            file, line = rule.source or "rules", "1"
        raise PackError(
            file,
            int(line),
            1,
            f"rule {rule.id}: {key}/{lang} names {{{missing[0]}}}, which kind {rule.kind!r} does not give",
        )
    return template


def stable_path(data: Any, path: tuple[Any, ...]) -> str:
    """A path that survives moved lines: a process by its id, other list positions left out
    (the subject already says which item)."""
    parts: list[str] = []
    node: Any = data
    for step in path:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
            named = node.get("id") if isinstance(node, dict) else None
            if parts and parts[-1] == "processes" and isinstance(named, str):
                parts.append(named)
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return "/".join(parts)


def _disambiguate(findings: list[Finding]) -> list[Finding]:
    """Sort, and make fingerprints unique: a repeat gets its ordinal among its equals."""
    findings.sort(key=lambda f: (f.sort_key()[:3], natural_key(f.rule), f.subject, f.fingerprint))
    seen: dict[str, int] = {}
    out: list[Finding] = []
    for f in findings:
        n = seen.get(f.fingerprint, 0)
        seen[f.fingerprint] = n + 1
        out.append(
            f if n == 0 else replace(f, fingerprint=fingerprint(f.fingerprint, str(n), None, None, ""))
        )
    return out


def coverage_entries(ctx: Context) -> list[CoverageEntry]:
    """The status of every element the pack's coverage rules require (and of alternatives used)."""
    entries: list[CoverageEntry] = []
    seen: set[str] = set()
    for rule in ctx.pack.rules:
        if rule.kind != "coverage":
            continue
        alternative = rule.options.get("alternative", [])
        for element in rule.options["elements"]:
            if element in seen:
                continue
            seen.add(element)
            impl = implementation(ctx.graph, element)
            entry = CoverageEntry(element, status(impl), list(impl.processes))
            alt_impls = [implementation(ctx.graph, a) for a in alternative]
            if entry.status == MISSING and alternative and all(i.processes for i in alt_impls):
                # covered through the elements that stand in for it, as well as they are
                statuses = {status(i) for i in alt_impls}
                entry.status = next((s for s in (PARTIAL, COVERED) if s in statuses), EXTERNAL)
                entry.via = list(alternative)
                entry.processes = sorted({p for i in alt_impls for p in i.processes})
            entries.append(entry)
        for element in alternative:
            impl = implementation(ctx.graph, element)
            if element not in seen and impl.processes:
                seen.add(element)
                entries.append(CoverageEntry(element, status(impl), list(impl.processes)))
    entries.sort(key=lambda e: tuple(int(p) for p in e.element.split(".")))
    return entries
