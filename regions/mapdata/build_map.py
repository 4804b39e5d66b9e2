"""Build oblasts.json, the map's oblast outlines, from QGIS's world_map.gpkg (Natural Earth).

Run once, by hand, when the boundaries change (nothing at run time reads the source):

    apt-get download qgis-common && dpkg -x qgis-common_*.deb /tmp/qgis
    python regions/mapdata/build_map.py /tmp/qgis/usr/share/qgis/resources/data/world_map.gpkg

Plain Python (sqlite3 + struct): reads the Kyrgyz rows of the ``states_provinces`` layer, projects
longitude/latitude to SVG coordinates (equirectangular, x scaled by cos of the mean latitude),
simplifies each ring with Douglas–Peucker and writes one SVG path per ISO 3166-2 code.
"""

from __future__ import annotations

import json
import math
import sqlite3
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WIDTH = 1000.0  # SVG units across the country
TOLERANCE = 0.5  # Douglas–Peucker tolerance, in SVG units
MEAN_LAT = 41.3
# Natural Earth's names (field ``name``) -> ISO 3166-2 codes of regions/data/kg_admin_units.csv.
ISO = {
    "Batken": "KG-B",
    "Chuy": "KG-C",
    "Jalal-Abad": "KG-J",
    "Naryn": "KG-N",
    "Osh": "KG-O",
    "Talas": "KG-T",
    "Ysyk-Köl": "KG-Y",
    "Bishkek": "KG-GB",
}
# Osh city has no polygon of its own in Natural Earth admin-1 (it lies inside Osh oblast there):
# the map marks it with a circle at its centre (GeoNames: 40.5333 N, 72.8000 E).
OSH_CITY = ("KG-GO", 72.80, 40.5333)


def wkb_polygons(blob: bytes) -> list[list[list[tuple[float, float]]]]:
    """Polygons (lists of rings of (lon, lat)) of a GeoPackage geometry blob."""
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 7]
    data, offset = blob, 8 + envelope
    polygons: list = []

    def read(offset: int):
        order = "<" if data[offset] == 1 else ">"
        (kind,) = struct.unpack_from(order + "I", data, offset + 1)
        offset += 5
        kind %= 1000
        if kind == 3:
            (nrings,) = struct.unpack_from(order + "I", data, offset)
            offset += 4
            rings = []
            for _ in range(nrings):
                (npoints,) = struct.unpack_from(order + "I", data, offset)
                offset += 4
                ring = list(struct.iter_unpack(order + "dd", data[offset : offset + 16 * npoints]))
                offset += 16 * npoints
                rings.append(ring)
            polygons.append(rings)
            return offset
        if kind == 6:
            (count,) = struct.unpack_from(order + "I", data, offset)
            offset += 4
            for _ in range(count):
                offset = read(offset)
            return offset
        raise ValueError(f"unexpected WKB geometry type {kind}")

    read(offset)
    return polygons


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        worst, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if distance > worst:
                worst, index = distance, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    """Area centroid of a closed ring (where the class number is written)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (3 * area), cy / (3 * area)


def main(gpkg: str) -> None:
    db = sqlite3.connect(gpkg)
    rows = db.execute(
        "SELECT name, geom FROM states_provinces WHERE adm0_a3 = 'KGZ' ORDER BY name"
    ).fetchall()
    shapes = {ISO[name]: wkb_polygons(geom) for name, geom in rows}
    if sorted(shapes) != sorted(ISO.values()):
        raise SystemExit(f"unexpected units: {sorted(shapes)}")
    lons = [x for polys in shapes.values() for p in polys for r in p for x, _ in r]
    lats = [y for polys in shapes.values() for p in polys for r in p for _, y in r]
    kx = math.cos(math.radians(MEAN_LAT))
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    scale = WIDTH / ((east - west) * kx)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * kx * scale, 1), round((north - lat) * scale, 1)

    height = round((north - south) * scale, 1)
    paths, labels = {}, {}
    for code, polygons in sorted(shapes.items()):
        outer = max((polygon[0] for polygon in polygons), key=len)
        labels[code] = list(project(*centroid(outer)))
        parts = []
        for polygon in polygons:
            for ring in polygon:
                projected = simplify([project(*p) for p in ring], TOLERANCE)
                if len(projected) < 4:
                    continue
                head, *rest = projected[:-1]
                parts.append(
                    f"M{head[0]:g} {head[1]:g}" + "".join(f"L{x:g} {y:g}" for x, y in rest) + "Z"
                )
        paths[code] = "".join(parts)
    x, y = project(OSH_CITY[1], OSH_CITY[2])
    out = {
        "source": "Natural Earth 1:10m Admin 1 v4.1.0 via QGIS world_map.gpkg (qgis-common)",
        "viewbox": [0, 0, WIDTH, height],
        "shapes": paths,
        "markers": {OSH_CITY[0]: [x, y]},
        "labels": labels,
    }
    (HERE / "oblasts.json").write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n")
    print(f"oblasts.json: {len(paths)} shapes, {(HERE / 'oblasts.json').stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
