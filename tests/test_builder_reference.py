"""The lean event builder and the compact positions table give exactly what the builder and the
table they replaced gave (``tests/reference``): the same data, the same problems, and the same
line and column for every key and value, on every YAML file of the repository and on generated
texts full of anchors, aliases, merge keys, repeated keys, tags and odd keys."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.io._builder import Builder, Stop, text_as_written
from checker.io.reading import Limits, parse_bytes

from .conftest import ROOT
from .reference import builder as reference

LIMITS = Limits(max_findings_per_file=50, max_alias_nodes=2_000, max_depth=12)


def _build(cls: Any, raw: bytes) -> tuple[Any, Any, list[Any]]:
    builder = cls("m.yaml", LIMITS)
    loader = yaml.CSafeLoader(raw)
    try:
        data, positions = builder.build(loader.get_event)
    except (Stop, reference.Stop):
        data, positions = None, None
    except yaml.YAMLError as exc:
        data, positions = ("error", str(exc)), None
    finally:
        loader.dispose()
    return data, positions, builder.problems


def _typed(value: Any) -> Any:
    """A value with the type of every scalar spelt out (``1`` and ``True`` differ)."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}, list(value)
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return type(value).__name__, value


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path, (*path, "nowhere"), (*path, 10_000)]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _same(raw: bytes) -> None:
    data, positions, problems = _build(Builder, raw)
    want, want_positions, want_problems = _build(reference.Builder, raw)
    assert problems == want_problems
    assert _typed(data) == _typed(want)
    if positions is None or not isinstance(data, dict | list):
        return
    assert positions.root == want_positions.root
    for path in _paths(data)[:3000]:
        assert positions.value(data, path) == want_positions.value(want, path), path
        assert positions.key(data, path) == want_positions.key(want, path), path


CORPUS = sorted(
    p
    for p in ROOT.rglob("*.y*ml")
    if ".venv" not in p.parts and ".git" not in p.parts and "build" not in p.parts
)


def test_the_corpus_is_large() -> None:
    assert len(CORPUS) > 150


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_repository(path: Path) -> None:
    _same(path.read_bytes())


SCALARS = ["a", "1", "0", "-3", "01", "1.10", "true", "yes", "null", "~", "''", '"<<"', "<<", "x y", "'1'"]
TAGS = ["", "", "", "!!str ", "!!int ", "!!bool ", "!custom ", "!!map ", "!!seq ", "! "]


class _Text:
    """A random YAML text, in block and flow style, with every construct the builder handles."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.anchors: list[str] = []

    def scalar(self) -> str:
        rng = self.rng
        text = rng.choice(TAGS[:7]) + rng.choice(SCALARS)
        if rng.random() < 0.1:
            name = f"s{len(self.anchors)}"
            self.anchors.append(name)
            return f"&{name} {text}"
        if self.anchors and rng.random() < 0.08:
            return f"*{rng.choice(self.anchors)}"
        return text

    def flow(self, depth: int) -> str:
        rng = self.rng
        roll = rng.random()
        if depth > 3 or roll < 0.5:
            return self.scalar()
        prefix = ""
        if rng.random() < 0.15:
            name = f"c{len(self.anchors)}"
            self.anchors.append(name)
            prefix = f"&{name} "
        if roll < 0.75:
            return prefix + "[" + ", ".join(self.flow(depth + 1) for _ in range(rng.randint(0, 3))) + "]"
        keys = [rng.choice(["a", "b", "id", "<<", "1", "'<<'"]) for _ in range(rng.randint(0, 3))]
        return prefix + "{" + ", ".join(f"{k}: {self.flow(depth + 1)}" for k in keys) + "}"

    def block(self, depth: int, indent: str) -> list[str]:
        rng = self.rng
        lines: list[str] = []
        for _ in range(rng.randint(1, 4)):
            key = rng.choice(["id", "name", "a", "b", "<<", "processes", "x", "? [k]", "'<<'", "2"])
            if key.startswith("?"):
                lines += [f"{indent}{key}", f"{indent}: {self.flow(depth)}"]
                continue
            roll = rng.random()
            if depth < 4 and roll < 0.25:
                lines.append(f"{indent}{key}:")
                lines += self.block(depth + 1, indent + "  ")
            elif depth < 4 and roll < 0.4:
                lines.append(f"{indent}{key}:")
                for _ in range(rng.randint(1, 3)):
                    inner = self.block(depth + 1, indent + "    ")
                    lines.append(f"{indent}  - " + inner[0].lstrip())
                    lines += inner[1:]
            elif key == "<<" and self.anchors:
                lines.append(f"{indent}<<: *{rng.choice(self.anchors)}")
            else:
                lines.append(f"{indent}{key}: {self.flow(depth)}")
        return lines

    def document(self) -> str:
        lines = self.block(0, "")
        if self.rng.random() < 0.05:
            lines += ["---", "a: 1"]
        return "\n".join(lines) + "\n"


def test_generated_texts() -> None:
    rng = random.Random(1212)
    parsed = 0
    for _ in range(1500):
        text = _Text(rng).document()
        _same(text.encode("utf-8"))
        parsed += 1
    assert parsed == 1500


def test_numbers_are_made_text_wherever_the_format_wants_text() -> None:
    """parse_bytes skips text_as_written when no whole number lies below the top mapping; what
    it gives is what always running it gives."""
    rng = random.Random(7)
    texts = [
        "model: 1\nx-n: &n 42\nprocesses:\n  - id: *n\n    name: P\n    implements: [1.1.1.5]\n",
        "model: 1\norganisation: {name: 5, id: 7}\n",
        "model: 1\nprocesses: [{id: 1, name: 2, implements: [3], interfaces: [{to: 4}]}]\n",
    ]
    texts += [
        "model: 1\nprocesses:\n"
        + "".join(
            f"  - id: {rng.choice(['1', 'a', '007'])}\n    name: {rng.choice(['2', 'b'])}\n"
            f"    implements: [{rng.choice(['1', '1.1.1.5'])}]\n"
            for _ in range(3)
        )
        for _ in range(40)
    ]
    for text in texts:
        doc, _ = parse_bytes(text.encode(), "m.yaml", Limits())
        data, _, _ = _build(reference.Builder, text.encode())
        text_as_written(data)
        assert doc is not None and _typed(doc.data) == _typed(data), text
