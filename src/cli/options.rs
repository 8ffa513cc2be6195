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

/// The pipeline's flags, shared by `map`, `batch`, `eval` and `serve`.
#[derive(Clone, Debug, clap::Args)]
pub struct PipelineArgs {
    /// Prefer places in these countries when the text does not decide (e.g. SY,IQ).
    #[arg(long, value_name = "CC[,CC]", value_parser = parse_countries)]
    pub bias_country: Option<Vec<CountryCode>>,
    /// Do not report demonyms ("Syrian") as mentions of their country.
    #[arg(long)]
    pub no_demonyms: bool,
    /// Resolve every mention to its highest-prior candidate, with no context: the population
    /// baseline the evaluation compares against.
    #[arg(long)]
    pub population_baseline: bool,
}

impl PipelineArgs {
    /// The library's options.
    pub fn options(&self) -> geomention::Options {
        let mut options = geomention::Options::default();
        options.resolve.bias_countries = self.bias_country.clone().unwrap_or_default();
        options.resolve.prior_only = self.population_baseline;
        options.recognize.demonyms = !self.no_demonyms;
        options
    }
}

/// `--delimiter`: one ASCII character, or `tab`.
pub fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(format!(
            "{s:?} is not a one-character ASCII delimiter (e.g. ',', ';', '|' or tab)"
        )),
    }
}

/// The delimiter of a table file when `--delimiter` is not given: tab for .tsv and .tab files,
/// comma otherwise.
pub fn default_delimiter(path: &std::path::Path) -> u8 {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("tab") => b'\t',
        _ => b',',
    }
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
    /// One self-contained HTML page: a map with a legend, popups and a table of places.
    Html,
}

impl Format {
    /// File extension for outputs written without `-o`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Geojson => "geojson",
            Format::Geojsonseq => "geojsons",
            Format::Csv => "csv",
            Format::MentionsJsonl => "jsonl",
            Format::Html => "html",
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
    /// One feature per spatial cluster of places (hull polygon, or point for one place).
    Clusters,
}

/// How places are grouped into areas (the `cluster` of the places layer and the clusters
/// layer): DBSCAN over great-circle distance, places weighted by mentions.
#[derive(Clone, Copy, Debug, clap::Args)]
pub struct ClusterArgs {
    /// Places closer than this many kilometres belong to one area.
    #[arg(long, value_name = "KM", default_value_t = geomention::group::DEFAULT_RADIUS_KM)]
    pub cluster_km: f64,
    /// Mentions within --cluster-km that make a place the core of an area; places that reach
    /// no core are left out of every area.
    #[arg(long, value_name = "N", default_value_t = geomention::group::DEFAULT_MIN_MENTIONS)]
    pub cluster_min_mentions: u32,
}

impl ClusterArgs {
    /// The library's options.
    pub fn options(&self) -> geomention::group::ClusterOptions {
        geomention::group::ClusterOptions {
            radius_km: self.cluster_km,
            min_mentions: self.cluster_min_mentions,
        }
    }
}
