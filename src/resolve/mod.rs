//! Chooses a place for every mention from the evidence of the whole document.
//!
//! In: the [`Mention`]s of one document with their candidates (ranked by a context-free
//! prior). Out: one [`Resolution`] per mention, in the same order: the chosen place (or none
//! when the mention has no candidate), a confidence in 0–1 and the evidence that decided it.
//!
//! Evidence, combined as a weighted sum (weights are named constants below):
//! - the prior: importance (log10 population raised to a floor for countries and regions);
//! - "X, Y" and "X in Y": a candidate of X lying in the country or admin-1 unit Y resolves to
//!   ("Paris, Texas"; "Aleppo, Syria"; "Springfield, Ill.");
//! - country and admin-1 coherence: the share of the document's other mentions whose current
//!   choice lies in the candidate's country or admin-1 unit (countries, demonyms and regions
//!   count as well as towns);
//! - spatial coherence: nearness to the other mentions' current choices, found with an `rstar`
//!   R-tree;
//! - joint support: nearness to *any* candidate of the other names, weighted by how plausible
//!   that candidate is for its name, so that small namesakes that belong together are found
//!   even when every name starts at a bigger namesake elsewhere;
//! - county containment: a town in a county (second-level unit) the article names, and a
//!   county holding a town the article names ("Huntsville" and "Walker County" are both
//!   Texas's), found among *all* candidates like joint support;
//! - `--bias-country`.
//!
//! Choices start from the prior and are re-scored twice, each pass reading the previous pass's
//! choices, so countries and regions (which rarely change) anchor the rest. Finally every
//! mention of the same name gets the same place (one sense per document): the place whose
//! summed score over those mentions is highest.

use rstar::{RTree, primitives::GeomWithData};

use crate::gazetteer::Candidate;
pub use crate::gazetteer::unit_vector;
use crate::gazetteer::{Admin1Key, CountryCode, FeatureClass, MatchKind, Place, PlaceIndex, fold};
use crate::recognize::{Mention, MentionKind};
use crate::text::{Document, Gap};

/// Weight of the prior (importance) in a candidate's score.
const W_PRIOR: f64 = 1.0;
/// Weight of the share of other mentions in the candidate's country.
const W_COUNTRY: f64 = 2.0;
/// Weight of the share of other mentions in the candidate's admin-1 unit.
const W_ADMIN1: f64 = 2.5;
/// Bonus when the mention is followed by ", Y" and the candidate lies in Y.
const PARENT_COMMA_BONUS: f64 = 6.0;
/// Bonus when the mention is followed by "in Y" and the candidate lies in Y.
const PARENT_IN_BONUS: f64 = 3.0;
/// Bonus when the word after the mention says what kind of place it is ("Hatay province",
/// "Kaduna state", "the city of Hatay" is not read) and the candidate is of that kind.
const DESCRIPTOR_BONUS: f64 = 2.0;
/// Bonus, times the share of the other members of a list ("Arizona, California, Georgia and
/// Utah"; "Armenia, Azerbaijan, Georgia, Iraq") whose current choice is of the candidate's
/// level: a country among countries, a first-level unit among units of the same country.
/// Measured: 1.5, 3 and 5 score within 0.001 of each other on every dev corpus (lists are
/// rare, and where one decides, the margin is wide).
const LIST_BONUS: f64 = 3.0;
/// Penalty for a candidate the article names elsewhere with a longer name of its own.
const LONGER_NAME_PENALTY: f64 = 3.0;
/// Weight of spatial nearness to the other mentions' choices.
const W_SPATIAL: f64 = 1.5;
/// Distance at which spatial nearness has fallen to 1/e.
const SPATIAL_SCALE_KM: f64 = 250.0;
/// Weight of joint support: nearness to any plausible candidate of the other names.
/// Chosen on a 3×3 grid (weight 1–4 × normalisation) where every setting gained on LGL and
/// WikToR; this one gained on both halves of every corpus split by document (docs/ACCURACY.md).
const W_JOINT: f64 = 4.0;
/// Distance at which a joint-support link has fallen to 1/e: a county's reach.
const JOINT_SCALE_KM: f64 = 100.0;
/// Up to this many candidate points, joint support sweeps the pairs of points in order of one
/// coordinate rather than query an R-tree point by point (a news article's names have a few
/// hundred candidates between them). Measured: 256 -> 2048 took 1.4% of a corpus run's
/// instructions away, and a 1.5 MB text of a thousand names took no longer.
const JOINT_SCAN_POINTS: usize = 2048;
/// Bonus for a town lying in a county (admin-2 unit) that another name of the article may be,
/// and for a county holding a town another name may be, times the plausibility of the other
/// end (1 for its name's most prominent candidate, 1/e per unit of prior below it). Nearness
/// alone cannot tell "Huntsville" + "Walker County" in Texas from Huntsville, Alabama, whose
/// Walker County is 120 km off: both pairs are near, only one is nested.
const COUNTY_BONUS: f64 = 3.0;
/// A county takes part in county links only if it is this plausible for its name (within one
/// unit of prior of the name's most prominent candidate).
const MIN_COUNTY_PLAUSIBILITY: f64 = 0.367_879_441_171_442_3;
/// Bonus for candidates in a country the user named with `--bias-country`.
const BIAS_BONUS: f64 = 3.0;
/// Re-scoring passes after the prior-only start.
const PASSES: usize = 2;
/// Temperature of the softmax that turns scores into a confidence.
const CONFIDENCE_TEMPERATURE: f64 = 1.0;
/// Mean Earth radius (IUGG), for great-circle distances.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Options of [`resolve`].
#[derive(Clone, Debug, Default)]
pub struct ResolveOptions {
    /// Countries to prefer when the evidence is weak (`--bias-country IR,SY`).
    pub bias_countries: Vec<CountryCode>,
    /// The population baseline: every mention takes its highest-prior candidate and no
    /// context is used (what `--population-baseline` measures against).
    pub prior_only: bool,
}

/// What decided a resolution, for explanations.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evidence {
    /// The prior part of the score.
    pub prior: f64,
    /// Country coherence part.
    pub country: f64,
    /// Admin-1 coherence part.
    pub admin1: f64,
    /// "X, Y" / "X in Y" part.
    pub parent: f64,
    /// "X province" / "X city" part.
    pub descriptor: f64,
    /// Part from the other members of a list the mention is in.
    pub list: f64,
    /// Penalty when the article calls this place by a longer name elsewhere ("Mexico" is not
    /// Mexico City in an article that says "Mexico City").
    pub longer_name: f64,
    /// Spatial coherence part: nearness to the other names' current choices.
    pub spatial: f64,
    /// Joint support part: nearness to any plausible candidate of the other names.
    pub joint: f64,
    /// County containment part: the place lies in a county another name may be, or is a
    /// county holding a place another name may be.
    pub county: f64,
    /// Bias part.
    pub bias: f64,
}

impl Evidence {
    fn total(&self) -> f64 {
        self.prior
            + self.country
            + self.admin1
            + self.parent
            + self.descriptor
            + self.list
            + self.longer_name
            + self.spatial
            + self.joint
            + self.county
            + self.bias
    }
}

/// The outcome for one mention.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Resolution<'g> {
    /// The chosen place; `None` when the mention had no candidate.
    pub place: Option<Place<'g>>,
    /// How sure: the softmax share of the chosen candidate's score, 0 when unresolved.
    pub confidence: f64,
    /// The score parts of the chosen candidate.
    pub evidence: Option<Evidence>,
}

