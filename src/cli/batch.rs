//! `geomention batch`: a corpus in (folders of text, JSONL, CSV, stdin), maps and tables out,
//! over all cores.
//!
//! Data flow: a reader thread frames records ([`super::batch_input`]); workers decode, parse
//! and render each record's output fragments ([`super::batch_work`]); this thread writes the
//! fragments in input order, so every output is byte-identical for any `--jobs`. Every record
//! is accounted for: it is written, or reported as failed with file, line and id (and, in
//! mentions JSONL, still gets its line with an `error` field). Output files are written to
//! temporary files and renamed at the end, so an error or Ctrl-C never leaves half a file.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, bail};

use geomention::Geoparser;
use geomention::export::CorpusAggregate;
use geomention::gazetteer::Gazetteer;

use super::batch_input::{self, CsvOptions, InputFormat, Kind, Reader};
use super::batch_work::{self, Done, Settings};
use super::exit::Status;
use super::input::{header_names, strip_bom};
use super::options::{
    ClusterArgs, Format, LayerArg, PipelineArgs, default_delimiter, parse_delimiter,
};
use super::output::exporter;
use super::parallel::{ordered_map, resolve_jobs};
use super::progress::Progress;
use super::terminal::sanitize;
use super::write::PendingFile;

/// Geoparse a corpus: folders of .txt/.md files, JSONL, CSV or stdin.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  geomention batch corpus.jsonl -o mentions.jsonl            one mentions line per input line
  geomention batch articles/ --out-dir maps --aggregate       a folder of .txt files → a folder of maps
  geomention batch news.csv --text-column body --id-column url --out-dir maps
  geomention batch corpus.jsonl --format geojsonseq -o places.geojsons --jobs 2
  cat corpus.jsonl | geomention batch - --input-format jsonl --format mentions-jsonl
  geomention batch gold.jsonl --gold-spans                    resolve the given spans (scorers)

As a mapper under Hadoop Streaming or Spark (one JSON line in, one line out, in order):
  hadoop jar hadoop-streaming.jar -files geomention -input corpus/ -output mentions/ \\
      -mapper 'geomention batch - --input-format jsonl --format mentions-jsonl -q' -reducer NONE
  rdd.pipe('geomention batch - --input-format jsonl --format mentions-jsonl -q')   # PySpark

