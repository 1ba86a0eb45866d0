"""Output formats: one module per format, each a ``render(result) -> str``; ``REPORTERS`` maps
the names of ``--format`` to them."""

from __future__ import annotations

from collections.abc import Callable

from ..engine import Result
from . import html, json, text

Reporter = Callable[[Result], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json.render,
    "html": html.render,
}

__all__ = ["REPORTERS", "Reporter"]
