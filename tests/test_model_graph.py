"""The model's graph, built in one pass into networkx's layout, is the graph that adding nodes and
edges one by one to a networkx ``DiGraph`` gave: the same nodes, edges and attributes, in the
same order of nodes and of each node's neighbours."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from checker.engine import check
from checker.io.reading import Document, load
from checker.model.graph import (
    ELEMENT,
    PROCESS,
    _implementable,
    build_graph,
    enode,
    process_entries,
)
from checker.standard.catalogue import Catalogue, parent_id
from checker.standard.rulepack import load_pack

from .conftest import ROOT


def _reference(documents: list[Document], catalogue: Catalogue) -> nx.DiGraph:
    """The graph as it was built before: networkx, one ``add_node`` / ``add_edge`` at a time."""
    graph = nx.DiGraph()
    for element in catalogue.elements.values():
        graph.add_node(enode(element.id), kind=ELEMENT, id=element.id, known=True)
        if element.parent is not None and element.parent in catalogue:
            graph.add_edge(enode(element.id), enode(element.parent), kind="part-of")
    order = 0
    occurrences = []
    for occ in process_entries(documents):
        pid = occ.data.get("id")
        if not isinstance(pid, str) or not pid:
            continue
        node = (PROCESS, pid)
        occurrences.append(occ)
        raw = occ.data.get("functions")
        functions = tuple(f for f in raw if isinstance(f, str) and f) if isinstance(raw, list) else ()
        if node in graph:
            attrs = graph.nodes[node]
            attrs["functions"] = attrs["functions"] + tuple(
                f for f in functions if f not in attrs["functions"]
            )
        else:
            name = occ.data.get("name")
            graph.add_node(
                node,
                kind=PROCESS,
                id=pid,
                name=name if isinstance(name, str) else pid,
                external=occ.data.get("external") is True,
                functions=functions,
                order=order,
                occurrence=occ,
            )
            order += 1
        implements = occ.data.get("implements")
        for element_id in implements if isinstance(implements, list) else []:
            if isinstance(element_id, str) and element_id and _implementable(element_id, catalogue):
                child = element_id
                while not graph.has_node(enode(child)) or "kind" not in graph.nodes[enode(child)]:
                    graph.add_node(enode(child), kind=ELEMENT, id=child, known=False)
                    parent = parent_id(child)
                    assert parent is not None
                    graph.add_edge(enode(child), enode(parent), kind="part-of")
                    child = parent
                graph.add_edge(node, (ELEMENT, element_id), kind="implements")
    for occ in occurrences:
        pid = occ.data["id"]
        interfaces = occ.data.get("interfaces")
        for index, interface in enumerate(interfaces if isinstance(interfaces, list) else []):
            target = interface.get("to") if isinstance(interface, dict) else None
            if not isinstance(target, str) or not target or target == pid or (PROCESS, target) not in graph:
                continue
            if graph.has_edge((PROCESS, pid), (PROCESS, target)):
                continue
            purpose = interface.get("purpose") if isinstance(interface.get("purpose"), str) else None
            graph.add_edge((PROCESS, pid), (PROCESS, target), kind="interface", purpose=purpose, index=index)
    return graph


def _layout(graph: nx.DiGraph) -> Any:
    return (
        list(graph.nodes(data=True)),
        [(n, list(graph.succ[n].items())) for n in graph],
        [(n, list(graph.pred[n].items())) for n in graph],
    )


def _random_model(rng: random.Random, catalogue: Catalogue) -> str:
    elements = sorted(catalogue.elements)
    ids = [f"p{n}" for n in range(30)]
    lines = ["model: 1", "processes:"]
    for _ in range(40):
        pid = rng.choice(ids)  # repeats on purpose
        implements = [rng.choice(elements) for _ in range(rng.randint(0, 3))]
        implements += rng.sample(
            ["1.1.1.5.77", "1.1.9.9", "1.1.1.5.", "9.9", "1.1.1.5.2.3"], rng.randint(0, 2)
        )
        lines += [f"  - id: {pid}", "    name: n", f"    implements: [{', '.join(implements)}]"]
        if rng.random() < 0.5:
            lines.append(f"    functions: [{', '.join(rng.sample(['a', 'b', 'c'], rng.randint(0, 3)))}]")
        lines.append("    interfaces:")
        for _ in range(rng.randint(0, 4)):
            lines.append(f"      - to: {rng.choice([*ids, 'nobody', pid])}")
            if rng.random() < 0.5:
                lines.append(f"        purpose: p{rng.randint(0, 3)}")
    return "\n".join(lines) + "\n"


def test_the_graph_is_the_one_networkx_built_edge_by_edge(tmp_path: Path) -> None:
    catalogue = load_pack().catalogue
    rng = random.Random(31)
    for n in range(30):
        (tmp_path / f"m{n}.yaml").write_text(_random_model(rng, catalogue), encoding="utf-8")
    models = [[str(tmp_path / f"m{n}.yaml")] for n in range(30)]
    models += [
        [str(ROOT / "samples" / "operator")],
        *([str(p)] for p in sorted((ROOT / "samples" / "broken").iterdir())),
    ]
    for paths in models:
        documents = load(paths).documents
        built = build_graph(documents, catalogue).to_networkx()
        assert _layout(built) == _layout(_reference(documents, catalogue)), paths


def test_networkx_is_imported_only_when_the_networkx_graph_is_asked_for() -> None:
    import subprocess

    code = (
        "import sys\n"
        "from checker.engine import check\n"
        f"result = check([{str(ROOT / 'samples' / 'operator')!r}])\n"
        "result.view\n"
        "print('networkx' in sys.modules)\n"
        "result.graph\n"
        "print('networkx' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


@pytest.mark.parametrize("model", ["operator"])
def test_the_result_graph_is_networkx(model: str) -> None:
    result = check([str(ROOT / "samples" / model)])
    assert isinstance(result.graph, nx.DiGraph)
    assert result.process_count == sum(1 for _, k in result.graph.nodes(data="kind") if k == PROCESS) > 0
