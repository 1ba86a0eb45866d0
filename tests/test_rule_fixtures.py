"""Every rule against its fixtures: the exact (file, line, rule, subject) of every finding.

``tests/rules/<RULE-ID>/`` holds ``valid*`` fixtures, which give no finding of the rule, and
``invalid*`` fixtures whose lines are annotated ``# expect: RULE-ID[subject]@column`` where each finding
must land. A fixture is a YAML file or a folder of them (a model of several files).
"""

from __future__ import annotations

import importlib
import inspect
from collections import Counter
from pathlib import Path

import pytest

from checker.engine import check
from checker.engine.packs import pack_for
from checker.kinds import KINDS

from .conftest import RULE_FIXTURES, expectations

PACK = pack_for("GOST R 53633.3-2009")
RULE_IDS = [r.id for r in PACK.rules]

# Rules whose failing input cannot be a text fixture with `# expect:` annotations: they have a
# valid fixture here, and their invalid input is built by the named test.
NO_INVALID_TEXT_FIXTURE = {
    "MOD-2": (
        "a file that is not UTF-8 cannot carry the UTF-8 annotations the harness reads",
        "tests/test_input_rules.py::test_not_utf8_latin1",
    ),
    "MOD-6": (
        "a file over the default 64 MiB limit does not belong in the repository",
        "tests/test_input_rules.py::test_file_over_default_size_limit",
    ),
    "MOD-9": (
        "a file that cannot be read cannot carry annotations (and git keeps no permissions)",
        "tests/test_input_rules.py::test_unreadable_file",
    ),
}


def _fixtures() -> list[tuple[str, Path]]:
    out = []
    for folder in sorted(RULE_FIXTURES.iterdir()):
        if folder.is_dir():
            out.extend(
                (folder.name, p) for p in sorted(folder.iterdir()) if p.name.startswith(("valid", "invalid"))
            )
    return out


@pytest.mark.parametrize(
    ("rule_id", "fixture"), _fixtures(), ids=lambda v: v if isinstance(v, str) else v.name
)
def test_fixture(rule_id: str, fixture: Path) -> None:
    result = check([str(fixture)], lang="en")
    base = fixture if fixture.is_dir() else fixture.parent
    want = Counter({k: v for k, v in expectations(fixture, base).items() if k[3] == rule_id})
    with_subjects = any(k[4] is not None for k in want)
    got: Counter[tuple[str, int, int | None, str, str | None]] = Counter()
    for f in result.findings:
        if f.rule == rule_id:
            rel = Path(f.location.file).resolve().relative_to(base.resolve()).as_posix()
            subject = f.subject if with_subjects else None
            got[(rel, f.location.line, f.location.column, f.rule, subject)] += 1
    if fixture.name.startswith("valid"):
        assert not want, "a valid fixture expects no finding"
        assert not got, f"unexpected findings: {sorted(got)}"
    else:
        assert want, "an invalid fixture must say where its findings land"
        assert all(k[2] is not None for k in want), "each expectation gives its column: RULE@column"
        assert got == want


def test_every_rule_has_valid_and_invalid_fixtures() -> None:
    have = {}
    for rule_id, fixture in _fixtures():
        have.setdefault(rule_id, set()).add("valid" if fixture.name.startswith("valid") else "invalid")
    missing = [
        r
        for r in RULE_IDS
        if have.get(r) != ({"valid"} if r in NO_INVALID_TEXT_FIXTURE else {"valid", "invalid"})
    ]
    assert not missing, f"rules without both valid and invalid fixtures: {missing}"
    strays = sorted(set(have) - set(RULE_IDS))
    assert not strays, f"fixture folders for no rule: {strays}"


def test_every_kind_is_used_by_a_rule() -> None:
    used = {r.kind for r in PACK.rules}
    assert used == set(KINDS)


@pytest.mark.parametrize("rule_id", sorted(NO_INVALID_TEXT_FIXTURE))
def test_rules_without_invalid_text_fixture_are_covered_elsewhere(rule_id: str) -> None:
    reason, test = NO_INVALID_TEXT_FIXTURE[rule_id]
    assert rule_id in RULE_IDS and reason
    file, _, name = test.partition("::")
    module = importlib.import_module("tests." + Path(file).stem)
    function = getattr(module, name)
    assert f'"{rule_id}"' in inspect.getsource(function), f"{test} does not assert {rule_id}"
