"""Configuration files: ``[tool.etom-check]`` in pyproject.toml, ``[etom-check]`` in setup.cfg,
or the file given with ``--config``.

Keys mirror the long options of ``check`` (``fail-on = "warning"``, ``reports = [...]``); an
unknown key or a bad value stops the run naming the file and the key. Paths are relative to the
folder of the configuration file. Options given on the command line win.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import Localised, Term

PYPROJECT, SETUP_CFG = "pyproject.toml", "setup.cfg"
SECTION = "etom-check"

# key of the file -> name of the option's parameter
KEYS = {
    "paths": "paths",
    "format": "fmt",
    "output": "output",
    "lang": "lang",
    "select": "select",
    "ignore": "ignore",
    "fail-on": "fail_on",
    "rules": "rules",
    "baseline": "baseline",
    "write-baseline": "write_baseline",
    "reports": "report",
    "no-waivers": "no_waivers",
    "quiet": "quiet",
    "statistics": "statistics",
    "max-file-size": "max_file_size",
    "max-files": "max_files",
    "max-alias-nodes": "max_alias_nodes",
    "max-depth": "max_depth",
    "max-line-length": "max_line_length",
    "max-findings-per-file": "max_findings_per_file",
    "exclude": "exclude",
    "new-since": "new_since",
    "no-cache": "no_cache",
    "cache-dir": "cache_dir",
    "jobs": "jobs",
}
LISTS = {"paths", "select", "ignore", "rules", "reports", "exclude"}
# keys that only ``check`` has (its output); ``report`` and ``graph`` read every other key
CHECK_ONLY = {"format", "output", "reports", "write-baseline", "quiet", "statistics"}
PATHS = {"paths", "output", "rules", "baseline", "write-baseline", "cache-dir"}
FLAGS = {"no-waivers", "quiet", "statistics", "no-cache"}


class ConfigError(Localised):
    """A configuration file that cannot be used."""


@dataclass(frozen=True)
class Config:
    file: str
    values: dict[str, Any]  # key of the file (dashes) -> value, paths relative to the working folder


def find_config(explicit: str | None, folder: Path | None = None) -> Config | None:
    """The configuration to use: the explicit file, else the first of pyproject.toml (with a
    ``[tool.etom-check]`` table) and setup.cfg (with an ``[etom-check]`` section) in ``folder``."""
    if explicit is not None:
        return read_config(explicit, required=True)
    here = folder or Path(".")
    for name in (PYPROJECT, SETUP_CFG):
        path = here / name
        if path.is_file():
            found = read_config(str(path) if folder else name, required=False)
            if found is not None:
                return found
    return None


def read_config(file: str, *, required: bool) -> Config | None:
    path = Path(file)
    if not path.is_file():
        raise ConfigError("cfg-missing", file=file)
    raw = _read_toml(file) if path.suffix == ".toml" else _read_ini(file, required)
    if raw is None:
        if required:
            key = "cfg-no-table" if path.suffix == ".toml" else "cfg-no-section"
            raise ConfigError(key, file=file, section=_section_name(file))
        return None
    return Config(file, _normalise(file, raw))


def _section_name(file: str) -> str:
    return f"tool.{SECTION}" if Path(file).suffix == ".toml" else SECTION


def _read_toml(file: str) -> dict[str, Any] | None:
    import tomllib  # here: most runs read no configuration

    try:
        with open(file, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, UnicodeDecodeError) as exc:
        raise _unreadable(file, exc) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("cfg-toml", file=file, error=exc, place=_place(file, exc)) from None
    tool = data.get("tool")
    table = tool.get(SECTION) if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError("cfg-not-table", file=file, section=f"tool.{SECTION}")
    if table is not None or Path(file).name == PYPROJECT:
        return table
    # a file of our own: its keys, beside any tables of other tools (an empty file is an empty
    # configuration; one with only other tools' tables has none of ours)
    own = {key: value for key, value in data.items() if key != "tool" or not isinstance(tool, dict)}
    return own if own or not isinstance(tool, dict) else None


def _read_ini(file: str, required: bool) -> dict[str, Any] | None:
    import configparser

    # no default section: the keys of a foreign [DEFAULT] section are not ours
    parser = configparser.ConfigParser(interpolation=None, default_section="\0")
    try:
        with open(file, encoding="utf-8") as handle:
            parser.read_file(handle)
    except (OSError, UnicodeDecodeError) as exc:
        raise _unreadable(file, exc) from None
    except configparser.Error as exc:
        error = " ".join(str(exc).split())
        raise ConfigError("cfg-ini", file=file, error=error, place=_place(file, exc)) from None
    if not parser.has_section(SECTION):
        return None
    out: dict[str, Any] = {}
    for key, value in parser.items(SECTION):
        key = key.replace("_", "-")
        if key in LISTS:
            out[key] = [p.strip() for p in value.replace("\n", ",").split(",") if p.strip()]
        else:
            out[key] = value.strip()
    return out


def _normalise(file: str, raw: dict[str, Any]) -> dict[str, Any]:
    folder = os.path.dirname(file)
    out: dict[str, Any] = {}
    for key, value in raw.items():
        key = key.replace("_", "-")
        if key not in KEYS:
            raise ConfigError("cfg-unknown-key", file=file, key=key, known=", ".join(sorted(KEYS)))
        if key in LISTS:
            if isinstance(value, str):
                value = [p.strip() for p in value.split(",") if p.strip()]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError("cfg-expected", file=file, key=key, expected=Term("x-list"))
            if key in PATHS and not all(v.strip() for v in value):
                raise ConfigError("cfg-expected", file=file, key=key, expected=Term("x-paths"))
        else:
            _check_scalar(file, key, value)
        if key in PATHS and folder:
            value = [_join(folder, v) for v in value] if isinstance(value, list) else _join(folder, value)
        if key == "reports" and folder:
            value = [_join_report(folder, v) for v in value]
        out[key] = value
    return out


def _check_scalar(file: str, key: str, value: Any) -> None:
    """A single value of the right sort (a table, a list or a date is never one; true or false
    only for a flag; a path is text)."""
    if key in FLAGS:
        ok = isinstance(value, (bool, str))
        expected = "x-flag"
    elif key in PATHS:
        ok = isinstance(value, str) and value.strip() != ""
        expected = "x-path"
    else:
        ok = isinstance(value, (str, int)) and not isinstance(value, bool)
        expected = "x-scalar"
    if not ok:
        raise ConfigError("cfg-expected", file=file, key=key, expected=Term(expected))


def _unreadable(file: str, exc: OSError | UnicodeDecodeError) -> ConfigError:
    from ..io.reading import os_reason

    reason = os_reason(exc) if isinstance(exc, OSError) else Term("e-not-utf8")
    raw = exc.strerror if isinstance(exc, OSError) else ""
    return ConfigError("cfg-unreadable", file=file, error=exc, reason=reason, raw=raw)


def _place(file: str, exc: Exception) -> str:
    """``FILE:LINE:COLUMN`` (or ``FILE:LINE``) of a syntax error, when the parser tells it."""
    import re

    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    errors = getattr(exc, "errors", None)
    if line is None and errors:  # configparser.ParsingError: (line, text) of each line refused
        line = errors[0][0]
    if line is None:  # tomllib before Python 3.14 says it only in its message
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (None, None)
    if line is None:
        return file
    return f"{file}:{line}:{column}" if column is not None else f"{file}:{line}"


def _join(folder: str, value: Any) -> Any:
    if not isinstance(value, str) or value == "-" or os.path.isabs(value):
        return value
    return os.path.normpath(os.path.join(folder, value))


def _join_report(folder: str, value: str) -> str:
    fmt, sep, target = value.partition(":")
    return f"{fmt}{sep}{_join(folder, target)}" if sep else value
