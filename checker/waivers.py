"""Waivers: deviations the organisation has accepted, declared in the model's ``waivers:`` list.

A waiver names a rule (exactly) and optionally a subject; a finding it matches is kept and marked
waived with the reason, so it no longer fails the gate. An expired waiver applies to nothing. The
state of every waiver (used or not, expired or not) is kept for the rules that report on waivers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .findings import Finding, printable
from .loading import Document


@dataclass(frozen=True)
class Waiver:
    """One entry of ``waivers:``, with the document and index where it is written."""

    rule: str
    reason: str
    doc: Document
    index: int
    subject: str | None = None
    expires: dt.date | None = None

    @property
    def path(self) -> tuple[str, int]:
        return ("waivers", self.index)

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def matches(self, finding: Finding) -> bool:
        """The rule is the finding's, and the subject (if any) is the element, process or
        function the finding names (model-format.md)."""
        if finding.rule != self.rule:
            return False
        named = (finding.subject, finding.element, finding.args.get("process"))
        return self.subject is None or self.subject in named


@dataclass
class WaiverState:
    """The waivers of a model and what became of them in one run."""

    waivers: list[Waiver]
    today: dt.date
    known_rules: set[str]
    run_rules: set[str]
    used: set[int] = field(default_factory=set)  # indices into ``waivers``

    def expired(self) -> list[Waiver]:
        return [w for w in self.waivers if w.rule in self.known_rules and w.expired(self.today)]

    def unknown(self) -> list[Waiver]:
        return [w for w in self.waivers if w.rule not in self.known_rules]

    def unused(self) -> list[Waiver]:
        return [
            w
            for i, w in enumerate(self.waivers)
            if i not in self.used
            and w.rule in self.run_rules
            and w.rule in self.known_rules
            and not w.expired(self.today)
        ]


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def read_waivers(documents: Iterable[Document]) -> list[Waiver]:
    """Every well-formed waiver of the model, in model order.

    An entry without a rule or a reason, or with an expiry that is not a date, is left to the
    schema rules to report, and applies to nothing.
    """
    found: list[Waiver] = []
    for doc in documents:
        items = doc.data.get("waivers")
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            rule, reason, subject = item.get("rule"), item.get("reason"), item.get("subject")
            if not isinstance(rule, str) or not isinstance(reason, str) or not reason.strip():
                continue
            expires = _date(item.get("expires"))
            if "expires" in item and expires is None:
                continue
            found.append(
                Waiver(
                    rule=rule,
                    reason=printable(" ".join(reason.split())),
                    doc=doc,
                    index=index,
                    subject=subject if isinstance(subject, str) else None,
                    expires=expires,
                )
            )
    return found


def apply_waivers(
    findings: list[Finding], state: WaiverState, exempt: Callable[[Finding], bool] = lambda f: False
) -> list[Finding]:
    """The findings with those that an unexpired waiver matches marked waived (first waiver
    wins); an ``exempt`` finding is never waived."""
    active = [(i, w) for i, w in enumerate(state.waivers) if not w.expired(state.today)]
    out: list[Finding] = []
    for f in findings:
        for i, w in [] if exempt(f) else active:
            if w.matches(f):
                state.used.add(i)
                f = replace(f, waived=True, waiver_reason=w.reason)
                break
        out.append(f)
    return out
