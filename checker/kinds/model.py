"""Kinds for the model's own soundness: reading, schema, ids and references."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from ..catalogue import level2_of, well_formed
from ..rulepack import available_packs, standard_of
from ..suggest import Suggester
from ..validation import where
from .context import Context, Fact


def input_problems(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Problems found while reading files (syntax, encoding, tags, limits ...) of one kind."""
    for p in ctx.problems:
        if p.code == options["problem"]:
            yield Fact(subject=p.subject, file=p.file, line=p.line, column=p.column, args=p.args)


def finding_limit(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Findings of one rule in one file beyond the limit: counted, not shown (the engine runs
    rules of this kind last, when every other rule has been counted)."""
    yield from ctx.overflow


def schema_problems(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Schema violations of one kind (missing key, unknown key, wrong type, invalid value)."""
    for issue in ctx.schema:
        if issue.problem == options["problem"]:
            yield Fact(
                subject=issue.subject, doc=issue.doc, path=issue.path, at_key=issue.at_key, args=issue.args
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
    ids = {o.data.get("id") for o in ctx.entries()}
    suggester: Suggester | None = None
    for occ, pid, index, target in _interfaces(ctx):
        if target not in ids:
            if suggester is None:
                suggester = Suggester(i for i in ids if isinstance(i, str))
            close = suggester.closest(target)
            yield Fact(
                subject=target,
                doc=occ.doc,
                path=(*occ.path, "interfaces", index, "to"),
                args={"process": pid, "target": target, "suggestion": close or "—"},
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


def known_elements(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Every implemented id is a catalogued element of level 2 or deeper, or lies below one."""
    catalogue = ctx.catalogue
    for occ, pid, index, element in _implements(ctx):
        level2 = level2_of(element)
        if level2 is not None and level2 in catalogue:
            continue
        yield Fact(subject=element, doc=occ.doc, path=(*occ.path, "implements", index), args={"process": pid})


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


def known_functions(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """Every function id is one that the rule pack defines."""
    known = ctx.pack.functions
    names = sorted(known)
    for occ, pid, index, function in _listed(ctx, "functions"):
        if function not in known:
            close = difflib.get_close_matches(function, names, n=1)
            yield Fact(
                subject=function,
                doc=occ.doc,
                path=(*occ.path, "functions", index),
                args={"process": pid, "function": function, "suggestion": close[0] if close else "—"},
            )


def function_elements(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """A listed function counts only for a process that implements its element."""
    known = ctx.pack.functions
    for occ, pid, index, function in _listed(ctx, "functions"):
        definition = known.get(function)
        if definition is None:
            continue
        items = occ.data.get("implements")
        implemented = [e for e in items if isinstance(e, str)] if isinstance(items, list) else []
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
    declaring = next(d for d in ctx.organisations() if d.data["organisation"].get("standard") == standard)
    yield Fact(
        subject=standard,
        doc=declaring,
        path=("organisation", "standard"),
        args={"standard": standard, "known": ", ".join(sorted(available_packs())), "used": ctx.pack.standard},
    )


def _strings_with(marker: str, value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path, text) for every text in ``value`` that contains ``marker``, in document order,
    with a path made only for those (one call per container rather than per value)."""
    if isinstance(value, str):
        if marker in value:
            yield path, value
        return
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(item, str):
            if marker in item:
                yield (*path, key), item
        elif isinstance(item, (dict, list)):
            yield from _strings_with(marker, item, (*path, key))


def _placeholder_subject(doc: Any, path: tuple[Any, ...]) -> str:
    """``organisation/name``, or ``<process id>/owner`` for a value inside a process."""
    parts = [str(p) for p in path]
    if len(path) >= 2 and path[0] == "processes" and isinstance(path[1], int):
        item = doc.data["processes"][path[1]]
        pid = item.get("id") if isinstance(item, dict) else None
        parts = [pid if isinstance(pid, str) else f"processes/{path[1]}", *parts[2:]]
    return "/".join(parts)


def placeholders(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """A value that is still a placeholder of ``etom-check init``: the marker alone, or the marker
    and a colon (``TODO``, ``TODO: Order Handling``); a name such as ``TODO-list handling`` is
    the organisation's own text."""
    marker = options["marker"]
    for doc in ctx.documents:
        for path, value in _strings_with(marker, doc.data, ()):
            text = value.strip()
            if text == marker or text.startswith(marker + ":"):
                yield Fact(
                    subject=_placeholder_subject(doc, path),
                    doc=doc,
                    path=path,
                    args={"value": value, "key": str(path[-1]) if path else "", "marker": marker},
                )
