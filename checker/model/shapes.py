"""Slips of shape and of keys that say plainly what was meant, put right in each document before
the model is checked, so that one mistake gives one finding and the rest of the model is checked
as if it were written right.

- ``implements: 1.1.1.7`` for ``[1.1.1.7]``, a process written as a mapping where a list of them
  is expected, ``external: yes``, an element id with a slip of form (``1.1.1.9.``): reported once
  as a wrong type (MOD-12) or an invalid value (MOD-13) with the fix.
- A key close to exactly one key of the format (``implemets``, ``Name``) is read as that key and
  reported once as the unknown key it is (MOD-11), naming what it is read as.

Positions follow: new containers are entered in the document's table, so every finding inside
them lands where the user wrote the value. Ids close to known ones are :mod:`.typos`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..i18n import Term
from ..io.reading import type_term
from ..io.sources import Document
from ..standard.catalogue import Catalogue, well_formed
from .schema import SchemaIssue, where
from .suggest import Suggester, Suggesters, transposed

_BOOLS = {
    "yes": True,
    "no": False,
    "on": True,
    "off": False,
    "y": True,
    "n": False,
    "true": True,
    "false": False,
    "да": True,  # as a Russian-speaking author may write it
    "нет": False,
}
_ID_LISTS = ("implements", "functions")
RULE_ID = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")  # as the schema has it
_RULE_SLIP = re.compile(r"\s*([A-Za-z]+)[\s_-]*([0-9]+)\s*")
_TEXTS = {
    "organisation": ("name", "id", "standard", "etom"),
    "process": ("id", "name", "owner", "etom"),
    "interface": ("to", "purpose"),
    "waiver": ("rule", "subject", "target", "reason", "expires"),
}


def _scalar(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


_SEPARATORS = re.compile(r"[,;\s]+")


def _items(value: Any, dotted: bool) -> list[str]:
    """The ids that text written where a list is expected stands for: ``1.1.1.7``, ``a, b``,
    ``a b``, ``[a, b]`` in quotes; with ``dotted``, ``1,1,1,9`` is the one id 1.1.1.9."""
    if not isinstance(value, str):
        return [str(value)]
    text = value.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    parts = [p for p in _SEPARATORS.split(text) if p]
    if dotted and len(parts) >= 3 and all(p.isdigit() for p in parts) and "," in text and "." not in text:
        return [".".join(parts)]
    return parts


def _element_form(value: str) -> str | None:
    """The element id a slip of form stands for, or None: spaces, commas for dots, dots doubled
    or at an end, leading zeros (the release of ``1.3.7.@v24.0`` is kept); a release suffix left empty
    (``1.3.7@``: the release of the process) or written twice (``1.3.7@@v24.0``,
    ``1.3.7@v24.0@v24.0``). Two different releases (``1.3.7@v24.0@v23.5``) are no slip of form."""
    head, _, release = re.sub(r"\s+", "", value).partition("@")
    text = re.sub(r"\.{2,}", ".", head.replace(",", ".")).strip(".")
    text = ".".join(p.lstrip("0") or "0" if p.isdigit() else p for p in text.split("."))  # 01.3.7
    releases = list(dict.fromkeys(r for r in release.split("@") if r))
    if not well_formed(text) or text.count(".") < 1 or len(releases) > 1:
        return None
    text += "".join("@" + r for r in releases)
    return text if text != value else None


def _well_formed(value: str) -> bool:
    """An element id, with the release it names if any (``1.3.7@v24.0``)."""
    head, at, release = value.partition("@")
    return well_formed(head) and (
        not at or (bool(release) and "@" not in release and release.strip() == release)
    )


def _flow(items: list[Any]) -> str:
    """A list as it is written in one line: ``[1.1.1.5, 1.1.1.6]``."""
    return "[" + ", ".join(str(i) for i in items) + "]"


@dataclass
class Vocabulary:
    """What the model's words may be: the keys of each part of the format, the catalogue's
    elements, the rule pack's functions."""

    keys: dict[str, list[str]]
    catalogue: Catalogue | None = None
    functions: frozenset[str] = frozenset()
    suggesters: Suggesters = field(default_factory=Suggesters)

    def suggester(self, name: str, known: Any) -> Suggester:
        return self.suggesters.get(name, known)


