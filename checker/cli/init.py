"""``etom-check init``: a starting model made from the rule pack, with a process for each required
element, its required functions and the required interfaces, and placeholders to fill in.

Every name and owner starts with the marker of the pack's placeholder rule (:data:`MARKER` when
the pack has none); that rule reports each one until it is replaced, so an unchanged scaffold never
passes the gate.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..io.output import OutputError, failed
from ..kinds import KINDS, Plan
from ..standard.catalogue import parent_id
from ..standard.rulepack import Pack, natural_key

MARKER = "TODO"

FILES = ("organisation.yaml", "crm.yaml", "partners.yaml")

_TEXT = {
    "header": {
        "ru": (
            "# Начальная модель процессов, созданная командой etom-check init.\n"
            "# Замените каждое значение, начинающееся с {marker}, на настоящее: пока такие значения\n"
            "# остаются, проверка их сообщает и модель не проходит."
        ),
        "en": (
            "# A starting process model written by etom-check init.\n"
            "# Replace every value that begins with {marker} with the real one: until then the check\n"
            "# reports each of them and the model does not pass."
        ),
    },
    "organisation": {"ru": "название организации", "en": "the organisation's name"},
    "owner": {"ru": "ответственное подразделение", "en": "the owning department"},
    "name": {"ru": "название процесса", "en": "the process name"},
    "crm": {
        "ru": "# Процессы CRM: по одному на каждый элемент, который требует стандарт.",
        "en": "# The CRM processes: one for each element that the standard requires.",
    },
    "partners": {
        "ru": "# Процессы других групп, с которыми процессы CRM обязаны взаимодействовать.",
        "en": "# Processes of other groupings that the CRM processes must exchange work with.",
    },
}


@dataclass
class Process:
    id: str
    element: str
    functions: list[str] = field(default_factory=list)
    interfaces: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def plan(pack: Pack) -> list[Process]:
    """One process per element the rules require (asked by each rule's kind), with the
    functions and the interfaces the rules ask for; an interface goes to a process already
    planned for one element of its group, else to a new one for its first element."""
    catalogue = pack.catalogue
    wanted = Plan()
    for rule in pack.rules:
        KINDS[rule.kind].plan(rule.options, wanted)
    by_element: dict[str, Process] = {}

    def process(element: str) -> Process:
        if element not in by_element:
            by_element[element] = Process(_slug(catalogue.name(element, "en")), element)
        return by_element[element]

    for element in wanted.elements:
        process(element).functions.extend(wanted.functions.get(element, []))
    for source_element, groups in wanted.interfaces:
        source = process(source_element)
        for elements in groups:
            targets = [e for e in elements if e in by_element] or elements[:1]
            target = process(targets[0]).id
            if target not in source.interfaces and target != source.id:
                source.interfaces.append(target)
    return sorted(by_element.values(), key=lambda p: natural_key(p.element))


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def marker(pack: Pack) -> str:
    """The marker the pack's placeholder rule looks for (asked of the rules' kinds)."""
    wanted = Plan()
    for rule in pack.rules:
        KINDS[rule.kind].plan(rule.options, wanted)
    return wanted.marker or MARKER


def _process_yaml(p: Process, pack: Pack, lang: str) -> list[str]:
    name = pack.catalogue.name(p.element, lang)
    todo = marker(pack)
    lines = [
        f"  - id: {p.id}",
        f"    name: {_q(f'{todo}: {name}')}  # {_TEXT['name'][lang]}",
        f"    implements: [{_q(p.element)}]",
        f"    owner: {_q(todo)}  # {_TEXT['owner'][lang]}",
    ]
    if p.functions:
        lines.append("    functions:")
        lines.extend(f"      - {f}" for f in p.functions)
    if p.interfaces:
        lines.append("    interfaces:")
        lines.extend(f"      - to: {t}" for t in p.interfaces)
    return lines


def files(pack: Pack, lang: str) -> dict[str, str]:
    """File name -> text of the starting model."""
    todo = marker(pack)
    header = _TEXT["header"][lang].format(marker=todo)
    planned = plan(pack)
    crm = [p for p in planned if parent_id(p.element) == "1.1.1"]
    others = [p for p in planned if parent_id(p.element) != "1.1.1"]
    organisation = "\n".join(
        [
            header,
            "model: 1",
            "organisation:",
            f"  name: {_q(todo)}  # {_TEXT['organisation'][lang]}",
            f"  standard: {_q(pack.standard)}",
        ]
    )
    out = {FILES[0]: organisation + "\n"}
    for file, items, note in ((FILES[1], crm, "crm"), (FILES[2], others, "partners")):
        body = [header, _TEXT[note][lang], "model: 1", "processes:"]
        for p in items:
            body.extend(_process_yaml(p, pack, lang))
        out[file] = "\n".join(body) + "\n"
    return out


def write_scaffold(folder: str, pack: Pack, lang: str) -> list[Path]:
    """Write the starting model into ``folder`` (created if needed); never overwrite a file."""
    target = Path(folder)
    texts = files(pack, lang)
    if target.exists() and not target.is_dir():
        raise OutputError("out-not-folder", file=folder)
    # a link counts as a file, even one to nowhere: nothing is written through it
    existing = [name for name in texts if os.path.lexists(target / name)]
    if existing:
        raise OutputError("out-exists", file=str(target / existing[0]))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise failed(folder, exc) from None
    written: list[Path] = []
    for name, text in texts.items():
        path = target / name
        try:
            with open(path, "x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except OSError as exc:  # all the files or none: those written are taken back
            for done in written:
                with contextlib.suppress(OSError):
                    done.unlink()
            raise failed(str(path), exc) from None
        written.append(path)
    return written
