//! Queries that name a place in other words than the index holds: a spelling with "&", "St.",
//! "Co." or "W." for "and", "Saint", "County" or "West" ("Jammu & Kashmir", "St. Louis County",
//! "Twiggs Co", "W. Africa"),
//! or a part or the surroundings of a place ("northern Syria", "the Aleppo countryside",
//! "metro Atlanta", "Dallas area", "the outskirts of Mosul", "Donetsk airport"). A spreadsheet
//! of events and a gold file's spans write places this way; running text does not need it
//! (the tagger finds "Syria" inside "northern Syria" by itself).
//!
//! [`rewrites`] turns a query that matched nothing into the names to try instead, in order;
//! the lookup takes the first that matches literally. A part keeps only the places of the kind
//! its qualifier asks for when there are any ("Washington state" is the state, "Aleppo city"
//! the city).

use super::Place;
use super::model::{FeatureClass, MatchKind};

/// What kind of place a qualifier asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Wanted {
    /// Anything ("northern Syria", "Dallas area").
    Any,
    /// A first-level division ("Idlib province", "Washington state").
    Admin,
    /// A city, town or village ("Aleppo city", "metro Atlanta", "Donetsk airport").
    Settlement,
}

impl Wanted {
    /// True when `place` is of the kind asked for.
    pub(super) fn fits(self, place: &Place<'_>) -> bool {
        match self {
            Wanted::Any => true,
            Wanted::Admin => place.is_admin1(),
            Wanted::Settlement => place.feature_class == Some(FeatureClass::P),
        }
    }
}

/// One name to try for a query, and how its places relate to the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Rewrite {
    /// The name to look up.
    pub name: String,
    /// [`MatchKind::Abbreviation`] for a spelling written out, [`MatchKind::Part`] for a
    /// place named with a qualifier.
    pub kind: MatchKind,
    /// The kind of place a part's qualifier asks for.
    pub wanted: Wanted,
}

/// Words before a place that name a part of it or its surroundings.
const LEADING: &[(&str, Wanted)] = &[
    ("mid", Wanted::Any),
    ("upper", Wanted::Any),
    ("lower", Wanted::Any),
    ("greater", Wanted::Any),
    ("inner", Wanted::Any),
    ("outer", Wanted::Any),
    ("coastal", Wanted::Any),
    ("rural", Wanted::Any),
    ("far", Wanted::Any),
    ("metro", Wanted::Settlement),
    ("metropolitan", Wanted::Settlement),
    ("downtown", Wanted::Settlement),
    ("suburban", Wanted::Settlement),
];

/// Phrases before a place, ending in "of": the place's parts, or the place called so.
const LEADING_OF: &[(&str, Wanted)] = &[
    ("outskirts", Wanted::Any),
    ("suburbs", Wanted::Settlement),
    ("countryside", Wanted::Any),
    ("environs", Wanted::Any),
    ("heart", Wanted::Any),
    ("centre", Wanted::Settlement),
    ("center", Wanted::Settlement),
    ("area", Wanted::Any),
    ("region", Wanted::Any),
    ("district", Wanted::Any),
    ("city", Wanted::Settlement),
    ("town", Wanted::Settlement),
    ("village", Wanted::Settlement),
    ("port", Wanted::Settlement),
    ("province", Wanted::Admin),
    ("governorate", Wanted::Admin),
    ("state", Wanted::Admin),
];

/// Words after a place, as phrases of one or two words (longest first).
const TRAILING: &[(&str, Wanted)] = &[
    ("metro area", Wanted::Settlement),
    ("metropolitan area", Wanted::Settlement),
    ("city centre", Wanted::Settlement),
    ("city center", Wanted::Settlement),
    ("international airport", Wanted::Settlement),
    ("area", Wanted::Any),
    ("region", Wanted::Any),
    ("countryside", Wanted::Any),
    ("environs", Wanted::Any),
    ("coast", Wanted::Any),
    ("coastline", Wanted::Any),
    ("panhandle", Wanted::Any),
    ("peninsula", Wanted::Any),
    ("valley", Wanted::Any),
    ("delta", Wanted::Any),
    ("basin", Wanted::Any),
    ("highlands", Wanted::Any),
    ("interior", Wanted::Any),
    ("hinterland", Wanted::Any),
    ("border", Wanted::Any),
    ("borderlands", Wanted::Any),
    ("frontier", Wanted::Any),
    ("continent", Wanted::Any),
    ("mainland", Wanted::Any),
    ("district", Wanted::Any),
    ("outskirts", Wanted::Any),
    ("suburbs", Wanted::Settlement),
    ("metro", Wanted::Settlement),
    ("metroplex", Wanted::Settlement),
    ("downtown", Wanted::Settlement),
    ("city", Wanted::Settlement),
    ("town", Wanted::Settlement),
    ("village", Wanted::Settlement),
    ("township", Wanted::Settlement),
    ("airport", Wanted::Settlement),
    ("province", Wanted::Admin),
    ("governorate", Wanted::Admin),
    ("state", Wanted::Admin),
];

