"""The JSON Schemas shipped with the checker, their jsonschema validators, and compiled checks
that can only say "valid": a fast path in front of jsonschema.

fastjsonschema turns a schema into plain Python code, about fifteen times faster than jsonschema's
``iter_errors`` on large models, but its messages and error paths differ. So a document that the
compiled check accepts has no schema issue, and only a document that it refuses goes through
jsonschema, which produces every message exactly as before. The compiled check is made at least as
strict as jsonschema (below), so it can never accept what jsonschema refuses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from importlib import resources
from types import CodeType
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:
    import jsonschema


SCHEMAS = {
    "catalogue": "catalogue.schema.json",
    "manifest": "rulepack.schema.json#manifest",
    "rule": "rulepack.schema.json#rule",
    "custom": "rulepack.schema.json#custom",
    "crosswalk": "rulepack.schema.json#crosswalk",
    "model": "model.schema.json",
}


@cache
def schema_document(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``checker/schema``."""
    text = resources.files("checker").joinpath("schema").joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def validator(kind: str) -> jsonschema.protocols.Validator:
    """A validator for one kind of data file; ``file#def`` validates against a ``$defs`` entry.

    jsonschema is imported here, on first need: most runs never need it (see :func:`compiled`)."""
    import jsonschema

    name, _, definition = SCHEMAS[kind].partition("#")
    schema = schema_document(name)
    if definition:
        schema = {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


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


def _code(schema: dict[str, Any]) -> tuple[str, CodeType]:
    """The name of a schema's validator and its compiled code.

    The code is made in memory on each run (about ten milliseconds) and never kept on disk: code
    read back from a cache folder would be code that anyone able to write there could change."""
    source = fastjsonschema.compile_to_code(schema, use_default=False)
    root = re.search(r"^def (\w+)\(", source, re.M)
    if root is None:  # pragma: no cover - fastjsonschema always defines the root validator
        raise RuntimeError("fastjsonschema generated no validator")
    return root.group(1), compile(source, "<etom-check schema>", "exec")
