"""``--format html`` and ``etom-check report``: one self-contained page (inline CSS and SVG, no
network reference) made from jinja2 templates with autoescaping on."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from ..engine.view import STATUSES, View
from ..findings import printable
from .etommap import LINE_H, layout
from .labels import labels

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


def context(view: View) -> dict[str, Any]:
    """Everything the template shows."""
    etom_map = layout(view.catalogue, view.statuses, view.lang)
    written: dict[str, list[str]] = {}  # element -> the ids of eTOM releases that stand for it
    for row in view.releases:
        for element in row.elements:
            if row.written not in written.setdefault(element, []):
                written[element].append(row.written)
    return {
        "lang": view.lang,
        "t": labels(view.lang),
        "view": view,
        "summary": view.summary,
        "fail_on": None if view.fail_on == "never" else view.fail_on,
        "map": etom_map,
        "line_h": LINE_H,
        "counts": view.element_processes,
        "written": written,
        "statuses": STATUSES,
        "matrix": view.coverage,
        "interfaces": view.interfaces,
        "findings": view.findings,
        "waived": [f for f in view.findings if f.waived],
        "waivers": view.waivers,
        "provenance": view.provenance,
        "notes": view.notes,
    }


def render(view: View) -> str:
    return _env().get_template("report.html.j2").render(context(view))