/// Largest population of a town that [`lone_towns_abroad`] may set aside.
const LONE_TOWN_MAX_POPULATION: u64 = 30_000;
/// Least distance from every other place of the document for [`lone_towns_abroad`].
const LONE_TOWN_MIN_KM: f64 = 1_000.0;

/// For each resolution, true when its place is a town of fewer than 30,000 people in a
/// country that no other place of the document lies in, more than 1,000 km from all of them,
/// while the document does name places in some country: "Esperance" (a town in Australia)
/// in a story about Angola and Egypt, "Kiran" (Turkey) in a tweet about India, "Maga"
/// (Cameroon) in a story about Nigeria. Such a name is most often no place at all (a person,
/// a word, a company) or a place the gazetteer lacks, and a point abroad is then worse than
/// none. Measured on the four news corpora (session 22): of the 158 mentions set aside, 142
/// were no gold toponym, 15 were one with another point or none, 1 was right. A town next to
/// the story's places (Kobane in a story about Turkey, Bundibugyo in one about Congo) stays.
pub fn lone_towns_abroad(resolutions: &[Resolution<'_>]) -> Vec<bool> {
    // The distinct places with a country: a long document names the same few places often.
    let mut places: Vec<Place<'_>> = resolutions
        .iter()
        .filter_map(|r| r.place)
        .filter(|p| !p.country_code.is_none())
        .collect();
    places.sort_unstable_by_key(|p| p.index);
    places.dedup_by_key(|p| p.index);
    let mut countries: Vec<CountryCode> = places.iter().map(|p| p.country_code).collect();
    countries.sort_unstable();
    let places_in = |c: CountryCode| {
        countries.partition_point(|&x| x <= c) - countries.partition_point(|&x| x < c)
    };
    // A lone town is the only place of its country, so there are at most as many candidates
    // as countries, each compared with every place once.
    let lone: Vec<PlaceIndex> = places
        .iter()
        .filter(|p| {
            places.len() > 1
                && p.feature_class == Some(FeatureClass::P)
                && p.population < LONE_TOWN_MAX_POPULATION
                && places_in(p.country_code) == 1
                && places.iter().all(|q| {
                    q.index == p.index || distance_km(p.lat, p.lon, q.lat, q.lon) > LONE_TOWN_MIN_KM
                })
        })
        .map(|p| p.index)
        .collect();
    resolutions
        .iter()
        .map(|r| {
            r.place
                .is_some_and(|p| lone.binary_search(&p.index).is_ok())
        })
        .collect()
}

/// Great-circle distance in kilometres.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// Areal places whose point says little about where things are: they inform country and
/// admin-1 coherence but not spatial nearness.
#[inline]
fn is_areal(p: &Place<'_>) -> bool {
    // Compared as bytes: this runs for every candidate of every pass.
    const AREAL: [[u8; 5]; 8] = [
        *b"CONT\0",
        *b"RGN\0\0",
        *b"OCN\0\0",
        *b"SEA\0\0",
        *b"GULF\0",
        *b"STM\0\0",
        *b"DSRT\0",
        *b"MTS\0\0",
    ];
    let code = p.feature_code.to_bytes();
    p.is_country() || p.is_admin1() || AREAL.contains(&code)
}

/// Does `child` lie in `parent` (a country, admin-1 or admin-2 unit)?
fn lies_in(child: &Place<'_>, parent: &Place<'_>) -> bool {
    if child.index == parent.index || parent.country_code.is_none() {
        return false;
    }
    if child.country_code != parent.country_code {
        return false;
    }
    if parent.is_country() {
        return true;
    }
    if parent.is_admin1() {
        return child.admin1_key == parent.admin1_key;
    }
    if parent.is_admin2() {
        return child.admin1_key == parent.admin1_key && child.admin2_code == parent.admin2_code;
    }
    false
}

/// The kind of place a lower-case word after a name describes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Descriptor {
    /// "province", "state", "region", "district", "county", ...: an administrative unit.
    Division,
    /// "city", "town", "village": a populated place.
    Settlement,
    /// A name that ends in "Sea", "Ocean", "Strait" or "Channel" and no word of division
    /// follows: the water ("sank in the Red Sea"), not the unit named after it (Egypt's Red
    /// Sea governorate).
    Water,
}

impl Descriptor {
    fn of(doc: &Document<'_>, m: &Mention<'_>) -> Option<Self> {
        let after = Self::after(doc, m);
        if after.is_some() {
            return after;
        }
        let last = m
            .end_token
            .checked_sub(1)
            .and_then(|i| doc.tokens().get(i))?;
        matches!(
            doc.token_text(last),
            "Sea" | "Ocean" | "Strait" | "Straits" | "Channel"
        )
        .then_some(Self::Water)
    }

    fn after(doc: &Document<'_>, m: &Mention<'_>) -> Option<Self> {
        let next = doc.tokens().get(m.end_token)?;
        if next.gap != Gap::Space {
            return None;
        }
        match doc.token_text(next) {
            "province" | "state" | "region" | "governorate" | "prefecture" | "oblast"
            | "district" | "county" | "parish" | "municipality" | "department" => {
                Some(Self::Division)
            }
            "city" | "town" | "village" => Some(Self::Settlement),
            _ => None,
        }
    }

    fn fits(self, p: &Place<'_>) -> bool {
        let code = p.feature_code.to_bytes();
        match self {
            Self::Division => code.starts_with(b"ADM"),
            Self::Settlement => code.starts_with(b"PPL"),
            Self::Water => p.feature_class == Some(FeatureClass::H),
        }
    }
}

/// What the words around mention `i` say about it.
#[derive(Clone, Debug, Default)]
struct MentionCues {
    parent: Option<ParentCue>,
    /// The cue of the mention before, when this mention is its parent: in "Atlanta, Georgia"
    /// Georgia is the unit that holds the Atlanta chosen.
    child: Option<ParentCue>,
    descriptor: Option<Descriptor>,
    /// The list the mention is in, as the range of its members' mention indices (itself
    /// included).
    list: Option<std::ops::Range<usize>>,
    /// Places the article names with a longer name that extends this one ("Mexico City"
    /// for "Mexico"), by their place index.
    named_longer: Vec<PlaceIndex>,
}

/// How mention `i` relates to the mention after it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ParentCue {
    /// "X, Y".
    Comma(usize),
    /// "X in Y".
    In(usize),
}

