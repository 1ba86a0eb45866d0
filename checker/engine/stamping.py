"""Facts made findings: the rule's identity, the message in the chosen language, the place in
the file and a fingerprint that survives moved lines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..findings import Finding, Location, fingerprint, printable
from ..i18n import TERMS, Term, term
from ..kinds import Fact
from ..standard.datafiles import PackError
from ..standard.rulepack import Pack, Rule, natural_key


def localise(args: Mapping[str, Any], pack: Pack, lang: str) -> dict[str, Any]:
    """Message arguments in the chosen language; every element id gets a ``<name>_name``."""
    out: dict[str, Any] = {}
    elements = pack.catalogue.elements
    for key, value in args.items():
        if isinstance(value, dict) and lang in value:
            value = value[lang]
        out[key] = value
    for key, value in list(out.items()):
        if isinstance(value, str) and value in elements:
            out[f"{key}_name"] = elements[value].name[lang]
    for key, value in list(out.items()):
        if isinstance(value, Term) and value in TERMS:
            out[key] = term(value, lang, out)
    return out


def stamp(
    rule: Rule,
    category: str,
    fact: Fact,
    pack: Pack,
    lang: str,
    keys: Mapping[str, str] | None = None,
    light: bool = False,
) -> Finding:
    """A fact made a finding: the rule's identity, the message in ``lang`` and the place.

    A ``light`` finding (one that is not shown) has no message or clause: only what the gate,
    baselines and waivers look at."""
    args = {"subject": fact.subject, **({"element": fact.element} if fact.element else {}), **fact.args}
    if fact.first is not None and not light:
        doc, path, at_key = fact.first
        line, _ = (doc.positions.key if at_key else doc.positions.value)(doc.data, path)
        args["first"] = f"{doc.file}:{line}"
    if not light:
        args = localise(args, pack, lang)
    args = {k: printable(v) if isinstance(v, str) else v for k, v in args.items()}
    if fact.doc is not None:
        doc = fact.doc
        line, column = (doc.positions.key if fact.at_key else doc.positions.value)(doc.data, fact.path)
        location = Location(printable(doc.file), line, column)
    else:
        location = Location(printable(fact.file or "."), fact.line, fact.column)
    anchor = ""
    if category == "model":  # which file and where in it, without lines or list positions
        raw_file = fact.doc.file if fact.doc is not None else (fact.file or ".")
        anchor = (keys or {}).get(raw_file, raw_file)
        if fact.doc is not None:
            anchor += "#" + stable_path(fact.doc.data, fact.path)
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        category=category,
        subject=printable(fact.subject),
        message="" if light else _filled(rule, "message", lang, args),
        clause="" if light else _filled(rule, "clause", lang, args),
        location=location,
        fingerprint=fingerprint(rule.id, fact.identity or fact.subject, fact.element, fact.target, anchor),
        element=fact.element,
        target=fact.target,
        args={k: str(v) for k, v in args.items()},
    )


class _Named(dict[str, Any]):
    """Message arguments where ``<arg>_name`` of an id the catalogue does not name is the id."""

    def __missing__(self, key: str) -> Any:
        base = key.removesuffix("_name")
        if base != key and base in self:
            return self[base]
        raise KeyError(key)


def _filled(rule: Rule, key: str, lang: str, args: Mapping[str, Any]) -> str:
    """The rule's template filled in. The pack loader made sure that the rule's kind gives every
    placeholder the template names; one that a kind failed to give is an error of the checker,
    reported at the rule."""
    template: str = getattr(rule, key)[lang]
    try:
        return template.format_map(_Named(args))
    except KeyError as exc:
        line, column = rule.place(f"{key}/{lang}")
        raise PackError(
            rule.file, line, column, "pk-not-filled", id=rule.id, key=key, lang=lang, name=exc.args[0]
        ) from None


def stable_path(data: Any, path: tuple[Any, ...]) -> str:
    """A path that survives moved lines: a process by its id, other list positions left out
    (the subject already says which item)."""
    parts: list[str] = []
    node: Any = data
    for step in path:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
            named = node.get("id") if isinstance(node, dict) else None
            if parts and parts[-1] == "processes" and isinstance(named, str):
                parts.append(named)
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return "/".join(parts)


def order(f: Finding) -> tuple[Any, ...]:
    """How findings are sorted: by place, then rule, subject and fingerprint."""
    return (f.sort_key()[:3], natural_key(f.rule), f.subject, f.fingerprint)


def disambiguate(shown: list[Finding], hidden: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Sort, and make fingerprints unique over every finding, shown or not: a repeat gets its
    ordinal among its equals."""
    ordered = sorted([(f, True) for f in shown] + [(f, False) for f in hidden], key=lambda p: order(p[0]))
    seen: dict[str, int] = {}
    out: tuple[list[Finding], list[Finding]] = ([], [])
    for f, is_shown in ordered:
        n = seen.get(f.fingerprint, 0)
        seen[f.fingerprint] = n + 1
        if n:
            f = replace(f, fingerprint=fingerprint(f.fingerprint, str(n), None, None, ""))
        out[0 if is_shown else 1].append(f)
    return out


__all__ = ["disambiguate", "localise", "order", "stable_path", "stamp"]
