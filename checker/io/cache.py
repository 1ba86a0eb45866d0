"""A cache of reading results: one entry per file, addressed by everything the result depends on
(the sha256 of the file's bytes, the checker's version, Python's, PyYAML's and libyaml's, the
limits and the digest of the schemas), as ruff and mypy keep theirs.

The key also covers the source of the reader itself, so a development build that reads
differently under the same version number never takes another build's entries.

An entry is JSON, never pickle or marshal: a cache folder is untrusted input too (a CI cache
may be shared between branches). It holds three lines, each a JSON value: a header (the format,
the entry's own key and the sha256 of the two lines below), the document's data, and the
positions of its keys and values (a string: base64 of 64-bit integers), which are only decoded
when something needs a place in the file. An entry that cannot be
read, is cut short, fails its checksums, is for another key or has the wrong shape is a miss,
never an error; so is a folder that cannot be made or written: no cache, silently. Entries are
written to a temporary file and renamed, so a concurrent run reads a whole entry or none.

Only what reading gives without any problem is kept: a file with a problem (its bytes, its YAML,
a repeated key, a tag, a limit) is read again every time, so its findings always come from its
bytes; so is a file that uses aliases (its values are shared, which JSON cannot say) and a file
whose data the schema refuses (repairs and jsonschema work on it; reading it again costs little).

Anyone who can write to the cache folder can change what the checker reads, as with the model's
files themselves: keep the folder where the model is, or give none (``--no-cache``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .._version import __version__
from .files import NotRegular, read_bytes
from .positions import Positions
from .schemas import schemas_digest
from .sources import Document, Limits

FORMAT = 2
FOLDER = ".etom-check-cache"
IGNORE = b"# made by etom-check: a cache of reading results, never to be committed\n*\n"
# an entry is at most this many times the size of the file it stands for (positions included)
_GROWTH = 8
# entries not read for this long are removed, by the first run of a day (see :func:`prune`)
KEEP_DAYS = 30
_DAY = 24 * 60 * 60
_PRUNED = ".pruned"
_HEX2 = re.compile("[0-9a-f]{2}")  # the folders of entries, and the names of entries in them
_ENTRY = re.compile(r"([0-9a-f]{2})[0-9a-f]{62}\.json")


def _refuse(text: str) -> Any:
    raise ValueError(f"not in a cache entry: {text}")


def _reader_digest() -> str:
    """sha256 over the source of this package (the reader, the positions, the entries): a build
    of the checker that reads differently, even under the same version number, has other keys."""
    hashed = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        try:
            hashed.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:  # pragma: no cover - a module that cannot be read is not hashed
            continue
    return hashed.hexdigest()


def _libyaml() -> str:
    try:
        from yaml import _yaml

        return str(_yaml.get_version_string())
    except (ImportError, AttributeError):  # pragma: no cover - depends on how PyYAML was built
        return "none"


@dataclass(frozen=True)
class Cache:
    """The cache in ``folder`` (see the module's docstring); made by :func:`open_cache`."""

    folder: Path

    @cached_property
    def environment(self) -> str:
        """What every entry depends on besides the file and the limits."""
        return json.dumps(
            {
                "format": FORMAT,
                "etom-check": __version__,
                "python": [sys.implementation.name, list(sys.version_info)],
                "pyyaml": yaml.__version__,
                "libyaml": _libyaml() if getattr(yaml, "__with_libyaml__", False) else "none",
                "schemas": schemas_digest(),
                "reader": _reader_digest(),
            },
            sort_keys=True,
        )

    def key(self, digest: str, limits: Limits, kind: str) -> str:
        """The key of the entry for a file whose bytes have the sha256 ``digest``, read as ``kind``
        (``model``, or ``data`` for the checker's own data files) within ``limits``."""
        what = json.dumps([self.environment, kind, digest, asdict(limits)], sort_keys=True)
        return hashlib.sha256(what.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, key: str, name: str, size: int) -> Document | None:
        """The document of an entry, shown as ``name``, or None (a miss) for whatever cannot be
        trusted to be the entry written for ``key``; ``size`` is the file's, which bounds the
        entry's."""
        try:
            raw = read_bytes(self._path(key), _GROWTH * size + 4096)
        except (OSError, NotRegular):
            return None
        if isinstance(raw, int):
            return None
        with contextlib.suppress(OSError):  # read now: kept for another KEEP_DAYS
            os.utime(self._path(key), follow_symlinks=False)
        lines = raw.split(b"\n")
        if len(lines) != 3:
            return None
        header, data_line, positions_line = lines
        try:
            head = json.loads(header, parse_float=_refuse, parse_constant=_refuse)
            if not (
                isinstance(head, dict)
                and set(head) == {"format", "key", "valid", "data", "positions"}
                and head["format"] == FORMAT
                and head["key"] == key
                and head["valid"] in (True, None)
                and head["data"] == hashlib.sha256(data_line).hexdigest()
                and head["positions"] == hashlib.sha256(positions_line).hexdigest()
            ):
                return None
            data = json.loads(data_line, parse_float=_refuse, parse_constant=_refuse)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        if not (positions_line.startswith(b'"') and positions_line.endswith(b'"')):
            return None
        return Document(name, data, Positions.lazy(data, positions_line[1:-1]), valid=head["valid"])

    def store(self, key: str, doc: Document) -> None:
        """Keep a document read without any problem, unless the schema refused it (see the
        module's docstring); nothing is said when it cannot be kept."""
        if doc.valid is False:
            return
        try:
            data_line = json.dumps(doc.data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (UnicodeEncodeError, ValueError, RecursionError):  # a lone surrogate: read it again
            return
        positions_line = b'"' + doc.positions.encode() + b'"'  # base64 needs no escaping
        head = {
            "format": FORMAT,
            "key": key,
            "valid": doc.valid,
            "data": hashlib.sha256(data_line).hexdigest(),
            "positions": hashlib.sha256(positions_line).hexdigest(),
        }
        header = json.dumps(head, sort_keys=True).encode("ascii")
        _write(self._path(key), b"\n".join((header, data_line, positions_line)))


def _write(path: Path, content: bytes) -> None:
    """``content`` in ``path``, whole or not at all (a temporary file beside it, then renamed)."""
    try:
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def open_cache(folder: str | os.PathLike[str]) -> Cache | None:
    """The cache in ``folder``; None when the folder cannot be made or written (then there is no
    cache, and nothing is said). A folder made here, or found empty, gets a ``.gitignore`` that
    leaves it out of version control (an existing folder's own files are never touched)."""
    path = Path(folder)
    try:
        fresh = not path.exists()
        path.mkdir(parents=True, exist_ok=True)
        if fresh or not any(path.iterdir()):
            _write(path / ".gitignore", IGNORE)
        if not os.access(path, os.W_OK | os.X_OK):
            return None
    except OSError:
        return None
    prune(path)
    return Cache(path)


def prune(folder: Path, now: float | None = None) -> None:
    """Remove the entries of ``folder`` not read for :data:`KEEP_DAYS` days (each read refreshes
    an entry's time), and temporary files a run left behind, once a day at most: the folder
    holds the entries of the files as they are now and lately were, not of every version ever
    read. Only a folder that the checker made (its ``.gitignore`` says so) is pruned, and only
    files named as this module names them are removed; nothing is said of what cannot be."""
    now = time.time() if now is None else now
    marker = folder / _PRUNED
    try:
        age = now - marker.stat().st_mtime
        if 0 <= age < _DAY:  # a marker from the future (a clock, a restored cache) is stale
            return
    except FileNotFoundError:
        pass
    except OSError:
        return
    try:  # a folder the checker made (a folder of someone else's is never pruned): read as an
        # entry is, a regular file only and bounded (a pipe would block, a device never end)
        if read_bytes(folder / ".gitignore", len(IGNORE)) != IGNORE:
            return
    except (OSError, NotRegular):
        return
    _write(marker, b"")
    with contextlib.suppress(OSError):
        for sub in folder.iterdir():
            if not _HEX2.fullmatch(sub.name) or not sub.is_dir() or sub.is_symlink():
                continue
            for entry in sub.iterdir():
                if not _ours(entry.name, sub.name):
                    continue
                kept = KEEP_DAYS * _DAY if entry.name.endswith(".json") else _DAY  # else a left-over
                with contextlib.suppress(OSError):
                    if now - entry.lstat().st_mtime > kept:
                        entry.unlink()


def _ours(name: str, folder: str) -> bool:
    """An entry (``<sha256>.json`` in the folder of its first two digits) or a temporary file
    of one (``.entry.*.tmp``)."""
    if name.startswith(".entry.") and name.endswith(".tmp"):
        return True
    found = _ENTRY.fullmatch(name)
    return found is not None and found.group(1) == folder