fn mention_cues(
    doc: &Document<'_>,
    mentions: &[Mention<'_>],
    names: &[String],
) -> Vec<MentionCues> {
    let parents = parent_cues(doc, mentions);
    let mut children: Vec<Option<ParentCue>> = vec![None; mentions.len()];
    for (i, cue) in parents.iter().enumerate() {
        let (j, child) = match *cue {
            Some(ParentCue::Comma(j)) => (j, ParentCue::Comma(i)),
            Some(ParentCue::In(j)) => (j, ParentCue::In(i)),
            None => continue,
        };
        if let Some(slot) = children.get_mut(j) {
            *slot = Some(child);
        }
    }
    let lists = list_members(doc, mentions);
    // The places each longer name stands for by its own name: "Mexico City" → Mexico City.
    let mut longer: Vec<(&str, PlaceIndex)> = Vec::new();
    for (m, name) in mentions.iter().zip(names) {
        if name.contains(' ') {
            for c in m
                .candidates
                .iter()
                .filter(|c| c.match_kind == MatchKind::Exact)
            {
                longer.push((name, c.place.index));
            }
        }
    }
    longer.sort_unstable();
    longer.dedup();
    mentions
        .iter()
        .zip(parents)
        .zip(children)
        .zip(names)
        .zip(lists)
        .map(|((((m, parent), child), name), list)| MentionCues {
            parent,
            child,
            descriptor: Descriptor::of(doc, m),
            list,
            named_longer: longer
                .iter()
                .filter(|(l, _)| {
                    l.strip_prefix(name.as_str())
                        .is_some_and(|rest| rest.starts_with(' '))
                })
                .map(|(_, p)| *p)
                .collect(),
        })
        .collect()
}

/// The fewest names a list of names joined by commas must have: two names and a comma are a
/// place and its parent ("Atlanta, Georgia"), not a list.
const LIST_MIN_COMMA_MEMBERS: usize = 3;

/// For each mention, the list it is in, as the range of its members: names joined by
/// commas, "and" or "or" with nothing else between ("Arizona, California, Georgia and Utah";
/// "Texas and Georgia"). A run joined only by commas needs [`LIST_MIN_COMMA_MEMBERS`] names.
fn list_members(
    doc: &Document<'_>,
    mentions: &[Mention<'_>],
) -> Vec<Option<std::ops::Range<usize>>> {
    let tokens = doc.tokens();
    // How mention `b` joins the mention before it, `a`: by a comma (optionally followed by
    // "and"/"or"), by "and"/"or" alone, or not at all.
    let joined = |a: &Mention<'_>, b: &Mention<'_>| -> Option<bool> {
        let conjunction = |k: usize| {
            tokens.get(k).is_some_and(|t| {
                matches!(t.gap, Gap::Space | Gap::Comma)
                    && matches!(doc.token_text(t), "and" | "or")
            })
        };
        let first = tokens.get(b.first_token)?;
        if b.first_token == a.end_token {
            return (first.gap == Gap::Comma).then_some(false);
        }
        (b.first_token == a.end_token + 1 && first.gap == Gap::Space && conjunction(a.end_token))
            .then_some(true)
    };
    let mut out = vec![None; mentions.len()];
    let mut start = 0;
    while start < mentions.len() {
        let mut end = start + 1;
        let mut conjunction = false;
        while let (Some(a), Some(b)) = (mentions.get(end - 1), mentions.get(end)) {
            match joined(a, b) {
                Some(c) => {
                    conjunction |= c;
                    end += 1;
                }
                None => break,
            }
        }
        let members = end - start;
        if members >= LIST_MIN_COMMA_MEMBERS || (members == 2 && conjunction) {
            for slot in out.iter_mut().take(end).skip(start) {
                *slot = Some(start..end);
            }
        }
        start = end;
    }
    out
}

fn parent_cues(doc: &Document<'_>, mentions: &[Mention<'_>]) -> Vec<Option<ParentCue>> {
    let tokens = doc.tokens();
    let directly_after = |a: &Mention<'_>, b: &Mention<'_>, gap: Gap| {
        b.first_token == a.end_token && tokens.get(b.first_token).is_some_and(|t| t.gap == gap)
    };
    let top_is_country =
        |m: &Mention<'_>| m.candidates.first().is_some_and(|c| c.place.is_country());
    mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let next = mentions.get(i + 1)?;
            if directly_after(m, next, Gap::Comma) {
                // "Iraq, Iran, Lebanon": a list, not a place and its parent. So is a pair of
                // countries ("Syria, Iraq"), but not a place whose best prior is a country
                // and its parent ("Norfolk, England", where Norfolk Island leads).
                let list = mentions
                    .get(i + 2)
                    .is_some_and(|third| directly_after(next, third, Gap::Comma))
                    || i.checked_sub(1)
                        .and_then(|p| mentions.get(p))
                        .is_some_and(|prev| directly_after(prev, m, Gap::Comma));
                if list || (top_is_country(m) && top_is_country(next)) {
                    return None;
                }
                return Some(ParentCue::Comma(i + 1));
            }
            // "Kingsport TN", "Fargo ND": a state's code right after a town, as posts write
            // it without the comma (the recognizer takes such a code only after a town of
            // the state).
            if directly_after(m, next, Gap::Space)
                && m.kind == MentionKind::Name
                && next.kind == MentionKind::Abbreviation
                && next.candidates.iter().all(|c| c.place.is_admin1())
                && !next.candidates.is_empty()
            {
                return Some(ParentCue::Comma(i + 1));
            }
            let first_next = tokens.get(next.first_token)?;
            // "Ras al-Ayn in Syria", also with a compass word between: "in northeastern Syria",
            // "in north-eastern Syria".
            let compass = (m.end_token + 2..=m.end_token + 3).contains(&next.first_token) && {
                let word: String = (m.end_token + 1..next.first_token)
                    .filter_map(|k| tokens.get(k))
                    .map(|t| doc.token_text(t))
                    .collect();
                let joined = (m.end_token + 2..next.first_token)
                    .all(|k| tokens.get(k).is_some_and(|t| t.gap == Gap::Hyphen));
                joined && crate::gazetteer::is_compass_word(&word)
            };
            if (next.first_token == m.end_token + 1 || compass) && !top_is_country(m) {
                let between = tokens.get(m.end_token)?;
                if doc.token_text(between).eq_ignore_ascii_case("in")
                    && between.gap == Gap::Space
                    && first_next.gap == Gap::Space
                {
                    return Some(ParentCue::In(i + 1));
                }
            }
            None
        })
        .collect()
}

/// Resolves every mention of one document. Cost: O(passes × candidates × log mentions).
pub fn resolve<'g>(
    doc: &Document<'_>,
    mentions: &[Mention<'g>],
    options: &ResolveOptions,
) -> Vec<Resolution<'g>> {
    let names: Vec<String> = mentions
        .iter()
        .map(|m| fold::fold(doc.span_text(&m.span)))
        .collect();
    let cues = mention_cues(doc, mentions, &names);
    let ids = NameIds::of(&names);
    // Start: each mention's best prior.
    let mut choice: Vec<Option<usize>> = mentions
        .iter()
        .map(|m| (!m.candidates.is_empty()).then_some(0))
        .collect();
    let mut scores = Rows::default();
    if options.prior_only {
        scores = prior_scores(mentions);
    } else {
        // Each candidate's unit vector, computed once: the trigonometry is a large part of
        // resolution's cost. A later mention of a name with the same candidates shares them.
        let mut first_of_name: Vec<Option<usize>> = vec![None; ids.count];
        let mut vectors = Rows::with_capacity(mentions.len());
        for (i, m) in mentions.iter().enumerate() {
            let first = first_of_name.get_mut(ids.get(i));
            let earlier = first.as_ref().and_then(|f| **f).filter(|&f| {
                mentions
                    .get(f)
                    .is_some_and(|e| same_candidates(&e.candidates, &m.candidates))
            });
            if let Some(f @ None) = first {
                *f = Some(i);
            }
            match earlier {
                Some(f) => vectors.share(f),
                None => vectors.push(m.candidates.iter().map(|c| c.unit).collect()),
            }
        }
        let joint = joint_support(mentions, &ids, &vectors, JOINT_SCAN_POINTS);
        let county = county_links(mentions, &names, &ids);
        let facts = Facts {
            mentions,
            cues: &cues,
            ids: &ids,
            vectors: &vectors,
            joint: &joint,
            county: &county,
            options,
        };
        for _ in 0..PASSES {
            scores = score_all(&facts, &choice);
            let next = one_sense_per_name(mentions, &scores, &ids);
            // Scores depend on the choices alone: a pass that changes no choice would be
            // repeated exactly by every later pass.
            let settled = next == choice;
            choice = next;
            if settled {
                break;
            }
        }
    }
    // Mentions that share their scores and their choice share their confidence.
    let mut confidences: Vec<Option<(usize, f64)>> = vec![None; scores.rows.len()];
    mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let Some(c) = choice.get(i).copied().flatten() else {
                return Resolution {
                    place: None,
                    confidence: 0.0,
                    evidence: None,
                };
            };
            let row = scores.row(i);
            let evidence = row.get(c).copied();
            let cached = confidences.get_mut(scores.row_index(i));
            let confidence = match cached {
                Some(Some((chosen, share))) if *chosen == c => *share,
                Some(slot) => {
                    let share = softmax_share(row, c);
                    *slot = Some((c, share));
                    share
                }
                None => softmax_share(row, c),
            };
            Resolution {
                place: m.candidates.get(c).map(|x| x.place),
                confidence,
                evidence,
            }
        })
        .collect()
}

