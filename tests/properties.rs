//! Invariants of the pipeline on arbitrary text (proptest): offsets always on character
//! boundaries and inside the text, byte and code-point offsets agree, the same input gives the
//! same output, and every export is valid JSON with coordinates in range.

use geomention::export::{DocumentOutput, Exporter, GeoJsonWriter, Layer, MentionsJsonlWriter};
use geomention::gazetteer::Gazetteer;
use geomention::text::CharOffset;
use geomention::{Geoparser, Options};
use proptest::prelude::*;
use std::sync::OnceLock;

fn parser() -> &'static Geoparser {
    static PARSER: OnceLock<Geoparser> = OnceLock::new();
    PARSER.get_or_init(|| Geoparser::new(Gazetteer::builtin().unwrap(), Options::default()))
}

/// Text that looks like news often enough to produce mentions: place names, capitals,
/// punctuation, newlines, and arbitrary Unicode (combining marks, Arabic, emoji, controls).
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vec![
            "Raqqa", "Mosul", "TEL AVIV", "Aleppo, Syria", "Springfield, Ill.", "Deir ez-Zor",
            "الرقة", "Iranian", "U.S.", "the", "fighting in", "Paris", "—", "(AP)", "Homs", "N.Y.",
            "São Paulo", "Kyiv", "in", "and", "no", "could", "hit", "New York", "Washington",
            "Tel Aviv", "RAQQA", "raqqa", "PARIS", "Sao Paulo", "Zürich", "Zurich", "Quebec", "Québec",
        ])
        .prop_map(str::to_string),
        2 => "[ \\n\\t.,;:!?\"'()\\-]{1,3}",
        2 => "\\PC{1,8}",
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn offsets_are_on_boundaries_and_agree(text in newsish()) {
        let parsed = parser().parse(&text);
        for m in &parsed.mentions {
            let (bs, be) = (m.span.byte_start.0, m.span.byte_end.0);
            prop_assert!(bs < be && be <= text.len());
            prop_assert!(text.is_char_boundary(bs) && text.is_char_boundary(be));
            prop_assert_eq!(text[..bs].chars().count(), m.span.char_start.0);
            prop_assert_eq!(text[..be].chars().count(), m.span.char_end.0);
            prop_assert!((0.0..=1.0).contains(&m.confidence));
            prop_assert!((0.0..=1.0).contains(&m.role.activity_score));
            if let Some(p) = m.place {
                prop_assert!((-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon));
            }
        }
    }

    #[test]
    fn the_same_input_gives_the_same_output(text in newsish()) {
        let render = |text: &str| -> Vec<u8> {
            let parsed = parser().parse(text);
            let mut out = Vec::new();
            let mut w = MentionsJsonlWriter::new(&mut out);
            w.begin().unwrap();
            w.document(&DocumentOutput {
                id: "d",
                text,
                text_offset: 0,
                parsed: &parsed,
                gazetteer: parser().gazetteer(),
                fields: &[],
            })
            .unwrap();
            w.end().unwrap();
            out
        };
        prop_assert_eq!(render(&text), render(&text));
    }

    #[test]
    fn a_memo_kept_across_documents_changes_no_result(first in newsish(), second in newsish()) {
        // `batch` keeps one memo of names per worker for a whole corpus.
        let summary = |p: &geomention::Parsed<'_>| -> Vec<String> {
            p.mentions
                .iter()
                .map(|m| format!("{:?} {:?} {:?} {:.9}", m.span, m.place.map(|p| p.index), m.role.role, m.confidence))
                .collect()
        };
        let mut memo = geomention::recognize::Memo::new();
        let mut with_memo = Vec::new();
        for text in [&first, &second, &first] {
            let mut parts = Vec::new();
            parser()
                .parse_parts_in(text, &mut memo, |_, _, p| -> Result<(), ()> {
                    parts.extend(summary(&p));
                    Ok(())
                })
                .unwrap();
            with_memo.push(parts);
        }
        let fresh: Vec<Vec<String>> =
            [&first, &second, &first].iter().map(|t| summary(&parser().parse(t))).collect();
        prop_assert_eq!(with_memo, fresh);
    }

    #[test]
    fn every_geojson_layer_is_valid_json_with_points_in_range(text in newsish()) {
        let parsed = parser().parse(&text);
        for layer in [Layer::Places, Layer::Mentions, Layer::Clusters] {
            let mut out = Vec::new();
            let mut w = GeoJsonWriter::collection(&mut out, layer);
            w.begin().unwrap();
            w.document(&DocumentOutput {
                id: "d",
                text: &text,
                text_offset: 0,
                parsed: &parsed,
                gazetteer: parser().gazetteer(),
                fields: &[],
            })
            .unwrap();
            w.end().unwrap();
            let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
            prop_assert_eq!(&v["type"], "FeatureCollection");
            for f in v["features"].as_array().unwrap() {
                let g = &f["geometry"];
                let points: Vec<&serde_json::Value> = match g["type"].as_str() {
                    None => Vec::new(),
                    Some("Point") => vec![&g["coordinates"]],
                    Some("Polygon") => g["coordinates"][0].as_array().unwrap().iter().collect(),
                    Some("MultiPolygon") => g["coordinates"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .flat_map(|p| p[0].as_array().unwrap().iter())
                        .collect(),
                    Some(other) => return Err(TestCaseError::fail(format!("geometry {other}"))),
                };
                for p in points {
                    let (lon, lat) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
                    prop_assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
                }
                // Flat properties: no object or array values (one GDAL column each).
                for (_, value) in f["properties"].as_object().unwrap() {
                    prop_assert!(!value.is_object() && !value.is_array());
                }
            }
        }
    }

    #[test]
    fn given_spans_come_back_in_order_with_their_offsets(
        text in newsish(),
        cuts in prop::collection::vec((0.0f64..1.0, 0.0f64..1.0), 0..12),
    ) {
        // Spans anywhere in the text, overlapping or not, in any order (gold files are not
        // sorted): each comes back once, in the order given, with its own offsets, and the
        // recognizer's candidates it may take do not move it.
        let chars = text.chars().count();
        let mut spans: Vec<(CharOffset, CharOffset)> = cuts
            .iter()
            .map(|&(a, b)| {
                let (a, b) = ((a * chars as f64) as usize, (b * chars as f64) as usize);
                (CharOffset(a.min(b)), CharOffset(a.max(b) + 1))
            })
            .filter(|&(_, e)| e.0 <= chars)
            .collect();
        // A repeated span is read as the first one is.
        if let Some(&first) = spans.first() {
            spans.push(first);
        }
        let parsed = parser().parse_spans(&text, &spans).unwrap();
        if let (Some(a), Some(b)) = (parsed.mentions.first(), parsed.mentions.last()) {
            prop_assert_eq!(a.place.map(|p| p.id), b.place.map(|p| p.id));
        }
        prop_assert_eq!(parsed.mentions.len(), spans.len());
        for (m, &(start, end)) in parsed.mentions.iter().zip(&spans) {
            prop_assert_eq!(m.span.char_start, start);
            prop_assert_eq!(m.span.char_end, end);
            prop_assert!((0.0..=1.0).contains(&m.confidence));
        }
    }
}

proptest! {
    // Megabytes of text per case: fewer cases.
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    #[test]
    fn long_texts_in_parts_keep_offsets_in_the_whole(text in newsish(), repeat in 1usize..4) {
        // The parts a long text is cut into must report offsets in the whole text.
        let long = text.repeat(repeat * 1500);
        let mut last_end = 0;
        parser()
            .parse_parts(&long, |part, offset, parsed| -> Result<(), TestCaseError> {
                prop_assert_eq!(&long[offset..offset + part.len()], part);
                for m in &parsed.mentions {
                    prop_assert!(m.span.byte_start.0 >= offset);
                    prop_assert!(m.span.byte_end.0 <= offset + part.len());
                    prop_assert!(m.span.byte_start.0 >= last_end);
                    last_end = m.span.byte_end.0;
                }
                Ok(())
            })?;
    }
}
