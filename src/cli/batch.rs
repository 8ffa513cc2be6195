//! `geomention batch`: a JSONL corpus in, one output for all documents out.
//!
//! Sequential for now (issue 6 parallelises it). Every input line is accounted for: a good
//! record produces its output, a bad one an error on stderr naming file, line and id (and, in
//! mentions JSONL, a line with an `error` field so output lines match input lines).

use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::ValueEnum;

use geomention::export::DocumentOutput;
use geomention::gazetteer::{CountryCode, Gazetteer};
use geomention::text::CharOffset;
use geomention::{Geoparser, Parsed};

use super::exit::Status;
use super::input::display_name;
use super::map::pipeline_options;
use super::options::{Format, LayerArg, parse_countries};
use super::output::{Target, exporter, with_target};

/// Input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// From the file extension (.jsonl, .ndjson, .json).
    Auto,
    /// One JSON object per line with an id and a text field.
    Jsonl,
}

/// Geoparse a corpus of documents.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  geomention batch corpus.jsonl --format mentions-jsonl -o mentions.jsonl
  geomention batch corpus.jsonl --format geojson -o corpus.geojson
  cat corpus.jsonl | geomention batch - --input-format jsonl --format mentions-jsonl
  geomention batch gold.jsonl --gold-spans --format mentions-jsonl   # resolve given spans

Each input line is {\"id\": …, \"text\": …} (field names set by --id-field/--text-field; other
keys are ignored). With --gold-spans each line's \"toponyms\" [{\"start\", \"end\"}, …] (code
points) are resolved instead of recognising mentions. Bad lines are reported with their line
number and id; the run goes on and exits 1 at the end.")]
pub struct Args {
    /// The corpus (`-` for standard input).
    #[arg(value_name = "INPUT")]
    input: PathBuf,
    /// How to read the input.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// The JSON field holding the text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// The JSON field holding the document id (the line number when absent).
    #[arg(long, default_value = "id")]
    id_field: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::MentionsJsonl)]
    format: Format,
    /// Which features a GeoJSON output holds.
    #[arg(long, value_enum, default_value_t = LayerArg::Places)]
    layer: LayerArg,
    /// Where to write (`-` for stdout, the default).
    #[arg(long, short = 'o', value_name = "PATH", default_value = "-")]
    output: PathBuf,
    /// Resolve the spans in each line's "toponyms" instead of recognising mentions.
    #[arg(long)]
    gold_spans: bool,
    /// Prefer places in these countries when the text does not decide.
    #[arg(long, value_name = "CC[,CC]", value_parser = parse_countries)]
    bias_country: Option<Vec<CountryCode>>,
    /// Do not report demonyms as mentions of their country.
    #[arg(long)]
    no_demonyms: bool,
    /// Print nothing on stderr but errors.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// One input record, or why it is bad.
struct Record {
    id: String,
    text: String,
    spans: Vec<(CharOffset, CharOffset)>,
}

