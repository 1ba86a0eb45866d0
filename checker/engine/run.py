"""Run the rules over a loaded model: stamp identity and place on facts, sort, decide the gate."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from ..findings import Finding, Location, Severity, fingerprint, printable
from ..i18n import TERMS, Term, fill, term
from ..io.reading import DEFAULT_LIMITS, Limits, Loaded, SourceFile, load
from ..io.schemas import schema_document
from ..kinds import KINDS, Context, Fact
from ..model.graph import build_graph
from ..model.implementation import COVERED, EXTERNAL, MISSING, PARTIAL, WAIVED, implementation, status
from ..model.repairs import correct_ids, repair_all, vocabulary
from ..model.schema import schema_issues
from ..model.waivers import WaiverState, apply_waivers, read_waivers
from ..standard.custom import extend_pack
from ..standard.datafiles import PackError
from ..standard.rulepack import DEFAULT_STANDARD, Pack, Rule, load_pack, natural_key, standard_of
from .baseline import Baseline, BaselineEntry, apply_baseline

if TYPE_CHECKING:
    import networkx as nx


class SelectionError(ValueError):
    """``--select`` or ``--ignore`` names no rule of the pack."""


NOT_CHECKED = "not-checked"


@dataclass
class CoverageEntry:
    element: str
    status: str
    processes: list[str]
    via: list[str] = field(default_factory=list)


@dataclass
class Result:
    """Everything a reporter needs: findings (sorted), coverage, what was read, the gate.

    ``findings`` are the findings shown; ``hidden`` are those left out by the per-file limit of
    one rule (``--max-findings-per-file``): they are not shown, but they count for the gate and
    the summary exactly as shown ones do. ``held_back`` are the rules over the whole model that
    did not run because a file of the model could not be read."""

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
    hidden: list[Finding] = field(default_factory=list)
    held_back: list[Rule] = field(default_factory=list)

    @property
    def failing(self) -> list[Finding]:
        """The findings, shown or not, that fail the gate."""
        if self.fail_on is None:
            return []
        fail_on = self.fail_on
        return [f for f in (*self.findings, *self.hidden) if f.counts and f.gate and f.severity >= fail_on]

    @property
    def unread(self) -> list[str]:
        """Files of the model that could not be read (their findings say why)."""
        if self.loaded is None:
            return []
        read = {d.file for d in self.loaded.documents}
        return [f.display for f in self.files if f.display not in read]

    @property
    def unclear(self) -> list[str]:
        """Files of the model that could not be read unambiguously: not read at all, or read
        with a repeated key or a refused tag (the checker does not guess which value is meant)."""
        if self.loaded is None:
            return []
        troubled = {p.file for p in self.loaded.problems}
        return [f.display for f in self.files if f.display in troubled]

    @property
    def conformant(self) -> bool:
        """Nothing at or above ``--fail-on`` remains, and every file was read unambiguously: a
        model that could not be read is never conformant, whatever the selection of rules or
        ``--fail-on``."""
        return not self.failing and not self.unclear

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
        """Counts of every finding, shown or not; ``not_shown`` says how many were left out and
        ``not_shown_failing`` how many of those fail the gate."""
        counts = {"error": 0, "warning": 0, "info": 0, "waived": 0, "baselined": 0}
        for f in (*self.findings, *self.hidden):
            if f.waived:
                counts["waived"] += 1
            elif f.baselined:
                counts["baselined"] += 1
            else:
                counts[f.severity.label] += 1
        counts["not_shown"] = len(self.hidden)
        counts["not_shown_failing"] = self.hidden_failing
        return counts

    def baseline_note(self, finding: Finding) -> str:
        """How a baselined finding is marked: in the baseline file, or already at the revision
        of ``--new-since``."""
        baseline = self.baseline
        if baseline is not None and baseline.revision and not baseline.recorded(finding.fingerprint):
            return term("since-note", self.lang, {"revision": baseline.revision})
        return term("baselined-note", self.lang)

    def integrity(self, finding: Finding) -> bool:
        """Whether the finding says why a file could not be used: never waived nor baselined."""
        rule = self.pack.rule(finding.rule)
        return rule is not None and KINDS[rule.kind].integrity

    @property
    def hidden_failing(self) -> int:
        """How many of the findings not shown fail the gate."""
        failing = {id(f) for f in self.failing}
        return sum(1 for f in self.hidden if id(f) in failing)


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


@dataclass(frozen=True)
class Options:
    """How a model is checked: the language of the messages, the rules to run, what fails the
    gate, the limits of reading, custom packs, whether waivers apply (and on which day), a
    baseline, and the files to leave out of a folder."""

    lang: str = "ru"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = Severity.ERROR
    limits: Limits = DEFAULT_LIMITS
    rule_files: tuple[str, ...] = ()
    waivers: bool = True
    today: dt.date | None = None
    baseline: Baseline | None = None
    exclude: tuple[str, ...] = ()

    def but(self, **changes: Any) -> Options:
        """These options with some changed (sequences given as lists become tuples)."""
        fixed: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in changes.items()}
        return replace(self, **fixed)


@_collector_paused
def check(paths: Sequence[str], options: Options | None = None, /, **changes: Any) -> Result:
    """Load the model at ``paths`` and evaluate the rule pack over it with ``options`` (the
    defaults when None; ``changes`` replace some of them: ``check(paths, lang="en")``)."""
    opts = (options or Options()).but(**changes)
    return evaluate(load(paths, opts.limits, opts.exclude), opts)


def evaluate(loaded: Loaded, options: Options | None = None, /, pack: Pack | None = None) -> Result:
    """Evaluate the rule pack (the declared standard's, unless ``pack`` is given) over a model
    already read (see :func:`check`)."""
    opts = options or Options()
    lang, fail_on, limits, today, baseline = opts.lang, opts.fail_on, opts.limits, opts.today, opts.baseline
    # slips that say plainly what was meant are put right first: one mistake, one finding
    words = vocabulary(schema_document("model.schema.json"))
    repaired = repair_all(loaded.documents, words)
    standard = declared_standard(loaded)
    if pack is None:
        pack = load_pack((standard_of(standard) if standard else None) or DEFAULT_STANDARD)
    pack = extend_pack(pack, opts.rule_files)
    words.catalogue, words.functions = pack.catalogue, frozenset(pack.functions)
    corrections = correct_ids(loaded.documents, words)
    rules = selected_rules(pack.rules, opts.select, opts.ignore)
    # a file not read, or read with a repeated key or a refused tag: why is always said, and
    # what depends on it is held back (the checker does not guess what the file says)
    troubled = {p.file for p in loaded.problems}
    unread = [f.display for f in loaded.files if f.display in troubled]
    held_back: list[Rule] = []
    if unread:
        rules += [r for r in pack.rules if KINDS[r.kind].integrity and r not in rules]
        held_back = [r for r in rules if KINDS[r.kind].whole_model]
        rules = [r for r in rules if r not in held_back]
    graph = build_graph(loaded.documents, pack.catalogue)
    ctx = Context(
        loaded.files,
        loaded.documents,
        loaded.problems,
        repaired + schema_issues(loaded.documents),
        graph,
        pack,
        standard,
        corrections=corrections,
    )
    # why a file could not be used can be neither waived nor baselined: the checker never
    # guesses which of two readings is meant
    integrity = {r.id for r in pack.rules if KINDS[r.kind].integrity}

    def exempt(f: Finding) -> bool:
        return f.rule in integrity

    stamper = _Stamper(ctx, lang, limits.max_findings_per_file)
    stamper.run([r for r in rules if KINDS[r.kind].phase == "main"])
    if opts.waivers:
        ctx.waivers = WaiverState(
            read_waivers(loaded.documents, [r.id for r in pack.rules]),
            today or dt.date.today(),
            {r.id for r in pack.rules},
            {r.id for r in rules},
            integrity,
        )
        stamper.shown = apply_waivers(stamper.shown, ctx.waivers, exempt)
        stamper.hidden = apply_waivers(stamper.hidden, ctx.waivers, exempt)
        stamper.run([r for r in rules if KINDS[r.kind].phase == "waivers"])
    shown, hidden = _disambiguate(stamper.shown, stamper.hidden)
    absent: list[BaselineEntry] = []
    if baseline is not None:
        shown, hidden, absent = apply_baseline(shown, hidden, baseline, {r.id for r in rules}, exempt)
        if unread:  # an entry may be for a finding in the file that could not be read
            absent = []
    # the notes on findings left out run last, once it is known which of them fail
    ctx.hidden = [(f, f.counts and fail_on is not None and f.severity >= fail_on) for f in hidden]
    ctx.limit = limits.max_findings_per_file
    notes = _Stamper(ctx, lang, limits.max_findings_per_file)
    notes.run([r for r in rules if KINDS[r.kind].phase == "last"])
    shown = sorted(shown + [replace(f, gate=False) for f in notes.shown], key=_order)
    entries = coverage_entries(ctx)
    if unread:  # what a file not read may hold is not known: no status is said, in any view
        coverage = [CoverageEntry(e.element, NOT_CHECKED, e.processes, e.via) for e in entries]
    else:
        coverage = waived_coverage(entries, [*shown, *hidden], pack)
    return Result(
        shown,
        coverage,
        loaded.files,
        pack,
        lang,
        fail_on,
        loaded,
        list(rules),
        baseline,
        absent,
        graph,
        hidden,
        held_back,
    )


class _Stamper:
    """Runs rules and stamps their facts as findings: the first ``limit`` facts of one model
    rule in one file are shown, the rest hidden (stamped without a message, since only the
    gate, the baseline and the waivers look at them)."""

    def __init__(self, ctx: Context, lang: str, limit: int) -> None:
        self.ctx, self.lang, self.limit = ctx, lang, limit
        self.shown: list[Finding] = []
        self.hidden: list[Finding] = []

    def run(self, rules: Iterable[Rule]) -> None:
        ctx = self.ctx
        for rule in rules:
            kind = KINDS[rule.kind]
            counts: dict[str, int] = {}
            capped = kind.category == "model" and kind.phase != "last"
            for fact in kind.check(ctx, rule.options):
                if capped:
                    where = fact.doc.file if fact.doc is not None else (fact.file or ".")
                    counts[where] = counts.get(where, 0) + 1
                    if counts[where] > self.limit:
                        self.hidden.append(
                            stamp(rule, kind.category, fact, ctx.pack, self.lang, ctx.file_keys, True)
                        )
                        continue
                self.shown.append(stamp(rule, kind.category, fact, ctx.pack, self.lang, ctx.file_keys))


def _order(f: Finding) -> tuple[Any, ...]:
    return (f.sort_key()[:3], natural_key(f.rule), f.subject, f.fingerprint)


def waived_coverage(
    entries: list[CoverageEntry], findings: Iterable[Finding], pack: Pack
) -> list[CoverageEntry]:
    """A required element that is missing and whose gap was accepted has the status ``waived``.

    A waiver changes the gate, never the facts: an element implemented by a partner stays
    ``external`` and a partly implemented one ``partial`` when the note about it is waived. The
    gap of an element of the split billing form is the finding of the rule that asks for the
    form (its ``missing`` elements)."""
    coverage_rules = {r.id for r in pack.rules if r.kind == "coverage"}
    gaps: dict[str, list[Finding]] = {}
    for f in findings:
        if f.rule not in coverage_rules:
            continue
        named = [f.element or f.subject, *filter(None, f.args.get("missing", "").split(", "))]
        for element in named:
            gaps.setdefault(element, []).append(f)
    for entry in entries:
        found = gaps.get(entry.element, [])
        if entry.status == MISSING and found and all(f.waived for f in found):
            entry.status = WAIVED
    return entries


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
    rule: Rule,
    category: str,
    fact: Fact,
    pack: Pack,
    lang: str,
    keys: Mapping[str, str] | None = None,
    light: bool = False,
) -> Finding:
    """A fact made a finding: the rule's identity, the message in ``lang`` and the place.

    A ``light`` finding (one that is not shown) has no message or clause: only what the gate,
    baselines and waivers look at."""
    args = {"subject": fact.subject, **({"element": fact.element} if fact.element else {}), **fact.args}
    if fact.first is not None and not light:
        doc, path, at_key = fact.first
        line, _ = (doc.positions.key if at_key else doc.positions.value)(doc.data, path)
        args["first"] = f"{doc.file}:{line}"
    if not light:
        args = localise(args, pack, lang)
    args = {k: printable(v) if isinstance(v, str) else v for k, v in args.items()}
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
        message="" if light else fill(_checked(rule, "message", lang, args), args),
        clause="" if light else fill(_checked(rule, "clause", lang, args), args),
        location=location,
        fingerprint=fingerprint(rule.id, fact.identity or fact.subject, fact.element, fact.target, anchor),
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


def _disambiguate(shown: list[Finding], hidden: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Sort, and make fingerprints unique over every finding, shown or not: a repeat gets its
    ordinal among its equals."""
    ordered = sorted([(f, True) for f in shown] + [(f, False) for f in hidden], key=lambda p: _order(p[0]))
    seen: dict[str, int] = {}
    out: tuple[list[Finding], list[Finding]] = ([], [])
    for f, is_shown in ordered:
        n = seen.get(f.fingerprint, 0)
        seen[f.fingerprint] = n + 1
        if n:
            f = replace(f, fingerprint=fingerprint(f.fingerprint, str(n), None, None, ""))
        out[0 if is_shown else 1].append(f)
    return out


def coverage_entries(ctx: Context) -> list[CoverageEntry]:
    """The status of every element the pack's coverage rules require, and of every element of an
    alternative form that the model started (billing as 1.1.1.10 - 1.1.1.12)."""
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
        # the alternative form stands in for an element the model does not implement itself:
        # once the model started it, every element of it is listed, a missing one as missing;
        # beside an element implemented itself, only the alternatives implemented are listed
        needed = any(not implementation(ctx.graph, e).processes for e in rule.options["elements"])
        started = any(implementation(ctx.graph, a).processes for a in alternative)
        for element in alternative:
            impl = implementation(ctx.graph, element)
            if element not in seen and (impl.processes or (needed and started)):
                seen.add(element)
                entries.append(CoverageEntry(element, status(impl), list(impl.processes)))
    entries.sort(key=lambda e: tuple(int(p) for p in e.element.split(".")))
    return entries
