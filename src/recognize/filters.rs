//! The recognizer's filters: is a gazetteer match in the text a place mention? Each rule
//! returns the [`Rejection`] that names it, so a decision can be explained and counted.

#![warn(clippy::indexing_slicing)]

use std::fmt;

use super::Walks;
use crate::gazetteer::{Candidate, Gazetteer, fold};
use crate::text::{Case, Document, Gap, LineCase, Token};

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
    /// Part of a street's name ("Van Dorn Street").
    OrganisationName,
    /// After a title: "Mr. Paris", "President Jackson".
    PersonTitle,
    /// A small place's name among the capitalised words of a headline ("Arab Intel Source").
    HeadlineWord,
    /// A common first name or surname standing alone ("Jones said", "Obama").
    PersonName,
    /// A word this document already used in a person's or organisation's name ("Hartl said"
    /// after "Gregory Hartl").
    KnownName,
    /// Names a disease or virus ("Marburg virus", "Lassa fever").
    DiseaseName,
    /// Demonyms are switched off.
    DemonymsOff,
    /// Names a military unit raised there, not a place where anything happens ("Fifth New
    /// York Cavalry", "111th Regiment New York Volunteers").
    MilitaryUnit,
    /// A demonym with another common sense ("Indians" of the Americas) in a document that
    /// names no place of its country.
    UncorroboratedDemonym,
    /// A word of four letters or fewer that names no place by its own name, only as an
    /// alternate name ("Jin" for Tsu, "Dist"): too ambiguous, and most often a person's name,
    /// a brand or an abbreviation.
    ShortAlias,
    /// A make of motor vehicle after a model year ("a 1995 Honda Accord"): Honda, Colombia
    /// and Toyota, Japan are towns too.
    VehicleMake,
    /// A name that only sounds like a town of an Arab country ("in Attack" like Ataq, Yemen),
    /// in a document that names no place of that country.
    UncorroboratedSpelling,
    /// A name whose best reading, once resolved, is a small town abroad, far from every other
    /// place the document names: "Esperance" in a story about Angola. (Decided after
    /// resolution, by the pipeline.)
    LoneTownAbroad,
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
            Rejection::OrganisationName => "street-name",
            Rejection::PersonTitle => "person-title",
            Rejection::HeadlineWord => "headline-word",
            Rejection::PersonName => "person-name",
            Rejection::KnownName => "known-name",
            Rejection::DiseaseName => "disease-name",
            Rejection::DemonymsOff => "demonyms-off",
            Rejection::MilitaryUnit => "military-unit",
            Rejection::UncorroboratedDemonym => "uncorroborated-demonym",
            Rejection::ShortAlias => "short-alias",
            Rejection::VehicleMake => "vehicle-make",
            Rejection::UncorroboratedSpelling => "uncorroborated-spelling",
            Rejection::LoneTownAbroad => "lone-town-abroad",
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An accepted match: a place mention, possibly inside an organisation's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A plain place mention.
    Place,
    /// A place named inside an organisation, outlet or facility name ("Butler County Auditor",
    /// "Breitbart Jerusalem", "Washington Post"): the place is referred to, as a source.
    InOrganisation,
}

/// Words before a capitalised run that make it an outlet or organisation ("told Breitbart
/// Jerusalem", "according to Radio Free Asia").
const OUTLET_CUES: [&str; 6] = ["told", "to", "by", "on", "from", "at"];

/// Verbs of saying after a surname ("Moore said").
const SPEECH_VERBS: [&str; 24] = [
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "explained",
    "noted",
    "testified",
    "asked",
    "stated",
    // Verbs a person speaks with, which a town's government seldom does ("the city
    // announced" and "warned" are left out), nor a town's events ("fighting near Palmyra
    // continued").
    "complained",
    "insisted",
    "argued",
    "replied",
    "recalled",
    "admitted",
    "acknowledged",
    "conceded",
    "remarked",
    "commented",
    "stressed",
    "emphasized",
    "emphasised",
    "countered",
];

/// True for a folded Arabic article in Latin transliteration ("al", "ez"). (A `match`: the
/// tagger asks it of many words, and it rules out most by their length alone.)
pub fn is_arabic_article(folded: &str) -> bool {
    matches!(
        folded,
        "al" | "el"
            | "ar"
            | "as"
            | "ad"
            | "an"
            | "at"
            | "az"
            | "ash"
            | "ath"
            | "adh"
            | "ed"
            | "es"
            | "et"
            | "ez"
    )
}

/// True for an Arabic word of kinship that opens a person's name: "Abu Bakr" (father of),
/// "Umm Kulthum" (mother of), "Ibn Saud" and "Mohammed bin Salman" (son of), "bint" (daughter
/// of). (A `match`: it rules out most words by their length alone.)
fn is_kinship_particle(w: &str) -> bool {
    matches!(w, "abu" | "abou" | "umm" | "ibn" | "bin" | "bint")
}

/// True when token `i` is a kinship particle before a capitalised word ("Abu Bakr", "bin
/// Laden"): capitalised, or in lower case as "bin", "ibn" and "bint" are written.
pub fn opens_kinship_name(doc: &Document<'_>, words: &[&str], i: usize) -> bool {
    let tokens = doc.tokens();
    let word = words.get(i).copied().unwrap_or("");
    // (The next token first: most words are followed by no capitalised word.)
    tokens
        .get(i + 1)
        .is_some_and(|n| n.gap == Gap::Space && n.case == Case::Title)
        && is_kinship_particle(word)
        && tokens.get(i).is_some_and(|t| {
            t.case == Case::Title
                || (t.case == Case::Lower && matches!(word, "bin" | "ibn" | "bint"))
        })
}

/// The longest a word of a romanised Chinese or Korean name is taken to be, in letters.
const ROMANISED_NAME_WORD_MAX_LETTERS: usize = 6;

