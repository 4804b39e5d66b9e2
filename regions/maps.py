"""The map of the territory: oblast outlines (regions/mapdata/oblasts.json, from Natural Earth),
the schematic tile map of the units below an oblast (regions/mapdata/district_tiles.json), and the
classes a figure is coloured by. Nothing here is fetched at run time: both files are committed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from regions.models import AdministrativeUnit

MAPDATA = Path(__file__).resolve().parent / "mapdata"
CLASS_COUNT = 5
TILE = 100  # a tile's side in SVG units, gap included
TILE_GAP = 6
MARKER_RADIUS = 9
BISHKEK = "KG-GB"


@cache
def outlines() -> dict:
    """{"viewbox": [...], "shapes": {iso: svg path}, "markers": {iso: [x, y]}}."""
    return json.loads((MAPDATA / "oblasts.json").read_text(encoding="utf-8"))


@cache
def tile_layout() -> dict[str, dict[str, list[int]]]:
    data = json.loads((MAPDATA / "district_tiles.json").read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_")}


def svg_number(value: float) -> str:
    """A coordinate as SVG reads it, whatever the page language writes numbers like."""
    return f"{value:g}"


@dataclass
class Shape:
    """One unit as drawn: an outline (``path``), a city marker (``cx``/``cy``) or a tile
    (``x``/``y``); the class number is written at ``label_x``/``label_y``. Coordinates are
    strings in SVG's own number format (a decimal point, never the page's decimal comma)."""

    unit: AdministrativeUnit
    path: str = ""
    cx: str = ""
    cy: str = ""
    x: str = ""
    y: str = ""
    size: str = svg_number(TILE - TILE_GAP)
    label_x: str = ""
    label_y: str = ""
    name_y: str = ""

    def __post_init__(self):
        for name in ("cx", "cy", "x", "y", "label_x", "label_y", "name_y"):
            value = getattr(self, name)
            if not isinstance(value, str):
                setattr(self, name, svg_number(value))


def country_shapes(units: list[AdministrativeUnit]) -> tuple[list[Shape], list[float]]:
    """The units with an outline or marker (matched by ISO 3166-2 code), outlines first so that
    cities are drawn on top, and the map's viewBox."""
    data = outlines()
    shapes = []
    for unit in units:
        if unit.iso_3166_2 in data["shapes"]:
            lx, ly = data["labels"][unit.iso_3166_2]
            if unit.iso_3166_2 == BISHKEK:  # too small to write in: beside it, to the north-east
                lx, ly = lx + 26, ly - 12
            shapes.append(Shape(unit, path=data["shapes"][unit.iso_3166_2], label_x=lx, label_y=ly))
    for unit in units:
        if unit.iso_3166_2 in data["markers"]:
            cx, cy = data["markers"][unit.iso_3166_2]
            label = (cx - MARKER_RADIUS - 14, cy + 6)
            shapes.append(Shape(unit, cx=cx, cy=cy, label_x=label[0], label_y=label[1]))
    return shapes, data["viewbox"]


def tile_shapes(
    parent: AdministrativeUnit, units: list[AdministrativeUnit]
) -> tuple[list[Shape], list[float]]:
    """The units below ``parent`` as squares on the committed grid; units the layout does not know
    (added later by import) go in rows below it."""
    layout = tile_layout().get(parent.soate, {})
    placed = [(unit, layout[unit.soate]) for unit in units if unit.soate in layout]
    columns = max((col for _u, (col, _r) in placed), default=-1) + 1
    rows = max((row for _u, (_c, row) in placed), default=-1) + 1
    extra = [unit for unit in units if unit.soate not in layout]
    width = max(columns, 4)
    for index, unit in enumerate(extra):
        placed.append((unit, [index % width, rows + index // width]))
    columns = max((col for _u, (col, _r) in placed), default=0) + 1
    rows = max((row for _u, (_c, row) in placed), default=0) + 1
    shapes = [
        Shape(
            unit,
            x=col * TILE + TILE_GAP / 2,
            y=row * TILE + TILE_GAP / 2,
            label_x=col * TILE + TILE / 2,
            label_y=row * TILE + TILE / 2,
            name_y=row * TILE + TILE / 2 + 28,
        )
        for unit, (col, row) in placed
    ]
    return shapes, [0, 0, columns * TILE, rows * TILE]


@dataclass(frozen=True)
class MapClass:
    number: int  # 1 … CLASS_COUNT; 0 is "no data"
    low: Decimal | None
    high: Decimal | None


def classify(values: list[Decimal | int | None]) -> tuple[list[MapClass], list[int]]:
    """Equal intervals between the smallest and the largest value, at most CLASS_COUNT classes
    (one when all values are equal). Returns the classes (lowest first) and each value's class
    number, 0 for a missing value."""
    known = [Decimal(v) for v in values if v is not None]
    if not known:
        return [], [0 for _ in values]
    low, high = min(known), max(known)
    if all(value == value.to_integral_value() for value in known):
        # Counts: whole-number classes that do not overlap ("0 – 1", "2 – 3"), never "0 – 0,8".
        span = int(high - low) + 1
        step = -(-span // min(CLASS_COUNT, span))  # ceiling division, in whole numbers
        count = -(-span // step)
        classes = [
            MapClass(i + 1, low + step * i, min(low + step * (i + 1) - 1, high))
            for i in range(count)
        ]
    else:
        count = CLASS_COUNT if high > low else 1
        step = (high - low) / count
        classes = [
            MapClass(i + 1, low + step * i, high if i == count - 1 else low + step * (i + 1))
            for i in range(count)
        ]

    def number(value) -> int:
        if value is None:
            return 0
        if step == 0:
            return 1
        return min(int((Decimal(value) - low) / step) + 1, count)

    return classes, [number(v) for v in values]
