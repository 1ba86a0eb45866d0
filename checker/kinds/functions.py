"""The kind of the required functions: an element's processes provide each function the
standard lists for it."""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import term
from ..standard.catalogue import Catalogue
from ..standard.rulepack import Function
from .context import Context, Fact
from .record import ELEMENT_ID, HEAD, I18N, Kind, Options, OptionsProblem, Plan, gives, pid, process_yaml

FUNCTION_ID = {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"}


def required(options: Options) -> list[Function]:
    """The functions a rule of this kind requires of its element."""
    element = options["element"]
    return [
        Function(
            item["id"], element, dict(item["title"]), item.get("evidence"), tuple(item.get("aliases", ()))
        )
        for item in options["functions"]
    ]


def evidenced(evidence: str | None, implemented: set[str]) -> bool:
    """Whether an element implemented (or one below it) is the evidence of a function."""
    if evidence is None:
        return False
    return any(e == evidence or e.startswith(evidence + ".") for e in implemented)


def functions(ctx: Context, options: Options) -> Iterator[Fact]:
    """Each listed function is provided by the element's implementation: a process lists it in
    ``functions`` or implements its evidence element (or one below it)."""
    element = options["element"]
    impl = ctx.implementation(element)
    if not impl.processes:
        return
    provided, implemented = ctx.provided(element)
    for function in required(options):
        if function.id in provided or evidenced(function.evidence, implemented):
            continue
        yield ctx.at_process(
            impl.processes[0],
            subject=function.id,
            element=element,
            args={
                "function": function.id,
                "function_title": function.title,
                "evidence": function.evidence or "—",
            },
        )


def _problem(options: Options, catalogue: Catalogue) -> OptionsProblem | None:
    """A function's evidence lies below the rule's element."""
    element = options["element"]
    for index, function in enumerate(required(options)):
        if function.evidence is not None and not function.evidence.startswith(element + "."):
            args = {"evidence": function.evidence, "function": function.id, "element": element}
            return ("functions", index, "evidence"), "kp-evidence", args
    return None


def _describe(options: Options, catalogue: Catalogue, lang: str) -> list[str]:
    element = options["element"]
    lines = [f"  {element}  {catalogue.name(element, lang)}"]
    for f in required(options):
        evidence = f"  [{term('evidence', lang)}: {f.evidence}]" if f.evidence else ""
        lines.append(f"    {f.id:<28} {f.title[lang]}{evidence}")
    return lines


def _example(options: Options, catalogue: Catalogue) -> tuple[str, str]:
    element = options["element"]
    names = [f.id for f in required(options)]
    return (
        HEAD + process_yaml(pid(element), element, functions=names),
        HEAD + process_yaml(pid(element), element, functions=names[1:]),
    )


def _plan(options: Options, plan: Plan) -> None:
    element = options["element"]
    plan.need(element)
    listed = plan.functions.setdefault(element, [])
    listed.extend(f.id for f in required(options) if f.id not in listed)


FUNCTIONS = Kind(
    functions,
    "function",
    options={
        "type": "object",
        "required": ["element", "functions"],
        "properties": {
            "element": ELEMENT_ID,
            "functions": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["id", "title"],
                    "properties": {
                        "id": FUNCTION_ID,
                        "title": I18N,
                        "evidence": ELEMENT_ID,
                        "aliases": {
                            "type": "array",
                            "items": FUNCTION_ID,
                            "description": "Other ids accepted for the function.",
                        },
                    },
                    "additionalProperties": False,
                },
            },
        },
        "additionalProperties": False,
    },
    gives=gives("element", "element_name", "function", "function_title", "evidence"),
    whole_model=True,
    topic="hb-function",
    problem=_problem,
    elements=lambda options: [
        options["element"],
        *(f["evidence"] for f in options["functions"] if "evidence" in f),
    ],
    subjects=lambda options: [f["id"] for f in options["functions"]],
    functions=required,
    describe=_describe,
    example=_example,
    plan=_plan,
)
