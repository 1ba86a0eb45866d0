"""Compiled schema checks that can only say "valid": a fast path in front of jsonschema.

fastjsonschema turns a schema into plain Python code, about fifteen times faster than jsonschema's
``iter_errors`` on large models, but its messages and error paths differ. So a document that the
compiled check accepts has no schema issue, and only a document that it refuses goes through
jsonschema, which produces every message exactly as before. The compiled check is made at least as
strict as jsonschema (below), so it can never accept what jsonschema refuses.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import sys
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from types import CodeType
from typing import Any

import fastjsonschema

from .packdata import SCHEMAS, schema_document

# jsonschema's "date" format: ASCII digits in the ISO form, and a real day of the calendar
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _is_date(text: Any) -> bool:
    if not isinstance(text, str):
        return True
    try:
        return bool(_DATE.fullmatch(text) and date.fromisoformat(text))
    except ValueError:
        return False


def _stricter(schema: Any) -> Any:
    """The schema with a ``type`` beside each numeric ``const``/``enum``: releases of
    fastjsonschema that compare with ``==`` would let ``true`` pass ``const: 1``, which jsonschema
    refuses (current ones refuse it too; the ``type`` makes it hold for every release)."""
    if isinstance(schema, list):
        return [_stricter(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: _stricter(v) for k, v in schema.items()}
    values = [out["const"]] if "const" in out else list(out.get("enum", ()))
    if values and "type" not in out and all(type(v) is int for v in values):
        out["type"] = "integer"
    return out


@cache
def compiled(kind: str) -> Callable[[Any], bool]:
    """A predicate: True when the data surely satisfies the schema of ``kind`` (see SCHEMAS)."""
    name, _, definition = SCHEMAS[kind].partition("#")
    schema = schema_document(name)
    if definition:
        schema = {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
    schema = {k: v for k, v in _stricter(schema).items() if k != "$schema"}
    root, code = _code(schema)
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # code that fastjsonschema generated from our own schema
    validate = namespace[root]
    formats = {"date": _is_date}

    def valid(data: Any) -> bool:
        try:
            validate(data, custom_formats=formats)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return valid


# --------------------------------------------------------------------------- compiled code cache

_CACHE_FORMAT = "1"


def cache_dir() -> Path:
    """Where compiled schema code is kept between runs: ``$XDG_CACHE_HOME/etom-check``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "etom-check"


def _code(schema: dict[str, Any]) -> tuple[str, CodeType]:
    """The name of a schema's validator and its compiled code, from the cache when an earlier run
    made it.

    Generating and compiling the code costs tens of milliseconds, a fifth of a cold start; the
    cache holds the code object (``marshal``), keyed by a hash of the schema, the fastjsonschema
    version and the Python version, so a change to any of them makes new code. The cache is only
    a saving: any failure to read or write it falls back to compiling."""
    text = json.dumps(schema, sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(
        "\x1f".join((_CACHE_FORMAT, fastjsonschema.VERSION, sys.version, text)).encode("utf-8")
    ).hexdigest()[:32]
    path = cache_dir() / f"schema-{key}.marshal"
    try:
        cached = marshal.loads(path.read_bytes())
        if (
            isinstance(cached, tuple)
            and len(cached) == 2
            and isinstance(cached[0], str)
            and isinstance(cached[1], CodeType)
        ):
            return cached[0], cached[1]
    except (OSError, ValueError, EOFError, TypeError):
        pass
    source = fastjsonschema.compile_to_code(schema, use_default=False)
    root = re.search(r"^def (\w+)\(", source, re.M)
    if root is None:  # pragma: no cover - fastjsonschema always defines the root validator
        raise RuntimeError("fastjsonschema generated no validator")
    code = compile(source, f"<schema {key}>", "exec")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps((root.group(1), code)))
        os.replace(temporary, path)
    except OSError:
        pass
    return root.group(1), code
