"""Waivers: deviations the organisation has accepted, declared in the model's ``waivers:`` list.

A waiver names a rule (its id in any case), and optionally the subject and the target of the
findings it excuses; a finding it matches is kept and marked waived with the reason, so it no
longer fails the gate. An expired waiver applies to nothing. What became of every waiver (used or
not, on which targets) is kept for the rules that report on waivers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from ..findings import Finding, printable
from ..io.reading import Document


@dataclass(frozen=True)
class Waiver:
    """One entry of ``waivers:``, with the document and index where it is written."""

    rule: str  # as the pack spells it when the pack knows it (ids are case-insensitive)
    reason: str
    doc: Document
    index: int
    subject: str | None = None
    target: str | None = None
    expires: dt.date | None = None
    written: str = ""  # the rule id as written

    @property
    def path(self) -> tuple[str, int]:
        return ("waivers", self.index)

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    @property
    def specificity(self) -> int:
        return (self.target is not None) * 2 + (self.subject is not None)

    def matches(self, finding: Finding) -> bool:
        """The rule is the finding's; the subject (if any) is the element, process or function
        the finding names; the target (if any) is the F/A/B group or an element of the target
        the finding names (model-format.md)."""
        if finding.rule != self.rule:
            return False
        if self.subject is not None:
            named = (finding.subject, finding.element, finding.args.get("process"))
            if self.subject not in named:
                return False
        if self.target is not None:
            elements = finding.args.get("target_elements", "").split(", ")
            if self.target != finding.target and self.target not in elements:
                return False
        return True


@dataclass
class WaiverState:
    """The waivers of a model and what became of them in one run."""

    waivers: list[Waiver]
    today: dt.date
    known_rules: set[str]
    run_rules: set[str]
    exempt_rules: set[str] = field(default_factory=set)  # rules whose findings no waiver excuses
    used: set[int] = field(default_factory=set)  # indices into ``waivers`` of those that excused
    matched: set[int] = field(default_factory=set)  # and of those that matched, excusing or not
    targets: dict[int, set[str]] = field(default_factory=dict)  # index -> targets it excused
    subjects: dict[str, set[str]] = field(default_factory=dict)  # rule -> subjects of its findings

    def expired(self) -> list[Waiver]:
        return [
            w
            for w in self.waivers
            if w.rule in self.known_rules and w.rule not in self.exempt_rules and w.expired(self.today)
        ]

    def unknown(self) -> list[Waiver]:
        return [w for w in self.waivers if w.rule not in self.known_rules]

    def not_waivable(self) -> list[Waiver]:
        return [w for w in self.waivers if w.rule in self.exempt_rules]

    def unused(self) -> list[Waiver]:
        return [
            w
            for i, w in enumerate(self.waivers)
            if i not in self.used
            and w.rule in self.run_rules
            and w.rule in self.known_rules
            and w.rule not in self.exempt_rules
            and not w.expired(self.today)
        ]

    def broad(self) -> list[tuple[Waiver, list[str]]]:
        """Waivers without a target that excused findings of several targets, with those."""
        return [
            (w, sorted(self.targets[i], key=lambda t: ({"F": 0, "A": 1, "B": 2}.get(t, 3), t)))
            for i, w in enumerate(self.waivers)
            if w.target is None and len(self.targets.get(i, ())) > 1
        ]


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _trimmed(value: str | None) -> str | None:
    return " ".join(value.split()) if value is not None else None


def _group(target: str | None) -> str | None:
    """A target as findings name it: the F/A/B groups in capitals (``b`` is B)."""
    return target.upper() if target is not None and target.upper() in ("F", "A", "B") else target


def read_waivers(documents: Iterable[Document], known_rules: Iterable[str] = ()) -> list[Waiver]:
    """Every well-formed waiver of the model, in model order; rule ids are matched to
    ``known_rules`` whatever their case.

    An entry without a rule or a reason, with a field of the wrong type or with an expiry that is
    not a date, is left to the schema rules to report, and applies to nothing.
    """
    spelling = {r.casefold(): r for r in known_rules}
    found: list[Waiver] = []
    for doc in documents:
        items = doc.data.get("waivers")
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            rule, reason = _text(item.get("rule")), _text(item.get("reason"))
            if rule is None or reason is None:
                continue
            if any(k in item and _text(item[k]) is None for k in ("subject", "target")):
                continue  # a subject or target that is not text would widen the waiver
            expires = _date(item.get("expires"))
            if "expires" in item and expires is None:
                continue
            rule = rule.strip()
            found.append(
                Waiver(
                    rule=spelling.get(rule.casefold(), rule.upper()),
                    reason=printable(" ".join(reason.split())),
                    doc=doc,
                    index=index,
                    subject=_trimmed(item.get("subject")),
                    target=_group(_trimmed(item.get("target"))),
                    expires=expires,
                    written=rule,
                )
            )
    return found


def apply_waivers(
    findings: list[Finding], state: WaiverState, exempt: Callable[[Finding], bool] = lambda f: False
) -> list[Finding]:
    """The findings with those that an unexpired waiver matches marked waived (the most specific
    waiver wins, then the first written); an ``exempt`` finding is never waived."""
    active = sorted(
        ((i, w) for i, w in enumerate(state.waivers) if not w.expired(state.today)),
        key=lambda pair: -pair[1].specificity,
    )
    out: list[Finding] = []
    for f in findings:
        state.subjects.setdefault(f.rule, set()).add(f.subject)
        chosen = None
        for i, w in [] if exempt(f) else active:
            if w.matches(f):
                state.matched.add(i)
                if chosen is None:
                    chosen = i
                    state.used.add(i)
                    if f.target is not None:
                        state.targets.setdefault(i, set()).add(f.target)
                    f = replace(f, waived=True, waiver_reason=w.reason)
        out.append(f)
    return out
