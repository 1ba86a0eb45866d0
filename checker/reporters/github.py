"""``--format github``: workflow commands that GitHub Actions shows as annotations on the files,
and a Markdown summary for the job page (``$GITHUB_STEP_SUMMARY``)."""

from __future__ import annotations

import re

from ..engine.view import View
from ..findings import Finding, Severity
from ..i18n import term
from . import text

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """The message of a workflow command: ``%``, CR and LF are escaped."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value of a workflow command: also ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding, lang: str, baseline_note: str = "") -> str:
    loc = f.location
    command = COMMANDS[f.severity]
    message = f.message
    title = f"{f.rule} {f.severity.label}"
    if f.waived:
        command = "notice"
        message += " " + term("waived-note", lang, {"reason": f.waiver_reason or ""})
    elif f.baselined:
        command = "notice"
        message += " " + (baseline_note or term("baselined-note", lang))
    props = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", loc.file),
            ("line", str(loc.line)),
            ("col", str(loc.column)),
            ("title", title),
        )
    )
    return f"::{command} {props}::{escape_data(message)}"


def render(view: View) -> str:
    lines = [annotation(f, view.lang, view.baseline_notes.get(f.fingerprint, "")) for f in view.findings]
    lines.extend(text.absent_lines(view))
    if view.held_back_line:
        lines.append(f"::warning title=etom-check::{escape_data(view.held_back_line)}")
    lines.append(view.summary_line)
    return "\n".join(lines) + "\n"


_MARKDOWN = re.compile(r"([\\`*_\[\]()!#~|{}])")


def _cell(value: str) -> str:
    """Text quoted from the model, shown as written in Markdown: no column or line break, no
    HTML, no link, image, emphasis or code span made of it (each sign that makes one escaped)."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", escaped).replace("\n", " ")


def step_summary(view: View) -> str:
    """Markdown for the job summary: the verdict, the counts, and the coverage of each element."""
    lang = view.lang
    verdict = term("verdict-ok" if view.conformant else "verdict-fail", lang)
    mark = "✅" if view.conformant else "❌"
    lines = [f"## etom-check: {view.standard}", "", f"{mark} **{verdict}**", ""]
    lines.append(view.summary_line)
    if view.held_back_line:
        lines.append(f"\n> {_cell(view.held_back_line)}")
    lines += [
        "",
        "| " + " | ".join(term(h, lang) for h in ("h-element", "h-name", "h-status", "h-processes")) + " |",
    ]
    lines.append("| --- | --- | --- | --- |")
    for c in view.coverage:
        processes = ", ".join(c.processes) or "—"
        if c.via:
            processes += f" ({term('via', lang)} {', '.join(c.via)})"
        lines.append(
            f"| {c.element} | {_cell(c.name)} | {term('st-' + c.status, lang)} | {_cell(processes)} |"
        )
    failing = [f for f in view.findings if view.fails(f)]  # those not shown have no message
    more = max(len(failing) - 50, 0) + view.summary["not_shown_failing"]
    if failing or more:
        lines += ["", f"### {term('h-failing', lang)}", ""]
        lines += [
            f"- {_cell(f.location.file)}:{f.location.line} **{f.rule}** {_cell(f.message)}"
            for f in failing[:50]
        ]
        if more:
            lines.append(f"- … (+{more})")
    return "\n".join(lines) + "\n"
