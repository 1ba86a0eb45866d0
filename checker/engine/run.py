"""Run the rules over a model: put its slips right, build its graph, run every rule's kind,
stamp the facts as findings, apply waivers and baselines, and decide the gate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..findings import Finding, Severity
from ..io.cache import Cache, open_cache
from ..io.reading import load
from ..io.schemas import compiled, schema_document
from ..io.sources import DEFAULT_LIMITS, Limits, Loaded
from ..kinds import KINDS, Context
from ..model.graph import build_graph, process_entries
from ..model.implementation import implementations
from ..model.releases import Releases, names_release, resolve, written_back
from ..model.schema import schema_issues
from ..model.shapes import repair_all, vocabulary
from ..model.typos import correct_ids
from ..model.waivers import WaiverState, apply_waivers, read_waivers
from ..standard.crosswalk import Crosswalk, load_crosswalk
from ..standard.rulepack import DEFAULT_STANDARD, Pack, Rule, standard_of
from .baseline import Baseline, BaselineEntry, apply_baseline
from .collector import collector_paused
from .coverage import coverage_entries, not_checked, waived_coverage
from .packs import pack_for
from .result import Result
from .selection import selected_rules
from .stamping import disambiguate, order, stamp


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
    baseline, the files to leave out of a folder, the folder of the cache of reading results
    (:mod:`checker.io.cache`; none by default) and the worker processes that parse files
    (:mod:`checker.io.workers`; none by default): neither ever changes a result."""

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
    cache: str | None = None  # the folder of the cache of reading results; None: no cache
    jobs: int | None = 1  # worker processes that parse files; None: by the model's size

    def but(self, **changes: Any) -> Options:
        """These options with some changed (sequences given as lists become tuples)."""
        fixed: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in changes.items()}
        return replace(self, **fixed)


@collector_paused
def check(paths: Sequence[str], options: Options | None = None, /, **changes: Any) -> Result:
    """Load the model at ``paths`` and evaluate the rule pack over it with ``options`` (the
    defaults when None; ``changes`` replace some of them: ``check(paths, lang="en")``)."""
    opts = (options or Options()).but(**changes)
    cache = open_cache(opts.cache) if opts.cache else None
    return evaluate(load(paths, opts.limits, opts.exclude, cache, opts.jobs), opts, cache=cache)


