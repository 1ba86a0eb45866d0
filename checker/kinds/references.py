"""Kinds of the model's ids and references: process ids, the processes interfaces name, the
eTOM elements and the functions that processes name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import Term
from ..model.releases import COUNTS, OUTSIDE, UNREAD, ReleaseId, malformed_id
from ..model.suggest import Suggester, closest_element
from ..standard.catalogue import level2_of, well_formed
from .context import Context, Fact, Listed, hint
from .record import NO_OPTIONS, Kind, Options, gives


def _corrected(ctx: Context, what: str) -> Iterator[Fact]:
    """The ids of one sort that were read as the known id each is close to: each is still
    reported where it is written, naming what it is read as until it is corrected."""
    keys = {"element": "subject", "function": "function", "process": "target", "definition": "written"}
    for c in ctx.corrections:
        if c.what == what:
            args: dict[str, Any] = {
                "process": c.process,
                keys[what]: c.written,
                "closest": c.meant,
                "hint": Term("hint-read-as"),
            }
            if what == "definition":
                args["references"] = c.references
            yield Fact(subject=c.written, doc=c.doc, path=c.path, args=args)


# ---------------------------------------------------------------------------- process ids


def unique_process_ids(ctx: Context, options: Options) -> Iterator[Fact]:
    """A process id is used once in the whole model; the second use is reported."""
    first: dict[str, tuple[Any, tuple[Any, ...], bool]] = {}
    for occ in ctx.entries:
        pid = occ.data.get("id")
        if not isinstance(pid, str):
            continue
        path = (*occ.path, "id")
        if pid in first:
            yield Fact(subject=pid, doc=occ.doc, path=path, args={"id": pid}, first=first[pid])
        else:
            first[pid] = (occ.doc, path, False)


UNIQUE_PROCESS_IDS = Kind(unique_process_ids, "model", options=NO_OPTIONS, gives=gives("id", "first"))


def definition_typos(ctx: Context, options: Options) -> Iterator[Fact]:
    """A process id that the interfaces name under one other spelling: the id is the slip."""
    yield from _corrected(ctx, "definition")


DEFINITION_TYPOS = Kind(
    definition_typos,
    "model",
    options=NO_OPTIONS,
    gives=gives("process", "written", "closest", "hint", "references"),
    whole_model=True,
    topic="hb-references",
)

# ---------------------------------------------------------------------------- interfaces


def interface_targets(ctx: Context, options: Options) -> Iterator[Fact]:
    """Every interface names a process of the model."""
    ids = {i for o in ctx.entries if isinstance(i := o.data.get("id"), str)}
    suggester: Suggester | None = None
    yield from _corrected(ctx, "process")
    for occ, pid, index, target in ctx.interfaces:
        if target not in ids:
            if suggester is None:
                suggester = ctx.suggesters.get("processes", ids)
            closest = suggester.closest(target)
            yield Fact(
                subject=target,
                doc=occ.doc,
                path=(*occ.path, "interfaces", index, "to"),
                args={"process": pid, "target": target, **hint(closest if closest != pid else None)},
            )


INTERFACE_TARGETS = Kind(
    interface_targets,
    "model",
    options=NO_OPTIONS,
    gives=gives("process", "target", "closest", "hint"),
    whole_model=True,
    topic="hb-references",
)


def self_interfaces(ctx: Context, options: Options) -> Iterator[Fact]:
    """No process has an interface to itself."""
    for occ, pid, index, target in ctx.interfaces:
        if target == pid:
            yield Fact(
                subject=pid, doc=occ.doc, path=(*occ.path, "interfaces", index, "to"), args={"process": pid}
            )


SELF_INTERFACES = Kind(self_interfaces, "model", options=NO_OPTIONS, gives=gives("process"))

# ---------------------------------------------------------------------------- elements


def known_elements(ctx: Context, options: Options) -> Iterator[Fact]:
    """Every implemented id under Operations (1.1) is a catalogued element of level 2 or deeper,
    or lies below one; the closest known id is suggested. Ids of the other level-1 areas are
    outside the standard's scope (kind ``outside-scope``), never unknown."""
    catalogue = ctx.catalogue
    yield from _corrected(ctx, "element")
    for occ, pid, index, element in ctx.implements:
        if not catalogue.unknown(element):
            continue
        yield Fact(
            subject=element,
            doc=occ.doc,
            path=(*occ.path, "implements", index),
            args={"process": pid, **hint(closest_element(element, catalogue.implementable))},
        )
    # an id of a release that is no id of an element at all (``1.3``, ``01.3.7``, ``24.0``),
    # whatever the crosswalk holds
    for rid in ctx.releases.ids:
        if rid.outcome == OUTSIDE and rid.malformed:
            meant = ".".join(p.lstrip("0") or "0" for p in rid.id.split("."))  # 01.3.7 is 1.3.7
            closest = f"{meant}@{rid.release}" if not malformed_id(meant) else None
            args = {"process": rid.process, **hint(closest)}
            yield Fact(subject=rid.label, doc=rid.doc, path=rid.path, args=args)


