"""Documents -> the graph of processes, eTOM elements and the edges between them.

Nodes are ``("process", id)`` and ``("element", id)``. Edges: ``implements`` (process ->
element), ``interface`` (process -> process, in the direction work is passed) and ``part-of``
(element -> its parent). An id of an eTOM release adds the ``implements`` edge to the standard's
element it stands for, with the ids as written in ``via``, ``partial`` when it stands for part of
it, and ``plain`` False unless the standard's own id is written too. Only well-formed parts of the
model enter the graph; what is malformed is reported by the model rules, so building never fails.

The graph is kept as networkx keeps a ``DiGraph`` (a dict of node attributes, and successors and
predecessors as dicts of dicts sharing each edge's attributes) in a :class:`ModelGraph`, which the
checks read directly: importing networkx and adding edges one call at a time cost more than every
rule together. :meth:`ModelGraph.to_networkx` gives the networkx graph when one is needed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from ..io.reading import Document
from ..standard.catalogue import Catalogue, level2_of, parent_id, well_formed
from .releases import ReleaseId

if TYPE_CHECKING:
    import networkx as nx

Node = tuple[str, str]
Attrs = dict[str, Any]

PROCESS = "process"
ELEMENT = "element"


def pnode(process_id: str) -> tuple[str, str]:
    return (PROCESS, process_id)


def enode(element_id: str) -> tuple[str, str]:
    return (ELEMENT, element_id)


class Occurrence(NamedTuple):
    """A process entry as written: its document, index and data (duplicates included); a named
    tuple, as there is one for each process of the model."""

    doc: Document
    index: int  # type: ignore[assignment]  # the place in the list (tuple's index() is not used)
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


class ModelGraph:
    """A directed graph in networkx's own layout, with the part of ``DiGraph``'s reading API the
    checker uses: ``nodes[n]`` (attributes), ``succ[n]`` and ``pred[n]`` (neighbour -> edge
    attributes), ``n in graph``, :meth:`edges` and :meth:`has_edge`. Nodes and each node's
    neighbours keep the order in which they were added."""

    __slots__ = ("added", "nodes", "pred", "succ")

    def __init__(self) -> None:
        self.nodes: dict[Node, Attrs] = {}
        self.succ: dict[Node, dict[Node, Attrs]] = {}
        self.pred: dict[Node, dict[Node, Attrs]] = {}
        self.added: list[tuple[Node, Node]] = []  # every edge in the order it was added

    def __contains__(self, node: object) -> bool:
        return node in self.nodes

    def add_node(self, node: Node, **attrs: Any) -> None:
        if node not in self.nodes:
            self.nodes[node], self.succ[node], self.pred[node] = {}, {}, {}
        self.nodes[node].update(attrs)

    def add_edge(self, u: Node, v: Node, **attrs: Any) -> None:
        """An edge (its nodes added when new); an edge added again keeps its place, its
        attributes updated, as networkx does."""
        for node in (u, v):
            if node not in self.nodes:
                self.nodes[node], self.succ[node], self.pred[node] = {}, {}, {}
        data = self.succ[u].get(v)
        if data is None:
            data = self.succ[u][v] = self.pred[v][u] = {}
            self.added.append((u, v))
        data.update(attrs)

    def has_edge(self, u: Node, v: Node) -> bool:
        return u in self.succ and v in self.succ[u]

    def edges(self) -> Iterator[tuple[Node, Node, Attrs]]:
        """Every edge with its attributes, by source in node order (as ``edges(data=True)``)."""
        for u, targets in self.succ.items():
            for v, data in targets.items():
                yield u, v, data

    def to_networkx(self) -> nx.DiGraph:
        """The same graph as a networkx ``DiGraph`` (nodes, and each node's successors and
        predecessors, in the same order), added in bulk; networkx is imported here, and only here."""
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from((n, dict(attrs)) for n, attrs in self.nodes.items())
        succ = self.succ
        graph.add_edges_from((u, v, dict(succ[u][v])) for u, v in self.added)
        return graph


def build_graph(
    documents: list[Document], catalogue: Catalogue, entries: list[Occurrence] | None = None
) -> ModelGraph:
    """The graph of the model, in one pass over its processes (``entries``, when the caller has
    listed them already) and one over their interfaces."""
    graph = ModelGraph()
    add_node, add_edge = graph.add_node, graph.add_edge
    for element in catalogue.elements.values():
        add_node((ELEMENT, element.id), kind=ELEMENT, id=element.id, known=True)
        parent = element.parent
        if parent is not None and parent in catalogue:
            add_edge((ELEMENT, element.id), (ELEMENT, parent), kind="part-of")

    nodes, succ, pred, added = graph.nodes, graph.succ, graph.pred, graph.added
    order = 0
    occurrences: list[Occurrence] = []
    targets: dict[str, Node | None] = {}  # element id -> its node, None when it implements nothing
    for occ in process_entries(documents) if entries is None else entries:
        data = occ.data
        pid = data.get("id")
        if not isinstance(pid, str) or not pid:
            continue
        node = (PROCESS, pid)
        occurrences.append(occ)
        listed = data.get("functions")
        functions = tuple(f for f in listed if isinstance(f, str) and f) if isinstance(listed, list) else ()
        attrs = nodes.get(node)
        if attrs is not None:
            # a repeated id (reported once, at the repeat): every definition still counts
            known_functions = attrs["functions"]
            attrs["functions"] = known_functions + tuple(f for f in functions if f not in known_functions)
        else:
            name = data.get("name")
            nodes[node] = {
                "kind": PROCESS,
                "id": pid,
                "name": name if isinstance(name, str) else pid,
                "external": data.get("external") is True,
                "functions": functions,
                "order": order,
                "occurrence": occ,
            }
            succ[node], pred[node] = {}, {}
            order += 1
        implements = data.get("implements")
        if not isinstance(implements, list):
            continue
        out = succ[node]
        for element_id in implements:
            if isinstance(element_id, ReleaseId):  # the standard's elements an id of a release stands for
                for standard_id in element_id.elements:
                    target = _target(graph, targets, standard_id, catalogue)
                    if target is not None:
                        _implements(graph, node, target, element_id.partial, element_id.label)
                continue
            if not isinstance(element_id, str):
                continue
            target = _target(graph, targets, element_id, catalogue)
            if target is None:
                continue
            edge = out.get(target)
            if edge is None:
                out[target] = pred[target][node] = {"kind": "implements"}
                added.append((node, target))
            elif "via" in edge:  # an id of a release stands for it too: now written in full
                edge["partial"], edge["plain"] = False, True

    for occ in occurrences:
        data = occ.data
        interfaces = data.get("interfaces")
        if not isinstance(interfaces, list):
            continue
        pid = data["id"]
        source = (PROCESS, pid)
        out = succ[source]
        for index, interface in enumerate(interfaces):
            if not isinstance(interface, dict):
                continue
            target_id = interface.get("to")
            if not isinstance(target_id, str) or not target_id or target_id == pid:
                continue
            target = (PROCESS, target_id)
            if target not in nodes or target in out:
                continue  # not a process; or the same hand-off written twice (or by both definitions)
            purpose = interface.get("purpose")
            purpose = purpose if isinstance(purpose, str) else None
            out[target] = pred[target][source] = {"kind": "interface", "purpose": purpose, "index": index}
            added.append((source, target))
    return graph


def _target(
    graph: ModelGraph, targets: dict[str, Node | None], element_id: str, catalogue: Catalogue
) -> Node | None:
    """The node of an implemented element id, or None when it implements nothing; each element id
    is looked at once."""
    if element_id in targets:
        return targets[element_id]
    target = targets[element_id] = None
    if element_id and _implementable(element_id, catalogue):
        _ensure_element(graph, element_id)
        target = targets[element_id] = (ELEMENT, element_id)
    return target


def _implements(graph: ModelGraph, node: Node, target: Node, partial: bool, via: str) -> None:
    """The ``implements`` edge of an id of a release, or the one already there made whole (in
    full when any id counts in full) and told of one more id as written."""
    edge = graph.succ[node].get(target)
    if edge is None:
        graph.succ[node][target] = graph.pred[target][node] = {
            "kind": "implements",
            "partial": partial,
            "via": (via,),
            "plain": False,
        }
        graph.added.append((node, target))
        return
    edge["partial"] = edge.get("partial", False) and partial
    edge["plain"] = edge.get("plain", True)
    if via not in edge.get("via", ()):
        edge["via"] = (*edge.get("via", ()), via)


def _implementable(element_id: str, catalogue: Catalogue) -> bool:
    """A known element of level 2 or deeper, or an unknown well-formed one below a known level-2
    element (a malformed id such as ``1.1.1.5.`` implements nothing)."""
    if not well_formed(element_id):
        return False
    if element_id in catalogue:
        return level2_of(element_id) is not None
    level2 = level2_of(element_id)
    return level2 is not None and level2 != element_id and level2 in catalogue


def _ensure_element(graph: ModelGraph, element_id: str) -> None:
    """Add an element the catalogue does not know, linked through each level above it (known or
    not, each made an element node) to its nearest known ancestor."""
    child = element_id
    while "kind" not in graph.nodes.get((ELEMENT, child), {}):
        graph.add_node((ELEMENT, child), kind=ELEMENT, id=child, known=False)
        parent = parent_id(child)
        if parent is None:  # pragma: no cover - _implementable guarantees a known ancestor
            return
        graph.add_edge((ELEMENT, child), (ELEMENT, parent), kind="part-of")
        child = parent


def processes(graph: ModelGraph) -> list[dict[str, Any]]:
    """Process node attributes in model order."""
    found = [attrs for attrs in graph.nodes.values() if attrs.get("kind") == PROCESS]
    return sorted(found, key=lambda attrs: attrs["order"])


def implemented_ids(graph: ModelGraph, process_id: str) -> list[str]:
    return [t[1] for t, edge in graph.succ[pnode(process_id)].items() if edge.get("kind") == "implements"]


def links(
    graph: ModelGraph, sources: list[str], targets: set[str], direction: str
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