class _Repairs:
    def __init__(self, doc: Document, vocabulary: Vocabulary | None = None) -> None:
        self.doc = doc
        self.vocabulary = vocabulary
        self.issues: list[SchemaIssue] = []

    def keys(self, item: Any, kind: str, path: tuple[Any, ...]) -> None:
        """A key that is not of the format but close to exactly one that is (and is not given
        too) is read as that key."""
        if self.vocabulary is None or not isinstance(item, dict):
            return
        allowed = self.vocabulary.keys.get(kind, [])
        for key in [k for k in item if k not in allowed and not k.startswith("x-")]:
            same = [a for a in allowed if a.casefold() == key.casefold()]
            meant = (
                same[0]
                if same
                else transposed(key, allowed)
                or self.vocabulary.suggester("keys:" + kind, allowed).confident(key)
            )
            if meant is None or meant in item:
                continue
            args = {
                "key": key,
                "where": where(path),
                "expected": ", ".join(allowed),
                "closest": meant,
                "hint": Term("hint-read-as"),
            }
            # located under the key it is read as: the entry moves there, where the key was written
            self.issues.append(
                SchemaIssue("unknown-key", self.doc, (*path, meant), key, at_key=True, args=args)
            )
            entries = self.doc.positions.entries(item)
            item[meant] = item.pop(key)
            if isinstance(entries, dict) and key in entries:
                entries[meant] = entries.pop(key)

    def issue(self, path: tuple[Any, ...], expected: str, found: Any, fix: str, shown: str) -> None:
        args = {
            "where": where(path),
            "expected": Term(expected),
            "found": Term(type_term(found)),
            "fix": Term(fix),
            "shown": shown,
        }
        identity = f"{type_term(found)}={shown}"
        self.issues.append(
            SchemaIssue("wrong-type", self.doc, path, where(path), args=args, identity=identity)
        )

    def wrap(self, parent: dict[str, Any], key: str, path: tuple[Any, ...], new: Any, entries: Any) -> None:
        """Put ``new`` in place of ``parent[key]``, located where the old value was written."""
        positions = self.doc.positions
        here = positions.packed(self.doc.data, path)
        positions.add(new, here, entries(here) if callable(entries) else entries)
        parent[key] = new

    # ------------------------------------------------------------------ the repairs

    def list_of_mappings(self, parent: dict[str, Any], key: str, path: tuple[Any, ...]) -> Any:
        """A mapping where a list of mappings is expected: the list of that one mapping."""
        value = parent.get(key)
        if isinstance(value, dict):
            self.issue(path, "array", value, "fix-dash", "- ")
            self.wrap(parent, key, path, [value], lambda here: [here])
        return parent.get(key)

    def id_list(self, parent: dict[str, Any], key: str, path: tuple[Any, ...]) -> None:
        """Text where a list of ids is expected (``1.1.1.7``, ``1.1.1.5, 1.1.1.6``), or lists
        inside the list: the flat list of the ids."""
        value = parent.get(key)
        if _scalar(value):
            items = _items(value, dotted=key == "implements")
            if not items:
                return
            self.issue(path, "array", value, "fix-write", _flow(items))
            self.wrap(parent, key, path, items, lambda here: [here] * len(items))
            return
        if not isinstance(value, list) or not any(isinstance(v, list) for v in value):
            return
        flat, places = self._flatten(value, path)
        if flat is None:
            return
        first = next(i for i, v in enumerate(value) if isinstance(v, list))
        self.issue((*path, first), "string", value[first], "fix-write", _flow(flat))
        positions = self.doc.positions
        positions.add(flat, positions.packed(self.doc.data, path), places)
        parent[key] = flat

    def element_ids(self, parent: dict[str, Any], path: tuple[Any, ...]) -> None:
        """An element id with a slip of form (``1.1.1.9.``, `` 1.1.1.9``, ``1.1..1.9``,
        ``1,1,1,9``) is read as the id it plainly is, and reported once with the fix."""
        values = parent.get("implements")
        if not isinstance(values, list):
            return
        for index, value in enumerate(values):
            if not isinstance(value, str) or _well_formed(value):
                continue
            meant = _element_form(value)
            if meant is None:
                continue
            args = {
                "where": where((*path, "implements", index)),
                "value": value,
                "constraint": Term("c-element-id"),
                "fix": Term("fix-write"),
                "shown": meant,
            }
            at = (*path, "implements", index)
            self.issues.append(
                SchemaIssue("invalid-value", self.doc, at, where(at), args=args, identity=value)
            )
            values[index] = meant

    def keyed_processes(self, data: dict[str, Any]) -> None:
        """Processes written as a mapping from their ids (``order-entry: {name: ...}``): the list of
        them, each with its id."""
        value = data.get("processes")
        if not isinstance(value, dict) or not value or "id" in value:
            return
        if not all(isinstance(v, dict) and "id" not in v for v in value.values()):
            return
        positions = self.doc.positions
        entries = positions.entries(value)
        items = []
        for key, item in value.items():
            item["id"] = key
            inner = positions.entries(item)
            if isinstance(entries, dict) and isinstance(inner, dict) and key in entries:
                inner["id"] = (entries[key][0], entries[key][0])
            items.append(item)
        first = next(iter(value))
        self.issue(("processes",), "array", value, "fix-write", f"- id: {first}")
        places = [positions.packed(self.doc.data, ("processes", k)) for k in value]
        self.wrap(data, "processes", ("processes",), items, places)

    def _flatten(self, value: list[Any], path: tuple[Any, ...]) -> tuple[list[str] | None, list[int]]:
        flat: list[str] = []
        places: list[int] = []
        positions, data = self.doc.positions, self.doc.data

        def walk(items: list[Any], at: tuple[Any, ...]) -> bool:
            for index, item in enumerate(items):
                if isinstance(item, list):
                    if not walk(item, (*at, index)):
                        return False
                elif _scalar(item):
                    flat.append(str(item))
                    places.append(positions.packed(data, (*at, index)))
                else:
                    return False
            return True

        return (flat, places) if walk(value, path) else (None, places)

    def interfaces(self, parent: dict[str, Any], path: tuple[Any, ...]) -> None:
        """``interfaces: order-entry``, ``interfaces: {to: x}`` or ``[order-entry]``: the list of
        ``{to: ...}`` mappings that was meant."""
        value = parent.get("interfaces")
        if isinstance(value, str) and value.strip():
            self.issue((*path, "interfaces"), "array", value, "fix-write", f"- to: {value}")
            self.wrap(
                parent,
                "interfaces",
                (*path, "interfaces"),
                [self._to(value, (*path, "interfaces"))],
                lambda here: [here],
            )
            return
        value = self.list_of_mappings(parent, "interfaces", (*path, "interfaces"))
        if not isinstance(value, list):
            return
        texts = [i for i, item in enumerate(value) if isinstance(item, str) and item.strip()]
        if texts:
            first = texts[0]
            self.issue(
                (*path, "interfaces", first), "object", value[first], "fix-write", f"- to: {value[first]}"
            )
            for i in texts:
                value[i] = self._to(value[i], (*path, "interfaces", i))

    def _to(self, target: str, path: tuple[Any, ...]) -> dict[str, Any]:
        here = self.doc.positions.packed(self.doc.data, path)
        mapping = {"to": target}
        self.doc.positions.add(mapping, here, {"to": (here, here)})
        return mapping

    def boolean(self, parent: dict[str, Any], key: str, path: tuple[Any, ...]) -> None:
        """``yes``, ``no``, ``on``, ``off`` where true or false is expected."""
        value = parent.get(key)
        if isinstance(value, str) and value.strip().lower() in _BOOLS:
            meant = _BOOLS[value.strip().lower()]
            self.issue(path, "boolean", value, "fix-write", "true" if meant else "false")
            parent[key] = meant

    def text(self, parent: dict[str, Any], key: str, path: tuple[Any, ...]) -> None:
        """A list of one text where text is expected: that text."""
        value = parent.get(key)
        if isinstance(value, list) and len(value) == 1 and _scalar(value[0]):
            item = str(value[0])
            self.issue(path, "string", value, "fix-write", item)
            here = self.doc.positions.packed(self.doc.data, (*path, 0))
            parent[key] = item
            # the text now stands where it was written inside the brackets
            entries = self.doc.positions.entries(parent)
            if isinstance(entries, dict) and key in entries:
                entries[key] = (entries[key][0], here)

    def rule_id(self, parent: dict[str, Any], path: tuple[Any, ...]) -> None:
        """A rule id written with spaces around it or in it (`` fab-2 ``, ``fab 2``): the id."""
        value = parent.get("rule")
        found = _RULE_SLIP.fullmatch(value) if isinstance(value, str) else None
        if found is not None and isinstance(value, str) and not RULE_ID.fullmatch(value):
            meant = f"{found.group(1).upper()}-{found.group(2)}"
            at = (*path, "rule")
            args = {
                "where": where(at),
                "value": value,
                "constraint": Term("c-rule-id"),
                "fix": Term("fix-write"),
                "shown": meant,
            }
            self.issues.append(
                SchemaIssue("invalid-value", self.doc, at, where(at), args=args, identity=value)
            )
            parent["rule"] = meant

    def texts(self, item: Any, kind: str, path: tuple[Any, ...]) -> None:
        if isinstance(item, dict):
            for key in _TEXTS[kind]:
                self.text(item, key, (*path, key))


