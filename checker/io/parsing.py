"""Bytes of one file -> its document (plain data + positions) and the problems found reading it.

Every kind of bad input ends here as a :class:`Problem` with file, line and column: nothing in a
file is ever constructed from a tag or executed, sizes, alias expansion and nesting are bounded,
and the text must be UTF-8.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import yaml

from ..i18n import Term
from ._builder import Builder, Stop, text_as_written
from .positions import ALIAS, Positions, pack, unpack
from .schemas import compiled
from .sources import Document, Limits, Problem

try:  # the C parser when PyYAML was built with libyaml; the pure Python one otherwise
    from yaml import CSafeLoader as _Loader

    LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    LIBYAML = False


def parse_bytes(raw: bytes, name: str, limits: Limits) -> tuple[Document | None, list[Problem]]:
    """Bytes of one file -> its document (None when it cannot be used) and the problems found;
    the text must be UTF-8 (a byte-order mark is allowed)."""
    doc, problems, _ = parse_document(raw, name, limits)
    return doc, problems


def parse_document(raw: bytes, name: str, limits: Limits) -> tuple[Document | None, list[Problem], bool]:
    """:func:`parse_bytes`, and whether the document shares values through aliases."""
    # the decoder's offsets count from after a byte-order mark, and so do columns
    body = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _offset_position(body, exc.start)
        found: dict[str, Any] = {"byte": f"0x{body[exc.start]:02X}", "encoding": Term(_encoding_guess(raw))}
        return None, [Problem("encoding", name, line, column, name, found)], False
    long_line = _first_long_line(raw, limits.max_line_length)
    if long_line is not None:
        number, length = long_line
        sizes = {"limit": limits.max_line_length, "length": length}
        return None, [Problem("line-too-long", name, number, limits.max_line_length + 1, name, sizes)], False
    builder = Builder(name, limits)
    loader: Any = None
    try:
        loader = _Loader(raw)  # in the try: the pure-Python reader checks characters here
        data, positions = builder.build(loader.get_event)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, ESC ...)
        offset = exc.position if LIBYAML else len(raw.decode("utf-8-sig")[: exc.position].encode())
        line, column = _offset_position(raw, offset)
        raw_text = f"unacceptable character #x{exc.character:04X}: {exc.reason}"
        args = {"detail": Term("y-character"), "char": f"U+{exc.character:04X}", "raw": raw_text}
        return None, [*builder.problems, Problem("yaml-syntax", name, line, column, name, args)], False
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        detail = " ".join(p for p in (exc.context, exc.problem) if p)
        if "maximum nesting depth" in detail:  # libyaml's own bound, above ours: the same finding
            problem = Problem("too-deep", name, line, column, name, {"limit": limits.max_depth})
        else:
            char = _char_at(raw, line - 1, column - 1)
            args = {"detail": Term(syntax_term(exc.problem or "", exc.context or "", char)), "char": char}
            problem = Problem("yaml-syntax", name, line, column, name, {**args, "raw": detail})
        problems = _on_lines(body, [*builder.problems, problem])
        return None, [*problems[:-1], _separator_said(body, problems[-1])], False
    except yaml.YAMLError as exc:  # pragma: no cover - every parser error above carries a mark
        args = {"detail": Term("y-other"), "raw": " ".join(str(exc).split())}
        return None, [*builder.problems, Problem("yaml-syntax", name, 1, 1, name, args)], False
    except Stop:
        return None, _on_lines(body, builder.problems), False
    finally:
        if loader is not None:
            loader.dispose()
    if data is None:
        return None, _on_lines(body, builder.problems), False
    if builder.numbers:
        text_as_written(data)
    fix = _file_lines(body)
    if fix is None:
        return Document(name, data, positions), builder.problems, builder.aliases > 0
    _move(positions, fix)
    return Document(name, data, positions), _on_lines(body, builder.problems), builder.aliases > 0


# libyaml reads YAML 1.1, where NEL, LS and PS end lines too; the file's lines end at LF, CRLF, CR
_YAML11_BREAKS = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _file_lines(body: bytes) -> Callable[[int, int], tuple[int, int]] | None:
    """For a file that holds NEL, LS or PS: the line and column in the file of a line and column
    as libyaml counts them; None for any other file (libyaml's lines are the file's)."""
    if not any(b in body for b in _YAML11_BREAKS):
        return None
    text = body.decode("utf-8")
    starts = [(1, 0)]  # each of libyaml's lines: the file's line, and the column it starts at
    line, line_start = 1, 0
    for found in _BREAK.finditer(text):
        if found.group() in "\x85\u2028\u2029":
            starts.append((line, found.end() - line_start))
        else:
            line, line_start = line + 1, found.end()
            starts.append((line, 0))

    def fix(yaml_line: int, column: int) -> tuple[int, int]:
        if not 1 <= yaml_line <= len(starts):
            return yaml_line, column
        real, shift = starts[yaml_line - 1]
        return real, column + shift

    return fix


def _move(positions: Positions, fix: Callable[[int, int], tuple[int, int]]) -> None:
    """Every place in ``positions`` moved to the file's own lines (a flag, the alias's, kept)."""

    def moved(packed: int) -> int:
        return (packed & ALIAS) | pack(*fix(*unpack(packed)))

    table = positions._tab
    for key, (container, start, entries, inner) in list(table.items()):
        table[key] = (container, moved(start), [moved(p) for p in entries], inner)
    positions.root = moved(positions.root)


def _separator_said(body: bytes, problem: Problem) -> Problem:
    """A syntax error that NEL, LS or PS made (the parser ends a line there, though the file
    does not): said of that character, at its place, with what to do."""
    if problem.code != "yaml-syntax" or _file_lines(body) is None:
        return problem
    lines = body.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number in (problem.line - 1, problem.line):  # the line of the error, or the one before
        text = lines[number - 1] if 1 <= number <= len(lines) else ""
        found = next((i for i, c in enumerate(text) if c in "\x85\u2028\u2029"), None)
        if found is not None:
            char = f"U+{ord(text[found]):04X}"
            args = {**problem.args, "detail": Term("y-separator"), "char": char}
            return replace(problem, line=number, column=found + 1, args=args)
    return problem


def _on_lines(body: bytes, problems: list[Problem]) -> list[Problem]:
    """The problems at the file's own lines (see :func:`_file_lines`)."""
    fix = _file_lines(body) if problems else None
    if fix is None:
        return problems
    moved = []
    for p in problems:
        line, column = fix(p.line, p.column)
        args = p.args
        if isinstance(args.get("first_line"), int):  # where a repeated key was first given
            args = {**args, "first_line": fix(args["first_line"], 1)[0]}
        moved.append(replace(p, line=line, column=column, args=args))
    return moved


