"""Rules as people read them: the table of ``etom-check rules`` and the page of ``explain``."""

from __future__ import annotations

import datetime as dt
import textwrap

from ..i18n import fill, term
from ..kinds import KINDS
from ..standard.rulepack import Pack, Rule
from .examples import examples, failing_input

_WIDTH = 100


def clause_text(rule: Rule, lang: str) -> str:
    """The clause of a rule as a general statement (``Table 1, <element>``), outside a finding."""
    return fill(rule.clause[lang], {"element": term("clause-elements", lang)})


def rule_table(pack: Pack, lang: str) -> str:
    lines = [f"{pack.title[lang]}", ""]
    for r in pack.rules:
        clause = clause_text(r, lang)
        lines.append(f"{r.id:<7} {r.severity.label:<8} {r.title[lang]}")
        lines.append(f"{'':<16}{clause}")
    return "\n".join(lines)


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(" ".join(text.split()), _WIDTH, initial_indent=indent, subsequent_indent=indent)


def _requirement(rule: Rule, pack: Pack, lang: str) -> list[str]:
    """What the rule checks, from its options."""
    o = rule.options
    name = pack.catalogue.name
    if rule.kind in ("coverage", "partial-coverage", "external-coverage"):
        lines = [f"  {e}  {name(e, lang)}" for e in o["elements"]]
        if o.get("alternative"):
            lines.append("  " + term("or-all-of", lang) + " " + ", ".join(o["alternative"]))
        return lines
    if rule.kind == "interface":
        lines = [
            f"  {o['from']}  {name(o['from'], lang)}  →  ({term('d-' + o.get('direction', 'out'), lang)})"
        ]
        for group in o["to"]:
            label = f"{group['group']}: " if group.get("group") else ""
            lines.append(
                "    "
                + label
                + term("one-of", lang)
                + " "
                + ", ".join(f"{e} {name(e, lang)}" for e in group["elements"])
            )
        lines.append("  " + term("same-process", lang))
        return lines
    if rule.kind == "functions":
        lines = [f"  {o['element']}  {name(o['element'], lang)}"]
        for f in o["functions"]:
            evidence = f"  [{term('evidence', lang)}: {f['evidence']}]" if f.get("evidence") else ""
            lines.append(f"    {f['id']:<28} {f['title'][lang]}{evidence}")
        return lines
    return []  # the model's own rules: the title, the reason and the message say it all


def sample_messages(rule: Rule, pack: Pack, lang: str, most: int = 3) -> list[str]:
    """The rule's message as the checker says it: filled in from a run over the rule's failing
    input (never a bare ``{placeholder}``); the template with its placeholders elided when the
    rule has no input to run (a custom rule of an unusual shape)."""
    from ..engine.run import Options, evaluate  # the engine runs only for explain, not for every command
    from ..io.reading import load_sources

    found = failing_input(rule, pack)
    if found is not None:
        sources, limits = found
        options = Options(lang=lang, limits=limits, today=_TODAY)
        result = evaluate(load_sources(sources, limits), options, pack=pack)
        messages = [f.message for f in (*result.findings, *result.hidden) if f.rule == rule.id and f.message]
        if messages:
            return list(dict.fromkeys(messages))[:most]
    return [fill(rule.message[lang], _Elided())]


class _Elided(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


_TODAY = dt.date(2026, 1, 1)  # examples are dated: an expiry in them means the same on every day


def describe(rule: Rule, pack: Pack, lang: str) -> str:
    heading = term
    clause = clause_text(rule, lang)
    parts = [
        f"{rule.id}: {rule.title[lang]}",
        "",
        f"{heading('h-severity', lang)}: {rule.severity.label}",
        f"{heading('h-category', lang)}: {KINDS[rule.kind].category}",
        f"{heading('h-clause', lang)}: {clause}",
        "",
    ]
    requirement = _requirement(rule, pack, lang)
    if requirement:
        parts += [f"{heading('h-requires', lang)}:", *requirement, ""]
    parts += [
        f"{heading('h-why', lang)}:",
        _wrap(rule.why[lang]),
        "",
        f"{heading('h-message', lang)}:",
        *(_wrap(m) for m in sample_messages(rule, pack, lang)),
    ]
    example = examples(rule, pack)
    if example:
        good, bad = example
        parts += [
            "",
            f"{heading('h-pass', lang)}:",
            textwrap.indent(good.rstrip("\n"), "    "),
            "",
            f"{heading('h-fail', lang)}:",
            textwrap.indent(bad.rstrip("\n"), "    "),
        ]
    return "\n".join(parts)