/// True when `word` (folded) reads as one syllable of romanised Chinese or Korean (Pinyin,
/// Wade-Giles, Revised Romanization): an initial, a run of vowels (y and w glides among them)
/// and an optional final n, ng, m, k, l, p, t or h: "jeou", "moon", "te", "in", "myung",
/// "bak", "hye". English hyphen suffixes fail it ("based", "led", "born", "owned", "area").
fn is_romanised_syllable(word: &str) -> bool {
    const INITIALS: [&str; 36] = [
        "ch", "sh", "zh", "ts", "tz", "hs", "kk", "tt", "pp", "ss", "jj", "ph", "th", "kh", "hw",
        "kw", "gw", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "q", "r", "s", "t",
        "x", "y", "z",
    ];
    const FINALS: [&str; 8] = ["ng", "n", "m", "k", "l", "p", "t", "h"];
    if word.is_empty() || word.len() > ROMANISED_NAME_WORD_MAX_LETTERS {
        return false;
    }
    let rest = INITIALS
        .iter()
        .find_map(|i| word.strip_prefix(i).filter(|r| !r.is_empty()))
        .unwrap_or(word);
    let vowels = rest
        .bytes()
        .take_while(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w'))
        .count();
    (1..=3).contains(&vowels) && {
        let tail = &rest[vowels..];
        tail.is_empty() || FINALS.contains(&tail)
    }
}

/// The last token of a Chinese or Korean person's name opening at token `i`: a short
/// capitalised family name and a given name of two romanised syllables joined by a hyphen,
/// the second in lower case ("Ma Ying-jeou", "Ban Ki-moon", "Lai Ching-te", "Moon Jae-in").
/// Not where the first word, or the first two, name a prominent place ("Paris Sit-in",
/// "Hong Kong-run"), and an English particle after the hyphen ("-in", "-out", "-up") only
/// after a syllable ending in a vowel ("Jae-in", not "Sit-in" or "Shoot-out"). Without a
/// hyphen, three words: see [`unhyphenated_east_asian_name_end`].
pub fn east_asian_name_end(
    doc: &Document<'_>,
    g: &Gazetteer,
    words: &[&str],
    i: usize,
) -> Option<usize> {
    let tokens = doc.tokens();
    // (A capitalised word after it first: both forms need one, and most words have none.)
    if tokens
        .get(i + 1)
        .is_none_or(|t| t.gap != Gap::Space || t.case != Case::Title)
    {
        return None;
    }
    let hyphenated = tokens
        .get(i + 2)
        .is_some_and(|t| t.gap == Gap::Hyphen && t.case == Case::Lower);
    if !hyphenated {
        return unhyphenated_east_asian_name_end(doc, g, words, i);
    }
    let short_title = |k: usize| {
        tokens.get(k).is_some_and(|t| t.case == Case::Title)
            && words.get(k).is_some_and(|w| {
                w.len() <= ROMANISED_NAME_WORD_MAX_LETTERS
                    && w.bytes().all(|b| b.is_ascii_lowercase())
            })
    };
    let word = |k: usize| words.get(k).copied().unwrap_or("");
    let joined_on = tokens
        .get(i + 3)
        .is_some_and(|t| matches!(t.gap, Gap::Hyphen | Gap::Apostrophe));
    if joined_on
        || tokens.get(i + 1).is_none_or(|t| t.gap != Gap::Space)
        || !short_title(i)
        || !short_title(i + 1)
        || !is_romanised_syllable(word(i + 1))
        || !is_romanised_syllable(word(i + 2))
    {
        return None;
    }
    let particle = matches!(word(i + 2), "in" | "on" | "out" | "up" | "off" | "run");
    if particle && !word(i + 1).ends_with(['a', 'e', 'i', 'o', 'u']) {
        return None;
    }
    let two = doc
        .text()
        .get(tokens.get(i)?.span.byte_start.0..tokens.get(i + 1)?.span.byte_end.0)?;
    if prominent_by_own_name(g, word(i)) || prominent_by_own_name(g, two) {
        return None;
    }
    Some(i + 2)
}

/// The last token of a Chinese or Korean person's name of three words opening at token `i`,
/// the given name's syllables apart: a family name that is a known person's name (or Lee,
/// Park, Moon, Song, Han, which are English words too) and two short capitalised syllables,
/// and no capitalised word after them ("Lee Hsien Loong": Hsien was Leshou, China, and Loong
/// Lhoong, Indonesia; "Kim Yo Jong"). Not after a preposition of place, nor where the words
/// name a prominent place ("Ho Chi Minh City" is matched whole).
fn unhyphenated_east_asian_name_end(
    doc: &Document<'_>,
    g: &Gazetteer,
    words: &[&str],
    i: usize,
) -> Option<usize> {
    let tokens = doc.tokens();
    let syllable_word = |k: usize| {
        tokens.get(k).is_some_and(|t| {
            t.case == Case::Title && (k == i || (t.gap == Gap::Space && !t.sentence_start))
        }) && words.get(k).is_some_and(|w| is_romanised_syllable(w))
    };
    // (Token shapes first: three short capitalised words in a row are rare.)
    let ends = tokens
        .get(i + 3)
        .is_none_or(|t| t.gap != Gap::Space || t.case == Case::Lower);
    if !(ends && syllable_word(i + 2) && syllable_word(i + 1) && syllable_word(i)) {
        return None;
    }
    let word = |k: usize| words.get(k).copied().unwrap_or("");
    // (Family names that are English words are in no list of names: "Lee", "Park", "Moon".)
    let family_name =
        g.is_person_name(word(i)) || matches!(word(i), "lee" | "park" | "moon" | "song" | "han");
    if !family_name
        || after_place_preposition(doc, words, i)
        || (i..=i + 2).any(|k| {
            tokens
                .get(k)
                .is_some_and(|t| prominent_by_own_name(g, doc.token_text(t)))
        })
    {
        return None;
    }
    Some(i + 2)
}

/// True for a generic Arabic word that opens compound place names (spring, hill, gate, cape,
/// mountain, valley, inn, monastery, village, well, house, castle, meadow, bridge, cave, bath,
/// fort): "Ain Issa", "Tal Rifaat", "Bab al-Hawa", "Khan Younis", "Kafr Nabl". Not "Tell",
/// an English verb ("Tell Me More"). (A `match`: it rules out most words by their length
/// alone.)
pub fn is_arabic_head_word(folded: &str) -> bool {
    matches!(
        folded,
        "ain"
            | "ayn"
            | "ein"
            | "tal"
            | "tall"
            | "bab"
            | "ras"
            | "jabal"
            | "jebel"
            | "wadi"
            | "khan"
            | "deir"
            | "dayr"
            | "kafr"
            | "kfar"
            | "bir"
            | "beit"
            | "bayt"
            | "qasr"
            | "marj"
            | "jisr"
            | "maarat"
            | "maaret"
            | "maarrat"
            | "hammam"
            | "qalaat"
            | "nahr"
    )
}

/// The last token of an Arabic compound place name opening at token `i`: a capitalised
/// generic word ([`is_arabic_head_word`]) and a capitalised word after it, with or without an
/// article ("Ain Issa", "Ain al-Arab", "Tal Rif'at"). None for any other shape.
pub fn arabic_compound_end(doc: &Document<'_>, words: &[&str], i: usize) -> Option<usize> {
    let tokens = doc.tokens();
    // (The shape of the next words first: the test runs at most capitalised words, and the
    // list of head words costs more.)
    let compound_shape = tokens.get(i + 1).is_some_and(|n| {
        n.gap == Gap::Space
            && (n.case == Case::Title || tokens.get(i + 2).is_some_and(|t| t.gap == Gap::Hyphen))
    });
    if !compound_shape
        || tokens.get(i).is_none_or(|t| t.case != Case::Title)
        || !is_arabic_head_word(words.get(i).copied().unwrap_or(""))
    {
        return None;
    }
    if let Some(end) = arabic_name_after(doc, words, i) {
        return Some(end);
    }
    let next = tokens.get(i + 1)?;
    // (Not a function word opening the next clause: "Umar Khan  The doctor …".)
    let function_word = matches!(
        words.get(i + 1).copied().unwrap_or(""),
        "the" | "a" | "an" | "and" | "or" | "but" | "of" | "in" | "on" | "at" | "to" | "for"
    );
    if next.gap != Gap::Space || next.case != Case::Title || next.sentence_start || function_word {
        return None;
    }
    Some(through_apostrophe_parts(tokens, i + 1))
}

/// The last token of the word that ends at token `end` with the lower-case parts an
/// apostrophe joins to it: "Rif'at", "Nu'man".
fn through_apostrophe_parts(tokens: &[Token], mut end: usize) -> usize {
    while tokens
        .get(end + 1)
        .is_some_and(|t| t.gap == Gap::Apostrophe && t.case == Case::Lower)
    {
        end += 1;
    }
    end
}

/// True when tokens `first..=last` are an article name: an Arabic article, a hyphen and a
/// word ("al-Amiri", "el-Sisi").
pub fn is_article_name(words: &[&str], tokens: &[Token], first: usize, last: usize) -> bool {
    last == first + 1
        && tokens.get(last).is_some_and(|t| t.gap == Gap::Hyphen)
        && words.get(first).is_some_and(|w| is_arabic_article(w))
}

/// True when tokens `first..=last` are an article name ("al-Hassan": an article, a hyphen and
/// a capitalised word) right after a capitalised word that is neither a preposition of place
/// nor a prominent place's own name: "Suheil al-Hassan", not "In al-Raqqa" or "Aleppo
/// al-Jadida".
fn family_name_after_word(
    doc: &Document<'_>,
    g: &Gazetteer,
    words: &[&str],
    first: usize,
    last: usize,
) -> bool {
    let tokens = doc.tokens();
    let Some(before) = first.checked_sub(1) else {
        return false;
    };
    is_article_name(words, tokens, first, last)
        && tokens.get(first).is_some_and(|t| t.gap == Gap::Space)
        && tokens
            .get(before)
            .is_some_and(|t| matches!(t.case, Case::Title | Case::Upper))
        && words.get(before).is_some_and(|w| {
            !PLACE_PREPOSITIONS.contains(w) && !is_arabic_article(w) && !is_kinship_particle(w)
        })
        && tokens
            .get(before)
            .is_some_and(|t| !prominent_by_own_name(g, doc.token_text(t)))
}

/// The last token of an Arabic article name right after token `i` ("Bab el-Oued", "Marat
/// al-Nu'man", "Bashar al-Assad"): an article, a hyphen and a capitalised word, with the parts
/// an apostrophe joins to it. None when no such name follows.
pub fn arabic_name_after(doc: &Document<'_>, words: &[&str], i: usize) -> Option<usize> {
    let tokens = doc.tokens();
    // (The hyphen first: it rules out most words at the cost of one comparison.)
    let name = tokens
        .get(i + 2)
        .is_some_and(|t| t.gap == Gap::Hyphen && matches!(t.case, Case::Title | Case::Upper));
    let article = || {
        tokens.get(i + 1).is_some_and(|t| t.gap == Gap::Space)
            && is_arabic_article(words.get(i + 1).copied().unwrap_or(""))
    };
    if !(name && article()) {
        return None;
    }
    Some(through_apostrophe_parts(tokens, i + 2))
}

/// Words that turn a preceding place name into an organisation, outlet or facility name.
const ORGANISATION_WORDS: &[&str] = &[
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
    "court",
    "department",
    "motor",
    "motors",
    "airlines",
    "office",
    "council",
    "commission",
    "agency",
    "authority",
    "cross",
    "crescent",
    "league",
    "assembly",
    "association",
    "society",
    "federation",
    "chamber",
];
/// Words that turn a preceding place name into a disease's name.
const DISEASE_WORDS: [&str; 12] = [
    "virus",
    "ebolavirus",
    "hemorrhagic",
    "haemorrhagic",
    "fever",
    "disease",
    "vaccine",
    "strain",
    "flu",
    "syndrome",
    "pox",
    "encephalitis",
];
/// Prepositions that make a following name a place even when it is also a surname: "in
/// Ferguson", "near Tyler" (not "to" or "at": "said to Ferguson", "at Ferguson", the company).
const PLACE_PREPOSITIONS: [&str; 7] = [
    "in",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
    "into",
];
/// Words after which "of" introduces a place ("a native of Augusta", "formerly of Augusta",
/// "residents of Paris", "north of Lincoln", "the mayor of Jackson").
const PLACE_OF_WORDS: [&str; 22] = [
    "city",
    "citizen",
    "citizens",
    "east",
    "formerly",
    "mayor",
    "native",
    "natives",
    "north",
    "northeast",
    "northwest",
    "outskirts",
    "resident",
    "residents",
    "south",
    "southeast",
    "southwest",
    "suburb",
    "suburbs",
    "town",
    "village",
    "west",
];
/// A standalone common first name or surname is a place only if some candidate is a populated
/// place at least this large ("Lincoln", Nebraska, passes; "Moore", "David" do not).
pub(crate) const PERSON_NAME_MIN_POPULATION: u64 = 200_000;
/// A capitalised ordinary word standing alone is a place only if some candidate is a populated
/// place at least this large ("Reading", "Nice", "Mobile" pass; "Police", "March" do not).
const COMMON_WORD_MIN_POPULATION: u64 = 100_000;
/// After a preposition of place, an ordinary word is a town if some candidate is this large
/// ("in Flagstaff"); below it the word is more likely a name of something else.
const PLACED_COMMON_WORD_MIN_POPULATION: u64 = 10_000;
/// Months and weekdays, which follow "in" as often as towns do ("in March", "in May").
const CALENDAR_WORDS: [&str; 19] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
/// Words after a name that make a place or a facility of the run, not a person's surname.
const PLACE_KIND_WORDS: &[&str] = &[
    "bay",
    "beach",
    "bridge",
    "canyon",
    "center",
    "centre",
    "county",
    "creek",
    "dam",
    "falls",
    "field",
    "forest",
    "harbor",
    "harbour",
    "heights",
    "hill",
    "hills",
    "island",
    "islands",
    "lake",
    "mountain",
    "mountains",
    "national",
    "park",
    "parish",
    "point",
    "port",
    "river",
    "springs",
    "square",
    "state",
    "station",
    "township",
    "valley",
    "village",
];
/// Capitalised words that close the name of a natural feature ("Kanawha River", "Las Vegas
/// Valley", "Rikers Island", "Folly Island"), whether or not the gazetteer knows the words
/// before them, which every corpus marks whole.
const NATURAL_FEATURE_WORDS: [&str; 18] = [
    "bay",
    "bayou",
    "canyon",
    "creek",
    "falls",
    "harbor",
    "harbour",
    "inlet",
    "island",
    "islands",
    "lake",
    "mountain",
    "mountains",
    "pass",
    "peninsula",
    "prairie",
    "river",
    "valley",
];
/// Capitalised words that close the name of a landmark or a feature after a place's name
/// ("Union Station", "Morton's Ford"); after unknown words they also close names of things
/// ("Jurassic Park"), so they count only after a place. Not "State", "County" or "National",
/// after which the corpora mark the place's name alone.
const LANDMARK_WORDS: [&str; 12] = [
    "bridge", "crossing", "dam", "ford", "gap", "landing", "park", "sea", "square", "station",
    "township", "woods",
];

/// A word of either list: it closes a feature's name after a place's.
fn is_feature_word(w: &str) -> bool {
    NATURAL_FEATURE_WORDS.contains(&w) || LANDMARK_WORDS.contains(&w)
}
/// Words that close the name of a street or road, written out: the place in the name is not
/// referred to, and the street is a place of its own ("Wichita Drive").
const STREET_WORDS: [&str; 7] = [
    "street",
    "avenue",
    "road",
    "boulevard",
    "drive",
    "lane",
    "parkway",
];
/// The same abbreviated: still a street, but the period would belong to its name.
const STREET_ABBREVIATIONS: [&str; 3] = ["ave", "rd", "blvd"];

fn is_street_word(w: &str) -> bool {
    STREET_WORDS.contains(&w) || STREET_ABBREVIATIONS.contains(&w)
}
/// How many capitalised words after a name may stand before the organisation word that
/// closes the run ("Alexandria Circuit Court", "Van Dorn Street").
const ORGANISATION_LOOKAHEAD: usize = 3;
/// Titles of office that follow the name of the place the office governs ("Monroe Mayor Robert
/// Routson", "Arkansas Gov. Mike Huckabee", "Ohio Sen. Sherrod Brown"): the place stands
/// alone, and the capitalised title makes no person's or organisation's name of it.
const JURISDICTION_TITLES: [&str; 15] = [
    "mayor",
    "gov",
    "governor",
    "lt",
    "sen",
    "senator",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "councilman",
    "councilwoman",
    "councilmember",
    "commissioner",
    "sheriff",
];
/// Nouns for a town's police and its public unrest, which follow the town's name and not a
/// person's: "Ferguson police", "the Ferguson Police Department", "Ferguson PD", "Ferguson
/// protesters", "Baltimore riots". A surname-like name before one is the place (see
/// [`placed`]).
const TOWN_EVENT_NOUNS: [&str; 12] = [
    "police",
    "pd",
    "protest",
    "protests",
    "protesters",
    "protestors",
    "riot",
    "riots",
    "rioters",
    "rioting",
    "unrest",
    "residents",
];
/// Words before a town's name that name a part of it or of its region ("East Oxford",
/// "Greater Manchester").
fn is_compass_word(w: &str) -> bool {
    // (A `match` on strings tests the length first; this runs for most names.)
    matches!(
        w,
        "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "upper"
            | "lower"
            | "greater"
            | "inner"
            | "outer"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
            | "northeastern"
            | "northwestern"
            | "southeastern"
            | "southwestern"
    )
}
/// Titles before a person's name.
const PERSON_TITLES: [&str; 66] = [
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
    "minister",
    "chancellor",
    "premier",
    "ambassador",
    "secretary",
    "envoy",
    "sheikh",
    "emir",
    "ayatollah",
    "imam",
    "pope",
    "cardinal",
    "bishop",
    "rabbi",
    "captain",
    "capt",
    "colonel",
    "col",
    "lieutenant",
    "major",
    "maj",
    "sergeant",
    "sgt",
    "corporal",
    "cpl",
    "detective",
    "officer",
    "coach",
    "professor",
    "prof",
    "trooper",
    "deputy",
    "constable",
    "const",
    "pastor",
    "reverend",
    "deacon",
    "mayor",
    "sheriff",
    "councilman",
    "councilwoman",
    "commissioner",
    "chairman",
    "chairwoman",
];
/// The most capitalised words that may qualify a title of office before it ("Deputy Prime
/// Minister", "Foreign Minister").
const TITLE_QUALIFIERS_MAX: usize = 2;

/// True when a title of office begins at token `k`: a capitalised word of [`PERSON_TITLES`]
/// there, or after up to [`TITLE_QUALIFIERS_MAX`] capitalised words ("Prime Minister",
/// "Deputy Foreign Minister"), before a name or a comma.
pub fn title_of_office_at(doc: &Document<'_>, words: &[&str], k: usize) -> bool {
    let tokens = doc.tokens();
    for j in k..=k + TITLE_QUALIFIERS_MAX {
        let Some(t) = tokens.get(j) else { return false };
        if t.gap != Gap::Space || t.case != Case::Title {
            return false;
        }
        if words.get(j).is_some_and(|w| PERSON_TITLES.contains(w)) {
            // A holder's name or a comma follows: not "General Assembly", "Attorney
            // General's Office", "Premier League".
            return tokens.get(j + 1).is_some_and(|n| {
                n.gap == Gap::Comma
                    || (n.gap == Gap::Space
                        && n.case == Case::Title
                        && !words
                            .get(j + 1)
                            .is_some_and(|w| ORGANISATION_WORDS.contains(w)))
            });
        }
    }
    false
}

/// Feature codes of places that stay places next to capitalised words and at sentence starts:
/// countries, continents, world regions, oceans and first-level regions ("Turkey said",
/// "Chad's army", "Syria President Bashar al-Assad").
/// A first-level unit keeps its name against the person filters ("Virginia", "Georgia") only
/// in a country of at least this many people: microstates' parishes are named after saints
/// and people ("Michael", "Patrick", "Saint John").
const REGION_COUNTRY_MIN_POPULATION: u64 = 1_000_000;
/// Nor does a first-level unit less prominent than this (importance, on the scale of log10 of
/// people; a US state is 6.5 or more): New Zealand's Nelson region (5.2) does not make
/// "Nelson said" a place.
const REGION_MIN_IMPORTANCE: f64 = 5.5;
const ALWAYS_PLACE_CODES: [&[u8]; 7] = [b"CONT", b"RGN", b"OCN", b"SEA", b"ADM1", b"TERR", b"PCLI"];
/// In a Title Case or ALL-CAPS line every word is capitalised, so a single word there names a
/// place only if the place is at least this prominent (about 10,000 people) or country-like.
const HEADLINE_MIN_IMPORTANCE: f64 = 4.0;
/// A single word this short (in bytes, folded) counts only as some place's own name.
const SHORT_ALIAS_MAX_BYTES: usize = 4;
/// All-capital tokens this short are acronyms in prose unless the abbreviation table has them.
const ACRONYM_MAX_LETTERS: usize = 4;

fn is_place_word(c: &Candidate<'_>) -> bool {
    c.place.is_country() || ALWAYS_PLACE_CODES.contains(&c.place.feature_code.as_bytes())
}

/// A country or continent written with its own name ("Turkey", "Chad", "Jordan"): a place
/// even where it is also an ordinary word or a first name, unless a neighbour says otherwise.
fn is_own_country_name(c: &Candidate<'_>) -> bool {
    use crate::gazetteer::MatchKind;
    (c.place.is_country() || c.place.feature_code.as_bytes() == b"CONT")
        && matches!(c.match_kind, MatchKind::Exact | MatchKind::Folded)
}

/// What [`judge`] asks of a match's candidates, gathered in one pass: a name can have a
/// couple of hundred candidates, and the filters ask several questions of each.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CandidateFacts {
    /// The highest importance.
    strongest: f64,
    /// Some candidate is country-like or a region ([`is_place_word`]).
    always_place: bool,
    /// Some candidate is a country or continent by its own name ([`is_own_country_name`]).
    own_country: bool,
    /// Some candidate is called by its own name (exact or folded, not an alias).
    own_name: bool,
    /// Some candidate called by its own name is country-like or a region: "Virginia". Not the
    /// first-level units of a country smaller than [`REGION_COUNTRY_MIN_POPULATION`] (the Isle
    /// of Man's parishes "Michael" and "Patrick").
    own_region: bool,
    /// Some candidate called by its own name is a first- or second-level division.
    own_division: bool,
    /// Some candidate is a second-level division, by any name ("Swift" for Swift County).
    any_admin2: bool,
    /// The largest population among candidates that are populated places or countries
    /// called by their own name (an alias that is an ordinary word, "Drug" for Durg, proves
    /// nothing).
    largest_population: u64,
    /// The largest population among populated places reached by an alias only ("Vegas" for
    /// Las Vegas, "Weems" for Smithfield).
    largest_alias_town: u64,
    /// The best-ranked candidate is reached as a demonym.
    demonym_first: bool,
}

