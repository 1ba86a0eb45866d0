"""Ids of today's eTOM releases, read as the standard's ids through the crosswalk.

A model says which release its ids are of: ``etom:`` on the organisation (every id written
without one), ``etom:`` on a process (that process's ids), ``ID@release`` on one id;
``@standard`` (or ``etom: standard``) is the standard's own numbering, the default. Each
``implements`` item of a release is replaced in the data by a :class:`ReleaseId`, which says what
it stands for; an item of the standard's numbering is left as plain text (``@standard`` taken
off). The kinds of the standard's numbering see only text, so they never mistake ``1.3.7`` of
v24.0 for the standard's 1.3.7; the graph adds an edge for each :class:`ReleaseId` that stands
for an element.

What an id of release R stands for, in this order:

- ``counts``: a row of R (or of the release a partial R falls back to) has it as the id of an
  element (same, renamed, moved-level);
- ``partial``: the row is a split (the element counts as partly implemented);
- ``none``: the row says the element has no counterpart in R (deleted, unknown);
- ``elsewhere``: no row of R has it, but rows of other releases do: written with the wrong release;
- ``below``: it lies below an id that stands for an element in R (``1.3.7.12`` below ``1.3.7``);
  it counts as part of that element, as an unknown level-3 id of the standard's numbering does;
- ``outside``: the crosswalk does not hold it (outside what the standard covers);
- ``unread``: its release is not known (or the file that says it could not be read), so what it
  stands for is not known either.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..io.sources import Document
from ..standard.catalogue import well_formed
from ..standard.crosswalk import STANDARD, Crosswalk, Row
from .schema import where

COUNTS, PARTIAL, NONE, ELSEWHERE, BELOW, OUTSIDE, UNREAD = (
    "counts",
    "partial",
    "none",
    "elsewhere",
    "below",
    "outside",
    "unread",  # of a release not known (or of no release at all): what it stands for is not known
)


def malformed_id(element: str) -> bool:
    """No id of an eTOM element of level 2 or deeper, in any release: ``1``, ``1.3`` (a level 1
    area), ``01.3.7``, ``24.0`` (a release typed into the list)."""
    parts = element.split(".")
    return len(parts) < 3 or parts[0] != "1" or any(len(p) > 1 and p[0] == "0" for p in parts)


@dataclass(frozen=True, eq=False)
class ReleaseId:
    """An id of an eTOM release as the model wrote it, and what it stands for."""

    doc: Document
    path: tuple[Any, ...]  # ("processes", i, "implements", j)
    process: str
    written: str  # the text of the file (``1.3.7`` or ``1.3.7@v24.0``)
    id: str  # ``1.3.7``
    release: str  # the release it is of (``v24.0``)
    read: str  # the release whose rows were read (the fallback of a partial release)
    outcome: str
    rows: tuple[Row, ...] = ()  # the rows that say what it stands for (``elsewhere``: in which releases)

    @property
    def elements(self) -> list[str]:
        """The standard's elements it counts for (in full or in part)."""
        if self.outcome in (COUNTS, PARTIAL, BELOW):
            return sorted({r.element for r in self.rows}, key=_key)
        return []

    @property
    def partial(self) -> bool:
        return self.outcome in (PARTIAL, BELOW)

    @property
    def name_only(self) -> bool:
        return self.outcome == COUNTS and any(r.name_only for r in self.rows)

    @property
    def malformed(self) -> bool:
        """No id of an eTOM element of level 2 or deeper, in any release (see :func:`malformed_id`)."""
        return malformed_id(self.id)

    @property
    def label(self) -> str:
        """How the outputs show it: ``1.3.7@v24.0``."""
        return f"{self.id}@{self.release}"

    @property
    def shown(self) -> str:
        """The id as written and what it stands for: ``1.3.7@v24.0 → 1.1.1.6`` (``→ —``: nothing)."""
        return f"{self.label} → {', '.join(self.elements) or '—'}"

    @property
    def relations(self) -> list[str]:
        return list(dict.fromkeys(r.relation for r in self.rows))


@dataclass(frozen=True)
class UnknownRelease:
    """A release the crosswalk does not hold, where it is written; ``reported`` is False for a
    value that is no release at all (empty, a list), which the schema reports."""

    doc: Document
    path: tuple[Any, ...]
    written: str
    process: str | None = None
    reported: bool = True


@dataclass
class Releases:
    """What the model's releases came to: the ids of releases, the unknown releases, and the
    release of the organisation."""

    ids: list[ReleaseId] = field(default_factory=list)
    unknown: list[UnknownRelease] = field(default_factory=list)
    declared: str | None = None  # the organisation's release (None: the standard's numbering)
    crosswalk: Crosswalk | None = None

    @property
    def used(self) -> list[str]:
        """The releases the model's ids are of, in the crosswalk's order."""
        found = {r.release for r in self.ids} | ({self.declared} if self.declared else set())
        order = list(self.crosswalk.releases) if self.crosswalk is not None else sorted(found)
        return [r for r in order if r in found]

    @property
    def unclear_files(self) -> list[str]:
        """Files whose ids are of a release the crosswalk does not hold: what they implement is
        not known."""
        return sorted({u.doc.file for u in self.unknown})


def _key(element: str) -> tuple[int, ...]:
    return tuple(int(p) for p in element.split(".") if p.isdigit())


def names_release(documents: list[Document]) -> bool:
    """Whether any file names a release (``etom:`` or ``ID@...``): only then is the crosswalk read."""
    for doc in documents:
        org = doc.data.get("organisation")
        if isinstance(org, dict) and "etom" in org:
            return True
        for item in _processes(doc):
            if "etom" in item or any(isinstance(v, str) and "@" in v for v in _implements(item)):
                return True
    return False


