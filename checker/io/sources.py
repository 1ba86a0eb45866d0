"""What reading a model produces and is bounded by: limits, files, documents and problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import Localised
from .positions import Positions

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
    """A file of the model: the path as shown to the user, the path on disk, and its key: the
    path below the folder it was found in (its name when named itself), the same however the
    folder is spelt on the command line; fingerprints use it."""

    display: str
    path: Path
    key: str = ""


@dataclass
class Document:
    """One file's data as plain Python, with the positions of its keys and values, and whether
    the data as read surely satisfies the model's schema (None when that was not asked)."""

    file: str
    data: dict[str, Any]
    positions: Positions
    valid: bool | None = None


@dataclass
class Loaded:
    """What reading a model gave: its files, the usable documents, the problems, and the sha256
    of every file that could be read."""

    files: list[SourceFile]
    documents: list[Document]
    problems: list[Problem]
    hashes: dict[str, str] = field(default_factory=dict)


class ModelPathError(Localised):
    """A path on the command line that cannot be a model (missing, or holding no YAML)."""