impl CandidateFacts {
    /// The facts of a list of candidates.
    pub fn of(g: &Gazetteer, candidates: &[Candidate<'_>]) -> CandidateFacts {
        use crate::gazetteer::MatchKind;
        let mut f = CandidateFacts {
            demonym_first: candidates
                .first()
                .is_some_and(|c| c.match_kind == MatchKind::Demonym),
            ..CandidateFacts::default()
        };
        for c in candidates {
            let own_name = matches!(c.match_kind, MatchKind::Exact | MatchKind::Folded);
            let place_word = is_place_word(c);
            f.strongest = f.strongest.max(c.place.importance);
            f.always_place |= place_word;
            f.own_country |= is_own_country_name(c);
            f.own_name |= own_name;
            let minor_unit = c.place.is_admin1()
                && (c.place.importance < REGION_MIN_IMPORTANCE
                    || g.country_of(&c.place)
                        .is_none_or(|country| country.population < REGION_COUNTRY_MIN_POPULATION));
            f.own_region |= own_name && place_word && !minor_unit;
            f.own_division |= own_name && (c.place.is_admin1() || c.place.is_admin2());
            f.any_admin2 |= c.place.is_admin2();
            if own_name
                && (c.place.feature_class == Some(crate::gazetteer::FeatureClass::P)
                    || c.place.is_country())
            {
                f.largest_population = f.largest_population.max(c.place.population);
            }
            if c.match_kind == MatchKind::Alias
                && c.place.feature_class == Some(crate::gazetteer::FeatureClass::P)
            {
                f.largest_alias_town = f.largest_alias_town.max(c.place.population);
            }
        }
        f
    }

    /// True when some candidate is a country, continent or region called by its own name
    /// ("Russia", "Virginia").
    pub fn names_a_country_or_region(&self) -> bool {
        self.own_country || self.own_region
    }

    /// True when some candidate is called by its own name, not only by an alias.
    pub fn has_own_name(&self) -> bool {
        self.own_name
    }

    /// True when the best-ranked candidate is reached as a demonym ("Canadian").
    pub fn demonym_first(&self) -> bool {
        self.demonym_first
    }
}

/// True when tokens `first..=last` open a line and are followed by a comma, a dash or a
/// parenthesis: the shape of a wire dateline.
fn dateline_shape(doc: &Document<'_>, first: usize, last: usize) -> bool {
    let tokens = doc.tokens();
    let opens_line = tokens
        .get(first)
        .is_some_and(|t| matches!(t.gap, Gap::Start | Gap::Newline));
    let Some(end) = tokens.get(last).map(|t| t.span.byte_end.0) else {
        return false;
    };
    let next = doc
        .text()
        .get(end..)
        .unwrap_or("")
        .trim_start_matches([' ', '\t']);
    opens_line && next.starts_with([',', '—', '–', '-', '('])
}

/// Decides one match spanning tokens `first..=last` with folded key `key`.
#[allow(clippy::too_many_arguments)] // the match, its document and what is known of names
pub fn judge<'g>(
    doc: &Document<'_>,
    g: &'g Gazetteer,
    walks: &mut Walks<'g>,
    words: &[&str],
    first: usize,
    last: usize,
    key: &str,
    facts: &CandidateFacts,
) -> Result<Verdict, Rejection> {
    let tokens = doc.tokens();
    let folded = |i: usize| words.get(i).copied().unwrap_or("");
    let Some(start) = tokens.get(first) else {
        return Ok(Verdict::Place);
    };
    if g.is_stop_key(key) {
        return Err(Rejection::Stopword);
    }
    // "a 1995 Honda", "a Toyota Camry", "the Dodge Durango": a car, make and model.
    if first == last
        && (after_model_year(doc, words, first)
            || before_model_name(doc, words, first)
            || first
                .checked_sub(1)
                .is_some_and(|k| before_model_name(doc, words, k)))
    {
        return Err(Rejection::VehicleMake);
    }
    let line_case = doc.line_case_of(start);
    let prose = line_case == LineCase::Sentence;
    let strongest = facts.strongest;
    let always_place = facts.always_place;
    let single = first == last;

    // Short acronyms in prose ("IS", "AP", "UN"): abbreviations are matched separately. Not
    // a dateline's city ("KYIV, Ukraine (AP) —", "ADEN —"), which opens its line.
    if single && prose && start.case == Case::Upper && !dateline_shape(doc, first, last) {
        let letters = doc.token_text(start).chars().count();
        if letters <= ACRONYM_MAX_LETTERS {
            return Err(Rejection::Acronym);
        }
    }

    if single && !prose && !always_place && strongest < HEADLINE_MIN_IMPORTANCE {
        return Err(Rejection::HeadlineWord);
    }

    let own_country = facts.own_country;
    // "The City", "The Valley": only names that really begin with "The" (The Hague).
    if key.starts_with("the ") && !facts.own_name {
        return Err(Rejection::CommonWord);
    }
    let common = single && g.is_common_word(key);
    // "French ministers promised": a demonym before a lower-case word opens a sentence as a
    // people, not as a common word.
    let demonym_before_noun = facts.demonym_first()
        && tokens
            .get(last + 1)
            .is_some_and(|t| t.gap == Gap::Space && t.case == Case::Lower);
    // "PHOENIX (AP) —": a dateline's city in capitals is not a sentence's first word.
    let dateline = start.case == Case::Upper && dateline_shape(doc, first, last);
    if common
        && !own_country
        && !demonym_before_noun
        && !dateline
        && (start.sentence_start || !prose)
    {
        return Err(Rejection::SentenceInitialWord);
    }
    // "Jin", "Wal": GeoNames' alternate names hold many short forms (readings, codes); a short
    // word that is no place's own name is not taken for one. Demonyms are names of their own,
    // and so are counties' bare names ("Cass" for Cass County).
    if single
        && key.len() <= SHORT_ALIAS_MAX_BYTES
        && !facts.own_name
        && !facts.demonym_first()
        && !facts.any_admin2
    {
        return Err(Rejection::ShortAlias);
    }
    // A disease named after a place: "Marburg virus", "West Nile fever", "Ebola-Reston".
    if let Some(next) = tokens.get(last + 1) {
        if next.gap == Gap::Space && DISEASE_WORDS.contains(&folded(last + 1)) {
            return Err(Rejection::DiseaseName);
        }
    }
    if first >= 1 && start.gap == Gap::Hyphen && folded(first - 1) == "ebola" {
        return Err(Rejection::DiseaseName);
    }

    if military_unit(doc, words, first, last) {
        return Err(Rejection::MilitaryUnit);
    }
    // "the Bab al-Hawa crossing", "Bashar al-Assad": a word an article name follows opens a
    // longer name, which the gazetteer would have matched whole if it held it (after a
    // preposition of place such a name is kept whole: see `recognize_with`). Countries and
    // demonyms stand alone: "Syrian al-Qaeda rebels".
    if single
        && !own_country
        && !facts.own_region
        && !facts.demonym_first()
        && arabic_name_after(doc, words, last).is_some()
    {
        return Err(Rejection::InsideName);
    }
    // "Suheil al-Hassan", "Hadi al-Amiri": the other half, an article name right after a
    // capitalised word that is no prominent place, is a family name (a place's compound name
    // would have been matched whole, or as an Arabic compound: see `recognize_with`).
    // (Not inside a stoplisted group's name, "Liwa al-Quds", which is rejected whole below.)
    if family_name_after_word(doc, g, words, first, last)
        && !own_country
        && !facts.own_region
        && stoplisted_name_around(doc, g, words, first, last).is_none()
    {
        return Err(Rejection::InsideName);
    }
    // "Abu Bakr", "Mohammed bin Salman": the word after a kinship particle is a person's.
    if single && !own_country && first >= 1 && opens_kinship_name(doc, words, first - 1) {
        return Err(Rejection::InsideName);
    }
    // Initials before the name: "Lieutenant S. C. Boylston", "Terry A. Corbin", "Roy S.
    // Nelson": inside a person's name, which the rest of the document then remembers
    // ("Corbin died").
    // A country too after a first name and initials: "Matthew D. Jordan" (not "in S. Korea").
    if single
        && after_initials(doc, first)
        && (!own_country || first_name_before_initials(doc, g, words, first))
    {
        return Err(Rejection::InsideName);
    }
    // Title before the name: "Mr. Paris", "President Jackson"; in a headline too ("Watch
    // President Obama Deliver Remarks"). Or two words before a one-word name, a first name
    // between: "Foreign Minister Karel Schwarzenberg".
    let title_at = |k: usize| {
        tokens.get(k).is_some_and(|t| t.case == Case::Title) && PERSON_TITLES.contains(&folded(k))
    };
    // (The cheap token tests before the list.)
    let title_before =
        matches!(start.gap, Gap::Space | Gap::Period) && first.checked_sub(1).is_some_and(title_at);
    let title_two_before = single
        && start.gap == Gap::Space
        && first >= 2
        && tokens
            .get(first - 1)
            .is_some_and(|t| t.gap == Gap::Space && t.case == Case::Title && !t.sentence_start)
        && title_at(first - 2);
    if (title_before || title_two_before) && !always_place {
        return Err(Rejection::PersonTitle);
    }
    // A person's name standing alone in a headline (in prose, below, after the cues that
    // only prose has).
    if !prose && single && lone_person_name(g, key, facts, placed(doc, g, words, first, last)) {
        return Err(Rejection::PersonName);
    }
    if prose {
        // Organisation words after the name, directly or closing a run of capitalised words:
        // "Washington Post", "Mosul University", "Butler County Coroner's Office".
        // "Arkansas Democrat-Gazette" joins its words with a hyphen.
        let mut in_organisation = false;
        for k in (last + 1)..(last + 1 + ORGANISATION_LOOKAHEAD) {
            let Some(next) = tokens.get(k) else { break };
            let joined = next.gap == Gap::Space || (k > last + 1 && next.gap == Gap::Hyphen);
            if !joined || next.case == Case::Lower {
                break;
            }
            if ORGANISATION_WORDS.contains(&folded(k)) {
                in_organisation = true;
                break;
            }
        }
        // "the Times of India", "the Bank of England": an organisation word and "of" before it.
        if first >= 2
            && folded(first - 1) == "of"
            && tokens.get(first - 1).is_some_and(|t| t.case == Case::Lower)
            && tokens.get(first - 2).is_some_and(|t| t.case == Case::Title)
            && ORGANISATION_WORDS.contains(&folded(first - 2))
        {
            in_organisation = true;
        }
        // Streets are not the place they are named after ("Van Dorn Street", "Wichita
        // Drive"), whether or not an organisation word closes the run of capitalised words.
        let street = (last + 1..last + 1 + ORGANISATION_LOOKAHEAD)
            .take_while(|&k| {
                tokens
                    .get(k)
                    .is_some_and(|t| t.gap == Gap::Space && t.case != Case::Lower)
            })
            .any(|k| is_street_word(folded(k)));
        if street {
            return Err(Rejection::OrganisationName);
        }
        // A compound name joined by a hyphen to a capitalised word that is no place: "the
        // Virginian-Pilot", "Pro-Russian". (Not an article, "Al-Qaim", a pair of places,
        // "Syria-Iraq", or a party letter, "D-Charleston".) For a small place, an ordinary
        // word is no place either, though a town carries it: "Wal-Mart" (Mart, Texas).
        let small = facts.largest_population < PERSON_NAME_MIN_POPULATION;
        let mut compound_with = |k: usize| {
            tokens
                .get(k)
                .is_some_and(|t| t.case == Case::Title && doc.token_text(t).chars().count() > 1)
                && (!walks.is_name(g, folded(k)) || (small && g.is_common_word(folded(k))))
                && !starts_longer_name(g, doc, words, k)
                && !is_arabic_article(folded(k))
        };
        let hyphen_compound = (tokens.get(last + 1).is_some_and(|n| n.gap == Gap::Hyphen)
            && compound_with(last + 1))
            || (start.gap == Gap::Hyphen && first >= 1 && compound_with(first - 1));
        if single && hyphen_compound && !own_country && !facts.own_region {
            return Err(Rejection::InsideName);
        }
        // Inside a longer capitalised name that is not a place: the neighbour is capitalised,
        // is not an ordinary word, and starts no place name itself ("Jordan Peterson",
        // "Wal-Mart").
        let mut proper_neighbour = |idx: usize, gap_token: usize| -> bool {
            let (Some(n), Some(gt)) = (tokens.get(idx), tokens.get(gap_token)) else {
                return false;
            };
            // "sub-Saharan": an adjective made with a lower-case prefix is no name.
            let prefixed = n.gap == Gap::Hyphen
                && idx
                    .checked_sub(1)
                    .and_then(|k| tokens.get(k))
                    .is_some_and(|t| t.case == Case::Lower);
            matches!(gt.gap, Gap::Space | Gap::Hyphen)
                && !prefixed
                && n.case == Case::Title
                && (!n.sentence_start || g.is_person_name(folded(idx)))
                && doc.line_case_of(n) == LineCase::Sentence
                && !g.is_common_word(folded(idx))
                // A neighbour that is a place makes no longer name ("Damascus Aleppo road").
                && (!walks.is_name(g, folded(idx)) || g.is_person_name(folded(idx)))
                // (After the match only: a longer name starting before it would run over it,
                // and the tagger would have matched that.)
                && !(idx > last && starts_longer_name(g, doc, words, idx))
                && !is_arabic_article(folded(idx))
                && !is_party_letter(doc, idx)
                && !(idx > last && JURISDICTION_TITLES.contains(&folded(idx)))
        };
        // A surname joined to an Irish or French particle ("O'Connor", "D'Arcy"); after
        // initials, see `after_initials` above.
        let particle_before =
            first >= 1 && start.gap == Gap::Apostrophe && matches!(folded(first - 1), "o" | "d");
        if single && particle_before && !own_country {
            return Err(Rejection::InsideName);
        }
        // A firm of partners: "Stevens & Wilkinson", "Johnson & Johnson".
        let ampersand = |a: usize, b: usize| {
            doc.text()
                .get(a..b)
                .is_some_and(|between| between.trim() == "&")
        };
        // Not a pair of places: "Jammu & Kashmir", "Trinidad & Tobago".
        let partners = (first >= 1
            && tokens.get(first - 1).is_some_and(|p| {
                p.case == Case::Title
                    && ampersand(p.span.byte_end.0, start.span.byte_start.0)
                    && !prominent_place(g, doc.token_text(p))
            }))
            || tokens
                .get(last)
                .zip(tokens.get(last + 1))
                .is_some_and(|(l, n)| {
                    n.case == Case::Title
                        && ampersand(l.span.byte_end.0, n.span.byte_start.0)
                        && !prominent_place(g, doc.token_text(n))
                });
        if single && partners && !own_country {
            return Err(Rejection::InsideName);
        }
        // "the Obama administration": a president's name, not a place.
        let presidency = tokens.get(last + 1).is_some_and(|n| {
            n.gap == Gap::Space && matches!(folded(last + 1), "administration" | "presidency")
        });
        if single
            && presidency
            && !own_country
            && facts.largest_population < PERSON_NAME_MIN_POPULATION
        {
            return Err(Rejection::PersonName);
        }
        let before = first.checked_sub(1).is_some_and(|p| {
            tokens.get(first).is_some_and(|t| !t.sentence_start) && proper_neighbour(p, first)
        });
        // "Ethiopian Prime Minister Abiy Ahmed", "Turkish President Erdogan": a title of
        // office after a demonym or a country says whose office it is; no organisation's name.
        let title_after = (facts.demonym_first() || facts.names_a_country_or_region())
            && title_of_office_at(doc, words, last + 1);
        let after = !title_after && proper_neighbour(last + 1, last + 1);
        // A first name before it, or it is a first name with a surname after it: a person
        // ("Michael Jordan", "Jordan Peterson"; countries too). Otherwise a capitalised name
        // around it is an organisation or outlet named after the place ("Breitbart
        // Jerusalem", "Texas Roadhouse"): kept, as a source.
        // A capitalised name before it makes it a surname ("Barack Obama", "Gregory Hartl"),
        // unless the run follows a verb of telling ("told Breitbart Jerusalem": an outlet).
        // A name after it is a person's when it is a first name ("Jordan Peterson"), else an
        // organisation named after the place ("Texas Roadhouse", "Butler County
        // Transportation Improvement District").
        let is_first_name = single && g.is_person_name(key);
        // A first name before a capitalised word, or before an initial and a capitalised word,
        // is a person's even when that word is an ordinary word or a place name itself
        // ("Michael Green", "Mary Wheeler", "Michael E. Berland"), unless the name is a
        // country or a sizeable town, or the word makes a place or facility of the run
        // ("Logan County", "Lincoln Park", "Augusta National": see `PLACE_KIND_WORDS`).
        let surname_at = |k: usize| {
            tokens
                .get(k)
                .is_some_and(|n| n.gap == Gap::Space && n.case == Case::Title && !n.sentence_start)
                && !PLACE_KIND_WORDS.contains(&folded(k))
                && !ORGANISATION_WORDS.contains(&folded(k))
                && !JURISDICTION_TITLES.contains(&folded(k))
        };
        let initial_then_surname = tokens.get(last + 1).is_some_and(|n| {
            n.gap == Gap::Space && doc.token_text(n).len() == 1 && n.case == Case::Upper
        }) && tokens.get(last + 2).is_some_and(|n| n.gap == Gap::Period)
            && surname_at(last + 2);
        if is_first_name
            && (surname_at(last + 1) || initial_then_surname)
            && !own_country
            && !in_organisation
            && facts.largest_population < PERSON_NAME_MIN_POPULATION
            && !after_place_preposition(doc, words, first)
        {
            return Err(Rejection::InsideName);
        }
        // (Not when the word before is a first name that is no prominent place: "writing to
        // Abraham Lincoln" is a man; "on Dallas-Fort Worth roads" are places.)
        let outlet = before
            && first >= 2
            && tokens.get(first - 1).is_some_and(|t| t.gap == Gap::Space)
            && OUTLET_CUES.contains(&folded(first - 2))
            && !(g.is_person_name(folded(first - 1))
                && tokens
                    .get(first - 1)
                    .is_some_and(|t| !prominent_place(g, doc.token_text(t))));
        // A country or region after a capitalised word that is no first name keeps its name,
        // inside a name of something else ("The Great Alaska Earthquake", "Shakes Iceland
        // Volcano" in a headline): only a first name makes it a surname ("Michael Jordan").
        // Not after an ordinal, which numbers a unit ("Thirtieth Wisconsin", "First New
        // Jersey"), a compass word ("Upper Arkansas"), a title or "United" (a party: "United
        // Russia").
        let country_after_word = || {
            facts.names_a_country_or_region()
                && first.checked_sub(1).is_some_and(|p| {
                    let w = folded(p);
                    !g.is_person_name(w)
                        && !is_ordinal_word(w)
                        && !is_compass_word(w)
                        && !PERSON_TITLES.contains(&w)
                        && w != "united"
                })
        };
        if (before && !outlet && !in_organisation && !country_after_word())
            || (after && is_first_name && !in_organisation)
        {
            return Err(Rejection::InsideName);
        }
        // A first name no list holds ("Marcin Przydacz", "Hamid Moayyad"): the word after it
        // is a surname when it speaks, has an age, or elsewhere in the story speaks on its own
        // or after a title ("Przydacz said"), as a person's name does once introduced. A
        // country keeps its name, and so do a demonym ("American MCs commented") and a name a
        // preposition of place stands before.
        let surname_after = after
            && !in_organisation
            && (before_speech_verb(doc, words, last + 1)
                || described_as_person(doc, words, last + 1, last + 1)
                || speaks_alone_nearby(doc, words, last + 1));
        if single
            && surname_after
            && !own_country
            && !facts.demonym_first()
            && !after_place_preposition(doc, words, first)
        {
            return Err(Rejection::InsideName);
        }
        if before || after {
            in_organisation = true;
        }
        let population = facts.largest_population;
        let placed = placed(doc, g, words, first, last);
        // "this time in Flagstaff": a capitalised ordinary word after a preposition of place,
        // mid-sentence, is the town; never a month or a weekday ("in March").
        // Not the first word of a longer name: "in Eastern Indonesia", "in North India".
        let opens_name = tokens
            .get(last + 1)
            .is_some_and(|n| n.gap == Gap::Space && matches!(n.case, Case::Title | Case::Upper));
        // "Swift and Wilkin counties": a county however the gazetteer names it (read only
        // when the list already made the name placed).
        let placed_town = placed
            && !opens_name
            && (population >= PLACED_COMMON_WORD_MIN_POPULATION
                || facts.own_division
                || (facts.any_admin2 && division_list_follows(doc, words, last + 1)))
            && !CALENDAR_WORDS.contains(&key);
        // States and countries keep their names: "Virginia", "Georgia", "Jordan".
        let own_region = facts.own_region;
        if common
            && population < COMMON_WORD_MIN_POPULATION
            && !own_country
            && !demonym_before_noun
            && !placed_town
        {
            return Err(Rejection::CommonWord);
        }
        // "Burning Man", "a Liberian Man", "the Michelin Man": an ordinary word capitalised
        // after another capitalised word closes a title or a name, whatever town it also names.
        // Not after a word that opens a sentence ("As Phoenix fills up") or a compass word
        // that makes a district of the town ("East Oxford").
        let capitalised_before = first.checked_sub(1).is_some_and(|p| {
            start.gap == Gap::Space
                && !start.sentence_start
                && tokens.get(p).is_some_and(|t| {
                    matches!(t.case, Case::Title | Case::Upper) && !t.sentence_start
                })
                && !is_compass_word(folded(p))
        });
        if common && capitalised_before && !own_country && !own_region && !placed {
            return Err(Rejection::CommonWord);
        }
        // A person's name standing alone, unless it is a sizeable place's own name or a
        // preposition of place stands before it ("protests in Ferguson").
        let minor = population < PERSON_NAME_MIN_POPULATION && !own_region;
        // "Thibodeaux, La., January 21": a line that opens with the name, a comma and one
        // capitalised word (a state) is a dateline's town; not "Santa, The Tooth Fairy".
        let dateline_town = || {
            tokens
                .get(last + 1)
                .is_some_and(|t| t.gap == Gap::Comma && t.case != Case::Lower)
                && tokens.get(last + 2).is_none_or(|t| t.gap != Gap::Space)
                && dateline_shape(doc, first, last)
        };
        if single && lone_person_name(g, key, facts, placed) && !dateline_town() {
            return Err(Rejection::PersonName);
        }
        // "Moore said": a surname before a verb of saying, but not "leaders in Springfield said".
        let speech = tokens
            .get(last + 1)
            .is_some_and(|n| n.gap == Gap::Space && SPEECH_VERBS.contains(&folded(last + 1)));
        // (So does a town named like a person, a first name and another: "Pedro Sanchez
        // said".)
        let person_shaped = single || (last == first + 1 && g.is_person_name(folded(first)));
        if person_shaped && speech && minor && !placed {
            return Err(Rejection::PersonName);
        }
        // "Flores, 26, had just left the Army", "Gulen, who has led": a name followed by an age
        // or by a relative clause of a person.
        if person_shaped && described_as_person(doc, words, first, last) && minor && !placed {
            return Err(Rejection::PersonName);
        }
        if person_shaped && after_saying(doc, words, first, last) && minor && !placed {
            return Err(Rejection::PersonName);
        }
        if in_organisation {
            return Ok(Verdict::InOrganisation);
        }
    }
    Ok(Verdict::Place)
}

