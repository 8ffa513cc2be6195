//! Writes parsed documents as files GIS tools and scorers read.
//!
//! In: [`DocumentOutput`]s (id, text, [`Parsed`]). Out: bytes on any `W: Write`.
//!
//! Every format is fed the same flat row structs ([`MentionRow`], [`PlaceRow`]), derived once
//! here, so field names, types, rounding and role names are decided in one place and GDAL sees
//! one type per attribute. Writers implement [`Exporter`] (begin, one call per document, end),
//! like geozero's `FeatureProcessor`; they stream and never hold a whole collection.
//! Formats: GeoJSON places or mentions layer (RFC 7946: `[lon, lat]`, ≤ 6 decimals, no `crs`),
//! GeoJSONSeq (RFC 8142), CSV with `lat`/`lon` columns, and the mentions JSONL contract.

mod aggregate;
mod csv_writer;
mod geojson;
mod html;
mod jsonl;
mod qgis;

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::gazetteer::{Gazetteer, Place, round_coordinate};
use crate::group::ClusterOptions;
use crate::roles::Role;
use crate::{Parsed, ParsedMention};

pub use aggregate::{AggregateRow, CorpusAggregate};
pub use csv_writer::{CsvWriter, MENTION_COLUMNS};
pub use geojson::{GeoJsonWriter, Layer};
pub use html::HtmlWriter;
pub use jsonl::{MentionsJsonlWriter, WriterState};
pub use qgis::places_style;

