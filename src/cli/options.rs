//! Options shared by the subcommands that run the pipeline, parsed at the boundary into the
//! library's types.

use anyhow::{Result, bail};
use clap::ValueEnum;

use geomention::gazetteer::CountryCode;

/// `--bias-country IR,SY`: ISO 3166-1 alpha-2 codes.
pub fn parse_countries(s: &str) -> Result<Vec<CountryCode>> {
    s.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| match CountryCode::parse(c) {
            Some(cc) => Ok(cc),
            None => bail!("{c:?} is not a two-letter country code (e.g. SY, IQ, US)"),
        })
        .collect()
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// GeoJSON FeatureCollection (RFC 7946).
    Geojson,
    /// GeoJSON text sequence (RFC 8142), one feature per line.
    Geojsonseq,
    /// CSV, one row per mention, with lat/lon columns.
    Csv,
    /// One JSON line per document with its mentions (the scorer's contract).
    MentionsJsonl,
}

impl Format {
    /// File extension for outputs written without `-o`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Geojson => "geojson",
            Format::Geojsonseq => "geojsons",
            Format::Csv => "csv",
            Format::MentionsJsonl => "jsonl",
        }
    }
}

/// GeoJSON layers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LayerArg {
    /// One feature per resolved place.
    Places,
    /// One feature per mention (null geometry when unresolved).
    Mentions,
}
