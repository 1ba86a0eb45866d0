"""Where each value and key of a document stands, kept beside the plain data.

The table is keyed by container (one entry per mapping or sequence, not per value), which keeps
memory small on large models; lookups walk a path of keys and indices, the same paths that
jsonschema reports in ``error.absolute_path``. Something missing is located at its closest
existing parent.

A mapping's entries are kept compact, as one flat list ``[key, value, key, value, ...]`` of
packed positions in the order of the mapping's keys (which is the order they were written in);
:meth:`Positions.entries` turns them into a dict ``key -> (key, value)`` for whoever changes the
mapping's keys. A sequence's entries are the list of its values' positions.

:meth:`Positions.encode` writes the table as one line of base64 (64-bit integers: the root's
position, then each container's start and entries); :meth:`Positions.lazy` reads it back on first
use, walking the data in the order the containers were completed.
"""

from __future__ import annotations

import base64
import sys
from array import array
from collections.abc import Iterable, Iterator
from typing import Any

_COL_BITS = 24
_COL_MASK = (1 << _COL_BITS) - 1
# set on the position of a value written as an alias (``*name``): what lies inside it stands
# where its anchor is, but a finding about it belongs at the alias
ALIAS = 1 << 62
# past this many keys a compact mapping is searched through a dict made once
_SCAN = 16

Path = tuple[Any, ...]


def pack(line: int, column: int) -> int:
    """One int for a 1-based line and column."""
    return (line << _COL_BITS) | min(column, _COL_MASK)


def unpack(packed: int) -> tuple[int, int]:
    packed &= ~ALIAS
    return packed >> _COL_BITS, packed & _COL_MASK


def _pair(container: dict[str, Any], flat: list[int], key: Any) -> tuple[int, int] | None:
    """(key, value) positions of ``key`` in a compact mapping, or None."""
    for index, name in enumerate(container):
        if name == key:
            at = 2 * index
            return (flat[at], flat[at + 1]) if at + 1 < len(flat) else None
    return None


def _completed(data: Any) -> Iterator[Any]:
    """Every mapping and sequence in ``data`` in the order the builder completes them: each after
    what it holds, in the order of keys and items (without recursion: the depth is the limit's,
    which may be large)."""
    stack: list[tuple[Any, Iterator[Any]]] = [(data, iter(data.values() if isinstance(data, dict) else data))]
    while stack:
        node, rest = stack[-1]
        for item in rest:
            if isinstance(item, dict | list):
                stack.append((item, iter(item.values() if isinstance(item, dict) else item)))
                break
        else:
            stack.pop()
            yield node


