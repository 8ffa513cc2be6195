//! The recognizer's filters: is a gazetteer match in the text a place mention? Each rule
//! returns the [`Rejection`] that names it, so a decision can be explained and counted.

#![warn(clippy::indexing_slicing)]

use std::fmt;

use crate::gazetteer::{Candidate, Gazetteer};
use crate::text::{Case, Document, Gap, LineCase};

/// Why a gazetteer match is not a place mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// A sect, religion or group word on the stoplist ("Shi'ite", "Sunni").
    Stopword,
    /// An ordinary word capitalised only because it starts a sentence or a headline ("From").
    SentenceInitialWord,
    /// An ordinary capitalised word too weak to be a place on its own ("Police", "March").
    CommonWord,
    /// A short all-capitals token in prose: an acronym, not a place ("IS", "AP").
    Acronym,
    /// Part of a longer capitalised name that is not a place: a person or organisation
    /// ("Jordan Peterson", "Breitbart Jerusalem").
    InsideName,
    /// Followed by a word that makes it an organisation, outlet or facility
    /// ("Washington Post", "Mosul University").
    OrganisationName,
    /// After a title: "Mr. Paris", "President Jackson".
    PersonTitle,
    /// A small place's name among the capitalised words of a headline ("Arab Intel Source").
    HeadlineWord,
    /// Demonyms are switched off.
    DemonymsOff,
}

