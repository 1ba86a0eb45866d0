"""Kinds that report on the model's waivers: expired, unused, naming an unknown rule.

They run after the engine has applied the waivers, and read what became of each one from
:attr:`Context.waivers`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..waivers import Waiver
from .context import Context, Fact


def _fact(waiver: Waiver, **args: Any) -> Fact:
    return Fact(
        subject=waiver.rule,
        doc=waiver.doc,
        path=waiver.path,
        target=waiver.subject,
        args={"rule": waiver.rule, "waiver_subject": waiver.subject or "—", **args},
    )


def waiver_expired(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """A waiver past its expiry date applies to nothing and is reported."""
    if ctx.waivers is None:
        return
    for w in ctx.waivers.expired():
        yield _fact(w, expires=w.expires.isoformat() if w.expires else "")


def waiver_unused(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """A waiver that matches no finding of a rule that ran is reported, so waivers don't rot."""
    if ctx.waivers is None:
        return
    for w in ctx.waivers.unused():
        yield _fact(w)


def waiver_unknown_rule(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """A waiver naming a rule that the rule pack does not have applies to nothing."""
    if ctx.waivers is None:
        return
    for w in ctx.waivers.unknown():
        yield _fact(w)
