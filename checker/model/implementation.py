"""How each eTOM element is implemented: by which processes, directly or through its children."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..standard.catalogue import Catalogue
from .graph import ELEMENT, PROCESS

if TYPE_CHECKING:
    from .graph import ModelGraph

COVERED, PARTIAL, EXTERNAL, MISSING, WAIVED = "covered", "partial", "external", "missing", "waived"


@dataclass
class Implementation:
    """The processes that implement an element (itself or an element below it), in model order."""

    element: str
    processes: list[str] = field(default_factory=list)
    direct: list[str] = field(default_factory=list)
    below: set[str] = field(default_factory=set)
    external: list[str] = field(default_factory=list)
    # ids of eTOM releases (``1.3.1@v24.0``) that stand for part of it, and for all of it
    partly: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    plain: bool = False  # some process writes the standard's own id of it


def implementations(graph: ModelGraph) -> dict[str, Implementation]:
    """Element id -> its implementation (linear in the edges; the engine computes it once per
    run and hands it to the kinds and the view)."""
    table: dict[str, Implementation] = {}
    succ, nodes = graph.succ, graph.nodes
    procs = sorted(
        (attrs for attrs in nodes.values() if attrs.get("kind") == PROCESS),
        key=lambda attrs: attrs["order"],
    )
    chains: dict[Any, list[Implementation]] = {}  # element node -> it and the elements above it

    def chain(node: Any) -> list[Implementation]:
        found = []
        while node is not None:
            impl = table.get(node[1])
            if impl is None:
                impl = table[node[1]] = Implementation(node[1])
            found.append(impl)
            parents = [t for t, edge in succ[node].items() if edge.get("kind") == "part-of"]
            node = parents[0] if parents and nodes[parents[0]].get("kind") == ELEMENT else None
        return found

    for attrs in procs:
        pid = attrs["id"]
        external = attrs["external"]
        for target, edge in succ[(PROCESS, pid)].items():
            if edge.get("kind") != "implements":
                continue
            above = chains.get(target)
            if above is None:
                above = chains[target] = chain(target)
            element = target[1]
            for impl in above:
                processes = impl.processes
                if not processes or processes[-1] != pid:
                    processes.append(pid)
                    if external:
                        impl.external.append(pid)
                if impl.element == element:
                    partial = edge.get("partial", False)
                    via = impl.partly if partial else impl.via
                    via.extend(v for v in edge.get("via", ()) if v not in via)
                    impl.plain = impl.plain or edge.get("plain", True)
                    if not partial and (not impl.direct or impl.direct[-1] != pid):
                        impl.direct.append(pid)  # processes come in order
                else:
                    impl.below.add(element)
    return table


def missing_children(impl: Implementation, catalogue: Catalogue) -> list[str]:
    """Known level-3 elements below a level-2 element that no process implements."""
    implemented = {level3 for e in impl.below for level3 in [_level3_of(e)] if level3}
    return [c for c in catalogue.children(impl.element) if c not in implemented]


def _level3_of(element_id: str) -> str | None:
    parts = element_id.split(".")
    return ".".join(parts[:5]) if len(parts) >= 5 else None


def status(impl: Implementation) -> str:
    """covered, partial (implemented only through elements below it: the model format counts
    that as a partial implementation, and the catalogue's level-3 list is not complete, so even
    all of the known ones are not the whole element), external (only external processes) or
    missing."""
    if not impl.processes:
        return MISSING
    if not impl.direct:
        return PARTIAL
    if len(impl.external) == len(impl.processes):
        return EXTERNAL
    return COVERED
