"""Where each value and key of a document stands, kept beside the plain data.

The table is keyed by container (one entry per mapping or sequence, not per value), which keeps
memory small on large models; lookups walk a path of keys and indices, the same paths that
jsonschema reports in ``error.absolute_path``. Something missing is located at its closest
existing parent.

A mapping's entries are kept compact, as one flat list ``[key, value, key, value, ...]`` of
packed positions in the order of the mapping's keys (which is the order they were written in);
:meth:`Positions.entries` turns them into a dict ``key -> (key, value)`` for whoever changes the
mapping's keys. A sequence's entries are the list of its values' positions.

:meth:`Positions.encode` writes the table as base64 of 64-bit integers (see :class:`_Packed`),
and :meth:`Positions.lazy` reads it back without building the table: a lookup reads only the
containers on its path.
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
# past this many keys a mapping is searched through a dict made once
_SCAN = 16

Path = tuple[Any, ...]


def pack(line: int, column: int) -> int:
    """One int for a 1-based line and column."""
    return (line << _COL_BITS) | min(column, _COL_MASK)


def unpack(packed: int) -> tuple[int, int]:
    packed &= ~ALIAS
    return packed >> _COL_BITS, packed & _COL_MASK


def _index(container: dict[str, Any], key: Any) -> int | None:
    """The place of ``key`` among a mapping's keys, or None."""
    for index, name in enumerate(container):
        if name == key:
            return index
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


class _Packed:
    """A table as :meth:`Positions.encode` writes it, read in place.

    ``numbers[0]`` is where the document starts; then comes one block per container, in the
    order the builder completed them (each after the containers it holds): the container's
    entries, its start, the number of its entries and the length of its subtree (its own block
    and those of every container below it). The last block is the root's; a container's blocks
    below end where its own begins, the last child's first, so a lookup steps from the root to
    the containers on its path and reads nothing else. Whatever does not fit the data (an entry
    changed by hand) ends the walk, which then gives the closest place found.
    """

    __slots__ = ("data", "ends", "keys", "numbers")

    def __init__(self, data: Any, numbers: array[int]) -> None:
        self.data = data
        self.numbers = numbers
        self.ends: dict[int, list[int | None]] = {}  # id(container) -> where each child's block ends
        self.keys: dict[int, dict[Any, int]] = {}  # id(mapping) -> key -> its place, for large ones

    def walk(self, data: Any, path: Iterable[Any], root: int) -> tuple[int, int | None]:
        numbers = self.numbers
        end = len(numbers)
        if data is not self.data or end < 4:
            return root, None
        here, key_pos = numbers[end - 3], None
        node = data
        try:
            for step in path:
                size = numbers[end - 2]
                first = end - 3 - size
                if isinstance(node, dict):
                    index = self._key_index(node, step) if size == 2 * len(node) else None
                    if index is None:
                        break
                    key_pos, here = numbers[first + 2 * index], numbers[first + 2 * index + 1]
                elif isinstance(node, list) and size == len(node):
                    if not isinstance(step, int) or not 0 <= step < size:
                        break
                    here, key_pos, index = numbers[first + step], None, step
                else:
                    break
                if here & ALIAS:
                    break
                child = node[step]
                if isinstance(child, dict | list):
                    child_end = self._ends(node, first)[index]
                    if child_end is None:
                        break
                    end = child_end
                node = child
        except IndexError:  # blocks that do not fit the data: the closest place found
            pass
        return here, key_pos

    def _key_index(self, node: dict[str, Any], key: Any) -> int | None:
        if len(node) <= _SCAN:
            return _index(node, key)
        found = self.keys.get(id(node))
        if found is None:
            found = self.keys[id(node)] = {name: i for i, name in enumerate(node)}
        return found.get(key)

    def _ends(self, node: Any, first: int) -> list[int | None]:
        """Where the block of each container that ``node`` holds ends (None for a scalar); its
        own entries begin at ``first``, right after the last child's subtree."""
        found = self.ends.get(id(node))
        if found is None:
            values = list(node.values() if isinstance(node, dict) else node)
            found = [None] * len(values)
            at = first
            numbers = self.numbers
            for index in range(len(values) - 1, -1, -1):
                if isinstance(values[index], dict | list):
                    if at < 4:
                        break
                    found[index] = at
                    at -= numbers[at - 1]
            self.ends[id(node)] = found
        return found

    def table(self) -> Iterator[tuple[Any, int, list[int]]]:
        """(container, start, entries) of every container, in the order they were completed."""
        numbers, at = self.numbers, 1
        for container in _completed(self.data):
            size = 2 * len(container) if isinstance(container, dict) else len(container)
            if at + size + 3 > len(numbers) or numbers[at + size + 1] != size:
                return
            yield container, numbers[at + size], numbers[at : at + size].tolist()
            at += size + 3


