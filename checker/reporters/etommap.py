"""The eTOM Operations map laid out as the framework draws it: the horizontal groupings (CRM,
SM&O, RM&O, S/PRM) as rows against the verticals (OSR, F, A, B) as columns.

Each level-2 element is placed by its verticals from the catalogue: one in OSR fills its row's
OSR cell; one in several of F, A, B gets a band of its own across those columns (above the other
elements when the catalogue lists it first, below otherwise); the rest share their column's cell.
The result is plain geometry (boxes and wrapped text) that a template turns into SVG.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import ceil

from ..standard.catalogue import Catalogue, element_level, parent_id

COLUMNS = ("OSR", "F", "A", "B")
LABEL_W, OSR_W, FAB_W, HEAD_H = 130, 190, 330, 46
BOX_H, SPAN_H, GAP, PAD = 74, 44, 6, 8
CHAR_W, LINE_H = 6.2, 13


@dataclass
class Box:
    element: str
    name: str
    status: str
    x: float
    y: float
    w: float
    h: float
    lines: list[str] = field(default_factory=list)


@dataclass
class Band:
    """A row of the map: one horizontal grouping."""

    element: str
    label: str
    name: str
    y: float
    h: float


@dataclass
class Column:
    id: str
    name: str
    x: float
    w: float


@dataclass
class Map:
    width: float
    height: float
    columns: list[Column]
    rows: list[Band]
    boxes: list[Box]


def wrap(text: str, width: float, max_lines: int = 3) -> list[str]:
    """Words of ``text`` in lines that fit ``width`` pixels (approximately), at most ``max_lines``."""
    limit = max(4, int(width / CHAR_W))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: limit - 1].rstrip() + "…"
    return [line if len(line) <= limit else line[: limit - 1] + "…" for line in lines]


def _column_x() -> dict[str, tuple[float, float]]:
    x = LABEL_W
    out: dict[str, tuple[float, float]] = {}
    for col in COLUMNS:
        w = OSR_W if col == "OSR" else FAB_W
        out[col] = (x, w)
        x += w
    return out


def _grid(n: int) -> tuple[int, int]:
    cols = n if n <= 3 else ceil(n / 2)
    return cols, ceil(n / cols)


def layout(catalogue: Catalogue, statuses: dict[str, str], lang: str, area: str = "1.1") -> Map:
    """Geometry of the map of ``area`` with each level-2 element in ``statuses`` coloured."""
    cx = _column_x()
    columns = [
        Column(c, wrap(catalogue.verticals.get(c, {}).get(lang, c), cx[c][1] - 24, 1)[0], *cx[c])
        for c in COLUMNS
    ]
    boxes: list[Box] = []
    rows: list[Band] = []
    y = float(HEAD_H)
    for grouping in catalogue.groupings(area):
        elements = [
            e
            for e in catalogue.elements.values()
            if element_level(e.id) == 2 and parent_id(e.id) == grouping and e.verticals
        ]
        osr = [e for e in elements if "OSR" in e.verticals]
        spans = [e for e in elements if "OSR" not in e.verticals and len(e.verticals) > 1]
        singles = [e for e in elements if "OSR" not in e.verticals and len(e.verticals) == 1]
        first_single = elements.index(singles[0]) if singles else len(elements)
        top = [e for e in spans if elements.index(e) < first_single]
        bottom = [e for e in spans if elements.index(e) >= first_single]
        per_col = {c: [e for e in singles if e.verticals[0] == c] for c in COLUMNS[1:]}
        grid_rows = max((_grid(len(v))[1] for v in per_col.values() if v), default=0)
        cell_h = grid_rows * BOX_H + max(0, grid_rows - 1) * GAP
        bands_h = (len(top) + len(bottom)) * (SPAN_H + GAP)
        inner = max(bands_h + (cell_h + GAP if cell_h else 0) - GAP, BOX_H)
        row_h = inner + 2 * PAD
        cursor = y + PAD

        def add(element_id: str, x: float, top_y: float, w: float, h: float) -> None:
            name = catalogue.name(element_id, lang)
            status = statuses.get(element_id, "not-required")
            box = Box(
                element_id, name, status, x, top_y, w, h, wrap(name, w - 10, max(1, int((h - 30) / LINE_H)))
            )
            boxes.append(box)

        for element in top:
            x0, w0 = _span(element.verticals, cx)
            add(element.id, x0 + GAP / 2, cursor, w0 - GAP, SPAN_H)
            cursor += SPAN_H + GAP
        for col, items in per_col.items():
            if not items:
                continue
            gcols, _ = _grid(len(items))
            x0, w0 = cx[col]
            bw = (w0 - GAP) / gcols - GAP
            for i, element in enumerate(items):
                r, c = divmod(i, gcols)
                add(element.id, x0 + GAP + c * (bw + GAP), cursor + r * (BOX_H + GAP), bw, BOX_H)
        if cell_h:
            cursor += cell_h + GAP
        for element in bottom:
            x0, w0 = _span(element.verticals, cx)
            add(element.id, x0 + GAP / 2, cursor, w0 - GAP, SPAN_H)
            cursor += SPAN_H + GAP
        for element in osr:
            x0, w0 = cx["OSR"]
            add(element.id, x0 + GAP, y + PAD, w0 - 2 * GAP, inner)
        label = catalogue.elements[grouping].abbr or grouping
        rows.append(Band(grouping, label, catalogue.name(grouping, lang), y, row_h))
        y += row_h
    width = LABEL_W + OSR_W + 3 * FAB_W
    return Map(width, y, columns, rows, boxes)


def _span(verticals: tuple[str, ...], cx: dict[str, tuple[float, float]]) -> tuple[float, float]:
    """x and width covering the given columns (from the leftmost to the rightmost)."""
    xs = [cx[v] for v in verticals if v in cx]
    left = min(x for x, _ in xs)
    right = max(x + w for x, w in xs)
    return left, right - left
