//! Spatial groups of a document's places: DBSCAN over great-circle distance, with each place
//! weighted by its mentions, so that Raqqa, Deir ez-Zor and Abu Kamal form one area while
//! Tehran stands apart.
//!
//! A place is a core point when the mentions of the places within `radius_km` (itself
//! included) reach `min_mentions`; clusters are the core points linked within the radius plus
//! the places they reach. Countries and first-level regions are not clustered: their points
//! are centroids of large areas and would chain unrelated places together.
//!
//! Neighbours come from an `rstar` R-tree over unit vectors (chord distance is monotonic in
//! great-circle distance), so the whole run is O(n log n) for sparse documents.

use rstar::RTree;

use crate::resolve::{chord_of_km, distance_km, unit_vector};
use rstar::primitives::GeomWithData;

/// Default radius: places closer than this belong together. 150 km joins the towns of one
/// governorate or front (Raqqa–Deir ez-Zor is 125 km) and keeps neighbouring capitals apart
/// (Damascus–Beirut is 85 km, so they join; Baghdad–Tehran, 690 km, do not).
pub const DEFAULT_RADIUS_KM: f64 = 150.0;
/// Default mentions for a core point: one, so every clustered place belongs to some area.
pub const DEFAULT_MIN_MENTIONS: u32 = 1;

/// Clustering parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClusterOptions {
    /// Neighbourhood radius in kilometres.
    pub radius_km: f64,
    /// Mentions within the radius that make a place a core point.
    pub min_mentions: u32,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            radius_km: DEFAULT_RADIUS_KM,
            min_mentions: DEFAULT_MIN_MENTIONS,
        }
    }
}

/// A place to cluster.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Mentions (the weight).
    pub mentions: u32,
}

/// DBSCAN labels: `Some(cluster)` for each point, numbered 0.. in order of each cluster's first
/// point; `None` for noise.
pub fn dbscan(points: &[Point], options: &ClusterOptions) -> Vec<Option<u32>> {
    let tree: RTree<GeomWithData<[f64; 3], usize>> = RTree::bulk_load(
        points
            .iter()
            .enumerate()
            .map(|(i, p)| GeomWithData::new(unit_vector(p.lat, p.lon), i))
            .collect(),
    );
    // Chord length of the radius, squared, with a hair of slack for rounding; the exact
    // great-circle test below decides.
    let chord = chord_of_km(options.radius_km);
    let chord2 = chord * chord * (1.0 + 1e-9);
    let neighbours = |i: usize| -> Vec<usize> {
        let Some(p) = points.get(i) else {
            return Vec::new();
        };
        let mut n: Vec<usize> = tree
            .locate_within_distance(unit_vector(p.lat, p.lon), chord2)
            .map(|g| g.data)
            .filter(|&j| {
                points
                    .get(j)
                    .is_some_and(|q| distance_km(p.lat, p.lon, q.lat, q.lon) <= options.radius_km)
            })
            .collect();
        n.sort_unstable();
        n
    };
    let is_core = |n: &[usize]| -> bool {
        let weight: u64 = n
            .iter()
            .filter_map(|&j| points.get(j))
            .map(|q| u64::from(q.mentions))
            .sum();
        weight >= u64::from(options.min_mentions)
    };
    let mut labels: Vec<Option<u32>> = vec![None; points.len()];
    let mut visited = vec![false; points.len()];
    let mut next = 0u32;
    for i in 0..points.len() {
        if visited.get(i).copied().unwrap_or(true) {
            continue;
        }
        if let Some(v) = visited.get_mut(i) {
            *v = true;
        }
        let n = neighbours(i);
        if !is_core(&n) {
            continue;
        }
        let id = next;
        next += 1;
        if let Some(l) = labels.get_mut(i) {
            *l = Some(id);
        }
        let mut queue = n;
        while let Some(j) = queue.pop() {
            if labels.get(j).copied().flatten().is_none() {
                if let Some(l) = labels.get_mut(j) {
                    *l = Some(id);
                }
            }
            if visited.get(j).copied().unwrap_or(true) {
                continue;
            }
            if let Some(v) = visited.get_mut(j) {
                *v = true;
            }
            let m = neighbours(j);
            if is_core(&m) {
                queue.extend(m);
            }
        }
    }
    labels
}

