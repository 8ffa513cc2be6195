//! What `batch` reads: files and folders of text, JSONL and CSV, and stdin, turned into one
//! stream of records in a fixed order (arguments in order, folder entries sorted by path), so
//! output never depends on the file system's listing order or on `--jobs`.
//!
//! Reading here is only I/O and framing (lines, CSV records, whole files); decoding and parsing
//! happen in the workers, so the reader thread is never the bottleneck.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use csv::ByteRecord;

use super::csv_quotes::{QuoteWatch, Unclosed, unclosed_message};
use super::input::{display_name, header_names, strip_bom};
use super::options::default_delimiter;

/// Input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// From each file's extension: .txt/.md/.text text, .jsonl/.ndjson/.json JSONL,
    /// .csv/.tsv CSV; standard input is JSONL.
    Auto,
    /// Each file is one document.
    Txt,
    /// One JSON object per line.
    Jsonl,
    /// A table with a text column.
    Csv,
}

/// How one input is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One document per file.
    Text,
    /// One document per line.
    Jsonl,
    /// One document per row.
    Csv,
}

/// One input file and how to read it.
#[derive(Clone, Debug)]
pub struct Input {
    /// The path (`-` for stdin).
    pub path: PathBuf,
    /// How to read it.
    pub kind: Kind,
}

fn kind_of(path: &Path, format: InputFormat) -> Option<Kind> {
    match format {
        InputFormat::Txt => return Some(Kind::Text),
        InputFormat::Jsonl => return Some(Kind::Jsonl),
        InputFormat::Csv => return Some(Kind::Csv),
        InputFormat::Auto => {}
    }
    if path == Path::new("-") {
        return Some(Kind::Jsonl);
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" | "md" => Some(Kind::Text),
        "jsonl" | "ndjson" | "json" => Some(Kind::Jsonl),
        "csv" | "tsv" => Some(Kind::Csv),
        _ => None,
    }
}

