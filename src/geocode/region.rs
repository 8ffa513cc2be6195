//! Reading a context string ("Syria", "SYR", "IL", "Ill.", "Sangamon County", "US.IL", "01")
//! as the regions it may name. A context string is often ambiguous ("IL" is Israel and
//! Illinois), so every reading is kept and the candidate for the name decides which one held.

use crate::gazetteer::{CountryCode, Gazetteer, LookupOptions, Place};

/// Administrative level of a region, coarsest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// A country or territory.
    Country,
    /// A first-level division: state, province, governorate.
    Admin1,
    /// A second-level division: county, district.
    Admin2,
}

/// One reading of a context string: a country, admin-1 or admin-2 unit of the gazetteer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Region<'g> {
    /// The unit's own gazetteer entry (for its name in reasons).
    pub place: Place<'g>,
    /// Its level.
    pub level: Level,
}

impl<'g> Region<'g> {
    /// The region a country, admin-1 or admin-2 place is; `None` for other places.
    pub fn of(place: Place<'g>) -> Option<Region<'g>> {
        level_of(&place).map(|level| Region { place, level })
    }

    /// True when `p` lies in this region, by the administrative codes both carry.
    pub fn contains(&self, p: &Place<'_>) -> bool {
        let r = &self.place;
        if r.country_code.is_none() || p.country_code != r.country_code {
            return false;
        }
        match self.level {
            Level::Country => true,
            Level::Admin1 => p.admin1_code == r.admin1_code,
            Level::Admin2 => p.admin1_code == r.admin1_code && p.admin2_code == r.admin2_code,
        }
    }
}

fn level_of(p: &Place<'_>) -> Option<Level> {
    if p.is_country() {
        Some(Level::Country)
    } else if p.is_admin1() {
        Some(Level::Admin1)
    } else if p.is_admin2() {
        Some(Level::Admin2)
    } else {
        None
    }
}

/// Which levels a context may name: any for a part of the cell, one for a dedicated column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A part of the cell: country, admin-1 or admin-2.
    Any,
    /// A country column.
    Country,
    /// An admin-1 column.
    Admin1,
}

impl Expect {
    fn allows(self, level: Level) -> bool {
        match self {
            Expect::Any => true,
            Expect::Country => level == Level::Country,
            Expect::Admin1 => level == Level::Admin1,
        }
    }
}

fn add<'g>(out: &mut Vec<Region<'g>>, place: Option<Place<'g>>, expect: Expect) {
    if let Some(place) = place {
        if let Some(level) = level_of(&place).filter(|&l| expect.allows(l)) {
            if !out.iter().any(|r| r.place.index == place.index) {
                out.push(Region { place, level });
            }
        }
    }
}

/// Most name candidates considered when reading a context string.
const CONTEXT_CANDIDATES: usize = 30;

/// All readings of `text`, most likely first, without repeats. `countries` are the countries
/// already known for the row (from a country column), which give meaning to bare admin codes
/// ("IL" in the US, "01" in Iraq).
pub fn readings<'g>(
    g: &'g Gazetteer,
    text: &str,
    expect: Expect,
    countries: &[CountryCode],
) -> Vec<Region<'g>> {
    let text = text.trim();
    let mut out: Vec<Region<'g>> = Vec::new();
    let push = |out: &mut Vec<Region<'g>>, place: Option<Place<'g>>| add(out, place, expect);
    if text.is_empty() {
        return out;
    }
    // Codes: ISO alpha-2 and alpha-3, GeoNames admin codes in full ("US.IL", "IQ.01") or
    // within a known country ("IL", "01").
    let upper = text.to_ascii_uppercase();
    let code_like = upper
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.');
    if code_like {
        for &cc in countries {
            push(&mut out, g.by_code(&format!("{}.{upper}", cc.as_str())));
        }
        if (2..=3).contains(&upper.len()) && upper.bytes().all(|b| b.is_ascii_uppercase()) {
            push(&mut out, g.by_code(&upper));
        }
        if upper.contains('.') {
            push(&mut out, g.by_code(&upper));
        }
    }
    // A code in a dedicated column is what it says ("IL" there is Israel, not Illinois).
    if expect != Expect::Any && !out.is_empty() {
        return out;
    }
    // News and postal abbreviations ("Ill.", "IL", "W.Va.", "U.K.").
    for (_, index) in g.abbreviation_matches(text) {
        push(&mut out, g.place(index));
    }
    // Names, literal first; a misspelled name only when the literal lookup finds nothing.
    let literal = LookupOptions {
        limit: CONTEXT_CANDIDATES,
        fuzzy: false,
    };
    let mut found_literal = false;
    for c in g.lookup(text, &literal) {
        found_literal = true;
        push(&mut out, Some(c.place));
    }
    if !found_literal {
        let fuzzy = LookupOptions {
            limit: CONTEXT_CANDIDATES,
            fuzzy: true,
        };
        for c in g.lookup(text, &fuzzy) {
            push(&mut out, Some(c.place));
        }
    }
    out
}
