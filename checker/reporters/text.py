"""``--format text``: one line per finding, ``file:line:col: RULE severity message``, then a summary."""

from __future__ import annotations

from collections import Counter

from ..engine.run import Result
from ..findings import printable
from ..i18n import term
from ..kinds import KINDS


def finding_line(result: Result, index: int) -> str:
    f = result.findings[index]
    loc = f.location
    line = f"{loc.file}:{loc.line}:{loc.column}: {f.rule} {f.severity.label} {f.message}"
    if f.waived:
        line += " " + term("waived-note", result.lang, {"reason": f.waiver_reason or ""})
    elif f.baselined:
        line += " " + result.baseline_note(f)
    return line


def absent_lines(result: Result) -> list[str]:
    """A note for each baseline entry that no longer occurs (it can leave the baseline)."""
    source = result.baseline.source if result.baseline else ""
    return [
        printable(
            f"{source}: " + term("baseline-absent", result.lang, {"rule": e.rule, "subject": e.subject})
        )
        for e in result.baseline_absent
    ]


_HELD = {"coverage": "hb-coverage", "interface": "hb-interface", "function": "hb-function"}
_HELD_MODEL = {"interface-targets": "hb-references", "organisation-missing": "hb-organisation"}


def held_back_line(result: Result) -> list[str]:
    """One line that says which checks over the whole model were held back, and why."""
    if not result.held_back:
        return []
    lang = result.lang
    words = []
    for rule in result.held_back:
        key = _HELD.get(KINDS[rule.kind].category) or _HELD_MODEL.get(rule.kind, "hb-waivers")
        if term(key, lang) not in words:
            words.append(term(key, lang))
    files = result.unclear
    unread = set(result.unread)
    how = "hb-unread" if all(f in unread for f in files) else "hb-unclear"
    args = {
        "count": len(result.held_back),
        "what": ", ".join(words),
        "files": ", ".join(files),
        "why": term(how + ("-1" if len(files) == 1 else "-n"), lang, {"files": ", ".join(files)}),
    }
    return [term("held-back", lang, args)]


def notes(result: Result) -> list[str]:
    """What the summary adds to the counts: checks held back, findings not shown."""
    lines = held_back_line(result)
    if result.hidden:
        summary = result.summary
        lines.append(term("not-shown", result.lang, {**summary, "failing": summary["not_shown_failing"]}))
    return lines


def summary_line(result: Result) -> str:
    s = result.summary
    verdict = term("verdict-ok" if result.conformant else "verdict-fail", result.lang)
    counts = term(
        "summary",
        result.lang,
        {"files": len(result.files), "processes": result.process_count, **s},
    )
    if result.hidden:
        counts += " " + term("not-shown", result.lang, {**s, "failing": s["not_shown_failing"]})
    return f"{counts} {verdict}"


def statistics(result: Result) -> list[str]:
    counts = Counter(f.rule for f in result.findings if f.counts)
    rules = {r.id: r for r in result.pack.rules}
    lines = []
    for rule_id in sorted(counts, key=lambda r: (-counts[r], r)):
        rule = rules[rule_id]
        lines.append(f"{counts[rule_id]:6d}  {rule_id:<7} {rule.severity.label:<8} {rule.title[result.lang]}")
    return lines


def render(result: Result, quiet: bool = False, stats: bool = False) -> str:
    lines: list[str] = []
    if not quiet:
        lines.extend(finding_line(result, i) for i in range(len(result.findings)))
    if not quiet and result.baseline is not None:
        lines.extend(absent_lines(result))
    if stats:
        lines.extend(statistics(result))
    lines.extend(held_back_line(result))
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"
