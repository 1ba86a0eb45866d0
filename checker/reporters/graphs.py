"""``etom-check graph``: the model's processes grouped by eTOM element, their interfaces, the
missing required interfaces (dashed red) and the missing elements (dashed ghost nodes), written
as Graphviz DOT, Mermaid or GraphML."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..engine.run import Result
from ..engine.view import NOT_REQUIRED, element_statuses, result_graph
from ..findings import printable
from ..i18n import term
from ..model.graph import implemented_ids, processes
from ..model.implementation import MISSING, WAIVED, implementation
from ..standard.catalogue import level2_of
from ..standard.rulepack import natural_key
from .text import summary_line

if TYPE_CHECKING:
    import networkx as nx

PROCESS, GHOST = "process", "ghost"
INTERFACE, MISSING_INTERFACE = "interface", "missing-interface"


def _pkey(process_id: str) -> str:
    """A process's node key, with control characters written as escapes (XML, DOT and Mermaid
    cannot carry them, and a terminal must not obey them)."""
    return "process:" + printable(process_id)


@dataclass
class Node:
    key: str
    label: str
    kind: str
    element: str | None
    external: bool = False


@dataclass
class Edge:
    source: str
    target: str
    kind: str
    label: str = ""
    rule: str = ""
    waived: bool = False


@dataclass
class Picture:
    """Nodes (in a stable order), the element each is grouped under, and edges; the verdict and
    counts (``title``) and each element's status, as every other view gives them."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)  # element id -> label
    title: str = ""
    conformant: bool = True
    summary: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)  # element id -> status

    def node(self, key: str) -> Node | None:
        return next((n for n in self.nodes if n.key == key), None)

    def clusters(self) -> list[tuple[str, list[Node]]]:
        ordered = sorted(self.groups, key=natural_key)
        return [(e, [n for n in self.nodes if n.element == e]) for e in ordered]

    @property
    def loose(self) -> list[Node]:
        return [n for n in self.nodes if n.element is None]


def _group_label(result: Result, element: str, statuses: dict[str, str]) -> str:
    """``1.1.1.5 Order Handling — covered``: the element and, where it is judged, its status."""
    label = f"{element} {result.pack.catalogue.name(element, result.lang)}"
    status = statuses.get(element)
    if status is not None and status != NOT_REQUIRED:
        label += " — " + term("st-" + status, result.lang)
    return label


def _ghost(picture: Picture, result: Result, element: str) -> str:
    key = f"element:{element}"
    if picture.node(key) is None:
        name = result.pack.catalogue.name(element, result.lang)
        picture.nodes.append(Node(key, f"{element} {name}", GHOST, element))
        picture.groups.setdefault(element, _group_label(result, element, picture.statuses))
    return key


def picture(result: Result) -> Picture:
    """What the graph shows, built from the model and the findings of the interface rules."""
    graph = result_graph(result)
    statuses = element_statuses(result)
    pic = Picture(
        title=summary_line(result),
        conformant=result.conformant,
        summary=result.summary,
        statuses={e: s for e, s in statuses.items() if s != NOT_REQUIRED},
    )
    for attrs in processes(graph):
        pid = attrs["id"]
        level2 = [e for e in (level2_of(i) for i in implemented_ids(graph, pid)) if e]
        element = sorted(level2, key=natural_key)[0] if level2 else None
        if element is not None:
            pic.groups.setdefault(element, _group_label(result, element, statuses))
        pic.nodes.append(
            Node(_pkey(pid), printable(f"{attrs['name']} ({pid})"), PROCESS, element, attrs["external"])
        )
    edges = [e for e in graph.edges(data=True) if e[2].get("kind") == "interface"]
    for source, target, data in sorted(edges, key=lambda e: (graph.nodes[e[0]]["order"], e[2]["index"])):
        pic.edges.append(
            Edge(_pkey(source[1]), _pkey(target[1]), INTERFACE, printable(data["purpose"] or ""))
        )
    for element, status in statuses.items():
        if status in (MISSING, WAIVED):  # required and not implemented: a dashed ghost node
            _ghost(pic, result, element)
    rules = {r.id: r for r in result.pack.rules}
    for f in result.findings:
        rule = rules.get(f.rule)
        if f.category != "interface" or rule is None or rule.kind != "interface" or f.element is None:
            continue
        group = next(
            (g for g in rule.options["to"] if (g.get("group") or ", ".join(g["elements"])) == f.target),
            None,
        )
        sources = implementation(graph, f.element).processes
        if group is None or not sources:
            continue
        targets = [p for e in group["elements"] for p in implementation(graph, e).processes]
        target = _pkey(targets[0]) if targets else _ghost(pic, result, group["elements"][0])
        label = f"{f.rule}: {f.target}"
        pic.edges.append(Edge(_pkey(sources[0]), target, MISSING_INTERFACE, label, f.rule, f.waived))
    return pic


