//! Readers for the gazetteer's source files, streaming one row at a time.
//!
//! Formats:
//! - GeoNames 19-column TSV (`allCountries.txt`, `cities500.txt`, a per-country file, and the
//!   built-in `gazetteer/data/places.tsv.gz`): [`read_geonames`].
//! - GeoNames `alternateNamesV2.txt`: [`read_alternate_names`].
//! - The team's custom TSV (`place_id, name, alternate_names, lat, lon, feature_class,
//!   feature_code, country_code, admin1_code, admin2_code, population, geonameid, source`):
//!   [`read_custom`].
//! - Small tables (demonyms, aliases, abbreviations, stoplist) go through [`for_each_line`].
//!
//! Files may be gzip-compressed (detected from the magic bytes). Each reader calls back once per
//! row, so a 1.5 GB dump never sits in memory; a malformed line is an error naming file and line.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use super::error::{Error, SourceProblem};
use super::model::{CountryCode, FeatureClass, FeatureCode, GeonameId};

/// One place as the sources describe it, before compilation.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceRow {
    /// Stable id for places without a GeoNames id (`ne:river:euphrates`, `team:al-tanf`).
    pub place_id: Option<String>,
    /// The GeoNames id, when the place has one.
    pub geonameid: Option<GeonameId>,
    /// The preferred name.
    pub name: String,
    /// The ASCII form of the name (may be empty).
    pub ascii_name: String,
    /// Alternate names in any language and script.
    pub alternate_names: Vec<String>,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Longitude, WGS84 degrees.
    pub lon: f64,
    /// GeoNames feature class.
    pub feature_class: Option<FeatureClass>,
    /// GeoNames feature code.
    pub feature_code: FeatureCode,
    /// Country, if any.
    pub country_code: CountryCode,
    /// Admin-1 code within the country (GeoNames' codes: "01", "KY", "ENG").
    pub admin1_code: String,
    /// Admin-2 code within the admin-1 unit.
    pub admin2_code: String,
    /// Population (0 when unknown).
    pub population: u64,
}

/// One row of `alternateNamesV2.txt` worth indexing.
#[derive(Clone, Debug, PartialEq)]
pub struct AlternateName {
    /// The place it names.
    pub geonameid: GeonameId,
    /// The name.
    pub name: String,
}

/// Language codes of `alternateNamesV2` rows that are not names a text would use.
const NON_NAME_LANGUAGES: [&str; 10] = [
    "link", "iata", "icao", "faac", "tcid", "post", "wkdt", "unlc", "fr_1793", "phon",
];

/// Opens a source file, transparently decompressing gzip.
pub fn open(path: &Path) -> Result<Box<dyn BufRead>, Error> {
    let io_err = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io_err)?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let head = reader.fill_buf().map_err(io_err)?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(reader),
        )))
    } else if head.starts_with(b"PK\x03\x04") {
        Err(Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "this is a zip archive: unzip it first (e.g. `unzip allCountries.zip`)",
            ),
        })
    } else {
        Ok(Box::new(reader))
    }
}

/// Calls `row` for each line of `reader` that is not blank or a `#` comment, with its 1-based
/// line number and its tab-separated columns. Stops at the first error.
pub fn for_each_line<R: BufRead>(
    path: &Path,
    mut reader: R,
    mut row: impl FnMut(u64, &[&str]) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut buf = Vec::with_capacity(4096);
    let mut line_no = 0u64;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        let text = std::str::from_utf8(&buf).map_err(|_| Error::Source {
            path: path.to_path_buf(),
            line: line_no,
            problem: SourceProblem::Utf8,
        })?;
        let text = text.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() || text.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = text.split('\t').collect();
        row(line_no, &columns)?;
    }
}

fn source_error(path: &Path, line: u64, problem: SourceProblem) -> Error {
    Error::Source {
        path: path.to_path_buf(),
        line,
        problem,
    }
}

fn need_columns(path: &Path, line: u64, cols: &[&str], n: usize) -> Result<(), Error> {
    if cols.len() < n {
        return Err(source_error(
            path,
            line,
            SourceProblem::Columns {
                expected: n,
                found: cols.len(),
            },
        ));
    }
    Ok(())
}

fn column<'a>(cols: &[&'a str], i: usize) -> &'a str {
    cols.get(i).map(|s| s.trim()).unwrap_or("")
}

fn number<T: std::str::FromStr + Default>(
    path: &Path,
    line: u64,
    cols: &[&str],
    i: usize,
    name: &'static str,
) -> Result<T, Error> {
    let value = column(cols, i);
    if value.is_empty() {
        return Ok(T::default());
    }
    value.parse().map_err(|_| {
        source_error(
            path,
            line,
            SourceProblem::Number {
                column: i + 1,
                name,
                value: value.to_string(),
            },
        )
    })
}

