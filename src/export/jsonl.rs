//! The mentions JSONL contract (DESIGN §3): one line per document,
//! `{"id": …, "mentions": [{start, end, byte_start, byte_end, text, lat, lon, place_id,
//! geonameid, name, country_code, feature_code, role, evidence, activity_score, confidence,
//! resolved}], "focus": {…}}`,
//! followed by the input record's other fields when the input carried any.

use std::io::Write;

use serde::{Serialize, Serializer};

use super::{DocumentOutput, Error, Exporter, round3, write_json_line};
use crate::ParsedMention;
use crate::gazetteer::{PlaceId, round_coordinate};
use crate::group::FocusBuilder;

/// One entry of `"mentions"`, borrowed from the parse: the JSONL path writes every mention of
/// a corpus, so it allocates nothing per mention (the CSV and GeoJSON rows of [`MentionRow`]
/// own their strings and carry the admin-1 name, which the contract leaves out).
///
/// [`MentionRow`]: super::MentionRow
#[derive(Serialize)]
struct ContractMention<'a> {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    text: &'a str,
    lat: Option<f64>,
    lon: Option<f64>,
    #[serde(serialize_with = "place_id_str")]
    place_id: Option<PlaceId<'a>>,
    geonameid: Option<u32>,
    name: Option<&'a str>,
    country_code: Option<&'a str>,
    feature_code: Option<&'a str>,
    role: &'static str,
    evidence: &'a str,
    activity_score: f64,
    confidence: f64,
    resolved: bool,
}

impl<'a> ContractMention<'a> {
    fn new(doc: &'a DocumentOutput<'_, '_>, m: &'a ParsedMention<'a>) -> Self {
        let place = m.place.as_ref();
        ContractMention {
            start: m.span.char_start.0,
            end: m.span.char_end.0,
            byte_start: m.span.byte_start.0,
            byte_end: m.span.byte_end.0,
            text: doc.mention_text(m),
            lat: place.map(|p| round_coordinate(p.lat)),
            lon: place.map(|p| round_coordinate(p.lon)),
            place_id: place.map(|p| p.id),
            geonameid: place.and_then(|p| p.geonameid).map(|g| g.0),
            name: place.map(|p| p.name),
            country_code: place.map(|p| p.country_code.as_str()),
            feature_code: place.map(|p| p.feature_code.as_str()),
            role: m.role.role.as_str(),
            evidence: &m.role.evidence,
            activity_score: m.role.activity_score,
            confidence: round3(m.confidence),
            resolved: place.is_some(),
        }
    }
}

fn place_id_str<S: Serializer>(id: &Option<PlaceId<'_>>, s: S) -> Result<S::Ok, S::Error> {
    match id {
        Some(id) => s.collect_str(id),
        None => s.serialize_none(),
    }
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
            if self.in_document > 0 {
                self.out.write_all(b",")?;
            }
            serde_json::to_writer(&mut self.out, &ContractMention::new(doc, m))?;
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
