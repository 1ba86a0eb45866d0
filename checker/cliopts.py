"""Options shared by the commands of the command line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import click

from .i18n import LANGS
from .sources import DEFAULT_LIMITS

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
                self.fail(f"{value!r} is not a size: it must be at least 1 byte", param, ctx)
            return value
        match = _SIZE.match(str(value))
        if match is None or int(match.group(1)) == 0:
            self.fail(f"{value!r} is not a size such as 65536, 512K, 64M or 1G", param, ctx)
        return int(match.group(1)) * _UNITS[match.group(2).upper()]


def limit_options(func: Any) -> Any:
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
