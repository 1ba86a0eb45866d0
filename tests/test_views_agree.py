"""One model, one verdict: every view says the same thing about the same model.

Each model below is checked once with every format written at the same time (text, json, sarif,
junit, github with its job summary, html), and drawn by ``graph`` in dot, mermaid and graphml.
From each output the verdict, the counts and the status of every element are read back, the way
a user or a tool reads that format, and compared with the JSON.
"""

from __future__ import annotations

import io
import json
import os
import re
import xml.etree.ElementTree as ET
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from checker.cli.main import main

from .conftest import ROOT, SAMPLES

MODELS = [
    SAMPLES / "operator",
    SAMPLES / "modern",
    *sorted(p for p in (SAMPLES / "broken").iterdir() if p.is_dir()),
    ROOT / "tests" / "models" / "report-sample.yaml",
    ROOT / "tests" / "models" / "views" / "billing-split-started.yaml",
    ROOT / "tests" / "models" / "views" / "waived.yaml",
    ROOT / "tests" / "models" / "views" / "unknown-release.yaml",
]
COUNTS = ("error", "warning", "info", "waived", "baselined")
SUMMARY = re.compile(
    r"Files: \d+, processes: \d+; errors: (\d+), warnings: (\d+), info: (\d+), waived: (\d+), "
    r"baselined: (\d+)\.(?: Findings not shown: \d+, failing the gate among them: \d+\.)? "
    r"The model (conforms|does NOT conform)\."
)
STATUS_WORDS = {"covered", "partial", "external", "missing", "waived", "not checked"}


def _summary_line(text: str) -> tuple[bool, dict[str, int]]:
    match = SUMMARY.search(text)
    assert match, text
    return match.group(6) == "conforms", dict(zip(COUNTS, map(int, match.groups()[:5]), strict=True))


def _word(status: str) -> str:
    return status.replace("-", " ")