/// Makes of motor vehicles that are also names of places, as crash reports write them after a
/// model year ("a 2005 Honda Odyssey", "a 1992 Toyota Corolla").
const VEHICLE_MAKES: [&str; 12] = [
    "cadillac", "dodge", "ford", "honda", "lincoln", "mercedes", "mercury", "nissan", "plymouth",
    "pontiac", "saturn", "toyota",
];

/// The model years [`after_model_year`] accepts.
const MODEL_YEARS: std::ops::RangeInclusive<u32> = 1900..=2039;

/// True when token `k` is a make of vehicle right after a model year: "a 1995 Honda".
fn after_model_year(doc: &Document<'_>, words: &[&str], k: usize) -> bool {
    let tokens = doc.tokens();
    k >= 1
        && words.get(k).is_some_and(|w| VEHICLE_MAKES.contains(w))
        && tokens.get(k).is_some_and(|t| t.gap == Gap::Space)
        && tokens.get(k - 1).is_some_and(|t| {
            let year = doc.token_text(t);
            year.len() == 4 && year.parse::<u32>().is_ok_and(|y| MODEL_YEARS.contains(&y))
        })
}

/// True when token `k` is a make of vehicle before a capitalised word that names a model ("a
/// Toyota Camry", "his Nissan Altima", "a Dodge Durango"), not a place, facility or
/// organisation ("Dodge City", "Lincoln County", "Lincoln Hospital", "Ford Motor").
fn before_model_name(doc: &Document<'_>, words: &[&str], k: usize) -> bool {
    let tokens = doc.tokens();
    let model = words.get(k + 1).copied().unwrap_or("");
    // (The next token first: it rules out most names at the cost of one comparison.)
    tokens
        .get(k + 1)
        .is_some_and(|t| t.gap == Gap::Space && t.case == Case::Title && !t.sentence_start)
        && words.get(k).is_some_and(|w| VEHICLE_MAKES.contains(w))
        && !PLACE_KIND_WORDS.contains(&model)
        && !ORGANISATION_WORDS.contains(&model)
        && !is_feature_word(model)
        && !is_street_word(model)
}