KNOWN_ELEMENTS = Kind(known_elements, "model", options=NO_OPTIONS, gives=gives("process", "closest", "hint"))


def known_subelements(ctx: Context, options: Options) -> Iterator[Fact]:
    """An id below a known level-2 element that the catalogue does not list (its level-3 list
    is not complete, so this is worth a look, not a failure)."""
    catalogue = ctx.catalogue
    for occ, pid, index, element in ctx.implements:
        level2 = level2_of(element)
        if level2 is not None and level2 != element and level2 in catalogue and element not in catalogue:
            yield Fact(
                subject=element,
                doc=occ.doc,
                path=(*occ.path, "implements", index),
                element=level2,
                args={"process": pid, "parent": level2},
            )


KNOWN_SUBELEMENTS = Kind(
    known_subelements,
    "model",
    options=NO_OPTIONS,
    gives=gives("process", "parent", "parent_name", "element", "element_name"),
)


def outside_scope(ctx: Context, options: Options) -> Iterator[Fact]:
    """Ids under the level-1 areas that the standard does not cover (Strategy, Infrastructure &
    Product; Enterprise Management): an organisation's register holds them too. One fact per
    process, at its first such id."""
    catalogue = ctx.catalogue
    by_process: dict[int, tuple[Listed, list[str], list[str]]] = {}
    for item in ctx.implements:
        area = catalogue.outside_area(item[3])
        if area is None:
            continue
        _, elements, areas = by_process.setdefault(id(item[0].data), (item, [], []))
        elements.append(item[3])
        if area not in areas:
            areas.append(area)
    for (occ, pid, index, _), elements, areas in by_process.values():
        yield Fact(
            subject=pid,
            doc=occ.doc,
            path=(*occ.path, "implements", index),
            args={"process": pid, "elements": ", ".join(elements), "areas": ", ".join(areas)},
        )


OUTSIDE_SCOPE = Kind(outside_scope, "model", options=NO_OPTIONS, gives=gives("process", "elements", "areas"))

# ---------------------------------------------------------------------------- functions


def known_functions(ctx: Context, options: Options) -> Iterator[Fact]:
    """Every function id is one that the rule pack defines; the closest known one is suggested."""
    known = ctx.functions
    suggester: Suggester | None = None
    yield from _corrected(ctx, "function")
    for occ, pid, index, function in ctx.listed_functions:
        if function not in known:
            if suggester is None:
                suggester = Suggester(sorted(known))
            yield Fact(
                subject=function,
                doc=occ.doc,
                path=(*occ.path, "functions", index),
                args={"process": pid, "function": function, **hint(suggester.closest(function))},
            )


KNOWN_FUNCTIONS = Kind(
    known_functions, "model", options=NO_OPTIONS, gives=gives("process", "function", "closest", "hint")
)


def function_elements(ctx: Context, options: Options) -> Iterator[Fact]:
    """A listed function counts only for a process that implements its element. A process whose
    ``implements`` is missing, malformed or names an unknown element is left alone: that is
    reported already, and what it implements is not known."""
    known = ctx.functions
    catalogue = ctx.catalogue
    for occ, pid, index, function in ctx.listed_functions:
        definition = known.get(function)
        if definition is None:
            continue
        items = occ.data.get("implements")
        if not isinstance(items, list) or not items:
            continue
        implemented = _implemented(items)
        if implemented is None or any(catalogue.unknown(e) for e in implemented):
            continue
        element = definition.element
        if any(e == element or e.startswith(element + ".") for e in implemented):
            continue
        yield Fact(
            subject=function,
            doc=occ.doc,
            path=(*occ.path, "functions", index),
            element=element,
            args={"process": pid, "function": function},
        )


def _implemented(items: list[Any]) -> list[str] | None:
    """The standard's ids a process implements, or None when that is not sure: an id is
    malformed, or one of a release stands for no element, or only for part of one (an id of a
    release that the crosswalk does not hold at all is left out, as 1.2.x is in the standard's
    numbering, unless it is all there is)."""
    implemented: list[str] = []
    outside = False
    for item in items:
        if isinstance(item, ReleaseId):
            if item.outcome == UNREAD:  # what the process implements is not known
                return None
            if item.outcome == OUTSIDE:
                outside = True
                continue
            if item.outcome != COUNTS:
                return None
            implemented += item.elements
        elif isinstance(item, str) and well_formed(item):
            implemented.append(item)
        else:
            return None
    # only ids the crosswalk does not hold: what they stand for in the standard is not known
    # (``1.1.1.5`` of v24.0, where ``1.1.1.5@standard`` was meant, is said once, by MOD-34)
    return None if outside and not implemented else implemented


FUNCTION_ELEMENTS = Kind(
    function_elements,
    "model",
    options=NO_OPTIONS,
    gives=gives("process", "function", "element", "element_name"),
)
