"""Rule packs: one manifest and one file per rule, each validated by the rule-pack schema.

What a rule's kind makes of its options is the kinds' business: the engine checks each rule
against its kind when a pack loads (``checker.engine.packs``)."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from ..findings import Severity
from ..i18n import Term
from ..io.cache import Cache
from ..io.positions import Positions
from .catalogue import Catalogue, load_catalogue
from .datafiles import PackError, check_against, once_per_key, read_yaml, rules_dir

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
    """One rule: its identity and words, the kind that checks it and the options it gives the
    kind; ``file`` and ``places`` say where it is written (``kind``, ``options``, ``message/ru``
    ... -> line and column), so that a rule a kind cannot use is reported there."""

    id: str
    title: dict[str, str]
    severity: Severity
    clause: dict[str, str]
    kind: str
    options: dict[str, Any]
    message: dict[str, str]
    why: dict[str, str]
    examples: dict[str, str] | None = None
    file: str = ""
    places: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, hash=False)
    # the rule's data as read, with its positions: where exactly a part of its options stands
    origin: tuple[Any, Positions] | None = field(default=None, compare=False, hash=False)

    def place(self, key: str) -> tuple[int, int]:
        """Where a part of the rule is written (the rule's own first line when not known)."""
        return self.places.get(key) or self.places.get("id") or (1, 1)

    def place_in_options(self, path: tuple[Any, ...], at_key: bool = False) -> tuple[int, int]:
        """Where a value (or, ``at_key``, a key) inside the rule's options is written."""
        if self.origin is None:
            return self.place("options")
        data, positions = self.origin
        found: tuple[int, int] = (positions.key if at_key else positions.value)(data, ("options", *path))
        return found


@dataclass
class Pack:
    """A rule pack: its standard, its rules in order, the catalogue its rules name, the files it
    came from (the shipped pack's with the custom ones) and the function table of its rules."""

    id: str
    standard: str
    title: dict[str, str]
    rules: list[Rule]
    catalogue: Catalogue
    files: list[Path] = field(default_factory=list)
    functions: dict[str, Function] = field(default_factory=dict)
    digest: str = ""  # sha256 over the pack's files, for provenance
    crosswalk: str | None = None  # the crosswalk to today's eTOM releases, a file in ``rules/``

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def natural_key(rule_id: str) -> tuple[Any, ...]:
    """``MOD-2`` before ``MOD-10``."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", rule_id))


TEMPLATES = ("title", "clause", "message")


def rule_from_data(data: dict[str, Any], file: str, positions: Positions) -> Rule:
    """A rule from its validated data (a mapping of the document that ``positions`` locates, so
    that a bad template is reported where it stands in ``file``)."""
    check_templates(data, file, positions)
    places = {key: positions.value(data, (key,)) for key in data}
    places |= {f"{key}/{lang}": positions.value(data, (key, lang)) for key in TEMPLATES for lang in data[key]}
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
        file=file,
        places=places,
        origin=(data, positions),
    )


def check_templates(data: dict[str, Any], file: str, positions: Positions) -> None:
    """Every title, clause and message is plain text with ``{name}`` placeholders: no conversion,
    no format spec, no attribute or index access (rule files hold data, not expressions)."""
    for key in TEMPLATES:
        for lang, text in sorted(data[key].items()):
            problem = template_problem(text)
            if problem is not None:
                line, column = positions.value(data, (key, lang))
                raise PackError(file, line, column, "pk-template", key=key, lang=lang, **problem)


def template_problem(text: str) -> dict[str, Any] | None:
    """Why a message template is refused (``problem``, a term, and its arguments), or None when
    every placeholder is a bare name."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        return {"problem": Term("pk-braces"), "error": str(exc)}
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not name.isidentifier() or conversion is not None or spec:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            return {"problem": Term("pk-placeholder"), "shown": shown}
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


@once_per_key
def load_pack(standard: str = DEFAULT_STANDARD, files: Cache | None = None) -> Pack:
    """The shipped pack for a standard, read once per process, its files through ``files`` (a
    cache of reading results, see :mod:`checker.io.cache`) when one is given, so that they are
    parsed once per version of them; a broken file raises :class:`PackError`."""
    entry = _pack_index().get(_normal(standard))
    if entry is None:
        raise PackError("rules", 1, 1, "pk-no-pack", standard=standard)
    folder = entry[1]
    manifest_path = folder / MANIFEST
    manifest, _ = read_yaml(manifest_path, _display(manifest_path), files, "manifest")
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name == MANIFEST:
            continue
        display = _display(path)
        data, positions = read_yaml(path, display, files, "rule")
        check_against("rule", data, positions, display)
        if path.stem != data["id"]:
            line, column = positions.value(data, ("id",))
            raise PackError(display, line, column, "pk-id-file", id=data["id"])
        if data["id"] in seen:  # pragma: no cover - file names are unique within a folder
            raise PackError(display, 1, 1, "pk-repeat", id=data["id"], other=seen[data["id"]])
        seen[data["id"]] = display
        rules.append(rule_from_data(data, display, positions))
    rules.sort(key=lambda r: natural_key(r.id))
    catalogue = load_catalogue(manifest.get("catalogue", "catalogue.yaml"), files)
    return Pack(
        manifest["id"],
        manifest["standard"],
        dict(manifest["title"]),
        rules,
        catalogue,
        crosswalk=manifest.get("crosswalk"),
    )


def with_severity(rule: Rule, severity: Severity) -> Rule:
    return replace(rule, severity=severity)
