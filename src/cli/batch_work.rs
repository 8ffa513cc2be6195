//! One `batch` record through the pipeline, on a worker thread: decode it, parse it, and render
//! every output fragment it contributes, so the writing thread only concatenates bytes.

use std::borrow::Cow;

use serde_json::value::RawValue;

use geomention::export::{
    DocumentOutput, Exporter, MentionsJsonlWriter, PlaceAggregator, PlaceRow, WriterState,
};
use geomention::group::{ClusterOptions, FocusBuilder};
use geomention::recognize::Memo;
use geomention::text::CharOffset;
use geomention::{Geoparser, Parsed};

use super::batch_input::{Record, Unit};
use super::input::decode;
use super::options::{Format, LayerArg};
use super::output::{exporter, exporter_with};

/// What the workers are asked to produce.
#[derive(Clone, Debug)]
pub struct Settings {
    /// JSON field with the text.
    pub text_field: String,
    /// JSON field with the id.
    pub id_field: String,
    /// CSV column with the text.
    pub text_column: String,
    /// CSV column with the id (the line number when absent).
    pub id_column: Option<String>,
    /// Resolve each JSONL record's `toponyms` spans.
    pub gold_spans: bool,
    /// Replace invalid UTF-8 in text files.
    pub lossy: bool,
    /// The stream output (`-o`), when there is one.
    pub stream: Option<(Format, LayerArg)>,
    /// Files of `--out-dir`: mentions JSONL, combined places and per-document layers.
    pub out_dir: bool,
    /// Keep place rows for the corpus aggregate.
    pub aggregate: bool,
    /// How places are grouped into areas.
    pub clustering: ClusterOptions,
}

/// One line of the summary table.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct SummaryRow {
    /// Document id.
    pub doc_id: String,
    /// Input file.
    pub file: String,
    /// Line in the input file (0 for a whole text file).
    pub line: u64,
    /// Characters of text.
    pub characters: u64,
    /// Mentions found.
    pub mentions: u64,
    /// Of which resolved.
    pub resolved: u64,
    /// Distinct places.
    pub places: u64,
    /// Places with at least one activity mention.
    pub activity_places: u64,
    /// Top focus country (ISO code).
    pub focus_country: String,
    /// Top focus admin-1 region.
    pub focus_admin1: String,
    /// Top focus city.
    pub focus_city: String,
    /// Why the record failed (empty when it did not).
    pub error: String,
}

/// A record's outputs.
pub struct Done {
    /// Document id.
    pub id: String,
    /// Failure reason, when the record could not be parsed.
    pub error: Option<String>,
    /// Fragment of the stream output.
    pub stream: Vec<u8>,
    /// Its mentions JSONL line (out-dir).
    pub mentions_jsonl: Vec<u8>,
    /// Its places features, a fragment of a FeatureCollection (out-dir).
    pub places_fragment: Vec<u8>,
    /// Its cluster features, a fragment of a FeatureCollection (out-dir).
    pub clusters_fragment: Vec<u8>,
    /// Its places, for the corpus aggregate.
    pub places: Vec<PlaceRow>,
    /// Its summary line.
    pub summary: SummaryRow,
}

/// A decoded record.
struct Document {
    id: String,
    text: String,
    spans: Vec<(CharOffset, CharOffset)>,
    fields: Vec<(String, Box<RawValue>)>,
}

/// What a worker thread keeps across the records it processes: what it learnt about names
/// and places, which depends only on the gazetteer.
#[derive(Default)]
pub struct Worker<'g> {
    /// Recognition's memo of names.
    pub memo: Memo<'g>,
    /// What the mentions JSONL writer of the last document hands on (its focus's knowledge
    /// of places, the room of its buffers).
    pub jsonl: WriterState,
}

/// Processes one unit with the worker's memos. Never fails: a bad record becomes a `Done`
/// with an error.
pub fn process<'g>(
    parser: &'g Geoparser,
    settings: &Settings,
    unit: Unit,
    worker: &mut Worker<'g>,
) -> Done {
    let origin = unit.origin;
    // Made only for a record without an id of its own (formatting it for every record was
    // a measurable share of a short one).
    let fallback_id = || {
        if origin.line > 0 {
            format!("line-{}", origin.line)
        } else {
            origin.file.to_string()
        }
    };
    // The summary row feeds only --out-dir's summary.csv.
    let summary = SummaryRow {
        file: if settings.out_dir {
            origin.file.to_string()
        } else {
            String::new()
        },
        line: origin.line,
        ..SummaryRow::default()
    };
    match decode_record(settings, unit.record, &fallback_id, &origin.file) {
        Ok(doc) => run(parser, settings, doc, summary, worker),
        Err((id, why)) => failed(settings, id, why, summary),
    }
}

