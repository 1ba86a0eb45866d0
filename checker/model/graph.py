"""Documents -> a networkx DiGraph of processes, eTOM elements and the edges between them.

Nodes are ``("process", id)`` and ``("element", id)``. Edges: ``implements`` (process ->
element), ``interface`` (process -> process, in the direction work is passed) and ``part-of``
(element -> its parent). An id of an eTOM release adds the ``implements`` edge to the standard's
element it stands for, with the ids as written in ``via``, ``partial`` when it stands for part of
it, and ``plain`` when the standard's own id is written too. Only well-formed parts of the model
enter the graph; what is malformed is reported by the model rules, so building never fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..io.reading import Document
from ..standard.catalogue import Catalogue, level2_of, parent_id, well_formed
from .releases import ReleaseId

if TYPE_CHECKING:
    import networkx as nx

PROCESS = "process"
ELEMENT = "element"


def pnode(process_id: str) -> tuple[str, str]:
    return (PROCESS, process_id)


def enode(element_id: str) -> tuple[str, str]:
    return (ELEMENT, element_id)


@dataclass(frozen=True)
class Occurrence:
    """A process entry as written: its document, index and data (duplicates included)."""

    doc: Document
    index: int
    data: dict[str, Any]

    @property
    def path(self) -> tuple[Any, ...]:
        return ("processes", self.index)


def process_entries(documents: list[Document]) -> Iterator[Occurrence]:
    """Every process mapping of the model, in model order."""
    for doc in documents:
        items = doc.data.get("processes")
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield Occurrence(doc, index, item)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _texts(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str) and v] if isinstance(value, list) else []


def build_graph(documents: list[Document], catalogue: Catalogue) -> nx.DiGraph:
    import networkx as nx  # here, not at the top: ``rules``, ``explain`` and ``--version`` skip it

    graph = nx.DiGraph()
    for element in catalogue.elements.values():
        graph.add_node(enode(element.id), kind=ELEMENT, id=element.id, known=True)
        parent = element.parent
        if parent is not None and parent in catalogue:
            graph.add_edge(enode(element.id), enode(parent), kind="part-of")

    order = 0
    occurrences: list[Occurrence] = []
    implementable: dict[str, bool] = {}
    add_node, add_edge = graph.add_node, graph.add_edge
    for occ in process_entries(documents):
        data = occ.data
        pid = _text(data.get("id"))
        if pid is None:
            continue
        node = (PROCESS, pid)
        occurrences.append(occ)
        functions = tuple(_texts(data.get("functions")))
        if node in graph:
            # a repeated id (reported once, at the repeat): every definition still counts
            attrs = graph.nodes[node]
            attrs["functions"] = attrs["functions"] + tuple(
                f for f in functions if f not in attrs["functions"]
            )
        else:
            name = data.get("name")
            add_node(
                node,
                kind=PROCESS,
                id=pid,
                name=name if isinstance(name, str) else pid,
                external=data.get("external") is True,
                functions=functions,
                order=order,
                occurrence=occ,
            )
            order += 1
        items = data.get("implements")
        for item in items if isinstance(items, list) else ():
            if isinstance(item, ReleaseId):
                for element_id in item.elements:
                    if _implementable(element_id, catalogue):
                        _ensure_element(graph, element_id)
                        _implements(graph, node, element_id, item.partial, item.label)
                continue
            if not isinstance(item, str) or not item:
                continue
            known = implementable.get(item)
            if known is None:
                known = implementable[item] = _implementable(item, catalogue)
            if known:
                _ensure_element(graph, item)
                _implements(graph, node, item, False, None)

    for occ in occurrences:
        pid = occ.data["id"]
        interfaces = occ.data.get("interfaces")
        if not isinstance(interfaces, list):
            continue
        source = (PROCESS, pid)
        for index, interface in enumerate(interfaces):
            target = _text(interface.get("to")) if isinstance(interface, dict) else None
            if target is None or target == pid or (PROCESS, target) not in graph:
                continue
            if graph.has_edge(source, (PROCESS, target)):
                continue  # the same hand-off written twice (or by both definitions of an id)
            purpose = interface.get("purpose") if isinstance(interface.get("purpose"), str) else None
            add_edge(source, (PROCESS, target), kind="interface", purpose=purpose, index=index)
    return graph


def _implements(graph: nx.DiGraph, node: Any, element_id: str, partial: bool, via: str | None) -> None:
    """An ``implements`` edge, or the one already there made whole (in full when any id counts
    in full) and told of one more id of a release."""
    target = (ELEMENT, element_id)
    edge = graph.succ[node].get(target)
    if edge is None:
        graph.add_edge(
            node, target, kind="implements", partial=partial, via=(via,) if via else (), plain=via is None
        )
        return
    edge["partial"] = edge["partial"] and partial
    edge["plain"] = edge["plain"] or via is None
    if via and via not in edge["via"]:
        edge["via"] = (*edge["via"], via)


def _implementable(element_id: str, catalogue: Catalogue) -> bool:
    """A known element of level 2 or deeper, or an unknown well-formed one below a known level-2
    element (a malformed id such as ``1.1.1.5.`` implements nothing)."""
    if not well_formed(element_id):
        return False
    if element_id in catalogue:
        return level2_of(element_id) is not None
    level2 = level2_of(element_id)
    return level2 is not None and level2 != element_id and level2 in catalogue


def _ensure_element(graph: nx.DiGraph, element_id: str) -> None:
    """Add an element the catalogue does not know, linked through each level above it (known or
    not, each made an element node) to its nearest known ancestor."""
    child = element_id
    while not graph.has_node(enode(child)) or "kind" not in graph.nodes[enode(child)]:
        graph.add_node(enode(child), kind=ELEMENT, id=child, known=False)
        parent = parent_id(child)
        if parent is None:  # pragma: no cover - _implementable guarantees a known ancestor
            return
        graph.add_edge(enode(child), enode(parent), kind="part-of")
        child = parent


def processes(graph: nx.DiGraph) -> list[dict[str, Any]]:
    """Process node attributes in model order."""
    found = [attrs for _, attrs in graph.nodes(data=True) if attrs.get("kind") == PROCESS]
    return sorted(found, key=lambda attrs: attrs["order"])


def implemented_ids(graph: nx.DiGraph, process_id: str) -> list[str]:
    return [t[1] for t, edge in graph.succ[pnode(process_id)].items() if edge.get("kind") == "implements"]


def links(
    graph: nx.DiGraph, sources: list[str], targets: set[str], direction: str
) -> Iterator[tuple[str, str]]:
    """Every hand-off (source, target), sources in order and targets sorted: an interface between
    two processes in the direction asked (``out``, ``in`` or ``any``). A process that implements
    both ends is no hand-off (an interface joins two processes; a process may not name itself)."""
    out, into = direction in ("out", "any"), direction in ("in", "any")
    for source in sources:
        found: set[str] = set()
        node = pnode(source)
        for neighbours, wanted in ((graph.succ, out), (graph.pred, into)):
            if wanted:
                for other, edge in neighbours[node].items():
                    if edge.get("kind") == "interface" and other[0] == PROCESS and other[1] in targets:
                        found.add(other[1])
        yield from ((source, target) for target in sorted(found))
