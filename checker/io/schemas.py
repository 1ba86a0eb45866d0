"""The JSON Schemas shipped with the checker, their jsonschema validators, and predicates that
can only say "valid": a fast path in front of jsonschema.

jsonschema's ``iter_errors`` is slow on large models, so a document is first given to a predicate
generated from the same schema (:mod:`.schemacheck`): a document it accepts has no schema issue,
and only a document that it refuses goes through jsonschema, which produces every message. The
predicates of the shipped schemas are generated ahead of time into ``_schemachecks``, each with
the digest of the schema it was made from, so no code is made while a model is checked; a schema
that has changed since is compiled in memory.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .schemacheck import Unsupported, compile_predicate, digest

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

    schema = effective(kind)
    cls = with_ecma_end(jsonschema.validators.validator_for(schema))
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def end_anchored(pattern: str) -> str:
    """A pattern whose final ``$`` is the end of the text, as in the regular expressions of JSON
    Schema (ECMA-262), not also the place before a final line break, as in Python's: ``"COV-1\n"``
    is no rule id."""
    return pattern[:-1] + "\\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern


def with_ecma_end(cls: Any) -> Any:
    """A jsonschema validator class whose ``pattern`` reads a final ``$`` as :func:`end_anchored`
    does (the generated predicates read it so too)."""
    import re

    import jsonschema

    def pattern(validator: Any, value: str, instance: Any, schema: dict[str, Any]) -> Any:
        if validator.is_type(instance, "string") and re.search(end_anchored(value), instance) is None:
            yield jsonschema.ValidationError(f"{instance!r} does not match {value!r}")

    return jsonschema.validators.extend(cls, {"pattern": pattern})


def effective(kind: str) -> dict[str, Any]:
    """The schema of one kind of data (see SCHEMAS); ``file#def`` is a ``$defs`` entry."""
    name, _, definition = SCHEMAS[kind].partition("#")
    schema = schema_document(name)
    if definition:
        schema = {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
    return schema


@cache
def schemas_digest() -> str:
    """sha256 over every shipped schema's bytes, in the order of the names: what the results of
    reading and of the schema checks depend on (a cached result is used only for this digest)."""
    hashed = hashlib.sha256()
    folder = resources.files("checker").joinpath("schema")
    for name in sorted({n.partition("#")[0] for n in SCHEMAS.values()}):
        data = folder.joinpath(name).read_bytes()
        hashed.update(f"{name}\0{len(data)}\0".encode())
        hashed.update(data)
    return hashed.hexdigest()


@cache
def compiled(kind: str) -> Callable[[Any], bool]:
    """A predicate: True when the data surely satisfies the schema of ``kind`` (see SCHEMAS)."""
    try:
        from . import _schemachecks as generated
    except ImportError:  # pragma: no cover - the module ships; without it, one is made in memory
        return predicate(kind, effective(kind), {}, {})
    return predicate(kind, effective(kind), generated.CHECKS, generated.DIGESTS)


def predicate(
    name: str, schema: Any, checks: dict[str, Callable[[Any], bool]], digests: dict[str, str]
) -> Callable[[Any], bool]:
    """The generated predicate of a schema when it was made from this very schema, else one made
    in memory; for a schema the compiler cannot take, one that refuses everything (jsonschema
    then judges every document)."""
    if digests.get(name) == digest(schema):
        return checks[name]
    try:
        made: Callable[[Any], bool] = compile_predicate(schema)
    except Unsupported:
        return _refuse
    return made


def _refuse(data: Any) -> bool:
    return False
