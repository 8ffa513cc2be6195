//! `geocode --csv`: a table in, the same table with coordinates and reasons out, streamed in
//! chunks of rows over all cores with output order kept.
//!
//! What a careful CSV tool does, and this does: a UTF-8 BOM is dropped; CRLF and quoted
//! newlines are read by the `csv` crate; a ragged row is reported with its line and passed
//! through (geocoded when its place cell exists); a row that is not UTF-8 is reported with a
//! hint, passed through unchanged and counted as an error; a missing column is an error that
//! lists the columns there are; a header that is not UTF-8 stops the run with a hint.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};
use csv::ByteRecord;
use serde_json::Value;

use geomention::gazetteer::Gazetteer;
use geomention::geocode::{COLUMNS, GeocodeRow, Geocoder, Request};

use super::csv_quotes::{QuoteWatch, Unclosed, unclosed_message};
use super::exit::Status;
use super::geocode::{Args, TableFormat};
use super::input::{display_name, header_names, strip_bom};
use super::options::default_delimiter;
use super::output::{Target, with_target};
use super::parallel::{ordered_map, resolve_jobs};
use super::progress::Progress;
use super::terminal::sanitize;

/// Rows per unit of parallel work.
const CHUNK_ROWS: usize = 1024;
/// Distinct cells remembered per worker; the cache is emptied when it grows past this.
const CACHE_ENTRIES: usize = 100_000;
/// Problems printed one by one; the rest are counted.
const PROBLEMS_SHOWN: usize = 20;
/// Added columns get this prefix when the input already has a column of the same name.
const COLLISION_PREFIX: &str = "geomention_";

/// The columns the user named, as indexes into a row.
struct Columns {
    place: usize,
    country: Option<usize>,
    admin1: Option<usize>,
}

/// Everything a worker needs, shared read-only.
struct Job<'a> {
    geocoder: &'a Geocoder<'a>,
    gazetteer: &'a Gazetteer,
    columns: Columns,
    width: usize,
    format: TableFormat,
    delimiter: u8,
    /// JSON-escaped property names (input columns, then added columns), for GeoJSON/JSONL.
    json_keys: Vec<String>,
    name: String,
    caches: Vec<Mutex<HashMap<String, GeocodeRow>>>,
}

/// Rows read together.
struct Chunk {
    rows: Vec<(u64, ByteRecord)>,
    /// Input bytes read so far, for the progress bar.
    end_byte: u64,
}

/// What a worker made of a chunk.
#[derive(Default)]
struct ChunkOutput {
    bytes: Vec<u8>,
    rows: u64,
    matched: u64,
    unreadable: u64,
    ragged: u64,
    problems: Vec<String>,
    end_byte: u64,
}

