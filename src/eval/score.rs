//! score.py's metrics, line for line, so that `geomention eval` and the outside scorer agree
//! (a test runs both on a fixture).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::resolve::distance_km;

/// Half the equator: the largest possible great-circle error.
pub const MAX_KM: f64 = 20039.0;
/// The distance under which a resolution counts as right.
pub const LIMIT_KM: f64 = 161.0;

/// A gold toponym.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldToponym {
    /// Start, code points.
    pub start: usize,
    /// End, code points, exclusive.
    pub end: usize,
    /// The gold point, when it has one.
    pub point: Option<(f64, f64)>,
    /// GeoNames feature code, when the gold gives one.
    pub feature_code: Option<String>,
    /// The name as written.
    pub name: String,
}

/// A system mention.
#[derive(Clone, Debug, PartialEq)]
pub struct SystemMention {
    /// Start, code points.
    pub start: usize,
    /// End, code points, exclusive.
    pub end: usize,
    /// The chosen point, when resolved.
    pub point: Option<(f64, f64)>,
}

/// Why a gold toponym was not resolved within 161 km end to end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCause {
    /// The system has no mention with its exact span.
    Missed,
    /// Found, but left unresolved.
    Unresolved,
    /// Found and resolved beyond 161 km although a candidate within 161 km existed.
    WrongCandidate,
    /// Found, but no candidate of the gazetteer lies within 161 km: the gazetteer's ceiling.
    NotInGazetteer,
}

/// Resolution statistics (score.py's `resolution_stats`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Resolution {
    /// Errors counted.
    pub n: usize,
    /// Share under 161 km.
    pub acc161: f64,
    /// Area under the curve of log errors (lower is better).
    pub auc: f64,
    /// Mean error.
    pub mean_km: Option<f64>,
    /// Median error.
    pub median_km: Option<f64>,
}

fn resolution(errors: &[f64]) -> Resolution {
    if errors.is_empty() {
        return Resolution {
            n: 0,
            acc161: 0.0,
            auc: 1.0,
            mean_km: None,
            median_km: None,
        };
    }
    let mut e = errors.to_vec();
    e.sort_by(f64::total_cmp);
    let n = e.len();
    let median = if n % 2 == 1 {
        e.get(n / 2).copied()
    } else {
        Some(
            (e.get(n / 2 - 1).copied().unwrap_or(0.0) + e.get(n / 2).copied().unwrap_or(0.0)) / 2.0,
        )
    };
    Resolution {
        n,
        acc161: e.iter().filter(|&&x| x < LIMIT_KM).count() as f64 / n as f64,
        auc: e.iter().map(|x| (1.0 + x).ln()).sum::<f64>() / (n as f64 * (1.0 + MAX_KM).ln()),
        mean_km: Some(e.iter().sum::<f64>() / n as f64),
        median_km: median,
    }
}

/// P, R, F1 and true positives, as score.py prints them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf1 {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
    /// True positives.
    pub tp: u64,
}

fn prf(tp: u64, n_sys: u64, n_gold: u64) -> Prf1 {
    let p = if n_sys > 0 {
        tp as f64 / n_sys as f64
    } else {
        0.0
    };
    let r = if n_gold > 0 {
        tp as f64 / n_gold as f64
    } else {
        0.0
    };
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Prf1 { p, r, f1, tp }
}

/// Per feature code: gold toponyms with a point, and those resolved within 161 km end to end
/// (or, with gold spans, on their span).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct TypeCounts {
    /// Gold toponyms with a point.
    pub gold: u64,
    /// Of which right within 161 km.
    pub right: u64,
}

/// Accumulates documents and reports.
#[derive(Debug, Default)]
pub struct Scorer {
    gold_spans: bool,
    documents: u64,
    n_gold: u64,
    n_sys: u64,
    tp: u64,
    tp_overlap: u64,
    e2e_tp: u64,
    e2e_gold: u64,
    e2e_sys: u64,
    errors: Vec<f64>,
    by_type: BTreeMap<String, TypeCounts>,
    causes: BTreeMap<ErrorCause, u64>,
    /// Gold toponyms lost, for a listing: (cause, name).
    pub lost: Vec<(ErrorCause, String)>,
}

/// The report, with score.py's keys.
#[derive(Clone, Debug, Serialize)]
pub struct ScoreReport {
    /// Documents scored.
    pub documents: u64,
    /// Gold toponyms (without --gold-spans).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold_toponyms: Option<u64>,
    /// System mentions (without --gold-spans).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_mentions: Option<u64>,
    /// Exact spans.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recognition_exact: Option<Prf1>,
    /// Overlapping spans.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recognition_overlap: Option<Prf1>,
    /// Resolution on exact matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution_on_matches: Option<Resolution>,
    /// End to end at 161 km.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_to_end_161: Option<Prf1>,
    /// Resolution of given gold spans.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution_gold_spans: Option<Resolution>,
    /// By gold feature code.
    pub by_feature_code: BTreeMap<String, TypeCounts>,
    /// Why gold toponyms with a point were lost.
    pub errors_by_cause: BTreeMap<ErrorCause, u64>,
}