fn failed(settings: &Settings, id: String, why: String, mut summary: SummaryRow) -> Done {
    let mut stream = Vec::new();
    if let Some((format, layer)) = settings.stream {
        let _ = exporter(&mut stream, format, layer).failed(&id, &why);
    }
    let mut mentions_jsonl = Vec::new();
    if settings.out_dir {
        let _ = exporter(&mut mentions_jsonl, Format::MentionsJsonl, LayerArg::Places)
            .failed(&id, &why);
    }
    summary.doc_id = id.clone();
    summary.error = why.clone();
    Done {
        id,
        error: Some(why),
        stream,
        mentions_jsonl,
        places_fragment: Vec::new(),
        clusters_fragment: Vec::new(),
        places: Vec::new(),
        summary,
    }
}

fn run<'g>(
    parser: &'g Geoparser,
    settings: &Settings,
    doc: Document,
    mut summary: SummaryRow,
    worker: &mut Worker<'g>,
) -> Done {
    let parsed_spans: Option<Result<Parsed<'_>, String>> = settings.gold_spans.then(|| {
        parser
            .parse_spans(&doc.text, &doc.spans)
            .map_err(|e| e.to_string())
    });
    if let Some(Err(why)) = &parsed_spans {
        return failed(settings, doc.id, why.clone(), summary);
    }
    // A document's stream output is a few kilobytes: one allocation up front instead of a
    // doubling series per document.
    let mut stream = Vec::with_capacity(if settings.stream.is_some() { 4096 } else { 0 });
    let mut mentions_jsonl = Vec::new();
    let mut places_fragment = Vec::new();
    let mut clusters_fragment = Vec::new();
    {
        // A mentions JSONL stream writer is made here, not by `exporter_with`, so that it can
        // start from the worker's focus cache and hand it back.
        let mut jsonl_stream = None;
        let mut outputs: Vec<Box<dyn Exporter + '_>> = Vec::new();
        match settings.stream {
            Some((Format::MentionsJsonl, _)) => {
                jsonl_stream = Some(MentionsJsonlWriter::with_state(
                    &mut stream,
                    std::mem::take(&mut worker.jsonl),
                ));
            }
            Some((format, layer)) => {
                outputs.push(exporter_with(
                    &mut stream,
                    format,
                    layer,
                    settings.clustering,
                ));
            }
            None => {}
        }
        if let Some(writer) = jsonl_stream.as_mut() {
            outputs.push(Box::new(writer));
        }
        if settings.out_dir {
            outputs.push(exporter(
                &mut mentions_jsonl,
                Format::MentionsJsonl,
                LayerArg::Places,
            ));
            outputs.push(exporter_with(
                &mut places_fragment,
                Format::Geojson,
                LayerArg::Places,
                settings.clustering,
            ));
            outputs.push(exporter_with(
                &mut clusters_fragment,
                Format::Geojson,
                LayerArg::Clusters,
                settings.clustering,
            ));
        }
        for ex in outputs.iter_mut() {
            let _ = ex.begin_document(&doc.id);
        }
        let mut places = PlaceAggregator::default();
        let mut focus = settings.out_dir.then(FocusBuilder::default);
        let mut feed =
            |part_text: &str, offset: usize, parsed: &Parsed<'_>| -> Result<(), String> {
                let part = DocumentOutput {
                    id: &doc.id,
                    text: part_text,
                    text_offset: offset,
                    parsed,
                    gazetteer: parser.gazetteer(),
                    fields: &doc.fields,
                };
                for ex in outputs.iter_mut() {
                    ex.part(&part).map_err(|e| e.to_string())?;
                }
                // Place rows and focus feed only the --out-dir files.
                if settings.out_dir {
                    places.add(&part);
                    if let Some(focus) = focus.as_mut() {
                        focus.add(parser.gazetteer(), &parsed.mentions);
                    }
                }
                summary.mentions += parsed.mentions.len() as u64;
                summary.resolved +=
                    parsed.mentions.iter().filter(|m| m.place.is_some()).count() as u64;
                Ok(())
            };
        let result = match &parsed_spans {
            Some(Ok(parsed)) => feed(&doc.text, 0, parsed),
            _ => parser.parse_parts_in(&doc.text, &mut worker.memo, |t, o, p| feed(t, o, &p)),
        };
        for ex in outputs.iter_mut() {
            let _ = ex.end_document();
        }
        drop(outputs);
        if let Some(writer) = jsonl_stream.as_mut() {
            worker.jsonl = writer.take_state();
        }
        drop(jsonl_stream);
        if let Err(why) = result {
            return failed(settings, doc.id, why, summary);
        }
        // The place rows, the focus and the summary row serve only the --out-dir files.
        let mut rows = Vec::new();
        if let Some(focus) = focus {
            rows = places.finish();
            let f = focus.finish();
            summary.doc_id = doc.id.clone();
            summary.characters = doc.text.chars().count() as u64;
            summary.places = rows.len() as u64;
            summary.activity_places =
                rows.iter().filter(|r| r.activity_mentions > 0).count() as u64;
            summary.focus_country = f
                .countries
                .first()
                .map(|e| e.country_code.clone())
                .unwrap_or_default();
            summary.focus_admin1 = f.admin1.first().map(|e| e.name.clone()).unwrap_or_default();
            summary.focus_city = f.cities.first().map(|e| e.name.clone()).unwrap_or_default();
        }
        Done {
            id: doc.id,
            error: None,
            stream,
            mentions_jsonl,
            places_fragment,
            clusters_fragment,
            places: if settings.aggregate { rows } else { Vec::new() },
            summary,
        }
    }
}

