"""``python -m tests.schemachecks``: generate the predicates of the shipped schemas and of the
kinds' options anew (``checker/io/_schemachecks.py``, ``checker/kinds/_optionchecks.py``) after
a schema or a kind's options change; ``test_schemachecks`` fails until they are."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.io.schemacheck import generate

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FOLDER = ROOT / "checker" / "schema"
IO_MODULE = ROOT / "checker" / "io" / "_schemachecks.py"
KINDS_MODULE = ROOT / "checker" / "kinds" / "_optionchecks.py"

# the same names and parts as checker.io.schemas.SCHEMAS (read here from the files, so that
# the module can be made even when the one in the tree is missing or broken)
SCHEMAS = {
    "catalogue": "catalogue.schema.json",
    "manifest": "rulepack.schema.json#manifest",
    "rule": "rulepack.schema.json#rule",
    "custom": "rulepack.schema.json#custom",
    "model": "model.schema.json",
}


def shipped_schemas() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind, where in SCHEMAS.items():
        name, _, definition = where.partition("#")
        schema = json.loads((SCHEMA_FOLDER / name).read_text(encoding="utf-8"))
        if definition:
            schema = {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
        out[kind] = schema
    return out


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
