"""The map of a view: country outlines and the view's places, drawn on the server as SVG.

Country outlines come from world-atlas 2.0.2 (npm; Natural Earth's 1:50m and 1:110m countries
as TopoJSON, ISC licence; ``timeline/data/world-atlas/``), read once per process. The places are
the view's place facet (search.counts) that have coordinates; each is a marker whose area
grows with its events. The map is an equirectangular projection of the markers' extent (the
longitudes shrunk by the cosine of its middle latitude, so that shapes keep their proportions
there), padded and widened to the chart's aspect; only the countries it crosses are drawn, at
1:50m for a region and 1:110m for a wider view. No tile server, no script needed.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

ATLAS = Path(__file__).parent / "data" / "world-atlas"
WIDTH, HEIGHT = 720, 400
# The least extent drawn, in degrees of latitude: one place alone shows its region.
MIN_SPAN = 6.0
PAD = 0.15  # of the extent, on each side
FINE_BELOW = 40.0  # degrees of longitude: narrower views are drawn from the 1:50m outlines
MAX_MARKER, MIN_MARKER = 18.0, 3.0  # radii, in map units


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) rings
    bbox: tuple[float, float, float, float]  # west, south, east, north


@dataclass(frozen=True, slots=True)
class Marker:
    place_id: str
    name: str
    count: int
    x: float
    y: float
    r: float


@dataclass(frozen=True, slots=True)
class Map:
    width: int
    height: int
    outlines: list[tuple[str, str]]  # (country name, SVG path data)
    markers: list[Marker]  # largest first, so that the smaller are drawn over them
    unplaced: int  # places of the view without coordinates


@functools.cache
def countries(scale: str) -> tuple[Country, ...]:
    """The countries of world-atlas's ``countries-{scale}.json`` ("50m" or "110m")."""
    topology = json.loads((ATLAS / f"countries-{scale}.json").read_text(encoding="utf-8"))
    (kx, ky), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # delta-encoded, quantized positions
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * kx + tx, y * ky + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> tuple[tuple[float, float], ...]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return tuple(points)

    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = tuple(ring(r) for polygon in polygons for r in polygon)
        lons = [lon for r in rings for lon, _ in r]
        lats = [lat for r in rings for _, lat in r]
        name = geometry.get("properties", {}).get("name", "")
        out.append(Country(name, rings, (min(lons), min(lats), max(lons), max(lats))))
    return tuple(out)


def _extent(points: list[tuple[float, float]]) -> tuple[float, float, float, float, float]:
    """(west, south, east, north, shrink) of the map: the points' extent, padded, at least
    MIN_SPAN high, widened or heightened to the chart's aspect in projected units."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    shrink = math.cos(math.radians(max(-70.0, min(70.0, (south + north) / 2))))
    width, height = (east - west) * shrink, north - south
    width, height = max(width, MIN_SPAN), max(height, MIN_SPAN * HEIGHT / WIDTH)
    width, height = width * (1 + 2 * PAD), height * (1 + 2 * PAD)
    if width / height < WIDTH / HEIGHT:
        width = height * WIDTH / HEIGHT
    else:
        height = width * HEIGHT / WIDTH
    middle_lon, middle_lat = (west + east) / 2, (south + north) / 2
    half_lon, half_lat = width / shrink / 2, height / 2
    return (
        middle_lon - half_lon,
        middle_lat - half_lat,
        middle_lon + half_lon,
        middle_lat + half_lat,
        shrink,
    )


def draw(places: list[tuple[str, str, int, float | None, float | None]]) -> Map | None:
    """The map of these places: (id, name, events, latitude, longitude) each; None when none
    has coordinates."""
    located = [p for p in places if p[3] is not None and p[4] is not None]
    if not located:
        return None
    west, south, east, north, shrink = _extent([(lon, lat) for *_, lat, lon in located])
    kx, ky = WIDTH / (east - west), HEIGHT / (north - south)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * kx, 1), round((north - lat) * ky, 1)

    scale = "50m" if east - west < FINE_BELOW else "110m"
    outlines = []
    for country in countries(scale):
        w, s, e, n = country.bbox
        if e < west or w > east or n < south or s > north:
            continue
        path = []
        for ring in country.rings:
            # A map unit is about a pixel: outlines in whole units, a point on the same unit as
            # the one before left out (finer outlines weigh more and show nothing more).
            # Clipped to the map first: a country's far coasts cost bytes and show nothing.
            clipped = _clip([((lon - west) * kx, (north - lat) * ky) for lon, lat in ring])
            points = [(round(x), round(y)) for x, y in clipped]
            kept = points[:1] + [
                p for prev, p in zip(points, points[1:], strict=False) if p != prev
            ]
            if len(kept) > 2:
                path.append("M" + "L".join(f"{x},{y}" for x, y in kept) + "Z")
        if path:
            outlines.append((country.name, "".join(path)))
    peak = max(p[2] for p in located) or 1
    markers = []
    for place_id, name, count, lat, lon in located:
        x, y = project(lon, lat)
        r = MIN_MARKER + (MAX_MARKER - MIN_MARKER) * math.sqrt(count / peak)
        markers.append(Marker(place_id, name, count, x, y, round(r, 1)))
    markers.sort(key=lambda m: (-m.count, m.name))
    return Map(WIDTH, HEIGHT, outlines, markers, len(places) - len(located))


def _clip(ring: list[tuple[float, float]], margin: float = 4.0) -> list[tuple[float, float]]:
    """The ring clipped to the map and a margin around it (Sutherland–Hodgman, one edge of the
    rectangle at a time)."""
    edges = (
        (lambda p: p[0] >= -margin, lambda a, b: _at_x(a, b, -margin)),
        (lambda p: p[0] <= WIDTH + margin, lambda a, b: _at_x(a, b, WIDTH + margin)),
        (lambda p: p[1] >= -margin, lambda a, b: _at_y(a, b, -margin)),
        (lambda p: p[1] <= HEIGHT + margin, lambda a, b: _at_y(a, b, HEIGHT + margin)),
    )
    for inside, cross in edges:
        if not ring:
            break
        out = []
        previous = ring[-1]
        for point in ring:
            if inside(point):
                if not inside(previous):
                    out.append(cross(previous, point))
                out.append(point)
            elif inside(previous):
                out.append(cross(previous, point))
            previous = point
        ring = out
    return ring


def _at_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y
