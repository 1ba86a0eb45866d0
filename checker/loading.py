"""Files -> documents (plain data + positions) and the problems found while reading them.

Every kind of bad input ends here as a :class:`Problem` with file, line and column: nothing in a
file is ever constructed from a tag or executed, sizes, alias expansion and nesting are bounded,
and one broken file never stops the others from being read.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .positions import Positions, pack

try:  # the C parser when PyYAML was built with libyaml; the pure Python one otherwise
    from yaml import CSafeLoader as _Loader

    LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    LIBYAML = False

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Limits:
    """Bounds on what a model may cost to read; all configurable (docs/security.md).

    ``max_file_bytes``: the size of one file; ``max_alias_nodes``: the nodes that aliases may
    expand to in one file; ``max_depth``: the nesting of mappings and lists; ``max_files``: the
    files of one model; ``max_line_length``: the characters of one line;
    ``max_findings_per_file``: the problems found while reading one file (beyond them the file
    is not read further), and the findings of one rule in one file (beyond them they are counted).
    """

    max_file_bytes: int = 64 * 1024 * 1024
    max_alias_nodes: int = 100_000
    max_depth: int = 64
    max_files: int = 10_000
    max_line_length: int = 10_000
    max_findings_per_file: int = 1_000


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Problem:
    """Something wrong with a file itself, found while reading it."""

    code: str
    file: str
    line: int
    column: int
    subject: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceFile:
    """A file of the model: the path as shown to the user and the path on disk."""

    display: str
    path: Path


@dataclass
class Document:
    """One file's data as plain Python, with the positions of its keys and values."""

    file: str
    data: dict[str, Any]
    positions: Positions
    sha256: str = ""


@dataclass
class Loaded:
    files: list[SourceFile]
    documents: list[Document]
    problems: list[Problem]


class ModelPathError(Exception):
    """A path on the command line that cannot be a model (missing, or holding no YAML)."""


class Term(str):
    """A word for a message argument that the engine translates (``empty``, ``list`` ...)."""

    __slots__ = ()


# --------------------------------------------------------------------------- discovery


def _display(given: str, rel: str | None) -> str:
    joined = given if rel is None else os.path.join(given, rel)
    shown = os.path.normpath(joined).replace(os.sep, "/")
    # a name that is not valid UTF-8 on disk is shown with U+FFFD, so reports can always be written
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def discover(
    paths: Iterable[str], limits: Limits = DEFAULT_LIMITS, problems: list[Problem] | None = None
) -> list[SourceFile]:
    """The model's files: each file named, and every YAML file below each folder, sorted.

    Hidden files and folders (``.git``) are skipped below a folder, folder links are followed
    once (a loop is not entered twice), and a file named twice is read once. A folder below a
    given one that cannot be listed becomes an ``unreadable`` problem in ``problems``.
    """
    found: list[SourceFile] = []
    seen: set[str] = set()

    def add(display: str, path: Path) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            found.append(SourceFile(display, path))

    def too_many(given: str) -> ModelPathError:
        return ModelPathError(
            f"{given}: more than {limits.max_files} model files (raise the limit with --max-files)"
        )

    for given in paths:
        path = Path(given)
        if path.is_dir():
            budget = limits.max_files - len(found)
            rels, errors = _walk_yaml(path, budget)
            if rels is None:
                raise too_many(given)
            for rel in rels:
                add(_display(given, rel), path / rel)
            for rel, detail in errors:
                if problems is not None:
                    shown = _display(given, rel)
                    problems.append(Problem("unreadable", shown, 1, 1, shown, {"detail": detail}))
            if not rels and not errors:
                raise ModelPathError(f"{given}: no *.yaml or *.yml files in this folder")
        elif path.exists() or path.is_symlink():
            add(_display(given, None), path)
        else:
            raise ModelPathError(f"{given}: no such file or folder")
        if len(found) > limits.max_files:
            raise too_many(given)
    return found