class Positions:
    """The positions of one document: container start, and the positions of its entries."""

    __slots__ = ("_encoded", "_packed", "_root", "_tab")

    def __init__(self) -> None:
        # id(container) -> (container, start, entries, containers it holds): see the module's
        # docstring for entries. The container itself is held so that its id stays unique while
        # the table lives.
        self._tab: dict[int, tuple[Any, int, Any, int]] = {}
        self._root = pack(1, 1)
        self._encoded: tuple[Any, bytes] | None = None  # what lazy() was given, not decoded yet
        self._packed: _Packed | None = None

    @property
    def root(self) -> int:
        """Where the document starts."""
        self._decode()
        return self._root

    @root.setter
    def root(self, packed: int) -> None:
        self._root = packed

    @classmethod
    def lazy(cls, data: Any, encoded: bytes) -> Positions:
        """The positions that :meth:`encode` wrote for ``data``, decoded when first used."""
        positions = cls()
        positions._encoded = (data, encoded)
        return positions

    def _decode(self) -> None:
        if self._encoded is None:
            return
        data, encoded = self._encoded
        self._encoded = None
        numbers = array("q")
        try:
            numbers.frombytes(base64.b64decode(encoded, validate=True))
        except ValueError:  # not base64 (binascii.Error), or not whole numbers: no places
            return
        if sys.byteorder != "little":  # pragma: no cover - written little-endian everywhere
            numbers.byteswap()
        if numbers:
            self._root = numbers[0]
            self._packed = _Packed(data, numbers)

    def unpack(self) -> None:
        """Make the table by containers now, before the data changes shape: a packed table is
        read by walking the data as it was read, so it must be made before a repair changes it."""
        self._unpacked()

    def _unpacked(self) -> None:
        """The table itself, for whoever changes it: made from the packed one, if any."""
        self._decode()
        if self._packed is not None:
            packed, self._packed = self._packed, None
            for container, start, entries in packed.table():
                self._tab[id(container)] = (container, start, entries, 0)

    def encode(self) -> bytes:
        """The table as one line of base64 (see :class:`_Packed`), for a document read without
        repeated keys, complex keys, merge keys or aliases (only those are ever encoded: then
        the order of the table is the order in which a walk of the data completes them)."""
        if self._encoded is not None:
            return self._encoded[1]
        self._unpacked()
        numbers = [self._root]
        add, extend = numbers.append, numbers.extend
        subtrees: list[int] = []  # lengths of the subtrees not yet claimed by their container
        for _, start, entries, inner in self._tab.values():
            if isinstance(entries, dict):  # pragma: no cover - only a repaired table has dicts
                raise ValueError("a table whose keys were changed is not encoded")
            length = len(entries) + 3
            if inner:
                length += sum(subtrees[-inner:])
                del subtrees[-inner:]
            subtrees.append(length)
            extend(entries)
            add(start)
            add(len(entries))
            add(length)
        packed = array("q", numbers)
        if sys.byteorder != "little":  # pragma: no cover
            packed.byteswap()
        return base64.b64encode(packed.tobytes())

    def add(self, container: Any, start: int, entries: Any, inner: int = 0) -> None:
        """Enter a container: ``entries`` a dict ``key -> (key, value)`` or the compact flat list
        for a mapping, a list of value positions for a sequence; ``inner``, how many of the
        containers entered before it it holds."""
        self._unpacked()
        self._tab[id(container)] = (container, start, entries, inner)

    def _pair(self, node: Any, entries: Any, step: Any) -> tuple[int, int] | None:
        if isinstance(entries, dict):
            found: tuple[int, int] | None = entries.get(step)
            return found
        if len(node) > _SCAN:
            return self._explicit(node).get(step)
        index = _index(node, step)
        at = 2 * index if index is not None else len(entries)
        return (entries[at], entries[at + 1]) if at + 1 < len(entries) else None

    def _walk(self, data: Any, path: Iterable[Any]) -> tuple[int, int | None]:
        """The position of the deepest existing value on ``path``, and of its key if any."""
        self._decode()
        if self._packed is not None:
            return self._packed.walk(data, path, self._root)
        entry = self._tab.get(id(data))
        here = entry[1] if entry is not None else self._root
        key_pos: int | None = None
        node = data
        for step in path:
            entry = self._tab.get(id(node))
            if entry is None:
                break
            if isinstance(node, dict):
                pair = self._pair(node, entry[2], step)
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
            if 2 * i + 1 < len(entries)  # a key added since it was read has no place
        }
        self._tab[id(container)] = (container, entry[1], pairs, entry[3])
        return pairs

    def packed(self, data: Any, path: Iterable[Any]) -> int:
        """The packed position of the value at ``path`` (or of its closest existing parent)."""
        return self._walk(data, path)[0]

    def entries(self, container: Any) -> Any:
        """The recorded entries of a container, to read or change, or None: a dict ``key ->
        (key, value)`` for a mapping, a list of value positions for a sequence."""
        self._unpacked()
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