/// Expands the command line's inputs: folders recursively (files of a known kind, sorted),
/// files and `-` as given. A named file of unknown kind is an error; unknown files inside a
/// folder are skipped and counted.
pub fn expand(paths: &[PathBuf], format: InputFormat) -> Result<(Vec<Input>, usize)> {
    let mut inputs = Vec::new();
    let mut skipped = 0;
    for path in paths {
        if path != Path::new("-") && path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files).with_context(|| format!("cannot list {}", path.display()))?;
            files.sort();
            for f in files {
                match kind_of(&f, format) {
                    Some(kind) => inputs.push(Input { path: f, kind }),
                    None => skipped += 1,
                }
            }
        } else {
            let Some(kind) = kind_of(path, format) else {
                bail!(
                    "cannot tell the format of {} from its extension; pass --input-format txt, jsonl or csv",
                    path.display()
                );
            };
            inputs.push(Input {
                path: path.clone(),
                kind,
            });
        }
    }
    Ok((inputs, skipped))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.file_type()?.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Where a record came from, for messages: file and line (1-based; the first line of a CSV
/// record; 0 for a whole file).
#[derive(Clone, Debug)]
pub struct Origin {
    /// The file as named in messages.
    pub file: Arc<str>,
    /// Line number.
    pub line: u64,
}

/// One record, framed but not decoded.
pub enum Record {
    /// A whole text file: its id (path relative to the folder given, without extension, or the
    /// file stem) and bytes.
    Text { id: String, bytes: Vec<u8> },
    /// One JSONL line.
    JsonLine(Vec<u8>),
    /// One CSV row; `header` names its fields.
    CsvRow {
        header: Arc<Vec<String>>,
        row: ByteRecord,
    },
    /// The input could not be read from here on.
    Unreadable(String),
}

/// A record and its origin.
pub struct Unit {
    /// Where it came from.
    pub origin: Origin,
    /// What it is.
    pub record: Record,
}

/// Records read together: at most this many bytes (a bigger record comes alone) or
/// [`CHUNK_RECORDS`].
const CHUNK_BYTES: usize = 1 << 20;
const CHUNK_RECORDS: usize = 256;

/// A group of units and how far the reading got, for the progress bar.
pub struct Chunk {
    /// The records.
    pub units: Vec<Unit>,
    /// Input bytes read so far, over all files.
    pub bytes_read: u64,
}

/// CSV reading options.
#[derive(Clone, Debug)]
pub struct CsvOptions {
    /// Field delimiter (None: tab for .tsv, comma otherwise).
    pub delimiter: Option<u8>,
}

enum Open {
    None,
    Lines(Box<dyn BufRead + Send>, u64),
    Csv(
        Box<csv::Reader<Box<dyn Read + Send>>>,
        Arc<Vec<String>>,
        Unclosed,
    ),
}

/// Reads every input in order, in chunks.
pub struct Reader {
    inputs: std::vec::IntoIter<Input>,
    current: Open,
    file: Arc<str>,
    csv: CsvOptions,
    bytes_read: u64,
    /// The folder each input came from, to make text ids relative to it.
    roots: Vec<PathBuf>,
}

impl Reader {
    /// A reader over `inputs`; `roots` are the folders named on the command line.
    pub fn new(inputs: Vec<Input>, roots: Vec<PathBuf>, csv: CsvOptions) -> Reader {
        Reader {
            inputs: inputs.into_iter(),
            current: Open::None,
            file: Arc::from(""),
            csv,
            bytes_read: 0,
            roots,
        }
    }

    fn text_id(&self, path: &Path) -> String {
        let relative = self
            .roots
            .iter()
            .find_map(|r| path.strip_prefix(r).ok())
            .unwrap_or(path);
        let relative = relative.with_extension("");
        let id = relative.to_string_lossy().replace('\\', "/");
        if id.is_empty() {
            super::input::document_id(path)
        } else {
            id
        }
    }

    /// The next record, opening the next input when one is done.
    fn next_unit(&mut self) -> Option<Unit> {
        loop {
            match &mut self.current {
                Open::None => {
                    let input = self.inputs.next()?;
                    self.file = Arc::from(display_name(&input.path).as_str());
                    if let Some(unit) = self.open(&input) {
                        return Some(unit);
                    }
                }
                Open::Lines(reader, line) => {
                    let mut buf = Vec::new();
                    match reader.read_until(b'\n', &mut buf) {
                        Ok(0) => self.current = Open::None,
                        Ok(n) => {
                            *line += 1;
                            self.bytes_read += n as u64;
                            while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                                buf.pop();
                            }
                            if buf.iter().all(u8::is_ascii_whitespace) {
                                continue;
                            }
                            return Some(Unit {
                                origin: Origin {
                                    file: self.file.clone(),
                                    line: *line,
                                },
                                record: Record::JsonLine(buf),
                            });
                        }
                        Err(e) => {
                            let line = *line + 1;
                            self.current = Open::None;
                            return Some(self.unreadable(line, format!("cannot read: {e}")));
                        }
                    }
                }
                Open::Csv(reader, header, unclosed) => {
                    let mut row = ByteRecord::new();
                    let before = reader.position().byte();
                    match reader.read_byte_record(&mut row) {
                        Ok(false) => self.current = Open::None,
                        Ok(true) => {
                            self.bytes_read += reader.position().byte() - before;
                            let line = row.position().map_or(0, |p| p.line());
                            if let Some(opened) = unclosed.line() {
                                // This row ran to the end of the file: its cells are not the
                                // rows the user wrote, so none of it is a document.
                                self.current = Open::None;
                                return Some(self.unreadable(line, unclosed_message(opened)));
                            }
                            return Some(Unit {
                                origin: Origin {
                                    file: self.file.clone(),
                                    line,
                                },
                                record: Record::CsvRow {
                                    header: header.clone(),
                                    row,
                                },
                            });
                        }
                        Err(e) => {
                            let line = e.position().map_or(0, |p| p.line());
                            self.current = Open::None;
                            return Some(self.unreadable(line, format!("cannot read CSV: {e}")));
                        }
                    }
                }
            }
        }
    }

    fn unreadable(&self, line: u64, why: String) -> Unit {
        Unit {
            origin: Origin {
                file: self.file.clone(),
                line,
            },
            record: Record::Unreadable(why),
        }
    }

    /// Opens an input; a whole text file is returned at once as its only record.
    fn open(&mut self, input: &Input) -> Option<Unit> {
        let stdin = input.path == Path::new("-");
        let source: Box<dyn Read + Send> = if stdin {
            Box::new(std::io::stdin())
        } else {
            match std::fs::File::open(&input.path) {
                Ok(f) => Box::new(f),
                Err(e) => return Some(self.unreadable(0, format!("cannot open: {e}"))),
            }
        };
        match input.kind {
            Kind::Text => {
                let mut bytes = Vec::new();
                let mut source = source;
                if let Err(e) = source.read_to_end(&mut bytes) {
                    return Some(self.unreadable(0, format!("cannot read: {e}")));
                }
                self.bytes_read += bytes.len() as u64;
                let id = self.text_id(&input.path);
                Some(Unit {
                    origin: Origin {
                        file: self.file.clone(),
                        line: 0,
                    },
                    record: Record::Text { id, bytes },
                })
            }
            Kind::Jsonl => {
                self.current = Open::Lines(
                    Box::new(std::io::BufReader::with_capacity(1 << 16, source)),
                    0,
                );
                None
            }
            Kind::Csv => {
                let delimiter = self
                    .csv
                    .delimiter
                    .unwrap_or_else(|| default_delimiter(&input.path));
                let (source, unclosed) = QuoteWatch::new(source, delimiter);
                let source: Box<dyn Read + Send> = Box::new(source);
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(source);
                let mut first = ByteRecord::new();
                match reader.read_byte_record(&mut first) {
                    Ok(true) => {
                        if let Some(opened) = unclosed.line() {
                            return Some(self.unreadable(1, unclosed_message(opened)));
                        }
                    }
                    Ok(false) => return Some(self.unreadable(1, "empty: no header row".into())),
                    Err(e) => return Some(self.unreadable(1, format!("cannot read CSV: {e}"))),
                }
                self.bytes_read += reader.position().byte();
                strip_bom(&mut first);
                let header: Vec<String> = match header_names(&first) {
                    Ok(names) => names.iter().map(|n| n.trim().to_string()).collect(),
                    Err(_) => {
                        return Some(self.unreadable(
                            1,
                            "the header is not UTF-8; convert the file first (e.g. `iconv -f WINDOWS-1252 -t UTF-8`)".into(),
                        ));
                    }
                };
                self.current = Open::Csv(Box::new(reader), Arc::new(header), unclosed);
                None
            }
        }
    }
}

impl Iterator for Reader {
    type Item = Chunk;

    fn next(&mut self) -> Option<Chunk> {
        let mut units = Vec::new();
        let mut bytes = 0usize;
        while units.len() < CHUNK_RECORDS && bytes < CHUNK_BYTES {
            let Some(unit) = self.next_unit() else { break };
            bytes += match &unit.record {
                Record::Text { bytes, .. } | Record::JsonLine(bytes) => bytes.len(),
                Record::CsvRow { row, .. } => row.as_slice().len(),
                Record::Unreadable(_) => 0,
            };
            units.push(unit);
        }
        if units.is_empty() {
            return None;
        }
        Some(Chunk {
            units,
            bytes_read: self.bytes_read,
        })
    }
}
