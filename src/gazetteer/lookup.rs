//! Ranked candidates for one name, with no context: what `gazetteer lookup` prints and where
//! the resolver starts.
//!
//! Order of evidence: abbreviations (with their case rules), then the folded key, then the
//! article-stripped key; a candidate keeps its most literal match. Candidates are ranked by
//! their prior importance (log10 population, raised to a floor for countries, regions and
//! admin units, see `compile::importance`), with corrections: an alternate name costs a
//! factor of ten in population, folding and article stripping cost a little, and an admin
//! unit named after its own seat yields to the seat
//! ("Aleppo" is the city, not the governorate). A query with no literal match is then tried
//! rewritten (`qualified.rs`: "Jammu & Kashmir", "northern Syria"), whose candidates, when
//! there are any, are the answer. Fuzzy candidates (same consonant skeleton, similar spelling;
//! for a name with no literal match, also two consonants swapped) come only after every
//! literal one, so they never outrank an exact match. [`arabic_spellings`] answers the
//! recognizer's narrower question: places of Arab countries that sound exactly the same.

use std::collections::BTreeMap;

use super::fold;
use super::model::{FeatureClass, MatchKind, NameKind};
use super::qualified;
use super::{Gazetteer, NameEntry, Place, PlaceIndex};
use crate::gazetteer::compile::STRIPPED_FLAG;

/// Score lost by a match that needed folding (punctuation, "St." for "Saint", diacritics
/// that neither the name nor its ASCII form drops): like an alternate name, the text does not
/// write any of the place's names. "St. Louis" is the city of that name in Missouri before
/// Saint-Louis, Senegal, a regional capital of about its size. Swept at session 14's end (gold
/// spans): 0.05 / 0.15 / 0.3 / 0.5 / 1.0 give GeoCorpora 0.767 / 0.767 / 0.768 / 0.768 /
/// 0.768, WoTR 0.577 / 0.577 / 0.580 / 0.580 / 0.580, WikToR 0.716 / 0.715 / 0.715 / 0.715 /
/// 0.716 (one document each way), LGL and GeoVirus unchanged.
const FOLDED_PENALTY: f64 = 1.0;
/// Score lost by a match that needed Arabic articles dropped.
const STRIPPED_PENALTY: f64 = 0.1;
/// Score lost by a match on one of a place's alternate names rather than its own: an alias
/// must belong to a place ten times as large (importance is log10 of population) to outrank
/// a place that carries the name as its own. "Victoria" is the Australian state before it is
/// Hong Kong (which GeoNames also calls Victoria); "Ohio" is the state before Ohio County,
/// W.Va. (the penalty was first for counties alone). Measured over all five dev corpora (gold
/// spans, session 13): 0 / 0.5 / 1.0 / 1.5 / 2.5 give LGL 0.858 / 0.867 / 0.869 / 0.869 /
/// 0.868 and WikToR 0.711 / 0.714 / 0.715 / 0.715 / 0.714; 2.5 loses GeoCorpora 0.9 points
/// (places the world calls by an alias).
const ALIAS_PENALTY: f64 = 1.0;
/// Below this Jaro-Winkler similarity a fuzzy candidate is noise ("Rak" for "Rakka" is kept,
/// "Riga" is not). Checked on the transliteration table of `tests/cli_gazetteer.rs`.
const FUZZY_MIN_SIMILARITY: f64 = 0.78;
/// Below this share of letters kept in place (1 − edit distance / length, on the folded names
/// without articles) a fuzzy candidate is a different name whose transliteration key happens to
/// be close ("Qqzzy" / "Kozy", "Raqqah city" / "Ras al Khaimah"); "Rakka" / "Raqqah" keeps 0.5.
const FUZZY_MIN_EDIT_SIMILARITY: f64 = 0.5;
/// A candidate reached only as a typo (two neighbouring consonants swapped, "Tuscon" for
/// Tucson) must keep this share of its letters in place, with a swap counted as one edit:
/// a misspelling, not another name ("Kampungu" is not Campagna, nor "Pentagon" Pingtan).
const TYPO_MIN_EDIT_SIMILARITY: f64 = 0.75;
/// A fuzzy candidate's score is its importance less this, so that in resolution a literal
/// candidate of similar prominence always wins.
const FUZZY_PENALTY: f64 = 2.0;
/// Score lost per unit of dissimilarity (1 − Jaro-Winkler) among fuzzy candidates: a large
/// city spelled a little differently beats a hamlet spelled almost the same, but not a
/// different name.
const FUZZY_DISSIMILARITY_WEIGHT: f64 = 15.0;
/// Most fuzzy postings examined for one name; a very common skeleton is cut here.
const FUZZY_MAX_POSTINGS: usize = 20_000;

