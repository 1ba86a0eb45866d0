"""Writing a report: to standard output, or atomically to a file (never half a file)."""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..i18n import TERMS, Localised, Term


class OutputError(Localised):
    """The report cannot be written where asked."""


def failed(destination: str | Path, exc: OSError) -> OutputError:
    """Writing to ``destination`` failed: the system's words in English, ours in Russian."""
    name = f"w-{errno.errorcode.get(exc.errno or 0, '')}"
    reason = Term(name) if name in TERMS else Term("os-other")
    raw = exc.strerror or str(exc)
    return OutputError("out-failed", file=str(destination), error=raw, reason=reason, raw=raw)


def check_destination(destination: str | None, protected: Iterable[Path] = ()) -> None:
    """Refuse, before anything is written, a destination that is a folder or a file of the model,
    or below a file."""
    if destination in (None, "-"):
        return
    target = Path(destination)
    real = os.path.realpath(target)
    if any(os.path.realpath(p) == real for p in protected):
        raise OutputError("out-model-file", file=destination)
    if target.is_dir():
        raise OutputError("out-folder", file=destination)
    for folder in target.parents:  # the nearest that exists must be a folder to make the rest in
        if os.path.lexists(folder):
            if not folder.is_dir():
                raise OutputError("out-below-file", file=destination, folder=str(folder))
            break


def write(text: str, destination: str | None, protected: Iterable[Path] = ()) -> None:
    """Write ``text`` to ``destination`` (``-`` or None: standard output).

    A file is written to a temporary file beside it and renamed over it, so that an interrupted
    run leaves the old file or the new one, never a mix; one of the model's own files
    (``protected``) is never overwritten.
    """
    if destination in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    check_destination(destination, protected)
    target = Path(destination)
    try:
        existing = os.stat(target)
    except OSError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_stream(text, destination)  # /dev/stdout, a pipe: no file to replace
        return
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else _default_mode()
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)  # a report in a new folder: the folder is made
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise failed(destination, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, mode)  # as an ordinary new file (or the file replaced), not private
        os.replace(tmp, target)
    except OSError as exc:
        raise failed(destination, exc) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _default_mode() -> int:
    """The mode a new file gets: read and write for all, less the process's umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _write_stream(text: str, destination: str, mode: str = "w") -> None:
    """Write to something that is not a regular file (a terminal, a pipe, ``/dev/stdout``), or
    append to one (``mode="a"``) without the temporary file of :func:`write`."""
    try:
        if mode == "a":
            Path(destination).parent.mkdir(parents=True, exist_ok=True)
        with open(destination, mode, encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        raise failed(destination, exc) from None


def append(text: str, destination: str) -> None:
    """Append ``text`` to a file that others also write to (a CI job summary)."""
    _write_stream(text, destination, "a")