/// Decodes a framed record into id, text, spans and carried fields; `Err((id, why))` when bad.
fn decode_record(
    settings: &Settings,
    record: Record,
    fallback_id: &dyn Fn() -> String,
    file: &str,
) -> Result<Document, (String, String)> {
    match record {
        Record::Unreadable(why) => Err((fallback_id(), why)),
        Record::Text { id, bytes } => {
            let text =
                decode(bytes, file, settings.lossy).map_err(|e| (id.clone(), format!("{e:#}")))?;
            Ok(Document {
                id,
                text,
                spans: Vec::new(),
                fields: Vec::new(),
            })
        }
        Record::JsonLine(bytes) => decode_json(settings, &bytes, fallback_id),
        Record::CsvRow { header, row } => {
            let field = |name: &str| -> Option<&[u8]> {
                header
                    .iter()
                    .position(|h| h == name)
                    .and_then(|i| row.get(i))
            };
            let id = match settings.id_column.as_deref().and_then(field) {
                Some(raw) => String::from_utf8_lossy(raw).trim().to_string(),
                None => fallback_id(),
            };
            let id = if id.is_empty() { fallback_id() } else { id };
            let raw = field(&settings.text_column).ok_or_else(|| {
                (
                    id.clone(),
                    format!(
                        "the row has no {:?} field ({} fields)",
                        settings.text_column,
                        row.len()
                    ),
                )
            })?;
            let text = std::str::from_utf8(raw)
                .map_err(|e| {
                    (
                        id.clone(),
                        format!("the text is not valid UTF-8 at byte {}", e.valid_up_to()),
                    )
                })?
                .to_string();
            let mut fields = Vec::new();
            for (i, name) in header.iter().enumerate() {
                if name == &settings.text_column || name.is_empty() {
                    continue;
                }
                let value = String::from_utf8_lossy(row.get(i).unwrap_or(b""));
                if let Ok(json) = serde_json::to_string(&value) {
                    if let Ok(raw) = RawValue::from_string(json) {
                        fields.push((name.clone(), raw));
                    }
                }
            }
            Ok(Document {
                id,
                text,
                spans: Vec::new(),
                fields,
            })
        }
    }
}