impl Scorer {
    /// A scorer; `gold_spans` when the system resolved the given gold spans.
    pub fn new(gold_spans: bool) -> Scorer {
        Scorer {
            gold_spans,
            ..Scorer::default()
        }
    }

    /// Adds one document. `has_candidate_within` answers, for a gold toponym the system found
    /// but resolved wrongly, whether the gazetteer has any candidate within 161 km.
    pub fn add(
        &mut self,
        gold: &[GoldToponym],
        system: &[SystemMention],
        mut has_candidate_within: impl FnMut(&GoldToponym) -> bool,
    ) {
        self.documents += 1;
        let mut by_span: HashMap<(usize, usize), &GoldToponym> = HashMap::new();
        for g in gold {
            by_span.insert((g.start, g.end), g);
        }
        let error_km = |g: &GoldToponym, s: Option<&SystemMention>| -> Option<f64> {
            let gp = g.point?;
            Some(match s.and_then(|s| s.point) {
                None => MAX_KM,
                Some(sp) => distance_km(gp.0, gp.1, sp.0, sp.1),
            })
        };
        let mut note =
            |scorer: &mut Scorer, g: &GoldToponym, s: Option<&SystemMention>, right: bool| {
                let t = scorer
                    .by_type
                    .entry(g.feature_code.clone().unwrap_or_else(|| "?".into()))
                    .or_default();
                t.gold += 1;
                if right {
                    t.right += 1;
                    return;
                }
                let cause = match s {
                    None => ErrorCause::Missed,
                    Some(s) if s.point.is_none() => ErrorCause::Unresolved,
                    Some(_) if has_candidate_within(g) => ErrorCause::WrongCandidate,
                    Some(_) => ErrorCause::NotInGazetteer,
                };
                *scorer.causes.entry(cause).or_insert(0) += 1;
                scorer.lost.push((cause, g.name.clone()));
            };
        if self.gold_spans {
            let answered: HashMap<(usize, usize), &SystemMention> =
                system.iter().map(|s| ((s.start, s.end), s)).collect();
            let mut seen: HashSet<(usize, usize)> = HashSet::new();
            for g in gold {
                let key = (g.start, g.end);
                if g.point.is_none() || !seen.insert(key) {
                    continue;
                }
                let g = by_span.get(&key).copied().unwrap_or(g);
                let s = answered.get(&key).copied();
                if let Some(e) = error_km(g, s) {
                    self.errors.push(e);
                    note(self, g, s, e < LIMIT_KM);
                }
            }
            return;
        }
        self.n_gold += gold.len() as u64;
        self.n_sys += system.len() as u64;
        self.e2e_gold += gold.iter().filter(|g| g.point.is_some()).count() as u64;
        let mut used: HashSet<(usize, usize)> = HashSet::new();
        let mut matched: HashMap<(usize, usize), &SystemMention> = HashMap::new();
        for s in system {
            let key = (s.start, s.end);
            match by_span.get(&key) {
                Some(g) if !used.contains(&key) => {
                    used.insert(key);
                    matched.insert(key, s);
                    self.tp += 1;
                    let Some(e) = error_km(g, Some(s)) else {
                        continue;
                    };
                    self.errors.push(e);
                    self.e2e_sys += 1;
                    if e < LIMIT_KM {
                        self.e2e_tp += 1;
                    }
                }
                _ => self.e2e_sys += 1,
            }
        }
        // Overlap matching, one to one, greedy in text order.
        let mut taken: HashSet<(usize, usize)> = HashSet::new();
        for s in system {
            for g in gold {
                let k = (g.start, g.end);
                if !taken.contains(&k) && s.start < g.end && g.start < s.end {
                    taken.insert(k);
                    self.tp_overlap += 1;
                    break;
                }
            }
        }
        for g in gold.iter().filter(|g| g.point.is_some()) {
            let s = matched.get(&(g.start, g.end)).copied();
            let right = error_km(g, s).is_some_and(|e| s.is_some() && e < LIMIT_KM);
            note(self, g, s, right);
        }
    }

    /// The report.
    pub fn report(&self) -> ScoreReport {
        let res = resolution(&self.errors);
        let (gs, normal) = if self.gold_spans {
            (Some(res), None)
        } else {
            (None, Some(res))
        };
        let plain = !self.gold_spans;
        ScoreReport {
            documents: self.documents,
            gold_toponyms: plain.then_some(self.n_gold),
            system_mentions: plain.then_some(self.n_sys),
            recognition_exact: plain.then(|| prf(self.tp, self.n_sys, self.n_gold)),
            recognition_overlap: plain.then(|| prf(self.tp_overlap, self.n_sys, self.n_gold)),
            resolution_on_matches: normal,
            end_to_end_161: plain.then(|| prf(self.e2e_tp, self.e2e_sys, self.e2e_gold)),
            resolution_gold_spans: gs,
            by_feature_code: self.by_type.clone(),
            errors_by_cause: self.causes.clone(),
        }
    }
}
