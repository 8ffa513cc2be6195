#!/usr/bin/env python3
"""Turns world-atlas's countries-110m.json (TopoJSON of Natural Earth 1:110m countries) into the
compact outline file the HTML map embeds: {"countries": [{"name": str, "rings": [[lon, lat,
lon, lat, ...], ...]}]}, coordinates rounded to 0.01 degree, rings as flat arrays.

Usage: python3 world.py countries-110m.json OUT.json
Stdlib only; deterministic.
"""
import json
import sys


def decode_arcs(topo):
    """Absolute [lon, lat] points of every arc: delta-decoded, then un-quantized."""
    scale = topo["transform"]["scale"]
    translate = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    """A ring from arc indexes; a negative index ~i is arc i reversed. Shared end points of
    consecutive arcs are kept once. Longitudes are unwrapped so that a ring crossing the
    antimeridian (Russia, Fiji) stays continuous instead of jumping across the map; the part
    beyond ±180 lies outside the world's frame."""
    out = []
    for i in indexes:
        points = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(points if not out else points[1:])
    unwrapped = []
    for lon, lat in out:
        if unwrapped:
            prev = unwrapped[-1][0]
            while lon - prev > 180:
                lon -= 360
            while lon - prev < -180:
                lon += 360
        unwrapped.append((lon, lat))
    return unwrapped


def main():
    topo = json.load(open(sys.argv[1], encoding="utf-8"))
    arcs = decode_arcs(topo)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g.get("arcs", [])
        rings = []
        for polygon in polygons:
            for r in polygon:
                flat = []
                for lon, lat in ring(arcs, r):
                    flat.extend((round(lon, 2), round(lat, 2)))
                rings.append(flat)
        if rings:
            countries.append({"name": g.get("properties", {}).get("name", ""), "rings": rings})
    countries.sort(key=lambda c: c["name"])
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump({"countries": countries}, out, separators=(",", ":"))
    print("%d countries -> %s" % (len(countries), sys.argv[2]))


if __name__ == "__main__":
    main()
