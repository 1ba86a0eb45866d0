"""``--format csv``: one row per finding shown, for a spreadsheet."""

from __future__ import annotations

import csv
import io

from checker.engine.view import View


def render(view: View) -> str:
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(["file", "line", "column", "rule", "severity", "subject", "message"])
    for f in view.findings:  # sorted and stamped by the engine
        loc = f.location
        rows.writerow([loc.file, loc.line, loc.column, f.rule, f.severity.label, f.subject, f.message])
    return out.getvalue()