/// Runs `geocode --csv FILE`.
pub fn run(args: &Args, path: &Path, g: &Gazetteer, geocoder: &Geocoder<'_>) -> Result<Status> {
    let name = display_name(path);
    let delimiter = args.delimiter.unwrap_or_else(|| default_delimiter(path));
    let (input, total_bytes): (Box<dyn Read + Send>, Option<u64>) = if path == Path::new("-") {
        (Box::new(std::io::stdin()), None)
    } else {
        let file = File::open(path).with_context(|| format!("cannot open {name}"))?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    let (input, unclosed) = QuoteWatch::new(input, delimiter);
    let input: Box<dyn Read + Send> = Box::new(input);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut first = ByteRecord::new();
    let has_first = reader
        .read_byte_record(&mut first)
        .with_context(|| format!("cannot read {name}"))?;
    if !has_first {
        bail!("{name} is empty: there is no header row and no data");
    }
    if let Some(opened) = unclosed.line() {
        bail!("{name}: {}", unclosed_message(opened));
    }
    strip_bom(&mut first);
    let (header, pending_first) = if args.no_header {
        let names = (1..=first.len()).map(|i| format!("column_{i}")).collect();
        (names, Some(first))
    } else {
        let names = header_names(&first).map_err(|(column, byte)| {
            anyhow::anyhow!(
                "{name}: the header is not UTF-8 (column {column}, byte {byte}); convert the file first, e.g. `iconv -f WINDOWS-1252 -t UTF-8 {name} > fixed.csv`"
            )
        })?;
        (names, None)
    };
    let column_arg = args
        .column
        .as_deref()
        .context("--column is required with --csv (the column holding place names)")?;
    let columns = Columns {
        place: find_column(&header, column_arg, &name)?,
        country: args
            .country_column
            .as_deref()
            .map(|c| find_column(&header, c, &name))
            .transpose()?,
        admin1: args
            .admin1_column
            .as_deref()
            .map(|c| find_column(&header, c, &name))
            .transpose()?,
    };
    let added = added_names(&header);
    let jobs = resolve_jobs(args.jobs);
    let job = Job {
        geocoder,
        gazetteer: g,
        columns,
        width: header.len(),
        format: args.format,
        delimiter,
        json_keys: json_keys(&header, &added),
        name: name.clone(),
        caches: (0..jobs).map(|_| Mutex::new(HashMap::new())).collect(),
    };
    let target = match &args.output {
        Some(p) => Target::from_arg(p),
        None if path == Path::new("-") => Target::Stdout,
        None => Target::File(default_output(path, args.format)),
    };
    let mut progress = Progress::new(total_bytes, args.quiet, "rows");
    let mut totals = ChunkOutput::default();
    let mut shown = 0usize;
    let chunks = ChunkReader {
        reader,
        pending: pending_first,
        unclosed,
        failed: false,
    };
    let write_header = !args.no_header;
    with_target(&target, |out| {
        begin(&mut *out, &job, &header, &added, write_header)?;
        let mut first_feature = true;
        let result = ordered_map(
            jobs,
            chunks,
            |worker, chunk| chunk.map(|c| geocode_chunk(&job, worker, c)),
            |output: Result<ChunkOutput>| -> Result<()> {
                let output = output.with_context(|| format!("cannot read {name}"))?;
                if job.format == TableFormat::Geojson && !output.bytes.is_empty() {
                    if !first_feature {
                        out.write_all(b",\n")?;
                    }
                    first_feature = false;
                }
                out.write_all(&output.bytes)?;
                for p in &output.problems {
                    if shown < PROBLEMS_SHOWN {
                        eprintln!("geomention: {}", sanitize(p));
                    }
                    shown += 1;
                }
                progress.advance(output.rows, output.end_byte);
                totals.rows += output.rows;
                totals.matched += output.matched;
                totals.unreadable += output.unreadable;
                totals.ragged += output.ragged;
                Ok(())
            },
        );
        progress.finish();
        result?;
        end(out, job.format)
    })?;
    if shown > PROBLEMS_SHOWN {
        eprintln!(
            "geomention: … and {} more problems in {name}",
            shown - PROBLEMS_SHOWN
        );
    }
    if !args.quiet {
        let to = match &target {
            Target::Stdout => "stdout".to_string(),
            Target::File(p) => p.display().to_string(),
        };
        eprintln!(
            "{} rows: {} geocoded, {} unmatched, {} unreadable, {} ragged → {to}",
            totals.rows,
            totals.matched,
            totals.rows - totals.matched - totals.unreadable,
            totals.unreadable,
            totals.ragged
        );
    }
    Ok(if totals.unreadable > 0 {
        Status::Error
    } else {
        Status::Success
    })
}

fn default_output(path: &Path, format: TableFormat) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "table".to_string());
    let csv_ext = path
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("tab"))
        .unwrap_or("csv");
    PathBuf::from("output").join(format!("{stem}-geocoded.{}", format.extension(csv_ext)))
}

/// A column by exact name, then by case-insensitive name, then by 1-based number.
fn find_column(header: &[String], wanted: &str, name: &str) -> Result<usize> {
    if let Some(i) = header.iter().position(|h| h == wanted) {
        return Ok(i);
    }
    let folded: Vec<usize> = (0..header.len())
        .filter(|&i| header[i].trim().eq_ignore_ascii_case(wanted.trim()))
        .collect();
    if let [i] = folded[..] {
        return Ok(i);
    }
    if let Ok(n) = wanted.parse::<usize>() {
        if (1..=header.len()).contains(&n) {
            return Ok(n - 1);
        }
    }
    let list: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, h)| format!("{} {h:?}", i + 1))
        .collect();
    bail!(
        "{name} has no column {wanted:?}; its columns are: {}",
        list.join(", ")
    )
}

