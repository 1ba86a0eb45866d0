"""Where a report comes from: the tool's version, a hash of the rule pack, the input files with
their sha256, and the time (fixed by ``SOURCE_DATE_EPOCH`` for reproducible output)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import __version__
from .engine import Result
from .packdata import rules_dir
from .rulepack import available_packs


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


def pack_files(standard: str) -> list[Path]:
    """The files of a shipped pack: its folder's YAML files and the catalogue beside it."""
    folder = available_packs().get(standard)
    if folder is None:
        return []
    files = sorted(folder.glob("*.yaml"))
    catalogue = rules_dir() / "catalogue.yaml"
    return [*files, catalogue] if catalogue.is_file() else files


def pack_hash(files: list[Path]) -> str:
    """sha256 over each file's name relative to ``rules/`` and its bytes, in sorted order."""
    root = rules_dir()
    digest = hashlib.sha256()
    entries = sorted((p.resolve().relative_to(root.resolve()).as_posix(), p) for p in files)
    for name, path in entries:
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def report_time(environ: Mapping[str, str] | None = None) -> str:
    """UTC time of the report; ``SOURCE_DATE_EPOCH`` (seconds) fixes it."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _file_sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "—"


def provenance(result: Result) -> Provenance:
    hashes = {d.file: d.sha256 for d in (result.loaded.documents if result.loaded else [])}
    files = [InputFile(s.display, hashes.get(s.display) or _file_sha256(s.path)) for s in result.files]
    return Provenance(
        __version__,
        result.pack.standard,
        result.pack.id,
        pack_hash(pack_files(result.pack.standard)),
        files,
        report_time(),
    )
