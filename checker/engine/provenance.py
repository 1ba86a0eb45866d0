"""Where a report comes from: the tool's version, a hash of the rule pack, the input files with
their sha256, and the time (fixed by ``SOURCE_DATE_EPOCH`` for reproducible output)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .. import __version__
from ..standard.datafiles import rules_dir
from ..standard.rulepack import available_packs
from .run import Result


@dataclass
class InputFile:
    path: str
    sha256: str


@dataclass
class Provenance:
    version: str
    standard: str
    pack_id: str
    pack_sha256: str
    files: list[InputFile]
    time: str


def pack_files(standard: str, extra: list[Path] | None = None) -> list[tuple[str, Path]]:
    """(name, path) of each file of a pack: the shipped folder's YAML files and the catalogue,
    named relative to ``rules/``, then the custom pack files (``--rules``) as given."""
    folder = available_packs().get(standard)
    root = rules_dir()
    shipped = sorted(folder.glob("*.yaml")) if folder is not None else []
    catalogue = root / "catalogue.yaml"
    if catalogue.is_file():
        shipped.append(catalogue)
    named = [(p.resolve().relative_to(root.resolve()).as_posix(), p) for p in shipped]
    return named + [(f"custom:{p.as_posix()}", p) for p in extra or []]


def pack_hash(files: list[tuple[str, Path]]) -> str:
    """sha256 over each file's name and bytes, in the order of the names."""
    digest = hashlib.sha256()
    for name, path in sorted(files):
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def report_time(environ: Mapping[str, str] | None = None, files: Iterable[Path] = ()) -> str:
    """UTC time the report speaks for: ``SOURCE_DATE_EPOCH`` (seconds) when set, else when the
    model's files last changed, so that the same model gives the same page (cli.md: output is
    byte-identical); the current time only when no file can be looked at."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = datetime.fromtimestamp(int(epoch), UTC)
    else:
        times = []
        for path in files:
            try:
                times.append(os.stat(path).st_mtime)  # a look at the entry, never an open
            except OSError:
                continue
        moment = datetime.fromtimestamp(int(max(times)), UTC) if times else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def provenance(result: Result) -> Provenance:
    # the hash of what was read; a file that could not be used is never opened again here (it
    # may be a pipe, a device or over the size limit)
    hashes = result.loaded.hashes if result.loaded else {}
    files = [InputFile(s.display, hashes.get(s.display) or "—") for s in result.files]
    return Provenance(
        __version__,
        result.pack.standard,
        result.pack.id,
        pack_hash(pack_files(result.pack.standard, list(result.pack.files))),
        files,
        report_time(files=[f.path for f in result.files]),
    )