impl Rejection {
    /// A short lowercase label for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Rejection::Stopword => "stopword",
            Rejection::SentenceInitialWord => "sentence-initial-word",
            Rejection::CommonWord => "common-word",
            Rejection::Acronym => "acronym",
            Rejection::InsideName => "inside-name",
            Rejection::OrganisationName => "organisation-name",
            Rejection::PersonTitle => "person-title",
            Rejection::HeadlineWord => "headline-word",
            Rejection::DemonymsOff => "demonyms-off",
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Arabic articles in Latin transliteration.
const ARABIC_ARTICLES: [&str; 15] = [
    "al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "ath", "adh", "ed", "es", "et", "ez",
];

/// True for a folded Arabic article ("al", "ez").
pub fn is_arabic_article(folded: &str) -> bool {
    ARABIC_ARTICLES.contains(&folded)
}

/// Words that turn a preceding place name into an organisation, outlet or facility name.
const ORGANISATION_WORDS: [&str; 52] = [
    "post",
    "times",
    "journal",
    "herald",
    "tribune",
    "gazette",
    "news",
    "daily",
    "chronicle",
    "observer",
    "review",
    "press",
    "telegraph",
    "examiner",
    "globe",
    "sun",
    "star",
    "inquirer",
    "university",
    "college",
    "institute",
    "school",
    "academy",
    "hospital",
    "clinic",
    "airport",
    "stadium",
    "club",
    "fc",
    "united",
    "city",
    "company",
    "corporation",
    "corp",
    "inc",
    "bank",
    "group",
    "fund",
    "foundation",
    "church",
    "cathedral",
    "mosque",
    "mall",
    "hotel",
    "symphony",
    "orchestra",
    "zoo",
    "museum",
    "street",
    "avenue",
    "road",
    "boulevard",
];
/// Titles before a person's name.
const PERSON_TITLES: [&str; 22] = [
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "president",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "gen",
    "general",
    "judge",
    "justice",
    "rev",
    "father",
    "sister",
    "brother",
    "king",
    "queen",
    "prince",
];
/// Below this importance (log10 population scale: about 100,000 people) a capitalised ordinary
/// word standing alone mid-sentence is taken as the word, not the place ("Police", "March"
/// are small towns; "Reading", "Nice", "Mobile" are not).
const COMMON_WORD_MIN_IMPORTANCE: f64 = 5.0;
/// Feature codes of places that stay places next to capitalised words and at sentence starts:
/// countries, continents, world regions, oceans and first-level regions ("Turkey said",
/// "Chad's army", "Syria President Bashar al-Assad").
const ALWAYS_PLACE_CODES: [&str; 7] = ["CONT", "RGN", "OCN", "SEA", "ADM1", "TERR", "PCLI"];
/// In a Title Case or ALL-CAPS line every word is capitalised, so a single word there names a
/// place only if the place is at least this prominent (about 10,000 people) or country-like.
const HEADLINE_MIN_IMPORTANCE: f64 = 4.0;
/// All-capital tokens this short are acronyms in prose unless the abbreviation table has them.
const ACRONYM_MAX_LETTERS: usize = 4;

fn is_place_word(c: &Candidate<'_>) -> bool {
    c.place.is_country() || ALWAYS_PLACE_CODES.contains(&c.place.feature_code.as_str())
}

/// Decides one match spanning tokens `first..=last` with folded key `key`.
pub fn judge(
    doc: &Document<'_>,
    g: &Gazetteer,
    words: &[&str],
    first: usize,
    last: usize,
    key: &str,
    candidates: &[Candidate<'_>],
) -> Result<(), Rejection> {
    let tokens = doc.tokens();
    let folded = |i: usize| words.get(i).copied().unwrap_or("");
    let Some(start) = tokens.get(first) else {
        return Ok(());
    };
    if g.is_stop_key(key) {
        return Err(Rejection::Stopword);
    }
    let line_case = doc.line_case_of(start);
    let prose = line_case == LineCase::Sentence;
    let strongest = candidates
        .iter()
        .map(|c| c.place.importance)
        .fold(0.0, f64::max);
    let always_place = candidates.iter().any(is_place_word);
    let single = first == last;

    // Short acronyms in prose ("IS", "AP", "UN"): abbreviations are matched separately.
    if single && prose && start.case == Case::Upper {
        let letters = doc.token_text(start).chars().count();
        if letters <= ACRONYM_MAX_LETTERS {
            return Err(Rejection::Acronym);
        }
    }

    if single && !prose && !always_place && strongest < HEADLINE_MIN_IMPORTANCE {
        return Err(Rejection::HeadlineWord);
    }

    let common = single && g.is_common_word(key);
    if common && !always_place && (start.sentence_start || !prose) {
        return Err(Rejection::SentenceInitialWord);
    }

    if prose {
        // Title before the name: "Mr. Paris", "President Jackson".
        if let Some(prev) = first.checked_sub(1).and_then(|p| tokens.get(p)) {
            let prev_word = folded(first - 1);
            if matches!(start.gap, Gap::Space | Gap::Period)
                && prev.case == Case::Title
                && PERSON_TITLES.contains(&prev_word)
                && !always_place
            {
                return Err(Rejection::PersonTitle);
            }
        }
        // Organisation words after the name: "Washington Post", "Mosul University".
        if let Some(next) = tokens.get(last + 1) {
            let next_word = folded(last + 1);
            if next.gap == Gap::Space
                && next.case != Case::Lower
                && ORGANISATION_WORDS.contains(&next_word)
            {
                return Err(Rejection::OrganisationName);
            }
        }
        // Inside a longer capitalised name that is not a place: the neighbour is capitalised,
        // is not an ordinary word, and starts no place name itself.
        let proper_neighbour = |idx: usize, gap_token: usize| -> bool {
            let (Some(n), Some(gt)) = (tokens.get(idx), tokens.get(gap_token)) else {
                return false;
            };
            gt.gap == Gap::Space
                && n.case == Case::Title
                && !n.sentence_start
                && doc.line_case_of(n) == LineCase::Sentence
                && !g.is_common_word(folded(idx))
                && !starts_place(g, folded(idx))
                && !is_arabic_article(folded(idx))
        };
        let before = first.checked_sub(1).is_some_and(|p| {
            tokens.get(first).is_some_and(|t| !t.sentence_start) && proper_neighbour(p, first)
        });
        let after = proper_neighbour(last + 1, last + 1);
        // Countries too: "Jordan Peterson", "Chad Smith". An ordinary word next to a country
        // ("Syria President") is not a name, so this stays safe for them.
        if before || after {
            return Err(Rejection::InsideName);
        }
        if common && strongest < COMMON_WORD_MIN_IMPORTANCE && !always_place {
            return Err(Rejection::CommonWord);
        }
    }
    Ok(())
}

/// True when a folded word is itself a place name (a neighbour that is a place does not make
/// a longer non-place name: "Damascus Aleppo road").
fn starts_place(g: &Gazetteer, word: &str) -> bool {
    let mut w = g.walker();
    w.feed(word.as_bytes()) && w.entry().is_some()
}

/// True when token `i` follows "Town, ": the context in which postal codes and bare state
/// abbreviations are used ("Springfield, IL", "Huntington, W.Va.").
pub fn after_town_comma(doc: &Document<'_>, i: usize) -> bool {
    let tokens = doc.tokens();
    let (Some(t), Some(prev)) = (tokens.get(i), i.checked_sub(1).and_then(|p| tokens.get(p)))
    else {
        return false;
    };
    t.gap == Gap::Comma && matches!(prev.case, Case::Title | Case::Upper)
}