JSONL lines are {\"id\": …, \"text\": …} (names set by --id-field/--text-field); their other
fields are carried into the mentions JSONL. With --gold-spans each line's \"toponyms\"
[{\"start\", \"end\"}, …] (code points) are resolved instead of recognising mentions; the
recognizer still reads the text: what it finds elsewhere is context, and a span it finds too
takes its candidates (\"LA\" alone is Los Angeles, \"S. C.\" South Carolina).

With --out-dir DIR: DIR/mentions.jsonl, DIR/places.geojson (every document's places, with
doc_id), DIR/clusters.geojson (every document's areas), DIR/summary.csv (one row per document: counts, focus, error), DIR/documents/<id>.geojson
(one layer per document; --no-per-document skips them) and, with --aggregate,
DIR/aggregate.geojson (one feature per place over the corpus). Without --out-dir the output is
one stream in --format to -o (default stdout).

Every record is accounted for: records in = written + failed, printed at the end; a failed
record is reported with file, line and id, and the exit status is then 1.")]
pub struct Args {
    /// Inputs: files, folders (searched recursively), `-` for stdin.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// The JSON field holding the text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// The JSON field holding the document id (the line number when absent).
    #[arg(long, default_value = "id")]
    id_field: String,
    /// The CSV column holding the text.
    #[arg(long, default_value = "text", value_name = "C")]
    text_column: String,
    /// The CSV column holding the document id (the line number when absent).
    #[arg(long, value_name = "C")]
    id_column: Option<String>,
    /// CSV field delimiter (default: tab for .tsv, comma otherwise).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    delimiter: Option<u8>,
    /// Format of the stream output (-o).
    #[arg(long, value_enum, default_value_t = Format::MentionsJsonl)]
    format: Format,
    /// Which features a GeoJSON stream holds.
    #[arg(long, value_enum, default_value_t = LayerArg::Places)]
    layer: LayerArg,
    #[command(flatten)]
    clusters: ClusterArgs,
    /// Stream output (`-` for stdout, the default without --out-dir).
    #[arg(long, short = 'o', value_name = "PATH")]
    output: Option<PathBuf>,
    /// Write the folder of outputs described below.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// With --out-dir: no per-document GeoJSON files.
    #[arg(long, requires = "out_dir")]
    no_per_document: bool,
    /// With --out-dir: also the corpus aggregate layer (aggregate.geojson).
    #[arg(long, requires = "out_dir")]
    aggregate: bool,
    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    jobs: usize,
    /// Resolve the spans in each line's "toponyms" instead of recognising mentions.
    #[arg(long)]
    gold_spans: bool,
    /// Replace invalid UTF-8 in text files instead of failing them.
    #[arg(long)]
    lossy: bool,
    #[command(flatten)]
    pipeline: PipelineArgs,
    /// Print nothing on stderr but errors.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// The files of an `--out-dir` run, all pending until the run succeeds.
struct OutDir {
    dir: PathBuf,
    mentions: PendingFile,
    places: PendingFile,
    places_written: bool,
    clusters: PendingFile,
    clusters_written: bool,
    summary: csv::Writer<PendingFile>,
    per_document: bool,
    used_names: HashSet<String>,
    aggregate: Option<CorpusAggregate>,
    collection_head: Vec<u8>,
    collection_tail: Vec<u8>,
}

/// Runs `batch`.
pub fn run(args: Args, gazetteer: Option<&Path>) -> Result<Status> {
    let (inputs, skipped) = batch_input::expand(&args.inputs, args.input_format)?;
    if inputs.is_empty() {
        bail!("no input files: folders are searched for .txt, .md, .jsonl and .csv files");
    }
    check_csv_columns(&inputs, &args)?;
    let g = Gazetteer::open_or_builtin(gazetteer).context("cannot open the gazetteer")?;
    let parser = Geoparser::new(g, args.pipeline.options());
    let stream_path = match (&args.output, &args.out_dir) {
        (Some(p), _) => Some(p.clone()),
        (None, None) => Some(PathBuf::from("-")),
        (None, Some(_)) => None,
    };
    let settings = Settings {
        text_field: args.text_field.clone(),
        id_field: args.id_field.clone(),
        text_column: args.text_column.clone(),
        id_column: args.id_column.clone(),
        gold_spans: args.gold_spans,
        lossy: args.lossy,
        stream: stream_path.as_ref().map(|_| (args.format, args.layer)),
        out_dir: args.out_dir.is_some(),
        aggregate: args.aggregate,
        clustering: args.clusters.options(),
    };
    let total_bytes: Option<u64> = inputs
        .iter()
        .map(|i| std::fs::metadata(&i.path).ok().map(|m| m.len()))
        .sum();
    let roots: Vec<PathBuf> = args.inputs.iter().filter(|p| p.is_dir()).cloned().collect();
    let reader = Reader::new(
        inputs,
        roots,
        CsvOptions {
            delimiter: args.delimiter,
        },
    );

    let interrupted = Arc::new(AtomicBool::new(false));
    {
        let flag = Arc::clone(&interrupted);
        // A second Ctrl-C still kills at once: the handler only asks the first time.
        let _ = ctrlc::set_handler(move || {
            if flag.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }
    let chunks = {
        let flag = Arc::clone(&interrupted);
        reader.take_while(move |_| !flag.load(Ordering::SeqCst))
    };

    // Outputs.
    let mut stream: Option<Box<dyn Write>> = None;
    let mut stream_file: Option<PendingFile> = None;
    match stream_path.as_deref() {
        Some(p) if p == Path::new("-") => {
            stream = Some(Box::new(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            )))
        }
        Some(p) => stream_file = Some(open_stream_file(p)?),
        None => {}
    }
    let mut out_dir = match &args.out_dir {
        Some(dir) => Some(open_out_dir(dir, &args)?),
        None => None,
    };
    let format = args.format;
    let layer = args.layer;
    let mut head = Vec::new();
    exporter(&mut head, format, layer).begin()?;
    if let Some(w) = stream.as_mut() {
        w.write_all(&head)?;
    }
    if let Some(f) = stream_file.as_mut() {
        f.write_all(&head)?;
    }
    let mut stream_written = false;
    let mut progress = Progress::new(total_bytes, args.quiet, "documents");
    let (mut ok, mut failed) = (0u64, 0u64);
    let jobs = resolve_jobs(args.jobs);
    // One memo of names and places per worker, kept for the whole corpus (see
    // `recognize::Memo` and `export::WriterState`).
    let workers: Vec<Mutex<batch_work::Worker<'_>>> =
        (0..jobs).map(|_| Mutex::new(Default::default())).collect();
    let result = ordered_map(
        jobs,
        chunks,
        |worker, chunk: batch_input::Chunk| {
            let bytes_read = chunk.bytes_read;
            let mut own = batch_work::Worker::default();
            let mut held = workers.get(worker).and_then(|m| m.lock().ok());
            let state = held.as_deref_mut().unwrap_or(&mut own);
            let done: Vec<(batch_input::Origin, Done)> = chunk
                .units
                .into_iter()
                .map(|unit| {
                    let origin = unit.origin.clone();
                    (origin, batch_work::process(&parser, &settings, unit, state))
                })
                .collect();
            (done, bytes_read)
        },
        |(done, bytes_read)| -> Result<()> {
            let n = done.len() as u64;
            for (origin, d) in done {
                if let Some(why) = &d.error {
                    failed += 1;
                    eprintln!(
                        "geomention: error: {}:{} ({}): {}",
                        sanitize(&origin.file),
                        origin.line,
                        sanitize(&d.id),
                        sanitize(why)
                    );
                } else {
                    ok += 1;
                }
                let sink: Option<&mut dyn Write> = match (stream.as_mut(), stream_file.as_mut()) {
                    (Some(w), _) => Some(w.as_mut()),
                    (None, Some(f)) => Some(f),
                    (None, None) => None,
                };
                if let Some(w) = sink {
                    write_fragment(w, &d.stream, format, &mut stream_written)?;
                }
                if let Some(o) = out_dir.as_mut() {
                    o.add(&d)?;
                }
            }
            progress.advance(n, bytes_read);
            Ok(())
        },
    );
    progress.finish();
    result?;
    if interrupted.load(Ordering::SeqCst) {
        eprintln!(
            "geomention: interrupted after {} records; no output file was written",
            ok + failed
        );
        return Ok(Status::Interrupted);
    }
    let mut tail = Vec::new();
    exporter(&mut tail, format, layer).end()?;
    if let Some(mut w) = stream {
        w.write_all(&tail)?;
        w.flush().context("cannot write to standard output")?;
    }
    if let Some(mut f) = stream_file {
        f.write_all(&tail)?;
        f.commit()?;
    }
    if let Some(o) = out_dir {
        o.finish(args.quiet)?;
    }
    if !args.quiet || failed > 0 {
        let skipped = if skipped > 0 {
            format!(" ({skipped} files of other kinds skipped)")
        } else {
            String::new()
        };
        eprintln!(
            "{} records: {ok} written, {failed} failed{skipped}",
            ok + failed
        );
    }
    Ok(if failed > 0 {
        Status::Error
    } else {
        Status::Success
    })
}

/// Joins a document's fragment to a stream: the features of a GeoJSON collection need a comma
/// between documents; the other formats are concatenated as they are.
fn write_fragment(
    out: &mut dyn Write,
    fragment: &[u8],
    format: Format,
    written: &mut bool,
) -> Result<()> {
    if fragment.is_empty() {
        return Ok(());
    }
    if format == Format::Geojson && *written {
        out.write_all(b",")?;
    }
    out.write_all(fragment)?;
    *written = true;
    Ok(())
}

fn open_stream_file(path: &Path) -> Result<PendingFile> {
    PendingFile::create(path)
}

fn open_out_dir(dir: &Path, args: &Args) -> Result<OutDir> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut collection_head = Vec::new();
    exporter(&mut collection_head, Format::Geojson, LayerArg::Places).begin()?;
    let mut collection_tail = Vec::new();
    exporter(&mut collection_tail, Format::Geojson, LayerArg::Places).end()?;
    let mut places = PendingFile::create(&dir.join("places.geojson"))?;
    places.write_all(&collection_head)?;
    let mut clusters = PendingFile::create(&dir.join("clusters.geojson"))?;
    clusters.write_all(&collection_head)?;
    let summary = csv::Writer::from_writer(PendingFile::create(&dir.join("summary.csv"))?);
    Ok(OutDir {
        dir: dir.to_path_buf(),
        mentions: PendingFile::create(&dir.join("mentions.jsonl"))?,
        places,
        places_written: false,
        clusters,
        clusters_written: false,
        summary,
        per_document: !args.no_per_document,
        used_names: HashSet::new(),
        aggregate: args.aggregate.then(CorpusAggregate::default),
        collection_head,
        collection_tail,
    })
}

impl OutDir {
    fn add(&mut self, d: &Done) -> Result<()> {
        self.mentions.write_all(&d.mentions_jsonl)?;
        let mut written = self.places_written;
        write_fragment(
            &mut self.places,
            &d.places_fragment,
            Format::Geojson,
            &mut written,
        )?;
        self.places_written = written;
        let mut written = self.clusters_written;
        write_fragment(
            &mut self.clusters,
            &d.clusters_fragment,
            Format::Geojson,
            &mut written,
        )?;
        self.clusters_written = written;
        self.summary
            .serialize(&d.summary)
            .with_context(|| format!("cannot write {}", self.dir.join("summary.csv").display()))?;
        if d.error.is_none() {
            if self.per_document {
                let name = self.file_name(&d.id);
                let mut file = PendingFile::create(&self.dir.join("documents").join(name))?;
                file.write_all(&self.collection_head)?;
                file.write_all(&d.places_fragment)?;
                file.write_all(&self.collection_tail)?;
                file.commit()?;
            }
            if let Some(a) = self.aggregate.as_mut() {
                a.add(&d.id, &d.places);
            }
        }
        Ok(())
    }

    /// A file name from a document id: unsafe characters replaced, length capped, and a
    /// number added when two ids map to the same name.
    fn file_name(&mut self, id: &str) -> String {
        let mut base: String = id
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                    c
                } else {
                    '_'
                }
            })
            .take(100)
            .collect();
        base = base.trim_start_matches('.').to_string();
        if base.is_empty() {
            base = "document".to_string();
        }
        let mut name = format!("{base}.geojson");
        let mut n = 1;
        while !self.used_names.insert(name.clone()) {
            n += 1;
            name = format!("{base}-{n}.geojson");
        }
        name
    }

    fn finish(mut self, quiet: bool) -> Result<()> {
        self.places.write_all(&self.collection_tail)?;
        self.clusters.write_all(&self.collection_tail)?;
        self.mentions.commit()?;
        self.places.commit()?;
        self.clusters.commit()?;
        let summary = self
            .summary
            .into_inner()
            .map_err(|e| anyhow::anyhow!("cannot write summary.csv: {}", e.error()))?;
        summary.commit()?;
        if let Some(a) = &self.aggregate {
            let mut file = PendingFile::create(&self.dir.join("aggregate.geojson"))?;
            a.write_geojson(&mut file)?;
            file.commit()?;
        }
        if !quiet {
            eprintln!(
                "wrote {}/: mentions.jsonl, places.geojson, clusters.geojson, summary.csv{}{}",
                self.dir.display(),
                if self.per_document {
                    ", documents/"
                } else {
                    ""
                },
                if self.aggregate.is_some() {
                    ", aggregate.geojson"
                } else {
                    ""
                }
            );
        }
        Ok(())
    }
}

/// A CSV input without the text column is an error before any work starts, listing the
/// columns it has.
fn check_csv_columns(inputs: &[batch_input::Input], args: &Args) -> Result<()> {
    for input in inputs
        .iter()
        .filter(|i| i.kind == Kind::Csv && i.path != Path::new("-"))
    {
        let delimiter = args
            .delimiter
            .unwrap_or_else(|| default_delimiter(&input.path));
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_path(&input.path)
            .with_context(|| format!("cannot open {}", input.path.display()))?;
        let mut header = csv::ByteRecord::new();
        if !reader.read_byte_record(&mut header).unwrap_or(false) {
            continue;
        }
        strip_bom(&mut header);
        // Without a readable header no column can be found: stop before any work, as for a
        // missing column (stdin, read once, is checked by the reader instead).
        let Ok(names) = header_names(&header) else {
            bail!(
                "{}: the header is not UTF-8; convert the file first (e.g. `iconv -f WINDOWS-1252 -t UTF-8`)",
                input.path.display()
            );
        };
        let names: Vec<String> = names.iter().map(|n| n.trim().to_string()).collect();
        for wanted in std::iter::once(&args.text_column).chain(args.id_column.as_ref()) {
            if !names.iter().any(|n| n == wanted) {
                bail!(
                    "{} has no column {wanted:?}; its columns are: {} (choose with --text-column / --id-column)",
                    input.path.display(),
                    names
                        .iter()
                        .map(|n| format!("{n:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        }
    }
    Ok(())
}
