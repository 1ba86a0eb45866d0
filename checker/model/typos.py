"""Ids close to exactly one known id, read as that id: an element id with a part left out
(``1.1.12``), a misspelt function (``isue-order``) or process (``order-handlng``). Each is still
reported where it is written, once, naming what it is read as; a process id that the interfaces
name under another spelling is itself the slip, and its definition is read as they name it.

This runs over the whole model once every file is read (process ids are known only then).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..io.sources import Document
from ..standard.catalogue import well_formed
from .schema import where
from .shapes import Vocabulary
from .suggest import Suggester, closest_element


@dataclass(frozen=True)
class Correction:
    """An id read as the one known id it is close to: where it is written, as what, and by
    which process."""

    what: str  # element, function, process (a reference) or definition (a process's own id)
    doc: Document
    path: tuple[Any, ...]
    written: str
    meant: str
    process: str
    references: int = 0  # for a definition: how many interfaces name the spelling it is read as


def _processes(documents: list[Document]) -> Iterator[tuple[Document, int, dict[str, Any], str]]:
    for doc in documents:
        items = doc.data.get("processes")
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                pid = item.get("id")
                yield doc, index, item, pid if isinstance(pid, str) else where(("processes", index))


def correct_ids(
    documents: list[Document], vocabulary: Vocabulary, every_file_read: bool = True
) -> list[Correction]:
    """Element, function and process ids read as the one known id each is close to (process ids
    are known only once every file is read, so this runs over the whole model, and not at all
    unless ``every_file_read``: the process an interface names may be in a file not read).

    A process id that several interfaces name under another spelling, while none names it as
    it is written, is itself the slip (``order-handlng`` for the ``order-handling`` that eight
    interfaces name): the definition is read as the spelling the references use, one finding."""
    found: list[Correction] = []
    catalogue = vocabulary.catalogue
    functions = vocabulary.functions
    processes = list(_processes(documents))
    if every_file_read:
        found.extend(_definitions(processes, vocabulary))
    if found:  # a definition read as another id: the processes' ids as they are now read
        processes = list(_processes(documents))
    ids = {item["id"] for _, _, item, _ in processes if isinstance(item.get("id"), str)}
    for doc, index, item, pid in processes:
        path = ("processes", index)
        for key in ("implements", "functions"):
            values = item.get(key)
            if not isinstance(values, list):
                continue
            for i, value in enumerate(values):
                if not isinstance(value, str):
                    continue
                meant: str | None = None
                if key == "implements":
                    if catalogue is not None and well_formed(value) and catalogue.unknown(value):
                        meant = closest_element(value, catalogue.implementable)
                elif functions and value not in functions:
                    meant = vocabulary.suggester("functions", functions).confident(value)
                if meant is not None:
                    values[i] = meant
                    what = "element" if key == "implements" else "function"
                    found.append(Correction(what, doc, (*path, key, i), value, meant, pid))
        interfaces = item.get("interfaces")
        if not isinstance(interfaces, list):
            continue
        for i, interface in enumerate(interfaces):
            target = interface.get("to") if isinstance(interface, dict) else None
            if not every_file_read or not isinstance(target, str) or target in ids:
                continue
            meant = vocabulary.suggester("processes", ids).confident(target)
            if meant is not None and meant != pid:  # never read as the process itself
                interface["to"] = meant
                found.append(Correction("process", doc, (*path, "interfaces", i, "to"), target, meant, pid))
    return found


def _targets(item: dict[str, Any]) -> Iterator[str]:
    """The targets that a process's interfaces name as text."""
    interfaces = item.get("interfaces")
    for interface in interfaces if isinstance(interfaces, list) else []:
        target = interface.get("to") if isinstance(interface, dict) else None
        if isinstance(target, str):
            yield target


def _definitions(
    processes: list[tuple[Document, int, dict[str, Any], str]], vocabulary: Vocabulary
) -> list[Correction]:
    """Process ids that are the slip: read as the spelling that their references use."""
    found: list[Correction] = []
    refs: dict[str, int] = {}
    for _, _, item, _ in processes:
        if "interfaces" in item:
            for target in _targets(item):
                refs[target] = refs.get(target, 0) + 1
    ids = {item["id"] for _, _, item, _ in processes if isinstance(item.get("id"), str)}
    unknown = sorted(t for t, n in refs.items() if t not in ids and n >= 2)
    if not unknown:
        return found
    suggester = Suggester(unknown)
    for doc, index, item, _ in processes:
        pid = item.get("id")
        if not isinstance(pid, str) or refs.get(pid):
            continue
        meant = suggester.confident(pid)
        if meant is not None and meant not in ids:
            item["id"] = meant
            ids.add(meant)
            found.append(
                Correction("definition", doc, ("processes", index, "id"), pid, meant, pid, refs[meant])
            )
    return found
