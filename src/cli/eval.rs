//! `geomention eval GOLD.jsonl [--gold-spans]`: run the pipeline on gold documents and score
//! it with score.py's definitions (recognition exact and overlap, resolution, end-to-end
//! F1@161), a breakdown by feature type and by error cause, and per-role P/R/F1 when the gold
//! toponyms carry a `role`.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use geomention::Geoparser;
use geomention::eval::{
    GoldToponym as EvalGold, Prf, RoleCounts, ScoreReport, Scorer, SystemMention,
};
use geomention::gazetteer::Gazetteer;
use geomention::gazetteer::LookupOptions;
use geomention::roles::Role;
use geomention::text::CharOffset;

use super::exit::Status;
use super::options::PipelineArgs;

/// Score the pipeline on a gold JSONL file.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  geomention eval eval/roles/roles.jsonl          recognition and per-role P/R/F1
  geomention eval ../shared/corpora/lgl.jsonl     score.py's metrics, by type and error cause
  geomention eval ../shared/corpora/lgl.jsonl --gold-spans --json

Gold lines are {\"id\", \"text\", \"toponyms\": [{\"start\", \"end\", \"role\"?}]}, offsets in code
points, end exclusive (the corpora's format; .jsonl.gz is read too).")]
pub struct Args {
    /// The gold file.
    #[arg(value_name = "GOLD")]
    gold: PathBuf,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// Resolve the gold spans instead of recognising (scores resolution only).
    #[arg(long)]
    gold_spans: bool,
    /// List every gold toponym lost, with its cause, on stderr.
    #[arg(long)]
    list_errors: bool,
    #[command(flatten)]
    pipeline: PipelineArgs,
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
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    lat: Option<f64>,
    #[serde(default)]
    lon: Option<f64>,
    #[serde(default)]
    fcode: Option<String>,
}

#[derive(Serialize)]
struct Report {
    #[serde(flatten)]
    scores: ScoreReport,
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
    let parser = Geoparser::new(g, args.pipeline.options());
    let mut scorer = Scorer::new(args.gold_spans);
    let mut roles = RoleCounts::default();
    let g = parser.gazetteer();
    let literal = LookupOptions {
        limit: 1000,
        fuzzy: false,
    };
    for (n, line) in open(&args.gold)?.lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", args.gold.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let gold: GoldLine = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a gold line", args.gold.display(), n + 1))?;
        let parsed = if args.gold_spans {
            let spans: Vec<(CharOffset, CharOffset)> = gold
                .toponyms
                .iter()
                .map(|t| (CharOffset(t.start), CharOffset(t.end)))
                .collect();
            parser.parse_spans(&gold.text, &spans).with_context(|| {
                format!(
                    "{}:{}: a gold span does not fit",
                    args.gold.display(),
                    n + 1
                )
            })?
        } else {
            parser.parse(&gold.text)
        };
        let system: Vec<SystemMention> = parsed
            .mentions
            .iter()
            .map(|m| SystemMention {
                start: m.span.char_start.0,
                end: m.span.char_end.0,
                point: m.place.map(|p| (p.lat, p.lon)),
            })
            .collect();
        let gold_toponyms: Vec<EvalGold> = gold
            .toponyms
            .iter()
            .map(|t| EvalGold {
                start: t.start,
                end: t.end,
                point: t.lat.zip(t.lon),
                feature_code: t.fcode.clone(),
                name: t.name.clone().unwrap_or_else(|| {
                    gold.text
                        .chars()
                        .skip(t.start)
                        .take(t.end.saturating_sub(t.start))
                        .collect()
                }),
            })
            .collect();
        scorer.add(&gold_toponyms, &system, |t| {
            let Some(point) = t.point else { return false };
            g.lookup(&t.name, &literal).iter().any(|c| {
                geomention::resolve::distance_km(point.0, point.1, c.place.lat, c.place.lon)
                    < geomention::eval::LIMIT_KM
            })
        });
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
        if !gold_roles.is_empty() && !args.gold_spans {
            roles.add(&gold_roles, &predicted);
        }
        let _ = &gold.id;
    }
    let scores = scorer.report();
    if scores.documents == 0 {
        bail!("{} holds no gold documents", args.gold.display());
    }
    if args.list_errors {
        for (cause, name) in &scorer.lost {
            eprintln!("{cause:?}\t{name}");
        }
    }
    let report = Report {
        scores,
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
    print_report(&args.gold, &report);
    Ok(Status::Success)
}

fn print_report(path: &Path, report: &Report) {
    let s = &report.scores;
    println!("{}: {} documents", path.display(), s.documents);
    if let (Some(g), Some(m)) = (s.gold_toponyms, s.system_mentions) {
        println!("gold toponyms {g}, system mentions {m}");
    }
    if let (Some(e), Some(o)) = (s.recognition_exact, s.recognition_overlap) {
        println!(
            "recognition exact    P {:.3}  R {:.3}  F1 {:.3}",
            e.p, e.r, e.f1
        );
        println!(
            "recognition overlap  P {:.3}  R {:.3}  F1 {:.3}",
            o.p, o.r, o.f1
        );
    }
    let (label, res) = match (&s.resolution_gold_spans, &s.resolution_on_matches) {
        (Some(r), _) => ("resolution (gold spans)", r),
        (None, Some(r)) => ("resolution (exact matches)", r),
        (None, None) => return,
    };
    let km = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.1}"));
    println!(
        "{label}  n {}  Acc@161 {:.3}  AUC {:.3}  mean km {}  median km {}",
        res.n,
        res.acc161,
        res.auc,
        km(res.mean_km),
        km(res.median_km)
    );
    if let Some(e) = s.end_to_end_161 {
        println!(
            "end-to-end@161       P {:.3}  R {:.3}  F1 {:.3}",
            e.p, e.r, e.f1
        );
    }
    if !s.errors_by_cause.is_empty() {
        let lost: u64 = s.errors_by_cause.values().sum();
        println!("gold toponyms with a point not resolved within 161 km: {lost}");
        for (cause, n) in &s.errors_by_cause {
            println!("  {:<16} {n:>6}", format!("{cause:?}"));
        }
    }
    let mut types: Vec<(&String, &geomention::eval::TypeCounts)> =
        s.by_feature_code.iter().collect();
    types.sort_by(|a, b| b.1.gold.cmp(&a.1.gold).then(a.0.cmp(b.0)));
    if !types.is_empty() {
        println!("by gold feature code (most frequent 12): right within 161 km / gold");
        for (code, t) in types.iter().take(12) {
            println!(
                "  {:<6} {:>6} / {:<6} {:.3}",
                code,
                t.right,
                t.gold,
                if t.gold > 0 {
                    t.right as f64 / t.gold as f64
                } else {
                    0.0
                }
            );
        }
    }
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
}
