"""Kinds for the standard's requirements: coverage, interfaces between elements, functions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..coverage import EXTERNAL, PARTIAL, missing_children, status
from ..graph import PROCESS, implemented_ids, pnode
from ..loading import Term
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
        if status(impl, ctx.catalogue) != PARTIAL:
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
            if status(impl, ctx.catalogue) not in (EXTERNAL, PARTIAL):  # pragma: no cover
                continue
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
        if connected(graph, source.processes, targets, direction):
            continue
        label = group.get("group")
        listed = ", ".join(elements)
        target = f"{label} ({listed})" if label else listed
        note = Term("t-unimplemented") if not targets else Term("t-none")
        yield ctx.at_process(
            source.processes[0],
            subject=options["from"],
            element=options["from"],
            target=label or listed,
            args={"target": target, "target_note": note, "direction": Term(f"d-{direction}")},
        )


def connected(graph: Any, sources: list[str], targets: set[str], direction: str) -> bool:
    """A hand-off exists: an interface in the direction asked, or a process that implements both
    ends and so passes the work on within itself (it cannot name itself in ``interfaces``)."""
    if targets.intersection(sources):
        return True
    for process in sources:
        node = pnode(process)
        if direction in ("out", "any"):
            for _, succ, kind in graph.out_edges(node, data="kind"):
                if kind == "interface" and succ[0] == PROCESS and succ[1] in targets:
                    return True
        if direction in ("in", "any"):
            for pred, _, kind in graph.in_edges(node, data="kind"):
                if kind == "interface" and pred[0] == PROCESS and pred[1] in targets:
                    return True
    return False


def functions(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Each listed function is provided by the element's implementation: a process lists it in
    ``functions`` or implements its evidence element (or one below it)."""
    element = options["element"]
    impl = ctx.implementation(element)
    if not impl.processes:
        return
    known = ctx.pack.functions
    provided: set[str] = set()
    implemented: set[str] = set()
    for process in impl.processes:
        listed = ctx.graph.nodes[pnode(process)]["functions"]
        provided.update(known[f].id if f in known else f for f in listed)
        implemented.update(implemented_ids(ctx.graph, process))
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


def evidenced(evidence: str | None, implemented: set[str]) -> bool:
    if evidence is None:
        return False
    return any(e == evidence or e.startswith(evidence + ".") for e in implemented)
