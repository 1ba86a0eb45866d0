"""``--format html`` and ``etom-check report``: one self-contained page (inline CSS and SVG, no
network reference) made from jinja2 templates with autoescaping on."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from ..engine.provenance import provenance
from ..engine.run import Result
from ..engine.view import STATUSES, coverage_matrix, element_statuses, interface_rows, result_graph
from ..findings import printable
from ..model.implementation import implementation
from ..model.waivers import read_waivers
from .etommap import LINE_H, layout
from .labels import labels
from .text import notes

if TYPE_CHECKING:
    import jinja2


@cache
def _env() -> jinja2.Environment:
    """The template environment, made on first use: jinja2 loads only for an HTML report."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("checker", "templates"),
        autoescape=True,
        finalize=_shown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _shown(value: Any) -> Any:
    """Every text the page shows has control and invisible characters written as escapes."""
    return printable(value) if isinstance(value, str) else value


def declared_waivers(result: Result) -> list[dict[str, Any]]:
    """The waivers the model declares (those the engine can apply), with where each is written;
    a malformed entry is a schema finding of its own."""
    out: list[dict[str, Any]] = []
    for w in read_waivers(result.loaded.documents if result.loaded else []):
        line, _ = w.doc.positions.value(w.doc.data, w.path)
        out.append(
            {
                "place": f"{w.doc.file}:{line}",
                "rule": w.rule,
                "subject": w.subject or "",
                "reason": w.reason,
                "expires": w.expires.isoformat() if w.expires else "",
            }
        )
    return out


def context(result: Result) -> dict[str, Any]:
    """Everything the template shows."""
    graph = result_graph(result)
    statuses = element_statuses(result)
    etom_map = layout(result.pack.catalogue, statuses, result.lang)
    counts = {box.element: len(implementation(graph, box.element).processes) for box in etom_map.boxes}
    return {
        "lang": result.lang,
        "t": labels(result.lang),
        "result": result,
        "summary": result.summary,
        "process_count": result.process_count,
        "fail_on": result.fail_on.label if result.fail_on else None,
        "map": etom_map,
        "line_h": LINE_H,
        "counts": counts,
        "statuses": STATUSES,
        "matrix": coverage_matrix(result, graph),
        "interfaces": interface_rows(result, graph),
        "findings": result.findings,
        "waived": [f for f in result.findings if f.waived],
        "waivers": declared_waivers(result),
        "provenance": provenance(result),
        "notes": notes(result),
    }


def render(result: Result) -> str:
    return _env().get_template("report.html.j2").render(context(result))
