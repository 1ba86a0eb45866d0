"""Which rules run: ``--select`` and ``--ignore`` by id or id prefix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..i18n import Localised
from ..standard.rulepack import Rule


class SelectionError(Localised, ValueError):
    """``--select`` or ``--ignore`` names no rule of the pack."""


def matches(rule_id: str, prefix: str) -> bool:
    """``FAB`` and ``FAB-`` match every FAB rule; ``MOD-1`` matches MOD-1, not MOD-10."""
    if rule_id == prefix:
        return True
    if not rule_id.startswith(prefix):
        return False
    return prefix.endswith("-") or rule_id[len(prefix)] == "-"


def selected_rules(
    rules: Sequence[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> list[Rule]:
    """Rules matched by a selected id or prefix (all when none) and by no ignored one."""
    select, ignore = [s for s in select if s], [s for s in ignore if s]
    for prefix in (*select, *ignore):
        if not any(matches(r.id, prefix) for r in rules):
            raise SelectionError("sel-none", prefix=prefix)
    return [
        r
        for r in rules
        if (not select or any(matches(r.id, p) for p in select)) and not any(matches(r.id, p) for p in ignore)
    ]
