"""What a picture of the result shows: the status of every level-2 element, the coverage matrix
and the required interfaces, computed from a :class:`~checker.engine.Result` for the reporters."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from .catalogue import element_level
from .coverage import COVERED, EXTERNAL, MISSING, PARTIAL, WAIVED, implementation
from .engine import Result
from .graph import build_graph, implemented_ids, pnode
from .kinds.standard import connected, evidenced

NOT_REQUIRED = "not-required"
STATUSES = (COVERED, PARTIAL, EXTERNAL, WAIVED, MISSING, NOT_REQUIRED)
PRESENT, ABSENT, NOT_APPLICABLE = "present", "missing", "not-applicable"


def result_graph(result: Result) -> nx.DiGraph:
    """The model's graph that the result was computed on (built when a result carries none)."""
    if result.graph is not None:
        return result.graph
    documents = result.loaded.documents if result.loaded is not None else []
    return build_graph(documents, result.pack.catalogue)


def element_statuses(result: Result) -> dict[str, str]:
    """Level-2 element id -> status on the map; elements no coverage rule asks for are
    ``not-required`` (the coverage entries already say ``waived`` where every gap is waived)."""
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


def coverage_matrix(result: Result, graph: nx.DiGraph) -> list[MatrixRow]:
    statuses = element_statuses(result)
    lang = result.lang
    rows: list[MatrixRow] = []
    for entry in result.coverage:
        row = MatrixRow(
            entry.element,
            result.pack.catalogue.name(entry.element, lang),
            statuses.get(entry.element, entry.status),
            list(entry.processes),
            list(entry.via),
        )
        provided, implemented = _provided(graph, entry.processes)
        row.names = {
            p: str(graph.nodes[pnode(p)]["name"]) for p in entry.processes if graph.has_node(pnode(p))
        }
        for rule in result.pack.rules:
            if rule.kind != "functions" or rule.options["element"] != entry.element:
                continue
            for item in rule.options["functions"]:
                ok = item["id"] in provided or evidenced(item.get("evidence"), implemented)
                waived = any(
                    f.waived and f.rule == rule.id and f.subject == item["id"] for f in result.findings
                )
                row.functions.append(FunctionRow(item["id"], item["title"][lang], ok, waived))
        rows.append(row)
    return rows


def _provided(graph: nx.DiGraph, processes: list[str]) -> tuple[set[str], set[str]]:
    provided: set[str] = set()
    implemented: set[str] = set()
    for process in processes:
        if graph.has_node(pnode(process)):
            provided.update(graph.nodes[pnode(process)]["functions"])
            implemented.update(implemented_ids(graph, process))
    return provided, implemented


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
    rows: list[InterfaceRow] = []
    for rule in result.pack.rules:
        if rule.kind != "interface":
            continue
        options = rule.options
        direction = options.get("direction", "out")
        sources = implementation(graph, options["from"]).processes
        for group in options["to"]:
            elements = list(group["elements"])
            label = group.get("group") or ", ".join(elements)
            targets = {p for e in elements for p in implementation(graph, e).processes}
            links = [
                (s, t) for s in sources for t in sorted(targets) if connected(graph, [s], {t}, direction)
            ]
            status = (PRESENT if links else ABSENT) if sources else NOT_APPLICABLE
            waived = any(f.waived and f.rule == rule.id and f.target == label for f in result.findings)
            rows.append(InterfaceRow(rule.id, options["from"], label, elements, status, links, waived))
    return rows
