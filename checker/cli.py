"""The ``etom-check`` command line: parsing and exit codes only; the work is done elsewhere."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

from . import __version__
from .engine import SelectionError, check
from .explain import describe, rule_table
from .export import FORMATS as GRAPH_FORMATS
from .export import render as render_graph
from .findings import Severity
from .i18n import LANGS, default_lang
from .loading import ModelPathError
from .output import OutputError, write
from .packdata import PackError, schema_document
from .reporters import REPORTERS, text
from .rulepack import load_pack
from .scaffold import write_scaffold

FAIL_ON = ("error", "warning", "info", "never")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


lang_option = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Language of messages (default: from the locale, else ru).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="etom-check")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def cli(debug: bool) -> None:
    """Check an eTOM process model against GOST R 53633.3-2009 (level-2 CRM elements)."""


@cli.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o", "--output", default=None, metavar="FILE", help="Write the report there instead of standard output."
)
@lang_option
@click.option(
    "--select",
    multiple=True,
    metavar="IDS",
    help="Run only these rules (ids or id prefixes, comma-separated).",
)
@click.option(
    "--ignore", multiple=True, metavar="IDS", help="Skip these rules (ids or id prefixes, comma-separated)."
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="The lowest severity that fails the gate.",
)
@click.option("-q", "--quiet", is_flag=True, help="Text format: print only the summary.")
@click.option("--statistics", is_flag=True, help="Text format: print the count of findings by rule.")
def check_command(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    lang: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    quiet: bool,
    statistics: bool,
) -> int:
    """Check the model in PATHS (files, or folders of *.yaml / *.yml files)."""
    result = check(
        paths,
        lang=lang or default_lang(),
        select=_split(select),
        ignore=_split(ignore),
        fail_on=None if fail_on == "never" else Severity.parse(fail_on),
    )
    rendered = text.render(result, quiet=quiet, stats=statistics) if fmt == "text" else REPORTERS[fmt](result)
    write(rendered, output, protected=[f.path for f in result.files])
    return result.exit_code


@cli.command("rules")
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(lang: str | None, fmt: str) -> int:
    """List every rule: id, severity, clause of the standard, title."""
    pack = load_pack()
    lang = lang or default_lang()
    if fmt == "json":
        rows = [
            {
                "id": r.id,
                "severity": r.severity.label,
                "kind": r.kind,
                "clause": r.clause[lang],
                "title": r.title[lang],
            }
            for r in pack.rules
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(rule_table(pack, lang))
    return EXIT_OK


@cli.command("explain")
@click.argument("rule")
@lang_option
def explain_command(rule: str, lang: str | None) -> int:
    """Explain one rule: what it requires, where it comes from, why, and examples."""
    pack = load_pack()
    found = pack.rule(rule.strip().upper())
    if found is None:
        raise click.UsageError(f"unknown rule {rule!r}; 'etom-check rules' lists them")
    click.echo(describe(found, pack, lang or default_lang()))
    return EXIT_OK


@cli.command("schema")
def schema_command() -> int:
    """Print the JSON Schema of the model format (for editors)."""
    click.echo(json.dumps(schema_document("model.schema.json"), ensure_ascii=False, indent=2))
    return EXIT_OK


fail_on_option = click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="The lowest severity that fails the gate.",
)


@cli.command("report")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o", "--output", default=None, metavar="FILE", help="The HTML file to write (default: standard output)."
)
@lang_option
@fail_on_option
def report_command(paths: tuple[str, ...], output: str | None, lang: str | None, fail_on: str) -> int:
    """Write a self-contained HTML report of the model in PATHS: the eTOM map, the coverage matrix,
    the interfaces, every finding. The exit code is the gate's, as for check."""
    result = check(
        paths, lang=lang or default_lang(), fail_on=None if fail_on == "never" else Severity.parse(fail_on)
    )
    write(REPORTERS["html"](result), output, protected=[f.path for f in result.files])
    return result.exit_code


@cli.command("graph")
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


@cli.command("init")
@click.argument("folder", metavar="DIR")
@lang_option
def init_command(folder: str, lang: str | None) -> int:
    """Write a starting model into DIR: a process for each required element, with its required
    functions and interfaces, and placeholders (TODO) that the check reports until filled in."""
    for path in write_scaffold(folder, load_pack(), lang or default_lang()):
        click.echo(path.as_posix())
    return EXIT_OK


def _fail(message: str) -> None:
    click.echo(f"etom-check: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; exit 0, 1 or 2 as the documentation says, never with a traceback
    unless ``--debug`` is given."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        code: Any = cli.main(args=args, prog_name="etom-check", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:  # pragma: no cover - click >= 8.2 only
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        _fail(" ".join(exc.format_message().split()))
    except click.Abort:
        _fail("interrupted")
    except (ModelPathError, PackError, SelectionError, OutputError) as exc:
        message = f"no rule matches {exc}" if isinstance(exc, SelectionError) else str(exc)
        _fail(message)
    except Exception as exc:
        if "--debug" in args:
            raise
        _fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
    sys.exit(code if isinstance(code, int) else EXIT_OK)