fn added_names(header: &[String]) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| {
            if header.iter().any(|h| h == c) {
                format!("{COLLISION_PREFIX}{c}")
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// JSON property names: input columns (empty names become `column_N`, repeats get `_2`,
/// `_3`), then the added columns, each already JSON-escaped.
fn json_keys(header: &[String], added: &[String]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut keys = Vec::new();
    for (i, h) in header.iter().chain(added).enumerate() {
        let base = if h.trim().is_empty() {
            format!("column_{}", i + 1)
        } else {
            h.clone()
        };
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let key = if *n == 1 { base } else { format!("{base}_{n}") };
        keys.push(serde_json::to_string(&key).unwrap_or_else(|_| "\"\"".to_string()));
    }
    keys
}

fn begin(
    out: &mut dyn Write,
    job: &Job<'_>,
    header: &[String],
    added: &[String],
    write_header: bool,
) -> Result<()> {
    match job.format {
        TableFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .delimiter(job.delimiter)
                .flexible(true)
                .from_writer(out);
            if write_header {
                w.write_record(header.iter().chain(added))?;
            }
            w.flush()?;
        }
        TableFormat::Geojson => {
            out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?
        }
        TableFormat::Jsonl => {}
    }
    Ok(())
}

fn end(out: &mut dyn Write, format: TableFormat) -> Result<()> {
    if format == TableFormat::Geojson {
        out.write_all(b"\n]}\n")?;
    }
    Ok(())
}

/// Reads rows in chunks; a read error, or a quoted field left open at the end of the file,
/// ends the stream after it is handed on. The whole run then fails and writes nothing, since
/// the rows after the stray quote were never seen.
struct ChunkReader {
    reader: csv::Reader<Box<dyn Read + Send>>,
    pending: Option<ByteRecord>,
    unclosed: Unclosed,
    failed: bool,
}

impl Iterator for ChunkReader {
    type Item = Result<Chunk>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let mut rows = Vec::with_capacity(CHUNK_ROWS);
        if let Some(first) = self.pending.take() {
            rows.push((line_of(&first), first));
        }
        while rows.len() < CHUNK_ROWS {
            let mut record = ByteRecord::new();
            match self.reader.read_byte_record(&mut record) {
                Ok(true) => {
                    if let Some(opened) = self.unclosed.line() {
                        self.failed = true;
                        return Some(Err(anyhow::anyhow!(unclosed_message(opened))));
                    }
                    rows.push((line_of(&record), record));
                }
                Ok(false) => break,
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e.into()));
                }
            }
        }
        if rows.is_empty() {
            return None;
        }
        Some(Ok(Chunk {
            rows,
            end_byte: self.reader.position().byte(),
        }))
    }
}

fn line_of(record: &ByteRecord) -> u64 {
    record.position().map_or(0, |p| p.line())
}

fn geocode_chunk(job: &Job<'_>, worker: usize, chunk: Chunk) -> ChunkOutput {
    let mut out = ChunkOutput {
        end_byte: chunk.end_byte,
        ..ChunkOutput::default()
    };
    let mut csv_out = (job.format == TableFormat::Csv).then(|| {
        csv::WriterBuilder::new()
            .delimiter(job.delimiter)
            .flexible(true)
            .from_writer(Vec::new())
    });
    let mut json_buf = Vec::new();
    let mut first_in_chunk = true;
    for (line, record) in &chunk.rows {
        out.rows += 1;
        let (row, readable) = geocode_row(job, worker, *line, record, &mut out);
        if !readable {
            out.unreadable += 1;
        } else if row.is_matched() {
            out.matched += 1;
        }
        match &mut csv_out {
            Some(w) => {
                if let Err(e) = w.write_byte_record(&output_record(job.width, record, &row)) {
                    out.problems.push(format!("{}:{line}: {e}", job.name));
                }
            }
            None => {
                if job.format == TableFormat::Geojson && !first_in_chunk {
                    json_buf.extend_from_slice(b",\n");
                }
                write_json_row(&mut json_buf, job, record, &row);
                if job.format == TableFormat::Jsonl {
                    json_buf.push(b'\n');
                }
            }
        }
        first_in_chunk = false;
    }
    out.bytes = match csv_out {
        Some(w) => w.into_inner().unwrap_or_default(),
        None => json_buf,
    };
    out
}

