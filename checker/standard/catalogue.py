"""The eTOM reference catalogue: elements, their names and verticals (data in ``rules/``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..io.cache import Cache
from .datafiles import load_data_file


@dataclass(frozen=True)
class Element:
    id: str
    name: dict[str, str]
    verticals: tuple[str, ...] = ()
    abbr: str | None = None
    ru_source: str = "translation"
    outside: bool = False

    @property
    def translated(self) -> bool:
        """The Russian name is this project's translation, not the standard's wording."""
        return self.ru_source == "translation"

    @property
    def parent(self) -> str | None:
        return parent_id(self.id)


_ELEMENT_ID = re.compile(r"[0-9]+(?:\.[0-9]+)*\Z")


@lru_cache(maxsize=8192)  # asked once per id written in the model, by several checks
def well_formed(element_id: str) -> bool:
    """Numbers separated by single dots (``1.1.1.5``), the form the model format allows."""
    return _ELEMENT_ID.match(element_id) is not None


def element_level(element_id: str) -> int:
    """eTOM level of an id: ``1.1.1`` (a grouping) is level 1, ``1.1.1.5`` level 2."""
    return element_id.count(".") - 1


def parent_id(element_id: str) -> str | None:
    head, sep, _ = element_id.rpartition(".")
    return head if sep else None


@lru_cache(maxsize=8192)
def level2_of(element_id: str) -> str | None:
    """The level-2 element an id belongs to (itself at level 2), or None above level 2."""
    parts = element_id.split(".")
    return ".".join(parts[:4]) if len(parts) >= 4 else None


@dataclass
class Catalogue:
    elements: dict[str, Element]
    verticals: dict[str, dict[str, str]] = field(default_factory=dict)

    def __contains__(self, element_id: object) -> bool:
        return element_id in self.elements

    def name(self, element_id: str, lang: str) -> str:
        element = self.elements.get(element_id)
        return element.name[lang] if element else element_id

    def children(self, element_id: str) -> list[str]:
        """Known elements one level below ``element_id``, in catalogue order."""
        return [e for e in self.elements if parent_id(e) == element_id]

    def groupings(self, area: str = "1.1") -> list[str]:
        return [e for e in self.elements if parent_id(e) == area]

    def outside_area(self, element_id: str) -> str | None:
        """The area outside the standard's scope that ``element_id`` is or lies below, if any."""
        for area in self._outside:
            if element_id == area or element_id.startswith(area + "."):
                return area
        return None

    def unknown(self, element_id: str) -> bool:
        """An id in the standard's scope that no known level-2 element holds (a level above 2,
        or an element the catalogue does not have)."""
        known = self._unknown.get(element_id)
        if known is None:
            level2 = level2_of(element_id)
            known = self._unknown[element_id] = self.outside_area(element_id) is None and (
                level2 is None or level2 not in self.elements
            )
        return known

    @cached_property
    def _unknown(self) -> dict[str, bool]:
        """What :meth:`unknown` said of each id asked about."""
        return {}

    @cached_property
    def _outside(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.elements.values() if e.outside)

    @cached_property
    def implementable(self) -> tuple[str, ...]:
        """Known element ids that a process may implement: level 2 or deeper, in scope."""
        return tuple(e for e in self.elements if element_level(e) >= 2 and self.outside_area(e) is None)


CATALOGUE_FILE = "catalogue.yaml"


def load_catalogue(name: str = CATALOGUE_FILE, cache: Cache | None = None) -> Catalogue:
    """Read and validate the catalogue shipped in ``rules/``."""
    data = load_data_file(name, "catalogue", cache)
    elements = {
        item["id"]: Element(
            id=item["id"],
            name=dict(item["name"]),
            verticals=tuple(item.get("verticals", ())),
            abbr=item.get("abbr"),
            ru_source=item["ru_source"],
            outside=item.get("scope") == "outside",
        )
        for item in data["elements"]
    }
    verticals = {v["id"]: dict(v["name"]) for v in data.get("verticals", [])}
    return Catalogue(elements, verticals)