/// Scores from the prior alone (the population baseline).
/// Each mention's name as a number: the rank of its folded name among the document's distinct
/// names, so that tables per name are vectors and walking them in id order is walking the
/// names in alphabetical order (what keeps sums and ties independent of mention order).
struct NameIds {
    /// Per mention.
    of_mention: Vec<usize>,
    /// Distinct names.
    count: usize,
}

impl NameIds {
    fn of(names: &[String]) -> NameIds {
        let mut distinct: Vec<&str> = names.iter().map(String::as_str).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let of_mention = names
            .iter()
            .map(|n| distinct.binary_search(&n.as_str()).unwrap_or(0))
            .collect();
        NameIds {
            of_mention,
            count: distinct.len(),
        }
    }

    /// The name id of mention `i`.
    fn get(&self, i: usize) -> usize {
        self.of_mention.get(i).copied().unwrap_or(0)
    }
}

/// A table with one row per mention, in which mentions that would get equal rows (later
/// mentions of a name with the same candidates, scored alike) share one instead of holding
/// copies: a common name may have two hundred candidates and a dozen mentions.
struct Rows<T> {
    rows: Vec<Vec<T>>,
    /// Per mention: its row in `rows`.
    row_of: Vec<usize>,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows {
            rows: Vec::new(),
            row_of: Vec::new(),
        }
    }
}

impl<T> Rows<T> {
    fn with_capacity(mentions: usize) -> Rows<T> {
        Rows {
            rows: Vec::with_capacity(mentions),
            row_of: Vec::with_capacity(mentions),
        }
    }

    /// Gives the next mention a row of its own.
    fn push(&mut self, row: Vec<T>) {
        self.row_of.push(self.rows.len());
        self.rows.push(row);
    }

    /// Gives the next mention the row of the earlier mention `i`.
    fn share(&mut self, i: usize) {
        let row = self.row_index(i);
        self.row_of.push(row);
    }

    /// Where mention `i`'s row is in `rows`.
    fn row_index(&self, i: usize) -> usize {
        self.row_of.get(i).copied().unwrap_or(usize::MAX)
    }

    /// Mention `i`'s row (empty for a mention the table does not have).
    fn row(&self, i: usize) -> &[T] {
        self.rows.get(self.row_index(i)).map_or(&[], Vec::as_slice)
    }
}

fn prior_scores(mentions: &[Mention<'_>]) -> Rows<Evidence> {
    let mut rows = Rows::with_capacity(mentions.len());
    for m in mentions {
        rows.push(
            m.candidates
                .iter()
                .map(|c| Evidence {
                    prior: W_PRIOR * c.score,
                    country: 0.0,
                    admin1: 0.0,
                    parent: 0.0,
                    descriptor: 0.0,
                    list: 0.0,
                    longer_name: 0.0,
                    spatial: 0.0,
                    joint: 0.0,
                    county: 0.0,
                    bias: 0.0,
                })
                .collect(),
        );
    }
    rows
}

fn softmax_share(scores: &[Evidence], chosen: usize) -> f64 {
    // Totals are recomputed rather than collected: the same sums, and no allocation.
    let max = scores
        .iter()
        .map(Evidence::total)
        .fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = scores
        .iter()
        .map(|e| ((e.total() - max) / CONFIDENCE_TEMPERATURE).exp())
        .sum();
    let mine = scores
        .get(chosen)
        .map(|e| ((e.total() - max) / CONFIDENCE_TEMPERATURE).exp())
        .unwrap_or(0.0);
    if sum > 0.0 { mine / sum } else { 0.0 }
}

/// The document context the current choices give.
struct Context {
    /// Per distinct name with a choice, in name order: the country and admin-1 unit of its
    /// chosen place (all that scoring reads of it: copying whole places was a measurable
    /// share of resolution).
    chosen: Vec<(CountryCode, Admin1Key)>,
    /// Per name id: its index in `chosen`.
    slot_of: Vec<Option<usize>>,
    /// How many distinct names chose a place in each country.
    countries: foldhash::HashMap<CountryCode, usize>,
    /// How many distinct names chose a place in each admin-1 unit.
    admin1s: foldhash::HashMap<Admin1Key, usize>,
    /// Chosen points of non-areal places (unit vector, index in `chosen`), for spatial
    /// nearness: scanned when few, through an R-tree when many.
    points: Vec<([f64; 3], usize)>,
    tree: Option<RTree<GeomWithData<[f64; 3], usize>>>,
}

/// Up to this many chosen points, a linear scan finds the nearest faster than the R-tree
/// (news articles have tens; a 1 MiB part of a huge text may have thousands).
const SCAN_POINTS: usize = 64;

fn context(
    mentions: &[Mention<'_>],
    choice: &[Option<usize>],
    ids: &NameIds,
    vectors: &Rows<[f64; 3]>,
) -> Context {
    // Per name id: the choice of its first mention that has one.
    let mut seen: Vec<Option<(&Place<'_>, [f64; 3])>> = vec![None; ids.count];
    for (i, m) in mentions.iter().enumerate() {
        let Some(c) = choice.get(i).copied().flatten() else {
            continue;
        };
        let vector = vectors.row(i).get(c);
        if let (Some(slot @ None), Some(cand), Some(v)) =
            (seen.get_mut(ids.get(i)), m.candidates.get(c), vector)
        {
            *slot = Some((&cand.place, *v));
        }
    }
    // Sized for every name at once: grown a step at a time, the tables were rebuilt several
    // times per pass.
    let names = seen.iter().flatten().count();
    let mut slot_of = vec![None; ids.count];
    let mut chosen = Vec::with_capacity(names);
    let mut points: Vec<([f64; 3], usize)> = Vec::with_capacity(names);
    let mut countries =
        foldhash::HashMap::with_capacity_and_hasher(names, foldhash::fast::RandomState::default());
    let mut admin1s =
        foldhash::HashMap::with_capacity_and_hasher(names, foldhash::fast::RandomState::default());
    for (id, entry) in seen.iter().enumerate() {
        let Some((p, v)) = entry else { continue };
        if let Some(slot) = slot_of.get_mut(id) {
            *slot = Some(chosen.len());
        }
        if !is_areal(p) {
            points.push((*v, chosen.len()));
        }
        chosen.push((p.country_code, p.admin1_key));
        if !p.country_code.is_none() {
            *countries.entry(p.country_code).or_insert(0) += 1;
            if !p.admin1_code.is_empty() {
                *admin1s.entry(p.admin1_key).or_insert(0) += 1;
            }
        }
    }
    let tree = (points.len() > SCAN_POINTS).then(|| {
        RTree::bulk_load(
            points
                .iter()
                .map(|&(v, k)| GeomWithData::new(v, k))
                .collect(),
        )
    });
    Context {
        chosen,
        slot_of,
        countries,
        admin1s,
        points,
        tree,
    }
}

/// What scoring knows of a document that no pass changes.
struct Facts<'f, 'g> {
    mentions: &'f [Mention<'g>],
    cues: &'f [MentionCues],
    /// Each mention's name id.
    ids: &'f NameIds,
    /// Each candidate's unit vector, per mention.
    vectors: &'f Rows<[f64; 3]>,
    /// Joint support, per mention and candidate.
    joint: &'f Rows<f64>,
    /// County containment bonuses, per name id: the places that have one.
    county: &'f CountyLinks,
    options: &'f ResolveOptions,
}

fn score_all(facts: &Facts<'_, '_>, choice: &[Option<usize>]) -> Rows<Evidence> {
    let Facts {
        mentions,
        cues,
        ids,
        vectors,
        ..
    } = *facts;
    let ctx = context(mentions, choice, ids, vectors);
    let lists = list_tallies(mentions, cues, choice);
    // A later mention of a name with the same candidates and no parent cue of its own scores
    // exactly as the first such mention did: its evidence is copied, not recomputed (news
    // repeats its names; about one mention in three on the dev corpora). In a list, the first
    // such mention in the same list: the list's part is the same for both.
    let mut first_plain: Vec<Option<usize>> = vec![None; ids.count];
    let mut first_in_list: foldhash::HashMap<(usize, usize), usize> = Default::default();
    let mut out = Rows::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let id = ids.get(i);
        let cue = cues.get(i);
        if cue.is_none_or(|c| c.parent.is_none() && c.child.is_none()) {
            let list = cue.and_then(|c| c.list.as_ref()).map(|r| r.start);
            let first = match list {
                None => first_plain.get(id).copied().flatten(),
                Some(start) => first_in_list.get(&(id, start)).copied(),
            };
            match first {
                Some(f) => {
                    let same = mentions.get(f).is_some_and(|first| {
                        same_candidates(&first.candidates, &m.candidates)
                            && first.kind == m.kind
                            && cues.get(f).map(|c| c.descriptor) == cue.map(|c| c.descriptor)
                    });
                    if same {
                        out.share(f);
                        continue;
                    }
                }
                None => match list {
                    None => {
                        if let Some(slot) = first_plain.get_mut(id) {
                            *slot = Some(i);
                        }
                    }
                    Some(start) => {
                        first_in_list.insert((id, start), i);
                    }
                },
            }
        }
        out.push(score_mention(facts, &ctx, &lists, choice, i, id));
    }
    out
}

/// Same candidates in the same order with the same priors.
fn same_candidates(a: &[Candidate<'_>], b: &[Candidate<'_>]) -> bool {
    // Mentions of a name written alike share one list.
    std::ptr::eq(a, b)
        || (a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| x.place.index == y.place.index && x.score == y.score))
}

