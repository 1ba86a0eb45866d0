"""The fast paths give exactly what the slow ones give: compiled schema checks against jsonschema,
the bounded "did you mean" search against difflib, and the paused collector is restored.

The documents are a deterministic randomised mix (a seeded generator, no hypothesis), built from
valid processes, waivers and organisations with one or more mutations each.
"""

from __future__ import annotations

import copy
import difflib
import gc
import json
import random
import string
from typing import Any

import pytest

from checker.engine import check
from checker.io.positions import Positions
from checker.io.reading import Document
from checker.io.schemas import compiled, validator
from checker.model.schema import document_issues, schema_issues
from checker.model.suggest import Suggester
from checker.standard.datafiles import read_yaml, rules_dir

from .conftest import RULE_FIXTURES

VALID_PROCESS = {
    "id": "order-entry",
    "name": "Приём и оформление заказов",
    "implements": ["1.1.1.5", "1.1.1.5.2"],
    "owner": "Департамент обслуживания",
    "external": False,
    "functions": ["issue-order", "check-credit"],
    "interfaces": [{"to": "billing", "purpose": "данные для счёта"}, {"to": "crm"}],
    "x-note": {"any": ["thing"]},
}
VALID_WAIVER = {
    "rule": "COV-2",
    "subject": "1.1.1.9",
    "reason": "Партнёр по договору № 17",
    "expires": "2027-06-30",
}
VALID_DOC = {
    "model": 1,
    "organisation": {"name": "ООО «Пример»", "id": "example", "standard": "GOST R 53633.3-2009"},
    "processes": [VALID_PROCESS],
    "waivers": [VALID_WAIVER],
}
# values that the schema refuses somewhere, including those where a compiled check and
# jsonschema are known to disagree unless made stricter: booleans for 1, impossible dates,
# a trailing newline before `$`, non-ASCII digits
ODD_VALUES: list[Any] = [
    True,
    False,
    None,
    0,
    1,
    2,
    -1,
    "",
    " ",
    "\t",
    "x\n",
    "1.1.1.5\n",
    "١.١",
    "2027-02-30",
    "2027-13-01",
    "2027-1-01",
    "٢٠٢٧-٠١-٠١",
    "bad id",
    "-lead",
    "a" * 129,
    "1.x",
    [],
    {},
    ["1.1.1.5"],
    {"to": "p"},
    "COV-1",
    "1bad",
    "p1",
    "Имя",
]


def _mutate(rng: random.Random, value: Any, depth: int = 0) -> Any:
    """One random change somewhere inside ``value``: replace, delete or add a key or an item."""
    if isinstance(value, dict) and value and depth < 4:
        key = rng.choice(sorted(value, key=str))
        roll = rng.random()
        out = dict(value)
        if roll < 0.2:
            del out[key]
        elif roll < 0.3:
            out[rng.choice(["extra", "x-ok", "Name", "ID", "to"])] = rng.choice(ODD_VALUES)
        elif roll < 0.6:
            out[key] = rng.choice(ODD_VALUES)
        else:
            out[key] = _mutate(rng, value[key], depth + 1)
        return out
    if isinstance(value, list) and value and depth < 4:
        out_list = list(value)
        index = rng.randrange(len(value))
        roll = rng.random()
        if roll < 0.2:
            del out_list[index]
        elif roll < 0.4:
            out_list.append(rng.choice(ODD_VALUES))
        else:
            out_list[index] = _mutate(rng, value[index], depth + 1)
        return out_list
    return rng.choice(ODD_VALUES)


