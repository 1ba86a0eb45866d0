"""Options shared by the commands of the command line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import click

from ..i18n import LANGS
from ..io.sources import DEFAULT_LIMITS, Limits
from .errors import BadParameter

FAIL_ON = ("error", "warning", "info", "never")


def split_ids(values: Sequence[str]) -> list[str]:
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
_SIZE = re.compile(r"\s*([0-9]+)\s*([KMG]?)(?:I?B)?\s*\Z", re.IGNORECASE)


class SizeType(click.ParamType):  # type: ignore[type-arg]
    """A size in bytes: a whole number, optionally with K, M or G (binary: 1K = 1024 bytes)."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            if value <= 0:
                raise BadParameter("e-size-zero", param=param, ctx=ctx, value=value)
            return value
        match = _SIZE.match(str(value))
        if match is None or int(match.group(1)) == 0:
            raise BadParameter("e-size", param=param, ctx=ctx, value=value)
        return int(match.group(1)) * _UNITS[match.group(2).upper()]


# option -> (field of Limits, smallest value, help), in the order --help lists them
LIMIT_OPTIONS: dict[str, tuple[str, int, str]] = {
    "--max-file-size": (
        "max_file_bytes",
        1,
        "Size of one file (bytes, or with K, M, G); a larger file is not read (MOD-6).",
    ),
    "--max-files": ("max_files", 1, "Files of one model; with more the check stops with exit code 2."),
    "--max-alias-nodes": (
        "max_alias_nodes",
        0,
        "Nodes that YAML aliases may expand to in one file; beyond it the file is not read (MOD-7).",
    ),
    "--max-depth": ("max_depth", 1, "Nesting of mappings and lists; a deeper file is not read (MOD-8)."),
    "--max-line-length": (
        "max_line_length",
        1,
        "Characters in one line; a file with a longer line is not read (MOD-40).",
    ),
    "--max-findings-per-file": (
        "max_findings_per_file",
        1,
        "Findings of one rule in one file (more are counted, MOD-42), and problems while "
        "reading one file (beyond them it is not read further, MOD-41).",
    ),
}


def _param(option: str) -> str:
    return option.lstrip("-").replace("-", "_")


def limit_options(func: Any) -> Any:
    """The bounds on reading the model (docs/security.md); defaults are :data:`DEFAULT_LIMITS`."""
    for option, (field, smallest, help_text) in reversed(LIMIT_OPTIONS.items()):
        default = getattr(DEFAULT_LIMITS, field)
        size = option == "--max-file-size"
        func = click.option(
            option,
            type=SizeType() if size else click.IntRange(min=smallest),
            default=f"{default >> 20}M" if size else default,
            show_default=True,
            metavar="SIZE" if size else "N",
            help=help_text,
        )(func)
    return func


def limits_from(params: dict[str, Any]) -> Limits:
    """The :class:`Limits` that the options of :func:`limit_options` give."""
    return Limits(**{field: params[_param(option)] for option, (field, _, _) in LIMIT_OPTIONS.items()})


class JobsType(click.ParamType):  # type: ignore[type-arg]
    """``auto`` (None: by the model's size) or a number of worker processes (1: none)."""

    name = "jobs"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int | None:
        if value is None or (isinstance(value, str) and value.strip().lower() == "auto"):
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            number = 0
        if number < 1 or isinstance(value, bool):
            raise BadParameter("e-jobs", param=param, ctx=ctx, value=value)
        return number


jobs_option = click.option(
    "--jobs",
    type=JobsType(),
    default="auto",
    show_default=True,
    metavar="N",
    help="Parse the files that the cache does not hold in N worker processes (1: none; auto: one "
    "for each processor, on a model of a megabyte or more). Results are the same either way.",
)


lang_option = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Language of messages (default: from the locale, else ru).",
)


extra_rules_option = click.option(
    "--rules",
    "rule_files",
    multiple=True,
    metavar="PACK",
    help="Include a custom rule pack (YAML). Repeatable.",
)


fail_on_option = click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="The lowest severity that fails the gate.",
)