/// The evidence for each candidate of mention `i` (name `id`) in the context of the
/// current choices.
fn score_mention(
    facts: &Facts<'_, '_>,
    ctx: &Context,
    lists: &[ListTally],
    choice: &[Option<usize>],
    i: usize,
    id: usize,
) -> Vec<Evidence> {
    let Facts {
        mentions,
        cues,
        vectors,
        joint,
        county,
        options,
        ..
    } = *facts;
    let Some(m) = mentions.get(i) else {
        return Vec::new();
    };
    // Counts over the other names' choices: all names, less this name's own choice.
    let own_slot = ctx.slot_of.get(id).copied().flatten();
    let own = own_slot.and_then(|k| ctx.chosen.get(k));
    let total = (ctx.chosen.len() - usize::from(own.is_some())).max(1) as f64;
    let descriptor = cues.get(i).and_then(|c| c.descriptor);
    let named_longer = cues.get(i).map_or(&[][..], |c| &c.named_longer[..]);
    // The levels of the list's members' current choices, and this mention's own, which is
    // not counted for itself.
    let list = cues
        .get(i)
        .and_then(|c| c.list.as_ref())
        .and_then(|r| lists.binary_search_by_key(&r.start, |t| t.start).ok())
        .and_then(|k| lists.get(k));
    let county_row = county.get(id).map_or(&[][..], Vec::as_slice);
    let own_level = choice
        .get(i)
        .copied()
        .flatten()
        .and_then(|c| m.candidates.get(c))
        .map(|c| (Level::of(&c.place), c.place.country_code));
    // The place chosen for the other mention of a cue, and the cue's bonus.
    let other_end = |cue: ParentCue| {
        let (j, bonus) = match cue {
            ParentCue::Comma(j) => (j, PARENT_COMMA_BONUS),
            ParentCue::In(j) => (j, PARENT_IN_BONUS),
        };
        let c = choice.get(j).copied().flatten()?;
        let place = mentions.get(j)?.candidates.get(c)?.place;
        Some((place, bonus))
    };
    let parent = cues.get(i).and_then(|c| c.parent).and_then(other_end);
    let child = cues.get(i).and_then(|c| c.child).and_then(other_end);
    let mut evidence: Vec<Evidence> = m
        .candidates
        .iter()
        .enumerate()
        .map(|(k, cand)| {
            let p = &cand.place;
            let (same_country, same_admin1) = if p.country_code.is_none() {
                (0.0, 0.0)
            } else {
                let own_country = own.is_some_and(|&(country, _)| country == p.country_code);
                // The key holds the country too.
                let own_admin1 = own.is_some_and(|&(_, admin1)| admin1 == p.admin1_key);
                let c = ctx.countries.get(&p.country_code).copied().unwrap_or(0);
                let a = if p.admin1_code.is_empty() {
                    0
                } else {
                    ctx.admin1s.get(&p.admin1_key).copied().unwrap_or(0)
                };
                (
                    c.saturating_sub(usize::from(own_country)) as f64,
                    a.saturating_sub(usize::from(own_admin1 && !p.admin1_code.is_empty())) as f64,
                )
            };
            // Measured: limiting nearness to the top 20 by prior cost WikToR 0.9 points
            // of Acc@161 (its places are small namesakes) and saved no time.
            let spatial =
                if is_areal(p) || m.kind == MentionKind::Demonym || m.candidates.len() == 1 {
                    0.0
                } else {
                    vectors
                        .row(i)
                        .get(k)
                        .and_then(|v| nearest_other_km(ctx, v, own_slot))
                        .map(|d| (-d / SPATIAL_SCALE_KM).exp())
                        .unwrap_or(0.0)
                };
            // A place that lies in the parent the text gives it, and a parent that holds the
            // place chosen before it.
            let parent_part = match parent {
                Some((q, bonus)) if lies_in(p, &q) => bonus,
                _ => 0.0,
            } + match child {
                Some((q, bonus)) if lies_in(&q, p) => bonus,
                _ => 0.0,
            };
            let level = Level::of(p);
            // Towns among towns prove little ("lived in Atlanta and Florida"); countries and
            // states among their like do.
            let list = match list {
                Some(t) if level != Level::Other => {
                    let own_alike = own_level.is_some_and(|(l, country)| {
                        l == level && (level != Level::Admin1 || country == p.country_code)
                    });
                    let others = t.chosen - usize::from(own_level.is_some());
                    let alike = t.alike(level, p.country_code) - usize::from(own_alike);
                    if others == 0 {
                        0.0
                    } else {
                        LIST_BONUS * alike as f64 / others as f64
                    }
                }
                _ => 0.0,
            };
            let bias = if options.bias_countries.contains(&p.country_code) {
                BIAS_BONUS
            } else {
                0.0
            };
            Evidence {
                prior: W_PRIOR * cand.score,
                country: W_COUNTRY * same_country / total,
                admin1: W_ADMIN1 * same_admin1 / total,
                parent: parent_part,
                descriptor: match descriptor {
                    Some(d) if d.fits(p) => DESCRIPTOR_BONUS,
                    _ => 0.0,
                },
                list,
                longer_name: if named_longer.contains(&p.index) {
                    -LONGER_NAME_PENALTY
                } else {
                    0.0
                },
                spatial: W_SPATIAL * spatial,
                joint: joint.row(i).get(k).copied().unwrap_or(0.0),
                county: county_row
                    .iter()
                    .find(|(place, _)| *place == p.index)
                    .map_or(0.0, |(_, v)| *v),
                bias,
            }
        })
        .collect::<Vec<Evidence>>();
    inherit_nearness(&m.candidates, &mut evidence);
    evidence
}