def _documents(count: int, seed: int = 20091) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    docs: list[dict[str, Any]] = []
    for n in range(count):
        doc = copy.deepcopy(VALID_DOC)
        doc["processes"] = [copy.deepcopy(VALID_PROCESS) for _ in range(rng.randint(0, 3))]
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):  # about a third stay valid
            doc = _mutate(rng, doc)
        docs.append(doc if isinstance(doc, dict) else {"model": 1, "x-n": n})
    # the known pitfalls, each alone
    docs += [
        {"model": True},
        {"model": 1, "waivers": [{"rule": "R-1", "reason": "r", "expires": "2027-02-30"}]},
        {"model": 1, "waivers": [{"rule": "R-1", "reason": "r", "expires": "٢٠٢٧-٠١-٠١"}]},
        {"model": 1, "processes": [{"id": "p\n", "name": "n", "implements": ["1.1.1.5"]}]},
        {"model": 1, "processes": [{"id": "p", "name": "n", "implements": ["1.1.1.5\n"]}]},
    ]
    return docs


def _as_documents(datas: list[dict[str, Any]]) -> list[Document]:
    return [Document(f"doc-{n}.yaml", data, Positions()) for n, data in enumerate(datas)]


def _reference_issues(documents: list[Document]) -> list[Any]:
    """What schema_issues gave before the fast path: jsonschema over every document."""
    return [issue for doc in documents for issue in document_issues(doc)]


def test_compiled_model_check_never_accepts_what_jsonschema_refuses() -> None:
    fast, slow = compiled("model"), validator("model")
    datas = _documents(600)
    verdicts = [(fast(d), slow.is_valid(d)) for d in datas]
    assert all(slow_ok for fast_ok, slow_ok in verdicts if fast_ok)
    # the mix really holds both kinds, and the fast path accepts the valid ones
    assert sum(1 for _, ok in verdicts if ok) > 100
    assert sum(1 for _, ok in verdicts if not ok) > 100
    assert sum(1 for f, s in verdicts if f == s) / len(verdicts) > 0.99


def test_schema_issues_identical_with_and_without_the_fast_path() -> None:
    documents = _as_documents(_documents(600))
    got = [(i.doc.file, i.problem, i.path, i.subject, i.at_key, i.args) for i in schema_issues(documents)]
    want = [
        (i.doc.file, i.problem, i.path, i.subject, i.at_key, i.args) for i in _reference_issues(documents)
    ]
    assert got == want
    assert {("doc-600.yaml", "invalid-value", ("model",))} <= {g[:3] for g in got}  # model: true


