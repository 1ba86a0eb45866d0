"""Examples for ``explain``: a model that passes a rule and one that fails it.

Rules of the model kinds carry their examples as data; for the standard's kinds the examples are
made from the rule's own options, so that they always match what the rule checks (a test runs
every example through the checker).
"""

from __future__ import annotations

from dataclasses import replace

from ..io.reading import DEFAULT_LIMITS, Limits
from ..standard.rulepack import Pack, Rule

HEAD = "model: 1\norganisation:\n  name: Пример Телеком\nprocesses:\n"
PROCESS = "  - id: order-entry\n    name: Приём заказов\n    implements: [1.1.1.5]\n"

Sources = list[tuple[str, bytes | None]]

# Failing inputs that do not fit on a page of text (a file that is not UTF-8, over a limit, that
# cannot be read ...): what explain runs to show the rule's message filled in, with the limits
# that make a small input reach them. Keyed by the kind's problem, or by the kind.
_UNSHOWN: dict[str, tuple[Sources, Limits]] = {
    "encoding": (
        [("model.yaml", "model: 1\norganisation:\n  name: Пример Телеком\n".encode("cp1251"))],
        DEFAULT_LIMITS,
    ),
    "file-too-large": (
        [("model.yaml", (HEAD + PROCESS).encode())],
        replace(DEFAULT_LIMITS, max_file_bytes=64),
    ),
    "unreadable": ([("model.yaml", None)], DEFAULT_LIMITS),
    "alias-limit": (
        [("model.yaml", b"model: 1\nx-a: &a [1, 2, 3, 4]\nx-b: [*a, *a, *a]\n")],
        replace(DEFAULT_LIMITS, max_alias_nodes=8),
    ),
    "too-deep": ([("model.yaml", b"model: 1\nx-deep: [[[[1]]]]\n")], replace(DEFAULT_LIMITS, max_depth=3)),
    "line-too-long": (
        [("model.yaml", ("model: 1\nx-note: " + "x" * 120 + "\n").encode())],
        replace(DEFAULT_LIMITS, max_line_length=80),
    ),
    "too-many-problems": (
        [("model.yaml", b"model: 1\nx-a: 1\nx-a: 2\nx-a: 3\nx-a: 4\n")],
        replace(DEFAULT_LIMITS, max_findings_per_file=2),
    ),
    "organisation-repeated": (
        [
            ("a.yaml", (HEAD + PROCESS).encode()),
            ("b.yaml", "model: 1\norganisation:\n  name: Пример Телеком\n".encode()),
        ],
        DEFAULT_LIMITS,
    ),
    "finding-limit": (
        [("model.yaml", (HEAD + PROCESS + "    x: 1\n    y: 2\n    z: 3\n").encode())],
        replace(DEFAULT_LIMITS, max_findings_per_file=1),
    ),
}


def failing_input(rule: Rule, pack: Pack) -> tuple[Sources, Limits] | None:
    """A model (files as bytes) on which the rule reports, and the limits to read it with: the
    failing example when it can be shown, else an input made for the rule's kind."""
    pair = examples(rule, pack)
    if pair is not None:
        return [("model.yaml", pair[1].encode("utf-8"))], DEFAULT_LIMITS
    return _UNSHOWN.get(str(rule.options.get("problem", rule.kind)))


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
