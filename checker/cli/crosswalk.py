"""``etom-check crosswalk``: the crosswalk from the standard's element ids to those of today's eTOM
releases, as text (in the language of the messages), JSON or CSV (the columns of its source)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import click

from ..engine.packs import pack_for
from ..i18n import Term, default_lang, term
from ..model.suggest import Suggester
from ..standard.crosswalk import Crosswalk, Row, load_crosswalk
from ..standard.rulepack import DEFAULT_STANDARD
from .errors import UsageError
from .options import lang_option

EXIT_OK = 0
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


def _csv(rows: list[Row]) -> str:
    """The rows in the columns (and the quoting and line ends) of the crosswalk's source CSV."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow(
            [
                r.element,
                r.element_name,
                r.release,
                r.id or "",
                r.name or "",
                "" if r.level is None else str(r.level),
                r.relation,
                "+".join(r.evidence),
                " ; ".join(r.source),
                r.note or "",
            ]
        )
    return out.getvalue()


def _row_dict(r: Row, name: str) -> dict[str, Any]:
    return {
        "element": r.element,
        "element_name": name,
        "release": r.release,
        "id": r.id,
        "name": r.name,
        "level": r.level,
        "relation": r.relation,
        "evidence": list(r.evidence),
        "source": list(r.source),
        "note": r.note,
    }


def _json(crosswalk: Crosswalk, rows: list[Row], names: dict[str, str], only: str | None) -> str:
    data = {
        "file": crosswalk.file,
        "source": crosswalk.source,
        "releases": [
            {"id": r.id, "rows": r.rows, "complete": r.complete, "fallback": r.fallback}
            for r in crosswalk.releases.values()
            if only is None or r.id == only
        ],
        "rows": [_row_dict(r, names.get(r.element, r.element_name)) for r in rows],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _text(crosswalk: Crosswalk, rows: list[Row], names: dict[str, str], lang: str, only: str | None) -> str:
    """A header with the releases, then each element with its row in each release (one line per
    element when one release is asked for)."""
    lines = [term("xw-title", lang, {"file": crosswalk.file, "sha256": crosswalk.source.get("sha256", "")})]
    for release in crosswalk.releases.values():
        if only is not None and release.id != only:
            continue
        key = "xw-release-full" if release.complete else "xw-release-partial"
        if release.fallback:
            key = "xw-release-fallback"
        lines.append(
            "  "
            + term(key, lang, {"release": release.id, "rows": release.rows, "fallback": release.fallback})
        )
    element = None
    if only is not None:
        lines.append("")
    for r in rows:
        if only is not None:
            target = f"{r.id} {r.name}" if r.id else "—"
            relation = term("xw-rel-" + r.relation, lang)
            name = names.get(r.element, r.element_name)
            lines.append(f"{r.element:<11} {name}: {relation}, {target}  [{'+'.join(r.evidence)}]")
            continue
        if r.element != element:
            element = r.element
            lines += ["", f"{r.element}  {names.get(r.element, r.element_name)}"]
        evidence = "+".join(r.evidence)
        target = f"{r.id} {r.name}" if r.id else "—"
        relation = term("xw-rel-" + r.relation, lang)
        lines.append(f"  {r.release:<8} {relation:<26} {target}  [{evidence}]")
    return "\n".join(lines)


@click.command("crosswalk")
@click.option(
    "--release",
    default=None,
    metavar="RELEASE",
    help="Only the rows of one eTOM release (v24.0; a partial release shows the rows it has).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True
)
@lang_option
def crosswalk_command(release: str | None, fmt: str, lang: str | None) -> int:
    """Print the crosswalk: which id of each eTOM release stands for each element of the standard,
    how (same, renamed, moved-level, split, deleted, unknown), on what evidence and from which
    source."""
    pack = pack_for(DEFAULT_STANDARD)
    if not pack.crosswalk:  # pragma: no cover - the shipped pack has one
        raise UsageError("e-no-crosswalk", standard=pack.standard)
    crosswalk = load_crosswalk(pack.crosswalk)
    lang = lang or default_lang()
    rows = crosswalk.rows
    found: str | None = None
    if release is not None:
        found = crosswalk.release(release)
        if found is None or found == "standard":
            known = ", ".join(crosswalk.releases)
            closest = Suggester(list(crosswalk.releases)).closest(release.strip())
            hint = Term("hint-closest" if closest else "t-none")
            raise UsageError("e-no-release", release=release, known=known, closest=closest or "", hint=hint)
        rows = [r for r in rows if r.release == found]
    names = {e: pack.catalogue.name(e, lang) for e in {r.element for r in rows} if e in pack.catalogue}
    if fmt == "csv":
        click.echo(_csv(rows), nl=False)
    elif fmt == "json":
        click.echo(_json(crosswalk, rows, names, found))
    else:
        click.echo(_text(crosswalk, rows, names, lang, found if release is not None else None))
    return EXIT_OK
