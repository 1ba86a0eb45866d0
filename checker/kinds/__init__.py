"""The rule kinds: small generators that yield what is wrong and where, and ``KINDS``.

A kind never formats a message, sets a severity or computes a line number: it yields
:class:`Fact` records and the engine stamps the rule's identity and place on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from . import model, standard, waivers
from .context import Context, Fact

Check = Callable[[Context, dict[str, Any]], Iterator[Fact]]

# When a kind runs: ``main`` first; ``waivers`` once the waivers are applied to the findings of
# ``main``; ``last`` when every other rule has been counted.
PHASES = ("main", "waivers", "last")


@dataclass(frozen=True)
class Kind:
    """What a kind is: its check, the category of its findings, when it runs, and whether it
    looks at the whole model (held back when a file of the model could not be read, since what
    it would say may depend on that file)."""

    check: Check
    category: str
    phase: str = "main"
    whole_model: bool = False
    integrity: bool = False  # why a file could not be used: never waived nor baselined


KINDS: dict[str, Kind] = {
    "coverage": Kind(standard.coverage, "coverage", whole_model=True),
    "partial-coverage": Kind(standard.partial_coverage, "coverage", whole_model=True),
    "external-coverage": Kind(standard.external_coverage, "coverage", whole_model=True),
    "interface": Kind(standard.interface, "interface", whole_model=True),
    "functions": Kind(standard.functions, "function", whole_model=True),
    "input": Kind(model.input_problems, "model", integrity=True),
    "schema": Kind(model.schema_problems, "model"),
    "finding-limit": Kind(model.finding_limit, "model", phase="last"),
    "unique-process-ids": Kind(model.unique_process_ids, "model"),
    "interface-targets": Kind(model.interface_targets, "model", whole_model=True),
    "definition-typos": Kind(model.definition_typos, "model", whole_model=True),
    "self-interfaces": Kind(model.self_interfaces, "model"),
    "known-elements": Kind(model.known_elements, "model"),
    "known-subelements": Kind(model.known_subelements, "model"),
    "outside-scope": Kind(model.outside_scope, "model"),
    "known-functions": Kind(model.known_functions, "model"),
    "function-elements": Kind(model.function_elements, "model"),
    "organisation-missing": Kind(model.organisation_missing, "model", whole_model=True),
    "organisation-repeated": Kind(model.organisation_repeated, "model"),
    "known-standard": Kind(model.known_standard, "model"),
    "waiver-expired": Kind(waivers.waiver_expired, "model", phase="waivers"),
    "waiver-unused": Kind(waivers.waiver_unused, "model", phase="waivers", whole_model=True),
    "waiver-unknown-rule": Kind(waivers.waiver_unknown_rule, "model", phase="waivers"),
    "waiver-not-waivable": Kind(waivers.waiver_not_waivable, "model", phase="waivers"),
    "waiver-broad": Kind(waivers.waiver_broad, "model", phase="waivers"),
    "placeholders": Kind(model.placeholders, "coverage"),
}

__all__ = ["KINDS", "PHASES", "Check", "Context", "Fact", "Kind"]
