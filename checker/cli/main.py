"""The ``etom-check`` command line: parsing and exit codes only; the work is done elsewhere."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from .._version import __version__
from ..engine.baseline import render_baseline
from ..engine.describe import clause_text
from ..engine.packs import pack_for
from ..i18n import Localised, Term, default_lang, term
from ..io.output import append, check_destination, write
from ..io.reading import LIBYAML
from ..io.schemas import schema_document
from ..reporters import REPORTERS, github, text
from ..standard.rulepack import DEFAULT_STANDARD
from .crosswalk import crosswalk_command
from .errors import BadParameter, Language, UsageError, click_text, line
from .options import extra_rules_option, lang_option
from .run import configured, destinations, model_options, run_check
from .views import graph_command, init_command, report_command

EXIT_OK, EXIT_USAGE = 0, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="etom-check")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def cli(debug: bool) -> None:
    """Check an eTOM process model against GOST R 53633.3-2009 (level-2 CRM elements)."""
    if debug and not LIBYAML:
        click.echo(
            "etom-check: note: PyYAML has no libyaml here; files are read with the pure-Python "
            "parser, several times slower (see docs/performance.md)",
            err=True,
        )


REPORT_HELP = (
    "Also write a report in another format: FORMAT:FILE (FILE '-' is standard output); repeat for "
    "several, e.g. --report sarif:results.sarif --report junit:junit.xml."
)


@cli.command("check")
@model_options
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
@click.option("--report", multiple=True, metavar="FORMAT:FILE", help=REPORT_HELP)
@click.option("--write-baseline", default=None, metavar="FILE", help="Record the current findings in FILE.")
@click.option("-q", "--quiet", is_flag=True, help="Text format: print only the summary.")
@click.option("--statistics", is_flag=True, help="Text format: print the count of findings by rule.")
@click.pass_context
def check_command(ctx: click.Context, /, **params: Any) -> int:
    """Check the model in PATHS (files, or folders of *.yaml / *.yml files).

    PATHS may also come from the configuration (paths = ["model"]). Hidden files and folders
    (.git) are skipped, a file named twice is read once, and what is not a regular file (a pipe,
    a device) is reported, never opened for reading. Nothing in a file is executed or
    constructed; the limits below bound the cost of reading it (docs/security.md).
    """
    params = configured(ctx, params)
    outputs = [(params["fmt"], params["output"]), *(parse_report(r) for r in params["report"])]
    places = destinations(
        [d for _, d in outputs] + ([params["write_baseline"]] if params["write_baseline"] else [])
    )
    repeated = sorted({d for d in places if places.count(d) > 1})
    if repeated:
        raise UsageError("e-two-outputs", shown=Term("e-stdout") if repeated[0] == "-" else repeated[0])
    result = run_check(params)
    protected = [f.path for f in result.files]
    for destination in [d for _, d in outputs] + [params["write_baseline"]]:
        check_destination(destination, protected)
    for fmt, destination in outputs:
        if fmt == "text":
            rendered = text.render(result.view, quiet=params["quiet"], stats=params["statistics"])
        else:
            rendered = REPORTERS[fmt](result.view)
        write(rendered, destination, protected=protected)
    if params["write_baseline"]:
        everything = [*result.findings, *result.hidden]
        recorded = render_baseline(everything, result.integrity)
        write(recorded, params["write_baseline"], protected=protected)
        count = recorded.count('"fingerprint"')
        click.echo(
            term("baseline-written", result.lang, {"file": params["write_baseline"], "count": count}),
            err=True,
        )
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file and any(fmt == "github" for fmt, _ in outputs):
        append(github.step_summary(result.view), summary_file)
    return result.exit_code


def parse_report(value: str) -> tuple[str, str]:
    """``FORMAT:FILE`` of ``--report``."""
    fmt, sep, destination = value.partition(":")
    if not sep or not destination:
        raise BadParameter("e-report-form", param_hint="--report", value=value)
    if fmt not in REPORTERS:
        formats = ", ".join(sorted(REPORTERS))
        raise BadParameter("e-report-format", param_hint="--report", value=value, fmt=fmt, formats=formats)
    return fmt, destination


@cli.command("rules")
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@extra_rules_option
def rules_command(lang: str | None, fmt: str, rule_files: tuple[str, ...]) -> int:
    """List every rule: id, severity, clause of the standard, title."""
    from .explain import rule_table  # here, as in explain: check need not import it

    pack = pack_for(DEFAULT_STANDARD, rule_files)
    lang = lang or default_lang()
    if fmt == "json":
        rows = [
            {
                "id": r.id,
                "severity": r.severity.label,
                "kind": r.kind,
                "clause": clause_text(r, lang),
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
@extra_rules_option
def explain_command(rule: str, lang: str | None, rule_files: tuple[str, ...]) -> int:
    """Explain one rule: what it requires, where it comes from, why, and examples."""
    from .explain import describe

    pack = pack_for(DEFAULT_STANDARD, rule_files)
    found = pack.rule(rule.strip().upper())
    if found is None:
        from ..model.suggest import Suggester

        closest = Suggester([r.id for r in pack.rules]).closest(rule.strip().upper())
        hint = Term("hint-closest" if closest else "t-none")
        raise UsageError("e-unknown-rule", rule=rule, closest=closest or "", hint=hint)
    click.echo(describe(found, pack, lang or default_lang()))
    return EXIT_OK


@cli.command("schema")
def schema_command() -> int:
    """Print the JSON Schema of the model format (for editors)."""
    click.echo(json.dumps(schema_document("model.schema.json"), ensure_ascii=False, indent=2))
    return EXIT_OK


for _command in (report_command, graph_command, init_command, crosswalk_command):
    cli.add_command(_command)


def _fail(message: str, lang: str) -> None:
    click.echo(line(message, lang), err=True)
    sys.exit(EXIT_USAGE)


def _tolerant_streams() -> None:
    """A terminal that cannot show a character (``LANG=C``, ``PYTHONIOENCODING=latin-1``) gets
    a replacement for it instead of a failed run; files are always written as UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            with contextlib.suppress(ValueError, OSError):  # a closed or detached stream
                reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; exit 0, 1 or 2 as the documentation says, never with a traceback
    unless ``--debug`` is given."""
    args = list(sys.argv[1:] if argv is None else argv)
    _tolerant_streams()
    language = Language.of(args)
    try:
        code: Any = cli.main(args=args, prog_name="etom-check", standalone_mode=False, obj=language)
    except click.exceptions.NoArgsIsHelpError as exc:  # pragma: no cover - click >= 8.2 only
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        _fail(click_text(exc, language.now()), language.now())
    except click.Abort:
        _fail(term("e-interrupted", language.now()), language.now())
    except Localised as exc:  # the configuration, a baseline, an output, a rule pack, the paths ...
        _fail(exc.text(language.now()), language.now())
    except Exception as exc:
        if "--debug" in args:
            raise
        lang = language.now()
        _fail(term("e-internal", lang, {"kind": type(exc).__name__, "detail": exc}), lang)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def entry() -> None:
    """The ``etom-check`` command and ``python -m checker``: :func:`main`, then the process ends
    at once, its output flushed, as mypy's does: taking down the millions of objects of a large
    model one by one costs more than a tenth of a run, and nothing is left to do with them. The
    cyclic collector stays off for the whole command (the engine pauses it while it checks and
    describes a model; rendering and writing the outputs make no cycles worth collecting)."""
    gc.disable()
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):  # pragma: no cover - main exits with ints
            print(exc.code, file=sys.stderr)
    else:  # pragma: no cover - main always exits
        code = EXIT_OK
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed or broken pipe
            stream.flush()
    os._exit(code)
