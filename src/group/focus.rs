//! Document focus, as CLIFF reports it: the countries, admin-1 regions and cities a document is
//! about, by weighted mentions. A mention counts for its place's city (when it is one), admin-1
//! unit and country, so "Raqqa … Deir ez-Zor … Syria" puts Syria first even when "Syria" itself
//! is written once. Weights follow the role: where things happen counts most, a place inside an
//! outlet's name not at all.

use serde::Serialize;

use crate::gazetteer::{FeatureClass, Gazetteer, Place, PlaceIndex};
use crate::roles::Role;
use crate::{Parsed, ParsedMention};

/// Entries kept per level, best first.
pub const FOCUS_ENTRIES: usize = 3;

/// How much one mention of each role says about what the document is about.
fn role_weight(role: Role) -> f64 {
    match role {
        Role::Activity => 1.0,
        Role::Dateline => 1.0,
        Role::Reference => 0.6,
        Role::Actor => 0.4,
        Role::Source => 0.0,
    }
}

/// One focus entry as the builder holds it: [`FocusEntry`] with borrowed text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FocusEntryRef<'a> {
    /// `geonames:ID` or a custom id.
    pub place_id: &'a str,
    /// Preferred name.
    pub name: &'a str,
    /// Country code.
    pub country_code: &'a str,
    /// Sum of the weights of the mentions that count for it, to two decimals.
    pub score: f64,
    /// Mentions that count for it.
    pub mentions: u32,
}

impl FocusEntryRef<'_> {
    /// The entry with its own text.
    pub fn to_owned(&self) -> FocusEntry {
        FocusEntry {
            place_id: self.place_id.to_string(),
            name: self.name.to_string(),
            country_code: self.country_code.to_string(),
            score: self.score,
            mentions: self.mentions,
        }
    }
}

impl<'a> From<&'a FocusEntry> for FocusEntryRef<'a> {
    fn from(e: &'a FocusEntry) -> Self {
        FocusEntryRef {
            place_id: &e.place_id,
            name: &e.name,
            country_code: &e.country_code,
            score: e.score,
            mentions: e.mentions,
        }
    }
}

/// One focus entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FocusEntry {
    /// `geonames:ID` or a custom id.
    pub place_id: String,
    /// Preferred name.
    pub name: String,
    /// Country code.
    pub country_code: String,
    /// Sum of the weights of the mentions that count for it.
    pub score: f64,
    /// Mentions that count for it.
    pub mentions: u32,
}

/// A document's focus at three levels, best first.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Focus {
    /// Countries.
    pub countries: Vec<FocusEntry>,
    /// First-level divisions.
    pub admin1: Vec<FocusEntry>,
    /// Populated places.
    pub cities: Vec<FocusEntry>,
}

impl Focus {
    /// The focus of a whole parsed document.
    pub fn of(g: &Gazetteer, parsed: &Parsed<'_>) -> Focus {
        let mut b = FocusBuilder::default();
        b.add(g, &parsed.mentions);
        b.finish()
    }
}

/// How much a place has counted so far in the current document.
#[derive(Clone, Copy)]
struct Tally {
    score: f64,
    mentions: u32,
    /// When it was first counted (ties go to the earlier).
    first: usize,
}

/// What a focus entry says about its place besides the counts.
struct Label {
    place_id: String,
    name: String,
    country_code: String,
}

impl Label {
    fn of(place: &Place<'_>) -> Label {
        Label {
            place_id: place.id.to_string(),
            name: place.name.to_string(),
            country_code: place.country_code.as_str().to_string(),
        }
    }
}

/// The places of one level with a positive score, by score, then by first mention, in `out`.
fn leaders(map: &foldhash::HashMap<u32, Tally>, out: &mut Vec<(u32, Tally)>) {
    out.clear();
    out.extend(
        map.iter()
            .filter(|(_, t)| t.score > 0.0)
            .map(|(&index, &t)| (index, t)),
    );
    out.sort_by(|(_, a), (_, b)| b.score.total_cmp(&a.score).then(a.first.cmp(&b.first)));
}

/// Places remembered across documents before the caches are emptied.
const CACHE_CAPACITY: usize = 50_000;

/// What focus looks up about places, worth keeping across documents (one per thread, like
/// the recognition memo): each place's country and admin-1 unit, and the label of each place
/// that has led a level. Depends only on the gazetteer. Bounded: each table is emptied past
/// 50,000 entries.
#[derive(Default)]
struct FocusCache {
    /// Country and admin-1 unit of each place seen.
    parents: foldhash::HashMap<u32, (Option<u32>, Option<u32>)>,
    /// Label of each place that has led a level.
    labels: foldhash::HashMap<u32, Label>,
}

