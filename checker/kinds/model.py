"""Kinds for the model's own soundness: reading, schema, ids and references."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import Term
from ..model.schema import where
from ..model.suggest import Suggester, closest_element
from ..standard.catalogue import level2_of, well_formed
from ..standard.rulepack import available_packs, standard_of
from .context import Context, Fact, hint


def input_problems(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Problems found while reading files (syntax, encoding, tags, limits ...) of one kind."""
    for p in ctx.problems:
        if p.code == options["problem"]:
            yield Fact(subject=p.subject, file=p.file, line=p.line, column=p.column, args=p.args)


def finding_limit(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Findings of one rule in one file beyond the limit: counted, not shown, and how many of
    them fail the gate (the engine runs rules of this kind last, once that is known)."""
    counts: dict[tuple[str, str], list[int]] = {}
    for finding, fails in ctx.hidden:
        tally = counts.setdefault((finding.rule, finding.location.file), [0, 0])
        tally[0] += 1
        tally[1] += fails
    for (rule, file), (count, failing) in counts.items():
        args = {
            "rule": rule,
            "count": count,
            "limit": ctx.limit,
            "failing_count": failing,
            "failing": Term("hidden-failing" if failing else "hidden-passing"),
        }
        yield Fact(subject=rule, file=file, args=args)


def schema_problems(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Schema violations of one kind (missing key, unknown key, wrong type, invalid value)."""
    for issue in ctx.schema:
        if issue.problem == options["problem"]:
            yield Fact(
                subject=issue.subject,
                doc=issue.doc,
                path=issue.path,
                at_key=issue.at_key,
                args=issue.args,
                identity=issue.identity,
            )


def unique_process_ids(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """A process id is used once in the whole model; the second use is reported."""
    first: dict[str, tuple[Any, tuple[Any, ...], bool]] = {}
    for occ in ctx.entries():
        pid = occ.data.get("id")
        if not isinstance(pid, str):
            continue
        path = (*occ.path, "id")
        if pid in first:
            yield Fact(subject=pid, doc=occ.doc, path=path, args={"id": pid}, first=first[pid])
        else:
            first[pid] = (occ.doc, path, False)


def _interfaces(ctx: Context) -> list[tuple[Any, str, int, str]]:
    """Listed once per run, shared by the kinds that need it."""
    if "interfaces" not in ctx.memo:
        ctx.memo["interfaces"] = list(_interfaces_walk(ctx))
    found: list[tuple[Any, str, int, str]] = ctx.memo["interfaces"]
    return found


def _interfaces_walk(ctx: Context) -> Iterator[tuple[Any, str, int, str]]:
    for occ in ctx.entries():
        pid = occ.data.get("id")
        interfaces = occ.data.get("interfaces")
        if not isinstance(pid, str) or not isinstance(interfaces, list):
            continue
        for index, item in enumerate(interfaces):
            target = item.get("to") if isinstance(item, dict) else None
            if isinstance(target, str):
                yield occ, pid, index, target


def interface_targets(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Every interface names a process of the model."""
    ids = {i for o in ctx.entries() if isinstance(i := o.data.get("id"), str)}
    suggester: Suggester | None = None
    yield from _corrected(ctx, "process")
    for occ, pid, index, target in _interfaces(ctx):
        if target not in ids:
            if suggester is None:
                suggester = Suggester(ids)
            closest = suggester.closest(target)
            yield Fact(
                subject=target,
                doc=occ.doc,
                path=(*occ.path, "interfaces", index, "to"),
                args={"process": pid, "target": target, **hint(closest if closest != pid else None)},
            )


def self_interfaces(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """No process has an interface to itself."""
    for occ, pid, index, target in _interfaces(ctx):
        if target == pid:
            yield Fact(
                subject=pid, doc=occ.doc, path=(*occ.path, "interfaces", index, "to"), args={"process": pid}
            )


def _listed(ctx: Context, key: str) -> list[tuple[Any, str, int, str]]:
    """(occurrence, process name, index, value) for each text in a process's ``key`` list;
    listed once per run and shared by the kinds that need it."""
    memo_key = "listed:" + key
    if memo_key not in ctx.memo:
        ctx.memo[memo_key] = list(_listed_walk(ctx, key))
    found: list[tuple[Any, str, int, str]] = ctx.memo[memo_key]
    return found


def _listed_walk(ctx: Context, key: str) -> Iterator[tuple[Any, str, int, str]]:
    for occ in ctx.entries():
        pid = occ.data.get("id")
        items = occ.data.get(key)
        if not isinstance(items, list):
            continue
        name = pid if isinstance(pid, str) else where(occ.path)
        for index, value in enumerate(items):
            if isinstance(value, str) and value:
                yield occ, name, index, value


def _implements(ctx: Context) -> Iterator[tuple[Any, str, int, str]]:
    """Implemented ids of the right form (others are the schema's to report)."""
    return (item for item in _listed(ctx, "implements") if well_formed(item[3]))


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


def definition_typos(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """A process id that the interfaces name under one other spelling: the id is the slip."""
    yield from _corrected(ctx, "definition")


def known_elements(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Every implemented id under Operations (1.1) is a catalogued element of level 2 or deeper,
    or lies below one; the closest known id is suggested. Ids of the other level-1 areas are
    outside the standard's scope (kind ``outside-scope``), never unknown."""
    catalogue = ctx.catalogue
    yield from _corrected(ctx, "element")
    for occ, pid, index, element in _implements(ctx):
        if catalogue.outside_area(element) is not None:
            continue
        level2 = level2_of(element)
        if level2 is not None and level2 in catalogue:
            continue
        closest = closest_element(element, catalogue.implementable)
        yield Fact(
            subject=element,
            doc=occ.doc,
            path=(*occ.path, "implements", index),
            args={"process": pid, **hint(closest)},
        )


def known_subelements(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """An id below a known level-2 element that the catalogue does not list (its level-3 list
    is not complete, so this is worth a look, not a failure)."""
    catalogue = ctx.catalogue
    for occ, pid, index, element in _implements(ctx):
        level2 = level2_of(element)
        if level2 is not None and level2 != element and level2 in catalogue and element not in catalogue:
            yield Fact(
                subject=element,
                doc=occ.doc,
                path=(*occ.path, "implements", index),
                element=level2,
                args={"process": pid, "parent": level2},
            )


def outside_scope(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Ids under the level-1 areas that the standard does not cover (Strategy, Infrastructure &
    Product; Enterprise Management): an organisation's register holds them too. One fact per
    process, at its first such id."""
    catalogue = ctx.catalogue
    by_process: dict[int, tuple[Any, str, int, list[str], list[str]]] = {}
    for occ, pid, index, element in _implements(ctx):
        area = catalogue.outside_area(element)
        if area is None:
            continue
        key = id(occ.data)
        if key not in by_process:
            by_process[key] = (occ, pid, index, [], [])
        elements, areas = by_process[key][3], by_process[key][4]
        elements.append(element)
        if area not in areas:
            areas.append(area)
    for occ, pid, index, elements, areas in by_process.values():
        yield Fact(
            subject=pid,
            doc=occ.doc,
            path=(*occ.path, "implements", index),
            args={"process": pid, "elements": ", ".join(elements), "areas": ", ".join(areas)},
        )


def known_functions(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Every function id is one that the rule pack defines; the closest known one is suggested."""
    known = ctx.pack.functions
    suggester: Suggester | None = None
    yield from _corrected(ctx, "function")
    for occ, pid, index, function in _listed(ctx, "functions"):
        if function not in known:
            if suggester is None:
                suggester = Suggester(sorted(known))
            yield Fact(
                subject=function,
                doc=occ.doc,
                path=(*occ.path, "functions", index),
                args={"process": pid, "function": function, **hint(suggester.closest(function))},
            )


def function_elements(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """A listed function counts only for a process that implements its element. A process whose
    ``implements`` is missing, malformed or names an unknown element is left alone: that is
    reported already, and what it implements is not known."""
    known = ctx.pack.functions
    catalogue = ctx.catalogue
    for occ, pid, index, function in _listed(ctx, "functions"):
        definition = known.get(function)
        if definition is None:
            continue
        items = occ.data.get("implements")
        if not isinstance(items, list) or not items:
            continue
        implemented = [e for e in items if isinstance(e, str) and well_formed(e)]
        if len(implemented) < len(items) or any(_unknown(e, catalogue) for e in implemented):
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


def _unknown(element: str, catalogue: Any) -> bool:
    """An id under the standard's area that no known level-2 element holds (MOD-17)."""
    if catalogue.outside_area(element) is not None:
        return False
    level2 = level2_of(element)
    return level2 is None or level2 not in catalogue


def organisation_missing(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Some file of the model declares the organisation."""
    # a file that could not be read may be the one that declares it: that file is reported already
    if not ctx.organisations() and len(ctx.documents) == len(ctx.files):
        yield ctx.at_organisation(subject="organisation")


def organisation_repeated(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Only one file declares the organisation; every further declaration is reported."""
    declared = ctx.organisations()
    for doc in declared[1:]:
        yield Fact(
            subject="organisation",
            doc=doc,
            path=("organisation",),
            at_key=True,
            first=(declared[0], ("organisation",), True),
        )


def known_standard(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """The standard the organisation names has a rule pack (the default pack is used instead)."""
    standard = ctx.declared_standard
    if standard is None or standard_of(standard) is not None:
        return
    declaring = next(
        d
        for d in ctx.organisations()
        if isinstance(d.data["organisation"], dict) and d.data["organisation"].get("standard") == standard
    )
    yield Fact(
        subject=standard,
        doc=declaring,
        path=("organisation", "standard"),
        args={"standard": standard, "known": ", ".join(sorted(available_packs())), "used": ctx.pack.standard},
    )


# the values that ``etom-check init`` writes as placeholders: the organisation's name, and each
# process's name and owner (``*`` stands for every process)
PLACEHOLDER_FIELDS: tuple[tuple[Any, ...], ...] = (
    ("organisation", "name"),
    ("processes", "*", "name"),
    ("processes", "*", "owner"),
)


def _placeholder_values(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(path, value) of every field that ``init`` writes a placeholder in, in document order."""
    for field in PLACEHOLDER_FIELDS:
        if "*" not in field:
            node: Any = data
            for step in field:
                node = node.get(step) if isinstance(node, dict) else None
            yield field, node
            continue
        head, tail = field[: field.index("*")], field[field.index("*") + 1 :]
        items: Any = data
        for step in head:
            items = items.get(step) if isinstance(items, dict) else None
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            node = item
            for step in tail:
                node = node.get(step) if isinstance(node, dict) else None
            yield (*head, index, *tail), node


def _placeholder_subject(doc: Any, path: tuple[Any, ...]) -> str:
    """``organisation/name``, or ``<process id>/owner`` for a value inside a process."""
    parts = [str(p) for p in path]
    if len(path) >= 2 and path[0] == "processes" and isinstance(path[1], int):
        item = doc.data["processes"][path[1]]
        pid = item.get("id") if isinstance(item, dict) else None
        parts = [pid if isinstance(pid, str) else f"processes/{path[1]}", *parts[2:]]
    return "/".join(parts)


def placeholders(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """A field that ``etom-check init`` wrote and that still holds its placeholder: the marker
    alone, or the marker and a colon (``TODO``, ``TODO: Order Handling``). Any other text, and
    every other field (``purpose``, ``x-`` keys ...), is the organisation's own."""
    marker = options["marker"]
    for doc in ctx.documents:
        for path, value in _placeholder_values(doc.data):
            if not isinstance(value, str):
                continue
            text = value.strip()
            if text == marker or text.startswith(marker + ":"):
                yield Fact(
                    subject=_placeholder_subject(doc, path),
                    doc=doc,
                    path=path,
                    args={"value": value, "key": str(path[-1]), "marker": marker},
                )
