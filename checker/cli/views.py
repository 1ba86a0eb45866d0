"""The commands that draw: ``report`` (HTML), ``graph`` (DOT, GraphML, Mermaid) and ``init``."""

from __future__ import annotations

from typing import Any

import click

from ..engine.packs import pack_for
from ..i18n import default_lang, term
from ..io.output import write
from ..reporters import GRAPH_FORMATS, REPORTERS
from ..standard.rulepack import DEFAULT_STANDARD
from .options import lang_option
from .run import configured, model_options, run_check

EXIT_OK = 0


@click.command("report")
@model_options
@click.option(
    "-o", "--output", default=None, metavar="FILE", help="The HTML file to write (default: standard output)."
)
@click.pass_context
def report_command(ctx: click.Context, /, **params: Any) -> int:
    """Write a self-contained HTML report of the model in PATHS: the eTOM map, the coverage matrix,
    the interfaces, every finding. It takes the options and configuration of check and exits as
    check does on the same model."""
    params = configured(ctx, params)
    result = run_check(params)
    write(REPORTERS["html"](result.view), params["output"], protected=[f.path for f in result.files])
    return result.exit_code


@click.command("graph")
@model_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(GRAPH_FORMATS)),
    default="dot",
    show_default=True,
    help="Graph format.",
)
@click.option("-o", "--output", default=None, metavar="FILE", help="Write there instead of standard output.")
@click.pass_context
def graph_command(ctx: click.Context, /, **params: Any) -> int:
    """Write the model's graph: processes grouped by eTOM element, interfaces as edges, missing
    required interfaces dashed red, missing elements as dashed ghost nodes. It takes the options
    and configuration of check and exits as check does on the same model."""
    from ..reporters.graphs import render as render_graph  # here: check need not import it

    params = configured(ctx, params)
    result = run_check(params)
    drawn = render_graph(result.view, params["fmt"])
    write(drawn, params["output"], protected=[f.path for f in result.files])
    if params["fmt"] == "mermaid":
        _mermaid_limits(drawn, result.lang)
    return result.exit_code


# what Mermaid draws by default (its maxEdges and maxTextSize); a diagram cannot raise them itself
MERMAID_EDGES, MERMAID_TEXT = 500, 50_000


def _mermaid_limits(drawn: str, lang: str) -> None:
    """Say on standard error when a Mermaid diagram is past what Mermaid draws by default."""
    edges = sum(1 for line in drawn.splitlines() if "-->" in line or "-.->" in line)
    if edges > MERMAID_EDGES or len(drawn) > MERMAID_TEXT:
        args = {"edges": edges, "size": len(drawn), "max_edges": MERMAID_EDGES, "max_size": MERMAID_TEXT}
        click.echo(term("mermaid-too-big", lang, args), err=True)


@click.command("init")
@click.argument("folder", metavar="DIR")
@lang_option
def init_command(folder: str, lang: str | None) -> int:
    """Write a starting model into DIR: a process for each required element, with its required
    functions and interfaces, and placeholders (TODO) that the check reports until filled in."""
    from .init import write_scaffold

    for path in write_scaffold(folder, pack_for(DEFAULT_STANDARD), lang or default_lang()):
        click.echo(path.as_posix())
    return EXIT_OK
