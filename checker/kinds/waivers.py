"""Kinds that report on the model's waivers: expired, unused, naming an unknown rule or one that
cannot be waived, and excusing findings of several targets without naming one.

They run after the engine has applied the waivers, and read what became of each one from
:attr:`Context.waivers`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import LANGS, Term, term
from ..model.shapes import RULE_ID
from ..model.suggest import Suggester
from ..model.waivers import Waiver
from .context import Context, Fact, hint
from .record import NO_OPTIONS, Kind, gives


def _fact(waiver: Waiver, **args: Any) -> Fact:
    named = {
        lang: (waiver.subject or "—")
        + (term("waiver-target", lang, {"target": waiver.target}) if waiver.target else "")
        for lang in LANGS
    }
    return Fact(
        subject=waiver.rule,
        doc=waiver.doc,
        path=waiver.path,
        target=waiver.subject,
        args={"rule": waiver.written or waiver.rule, "waiver_subject": named, **args},
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
    state = ctx.waivers
    for w in state.unused():
        redundant = state.waivers.index(w) in state.matched
        # a subject written otherwise than the findings of its rule name it: the closest of those
        subjects = sorted(state.subjects.get(w.rule, ()))
        near = Suggester(subjects).closest(w.subject) if w.subject and not redundant else None
        yield _fact(w, why=Term("unused-redundant" if redundant else "unused-none"), **hint(near))


def waiver_unknown_rule(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """A waiver naming a rule that the rule pack does not have applies to nothing; the closest
    rule id is suggested."""
    if ctx.waivers is None:
        return
    suggester = Suggester(sorted(ctx.waivers.known_rules))
    for w in ctx.waivers.unknown():
        if not RULE_ID.fullmatch(w.written or w.rule):
            continue  # no rule id at all (``2``): the schema says so, once
        yield _fact(w, **hint(suggester.closest(w.rule)))


def waiver_not_waivable(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """A waiver of a rule that says why a file could not be used (syntax, encoding, a duplicate
    key, a refused tag, a limit): such a finding is never waived, since the checker cannot tell
    which reading of the file is meant."""
    if ctx.waivers is None:
        return
    for w in ctx.waivers.not_waivable():
        yield _fact(w)


def waiver_broad(ctx: Context, options: dict[str, Any]) -> Iterator[Fact]:
    """A waiver without ``target`` that excused findings of several targets: it may excuse more
    than was meant, so it is reported with the targets it covers."""
    if ctx.waivers is None:
        return
    for w, targets in ctx.waivers.broad():
        yield _fact(w, targets="; ".join(targets), count=len(targets))


_WAIVER = ("rule", "waiver_subject")

WAIVER_EXPIRED = Kind(
    waiver_expired, "model", options=NO_OPTIONS, gives=gives(*_WAIVER, "expires"), phase="waivers"
)
WAIVER_UNUSED = Kind(
    waiver_unused,
    "model",
    options=NO_OPTIONS,
    gives=gives(*_WAIVER, "why", "closest", "hint"),
    phase="waivers",
    whole_model=True,
    topic="hb-waivers",
)
WAIVER_UNKNOWN_RULE = Kind(
    waiver_unknown_rule,
    "model",
    options=NO_OPTIONS,
    gives=gives(*_WAIVER, "closest", "hint"),
    phase="waivers",
)
WAIVER_NOT_WAIVABLE = Kind(
    waiver_not_waivable, "model", options=NO_OPTIONS, gives=gives(*_WAIVER), phase="waivers"
)
WAIVER_BROAD = Kind(
    waiver_broad, "model", options=NO_OPTIONS, gives=gives(*_WAIVER, "targets", "count"), phase="waivers"
)
