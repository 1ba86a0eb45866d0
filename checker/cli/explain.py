"""Rules as people read them: the table of ``etom-check rules`` and the page of ``explain``,
with the examples of each rule (its own, or its kind's) and its messages filled in from a run."""

from __future__ import annotations

import datetime as dt
import textwrap

from ..engine.describe import clause_text
from ..i18n import term
from ..io.sources import DEFAULT_LIMITS, Limits
from ..kinds import KINDS
from ..kinds.record import HEAD, Sources
from ..standard.rulepack import Pack, Rule
from .options import LIMIT_OPTIONS

_WIDTH = 100
_TODAY = dt.date(2026, 1, 1)  # examples are dated: an expiry in them means the same on every day


def rule_table(pack: Pack, lang: str) -> str:
    lines = [f"{pack.title[lang]}", ""]
    for r in pack.rules:
        lines.append(f"{r.id:<7} {r.severity.label:<8} {r.title[lang]}")
        lines.append(f"{'':<16}{clause_text(r, lang)}")
    return "\n".join(lines)


def examples(rule: Rule, pack: Pack) -> tuple[str, str] | None:
    """(passing model, failing model) for the rule: its own, else made from its options by its
    kind; None when no failing model fits on a page of text."""
    if rule.examples:
        return rule.examples["pass"], rule.examples["fail"]
    return KINDS[rule.kind].example(rule.options, pack.catalogue)


def failing_input(rule: Rule, pack: Pack) -> tuple[Sources, Limits] | None:
    """A model (files as bytes) on which the rule reports, and the limits to read it with: the
    failing example when it can be shown, else an input made by the rule's kind."""
    pair = examples(rule, pack)
    if pair is not None:
        return [("model.yaml", pair[1].encode("utf-8"))], DEFAULT_LIMITS
    return KINDS[rule.kind].failing_input(rule.options)


def sample_messages(rule: Rule, pack: Pack, lang: str, most: int = 3) -> list[str]:
    """The rule's message as the checker says it: filled in from a run over the rule's failing
    input (never a bare ``{placeholder}``); the template with its placeholders elided when the
    rule has no input to run (a custom rule of an unusual shape)."""
    from ..engine import Options, evaluate  # the engine runs only for explain, not for every command
    from ..io.reading import load_sources

    found = failing_input(rule, pack)
    if found is not None:
        sources, limits = found
        options = Options(lang=lang, limits=limits, today=_TODAY)
        result = evaluate(load_sources(sources, limits), options, pack=pack)
        messages = [f.message for f in (*result.findings, *result.hidden) if f.rule == rule.id and f.message]
        if messages:
            return list(dict.fromkeys(messages))[:most]
    return [rule.message[lang].format_map(_Elided())]


def _behaves(rule: Rule, pack: Pack, good: str, bad: str) -> bool:
    """Whether the passing example is read whole, the rule runs on it and finds nothing, and the
    failing one gives some finding of the rule."""
    from ..engine import Options, evaluate
    from ..io.reading import load_sources

    def run(text: str) -> tuple[bool, bool]:
        """(a finding of the rule, the rule ran on a file read without a problem)"""
        loaded = load_sources([("model.yaml", text.encode("utf-8"))], DEFAULT_LIMITS)
        result = evaluate(loaded, Options(today=_TODAY), pack=pack)
        found = any(f.rule == rule.id for f in (*result.findings, *result.hidden))
        ran = not loaded.problems and all(r.id != rule.id for r in result.held_back)
        return found, ran

    found_good, ran_good = run(good)
    return ran_good and not found_good and run(bad)[0]


class _Elided(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


def _wrap(text: str, indent: str = "  ") -> str:
    # never inside an id or a command (``manage-contacts``, ``etom-check``): one copied is whole
    return textwrap.fill(
        " ".join(text.split()),
        _WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


def describe(rule: Rule, pack: Pack, lang: str) -> str:
    kind = KINDS[rule.kind]
    parts = [
        f"{rule.id}: {rule.title[lang]}",
        "",
        f"{term('h-severity', lang)}: {term('severity-' + rule.severity.label, lang)}",
        f"{term('h-category', lang)}: {term('category-' + kind.category, lang)}",
        f"{term('h-clause', lang)}: {clause_text(rule, lang)}",
        "",
    ]
    requirement = kind.describe(rule.options, pack.catalogue, lang)
    if requirement:
        parts += [f"{term('h-requires', lang)}:", *requirement, ""]
    parts += [
        f"{term('h-why', lang)}:",
        _wrap(rule.why[lang]),
        "",
        f"{term('h-message', lang)}:",
        *(_wrap(m) for m in sample_messages(rule, pack, lang)),
    ]
    example = examples(rule, pack)
    custom = rule.file in {str(p) for p in pack.files}
    if example and custom and not _behaves(rule, pack, *example):
        # a custom rule's examples (its own, or its kind's for its options) that do not do what
        # they say are not shown as if they did
        parts += ["", term("explain-no-example", lang)]
    elif example:
        good, bad = example
        parts += [
            "",
            f"{term('h-pass', lang)}:",
            textwrap.indent(good.rstrip("\n"), "    "),
            "",
            f"{term('h-fail', lang)}:",
            textwrap.indent(bad.rstrip("\n"), "    "),
        ]
    elif (failing := KINDS[rule.kind].failing_input(rule.options)) is not None:
        parts += ["", f"{term('h-pass', lang)}:", textwrap.indent(HEAD + _PROCESS, "    ").rstrip("\n")]
        parts += ["", f"{term('h-fail', lang)}:", *_shown_input(*failing, lang)]
    return "\n".join(parts)


_PROCESS = "  - id: order-entry\n    name: Приём заказов\n    implements: [1.1.1.5]\n"


def _shown_input(sources: Sources, limits: Limits, lang: str) -> list[str]:
    """A failing input that is not one text: each file by name, its bytes as text (a byte that
    is not UTF-8 as ``\\xcf``), and the limits it is read with when they are not the defaults."""
    lines: list[str] = []
    for name, raw in sources:
        lines.append(f"    # {name}")
        if raw is None:
            lines.append("    " + term("explain-unreadable", lang))
        else:
            lines.extend("    " + line for line in raw.decode("utf-8", "backslashreplace").splitlines())
    for option, (field, _, _) in LIMIT_OPTIONS.items():
        value = getattr(limits, field)
        if value != getattr(DEFAULT_LIMITS, field):
            lines.append("    " + term("explain-limit", lang, {"option": option, "value": value}))
    return lines
