"""``--format json``: the whole result as one JSON object (the contract of cli.md)."""

from __future__ import annotations

import json
from typing import Any

from ..engine.view import View
from ..findings import Finding


def finding_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": f.rule,
        "severity": f.severity.label,
        "category": f.category,
        "subject": f.subject,
        "element": f.element,
        "message": f.message,
        "clause": f.clause,
        "location": {"file": f.location.file, "line": f.location.line, "column": f.location.column},
        "fingerprint": f.fingerprint,
        "waived": f.waived,
    }
    if f.target is not None:
        out["target"] = f.target
    if f.waived:
        out["waiver_reason"] = f.waiver_reason
    if f.baselined:
        out["baselined"] = True
    return out


def result_dict(view: View) -> dict[str, Any]:
    out: dict[str, Any] = {
        "tool": {"name": "etom-check", "version": view.version},
        "standard": view.standard,
        "conformant": view.conformant,
        "fail_on": view.fail_on,
        "lang": view.lang,
        "summary": view.summary,
        "coverage": [
            {
                "element": c.element,
                "name": c.name,
                "status": c.status,
                "processes": c.processes,
                **({"via": c.via} if c.via else {}),
                **({"crosswalk": [r.as_dict() for r in c.crosswalk]} if c.crosswalk else {}),
            }
            for c in view.coverage
        ],
        "findings": [finding_dict(f) for f in view.findings],
        "files": view.files,
    }
    if view.releases:  # every id of an eTOM release, where it is and what it stands for
        out["releases"] = [r.as_dict() for r in view.releases]
    if view.held_back is not None:
        out["held_back"] = view.held_back
    if view.baseline_source is not None:
        out["baseline"] = {"file": view.baseline_source, "absent": view.baseline_absent}
    return out


def render(view: View) -> str:
    return json.dumps(result_dict(view), ensure_ascii=False, indent=2) + "\n"
