//! Scoring against gold annotations, with the definitions of `../shared/tools/score.py`:
//! recognition of exact and overlapping spans, resolution (Acc@161, AUC, mean and median km)
//! on exact matches or on given gold spans, end-to-end F1@161; plus what score.py does not
//! have: mention roles when the gold has them, and an error breakdown. Spans are code-point
//! offsets, end exclusive.

mod score;

pub use score::{
    ErrorCause, GoldToponym, LIMIT_KM, MAX_KM, Prf1, Resolution, ScoreReport, Scorer,
    SystemMention, TypeCounts,
};

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::roles::Role;

/// A labelled span: (start, end) in code points and, when known, its role.
pub type Span = (usize, usize);

/// True/false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Right.
    pub tp: u64,
    /// Predicted, wrong.
    pub fp: u64,
    /// Missed.
    pub fn_: u64,
}

/// Precision, recall and F1 of some counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Gold items of this kind.
    pub support: u64,
}

impl Counts {
    /// Adds other counts.
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }

    /// P/R/F1 (0 where undefined).
    pub fn prf(&self) -> Prf {
        let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(self.tp, self.tp + self.fp);
        let recall = ratio(self.tp, self.tp + self.fn_);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
            support: self.tp + self.fn_,
        }
    }
}

/// Recognition of exact spans in one document.
pub fn recognition(gold: &[Span], predicted: &[Span]) -> Counts {
    let mut gold_left: HashMap<Span, u64> = HashMap::new();
    for s in gold {
        *gold_left.entry(*s).or_insert(0) += 1;
    }
    let mut c = Counts::default();
    for s in predicted {
        match gold_left.get_mut(s) {
            Some(n) if *n > 0 => {
                *n -= 1;
                c.tp += 1;
            }
            _ => c.fp += 1,
        }
    }
    c.fn_ = gold_left.values().sum();
    c
}

/// Role scores, per role, in two readings: on the spans both gold and prediction have (how
/// well roles are told apart), and end to end (a missed span is a miss for its gold role, a
/// spurious one a false positive for its predicted role).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RoleCounts {
    /// On matched spans.
    pub matched: BTreeMap<&'static str, Counts>,
    /// End to end.
    pub end_to_end: BTreeMap<&'static str, Counts>,
}

impl RoleCounts {
    /// Adds one document: gold and predicted spans with roles.
    pub fn add(&mut self, gold: &[(Span, Role)], predicted: &[(Span, Role)]) {
        let predicted_at: HashMap<Span, Role> = predicted.iter().copied().collect();
        let gold_at: HashMap<Span, Role> = gold.iter().copied().collect();
        for (span, g) in gold {
            match predicted_at.get(span) {
                Some(p) => {
                    let (m, e) = (&mut self.matched, &mut self.end_to_end);
                    for map in [m, e] {
                        if p == g {
                            map.entry(g.as_str()).or_default().tp += 1;
                        } else {
                            map.entry(g.as_str()).or_default().fn_ += 1;
                            map.entry(p.as_str()).or_default().fp += 1;
                        }
                    }
                }
                None => self.end_to_end.entry(g.as_str()).or_default().fn_ += 1,
            }
        }
        for (span, p) in predicted {
            if !gold_at.contains_key(span) {
                self.end_to_end.entry(p.as_str()).or_default().fp += 1;
            }
        }
    }

    /// Whether any role was counted.
    pub fn is_empty(&self) -> bool {
        self.end_to_end.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognition_counts_exact_spans_with_repeats() {
        let c = recognition(&[(0, 5), (10, 15), (10, 15)], &[(0, 5), (10, 15), (20, 25)]);
        assert_eq!((c.tp, c.fp, c.fn_), (2, 1, 1));
        let p = c.prf();
        assert!((p.precision - 2.0 / 3.0).abs() < 1e-9);
        assert!((p.recall - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn roles_are_scored_on_matched_spans_and_end_to_end() {
        let mut r = RoleCounts::default();
        r.add(
            &[
                ((0, 5), Role::Activity),
                ((6, 9), Role::Actor),
                ((10, 12), Role::Activity),
            ],
            &[
                ((0, 5), Role::Activity),
                ((6, 9), Role::Reference),
                ((20, 22), Role::Activity),
            ],
        );
        let a = r.matched["activity"];
        assert_eq!((a.tp, a.fp, a.fn_), (1, 0, 0));
        let a = r.end_to_end["activity"];
        assert_eq!((a.tp, a.fp, a.fn_), (1, 1, 1));
        assert_eq!(r.matched["actor"].fn_, 1);
        assert_eq!(r.matched["reference"].fp, 1);
    }
}
