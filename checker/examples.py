"""Examples for ``explain``: a model that passes a rule and one that fails it.

Rules of the model kinds carry their examples as data; for the standard's kinds the examples are
made from the rule's own options, so that they always match what the rule checks (a test runs
every example through the checker).
"""

from __future__ import annotations

from .rulepack import Pack, Rule

HEAD = "model: 1\norganisation:\n  name: Пример Телеком\nprocesses:\n"


def _process(
    pid: str,
    element: str,
    *,
    external: str | None = None,
    functions: list[str] | None = None,
    interfaces: list[str] | None = None,
) -> str:
    lines = [f"  - id: {pid}", f"    name: {pid}", f"    implements: [{element}]"]
    if external is not None:
        lines.append(f"    external: {external}")
    if functions:
        lines.append("    functions: [" + ", ".join(functions) + "]")
    if interfaces:
        lines += ["    interfaces:"] + [f"      - to: {t}" for t in interfaces]
    return "\n".join(lines) + "\n"


def _pid(element: str) -> str:
    return "p-" + element.replace(".", "-")


def examples(rule: Rule, pack: Pack) -> tuple[str, str] | None:
    """(passing model, failing model) for the rule, or None when none fits in a page."""
    if rule.examples:
        return rule.examples["pass"], rule.examples["fail"]
    o = rule.options
    if rule.kind == "coverage":
        elements = list(o["elements"])
        if o.get("alternative"):
            good = HEAD + _process(_pid(elements[0]), elements[0])
            bad = HEAD + _process(_pid(o["alternative"][0]), o["alternative"][0])
            return good, bad
        good = HEAD + "".join(_process(_pid(e), e) for e in elements)
        bad = HEAD + "".join(_process(_pid(e), e) for e in elements[1:])
        return good, bad
    if rule.kind == "partial-coverage":
        element = next((e for e in o["elements"] if pack.catalogue.children(e)), o["elements"][0])
        child = (pack.catalogue.children(element) or [element + ".1"])[0]
        return HEAD + _process(_pid(element), element), HEAD + _process(_pid(child), child)
    if rule.kind == "external-coverage":
        element = o["elements"][0]
        good = HEAD + _process(_pid(element), element, external="false")
        bad = HEAD + _process(_pid(element), element, external="true")
        return good, bad
    if rule.kind == "interface":
        source = o["from"]
        targets = [g["elements"][0] for g in o["to"]]
        tail = "".join(_process(_pid(t), t) for t in targets)
        good = HEAD + _process(_pid(source), source, interfaces=[_pid(t) for t in targets]) + tail
        bad = HEAD + _process(_pid(source), source) + tail
        return good, bad
    if rule.kind == "functions":
        element = o["element"]
        names = [f["id"] for f in o["functions"]]
        good = HEAD + _process(_pid(element), element, functions=names)
        bad = HEAD + _process(_pid(element), element, functions=names[1:])
        return good, bad
    return None