@contextmanager
def written_back(documents: list[Document]) -> Iterator[None]:
    """While inside, each id of a release stands in the data as it is written (the schema checks
    what the file says); afterwards it is the :class:`ReleaseId` again."""
    swapped: list[tuple[list[Any], int, ReleaseId]] = []
    for doc in documents:
        for item in _processes(doc):
            values = _implements(item)
            for index, value in enumerate(values):
                if isinstance(value, ReleaseId):
                    swapped.append((values, index, value))
                    values[index] = value.written
    try:
        yield
    finally:
        for values, index, value in swapped:
            values[index] = value


def _processes(doc: Document) -> Iterator[dict[str, Any]]:
    items = doc.data.get("processes")
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            yield item


def _implements(item: dict[str, Any]) -> list[Any]:
    values = item.get("implements")
    return values if isinstance(values, list) else []


def resolve(documents: list[Document], crosswalk: Crosswalk, organisation_unread: bool = False) -> Releases:
    """Read every id of a release as what it stands for, in place (see the module's docstring).
    With ``organisation_unread`` (the organisation, with the release of every id written without
    one, may be in a file that could not be read), such ids are of a release not known."""
    result = Releases(crosswalk=crosswalk)
    unknown: set[str] = set()  # releases already reported as unknown at the organisation

    def release_of(doc: Document, path: tuple[Any, ...], value: Any, process: str | None) -> str | None:
        """The release a declared value names; an unknown one is recorded where it is written
        (a value that is no text is the schema's to report, but what the ids it governs stand
        for is not known either)."""
        if not isinstance(value, str) or not value.strip():
            result.unknown.append(UnknownRelease(doc, path, str(value), process, reported=False))
            return None
        found = crosswalk.release(value)
        if found is None:
            result.unknown.append(UnknownRelease(doc, path, value, process))
        return found

    organisation: str | None = None if organisation_unread else STANDARD
    shared: set[int] = set()  # the implements lists already read (a YAML alias can share one)
    for doc in documents:
        org = doc.data.get("organisation")
        if isinstance(org, dict) and "etom" in org and result.declared is None and organisation == STANDARD:
            found = release_of(doc, ("organisation", "etom"), org["etom"], None)
            organisation = found  # None: unknown, so are the ids written without a release
            if found is None:
                unknown.add(str(org["etom"]))
            result.declared = found if found != STANDARD else None
    for doc in documents:
        items = doc.data.get("processes")
        for index, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                continue
            pid = item.get("id")
            process = pid if isinstance(pid, str) else where(("processes", index))
            base = organisation
            if "etom" in item:
                base = release_of(doc, ("processes", index, "etom"), item["etom"], process)
            values = _implements(item)
            if id(values) in shared:
                # the list of another process (an alias): read again for this one, in a copy
                values = _own_copy(doc, item, index, values)
            shared.add(id(values))
            for i, value in enumerate(values):
                if isinstance(value, ReleaseId):
                    value = value.written
                if not isinstance(value, str):
                    continue
                element, at, suffix = value.partition("@")
                release = base
                if at and (not suffix or "@" in suffix or suffix.strip() != suffix):
                    release = None  # not of the form ID@release: the schema reports it, once
                elif at:
                    release = release_of(doc, ("processes", index, "implements", i), suffix, process)
                if release == STANDARD:
                    if at:
                        values[i] = element  # the standard's own id, as the other kinds read it
                    continue
                if release is None or not well_formed(element):
                    # an unknown release (reported once where it is written): what the id stands
                    # for is not known, so it counts for nothing; a malformed id is the schema's
                    values[i] = _unread(doc, (*_path(index, i),), process, value, element)
                    continue
                values[i] = _read(crosswalk, doc, _path(index, i), process, value, element, release)
                result.ids.append(values[i])
    return result


def _own_copy(doc: Document, item: dict[str, Any], index: int, values: list[Any]) -> list[Any]:
    """A copy of a shared ``implements`` list for one process, located where the list is."""
    path = ("processes", index, "implements")
    positions = doc.positions
    copy = [v.written if isinstance(v, ReleaseId) else v for v in values]
    positions.add(copy, positions.packed(doc.data, path), positions.entries(values))
    item["implements"] = copy
    return copy


def _path(index: int, item: int) -> tuple[Any, ...]:
    return ("processes", index, "implements", item)


def _unread(doc: Document, path: tuple[Any, ...], process: str, written: str, element: str) -> ReleaseId:
    return ReleaseId(doc, path, process, written, element, "?", "?", UNREAD)


def _read(
    crosswalk: Crosswalk,
    doc: Document,
    path: tuple[Any, ...],
    process: str,
    written: str,
    element: str,
    release: str,
) -> ReleaseId:
    """What one id of a release stands for."""
    rows, read = crosswalk.rows_for(release, element)
    if rows:
        if any(r.counts for r in rows):
            outcome = COUNTS
        elif any(r.partial for r in rows):
            outcome = PARTIAL
        else:
            outcome = NONE
        return ReleaseId(doc, path, process, written, element, release, read, outcome, tuple(rows))
    # of a release the crosswalk holds only some rows of, no row means not checked, never a
    # mix-up (1.3.8 of v19.0 is most likely 1.1.1.7, as in every release around it)
    known = crosswalk.releases.get(release)
    some_rows = known is not None and not known.complete and not known.fallback
    other = [] if some_rows else crosswalk.elsewhere(element, release)
    if other:
        return ReleaseId(doc, path, process, written, element, release, release, ELSEWHERE, tuple(other))
    above = crosswalk.below(release, element)
    if above is not None:
        return ReleaseId(doc, path, process, written, element, release, above.release, BELOW, (above,))
    return ReleaseId(doc, path, process, written, element, release, release, OUTSIDE)