/// How many candidates the pipeline keeps for a mention, best prior first: enough for the
/// Springfields and Franklins of US local news. Measured: a cap of 50 scores the same on LGL
/// but loses 0.9 points of WikToR gold-span Acc@161 (small namesakes), with no speed gain
/// beyond noise.
pub const DEFAULT_CANDIDATES: usize = 200;

/// Options of [`Gazetteer::lookup`].
#[derive(Clone, Debug)]
pub struct LookupOptions {
    /// Most candidates returned.
    pub limit: usize,
    /// Look for similar spellings when the literal matches do not fill `limit`.
    pub fuzzy: bool,
}

impl Default for LookupOptions {
    fn default() -> Self {
        LookupOptions {
            limit: 10,
            fuzzy: true,
        }
    }
}

/// One ranked candidate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate<'g> {
    /// The place.
    pub place: Place<'g>,
    /// How the name matched it.
    pub match_kind: MatchKind,
    /// Ranking score: higher is better; comparable within one lookup only.
    pub score: f64,
    /// The place's point on the unit sphere ([`unit_vector`]), computed once with the
    /// candidate: resolution measures every candidate against the other names' places, and a
    /// tagger's memo hands the same candidates to every document that names the place.
    pub unit: [f64; 3],
}

impl<'g> Candidate<'g> {
    /// A candidate for `place`, found as `match_kind` with ranking `score`.
    pub fn new(place: Place<'g>, match_kind: MatchKind, score: f64) -> Candidate<'g> {
        Candidate {
            place,
            match_kind,
            score,
            unit: unit_vector(place.lat, place.lon),
        }
    }
}

/// A point on the unit sphere, so that Euclidean nearest neighbours are great-circle ones.
pub fn unit_vector(lat: f64, lon: f64) -> [f64; 3] {
    let (la, lo) = (lat.to_radians(), lon.to_radians());
    [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
}

/// Which kind a place keeps when a name reaches it several ways. A demonym outranks an
/// alias: GeoNames lists "Israeli" among Israel's alternate names, and it is still a demonym.
fn literal_rank(kind: MatchKind) -> u8 {
    match kind {
        MatchKind::Exact => 0,
        MatchKind::Demonym => 1,
        MatchKind::Alias => 2,
        MatchKind::Abbreviation => 3,
        MatchKind::Folded => 4,
        MatchKind::ArticleStripped => 5,
        MatchKind::Part => 6,
        MatchKind::Fuzzy => 7,
    }
}

fn note(found: &mut BTreeMap<u32, MatchKind>, place: u32, kind: MatchKind) {
    found
        .entry(place)
        .and_modify(|k| {
            if literal_rank(kind) < literal_rank(*k) {
                *k = kind;
            }
        })
        .or_insert(kind);
}

fn posting_kind(kind_byte: u8, verbatim: bool) -> MatchKind {
    if kind_byte & STRIPPED_FLAG != 0 {
        return match NameKind::from_byte(kind_byte) {
            NameKind::Demonym => MatchKind::Demonym,
            _ => MatchKind::ArticleStripped,
        };
    }
    match (NameKind::from_byte(kind_byte), verbatim) {
        (NameKind::Demonym, _) => MatchKind::Demonym,
        (NameKind::Primary, true) => MatchKind::Exact,
        (NameKind::Alternate, true) => MatchKind::Alias,
        (_, false) => MatchKind::Folded,
    }
}

pub(super) fn lookup<'g>(
    g: &'g Gazetteer,
    name: &str,
    options: &LookupOptions,
) -> Vec<Candidate<'g>> {
    let query = name.trim();
    let folded = fold::fold(query);
    let (mut literal, found) = literal_candidates(g, query, &folded, options.limit);
    if literal.is_empty() {
        // "Jammu & Kashmir", "northern Syria", "Aleppo countryside": a surer reading than a
        // similar spelling of the whole, so when one matches no fuzzy candidate follows.
        let rewritten = rewritten_candidates(g, query, options.limit);
        if !rewritten.is_empty() {
            return rewritten;
        }
    }
    if options.fuzzy && literal.len() < options.limit && !folded.is_empty() {
        let mut fuzzy = fuzzy_candidates(g, &folded, &found);
        yield_to_seats(&mut fuzzy);
        sort_candidates(&mut fuzzy);
        fuzzy.truncate(options.limit - literal.len());
        literal.extend(fuzzy);
    }
    literal
}

