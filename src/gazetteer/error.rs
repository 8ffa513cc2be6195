//! Errors of the gazetteer: loading a compiled file, reading source files, compiling.
//!
//! Shared with `build.rs`. Every variant names the file, and source errors the line, so the
//! user can go and look; where there is a fix the message says it.

use std::io;
use std::path::PathBuf;

/// What went wrong while opening, reading or building a gazetteer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read or written.
    #[error("cannot access {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
    /// The file does not start with the gazetteer magic bytes.
    #[error(
        "{} is not a geomention gazetteer (no header); make one with `geomention gazetteer build`",
        path.display()
    )]
    NotAGazetteer {
        /// The file.
        path: PathBuf,
    },
    /// The file was written by an incompatible version.
    #[error(
        "{} is gazetteer format {found}, this build reads format {expected}: rebuild it with `geomention gazetteer build`",
        path.display()
    )]
    Version {
        /// The file.
        path: PathBuf,
        /// The version this build reads.
        expected: u32,
        /// The version in the file.
        found: u32,
    },
    /// The file is shorter than its header says.
    #[error("{} is truncated: {found} bytes, but its header promises {expected}", path.display())]
    Truncated {
        /// The file.
        path: PathBuf,
        /// The length the header promises.
        expected: u64,
        /// The actual length.
        found: u64,
    },
    /// The payload does not match the checksum in the header.
    #[error("{} is corrupt: checksum {found:08x}, header says {expected:08x}", path.display())]
    Checksum {
        /// The file.
        path: PathBuf,
        /// The checksum in the header.
        expected: u32,
        /// The checksum of the bytes.
        found: u32,
    },
    /// A section of the file is malformed although the checksum matched.
    #[error("{} is corrupt: its {section} section is malformed", path.display())]
    Section {
        /// The file.
        path: PathBuf,
        /// The section's name.
        section: &'static str,
    },
    /// An index section could not be opened.
    #[error("{} is corrupt: its {section} index cannot be opened", path.display())]
    Index {
        /// The file.
        path: PathBuf,
        /// The section's name.
        section: &'static str,
        /// The cause.
        #[source]
        source: fst::Error,
    },
    /// A line of a source file (GeoNames dump, custom TSV, demonyms …) is malformed.
    #[error("{}:{line}: {problem}", path.display())]
    Source {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What is wrong with it.
        problem: SourceProblem,
    },
    /// Building the name index failed.
    #[error("cannot build the name index")]
    Build {
        /// The cause.
        #[source]
        source: fst::Error,
    },
    /// The sources held no place at all.
    #[error("the sources hold no places: nothing to build")]
    Empty,
}

/// What is wrong with one line of a source file.
#[derive(Debug, thiserror::Error, PartialEq)]
#[non_exhaustive]
pub enum SourceProblem {
    /// Fewer columns than the format needs.
    #[error("expected at least {expected} tab-separated columns, found {found}")]
    Columns {
        /// Columns the format needs.
        expected: usize,
        /// Columns on the line.
        found: usize,
    },
    /// A column that must be a number is not.
    #[error("column {column} ({name}) is not a valid number: {value:?}")]
    Number {
        /// 1-based column.
        column: usize,
        /// The column's name.
        name: &'static str,
        /// What the column holds.
        value: String,
    },
    /// Latitude or longitude outside the globe.
    #[error("coordinates out of range: lat {lat}, lon {lon}")]
    Coordinates {
        /// Latitude.
        lat: f64,
        /// Longitude.
        lon: f64,
    },
    /// The line is not valid UTF-8.
    #[error("not valid UTF-8")]
    Utf8,
    /// A name column is empty.
    #[error("the name column is empty")]
    EmptyName,
    /// A row refers to a place that is not in the gazetteer.
    #[error("refers to {target:?}, which is not in the gazetteer")]
    UnknownTarget {
        /// The reference as written.
        target: String,
    },
    /// A row's expected name does not match the place it refers to.
    #[error("{target} is {found:?}, not {expected:?}")]
    TargetName {
        /// The reference.
        target: String,
        /// The name the row expects.
        expected: String,
        /// The name the place has.
        found: String,
    },
    /// A value is not one the column allows.
    #[error("column {column} ({name}) has an unknown value {value:?}")]
    Value {
        /// 1-based column.
        column: usize,
        /// The column's name.
        name: &'static str,
        /// What the column holds.
        value: String,
    },
}
