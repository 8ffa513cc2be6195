//! `geomention geocode`: place names in (arguments or a CSV column), coordinates and reasons out.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

use geomention::gazetteer::{CandidateRow, CountryCode, Gazetteer};
use geomention::geocode::{Choice, GeocodeRow, Geocoded, Geocoder, Request};

use super::exit::Status;
use super::gazetteer::print_table;
use super::geocode_table;
use super::options::{parse_countries, parse_delimiter};
use super::terminal::sanitize;

/// Geocode place names: a ranked table for names given as arguments, or a column of a CSV file
/// with lat/lon and a reason added to every row.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  geomention geocode Raqqa 'Aleppo, Syria' 'Springfield, IL' 'Paris (Texas)'
  geomention geocode 'Al Mawsil' --country IQ --json
  geomention geocode --csv events.csv --column location -o events-geocoded.csv
  geomention geocode --csv events.csv --column location --country-column country \\
      --format geojson -o events.geojson
  cat villages.tsv | geomention geocode --csv - --column name --delimiter tab -o -

A cell may carry its own context: \"Aleppo, Syria\", \"Springfield, Sangamon County, IL\",
\"Paris (Texas)\". Country values may be names or ISO alpha-2/alpha-3 codes; admin-1 values
names, abbreviations (\"Ill.\", \"IL\") or GeoNames admin-1 codes (\"US.IL\", or \"01\" with a
country). Every input column is kept; added: lat, lon, place_id, geonameid, matched_name,
feature_code, country_code, admin1, population, match_type, score (confidence 0-1),
alternatives (candidates about as good) and reason. Unmatched rows keep empty coordinates.

Without -o a CSV FILE is written to output/<stem>-geocoded.<ext>, standard input to stdout.
Exit status 1 when a row could not be read (it is still written, with the reason).")]
pub struct Args {
    /// Names to geocode (ignored with --csv).
    #[arg(value_name = "NAME", required_unless_present = "csv")]
    pub names: Vec<String>,
    /// Geocode a column of this CSV file (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// The column holding place names: a header name, or a 1-based number.
    #[arg(long, value_name = "COLUMN", requires = "csv")]
    pub column: Option<String>,
    /// A column holding each row's country (name, ISO-2 or ISO-3 code).
    #[arg(long, value_name = "COLUMN", requires = "csv")]
    pub country_column: Option<String>,
    /// A column holding each row's state or province (name, abbreviation or admin-1 code).
    #[arg(long, value_name = "COLUMN", requires = "csv")]
    pub admin1_column: Option<String>,
    /// Country of the names given as arguments.
    #[arg(long, value_name = "COUNTRY", conflicts_with = "csv")]
    pub country: Option<String>,
    /// State or province of the names given as arguments.
    #[arg(long, value_name = "ADMIN1", conflicts_with = "csv")]
    pub admin1: Option<String>,
    /// Prefer places in these countries when nothing else decides (e.g. SY,IQ).
    #[arg(long, value_name = "CC[,CC]", value_parser = parse_countries)]
    pub bias_country: Option<Vec<CountryCode>>,
    /// Output format for --csv.
    #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
    pub format: TableFormat,
    /// Write to PATH (`-` for stdout) instead of output/<stem>-geocoded.<ext>.
    #[arg(long, short = 'o', value_name = "PATH", requires = "csv")]
    pub output: Option<PathBuf>,
    /// Field delimiter of the CSV input and output: one character, or `tab`. Default: tab for
    /// .tsv files, comma otherwise.
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// The CSV has no header row; --column and the other columns are then numbers.
    #[arg(long)]
    pub no_header: bool,
    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    pub jobs: usize,
    /// Print names as a JSON array of answers instead of tables.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Candidates shown per name.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub limit: usize,
    /// Print nothing on stderr but errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Output formats of `geocode --csv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// The input table with the added columns.
    Csv,
    /// A point layer; every column a property (null geometry when unmatched).
    Geojson,
    /// One JSON object per row.
    Jsonl,
}

