"""``--format gitlab``: the Code Quality report that GitLab shows in merge requests.

A JSON list of issues, each with the fields GitLab documents: ``description``, ``check_name``
(the rule id), ``fingerprint`` (the finding's, the same as SARIF's ``partialFingerprints``),
``severity`` (``info``, ``minor``, ``major``, ``critical``, ``blocker``) and ``location.path`` with
``location.lines.begin``. GitLab tells new findings from old ones by comparing the fingerprints of
the merge request's report with those of its target branch. A waived or baselined finding (or one
already there at the revision of ``--new-since``) stays in the report as ``info``, marked in its
description, so that it is seen but never raised.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..engine.view import View
from ..findings import Finding, Severity
from ..i18n import term

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def report_path(file: str, cwd: str) -> str:
    """The file relative to the working folder (the repository's root in a CI job), with ``/``
    and no leading ``./``; absolute when it lies outside."""
    here = Path(cwd).resolve()
    absolute = Path(os.path.normpath(Path(file) if Path(file).is_absolute() else here / file))
    try:
        return absolute.relative_to(here).as_posix()
    except ValueError:
        return absolute.as_posix()


def issue(f: Finding, view: View) -> dict[str, Any]:
    description = f"{f.rule}: {f.message}"
    severity = SEVERITIES[f.severity]
    if f.waived:
        description += " " + term("waived-note", view.lang, {"reason": f.waiver_reason or ""})
        severity = "info"
    elif f.baselined:
        description += " " + view.baseline_notes.get(f.fingerprint, term("baselined-note", view.lang))
        severity = "info"
    return {
        "type": "issue",
        "description": description,
        "check_name": f.rule,
        "categories": ["Compatibility"],
        "fingerprint": f.fingerprint,
        "severity": severity,
        "location": {"path": report_path(f.location.file, view.cwd), "lines": {"begin": f.location.line}},
    }


def render(view: View) -> str:
    return json.dumps([issue(f, view) for f in view.findings], ensure_ascii=False, indent=2) + "\n"
