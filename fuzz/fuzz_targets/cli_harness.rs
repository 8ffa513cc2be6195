//! Runs the `geomention` command line in process, as `main` does, on files in one scratch
//! folder per fuzzing process.

// Each target uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use clap::Parser;

#[allow(dead_code, unused_imports)]
#[path = "../../src/cli/mod.rs"]
mod cli;

/// The scratch folder (removed when the process exits normally).
pub fn scratch(name: &str) -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("scratch folder"))
        .path()
        .join(name)
}

/// Runs `geomention ARGS`; `true` when it finished without an error for the whole run (records
/// may still have failed). Panics propagate: they are what the fuzzer looks for.
pub fn geomention(args: &[&str]) -> bool {
    let cli = cli::Cli::try_parse_from(std::iter::once("geomention").chain(args.iter().copied()))
        .expect("the harness's arguments parse");
    cli::run(cli).is_ok()
}

/// Writes `data` to a fresh input file and removes the output file of the last run.
pub fn prepare(input: &Path, data: &[u8], output: &Path) {
    std::fs::write(input, data).expect("write fuzz input");
    let _ = std::fs::remove_file(output);
}

/// The lines of `bytes`, each parsed as JSON; panics on a line that is not.
pub fn json_lines(bytes: &[u8]) -> usize {
    let mut n = 0;
    for line in bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        serde_json::from_slice::<serde_json::Value>(line)
            .unwrap_or_else(|e| panic!("output line {} is not JSON: {e}", n + 1));
        n += 1;
    }
    n
}

/// The records a CSV file holds after its header, as the csv crate frames them.
pub fn csv_records(bytes: &[u8]) -> usize {
    csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes)
        .byte_records()
        .take_while(Result::is_ok)
        .count()
}

/// Whether a comma-separated file ends inside a quoted field that its header row opened, so
/// that the header swallowed the whole file (`batch` then reports one failed record).
pub fn csv_header_swallows_the_file(bytes: &[u8]) -> bool {
    use std::io::Read;
    let (mut watch, unclosed) = cli::csv_quotes::QuoteWatch::new(bytes, b',');
    let mut sink = Vec::new();
    watch.read_to_end(&mut sink).expect("reading a slice");
    unclosed.line().is_some() && csv_records(bytes) == 0
}

/// Whether a CSV file has no header row at all (empty, or only a byte-order mark).
pub fn csv_header_is_empty(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .from_reader(bytes)
        .byte_headers()
        .map_or(true, |h| h.is_empty())
}