/// The most words after the first that [`starts_longer_name`] reads.
const LONGER_NAME_MAX_WORDS: usize = 3;

/// True when a place name of two or more words starts at token `k` and runs over the words
/// after it, joined by spaces: "Fort Worth" in "Dallas-Fort Worth", whose "Fort" alone is no
/// name.
fn starts_longer_name(g: &Gazetteer, doc: &Document<'_>, words: &[&str], k: usize) -> bool {
    let tokens = doc.tokens();
    // Most neighbours end a clause or a line: no walk.
    if !tokens.get(k + 1).is_some_and(|t| t.gap == Gap::Space) {
        return false;
    }
    let mut walker = g.walker();
    if !words.get(k).is_some_and(|w| walker.feed(w.as_bytes())) {
        return false;
    }
    for j in k + 1..=k + LONGER_NAME_MAX_WORDS {
        let (Some(word), Some(t)) = (words.get(j), tokens.get(j)) else {
            return false;
        };
        if t.gap != Gap::Space || !walker.feed(b" ") || !walker.feed(word.as_bytes()) {
            return false;
        }
        if walker.entry().is_some() {
            return true;
        }
    }
    false
}

/// The last token of a feature named for its owner, whose owner's name ends at token `last`:
/// "Morton's Ford", "Saint Joseph's Island", "Smith's River Valley" (a possessive, then what
/// [`feature_name_end`] reads). None when no possessive follows, or no feature word after it,
/// or the run goes on ("Chesnut's Ford Mustang").
pub fn possessive_feature_end(doc: &Document<'_>, words: &[&str], last: usize) -> Option<usize> {
    let possessive = doc
        .tokens()
        .get(last + 1)
        .is_some_and(|t| t.gap == Gap::Apostrophe && words.get(last + 1) == Some(&"s"));
    possessive
        .then(|| feature_name_end(doc, words, last + 1))
        .flatten()
}