/// Accumulates focus over the parts of a long document. Reused for another document
/// ([`FocusBuilder::reset`]), it keeps what it looked up about places (each place's country
/// and admin-1 unit, the labels of past leaders; bounded) and the room of its tables. Places
/// are counted by index and decoded only to label the leaders.
#[derive(Default)]
pub struct FocusBuilder {
    countries: foldhash::HashMap<u32, Tally>,
    admin1: foldhash::HashMap<u32, Tally>,
    cities: foldhash::HashMap<u32, Tally>,
    seen: usize,
    /// Per level, its leaders after the last [`FocusBuilder::add`] (kept between documents
    /// for their room).
    leaders: [Vec<(u32, Tally)>; 3],
    cache: FocusCache,
}

impl FocusBuilder {
    /// Starts a new document, keeping what was looked up about places.
    pub fn reset(&mut self) {
        self.countries.clear();
        self.admin1.clear();
        self.cities.clear();
        self.seen = 0;
        for level in &mut self.leaders {
            level.clear();
        }
        if self.cache.parents.len() > CACHE_CAPACITY {
            self.cache.parents.clear();
        }
        if self.cache.labels.len() > CACHE_CAPACITY {
            self.cache.labels.clear();
        }
    }

    /// Counts some mentions.
    pub fn add(&mut self, g: &Gazetteer, mentions: &[ParsedMention<'_>]) {
        for m in mentions {
            let Some(p) = m.place else { continue };
            let w = role_weight(m.role.role);
            self.seen += 1;
            let seen = self.seen;
            let count = |map: &mut foldhash::HashMap<u32, Tally>, index: u32| {
                let t = map.entry(index).or_insert(Tally {
                    score: 0.0,
                    mentions: 0,
                    first: seen,
                });
                t.score += w;
                t.mentions += 1;
            };
            if p.is_country() {
                count(&mut self.countries, p.index.0);
                continue;
            }
            let (country, admin1) = *self.cache.parents.entry(p.index.0).or_insert_with(|| {
                let admin1 = if p.is_admin1() {
                    Some(p.index.0)
                } else {
                    g.admin1_index_of(&p).map(|a| a.0)
                };
                (g.country_index_of(&p).map(|c| c.0), admin1)
            });
            if let Some(c) = country {
                count(&mut self.countries, c);
            }
            if let Some(a) = admin1 {
                count(&mut self.admin1, a);
            }
            if p.feature_class == Some(FeatureClass::P) {
                count(&mut self.cities, p.index.0);
            }
        }
        // Only the leaders are reported: they alone are labelled (decoded), and the leaders
        // after the last part are the focus.
        let maps = [&self.countries, &self.admin1, &self.cities];
        for (map, level) in maps.into_iter().zip(&mut self.leaders) {
            leaders(map, level);
            let mut labelled = 0;
            for &(index, _) in level.iter() {
                if labelled == FOCUS_ENTRIES {
                    break;
                }
                if let std::collections::hash_map::Entry::Vacant(slot) =
                    self.cache.labels.entry(index)
                {
                    let Some(place) = g.place(PlaceIndex(index)) else {
                        continue;
                    };
                    slot.insert(Label::of(&place));
                }
                labelled += 1;
            }
        }
    }

    /// The focus: at most [`FOCUS_ENTRIES`] per level, by score, then by first mention.
    pub fn finish(&self) -> Focus {
        let [countries, admin1, cities] = self
            .levels()
            .map(|level| level.map(|e| e.to_owned()).collect());
        Focus {
            countries,
            admin1,
            cities,
        }
    }

    /// [`FocusBuilder::finish`] without copying: the entries of each level (countries,
    /// admin-1, cities), borrowed from the builder.
    pub fn levels(&self) -> [impl Iterator<Item = FocusEntryRef<'_>>; 3] {
        self.leaders.each_ref().map(|level| {
            level
                .iter()
                .filter_map(|(index, t)| {
                    let label = self.cache.labels.get(index)?;
                    Some(FocusEntryRef {
                        place_id: &label.place_id,
                        name: &label.name,
                        country_code: &label.country_code,
                        score: (t.score * 100.0).round() / 100.0,
                        mentions: t.mentions,
                    })
                })
                .take(FOCUS_ENTRIES)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Geoparser;
    use crate::pipeline::Options;

    #[test]
    fn a_builder_reused_for_another_document_finds_the_same_focus() {
        let parser = Geoparser::new(Gazetteer::builtin().unwrap(), Options::default());
        let g = parser.gazetteer();
        let first = parser.parse("Fighting spread from Raqqa to Deir ez-Zor in Syria.");
        let second = parser.parse("Floods hit Houston, Texas, and Dallas on Monday.");
        let mut b = FocusBuilder::default();
        b.add(g, &first.mentions);
        assert_eq!(b.finish(), Focus::of(g, &first));
        let looked_up = b.cache.parents.len();
        b.reset();
        b.add(g, &second.mentions);
        let focus = b.finish();
        assert_eq!(focus, Focus::of(g, &second));
        assert_eq!(
            focus.countries.first().map(|e| e.country_code.as_str()),
            Some("US")
        );
        // What it looked up about the first document's places was kept.
        assert!(looked_up > 0 && b.cache.parents.len() > looked_up);
        // A reset builder with nothing added has no focus.
        b.reset();
        assert_eq!(b.finish(), Focus::default());
    }
}
