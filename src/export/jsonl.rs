//! The mentions JSONL contract (DESIGN §3): one line per document,
//! `{"id": …, "mentions": [{start, end, byte_start, byte_end, text, lat, lon, place_id,
//! geonameid, name, country_code, feature_code, role, evidence, activity_score, confidence,
//! resolved}], "focus": {…}}`,
//! followed by the input record's other fields when the input carried any.

use std::io::Write;

use serde::Serialize;

use super::{DocumentOutput, Error, Exporter, MentionRow, write_json_line};
use crate::group::FocusBuilder;

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
    evidence: &'a str,
    activity_score: f64,
    confidence: f64,
    resolved: bool,
}

/// Keys of the contract, which carried input fields never overwrite.
const RESERVED: [&str; 4] = ["id", "mentions", "focus", "error"];

/// Writes one JSON line per document, streaming its mentions part by part.
pub struct MentionsJsonlWriter<W: Write> {
    out: W,
    /// Mentions written in the current document (for the commas).
    in_document: u64,
    /// Parts seen in the current document.
    parts: u64,
    /// The current document's focus.
    focus: FocusBuilder,
    /// The current document's carried fields, serialised as `,"key":value…`.
    fields: Vec<u8>,
}

impl<W: Write> MentionsJsonlWriter<W> {
    /// A writer over `out`.
    pub fn new(out: W) -> Self {
        MentionsJsonlWriter {
            out,
            in_document: 0,
            parts: 0,
            focus: FocusBuilder::default(),
            fields: Vec::new(),
        }
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

    fn begin_document(&mut self, id: &str) -> Result<(), Error> {
        self.out.write_all(b"{\"id\":")?;
        serde_json::to_writer(&mut self.out, id)?;
        self.out.write_all(b",\"mentions\":[")?;
        self.in_document = 0;
        self.parts = 0;
        self.focus = FocusBuilder::default();
        self.fields.clear();
        Ok(())
    }

    fn part(&mut self, doc: &DocumentOutput<'_, '_>) -> Result<(), Error> {
        if self.parts == 0 {
            for (key, value) in doc.fields {
                if RESERVED.contains(&key.as_str()) {
                    continue;
                }
                self.fields.push(b',');
                serde_json::to_writer(&mut self.fields, key)?;
                self.fields.push(b':');
                self.fields.extend_from_slice(value.get().as_bytes());
            }
        }
        self.parts += 1;
        self.focus.add(doc.gazetteer, &doc.parsed.mentions);
        for m in &doc.parsed.mentions {
            let r = MentionRow::new(doc, m);
            if self.in_document > 0 {
                self.out.write_all(b",")?;
            }
            serde_json::to_writer(
                &mut self.out,
                &ContractMention {
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
                    evidence: &r.evidence,
                    activity_score: r.activity_score,
                    confidence: r.confidence,
                    resolved: r.resolved,
                },
            )?;
            self.in_document += 1;
        }
        Ok(())
    }

    fn end_document(&mut self) -> Result<(), Error> {
        self.out.write_all(b"],\"focus\":")?;
        serde_json::to_writer(&mut self.out, &self.focus.finish())?;
        self.out.write_all(&self.fields)?;
        self.out.write_all(b"}\n")?;
        Ok(())
    }

    fn end(&mut self) -> Result<(), Error> {
        self.out.flush()?;
        Ok(())
    }
}