# the parser's complaint (problem, then context) -> the term that says it in the user's words
_SYNTAX = (
    ("mapping values are not allowed", "y-colon"),
    ("tab character", "y-tab"),
    ("did not find expected ',' or ']'", "y-flow-seq"),
    ("did not find expected ',' or '}'", "y-flow-map"),
    ("while parsing a flow sequence", "y-flow-seq"),
    ("while parsing a flow mapping", "y-flow-map"),
    ("while scanning a quoted scalar", "y-quote"),
    ("unknown escape character", "y-escape"),
    ("could not find expected ':'", "y-key"),
    ("did not find expected key", "y-indent"),
    ("did not find expected '-' indicator", "y-indent"),
    ("block sequence entries are not allowed", "y-indent"),
    ("while scanning an anchor", "y-anchor"),
    ("while scanning an alias", "y-anchor"),
    ("directive", "y-directive"),
    ("while scanning a block scalar", "y-block"),
    ("did not find expected <document start>", "y-document"),
)


def syntax_term(problem: str, context: str, char: str) -> str:
    """The term that explains a parser error; a tab is named whatever the parser calls it."""
    if char == "\t":
        return "y-tab"
    if "cannot start any token" in problem:
        return "y-char"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        if char and char in "]})":
            return "y-unmatched"
        if char and char in "&*!":
            return "y-anchor"
    text = f"{problem}\n{context}"
    return next((key for needle, key in _SYNTAX if needle in text), "y-other")


def _char_at(raw: bytes, line: int, column: int) -> str:
    """The character at a 0-based line and column of the parser's mark."""
    lines = (
        raw.decode("utf-8", "replace").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    )
    text = lines[line] if 0 <= line < len(lines) else ""
    return text[column : column + 1] if 0 <= column < len(text) else ""


def _encoding_guess(raw: bytes) -> str:
    """What a file that is not UTF-8 probably is: UTF-16 (a byte-order mark, or NUL bytes between
    ASCII), Windows-1251 (mostly Cyrillic letters), or nothing worth saying."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or raw[:64].count(0) > 8:
        return "enc-utf16"
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        return "enc-other"
    high = [c for c in text if ord(c) > 127]
    cyrillic = sum(1 for c in high if "\u0400" <= c <= "\u04ff")
    return "enc-cp1251" if cyrillic >= 2 and cyrillic >= 0.8 * len(high) else "enc-other"


def parse_model(raw: bytes, name: str, limits: Limits) -> tuple[Document | None, list[Problem], bool]:
    """A model file's bytes as :func:`parse_bytes` reads them, the document saying whether the
    schema surely accepts it, and whether it shares values through aliases or merge keys."""
    doc, problems, shared = parse_document(raw, name, limits)
    if doc is not None:
        doc.valid = compiled("model")(doc.data)
    return doc, problems, shared


_LONG_LINES: dict[int, re.Pattern[bytes]] = {}
_LINE_REST = re.compile(rb"[^\r\n]*")


def _first_long_line(raw: bytes, limit: int) -> tuple[int, int] | None:
    """(line, characters) of the first line longer than ``limit`` characters, or None.

    Lines end at LF, CR or CRLF as in YAML. A line has at least as many bytes as characters, so
    the lengths in bytes (``bytes.splitlines`` ends lines at the same three) settle the common
    case in one C pass; only past the limit are the candidates found by a regular expression
    anchored at line starts and their characters counted, since UTF-8 may spend several bytes
    on one.
    """
    if len(raw) <= limit or max(map(len, raw.splitlines())) <= limit:
        return None  # no line has more bytes than the limit, so none has more characters
    pattern = _LONG_LINES.get(limit)
    if pattern is None:
        pattern = _LONG_LINES[limit] = re.compile(rb"(?:\A|(?<=[\r\n]))[^\r\n]{%d}" % (limit + 1))
    for match in pattern.finditer(raw):
        start = match.start()
        end = _LINE_REST.match(raw, start).end()  # type: ignore[union-attr]
        length = len(raw[start:end].decode("utf-8", "replace").lstrip("\ufeff"))
        if length > limit:
            return _line_number(raw[:start]), length
    return None


def _line_number(before: bytes) -> int:
    """The line that follows ``before``: lines end at LF, CR or CRLF, as YAML counts them."""
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def _offset_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, a byte-order mark not counted) of a byte offset."""
    before = raw[:offset]
    start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    column = len(before[start:].decode("utf-8", errors="replace").lstrip("\ufeff")) + 1
    return _line_number(before), column
