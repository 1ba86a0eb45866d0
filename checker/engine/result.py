"""The result of a check: the findings shown and not shown, the coverage, what was read and
held back, and the gate's verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..findings import Finding, Severity
from ..i18n import term
from ..io.sources import Loaded, SourceFile
from ..kinds import KINDS, Context
from ..standard.rulepack import Pack, Rule
from .baseline import Baseline, BaselineEntry
from .collector import collector_paused
from .coverage import CoverageEntry

if TYPE_CHECKING:
    import networkx as nx

    from ..model.graph import ModelGraph
    from .view import View


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
    model_graph: ModelGraph | None = None
    hidden: list[Finding] = field(default_factory=list)
    held_back: list[Rule] = field(default_factory=list)
    context: Context | None = field(default=None, repr=False)
    # files whose ids are of an eTOM release the crosswalk does not hold
    unresolved: list[str] = field(default_factory=list)

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
        """Files of the model that could not be read unambiguously: not read at all, read with a
        repeated key or a refused tag (the checker does not guess which value is meant), or whose
        ids are of an eTOM release that the crosswalk does not hold."""
        if self.loaded is None:
            return []
        troubled = {p.file for p in self.loaded.problems} | set(self.unresolved)
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
        if self.model_graph is None:
            return 0
        return sum(1 for attrs in self.model_graph.nodes.values() if attrs.get("kind") == "process")

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

    @cached_property
    def graph(self) -> nx.DiGraph | None:
        """The model's graph as a networkx ``DiGraph``, made (and networkx imported) on first use."""
        return self.model_graph.to_networkx() if self.model_graph is not None else None

    @cached_property
    def view(self) -> View:
        """What every output shows, built once (``checker.engine.view``), the collector paused
        as it is while the model is checked."""
        from .describe import build

        return collector_paused(build)(self)

    @property
    def hidden_failing(self) -> int:
        """How many of the findings not shown fail the gate."""
        failing = {id(f) for f in self.failing}
        return sum(1 for f in self.hidden if id(f) in failing)
