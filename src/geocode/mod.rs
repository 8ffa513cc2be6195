//! Geocoding place names without running text: a spreadsheet cell ("Aleppo, Syria",
//! "Springfield, IL", "Al Mawsil") plus optional country and admin-1 values from the same row,
//! to one place with a confidence, the number of close alternatives and a reason a person can
//! audit.
//!
//! Ranking, in order of precedence:
//! 1. how many of the row's contexts (parts of the cell, the country value, the admin-1 value)
//!    the candidate lies in: context the user wrote is decisive;
//! 2. a literal match (exact, alias, abbreviation, folded, article-stripped, part) before a
//!    fuzzy one, so a similar spelling never outranks an exact name that fits as well;
//! 3. the candidate's prior (log10 population, raised for countries and admin units), plus a
//!    bonus for `bias_countries`.

pub mod cell;
pub mod region;
mod row;

pub use row::{COLUMNS, GeocodeRow};

use std::fmt::Write as _;

use crate::gazetteer::{
    Candidate, CountryCode, DEFAULT_CANDIDATES, Gazetteer, LookupOptions, MatchKind, Place,
};

use region::{Expect, Region};

/// Candidates looked at when the row has no context: enough to count close alternatives.
const PLAIN_CANDIDATES: usize = 12;
/// Bonus for a candidate in a `--bias-country`, in prior units (a factor of 1000 in
/// population): a preference, not a filter.
const BIAS_BONUS: f64 = 3.0;
/// Two candidates whose final scores differ by less than this (a factor of 10 in population)
/// are "close": the row is counted as having alternatives.
const CLOSE_MARGIN: f64 = 1.0;
/// How sharply the confidence falls with the score gap: a softmax over final scores.
const CONFIDENCE_SHARPNESS: f64 = 2.0;

/// What to geocode: a cell and, optionally, values from the row's country and admin-1 columns.
#[derive(Clone, Copy, Debug, Default)]
pub struct Request<'a> {
    /// The place cell ("Aleppo, Syria").
    pub text: &'a str,
    /// A country: name, ISO alpha-2 or alpha-3 code.
    pub country: Option<&'a str>,
    /// A first-level division: name, abbreviation, or GeoNames admin-1 code ("IL", "US.IL").
    pub admin1: Option<&'a str>,
}

/// One ranked candidate for a request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Choice<'g> {
    /// The place.
    pub place: Place<'g>,
    /// How the name matched it.
    pub match_kind: MatchKind,
    /// Contexts of the row the place lies in.
    pub fits: usize,
    /// Final ranking score (prior + bias), comparable within one request.
    pub score: f64,
}

/// Where one context of the row came from, for reasons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContextSource {
    /// A part of the cell after a comma or in parentheses.
    Cell,
    /// The country column.
    CountryColumn,
    /// The admin-1 column.
    Admin1Column,
}

/// One context of the row and its readings.
#[derive(Clone, Debug)]
pub struct Context<'g> {
    /// The text as written.
    pub text: String,
    /// Where it came from.
    pub source: ContextSource,
    /// The regions it may name, most likely first (empty: not understood, ignored).
    pub readings: Vec<Region<'g>>,
}

/// The answer for one request.
#[derive(Clone, Debug)]
pub struct Geocoded<'g> {
    /// The name that was looked up (the cell without its context).
    pub name: String,
    /// The contexts read from the row.
    pub contexts: Vec<Context<'g>>,
    /// Candidates, best first (empty when nothing matched).
    pub ranked: Vec<Choice<'g>>,
    /// Confidence in the first candidate, 0–1.
    pub confidence: f64,
    /// Other candidates as good as the first: same contexts and match type, score within
    /// a factor of 10 in population.
    pub alternatives: usize,
    /// One line saying why the first candidate was chosen, or why there is none.
    pub reason: String,
}

impl<'g> Geocoded<'g> {
    /// The chosen place, if any.
    pub fn best(&self) -> Option<&Choice<'g>> {
        self.ranked.first()
    }
}

/// Geocodes requests against one gazetteer. Cheap to share between threads.
#[derive(Clone, Debug)]
pub struct Geocoder<'g> {
    gazetteer: &'g Gazetteer,
    bias_countries: Vec<CountryCode>,
}

impl<'g> Geocoder<'g> {
    /// A geocoder over `gazetteer`.
    pub fn new(gazetteer: &'g Gazetteer) -> Geocoder<'g> {
        Geocoder {
            gazetteer,
            bias_countries: Vec::new(),
        }
    }

    /// Prefers these countries when the row says nothing else (`--bias-country`).
    pub fn with_bias_countries(mut self, countries: Vec<CountryCode>) -> Geocoder<'g> {
        self.bias_countries = countries;
        self
    }