/// The query's literal candidates, ranked, and every place it reached with how (for the
/// fuzzy search to leave out). `folded` is the query folded ([`fold::fold`]).
fn literal_candidates<'g>(
    g: &'g Gazetteer,
    query: &str,
    folded: &str,
    limit: usize,
) -> (Vec<Candidate<'g>>, BTreeMap<u32, MatchKind>) {
    let mut found: BTreeMap<u32, MatchKind> = BTreeMap::new();
    for a in g.abbreviations() {
        if a.rule.accepts(&a.surface, query) {
            note(&mut found, a.place, MatchKind::Abbreviation);
        }
    }
    if !folded.is_empty() {
        let hash = fold::verbatim_hash(query);
        for (place, kind, h) in g.name_postings(folded) {
            note(&mut found, place, posting_kind(kind, h == hash));
        }
        if let Some(stripped) = fold::strip_articles(folded) {
            for (place, kind, _) in g.name_postings(&stripped) {
                let kind = match posting_kind(kind, false) {
                    MatchKind::Demonym => MatchKind::Demonym,
                    _ => MatchKind::ArticleStripped,
                };
                note(&mut found, place, kind);
            }
        }
    }
    let mut literal = rank_literal(g, &found, limit);
    if literal.is_empty() {
        // Hashtags and handles join words: "#SouthSudan", "NewYork".
        if let Some(split) = split_camel_case(query) {
            literal = literal_candidates(g, &split, &fold::fold(&split), limit).0;
            for c in &mut literal {
                c.match_kind = MatchKind::Folded;
            }
        }
    }
    (literal, found)
}

/// Literal candidates of the first of a query's [`qualified::rewrites`] that has any, marked
/// with the rewrite's kind; a part keeps only the places its qualifier asks for when there are
/// such, and of a name that is an ordinary word only the independent countries and first-level
/// units that have it as their own ("southern China", but "Central Park" is not a part of Park).
fn rewritten_candidates<'g>(g: &'g Gazetteer, query: &str, limit: usize) -> Vec<Candidate<'g>> {
    for rewrite in qualified::rewrites(query) {
        let folded = fold::fold(&rewrite.name);
        let (mut found, _) = literal_candidates(g, &rewrite.name, &folded, limit);
        if rewrite.kind == MatchKind::Part && g.is_common_word(&folded) {
            found.retain(|c| {
                // (Not a dependency: "South Jersey" is New Jersey's, not the island's.)
                (c.place.feature_code.as_bytes() == b"PCLI" || c.place.is_admin1())
                    && matches!(c.match_kind, MatchKind::Exact | MatchKind::Folded)
            });
        }
        if found.iter().any(|c| rewrite.wanted.fits(&c.place)) {
            found.retain(|c| rewrite.wanted.fits(&c.place));
        }
        if !found.is_empty() {
            for c in &mut found {
                c.match_kind = rewrite.kind;
            }
            return found;
        }
    }
    Vec::new()
}