/// The mention-weighted centre of some points, on the sphere.
pub fn centroid(points: &[Point]) -> (f64, f64) {
    let mut v = [0.0f64; 3];
    for p in points {
        let u = unit_vector(p.lat, p.lon);
        let w = f64::from(p.mentions.max(1));
        for (acc, x) in v.iter_mut().zip(u) {
            *acc += w * x;
        }
    }
    let [x, y, z] = v;
    let lon = y.atan2(x).to_degrees();
    let lat = z.atan2((x * x + y * y).sqrt()).to_degrees();
    (lat, lon)
}

/// Half-width, in degrees, of the strip drawn around two places or a line of places.
const LINE_BUFFER_DEG: f64 = 0.05;

/// The hull of some places as GeoJSON polygon rings (`[lon, lat]`), one polygon per side of
/// the antimeridian: a hull that crosses it is cut in two, as RFC 7946 asks. Longitudes are
/// unwrapped around the first point before the hull is computed, so a cluster spanning ±180°
/// stays compact. Fewer than three distinct, non-collinear places give a thin strip.
pub fn hull(points: &[Point]) -> Vec<Vec<[f64; 2]>> {
    let Some(first) = points.first() else {
        return Vec::new();
    };
    let unwrap = |lon: f64| {
        let mut d = lon - first.lon;
        while d > 180.0 {
            d -= 360.0;
        }
        while d < -180.0 {
            d += 360.0;
        }
        first.lon + d
    };
    let mut pts: Vec<[f64; 2]> = points.iter().map(|p| [unwrap(p.lon), p.lat]).collect();
    pts.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
    pts.dedup();
    let mut ring = convex_hull(&pts);
    if ring.len() < 3 {
        ring = strip(&pts);
    }
    if let Some(&start) = ring.first() {
        ring.push(start);
    }
    split_at_antimeridian(&ring)
}

fn cross(o: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
}

/// Andrew's monotone chain over sorted, distinct points: counter-clockwise, open ring.
fn convex_hull(pts: &[[f64; 2]]) -> Vec<[f64; 2]> {
    if pts.len() < 3 {
        return pts.to_vec();
    }
    let mut lower: Vec<[f64; 2]> = Vec::new();
    for &p in pts {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], p) <= 0.0 {
            lower.pop();
        }
        lower.push(p);
    }
    let mut upper: Vec<[f64; 2]> = Vec::new();
    for &p in pts.iter().rev() {
        while upper.len() >= 2 && cross(upper[upper.len() - 2], upper[upper.len() - 1], p) <= 0.0 {
            upper.pop();
        }
        upper.push(p);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower
}

/// A thin counter-clockwise rectangle around the extreme points of a line of places.
fn strip(pts: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let (Some(&a), Some(&b)) = (pts.first(), pts.last()) else {
        return Vec::new();
    };
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len = (dx * dx + dy * dy).sqrt();
    let (nx, ny) = if len > 0.0 {
        (-dy / len * LINE_BUFFER_DEG, dx / len * LINE_BUFFER_DEG)
    } else {
        (0.0, LINE_BUFFER_DEG)
    };
    let (ex, ey) = if len > 0.0 {
        (dx / len * LINE_BUFFER_DEG, dy / len * LINE_BUFFER_DEG)
    } else {
        (LINE_BUFFER_DEG, 0.0)
    };
    vec![
        [a[0] - ex - nx, a[1] - ey - ny],
        [b[0] + ex - nx, b[1] + ey - ny],
        [b[0] + ex + nx, b[1] + ey + ny],
        [a[0] - ex + nx, a[1] - ey + ny],
    ]
}

