"""A model's files -> documents (plain data + positions) and the problems found reading them.

Every file's bytes are read and hashed; the cache (:mod:`.cache`) stands in for parsing those it
holds, and the others are parsed (:mod:`.parsing`) here or, on a large model, by worker
processes (:mod:`.workers`). One broken file never stops the others from being read, and the
result is the same whichever way each file was read.
"""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..i18n import Term
from ._builder import resolve_plain, type_term
from .cache import Cache
from .files import NotRegular, discover, read_bytes
from .parsing import LIBYAML, parse_bytes, parse_document, parse_model
from .positions import Positions
from .sources import (
    DEFAULT_LIMITS,
    Document,
    Limits,
    Loaded,
    ModelPathError,
    Problem,
    SourceFile,
)

__all__ = [
    "DEFAULT_LIMITS",
    "LIBYAML",
    "Document",
    "Limits",
    "Loaded",
    "ModelPathError",
    "Problem",
    "SourceFile",
    "load",
    "load_sources",
    "parse_bytes",
    "resolve_plain",
    "type_term",
]

# what reading one file gave: its document (None when it cannot be used), the problems found,
# and the sha256 of its bytes (None when they could not be read)
Read = tuple[Document | None, list[Problem], str | None]


def load(
    paths: Iterable[str],
    limits: Limits = DEFAULT_LIMITS,
    exclude: Iterable[str] = (),
    cache: Cache | None = None,
    jobs: int | None = 1,
) -> Loaded:
    """Read every file of the model (less what ``exclude`` leaves out), through ``cache`` when
    one is given, the files it does not hold parsed by ``jobs`` worker processes (None: as many
    as there are processors, on a model large enough to gain by it); problems are returned with
    the documents, never raised."""
    files, problems = discover(paths, limits, exclude)
    read: list[Read | None] = []
    pending: list[tuple[int, bytes, str, str]] = []  # (file, bytes, sha256, key): to parse
    for source in files:
        raw, found = _bytes(source, limits)
        if raw is None:
            read.append((None, found, None))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        key = cache.key(digest, limits, "model") if cache is not None else ""
        cached = cache.load(key, source.display, len(raw)) if cache is not None else None
        if cached is not None and cached.valid is True:
            read.append((cached, [], digest))
        else:
            read.append(None)
            pending.append((len(read) - 1, raw, digest, key))
    parsed = _in_workers(files, pending, limits, cache, jobs)
    for n, (index, raw, digest, key) in enumerate(pending):
        name = files[index].display
        payload = parsed[n] if parsed is not None else None
        if payload is not None:
            data, encoded, valid = payload
            read[index] = (Document(name, data, Positions.lazy(data, encoded), valid), [], digest)
        else:
            doc, found = _parse_and_keep(raw, name, limits, cache, key)
            read[index] = (doc, found, digest)
    documents: list[Document] = []
    hashes: dict[str, str] = {}
    for source, result in zip(files, read, strict=True):
        assert result is not None
        document, found, sha = result
        problems.extend(found)
        if sha is not None:
            hashes[source.display] = sha
        if document is not None:
            documents.append(document)
    return Loaded(files, documents, problems, hashes)


def _in_workers(
    files: list[SourceFile],
    pending: list[tuple[int, bytes, str, str]],
    limits: Limits,
    cache: Cache | None,
    jobs: int | None,
) -> list[Any] | None:
    """What the workers made of the files to parse, or None when they are parsed here."""
    from . import workers

    processes = workers.processes_for(jobs, sum(len(raw) for _, raw, _, _ in pending), len(pending))
    if processes < 2:
        return None
    tasks = [(files[index].display, raw, limits, cache, key) for index, raw, _, key in pending]
    return workers.parse_all(tasks, processes)


def _parse_and_keep(
    raw: bytes, name: str, limits: Limits, cache: Cache | None, key: str
) -> tuple[Document | None, list[Problem]]:
    doc, problems, shared = parse_model(raw, name, limits)
    if doc is not None and cache is not None and not problems and not shared:
        cache.store(key, doc)
    return doc, problems


def load_sources(sources: Iterable[tuple[str, bytes | None]], limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """A model from bytes in memory (``None``: a file the system would not give), read exactly as
    files are: for examples and tests that need no folder."""
    problems: list[Problem] = []
    files: list[SourceFile] = []
    documents: list[Document] = []
    hashes: dict[str, str] = {}
    for name, raw in sources:
        files.append(SourceFile(name, Path(name), name))
        if raw is None:
            denied: dict[str, Any] = {"detail": Term("os-EACCES"), "raw": "Permission denied"}
            problems.append(Problem("unreadable", name, 1, 1, name, denied))
            continue
        if len(raw) > limits.max_file_bytes:
            size: dict[str, Any] = {"size": len(raw), "limit": limits.max_file_bytes}
            problems.append(Problem("file-too-large", name, 1, 1, name, size))
            continue
        hashes[name] = hashlib.sha256(raw).hexdigest()
        doc, found, _ = parse_model(raw, name, limits)
        problems.extend(found)
        if doc is not None:
            documents.append(doc)
    return Loaded(files, documents, problems, hashes)


def _bytes(source: SourceFile, limits: Limits) -> tuple[bytes | None, list[Problem]]:
    """The bytes of one file, or None and why they could not be read."""
    name = source.display
    try:
        raw = read_bytes(source.path, limits.max_file_bytes)
    except NotRegular as exc:
        return None, [Problem("unreadable", name, 1, 1, name, {"detail": Term(exc.kind), "raw": ""})]
    except OSError as exc:
        reason: dict[str, Any] = {"detail": os_reason(exc), "raw": _raw(exc)}
        return None, [Problem("unreadable", name, 1, 1, name, reason)]
    if isinstance(raw, int):
        sizes = {"size": raw, "limit": limits.max_file_bytes}
        return None, [Problem("file-too-large", name, 1, 1, name, sizes)]
    return raw, []


def read_document(
    raw: bytes,
    name: str,
    limits: Limits,
    cache: Cache | None = None,
    digest: str = "",
    kind: str = "model",
    accept: Callable[[Any], bool] | None = None,
) -> tuple[Document | None, list[Problem]]:
    """The bytes of a file (whose sha256 is ``digest``) as :func:`parse_bytes` reads them, or as
    ``cache`` kept them when it has them (and ``accept``, when given, accepts the data kept); a
    model file's document says whether the schema surely accepts it, and is kept in the cache
    when nothing was wrong with it (see :mod:`.cache`)."""
    key = ""
    if cache is not None:
        key = cache.key(digest or hashlib.sha256(raw).hexdigest(), limits, kind)
        cached = cache.load(key, name, len(raw))
        usable = cached is not None and (kind != "model" or cached.valid is True)
        if cached is not None and usable and (accept is None or accept(cached.data)):
            return cached, []
    if kind == "model":
        return _parse_and_keep(raw, name, limits, cache, key)
    doc, problems, shared = parse_document(raw, name, limits)
    if doc is not None and cache is not None and not problems and not shared:
        cache.store(key, doc)
    return doc, problems


def os_reason(exc: OSError) -> Term:
    """Why the operating system refused a file, as a term (its own words only in English)."""
    name = errno.errorcode.get(exc.errno or 0, "")
    return Term(f"os-{name}" if f"os-{name}" in _OS_TERMS else "os-other")


def _raw(exc: OSError) -> str:
    return exc.strerror or str(exc)


_OS_TERMS = frozenset(("os-EACCES", "os-EPERM", "os-ENOENT", "os-ELOOP", "os-EIO"))