# --------------------------------------------------------------------------- DOT


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot_node(node: Node) -> str:
    attrs = [f"label={_dot_id(node.label)}"]
    if node.kind == GHOST:
        attrs += ['style="dashed,rounded"', "color=gray45", "fontcolor=gray45"]
    elif node.external:
        attrs += ['style="rounded,filled"', 'fillcolor="#bbdefb"']
    return f"{_dot_id(node.key)} [{', '.join(attrs)}];"


def to_dot(pic: Picture) -> str:
    lines = [
        "digraph etom {",
        f'  graph [rankdir=LR, fontname="Helvetica", compound=true, labelloc=t, label={_dot_id(pic.title)}];',
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for element, nodes in pic.clusters():
        lines.append(f"  subgraph {_dot_id('cluster_' + element)} {{")
        lines.append(f"    label={_dot_id(pic.groups[element])};")
        lines.append('    style="rounded"; color=gray60;')
        lines.extend(f"    {_dot_node(n)}" for n in nodes)
        lines.append("  }")
    lines.extend(f"  {_dot_node(n)}" for n in pic.loose)
    for e in pic.edges:
        attrs = [f"label={_dot_id(e.label)}"] if e.label else []
        if e.kind == MISSING_INTERFACE:
            colour = "gray50" if e.waived else "red"
            attrs += ["style=dashed", f"color={colour}", f"fontcolor={colour}"]
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f"  {_dot_id(e.source)} -> {_dot_id(e.target)}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- Mermaid


def _mermaid_text(text: str) -> str:
    """A label for a quoted Mermaid string: quotes and the characters Mermaid reads as markup
    become entity codes."""
    out = text.replace("#", "#35;").replace('"', "#quot;").replace("|", "#124;")
    return out.replace("<", "#lt;").replace(">", "#gt;").replace("\n", " ")


def to_mermaid(pic: Picture) -> str:
    ordered = [n for _, nodes in pic.clusters() for n in nodes] + pic.loose
    ids = {n.key: f"n{i}" for i, n in enumerate(ordered)}

    def node(n: Node) -> str:
        return f'{ids[n.key]}["{_mermaid_text(n.label)}"]'

    lines = ["---", f"title: {json.dumps(pic.title, ensure_ascii=False)}", "---", "flowchart LR"]
    for index, (element, nodes) in enumerate(pic.clusters()):
        lines.append(f'  subgraph g{index}["{_mermaid_text(pic.groups[element])}"]')
        lines.extend(f"    {node(n)}" for n in nodes)
        lines.append("  end")
    lines.extend(f"  {node(n)}" for n in pic.loose)
    styles: list[str] = []
    for index, e in enumerate(pic.edges):
        arrow = "-.->" if e.kind == MISSING_INTERFACE else "-->"
        label = f'|"{_mermaid_text(e.label)}"|' if e.label else ""
        lines.append(f"  {ids[e.source]} {arrow}{label} {ids[e.target]}")
        if e.kind == MISSING_INTERFACE:
            colour = "#888888" if e.waived else "#d32f2f"
            styles.append(f"  linkStyle {index} stroke:{colour},stroke-width:2px,stroke-dasharray:5 5")
    lines.extend(styles)
    ghosts = [ids[n.key] for n in pic.nodes if n.kind == GHOST]
    external = [ids[n.key] for n in pic.nodes if n.external]
    if ghosts:
        lines.append("  classDef ghost stroke-dasharray:5 5,fill:#ffffff,color:#777777")
        lines.append(f"  class {','.join(ghosts)} ghost")
    if external:
        lines.append("  classDef external fill:#bbdefb")
        lines.append(f"  class {','.join(external)} external")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- GraphML


def to_networkx(pic: Picture) -> nx.MultiDiGraph:
    """The picture as a graph whose every attribute is a string (as GraphML wants)."""
    import networkx as nx  # here: only GraphML needs it

    out = nx.MultiDiGraph()
    out.graph.update(
        {"verdict": pic.title, "conformant": str(pic.conformant).lower()}
        | {f"summary_{k}": str(v) for k, v in pic.summary.items()}
        | {f"status_{e}": s for e, s in pic.statuses.items()}
    )
    for n in pic.nodes:
        out.add_node(
            n.key,
            kind=n.kind,
            label=n.label,
            element=n.element or "",
            group=pic.groups.get(n.element or "", ""),
            status=pic.statuses.get(n.element or "", ""),
            external=str(n.external).lower(),
        )
    for e in pic.edges:
        out.add_edge(
            e.source, e.target, kind=e.kind, label=e.label, rule=e.rule, waived=str(e.waived).lower()
        )
    return out


def to_graphml(pic: Picture) -> str:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(pic), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")


FORMATS: dict[str, Callable[[Picture], str]] = {
    "dot": to_dot,
    "graphml": to_graphml,
    "mermaid": to_mermaid,
}


def render(result: Result, fmt: str) -> str:
    return FORMATS[fmt](picture(result))