/// Candidates of one index entry found in running text.
pub(super) fn entry_candidates<'g>(
    g: &'g Gazetteer,
    entry: NameEntry,
    surface: &str,
    limit: usize,
) -> Vec<Candidate<'g>> {
    let mut found: BTreeMap<u32, MatchKind> = BTreeMap::new();
    let hash = fold::verbatim_hash(surface);
    for (place, kind, h) in g.entry_postings(entry) {
        // In running text a name without its article matches only Arabic names, which news
        // writes both ways ("Qamishli", "al-Qamishli"); "Control" is not Mexico's "El Control".
        if kind & STRIPPED_FLAG != 0 && !g.is_in_arabic_country(PlaceIndex(place)) {
            continue;
        }
        note(&mut found, place, posting_kind(kind, h == hash));
    }
    rank_literal(g, &found, limit)
}

fn rank_literal<'g>(
    g: &'g Gazetteer,
    found: &BTreeMap<u32, MatchKind>,
    limit: usize,
) -> Vec<Candidate<'g>> {
    let score = |importance: f64, kind: MatchKind| {
        importance
            - match kind {
                MatchKind::Folded => FOLDED_PENALTY,
                MatchKind::ArticleStripped => STRIPPED_PENALTY,
                MatchKind::Alias => ALIAS_PENALTY,
                _ => 0.0,
            }
    };
    // Rank on the fixed-width records first; decode strings only for the survivors. Keep a
    // margin beyond `limit` so that an admin unit yielding to its seat can still drop out.
    let mut quick: Vec<(f64, u32, MatchKind)> = found
        .iter()
        .filter_map(|(&index, &kind)| {
            let importance = g.importance(PlaceIndex(index))?;
            Some((score(importance, kind), index, kind))
        })
        .collect();
    if quick.len() > limit + SEAT_MARGIN {
        quick.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        quick.truncate(limit + SEAT_MARGIN);
    }
    let mut literal: Vec<Candidate<'g>> = quick
        .iter()
        .filter_map(|&(s, index, kind)| {
            let place = g.place(PlaceIndex(index))?;
            Some(Candidate::new(place, kind, s))
        })
        .collect();
    yield_to_seats(&mut literal);
    sort_candidates(&mut literal);
    literal.truncate(limit);
    literal
}

/// Extra candidates ranked before the seat rule is applied and the list is cut.
const SEAT_MARGIN: usize = 8;

/// "SouthSudan" → "South Sudan": splits a run of ASCII letters at each lower-to-upper change.
/// `None` when there is nothing to split.
fn split_camel_case(s: &str) -> Option<String> {
    if !s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 4);
    let mut prev_lower = false;
    let mut split = false;
    for c in s.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push(' ');
            split = true;
        }
        prev_lower = c.is_ascii_lowercase();
        out.push(c);
    }
    split.then_some(out)
}

/// Best first; ties by population, then by id, so output never depends on index order.
fn sort_candidates(c: &mut [Candidate<'_>]) {
    c.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.place.population.cmp(&a.place.population))
            .then(a.place.id.cmp(&b.place.id))
    });
}

