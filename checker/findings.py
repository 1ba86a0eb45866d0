"""The finding: one small immutable record, and the severities that order findings."""

from __future__ import annotations

import enum
import hashlib
import re
import unicodedata
from collections.abc import Callable
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
    gate: bool = True  # False for a note about other findings, which never fails the gate itself
    # a finding over the per-file limit is stamped without its message; this stamps it whole
    remake: Callable[[], Finding] | None = field(default=None, compare=False, hash=False, repr=False)

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


# Control characters, line and paragraph separators, bidirectional and invisible format
# characters, lone surrogates, noncharacters: what could rewrite a terminal, forge a CI log line,
# hide text or make an XML report unreadable.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    # beyond the first plane, :func:`_escape` keeps all but the noncharacters (U+1FFFE, ...),
    # which XML (JUnit, GraphML) cannot hold either, and the invisible format characters (the
    # tag characters U+E0001 ... that can hide text); one range keeps the pattern fast
    "\U00010000-\U0010ffff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code > 0xFFFF and code & 0xFFFE != 0xFFFE and unicodedata.category(char) != "Cf":
        return char  # an emoji, a rare letter: shown as it is (not a tag character, U+E0001 ...)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` with every control or invisible format character written as an escape (``\\x1b``).

    What a finding quotes from a file (an id, a value, a file name) is shown, never obeyed: no
    terminal escape, no extra line in a CI log, no reordering by bidirectional controls.
    """
    return _UNSAFE.sub(_escape, text)