/// What one list's members have chosen in the current pass: counted once per list, so that a
/// long list costs time and memory in proportion to its length.
struct ListTally {
    /// The list's first mention, which identifies it.
    start: usize,
    /// Members with a choice.
    chosen: usize,
    /// Of them, countries.
    countries: usize,
    /// Of them, first-level units, per country.
    admin1s: Vec<(CountryCode, usize)>,
}

impl ListTally {
    /// Members whose choice is of `level` (and, for a first-level unit, in `country`).
    fn alike(&self, level: Level, country: CountryCode) -> usize {
        match level {
            Level::Country => self.countries,
            Level::Admin1 => self
                .admin1s
                .iter()
                .find(|(c, _)| *c == country)
                .map_or(0, |(_, n)| *n),
            Level::Other => 0,
        }
    }
}

/// The tallies of the document's lists, in the order of their first mentions.
fn list_tallies(
    mentions: &[Mention<'_>],
    cues: &[MentionCues],
    choice: &[Option<usize>],
) -> Vec<ListTally> {
    let mut out: Vec<ListTally> = Vec::new();
    for (i, cue) in cues.iter().enumerate() {
        let Some(range) = &cue.list else { continue };
        if range.start != i {
            continue;
        }
        let mut t = ListTally {
            start: i,
            chosen: 0,
            countries: 0,
            admin1s: Vec::new(),
        };
        for j in range.clone() {
            let Some(place) = choice
                .get(j)
                .copied()
                .flatten()
                .and_then(|c| mentions.get(j)?.candidates.get(c))
                .map(|c| &c.place)
            else {
                continue;
            };
            t.chosen += 1;
            match Level::of(place) {
                Level::Country => t.countries += 1,
                Level::Admin1 => match t.admin1s.iter_mut().find(|(c, _)| *c == place.country_code)
                {
                    Some((_, n)) => *n += 1,
                    None => t.admin1s.push((place.country_code, 1)),
                },
                Level::Other => {}
            }
        }
        out.push(t);
    }
    out
}

/// The level of a place, for lists of names: members of one list are of one level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    Country,
    Admin1,
    Other,
}

impl Level {
    fn of(p: &Place<'_>) -> Level {
        if p.is_country() {
            Level::Country
        } else if p.is_admin1() {
            Level::Admin1
        } else {
            Level::Other
        }
    }
}

