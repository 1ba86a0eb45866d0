"""What a picture of the result shows: the status of every level-2 element, the coverage matrix
and the required interfaces, computed from a :class:`~checker.engine.Result` for the reporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..findings import Finding
from ..kinds.standard import group_label, links
from ..model.graph import build_graph, pnode
from ..model.implementation import COVERED, EXTERNAL, MISSING, PARTIAL, WAIVED, implementation
from ..standard.catalogue import element_level
from .run import NOT_CHECKED, Result

if TYPE_CHECKING:
    import networkx as nx  # imported by the graph module when the graph is built

NOT_REQUIRED = "not-required"
STATUSES = (COVERED, PARTIAL, EXTERNAL, WAIVED, MISSING, NOT_CHECKED, NOT_REQUIRED)
PRESENT, ABSENT, NOT_APPLICABLE = "present", "missing", "not-applicable"


def result_graph(result: Result) -> nx.DiGraph:
    """The model's graph that the result was computed on (built when a result carries none)."""
    if result.graph is not None:
        return result.graph
    documents = result.loaded.documents if result.loaded is not None else []
    return build_graph(documents, result.pack.catalogue)


def element_statuses(result: Result) -> dict[str, str]:
    """Level-2 element id -> status on the map: the coverage entries' (``waived`` where every gap
    is waived, ``not-checked`` where the checks over the whole model were held back); elements
    no coverage rule asks for are ``not-required``."""
    statuses = {e: NOT_REQUIRED for e in result.pack.catalogue.elements if element_level(e) == 2}
    statuses.update({entry.element: entry.status for entry in result.coverage})
    return statuses


@dataclass
class FunctionRow:
    id: str
    title: str
    provided: bool
    waived: bool = False


@dataclass
class MatrixRow:
    """One required element: who implements it and which of its functions are provided."""

    element: str
    name: str
    status: str
    processes: list[str]
    via: list[str]
    functions: list[FunctionRow] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)

    @property
    def provided(self) -> list[FunctionRow]:
        return [f for f in self.functions if f.provided]

    @property
    def missing(self) -> list[FunctionRow]:
        return [f for f in self.functions if not f.provided]


def _gaps(result: Result) -> dict[tuple[str, str], Finding]:
    """(rule, subject or target) -> the finding: a report shows as missing exactly what the check
    found missing, under the same selection of rules."""
    gaps: dict[tuple[str, str], Finding] = {}
    for f in result.findings:
        gaps.setdefault((f.rule, f.target if f.category == "interface" and f.target else f.subject), f)
    return gaps


def coverage_matrix(result: Result, graph: nx.DiGraph) -> list[MatrixRow]:
    statuses = element_statuses(result)
    gaps = _gaps(result)
    lang = result.lang
    rows: list[MatrixRow] = []
    for entry in result.coverage:
        row = MatrixRow(
            entry.element,
            result.pack.catalogue.name(entry.element, lang),
            statuses[entry.element],
            list(entry.processes),
            list(entry.via),
        )
        row.names = {p: str(graph.nodes[pnode(p)]["name"]) for p in entry.processes}
        for rule in result.rules:
            if rule.kind != "functions" or rule.options["element"] != entry.element:
                continue
            for item in rule.options["functions"]:
                gap = gaps.get((rule.id, item["id"]))
                provided = bool(entry.processes) and gap is None
                waived = gap is not None and gap.waived
                row.functions.append(FunctionRow(item["id"], item["title"][lang], provided, waived))
        rows.append(row)
    return rows


@dataclass
class InterfaceRow:
    """One target group of an interface rule: present, missing or not applicable."""

    rule: str
    source: str
    group: str
    elements: list[str]
    status: str
    links: list[tuple[str, str]] = field(default_factory=list)
    waived: bool = False


def interface_rows(result: Result, graph: nx.DiGraph) -> list[InterfaceRow]:
    gaps = _gaps(result)
    rows: list[InterfaceRow] = []
    for rule in result.rules:
        if rule.kind != "interface":
            continue
        options = rule.options
        direction = options.get("direction", "out")
        sources = implementation(graph, options["from"]).processes
        for group in options["to"]:
            elements = list(group["elements"])
            label = group_label(group)
            targets = {p for e in elements for p in implementation(graph, e).processes}
            found = list(links(graph, sources, targets, direction))
            gap = gaps.get((rule.id, label))
            status = NOT_APPLICABLE if not sources else (ABSENT if gap is not None else PRESENT)
            waived = gap is not None and gap.waived
            rows.append(InterfaceRow(rule.id, options["from"], label, elements, status, found, waived))
    return rows
