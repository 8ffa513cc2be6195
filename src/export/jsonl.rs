//! The mentions JSONL contract (DESIGN §3): one line per document,
//! `{"id": …, "mentions": [{start, end, byte_start, byte_end, text, lat, lon, place_id,
//! geonameid, name, country_code, feature_code, role, confidence, resolved}]}`.

use std::io::Write;

use serde::Serialize;

use super::{DocumentOutput, Error, Exporter, MentionRow, write_json_line};

#[derive(Serialize)]
struct ContractMention<'a> {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    text: &'a str,
    lat: Option<f64>,
    lon: Option<f64>,
    place_id: &'a Option<String>,
    geonameid: Option<u32>,
    name: &'a Option<String>,
    country_code: &'a Option<String>,
    feature_code: &'a Option<String>,
    role: &'static str,
    confidence: f64,
    resolved: bool,
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    mentions: Vec<ContractMention<'a>>,
}

/// Writes one JSON line per document.
pub struct MentionsJsonlWriter<W: Write> {
    out: W,
}

impl<W: Write> MentionsJsonlWriter<W> {
    /// A writer over `out`.
    pub fn new(out: W) -> Self {
        MentionsJsonlWriter { out }
    }
}

impl<W: Write> Exporter for MentionsJsonlWriter<W> {
    /// Writes a line for a document that failed, so that output lines stay one per input
    /// line: `{"id": …, "mentions": [], "error": "…"}`.
    fn failed(&mut self, id: &str, error: &str) -> Result<(), Error> {
        #[derive(Serialize)]
        struct Failed<'a> {
            id: &'a str,
            mentions: [u8; 0],
            error: &'a str,
        }
        write_json_line(
            &mut self.out,
            &Failed {
                id,
                mentions: [],
                error,
            },
        )
    }

    fn begin(&mut self) -> Result<(), Error> {
        Ok(())
    }

    fn document(&mut self, doc: &DocumentOutput<'_, '_>) -> Result<(), Error> {
        let rows: Vec<MentionRow> = doc
            .parsed
            .mentions
            .iter()
            .map(|m| MentionRow::new(doc, m))
            .collect();
        let mentions = rows
            .iter()
            .map(|r| ContractMention {
                start: r.start,
                end: r.end,
                byte_start: r.byte_start,
                byte_end: r.byte_end,
                text: &r.text,
                lat: r.lat,
                lon: r.lon,
                place_id: &r.place_id,
                geonameid: r.geonameid,
                name: &r.name,
                country_code: &r.country_code,
                feature_code: &r.feature_code,
                role: r.role,
                confidence: r.confidence,
                resolved: r.resolved,
            })
            .collect();
        write_json_line(
            &mut self.out,
            &Line {
                id: doc.id,
                mentions,
            },
        )
    }

    fn end(&mut self) -> Result<(), Error> {
        self.out.flush()?;
        Ok(())
    }
}
