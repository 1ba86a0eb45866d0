"""Finding a model's files on disk and reading their bytes, safely.

Folders are walked in a stable order without entering hidden folders or link loops; only regular
files are ever read, without blocking and never past the size limit.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from ..i18n import Term
from .sources import DEFAULT_LIMITS, YAML_SUFFIXES, Limits, ModelPathError, Problem, SourceFile


def _display(given: str, rel: str | None) -> str:
    """The path as given on the command line, joined with the file's path below a given folder
    (not normalised: ``./model/`` stays ``./model/a.yaml``, as the user wrote it)."""
    joined = given if rel is None else os.path.join(given, rel)
    shown = joined.replace(os.sep, "/")
    # a name that is not valid UTF-8 on disk is shown with U+FFFD, so reports can always be written
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def exclusion(patterns: Iterable[str]) -> Callable[[str], bool]:
    """A test of ``/``-separated paths (below the folder given) against glob patterns, the same
    on every OS: ``*`` and ``?`` stay within one folder, ``**`` spans folders, a pattern without
    ``/`` matches a name at any depth (``docker-compose.yml``, ``*.gitlab-ci.yml``), and a pattern
    that matches a folder (``ci``, ``vendor/**``) leaves out everything below it; one that
    starts with ``/`` or ``./`` names a path from the folder given (``./ci``: not ``model/ci``).
    A backslash is a separator, as on Windows (``ci\\**``), never an escape: ``[*]`` matches a
    star."""
    compiled = [_glob(*normal) for normal in map(_normal, patterns) if normal[0]]

    def excluded(rel: str) -> bool:
        parts = rel.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return any(rx.fullmatch(prefix) for rx in compiled for prefix in prefixes)

    return excluded


def _normal(pattern: str) -> tuple[str, bool]:
    """The pattern with ``/`` for separators, and whether it is anchored at the folder given
    (it starts with ``/`` or ``./``)."""
    pattern = pattern.strip().replace("\\", "/")
    anchored = pattern.startswith(("/", "./"))
    while pattern.startswith(("/", "./")):
        pattern = pattern[1:] if pattern.startswith("/") else pattern[2:]
    return pattern.rstrip("/"), anchored


def _bracket(body: str) -> str:
    """A ``[...]`` of a glob as a character class, or "" when it is none (``[z-a]``): then the
    bracket is read as the character it is."""
    negated = body.startswith("!")
    inner = (body[1:] if negated else body).replace("\\", "\\\\").replace("[", "\\[")
    made = "[" + ("^" if negated else "") + inner + "]"
    try:
        re.compile(made)
    except re.error:
        return ""
    return made


def _glob(pattern: str, anchored: bool = False) -> re.Pattern[str]:
    out = "" if anchored or "/" in pattern else "(?:.*/)?"
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif char == "*":
            out, i = out + "[^/]*", i + 1
        elif char == "?":
            out, i = out + "[^/]", i + 1
        elif char == "[" and "]" in pattern[i + 2 :] and _bracket(pattern[i + 1 : pattern.index("]", i + 2)]):
            end = pattern.index("]", i + 2)
            out += _bracket(pattern[i + 1 : end])
            i = end + 1
        else:
            out, i = out + re.escape(char), i + 1
    return re.compile(out)


def discover(
    paths: Iterable[str], limits: Limits = DEFAULT_LIMITS, exclude: Iterable[str] = ()
) -> tuple[list[SourceFile], list[Problem]]:
    """The model's files: each file named, and every YAML file below each folder, sorted; and
    the folders below a given one that could not be listed, as ``unreadable`` problems.

    Hidden files and folders (``.git``) are skipped below a folder, and so is what ``exclude``
    names (glob patterns relative to the folder, see :func:`exclusion`); folder links are
    followed once (a loop is not entered twice), and a file named twice is read once.
    """
    problems: list[Problem] = []
    excluded = exclusion(exclude)
    found: list[SourceFile] = []
    seen: set[str] = set()

    def add(display: str, path: Path, key: str) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            shown_key = key.replace(os.sep, "/").encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            found.append(SourceFile(display, path, shown_key))

    def too_many(given: str) -> ModelPathError:
        return ModelPathError("path-too-many", path=given, limit=limits.max_files)

    for given in paths:
        path = Path(given)
        if path.is_dir():
            budget = limits.max_files - len(found)
            rels, errors = _walk_yaml(path, budget, excluded)
            if rels is None:
                raise too_many(given)
            for rel in rels:
                add(_display(given, rel), path / rel, rel)
            for rel, detail in errors:
                shown = _display(given, rel)
                problems.append(Problem("unreadable", shown, 1, 1, shown, {"detail": detail, "raw": detail}))
            if not rels and not errors:
                left_out = Term("path-excluded" if exclude else "t-none")
                raise ModelPathError("path-no-yaml", path=given, left_out=left_out)
        elif path.exists() or path.is_symlink():
            add(_display(given, None), path, path.name)
        else:
            raise ModelPathError("path-missing", path=given)
        if len(found) > limits.max_files:
            raise too_many(given)
    return found, problems


def _walk_yaml(
    root: Path, budget: int, excluded: Callable[[str], bool] = lambda rel: False
) -> tuple[list[str] | None, list[tuple[str, str]]]:
    """YAML files below ``root`` (relative, sorted) and the folders that could not be listed,
    except what ``excluded`` says; None for the files when there are more than ``budget``, found
    without walking further."""
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
        rel_dir = os.path.relpath(dirpath, root)
        below = "" if rel_dir == "." else rel_dir.replace(os.sep, "/") + "/"
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not excluded(below + d))
        for name in filenames:
            if name.startswith(".") or not name.lower().endswith(YAML_SUFFIXES) or excluded(below + name):
                continue
            out.append(name if rel_dir == "." else os.path.join(rel_dir, name))
            if len(out) > budget:
                return None, errors
    errors.sort()
    return sorted(out, key=lambda p: p.replace(os.sep, "/")), errors


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