/// Errors while writing output.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Writing failed.
    #[error("cannot write the output")]
    Io(#[from] std::io::Error),
    /// Serialising JSON failed.
    #[error("cannot serialise JSON")]
    Json(#[from] serde_json::Error),
    /// Writing CSV failed.
    #[error("cannot write CSV")]
    Csv(#[from] csv::Error),
}

/// Characters of context on each side of a mention in a place's `snippet`.
const SNIPPET_CONTEXT_CHARS: usize = 80;

/// One parsed document, or one part of a long one, ready to export.
#[derive(Clone, Copy, Debug)]
pub struct DocumentOutput<'a, 'g> {
    /// Document id (`doc_id` in outputs).
    pub id: &'a str,
    /// The text of this part; mention offsets count from the start of the whole document.
    pub text: &'a str,
    /// Byte offset of `text` in the whole document (0 for a whole document).
    pub text_offset: usize,
    /// The pipeline's result.
    pub parsed: &'a Parsed<'g>,
    /// The gazetteer the places come from (for admin-1 names).
    pub gazetteer: &'g Gazetteer,
    /// Fields of the input record carried into per-document outputs (mentions JSONL), as
    /// (key, raw JSON value); empty for plain text.
    pub fields: &'a [(String, Box<serde_json::value::RawValue>)],
}

/// A format writer. Call order: `begin`; then for each document `begin_document`, `part`
/// once per part in text order (once for a whole document), `end_document`; then `end`.
/// A document arrives in parts when it is longer than [`crate::CHUNK_BYTES`], so that memory
/// stays bounded: writers stream what they can and keep only per-place aggregates.
pub trait Exporter {
    /// Writes whatever opens the file.
    fn begin(&mut self) -> Result<(), Error>;
    /// Starts a document.
    fn begin_document(&mut self, id: &str) -> Result<(), Error>;
    /// Takes one part of the current document.
    fn part(&mut self, part: &DocumentOutput<'_, '_>) -> Result<(), Error>;
    /// Finishes the current document.
    fn end_document(&mut self) -> Result<(), Error>;
    /// Writes whatever closes the file and flushes.
    fn end(&mut self) -> Result<(), Error>;
    /// Writes a whole document in one part.
    fn document(&mut self, doc: &DocumentOutput<'_, '_>) -> Result<(), Error> {
        self.begin_document(doc.id)?;
        self.part(doc)?;
        self.end_document()
    }
    /// Records a document that could not be parsed. Formats with one line per input document
    /// write a line saying so; the others write nothing.
    fn failed(&mut self, _id: &str, _error: &str) -> Result<(), Error> {
        Ok(())
    }
}

/// A writer lent to a caller that keeps it (and takes something back from it afterwards).
impl<E: Exporter + ?Sized> Exporter for &mut E {
    fn begin(&mut self) -> Result<(), Error> {
        (**self).begin()
    }
    fn begin_document(&mut self, id: &str) -> Result<(), Error> {
        (**self).begin_document(id)
    }
    fn part(&mut self, part: &DocumentOutput<'_, '_>) -> Result<(), Error> {
        (**self).part(part)
    }
    fn end_document(&mut self) -> Result<(), Error> {
        (**self).end_document()
    }
    fn end(&mut self) -> Result<(), Error> {
        (**self).end()
    }
    fn document(&mut self, doc: &DocumentOutput<'_, '_>) -> Result<(), Error> {
        (**self).document(doc)
    }
    fn failed(&mut self, id: &str, error: &str) -> Result<(), Error> {
        (**self).failed(id, error)
    }
}

/// One mention, flat: the CSV row, the mentions layer's properties, the JSONL entry.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct MentionRow {
    /// Document id.
    pub doc_id: String,
    /// Start, code points.
    pub start: usize,
    /// End (exclusive), code points.
    pub end: usize,
    /// Start, bytes.
    pub byte_start: usize,
    /// End (exclusive), bytes.
    pub byte_end: usize,
    /// The mention as written.
    pub text: String,
    /// Latitude, null when unresolved.
    pub lat: Option<f64>,
    /// Longitude, null when unresolved.
    pub lon: Option<f64>,
    /// `geonames:ID` or a custom id, null when unresolved.
    pub place_id: Option<String>,
    /// GeoNames id, null when none.
    pub geonameid: Option<u32>,
    /// The place's preferred name.
    pub name: Option<String>,
    /// Country code.
    pub country_code: Option<String>,
    /// Admin-1 name.
    pub admin1: Option<String>,
    /// Feature code.
    pub feature_code: Option<String>,
    /// name, abbreviation or demonym.
    pub kind: &'static str,
    /// Role.
    pub role: &'static str,
    /// The words that decided the role.
    pub evidence: String,
    /// How strongly the text claims something happens there, 0–1.
    pub activity_score: f64,
    /// Confidence 0–1.
    pub confidence: f64,
    /// False when no place was chosen.
    pub resolved: bool,
}

/// (place_id, geonameid, name, country_code, admin1, feature_code) of a mention's place.
type PlaceFields = (
    Option<String>,
    Option<u32>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn place_fields(g: &Gazetteer, p: &Option<Place<'_>>) -> PlaceFields {
    match p {
        None => (None, None, None, None, None, None),
        Some(p) => (
            Some(p.id.to_string()),
            p.geonameid.map(|g| g.0),
            Some(p.name.to_string()),
            Some(p.country_code.as_str().to_string()),
            g.admin1_of(p).map(|a| a.name.to_string()),
            Some(p.feature_code.as_str().to_string()),
        ),
    }
}

fn kind_name(m: &ParsedMention<'_>) -> &'static str {
    match m.kind {
        crate::recognize::MentionKind::Name => "name",
        crate::recognize::MentionKind::Abbreviation => "abbreviation",
        crate::recognize::MentionKind::Demonym => "demonym",
    }
}

/// Rounds a confidence to three decimals for output.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

impl DocumentOutput<'_, '_> {
    /// The text of a mention of this part.
    pub fn mention_text(&self, m: &ParsedMention<'_>) -> &str {
        let start = m.span.byte_start.0.saturating_sub(self.text_offset);
        let end = m.span.byte_end.0.saturating_sub(self.text_offset);
        self.text.get(start..end).unwrap_or("")
    }
}

impl MentionRow {
    /// Flattens one mention of `doc`.
    pub fn new(doc: &DocumentOutput<'_, '_>, m: &ParsedMention<'_>) -> MentionRow {
        let (place_id, geonameid, name, country_code, admin1, feature_code) =
            place_fields(doc.gazetteer, &m.place);
        MentionRow {
            doc_id: doc.id.to_string(),
            start: m.span.char_start.0,
            end: m.span.char_end.0,
            byte_start: m.span.byte_start.0,
            byte_end: m.span.byte_end.0,
            text: doc.mention_text(m).to_string(),
            lat: m.place.map(|p| round_coordinate(p.lat)),
            lon: m.place.map(|p| round_coordinate(p.lon)),
            place_id,
            geonameid,
            name,
            country_code,
            admin1,
            feature_code,
            kind: kind_name(m),
            role: m.role.role.as_str(),
            evidence: m.role.evidence.clone(),
            activity_score: m.role.activity_score,
            confidence: round3(m.confidence),
            resolved: m.place.is_some(),
        }
    }
}

/// One place of one document, with its mentions aggregated: a feature of the places layer.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PlaceRow {
    /// Document id.
    pub doc_id: String,
    /// `geonames:ID` or a custom id.
    pub place_id: String,
    /// GeoNames id, null when none.
    pub geonameid: Option<u32>,
    /// Preferred name.
    pub name: String,
    /// Country code ("" for seas and world regions).
    pub country_code: String,
    /// Admin-1 name ("" when none).
    pub admin1: String,
    /// Feature code.
    pub feature_code: String,
    /// Population (0 when unknown).
    pub population: u64,
    /// Mentions of the place in the document.
    pub mentions: u32,
    /// The distinct ways it was written, `|`-separated, in order of first appearance.
    pub surface_forms: String,
    /// The strongest role among its mentions (activity, dateline, actor, source, reference).
    pub role: &'static str,
    /// Mentions with the activity role.
    pub activity_mentions: u32,
    /// Highest confidence among its mentions.
    pub confidence: f64,
    /// Spatial cluster id within the document (see the clusters layer); null for countries and
    /// first-level regions, which are not clustered.
    pub cluster: Option<u32>,
    /// The text around its first mention.
    pub snippet: String,
    /// Longitude (geometry, not a property).
    #[serde(skip)]
    pub lon: f64,
    /// Latitude (geometry, not a property).
    #[serde(skip)]
    pub lat: f64,
}

/// Order of precedence when a place's mentions have different roles.
fn role_rank(r: Role) -> u8 {
    match r {
        Role::Activity => 0,
        Role::Dateline => 1,
        Role::Actor => 2,
        Role::Source => 3,
        Role::Reference => 4,
    }
}

/// Whitespace-normalised text around a span, cut on character boundaries.
fn snippet(text: &str, byte_start: usize, byte_end: usize) -> String {
    let before: String = text
        .get(..byte_start)
        .unwrap_or("")
        .chars()
        .rev()
        .take(SNIPPET_CONTEXT_CHARS)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let middle = text.get(byte_start..byte_end).unwrap_or("");
    let after: String = text
        .get(byte_end..)
        .unwrap_or("")
        .chars()
        .take(SNIPPET_CONTEXT_CHARS)
        .collect();
    let joined = format!("{before}{middle}{after}");
    joined
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// Aggregates a document's mentions into places-layer rows, part by part: one row per
/// resolved place, in order of first mention. Memory grows with places, not mentions.
#[derive(Debug, Default)]
pub struct PlaceAggregator {
    order: Vec<u32>,
    rows: BTreeMap<u32, PlaceRow>,
    forms: BTreeMap<u32, Vec<String>>,
}

impl PlaceAggregator {
    /// Adds the mentions of one part.
    pub fn add(&mut self, doc: &DocumentOutput<'_, '_>) {
        for m in &doc.parsed.mentions {
            let Some(p) = m.place else { continue };
            let key = p.index.0;
            let surface = doc.mention_text(m).to_string();
            let order = &mut self.order;
            let row = self.rows.entry(key).or_insert_with(|| {
                order.push(key);
                let start = m.span.byte_start.0.saturating_sub(doc.text_offset);
                let end = m.span.byte_end.0.saturating_sub(doc.text_offset);
                PlaceRow {
                    doc_id: doc.id.to_string(),
                    place_id: p.id.to_string(),
                    geonameid: p.geonameid.map(|g| g.0),
                    name: p.name.to_string(),
                    country_code: p.country_code.as_str().to_string(),
                    admin1: doc
                        .gazetteer
                        .admin1_of(&p)
                        .map(|a| a.name.to_string())
                        .unwrap_or_default(),
                    feature_code: p.feature_code.as_str().to_string(),
                    population: p.population,
                    mentions: 0,
                    surface_forms: String::new(),
                    role: m.role.role.as_str(),
                    activity_mentions: 0,
                    confidence: 0.0,
                    cluster: None,
                    snippet: snippet(doc.text, start, end),
                    lon: round_coordinate(p.lon),
                    lat: round_coordinate(p.lat),
                }
            });
            row.mentions += 1;
            if m.role.role == Role::Activity {
                row.activity_mentions += 1;
            }
            let current = ROLES
                .iter()
                .find(|r| r.as_str() == row.role)
                .copied()
                .unwrap_or(Role::Reference);
            if role_rank(m.role.role) < role_rank(current) {
                row.role = m.role.role.as_str();
            }
            row.confidence = row.confidence.max(round3(m.confidence));
            let f = self.forms.entry(key).or_default();
            if !f.contains(&surface) {
                f.push(surface);
            }
        }
    }

    /// The rows, in order of first mention; the aggregator is left empty.
    pub fn finish(&mut self) -> Vec<PlaceRow> {
        let order = std::mem::take(&mut self.order);
        let mut rows = std::mem::take(&mut self.rows);
        let mut forms = std::mem::take(&mut self.forms);
        order
            .into_iter()
            .filter_map(|k| {
                let mut row = rows.remove(&k)?;
                row.surface_forms = forms.remove(&k).unwrap_or_default().join("|");
                Some(row)
            })
            .collect()
    }
}

/// One spatial cluster of a document's places: a feature of the clusters layer.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ClusterRow {
    /// Document id.
    pub doc_id: String,
    /// Cluster id within the document (the `cluster` of its places).
    pub cluster: u32,
    /// Places in it.
    pub places: u32,
    /// Their names, `|`-separated, by mentions.
    pub members: String,
    /// Mentions of its places.
    pub mentions: u32,
    /// Activity mentions of its places.
    pub activity_mentions: u32,
    /// True when some place in it has an activity mention: an activity area.
    pub activity_area: bool,
    /// Mention-weighted centre, latitude.
    pub centroid_lat: f64,
    /// Mention-weighted centre, longitude.
    pub centroid_lon: f64,
    /// Greatest distance from the centre to a member, kilometres.
    pub radius_km: f64,
    #[serde(skip)]
    hull: Vec<Vec<[f64; 2]>>,
}

impl ClusterRow {
    /// Its hull: one ring, or two when cut at the antimeridian; none for a single place.
    pub fn rings(&self) -> &[Vec<[f64; 2]>] {
        &self.hull
    }

    /// Its geometry: the member's point, or the hull (cut at the antimeridian if need be).
    fn geometry(&self) -> geojson::Geometry {
        let round = |r: &Vec<[f64; 2]>| -> Vec<[f64; 2]> {
            r.iter()
                .map(|p| [round_coordinate(p[0]), round_coordinate(p[1])])
                .collect()
        };
        match self.hull.len() {
            _ if self.places == 1 => geojson::Geometry::Point {
                coordinates: [self.centroid_lon, self.centroid_lat],
            },
            1 => geojson::Geometry::Polygon {
                coordinates: self.hull.iter().map(round).collect(),
            },
            _ => geojson::Geometry::MultiPolygon {
                coordinates: self.hull.iter().map(|r| vec![round(r)]).collect(),
            },
        }
    }
}

/// True for places that cluster: not countries, territories or first-level regions, and not
/// rivers, ranges or deserts, whose points stand for long lines or large areas and would chain
/// unrelated places together.
fn clusters_as_point(feature_code: &str) -> bool {
    !(feature_code.starts_with("PCL")
        || matches!(
            feature_code,
            "TERR" | "ADM1" | "CONT" | "RGN" | "OCN" | "SEA" | "STM" | "STMS" | "MTS" | "DSRT"
        ))
}

/// Clusters a document's places (DBSCAN, see [`crate::group::cluster`]), sets each row's
/// `cluster`, and returns the clusters, numbered in order of their first place.
pub fn cluster_rows(rows: &mut [PlaceRow], options: &ClusterOptions) -> Vec<ClusterRow> {
    use crate::group::cluster;
    let eligible: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            rows.get(i)
                .is_some_and(|r| clusters_as_point(&r.feature_code))
        })
        .collect();
    let points: Vec<cluster::Point> = eligible
        .iter()
        .filter_map(|&i| rows.get(i))
        .map(|r| cluster::Point {
            lat: r.lat,
            lon: r.lon,
            mentions: r.mentions,
        })
        .collect();
    let labels = cluster::dbscan(&points, options);
    let count = labels.iter().flatten().map(|&l| l + 1).max().unwrap_or(0);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count as usize];
    for (k, label) in labels.iter().enumerate() {
        if let (Some(l), Some(&i)) = (label, eligible.get(k)) {
            if let Some(row) = rows.get_mut(i) {
                row.cluster = Some(*l);
            }
            if let Some(m) = members.get_mut(*l as usize) {
                m.push(i);
            }
        }
    }
    members
        .into_iter()
        .enumerate()
        .map(|(id, idx)| {
            let mut group: Vec<&PlaceRow> = idx.iter().filter_map(|&i| rows.get(i)).collect();
            group.sort_by_key(|r| std::cmp::Reverse(r.mentions));
            let pts: Vec<cluster::Point> = group
                .iter()
                .map(|r| cluster::Point {
                    lat: r.lat,
                    lon: r.lon,
                    mentions: r.mentions,
                })
                .collect();
            let (lat, lon) = cluster::centroid(&pts);
            let radius = pts
                .iter()
                .map(|p| crate::resolve::distance_km(lat, lon, p.lat, p.lon))
                .fold(0.0, f64::max);
            let activity: u32 = group.iter().map(|r| r.activity_mentions).sum();
            ClusterRow {
                doc_id: group.first().map(|r| r.doc_id.clone()).unwrap_or_default(),
                cluster: id as u32,
                places: group.len() as u32,
                members: group
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>()
                    .join("|"),
                mentions: group.iter().map(|r| r.mentions).sum(),
                activity_mentions: activity,
                activity_area: activity > 0,
                centroid_lat: round_coordinate(lat),
                centroid_lon: round_coordinate(lon),
                radius_km: (radius * 10.0).round() / 10.0,
                hull: if group.len() > 1 {
                    cluster::hull(&pts)
                } else {
                    Vec::new()
                },
            }
        })
        .collect()
}

/// The places layer rows of a whole document.
pub fn place_rows(doc: &DocumentOutput<'_, '_>) -> Vec<PlaceRow> {
    let mut agg = PlaceAggregator::default();
    agg.add(doc);
    agg.finish()
}

const ROLES: [Role; 5] = [
    Role::Activity,
    Role::Dateline,
    Role::Actor,
    Role::Source,
    Role::Reference,
];

/// Writes `rows` with `exporter`-independent framing helpers (used by the writers).
fn write_json_line<W: Write, T: Serialize>(out: &mut W, value: &T) -> Result<(), Error> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_cut_on_character_boundaries_and_cleaned() {
        let text = "é".repeat(100) + "Raqqa\n\n  is  here" + &"ü".repeat(100);
        let start = text.find("Raqqa").unwrap();
        let s = snippet(&text, start, start + 5);
        assert!(s.contains("Raqqa is here"));
        assert_eq!(s.chars().filter(|c| *c == 'é').count(), 80);
        assert!(!s.contains('\n'));
    }
}
