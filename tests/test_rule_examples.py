"""Every example that ``etom-check explain`` shows does what it says: the passing model gives no
finding of the rule, the failing one at least one."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli.explain import examples
from checker.engine import check
from checker.engine.packs import pack_for
from checker.standard.rulepack import Rule

PACK = pack_for("GOST R 53633.3-2009")

# Rules whose failing input is not one text: explain shows the files of their kind's failing
# input (bytes that are not UTF-8 escaped, the limits it is read with) and a model that passes.
NO_EXAMPLES = {
    "MOD-2": "a file that is not UTF-8 cannot be shown as text",
    "MOD-6": "a file over the size limit",
    "MOD-7": "an alias expansion over the limit takes a long file",
    "MOD-8": "nesting of more than 64 levels",
    "MOD-9": "a file that cannot be read",
    "MOD-22": "a repeated organisation needs two files",
    "MOD-40": "a line of more than 10000 characters",
    "MOD-41": "more than 1000 problems in one file",
    "MOD-42": "more than 1000 findings of one rule in one file",
}


def _findings(tmp_path: Path, name: str, text: str, rule_id: str) -> list[str]:
    model = tmp_path / name
    model.write_text(text, encoding="utf-8")
    return [
        f"{f.location.line}: {f.message}"
        for f in check([str(model)], lang="en").findings
        if f.rule == rule_id
    ]


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_explain_examples(rule: Rule, tmp_path: Path) -> None:
    pair = examples(rule, PACK)
    if pair is None:
        assert rule.id in NO_EXAMPLES, f"{rule.id} has no example for explain"
        return
    assert rule.id not in NO_EXAMPLES, f"{rule.id} has examples now: drop it from NO_EXAMPLES"
    good, bad = pair
    assert _findings(tmp_path, "pass.yaml", good, rule.id) == []
    assert _findings(tmp_path, "fail.yaml", bad, rule.id) != []


@pytest.mark.parametrize("rule_id", sorted(NO_EXAMPLES))
def test_explain_shows_the_failing_input_of_rules_without_a_text_example(
    rule_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from checker.cli.explain import _PROCESS
    from checker.engine import Options, evaluate
    from checker.io.reading import load_sources
    from checker.kinds import KINDS
    from checker.kinds.record import HEAD

    from .conftest import run_cli

    rule = PACK.rule(rule_id)
    assert rule is not None
    code, out, _ = run_cli(["explain", rule_id, "--lang", "en"], capsys)
    assert code == 0 and "\nPasses this rule:\n" in out and "\nFails this rule:\n" in out
    failing = KINDS[rule.kind].failing_input(rule.options)
    assert failing is not None
    sources, limits = failing
    for name, _ in sources:
        assert f"    # {name}\n" in out
    result = evaluate(load_sources(sources, limits), Options(lang="en", limits=limits), pack=PACK)
    assert any(f.rule == rule_id for f in (*result.findings, *result.hidden))
    assert _findings(tmp_path, "pass.yaml", HEAD + _PROCESS, rule_id) == []
