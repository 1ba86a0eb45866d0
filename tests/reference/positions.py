"""Where each value and key of a document stands, kept beside the plain data.

The table is keyed by container (one entry per mapping or sequence, not per value), which keeps
memory small on large models; lookups walk a path of keys and indices, the same paths that
jsonschema reports in ``error.absolute_path``. Something missing is located at its closest
existing parent.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_COL_BITS = 24
_COL_MASK = (1 << _COL_BITS) - 1
# set on the position of a value written as an alias (``*name``): what lies inside it stands
# where its anchor is, but a finding about it belongs at the alias
ALIAS = 1 << 62

Path = tuple[Any, ...]


def pack(line: int, column: int) -> int:
    """One int for a 1-based line and column."""
    return (line << _COL_BITS) | min(column, _COL_MASK)


def unpack(packed: int) -> tuple[int, int]:
    packed &= ~ALIAS
    return packed >> _COL_BITS, packed & _COL_MASK


class Positions:
    """The positions of one document: container start, and per entry (key, value) positions."""

    __slots__ = ("_tab", "root")

    def __init__(self) -> None:
        # id(container) -> (container, start, entries); entries is a dict key -> (key, value)
        # positions for a mapping, or a list of value positions for a sequence. The container
        # itself is held so that its id stays unique while the table lives.
        self._tab: dict[int, tuple[Any, int, Any]] = {}
        self.root = pack(1, 1)

    def add(self, container: Any, start: int, entries: Any) -> None:
        self._tab[id(container)] = (container, start, entries)

    def _walk(self, data: Any, path: Iterable[Any]) -> tuple[int, int | None]:
        """The position of the deepest existing value on ``path``, and of its key if any."""
        entry = self._tab.get(id(data))
        here = entry[1] if entry is not None else self.root
        key_pos: int | None = None
        node = data
        for step in path:
            entry = self._tab.get(id(node))
            if entry is None:
                break
            entries = entry[2]
            if isinstance(entries, dict):
                pair = entries.get(step)
                if pair is None:
                    break
                key_pos, here = pair
            else:
                if not isinstance(step, int) or not 0 <= step < len(entries):
                    break
                here, key_pos = entries[step], None
            if here & ALIAS:  # a value given by an alias: located at the alias, not inside
                break
            node = node[step]
        return here, key_pos

    def packed(self, data: Any, path: Iterable[Any]) -> int:
        """The packed position of the value at ``path`` (or of its closest existing parent)."""
        return self._walk(data, path)[0]

    def entries(self, container: Any) -> Any:
        """The recorded entries of a container (see :meth:`add`), or None."""
        entry = self._tab.get(id(container))
        return entry[2] if entry is not None else None

    def value(self, data: Any, path: Iterable[Any]) -> tuple[int, int]:
        """Line and column of the value at ``path`` (or of its closest existing parent)."""
        return unpack(self._walk(data, path)[0])

    def key(self, data: Any, path: Iterable[Any]) -> tuple[int, int]:
        """Line and column of the key that holds the value at ``path`` (the value if none)."""
        here, key_pos = self._walk(data, path)
        return unpack(key_pos if key_pos is not None else here)
