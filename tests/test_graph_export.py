"""``etom-check graph``: DOT that Graphviz's grammar accepts (checked with pydot), Mermaid that is
well formed, GraphML that networkx reads back; missing interfaces dashed red, missing elements as
ghost nodes."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pydot
import pytest

from checker.engine import check
from checker.reporters.graphs import picture, to_dot, to_graphml, to_mermaid

from .conftest import ROOT, run_cli

SAMPLE = str(ROOT / "tests" / "models" / "report-sample.yaml")
CONFORMANT = str(ROOT / "tests" / "models" / "conformant.yaml")


def _unquote(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text


def parse_dot(text: str) -> pydot.Dot:
    graphs = pydot.graph_from_dot_data(text)
    assert graphs, "DOT does not parse"
    assert len(graphs) == 1
    return graphs[0]


def dot_nodes(graph: pydot.Dot) -> dict[str, tuple[str, dict[str, str]]]:
    """Node name -> (cluster name or '', attributes), through every subgraph."""
    out: dict[str, tuple[str, dict[str, str]]] = {}
    for node in graph.get_nodes():
        out[_unquote(node.get_name())] = ("", node.get_attributes())
    for sub in graph.get_subgraphs():
        for node in sub.get_nodes():
            out[_unquote(node.get_name())] = (_unquote(sub.get_name()), node.get_attributes())
    return out


def test_dot_parses_and_groups_processes_by_element() -> None:
    graph = parse_dot(to_dot(picture(check([SAMPLE], lang="en").view)))
    nodes = dot_nodes(graph)
    assert nodes["process:order-handling"][0] == "cluster_1.1.1.5"
    assert nodes["process:problem-handling"][0] == "cluster_1.1.1.6"
    assert nodes["process:service-activation"][0] == "cluster_1.1.2.2"
    ghost = nodes["element:1.1.1.9"]
    assert ghost[0] == "cluster_1.1.1.9" and "dashed" in ghost[1]["style"]
    assert "dashed" not in nodes["process:order-handling"][1].get("style", "")


def test_dot_edges_interfaces_and_missing_ones() -> None:
    graph = parse_dot(to_dot(picture(check([SAMPLE], lang="en").view)))
    edges = {
        (_unquote(e.get_source()), _unquote(e.get_destination())): e.get_attributes()
        for e in graph.get_edges()
    }
    plain = edges[("process:crm-readiness", "process:billing")]
    assert "style" not in plain
    missing = edges[("process:contact-centre", "process:billing")]
    assert missing["style"] == "dashed" and missing["color"] == "red"
    assert "FAB-2" in missing["label"]
    dashed = {k for k, v in edges.items() if v.get("style") == "dashed"}
    assert dashed == {("process:contact-centre", "process:billing")}


def test_ghost_target_for_an_interface_to_a_missing_element(tmp_path: Path) -> None:
    text = Path(CONFORMANT).read_text(encoding="utf-8")
    text = text.replace("  - {id: service-problems, name: Проблемы услуг, implements: [1.1.2.3]}\n", "")
    text = text.replace("    interfaces: [{to: service-problems}]\n", "")
    model = tmp_path / "m.yaml"
    model.write_text(text, encoding="utf-8")
    graph = parse_dot(to_dot(picture(check([str(model)], lang="en").view)))
    nodes = dot_nodes(graph)
    assert "dashed" in nodes["element:1.1.2.3"][1]["style"]
    edges = {
        (_unquote(e.get_source()), _unquote(e.get_destination())): e.get_attributes()
        for e in graph.get_edges()
    }
    assert edges[("process:problem-handling", "element:1.1.2.3")]["color"] == "red"


def test_dot_quotes_awkward_names() -> None:
    dot = to_dot(picture(check([SAMPLE], lang="ru").view))
    graph = parse_dot(dot)
    label = dot_nodes(graph)["process:contact-centre"][1]["label"]
    assert "<script>" in label


def test_labels_say_entities_as_written(tmp_path: Path) -> None:
    # Graphviz and Mermaid read &lt; in a label as <: a name is drawn as it is written
    model = tmp_path / "m.yaml"
    model.write_text(
        'model: 1\norganisation: {name: X}\nprocesses:\n  - {id: p, name: "A &lt;b&gt; & #1", implements: [1.1.1.9]}\n',
        encoding="utf-8",
    )
    pic = picture(check([str(model)], lang="en").view)
    dot = to_dot(pic)
    assert dot_nodes(parse_dot(dot))["process:p"][1]["label"] == '"A &amp;lt;b&amp;gt; &amp; #1 (p)"'
    assert "A #amp;lt;b#amp;gt; #amp; #35;1 (p)" in to_mermaid(pic)


MERMAID_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
NODE_DECL = re.compile(r'^\s*([^\s\[]+)\["[^"]*"\]$')
EDGE = re.compile(r'^\s*(\S+) (-->|-\.->)(\|"[^"]*"\|)? (\S+)$')


def check_mermaid(text: str) -> tuple[set[str], list[tuple[str, str, str]]]:
    """Structural check of Mermaid flowchart text: (declared node ids, edges)."""
    lines = text.splitlines()
    # front matter with the title (the verdict and counts), then the flowchart
    assert lines[0] == "---" and lines[1].startswith("title: ") and lines[2] == "---", lines[:3]
    lines = lines[3:]
    assert lines[0] == "flowchart LR"
    depth = 0
    declared: set[str] = set()
    groups: set[str] = set()
    edges: list[tuple[str, str, str]] = []
    for line in lines[1:]:
        stripped = line.strip()
        if stripped.startswith("subgraph "):
            depth += 1
            match = re.match(r'subgraph (\S+?)\["[^"]*"\]$', stripped)
            assert match, line
            assert MERMAID_ID.match(match.group(1)) and match.group(1) not in groups
            groups.add(match.group(1))
        elif stripped == "end":
            depth -= 1
            assert depth >= 0, "end without subgraph"
        elif (node := NODE_DECL.match(line)) is not None:
            assert MERMAID_ID.match(node.group(1)), line
            assert node.group(1) not in declared, f"{node.group(1)} declared twice"
            declared.add(node.group(1))
        elif (edge := EDGE.match(line)) is not None:
            edges.append((edge.group(1), edge.group(4), edge.group(2)))
        else:
            assert re.match(r"^\s*(linkStyle \d+ |classDef \w+ |class [\w,]+ \w+$)", line), line
    assert depth == 0, "unbalanced subgraph/end"
    for source, target, _ in edges:
        assert source in declared and target in declared
    return declared, edges


def test_mermaid_is_well_formed() -> None:
    for lang in ("ru", "en"):
        text = to_mermaid(picture(check([SAMPLE], lang=lang).view))
        declared, edges = check_mermaid(text)
        assert len(declared) == 13  # 12 processes and the ghost of 1.1.1.9
        assert sum(1 for e in edges if e[2] == "-.->") == 1
        assert "<script>" not in text
        dashed = [i for i, e in enumerate(edges) if e[2] == "-.->"]
        for index in dashed:
            assert re.search(rf"linkStyle {index} stroke:#d32f2f", text)
        assert re.search(r"class n\d+ ghost", text)


def test_graphml_reads_back_with_string_attributes(tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    path.write_text(to_graphml(picture(check([SAMPLE], lang="en").view)), encoding="utf-8")
    graph = nx.read_graphml(path)
    assert graph.nodes["process:order-handling"]["element"] == "1.1.1.5"
    assert graph.nodes["element:1.1.1.9"]["kind"] == "ghost"
    ids = [d for _, _, d in nx.read_graphml(path, force_multigraph=True).edges(keys=True)]
    assert len(ids) == len(set(ids)) == graph.number_of_edges()  # each edge its own id
    kinds = {(s, t): d["kind"] for s, t, d in graph.edges(data=True)}
    assert kinds[("process:contact-centre", "process:billing")] == "missing-interface"
    assert kinds[("process:crm-readiness", "process:billing")] == "interface"


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "graphml"])
def test_graph_command(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"g.{fmt}"
    code, stdout, err = run_cli(["graph", SAMPLE, "--format", fmt, "-o", str(out), "--lang", "en"], capsys)
    assert (code, stdout, err) == (1, "", "")  # the gate's exit code, as check gives it
    text = out.read_text(encoding="utf-8")
    code, stdout, _ = run_cli(["graph", SAMPLE, "--format", fmt, "--lang", "en"], capsys)
    assert code == 1 and stdout == text
    if fmt == "dot":
        parse_dot(text)
    elif fmt == "mermaid":
        check_mermaid(text)
    else:
        assert "<graphml" in text


def test_a_mermaid_diagram_past_what_mermaid_draws_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["model: 1", "organisation: {name: Big}", "processes:"]
    for i in range(501):
        lines.append(
            f"  - {{id: p{i}, name: P{i}, implements: [1.1.3.2], interfaces: [{{to: p{(i + 1) % 501}}}]}}"
        )
    model = tmp_path / "big.yaml"
    model.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run_cli(["graph", str(model), "--format", "mermaid", "--lang", "en"], capsys)
    assert code == 1 and out.count("-->") == 501
    assert (
        err.startswith("etom-check: the Mermaid diagram has 501 links") and "--format dot or graphml" in err
    )
    code, _, err = run_cli(["graph", str(model), "--format", "dot", "--lang", "en"], capsys)
    assert err == ""  # only Mermaid has the limits


def test_graph_command_rejects_an_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["graph", SAMPLE, "--format", "svg"], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_control_characters_are_escaped_in_every_picture(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    from checker.reporters.graphs import render as render_graph
    from checker.reporters.html import render as render_html

    model = tmp_path / "m.yaml"
    model.write_text(
        "model: 1\norganisation: {name: X}\nprocesses:\n"
        '  - {id: p-ctl, name: "bell\\a \\e[31mred \\u202e", implements: [1.1.1.9]}\n'
        # noncharacters, which XML cannot hold, in a name and in a key that a finding names
        '  - {id: p-nc, name: "x\\uffff\\U0010FFFF", implements: [1.1.1.9], "k\\ufffe": 1}\n',
        encoding="utf-8",
    )
    result = check([str(model)], lang="en")
    outputs = {fmt: render_graph(result.view, fmt) for fmt in ("dot", "mermaid", "graphml")}
    outputs["html"] = render_html(result.view)
    for fmt, text in outputs.items():
        assert not any(c in text for c in ("\x07", "\x1b", "\u202e")), fmt
    assert "bell\\x07 \\x1b[31mred \\u202e" in outputs["html"]
    ET.fromstring(outputs["graphml"].encode("utf-8"))  # well-formed XML
    assert "x\\uffff\\U0010ffff" in outputs["graphml"]
    from checker.reporters.junit import render as render_junit

    ET.fromstring(render_junit(result.view).encode("utf-8"))  # the finding that names the key too


def test_the_command_line_offers_every_graph_format() -> None:
    from checker.reporters import GRAPH_FORMATS
    from checker.reporters.graphs import FORMATS

    assert sorted(GRAPH_FORMATS) == sorted(FORMATS)