def _walk_yaml(root: Path, budget: int) -> tuple[list[str] | None, list[tuple[str, str]]]:
    """YAML files below ``root`` (relative, sorted) and the folders that could not be listed;
    None for the files when there are more than ``budget``, found without walking further."""
    out: list[str] = []
    errors: list[tuple[str, str]] = []
    visited: set[str] = set()

    def failed(exc: OSError) -> None:
        where = exc.filename if isinstance(exc.filename, str) else str(root)
        errors.append((os.path.relpath(where, root), exc.strerror or str(exc)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=failed, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in visited:
            dirnames[:] = []
            continue
        visited.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = os.path.relpath(dirpath, root)
        for name in filenames:
            if name.startswith(".") or not name.lower().endswith(YAML_SUFFIXES):
                continue
            out.append(name if rel_dir == "." else os.path.join(rel_dir, name))
            if len(out) > budget:
                return None, errors
    errors.sort()
    return sorted(out, key=lambda p: p.replace(os.sep, "/")), errors


# --------------------------------------------------------------------------- reading


def load(paths: Iterable[str], limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Read every file of the model; problems are collected, never raised."""
    problems: list[Problem] = []
    files = discover(paths, limits, problems)
    documents: list[Document] = []
    for source in files:
        doc = read_file(source, limits, problems)
        if doc is not None:
            documents.append(doc)
    return Loaded(files, documents, problems)


class NotRegular(OSError):
    """A path that is not a regular file (a named pipe, a device, a socket, a folder)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _file_kind(mode: int) -> str | None:
    """None for a regular file, else the term naming what the path is instead."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "n-fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "n-device"
    if stat.S_ISSOCK(mode):
        return "n-socket"
    if stat.S_ISDIR(mode):
        return "n-folder"
    return "n-special"


_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)


def read_bytes(path: Path, limit: int) -> bytes | int:
    """The bytes of a regular file, or its size when that is over ``limit`` bytes.

    Anything but a regular file is refused before it is opened and again after (the path may
    change in between): opening a named pipe would block and a device may never end. The file
    is opened without blocking, so even a pipe swapped in at the last moment cannot hang.
    """
    kind = _file_kind(os.stat(path).st_mode)
    if kind is not None:
        raise NotRegular(kind)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        kind = _file_kind(info.st_mode)
        if kind is not None:
            raise NotRegular(kind)
        if info.st_size > limit:
            return info.st_size
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # a file may grow while it is read: never read past the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    return size if size > limit else b"".join(chunks)


def read_file(source: SourceFile, limits: Limits, problems: list[Problem]) -> Document | None:
    """One file -> a document, or None (with problems added) when it cannot be used."""
    name = source.display
    try:
        raw = read_bytes(source.path, limits.max_file_bytes)
    except NotRegular as exc:
        problems.append(Problem("unreadable", name, 1, 1, name, {"detail": Term(exc.kind)}))
        return None
    except OSError as exc:
        problems.append(Problem("unreadable", name, 1, 1, name, {"detail": exc.strerror or str(exc)}))
        return None
    if isinstance(raw, int):
        problems.append(
            Problem("file-too-large", name, 1, 1, name, {"size": raw, "limit": limits.max_file_bytes})
        )
        return None
    return parse_bytes(raw, name, limits, problems)


def parse_bytes(raw: bytes, name: str, limits: Limits, problems: list[Problem]) -> Document | None:
    """Bytes of one file -> a document; the text must be UTF-8 (a byte-order mark is allowed)."""
    # the decoder's offsets count from after a byte-order mark, and so do columns
    body = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _offset_position(body, exc.start)
        problems.append(Problem("encoding", name, line, column, name, {"byte": f"0x{body[exc.start]:02X}"}))
        return None
    long_line = _first_long_line(raw, limits.max_line_length)
    if long_line is not None:
        number, length = long_line
        args = {"limit": limits.max_line_length, "length": length}
        problems.append(Problem("line-too-long", name, number, limits.max_line_length + 1, name, args))
        return None
    builder = _Builder(name, limits, problems)
    loader: Any = None
    try:
        loader = _Loader(raw)  # in the try: the pure-Python reader checks characters here
        data, positions = builder.build(loader.get_event)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, ESC ...)
        offset = exc.position if LIBYAML else len(raw.decode("utf-8-sig")[: exc.position].encode())
        line, column = _offset_position(raw, offset)
        detail = f"unacceptable character #x{exc.character:04X}: {exc.reason}"
        problems.append(Problem("yaml-syntax", name, line, column, name, {"detail": detail}))
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        detail = " ".join(p for p in (exc.context, exc.problem) if p)
        if "maximum nesting depth" in detail:  # libyaml's own bound, above ours: the same finding
            problems.append(Problem("too-deep", name, line, column, name, {"limit": limits.max_depth}))
        else:
            problems.append(Problem("yaml-syntax", name, line, column, name, {"detail": detail}))
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - every parser error above carries a mark
        problems.append(Problem("yaml-syntax", name, 1, 1, name, {"detail": " ".join(str(exc).split())}))
        return None
    except _Stop:
        return None
    finally:
        if loader is not None:
            loader.dispose()
    if data is None:
        return None
    _text_as_written(data)
    return Document(name, data, positions, hashlib.sha256(raw).hexdigest())


_LONG_LINES: dict[int, re.Pattern[bytes]] = {}
_LINE_REST = re.compile(rb"[^\r\n]*")


def _first_long_line(raw: bytes, limit: int) -> tuple[int, int] | None:
    """(line, characters) of the first line longer than ``limit`` characters, or None.

    Lines end at LF, CR or CRLF as in YAML. A line of more than ``limit`` bytes is a candidate
    (found in one pass by a regular expression anchored at line starts); its characters are
    counted only then, since UTF-8 may spend several bytes on one.
    """
    if len(raw) <= limit:
        return None
    pattern = _LONG_LINES.get(limit)
    if pattern is None:
        pattern = _LONG_LINES[limit] = re.compile(rb"(?:\A|(?<=[\r\n]))[^\r\n]{%d}" % (limit + 1))
    for match in pattern.finditer(raw):
        start = match.start()
        end = _LINE_REST.match(raw, start).end()  # type: ignore[union-attr]
        length = len(raw[start:end].decode("utf-8", "replace").lstrip("\ufeff"))
        if length > limit:
            before = raw[:start]
            line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
            return line, length
    return None


def _offset_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    column = len(before[start:].decode("utf-8", errors="replace")) + 1
    return line, column


# --------------------------------------------------------------------------- scalars

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"-?(0|[1-9][0-9]*)\Z")
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


class _Stop(Exception):
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


class _Builder:
    """Builds plain data and positions from parser events, without recursion.

    Working from events rather than a composed node tree bounds the depth before the parser's
    own recursion could exhaust the C stack, and costs less than composing nodes.
    """

    def __init__(self, name: str, limits: Limits, problems: list[Problem]) -> None:
        self.name = name
        self.limits = limits
        self.problems = problems
        self.found = 0

    def problem(self, code: str, position: int, subject: str, **args: Any) -> None:
        line, column = position >> 24, position & ((1 << 24) - 1)
        limit = self.limits.max_findings_per_file
        if self.found == limit:  # a flood of duplicate keys or tags: stop, in bounded time and memory
            self.problems.append(
                Problem("too-many-problems", self.name, line, column, self.name, {"limit": limit})
            )
            raise _Stop
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
                is_merge_key = tag is None and text == _MERGE
            elif cls is map_start or cls is seq_start:
                is_map = cls is map_start
                tag = event.tag
                if tag is not None and tag != "!" and tag not in _COLLECTION_TAGS["map" if is_map else "seq"]:
                    self.problem("tag", pos, short_tag(tag), tag=short_tag(tag))
                if len(stack) >= max_depth:
                    self.problem("too-deep", pos, self.name, limit=max_depth)
                    raise _Stop
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
                        "yaml-syntax", pos, self.name, detail=f"found undefined alias {event.anchor!r}"
                    )
                    raise _Stop
                value, size = target
                expanded += size
                count += size
                if expanded > self.limits.max_alias_nodes:
                    self.problem("alias-limit", pos, self.name, limit=self.limits.max_alias_nodes)
                    raise _Stop
                is_merge_key = False
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.problem("not-mapping", pos, self.name, found=Term("documents"))
                    raise _Stop
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
                    self.problem("yaml-syntax", pos, self.name, detail="a mapping key must be a plain value")
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
                parent.merges.append((value, parent.key_pos))
                continue
            if key in parent.value:  # merged keys join only at the end, so these are explicit
                first = parent.entries[key][0] >> 24
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
                    self.problem(
                        "yaml-syntax",
                        key_pos,
                        self.name,
                        detail="a merge key takes a mapping or a list of mappings",
                    )
                    continue
                for key, value in item.items():
                    if key not in frame.value:
                        frame.value[key] = value
                        frame.entries[key] = (key_pos, key_pos)


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

_TEXT_KEYS = frozenset(("id", "name", "owner", "purpose", "to", "subject", "reason", "rule", "standard"))
_TEXT_LISTS = frozenset(("implements", "functions"))


def _text_as_written(data: dict[str, Any]) -> None:
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