    /// Geocodes one request.
    pub fn geocode(&self, request: &Request<'_>) -> Geocoded<'g> {
        let cell = cell::split(request.text);
        let contexts = self.contexts(&cell, request);
        let has_context = contexts.iter().any(|c| !c.readings.is_empty());
        let limit = if has_context {
            DEFAULT_CANDIDATES
        } else {
            PLAIN_CANDIDATES
        };
        let mut name = cell.name;
        let mut ranked = self.ranked(name, limit, &contexts);
        // "Bonaire, Sint Eustatius and Saba" is a name with a comma in it.
        if !cell.context.is_empty() && (ranked.is_empty() || all_fuzzy(&ranked)) {
            let whole = self.ranked(cell.whole, limit, &contexts);
            if !whole.is_empty() && !all_fuzzy(&whole) {
                ranked = whole;
                name = cell.whole;
            }
        }
        ranked.sort_by(|a, b| {
            b.fits
                .cmp(&a.fits)
                .then((a.match_kind == MatchKind::Fuzzy).cmp(&(b.match_kind == MatchKind::Fuzzy)))
                .then(b.score.total_cmp(&a.score))
                .then(b.place.population.cmp(&a.place.population))
                .then(a.place.id.cmp(&b.place.id))
        });
        let (confidence, alternatives) = confidence_and_alternatives(&ranked);
        let mut geocoded = Geocoded {
            name: name.to_string(),
            contexts,
            ranked,
            confidence,
            alternatives,
            reason: String::new(),
        };
        geocoded.reason = self.reason(&geocoded, request.text);
        geocoded
    }

    /// Candidates for `name` with their fits, unsorted. Similar spellings are looked for only
    /// when no literal candidate fits every context: they could not win otherwise, and the
    /// search costs more than the literal lookup.
    fn ranked(&self, name: &str, limit: usize, contexts: &[Context<'g>]) -> Vec<Choice<'g>> {
        if name.is_empty() {
            return Vec::new();
        }
        let literal = LookupOptions {
            limit,
            fuzzy: false,
        };
        let choose = |candidates: Vec<Candidate<'g>>| -> Vec<Choice<'g>> {
            candidates
                .iter()
                .map(|c| self.choice(c, contexts))
                .collect()
        };
        let choices = choose(self.gazetteer.lookup(name, &literal));
        let understood = contexts.iter().filter(|c| !c.readings.is_empty()).count();
        let best_fit = choices.iter().map(|c| c.fits).max();
        if best_fit.is_some_and(|f| f >= understood) {
            return choices;
        }
        choose(
            self.gazetteer
                .lookup(name, &LookupOptions { limit, fuzzy: true }),
        )
    }

    fn contexts(&self, cell: &cell::Cell<'_>, request: &Request<'_>) -> Vec<Context<'g>> {
        let g = self.gazetteer;
        let mut contexts = Vec::new();
        let mut countries: Vec<CountryCode> = Vec::new();
        if let Some(text) = request.country.map(str::trim).filter(|t| !t.is_empty()) {
            let readings = region::readings(g, text, Expect::Country, &[]);
            countries.extend(readings.iter().map(|r| r.place.country_code));
            contexts.push(Context {
                text: text.to_string(),
                source: ContextSource::CountryColumn,
                readings,
            });
        }
        if let Some(text) = request.admin1.map(str::trim).filter(|t| !t.is_empty()) {
            contexts.push(Context {
                text: text.to_string(),
                source: ContextSource::Admin1Column,
                readings: region::readings(g, text, Expect::Admin1, &countries),
            });
        }
        for part in &cell.context {
            contexts.push(Context {
                text: part.to_string(),
                source: ContextSource::Cell,
                readings: region::readings(g, part, Expect::Any, &countries),
            });
        }
        contexts
    }

    fn choice(&self, c: &Candidate<'g>, contexts: &[Context<'g>]) -> Choice<'g> {
        let fits = contexts
            .iter()
            .filter(|ctx| ctx.readings.iter().any(|r| r.contains(&c.place)))
            .count();
        let bias = if self.bias_countries.contains(&c.place.country_code) {
            BIAS_BONUS
        } else {
            0.0
        };
        Choice {
            place: c.place,
            match_kind: c.match_kind,
            fits,
            score: c.score + bias,
        }
    }

