"""Custom rule packs (``--rules FILE``): rules of the existing kinds added to the pack, and
``overrides`` that change the severity of a rule.

A custom pack is validated by the ``custom`` definition of the rule-pack schema; anything wrong
stops the run with a :class:`~checker.standard.datafiles.PackError` naming the file and line. Its
rules are checked against their kinds as the shipped ones are (``checker.engine.packs``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from ..findings import Severity
from .datafiles import PackError, check_against, read_yaml
from .rulepack import Pack, Rule, natural_key, rule_from_data, with_severity


def extend_pack(pack: Pack, files: Sequence[str], fixed: Callable[[Rule], bool] = lambda rule: False) -> Pack:
    """``pack`` with the rules and overrides of each custom pack file, in order (a file given
    twice is read once); the severity of a ``fixed`` rule cannot be overridden."""
    read: set[str] = set()
    for file in files:
        real = os.path.realpath(file)
        if real not in read:
            read.add(real)
            pack = _extend(pack, file, fixed)
    return pack


def _extend(pack: Pack, file: str, fixed: Callable[[Rule], bool]) -> Pack:
    data, positions = read_yaml(Path(file), file)
    check_against("custom", data, positions, file)
    rules = {r.id: r for r in pack.rules}
    for index, item in enumerate(data.get("rules", [])):
        line, column = positions.value(data, ("rules", index, "id"))
        if item["id"] in rules:
            raise PackError(file, line, column, "pk-exists", id=item["id"])
        rules[item["id"]] = rule_from_data(item, file, positions)
    for index, item in enumerate(data.get("overrides", [])):
        target = rules.get(item["id"])
        line, column = positions.value(data, ("overrides", index, "id"))
        if target is None:
            raise PackError(file, line, column, "pk-override-unknown", id=item["id"])
        severity = Severity.parse(item["severity"])
        if fixed(target) and severity != target.severity:
            raise PackError(file, line, column, "pk-override-fixed", id=target.id)
        rules[target.id] = with_severity(target, severity)
    ordered: list[Rule] = sorted(rules.values(), key=lambda r: natural_key(r.id))
    return replace(pack, rules=ordered, files=[*pack.files, Path(file)])
