//! `geomention eval GOLD.jsonl`: run the pipeline on gold documents and score it.
//!
//! Scores recognition of exact spans (as `score.py` defines it) and, when the gold toponyms
//! carry a `role`, each role's precision, recall and F1. Resolution scores (Acc@161, AUC,
//! end-to-end F1@161) are `scripts/eval.py`'s, through `score.py`, for now.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use geomention::Geoparser;
use geomention::eval::{Counts, Prf, RoleCounts, recognition};
use geomention::gazetteer::{CountryCode, Gazetteer};
use geomention::roles::Role;

use super::exit::Status;
use super::map::pipeline_options;
use super::options::parse_countries;

/// Score the pipeline on a gold JSONL file.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  geomention eval eval/roles/roles.jsonl          recognition and per-role P/R/F1
  geomention eval ../shared/corpora/lgl.jsonl --json

Gold lines are {\"id\", \"text\", \"toponyms\": [{\"start\", \"end\", \"role\"?}]}, offsets in code
points, end exclusive (the corpora's format; .jsonl.gz is read too).")]
pub struct Args {
    /// The gold file.
    #[arg(value_name = "GOLD")]
    gold: PathBuf,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// Prefer places in these countries when the text does not decide.
    #[arg(long, value_name = "CC[,CC]", value_parser = parse_countries)]
    bias_country: Option<Vec<CountryCode>>,
    /// Do not report demonyms as mentions.
    #[arg(long)]
    no_demonyms: bool,
}

#[derive(Deserialize)]
struct GoldLine {
    #[serde(default)]
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    toponyms: Vec<GoldToponym>,
}

#[derive(Deserialize)]
struct GoldToponym {
    start: usize,
    end: usize,
    #[serde(default)]
    role: Option<String>,
}

#[derive(Serialize)]
struct Report {
    documents: u64,
    gold_spans: u64,
    predicted_spans: u64,
    recognition: Prf,
    roles_on_matched_spans: BTreeMap<&'static str, Prf>,
    roles_end_to_end: BTreeMap<&'static str, Prf>,
}

fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    Ok(if path.extension().is_some_and(|e| e == "gz") {
        Box::new(std::io::BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(std::io::BufReader::new(file))
    })
}

/// Runs `eval`.
pub fn run(args: Args, gazetteer: Option<&Path>) -> Result<Status> {
    let g = Gazetteer::open_or_builtin(gazetteer).context("cannot open the gazetteer")?;
    let parser = Geoparser::new(
        g,
        pipeline_options(args.bias_country.clone(), args.no_demonyms),
    );
    let mut rec = Counts::default();
    let mut roles = RoleCounts::default();
    let (mut documents, mut gold_spans, mut predicted_spans) = (0u64, 0u64, 0u64);
    for (n, line) in open(&args.gold)?.lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", args.gold.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let gold: GoldLine = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a gold line", args.gold.display(), n + 1))?;
        let parsed = parser.parse(&gold.text);
        let predicted: Vec<((usize, usize), Role)> = parsed
            .mentions
            .iter()
            .map(|m| ((m.span.char_start.0, m.span.char_end.0), m.role.role))
            .collect();
        let gold_roles: Vec<((usize, usize), Role)> = gold
            .toponyms
            .iter()
            .filter_map(|t| Some(((t.start, t.end), Role::parse(t.role.as_deref()?)?)))
            .collect();
        let gold_set: Vec<(usize, usize)> =
            gold.toponyms.iter().map(|t| (t.start, t.end)).collect();
        let predicted_set: Vec<(usize, usize)> = predicted.iter().map(|p| p.0).collect();
        rec.add(recognition(&gold_set, &predicted_set));
        if !gold_roles.is_empty() {
            roles.add(&gold_roles, &predicted);
        }
        documents += 1;
        gold_spans += gold_set.len() as u64;
        predicted_spans += predicted_set.len() as u64;
        let _ = &gold.id;
    }
    if documents == 0 {
        bail!("{} holds no gold documents", args.gold.display());
    }
    let report = Report {
        documents,
        gold_spans,
        predicted_spans,
        recognition: rec.prf(),
        roles_on_matched_spans: roles.matched.iter().map(|(k, c)| (*k, c.prf())).collect(),
        roles_end_to_end: roles
            .end_to_end
            .iter()
            .map(|(k, c)| (*k, c.prf()))
            .collect(),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(Status::Success);
    }
    println!(
        "{}: {} documents, {} gold spans, {} predicted",
        args.gold.display(),
        documents,
        gold_spans,
        predicted_spans
    );
    let r = report.recognition;
    println!(
        "recognition, exact spans: P {:.3}  R {:.3}  F1 {:.3}",
        r.precision, r.recall, r.f1
    );
    for (title, table) in [
        (
            "roles on spans found in both",
            &report.roles_on_matched_spans,
        ),
        ("roles end to end", &report.roles_end_to_end),
    ] {
        if table.is_empty() {
            continue;
        }
        println!("{title}:");
        println!(
            "  {:<10} {:>6} {:>6} {:>6} {:>8}",
            "role", "P", "R", "F1", "support"
        );
        for (role, p) in table {
            println!(
                "  {:<10} {:>6.3} {:>6.3} {:>6.3} {:>8}",
                role, p.precision, p.recall, p.f1, p.support
            );
        }
    }
    println!(
        "(resolution: Acc@161, AUC and end-to-end F1@161 come from scripts/eval.py, which runs ../shared/tools/score.py)"
    );
    Ok(Status::Success)
}