    fn reason(&self, geocoded: &Geocoded<'g>, text: &str) -> String {
        let mut out = String::new();
        let Some(best) = geocoded.best() else {
            if text.trim().is_empty() {
                return "empty cell".to_string();
            }
            let _ = write!(out, "no place called {:?} in the gazetteer", geocoded.name);
            return out;
        };
        let p = &best.place;
        let _ = write!(out, "{} match for {:?}", best.match_kind, geocoded.name);
        if p.name != geocoded.name {
            let _ = write!(out, " ({})", p.name);
        }
        for ctx in &geocoded.contexts {
            let from = match ctx.source {
                ContextSource::Cell => "the cell",
                ContextSource::CountryColumn => "the country column",
                ContextSource::Admin1Column => "the admin-1 column",
            };
            match ctx.readings.iter().find(|r| r.contains(p)) {
                Some(r) => {
                    let _ = write!(out, "; in {} ({:?} from {from})", r.place.name, ctx.text);
                }
                None if ctx.readings.is_empty() => {
                    let _ = write!(
                        out,
                        "; {:?} from {from} is not a known country or region, ignored",
                        ctx.text
                    );
                }
                None => {
                    let _ = write!(
                        out,
                        "; no candidate lies in {:?} from {from}, ignored",
                        ctx.text
                    );
                }
            }
        }
        if self.bias_countries.contains(&p.country_code) {
            let _ = write!(out, "; preferred country {}", p.country_code);
        }
        let others = geocoded.ranked.len() - 1;
        if others == 0 {
            out.push_str("; only candidate");
        } else if geocoded.alternatives > 0 {
            let _ = write!(
                out,
                "; {} close alternative{}",
                geocoded.alternatives,
                if geocoded.alternatives == 1 { "" } else { "s" }
            );
            if let Some(next) = geocoded.ranked.get(1) {
                let _ = write!(out, " (next: {})", self.describe(&next.place));
            }
        } else {
            let _ = write!(
                out,
                "; most prominent of {} candidate{}",
                others + 1,
                if others == 0 { "" } else { "s" }
            );
        }
        if p.population > 0 {
            let _ = write!(out, "; population {}", p.population);
        }
        out
    }

    /// "Springfield, Missouri, US".
    fn describe(&self, p: &Place<'_>) -> String {
        let mut s = p.name.to_string();
        if !p.is_admin1() && !p.is_country() {
            if let Some(a) = self.gazetteer.admin1_of(p) {
                s.push_str(", ");
                s.push_str(a.name);
            }
        }
        if !p.country_code.is_none() && !p.is_country() {
            s.push_str(", ");
            s.push_str(p.country_code.as_str());
        }
        s
    }
}

fn all_fuzzy(candidates: &[Choice<'_>]) -> bool {
    candidates.iter().all(|c| c.match_kind == MatchKind::Fuzzy)
}

/// Confidence: the first candidate's share of a softmax over the scores of the candidates in
/// its tier (same fits, same literal/fuzzy kind), so context the user wrote is not second-guessed
/// by priors. Alternatives: the others in that tier within [`CLOSE_MARGIN`]. Units that
/// contain the first candidate (Raqqa governorate for Raqqa city) are not rivals.
fn confidence_and_alternatives(ranked: &[Choice<'_>]) -> (f64, usize) {
    let Some(first) = ranked.first() else {
        return (0.0, 0);
    };
    let fuzzy = |c: &Choice<'_>| c.match_kind == MatchKind::Fuzzy;
    // The governorate named after its seat is the same answer at another level, not a rival.
    let encloses_first =
        |c: &Choice<'_>| region::Region::of(c.place).is_some_and(|r| r.contains(&first.place));
    let tier: Vec<&Choice<'_>> = ranked
        .iter()
        .take_while(|c| c.fits == first.fits && fuzzy(c) == fuzzy(first))
        .enumerate()
        .filter(|&(i, c)| i == 0 || !encloses_first(c))
        .map(|(_, c)| c)
        .collect();
    let total: f64 = tier
        .iter()
        .map(|c| ((c.score - first.score) * CONFIDENCE_SHARPNESS).exp())
        .sum();
    let mut confidence = 1.0 / total;
    if fuzzy(first) {
        // A similar spelling is a guess however clear the ranking.
        confidence *= 0.5;
    }
    let alternatives = tier
        .iter()
        .skip(1)
        .filter(|c| first.score - c.score < CLOSE_MARGIN)
        .count();
    ((confidence * 1000.0).round() / 1000.0, alternatives)
}
