"""``--format html`` and ``etom-check report``: one self-contained page (inline CSS and SVG, no
network reference) made from jinja2 templates with autoescaping on."""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import MutableMapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..engine.view import STATUSES, CoverageRow, InterfaceRow, View
from ..findings import printable
from .etommap import LINE_H, layout
from .labels import labels

if TYPE_CHECKING:
    import jinja2


# each template and the module generated from it ahead of time (``python -m tests.templates``)
COMPILED = {"report.html.j2": "_report_html", "report.css": "_report_css"}


def compiled(name: str, jinja2_version: str) -> dict[str, Any] | None:
    """The namespace of the module generated from template ``name``, when it was generated from
    the very same source by the very same jinja2; None otherwise (then jinja2 compiles it)."""
    module_name = COMPILED.get(name)
    if module_name is None:
        return None
    try:
        module = importlib.import_module(f"{__package__}.{module_name}")
    except ImportError:  # pragma: no cover - the modules ship with the checker
        return None
    source = resources.files("checker").joinpath("templates", name).read_bytes()
    if jinja2_version != module.JINJA2 or hashlib.sha256(source).hexdigest() != module.SOURCE:
        return None
    return vars(module)


@cache
def _env() -> jinja2.Environment:
    """The template environment, made on first use: jinja2 loads only for an HTML report."""
    import jinja2

    class Loader(jinja2.PackageLoader):
        """The package's templates, taken from the modules generated from them when those are
        current (no template is compiled while a report is written), else compiled here."""

        def load(
            self, environment: jinja2.Environment, name: str, globals: MutableMapping[str, Any] | None = None
        ) -> jinja2.Template:
            namespace = compiled(name, jinja2.__version__)
            if namespace is None:
                return super().load(environment, name, globals)
            scope = environment.make_globals(globals)
            return environment.template_class.from_module_dict(environment, namespace, scope)

    env = jinja2.Environment(
        loader=Loader("checker", "templates"),
        autoescape=True,
        finalize=_shown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["processes_cell"] = _processes_cell
    env.filters["links_cell"] = _links_cell
    return env


def _shown(value: Any) -> Any:
    """Every text the page shows has control and invisible characters written as escapes (markup
    that the page itself made is left as it is)."""
    from markupsafe import Markup

    return printable(value) if isinstance(value, str) and not isinstance(value, Markup) else value


# what markupsafe's escape writes for each character it escapes (a test keeps them the same)
ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("'", "&#39;"), ('"', "&#34;"))


def _text(value: str) -> str:
    """Text as the template shows a value: printable, then escaped (a few C calls, most of them
    only a test that the character is absent)."""
    text = printable(value)
    for char, entity in ESCAPES:
        if char in text:
            text = text.replace(char, entity)
    return text


def _processes_cell(row: CoverageRow, none: str) -> Any:
    """The processes of a coverage row, each ``name <code>id</code>``, as the template would
    write them one by one (a row may list thousands)."""
    from markupsafe import Markup

    if not row.processes:
        return Markup(_text(none))
    names = row.names
    return Markup("; ".join(f"{_text(names.get(p, p))} <code>{_text(p)}</code>" for p in row.processes))


def _links_cell(row: InterfaceRow, none: str) -> Any:
    """The hand-offs of an interface row, each ``<code>source → target</code>``."""
    from markupsafe import Markup

    if not row.links:
        return Markup(_text(none))
    return Markup(", ".join(f"<code>{_text(s)} → {_text(d)}</code>" for s, d in row.links))


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