/// A country or first-level region inherits the best nearness of its own name's candidates
/// that lie inside it. Nearness is only measured for points, so without this a capital
/// called by the country's name ("Mexico" for Mexico City) would win on nearness alone
/// whenever the article names other places in that country; with it, the prior decides
/// between the unit and the place inside it.
fn inherit_nearness(candidates: &[Candidate<'_>], evidence: &mut [Evidence]) {
    for (a, unit) in candidates.iter().enumerate() {
        if !(unit.place.is_country() || unit.place.is_admin1()) {
            continue;
        }
        let (spatial, joint) = candidates
            .iter()
            .zip(evidence.iter())
            .filter(|(inner, _)| lies_in(&inner.place, &unit.place))
            .fold((0.0f64, 0.0f64), |(s, j), (_, e)| {
                (s.max(e.spatial), j.max(e.joint))
            });
        if let Some(e) = evidence.get_mut(a) {
            e.spatial = e.spatial.max(spatial);
            e.joint = e.joint.max(joint);
        }
    }
}

/// Per mention and candidate: how well the other names' candidates, each weighted by how
/// plausible it is for its own name, agree with this one in space. Unlike `spatial`, this
/// does not depend on the current choices, so two small namesakes that belong together
/// ("Mansfield" and "DeSoto Parish" in Louisiana) find each other even when both start at
/// a larger namesake elsewhere (Mansfield and DeSoto in Texas). Computed once per document;
/// zero for a mention with a single candidate, where there is nothing to choose.
fn joint_support(
    mentions: &[Mention<'_>],
    ids: &NameIds,
    vectors: &Rows<[f64; 3]>,
    scan_points: usize,
) -> Rows<f64> {
    // Distinct names (demonyms aside: they name countries), each with its first mention, in
    // name order; `slot` gives a name id's place in `first`.
    let mut first_of: Vec<Option<usize>> = vec![None; ids.count];
    for (i, m) in mentions.iter().enumerate() {
        if !m.candidates.is_empty() && m.kind != MentionKind::Demonym {
            if let Some(f @ None) = first_of.get_mut(ids.get(i)) {
                *f = Some(i);
            }
        }
    }
    let mut slot: Vec<Option<usize>> = vec![None; ids.count];
    let mut first: Vec<usize> = Vec::new();
    for (id, f) in first_of.iter().enumerate() {
        if let (Some(i), Some(s)) = (f, slot.get_mut(id)) {
            *s = Some(first.len());
            first.push(*i);
        }
    }
    // With one name there is nothing to be near: every mention shares one empty row (read
    // as zeros).
    if first.len() < 2 {
        let mut none = Rows::with_capacity(mentions.len());
        none.push(Vec::new());
        for _ in 1..mentions.len() {
            none.share(0);
        }
        return none;
    }
    // Every point-like candidate of every name: (unit vector, name, plausibility), and for
    // each name the index of each candidate's point.
    let mut points: Vec<([f64; 3], usize, f64)> = Vec::with_capacity(
        first
            .iter()
            .filter_map(|&i| mentions.get(i))
            .map(|m| m.candidates.len())
            .sum(),
    );
    let mut point_of: Vec<Vec<Option<usize>>> = Vec::with_capacity(first.len());
    for (b, &i) in first.iter().enumerate() {
        let cands = &mentions[i].candidates;
        let own_vectors = vectors.row(i);
        let best = cands
            .iter()
            .map(|c| c.score)
            .fold(f64::NEG_INFINITY, f64::max);
        let mut own = Vec::with_capacity(cands.len());
        for (c, v) in cands.iter().zip(own_vectors) {
            if is_areal(&c.place) {
                own.push(None);
                continue;
            }
            own.push(Some(points.len()));
            // 1 for the name's most prominent candidate, 1/e per unit of prior below it.
            let plausibility = (c.score - best).exp();
            points.push((*v, b, plausibility));
        }
        point_of.push(own);
    }
    let tree = (points.len() > scan_points).then(|| {
        RTree::bulk_load(
            points
                .iter()
                .enumerate()
                .map(|(k, p)| GeomWithData::new(p.0, k))
                .collect(),
        )
    });
    // Without a tree, the points sorted by their first coordinate, for a window scan.
    let mut by_x: Vec<(f64, usize)> = if tree.is_none() {
        points
            .iter()
            .enumerate()
            .map(|(k, p)| (p.0[0], k))
            .collect()
    } else {
        Vec::new()
    };
    by_x.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    // Dividing by the square root of the number of other names keeps one link worth
    // something in a long article without letting many weak links outvote the prior.
    let norm = W_JOINT / (first.len().saturating_sub(1).max(1) as f64).sqrt();
    let reach = joint_reach();
    let reach_2 = reach * reach;
    let mut links: Vec<(usize, f64)> = Vec::new();
    let mut support = |v: [f64; 3], own: usize| -> f64 {
        links.clear();
        let mut link = |other: usize| {
            let (w, b, plausibility) = points[other];
            let d2 = chord_2(&v, &w);
            if b == own || d2 > reach_2 {
                return;
            }
            let strength = link_decay(d2) * plausibility;
            match links.iter_mut().find(|(name, _)| *name == b) {
                Some((_, s)) => *s = s.max(strength),
                None => links.push((b, strength)),
            }
        };
        match &tree {
            Some(tree) => tree
                .locate_within_distance(v, reach_2)
                .for_each(|n| link(n.data)),
            None => {
                // Only points whose first coordinate is within reach can be within reach.
                let lo = by_x.partition_point(|&(x, _)| x < v[0] - reach);
                by_x.get(lo..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|&&(x, _)| x <= v[0] + reach)
                    .for_each(|&(_, k)| link(k));
            }
        }
        // The best link to each other name, summed over names in name order (the same sum
        // whatever order the points were met in).
        links.sort_unstable_by_key(|&(name, _)| name);
        norm * links.iter().fold(0.0, |sum, (_, s)| sum + s)
    };
    // Without a tree, the support of every point is found in one pass over the pairs.
    let by_point = tree.is_none().then(|| {
        let chooses: Vec<bool> = first
            .iter()
            .map(|&i| mentions[i].candidates.len() >= 2)
            .collect();
        pairwise_support(&points, &by_x, &chooses, norm)
    });
    // A row per name, per candidate of its first mention; none (zeros) for a name with one
    // candidate, where there is nothing to choose. A mention shares its name's row when it
    // has the same candidates as the name's first mention (nearly always), and the empty
    // row when its name has none.
    let mut joint = Rows::with_capacity(mentions.len());
    let mut name_rows: Vec<Option<usize>> = vec![None; first.len()];
    for (b, (&i, own)) in first.iter().zip(&point_of).enumerate() {
        if mentions[i].candidates.len() < 2 {
            continue;
        }
        name_rows[b] = Some(joint.rows.len());
        joint.rows.push(
            own.iter()
                .map(|k| {
                    k.map_or(0.0, |k| match &by_point {
                        Some(values) => values[k],
                        None => support(points[k].0, points[k].1),
                    })
                })
                .collect(),
        );
    }
    let empty = joint.rows.len();
    joint.rows.push(Vec::new());
    for (i, m) in mentions.iter().enumerate() {
        let Some(b) = slot
            .get(ids.get(i))
            .copied()
            .flatten()
            .filter(|_| m.candidates.len() > 1)
        else {
            joint.row_of.push(empty);
            continue;
        };
        let first_cands = &mentions[first[b]].candidates;
        if let Some(r) = name_rows[b].filter(|_| same_places(first_cands, &m.candidates)) {
            joint.row_of.push(r);
            continue;
        }
        // Mentions of one name nearly always share their first mention's candidates in the
        // same order; when not, the values that differ are computed here.
        let by_name = name_rows[b].map_or(&[][..], |r| joint.rows[r].as_slice());
        let own_vectors = vectors.row(i);
        let row = m
            .candidates
            .iter()
            .enumerate()
            .map(|(c, cand)| {
                let shared = first_cands
                    .get(c)
                    .is_some_and(|f| f.place.index == cand.place.index);
                if let Some(value) = by_name.get(c).filter(|_| shared) {
                    *value
                } else if is_areal(&cand.place) {
                    0.0
                } else {
                    support(own_vectors[c], b)
                }
            })
            .collect();
        joint.row_of.push(joint.rows.len());
        joint.rows.push(row);
    }
    joint
}

/// County containment bonuses: per name id, the places that have one (few or none).
type CountyLinks = Vec<Vec<(PlaceIndex, f64)>>;

/// A county that a name of the article may be.
struct CountyName<'a> {
    /// The name's id.
    name: usize,
    /// The name, folded.
    text: &'a str,
    /// How plausible the county is for the name.
    plausibility: f64,
    county: PlaceIndex,
}

/// For each name's candidates, the county bonus: a candidate lying in an admin-2 unit that is
/// a candidate of another name gets `COUNTY_BONUS` times that unit's plausibility for its
/// name, and the unit gets it times the candidate's plausibility (the best pair counts).
/// Like joint support, this reads every candidate, not the current choices, so a county and
/// a town of it are found together even when both start at larger namesakes elsewhere.
/// Counties a name can only be by a stretch (a bare "Houston" for Houston County, far below
/// the city in prior) link nothing, and neither does a county with the name of a shorter
/// mention ("Platte" beside "Platte County" is the county, not Platte City inside it).
fn county_links(mentions: &[Mention<'_>], names: &[String], ids: &NameIds) -> CountyLinks {
    let mut links: CountyLinks = vec![Vec::new(); ids.count];
    // Each name once (its folded text and candidates), by its first mention with candidates;
    // demonyms name countries.
    let mut seen = vec![false; ids.count];
    let mut distinct: Vec<(usize, &str, &[Candidate<'_>])> = Vec::new();
    for (i, (m, name)) in mentions.iter().zip(names).enumerate() {
        let id = ids.get(i);
        if m.candidates.is_empty() || m.kind == MentionKind::Demonym {
            continue;
        }
        if let Some(s @ false) = seen.get_mut(id) {
            *s = true;
            distinct.push((id, name, &m.candidates));
        }
    }
    // Each name's best prior: a candidate's plausibility is 1 for its name's most prominent
    // candidate, 1/e per unit of prior below it.
    let best: Vec<f64> = distinct
        .iter()
        .map(|(_, _, cands)| {
            cands
                .iter()
                .map(|c| c.score)
                .fold(f64::NEG_INFINITY, f64::max)
        })
        .collect();
    // The counties names may well be, by their unit key.
    let mut counties: foldhash::HashMap<(Admin1Key, &str), Vec<CountyName<'_>>> =
        Default::default();
    for (&(id, name, cands), best) in distinct.iter().zip(&best) {
        for c in cands.iter().filter(|c| c.place.is_admin2()) {
            let p = &c.place;
            let plausibility = (c.score - best).exp();
            if plausibility >= MIN_COUNTY_PLAUSIBILITY
                && !p.admin1_code.is_empty()
                && !p.admin2_code.is_empty()
            {
                counties
                    .entry((p.admin1_key, p.admin2_code))
                    .or_default()
                    .push(CountyName {
                        name: id,
                        text: name,
                        plausibility,
                        county: p.index,
                    });
            }
        }
    }
    if counties.is_empty() {
        return links;
    }
    let mut raise = |(name, place): (usize, PlaceIndex), value: f64| {
        let Some(row) = links.get_mut(name) else {
            return;
        };
        match row.iter_mut().find(|(p, _)| *p == place) {
            Some((_, v)) => *v = v.max(value),
            None => row.push((place, value)),
        }
    };
    for (&(id, name, cands), best) in distinct.iter().zip(&best) {
        for c in cands {
            let p = &c.place;
            if p.admin2_code.is_empty() || p.is_admin2() || p.is_admin1() || p.is_country() {
                continue;
            }
            let Some(holders) = counties.get(&(p.admin1_key, p.admin2_code)) else {
                continue;
            };
            let own = (c.score - best).exp();
            for holder in holders {
                let shorter_form = holder
                    .text
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with(' '));
                if holder.name != id && !shorter_form {
                    raise((id, p.index), COUNTY_BONUS * holder.plausibility);
                    raise((holder.name, holder.county), COUNTY_BONUS * own);
                }
            }
        }
    }
    links
}

/// Joint support of every point (unit vector, name, plausibility) whose name has a choice
/// to make (`chooses`, per name), from one pass over the pairs of points within reach in
/// `by_x` (the points in order of their first coordinate): each pair's distance and decay
/// are computed once and serve both ends. The same values as `joint_support`'s `support`.
fn pairwise_support(
    points: &[([f64; 3], usize, f64)],
    by_x: &[(f64, usize)],
    chooses: &[bool],
    norm: f64,
) -> Vec<f64> {
    let reach = joint_reach();
    let reach_2 = reach * reach;
    let names = chooses.len();
    // A row of `best` for each point whose name chooses: its strongest link to each name.
    const NO_ROW: usize = usize::MAX;
    let mut rows = 0;
    let row_of: Vec<usize> = points
        .iter()
        .map(|p| {
            if chooses.get(p.1).copied().unwrap_or(false) {
                rows += 1;
                rows - 1
            } else {
                NO_ROW
            }
        })
        .collect();
    let mut best = vec![0.0f64; rows * names];
    let mut link = |row: usize, name: usize, strength: f64| {
        if row != NO_ROW {
            if let Some(s) = best.get_mut(row * names + name) {
                *s = s.max(strength);
            }
        }
    };
    for (a, &(xa, ka)) in by_x.iter().enumerate() {
        let (va, name_a, plausibility_a) = points[ka];
        for &(xb, kb) in by_x.get(a + 1..).unwrap_or(&[]) {
            if xb > xa + reach {
                break;
            }
            let (vb, name_b, plausibility_b) = points[kb];
            let (row_a, row_b) = (row_of[ka], row_of[kb]);
            if name_a == name_b || (row_a == NO_ROW && row_b == NO_ROW) {
                continue;
            }
            let d2 = chord_2(&va, &vb);
            if d2 > reach_2 {
                continue;
            }
            let decay = link_decay(d2);
            link(row_a, name_b, decay * plausibility_b);
            link(row_b, name_a, decay * plausibility_a);
        }
    }
    // Summed over names in name order, as `support` sums them.
    row_of
        .iter()
        .map(|&row| {
            if row == NO_ROW {
                return 0.0;
            }
            let links = best.get(row * names..(row + 1) * names).unwrap_or(&[]);
            norm * links.iter().fold(0.0, |sum, s| sum + s)
        })
        .collect()
}

/// How far joint support looks, as a chord between unit vectors: beyond four scale lengths
/// a link is worth under 2% of a close one.
fn joint_reach() -> f64 {
    chord_of_km(4.0 * JOINT_SCALE_KM)
}

/// What a link between two points a squared chord `d2` apart is worth before plausibility.
fn link_decay(d2: f64) -> f64 {
    (-chord_km(d2) / JOINT_SCALE_KM).exp()
}

/// The same places in the same order.
fn same_places(a: &[Candidate<'_>], b: &[Candidate<'_>]) -> bool {
    std::ptr::eq(a, b)
        || (a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.place.index == y.place.index))
}

/// Great-circle distance from the unit vector `q` to the nearest chosen point of another name
/// (`own`: the slot of this mention's name in `ctx.chosen`).
fn nearest_other_km(ctx: &Context, q: &[f64; 3], own: Option<usize>) -> Option<f64> {
    let other = |k: usize| k < ctx.chosen.len() && Some(k) != own;
    let chord2 = match &ctx.tree {
        Some(tree) => tree
            .nearest_neighbor_iter(q)
            .find(|n| other(n.data))
            .map(|n| chord_2(n.geom(), q)),
        None => ctx
            .points
            .iter()
            .filter(|(_, k)| other(*k))
            .map(|(v, _)| chord_2(v, q))
            .min_by(f64::total_cmp),
    }?;
    Some(chord_km(chord2))
}

/// The great-circle distance for a squared chord between two unit vectors.
fn chord_km(chord2: f64) -> f64 {
    2.0 * EARTH_RADIUS_KM * (chord2.sqrt() / 2.0).min(1.0).asin()
}

/// The chord between two unit vectors a great-circle distance of `km` apart (the inverse of
/// `chord_km`): the radius an R-tree over unit vectors is searched with.
pub fn chord_of_km(km: f64) -> f64 {
    2.0 * (km / (2.0 * EARTH_RADIUS_KM))
        .min(std::f64::consts::FRAC_PI_2)
        .sin()
}

/// Squared straight-line distance between two unit vectors (the R-tree's metric).
fn chord_2(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)
}

/// Every mention of one name gets the place with the highest summed score.
fn one_sense_per_name(
    mentions: &[Mention<'_>],
    scores: &Rows<Evidence>,
    ids: &NameIds,
) -> Vec<Option<usize>> {
    // A candidate's total score (recomputed where needed: the same sum, no table to allocate).
    let total = |i: usize, c: usize| scores.row(i).get(c).map_or(0.0, Evidence::total);
    // Per name: its first mention, how many mentions it has, and whether they all list the
    // same distinct places in the same order; then a place's sum is kept by its position in
    // the list instead of in a map keyed by place (the same sums, added in the same order).
    let mut first: Vec<Option<usize>> = vec![None; ids.count];
    let mut mentions_of = vec![0usize; ids.count];
    let mut by_position = vec![false; ids.count];
    for (i, m) in mentions.iter().enumerate() {
        let id = ids.get(i);
        mentions_of[id] += 1;
        match first[id] {
            None => {
                first[id] = Some(i);
                by_position[id] = distinct_places(&m.candidates);
            }
            Some(f) => {
                by_position[id] &= same_places(&mentions[f].candidates, &m.candidates);
            }
        }
    }
    let mut position_sums: Vec<Vec<f64>> = vec![Vec::new(); ids.count];
    let mut place_sums: Vec<foldhash::HashMap<u32, f64>> = vec![Default::default(); ids.count];
    for (i, m) in mentions.iter().enumerate() {
        let id = ids.get(i);
        // A name written once, whose candidates are distinct places, needs no sums.
        if mentions_of[id] == 1 && by_position[id] {
            continue;
        }
        if by_position[id] {
            let sums = &mut position_sums[id];
            sums.resize(m.candidates.len(), 0.0);
            for (c, sum) in sums.iter_mut().enumerate() {
                *sum += total(i, c);
            }
        } else {
            let sums = &mut place_sums[id];
            for (c, cand) in m.candidates.iter().enumerate() {
                *sums.entry(cand.place.index.0).or_insert(0.0) += total(i, c);
            }
        }
    }
    mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let id = ids.get(i);
            let alone = mentions_of[id] == 1 && by_position[id];
            let mut best: Option<(usize, f64)> = None;
            for (c, cand) in m.candidates.iter().enumerate() {
                let s = if alone {
                    total(i, c)
                } else if by_position[id] {
                    position_sums[id].get(c).copied().unwrap_or(0.0)
                } else {
                    place_sums[id]
                        .get(&cand.place.index.0)
                        .copied()
                        .unwrap_or(0.0)
                };
                if best.is_none_or(|(_, b)| s > b) {
                    best = Some((c, s));
                }
            }
            best.map(|(c, _)| c)
        })
        .collect()
}

/// No place twice among a short list of candidates (a long list is not checked: false).
fn distinct_places(candidates: &[Candidate<'_>]) -> bool {
    candidates.len() <= 16
        && candidates.iter().enumerate().all(|(k, a)| {
            candidates
                .get(k + 1..)
                .unwrap_or(&[])
                .iter()
                .all(|b| a.place.index != b.place.index)
        })
}

#[cfg(test)]
mod tests;