def repair(doc: Document, vocabulary: Vocabulary | None = None) -> list[SchemaIssue]:
    """Put right every misspelt key and every value of ``doc`` with a recoverable shape; one
    issue for each."""
    doc.positions.unpack()  # places by container, before any repair changes the data's shape
    r = _Repairs(doc, vocabulary)
    data = doc.data
    r.keys(data, "model", ())
    r.keys(data.get("organisation"), "organisation", ("organisation",))
    r.texts(data.get("organisation"), "organisation", ("organisation",))
    r.keyed_processes(data)
    processes = r.list_of_mappings(data, "processes", ("processes",))
    for index, item in enumerate(processes if isinstance(processes, list) else []):
        if not isinstance(item, dict):
            continue
        path = ("processes", index)
        r.keys(item, "process", path)
        r.texts(item, "process", path)
        for key in _ID_LISTS:
            r.id_list(item, key, (*path, key))
        r.element_ids(item, path)
        r.boolean(item, "external", (*path, "external"))
        r.interfaces(item, path)
        interfaces = item.get("interfaces")
        for i, interface in enumerate(interfaces if isinstance(interfaces, list) else []):
            r.keys(interface, "interface", (*path, "interfaces", i))
            r.texts(interface, "interface", (*path, "interfaces", i))
    waivers = r.list_of_mappings(data, "waivers", ("waivers",))
    for index, item in enumerate(waivers if isinstance(waivers, list) else []):
        r.keys(item, "waiver", ("waivers", index))
        r.texts(item, "waiver", ("waivers", index))
        if isinstance(item, dict):
            r.rule_id(item, ("waivers", index))
    return r.issues


def repair_all(documents: list[Document], vocabulary: Vocabulary | None = None) -> list[SchemaIssue]:
    """Put the shapes and keys of every document right."""
    return [issue for doc in documents for issue in repair(doc, vocabulary)]


def vocabulary(schema: dict[str, Any]) -> Vocabulary:
    """The keys of each part of the format, from its JSON Schema."""
    defs = schema["$defs"]
    keys = {"model": sorted(schema["properties"])}
    keys |= {
        kind: sorted(defs[kind]["properties"]) for kind in ("organisation", "process", "interface", "waiver")
    }
    return Vocabulary(keys)
