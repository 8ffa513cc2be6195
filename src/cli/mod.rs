//! Command-line interface: argument definitions and dispatch. Each subcommand lives in its own
//! file with its `Args` and `run`; none of them holds pipeline logic.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod batch;
mod batch_input;
mod batch_work;
pub(crate) mod csv_quotes;
mod eval;
pub mod exit;
mod gazetteer;
mod geocode;
mod geocode_table;
mod http;
mod input;
mod map;
mod options;
mod output;
mod parallel;
mod progress;
mod serve;
mod terminal;
mod write;

/// Find the places news articles mention, resolve them offline, and write maps.
#[derive(Debug, Parser)]
#[command(name = "geomention", version, about, long_about = None)]
#[command(after_long_help = "\
Examples:
  geomention map article.txt                  places of an article → output/article.geojson
  geomention map article.txt -o - --format mentions-jsonl
  geomention map article.txt --format html -o map.html   a map to open in a browser, offline
  geomention batch corpus.jsonl -o mentions.jsonl
  geomention batch articles/ --out-dir maps --aggregate  per-document maps and a corpus layer
  geomention serve                            http://127.0.0.1:8080/: paste an article, see it
  geomention eval gold.jsonl --gold-spans     score.py's metrics and where the loss is
  geomention geocode 'Aleppo, Syria' 'Springfield, IL'
  geomention geocode --csv events.csv --column location -o events-geocoded.csv
  geomention gazetteer lookup Raqqa            ranked candidates for a name
  geomention gazetteer lookup --json الموصل     the same as a JSON array
  geomention gazetteer info                   what the built-in gazetteer holds
  geomention gazetteer build -o my.gmz --geonames allCountries.txt --alternate-names alternateNamesV2.txt")]
pub struct Cli {
    /// Use this compiled gazetteer instead of the built-in one.
    #[arg(long, global = true, value_name = "PATH")]
    pub gazetteer: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Find the places articles mention and write a map layer.
    Map(map::Args),
    /// Geoparse a corpus: folders of text, JSONL, CSV or stdin.
    Batch(batch::Args),
    /// Score the pipeline on gold annotations (recognition, roles).
    Eval(eval::Args),
    /// Geocode place names: arguments, or a column of a CSV file.
    Geocode(geocode::Args),
    /// Run the geoparser and geocoder as a local web service with a map page.
    Serve(serve::Args),
    /// Inspect, query or build gazetteers.
    Gazetteer(gazetteer::Args),
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let status = match cli.command {
        Command::Map(args) => map::run(args, cli.gazetteer.as_deref())?,
        Command::Batch(args) => batch::run(args, cli.gazetteer.as_deref())?,
        Command::Eval(args) => eval::run(args, cli.gazetteer.as_deref())?,
        Command::Geocode(args) => geocode::run(args, cli.gazetteer.as_deref())?,
        Command::Serve(args) => serve::run(args, cli.gazetteer.as_deref())?,
        Command::Gazetteer(args) => gazetteer::run(args, cli.gazetteer.as_deref())?,
    };
    Ok(status.into())
}