/// Abbreviated words news and spreadsheets write, and the words they stand for, before the
/// last word ("St Louis County"; a last "St." is a street). "N.", "S.", "E.", "W." and "NE",
/// "SW" … only as the first word ("W. Africa", "SW Georgia"), where they are compass points.
const WORDS: &[(&str, &str)] = &[
    ("&", "and"),
    ("st.", "Saint"),
    ("st", "Saint"),
    ("ste.", "Sainte"),
    ("mt.", "Mount"),
    ("ft.", "Fort"),
    ("pt.", "Port"),
];
const FIRST_WORDS: &[(&str, &str)] = &[
    ("n.", "North"),
    ("s.", "South"),
    ("e.", "East"),
    ("w.", "West"),
    ("ne", "Northeast"),
    ("nw", "Northwest"),
    ("se", "Southeast"),
    ("sw", "Southwest"),
];
/// "Co." for "County", in any place of a name of two words or more: Ireland writes it first
/// ("Co. Cork"), American spreadsheets last ("Twiggs Co").
const COUNTY_WORDS: &[&str] = &["co.", "co"];

/// The names to try, in order, for a query that matched nothing: the query with its
/// abbreviations written out, then the place a qualified query names (of the written-out
/// form). Empty when there is nothing to rewrite.
pub(super) fn rewrites(query: &str) -> Vec<Rewrite> {
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut out = Vec::new();
    let spelled = spelled_out(&words);
    let words: Vec<&str> = match &spelled {
        Some(s) => {
            out.push(Rewrite {
                name: s.clone(),
                kind: MatchKind::Abbreviation,
                wanted: Wanted::Any,
            });
            s.split_whitespace().collect()
        }
        None => words,
    };
    for (head, wanted) in unqualified(&words) {
        out.push(Rewrite {
            name: head.join(" "),
            kind: MatchKind::Part,
            wanted,
        });
    }
    out
}

/// The words with abbreviations written out, or `None` when none is there.
fn spelled_out(words: &[&str]) -> Option<String> {
    let mut changed = false;
    let last = words.len().saturating_sub(1);
    let out: Vec<&str> = words
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            let lower = w.to_lowercase();
            let table_word = WORDS
                .iter()
                .chain(if i == 0 { FIRST_WORDS } else { &[] })
                .find(|(abbr, _)| *abbr == lower)
                .map(|&(_, full)| full);
            // (A last "St." is a street: "Main St.")
            match table_word {
                Some(full) if i < last && words.len() > 1 => {
                    changed = true;
                    full
                }
                _ if words.len() > 1 && COUNTY_WORDS.contains(&lower.as_str()) => {
                    changed = true;
                    "County"
                }
                _ => w,
            }
        })
        .collect();
    changed.then(|| out.join(" "))
}

/// The places a qualified name may name, most specific first, with the kind the qualifiers
/// ask for: the words without what follows the place ("North Dallas area" → "North Dallas"),
/// then without what precedes it too ("Dallas"). Empty when the words carry no qualifier or
/// nothing is left without them.
fn unqualified<'a>(words: &[&'a str]) -> Vec<(Vec<&'a str>, Wanted)> {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    // ("The" alone qualifies nothing: "the Netherlands" is the whole country.)
    let first = usize::from(lower.first().is_some_and(|w| w == "the"));
    // After: "area", "metro area", "countryside" …, in any number.
    let mut end = words.len();
    let mut after = Wanted::Any;
    'trailing: while end > first + 1 {
        for &(phrase, w) in TRAILING {
            let n = phrase.split(' ').count();
            if end > first + n
                && lower[end - n..end]
                    .iter()
                    .map(String::as_str)
                    .eq(phrase.split(' '))
            {
                after = first_asked(after, w);
                end -= n;
                continue 'trailing;
            }
        }
        break;
    }
    // Before: compass points, "metro", "outskirts of" …, in any number.
    let mut start = first;
    let mut before = Wanted::Any;
    while let Some(word) = lower.get(start).filter(|_| start < end) {
        if is_compass_word(word) {
            start += 1;
        } else if let Some(&(_, w)) = LEADING.iter().find(|(q, _)| q == word) {
            before = first_asked(before, w);
            start += 1;
        } else if let Some(&(_, w)) = LEADING_OF.iter().find(|(q, _)| q == word)
            && lower.get(start + 1).is_some_and(|n| n == "of")
        {
            before = first_asked(before, w);
            start += 2;
        } else {
            break;
        }
    }
    let mut out = Vec::new();
    if end < words.len() && first < end {
        out.push((words[first..end].to_vec(), after));
    }
    if start > first && start < end {
        out.push((words[start..end].to_vec(), first_asked(before, after)));
    }
    out
}

