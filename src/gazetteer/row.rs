//! The flat, serialisable view of a candidate that every output (JSON, tables, CSV) uses, so
//! field names, order and rounding are decided once.

use serde::Serialize;

use super::{Candidate, Gazetteer};

/// Decimal places kept for coordinates in outputs (about 0.1 m; RFC 7946 asks for no more).
pub const COORDINATE_DECIMALS: i32 = 6;

/// Rounds a coordinate to 6 decimals (`COORDINATE_DECIMALS`).
pub fn round_coordinate(x: f64) -> f64 {
    let scale = 10f64.powi(COORDINATE_DECIMALS);
    (x * scale).round() / scale
}

/// One candidate as printed by `gazetteer lookup --json`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CandidateRow {
    /// `geonames:ID` or a custom id.
    pub place_id: String,
    /// GeoNames id, null for places from other sources.
    pub geonameid: Option<u32>,
    /// Preferred name.
    pub name: String,
    /// ISO 3166-1 alpha-2 code, empty for seas and world regions.
    pub country_code: String,
    /// Name of the admin-1 unit (state, province, governorate), empty when unknown.
    pub admin1: String,
    /// GeoNames admin-1 code ("KY", "04").
    pub admin1_code: String,
    /// GeoNames feature class letter.
    pub feature_class: String,
    /// GeoNames feature code.
    pub feature_code: String,
    /// Population, 0 when unknown.
    pub population: u64,
    /// Latitude, WGS84.
    pub lat: f64,
    /// Longitude, WGS84.
    pub lon: f64,
    /// How the name matched.
    #[serde(rename = "match")]
    pub match_kind: &'static str,
    /// Ranking score (comparable within one lookup).
    pub score: f64,
}

impl CandidateRow {
    /// Flattens a candidate, looking up its admin-1 name.
    pub fn new(g: &Gazetteer, c: &Candidate<'_>) -> CandidateRow {
        let p = &c.place;
        CandidateRow {
            place_id: p.id.to_string(),
            geonameid: p.geonameid.map(|g| g.0),
            name: p.name.to_string(),
            country_code: p.country_code.as_str().to_string(),
            admin1: g
                .admin1_of(p)
                .map(|a| a.name.to_string())
                .unwrap_or_default(),
            admin1_code: p.admin1_code.to_string(),
            feature_class: p
                .feature_class
                .map(|f| f.as_str().to_string())
                .unwrap_or_default(),
            feature_code: p.feature_code.as_str().to_string(),
            population: p.population,
            lat: round_coordinate(p.lat),
            lon: round_coordinate(p.lon),
            match_kind: c.match_kind.as_str(),
            score: (c.score * 1000.0).round() / 1000.0,
        }
    }
}