/// An admin unit that shares its name with its own seat (a PPLA/PPLC city in the same country
/// and admin-1 unit, or a PPLA2 for a county) ranks just below that city.
fn yield_to_seats(candidates: &mut [Candidate<'_>]) {
    let seats: Vec<(usize, f64)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.place.feature_class == Some(FeatureClass::P))
        .map(|(i, c)| (i, c.score))
        .collect();
    for i in 0..candidates.len() {
        let Some(admin) = candidates.get(i).copied() else {
            continue;
        };
        let seat_codes: &[&str] = if admin.place.is_admin1() {
            &["PPLC", "PPLA"]
        } else if admin.place.is_admin2() {
            &["PPLC", "PPLA", "PPLA2"]
        } else {
            continue;
        };
        let seat_score = seats
            .iter()
            .filter_map(|&(j, score)| {
                let city = candidates.get(j)?;
                let same_unit = city.place.country_code == admin.place.country_code
                    && city.place.admin1_code == admin.place.admin1_code
                    && seat_codes.contains(&city.place.feature_code.as_str());
                same_unit.then_some(score)
            })
            .reduce(f64::max);
        if let (Some(seat), Some(c)) = (seat_score, candidates.get_mut(i)) {
            c.score = c.score.min(seat - 0.01);
        }
    }
}

/// Transliterations keep a name's first sound, up to the vowel ("Idlib" / "Edlib"); a match
/// that needs a different first consonant ("Raqqa" / "Iraq") is a different name.
fn same_initial(a: &str, b: &str) -> bool {
    let class = |c: Option<char>| match c {
        Some('a' | 'e' | 'i' | 'o' | 'u') => Some('a'),
        other => other,
    };
    class(a.chars().next()) == class(b.chars().next())
}

fn fuzzy_candidates<'g>(
    g: &'g Gazetteer,
    folded: &str,
    literal: &BTreeMap<u32, MatchKind>,
) -> Vec<Candidate<'g>> {
    let stripped = fold::strip_articles(folded).unwrap_or_else(|| folded.to_string());
    let query_key = fold::transliteration_key(&stripped);
    let Some(skel) = fold::skeleton(&stripped) else {
        return Vec::new();
    };
    // A name nothing literal matches may be misspelt: its skeleton with two neighbouring
    // consonants swapped is looked up too ("Tuscon" for Tucson), for names close enough to be
    // the same name mistyped. Names with literal matches (every name the recognizer finds)
    // skip this.
    let typos = if literal.is_empty() {
        swapped_neighbours(&skel)
    } else {
        Vec::new()
    };
    let postings = g
        .skeleton_postings(&skel)
        .map(|index| (index, FUZZY_MIN_EDIT_SIMILARITY))
        .chain(typos.iter().flat_map(|k| {
            g.skeleton_postings(k)
                .map(|index| (index, TYPO_MIN_EDIT_SIMILARITY))
        }))
        .take(FUZZY_MAX_POSTINGS);
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    let mut key = String::new();
    for (index, min_edit_similarity) in postings {
        if literal.contains_key(&index) || !seen.insert(index) {
            continue;
        }
        let Some(place) = g.place(PlaceIndex(index)) else {
            continue;
        };
        let similarity = [place.name, place.ascii_name]
            .iter()
            .filter(|n| !n.is_empty())
            .map(|n| {
                fold::fold_into(n, &mut key);
                let candidate = fold::strip_articles(&key).unwrap_or_else(|| key.clone());
                let candidate = fold::transliteration_key(&candidate);
                let plain = fold::strip_articles(&key).unwrap_or_else(|| key.clone());
                if same_initial(&query_key, &candidate)
                    && first_differing_words_alike(&query_key, &candidate)
                    && strsim::normalized_damerau_levenshtein(&stripped, &plain)
                        >= min_edit_similarity
                {
                    strsim::jaro_winkler(&query_key, &candidate)
                } else {
                    0.0
                }
            })
            .fold(0.0, f64::max);
        if similarity >= FUZZY_MIN_SIMILARITY {
            out.push(Candidate::new(
                place,
                MatchKind::Fuzzy,
                place.importance - FUZZY_PENALTY - FUZZY_DISSIMILARITY_WEIGHT * (1.0 - similarity),
            ));
        }
    }
    out
}

