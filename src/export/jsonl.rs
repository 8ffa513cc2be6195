//! The mentions JSONL contract (DESIGN §3): one line per document,
//! `{"id": …, "mentions": [{start, end, byte_start, byte_end, text, lat, lon, place_id,
//! geonameid, name, country_code, feature_code, role, evidence, activity_score, confidence,
//! resolved}], "focus": {…}}`,
//! followed by the input record's other fields when the input carried any.

use std::io::Write;

use serde::Serialize;

use super::{DocumentOutput, Error, Exporter, round3, write_json_line};
use crate::ParsedMention;
use crate::gazetteer::{PlaceId, round_coordinate};
use crate::group::{FocusBuilder, FocusEntryRef};

/// One entry of `"mentions"`, borrowed from the parse: the JSONL path writes every mention of
/// a corpus, so it allocates nothing per mention (the CSV and GeoJSON rows of [`MentionRow`]
/// own their strings and carry the admin-1 name, which the contract leaves out).
///
/// [`MentionRow`]: super::MentionRow
struct ContractMention<'a> {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    text: &'a str,
    lat: Option<f64>,
    lon: Option<f64>,
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

    /// Appends the mention as one JSON object, byte for byte what serde_json writes for the
    /// same fields in this order (numbers as serde_json formats them, strings escaped as it
    /// escapes them). Written by hand because this is the hottest output of a corpus run:
    /// serde's field-by-field writes cost more than the rest of the export together.
    fn write(&self, out: &mut Vec<u8>) {
        let mut ints = itoa::Buffer::new();
        out.extend_from_slice(b"{\"start\":");
        out.extend_from_slice(ints.format(self.start).as_bytes());
        out.extend_from_slice(b",\"end\":");
        out.extend_from_slice(ints.format(self.end).as_bytes());
        out.extend_from_slice(b",\"byte_start\":");
        out.extend_from_slice(ints.format(self.byte_start).as_bytes());
        out.extend_from_slice(b",\"byte_end\":");
        out.extend_from_slice(ints.format(self.byte_end).as_bytes());
        out.extend_from_slice(b",\"text\":");
        write_str(out, self.text);
        out.extend_from_slice(b",\"lat\":");
        write_f64(out, self.lat);
        out.extend_from_slice(b",\"lon\":");
        write_f64(out, self.lon);
        out.extend_from_slice(b",\"place_id\":");
        match &self.place_id {
            Some(PlaceId::GeoNames(id)) => {
                out.extend_from_slice(b"\"geonames:");
                out.extend_from_slice(ints.format(id.0).as_bytes());
                out.push(b'"');
            }
            Some(PlaceId::Custom(id)) => write_str(out, id),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"geonameid\":");
        match self.geonameid {
            Some(id) => out.extend_from_slice(ints.format(id).as_bytes()),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"name\":");
        write_opt_str(out, self.name);
        out.extend_from_slice(b",\"country_code\":");
        write_opt_str(out, self.country_code);
        out.extend_from_slice(b",\"feature_code\":");
        write_opt_str(out, self.feature_code);
        out.extend_from_slice(b",\"role\":");
        write_str(out, self.role);
        out.extend_from_slice(b",\"evidence\":");
        write_str(out, self.evidence);
        out.extend_from_slice(b",\"activity_score\":");
        write_f64(out, Some(self.activity_score));
        out.extend_from_slice(b",\"confidence\":");
        write_f64(out, Some(self.confidence));
        out.extend_from_slice(if self.resolved {
            b",\"resolved\":true}"
        } else {
            b",\"resolved\":false}"
        });
    }
}

/// The focus object, as serde_json writes [`Focus`] (same keys, same order), from the entries
/// of its three levels (countries, admin-1, cities).
fn write_focus<'a>(out: &mut Vec<u8>, levels: [impl Iterator<Item = FocusEntryRef<'a>>; 3]) {
    let openings: [&[u8]; 3] = [b"{\"countries\":[", b"],\"admin1\":[", b"],\"cities\":["];
    let mut ints = itoa::Buffer::new();
    for (opening, entries) in openings.into_iter().zip(levels) {
        out.extend_from_slice(opening);
        for (k, e) in entries.enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"place_id\":");
            write_str(out, e.place_id);
            out.extend_from_slice(b",\"name\":");
            write_str(out, e.name);
            out.extend_from_slice(b",\"country_code\":");
            write_str(out, e.country_code);
            out.extend_from_slice(b",\"score\":");
            write_f64(out, Some(e.score));
            out.extend_from_slice(b",\"mentions\":");
            out.extend_from_slice(ints.format(e.mentions).as_bytes());
            out.push(b'}');
        }
    }
    out.extend_from_slice(b"]}");
}