/// The last token of a natural feature's name whose first words end at token `last`: one or
/// more capitalised feature words ([`is_feature_word`]: "Kanawha River", "Red River Valley").
/// None when no such word follows, or when another capitalised word continues the run, which
/// then names something else ("Red River Community College").
pub fn feature_name_end(doc: &Document<'_>, words: &[&str], last: usize) -> Option<usize> {
    let tokens = doc.tokens();
    let capitalised_after = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.gap == Gap::Space && matches!(t.case, Case::Title | Case::Upper))
    };
    let mut end = last;
    while capitalised_after(end + 1) && words.get(end + 1).is_some_and(|w| is_feature_word(w)) {
        end += 1;
    }
    (end > last && !capitalised_after(end + 1)).then_some(end)
}

/// Words that open the name of a natural feature before a name the gazetteer need not know
/// ("Lake Opechee", "Bayou Bartholomew", "Cape Disappointment").
const UNKNOWN_FEATURE_WORDS_BEFORE: [&str; 3] = ["lake", "bayou", "cape"];
/// Words that open sentences and clauses and no name of a feature ("From Grand River we
/// returned"): articles, prepositions, conjunctions, determiners.
const FUNCTION_WORDS: [&str; 36] = [
    "a", "about", "across", "after", "along", "an", "and", "as", "at", "before", "below", "beyond",
    "but", "by", "down", "for", "from", "his", "in", "into", "its", "near", "of", "on", "or",
    "our", "over", "since", "that", "the", "their", "this", "to", "under", "up", "with",
];

/// The last token of the name of a natural feature or a street that starts at token `first`
/// and that the gazetteer does not hold: one or two capitalised words and then a feature or
/// street word ("Folly Island", "North Anna River", "Main Street"), or a feature word and then
/// one or two capitalised words ("Lake Opechee", "Bayou La Rampe"). The name must stand alone
/// in a sentence of prose: no capitalised word right before it (but "The") or after it
/// ("Snake River Plain", "Lake Road"), no number after it ("County Road 35"), no other street
/// or organisation word, no headline. Such a name is a mention to report unresolved rather
/// than to drop.
pub fn unknown_feature_end(doc: &Document<'_>, words: &[&str], first: usize) -> Option<usize> {
    let tokens = doc.tokens();
    let start = tokens.get(first)?;
    if start.case != Case::Title
        || matches!(start.gap, Gap::Hyphen | Gap::Apostrophe)
        || doc.line_case_of(start) != LineCase::Sentence
    {
        return None;
    }
    let word = |k: usize| words.get(k).copied().unwrap_or("");
    // A capitalised word joined to the one before by a space only.
    let joined_title = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.gap == Gap::Space && matches!(t.case, Case::Title | Case::Upper))
    };
    let before_is_name = first.checked_sub(1).is_some_and(|p| {
        start.gap == Gap::Space
            && tokens
                .get(p)
                .is_some_and(|t| matches!(t.case, Case::Title | Case::Upper))
            && word(p) != "the"
    });
    if before_is_name {
        return None;
    }
    let plain_name_word = |k: usize| {
        let w = word(k);
        w.chars().count() > 1
            && w.chars().all(char::is_alphabetic)
            && !NATURAL_FEATURE_WORDS.contains(&w)
            && !is_street_word(w)
            && !ORGANISATION_WORDS.contains(&w)
    };
    let end = if UNKNOWN_FEATURE_WORDS_BEFORE.contains(&word(first)) {
        if !(joined_title(first + 1) && plain_name_word(first + 1)) {
            return None;
        }
        if joined_title(first + 2) && plain_name_word(first + 2) {
            first + 2
        } else {
            first + 1
        }
    } else {
        // The feature word first: most capitalised words have none after them, and the word
        // lists cost more than the case of the next two tokens.
        let feature_at = |k: usize| {
            joined_title(k)
                && (NATURAL_FEATURE_WORDS.contains(&word(k)) || STREET_WORDS.contains(&word(k)))
        };
        let end = if feature_at(first + 1) {
            first + 1
        } else if joined_title(first + 1) && feature_at(first + 2) && plain_name_word(first + 1) {
            first + 2
        } else {
            return None;
        };
        if !plain_name_word(first) || FUNCTION_WORDS.contains(&word(first)) {
            return None;
        }
        end
    };
    // "County Road 35": a number after the name is part of it.
    let number_after = tokens.get(end + 1).is_some_and(|t| {
        t.gap == Gap::Space
            && t.case == Case::Uncased
            && word(end + 1).starts_with(|c: char| c.is_ascii_digit())
    });
    (!joined_title(end + 1) && !number_after).then_some(end)
}

/// "in Ferguson", "#Ferguson", "Gary, Indiana", "Jackson and Barrow counties", "Monroe
/// Mayor", "Ferguson police": the context makes the match from `first` to `last` a place.
pub fn placed(
    doc: &Document<'_>,
    g: &Gazetteer,
    words: &[&str],
    first: usize,
    last: usize,
) -> bool {
    // "in Obama's stimulus law": a possessive after the preposition is an owner's name.
    let possessive = doc
        .tokens()
        .get(last + 1)
        .is_some_and(|n| n.gap == Gap::Apostrophe && words.get(last + 1) == Some(&"s"));
    // A hashtag names its topic on purpose ("#Ferguson"), unless the topic is a person in
    // the news ("#Obama").
    let hashtag = is_hashtag(doc, first) && !words.get(first).is_some_and(|w| g.is_news_person(w));
    (after_place_preposition(doc, words, first) && !possessive)
        || hashtag
        || region_follows(doc, g, words, last + 1)
        || division_list_follows(doc, words, last + 1)
        || office_follows(doc, words, last + 1)
        || (town_event_follows(doc, words, last + 1)
            && !(first == last && words.get(first).is_some_and(|w| g.is_common_word(w))))
}

/// True when token `k` is one of [`TOWN_EVENT_NOUNS`] right after a name, in any case
/// ("Ferguson riot", "Ferguson Police Department"). Not evidence for an ordinary word
/// ("the Police protest", "Union protests"), which [`placed`] checks.
fn town_event_follows(doc: &Document<'_>, words: &[&str], k: usize) -> bool {
    doc.tokens().get(k).is_some_and(|t| t.gap == Gap::Space)
        && words.get(k).is_some_and(|w| TOWN_EVENT_NOUNS.contains(w))
}

/// True when token `k` is a capitalised title of office right after a name ("Monroe Mayor",
/// "Arkansas Gov."): the name is the place the office governs.
fn office_follows(doc: &Document<'_>, words: &[&str], k: usize) -> bool {
    doc.tokens().get(k).is_some_and(|t| {
        t.gap == Gap::Space
            && t.case != Case::Lower
            && words
                .get(k)
                .is_some_and(|w| JURISDICTION_TITLES.contains(w))
    })
}

/// Plural words of division that close a list of their names ("Jackson and Barrow counties").
const DIVISION_PLURALS: [&str; 3] = ["counties", "parishes", "boroughs"];

/// The most tokens read ahead for the end of a list of divisions, and the most words of one
/// name in it ("Lac qui Parle" is 3; a title-case headline runs longer and ends the search).
const DIVISION_LIST_MAX_TOKENS: usize = 40;
const DIVISION_NAME_MAX_WORDS: usize = 3;

/// True when the tokens from `k` on continue a list of names that a plural division word
/// closes: "…, Grant, Mahnomen, Otter Tail, Swift and Wilkin counties", "Jackson and Barrow
/// counties". Only capitalised words, commas, "and" and "or" may stand between; anything else
/// (a lower-case word, a sentence's end) ends the search.
fn division_list_follows(doc: &Document<'_>, words: &[&str], k: usize) -> bool {
    let tokens = doc.tokens();
    // Capitalised words since the last separator; the match itself is the first name's.
    let mut run = 1;
    for (t, word) in tokens
        .iter()
        .zip(words)
        .skip(k)
        .take(DIVISION_LIST_MAX_TOKENS)
    {
        if t.sentence_start || t.case == Case::Uncased || !matches!(t.gap, Gap::Space | Gap::Comma)
        {
            return false;
        }
        if t.case == Case::Lower {
            if DIVISION_PLURALS.contains(word) {
                return t.gap == Gap::Space;
            }
            if !matches!(*word, "and" | "or") {
                return false;
            }
            run = 0;
        } else {
            run = if t.gap == Gap::Comma { 1 } else { run + 1 };
            if run > DIVISION_NAME_MAX_WORDS {
                return false;
            }
        }
    }
    false
}

/// A common first name or surname (census or the team's list) standing for a person: no
/// sizeable place and no region carries it as its own name, and no context places it.
fn lone_person_name(g: &Gazetteer, key: &str, facts: &CandidateFacts, placed: bool) -> bool {
    g.is_person_name(key)
        && facts.largest_population < PERSON_NAME_MIN_POPULATION
        && (facts.own_name || facts.largest_alias_town < PERSON_NAME_MIN_POPULATION)
        && !facts.own_region
        && !placed
}

/// True when a preposition of place stands right before token `i` ("in Ferguson").
/// So does "of" after a person's age ("Mark Kitsmore, 54, of Tyler said") or after a word of
/// residence or direction ("formerly of Augusta", "north of Tyler": [`PLACE_OF_WORDS`]).
pub fn after_place_preposition(doc: &Document<'_>, words: &[&str], i: usize) -> bool {
    let tokens = doc.tokens();
    let word = |k: usize| words.get(k).copied().unwrap_or("");
    if i < 1 || tokens.get(i).is_none_or(|t| t.gap != Gap::Space) {
        return false;
    }
    let of_after_age = word(i - 1) == "of"
        && i >= 2
        && tokens.get(i - 1).is_some_and(|t| t.gap == Gap::Comma)
        && !word(i - 2).is_empty()
        && word(i - 2).bytes().all(|b| b.is_ascii_digit())
        && tokens.get(i - 2).is_some_and(|t| t.gap == Gap::Comma);
    let of_after_place_word = word(i - 1) == "of"
        && i >= 2
        && tokens.get(i - 1).is_some_and(|t| t.gap == Gap::Space)
        && PLACE_OF_WORDS.contains(&word(i - 2));
    PLACE_PREPOSITIONS.contains(&word(i - 1)) || of_after_age || of_after_place_word
}

/// True when token `k` follows a comma and opens the name of a country or first-level region
/// in its own name ("Gary, Indiana", "Paisley, Scotland"): the name before it is a town.
fn region_follows(doc: &Document<'_>, g: &Gazetteer, words: &[&str], k: usize) -> bool {
    let tokens = doc.tokens();
    if !tokens
        .get(k)
        .is_some_and(|t| t.gap == Gap::Comma && t.case == Case::Title)
    {
        return false;
    }
    let mut walker = g.walker();
    let mut surface = String::new();
    for j in k..(k + 3).min(tokens.len()) {
        let word = words.get(j).copied().unwrap_or("");
        if j > k {
            if tokens.get(j).is_none_or(|t| t.gap != Gap::Space) || !walker.feed(b" ") {
                return false;
            }
            surface.push(' ');
        }
        if word.is_empty() || !walker.feed(word.as_bytes()) {
            return false;
        }
        surface.push_str(tokens.get(j).map_or("", |t| doc.token_text(t)));
        if let Some(entry) = walker.entry() {
            let region = g.candidates(entry, &surface, 4).iter().any(|c| {
                (c.place.is_country() || c.place.is_admin1())
                    && matches!(
                        c.match_kind,
                        crate::gazetteer::MatchKind::Exact | crate::gazetteer::MatchKind::Folded
                    )
            });
            if region {
                return true;
            }
        }
    }
    false
}