impl TableFormat {
    /// Extension of default output files.
    pub fn extension(self, csv_extension: &str) -> String {
        match self {
            TableFormat::Csv => csv_extension.to_string(),
            TableFormat::Geojson => "geojson".to_string(),
            TableFormat::Jsonl => "jsonl".to_string(),
        }
    }
}

/// Runs `geocode`.
pub fn run(args: Args, gazetteer: Option<&Path>) -> Result<Status> {
    let g = Gazetteer::open_or_builtin(gazetteer).context("cannot open the gazetteer")?;
    let geocoder =
        Geocoder::new(&g).with_bias_countries(args.bias_country.clone().unwrap_or_default());
    if let Some(csv) = &args.csv {
        return geocode_table::run(&args, csv, &g, &geocoder);
    }
    geocode_names(&args, &g, &geocoder)
}

/// One name's answer, as `--json` and the service print it.
#[derive(Serialize)]
pub struct Answer<'a> {
    query: &'a str,
    name: String,
    #[serde(flatten)]
    row: GeocodeRow,
    candidates: Vec<CandidateFit>,
}

#[derive(Serialize)]
struct CandidateFit {
    #[serde(flatten)]
    candidate: CandidateRow,
    /// Contexts of the query the candidate lies in.
    fits: usize,
}

fn candidate_fit(g: &Gazetteer, c: &Choice<'_>) -> CandidateFit {
    let candidate = geomention::gazetteer::Candidate::new(c.place, c.match_kind, c.score);
    CandidateFit {
        candidate: CandidateRow::new(g, &candidate),
        fits: c.fits,
    }
}

fn geocode_names(args: &Args, g: &Gazetteer, geocoder: &Geocoder<'_>) -> Result<Status> {
    let mut out = std::io::stdout().lock();
    let mut status = Status::Success;
    let mut answers = Vec::new();
    for query in &args.names {
        let geocoded = geocoder.geocode(&Request {
            text: query,
            country: args.country.as_deref(),
            admin1: args.admin1.as_deref(),
        });
        if geocoded.best().is_none() {
            status = Status::Error;
            if !args.json {
                eprintln!("geomention: {}: {}", sanitize(query), geocoded.reason);
            }
        }
        if args.json {
            answers.push(answer(g, query, &geocoded, args.limit));
        } else if geocoded.best().is_some() {
            print_answer(&mut out, g, query, &geocoded, args.limit)?;
        }
    }
    if args.json {
        serde_json::to_writer_pretty(&mut out, &answers)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(status)
}

/// Builds the answer for `query`.
pub fn answer<'a>(
    g: &Gazetteer,
    query: &'a str,
    geocoded: &Geocoded<'_>,
    limit: usize,
) -> Answer<'a> {
    Answer {
        query,
        name: geocoded.name.clone(),
        row: GeocodeRow::new(g, geocoded),
        candidates: geocoded
            .ranked
            .iter()
            .take(limit)
            .map(|c| candidate_fit(g, c))
            .collect(),
    }
}

fn print_answer(
    out: &mut impl Write,
    g: &Gazetteer,
    query: &str,
    geocoded: &Geocoded<'_>,
    limit: usize,
) -> Result<()> {
    writeln!(
        out,
        "{}  (confidence {:.2}, {} close alternative{})",
        sanitize(query),
        geocoded.confidence,
        geocoded.alternatives,
        if geocoded.alternatives == 1 { "" } else { "s" }
    )?;
    let (rows, fits): (Vec<CandidateRow>, Vec<String>) = geocoded
        .ranked
        .iter()
        .take(limit)
        .map(|c| {
            let row = candidate_fit(g, c);
            (row.candidate, row.fits.to_string())
        })
        .unzip();
    print_table(out, &rows, Some(("fits", &fits)))?;
    writeln!(out, "  reason: {}", sanitize(&geocoded.reason))?;
    writeln!(out)?;
    Ok(())
}
