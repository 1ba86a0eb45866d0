"""Output formats: one module per format, each a ``render(result) -> str``; ``REPORTERS`` maps
the names of ``--format`` to them."""

from __future__ import annotations

from collections.abc import Callable

from ..engine.run import Result
from . import github, gitlab, json, junit, sarif, text

Reporter = Callable[[Result], str]


def _html(result: Result) -> str:
    """``html.render``, imported on first use: jinja2 and the picture modules cost a cold start
    that every other format would pay."""
    from . import html

    return html.render(result)


REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "html": _html,
}

__all__ = ["REPORTERS", "Reporter"]