/// True when a word alone names a country, a first-level region or a town of 100,000: the
/// other half of "Jammu & Kashmir", not of a firm.
fn prominent_place(g: &Gazetteer, word: &str) -> bool {
    prominent(g, word, false)
}

/// As [`prominent_place`], but by the place's own name only: "Ban" is an alias of Van, a
/// Turkish city of 500,000, and still no prominent place's name.
fn prominent_by_own_name(g: &Gazetteer, word: &str) -> bool {
    prominent(g, word, true)
}

fn prominent(g: &Gazetteer, word: &str, own_name_only: bool) -> bool {
    use crate::gazetteer::MatchKind;
    let mut walker = g.walker();
    if !walker.feed(fold::fold(word).as_bytes()) {
        return false;
    }
    walker.entry().is_some_and(|entry| {
        g.candidates(entry, word, 4).iter().any(|c| {
            (!own_name_only || matches!(c.match_kind, MatchKind::Exact | MatchKind::Folded))
                && (c.place.is_country()
                    || c.place.is_admin1()
                    || c.place.population >= COMMON_WORD_MIN_POPULATION)
        })
    })
}

/// True when token `i` is the party letter of a legislator's designation ("Sen. Byron Dorgan,
/// D-N.D.", "Rep. Jane Doe, R-Ohio", "I-Vt."): "D", "R" or "I" joined by a hyphen to the
/// state that follows. It starts no name ("D-N" is an alias of Dierkow-Neu) and does not make
/// the state part of a longer one.
pub fn is_party_letter(doc: &Document<'_>, i: usize) -> bool {
    let tokens = doc.tokens();
    tokens.get(i).is_some_and(|t| {
        matches!(doc.token_text(t), "D" | "R" | "I")
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.gap == Gap::Hyphen && n.case != Case::Lower)
    })
}

/// The longest user name a handle may have before the "@" is no longer looked for.
const HANDLE_MAX_BYTES: usize = 32;

/// True when token `i` lies inside a social-media handle ("@PIB_India", "RT @Tokyo_Trev:",
/// "@Forbes"): an account's name, not a place mention, unlike a hashtag's topic.
pub fn in_handle(doc: &Document<'_>, i: usize) -> bool {
    let Some(t) = doc.tokens().get(i) else {
        return false;
    };
    let before = doc
        .text()
        .as_bytes()
        .get(..t.span.byte_start.0)
        .unwrap_or(&[]);
    let run = before
        .iter()
        .rev()
        .take(HANDLE_MAX_BYTES)
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_')
        .count();
    before.len() > run && before.get(before.len() - run - 1) == Some(&b'@')
}

/// Words that close a military unit's designation after the place that raised it.
const UNIT_WORDS: [&str; 16] = [
    "cavalry",
    "infantry",
    "volunteers",
    "volunteer",
    "vols",
    "vol",
    "militia",
    "artillery",
    "regiment",
    "battalion",
    "battery",
    "zouaves",
    "rangers",
    "mounted",
    "heavy",
    "colored",
];
/// The arms of service that a unit's designation may name before the state that raised it.
const ARM_WORDS: [&str; 6] = [
    "infantry",
    "infty",
    "cavalry",
    "cav",
    "artillery",
    "regiment",
];
/// Ordinal words that number units ("Fifth New York Cavalry", "Thirty-ninth", "One hundred
/// and eleventh").
const ORDINAL_WORDS: [&str; 28] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
    "hundredth",
];

/// True for an ordinal written out ("fifth", "thirtieth"). (Most words end in neither "th" nor
/// one of the three others, so the list is read for few.)
fn is_ordinal_word(w: &str) -> bool {
    (w.ends_with("th") || matches!(w, "first" | "second" | "third")) && ORDINAL_WORDS.contains(&w)
}

/// True when the name at tokens `first..=last` is the place in a military unit's designation:
/// numbered before it ("Fifth", "111th", or "Regiment" in "111th Regiment New York
/// Volunteers") and followed, within two words, by a unit word ("Cavalry", "State Militia").
/// In the War of the Rebellion's records 131 of 132 such names are not annotated as places.
fn military_unit(doc: &Document<'_>, words: &[&str], first: usize, last: usize) -> bool {
    let tokens = doc.tokens();
    let word = |k: usize| words.get(k).copied().unwrap_or("");
    let numbered = first.checked_sub(1).is_some_and(|k| {
        let w = word(k);
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let ordinal_number = !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit())
            && matches!(&w[digits.len()..], "st" | "nd" | "rd" | "th");
        let gap = tokens.get(first).map(|t| t.gap);
        (gap == Some(Gap::Space)
            && (ordinal_number
                || is_ordinal_word(w)
                || matches!(w, "regiment" | "battalion" | "battery")))
            // The arm before the state: "Fifth Infantry California Volunteers", "Eleventh
            // Cavalry, Missouri State Militia", "Second Infty. California Vols.".
            || (matches!(gap, Some(Gap::Space | Gap::Comma | Gap::Period))
                && ARM_WORDS.contains(&w))
    });
    numbered
        && (last + 1..=last + 2)
            .take_while(|&k| {
                tokens
                    .get(k)
                    .is_some_and(|t| t.gap == Gap::Space && t.case != Case::Lower)
            })
            .any(|k| UNIT_WORDS.contains(&word(k)))
}

/// The initials right before token `i`: capital letters each followed by a period ("S. C.
/// Boylston"), as the token where they start and whether all are compass points ("N. Dakota");
/// `None` when there are none.
fn initials_before(doc: &Document<'_>, i: usize) -> Option<(usize, bool)> {
    let tokens = doc.tokens();
    // Token `k` is an initial that a period (and maybe a space) separates from the next token.
    let initial = |k: usize| {
        tokens.get(k + 1).is_some_and(|n| n.gap == Gap::Period)
            && tokens.get(k).is_some_and(|t| {
                let mut letters = doc.token_text(t).chars();
                letters.next().is_some_and(char::is_uppercase) && letters.next().is_none()
            })
    };
    let mut k = i;
    let mut all_compass = true;
    while let Some(prev) = k.checked_sub(1).filter(|&p| initial(p)) {
        all_compass &= tokens
            .get(prev)
            .is_some_and(|t| matches!(doc.token_text(t), "N" | "S" | "E" | "W"));
        k = prev;
    }
    (k < i).then_some((k, all_compass))
}

/// True when a capitalised word stands before token `k`, a space between: where a first name
/// stands before initials ("Roy S. Nelson").
fn title_word_before(doc: &Document<'_>, k: usize) -> bool {
    let tokens = doc.tokens();
    tokens.get(k).is_some_and(|t| t.gap == Gap::Space)
        && k.checked_sub(1)
            .and_then(|p| tokens.get(p))
            .is_some_and(|t| t.case == Case::Title)
}

/// True when token `i` follows a person's initials: capital letters each followed by a
/// period ("S. C. Boylston", "Terry A. Corbin"). Initials that are all compass points are a
/// direction instead ("N. Dakota", "W. Africa", "N.W. Rochester"), unless a first name stands
/// before them in prose ("Roy S. Nelson").
pub fn after_initials(doc: &Document<'_>, i: usize) -> bool {
    let in_prose = |k: usize| {
        doc.tokens()
            .get(k)
            .is_some_and(|t| doc.line_case_of(t) == LineCase::Sentence)
    };
    initials_before(doc, i)
        .is_some_and(|(k, all_compass)| !all_compass || (in_prose(k) && title_word_before(doc, k)))
}

/// True when the initials before token `i` ([`after_initials`]) follow a first name:
/// "Matthew D. Jordan", "Chad M. Smith".
fn first_name_before_initials(doc: &Document<'_>, g: &Gazetteer, words: &[&str], i: usize) -> bool {
    initials_before(doc, i).is_some_and(|(k, _)| {
        title_word_before(doc, k)
            && k.checked_sub(1)
                .and_then(|p| words.get(p))
                .is_some_and(|w| g.is_person_name(w))
    })
}

/// Longest text read as a post of social media ([`is_short_post`]): a tweet, with room for
/// the links it carries written out.
const SHORT_POST_MAX_BYTES: usize = 1_000;

/// True for a short text with a hashtag, a handle or a link: a post of social media, where
/// places are often written in lower case ("flights to japan").
pub fn is_short_post(doc: &Document<'_>) -> bool {
    let text = doc.text();
    text.len() <= SHORT_POST_MAX_BYTES
        && (text.contains("http")
            || text
                .as_bytes()
                .windows(2)
                .any(|w| matches!(w, [b'#' | b'@', next] if next.is_ascii_alphabetic())))
}

/// True when token `i` lies in a link ("http://t.co/japan", "www.nigeria.gov"): the run of
/// text without spaces around it holds "://" or starts with "www.".
pub fn in_link(doc: &Document<'_>, i: usize) -> bool {
    let Some(t) = doc.tokens().get(i) else {
        return false;
    };
    let text = doc.text();
    let start = text
        .get(..t.span.byte_start.0)
        .and_then(|before| before.rfind(char::is_whitespace))
        .map_or(0, |k| k + 1);
    let end = text
        .get(t.span.byte_end.0..)
        .and_then(|after| after.find(char::is_whitespace))
        .map_or(text.len(), |k| t.span.byte_end.0 + k);
    text.get(start..end)
        .is_some_and(|run| run.contains("://") || run.to_ascii_lowercase().starts_with("www."))
}

/// True when a word written in lower case in a post ([`is_short_post`]) may be a place's name:
/// no ordinary word, person's name or stopword ("china", "jordan"). Asked before the index,
/// which most words never reach.
pub fn may_be_lower_case_place(g: &Gazetteer, key: &str) -> bool {
    !(g.is_common_word(key) || g.is_person_name(key) || g.is_stop_key(key))
}

/// Decides a word written in lower case in a post that [`may_be_lower_case_place`]: a place
/// only when it is a country, continent, first-level unit or region by its own name ("japan",
/// "ohio", "africa"), and no demonym ("american").
pub fn judge_lower_case(facts: &CandidateFacts) -> Result<Verdict, Rejection> {
    if facts.demonym_first() {
        return Err(Rejection::CommonWord);
    }
    if facts.own_country || facts.own_region {
        return Ok(Verdict::Place);
    }
    Err(Rejection::CommonWord)
}

/// True when token `i` is a hashtag's word ("#Ferguson"): a topic, named on purpose.
pub fn is_hashtag(doc: &Document<'_>, i: usize) -> bool {
    doc.tokens().get(i).is_some_and(|t| {
        doc.text()
            .get(..t.span.byte_start.0)
            .is_some_and(|before| before.ends_with('#'))
    })
}

