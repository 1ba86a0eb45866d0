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

from checker.i18n import Term
from checker.io.sources import Limits, Problem

from .positions import ALIAS, Positions, pack, unpack

# --------------------------------------------------------------------------- scalars

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# a whole number of at most 18 digits; a longer one is text, as written (Python will not even
# convert more than 4300 digits, and no value of the format needs one)
_INT = re.compile(r"-?(0|[1-9][0-9]{0,17})\Z")
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


class _Frame:
    __slots__ = (
        "anchor",
        "count0",
        "entries",
        "is_map",
        "key",
        "key_pos",
        "merges",
        "start",
        "value",
    )

    def __init__(self, value: Any, is_map: bool, anchor: str | None, count0: int, start: int) -> None:
        self.value = value
        self.is_map = is_map
        self.entries: Any = {} if is_map else []
        self.key: Any = None
        self.key_pos = 0
        self.anchor = anchor
        self.count0 = count0
        self.start = start
        self.merges: list[tuple[Any, int]] = []


class Builder:
    """Builds plain data and positions from parser events, without recursion.

    Working from events rather than a composed node tree bounds the depth before the parser's
    own recursion could exhaust the C stack, and costs less than composing nodes.
    """

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.problems: list[Problem] = []  # what building found wrong, for the caller to read
        self.found = 0

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
        anchors: dict[str, tuple[Any, int]] = {}
        stack: list[_Frame] = []
        count = 0
        expanded = 0
        documents = 0
        root: Any = None
        root_pos = pack(1, 1)
        max_depth = self.limits.max_depth
        scalar_event, maybe_typed = yaml.ScalarEvent, _MAYBE_TYPED
        map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        while (event := next_event()) is not None:
            cls = type(event)
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
                elif tag == "!" or tag == STR_TAG:
                    value = text
                elif tag in _SCALAR_TAGS:
                    value = _explicit_scalar(tag, text)
                else:
                    self.problem("tag", pos, short_tag(tag), tag=short_tag(tag))
                    value = text
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                is_merge_key = tag is None and text == _MERGE and event.implicit[0]  # plain, not '<<'
            elif cls is map_start or cls is seq_start:
                is_map = cls is map_start
                tag = event.tag
                if tag is not None and tag != "!" and tag not in _COLLECTION_TAGS["map" if is_map else "seq"]:
                    self.problem("tag", pos, short_tag(tag), tag=short_tag(tag))
                if len(stack) >= max_depth:
                    self.problem("too-deep", pos, self.name, limit=max_depth)
                    raise Stop
                count += 1
                stack.append(_Frame({} if is_map else [], is_map, event.anchor, count, pos))
                continue
            elif cls is map_end or cls is seq_end:
                frame = stack.pop()
                value = frame.value
                if frame.merges:
                    self._merge(frame)
                positions.add(value, frame.start, frame.entries)
                if frame.anchor is not None:
                    anchors[frame.anchor] = (value, count - frame.count0 + 1)
                pos = frame.start
                is_merge_key = False
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
                pos |= ALIAS
                expanded += size
                count += size
                if expanded > self.limits.max_alias_nodes:
                    self.problem("alias-limit", pos, self.name, limit=self.limits.max_alias_nodes)
                    raise Stop
                is_merge_key = False
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.problem("not-mapping", pos, self.name, found=Term("documents"))
                    raise Stop
                continue
            else:
                continue

            # a node is complete: attach it to its parent
            if not stack:
                root, root_pos = value, pos
                continue
            parent = stack[-1]
            if not parent.is_map:
                parent.value.append(value)
                parent.entries.append(pos)
                continue
            if parent.key is None:  # this node is a key
                if is_merge_key:
                    parent.key = _MERGE
                elif cls is scalar_event:
                    parent.key = text
                elif isinstance(value, (dict, list)):
                    self.problem("yaml-syntax", pos, self.name, detail=Term("y-complex-key"))
                    parent.key = _BAD_KEY
                else:
                    parent.key = str(value)  # an alias of a scalar
                parent.key_pos = pos
                continue
            key = parent.key
            parent.key = None
            if key is _BAD_KEY:
                continue
            if key is _MERGE and parent.key_pos and isinstance(value, (dict, list)):
                if parent.merges:  # a second merge key in one mapping is a repeated key too
                    first = unpack(parent.merges[0][1])[0]
                    self.problem("duplicate-key", parent.key_pos, _MERGE, key=_MERGE, first_line=first)
                    continue
                parent.merges.append((value, parent.key_pos))
                continue
            if key in parent.value:  # merged keys join only at the end, so these are explicit
                first = unpack(parent.entries[key][0])[0]
                self.problem("duplicate-key", parent.key_pos, key, key=key, first_line=first)
                continue
            parent.value[key] = value
            parent.entries[key] = (parent.key_pos, pos)

        if documents == 0 or root is None:
            self.problem("not-mapping", root_pos, self.name, found=Term("empty"))
            return None, positions
        if not isinstance(root, dict):
            self.problem("not-mapping", root_pos, self.name, found=Term(_type_term(root)))
            return None, positions
        positions.root = root_pos
        return root, positions

    def _merge(self, frame: _Frame) -> None:
        """YAML merge keys (``<<: *base``): explicit keys win over merged ones."""
        for source, key_pos in frame.merges:
            sources = source if isinstance(source, list) else [source]
            for item in sources:
                if not isinstance(item, dict):
                    self.problem("yaml-syntax", key_pos, self.name, detail=Term("y-merge"))
                    continue
                for key, value in item.items():
                    if key not in frame.value:
                        frame.value[key] = value
                        # what lies inside a merged value is located at the merge key
                        frame.entries[key] = (key_pos, key_pos | ALIAS)


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
    ("id", "name", "owner", "purpose", "to", "subject", "target", "reason", "rule", "standard")
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
