"""``--format sarif``: SARIF 2.1.0, one run, for code-scanning services.

Rules carry their title, requirement and explanation in the chosen language; results carry the
finding's fingerprint as ``partialFingerprints``, ``suppressions`` for waived findings (the waiver
is written in the model, so ``inSource``) and ``baselineState`` when a baseline is used.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..engine.view import RuleRow, View
from ..findings import Finding, Severity
from ..i18n import term

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "etomCheck/v1"
SRCROOT = "%SRCROOT%"


def artifact_uri(file: str, cwd: str) -> tuple[str, str | None]:
    """The file as a URI relative to the working folder (with its base id), or an absolute one."""
    here = Path(cwd).resolve()
    path = Path(file)
    absolute = Path(os.path.normpath(path if path.is_absolute() else (here / path)))
    try:
        rel = absolute.relative_to(here)
    except ValueError:
        return absolute.as_uri(), None
    return quote(rel.as_posix()), SRCROOT


def help_text(rule: RuleRow, lang: str) -> str:
    """What a rule requires, where it comes from and why, as ``explain`` says it (without its
    examples)."""
    parts = [
        f"{rule.id}: {rule.title}",
        "",
        f"{term('h-severity', lang)}: {rule.severity.label}",
        f"{term('h-category', lang)}: {rule.category}",
        f"{term('h-clause', lang)}: {rule.clause}",
    ]
    if rule.requirement:
        parts += ["", f"{term('h-requires', lang)}:", *rule.requirement]
    parts += ["", f"{term('h-why', lang)}:", f"  {rule.why}"]
    return "\n".join(parts)


def rule_descriptor(rule: RuleRow, view: View) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.why},
        "help": {"text": help_text(rule, view.lang)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "severity": rule.severity.label,
            "clause": rule.clause,
            "category": rule.category,
            "tags": sorted({rule.category, "etom", view.standard}),
        },
    }


def _result(f: Finding, index: dict[str, int], view: View) -> dict[str, Any]:
    uri, base = artifact_uri(f.location.file, view.cwd)
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
    if view.baseline_source is not None:
        out["baselineState"] = "unchanged" if f.baselined else "new"
    return out


def sarif_log(view: View) -> dict[str, Any]:
    """The SARIF log of a view."""
    rules = [r for r in view.rules if not r.held]
    index = {r.id: i for i, r in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "etom-check",
                "version": view.version,
                "semanticVersion": view.version,
                "language": view.lang,
                "rules": [rule_descriptor(r, view) for r in rules],
            }
        },
        "invocations": [_invocation(view)],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index, view) for f in view.findings],
        "properties": _properties(view),
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _invocation(view: View) -> dict[str, Any]:
    """The run, with a notification for each note of the summary (checks held back, findings
    not shown), so that a code-scanning service shows them too."""
    out: dict[str, Any] = {"executionSuccessful": True}
    if view.notes:
        out["toolExecutionNotifications"] = [{"level": "warning", "message": {"text": n}} for n in view.notes]
    return out


def _properties(view: View) -> dict[str, Any]:
    """The verdict, the counts, each element's status and the ids of eTOM releases read through
    the crosswalk, as every other format gives them."""
    out: dict[str, Any] = {
        "standard": view.standard,
        "conformant": view.conformant,
        "summary": view.summary,
        "coverage": {c.element: c.status for c in view.coverage},
    }
    if view.held_back is not None:
        out["heldBack"] = view.held_back
    if view.releases:  # ids of today's eTOM releases, as written, and what each stands for
        out["crosswalk"] = [r.as_dict() for r in view.releases]
    return out


def render(view: View) -> str:
    return json.dumps(sarif_log(view), ensure_ascii=False, indent=2) + "\n"
