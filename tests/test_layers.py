"""The house: layers as packages, imports that flow one way, no cycle, a small top level, and no
``rule.kind == ...`` outside ``kinds/``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from checker.kinds import KINDS

from .conftest import ROOT

PACKAGE = ROOT / "checker"
# each layer may import those before it in this list (and itself)
LAYERS = ["_version", "findings", "i18n", "io", "standard", "model", "kinds", "engine", "reporters", "cli"]


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The checker modules a file imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module(path) if path.name == "__init__.py" else _module(path).rsplit(".", 1)[0]
    found: set[str] = set()
    typing_only = {
        id(n)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and ast.unparse(block.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
        for n in ast.walk(block)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:  # for the type checker only: never imported when running
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("checker"):
                modules = [f"{target}.{a.name}" for a in node.names if _exists(f"{target}.{a.name}")]
                found.update(modules if len(modules) == len(node.names) else [target, *modules])
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("checker"))
    return found


def _exists(module: str) -> bool:
    relative = Path(*module.split("."))
    return (ROOT / relative).with_suffix(".py").is_file() or (ROOT / relative / "__init__.py").is_file()


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "checker"


MODULES = {_module(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {m: {i for i in _imports(p) if i in MODULES and i != m} for m, p in MODULES.items()}


def test_a_small_top_level_and_layers_as_packages() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 6, top
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert {"io", "standard", "model", "kinds", "engine", "reporters", "cli"} <= set(packages)
    for package in packages:
        docstring = ast.get_docstring(
            ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8"))
        )
        assert docstring and "import" in docstring, f"{package}/__init__.py says what it may import"


def test_imports_flow_one_way() -> None:
    wrong = []
    for module, imported in GRAPH.items():
        layer = _layer(module)
        if layer in ("checker", "__main__"):
            continue
        for other in imported:
            target = _layer(other)
            if target == "checker" or LAYERS.index(target) > LAYERS.index(layer):
                wrong.append((module, other))
    assert not wrong, wrong


def test_no_import_cycle() -> None:
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(module: str, trail: list[str]) -> bool:
        state[module] = 1
        for other in sorted(GRAPH[module]):
            if state.get(other) == 1:
                cycle.extend([*trail, module, other])
                return True
            if other not in state and visit(other, [*trail, module]):
                return True
        state[module] = 2
        return False

    for module in sorted(GRAPH):
        if module not in state and visit(module, []):
            break
    assert not cycle, " -> ".join(cycle)


def test_the_check_can_fail() -> None:
    """The import reader sees relative imports (so the tests above can fail)."""
    assert "checker.engine.run" in GRAPH["checker.engine"]
    assert "checker.kinds" in GRAPH["checker.engine.run"]


def test_no_kind_names_outside_kinds() -> None:
    """What a kind means lives in its record: no ``rule.kind == "..."`` and no kind name used as a
    string anywhere outside ``kinds/``."""
    names = "|".join(re.escape(k) for k in KINDS if "-" in k)  # the names that are not common words
    pattern = re.compile(rf"\b(rule|r)\.kind\s*(==|!=|in)\s*|[\"']({names})[\"']")
    for module, path in MODULES.items():
        if _layer(module) == "kinds":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            assert not pattern.search(code), f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
