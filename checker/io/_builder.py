"""YAML parser events -> plain data and positions, with every bound checked on the way.

Nothing is constructed from a tag and nothing recurses: the builder keeps its own stack, stops at
the depth and alias-expansion limits, reports duplicate keys at their second place and keeps ids
as written (``1.10`` stays ``"1.10"``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from ..i18n import Term
from .positions import ALIAS, Positions, pack, unpack
from .sources import Limits, Problem

# --------------------------------------------------------------------------- scalars

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# a whole number of at most 18 digits; a longer one is text, as written (Python will not even
# convert more than 4300 digits, and no value of the format needs one)
_INT = re.compile(r"(0|-?[1-9][0-9]{0,17})\Z")  # not -0, which as a number would read 0
_MAYBE_TYPED = frozenset("-+.0123456789~nNtTfF")
STR_TAG = "tag:yaml.org,2002:str"
_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "binary")
)
_COLLECTION_TAGS = {
    "map": frozenset(("tag:yaml.org,2002:map", "tag:yaml.org,2002:omap", "tag:yaml.org,2002:set")),
    "seq": frozenset(("tag:yaml.org,2002:seq",)),
}


def resolve_plain(text: str) -> Any:
    """A plain scalar as data: null, true/false, a whole number written canonically, else text.

    Only canonical integers become numbers (``1`` but not ``01``, ``+1`` or ``1_000``) and no
    text becomes a float or a date, so every id and name reads exactly as it is written:
    ``1.10`` stays ``"1.10"``.
    """
    if text and text[0] not in _MAYBE_TYPED:
        return text
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        return int(text)
    return text


def short_tag(tag: str) -> str:
    """A tag as people write it: ``!!python/object`` rather than its long form."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _explicit_scalar(tag: str, text: str) -> Any:
    """A scalar with a standard tag; anything the tag cannot make is kept as text."""
    kind = tag.rsplit(":", 1)[-1]
    if kind == "null" and text in _NULLS:
        return None
    if kind == "bool" and text in _BOOLS:
        return _BOOLS[text]
    if kind == "int" and _INT.match(text):
        return int(text)
    return text


# --------------------------------------------------------------------------- building


class Stop(Exception):
    """Reading a file stops here; the reason is already a problem."""


_BAD_KEY = object()
_MERGE = "<<"


