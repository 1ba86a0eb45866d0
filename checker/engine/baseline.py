"""Baselines: the findings a team has recorded to fix later, kept out of the gate.

A baseline is a sorted, stable JSON file naming each finding by rule, subject, element, target
and fingerprint. Fingerprints ignore line numbers, so moving lines in the model changes nothing;
an entry that no longer occurs is reported, so the baseline shrinks as findings are fixed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..i18n import Localised, Term, term
from ..io.files import NotRegular, read_bytes
from ..io.reading import os_reason
from ..io.sources import DEFAULT_LIMITS
from ..standard.rulepack import natural_key

FORMAT = 1
_KEYS = ("rule", "subject", "element", "target", "fingerprint")


class BaselineError(Localised):
    """A baseline file that cannot be read or is not a baseline."""


@dataclass(frozen=True)
class BaselineEntry:
    rule: str
    subject: str
    element: str | None
    target: str | None
    fingerprint: str

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in _KEYS}

    def sort_key(self) -> tuple[Any, ...]:
        return (natural_key(self.rule), self.subject, self.element or "", self.fingerprint)


@dataclass(frozen=True)
class Baseline:
    """Findings to keep out of the gate: the ``entries`` of a baseline file (``source``), and the
    fingerprints of the findings the model had at a git revision (``--new-since``)."""

    entries: tuple[BaselineEntry, ...]
    source: str = ""
    revision: str | None = None
    at_revision: frozenset[str] = frozenset()

    @property
    def fingerprints(self) -> set[str]:
        return {e.fingerprint for e in self.entries} | self.at_revision

    def recorded(self, fingerprint: str) -> bool:
        """Whether a baseline file records the finding (else it was already at the revision)."""
        return any(e.fingerprint == fingerprint for e in self.entries)


def entry_of(f: Finding) -> BaselineEntry:
    return BaselineEntry(f.rule, f.subject, f.element, f.target, f.fingerprint)


def render_baseline(findings: Iterable[Finding], exempt: Callable[[Finding], bool] = lambda f: False) -> str:
    """The baseline of ``findings`` (waived ones are governed by their waivers, and ``exempt``
    ones and notes can never be baselined: all are left out)."""
    entries = sorted(
        {entry_of(f) for f in findings if not f.waived and f.gate and not exempt(f)},
        key=BaselineEntry.sort_key,
    )
    data = {"etom-check-baseline": FORMAT, "findings": [e.as_dict() for e in entries]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_baseline(path: str) -> Baseline:
    """A baseline written by ``--write-baseline``; anything else is a :class:`BaselineError`."""
    limit = DEFAULT_LIMITS.max_file_bytes
    try:
        raw = read_bytes(Path(path), limit)  # a regular file only (a pipe would block), and bounded
        if isinstance(raw, int):
            raise BaselineError("bl-too-large", file=path, size=raw, limit=limit)
        text = raw.decode("utf-8")
    except NotRegular as exc:
        unread = term(exc.kind, "en")
        raise BaselineError("bl-unreadable", file=path, error=unread, reason=Term(exc.kind)) from None
    except OSError as exc:
        raw_error = exc.strerror or str(exc)
        reason = os_reason(exc)
        raise BaselineError(
            "bl-unreadable", file=path, error=raw_error, reason=reason, raw=raw_error
        ) from None
    except UnicodeDecodeError as exc:
        raise BaselineError("bl-unreadable", file=path, error=exc, reason=Term("e-not-utf8")) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError("bl-json", file=path, line=exc.lineno, column=exc.colno, error=exc.msg) from None
    stated = data.get("etom-check-baseline") if isinstance(data, dict) else None
    if type(stated) is not int or stated != FORMAT:  # neither true nor 1.0: the number itself
        raise BaselineError("bl-not-baseline", file=path, format=FORMAT)
    items = data.get("findings")
    if not isinstance(items, list):
        raise BaselineError("bl-findings", file=path)
    entries: list[BaselineEntry] = []
    for index, item in enumerate(items):
        if not (
            isinstance(item, dict)
            and all(isinstance(item.get(k), str) for k in ("rule", "subject", "fingerprint"))
            and all(item.get(k) is None or isinstance(item.get(k), str) for k in ("element", "target"))
        ):
            raise BaselineError("bl-entry", file=path, index=index)
        entries.append(
            BaselineEntry(
                item["rule"], item["subject"], item.get("element"), item.get("target"), item["fingerprint"]
            )
        )
    return Baseline(tuple(entries), path)


def apply_baseline(
    shown: list[Finding],
    hidden: list[Finding],
    baseline: Baseline,
    run_rules: set[str],
    exempt: Callable[[Finding], bool] = lambda f: False,
) -> tuple[list[Finding], list[Finding], list[BaselineEntry]]:
    """Mark the findings, shown or not, that the baseline records (never an ``exempt`` one); the
    entries of rules that ran which no longer occur."""
    known = baseline.fingerprints

    def mark(findings: list[Finding]) -> list[Finding]:
        return [
            replace(f, baselined=True) if f.fingerprint in known and not f.waived and not exempt(f) else f
            for f in findings
        ]

    present = {f.fingerprint for f in (*shown, *hidden)}
    absent = sorted(
        {e for e in baseline.entries if e.fingerprint not in present and e.rule in run_rules},
        key=BaselineEntry.sort_key,
    )
    return mark(shown), mark(hidden), absent
