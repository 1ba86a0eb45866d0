"""The predicates generated from the schemas: current, and never more lenient than jsonschema,
keyword by keyword and on the rule kinds' options."""

from __future__ import annotations

import random
from typing import Any

import jsonschema
import pytest

from checker.engine.packs import options_valid
from checker.io.schemacheck import Unsupported, compile_predicate
from checker.kinds import KINDS
from checker.standard.rulepack import load_pack

from .schemachecks import sources
from .test_fast_paths import ODD_VALUES, _mutate


def test_the_generated_modules_are_those_the_schemas_give() -> None:
    for path, source in sources().items():
        assert path.read_text(encoding="utf-8") == source, f"{path.name}: run python -m tests.schemachecks"


def test_every_schema_and_kind_has_its_generated_predicate() -> None:
    """A schema or kind added without generating its predicate would be compiled on every run."""
    from checker.io import _schemachecks
    from checker.io.schemas import SCHEMAS, compiled
    from checker.kinds import _optionchecks

    assert set(_schemachecks.CHECKS) == set(SCHEMAS)
    assert set(_optionchecks.CHECKS) == set(KINDS)
    for kind in SCHEMAS:
        assert compiled(kind) is _schemachecks.CHECKS[kind], kind
    from checker.engine.packs import _options_predicate

    for name in KINDS:
        assert _options_predicate(name) is _optionchecks.CHECKS[name], name


# one schema per keyword the compiler takes, and values on each side of it
KEYWORD_SCHEMAS: list[dict[str, Any]] = [
    {"type": "integer"},
    {"type": "number"},
    {"type": ["string", "number"]},
    {"type": "boolean"},
    {"type": "null"},
    {"const": 1},
    {"const": "a"},
    {"const": True},
    {"const": None},
    {"enum": ["a", "b"]},
    {"minLength": 1, "maxLength": 2},
    {"pattern": "^[a-z]+$"},
    {"format": "date"},
    {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string"}},
    {"uniqueItems": True},
    {"required": ["a"], "maxProperties": 2},
    {
        "type": "object",
        "properties": {"a": {"type": "string"}},
        "patternProperties": {"^x-": {"type": "integer"}},
        "additionalProperties": False,
    },
    {"additionalProperties": {"type": "string"}, "properties": {"a": {}}},
    {"$ref": "#/$defs/t", "$defs": {"t": {"type": "string", "pattern": "\\S"}}},
]
VALUES: list[Any] = [
    *ODD_VALUES,
    "a",
    1.0,
    1.5,
    "ab",
    "abc",
    "a\n",
    "2024-02-29",
    "2023-02-29",
    [1, True],
    ["a", "a"],
    ["a", "b"],
    [["a"], ["a"]],
    {"a": "x"},
    {"a": 1},
    {"a": "x", "x-n": 1},
    {"a": "x", "x-n": "1"},
    {"b": "x"},
    {"a": "x", "b": 1, "c": 2},
    {"a": "x", "b": "y"},
]


@pytest.mark.parametrize("schema", KEYWORD_SCHEMAS, ids=lambda s: ",".join(sorted(s)))
def test_each_keyword_is_never_more_lenient_than_jsonschema(schema: dict[str, Any]) -> None:
    predicate = compile_predicate(schema)
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    verdicts = [(predicate(v), validator.is_valid(v)) for v in VALUES]
    lenient = [v for v, (fast, slow) in zip(VALUES, verdicts, strict=True) if fast and not slow]
    assert not lenient
    assert any(fast for fast, _ in verdicts) and any(not slow for _, slow in verdicts)


@pytest.mark.parametrize(
    "schema", [{"oneOf": [{}]}, {"$ref": "other.json"}, {"format": "email"}, {"const": 1.5}]
)
def test_what_the_compiler_does_not_take_is_said(schema: dict[str, Any]) -> None:
    with pytest.raises(Unsupported):
        compile_predicate(schema)


def test_the_options_of_every_rule_and_their_mutations() -> None:
    rng = random.Random(12)
    checked = 0
    for rule in load_pack().rules:
        schema = KINDS[rule.kind].options
        validator = jsonschema.Draft202012Validator(schema)
        assert options_valid(rule.kind, rule.options), rule.id
        for _ in range(20):
            mutated = _mutate(rng, rule.options)
            if options_valid(rule.kind, mutated):
                assert validator.is_valid(mutated), (rule.id, mutated)
            checked += 1
    assert checked > 500
