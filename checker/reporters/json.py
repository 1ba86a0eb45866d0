"""``--format json``: the whole result as one JSON object (the contract of cli.md)."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..engine.run import Result
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


def result_dict(result: Result) -> dict[str, Any]:
    catalogue = result.pack.catalogue
    out: dict[str, Any] = {
        "tool": {"name": "etom-check", "version": __version__},
        "standard": result.pack.standard,
        "conformant": result.conformant,
        "fail_on": result.fail_on.label if result.fail_on else "never",
        "lang": result.lang,
        "summary": result.summary,
        "coverage": [
            {
                "element": c.element,
                "name": catalogue.name(c.element, result.lang),
                "status": c.status,
                "processes": c.processes,
                **({"via": c.via} if c.via else {}),
            }
            for c in result.coverage
        ],
        "findings": [finding_dict(f) for f in result.findings],
        "files": [s.display for s in result.files],
    }
    if result.held_back:
        out["held_back"] = {"rules": [r.id for r in result.held_back], "files": result.unclear}
    if result.baseline is not None:
        out["baseline"] = {
            "file": result.baseline.source,
            "absent": [e.as_dict() for e in result.baseline_absent],
        }
    return out


def render(result: Result) -> str:
    return json.dumps(result_dict(result), ensure_ascii=False, indent=2) + "\n"
