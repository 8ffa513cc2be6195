//! The text pipeline on arbitrary UTF-8: no panic, offsets on character boundaries and agreeing
//! in bytes and code points, and every output format well-formed.
#![no_main]

use std::sync::OnceLock;

use geomention::export::{
    CsvWriter, DocumentOutput, Exporter, GeoJsonWriter, Layer, MentionsJsonlWriter,
};
use geomention::gazetteer::Gazetteer;
use geomention::{Geoparser, Options};
use libfuzzer_sys::fuzz_target;

fn parser() -> &'static Geoparser {
    static PARSER: OnceLock<Geoparser> = OnceLock::new();
    PARSER.get_or_init(|| {
        Geoparser::new(
            Gazetteer::builtin().expect("built-in gazetteer"),
            Options::default(),
        )
    })
}

fn render(exporter: &mut dyn Exporter, doc: &DocumentOutput<'_, '_>) {
    exporter.begin().expect("begin");
    exporter.document(doc).expect("document");
    exporter.end().expect("end");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = parser().parse(text);
    for m in &parsed.mentions {
        let (start, end) = (m.span.byte_start.0, m.span.byte_end.0);
        assert!(start < end && end <= text.len(), "span {start}..{end}");
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        assert_eq!(text[..start].chars().count(), m.span.char_start.0);
        assert_eq!(text[..end].chars().count(), m.span.char_end.0);
        assert!((0.0..=1.0).contains(&m.confidence));
        if let Some(p) = m.place {
            assert!((-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon));
        }
    }
    let doc = DocumentOutput {
        id: "fuzz",
        text,
        text_offset: 0,
        parsed: &parsed,
        gazetteer: parser().gazetteer(),
        fields: &[],
    };
    for layer in [Layer::Places, Layer::Mentions, Layer::Clusters] {
        let mut out = Vec::new();
        render(&mut GeoJsonWriter::collection(&mut out, layer), &doc);
        let value: serde_json::Value = serde_json::from_slice(&out).expect("GeoJSON is JSON");
        assert_eq!(value["type"], "FeatureCollection");
    }
    let mut out = Vec::new();
    render(&mut MentionsJsonlWriter::new(&mut out), &doc);
    for line in out.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        serde_json::from_slice::<serde_json::Value>(line).expect("mentions line is JSON");
    }
    let mut out = Vec::new();
    render(&mut CsvWriter::new(&mut out), &doc);
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let width = reader.headers().expect("CSV header").len();
    for record in reader.records() {
        assert_eq!(
            record.expect("CSV row").len(),
            width,
            "every CSV row is full"
        );
    }
});
