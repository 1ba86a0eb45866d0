"""Kinds of the ids of today's eTOM releases (``model.releases``): an unknown release, an id that
the crosswalk does not hold, one written with the wrong release, and the notes on ids that stand
for an element on names alone or through the release a partial one falls back to. What a model's
ids of a release do not cover is said by the coverage finding (:func:`release_note`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..i18n import LANGS, term
from ..model.releases import BELOW, ELSEWHERE, NONE, OUTSIDE, ReleaseId
from ..model.suggest import Suggester
from ..standard.crosswalk import COUNTS, STANDARD, Row
from .context import Context, Fact, hint
from .record import HEAD, NO_OPTIONS, Kind, Options, gives

Text = dict[str, str]  # one text in each language of the messages


def _in_each(make: Callable[[str], str]) -> Text:
    return {lang: make(lang) for lang in LANGS}


def _releases(rows: list[Row]) -> str:
    return ", ".join(dict.fromkeys(r.release for r in rows))


def _at(rid: ReleaseId) -> str:
    line, _ = rid.doc.positions.value(rid.doc.data, rid.path)
    return f"{rid.doc.file}:{line}"


def _fact(rid: ReleaseId, per_process: bool = False, **args: Any) -> Fact:
    """A fact at an id of a release; its subject is the id as written, or the process for the
    notes given once per process."""
    subject = rid.process if per_process else rid.label
    return Fact(subject=subject, doc=rid.doc, path=rid.path, args={"process": rid.process, **args})


def _by_process(ids: list[ReleaseId]) -> list[list[ReleaseId]]:
    """The ids grouped by the process entry they are written in, in model order."""
    groups: dict[tuple[str, Any], list[ReleaseId]] = {}
    for rid in ids:
        groups.setdefault((rid.doc.file, rid.path[:2]), []).append(rid)
    return list(groups.values())


def _missing(ctx: Context, element: str) -> bool:
    return not ctx.implementation(element).processes


# ---------------------------------------------------------------------------- unknown releases


def known_releases(ctx: Context, options: Options) -> Iterator[Fact]:
    """Every release a model names is one the crosswalk holds (or ``standard``)."""
    crosswalk = ctx.releases.crosswalk
    known = list(crosswalk.releases) if crosswalk is not None else []
    suggester = Suggester([*known, STANDARD])
    for unknown in ctx.releases.unknown:
        if not unknown.reported:
            continue  # no text at all: the schema says so
        yield Fact(
            subject=unknown.written,
            doc=unknown.doc,
            path=unknown.path,
            args={
                "release": unknown.written,
                "known": ", ".join([*known, STANDARD]),
                **hint(suggester.closest(unknown.written)),
            },
        )


KNOWN_RELEASES = Kind(
    known_releases,
    "model",
    options=NO_OPTIONS,
    gives=gives("release", "known", "closest", "hint"),
    integrity=True,
    example=lambda options, catalogue: (
        HEAD.replace("processes:\n", "  etom: v24.0\nprocesses:\n")
        + "  - id: problem-desk\n    name: Приём претензий\n    implements: [1.3.7]\n",
        HEAD.replace("processes:\n", "  etom: v22.0\nprocesses:\n")
        + "  - id: problem-desk\n    name: Приём претензий\n    implements: [1.3.7]\n",
    ),
)

# ---------------------------------------------------------------------------- ids not held


def release_subelements(ctx: Context, options: Options) -> Iterator[Fact]:
    """An id of a release that the crosswalk does not hold, below one that stands for an
    element: it counts as part of that element (the crosswalk's lower levels are not complete)."""
    for rid in ctx.releases.ids:
        if rid.outcome == BELOW:
            row = rid.rows[0]
            yield _fact(rid, written=rid.label, release=rid.release, parent=row.id, element=row.element)


RELEASE_SUBELEMENTS = Kind(
    release_subelements,
    "model",
    options=NO_OPTIONS,
    gives=gives("process", "written", "release", "parent", "element", "element_name"),
    example=lambda options, catalogue: (
        HEAD + "  - id: problem-desk\n    name: Приём претензий\n    implements: [1.3.7@v24.0]\n",
        HEAD + "  - id: problem-desk\n    name: Приём претензий\n    implements: [1.3.7.12@v24.0]\n",
    ),
)


def release_mixups(ctx: Context, options: Options) -> Iterator[Fact]:
    """An id that stands for an element of the standard in other releases than its own (or whose
    row says the element has no counterpart there). When that element is required and missing,
    its coverage finding names the id instead: one mistake, one finding."""
    required = ctx.required
    for rid in ctx.releases.ids:
        if rid.outcome not in (NONE, ELSEWHERE):
            continue
        elements = list(dict.fromkeys(r.element for r in rid.rows))
        if any(e in required and _missing(ctx, e) for e in elements):
            continue
        yield _fact(rid, written=rid.label, release=rid.release, why=_why(rid))


def _why(rid: ReleaseId) -> Text:
    """What an id of the wrong release stands for, and where."""
    rows = list(rid.rows)
    if rid.outcome == NONE:
        return _in_each(
            lambda lang: "; ".join(
                term("xw-no-counterpart-" + r.relation, lang, {"element": r.element, "release": rid.release})
                for r in rows
            )
        )
    elements = list(dict.fromkeys(r.element for r in rows))
    return _in_each(
        lambda lang: "; ".join(
            term(
                "xw-stands-elsewhere",
                lang,
                {"element": e, "releases": _releases([r for r in rows if r.element == e])},
            )
            for e in elements
        )
    )


RELEASE_MIXUPS = Kind(
    release_mixups,
    "model",
    options=NO_OPTIONS,
    gives=gives("process", "written", "release", "why"),
    whole_model=True,
    topic="hb-coverage",
    example=lambda options, catalogue: (
        HEAD + "  - id: inquiries\n    name: Запросы по счетам\n    implements: [1.3.10.4@v24.0]\n",
        HEAD
        + "  - id: inquiries\n    name: Запросы по счетам\n    implements: [1.3.10.4@v23.5]\n"
        + "  - id: inquiries-old\n    name: Запросы по счетам\n    implements: [1.1.1.12]\n",
    ),
)

# ---------------------------------------------------------------------------- notes, once per process


def _labels(ids: list[ReleaseId]) -> str:
    return ", ".join(dict.fromkeys(rid.label for rid in ids))


def release_outside(ctx: Context, options: Options) -> Iterator[Fact]:
    """Ids of a release that the crosswalk does not hold at all: not checked against the
    standard; one note per process."""
    crosswalk = ctx.releases.crosswalk
    for group in _by_process([r for r in ctx.releases.ids if r.outcome == OUTSIDE and not r.malformed]):
        notes = [
            {"release": r, "rows": crosswalk.releases[r].rows}
            for r in dict.fromkeys(rid.release for rid in group)
            if crosswalk is not None
            and not crosswalk.releases[r].complete
            and not crosswalk.releases[r].fallback
        ]
        note = {lang: "".join(term("xw-partial-release", lang, n) for n in notes) for lang in LANGS}
        yield _fact(group[0], True, ids=_labels(group), partial=note)


RELEASE_OUTSIDE = Kind(
    release_outside,
    "model",
    options=NO_OPTIONS,
    gives=gives("process", "ids", "partial"),
    example=lambda options, catalogue: (
        HEAD + "  - id: problem-desk\n    name: Приём претензий\n    implements: [1.3.7@v24.0]\n",
        HEAD + "  - id: service-desk\n    name: Обработка проблем услуг\n    implements: [1.4.7@v24.0]\n",
    ),
)


def release_name_only(ctx: Context, options: Options) -> Iterator[Fact]:
    """Ids that stand for an element only on the evidence of names: they count, with one note
    per process."""
    for group in _by_process([r for r in ctx.releases.ids if r.name_only]):
        elements = ", ".join(dict.fromkeys(e for rid in group for e in rid.elements))
        yield _fact(group[0], True, ids=_labels(group), elements=elements)


RELEASE_NAME_ONLY = Kind(
    release_name_only,
    "model",
    options=NO_OPTIONS,
    gives=gives("process", "ids", "elements"),
    example=lambda options, catalogue: (
        HEAD + "  - id: problem-desk\n    name: Приём претензий\n    implements: [1.3.7@v24.0]\n",
        HEAD + "  - id: contact-centre\n    name: Контакт-центр\n    implements: [1.3.5.9@v24.0]\n",
    ),
)


def release_fallback(ctx: Context, options: Options) -> Iterator[Fact]:
    """Ids of a partial release read through the rows of the release it falls back to; one note
    per process."""
    fallen = [r for r in ctx.releases.ids if r.read != r.release and r.outcome != BELOW]
    for group in _by_process(fallen):
        yield _fact(group[0], True, ids=_labels(group), release=group[0].release, fallback=group[0].read)


RELEASE_FALLBACK = Kind(
    release_fallback,
    "model",
    options=NO_OPTIONS,
    gives=gives("process", "ids", "release", "fallback"),
    example=lambda options, catalogue: (
        HEAD + "  - id: invoicing\n    name: Выставление счетов\n    implements: [1.3.9@v23.0]\n",
        HEAD + "  - id: problem-desk\n    name: Приём претензий\n    implements: [1.3.7@v23.0]\n",
    ),
)

# ---------------------------------------------------------------------------- the coverage finding's note


def release_note(ctx: Context, elements: list[str]) -> Text | str:
    """What the coverage finding of missing ``elements`` says of the model's releases: what
    stands for each in them, which ids of the model stood for it in other releases, and how to
    declare it in the standard's numbering. Empty for a model in the standard's numbering."""
    releases = ctx.releases
    crosswalk = releases.crosswalk
    # the organisation's release, or else every release the model's ids name
    used = [releases.declared] if releases.declared else releases.used
    if crosswalk is None or not used or not elements:
        return ""
    parts: list[tuple[str, dict[str, Any]]] = []
    counterpart = True
    for element in elements:
        for release in used:
            row = crosswalk.row(element, release)
            if row is None:
                parts.append(("xw-no-row", {"element": element, "release": release}))
                counterpart = False
            elif row.relation in COUNTS or row.partial:
                parts.append(("xw-is", {"element": element, "release": release, "id": row.id or ""}))
            else:
                parts.append(("xw-no-counterpart-" + row.relation, {"element": element, "release": release}))
                counterpart = False
        for rid in releases.ids:
            rows = [r for r in rid.rows if r.element == element]
            if rid.outcome in (NONE, ELSEWHERE) and rows:
                key = "xw-near-none" if rid.outcome == NONE else "xw-near-elsewhere"
                parts.append(
                    (
                        key,
                        {
                            "written": rid.label,
                            "at": _at(rid),
                            "element": element,
                            "releases": _releases(rows),
                        },
                    )
                )
    fix = "xw-fix-standard" if not counterpart else "xw-fix-either"
    shown = ", ".join(f"{e}@standard" for e in elements)
    return _in_each(
        lambda lang: (
            "; "
            + "; ".join(term(key, lang, args) for key, args in parts)
            + ": "
            + term(fix, lang, {"ids": shown})
        )
    )
