"""The rule kinds: small generators that yield what is wrong and where, and ``KINDS``.

A kind never formats a message, sets a severity or computes a line number: it yields
:class:`Fact` records and the engine stamps the rule's identity and place on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from . import model, standard, waivers
from .context import Context, Fact

Kind = Callable[[Context, dict[str, Any]], Iterator[Fact]]

# kind name -> (function, category of its findings)
KINDS: dict[str, tuple[Kind, str]] = {
    "coverage": (standard.coverage, "coverage"),
    "partial-coverage": (standard.partial_coverage, "coverage"),
    "external-coverage": (standard.external_coverage, "coverage"),
    "interface": (standard.interface, "interface"),
    "functions": (standard.functions, "function"),
    "input": (model.input_problems, "model"),
    "schema": (model.schema_problems, "model"),
    "finding-limit": (model.finding_limit, "model"),
    "unique-process-ids": (model.unique_process_ids, "model"),
    "interface-targets": (model.interface_targets, "model"),
    "self-interfaces": (model.self_interfaces, "model"),
    "known-elements": (model.known_elements, "model"),
    "known-subelements": (model.known_subelements, "model"),
    "known-functions": (model.known_functions, "model"),
    "function-elements": (model.function_elements, "model"),
    "organisation-missing": (model.organisation_missing, "model"),
    "organisation-repeated": (model.organisation_repeated, "model"),
    "known-standard": (model.known_standard, "model"),
    "waiver-expired": (waivers.waiver_expired, "model"),
    "waiver-unused": (waivers.waiver_unused, "model"),
    "waiver-unknown-rule": (waivers.waiver_unknown_rule, "model"),
    "placeholders": (model.placeholders, "coverage"),
}

# Kinds that report on waivers: they run after the waivers are applied to the other findings.
WAIVER_KINDS = frozenset({"waiver-expired", "waiver-unused", "waiver-unknown-rule"})

__all__ = ["KINDS", "WAIVER_KINDS", "Context", "Fact", "Kind"]