/// A JSON number as serde_json writes an `f64` (shortest round-trip form; `null` when absent
/// or not finite).
fn write_f64(out: &mut Vec<u8>, x: Option<f64>) {
    match x.filter(|x| x.is_finite()) {
        Some(x) => {
            if !write_short_decimal(out, x) {
                out.extend_from_slice(zmij::Buffer::new().format_finite(x).as_bytes());
            }
        }
        None => out.extend_from_slice(b"null"),
    }
}

/// Writes `x` as [`write_f64`] would when it is the double nearest a decimal of at most six
/// places between 0.001 and 10^9 in size (every coordinate, score and confidence the export
/// writes: they are rounded so), with integer formatting; false, writing nothing, otherwise.
/// Exact: that double's shortest round-tripping form is the decimal itself (two decimals of
/// at most 15 significant digits never share a double), which is what serde_json prints, in
/// this range without an exponent.
fn write_short_decimal(out: &mut Vec<u8>, x: f64) -> bool {
    const PLACES: usize = 6;
    const SCALE: f64 = 1e6;
    let size = x.abs();
    if !(1e-3..1e9).contains(&size) {
        return false;
    }
    let scaled = (size * SCALE).round();
    // `scaled / SCALE` is the double nearest the decimal, both operands being exact.
    if scaled / SCALE != size {
        return false;
    }
    let scaled = scaled as u64;
    let (whole, mut fraction) = (scaled / 1_000_000, scaled % 1_000_000);
    let mut ints = itoa::Buffer::new();
    if x < 0.0 {
        out.push(b'-');
    }
    out.extend_from_slice(ints.format(whole).as_bytes());
    out.push(b'.');
    if fraction == 0 {
        out.push(b'0');
        return true;
    }
    let mut places = PLACES;
    while fraction % 10 == 0 {
        fraction /= 10;
        places -= 1;
    }
    let digits = ints.format(fraction).as_bytes();
    out.extend(std::iter::repeat_n(b'0', places - digits.len()));
    out.extend_from_slice(digits);
    true
}

fn write_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A JSON string with serde_json's escapes: `\"`, `\\`, the short forms of backspace, form
/// feed, newline, carriage return and tab, `\u00XX` for other control characters; everything
/// else (all non-ASCII included) as it is.
fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Names, ids and evidence rarely hold anything to escape: one scan, one copy.
    if !bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\') {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut clean = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0c => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x00..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(bytes.get(clean..i).unwrap_or(&[]));
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            for nibble in [b >> 4, b & 0xf] {
                out.extend_from_slice(
                    HEX.get(usize::from(nibble)..=usize::from(nibble))
                        .unwrap_or(b"0"),
                );
            }
        } else {
            out.extend_from_slice(escape);
        }
        clean = i + 1;
    }
    out.extend_from_slice(bytes.get(clean..).unwrap_or(&[]));
    out.push(b'"');
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
    /// The mentions of the current part, serialised before one write to `out`.
    scratch: Vec<u8>,
}

impl<W: Write> MentionsJsonlWriter<W> {
    /// A writer over `out`.
    pub fn new(out: W) -> Self {
        MentionsJsonlWriter::with_state(out, WriterState::default())
    }

    /// A writer over `out` that goes on from an earlier writer's [`WriterState`]: for a caller
    /// that makes a writer per document.
    pub fn with_state(out: W, state: WriterState) -> Self {
        let WriterState {
            mut focus,
            mut fields,
            mut scratch,
        } = state;
        focus.reset();
        fields.clear();
        scratch.clear();
        MentionsJsonlWriter {
            out,
            in_document: 0,
            parts: 0,
            focus,
            fields,
            scratch,
        }
    }

    /// What the next writer can go on from; this one is left empty.
    pub fn take_state(&mut self) -> WriterState {
        WriterState {
            focus: std::mem::take(&mut self.focus),
            fields: std::mem::take(&mut self.fields),
            scratch: std::mem::take(&mut self.scratch),
        }
    }
}