@pytest.mark.parametrize("kind", ["rule", "manifest", "catalogue", "crosswalk"])
def test_compiled_pack_checks_agree_with_jsonschema(kind: str) -> None:
    if kind == "rule":
        paths = sorted(
            p
            for p in rules_dir().glob("*/*.yaml")
            if p.name != "pack.yaml" and (p.parent / "pack.yaml").exists()
        )
    elif kind == "manifest":
        paths = sorted(rules_dir().glob("*/pack.yaml"))
    elif kind == "crosswalk":
        paths = [rules_dir() / "crosswalk" / "etom-crosswalk.yaml"]
    else:
        paths = [rules_dir() / "catalogue.yaml"]
    rng = random.Random(533)
    fast, slow = compiled(kind), validator(kind)
    checked = 0
    for path in paths:
        data, _ = read_yaml(path, path.name)
        assert fast(data) and slow.is_valid(data), path.name
        for _ in range(max(30, 300 // len(paths))):
            mutated = _mutate(rng, data)
            if fast(mutated):
                assert slow.is_valid(mutated), (path.name, mutated)
            checked += 1
    assert checked >= 100


def test_suggestions_are_those_of_difflib() -> None:
    rng = random.Random(7)
    alphabets = ["ab", "abc0", "p0123456789-", string.ascii_lowercase + ".-_", "абвгд-1"]
    for _ in range(300):
        alphabet = rng.choice(alphabets)
        known = sorted(
            {
                "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
                for _ in range(rng.randint(0, 60))
            }
        )
        suggester = Suggester(known)
        for _ in range(8):
            word = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
            if known and rng.random() < 0.3:  # a typo of a known id
                base = list(rng.choice(known)) or ["x"]
                base[rng.randrange(len(base))] = rng.choice(alphabet)
                word = "".join(base)
            expected = difflib.get_close_matches(word, known, n=1)
            assert suggester.best(word) == (expected[0] if expected else None), (word, known)


@pytest.mark.parametrize("enabled", [True, False])
def test_check_restores_the_garbage_collector(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        check([str(RULE_FIXTURES / "COV-1" / "valid.yaml")])
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


BROKEN_MODEL = """\
model: true
organisation: {name: "", id: "bad id", extra: 1}
processes:
  - {id: p1, name: P1, implements: [1.1.1.1], interfaces: [{to: p1}, {to: p-2}, {to: p3, purpose: ""}]}
  - {id: p1, name: P1 again, implements: []}
  - {id: p3, name: 7, implements: [1.1.1.5, "1.x"], functions: [issue-order, nope], external: "yes"}
  - just text
  - {name: no id, implements: [1.1.1.2], bogus: 1}
waivers:
  - {rule: COV-2, reason: "", expires: 2027-02-30}
  - {rule: "1bad", reason: ok, expires: "2027-13-01"}
x-mine: 1
other: 2
"""
GOOD_MODEL = """\
model: 1
processes:
  - {id: p-2x, name: Двойка, implements: [1.1.1.2], interfaces: [{to: p-22}, {to: p3, purpose: передача}]}
"""


def test_check_gives_the_same_findings_with_and_without_the_fast_path(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.yaml").write_text(BROKEN_MODEL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD_MODEL, encoding="utf-8")

    def run() -> list[tuple[Any, ...]]:
        result = check([str(tmp_path)], lang="en")
        return [(f.rule, f.location, f.subject, f.message, f.fingerprint) for f in result.findings]

    fast = run()
    monkeypatch.setattr("checker.model.schema.compiled", lambda kind: lambda data: False)
    slow = run()
    assert fast == slow
    placed = {(f[0], f[1].file.rsplit("/", 1)[-1], f[1].line, f[2]) for f in fast}
    assert {
        ("MOD-13", "a.yaml", 1, "model"),  # model: true
        ("MOD-11", "a.yaml", 2, "extra"),
        ("MOD-16", "a.yaml", 4, "p1"),
        ("MOD-15", "a.yaml", 4, "p-2"),
        ("MOD-14", "a.yaml", 5, "p1"),
        ("MOD-15", "b.yaml", 3, "p-22"),
    } <= placed


@pytest.mark.parametrize("direction", ["out", "in", "any"])
def test_interface_links_are_every_hand_off_pair(direction: str) -> None:
    from checker.model.graph import ELEMENT, PROCESS, ModelGraph, links

    def handed(a: str, b: str) -> bool:  # the definition, pair by pair
        out = direction in ("out", "any") and graph.has_edge((PROCESS, a), (PROCESS, b))
        into = direction in ("in", "any") and graph.has_edge((PROCESS, b), (PROCESS, a))
        return out or into

    rng = random.Random(12 + len(direction))
    ids = [f"p{n}" for n in range(40)]
    graph = ModelGraph()
    for pid in ids:
        graph.add_node((PROCESS, pid), kind=PROCESS, id=pid)
    graph.add_node((ELEMENT, "1.1.1.5"), kind=ELEMENT, id="1.1.1.5")
    for _ in range(120):
        a, b = rng.sample(ids, 2)
        graph.add_edge((PROCESS, a), (PROCESS, b), kind="interface")
    for pid in rng.sample(ids, 10):
        graph.add_edge((PROCESS, pid), (ELEMENT, "1.1.1.5"), kind="implements")
    for _ in range(25):
        sources = rng.sample(ids, rng.randint(0, 12))
        targets = set(rng.sample(ids, rng.randint(0, 12)))
        pairwise = [(s, t) for s in sources for t in sorted(targets) if handed(s, t)]
        assert list(links(graph, sources, targets, direction)) == pairwise


def test_a_predicate_made_in_memory_judges_as_the_generated_one() -> None:
    from checker.io.schemacheck import compile_predicate
    from checker.io.schemas import effective

    made = compile_predicate(effective("model"))
    assert made is not compiled("model")
    datas = _documents(300, seed=4)
    assert [made(d) for d in datas] == [compiled("model")(d) for d in datas]


def test_a_changed_schema_is_compiled_anew_and_an_unsupported_one_leaves_all_to_jsonschema() -> None:
    from checker.io.schemas import predicate

    schema = {"type": "object", "required": ["a"]}
    stale = predicate("s", schema, {"s": lambda data: True}, {"s": "another digest"})
    assert stale({"a": 1}) and not stale({"b": 1})
    odd = predicate("s", {"type": "object", "dependentRequired": {"a": ["b"]}}, {}, {})
    assert not odd({}) and not odd({"a": 1, "b": 2})


def _model_corpus() -> list[list[str]]:
    """Every model of the repository: the samples, the broken samples, the test models and each
    rule fixture on its own."""
    root = RULE_FIXTURES.parent.parent
    models = [[str(root / "samples" / "operator")]]
    models += [[str(p)] for p in sorted((root / "samples" / "broken").iterdir())]
    models += [[str(p)] for p in sorted((root / "tests" / "models").rglob("*.yaml"))]
    models += [[str(p)] for p in sorted(RULE_FIXTURES.rglob("*.yaml"))]
    return models


def test_a_document_the_schema_accepts_has_nothing_to_repair() -> None:
    """Each repair is of something the schema refuses: the engine repairs only the documents
    that the compiled check refuses, so this must hold for every document."""
    from checker.engine.run import vocabulary
    from checker.io.reading import load
    from checker.io.schemas import schema_document
    from checker.model.shapes import repair

    words = vocabulary(schema_document("model.schema.json"))
    fast = compiled("model")
    documents = _as_documents(_documents(600)) + [
        doc for paths in _model_corpus() for doc in load(paths).documents
    ]
    accepted = 0
    for doc in documents:
        if fast(doc.data):
            before = copy.deepcopy(doc.data)
            assert repair(doc, words) == [], doc.file
            assert doc.data == before
            accepted += 1
    assert accepted > 100


LONG = "o" * 129  # an id longer than the schema allows
TYPO_MODEL = {
    "a.yaml": "model: 1\norganisation:\n  name: X\nprocesses:\n  - id: a\n    name: A\n"
    f"    implements: [1.1.1.5]\n    interfaces:\n      - to: {LONG[:-1]}x\n",
    "b.yaml": f"model: 1\nprocesses:\n  - id: {LONG}\n    name: B\n    implements: [1.1.1.6]\n",
}


def test_results_are_those_of_checking_every_document(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Skipping the repairs and the schema for documents the compiled check accepts changes no
    result; a document whose id is read as another (here as an id the schema refuses) is checked
    again."""
    import checker.engine.run as run
    import checker.io.parsing as parsing
    from checker.reporters import REPORTERS

    typo = tmp_path / "typo"
    typo.mkdir()
    for name, text in TYPO_MODEL.items():
        (typo / name).write_text(text, encoding="utf-8")
    models = [*_model_corpus(), [str(typo)]]

    def outputs() -> list[str]:
        return [REPORTERS["json"](check(paths, lang="en").view) for paths in models]

    fast = outputs()
    typo_findings = json.loads(fast[-1])["findings"]
    assert any(f["rule"] == "MOD-13" and f["location"]["file"].endswith("a.yaml") for f in typo_findings)
    refuse_all = lambda kind: lambda data: False  # noqa: E731
    monkeypatch.setattr(run, "compiled", refuse_all)
    monkeypatch.setattr(parsing, "compiled", refuse_all)
    assert outputs() == fast
