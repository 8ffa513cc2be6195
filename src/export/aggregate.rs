//! The map of a whole corpus: one feature per place over all documents, with how many
//! documents and mentions name it, how many claim activity there, and the first and last
//! document (in input order) that mention it. Memory grows with distinct places, which the
//! gazetteer bounds, never with documents.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use super::{Error, PlaceRow};

/// One place of the corpus.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AggregateRow {
    /// `geonames:ID` or a custom id.
    pub place_id: String,
    /// GeoNames id, null when none.
    pub geonameid: Option<u32>,
    /// Preferred name.
    pub name: String,
    /// Country code.
    pub country_code: String,
    /// Admin-1 name.
    pub admin1: String,
    /// Feature code.
    pub feature_code: String,
    /// Population.
    pub population: u64,
    /// Documents that mention it.
    pub documents: u64,
    /// Mentions over all documents.
    pub mentions: u64,
    /// Documents where it has an activity mention.
    pub activity_documents: u64,
    /// Activity mentions over all documents.
    pub activity_mentions: u64,
    /// First document (input order) that mentions it.
    pub first_doc: String,
    /// Last document that mentions it.
    pub last_doc: String,
    #[serde(skip)]
    lon: f64,
    #[serde(skip)]
    lat: f64,
}

/// Accumulates documents' place rows, in input order.
#[derive(Debug, Default)]
pub struct CorpusAggregate {
    order: Vec<String>,
    rows: HashMap<String, AggregateRow>,
}

impl CorpusAggregate {
    /// Adds one document's places.
    pub fn add(&mut self, doc_id: &str, places: &[PlaceRow]) {
        for p in places {
            let order = &mut self.order;
            let row = self.rows.entry(p.place_id.clone()).or_insert_with(|| {
                order.push(p.place_id.clone());
                AggregateRow {
                    place_id: p.place_id.clone(),
                    geonameid: p.geonameid,
                    name: p.name.clone(),
                    country_code: p.country_code.clone(),
                    admin1: p.admin1.clone(),
                    feature_code: p.feature_code.clone(),
                    population: p.population,
                    documents: 0,
                    mentions: 0,
                    activity_documents: 0,
                    activity_mentions: 0,
                    first_doc: doc_id.to_string(),
                    last_doc: String::new(),
                    lon: p.lon,
                    lat: p.lat,
                }
            });
            row.documents += 1;
            row.mentions += u64::from(p.mentions);
            row.activity_mentions += u64::from(p.activity_mentions);
            if p.activity_mentions > 0 {
                row.activity_documents += 1;
            }
            row.last_doc = doc_id.to_string();
        }
    }

    /// Places so far.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// True when no place was added.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Writes the layer as a GeoJSON FeatureCollection, places by documents (most first), then
    /// by first appearance.
    pub fn write_geojson<W: Write>(&self, mut out: W) -> Result<(), Error> {
        let mut rows: Vec<(usize, &AggregateRow)> = self
            .order
            .iter()
            .enumerate()
            .filter_map(|(i, id)| Some((i, self.rows.get(id)?)))
            .collect();
        rows.sort_by(|a, b| b.1.documents.cmp(&a.1.documents).then(a.0.cmp(&b.0)));
        out.write_all(br#"{"type":"FeatureCollection","features":["#)?;
        for (n, (_, row)) in rows.iter().enumerate() {
            out.write_all(if n == 0 { b"\n" } else { b",\n" })?;
            out.write_all(br#"{"type":"Feature","geometry":{"type":"Point","coordinates":["#)?;
            out.write_all(format!("{},{}", row.lon, row.lat).as_bytes())?;
            out.write_all(br#"]},"properties":"#)?;
            serde_json::to_writer(&mut out, row)?;
            out.write_all(b"}")?;
        }
        out.write_all(b"\n]}\n")?;
        out.flush()?;
        Ok(())
    }
}