@pytest.fixture(scope="module", params=MODELS, ids=lambda p: p.relative_to(ROOT).as_posix())
def views(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    model: Path = request.param
    out = tmp_path_factory.mktemp("views")

    def run(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
        buffer = io.StringIO()
        old = dict(os.environ)
        os.environ.update(env or {})
        try:
            with redirect_stdout(buffer), redirect_stderr(io.StringIO()):
                try:
                    main(args)
                except SystemExit as exc:
                    return int(exc.code or 0), buffer.getvalue()
        finally:
            os.environ.clear()
            os.environ.update(old)
        return 0, buffer.getvalue()

    summary = out / "summary.md"
    reports = [f"{fmt}:{out / ('out.' + fmt)}" for fmt in ("json", "sarif", "junit", "github", "html")]
    args = ["check", str(model), "--lang", "en", *(a for r in reports for a in ("--report", r))]
    code, text = run(args, {"GITHUB_STEP_SUMMARY": str(summary), "SOURCE_DATE_EPOCH": "0"})
    views: dict[str, Any] = {"code": code, "text": text, "summary.md": summary.read_text(encoding="utf-8")}
    for fmt in ("json", "sarif", "junit", "github", "html"):
        views[fmt] = (out / f"out.{fmt}").read_text(encoding="utf-8")
    for fmt in ("dot", "mermaid", "graphml"):
        views[fmt] = run(["graph", str(model), "--lang", "en", "--format", fmt])[1]
    views["report-code"] = run(["report", str(model), "--lang", "en", "-o", str(out / "r.html")])[0]
    return views


def _truth(views: dict[str, Any]) -> tuple[bool, dict[str, int], dict[str, str]]:
    data = json.loads(views["json"])
    counts = {k: data["summary"][k] for k in COUNTS}
    return data["conformant"], counts, {c["element"]: c["status"] for c in data["coverage"]}


def test_text_and_github_agree(views: dict[str, Any]) -> None:
    conformant, counts, _ = _truth(views)
    assert views["code"] == (0 if conformant else 1) == views["report-code"]
    assert _summary_line(views["text"]) == (conformant, counts)
    assert _summary_line(views["github"]) == (conformant, counts)


def test_job_summary_agrees(views: dict[str, Any]) -> None:
    conformant, counts, statuses = _truth(views)
    md = views["summary.md"]
    assert ("✅" in md) == conformant and _summary_line(md) == (conformant, counts)
    rows = re.findall(r"^\| (1\.[\d.]+) \| .*? \| ([a-z ]+) \| .*\|$", md, re.M)
    assert dict(rows) == {e: _word(s) for e, s in statuses.items()}


def test_sarif_agrees(views: dict[str, Any]) -> None:
    conformant, counts, statuses = _truth(views)
    props = json.loads(views["sarif"])["runs"][0]["properties"]
    assert props["conformant"] == conformant
    assert {k: props["summary"][k] for k in COUNTS} == counts
    assert props["coverage"] == statuses


def test_junit_agrees(views: dict[str, Any]) -> None:
    conformant, counts, statuses = _truth(views)
    suite = ET.fromstring(views["junit"]).find("testsuite")
    assert suite is not None
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["etom-check.conformant"] == str(conformant).lower()
    assert {k: int(props[f"etom-check.summary.{k}"]) for k in COUNTS} == counts
    prefix = "etom-check.coverage."
    assert {k[len(prefix) :]: v for k, v in props.items() if k.startswith(prefix)} == statuses
    assert (int(suite.get("failures", "0")) > 0) == (not conformant)


def test_html_agrees(views: dict[str, Any]) -> None:
    conformant, counts, statuses = _truth(views)
    html = views["html"]
    assert f'data-conformant="{str(conformant).lower()}"' in html
    for key in COUNTS:
        assert re.search(rf'data-count="{key}"><b>{counts[key]}</b>', html), key
    drawn = dict(re.findall(r'<g class="el s-[\w-]+" data-element="([\d.]+)" data-status="([\w-]+)"', html))
    matrix = dict(re.findall(r'<tr data-element="([\d.]+)" data-status="([\w-]+)">', html))
    assert matrix == statuses
    assert {e: s for e, s in drawn.items() if e in statuses} == statuses
    assert all(s in ("not-required", "not-checked") for e, s in drawn.items() if e not in statuses)


def test_graphs_agree(views: dict[str, Any]) -> None:
    conformant, counts, statuses = _truth(views)
    dot_title = re.search(r'graph \[.*label="([^"]*)"\];', views["dot"])
    assert dot_title and _summary_line(dot_title.group(1)) == (conformant, counts)
    mermaid_title = re.search(r"^title: (.*)$", views["mermaid"], re.M)
    assert mermaid_title and _summary_line(json.loads(mermaid_title.group(1))) == (conformant, counts)
    for text in (views["dot"], views["mermaid"]):
        labelled = dict(re.findall(r"(1\.1\.[\d.]+) [^\"\n]*? — ([a-z ]+)\"", text))
        # some element is drawn with its status, unless nothing the model implements is known
        assert labelled or set(statuses.values()) == {"not-checked"}, "no element is drawn with its status"
        # each element drawn says the status the JSON gives, or that it was not checked
        assert labelled == {e: _word(statuses.get(e, "not-checked")) for e in labelled}
        # a required element that is not implemented is drawn, as a dashed ghost
        for element, status in statuses.items():
            if status in ("missing", "waived"):
                assert element in labelled, element
    graph = nx.parse_graphml(views["graphml"])
    assert graph.graph["conformant"] == str(conformant).lower()
    assert {k: int(graph.graph[f"summary_{k}"]) for k in COUNTS} == counts
    drawn = {k[len("status_") :]: v for k, v in graph.graph.items() if k.startswith("status_")}
    assert {e: s for e, s in drawn.items() if e in statuses} == statuses
    assert all(s == "not-checked" for e, s in drawn.items() if e not in statuses)


def test_the_started_split_form_lists_every_element() -> None:
    """1.1.1.12 of a split billing form that the model started is missing, never 'not required'."""
    from checker.engine import check

    model = ROOT / "tests" / "models" / "views" / "billing-split-started.yaml"
    statuses = {c.element: c.status for c in check([str(model)]).coverage}
    assert statuses["1.1.1.12"] == "missing" and statuses["1.1.1.8"] == "missing"
    assert statuses["1.1.1.10"] == "covered" and statuses["1.1.1.11"] == "covered"
    assert statuses["1.1.1.7"] == "external" and statuses["1.1.1.9"] == "partial"


def test_a_waiver_changes_the_gate_never_the_facts() -> None:
    from checker.engine import check

    model = ROOT / "tests" / "models" / "views" / "waived.yaml"
    statuses = {c.element: c.status for c in check([str(model)]).coverage}
    assert statuses["1.1.1.9"] == "waived"  # missing, and the gap accepted
    assert statuses["1.1.1.7"] == "external"  # the note on the partner is waived: still external
    assert statuses["1.1.1.6"] == "partial"  # the note on level 3 is waived: still partial
