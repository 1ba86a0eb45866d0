"""``--format github``: workflow commands that GitHub Actions shows as annotations on the files,
and a Markdown summary for the job page (``$GITHUB_STEP_SUMMARY``)."""

from __future__ import annotations

from ..engine.run import Result
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


def render(result: Result) -> str:
    lines = [annotation(f, result.lang, result.baseline_note(f)) for f in result.findings]
    if result.baseline is not None:
        lines.extend(text.absent_lines(result))
    lines.extend(f"::warning title=etom-check::{escape_data(note)}" for note in text.held_back_line(result))
    lines.append(text.summary_line(result))
    return "\n".join(lines) + "\n"


def _cell(value: str) -> str:
    """Text for a cell of a Markdown table: no column break, no line break, no HTML."""
    escaped = value.replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("|", "\\|").replace("\n", " ")


def step_summary(result: Result) -> str:
    """Markdown for the job summary: the verdict, the counts, and the coverage of each element."""
    lang = result.lang
    verdict = term("verdict-ok" if result.conformant else "verdict-fail", lang)
    mark = "✅" if result.conformant else "❌"
    lines = [f"## etom-check: {result.pack.standard}", "", f"{mark} **{verdict}**", ""]
    lines.append(text.summary_line(result))
    lines += [f"\n> {_cell(note)}" for note in text.held_back_line(result)]
    lines += [
        "",
        "| " + " | ".join(term(h, lang) for h in ("h-element", "h-name", "h-status", "h-processes")) + " |",
    ]
    lines.append("| --- | --- | --- | --- |")
    catalogue = result.pack.catalogue
    for c in result.coverage:
        processes = ", ".join(c.processes) or "—"
        lines.append(
            f"| {c.element} | {_cell(catalogue.name(c.element, lang))} | {term('st-' + c.status, lang)} "
            f"| {_cell(processes)} |"
        )
    shown = {id(f) for f in result.findings}
    failing = [f for f in result.failing if id(f) in shown]  # those not shown have no message
    more = max(len(failing) - 50, 0) + result.summary["not_shown_failing"]
    if failing or more:
        lines += ["", f"### {term('h-failing', lang)}", ""]
        lines += [
            f"- `{f.location.file}:{f.location.line}` **{f.rule}** {_cell(f.message)}" for f in failing[:50]
        ]
        if more:
            lines.append(f"- … (+{more})")
    return "\n".join(lines) + "\n"