/// The input fields with the added columns under their headers: a short row is padded with
/// empty fields, a long row's extra fields follow the added columns (kept, not dropped).
fn output_record(width: usize, record: &ByteRecord, row: &GeocodeRow) -> ByteRecord {
    let mut out = ByteRecord::with_capacity(record.as_slice().len() + 256, width + 16);
    for i in 0..width {
        out.push_field(record.get(i).unwrap_or(b""));
    }
    for f in &row.csv_fields() {
        out.push_field(f.as_bytes());
    }
    for f in record.iter().skip(width) {
        out.push_field(f);
    }
    out
}

/// Geocodes one row. The flag is false when the row could not be read (not UTF-8).
fn geocode_row(
    job: &Job<'_>,
    worker: usize,
    line: u64,
    record: &ByteRecord,
    out: &mut ChunkOutput,
) -> (GeocodeRow, bool) {
    if record.len() != job.width {
        out.ragged += 1;
        out.problems.push(format!(
            "{}:{line}: the row has {} fields, the header {}; passed through",
            job.name,
            record.len(),
            job.width
        ));
    }
    if let Some((i, e)) = record
        .iter()
        .enumerate()
        .find_map(|(i, f)| std::str::from_utf8(f).err().map(|e| (i, e)))
    {
        let message = format!(
            "not UTF-8 (field {}, byte {}); convert the file, e.g. `iconv -f WINDOWS-1252 -t UTF-8`",
            i + 1,
            e.valid_up_to()
        );
        out.problems.push(format!("{}:{line}: {message}", job.name));
        return (GeocodeRow::unmatched(message), false);
    }
    let text = |i: usize| record.get(i).and_then(|f| std::str::from_utf8(f).ok());
    let Some(cell) = text(job.columns.place) else {
        return (
            GeocodeRow::unmatched(format!(
                "the row has no field {} (the place column)",
                job.columns.place + 1
            )),
            true,
        );
    };
    let request = Request {
        text: cell,
        country: job.columns.country.and_then(text),
        admin1: job.columns.admin1.and_then(text),
    };
    (cached_geocode(job, worker, &request), true)
}

fn cached_geocode(job: &Job<'_>, worker: usize, request: &Request<'_>) -> GeocodeRow {
    let key = format!(
        "{}\u{1f}{}\u{1f}{}",
        request.text,
        request.country.unwrap_or(""),
        request.admin1.unwrap_or("")
    );
    let cache = job.caches.get(worker).and_then(|c| c.lock().ok());
    if let Some(row) = cache.as_ref().and_then(|c| c.get(&key)) {
        return row.clone();
    }
    let geocoded = job.geocoder.geocode(request);
    let row = GeocodeRow::new(job.gazetteer, &geocoded);
    if let Some(mut cache) = cache {
        if cache.len() >= CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(key, row.clone());
    }
    row
}

/// One row as a JSON object (JSONL) or a GeoJSON Feature with the same properties.
fn write_json_row(buf: &mut Vec<u8>, job: &Job<'_>, record: &ByteRecord, row: &GeocodeRow) {
    if job.format == TableFormat::Geojson {
        buf.extend_from_slice(b"{\"type\":\"Feature\",\"geometry\":");
        match (row.lon, row.lat) {
            (Some(lon), Some(lat)) => {
                buf.extend_from_slice(
                    format!("{{\"type\":\"Point\",\"coordinates\":[{lon},{lat}]}}").as_bytes(),
                );
            }
            _ => buf.extend_from_slice(b"null"),
        }
        buf.extend_from_slice(b",\"properties\":");
    }
    buf.push(b'{');
    let inputs = (0..job.width).map(|i| {
        record.get(i).map_or(Value::Null, |f| {
            Value::String(String::from_utf8_lossy(f).into_owned())
        })
    });
    let values = inputs.chain(row.json_values());
    for (i, (key, value)) in job.json_keys.iter().zip(values).enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(key.as_bytes());
        buf.push(b':');
        let _ = serde_json::to_writer(&mut *buf, &value);
    }
    // Fields beyond the header's width (a ragged row) are kept under numbered names.
    for (i, field) in record.iter().enumerate().skip(job.width) {
        buf.extend_from_slice(format!(",\"column_{}\":", i + 1).as_bytes());
        let _ = serde_json::to_writer(&mut *buf, &String::from_utf8_lossy(field));
    }
    buf.push(b'}');
    if job.format == TableFormat::Geojson {
        buf.push(b'}');
    }
}
