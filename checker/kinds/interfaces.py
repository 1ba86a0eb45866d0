"""The kind of the interfaces to F, A and B: the processes of one element hand work to those of
another."""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import Term, term
from ..model.graph import links
from ..standard.catalogue import Catalogue
from .context import Context, Fact
from .record import (
    ELEMENT_ID,
    ELEMENTS,
    HEAD,
    Group,
    Interface,
    Kind,
    Options,
    Plan,
    gives,
    pid,
    process_yaml,
)


def requirement(options: Options) -> Interface:
    """The interface a rule of this kind requires, its groups labelled (by their elements when
    they have no label)."""
    groups = tuple(
        Group(str(g.get("group") or ", ".join(g["elements"])), tuple(g["elements"])) for g in options["to"]
    )
    return Interface(options["from"], options.get("direction", "out"), groups)


def interface(ctx: Context, options: Options) -> Iterator[Fact]:
    """Some process implementing ``from`` passes work to (``out``), receives it from (``in``) or
    exchanges it with (``any``) some process implementing one element of each target group."""
    wanted = requirement(options)
    source = ctx.implementation(wanted.source)
    if not source.processes:
        return
    for group, spec in zip(wanted.groups, options["to"], strict=True):
        targets = {p for e in group.elements for p in ctx.implementation(e).processes}
        if any(True for _ in links(ctx.graph, source.processes, targets, wanted.direction)):
            continue
        listed = ", ".join(group.elements)
        shown = f"{spec['group']} ({listed})" if spec.get("group") else listed
        yield ctx.at_process(
            source.processes[0],
            subject=wanted.source,
            element=wanted.source,
            target=group.label,
            args={
                "target": shown,
                "target_note": Term(
                    "t-none"
                    if targets
                    else "t-unimplemented"
                    if len(group.elements) > 1
                    else "t-unimplemented-1"
                ),
                "direction": Term(f"d-{wanted.direction}"),
                "target_elements": listed,
            },
        )


def _describe(options: Options, catalogue: Catalogue, lang: str) -> list[str]:
    wanted = requirement(options)
    name = catalogue.name
    lines = [f"  {wanted.source}  {name(wanted.source, lang)}  →  ({term('d-' + wanted.direction, lang)})"]
    for group, spec in zip(wanted.groups, options["to"], strict=True):
        label = f"{spec['group']}: " if spec.get("group") else ""
        listed = ", ".join(f"{e} {name(e, lang)}" for e in group.elements)
        lines.append("    " + label + term("one-of", lang) + " " + listed)
    lines.append("  " + term("same-process", lang))
    return lines


def _example(options: Options, catalogue: Catalogue) -> tuple[str, str]:
    wanted = requirement(options)
    targets = [g.elements[0] for g in wanted.groups]
    tail = "".join(process_yaml(pid(t), t) for t in targets)
    good = HEAD + process_yaml(pid(wanted.source), wanted.source, interfaces=[pid(t) for t in targets]) + tail
    return good, HEAD + process_yaml(pid(wanted.source), wanted.source) + tail


def _plan(options: Options, plan: Plan) -> None:
    wanted = requirement(options)
    plan.interfaces.append((wanted.source, [list(g.elements) for g in wanted.groups]))


INTERFACE = Kind(
    interface,
    "interface",
    options={
        "type": "object",
        "required": ["from", "to"],
        "properties": {
            "from": ELEMENT_ID,
            "to": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["elements"],
                    "properties": {"group": {"type": "string", "minLength": 1}, "elements": ELEMENTS},
                    "additionalProperties": False,
                },
            },
            "direction": {"enum": ["out", "in", "any"], "default": "out"},
        },
        "additionalProperties": False,
    },
    gives=gives(
        "element", "element_name", "subject_name", "target", "target_note", "direction", "target_elements"
    ),
    whole_model=True,
    topic="hb-interface",
    elements=lambda options: [options["from"], *(e for g in options["to"] for e in g["elements"])],
    subjects=lambda options: [options["from"]],
    interface=requirement,
    describe=_describe,
    example=_example,
    plan=_plan,
)
