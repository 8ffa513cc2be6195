//! The columns geocoding adds to a row, decided once for CSV, GeoJSON and JSON Lines.

use serde_json::Value;

use super::Geocoded;
use crate::gazetteer::{Gazetteer, round_coordinate};

/// Names of the added columns, in output order.
pub const COLUMNS: [&str; 13] = [
    "lat",
    "lon",
    "place_id",
    "geonameid",
    "matched_name",
    "feature_code",
    "country_code",
    "admin1",
    "population",
    "match_type",
    "score",
    "alternatives",
    "reason",
];

/// The added columns of one row. Owned, so a row can be cached and reused for repeated cells.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct GeocodeRow {
    /// Latitude (WGS84, 6 decimals); none when unmatched.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// `geonames:ID` or a custom id; empty when unmatched.
    pub place_id: String,
    /// GeoNames id when the place has one.
    pub geonameid: Option<u32>,
    /// The gazetteer's name for the place.
    pub matched_name: String,
    /// GeoNames feature code.
    pub feature_code: String,
    /// ISO 3166-1 alpha-2 code.
    pub country_code: String,
    /// Name of the admin-1 unit.
    pub admin1: String,
    /// Population (none when unmatched; 0 when unknown).
    pub population: Option<u64>,
    /// exact, alias, abbreviation, demonym, folded, article-stripped, part or fuzzy.
    pub match_type: String,
    /// Confidence in the choice, 0–1.
    pub score: Option<f64>,
    /// Other candidates about as good.
    pub alternatives: usize,
    /// Why this place, or why none.
    pub reason: String,
}

impl GeocodeRow {
    /// Flattens an answer.
    pub fn new(g: &Gazetteer, geocoded: &Geocoded<'_>) -> GeocodeRow {
        let Some(best) = geocoded.best() else {
            return GeocodeRow::unmatched(geocoded.reason.clone());
        };
        let p = &best.place;
        GeocodeRow {
            lat: Some(round_coordinate(p.lat)),
            lon: Some(round_coordinate(p.lon)),
            place_id: p.id.to_string(),
            geonameid: p.geonameid.map(|id| id.0),
            matched_name: p.name.to_string(),
            feature_code: p.feature_code.as_str().to_string(),
            country_code: p.country_code.as_str().to_string(),
            admin1: g
                .admin1_of(p)
                .map(|a| a.name.to_string())
                .unwrap_or_default(),
            population: Some(p.population),
            match_type: best.match_kind.as_str().to_string(),
            score: Some(geocoded.confidence),
            alternatives: geocoded.alternatives,
            reason: geocoded.reason.clone(),
        }
    }

    /// A row with no place and the reason why.
    pub fn unmatched(reason: String) -> GeocodeRow {
        GeocodeRow {
            lat: None,
            lon: None,
            place_id: String::new(),
            geonameid: None,
            matched_name: String::new(),
            feature_code: String::new(),
            country_code: String::new(),
            admin1: String::new(),
            population: None,
            match_type: String::new(),
            score: None,
            alternatives: 0,
            reason,
        }
    }

    /// True when a place was found.
    pub fn is_matched(&self) -> bool {
        self.lat.is_some()
    }

    /// The columns as CSV text, in [`COLUMNS`] order; missing values are empty.
    pub fn csv_fields(&self) -> [String; 13] {
        let opt = |v: Option<String>| v.unwrap_or_default();
        [
            opt(self.lat.map(|v| v.to_string())),
            opt(self.lon.map(|v| v.to_string())),
            self.place_id.clone(),
            opt(self.geonameid.map(|v| v.to_string())),
            self.matched_name.clone(),
            self.feature_code.clone(),
            self.country_code.clone(),
            self.admin1.clone(),
            opt(self.population.map(|v| v.to_string())),
            self.match_type.clone(),
            opt(self.score.map(|v| v.to_string())),
            self.alternatives.to_string(),
            self.reason.clone(),
        ]
    }

    /// The columns as typed JSON values, in [`COLUMNS`] order: numbers for numbers, null for
    /// missing values, so every property keeps one type.
    pub fn json_values(&self) -> [Value; 13] {
        let text = |s: &str| {
            if s.is_empty() {
                Value::Null
            } else {
                Value::String(s.to_string())
            }
        };
        [
            self.lat.map_or(Value::Null, Value::from),
            self.lon.map_or(Value::Null, Value::from),
            text(&self.place_id),
            self.geonameid.map_or(Value::Null, Value::from),
            text(&self.matched_name),
            text(&self.feature_code),
            text(&self.country_code),
            text(&self.admin1),
            self.population.map_or(Value::Null, Value::from),
            text(&self.match_type),
            self.score.map_or(Value::Null, Value::from),
            Value::from(self.alternatives),
            Value::String(self.reason.clone()),
        ]
    }
}