/// The kind asked for by the first qualifier that asks for one.
fn first_asked(so_far: Wanted, next: Wanted) -> Wanted {
    if so_far == Wanted::Any { next } else { so_far }
}

/// "north", "Northern", "south-east", "southwestern", "north-central", "central": a word of
/// direction, in any case, with or without its hyphen. Also what the resolver asks of the
/// word in "in northeastern Syria".
pub fn is_compass_word(word: &str) -> bool {
    let joined: String = word
        .chars()
        .filter(|&c| c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if joined == "central" {
        return true;
    }
    let bare = joined
        .strip_suffix("central")
        .filter(|rest| !rest.is_empty())
        .unwrap_or(&joined);
    let bare = bare.strip_suffix("ern").unwrap_or(bare);
    matches!(
        bare,
        "north" | "south" | "east" | "west" | "northeast" | "northwest" | "southeast" | "southwest"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(query: &str) -> Vec<(String, MatchKind, Wanted)> {
        rewrites(query)
            .into_iter()
            .map(|r| (r.name, r.kind, r.wanted))
            .collect()
    }

    #[test]
    fn qualified_names_give_their_place() {
        use MatchKind::Part;
        let table: &[(&str, &str, Wanted)] = &[
            ("northern Syria", "Syria", Wanted::Any),
            ("Eastern Ukraine", "Ukraine", Wanted::Any),
            ("south-eastern Turkey", "Turkey", Wanted::Any),
            ("North-central Iraq", "Iraq", Wanted::Any),
            ("the Aleppo countryside", "Aleppo", Wanted::Any),
            ("Raqqa province", "Raqqa", Wanted::Admin),
            ("Washington state", "Washington", Wanted::Admin),
            ("metro Atlanta", "Atlanta", Wanted::Settlement),
            ("Baltimore metro area", "Baltimore", Wanted::Settlement),
            ("the outskirts of Mosul", "Mosul", Wanted::Any),
            ("the city of Deir ez-Zor", "Deir ez-Zor", Wanted::Settlement),
            ("Donetsk airport", "Donetsk", Wanted::Settlement),
            ("Florida Panhandle", "Florida", Wanted::Any),
            ("the Ohio Valley", "Ohio", Wanted::Any),
            ("Turkey border", "Turkey", Wanted::Any),
            ("northern Aleppo countryside", "Aleppo", Wanted::Any),
            ("African continent", "African", Wanted::Any),
        ];
        for (query, head, wanted) in table {
            assert_eq!(
                names(query).last(),
                Some(&(head.to_string(), Part, *wanted)),
                "{query:?}"
            );
        }
        // Most specific first: what precedes the place may be part of its name.
        assert_eq!(
            names("North Dallas area"),
            vec![
                ("North Dallas".to_string(), Part, Wanted::Any),
                ("Dallas".to_string(), Part, Wanted::Any),
            ]
        );
    }

    #[test]
    fn abbreviations_are_written_out_before_the_part_is_taken() {
        assert_eq!(
            names("Jammu & Kashmir"),
            vec![(
                "Jammu and Kashmir".to_string(),
                MatchKind::Abbreviation,
                Wanted::Any
            )]
        );
        assert_eq!(
            names("St. Louis County"),
            vec![(
                "Saint Louis County".to_string(),
                MatchKind::Abbreviation,
                Wanted::Any
            )]
        );
        for (query, written) in [
            ("St Louis County", "Saint Louis County"),
            ("Twiggs Co", "Twiggs County"),
            ("Co. Cork", "County Cork"),
            ("SW Georgia", "Southwest Georgia"),
        ] {
            assert_eq!(
                names(query).first(),
                Some(&(written.to_string(), MatchKind::Abbreviation, Wanted::Any)),
                "{query:?}"
            );
        }
        assert_eq!(
            names("W. Africa region"),
            vec![
                (
                    "West Africa region".to_string(),
                    MatchKind::Abbreviation,
                    Wanted::Any
                ),
                ("West Africa".to_string(), MatchKind::Part, Wanted::Any),
                ("Africa".to_string(), MatchKind::Part, Wanted::Any),
            ]
        );
    }

    #[test]
    fn plain_names_and_bare_qualifiers_are_not_rewritten() {
        for query in [
            "Syria",
            "Main St.",
            "northern",
            "the area",
            "the Netherlands",
            "North",
            "Deir ez-Zor",
            "",
            "city of",
            "S.",
            "SW",
            "Co",
            "St",
        ] {
            assert_eq!(names(query), Vec::new(), "{query:?}");
        }
    }
}