def evaluate(
    loaded: Loaded, options: Options | None = None, /, pack: Pack | None = None, cache: Cache | None = None
) -> Result:
    """Evaluate the rule pack (the declared standard's, unless ``pack`` is given; its files read
    through ``cache`` when one is given) over a model already read (see :func:`check`)."""
    opts = options or Options()
    lang, fail_on, limits, today, baseline = opts.lang, opts.fail_on, opts.limits, opts.today, opts.baseline
    # slips that say plainly what was meant are put right first: one mistake, one finding
    words = vocabulary(schema_document("model.schema.json"))
    # a document that surely satisfies the schema as read has no slip to put right (each repair
    # is of something the schema refuses) and no schema issue unless an id in it is read as
    # another below; only the others are repaired and checked
    fast = compiled("model")
    refused = [d for d in loaded.documents if not (fast(d.data) if d.valid is None else d.valid)]
    repaired = repair_all(refused, words)
    standard = declared_standard(loaded)
    if pack is None:
        designation = (standard_of(standard) if standard else None) or DEFAULT_STANDARD
        pack = pack_for(designation, opts.rule_files, cache)
    words.catalogue, words.functions = pack.catalogue, frozenset(pack.functions)
    # ids of today's eTOM releases are read as the standard's ids they stand for, before any
    # other id is read as the known one it is close to (1.3.7 of v24.0 is no typo)
    releases = Releases()
    # the organisation, and with it the release of the ids written without one, may be in a file
    # that could not be read: then what those ids stand for is not known (no guess either way)
    not_read = {p.file for p in loaded.problems}
    organisation_unread = bool(not_read) and not any(
        isinstance(d.data.get("organisation"), dict) for d in loaded.documents
    )
    if organisation_unread or names_release(loaded.documents):
        crosswalk = load_crosswalk(pack.crosswalk, cache) if pack.crosswalk else Crosswalk({}, [])
        releases = resolve(loaded.documents, crosswalk, organisation_unread)
    # a file not read, read with a repeated key or a refused tag, or whose ids are of a release
    # the crosswalk does not hold: why is always said, and what depends on it is held back (the
    # checker does not guess what the file says, nor which process an interface names: the one
    # it names may be in that file)
    troubled = not_read | set(releases.unclear_files)
    unread = [f.display for f in loaded.files if f.display in troubled]
    corrections = correct_ids(loaded.documents, words, every_file_read=not unread)
    recheck = {id(d) for d in refused} | {id(c.doc) for c in corrections}
    unchecked = [d for d in loaded.documents if id(d) in recheck]
    with written_back(unchecked):  # the schema reads the ids of releases as they are written
        issues = schema_issues(unchecked)
    rules = selected_rules(pack.rules, opts.select, opts.ignore)
    held_back: list[Rule] = []
    if unread:
        rules += [r for r in pack.rules if KINDS[r.kind].integrity and r not in rules]
        held_back = [r for r in rules if KINDS[r.kind].whole_model]
        rules = [r for r in rules if r not in held_back]
    occurrences = list(process_entries(loaded.documents))
    graph = build_graph(loaded.documents, pack.catalogue, occurrences)
    ctx = Context(
        loaded.files,
        loaded.documents,
        loaded.problems,
        repaired + issues,
        graph,
        pack,
        implementations(graph),
        pack.functions,
        standard,
        corrections=corrections,
        suggesters=words.suggesters,
        releases=releases,
        # what the coverage rules that run require (a mix-up is said by their findings, if they run)
        required=frozenset(
            e
            for rule in rules
            for element, alternative in KINDS[rule.kind].required(rule.options)
            for e in (element, *alternative)
        ),
    )
    ctx.entries = occurrences  # listed once, for the graph and the kinds
    # why a file could not be used can be neither waived nor baselined: the checker never
    # guesses which of two readings is meant
    integrity = {r.id for r in pack.rules if KINDS[r.kind].integrity}

    def exempt(f: Finding) -> bool:
        return f.rule in integrity

    stamper = _Stamper(ctx, lang, limits.max_findings_per_file)
    stamper.run([r for r in rules if KINDS[r.kind].phase == "main"])
    if opts.waivers:
        ctx.waivers = WaiverState(
            # a file read with a repeated key or a refused tag says no waiver: which of two values
            # is meant is not guessed, and its findings fail the gate anyway
            read_waivers([d for d in loaded.documents if d.file not in not_read], [r.id for r in pack.rules]),
            today or dt.date.today(),
            {r.id for r in pack.rules},
            {r.id for r in rules},
            integrity,
        )
        stamper.shown = apply_waivers(stamper.shown, ctx.waivers, exempt)
        stamper.hidden = apply_waivers(stamper.hidden, ctx.waivers, exempt)
        stamper.run([r for r in rules if KINDS[r.kind].phase == "waivers"])
    shown, hidden = disambiguate(stamper.shown, stamper.hidden)
    absent: list[BaselineEntry] = []
    if baseline is not None:
        shown, hidden, absent = apply_baseline(shown, hidden, baseline, {r.id for r in rules}, exempt)
        if unread:  # an entry may be for a finding in the file that could not be read
            absent = []

    # the notes on findings left out run last, once it is known which of them fail (those that
    # fail are shown first)
    def fails(f: Finding) -> bool:
        return f.counts and f.gate and fail_on is not None and f.severity >= fail_on

    shown, hidden = failing_first(shown, hidden, fails, limits.max_findings_per_file)
    ctx.hidden = [(f, fails(f)) for f in hidden]
    ctx.limit = limits.max_findings_per_file
    notes = _Stamper(ctx, lang, limits.max_findings_per_file)
    notes.run([r for r in rules if KINDS[r.kind].phase == "last"])
    shown = sorted(shown + [replace(f, gate=False) for f in notes.shown], key=order)
    entries = coverage_entries(ctx)
    # what a file not read may hold is not known: no status is said, in any view
    coverage = not_checked(entries) if unread else waived_coverage(entries, [*shown, *hidden], pack)
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
        ctx,
        releases.unclear_files,
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
                        light = stamp(rule, kind.category, fact, ctx.pack, self.lang, ctx.file_keys, True)
                        self.hidden.append(replace(light, remake=self._remake(rule, kind.category, fact)))
                        continue
                self.shown.append(stamp(rule, kind.category, fact, ctx.pack, self.lang, ctx.file_keys))

    def _remake(self, rule: Rule, category: str, fact: Any) -> Callable[[], Finding]:
        ctx, lang = self.ctx, self.lang
        return lambda: stamp(rule, category, fact, ctx.pack, lang, ctx.file_keys)


def failing_first(
    shown: list[Finding], hidden: list[Finding], fails: Callable[[Finding], bool], limit: int
) -> tuple[list[Finding], list[Finding]]:
    """Of the findings of one rule in one file over the per-file limit, those that fail the gate
    are shown before those that do not (a baselined or waived one may be left out, never the new
    finding that fails): a group is changed only where a finding left out fails and a shown one
    does not."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in hidden:
        groups.setdefault((f.rule, f.location.file), []).append(f)
    swap = {
        key
        for key, left_out in groups.items()
        if any(fails(f) for f in left_out)
        and any(not fails(f) for f in shown if (f.rule, f.location.file) == key)
    }
    if not swap:
        return shown, hidden
    kept = [f for f in shown if (f.rule, f.location.file) not in swap]
    out = [f for f in hidden if (f.rule, f.location.file) not in swap]
    for key in sorted(swap):
        members = sorted([f for f in shown if (f.rule, f.location.file) == key] + groups[key], key=order)
        ranked = sorted(members, key=lambda f: not fails(f))  # stable: in place within each
        kept.extend(_whole(f) for f in ranked[:limit])
        out.extend(ranked[limit:])
    return sorted(kept, key=order), sorted(out, key=order)


def _whole(f: Finding) -> Finding:
    """A finding to show: one stamped without its message is stamped whole, as it now stands."""
    if f.remake is None:
        return f
    whole = f.remake()
    return replace(
        whole,
        fingerprint=f.fingerprint,
        waived=f.waived,
        waiver_reason=f.waiver_reason,
        baselined=f.baselined,
    )
