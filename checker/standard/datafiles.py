"""Reading the data that drives the checker (catalogue, rule packs) safely and strictly.

A broken data file stops the run: :class:`PackError` carries its file and line, and the command
line turns it into exit code 2.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..i18n import TERMS, Localised, Term, phrase, term
from ..io.cache import Cache
from ..io.files import NotRegular, read_bytes
from ..io.reading import DEFAULT_LIMITS, Limits, os_reason, read_document
from ..io.schemas import compiled, validator


class PackError(Localised):
    """A catalogue, rule pack or rule file that cannot be used: at ``file:line:column``, what is
    wrong (a term of :data:`~checker.i18n.TERMS`, ``message`` its English text)."""

    def __init__(self, file: str, line: int, column: int, key: str, /, **params: Any) -> None:
        self.file, self.line, self.column = file, line, column
        super().__init__(key, **params)
        self.message = phrase(key, "en", params)

    def text(self, lang: str) -> str:
        return f"{self.file}:{self.line}:{self.column}: {phrase(self.key, lang, self.params)}"


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
        unread = term(exc.kind, "en")
        raise PackError(display, 1, 1, "pk-cannot-read", error=unread, reason=Term(exc.kind)) from None
    except OSError as exc:
        error = exc.strerror or str(exc)
        raise PackError(
            display, 1, 1, "pk-cannot-read", error=error, reason=os_reason(exc), raw=error
        ) from None
    if isinstance(raw, int):
        raise PackError(display, 1, 1, "pk-too-large", size=raw, limit=limit)
    accept = compiled(kind) if kind is not None else None
    doc, problems = read_document(raw, display, Limits(), cache, kind="data", accept=accept)
    if problems:
        p = problems[0]
        key = f"pk-{p.code}" if f"pk-{p.code}" in TERMS else "pk-other"
        raise PackError(display, p.line, p.column, key, code=p.code, subject=p.subject, **p.args)
    if doc is None:  # pragma: no cover - parse_bytes reports a problem whenever it gives None
        raise PackError(display, 1, 1, "pk-not-mapping")
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
    where = "/".join(str(p) for p in error.absolute_path) or Term("s-top")
    raise PackError(display, line, column, "pk-schema", where=where, **schema_detail(error))


def schema_detail(error: Any) -> dict[str, Any]:
    """What a schema refuses, for a message: ``error`` (jsonschema's English words) and
    ``detail`` (a term with its arguments) of a jsonschema ``ValidationError``."""
    keyword, value, instance = error.validator, error.validator_value, error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    out: dict[str, Any] = {"error": error.message, "keyword": keyword}
    if keyword == "required" and isinstance(instance, dict):
        missing = [k for k in value if k not in instance]
        return out | {"detail": Term("s-required"), "name": missing[0] if missing else value[0]}
    if keyword == "additionalProperties" and isinstance(instance, dict):
        extra = [k for k in instance if k not in schema.get("properties", {})]
        return out | {"detail": Term("s-unknown-key"), "name": extra[0] if extra else ""}
    if keyword == "type":
        name = value if isinstance(value, str) else value[0]
        return out | {"detail": Term("s-type"), "expected": Term(name) if name in TERMS else name}
    if keyword == "const":
        return out | {"detail": Term("c-const"), "expected": value}
    if keyword == "enum":
        return out | {"detail": Term("c-enum"), "expected": ", ".join(map(str, value))}
    if keyword == "minLength":
        return out | {"detail": Term("c-empty")}
    if keyword == "maxLength":
        return out | {"detail": Term("c-too-long"), "limit": value}
    if keyword == "minItems":
        return out | {"detail": Term("c-empty-list")}
    if keyword == "pattern":
        return out | {"detail": Term("s-pattern"), "pattern": value}
    return out | {"detail": Term("c-other")}


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