/// What a mentions JSONL writer hands on to the next one, for a caller that makes a writer per
/// document: the focus builder, with what it looked up about places, and the room of its
/// tables and buffers, which a fresh writer would allocate again for every document.
#[derive(Default)]
pub struct WriterState {
    focus: FocusBuilder,
    fields: Vec<u8>,
    scratch: Vec<u8>,
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
        self.focus.reset();
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
        self.scratch.clear();
        // A mention's line is about 350 bytes: one allocation, not a doubling series.
        self.scratch.reserve(400 * doc.parsed.mentions.len());
        for m in &doc.parsed.mentions {
            if self.in_document > 0 {
                self.scratch.push(b',');
            }
            ContractMention::new(doc, m).write(&mut self.scratch);
            self.in_document += 1;
        }
        self.out.write_all(&self.scratch)?;
        Ok(())
    }

    fn end_document(&mut self) -> Result<(), Error> {
        self.scratch.clear();
        self.scratch.extend_from_slice(b"],\"focus\":");
        write_focus(&mut self.scratch, self.focus.levels());
        self.out.write_all(&self.scratch)?;
        self.out.write_all(&self.fields)?;
        self.out.write_all(b"}\n")?;
        Ok(())
    }

    fn end(&mut self) -> Result<(), Error> {
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{write_f64, write_focus, write_str};
    use crate::group::{Focus, FocusEntry, FocusEntryRef};
    use proptest::prelude::*;

    fn ours_str(s: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, s);
        String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
    }

    fn ours_f64(x: f64) -> String {
        let mut out = Vec::new();
        write_f64(&mut out, Some(x));
        String::from_utf8(out).expect("ASCII")
    }

    #[test]
    fn focus_is_written_as_serde_json_writes_it() {
        let entry = |id: &str, name: &str, score: f64| FocusEntry {
            place_id: id.into(),
            name: name.into(),
            country_code: "SY".into(),
            score,
            mentions: 3,
        };
        for focus in [
            Focus::default(),
            Focus {
                countries: vec![entry("geonames:163843", "Syria", 2.6)],
                admin1: vec![
                    entry("geonames:172955", "Ar-Raqqah", 1.0),
                    entry("x", "\"q\"", 0.6),
                ],
                cities: vec![],
            },
        ] {
            let mut ours = Vec::new();
            let levels = [&focus.countries, &focus.admin1, &focus.cities]
                .map(|level| level.iter().map(FocusEntryRef::from));
            write_focus(&mut ours, levels);
            let theirs = serde_json::to_vec(&focus).expect("serialisable");
            assert_eq!(String::from_utf8(ours), String::from_utf8(theirs));
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in [
            "",
            "Raqqa",
            "say \"Mosul\"",
            "back\\slash",
            "line\nbreak\r\ttab",
            "\u{0}\u{1}\u{8}\u{c}\u{1f}\u{7f}",
            "الرقة · Zürich",
        ] {
            assert_eq!(
                ours_str(s),
                serde_json::to_string(s).expect("a string"),
                "{s:?}"
            );
        }
    }

    #[test]
    fn numbers_are_formatted_as_serde_json_formats_them() {
        for x in [
            0.0,
            -0.0,
            0.1,
            0.996,
            1.0,
            31.31129,
            -92.44514,
            1e-7,
            1e21,
            123456.5,
            0.001,
            -0.001,
            0.000999,
            0.0015,
            999_999_999.999999,
            1e9,
            120.95722,
            -180.0,
            0.000001,
            10.5,
        ] {
            assert_eq!(
                ours_f64(x),
                serde_json::to_string(&x).expect("a number"),
                "{x}"
            );
        }
        let mut out = Vec::new();
        write_f64(&mut out, Some(f64::NAN));
        write_f64(&mut out, None);
        assert_eq!(out, b"nullnull");
    }

    proptest! {
        #[test]
        fn any_string_matches_serde_json(s in any::<String>()) {
            prop_assert_eq!(ours_str(&s), serde_json::to_string(&s).expect("a string"));
        }

        #[test]
        fn any_short_decimal_matches_serde_json(k in -2_000_000_000_000_000i64..2_000_000_000_000_000, places in 0i32..=8) {
            // Rounded as the export rounds coordinates and scores, at and around six places.
            let scale = 10f64.powi(places);
            let x = (k as f64 / 1e9 * scale).round() / scale;
            prop_assert_eq!(ours_f64(x), serde_json::to_string(&x).expect("a number"));
        }

        #[test]
        fn any_finite_number_matches_serde_json(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
            prop_assert_eq!(ours_f64(x), serde_json::to_string(&x).expect("a number"));
        }
    }
}
