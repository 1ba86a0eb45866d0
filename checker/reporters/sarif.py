"""``--format sarif``: SARIF 2.1.0, one run, for code-scanning services.

Rules carry their title, requirement and explanation in the chosen language; results carry the
finding's fingerprint as ``partialFingerprints``, ``suppressions`` for waived findings (the waiver
is written in the model, so ``inSource``) and ``baselineState`` when a baseline is used.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..cli.explain import clause_text, describe
from ..engine.run import Result
from ..findings import Finding, Severity
from ..kinds import KINDS
from ..standard.rulepack import Rule
from . import text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "etomCheck/v1"
SRCROOT = "%SRCROOT%"


def artifact_uri(file: str, cwd: str | None = None) -> tuple[str, str | None]:
    """The file as a URI relative to the working folder (with its base id), or an absolute one."""
    here = Path(cwd or os.getcwd()).resolve()
    path = Path(file)
    absolute = path if path.is_absolute() else (here / path)
    absolute = Path(os.path.normpath(absolute))
    try:
        rel = absolute.relative_to(here)
    except ValueError:
        return absolute.as_uri(), None
    return quote(rel.as_posix()), SRCROOT


def _name(rule: Rule) -> str:
    """A PascalCase identifier from the English title (SARIF's ``name`` is not for display)."""
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", rule.title["en"]))


def rule_descriptor(rule: Rule, result: Result) -> dict[str, Any]:
    lang = result.lang
    category = KINDS[rule.kind].category
    clause = clause_text(rule, lang)
    return {
        "id": rule.id,
        "name": _name(rule),
        "shortDescription": {"text": rule.title[lang]},
        "fullDescription": {"text": " ".join(rule.why[lang].split())},
        "help": {"text": describe(rule, result.pack, lang)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "severity": rule.severity.label,
            "clause": clause,
            "category": category,
            "tags": sorted({category, "etom", result.pack.standard}),
        },
    }


def _result(f: Finding, index: dict[str, int], result: Result, cwd: str | None) -> dict[str, Any]:
    uri, base = artifact_uri(f.location.file, cwd)
    artifact: dict[str, Any] = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {"startLine": f.location.line, "startColumn": f.location.column},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {"subject": f.subject, "category": f.category, "clause": f.clause},
    }
    if f.rule in index:
        out["ruleIndex"] = index[f.rule]
    if f.element:
        out["properties"]["element"] = f.element
    if f.target:
        out["properties"]["target"] = f.target
    if f.waived:
        out["suppressions"] = [
            {"kind": "inSource", "status": "accepted", "justification": f.waiver_reason or ""}
        ]
    if result.baseline is not None:
        out["baselineState"] = "unchanged" if f.baselined else "new"
    return out


def sarif_log(result: Result, cwd: str | None = None) -> dict[str, Any]:
    rules = result.rules or result.pack.rules
    index = {r.id: i for i, r in enumerate(rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "etom-check",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "language": result.lang,
                        "rules": [rule_descriptor(r, result) for r in rules],
                    }
                },
                "invocations": [_invocation(result)],
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index, result, cwd) for f in result.findings],
                "properties": _properties(result),
            }
        ],
    }


def _invocation(result: Result) -> dict[str, Any]:
    """The run, with a notification for each note of the summary (checks held back, findings
    not shown), so that a code-scanning service shows them too."""
    out: dict[str, Any] = {"executionSuccessful": True}
    notes = text.notes(result)
    if notes:
        out["toolExecutionNotifications"] = [{"level": "warning", "message": {"text": n}} for n in notes]
    return out


def _properties(result: Result) -> dict[str, Any]:
    """The verdict, the counts and each element's status, as every other format gives them."""
    out: dict[str, Any] = {
        "standard": result.pack.standard,
        "conformant": result.conformant,
        "summary": result.summary,
        "coverage": {c.element: c.status for c in result.coverage},
    }
    if result.held_back:
        out["heldBack"] = {"rules": [r.id for r in result.held_back], "files": result.unclear}
    return out


def render(result: Result) -> str:
    return json.dumps(sarif_log(result), ensure_ascii=False, indent=2) + "\n"
