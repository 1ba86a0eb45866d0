"""``--format text``: one line per finding, ``file:line:col: RULE severity message``, then a summary."""

from __future__ import annotations

from collections import Counter

from ..engine.view import View
from ..findings import Finding, printable
from ..i18n import term


def finding_line(view: View, f: Finding) -> str:
    loc = f.location
    line = f"{loc.file}:{loc.line}:{loc.column}: {f.rule} {f.severity.label} {f.message}"
    if f.waived:
        line += " " + term("waived-note", view.lang, {"reason": f.waiver_reason or ""})
    elif f.baselined:
        line += " " + view.baseline_notes.get(f.fingerprint, term("baselined-note", view.lang))
    return line


def absent_lines(view: View) -> list[str]:
    """A note for each baseline entry that no longer occurs (it can leave the baseline)."""
    source = view.baseline_source or ""
    return [
        printable(
            f"{source}: " + term("baseline-absent", view.lang, {"rule": e["rule"], "subject": e["subject"]})
        )
        for e in view.baseline_absent
    ]


def statistics(view: View) -> list[str]:
    counts = Counter(f.rule for f in view.findings if f.counts)
    rules = {r.id: r for r in view.rules}
    lines = []
    for rule_id in sorted(counts, key=lambda r: (-counts[r], r)):
        rule = rules[rule_id]
        lines.append(f"{counts[rule_id]:6d}  {rule_id:<7} {rule.severity.label:<8} {rule.title}")
    return lines


def render(view: View, quiet: bool = False, stats: bool = False) -> str:
    lines: list[str] = []
    if not quiet:
        lines.extend(finding_line(view, f) for f in view.findings)
        lines.extend(absent_lines(view))
    if stats:
        lines.extend(statistics(view))
    if view.held_back_line:
        lines.append(view.held_back_line)
    lines.append(view.summary_line)
    return "\n".join(lines) + "\n"
