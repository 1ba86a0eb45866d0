"""Kinds of the organisation: declared once, in one file, for a standard that has a rule pack."""

from __future__ import annotations

from collections.abc import Iterator

from ..io.sources import DEFAULT_LIMITS
from ..standard.rulepack import available_packs, standard_of
from .context import Context, Fact
from .record import HEAD, NO_OPTIONS, Kind, Options, gives

PROCESS = "  - id: order-entry\n    name: Приём заказов\n    implements: [1.1.1.5]\n"


def organisation_missing(ctx: Context, options: Options) -> Iterator[Fact]:
    """Some file of the model declares the organisation."""
    if not ctx.organisations():
        yield ctx.at_organisation(subject="organisation")


ORGANISATION_MISSING = Kind(
    organisation_missing,
    "model",
    options=NO_OPTIONS,
    gives=gives(),
    whole_model=True,
    topic="hb-organisation",
)


def organisation_repeated(ctx: Context, options: Options) -> Iterator[Fact]:
    """Only one file declares the organisation; every further declaration is reported."""
    declared = ctx.organisations()
    for doc in declared[1:]:
        yield Fact(
            subject="organisation",
            doc=doc,
            path=("organisation",),
            at_key=True,
            first=(declared[0], ("organisation",), True),
        )


ORGANISATION_REPEATED = Kind(
    organisation_repeated,
    "model",
    options=NO_OPTIONS,
    gives=gives("first"),
    failing_input=lambda options: (
        [
            ("a.yaml", (HEAD + PROCESS).encode()),
            ("b.yaml", "model: 1\norganisation:\n  name: Пример Телеком\n".encode()),
        ],
        DEFAULT_LIMITS,
    ),
)


def known_standard(ctx: Context, options: Options) -> Iterator[Fact]:
    """The standard the organisation names has a rule pack (the default pack is used instead)."""
    standard = ctx.declared_standard
    if standard is None or standard_of(standard) is not None:
        return
    declaring = next(
        d
        for d in ctx.organisations()
        if isinstance(d.data["organisation"], dict) and d.data["organisation"].get("standard") == standard
    )
    yield Fact(
        subject=standard,
        doc=declaring,
        path=("organisation", "standard"),
        args={"standard": standard, "known": ", ".join(sorted(available_packs())), "used": ctx.pack.standard},
    )


KNOWN_STANDARD = Kind(known_standard, "model", options=NO_OPTIONS, gives=gives("standard", "known", "used"))
