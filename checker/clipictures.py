"""The commands that draw: ``report`` (HTML), ``graph`` (DOT, GraphML, Mermaid) and ``init``."""

from __future__ import annotations

import click

from .cliopts import extra_rules_option, fail_on_option, lang_option
from .engine import check
from .export import FORMATS as GRAPH_FORMATS
from .export import render as render_graph
from .findings import Severity
from .i18n import default_lang
from .output import write
from .reporters import REPORTERS
from .rulepack import load_pack
from .scaffold import write_scaffold

EXIT_OK = 0


@click.command("report")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o", "--output", default=None, metavar="FILE", help="The HTML file to write (default: standard output)."
)
@lang_option
@fail_on_option
@extra_rules_option
@click.option("--no-waivers", is_flag=True, help="Make every waiver of the model ineffective.")
def report_command(
    paths: tuple[str, ...],
    output: str | None,
    lang: str | None,
    fail_on: str,
    rule_files: tuple[str, ...],
    no_waivers: bool,
) -> int:
    """Write a self-contained HTML report of the model in PATHS: the eTOM map, the coverage matrix,
    the interfaces, every finding. The exit code is the gate's, as for check."""
    result = check(
        paths,
        lang=lang or default_lang(),
        fail_on=None if fail_on == "never" else Severity.parse(fail_on),
        rule_files=rule_files,
        waivers=not no_waivers,
    )
    write(REPORTERS["html"](result), output, protected=[f.path for f in result.files])
    return result.exit_code


@click.command("graph")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(GRAPH_FORMATS)),
    default="dot",
    show_default=True,
    help="Graph format.",
)
@click.option("-o", "--output", default=None, metavar="FILE", help="Write there instead of standard output.")
@lang_option
def graph_command(paths: tuple[str, ...], fmt: str, output: str | None, lang: str | None) -> int:
    """Write the model's graph: processes grouped by eTOM element, interfaces as edges, missing
    required interfaces dashed red, missing elements as dashed ghost nodes."""
    result = check(paths, lang=lang or default_lang())
    write(render_graph(result, fmt), output, protected=[f.path for f in result.files])
    return EXIT_OK


@click.command("init")
@click.argument("folder", metavar="DIR")
@lang_option
def init_command(folder: str, lang: str | None) -> int:
    """Write a starting model into DIR: a process for each required element, with its required
    functions and interfaces, and placeholders (TODO) that the check reports until filled in."""
    for path in write_scaffold(folder, load_pack(), lang or default_lang()):
        click.echo(path.as_posix())
    return EXIT_OK