/// Decides a hashtag the case filters cannot judge ("#iran", "#SierraLeone"): a place when
/// some candidate is a country, a first-level unit or a region called by its own name
/// ("#Kashmir", "#Sahel"), or a populated place of at least [`COMMON_WORD_MIN_POPULATION`]
/// that is not an ordinary word.
pub fn judge_hashtag(
    g: &Gazetteer,
    key: &str,
    candidates: &[Candidate<'_>],
    facts: &CandidateFacts,
) -> Result<Verdict, Rejection> {
    if g.is_stop_key(key) {
        return Err(Rejection::Stopword);
    }
    if facts.own_country
        || facts.own_region
        || candidates.iter().any(|c| {
            c.place.is_admin1()
                && matches!(
                    c.match_kind,
                    crate::gazetteer::MatchKind::Exact | crate::gazetteer::MatchKind::Folded
                )
        })
    {
        return Ok(Verdict::Place);
    }
    if g.is_common_word(key) {
        return Err(Rejection::CommonWord);
    }
    // A surname-like name tagged in lower case ("#ferguson") is read as the same tag in
    // capitals ("#Ferguson"), which the person filters count as placed: the place that has
    // the name as its own (not an alias), unless a person in the news has it ("#obama").
    if g.is_person_name(key) {
        return if facts.own_name && !g.is_news_person(key) {
            Ok(Verdict::Place)
        } else {
            Err(Rejection::PersonName)
        };
    }
    if facts.largest_population >= COMMON_WORD_MIN_POPULATION {
        return Ok(Verdict::Place);
    }
    Err(Rejection::HeadlineWord)
}

/// Where a word stands among the words a hashtag runs together, for [`judge_hashtag_word`].
#[derive(Clone, Copy, Debug, Default)]
pub struct HashtagWordPlace<'a> {
    /// The word before, folded (none for the first word).
    pub before: Option<&'a str>,
    /// The word ends the hashtag.
    pub last: bool,
}

/// Prepositions after which a hashtag's word is a place rather than a person's name
/// ("#PrayForFerguson", "#LoveFromGaza").
const HASHTAG_PLACE_PREPOSITIONS: [&str; 6] = ["for", "in", "from", "to", "at", "of"];

/// Decides a place named by some of the words a hashtag runs together ("#PrayForGaza").
/// Inside such a hashtag every word is capitalised, so capitals are no evidence: a country by
/// its own name counts; a word of fewer than three letters ("#NoMore") or an ordinary word
/// ("#WestVan") does not, even when it names a place somewhere. A person's name counts when
/// it names a town of [`PERSON_NAME_MIN_POPULATION`] ("Geneva"), or when it is a town's own
/// name, nobody in the news has it, and it stands where a name of a person would not: last,
/// after a preposition ("#PrayForFerguson"; not "#MichaelBrown", "#JusticeForMichaelBrown",
/// whose "Brown" the lists do not know as a surname). Elsewhere it stays a person's
/// ("#FergusonOctober" is lost): the lists cannot tell a first name that a surname follows
/// from a surname that a word follows, nor a show's initials from a city's ("#CBBPerez",
/// "#DCFerguson").
/// The rest as [`judge_hashtag`].
pub fn judge_hashtag_word(
    g: &Gazetteer,
    key: &str,
    place: HashtagWordPlace<'_>,
    candidates: &[Candidate<'_>],
    facts: &CandidateFacts,
) -> Result<Verdict, Rejection> {
    if key.chars().count() < 3 {
        return Err(Rejection::CommonWord);
    }
    if facts.own_country && !g.is_stop_key(key) {
        return Ok(Verdict::Place);
    }
    if g.is_common_word(key) {
        return Err(Rejection::CommonWord);
    }
    if g.is_person_name(key) {
        let topic_position = place.last
            && place
                .before
                .is_some_and(|before| HASHTAG_PLACE_PREPOSITIONS.contains(&before));
        return if facts.largest_population >= PERSON_NAME_MIN_POPULATION
            || (topic_position && facts.own_name && !g.is_news_person(key))
        {
            Ok(Verdict::Place)
        } else {
            Err(Rejection::PersonName)
        };
    }
    judge_hashtag(g, key, candidates, facts)
}

/// How many tokens before and after a word [`speaks_alone_nearby`] reads: more than a news
/// story holds, few enough that a book-length text costs no more than its length.
const SURNAME_WINDOW: usize = 4_000;

/// True when the capitalised word at token `k` stands for a person on its own within
/// [`SURNAME_WINDOW`] tokens: after a title ("Mr. Putin", "President Putin") or, not after
/// another capitalised word, speaking ("Putin said", "said Putin."). A surname does, once its
/// person is introduced; an organisation's word ("the Walmart", "Senior") seldom speaks.
fn speaks_alone_nearby(doc: &Document<'_>, words: &[&str], k: usize) -> bool {
    let tokens = doc.tokens();
    let Some(word) = words.get(k) else {
        return false;
    };
    let alone = |j: usize| {
        let Some(t) = tokens.get(j) else {
            return false;
        };
        let previous = j.checked_sub(1).and_then(|p| tokens.get(p));
        let previous_word = j.checked_sub(1).and_then(|p| words.get(p)).copied();
        let after_name = previous.is_some_and(|p| {
            t.gap == Gap::Space && !t.sentence_start && matches!(p.case, Case::Title | Case::Upper)
        });
        let titled = previous_word.is_some_and(|w| PERSON_TITLES.contains(&w));
        let personal = before_speech_verb(doc, words, j) || after_saying(doc, words, j, j);
        t.case == Case::Title
            && previous_word != Some("the")
            && (titled || (!after_name && personal))
    };
    let lo = k.saturating_sub(SURNAME_WINDOW);
    let hi = k
        .saturating_add(SURNAME_WINDOW)
        .min(words.len())
        .min(tokens.len());
    // (Capitalised tokens first: most are not, and the test costs less than comparing words.)
    let (Some(window), Some(window_words)) = (tokens.get(lo..hi), words.get(lo..hi)) else {
        return false;
    };
    window
        .iter()
        .zip(window_words)
        .enumerate()
        .any(|(offset, (t, w))| {
            t.case == Case::Title && w == word && lo + offset != k && alone(lo + offset)
        })
}

/// True when token `i` is followed by a verb of saying ("Moore said"): a person.
pub fn before_speech_verb(doc: &Document<'_>, words: &[&str], i: usize) -> bool {
    doc.tokens().get(i + 1).is_some_and(|n| {
        n.gap == Gap::Space && SPEECH_VERBS.contains(words.get(i + 1).unwrap_or(&""))
    })
}

/// True when the name at tokens `first..=last` is followed by what news writes after a
/// person's name: an age between commas ("Flores, 26, had") or a relative clause that only a
/// person takes ("Fethullah Gulen, who has led", "Saied, whose party"; a place takes "which"
/// or "where"). Not for a residence, whose clause is its resident's: "Daniel Hufstetler of
/// Roswell, who", "of 1 Carrowclough, Tipperary, who".
pub fn described_as_person(doc: &Document<'_>, words: &[&str], first: usize, last: usize) -> bool {
    let tokens = doc.tokens();
    let residence = || {
        tokens.get(first).is_some_and(|t| t.gap == Gap::Comma)
            || first
                .checked_sub(1)
                .and_then(|p| words.get(p))
                .is_some_and(|w| matches!(*w, "of" | "from") || PLACE_PREPOSITIONS.contains(w))
    };
    age_follows(doc, words, last) || (who_follows(doc, words, last) && !residence())
}

/// True when token `last` is followed by ", who", ", whose" or ", whom".
fn who_follows(doc: &Document<'_>, words: &[&str], last: usize) -> bool {
    doc.tokens()
        .get(last + 1)
        .is_some_and(|t| t.gap == Gap::Comma && t.case == Case::Lower)
        && words
            .get(last + 1)
            .is_some_and(|w| matches!(*w, "who" | "whose" | "whom"))
}

/// True when token `last` is followed by an age between commas ("Flores, 26, had"), as news
/// writes a person's.
fn age_follows(doc: &Document<'_>, words: &[&str], last: usize) -> bool {
    let tokens = doc.tokens();
    let age = words
        .get(last + 1)
        .is_some_and(|w| (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()));
    // (A word after the second comma: "Putnam, 1,947 rounds" is a number.)
    age && tokens.get(last + 1).is_some_and(|t| t.gap == Gap::Comma)
        && tokens
            .get(last + 2)
            .is_some_and(|t| t.gap == Gap::Comma && t.case != Case::Uncased)
}

/// True when tokens `first..=last` end a clause after a verb of saying ("…, said Kinney."):
/// a person.
pub fn after_saying(doc: &Document<'_>, words: &[&str], first: usize, last: usize) -> bool {
    let tokens = doc.tokens();
    first >= 1
        && tokens.get(first).is_some_and(|t| t.gap == Gap::Space)
        && words.get(first - 1).is_some_and(|w| {
            // (Not a verb whose object follows it: "told Reuters.", "asked Tyler.")
            SPEECH_VERBS.contains(w) && !matches!(*w, "told" | "asked" | "wrote")
        })
        && tokens
            .get(last + 1)
            .is_none_or(|n| matches!(n.gap, Gap::Period | Gap::Comma | Gap::Other))
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

/// The longest name, in words, looked up around a match as the name of a group or
/// institution ("Hayat Tahrir al-Sham" is 4).
const MAX_GROUP_NAME_TOKENS: usize = 6;

/// Do tokens `k - 1` and `k` belong to one name, given that `added` (one of the two) is the
/// token not yet in it? Joined by a hyphen or an apostrophe ("Lashkar-e-Taiba"), or by a space
/// when `added` is capitalised or an Arabic article ("Ahrar al-Sham"); never across sentences.
fn joined(tokens: &[Token], words: &[&str], k: usize, added: usize) -> bool {
    let (Some(t), Some(new)) = (tokens.get(k), tokens.get(added)) else {
        return false;
    };
    let word = words.get(added).copied().unwrap_or("");
    !t.sentence_start
        && match t.gap {
            Gap::Hyphen | Gap::Apostrophe => true,
            // Articles have two or three letters: most lower-case words are longer.
            Gap::Space => new.case != Case::Lower || (word.len() <= 3 && is_arabic_article(word)),
            _ => false,
        }
}

/// The tokens (first, last) of a stoplisted name of several words that the match from
/// `first` to `last` lies inside ("Boko Haram", "Ahrar al-Sham", "Lashkar-e-Taiba": armed
/// groups whose names hold a place name or a word GeoNames lists as one), the longest when
/// several do. Only the capitalised run of words around the match is read, so a match with
/// lower-case neighbours costs two token tests, and a phrase is folded and looked up only
/// when its first word starts some stoplisted phrase.
pub fn stoplisted_name_around(
    doc: &Document<'_>,
    g: &Gazetteer,
    words: &[&str],
    first: usize,
    last: usize,
) -> Option<(usize, usize)> {
    let tokens = doc.tokens();
    let word = |k: usize| words.get(k).copied().unwrap_or("");
    let mut start = first;
    while start > 0
        && last + 1 - (start - 1) <= MAX_GROUP_NAME_TOKENS
        && joined(tokens, words, start, start - 1)
    {
        start -= 1;
    }
    let mut end = last;
    while end + 1 - start < MAX_GROUP_NAME_TOKENS && joined(tokens, words, end + 1, end + 1) {
        end += 1;
    }
    if start == first && end == last {
        return None;
    }
    let text = doc.text();
    let mut key = String::new();
    for s in start..=first {
        // Most capitalised words start no stoplisted phrase: one probe, nothing folded.
        if !g.starts_stop_phrase(word(s)) {
            continue;
        }
        for e in (last..=end).rev() {
            if (s, e) == (first, last) {
                continue;
            }
            let (Some(ts), Some(te)) = (tokens.get(s), tokens.get(e)) else {
                continue;
            };
            let Some(phrase) = text.get(ts.span.byte_start.0..te.span.byte_end.0) else {
                continue;
            };
            key.clear();
            fold::fold_into(phrase, &mut key);
            if g.is_stop_key(&key) {
                return Some((s, e));
            }
        }
    }
    None
}
