"""The ``etom-check`` command line: parsing and exit codes only; the work is done elsewhere."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import Any

import click

from . import __version__
from .engine import SelectionError, check
from .explain import describe, rule_table
from .findings import Severity
from .i18n import LANGS, default_lang
from .loading import DEFAULT_LIMITS, Limits, ModelPathError
from .output import OutputError, write
from .packdata import PackError, schema_document
from .reporters import REPORTERS, text
from .rulepack import load_pack

FAIL_ON = ("error", "warning", "info", "never")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
_SIZE = re.compile(r"\s*([0-9]+)\s*([KMG]?)(?:I?B)?\s*\Z", re.IGNORECASE)


class SizeType(click.ParamType):  # type: ignore[type-arg]
    """A size in bytes: a whole number, optionally with K, M or G (binary: 1K = 1024 bytes)."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        match = _SIZE.match(str(value))
        if match is None or int(match.group(1)) == 0:
            self.fail(f"{value!r} is not a size such as 65536, 512K, 64M or 1G", param, ctx)
        return int(match.group(1)) * _UNITS[match.group(2).upper()]


def _limit_options(func: Any) -> Any:
    """The bounds on reading the model (docs/security.md); defaults are :data:`DEFAULT_LIMITS`."""
    d = DEFAULT_LIMITS
    options = [
        click.option(
            "--max-findings-per-file",
            type=click.IntRange(min=1),
            default=d.max_findings_per_file,
            show_default=True,
            metavar="N",
            help="Findings of one rule in one file (more are counted, MOD-42), and problems while "
            "reading one file (beyond them it is not read further, MOD-41).",
        ),
        click.option(
            "--max-line-length",
            type=click.IntRange(min=1),
            default=d.max_line_length,
            show_default=True,
            metavar="N",
            help="Characters in one line; a file with a longer line is not read (MOD-40).",
        ),
        click.option(
            "--max-depth",
            type=click.IntRange(min=1),
            default=d.max_depth,
            show_default=True,
            metavar="N",
            help="Nesting of mappings and lists; a deeper file is not read (MOD-8).",
        ),
        click.option(
            "--max-alias-nodes",
            type=click.IntRange(min=0),
            default=d.max_alias_nodes,
            show_default=True,
            metavar="N",
            help="Nodes that YAML aliases may expand to in one file; beyond it the file is not read (MOD-7).",
        ),
        click.option(
            "--max-files",
            type=click.IntRange(min=1),
            default=d.max_files,
            show_default=True,
            metavar="N",
            help="Files of one model; with more the check stops with exit code 2.",
        ),
        click.option(
            "--max-file-size",
            type=SizeType(),
            default=f"{d.max_file_bytes >> 20}M",
            show_default=True,
            metavar="SIZE",
            help="Size of one file (bytes, or with K, M, G); a larger file is not read (MOD-6).",
        ),
    ]
    for option in options:
        func = option(func)
    return func


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
@_limit_options
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
    max_file_size: int,
    max_files: int,
    max_alias_nodes: int,
    max_depth: int,
    max_line_length: int,
    max_findings_per_file: int,
) -> int:
    """Check the model in PATHS (files, or folders of *.yaml / *.yml files).

    Hidden files and folders (.git) are skipped, a file named twice is read once, and what is
    not a regular file (a pipe, a device) is reported, never opened for reading. Nothing in a
    file is executed or constructed; the limits below bound the cost of reading it.
    """
    limits = Limits(
        max_file_bytes=max_file_size,
        max_alias_nodes=max_alias_nodes,
        max_depth=max_depth,
        max_files=max_files,
        max_line_length=max_line_length,
        max_findings_per_file=max_findings_per_file,
    )
    result = check(
        paths,
        lang=lang or default_lang(),
        select=_split(select),
        ignore=_split(ignore),
        fail_on=None if fail_on == "never" else Severity.parse(fail_on),
        limits=limits,
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
