//! Document focus, as CLIFF reports it: the countries, admin-1 regions and cities a document is
//! about, by weighted mentions. A mention counts for its place's city (when it is one), admin-1
//! unit and country, so "Raqqa … Deir ez-Zor … Syria" puts Syria first even when "Syria" itself
//! is written once. Weights follow the role: where things happen counts most, a place inside an
//! outlet's name not at all.

use std::collections::BTreeMap;

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

#[derive(Clone)]
struct Tally {
    entry: FocusEntry,
    first: usize,
}

impl Tally {
    fn new(place: &Place<'_>, weight: f64, first: usize) -> Tally {
        Tally {
            entry: FocusEntry {
                place_id: place.id.to_string(),
                name: place.name.to_string(),
                country_code: place.country_code.as_str().to_string(),
                score: weight,
                mentions: 1,
            },
            first,
        }
    }
}

/// Accumulates focus over the parts of a long document.
#[derive(Default)]
pub struct FocusBuilder {
    countries: BTreeMap<u32, Tally>,
    admin1: BTreeMap<u32, Tally>,
    cities: BTreeMap<u32, Tally>,
    seen: usize,
    /// Country and admin-1 unit of each place seen, looked up once per place.
    parents: foldhash::HashMap<u32, (Option<u32>, Option<u32>)>,
}

impl FocusBuilder {
    /// Counts some mentions.
    pub fn add(&mut self, g: &Gazetteer, mentions: &[ParsedMention<'_>]) {
        for m in mentions {
            let Some(p) = m.place else { continue };
            let w = role_weight(m.role.role);
            self.seen += 1;
            let seen = self.seen;
            // Tallies are keyed by place index; a place is decoded only when first counted.
            let count = |map: &mut BTreeMap<u32, Tally>, index: u32| {
                if let Some(t) = map.get_mut(&index) {
                    t.entry.score += w;
                    t.entry.mentions += 1;
                    return;
                }
                if let Some(place) = g.place(PlaceIndex(index)) {
                    map.insert(index, Tally::new(&place, w, seen));
                }
            };
            if p.is_country() {
                count(&mut self.countries, p.index.0);
                continue;
            }
            let (country, admin1) = *self.parents.entry(p.index.0).or_insert_with(|| {
                let admin1 = if p.is_admin1() {
                    Some(p.index.0)
                } else {
                    g.admin1_of(&p).map(|a| a.index.0)
                };
                (g.country_of(&p).map(|c| c.index.0), admin1)
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
    }

    /// The focus: at most [`FOCUS_ENTRIES`] per level, by score, then by first mention.
    pub fn finish(&self) -> Focus {
        let top = |map: &BTreeMap<u32, Tally>| -> Vec<FocusEntry> {
            let mut v: Vec<&Tally> = map.values().filter(|t| t.entry.score > 0.0).collect();
            v.sort_by(|a, b| {
                b.entry
                    .score
                    .total_cmp(&a.entry.score)
                    .then(a.first.cmp(&b.first))
            });
            v.into_iter()
                .take(FOCUS_ENTRIES)
                .map(|t| FocusEntry {
                    score: (t.entry.score * 100.0).round() / 100.0,
                    ..t.entry.clone()
                })
                .collect()
        };
        Focus {
            countries: top(&self.countries),
            admin1: top(&self.admin1),
            cities: top(&self.cities),
        }
    }
}
