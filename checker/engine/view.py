"""The view: what every output shows about one result, built once by the engine.

Reporters render a :class:`View` and nothing else: no reporter opens a file, runs a kind or
rebuilds the graph. So every view says the same thing about the same model, and every reporter
can be tested on a fixed view (``tests/golden``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..findings import Finding, Severity
from ..standard.catalogue import Catalogue
from .coverage import NOT_CHECKED

NOT_REQUIRED = "not-required"
STATUSES = ("covered", "partial", "external", "waived", "missing", NOT_CHECKED, NOT_REQUIRED)
PRESENT, ABSENT, NOT_APPLICABLE = "present", "missing", "not-applicable"


@dataclass(frozen=True)
class RuleRow:
    """A rule as the outputs describe it; ``subjects`` are those it always has (JUnit lists
    passes for them), None when only its findings have subjects; ``held`` when it was held back."""

    id: str
    name: str  # an identifier made of the English title (SARIF's ``name``)
    title: str
    severity: Severity
    category: str
    clause: str
    why: str
    requirement: list[str]
    subjects: list[str] | None
    held: bool = False


@dataclass(frozen=True)
class FunctionRow:
    id: str
    title: str
    provided: bool
    waived: bool = False


@dataclass(frozen=True)
class ReleaseRow:
    """An id of an eTOM release as the model wrote it, and the standard's elements it stands for
    (``outcome`` as :mod:`checker.model.releases` says: counts, partial, below, none, elsewhere,
    outside), with the relations and evidence of the crosswalk's rows."""

    written: str  # ``1.3.7@v24.0``
    id: str
    release: str
    read: str  # the release whose rows were read (the fallback of a partial release)
    outcome: str
    elements: list[str]
    relations: list[str]
    evidence: list[str]
    process: str
    file: str
    line: int

    @property
    def shown(self) -> str:
        return f"{self.written} → {', '.join(self.elements) or '—'}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "written": self.written,
            "id": self.id,
            "release": self.release,
            "read_as": self.read,
            "outcome": self.outcome,
            "stands_for": self.elements,
            "relations": self.relations,
            "evidence": self.evidence,
            "process": self.process,
            "location": {"file": self.file, "line": self.line},
        }


@dataclass(frozen=True)
class CoverageRow:
    """One required element: its status, the processes that implement it (with their names),
    the elements that stand in for it, and the functions required of it."""

    element: str
    name: str
    status: str
    processes: list[str]
    names: dict[str, str]
    via: list[str] = field(default_factory=list)
    functions: list[FunctionRow] = field(default_factory=list)
    # the ids of eTOM releases that stand for it, or for an element below it
    crosswalk: list[ReleaseRow] = field(default_factory=list)

    @property
    def provided(self) -> list[FunctionRow]:
        return [f for f in self.functions if f.provided]

    @property
    def missing(self) -> list[FunctionRow]:
        return [f for f in self.functions if not f.provided]


@dataclass(frozen=True)
class InterfaceRow:
    """One target group of an interface rule: present, missing or not applicable, with the
    hand-offs found and, when missing, the processes a picture draws the missing edge between."""

    rule: str
    source: str
    group: str
    elements: list[str]
    status: str
    links: list[tuple[str, str]] = field(default_factory=list)
    waived: bool = False
    from_process: str | None = None
    to_process: str | None = None


@dataclass(frozen=True)
class WaiverRow:
    place: str
    rule: str
    subject: str
    target: str
    reason: str
    expires: str


@dataclass(frozen=True)
class ProcessRow:
    """A process of the model as a picture draws it: grouped under its first level-2 element."""

    id: str
    name: str
    external: bool
    element: str | None
    written: list[str] = field(default_factory=list)  # its ids of eTOM releases, as ``shown``


@dataclass(frozen=True)
class EdgeRow:
    source: str
    target: str
    purpose: str


@dataclass(frozen=True)
class Provenance:
    version: str
    standard: str
    pack_id: str
    pack_sha256: str
    files: list[tuple[str, str]]
    time: str


@dataclass(frozen=True)
class View:
    """Everything an output shows: the verdict and counts, the findings and notes, the coverage
    rows, the interfaces, the waivers as read, the rules, the model's processes and hand-offs for
    pictures, and provenance."""

    version: str
    standard: str
    standard_title: str  # the rule pack's title in the language of the run
    lang: str
    fail_on: str
    conformant: bool
    exit_code: int
    summary: dict[str, int]
    files: list[str]
    process_count: int
    findings: list[Finding]
    failing: frozenset[str]  # fingerprints of the shown findings that fail the gate
    summary_line: str
    held_back_line: str | None
    notes: list[str]
    held_back: dict[str, list[str]] | None
    baseline_source: str | None
    baseline_absent: list[dict[str, Any]]
    baseline_notes: dict[str, str]
    coverage: list[CoverageRow]
    statuses: dict[str, str]
    element_processes: dict[str, int]
    interfaces: list[InterfaceRow]
    waivers: list[WaiverRow]
    rules: list[RuleRow]
    releases: list[ReleaseRow]  # every id of an eTOM release in the model, in model order
    # the processes and hand-offs that only pictures draw, described when first asked for
    drawing: Callable[[], tuple[list[ProcessRow], list[EdgeRow]]] = field(repr=False, compare=False)
    catalogue: Catalogue
    provenance: Provenance
    cwd: str

    @cached_property
    def _drawn(self) -> tuple[list[ProcessRow], list[EdgeRow]]:
        return self.drawing()

    @property
    def processes(self) -> list[ProcessRow]:
        """The model's processes, in model order, as a picture draws them."""
        return self._drawn[0]

    @property
    def edges(self) -> list[EdgeRow]:
        """The model's interfaces, in model order, as a picture draws them."""
        return self._drawn[1]

    def fails(self, finding: Finding) -> bool:
        return finding.fingerprint in self.failing
