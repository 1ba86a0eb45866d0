"""Kinds of coverage: each required element is implemented, in full and by the organisation
itself; and the starting model of ``init`` is filled in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import LANGS, term
from ..model.implementation import PARTIAL, Implementation, missing_children, status
from ..standard.catalogue import Catalogue
from .context import Context, Fact
from .record import ELEMENTS, HEAD, Kind, Options, OptionsProblem, Plan, gives, pid, process_yaml
from .releases import Text, release_note

# ---------------------------------------------------------------------------- coverage


def coverage(ctx: Context, options: Options) -> Iterator[Fact]:
    """Each element is implemented by some process; or, where ``alternative`` is given, all of
    those elements are implemented instead."""
    alternative = options.get("alternative", [])
    for element in options["elements"]:
        if ctx.implementation(element).processes:
            continue
        missing = [a for a in alternative if not ctx.implementation(a).processes]
        if alternative and not missing:
            continue
        args = {
            "alternative": ", ".join(alternative),
            "missing": ", ".join(missing),
            # of the alternative form, what the model's releases say of the elements it lacks
            "release_note": release_note(ctx, missing if alternative else [element]),
        }
        yield ctx.at_organisation(subject=element, element=element, args=args)


def _elements(options: Options) -> list[str]:
    return [*options["elements"], *options.get("alternative", [])]


def _listed(options: Options, catalogue: Catalogue, lang: str) -> list[str]:
    lines = [f"  {e}  {catalogue.name(e, lang)}" for e in options["elements"]]
    if options.get("alternative"):
        lines.append("  " + term("or-all-of", lang) + " " + ", ".join(options["alternative"]))
    return lines


def _coverage_example(options: Options, catalogue: Catalogue) -> tuple[str, str]:
    """Every element implemented; and the first left out (with all of the alternative form but
    its last element, when there is one: not enough to stand in for it)."""
    elements = list(options["elements"])
    unfinished = list(options.get("alternative", []))[:-1]
    return (
        HEAD + "".join(process_yaml(pid(e), e) for e in elements),
        HEAD + "".join(process_yaml(pid(e), e) for e in [*elements[1:], *unfinished]),
    )


def _need(options: Options, plan: Plan) -> None:
    for element in options["elements"]:
        plan.need(element)


COVERAGE = Kind(
    coverage,
    "coverage",
    options={
        "type": "object",
        "required": ["elements"],
        "properties": {
            "elements": ELEMENTS,
            "alternative": {
                **ELEMENTS,
                "description": "The elements covered all together stand in for the `elements`.",
            },
        },
        "additionalProperties": False,
    },
    gives=gives("element", "element_name", "subject_name", "alternative", "missing", "release_note"),
    whole_model=True,
    topic="hb-coverage",
    elements=_elements,
    subjects=lambda options: list(options["elements"]),
    required=lambda options: [(e, list(options.get("alternative", []))) for e in options["elements"]],
    describe=_listed,
    example=_coverage_example,
    plan=_need,
)

# ---------------------------------------------------------------------------- partial coverage


def partial_coverage(ctx: Context, options: Options) -> Iterator[Fact]:
    """An element implemented only through some of the elements below it."""
    for element in options["elements"]:
        impl = ctx.implementation(element)
        if status(impl) != PARTIAL:
            continue
        below = sorted(impl.below, key=_key)
        args = {
            "implemented": ", ".join([*_written(ctx, below), *impl.partly]),
            "missing": ", ".join(missing_children(impl, ctx.catalogue)) or _rest(impl),
        }
        yield ctx.at_process(impl.processes[0], subject=element, element=element, args=args)


def _rest(impl: Implementation) -> Text:
    """What is left out when no known level-3 element is: what a split of today's eTOM left out
    of the ids that stand for part of it, or the parts that the catalogue does not list."""
    if impl.partly:
        ids = {"ids": ", ".join(impl.partly), "element": impl.element}
        return {lang: term("partial-rest-split", lang, ids) for lang in LANGS}
    return {lang: term("partial-rest-unlisted", lang) for lang in LANGS}


def _key(element: str) -> tuple[int, ...]:
    return tuple(int(p) for p in element.split("."))


def _written(ctx: Context, elements: list[str]) -> list[str]:
    """Each element as the model wrote it: its own id, and each id of a release that stands for
    it (``1.3.7.5@v24.0 → 1.1.1.6.5``)."""
    shown: list[str] = []
    for element in elements:
        impl = ctx.implementation(element)
        if impl.plain or not impl.via:
            shown.append(element)
        shown.extend(f"{label} → {element}" for label in impl.via)
    return shown


def _partial_example(options: Options, catalogue: Catalogue) -> tuple[str, str]:
    element = next((e for e in options["elements"] if catalogue.children(e)), options["elements"][0])
    child = (catalogue.children(element) or [element + ".1"])[0]
    return HEAD + process_yaml(pid(element), element), HEAD + process_yaml(pid(child), child)


ELEMENTS_ONLY = {
    "type": "object",
    "required": ["elements"],
    "properties": {"elements": ELEMENTS},
    "additionalProperties": False,
}


def _level_2_only(options: Options, catalogue: Catalogue) -> OptionsProblem | None:
    """Partial coverage is said of level-2 elements (through the level-3 ones below them)."""
    for index, element in enumerate(options["elements"]):
        if element.count(".") != 3:
            return ("elements", index), "kp-not-level-2", {"element": element}
    return None


PARTIAL_COVERAGE = Kind(
    partial_coverage,
    "coverage",
    options=ELEMENTS_ONLY,
    problem=_level_2_only,
    gives=gives("element", "element_name", "subject_name", "implemented", "missing"),
    whole_model=True,
    topic="hb-coverage",
    elements=lambda options: list(options["elements"]),
    subjects=lambda options: list(options["elements"]),
    describe=_listed,
    example=_partial_example,
)

# ---------------------------------------------------------------------------- external coverage


def external_coverage(ctx: Context, options: Options) -> Iterator[Fact]:
    """An element implemented only by processes marked ``external: true``."""
    for element in options["elements"]:
        impl = ctx.implementation(element)
        if impl.processes and len(impl.external) == len(impl.processes):
            args = {"processes": ", ".join(impl.processes)}
            yield ctx.at_process(impl.processes[0], subject=element, element=element, args=args)


def _external_example(options: Options, catalogue: Catalogue) -> tuple[str, str]:
    element = options["elements"][0]
    return (
        HEAD + process_yaml(pid(element), element, external="false"),
        HEAD + process_yaml(pid(element), element, external="true"),
    )


EXTERNAL_COVERAGE = Kind(
    external_coverage,
    "coverage",
    options=ELEMENTS_ONLY,
    gives=gives("element", "element_name", "subject_name", "processes"),
    whole_model=True,
    topic="hb-coverage",
    elements=lambda options: list(options["elements"]),
    subjects=lambda options: list(options["elements"]),
    describe=_listed,
    example=_external_example,
)

# ---------------------------------------------------------------------------- placeholders of init

# the values that ``etom-check init`` writes as placeholders: the organisation's name, and each
# process's name and owner (``*`` stands for every process)
PLACEHOLDER_FIELDS: tuple[tuple[Any, ...], ...] = (
    ("organisation", "name"),
    ("processes", "*", "name"),
    ("processes", "*", "owner"),
)


def _placeholder_values(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(path, value) of every field that ``init`` writes a placeholder in, in document order."""
    for fields in PLACEHOLDER_FIELDS:
        if "*" not in fields:
            node: Any = data
            for step in fields:
                node = node.get(step) if isinstance(node, dict) else None
            yield fields, node
            continue
        head, tail = fields[: fields.index("*")], fields[fields.index("*") + 1 :]
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
        process = item.get("id") if isinstance(item, dict) else None
        parts = [process if isinstance(process, str) else f"processes/{path[1]}", *parts[2:]]
    return "/".join(parts)


def placeholders(ctx: Context, options: Options) -> Iterator[Fact]:
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


def _marker(options: Options, plan: Plan) -> None:
    plan.marker = options["marker"]


PLACEHOLDERS = Kind(
    placeholders,
    "coverage",
    options={
        "type": "object",
        "required": ["marker"],
        "properties": {
            "marker": {
                "type": "string",
                "minLength": 1,
                "description": "A value that is the marker, or begins with it and a colon, is not filled in.",
            }
        },
        "additionalProperties": False,
    },
    gives=gives("value", "key", "marker"),
    plan=_marker,
)
