"""Kinds for the standard's requirements: coverage, interfaces between elements, functions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import Term
from ..model.graph import PROCESS, implemented_ids, pnode
from ..model.implementation import PARTIAL, missing_children, status
from .context import Context, Fact


def coverage(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Each element is implemented by some process; or, where ``alternative`` is given, all of
    those elements are implemented instead."""
    alternative = options.get("alternative", [])
    for element in options["elements"]:
        if ctx.implementation(element).processes:
            continue
        missing = [a for a in alternative if not ctx.implementation(a).processes]
        if alternative and not missing:
            continue
        args = {"alternative": ", ".join(alternative), "missing": ", ".join(missing)}
        yield ctx.at_organisation(subject=element, element=element, args=args)


def partial_coverage(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """An element implemented only through some of the elements below it."""
    for element in options["elements"]:
        impl = ctx.implementation(element)
        if status(impl) != PARTIAL:
            continue
        args = {
            "implemented": ", ".join(sorted(impl.below)),
            "missing": ", ".join(missing_children(impl, ctx.catalogue)) or "—",
        }
        yield ctx.at_process(impl.processes[0], subject=element, element=element, args=args)


def external_coverage(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """An element implemented only by processes marked ``external: true``."""
    for element in options["elements"]:
        impl = ctx.implementation(element)
        if impl.processes and len(impl.external) == len(impl.processes):
            args = {"processes": ", ".join(impl.processes)}
            yield ctx.at_process(impl.processes[0], subject=element, element=element, args=args)


def interface(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Some process implementing ``from`` passes work to (``out``), receives it from (``in``) or
    exchanges it with (``any``) some process implementing one element of each target group."""
    source = ctx.implementation(options["from"])
    if not source.processes:
        return
    direction = options.get("direction", "out")
    graph = ctx.graph
    for group in options["to"]:
        elements = group["elements"]
        targets = {p for e in elements for p in ctx.implementation(e).processes}
        if any(True for _ in links(graph, source.processes, targets, direction)):
            continue
        listed = ", ".join(elements)
        target = f"{group['group']} ({listed})" if group.get("group") else listed
        note = Term("t-unimplemented") if not targets else Term("t-none")
        yield ctx.at_process(
            source.processes[0],
            subject=options["from"],
            element=options["from"],
            target=group_label(group),
            args={
                "target": target,
                "target_note": note,
                "direction": Term(f"d-{direction}"),
                "target_elements": ", ".join(elements),
            },
        )


def group_label(group: dict[str, Any]) -> str:
    """How a target group is named in a finding's ``target``: its label, else its elements."""
    return str(group.get("group") or ", ".join(group["elements"]))


def links(graph: Any, sources: list[str], targets: set[str], direction: str) -> Iterator[tuple[str, str]]:
    """Every hand-off (source, target), sources in order and targets sorted: an interface between
    two processes in the direction asked. A process that implements both ends is no hand-off (an
    interface joins two processes; a process may not name itself). One pass over each source's
    edges."""
    out, into = direction in ("out", "any"), direction in ("in", "any")
    for source in sources:
        found: set[str] = set()
        node = pnode(source)
        for neighbours, wanted in ((graph.succ, out), (graph.pred, into)):
            if wanted:
                for other, edge in neighbours[node].items():
                    if edge.get("kind") == "interface" and other[0] == PROCESS and other[1] in targets:
                        found.add(other[1])
        yield from ((source, target) for target in sorted(found))


def functions(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Each listed function is provided by the element's implementation: a process lists it in
    ``functions`` or implements its evidence element (or one below it)."""
    element = options["element"]
    impl = ctx.implementation(element)
    if not impl.processes:
        return
    provided, implemented = _provided_by(ctx, element, impl.processes)
    for item in options["functions"]:
        if item["id"] in provided or evidenced(item.get("evidence"), implemented):
            continue
        yield ctx.at_process(
            impl.processes[0],
            subject=item["id"],
            element=element,
            args={
                "function": item["id"],
                "function_title": item["title"],
                "evidence": item.get("evidence") or "—",
            },
        )


def _provided_by(ctx: Context, element: str, processes: list[str]) -> tuple[set[str], set[str]]:
    """The functions listed (aliases resolved) and the element ids implemented by an element's
    processes; made once per element and run, as several rules ask about the same element."""
    key = "provided-by:" + element
    if key not in ctx.memo:
        known = ctx.pack.functions
        provided: set[str] = set()
        implemented: set[str] = set()
        for process in processes:
            listed = ctx.graph.nodes[pnode(process)]["functions"]
            provided.update(known[f].id if f in known else f for f in listed)
            implemented.update(implemented_ids(ctx.graph, process))
        ctx.memo[key] = (provided, implemented)
    found: tuple[set[str], set[str]] = ctx.memo[key]
    return found


def evidenced(evidence: str | None, implemented: set[str]) -> bool:
    if evidence is None:
        return False
    return any(e == evidence or e.startswith(evidence + ".") for e in implemented)
