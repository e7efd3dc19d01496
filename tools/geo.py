"""Make data/geo/states.geojson: simplified outlines of every state in data/states.csv.

Source: Natural Earth 1:50m admin-0 countries (public domain), as packaged in the npm
package ``world-atlas`` (version pinned in package-lock.json; ``npm ci`` installs it).
Run from the repository root after ``npm ci``:

    .venv/bin/python -m tools.geo

The TopoJSON arcs are decoded here, each ring is simplified (Douglas-Peucker,
tolerance TOLERANCE degrees), rings smaller than MIN_AREA square degrees are dropped
(islands invisible at the book's zoom levels), and coordinates are rounded to
DECIMALS places, to keep the file small.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOPOJSON = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
OUT = ROOT / "data" / "geo" / "states.geojson"
TOLERANCE = 0.08
MIN_AREA = 0.15
DECIMALS = 2

# ISO 3166-1 numeric (the ids of world-atlas features) -> alpha-3 (the ids of states.csv)
NUMERIC = {
    "004": "AFG", "031": "AZE", "048": "BHR", "051": "ARM", "104": "MMR", "112": "BLR",
    "116": "KHM", "144": "LKA", "156": "CHN", "158": "TWN", "268": "GEO", "356": "IND",
    "364": "IRN", "398": "KAZ", "414": "KWT", "417": "KGZ", "418": "LAO", "462": "MDV",
    "496": "MNG", "524": "NPL", "586": "PAK", "634": "QAT", "643": "RUS", "682": "SAU",
    "762": "TJK", "784": "ARE", "792": "TUR", "795": "TKM", "804": "UKR", "818": "EGY",
    "840": "USA", "860": "UZB", "376": "ISR", "008": "ALB", "688": "SRB", "703": "SVK",
    "558": "NIC", "250": "FRA", "616": "POL", "203": "CZE",
}


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative.  A closed ring is split at its point farthest from
    the start, and each half simplified, since its two ends coincide."""
    if len(points) < 4:
        return points
    if points[0] == points[-1]:
        x0, y0 = points[0]
        far = max(range(len(points)), key=lambda i: (points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2)
        if 0 < far < len(points) - 1:
            return simplify(points[: far + 1], tol) + simplify(points[far:], tol)[1:]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
        best, index = -1.0, -1
        for i in range(a + 1, b):
            x0, y0 = points[i]
            d = abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / norm
            if d > best:
                best, index = d, i
        if best > tol:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep) if k]


def area(points: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def main() -> None:
    if not TOPOJSON.exists():
        raise SystemExit(f"{TOPOJSON} is missing: run 'npm ci' first")
    with (ROOT / "data" / "states.csv").open(encoding="utf-8") as fh:
        wanted = {row["iso3"]: row["name"] for row in csv.DictReader(fh)}
    unknown = sorted(set(wanted) - set(NUMERIC.values()))
    if unknown:
        raise SystemExit(f"no ISO numeric code known for {unknown}: add them to NUMERIC")
    topo = json.loads(TOPOJSON.read_text())
    arcs = decode_arcs(topo)
    features: list[dict[str, Any]] = []
    for geom in topo["objects"]["countries"]["geometries"]:
        iso3 = NUMERIC.get(str(geom.get("id")))
        if iso3 not in wanted:
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        out = []
        for poly in polys:
            rings = []
            for k, indices in enumerate(poly):
                pts = ring(indices, arcs)
                if k == 0 and area(pts) < MIN_AREA and len(polys) > 1:
                    break
                if iso3 == "RUS":  # keep Chukotka beside the rest of Russia, across the 180th meridian
                    pts = [(x + 360 if x < -100 else x, y) for x, y in pts]
                pts = simplify(pts, TOLERANCE)
                if len(pts) < 4:
                    continue
                rings.append([[round(x, DECIMALS), round(y, DECIMALS)] for x, y in pts])
            if rings:
                out.append(rings)
        if not out:  # a very small state: keep its largest polygon unsimplified
            largest = max(polys, key=lambda p: area(ring(p[0], arcs)))
            out = [[[[round(x, DECIMALS), round(y, DECIMALS)] for x, y in ring(largest[0], arcs)]]]
        features.append({
            "type": "Feature",
            "properties": {"iso3": iso3, "name": wanted[iso3]},
            "geometry": {"type": "MultiPolygon", "coordinates": out},
        })
    missing = sorted(set(wanted) - {f["properties"]["iso3"] for f in features})
    if missing:
        raise SystemExit(f"world-atlas has no outline for {missing}")
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:50m admin-0 countries (public domain), npm package world-atlas@2.0.2, "
                  f"simplified by tools/geo.py (tolerance {TOLERANCE} deg, rings under {MIN_AREA} sq deg dropped)",
        "features": sorted(features, key=lambda f: f["properties"]["iso3"]),
    }
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes, {len(features)} states)")


if __name__ == "__main__":
    main()
