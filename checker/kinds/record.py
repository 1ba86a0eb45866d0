"""What a kind is, in one record: its check, what its findings are, and what every other part of
the checker needs to know of it (the engine, explain, JUnit, ``init``, the pack loader).

A kind's options are the rule's data; each hook below reads them. Nothing outside ``kinds/``
looks at a rule's ``kind`` name to decide what to do: it asks the record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..io.sources import DEFAULT_LIMITS, Limits
from ..standard.catalogue import Catalogue
from ..standard.rulepack import Function
from .context import Context, Fact

Options = dict[str, Any]
Check = Callable[[Context, Options], Iterator[Fact]]
Sources = list[tuple[str, bytes | None]]

# When a kind runs: ``main`` first; ``waivers`` once the waivers are applied to the findings of
# ``main``; ``last`` when every other rule has been counted.
PHASES = ("main", "waivers", "last")

# Placeholders every finding gives, whatever its kind.
ALWAYS = frozenset({"subject"})

HEAD = "model: 1\norganisation:\n  name: Пример Телеком\nprocesses:\n"


@dataclass(frozen=True)
class Group:
    """One target group of an interface requirement: its label (F, A, B) and its elements."""

    label: str
    elements: tuple[str, ...]


@dataclass(frozen=True)
class Interface:
    """An interface requirement: from an element, in a direction, to one element of each group."""

    source: str
    direction: str
    groups: tuple[Group, ...]


@dataclass
class Plan:
    """What ``init`` writes, asked for by the rules: elements that need a process, the functions
    of an element, the interfaces between elements, the placeholder marker."""

    elements: list[str] = field(default_factory=list)
    functions: dict[str, list[str]] = field(default_factory=dict)
    interfaces: list[tuple[str, list[list[str]]]] = field(default_factory=list)
    marker: str | None = None

    def need(self, element: str) -> None:
        if element not in self.elements:
            self.elements.append(element)


def _nothing(options: Options) -> list[Any]:
    return []


def _no_example(options: Options, catalogue: Catalogue) -> tuple[str, str] | None:
    return None


def _no_input(options: Options) -> tuple[Sources, Limits] | None:
    return None


# what a kind cannot use in a rule's options: where in the options, the term that says it, its
# arguments (said in the language of the run, at the place in the pack's file)
OptionsProblem = tuple[tuple[Any, ...], str, dict[str, Any]]


def _no_problem(options: Options, catalogue: Catalogue) -> OptionsProblem | None:
    return None


def _no_lines(options: Options, catalogue: Catalogue, lang: str) -> list[str]:
    return []


def _no_plan(options: Options, plan: Plan) -> None:
    return None


def _no_interface(options: Options) -> Interface | None:
    return None


@dataclass(frozen=True)
class Kind:
    """A kind of rule.

    - ``check`` yields the facts; ``category`` is what its findings are about (``model``,
      ``coverage``, ``interface``, ``function``); ``phase`` is when it runs; ``whole_model``
      kinds are held back when a file cannot be read unambiguously; ``integrity`` kinds say why
      a file cannot be used, and are never waived or baselined.
    - ``options`` is the JSON Schema of a rule's options; ``gives`` the message placeholders its
      facts give (a rule naming another is refused when its pack loads); ``problem`` says what is
      wrong with options beyond their schema.
    - ``elements`` are the catalogue elements the options name; ``subjects`` the subjects a rule
      always has (JUnit lists passes for them), None when only findings have subjects.
    - ``required``: (element, alternative) pairs the model must implement (the coverage list);
      ``functions``: the functions the rule requires; ``interface``: the interface it requires.
    - ``describe`` says what a rule checks (explain, SARIF); ``example`` gives a passing and a
      failing model; ``failing_input`` a failing input that cannot be shown as text, with the
      limits that make a small one reach them; ``plan`` says what ``init`` writes for it;
      ``topic`` names what it checks when the note says it was held back.
    """

    check: Check
    category: str
    options: dict[str, Any]
    gives: Callable[[Options], frozenset[str]]
    phase: str = "main"
    whole_model: bool = False
    integrity: bool = False
    problem: Callable[[Options, Catalogue], OptionsProblem | None] = _no_problem
    elements: Callable[[Options], list[str]] = _nothing
    subjects: Callable[[Options], list[str]] | None = None
    required: Callable[[Options], list[tuple[str, list[str]]]] = _nothing
    functions: Callable[[Options], list[Function]] = _nothing
    interface: Callable[[Options], Interface | None] = _no_interface
    describe: Callable[[Options, Catalogue, str], list[str]] = _no_lines
    example: Callable[[Options, Catalogue], tuple[str, str] | None] = _no_example
    failing_input: Callable[[Options], tuple[Sources, Limits] | None] = _no_input
    plan: Callable[[Options, Plan], None] = _no_plan
    topic: str = ""  # the term naming what a whole-model kind checks, in the note when it is held back


def gives(*names: str) -> Callable[[Options], frozenset[str]]:
    """The placeholders of a kind whose facts give the same arguments whatever its options."""
    found = ALWAYS | frozenset(names)
    return lambda options: found


def process_yaml(
    pid: str,
    element: str,
    *,
    external: str | None = None,
    functions: list[str] | None = None,
    interfaces: list[str] | None = None,
) -> str:
    """One process of an example model."""
    lines = [f"  - id: {pid}", f"    name: {pid}", f"    implements: [{element}]"]
    if external is not None:
        lines.append(f"    external: {external}")
    if functions:
        lines.append("    functions: [" + ", ".join(functions) + "]")
    if interfaces:
        lines += ["    interfaces:"] + [f"      - to: {t}" for t in interfaces]
    return "\n".join(lines) + "\n"


def pid(element: str) -> str:
    """The id of an example's process for an element."""
    return "p-" + element.replace(".", "-")


def limited(**fields: int) -> Limits:
    """The default limits with some lowered, for a small failing input."""
    from dataclasses import replace

    return replace(DEFAULT_LIMITS, **fields)


ELEMENT_ID = {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)*$"}
ELEMENTS = {"type": "array", "minItems": 1, "uniqueItems": True, "items": ELEMENT_ID}
I18N = {
    "type": "object",
    "required": ["ru", "en"],
    "properties": {"ru": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}},
    "additionalProperties": False,
}
NO_OPTIONS: dict[str, Any] = {"type": "object", "maxProperties": 0}