fn parse_record(
    line: &str,
    line_no: u64,
    args: &Args,
) -> std::result::Result<Record, (String, String)> {
    use serde_json::value::RawValue;
    // Only the fields asked for are decoded; everything else stays raw text.
    let fields: std::collections::HashMap<std::borrow::Cow<'_, str>, &RawValue> =
        serde_json::from_str(line).map_err(|e| {
            let why = if line.trim_start().starts_with('{') {
                format!("not valid JSON: {e}")
            } else {
                "not a JSON object".to_string()
            };
            (format!("line-{line_no}"), why)
        })?;
    let id = match fields.get(args.id_field.as_str()) {
        Some(raw) => match serde_json::from_str::<serde_json::Value>(raw.get()) {
            Ok(serde_json::Value::String(s)) => s,
            Ok(serde_json::Value::Number(n)) => n.to_string(),
            _ => format!("line-{line_no}"),
        },
        None => format!("line-{line_no}"),
    };
    let text = match fields.get(args.text_field.as_str()) {
        Some(raw) => serde_json::from_str::<String>(raw.get()).map_err(|_| {
            (
                id.clone(),
                format!("field {:?} is not a string", args.text_field),
            )
        })?,
        None => return Err((id, format!("no field {:?}", args.text_field))),
    };
    let mut spans = Vec::new();
    if args.gold_spans {
        #[derive(serde::Deserialize)]
        struct Toponym {
            start: usize,
            end: usize,
        }
        let raw = fields.get("toponyms").ok_or_else(|| {
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
    Ok(Record { id, text, spans })
}

/// Runs `batch`.
pub fn run(args: Args, gazetteer: Option<&Path>) -> Result<Status> {
    let name = display_name(&args.input);
    let format = match args.input_format {
        InputFormat::Jsonl => InputFormat::Jsonl,
        InputFormat::Auto => {
            let ext = args
                .input
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if args.input == Path::new("-") || matches!(ext.as_str(), "jsonl" | "ndjson" | "json") {
                InputFormat::Jsonl
            } else {
                bail!(
                    "cannot tell the format of {name} from its extension; pass --input-format jsonl"
                );
            }
        }
    };
    debug_assert_eq!(format, InputFormat::Jsonl);
    let g = Gazetteer::open_or_builtin(gazetteer).context("cannot open the gazetteer")?;
    let parser = Geoparser::new(
        g,
        pipeline_options(args.bias_country.clone(), args.no_demonyms),
    );
    let reader: Box<dyn BufRead> = if args.input == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::with_capacity(
            1 << 16,
            std::fs::File::open(&args.input).with_context(|| format!("cannot read {name}"))?,
        ))
    };
    let target = Target::from_arg(&args.output);
    let (ok, failed) = with_target(&target, |w| run_lines(&parser, reader, w, &args, &name))?;
    if !args.quiet || failed > 0 {
        eprintln!(
            "{name}: {} records: {ok} written, {failed} failed",
            ok + failed
        );
    }
    Ok(if failed > 0 {
        Status::Error
    } else {
        Status::Success
    })
}

fn run_lines(
    parser: &Geoparser,
    mut reader: Box<dyn BufRead>,
    w: &mut dyn std::io::Write,
    args: &Args,
    name: &str,
) -> Result<(u64, u64)> {
    let jsonl = args.format == Format::MentionsJsonl;
    let mut plain = exporter(w, args.format, args.layer);
    plain.begin()?;
    let (mut ok, mut failed, mut line_no) = (0u64, 0u64, 0u64);
    let mut buf = Vec::with_capacity(1 << 16);
    let mut failures: Vec<(String, String)> = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("cannot read {name}"))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l.trim_end_matches(['\n', '\r']),
            Err(e) => {
                let id = format!("line-{line_no}");
                let why = format!("not valid UTF-8 at byte {} of the line", e.valid_up_to());
                eprintln!("geomention: error: {name}:{line_no} ({id}): {why}");
                failures.push((id, why));
                failed += 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let record = match parse_record(line, line_no, args) {
            Ok(r) => r,
            Err((id, why)) => {
                eprintln!("geomention: error: {name}:{line_no} ({id}): {why}");
                failures.push((id, why));
                failed += 1;
                continue;
            }
        };
        let parsed: Parsed<'_> = if args.gold_spans {
            match parser.parse_spans(&record.text, &record.spans) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("geomention: error: {name}:{line_no} ({}): {e}", record.id);
                    failures.push((record.id, e.to_string()));
                    failed += 1;
                    continue;
                }
            }
        } else {
            parser.parse(&record.text)
        };
        // Failed records keep their place in a mentions JSONL output.
        if jsonl {
            flush_failures(&mut failures, &mut *plain)?;
        }
        plain.document(&DocumentOutput {
            id: &record.id,
            text: &record.text,
            text_offset: 0,
            parsed: &parsed,
            gazetteer: parser.gazetteer(),
        })?;
        ok += 1;
    }
    if jsonl {
        flush_failures(&mut failures, &mut *plain)?;
    }
    plain.end()?;
    Ok((ok, failed))
}

/// Writes the pending failed records as `{"id", "mentions": [], "error"}` lines.
fn flush_failures(
    failures: &mut Vec<(String, String)>,
    exporter: &mut dyn geomention::export::Exporter,
) -> Result<()> {
    for (id, why) in failures.drain(..) {
        exporter.failed(&id, &why)?;
    }
    Ok(())
}
