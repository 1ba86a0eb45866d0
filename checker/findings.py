"""The finding: one small immutable record, and the severities that order findings."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """Severities in rising order, so that ``>=`` compares them against ``--fail-on``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


CATEGORIES = ("model", "coverage", "interface", "function")


@dataclass(frozen=True)
class Location:
    """Where a finding shows: a file as the user named it, line and column from 1."""

    file: str
    line: int
    column: int


@dataclass(frozen=True)
class Finding:
    """What a rule found, stamped with the rule's identity and placed in a file."""

    rule: str
    severity: Severity
    category: str
    subject: str
    message: str
    clause: str
    location: Location
    fingerprint: str
    element: str | None = None
    target: str | None = None
    waived: bool = False
    waiver_reason: str | None = None
    baselined: bool = False
    args: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def counts(self) -> bool:
        """Whether the finding may fail the gate (waived and baselined ones may not)."""
        return not (self.waived or self.baselined)

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.rule, self.subject, self.fingerprint)


def fingerprint(rule: str, subject: str, element: str | None, target: str | None, anchor: str) -> str:
    """A stable identity that ignores line numbers, so that moving lines changes nothing."""
    text = "\x1f".join((rule, subject, element or "", target or "", anchor))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