fn coordinates(path: &Path, line: u64, lat: f64, lon: f64) -> Result<(f64, f64), Error> {
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(source_error(
            path,
            line,
            SourceProblem::Coordinates { lat, lon },
        ));
    }
    Ok((lat, lon))
}

/// Reads a GeoNames 19-column file, calling `place` for every row.
pub fn read_geonames(
    path: &Path,
    mut place: impl FnMut(PlaceRow) -> Result<(), Error>,
) -> Result<(), Error> {
    let reader = open(path)?;
    for_each_line(path, reader, |line, cols| {
        need_columns(path, line, cols, 15)?;
        let name = column(cols, 1);
        if name.is_empty() {
            return Err(source_error(path, line, SourceProblem::EmptyName));
        }
        let id: u32 = number(path, line, cols, 0, "geonameid")?;
        let (lat, lon) = coordinates(
            path,
            line,
            number(path, line, cols, 4, "latitude")?,
            number(path, line, cols, 5, "longitude")?,
        )?;
        place(PlaceRow {
            place_id: None,
            geonameid: Some(GeonameId(id)),
            name: name.to_string(),
            ascii_name: column(cols, 2).to_string(),
            alternate_names: column(cols, 3)
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            lat,
            lon,
            feature_class: FeatureClass::parse(column(cols, 6)),
            feature_code: FeatureCode::parse(column(cols, 7)).unwrap_or_default(),
            country_code: CountryCode::parse(column(cols, 8)).unwrap_or_default(),
            admin1_code: column(cols, 10).to_string(),
            admin2_code: column(cols, 11).to_string(),
            population: number(path, line, cols, 14, "population")?,
        })
    })
}

/// Reads the team's custom TSV format (see `gazetteer/README.md`); the header line, which
/// starts with `place_id`, is skipped.
pub fn read_custom(
    path: &Path,
    mut place: impl FnMut(PlaceRow) -> Result<(), Error>,
) -> Result<(), Error> {
    let reader = open(path)?;
    for_each_line(path, reader, |line, cols| {
        if column(cols, 0) == "place_id" {
            return Ok(());
        }
        need_columns(path, line, cols, 11)?;
        let name = column(cols, 1);
        if name.is_empty() {
            return Err(source_error(path, line, SourceProblem::EmptyName));
        }
        let (lat, lon) = coordinates(
            path,
            line,
            number(path, line, cols, 3, "lat")?,
            number(path, line, cols, 4, "lon")?,
        )?;
        let class = column(cols, 5);
        let feature_class = FeatureClass::parse(class);
        if feature_class.is_none() {
            return Err(source_error(
                path,
                line,
                SourceProblem::Value {
                    column: 6,
                    name: "feature_class",
                    value: class.to_string(),
                },
            ));
        }
        let geonameid: u32 = number(path, line, cols, 11, "geonameid")?;
        place(PlaceRow {
            place_id: Some(column(cols, 0).to_string()).filter(|s| !s.is_empty()),
            geonameid: (geonameid != 0).then_some(GeonameId(geonameid)),
            name: name.to_string(),
            ascii_name: String::new(),
            alternate_names: column(cols, 2)
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            lat,
            lon,
            feature_class,
            feature_code: FeatureCode::parse(column(cols, 6)).unwrap_or_default(),
            country_code: CountryCode::parse(column(cols, 7)).unwrap_or_default(),
            admin1_code: column(cols, 8).to_string(),
            admin2_code: column(cols, 9).to_string(),
            population: number(path, line, cols, 10, "population")?,
        })
    })
}

/// Reads GeoNames' `alternateNamesV2.txt` (or the older `alternateNames.txt`), skipping rows
/// that are links, airport or postal codes, or historic names.
pub fn read_alternate_names(
    path: &Path,
    mut name: impl FnMut(AlternateName) -> Result<(), Error>,
) -> Result<(), Error> {
    let reader = open(path)?;
    for_each_line(path, reader, |line, cols| {
        need_columns(path, line, cols, 4)?;
        let language = column(cols, 2);
        let historic = column(cols, 7) == "1";
        if NON_NAME_LANGUAGES.contains(&language) || historic {
            return Ok(());
        }
        let id: u32 = number(path, line, cols, 1, "geonameid")?;
        let text = column(cols, 3);
        if text.is_empty() {
            return Ok(());
        }
        name(AlternateName {
            geonameid: GeonameId(id),
            name: text.to_string(),
        })
    })
}