/// Cuts a closed ring at longitude +180 and −180 and shifts the parts beyond back into range.
fn split_at_antimeridian(ring: &[[f64; 2]]) -> Vec<Vec<[f64; 2]>> {
    let (min, max) = ring.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p[0]), hi.max(p[0]))
    });
    let edge = if max > 180.0 {
        180.0
    } else if min < -180.0 {
        -180.0
    } else {
        return vec![ring.to_vec()];
    };
    let inside = clip(ring, edge, edge > 0.0);
    let outside = clip(ring, edge, edge < 0.0);
    let shift = if edge > 0.0 { -360.0 } else { 360.0 };
    let outside: Vec<[f64; 2]> = outside.iter().map(|p| [p[0] + shift, p[1]]).collect();
    [inside, outside]
        .into_iter()
        .filter(|r| r.len() >= 4)
        .collect()
}

/// Sutherland–Hodgman clipping of a closed ring to `lon <= edge` (`keep_below`) or
/// `lon >= edge`; the result is closed.
fn clip(ring: &[[f64; 2]], edge: f64, keep_below: bool) -> Vec<[f64; 2]> {
    let inside = |p: [f64; 2]| {
        if keep_below {
            p[0] <= edge
        } else {
            p[0] >= edge
        }
    };
    let mut out: Vec<[f64; 2]> = Vec::new();
    for w in ring.windows(2) {
        let (a, b) = (w[0], w[1]);
        match (inside(a), inside(b)) {
            (true, true) => out.push(b),
            (true, false) | (false, true) => {
                let t = (edge - a[0]) / (b[0] - a[0]);
                let cut = [edge, a[1] + t * (b[1] - a[1])];
                out.push(cut);
                if inside(b) {
                    out.push(b);
                }
            }
            (false, false) => {}
        }
    }
    if let Some(&first) = out.first() {
        if out.last() != Some(&first) {
            out.push(first);
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// The textbook algorithm, O(n²), for checking the R-tree version: labels, and which
    /// points are core points.
    fn brute_force(points: &[Point], o: &ClusterOptions) -> (Vec<Option<u32>>, Vec<bool>) {
        let n = points.len();
        let near = |i: usize| -> Vec<usize> {
            (0..n)
                .filter(|&j| {
                    distance_km(points[i].lat, points[i].lon, points[j].lat, points[j].lon)
                        <= o.radius_km
                })
                .collect()
        };
        let core: Vec<bool> = (0..n)
            .map(|i| {
                near(i)
                    .iter()
                    .map(|&j| u64::from(points[j].mentions))
                    .sum::<u64>()
                    >= u64::from(o.min_mentions)
            })
            .collect();
        let mut labels = vec![None; n];
        let mut next = 0;
        for i in 0..n {
            if labels[i].is_some() || !core[i] {
                continue;
            }
            let id = next;
            next += 1;
            let mut stack = vec![i];
            labels[i] = Some(id);
            while let Some(j) = stack.pop() {
                if !core[j] {
                    continue;
                }
                for k in near(j) {
                    if labels[k].is_none() {
                        labels[k] = Some(id);
                        stack.push(k);
                    }
                }
            }
        }
        (labels, core)
    }

    /// Partitions as sets of member indexes, so numbering does not matter; border points a
    /// DBSCAN may give to either of two clusters are left out of the comparison.
    fn partition(labels: &[Option<u32>], keep: &[bool]) -> Vec<Vec<usize>> {
        let mut groups: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
        for (i, l) in labels.iter().enumerate() {
            if let (Some(l), true) = (l, keep[i]) {
                groups.entry(*l).or_default().push(i);
            }
        }
        let mut v: Vec<Vec<usize>> = groups.into_values().collect();
        v.sort();
        v
    }

    #[test]
    fn rtree_dbscan_agrees_with_brute_force() {
        let mut seed = 12345u64;
        let mut rand = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64
        };
        for round in 0..30 {
            // Points around a few centres, some near the antimeridian and the poles.
            let centres = [
                (35.0, 40.0),
                (36.0, 179.5),
                (-17.0, -179.8),
                (80.0, 10.0),
                (0.0, 0.0),
            ];
            let points: Vec<Point> = (0..60)
                .map(|_| {
                    let c = centres[(rand() * centres.len() as f64) as usize % centres.len()];
                    let mut lon = c.1 + (rand() - 0.5) * 6.0;
                    if lon > 180.0 {
                        lon -= 360.0;
                    }
                    if lon < -180.0 {
                        lon += 360.0;
                    }
                    Point {
                        lat: (c.0 + (rand() - 0.5) * 4.0).clamp(-90.0, 90.0),
                        lon,
                        mentions: 1 + (rand() * 3.0) as u32,
                    }
                })
                .collect();
            let o = ClusterOptions {
                radius_km: 60.0 + 20.0 * (round % 5) as f64,
                min_mentions: 1 + (round % 4) as u32,
            };
            let fast = dbscan(&points, &o);
            let (slow, core) = brute_force(&points, &o);
            // Noise is noise in both.
            for i in 0..points.len() {
                assert_eq!(
                    fast[i].is_none(),
                    slow[i].is_none(),
                    "round {round}, point {i}"
                );
            }
            // Core points are grouped identically.
            assert_eq!(
                partition(&fast, &core),
                partition(&slow, &core),
                "round {round}"
            );
        }
    }

    #[test]
    fn the_euphrates_valley_is_one_area_and_tehran_another() {
        let raqqa = Point {
            lat: 35.95,
            lon: 39.01,
            mentions: 3,
        };
        let deir = Point {
            lat: 35.34,
            lon: 40.14,
            mentions: 2,
        };
        let abu_kamal = Point {
            lat: 34.45,
            lon: 40.92,
            mentions: 1,
        };
        let tehran = Point {
            lat: 35.69,
            lon: 51.42,
            mentions: 1,
        };
        let labels = dbscan(
            &[raqqa, deir, abu_kamal, tehran],
            &ClusterOptions::default(),
        );
        assert_eq!(labels, [Some(0), Some(0), Some(0), Some(1)]);
    }

    #[test]
    fn hulls_cross_the_antimeridian_in_two_parts() {
        let fiji = [
            Point {
                lat: -16.5,
                lon: 179.4,
                mentions: 1,
            },
            Point {
                lat: -17.8,
                lon: 177.4,
                mentions: 1,
            },
            Point {
                lat: -16.8,
                lon: -179.9,
                mentions: 1,
            },
        ];
        let rings = hull(&fiji);
        assert_eq!(rings.len(), 2, "{rings:?}");
        for r in &rings {
            assert_eq!(r.first(), r.last(), "closed");
            assert!(r.iter().all(|p| (-180.0..=180.0).contains(&p[0])), "{r:?}");
        }
        let near = hull(&[
            Point {
                lat: 35.9,
                lon: 39.0,
                mentions: 1,
            },
            Point {
                lat: 35.3,
                lon: 40.1,
                mentions: 1,
            },
            Point {
                lat: 34.4,
                lon: 40.9,
                mentions: 1,
            },
        ]);
        assert_eq!(near.len(), 1);
        assert_eq!(near[0].len(), 4, "triangle, closed");
        let two = hull(&[
            Point {
                lat: 35.9,
                lon: 39.0,
                mentions: 1,
            },
            Point {
                lat: 35.3,
                lon: 40.1,
                mentions: 1,
            },
        ]);
        assert_eq!(two[0].len(), 5, "a strip around two places");
    }

    #[test]
    fn the_centroid_is_weighted_and_wraps() {
        let (lat, lon) = centroid(&[
            Point {
                lat: 0.0,
                lon: 179.0,
                mentions: 1,
            },
            Point {
                lat: 0.0,
                lon: -179.0,
                mentions: 1,
            },
        ]);
        assert!(lat.abs() < 1e-9);
        assert!((lon.abs() - 180.0).abs() < 1e-6, "{lon}");
    }
}
