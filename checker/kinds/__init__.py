"""The rule kinds: small generators that yield what is wrong and where, each described by one
:class:`~checker.kinds.record.Kind` record, and ``KINDS``, the registry of them.

A kind never formats a message, sets a severity or computes a line number: it yields
:class:`Fact` records and the engine stamps the rule's identity and place on them. Everything else
that depends on a kind (what ``explain`` says of it, the subjects JUnit lists, what ``init``
writes, the placeholders a message may name) is in its record: a new kind is one module and one
line below.

May import ``findings``, ``i18n``, ``io``, ``standard`` and ``model``.
"""

from __future__ import annotations

from . import coverage, functions, interfaces, organisation, reading, references, releases, waivers
from .context import Context, Fact
from .record import PHASES, Group, Interface, Kind, Plan

KINDS: dict[str, Kind] = {
    "coverage": coverage.COVERAGE,
    "partial-coverage": coverage.PARTIAL_COVERAGE,
    "external-coverage": coverage.EXTERNAL_COVERAGE,
    "placeholders": coverage.PLACEHOLDERS,
    "interface": interfaces.INTERFACE,
    "functions": functions.FUNCTIONS,
    "input": reading.INPUT,
    "schema": reading.SCHEMA,
    "finding-limit": reading.FINDING_LIMIT,
    "unique-process-ids": references.UNIQUE_PROCESS_IDS,
    "definition-typos": references.DEFINITION_TYPOS,
    "interface-targets": references.INTERFACE_TARGETS,
    "self-interfaces": references.SELF_INTERFACES,
    "known-elements": references.KNOWN_ELEMENTS,
    "known-subelements": references.KNOWN_SUBELEMENTS,
    "outside-scope": references.OUTSIDE_SCOPE,
    "known-functions": references.KNOWN_FUNCTIONS,
    "function-elements": references.FUNCTION_ELEMENTS,
    "known-releases": releases.KNOWN_RELEASES,
    "release-subelements": releases.RELEASE_SUBELEMENTS,
    "release-mixups": releases.RELEASE_MIXUPS,
    "release-outside": releases.RELEASE_OUTSIDE,
    "release-name-only": releases.RELEASE_NAME_ONLY,
    "release-fallback": releases.RELEASE_FALLBACK,
    "organisation-missing": organisation.ORGANISATION_MISSING,
    "organisation-repeated": organisation.ORGANISATION_REPEATED,
    "known-standard": organisation.KNOWN_STANDARD,
    "waiver-expired": waivers.WAIVER_EXPIRED,
    "waiver-unused": waivers.WAIVER_UNUSED,
    "waiver-unknown-rule": waivers.WAIVER_UNKNOWN_RULE,
    "waiver-not-waivable": waivers.WAIVER_NOT_WAIVABLE,
    "waiver-broad": waivers.WAIVER_BROAD,
}

__all__ = ["KINDS", "PHASES", "Context", "Fact", "Group", "Interface", "Kind", "Plan"]