class Positions:
    """The positions of one document: container start, and the positions of its entries."""

    __slots__ = ("_pending", "_root", "_tab")

    def __init__(self) -> None:
        # id(container) -> (container, start, entries): see the module's docstring for entries.
        # The container itself is held so that its id stays unique while the table lives.
        self._tab: dict[int, tuple[Any, int, Any]] = {}
        self._root = pack(1, 1)
        self._pending: tuple[Any, bytes] | None = None

    @property
    def root(self) -> int:
        """Where the document starts."""
        if self._pending is not None:
            self._read()
        return self._root

    @root.setter
    def root(self, packed: int) -> None:
        self._root = packed

    @classmethod
    def lazy(cls, data: Any, encoded: bytes) -> Positions:
        """The positions that :meth:`encode` wrote for ``data``, read when first used."""
        positions = cls()
        positions._pending = (data, encoded)
        return positions

    def _read(self) -> None:
        """Enter the encoded positions (see :meth:`encode`), walking the data in the order the
        builder completed its containers. The data may have changed since in its values, never
        in its containers; whatever does not fit (an entry changed by hand) is left out, and
        what it held is located at its parent."""
        assert self._pending is not None
        data, encoded = self._pending
        self._pending = None
        numbers = array("q")
        try:
            numbers.frombytes(base64.b64decode(encoded, validate=True))
        except ValueError:  # not base64 (binascii.Error), or not whole numbers
            return
        if sys.byteorder != "little":  # pragma: no cover - written little-endian everywhere
            numbers.byteswap()
        if not numbers:
            return
        self._root = numbers[0]
        at = 1
        tab = self._tab
        for container in _completed(data):
            size = 2 * len(container) if isinstance(container, dict) else len(container)
            if at + 1 + size > len(numbers):
                return
            tab[id(container)] = (container, numbers[at], numbers[at + 1 : at + 1 + size].tolist())
            at += 1 + size

    def encode(self) -> bytes:
        """The table as one line of base64: the root's position, then each container's start and
        entries (of a mapping, compact), as little-endian 64-bit integers, containers in the order
        the builder completed them (which is the order the table holds them in, for a document
        read without repeated keys, complex keys, merge keys or aliases: only those are ever
        encoded, and :meth:`lazy` walks the data in that order)."""
        if self._pending is not None:
            return self._pending[1]
        numbers = [self._root]
        add, extend = numbers.append, numbers.extend
        for _, start, entries in self._tab.values():
            if isinstance(entries, dict):  # pragma: no cover - only a repaired table has dicts
                raise ValueError("a table whose keys were changed is not encoded")
            add(start)
            extend(entries)
        packed = array("q", numbers)
        if sys.byteorder != "little":  # pragma: no cover
            packed.byteswap()
        return base64.b64encode(packed.tobytes())

    def add(self, container: Any, start: int, entries: Any) -> None:
        """Enter a container: ``entries`` a dict ``key -> (key, value)`` or the compact flat list
        for a mapping, a list of value positions for a sequence."""
        if self._pending is not None:
            self._read()
        self._tab[id(container)] = (container, start, entries)

    def _pair(self, node: Any, entry: tuple[Any, int, Any], step: Any) -> tuple[int, int] | None:
        entries = entry[2]
        if isinstance(entries, dict):
            found: tuple[int, int] | None = entries.get(step)
            return found
        if len(node) > _SCAN:
            return self._explicit(node).get(step)
        return _pair(node, entries, step)

    def _walk(self, data: Any, path: Iterable[Any]) -> tuple[int, int | None]:
        """The position of the deepest existing value on ``path``, and of its key if any."""
        if self._pending is not None:
            self._read()
        entry = self._tab.get(id(data))
        here = entry[1] if entry is not None else self._root
        key_pos: int | None = None
        node = data
        for step in path:
            entry = self._tab.get(id(node))
            if entry is None:
                break
            if isinstance(node, dict):
                pair = self._pair(node, entry, step)
                if pair is None:
                    break
                key_pos, here = pair
            else:
                entries = entry[2]
                if not isinstance(step, int) or not 0 <= step < len(entries):
                    break
                here, key_pos = entries[step], None
            if here & ALIAS:  # a value given by an alias: located at the alias, not inside
                break
            node = node[step]
        return here, key_pos

    def _explicit(self, container: dict[str, Any]) -> dict[Any, tuple[int, int]]:
        """A mapping's entries as a dict ``key -> (key, value)``, made from the compact form
        (and kept) when it is not one yet."""
        entry = self._tab[id(container)]
        entries = entry[2]
        if isinstance(entries, dict):
            return entries
        pairs = {
            key: (entries[2 * i], entries[2 * i + 1])
            for i, key in enumerate(container)
            if 2 * i + 1 < len(entries)
        }
        self._tab[id(container)] = (container, entry[1], pairs)
        return pairs

    def packed(self, data: Any, path: Iterable[Any]) -> int:
        """The packed position of the value at ``path`` (or of its closest existing parent)."""
        return self._walk(data, path)[0]

    def entries(self, container: Any) -> Any:
        """The recorded entries of a container, to read or change, or None: a dict ``key ->
        (key, value)`` for a mapping, a list of value positions for a sequence."""
        if self._pending is not None:
            self._read()
        entry = self._tab.get(id(container))
        if entry is None:
            return None
        if isinstance(container, dict):
            return self._explicit(container)
        return entry[2]

    def value(self, data: Any, path: Iterable[Any]) -> tuple[int, int]:
        """Line and column of the value at ``path`` (or of its closest existing parent)."""
        return unpack(self._walk(data, path)[0])

    def key(self, data: Any, path: Iterable[Any]) -> tuple[int, int]:
        """Line and column of the key that holds the value at ``path`` (the value if none)."""
        here, key_pos = self._walk(data, path)
        return unpack(key_pos if key_pos is not None else here)