/// Places in Arab countries whose name, without articles, has the query's [`sound_key`]:
/// fuzzy candidates scored by importance alone (the sound is the same), best first. Reads every
/// posting of the skeleton, keeping those in Arab countries first (a record read): a short
/// skeleton ("kr" of "Qayyara") has more postings than the general fuzzy search looks at.
pub(super) fn arabic_spellings<'g>(
    g: &'g Gazetteer,
    name: &str,
    limit: usize,
) -> Vec<Candidate<'g>> {
    let folded = fold::fold(name);
    let stripped = fold::strip_articles(&folded).unwrap_or(folded);
    let Some(skel) = fold::skeleton(&stripped) else {
        return Vec::new();
    };
    let wanted = sound_key(&stripped);
    let mut key = String::new();
    let mut out: Vec<Candidate<'g>> = g
        .skeleton_postings(&skel)
        .filter(|&index| g.is_in_arabic_country(PlaceIndex(index)))
        .filter_map(|index| g.place(PlaceIndex(index)))
        // (A country is known by its names: "Shura" is not Syria.)
        .filter(|place| !place.is_country())
        .filter(|place| {
            [place.name, place.ascii_name]
                .iter()
                .filter(|n| !n.is_empty())
                .any(|n| {
                    fold::fold_into(n, &mut key);
                    let plain = fold::strip_articles(&key).unwrap_or_else(|| key.clone());
                    sound_key(&plain) == wanted
                })
        })
        .map(|place| Candidate::new(place, MatchKind::Fuzzy, place.importance - FUZZY_PENALTY))
        .collect();
    sort_candidates(&mut out);
    out.dedup_by_key(|c| c.place.index);
    out.truncate(limit);
    out
}

/// A folded, article-stripped name as Arabic transliterations sound it: the consonant rules
/// of [`fold::transliteration_key`] ("q" and "k", "kh" and "k", a final "h" after a vowel),
/// levelled with "w" and "y" kept as consonants ([`fold::levelled_key`]): "Hawija" and Al
/// Ḩawījah are both "hawaja", Hajiawa is "hajawa".
fn sound_key(stripped: &str) -> String {
    fold::levelled_key(&fold::transliteration_key(stripped), false)
}

/// The skeletons that differ from `skel` by two neighbouring consonants of one word swapped.
fn swapped_neighbours(skel: &str) -> Vec<String> {
    let bytes = skel.as_bytes();
    let mut out = Vec::new();
    for i in 1..bytes.len() {
        let (a, b) = (bytes[i - 1], bytes[i]);
        if a == b || a == b' ' || b == b' ' {
            continue;
        }
        let mut swapped = bytes.to_vec();
        swapped.swap(i - 1, i);
        if let Ok(s) = String::from_utf8(swapped) {
            out.push(s);
        }
    }
    out
}

/// True when the first words in which two names differ begin with the same sound, as
/// [`same_initial`] asks of whole names: Jaro-Winkler rewards a shared start, so "Fort Yuma"
/// came out close to "Fort Wayne" and "Grand Ecore" to "Grand Kru", which are other names.
fn first_differing_words_alike(a: &str, b: &str) -> bool {
    a.split(' ')
        .zip(b.split(' '))
        .find(|(x, y)| x != y)
        .is_none_or(|(x, y)| same_initial(x, y))
}

#[cfg(test)]
mod tests {
    use super::split_camel_case;

    #[test]
    fn camel_case_splits() {
        assert_eq!(
            split_camel_case("SouthSudan").as_deref(),
            Some("South Sudan")
        );
        assert_eq!(split_camel_case("NewYork").as_deref(), Some("New York"));
        assert_eq!(split_camel_case("Sudan"), None);
        assert_eq!(split_camel_case("New York"), None);
        assert_eq!(split_camel_case("USA"), None);
    }
}
