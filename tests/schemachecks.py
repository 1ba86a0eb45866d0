"""``python -m tests.schemachecks``: generate the predicates of the shipped schemas and of the
kinds' options anew (``checker/io/_schemachecks.py``, ``checker/kinds/_optionchecks.py``) after
a schema or a kind's options change; ``test_schemachecks`` fails until they are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.io.schemacheck import generate

ROOT = Path(__file__).resolve().parent.parent
IO_MODULE = ROOT / "checker" / "io" / "_schemachecks.py"
KINDS_MODULE = ROOT / "checker" / "kinds" / "_optionchecks.py"


def shipped_schemas() -> dict[str, Any]:
    """Every schema the checker names (``checker.io.schemas.SCHEMAS``), as it checks with it."""
    from checker.io.schemas import SCHEMAS, effective

    return {kind: effective(kind) for kind in SCHEMAS}


def option_schemas() -> dict[str, Any]:
    from checker.kinds import KINDS

    return {name: kind.options for name, kind in KINDS.items()}


def sources() -> dict[Path, str]:
    """Each generated module's path -> the source it must hold."""
    return {
        IO_MODULE: generate(shipped_schemas(), "Predicates of the JSON Schemas shipped in checker/schema."),
        KINDS_MODULE: generate(option_schemas(), "Predicates of the options of each rule kind."),
    }


def update() -> list[Path]:
    written = []
    for path, source in sources().items():
        if not path.exists() or path.read_text(encoding="utf-8") != source:
            path.write_text(source, encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    for path in update():
        print(path.relative_to(ROOT))
