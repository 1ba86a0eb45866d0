"""Reading the data that drives the checker (catalogue, rule packs) safely and strictly.

A broken data file stops the run: :class:`PackError` carries its file and line, and the command
line turns it into exit code 2.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..i18n import Term, term
from ..io.cache import Cache
from ..io.files import NotRegular, read_bytes
from ..io.reading import DEFAULT_LIMITS, Limits, read_document
from ..io.schemas import compiled, validator

# what reading a data file can find wrong, as the one line of exit code 2 says it
_PROBLEMS = {
    "yaml-syntax": "YAML syntax error: {detail}",
    "encoding": "not UTF-8 (invalid byte {byte})",
    "not-mapping": "not a YAML mapping",
    "duplicate-key": "duplicate key '{key}' (first given on line {first_line})",
    "tag": "the YAML tag {tag} is not allowed",
    "file-too-large": "larger than {limit} bytes",
    "alias-limit": "YAML aliases expand to more than {limit} nodes",
    "too-deep": "nested deeper than {limit} levels",
    "unreadable": "cannot read: {detail}",
    "line-too-long": "a line is longer than {limit} characters",
    "too-many-problems": "too many problems",
}


class PackError(Exception):
    """A catalogue, rule pack or rule file that cannot be used."""

    def __init__(self, file: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{file}:{line}:{column}: {message}")
        self.file, self.line, self.column, self.message = file, line, column, message


def rules_dir() -> Path:
    """The ``rules/`` folder: installed as ``checker/rules``, or beside ``checker/`` in a source tree."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "rules"
    return installed if installed.is_dir() else package.parent / "rules"


def read_yaml(
    path: Path, display: str, cache: Cache | None = None, kind: str | None = None
) -> tuple[Any, Any]:
    """A data file as (data, positions), through ``cache`` when one is given; any problem
    reading it is a :class:`PackError`. What the cache kept for a file whose schema (``kind``)
    is given counts only when it satisfies the schema: an entry changed by hand is read anew
    from the file, never a reason to stop."""
    limit = DEFAULT_LIMITS.max_file_bytes
    try:
        raw = read_bytes(path, limit)  # a regular file only (a pipe would block), and bounded
    except NotRegular as exc:
        raise PackError(display, 1, 1, f"cannot read: {term(exc.kind, 'en')}") from None
    except OSError as exc:
        raise PackError(display, 1, 1, f"cannot read: {exc.strerror or exc}") from None
    if isinstance(raw, int):
        raise PackError(display, 1, 1, f"cannot read: {raw} bytes, more than the limit of {limit}")
    accept = compiled(kind) if kind is not None else None
    doc, problems = read_document(raw, display, Limits(), cache, kind="data", accept=accept)
    if problems:
        p = problems[0]
        text = _PROBLEMS.get(p.code, p.code)
        args = {k: term(v, "en", p.args) if isinstance(v, Term) else v for k, v in p.args.items()}
        raise PackError(display, p.line, p.column, text.format_map({"subject": p.subject, **args}))
    if doc is None:  # pragma: no cover - parse_bytes reports a problem whenever it gives None
        raise PackError(display, 1, 1, "not a YAML mapping")
    return doc.data, doc.positions


def check_against(kind: str, data: Any, positions: Any, display: str) -> None:
    """Validate data against its schema; the first error (by position) is a :class:`PackError`."""
    if compiled(kind)(data):
        return
    errors = list(validator(kind).iter_errors(data))
    if not errors:
        return
    located = sorted(((_position(data, positions, e), e) for e in errors), key=lambda pair: pair[0])
    (line, column), error = located[0]
    where = "/".join(str(p) for p in error.absolute_path) or "(top)"
    raise PackError(display, line, column, f"{where}: {error.message}")


def _position(data: Any, positions: Any, error: Any) -> tuple[int, int]:
    """Where an error shows: an unexpected key at the key itself, anything else at its value."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        if extra:
            position: tuple[int, int] = positions.key(data, (*path, extra[0]))
            return position
    value: tuple[int, int] = positions.value(data, path)
    return value


K = TypeVar("K")
V = TypeVar("V")


class once_per_key(Generic[K, V]):
    """``function(key, files)`` remembered by its key alone: ``files``, a cache of reading results,
    never changes what a file says, so whichever call comes first gives the answer."""

    def __init__(self, function: Callable[[K, Cache | None], V]) -> None:
        self.function = function
        self.memo: dict[K, V] = {}
        defaults = function.__defaults__ or ()
        self.default: K | None = defaults[0] if len(defaults) == 2 else None
        functools.update_wrapper(self, function)

    def __call__(self, key: K | None = None, files: Cache | None = None) -> V:
        if key is None:
            if self.default is None:
                raise TypeError(f"{self.function.__name__}() needs its first argument")
            key = self.default
        if key not in self.memo:
            self.memo[key] = self.function(key, files)
        return self.memo[key]

    def cache_clear(self) -> None:
        self.memo.clear()


def load_data_file(name: str, kind: str, cache: Cache | None = None) -> Any:
    """A file from ``rules/`` validated against its schema."""
    path = rules_dir() / name
    display = f"rules/{name}"
    data, positions = read_yaml(path, display, cache, kind)
    check_against(kind, data, positions, display)
    return data
