"""Rule packs: one manifest and one file per rule, each validated by the rule-pack schema."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from ..findings import Severity
from ..io.positions import Positions
from .catalogue import Catalogue, load_catalogue
from .datafiles import PackError, check_against, read_yaml, rules_dir

MANIFEST = "pack.yaml"
DEFAULT_STANDARD = "GOST R 53633.3-2009"


@dataclass(frozen=True)
class Function:
    """A function that the pack requires of an element, with the level-3 element that evidences it."""

    id: str
    element: str
    title: dict[str, str]
    evidence: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    title: dict[str, str]
    severity: Severity
    clause: dict[str, str]
    kind: str
    options: dict[str, Any]
    message: dict[str, str]
    why: dict[str, str]
    examples: dict[str, str] | None = None
    source: str = ""


@dataclass
class Pack:
    id: str
    standard: str
    title: dict[str, str]
    rules: list[Rule]
    catalogue: Catalogue
    files: list[Path] = field(default_factory=list)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @cached_property
    def functions(self) -> dict[str, Function]:
        """Every function any rule of the pack requires, by id and by alias (first definition wins)."""
        found: dict[str, Function] = {}
        for rule in self.rules:
            if rule.kind != "functions":
                continue
            element = rule.options["element"]
            for item in rule.options["functions"]:
                function = Function(
                    item["id"],
                    element,
                    dict(item["title"]),
                    item.get("evidence"),
                    tuple(item.get("aliases", ())),
                )
                for name in (function.id, *function.aliases):
                    found.setdefault(name, function)
        return found


def natural_key(rule_id: str) -> tuple[Any, ...]:
    """``MOD-2`` before ``MOD-10``."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", rule_id))


TEMPLATES = ("title", "clause", "message")


def rule_from_data(data: dict[str, Any], source: str, file: str, positions: Positions) -> Rule:
    """A rule from its validated data (a mapping of the document that ``positions`` locates, so
    that a bad template is reported where it stands in ``file``)."""
    check_templates(data, file, positions)
    return Rule(
        id=data["id"],
        title=dict(data["title"]),
        severity=Severity.parse(data["severity"]),
        clause=dict(data["clause"]),
        kind=data["kind"],
        options=data["options"],
        message=dict(data["message"]),
        why=dict(data["why"]),
        examples=dict(data["examples"]) if "examples" in data else None,
        source=source,
    )


def check_templates(data: dict[str, Any], file: str, positions: Positions) -> None:
    """Every title, clause and message is plain text with ``{name}`` placeholders: no conversion,
    no format spec, no attribute or index access (rule files hold data, not expressions)."""
    for key in TEMPLATES:
        for lang, text in sorted(data[key].items()):
            problem = template_problem(text)
            if problem is not None:
                line, column = positions.value(data, (key, lang))
                raise PackError(file, line, column, f"{key}/{lang}: {problem}")


def template_problem(text: str) -> str | None:
    """Why a message template is refused, or None when every placeholder is a bare name."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        return f"bad placeholder: {exc}"
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not name.isidentifier() or conversion is not None or spec:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            return f"placeholder {shown} must be a plain name such as {{element}}"
    return None


def _normal(designation: str) -> str:
    return " ".join(designation.split()).casefold()


@cache
def _pack_index() -> dict[str, tuple[str, Path]]:
    """Every designation of every shipped pack, normalised -> (standard, pack folder)."""
    found: dict[str, tuple[str, Path]] = {}
    for manifest in sorted(rules_dir().glob(f"*/{MANIFEST}")):
        data, positions = read_yaml(manifest, _display(manifest))
        check_against("manifest", data, positions, _display(manifest))
        for name in (data["standard"], *data.get("designations", ())):
            found.setdefault(_normal(name), (data["standard"], manifest.parent))
    return found


def available_packs() -> dict[str, Path]:
    """Standard designation -> pack folder, for every pack shipped in ``rules/``."""
    return {standard: folder for standard, folder in _pack_index().values()}


def standard_of(designation: str) -> str | None:
    """The standard a designation names (``ГОСТ Р 53633.3-2009`` is GOST R 53633.3-2009), if a
    pack is shipped for it."""
    entry = _pack_index().get(_normal(designation))
    return entry[0] if entry else None


def _display(path: Path) -> str:
    return f"rules/{path.parent.name}/{path.name}"


@cache
def load_pack(standard: str = DEFAULT_STANDARD) -> Pack:
    """The shipped pack for a standard; a broken file raises :class:`PackError`."""
    entry = _pack_index().get(_normal(standard))
    if entry is None:
        raise PackError("rules", 1, 1, f"no rule pack for the standard {standard!r}")
    folder = entry[1]
    manifest_path = folder / MANIFEST
    manifest, _ = read_yaml(manifest_path, _display(manifest_path))
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name == MANIFEST:
            continue
        display = _display(path)
        data, positions = read_yaml(path, display)
        check_against("rule", data, positions, display)
        if path.stem != data["id"]:
            line, column = positions.value(data, ("id",))
            raise PackError(display, line, column, f"rule id {data['id']!r} must match the file name")
        if data["id"] in seen:  # pragma: no cover - file names are unique within a folder
            raise PackError(display, 1, 1, f"rule {data['id']} repeats {seen[data['id']]}")
        seen[data["id"]] = display
        rules.append(rule_from_data(data, display, display, positions))
    rules.sort(key=lambda r: natural_key(r.id))
    catalogue = load_catalogue(manifest.get("catalogue", "catalogue.yaml"))
    pack = Pack(manifest["id"], manifest["standard"], dict(manifest["title"]), rules, catalogue)
    check_references(pack)
    return pack


def check_references(pack: Pack) -> None:
    """Every element a rule names is in the catalogue; every function's evidence is below its
    element."""
    for rule in pack.rules:
        wrong = reference_error(rule, pack.catalogue)
        if wrong:
            raise PackError(rule.source, 1, 1, wrong)


def reference_error(rule: Rule, catalogue: Catalogue) -> str | None:
    """What is wrong with the elements a rule names, if anything."""
    for element in elements_named(rule):
        if element not in catalogue.elements:
            return f"rule {rule.id} names {element}, which the catalogue does not know"
    if rule.kind == "functions":
        element = rule.options["element"]
        for function in rule.options["functions"]:
            evidence = function.get("evidence")
            if evidence is not None and not evidence.startswith(element + "."):
                return f"rule {rule.id}: the evidence {evidence} of {function['id']} is not below {element}"
    return None


def elements_named(rule: Rule) -> list[str]:
    """Every catalogue element the rule's options name."""
    o = rule.options
    if rule.kind in ("coverage", "partial-coverage", "external-coverage"):
        return list(o["elements"]) + list(o.get("alternative", []))
    if rule.kind == "interface":
        return [o["from"]] + [e for group in o["to"] for e in group["elements"]]
    if rule.kind == "functions":
        return [o["element"]] + [f["evidence"] for f in o["functions"] if "evidence" in f]
    return []


def with_severity(rule: Rule, severity: Severity) -> Rule:
    return replace(rule, severity=severity)