fn decode_json(
    settings: &Settings,
    bytes: &[u8],
    fallback_id: &dyn Fn() -> String,
) -> Result<Document, (String, String)> {
    let line = std::str::from_utf8(bytes).map_err(|e| {
        (
            fallback_id(),
            format!("not valid UTF-8 at byte {} of the line", e.valid_up_to()),
        )
    })?;
    let parsed = {
        use serde::de::DeserializeSeed;
        let mut de = serde_json::Deserializer::from_str(line);
        LineFields::seed(&settings.text_field)
            .deserialize(&mut de)
            .and_then(|fields| de.end().map(|()| fields))
    };
    let LineFields { text, others } = parsed.map_err(|e| {
        let why = if line.trim_start().starts_with('{') {
            format!("not valid JSON: {e}")
        } else {
            "not a JSON object".to_string()
        };
        (fallback_id(), why)
    })?;
    let get = |key: &str| others.iter().find(|(k, _)| k == key).map(|(_, v)| v);
    let id = if settings.id_field == settings.text_field {
        match &text {
            Some(MaybeString(Some(text), _) | MaybeString(None, Some(text))) => text.clone(),
            _ => fallback_id(),
        }
    } else {
        match get(&settings.id_field) {
            Some(raw) => match serde_json::from_str::<serde_json::Value>(raw.get()) {
                Ok(serde_json::Value::String(s)) => s,
                Ok(serde_json::Value::Number(n)) => n.to_string(),
                _ => fallback_id(),
            },
            None => fallback_id(),
        }
    };
    let text = match text {
        Some(MaybeString(Some(text), _)) => text,
        Some(MaybeString(None, _)) => {
            return Err((
                id,
                format!("field {:?} is not a string", settings.text_field),
            ));
        }
        None => return Err((id, format!("no field {:?}", settings.text_field))),
    };
    let mut spans = Vec::new();
    if settings.gold_spans {
        #[derive(serde::Deserialize)]
        struct Toponym {
            start: usize,
            end: usize,
        }
        let raw = get("toponyms").ok_or_else(|| {
            (
                id.clone(),
                "no \"toponyms\" array for --gold-spans".to_string(),
            )
        })?;
        let toponyms: Vec<Toponym> = serde_json::from_str(raw.get()).map_err(|e| {
            (
                id.clone(),
                format!("\"toponyms\" is not a list of {{start, end}}: {e}"),
            )
        })?;
        spans = toponyms
            .into_iter()
            .map(|t| (CharOffset(t.start), CharOffset(t.end)))
            .collect();
    }
    Ok(Document {
        id,
        text,
        spans,
        // Carried fields: every other member, in the line's order.
        fields: others,
    })
}

/// A JSON line's members, read in one pass: the text field's value (the first member of that
/// name counts) and every other member raw,
/// in the line's order. The text is decoded straight from the line: read raw first and then
/// decoded, it was scanned twice, and copying the other members into new raw values
/// validated them a second time.
struct LineFields {
    text: Option<MaybeString>,
    others: Vec<(String, Box<RawValue>)>,
}

impl LineFields {
    fn seed(text_field: &str) -> LineFieldsSeed<'_> {
        LineFieldsSeed { text_field }
    }
}

struct LineFieldsSeed<'s> {
    text_field: &'s str,
}

impl<'de> serde::de::DeserializeSeed<'de> for LineFieldsSeed<'_> {
    type Value = LineFields;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<LineFields, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for LineFieldsSeed<'_> {
    type Value = LineFields;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<LineFields, M::Error> {
        let mut text = None;
        let mut others = Vec::new();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key != self.text_field {
                others.push((key.into_owned(), map.next_value::<Box<RawValue>>()?));
            } else if text.is_none() {
                text = Some(map.next_value::<MaybeString>()?);
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(LineFields { text, others })
    }
}

/// A JSON value that is a string, or any other value (read and dropped; a number is kept as
/// text, for an id field that is also the text field).
struct MaybeString(Option<String>, Option<String>);

impl<'de> serde::Deserialize<'de> for MaybeString {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = MaybeString;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E>(self, s: &str) -> Result<MaybeString, E> {
                Ok(MaybeString(Some(s.to_string()), None))
            }
            fn visit_string<E>(self, s: String) -> Result<MaybeString, E> {
                Ok(MaybeString(Some(s), None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<MaybeString, E> {
                Ok(MaybeString(None, None))
            }
            fn visit_i64<E>(self, n: i64) -> Result<MaybeString, E> {
                Ok(MaybeString(None, Some(n.to_string())))
            }
            fn visit_u64<E>(self, n: u64) -> Result<MaybeString, E> {
                Ok(MaybeString(None, Some(n.to_string())))
            }
            fn visit_f64<E>(self, n: f64) -> Result<MaybeString, E> {
                let text = serde_json::Number::from_f64(n).map(|n| n.to_string());
                Ok(MaybeString(None, text))
            }
            fn visit_unit<E>(self) -> Result<MaybeString, E> {
                Ok(MaybeString(None, None))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<MaybeString, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(MaybeString(None, None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<MaybeString, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(MaybeString(None, None))
            }
        }
        d.deserialize_any(Visitor)
    }
}
