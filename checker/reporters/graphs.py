"""``etom-check graph``: the model's processes grouped by eTOM element, their interfaces, the
missing required interfaces (dashed red) and the missing elements (dashed ghost nodes), written
as Graphviz DOT, Mermaid or GraphML."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..engine.view import ABSENT, NOT_REQUIRED, View
from ..findings import printable
from ..i18n import term
from ..model.implementation import MISSING, WAIVED
from ..standard.rulepack import natural_key

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


def _group_label(view: View, element: str) -> str:
    """``1.1.1.5 Order Handling — covered``: the element and, where it is judged, its status."""
    label = f"{element} {view.catalogue.name(element, view.lang)}"
    status = view.statuses.get(element)
    if status is not None and status != NOT_REQUIRED:
        label += " — " + term("st-" + status, view.lang)
    return label


def _ghost(picture: Picture, view: View, element: str) -> str:
    key = f"element:{element}"
    if picture.node(key) is None:
        name = view.catalogue.name(element, view.lang)
        picture.nodes.append(Node(key, f"{element} {name}", GHOST, element))
        picture.groups.setdefault(element, _group_label(view, element))
    return key


def picture(view: View) -> Picture:
    """What the graph shows: processes grouped by element, hand-offs, the required elements that
    no process implements (ghost nodes) and the required interfaces that are missing."""
    pic = Picture(
        title=view.summary_line,
        conformant=view.conformant,
        summary=view.summary,
        statuses={e: s for e, s in view.statuses.items() if s != NOT_REQUIRED},
    )
    for process in view.processes:
        if process.element is not None:
            pic.groups.setdefault(process.element, _group_label(view, process.element))
        pic.nodes.append(
            Node(
                _pkey(process.id),
                # ids of an eTOM release are shown as written, with the standard's ids they stand for
                printable(f"{process.name} ({process.id})" + "".join(f" [{w}]" for w in process.written)),
                PROCESS,
                process.element,
                process.external,
            )
        )
    for edge in view.edges:
        pic.edges.append(Edge(_pkey(edge.source), _pkey(edge.target), INTERFACE, printable(edge.purpose)))
    for element, status in view.statuses.items():
        if status in (MISSING, WAIVED):  # required and not implemented: a dashed ghost node
            _ghost(pic, view, element)
    for row in view.interfaces:
        if row.status != ABSENT or row.from_process is None:
            continue
        target = _pkey(row.to_process) if row.to_process else _ghost(pic, view, row.elements[0])
        label = f"{row.rule}: {row.group}"
        pic.edges.append(
            Edge(_pkey(row.from_process), target, MISSING_INTERFACE, label, row.rule, row.waived)
        )
    return pic


# --------------------------------------------------------------------------- DOT


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot_label(text: str) -> str:
    """A label as written: Graphviz reads ``&name;`` in labels as a character entity."""
    return _dot_id(text.replace("&", "&amp;"))


def _dot_node(node: Node) -> str:
    attrs = [f"label={_dot_label(node.label)}"]
    if node.kind == GHOST:
        attrs += ['style="dashed,rounded"', "color=gray45", "fontcolor=gray45"]
    elif node.external:
        attrs += ['style="rounded,filled"', 'fillcolor="#bbdefb"']
    return f"{_dot_id(node.key)} [{', '.join(attrs)}];"


def to_dot(pic: Picture) -> str:
    lines = [
        "digraph etom {",
        '  graph [rankdir=LR, fontname="Helvetica", compound=true, labelloc=t, '
        f"label={_dot_label(pic.title)}];",
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for element, nodes in pic.clusters():
        lines.append(f"  subgraph {_dot_id('cluster_' + element)} {{")
        lines.append(f"    label={_dot_label(pic.groups[element])};")
        lines.append('    style="rounded"; color=gray60;')
        lines.extend(f"    {_dot_node(n)}" for n in nodes)
        lines.append("  }")
    lines.extend(f"  {_dot_node(n)}" for n in pic.loose)
    for e in pic.edges:
        attrs = [f"label={_dot_label(e.label)}"] if e.label else []
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
    out = text.replace("#", "#35;").replace("&", "#amp;").replace('"', "#quot;").replace("|", "#124;")
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
    for index, e in enumerate(pic.edges):  # each edge its own id (e0, e1, ...), as GraphML means it
        out.add_edge(
            e.source,
            e.target,
            key=f"e{index}",
            kind=e.kind,
            label=e.label,
            rule=e.rule,
            waived=str(e.waived).lower(),
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


def render(view: View, fmt: str) -> str:
    return FORMATS[fmt](picture(view))
