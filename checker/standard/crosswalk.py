"""The crosswalk from the standard's element ids (1.1.1.x) to those of today's eTOM releases
(1.3.x, 1.12.x ...), one sourced row per element and release (data in ``rules/crosswalk/``).

It answers three questions for the model layer: what does an id of a release stand for (a row of
that release, or of the complete release a partial one falls back to); which releases did an id
stand for an element in (a mix-up of releases); and which mapped id does an unmapped one lie below.
It is read only when a model names a release.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from ..io.cache import Cache
from ..io.positions import Positions
from .datafiles import PackError, check_against, read_yaml, rules_dir

STANDARD = "standard"  # the release name of the standard's own numbering (``1.1.1.5@standard``)
COUNTS = ("same", "renamed", "moved-level")  # the row stands for the element
PARTIAL = "split"  # the row stands for part of the element
NO_COUNTERPART = ("deleted", "unknown")  # the element has no id in the release
RELATIONS = (*COUNTS, PARTIAL, *NO_COUNTERPART)
NAME_ONLY = "name-match-only"
CROSSWALK_FILE = "crosswalk/etom-crosswalk.yaml"

_RELEASE = re.compile(r"v?([0-9]+(?:\.[0-9]+){0,2})\Z")


@dataclass(frozen=True)
class Row:
    """One element of the standard in one release: the id that stands for it there (None when
    it has none), how, on what evidence and from which source."""

    element: str
    element_name: str
    release: str
    id: str | None
    name: str | None
    level: int | None
    relation: str
    evidence: tuple[str, ...]
    source: tuple[str, ...]
    note: str | None = None

    @property
    def counts(self) -> bool:
        return self.relation in COUNTS

    @property
    def partial(self) -> bool:
        return self.relation == PARTIAL

    @property
    def name_only(self) -> bool:
        return NAME_ONLY in self.evidence


@dataclass(frozen=True)
class Release:
    """A release the crosswalk holds: complete (a row for every element) or partial, in which
    case a missing row means "not checked" and ``fallback`` names the complete release read
    instead, if there is one."""

    id: str
    rows: int
    complete: bool
    fallback: str | None = None


@dataclass
class Crosswalk:
    releases: dict[str, Release]
    rows: list[Row]
    source: dict[str, str] = field(default_factory=dict)
    file: str = CROSSWALK_FILE

    def release(self, written: str) -> str | None:
        """The release a text names (``v24.0``; also ``V24.0``, ``24.0``, ``v24``), or
        :data:`STANDARD`, or None when the crosswalk does not hold it."""
        text = written.strip()
        if text.casefold() == STANDARD:
            return STANDARD
        match = _RELEASE.match(text.casefold())
        if match is None:
            return None
        number = match.group(1) if "." in match.group(1) else match.group(1) + ".0"
        return "v" + number if "v" + number in self.releases else None

    @cached_property
    def _by_id(self) -> dict[tuple[str, str], list[Row]]:
        table: dict[tuple[str, str], list[Row]] = {}
        for row in self.rows:
            if row.id is not None:
                table.setdefault((row.release, row.id), []).append(row)
        return table

    @cached_property
    def _by_element(self) -> dict[tuple[str, str], Row]:
        return {(row.element, row.release): row for row in self.rows}

    def read_as(self, release: str) -> list[str]:
        """The releases whose rows are read for ``release``: itself, then its fallback."""
        fallback = self.releases[release].fallback
        return [release, fallback] if fallback else [release]

    def rows_for(self, release: str, modern_id: str) -> tuple[list[Row], str]:
        """The rows in which ``modern_id`` stands for an element of the standard in ``release``
        (through its fallback where it has no row), and the release they were read from."""
        for read in self.read_as(release):
            found = self._by_id.get((read, modern_id))
            if found:
                return found, read
        return [], release

    def row(self, element: str, release: str) -> Row | None:
        """The row of an element in a release (through its fallback), if the crosswalk holds one."""
        for read in self.read_as(release):
            found = self._by_element.get((element, read))
            if found is not None:
                return found
        return None

    def elsewhere(self, modern_id: str, release: str) -> list[Row]:
        """The rows of other releases in which ``modern_id`` stands for an element (in release
        order): an id written with the wrong release."""
        read = set(self.read_as(release))
        order = list(self.releases)
        found = [
            r for r in self.rows if r.id == modern_id and r.release not in read and (r.counts or r.partial)
        ]
        return sorted(found, key=lambda r: order.index(r.release))

    def below(self, release: str, modern_id: str) -> Row | None:
        """The nearest row of ``release`` whose id ``modern_id`` lies below (``1.3.7.12`` below
        ``1.3.7``), when it stands for an element."""
        parts = modern_id.split(".")
        for size in range(len(parts) - 1, 1, -1):
            rows, _ = self.rows_for(release, ".".join(parts[:size]))
            standing = [r for r in rows if r.counts or r.partial]
            if standing:
                return standing[0]
        return None


def _row(item: dict[str, Any]) -> Row:
    def text(key: str) -> str | None:
        value = item.get(key)
        return value if isinstance(value, str) else None

    level = item.get("level")
    return Row(
        element=str(item["element"]),
        element_name=str(item["element_name"]),
        release=str(item["release"]),
        id=text("id"),
        name=text("name"),
        level=level if isinstance(level, int) else None,
        relation=str(item["relation"]),
        evidence=tuple(str(e) for e in item["evidence"]),
        source=tuple(str(s) for s in item["source"]),
        note=text("note"),
    )


def crosswalk_from(data: dict[str, Any], positions: Positions, display: str) -> Crosswalk:
    """A crosswalk from validated data; what the schema does not say (a row of a release that is
    not listed, two rows for one element and release, a row that stands for an element without
    naming its id, a deleted one that names one, a fallback that is not a complete release, a
    wrong count) is a :class:`PackError` at its line."""
    check_against("crosswalk", data, positions, display)

    def fail(path: tuple[Any, ...], key: str, **params: Any) -> PackError:
        line, column = positions.value(data, path)
        return PackError(display, line, column, key, **params)

    releases: dict[str, Release] = {}
    for index, item in enumerate(data["releases"]):
        if item["id"] in releases:
            raise fail(("releases", index, "id"), "xwe-twice", release=item["id"])
        releases[item["id"]] = Release(item["id"], item["rows"], item["complete"], item.get("fallback"))
    rows: list[Row] = []
    seen: dict[tuple[str, str], int] = {}
    counts: dict[str, int] = {}
    for index, item in enumerate(data["rows"]):
        row = _row(item)
        if row.relation in (*COUNTS, PARTIAL) and (row.id is None or row.name is None or row.level is None):
            raise fail(("rows", index, "relation"), "xwe-names", relation=row.relation)
        if row.relation == "deleted" and row.id is not None:
            raise fail(("rows", index, "id"), "xwe-deleted-id")
        if row.level is not None and row.level < 1:
            raise fail(("rows", index, "level"), "xwe-level")
        if row.release not in releases:
            raise fail(("rows", index, "release"), "xwe-release", release=row.release)
        key = (row.element, row.release)
        if key in seen:
            first = seen[key] + 1
            raise fail(
                ("rows", index, "element"),
                "xwe-second-row",
                element=row.element,
                release=row.release,
                first=first,
            )
        seen[key] = index
        counts[row.release] = counts.get(row.release, 0) + 1
        rows.append(row)
    elements = {row.element for row in rows}
    for index, release in enumerate(releases.values()):
        if counts.get(release.id, 0) != release.rows or release.rows < 1:
            raise fail(
                ("releases", index, "rows"), "xwe-count", release=release.id, count=counts.get(release.id, 0)
            )
        held = {row.element for row in rows if row.release == release.id}
        if release.complete != (held == elements):
            raise fail(("releases", index, "complete"), "xwe-complete", release=release.id)
        if release.fallback is not None and not (
            release.fallback in releases and releases[release.fallback].complete
        ):
            raise fail(("releases", index, "fallback"), "xwe-fallback", fallback=release.fallback)
    source = {str(k): str(v) for k, v in data["source"].items()}
    return Crosswalk(releases, rows, source, display)


@cache
def load_crosswalk(name: str = CROSSWALK_FILE, files: Cache | None = None) -> Crosswalk:
    """The crosswalk shipped in ``rules/`` (read once per process, when a model names a release;
    through ``files``, the cache of reading results, when one is given, as the pack's files are)."""
    display = f"rules/{name}"
    data, positions = read_yaml(rules_dir() / name, display, files, "crosswalk")
    return crosswalk_from(data, positions, display)