class Builder:
    """Builds plain data and positions from parser events, without recursion.

    Working from events rather than a composed node tree bounds the depth before the parser's
    own recursion could exhaust the C stack, and costs less than composing nodes. The container
    being filled lives in local variables and the open ones above it on a stack of tuples: the
    loop runs once per event, so it does as little as it can.
    """

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.problems: list[Problem] = []  # what building found wrong, for the caller to read
        self.found = 0
        self.aliases = 0  # values given by an alias or merged: shared, not copied (for the cache)
        self.numbers = False  # a whole number below the top mapping (text_as_written has work)

    def problem(self, code: str, position: int, subject: str, **args: Any) -> None:
        line, column = unpack(position)
        limit = self.limits.max_findings_per_file
        if self.found == limit:  # a flood of duplicate keys or tags: stop, in bounded time and memory
            self.problems.append(
                Problem("too-many-problems", self.name, line, column, self.name, {"limit": limit})
            )
            raise Stop
        self.found += 1
        self.problems.append(Problem(code, self.name, line, column, subject, args))

    def build(self, next_event: Callable[[], Any]) -> tuple[Any, Positions]:
        """Data and positions from the parser's events; ``next_event`` gives None at the end
        (one C call per event, rather than ``check_event`` and ``get_event``)."""
        positions = Positions()
        table = positions._tab  # entered directly: once per container, the loop's own table
        anchors: dict[str, tuple[Any, int]] = {}
        heights: dict[int, int] = {}  # id of a container an alias gave -> its height
        stack: list[tuple[Any, ...]] = []
        count = 0
        expanded = 0
        documents = 0
        root: Any = None
        root_pos = pack(1, 1)
        max_depth = self.limits.max_depth
        scalar_event, maybe_typed = yaml.ScalarEvent, _MAYBE_TYPED
        map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        # the container being filled: its value, whether a mapping, its entries (see Positions),
        # the key waiting for its value and where it stands, and its own bookkeeping
        cur: Any = None
        is_map = False
        entries: list[int] = []
        key: Any = None
        key_pos = 0
        anchor: str | None = None
        count0 = 0
        start = 0
        merges: list[tuple[Any, int]] | None = None
        inner = 0  # the containers completed inside it
        while (event := next_event()) is not None:
            cls = event.__class__
            mark = event.start_mark
            pos = ((mark.line + 1) << 24) | (mark.column + 1)
            if cls is scalar_event:
                count += 1
                tag = event.tag
                text = event.value
                if tag is None:
                    if (text and text[0] not in maybe_typed) or not event.implicit[0]:
                        value: Any = text  # the common case, without a call
                    else:
                        value = resolve_plain(text)
                        if value.__class__ is int and len(stack) > 1:
                            self.numbers = True
                elif tag == "!" or tag == STR_TAG:
                    value = text
                elif tag in _SCALAR_TAGS:
                    value = _explicit_scalar(tag, text)
                    if value.__class__ is int and len(stack) > 1:
                        self.numbers = True
                else:
                    self.problem("tag", pos, short_tag(tag), tag=short_tag(tag))
                    value = text
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                if is_map and key is None:  # a key: plain, text, or the alias of a scalar
                    key = _MERGE if text == _MERGE and tag is None and event.implicit[0] else text
                    key_pos = pos
                    continue
            elif cls is map_start or cls is seq_start:
                opens_map = cls is map_start
                tag = event.tag
                if (
                    tag is not None
                    and tag != "!"
                    and tag not in _COLLECTION_TAGS["map" if opens_map else "seq"]
                ):
                    self.problem("tag", pos, short_tag(tag), tag=short_tag(tag))
                if len(stack) >= max_depth:
                    self.problem("too-deep", pos, self.name, limit=max_depth)
                    raise Stop
                count += 1
                stack.append((cur, is_map, entries, key, key_pos, anchor, count0, start, merges, inner))
                cur, is_map, entries, key = ({} if opens_map else []), opens_map, [], None
                anchor, count0, start, merges, inner = event.anchor, count, pos, None, 0
                continue
            elif cls is map_end or cls is seq_end:
                value = cur
                if merges:
                    self._merge(value, entries, merges)
                table[id(value)] = (value, start, entries, inner)
                if anchor is not None:
                    anchors[anchor] = (value, count - count0 + 1)
                pos = start
                cur, is_map, entries, key, key_pos, anchor, count0, start, merges, inner = stack.pop()
                inner += 1
            elif cls is yaml.AliasEvent:
                target = anchors.get(event.anchor)
                if target is None:
                    self.problem(
                        "yaml-syntax",
                        pos,
                        self.name,
                        detail=Term("y-alias"),
                        anchor=event.anchor,
                        raw=f"found undefined alias {event.anchor!r}",
                    )
                    raise Stop
                value, size = target
                self.aliases += 1
                if value.__class__ is int:  # a number anchored at the top may be used deeper
                    self.numbers = True
                # aliases nest what they stand for: the depth as expanded is bounded as well
                if isinstance(value, (dict, list)) and len(stack) + _height(value, heights) > max_depth:
                    self.problem("too-deep", pos, self.name, limit=max_depth)
                    raise Stop
                pos |= ALIAS
                expanded += size
                count += size
                if expanded > self.limits.max_alias_nodes:
                    self.problem("alias-limit", pos, self.name, limit=self.limits.max_alias_nodes)
                    raise Stop
                if is_map and key is None:
                    if isinstance(value, (dict, list)):
                        self.problem("yaml-syntax", pos, self.name, detail=Term("y-complex-key"))
                        key = _BAD_KEY
                    else:  # an alias of a scalar: the key as it reads in YAML
                        key = (
                            "null"
                            if value is None
                            else str(value).lower()
                            if isinstance(value, bool)
                            else str(value)
                        )
                    key_pos = pos
                    continue
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.problem("not-mapping", pos, self.name, found=Term("documents"))
                    raise Stop
                continue
            else:
                continue

            # a node is complete: attach it to the container being filled
            if cur is None:
                if not stack:
                    root, root_pos = value, pos
                continue
            if not is_map:
                cur.append(value)
                entries.append(pos)
            elif key is None:  # a mapping or sequence where a key is expected
                self.problem("yaml-syntax", pos, self.name, detail=Term("y-complex-key"))
                key, key_pos = _BAD_KEY, pos
            elif key is _BAD_KEY:
                key = None
            elif key is _MERGE and key_pos and isinstance(value, (dict, list)):
                key = None
                if merges:  # a second merge key in one mapping is a repeated key too
                    first = unpack(merges[0][1])[0]
                    self.problem("duplicate-key", key_pos, _MERGE, key=_MERGE, first_line=first)
                    continue
                merges = [(value, key_pos)]
                self.aliases += 1  # the merged values are shared with their source
            elif key in cur:  # merged keys join only at the end, so these are explicit
                first = unpack(_first_place(cur, entries, key))[0]
                self.problem("duplicate-key", key_pos, key, key=key, first_line=first)
                key = None
            else:
                cur[key] = value
                entries.append(key_pos)
                entries.append(pos)
                key = None

        if documents == 0 or root is None:
            self.problem("not-mapping", root_pos, self.name, found=Term("empty"))
            return None, positions
        if not isinstance(root, dict):
            self.problem("not-mapping", root_pos, self.name, found=Term(_type_term(root)))
            return None, positions
        positions.root = root_pos
        return root, positions

    def _merge(self, mapping: dict[str, Any], entries: list[int], merges: list[tuple[Any, int]]) -> None:
        """YAML merge keys (``<<: *base``): explicit keys win over merged ones, which join the
        mapping (and its entries) at the end."""
        for source, key_pos in merges:
            sources = source if isinstance(source, list) else [source]
            for item in sources:
                if not isinstance(item, dict):
                    self.problem("yaml-syntax", key_pos, self.name, detail=Term("y-merge"))
                    continue
                for key, value in item.items():
                    if key not in mapping:
                        mapping[key] = value
                        entries.append(key_pos)
                        # shared with the source, as an alias's value is: what lies inside it is
                        # located at the merge key, not in the mapping it was merged from
                        entries.append(key_pos | ALIAS)


