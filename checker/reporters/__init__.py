"""Output formats: one module per format, each a ``render(result) -> str``; ``REPORTERS`` maps
the names of ``--format`` to them."""

from __future__ import annotations

from collections.abc import Callable

from ..engine import Result
from . import github, html, json, junit, sarif, text

Reporter = Callable[[Result], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "html": html.render,
}

__all__ = ["REPORTERS", "Reporter"]
