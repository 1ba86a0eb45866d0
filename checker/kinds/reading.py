"""Kinds that report what was found while reading the model: why a file could not be used, the
schema's issues, and the findings left out of the output."""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import Term
from ..io.sources import DEFAULT_LIMITS, Limits
from .context import Context, Fact
from .record import ALWAYS, HEAD, NO_OPTIONS, Kind, Options, Sources, gives, limited

PROCESS = "  - id: order-entry\n    name: Приём заказов\n    implements: [1.1.1.5]\n"

# what each problem found while reading gives to a message, and a small input that has it
PROBLEMS: dict[str, tuple[frozenset[str], Sources, Limits]] = {
    "yaml-syntax": (frozenset({"detail"}), [("model.yaml", b"model: 1\nprocesses: [\n")], DEFAULT_LIMITS),
    "encoding": (
        frozenset({"byte", "encoding"}),
        [("model.yaml", "model: 1\norganisation:\n  name: Пример Телеком\n".encode("cp1251"))],
        DEFAULT_LIMITS,
    ),
    "not-mapping": (frozenset({"found"}), [("model.yaml", b"- model: 1\n")], DEFAULT_LIMITS),
    "duplicate-key": (
        frozenset({"key", "first_line"}),
        [("model.yaml", b"model: 1\nmodel: 1\n")],
        DEFAULT_LIMITS,
    ),
    "tag": (frozenset({"tag"}), [("model.yaml", b"model: !!python/name:os.system 1\n")], DEFAULT_LIMITS),
    "file-too-large": (
        frozenset({"size", "limit"}),
        [("model.yaml", (HEAD + PROCESS).encode())],
        limited(max_file_bytes=64),
    ),
    "alias-limit": (
        frozenset({"limit"}),
        [("model.yaml", b"model: 1\nx-a: &a [1, 2, 3, 4]\nx-b: [*a, *a, *a]\n")],
        limited(max_alias_nodes=8),
    ),
    "too-deep": (
        frozenset({"limit"}),
        [("model.yaml", b"model: 1\nx-deep: [[[[1]]]]\n")],
        limited(max_depth=3),
    ),
    "unreadable": (frozenset({"detail"}), [("model.yaml", None)], DEFAULT_LIMITS),
    "line-too-long": (
        frozenset({"limit", "length"}),
        [("model.yaml", ("model: 1\nx-note: " + "x" * 120 + "\n").encode())],
        limited(max_line_length=80),
    ),
    "too-many-problems": (
        frozenset({"limit"}),
        [("model.yaml", b"model: 1\nx-a: 1\nx-a: 2\nx-a: 3\nx-a: 4\n")],
        limited(max_findings_per_file=2),
    ),
}


def input_problems(ctx: Context, options: Options) -> Iterator[Fact]:
    """Problems found while reading files (syntax, encoding, tags, limits ...) of one kind."""
    for p in ctx.problems:
        if p.code == options["problem"]:
            yield Fact(subject=p.subject, file=p.file, line=p.line, column=p.column, args=p.args)


INPUT = Kind(
    input_problems,
    "model",
    options={
        "type": "object",
        "required": ["problem"],
        "properties": {"problem": {"enum": sorted(PROBLEMS)}},
        "additionalProperties": False,
    },
    gives=lambda options: ALWAYS | PROBLEMS[options["problem"]][0],
    integrity=True,
    failing_input=lambda options: PROBLEMS[options["problem"]][1:],
)

# what each schema issue gives to a message
ISSUES = {
    "missing-key": frozenset({"key", "where"}),
    "unknown-key": frozenset({"key", "where", "expected", "closest", "hint"}),
    "wrong-type": frozenset({"where", "expected", "found", "fix", "shown"}),
    "invalid-value": frozenset({"where", "value", "constraint", "fix"}),
}


def schema_problems(ctx: Context, options: Options) -> Iterator[Fact]:
    """Schema violations of one kind (missing key, unknown key, wrong type, invalid value)."""
    for issue in ctx.schema:
        if issue.problem == options["problem"]:
            yield Fact(
                subject=issue.subject,
                doc=issue.doc,
                path=issue.path,
                at_key=issue.at_key,
                args=issue.args,
                identity=issue.identity,
            )


SCHEMA = Kind(
    schema_problems,
    "model",
    options={
        "type": "object",
        "required": ["problem"],
        "properties": {"problem": {"enum": sorted(ISSUES)}},
        "additionalProperties": False,
    },
    gives=lambda options: ALWAYS | ISSUES[options["problem"]],
)


def finding_limit(ctx: Context, options: Options) -> Iterator[Fact]:
    """Findings of one rule in one file beyond the limit: counted, not shown, and how many of
    them fail the gate (the engine runs rules of this kind last, once that is known)."""
    counts: dict[tuple[str, str], list[int]] = {}
    for finding, fails in ctx.hidden:
        tally = counts.setdefault((finding.rule, finding.location.file), [0, 0])
        tally[0] += 1
        tally[1] += fails
    for (rule, file), (count, failing) in counts.items():
        args = {
            "rule": rule,
            "count": count,
            "limit": ctx.limit,
            "failing_count": failing,
            "failing": Term("hidden-failing" if failing else "hidden-passing"),
        }
        yield Fact(subject=rule, file=file, args=args)


FINDING_LIMIT = Kind(
    finding_limit,
    "model",
    options=NO_OPTIONS,
    gives=gives("rule", "count", "limit", "failing_count", "failing"),
    phase="last",
    failing_input=lambda options: (
        [("model.yaml", (HEAD + PROCESS + "    x: 1\n    y: 2\n    z: 3\n").encode())],
        limited(max_findings_per_file=1),
    ),
)