def _first_place(mapping: dict[str, Any], entries: list[int], key: Any) -> int:
    """Where a key of a mapping being built was first given (its entries are compact)."""
    for index, name in enumerate(mapping):
        if name == key:
            return entries[2 * index]
    return 0  # pragma: no cover - called only for a key the mapping has


def _type_term(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    return "text"


type_term = _type_term


# --------------------------------------------------------------------------- ids as written

_TEXT_KEYS = frozenset(
    ("id", "name", "owner", "purpose", "to", "subject", "target", "reason", "rule", "standard", "etom")
)
_TEXT_LISTS = frozenset(("implements", "functions"))


def text_as_written(data: dict[str, Any]) -> None:
    """Whole numbers where the format wants text (``id: 42``) become the text as written.

    Only canonical integers are ever numbers (see :func:`resolve_plain`), so ``str`` gives back
    exactly what the file says.
    """
    for key in ("organisation",):
        _fix_mapping(data.get(key))
    for section in ("processes", "waivers"):
        items = data.get(section)
        if not isinstance(items, list):
            continue
        for item in items:
            if not isinstance(item, dict):
                continue
            _fix_mapping(item)
            interfaces = item.get("interfaces")
            if isinstance(interfaces, list):
                for interface in interfaces:
                    _fix_mapping(interface)


def _fix_mapping(item: Any) -> None:
    if not isinstance(item, dict):
        return
    for key, value in item.items():
        if key in _TEXT_KEYS and _is_number(value):
            item[key] = str(value)
        elif key in _TEXT_LISTS and isinstance(value, list):
            value[:] = [str(v) if _is_number(v) else v for v in value]  # same list: positions


def _is_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _height(value: Any, heights: dict[int, int]) -> int:
    """The levels of containers in ``value`` (a container alone is 1), each counted once: every
    container was built within the depth limit, aliases included, so the recursion is bounded."""
    if not isinstance(value, (dict, list)):
        return 0
    found = heights.get(id(value))
    if found is None:
        children = value.values() if isinstance(value, dict) else value
        found = heights[id(value)] = 1 + max((_height(v, heights) for v in children), default=0)
    return found
