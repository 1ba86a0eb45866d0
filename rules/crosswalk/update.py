"""Import the eTOM crosswalk into the rule data.

The crosswalk says, for each element of GOST R 53633.3-2009 (the 12 level-2 CRM elements and 37
of their level-3 children) and each release of TM Forum's eTOM that a source covers, which id
stands for it in that release and how (``same``, ``renamed``, ``moved-level``, ``split``,
``deleted``, ``unknown``), with the evidence and the source of every row. Its origin and limits
are in ``source/PROVENANCE.md``.

    python rules/crosswalk/update.py [CSV]

With a CSV, copies it to ``source/etom-crosswalk.csv`` first; then writes ``etom-crosswalk.yaml``
from ``source/etom-crosswalk.csv``. Every column of every row is kept: the ``evidence`` and
``source`` fields, joined in the CSV by ``+`` and `` ; ``, become lists. The ``releases`` block
is derived from the rows: a release is complete when every element has a row in it; a partial
one (a missing row means "not checked", not "no counterpart") falls back to the complete release
that continues it (``v23.0`` -> ``v23.0.1``), if there is one. The YAML is checked by the
``crosswalk`` definition of ``checker/schema/rulepack.schema.json`` when the checker loads it.

The output is deterministic: the same CSV gives byte-identical YAML (a test checks that the
committed YAML is what this script makes of the committed CSV).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source" / "etom-crosswalk.csv"
TARGET = HERE / "etom-crosswalk.yaml"
COLUMNS = [
    "gost_id",
    "gost_name_en",
    "etom_version",
    "modern_id",
    "modern_name",
    "modern_level",
    "relation",
    "evidence",
    "source",
    "note",
]


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.lstrip("v").split("."))


def _id_key(element: str) -> tuple[int, ...]:
    return tuple(int(p) for p in element.split("."))


def _text(value: str) -> str:
    """A YAML scalar for any text: JSON's quoting is valid YAML."""
    return json.dumps(value, ensure_ascii=False)


def read_rows(raw: bytes) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8"), newline=""))
    if reader.fieldnames != COLUMNS:
        raise SystemExit(f"unexpected columns {reader.fieldnames}; expected {COLUMNS}")
    return list(reader)


def releases(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    """Each release with its row count, whether it is complete, and the release a partial one
    falls back to."""
    elements = {r["gost_id"] for r in rows}
    by_release: dict[str, set[str]] = {}
    for r in rows:
        by_release.setdefault(r["etom_version"], set()).add(r["gost_id"])
    complete = {v for v, held in by_release.items() if held == elements}
    out: list[dict[str, object]] = []
    for version in sorted(by_release, key=_key):
        entry: dict[str, object] = {
            "id": version,
            "rows": sum(1 for r in rows if r["etom_version"] == version),
            "complete": version in complete,
        }
        if version not in complete:
            later = sorted((c for c in complete if _key(c)[: len(_key(version))] == _key(version)), key=_key)
            if later:
                entry["fallback"] = later[0]
        out.append(entry)
    return out


def to_yaml(raw: bytes, source_name: str) -> str:
    rows = read_rows(raw)
    digest = hashlib.sha256(raw).hexdigest()
    lines = [
        "# The eTOM crosswalk: which id of each eTOM release stands for each element of",
        "# GOST R 53633.3-2009. Written by rules/crosswalk/update.py from",
        f"# {source_name}; do not edit by hand (see source/PROVENANCE.md).",
        "crosswalk: 1",
        f"source: {{file: {_text(source_name)}, sha256: {_text(digest)}}}",
        "releases:",
    ]
    for entry in releases(rows):
        fields = ", ".join(
            f"{k}: {_text(v) if isinstance(v, str) else str(v).lower()}" for k, v in entry.items()
        )
        lines.append(f"  - {{{fields}}}")
    lines.append("rows:")
    ordered = sorted(rows, key=lambda r: (_id_key(r["gost_id"]), _key(r["etom_version"])))
    for r in ordered:
        lines.append(f"  - element: {_text(r['gost_id'])}")
        lines.append(f"    element_name: {_text(r['gost_name_en'])}")
        lines.append(f"    release: {_text(r['etom_version'])}")
        if r["modern_id"]:
            lines.append(f"    id: {_text(r['modern_id'])}")
        if r["modern_name"]:
            lines.append(f"    name: {_text(r['modern_name'])}")
        if r["modern_level"]:
            lines.append(f"    level: {int(r['modern_level'])}")
        lines.append(f"    relation: {_text(r['relation'])}")
        evidence = [e for e in r["evidence"].split("+") if e]
        lines.append("    evidence: [" + ", ".join(_text(e) for e in evidence) + "]")
        lines.append("    source:")
        lines.extend(f"      - {_text(s.strip())}" for s in r["source"].split(" ; ") if s.strip())
        if r["note"]:
            lines.append(f"    note: {_text(r['note'])}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        raise SystemExit("usage: python rules/crosswalk/update.py [CSV]")
    if argv:
        shutil.copyfile(argv[0], SOURCE)
    raw = SOURCE.read_bytes()
    TARGET.write_text(to_yaml(raw, "source/etom-crosswalk.csv"), encoding="utf-8", newline="\n")
    print(f"{TARGET.relative_to(HERE.parent.parent)}: {len(read_rows(raw))} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
