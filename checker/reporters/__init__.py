"""Output formats: one module per format, each a ``render(view) -> str`` over the engine's
:class:`~checker.engine.view.View`; ``REPORTERS`` maps the names of ``--format`` to them, and
``graphs.FORMATS`` the formats of ``etom-check graph``. ``etommap`` lays out the eTOM map of the
HTML page, ``labels`` holds its words.

A reporter renders a view and nothing else: it opens no file, runs no kind and builds no graph.
May import ``findings``, ``i18n``, ``standard`` (for names) and ``engine.view``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..engine.view import View
from . import github, gitlab, json, sarif, text

Reporter = Callable[[View], str]
# the formats of ``etom-check graph`` (``graphs.FORMATS`` renders them; named here so that the
# command line need not import the module to offer them)
GRAPH_FORMATS = ("dot", "graphml", "mermaid")


def _html(view: View) -> str:
    """``html.render``, imported on first use: jinja2 and the map's layout cost a cold start that
    every other format would pay."""
    from . import html

    return html.render(view)


def _junit(view: View) -> str:
    """``junit.render``, imported on first use (it needs an XML library)."""
    from . import junit

    return junit.render(view)


REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json.render,
    "sarif": sarif.render,
    "junit": _junit,
    "github": github.render,
    "gitlab": gitlab.render,
    "html": _html,
}

__all__ = ["GRAPH_FORMATS", "REPORTERS", "Reporter"]
