"""Any type, anywhere, is a finding, never a crash (property-based).

Every key of the format, including waivers and interfaces, and a key added where the format has
none, gets every kind of YAML value: null, true/false, numbers, text that looks like another type
(``yes``, ``1.1.1.5``, ``~``), lists, nested lists, mappings. ``check``, ``report`` and ``graph``
must end with exit 0 or 1 and nothing on standard error, and a value of the wrong type must be a
finding of the model at its own line.
"""

from __future__ import annotations

import copy
import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from checker.cli.main import main

BASE: dict[str, Any] = {
    "model": 1,
    "organisation": {"name": "ООО «Тест»", "id": "test", "standard": "GOST R 53633.3-2009", "etom": "v23.5"},
    "processes": [
        {
            "id": "contacts",
            "name": "Контакты",
            "implements": ["1.1.1.2@standard", "1.3.7"],
            "etom": "v24.0",
            "owner": "Отдел",
            "external": False,
            "functions": ["route-contacts"],
            "interfaces": [{"to": "orders", "purpose": "заказ"}],
        },
        {
            "id": "orders",
            "name": "Заказы",
            "implements": ["1.1.1.5@standard", "1.3.8"],
            "functions": ["issue-order"],
        },
    ],
    "waivers": [
        {"rule": "FAB-2", "subject": "1.1.1.2", "target": "B", "reason": "Партнёр", "expires": "2999-01-01"}
    ],
}


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place of the base model: each key's value, each list item, and a new key."""
    found = [path]
    if isinstance(data, dict):
        found.append((*path, "unexpected"))
        for key, value in data.items():
            found.extend(_paths(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_paths(value, (*path, index)))
    return found


PATHS = [p for p in _paths(BASE) if p]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.sampled_from(
        [
            *("", " ", "yes", "no", "on", "~", "null", "1.1.1.5", "1.1.12", "1.10", "TODO", "x" * 200),
            *("v24.0", "v22.0", "standard", "1.3.7@v23.5", "1.3.3@", "1.3.10.4@v24.0"),
        ]
    ),
    st.text(max_size=12),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["to", "id", "a", "x-b"]), inner, max_size=3),
    ),
    max_leaves=8,
)


def _put(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    node: Any = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


def _run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code: Any = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code
    return (code if isinstance(code, int) else -1), out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("types")


@given(st.sampled_from(PATHS), values)
def test_any_value_anywhere(work: Path, path: tuple[Any, ...], value: Any) -> None:
    model = work / "model.yaml"
    model.write_text(yaml.safe_dump(_put(path, value), allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out, err = _run(["check", str(model), "--format", "json", "--lang", "en"])
    assert (code, err) in ((0, ""), (1, "")), (code, err)
    result = json.loads(out)
    assert all(f["location"]["line"] >= 1 and f["location"]["column"] >= 1 for f in result["findings"])
    for command in (["report", "-o", str(work / "r.html")], ["graph", "--format", "graphml"]):
        code, _, err = _run([command[0], str(model), *command[1:]])
        assert code in (0, 1) and err == "", (command, code, err)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("processes", 0, "id"), ["contacts"]),
        (("processes", 0, "id"), {"a": 1}),
        (("processes", 0, "implements"), [["1.1.1.2"], {"a": 1}]),
        (("processes", 0, "functions"), {"route-contacts": True}),
        (("processes", 0, "interfaces"), [["orders"]]),
        (("processes", 0, "interfaces", 0, "to"), {"id": "orders"}),
        (("waivers", 0, "rule"), ["FAB-2"]),
        (("waivers", 0, "target"), {"group": "B"}),
        (("waivers", 0, "subject"), True),
        (("waivers", 0, "expires"), [2999]),
        (("organisation",), ["ООО «Тест»", "x"]),
    ],
)
def test_a_wrong_type_is_a_model_finding_at_its_line(work: Path, path: tuple[Any, ...], value: Any) -> None:
    """The value of the wrong type gives a model finding (exit 1) on the line where it is written."""
    text = yaml.safe_dump(_put(path, value), allow_unicode=True, sort_keys=False)
    model = work / "typed.yaml"
    model.write_text(text, encoding="utf-8")
    code, out, err = _run(["check", str(model), "--format", "json", "--lang", "en", "--select", "MOD"])
    assert (code, err) == (1, "")
    key = str(path[-1]) if isinstance(path[-1], str) else None
    lines = text.splitlines()
    findings = json.loads(out)["findings"]
    assert findings, text
    for f in findings:
        assert f["category"] == "model"
        if key is not None:  # the finding is on the key's line or within its value
            first = next(i for i, line in enumerate(lines, 1) if line.lstrip("- ").startswith(key + ":"))
            assert f["location"]["line"] >= first, (f, text)
