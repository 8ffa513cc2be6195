//! The gazetteer: places with coordinates, and an index from every name to the places it names.
//!
//! In: a compiled gazetteer file (the default is compiled from `gazetteer/data` at build time and
//! embedded in the binary; `geomention gazetteer build` compiles others from GeoNames dumps).
//! Out: [`Place`] views and ranked [`Candidate`]s for a name ([`Gazetteer::lookup`]).
//!
//! Why this shape: a news corpus mentions the same few thousand names millions of times, so the
//! index must answer in microseconds without a start-up cost. Names are folded
//! ([`fold`]) and stored in an `fst` map whose values point into a postings array; places are
//! fixed-width records read in place. Opening a file maps it into memory and checks its header;
//! nothing is parsed up front, so `gazetteer lookup` starts in milliseconds and touches only the
//! pages it reads. The stages after this one only read it: a `Gazetteer` is immutable and
//! `Send + Sync`.

pub mod compile;
mod error;
pub mod fold;
mod format;
mod lookup;
mod model;
mod qualified;
mod row;
pub mod source;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use compile::{Metadata, SourceInfo};
pub use error::{Error, SourceProblem};
pub use lookup::DEFAULT_CANDIDATES;
pub use lookup::{Candidate, LookupOptions, unit_vector};
pub use model::{
    AbbreviationRule, Admin1Key, CountryCode, FeatureClass, FeatureCode, GeonameId, MatchKind,
    NameKind,
};
pub use qualified::is_compass_word;
pub use row::{CandidateRow, round_coordinate};

use format::{RawPlace, Section, Verify};

/// The compiled default gazetteer, embedded at build time (see `build.rs`).
static BUILTIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.gmz"));

/// Members of the Arab League (ISO codes), where place names come from Arabic.
const ARABIC_COUNTRIES: [[u8; 2]; 22] = [
    *b"DZ", *b"BH", *b"KM", *b"DJ", *b"EG", *b"IQ", *b"JO", *b"KW", *b"LB", *b"LY", *b"MR", *b"MA",
    *b"OM", *b"PS", *b"QA", *b"SA", *b"SO", *b"SD", *b"SY", *b"TN", *b"AE", *b"YE",
];

/// Name shown for the embedded gazetteer in messages.
pub const BUILTIN_NAME: &str = "<built-in gazetteer>";

/// Where the bytes of a gazetteer live.
enum Backing {
    Static(&'static [u8]),
    Mapped(memmap2::Mmap),
}

impl Backing {
    fn bytes(&self) -> &[u8] {
        match self {
            Backing::Static(b) => b,
            Backing::Mapped(m) => m,
        }
    }
}

/// A small set of folded words (stopwords, common words, person names): stored as an `fst` set
/// in the file, and loaded into a hash set on its first query. The tagger asks about most
/// capitalised words, and a hash probe costs a tenth of an `fst` walk; the sets hold a few
/// thousand words, so loading them takes well under a millisecond, paid only by callers that
/// tag text.
struct WordSet {
    index: fst::Set<Slice>,
    loaded: std::sync::OnceLock<WordTable<()>>,
}

impl WordSet {
    fn new(index: fst::Set<Slice>) -> WordSet {
        WordSet {
            index,
            loaded: std::sync::OnceLock::new(),
        }
    }

    fn contains(&self, word: &str) -> bool {
        self.table().get(word).is_some()
    }

    /// [`WordSet::contains`] for a word already packed by [`packed_word`].
    fn contains_packed(&self, key: u128) -> bool {
        self.table().short.contains_key(&key)
    }

    fn table(&self) -> &WordTable<()> {
        self.loaded.get_or_init(|| {
            use fst::Streamer;
            // The key count comes from the file: trusted only up to the index's size.
            let capacity = self.index.len().min(self.index.as_fst().as_bytes().len());
            let mut words = WordTable::with_capacity(capacity);
            let mut stream = self.index.stream();
            while let Some(key) = stream.next() {
                if let Ok(word) = std::str::from_utf8(key) {
                    words.insert(word, ());
                    // The first word of an entry of several, with its space ("boko "):
                    // no entry ends in a space, so the two kinds of key never meet.
                    if let Some(space) = word.find(' ') {
                        words.insert(word.get(..=space).unwrap_or(word), ());
                    }
                }
            }
            words
        })
    }

    /// True when some entry of several words starts with `word` and a space.
    fn starts_longer(&self, word: &str) -> bool {
        // A word of up to 14 bytes (nearly all) is probed by its packed key with the space
        // added to the number: nothing is copied.
        match packed_word(word) {
            Some(key) if word.len() < 15 => {
                let n = word.len() as u32;
                let spaced = (key & !(0xFF << 120)) | 0x20 << (8 * n) | u128::from(n + 1) << 120;
                self.contains_packed(spaced)
            }
            _ => self.contains(&format!("{word} ")),
        }
    }
}

/// A hash table keyed by words. A word of up to 15 bytes (nearly all) is its own key, packed
/// with its length into a `u128`, so a probe compares two numbers and reads no string on the
/// heap (in a table of thousands of words, that read was a cache miss per probe); longer
/// words are kept as strings.
pub(crate) struct WordTable<V> {
    short: foldhash::HashMap<u128, V>,
    long: foldhash::HashMap<Box<str>, V>,
}

impl<V> Default for WordTable<V> {
    fn default() -> Self {
        WordTable::with_capacity(0)
    }
}

impl<V> WordTable<V> {
    /// An empty table with room for `words` short words.
    pub(crate) fn with_capacity(words: usize) -> WordTable<V> {
        WordTable {
            short: foldhash::HashMap::with_capacity_and_hasher(words, Default::default()),
            long: foldhash::HashMap::default(),
        }
    }

    /// The value kept for `word`.
    pub(crate) fn get(&self, word: &str) -> Option<&V> {
        match packed_word(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
    }

    /// The value kept for `word` in ASCII lower case, without lowering a copy (for a word of
    /// up to 15 bytes, the packed key is lowered instead).
    pub(crate) fn get_lowered(&self, word: &str) -> Option<&V> {
        match packed_word(word) {
            Some(key) => self.short.get(&ascii_lowered(key)),
            None => self.long.get(word.to_ascii_lowercase().as_str()),
        }
    }

    /// Keeps `value` for `word`.
    pub(crate) fn insert(&mut self, word: &str, value: V) {
        match packed_word(word) {
            Some(key) => self.short.insert(key, value),
            None => self.long.insert(Box::from(word), value),
        };
    }

    /// How many words it holds.
    pub(crate) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Forgets every word.
    pub(crate) fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

/// A word of up to 15 bytes packed with its length into a `u128` (so "a" and "a\0" differ);
/// `None` when longer. The bytes are read as two overlapping numbers rather than copied: a
/// copy of a variable length is a call to `memcpy`, which mispredicted a branch on most of
/// the tagger's probes.
fn packed_word(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let n = bytes.len();
    let u64_at = |at: usize| {
        bytes
            .get(at..at + 8)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    let u32_at = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
    };
    // The first eight bytes in `low`, the rest in `high`; where the two reads overlap, they
    // read the same bytes into the same places.
    let (low, high) = match n {
        16.. => return None,
        9..=15 => (u64_at(0), u64_at(n - 8) >> ((16 - n) * 8)),
        8 => (u64_at(0), 0),
        4..=7 => (u32_at(0) | u32_at(n - 4) << ((n - 4) * 8), 0),
        _ => (
            bytes.iter().rev().fold(0u64, |k, &b| k << 8 | u64::from(b)),
            0,
        ),
    };
    Some(u128::from(low) | u128::from(high) << 64 | (n as u128) << 120)
}

/// A packed word with its ASCII capitals lowered (eight bytes at a time: in each byte that is
/// one of `A..=Z`, bit 5 is set; the length byte, under 16, is no capital).
fn ascii_lowered(key: u128) -> u128 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let lower = |x: u64| {
        let seven = x & !HIGH;
        // Adding 0x80 - b'A' sets a byte's high bit when it is at least 'A', adding
        // 0x7f - b'Z' when it is above 'Z'; neither sum carries into the next byte.
        let from_a = seven.wrapping_add(ONES * u64::from(0x80 - b'A')) & HIGH;
        let past_z = seven.wrapping_add(ONES * u64::from(0x7f - b'Z')) & HIGH;
        let capitals = from_a & !past_z & !x;
        x | capitals >> 2
    };
    u128::from(lower(key as u64)) | u128::from(lower((key >> 64) as u64)) << 64
}

/// One section of the backing bytes, shareable between the `fst` structures.
#[derive(Clone)]
struct Slice {
    backing: Arc<Backing>,
    range: Range<usize>,
}

impl AsRef<[u8]> for Slice {
    fn as_ref(&self) -> &[u8] {
        self.backing.bytes().get(self.range.clone()).unwrap_or(&[])
    }
}

/// An abbreviation and the place it stands for.
#[derive(Clone, Debug)]
struct Abbreviation {
    surface: String,
    rule: AbbreviationRule,
    place: u32,
}

/// Index of a place within one gazetteer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlaceIndex(pub u32);

/// How a place is identified in outputs: `geonames:172955` or a custom id (`ne:river:tigris`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceId<'g> {
    /// A GeoNames feature.
    GeoNames(GeonameId),
    /// A place from Natural Earth or the team's curated file.
    Custom(&'g str),
}

impl std::fmt::Display for PlaceId<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlaceId::GeoNames(id) => write!(f, "geonames:{}", id.0),
            PlaceId::Custom(id) => f.write_str(id),
        }
    }
}

/// A place, borrowed from its gazetteer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place<'g> {
    /// Its index in the gazetteer.
    pub index: PlaceIndex,
    /// Stable identifier for outputs.
    pub id: PlaceId<'g>,
    /// GeoNames id, when it has one.
    pub geonameid: Option<GeonameId>,
    /// Preferred name.
    pub name: &'g str,
    /// ASCII name (empty when equal to `name`).
    pub ascii_name: &'g str,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Longitude, WGS84 degrees.
    pub lon: f64,
    /// Feature class.
    pub feature_class: Option<FeatureClass>,
    /// Feature code.
    pub feature_code: FeatureCode,
    /// Country (none for seas and world regions).
    pub country_code: CountryCode,
    /// GeoNames admin-1 code within the country.
    pub admin1_code: &'g str,
    /// Country and admin-1 code as one number (see [`Admin1Key`]).
    pub admin1_key: Admin1Key,
    /// GeoNames admin-2 code within the admin-1 unit.
    pub admin2_code: &'g str,
    /// Population, 0 when unknown.
    pub population: u64,
    /// Prior prominence on the scale of log10(population) (see `compile::importance`).
    pub importance: f64,
    /// Index of the source in [`Metadata::sources`].
    pub source: u8,
}

impl Place<'_> {
    /// True for countries and country-like territories (PCLI, PCLD, TERR …).
    pub fn is_country(&self) -> bool {
        // The code's five bytes, zero-padded, compared whole: these tests run for every
        // candidate of every resolution pass.
        let code = self.feature_code.to_bytes();
        code.starts_with(b"PCL") || code == *b"TERR\0"
    }

    /// True for first-level administrative divisions.
    pub fn is_admin1(&self) -> bool {
        self.feature_code.to_bytes() == *b"ADM1\0"
    }

    /// True for second-level administrative divisions.
    pub fn is_admin2(&self) -> bool {
        self.feature_code.to_bytes() == *b"ADM2\0"
    }
}

/// A compiled gazetteer, ready for lookups. Cheap to share between threads.
pub struct Gazetteer {
    path: PathBuf,
    backing: Arc<Backing>,
    places: Range<usize>,
    strings: Range<usize>,
    postings: Range<usize>,
    skeleton_postings: Range<usize>,
    names: fst::Map<Slice>,
    skeletons: fst::Map<Slice>,
    codes: fst::Map<Slice>,
    stopwords: WordSet,
    common_words: WordSet,
    person_names: WordSet,
    news_people: WordSet,
    ambiguous_demonyms: WordSet,
    abbreviations: Vec<Abbreviation>,
    /// Abbreviations by their surface in ASCII lower case (each rule then checks the case).
    abbreviation_index: WordTable<Vec<usize>>,
    abbreviation_lengths: Vec<usize>,
    abbreviations_start_upper: bool,
    /// Per ASCII first letter (lower case), a bit per surface length in bytes (under 64):
    /// the shapes some abbreviation has. Most capitalised words fail this before any lookup.
    abbreviation_shapes: [u64; 128],
    /// The same per ASCII last byte: "Wash. Ter." shares its first letter and length with
    /// "Washington", not its last byte.
    abbreviation_ends: [u64; 128],
    /// The folded own names of countries, continents, first-level units and regions, built
    /// on the first [`Gazetteer::is_region_name`]: only posts ask it, of lower-case words.
    region_names: std::sync::OnceLock<foldhash::HashSet<String>>,
    metadata: Metadata,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("path", &self.path)
            .field("places", &self.len())
            .finish()
    }
}

impl Gazetteer {
    /// The default gazetteer embedded in the binary. Costs a header check and a few hundred
    /// microseconds; no file is read.
    pub fn builtin() -> Result<Gazetteer, Error> {
        Gazetteer::from_backing(
            PathBuf::from(BUILTIN_NAME),
            Backing::Static(BUILTIN),
            Verify::Trusted,
        )
    }

    /// Opens a compiled gazetteer file, checking its header, length and checksum.
    pub fn open(path: &Path) -> Result<Gazetteer, Error> {
        let io_err = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io_err)?;
        let len = file.metadata().map_err(io_err)?.len();
        if len == 0 {
            return Err(Error::NotAGazetteer {
                path: path.to_path_buf(),
            });
        }
        // SAFETY: the map is read-only; a gazetteer file changed under a running process could
        // give wrong answers but every read is bounds-checked, so it cannot be unsound here.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(io_err)?;
        Gazetteer::from_backing(path.to_path_buf(), Backing::Mapped(map), Verify::Checksum)
    }

    /// Opens `path`, or the built-in default when `None`.
    pub fn open_or_builtin(path: Option<&Path>) -> Result<Gazetteer, Error> {
        match path {
            Some(p) => Gazetteer::open(p),
            None => Gazetteer::builtin(),
        }
    }

    /// Checks the embedded default's checksum (the loader trusts it; a test calls this).
    pub fn verify_builtin() -> Result<(), Error> {
        format::sections(Path::new(BUILTIN_NAME), BUILTIN, Verify::Checksum).map(|_| ())
    }

    fn from_backing(path: PathBuf, backing: Backing, verify: Verify) -> Result<Gazetteer, Error> {
        let ranges = format::sections(&path, backing.bytes(), verify)?;
        let backing = Arc::new(backing);
        let range = |s: Section| ranges.get(s as usize).cloned().unwrap_or(0..0);
        let slice = |s: Section| Slice {
            backing: Arc::clone(&backing),
            range: range(s),
        };
        let map = |s: Section| {
            fst::Map::new(slice(s)).map_err(|source| Error::Index {
                path: path.clone(),
                section: s.name(),
                source,
            })
        };
        let names = map(Section::Names)?;
        let skeletons = map(Section::Skeletons)?;
        let codes = map(Section::Codes)?;
        let set = |s: Section| {
            fst::Set::new(slice(s)).map_err(|source| Error::Index {
                path: path.clone(),
                section: s.name(),
                source,
            })
        };
        let stopwords = WordSet::new(set(Section::Stopwords)?);
        let common_words = WordSet::new(set(Section::CommonWords)?);
        let person_names = WordSet::new(set(Section::PersonNames)?);
        let news_people = WordSet::new(set(Section::NewsPeople)?);
        let ambiguous_demonyms = WordSet::new(set(Section::AmbiguousDemonyms)?);
        let bytes_of = |s: Section| backing.bytes().get(range(s)).unwrap_or(&[]);
        let metadata: Metadata =
            serde_json::from_slice(bytes_of(Section::Metadata)).map_err(|_| Error::Section {
                path: path.clone(),
                section: Section::Metadata.name(),
            })?;
        let places = range(Section::Places);
        let abbreviations =
            parse_abbreviations(bytes_of(Section::Abbreviations)).ok_or_else(|| {
                Error::Section {
                    path: path.clone(),
                    section: Section::Abbreviations.name(),
                }
            })?;
        if places.len() % format::RECORD_LEN != 0
            || places.len() / format::RECORD_LEN != metadata.places as usize
        {
            return Err(Error::Section {
                path,
                section: Section::Places.name(),
            });
        }
        let mut by_surface: foldhash::HashMap<String, Vec<usize>> = foldhash::HashMap::default();
        for (i, a) in abbreviations.iter().enumerate() {
            by_surface
                .entry(a.surface.to_ascii_lowercase())
                .or_default()
                .push(i);
        }
        let mut abbreviation_index = WordTable::with_capacity(by_surface.len());
        for (surface, found) in by_surface {
            abbreviation_index.insert(&surface, found);
        }
        let mut abbreviation_lengths: Vec<usize> =
            abbreviations.iter().map(|a| a.surface.len()).collect();
        abbreviation_lengths.sort_unstable_by(|a, b| b.cmp(a));
        abbreviation_lengths.dedup();
        let abbreviations_start_upper = abbreviations
            .iter()
            .all(|a| a.surface.chars().next().is_some_and(char::is_uppercase));
        let mut abbreviation_shapes = [0u64; 128];
        let mut abbreviation_ends = [0u64; 128];
        for a in &abbreviations {
            let bytes = a.surface.as_bytes();
            if let (Some(&first), Some(&last), true) =
                (bytes.first(), bytes.last(), bytes.len() < 64)
            {
                for (table, byte) in [
                    (&mut abbreviation_shapes, first),
                    (&mut abbreviation_ends, last),
                ] {
                    if let Some(bits) = table.get_mut(usize::from(byte.to_ascii_lowercase())) {
                        *bits |= 1 << bytes.len();
                    }
                }
            }
        }
        let gazetteer = Gazetteer {
            abbreviation_index,
            abbreviation_lengths,
            abbreviations_start_upper,
            abbreviation_shapes,
            abbreviation_ends,
            strings: range(Section::Strings),
            postings: range(Section::Postings),
            skeleton_postings: range(Section::SkeletonPostings),
            places,
            path,
            backing,
            names,
            skeletons,
            codes,
            stopwords,
            common_words,
            person_names,
            news_people,
            ambiguous_demonyms,
            abbreviations,
            region_names: std::sync::OnceLock::new(),
            metadata,
        };
        if verify == Verify::Checksum {
            gazetteer.check_indexes()?;
        }
        Ok(gazetteer)
    }

    /// Walks every key of every index once, so that a file whose checksum matches but whose
    /// indexes are malformed (written by something other than `gazetteer build`, or crafted) is
    /// refused here instead of failing later. `fst` is memory-safe on corrupt bytes but may
    /// panic on them (its node decoder asserts); a walk visits every node a lookup can reach,
    /// and a panic during it becomes [`Error::Section`]. The panic hook is silenced for the
    /// walk, so open user gazetteers before starting threads whose panics you want printed.
    /// Costs about a hundred milliseconds for a million names; the embedded default is
    /// trusted (a test checks it) and skips this.
    fn check_indexes(&self) -> Result<(), Error> {
        // Every node once, depth first, with each transition and output decoded; a cycle
        // (which would make a stream endless) counts as corruption. Marks are one bit per
        // byte address: an fst shares suffixes, so nodes are far fewer than key prefixes.
        fn walk(index: &fst::raw::Fst<Slice>) {
            let words = index.as_bytes().len() / 64 + 1;
            let (mut open, mut done) = (vec![0u64; words], vec![0u64; words]);
            let bit = |marks: &mut [u64], addr: usize| -> (bool, usize, u64) {
                let (word, mask) = (addr / 64, 1u64 << (addr % 64));
                let set = marks.get(word).map(|w| w & mask != 0);
                (
                    set.unwrap_or_else(|| panic!("node address {addr} out of range")),
                    word,
                    mask,
                )
            };
            let root = index.root();
            let (_, w, m) = bit(&mut open, root.addr());
            open[w] |= m;
            let mut stack = vec![(root, 0usize)];
            while let Some((node, next)) = stack.last_mut() {
                if *next == 0 {
                    let _ = node.final_output();
                }
                if *next < node.len() {
                    let addr = node.transition(*next).addr;
                    *next += 1;
                    if bit(&mut done, addr).0 {
                        continue;
                    }
                    let (cycle, w, m) = bit(&mut open, addr);
                    assert!(!cycle, "cycle at node {addr}");
                    open[w] |= m;
                    stack.push((index.node(addr), 0));
                } else {
                    let (_, w, m) = bit(&mut done, node.addr());
                    done[w] |= m;
                    stack.pop();
                }
            }
        }
        let checks: [(Section, &fst::raw::Fst<Slice>); 8] = [
            (Section::Names, self.names.as_fst()),
            (Section::Skeletons, self.skeletons.as_fst()),
            (Section::Codes, self.codes.as_fst()),
            (Section::Stopwords, self.stopwords.index.as_fst()),
            (Section::CommonWords, self.common_words.index.as_fst()),
            (Section::PersonNames, self.person_names.index.as_fst()),
            (Section::NewsPeople, self.news_people.index.as_fst()),
            (
                Section::AmbiguousDemonyms,
                self.ambiguous_demonyms.index.as_fst(),
            ),
        ];
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let failed = checks.iter().find_map(|(section, index)| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| walk(index)))
                .is_err()
                .then_some(*section)
        });
        std::panic::set_hook(hook);
        match failed {
            Some(section) => Err(Error::Section {
                path: self.path.clone(),
                section: section.name(),
            }),
            None => Ok(()),
        }
    }

    /// Where the gazetteer came from (a path, or [`BUILTIN_NAME`]).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Sources, versions and counts.
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len() / format::RECORD_LEN
    }

    /// True when the gazetteer holds no place (never for a valid file).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn section(&self, range: &Range<usize>) -> &[u8] {
        self.backing.bytes().get(range.clone()).unwrap_or(&[])
    }

    /// The place at `index`, `None` past the end or on a corrupt record.
    pub fn place(&self, index: PlaceIndex) -> Option<Place<'_>> {
        let raw = RawPlace::read(self.section(&self.places), index.0 as usize)?;
        let s = format::read_strings(self.section(&self.strings), raw.strings)?;
        let country_code = CountryCode::from_bytes(raw.country);
        Some(Place {
            index,
            id: if s.place_id.is_empty() {
                PlaceId::GeoNames(GeonameId(raw.geonameid))
            } else {
                PlaceId::Custom(s.place_id)
            },
            geonameid: (raw.geonameid != 0).then_some(GeonameId(raw.geonameid)),
            name: s.name,
            ascii_name: s.ascii_name,
            lat: f64::from(raw.lat_e6) / 1e6,
            lon: f64::from(raw.lon_e6) / 1e6,
            feature_class: FeatureClass::from_byte(raw.feature_class),
            feature_code: FeatureCode::from_bytes(raw.feature_code),
            country_code,
            admin1_code: s.admin1_code,
            admin1_key: Admin1Key::of(country_code, s.admin1_code),
            admin2_code: s.admin2_code,
            population: u64::from(raw.population),
            importance: f64::from(raw.importance_milli) / 1000.0,
            source: raw.source,
        })
    }

    /// True for places in countries whose names are transliterated from Arabic, where writers
    /// drop and keep articles freely. Reads the record alone.
    pub fn is_in_arabic_country(&self, index: PlaceIndex) -> bool {
        RawPlace::read(self.section(&self.places), index.0 as usize)
            .is_some_and(|r| ARABIC_COUNTRIES.contains(&r.country))
    }

    /// A place's importance, read from its record alone (no string decoding).
    pub fn importance(&self, index: PlaceIndex) -> Option<f64> {
        RawPlace::read(self.section(&self.places), index.0 as usize)
            .map(|r| f64::from(r.importance_milli) / 1000.0)
    }

    /// The place holding a code: "SY" or "SYR" (country), "IQ.01" (admin-1), "US.KY.125"
    /// (admin-2).
    pub fn by_code(&self, code: &str) -> Option<Place<'_>> {
        self.place(self.index_by_code(code)?)
    }

    /// The index of the place with an ISO country code or a "CC.ADMIN1" code, not decoded.
    pub fn index_by_code(&self, code: &str) -> Option<PlaceIndex> {
        Some(PlaceIndex(u32::try_from(self.codes.get(code)?).ok()?))
    }

    /// The country a place lies in.
    pub fn country_of(&self, place: &Place<'_>) -> Option<Place<'_>> {
        self.place(self.country_index_of(place)?)
    }

    /// The index of the country a place lies in, not decoded.
    pub fn country_index_of(&self, place: &Place<'_>) -> Option<PlaceIndex> {
        if place.country_code.is_none() {
            return None;
        }
        self.index_by_code(place.country_code.as_str())
    }

    /// The admin-1 unit a place lies in (itself for an admin-1 unit).
    pub fn admin1_of(&self, place: &Place<'_>) -> Option<Place<'_>> {
        self.place(self.admin1_index_of(place)?)
    }

    /// The index of the admin-1 unit a place lies in, not decoded.
    pub fn admin1_index_of(&self, place: &Place<'_>) -> Option<PlaceIndex> {
        if place.country_code.is_none() || place.admin1_code.is_empty() {
            return None;
        }
        let mut code = String::with_capacity(8);
        code.push_str(place.country_code.as_str());
        code.push('.');
        code.push_str(place.admin1_code);
        self.index_by_code(&code)
    }

    /// True when `word` is on the stoplist (a sect, religion or group, never a place).
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(&fold::fold(word))
    }

    /// Ranked candidates for a name, best first. See [`LookupOptions`] and `lookup.rs` for the
    /// ranking. Allocates the result; O(candidates) after an O(name length) index walk.
    pub fn lookup(&self, name: &str, options: &LookupOptions) -> Vec<Candidate<'_>> {
        lookup::lookup(self, name, options)
    }

    /// Places in Arab countries whose name sounds like `name` as transliterations of Arabic
    /// vary it ("Hawija" is Al Ḩawījah, "Qayyara" Al Qayyārah, "Muqdadiya" Al Miqdādīyah),
    /// most prominent first, marked fuzzy. Unlike [`Gazetteer::lookup`]'s similar spellings,
    /// the sound must be the same, and every place of the name's consonant skeleton is read,
    /// however common the skeleton: see `lookup::arabic_spellings`.
    pub fn arabic_spellings(&self, name: &str, limit: usize) -> Vec<Candidate<'_>> {
        lookup::arabic_spellings(self, name, limit)
    }

    /// A walker over the name index, for taggers that extend a match word by word.
    pub fn walker(&self) -> NameWalker<'_> {
        let fst = self.names.as_fst();
        NameWalker {
            fst,
            node: fst.root(),
            output: fst::raw::Output::zero(),
        }
    }

    /// The walker at `point`, as [`NameWalker::point`] left it on this gazetteer (crate-only: a
    /// point taken on another gazetteer would mean nothing here).
    pub(crate) fn walker_at(&self, point: WalkPoint) -> NameWalker<'_> {
        let fst = self.names.as_fst();
        NameWalker {
            fst,
            node: fst.node(point.node),
            output: fst::raw::Output::new(point.output),
        }
    }

    /// True when the folded name is the own name (not an alias) of a country, continent,
    /// first-level unit or region ("japan", "ohio", "sahel"). The set is built on the first
    /// call, from the places' records (a few milliseconds), and kept.
    pub fn is_region_name(&self, folded: &str) -> bool {
        self.region_names
            .get_or_init(|| {
                const REGION_CODES: [&[u8; 5]; 6] = [
                    b"CONT\0", b"RGN\0\0", b"OCN\0\0", b"SEA\0\0", b"ADM1\0", b"TERR\0",
                ];
                let mut names = foldhash::HashSet::default();
                let section = self.section(&self.places);
                for i in 0..self.len() {
                    let region = RawPlace::read(section, i).is_some_and(|raw| {
                        raw.feature_code.starts_with(b"PCL")
                            || REGION_CODES.contains(&&raw.feature_code)
                    });
                    if !region {
                        continue;
                    }
                    if let Some(place) = self.place(PlaceIndex(i as u32)) {
                        for name in [place.name, place.ascii_name] {
                            if !name.is_empty() {
                                names.insert(fold::fold(name));
                            }
                        }
                    }
                }
                names
            })
            .contains(folded)
    }

    /// True when the folded word is an ordinary English word as well as a place name.
    pub fn is_common_word(&self, folded: &str) -> bool {
        self.common_words.contains(folded)
    }

    /// True when the folded word is a common first name (a place name or not: the census's and
    /// the team's lists) or a common surname that is also a place name.
    pub fn is_person_name(&self, folded: &str) -> bool {
        self.person_names.contains(folded)
    }

    /// True when the folded word names a person often in the news as well as a place
    /// ("obama"): one of [`Gazetteer::is_person_name`]'s, from the team's list.
    pub fn is_news_person(&self, folded: &str) -> bool {
        self.news_people.contains(folded)
    }

    /// True when the folded demonym as often means someone else ("indian"): its country's only
    /// in a text that names a place of that country. From the team's list.
    pub fn is_ambiguous_demonym(&self, folded: &str) -> bool {
        self.ambiguous_demonyms.contains(folded)
    }

    /// True when the folded key is a stopword (sect, religion, group).
    pub fn is_stop_key(&self, folded: &str) -> bool {
        self.stopwords.contains(folded)
    }

    /// True when some stoplisted name of several words starts with the folded word ("boko"
    /// of "Boko Haram"): what the tagger asks before folding a phrase to look it up.
    pub fn starts_stop_phrase(&self, folded_word: &str) -> bool {
        self.stopwords.starts_longer(folded_word)
    }

    /// Ranked candidates for an index entry found by a [`NameWalker`]; `surface` is the text as
    /// written (to tell exact from folded matches). Same ranking as [`Gazetteer::lookup`]
    /// without the fuzzy fallback and abbreviations.
    pub fn candidates(&self, entry: NameEntry, surface: &str, limit: usize) -> Vec<Candidate<'_>> {
        lookup::entry_candidates(self, entry, surface, limit)
    }

    /// False when no abbreviation starts with `text`'s first byte and has its length in
    /// bytes, or none ends with its last byte and has that length; true otherwise (and for a
    /// non-ASCII first or last byte or a length of 64 or more).
    fn may_be_abbreviation(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
            return false;
        };
        if !first.is_ascii() || !last.is_ascii() || bytes.len() >= 64 {
            return true;
        }
        let has = |table: &[u64; 128], byte: u8| {
            table
                .get(usize::from(byte.to_ascii_lowercase()))
                .is_some_and(|bits| bits >> bytes.len() & 1 == 1)
        };
        has(&self.abbreviation_shapes, first) && has(&self.abbreviation_ends, last)
    }

    /// Abbreviations whose surface equals `text` under their rule, with the places they name.
    /// One hash lookup; the tagger asks at most capitalised words, so a short text is lowered
    /// in its packed key instead of in a new string.
    pub fn abbreviation_matches(&self, text: &str) -> Vec<(AbbreviationRule, PlaceIndex)> {
        if !self.may_be_abbreviation(text) {
            return Vec::new();
        }
        let mut out: Vec<(AbbreviationRule, PlaceIndex)> = Vec::new();
        for &i in self
            .abbreviation_index
            .get_lowered(text)
            .into_iter()
            .flatten()
        {
            if let Some(a) = self.abbreviations.get(i) {
                let hit = (a.rule, PlaceIndex(a.place));
                if a.rule.accepts(&a.surface, text) && !out.contains(&hit) {
                    out.push(hit);
                }
            }
        }
        out
    }

    /// Lengths in bytes of all abbreviation surfaces, longest first, without repeats.
    pub fn abbreviation_lengths(&self) -> &[usize] {
        &self.abbreviation_lengths
    }

    /// Postings of a folded key: (place index, kind byte, verbatim hash).
    fn name_postings(&self, key: &str) -> impl Iterator<Item = (u32, u8, u32)> + '_ {
        self.entry_postings(NameEntry(self.names.get(key)))
    }

    /// Postings of an index entry.
    fn entry_postings(&self, entry: NameEntry) -> impl Iterator<Item = (u32, u8, u32)> + '_ {
        let (offset, count) = split_ref(entry.0);
        let bytes = self.section(&self.postings);
        (0..count).filter_map(move |i| {
            let at = (offset + i) * format::POSTING_LEN;
            let b = bytes.get(at..at + format::POSTING_LEN)?;
            let place = u32::from_le_bytes(b.get(0..4)?.try_into().ok()?);
            let tag = u32::from_le_bytes(b.get(4..8)?.try_into().ok()?);
            Some((place, (tag >> 24) as u8, tag & 0x00FF_FFFF))
        })
    }

    /// Places whose some name has the skeleton `key`.
    fn skeleton_postings(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        let (offset, count) = split_ref(self.skeletons.get(key));
        let bytes = self.section(&self.skeleton_postings);
        (0..count).filter_map(move |i| {
            let at = (offset + i) * 4;
            Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
        })
    }

    fn abbreviations(&self) -> &[Abbreviation] {
        &self.abbreviations
    }

    /// True when an abbreviation could start with `first`: a cheap test the tagger runs at
    /// every word. When every abbreviation begins with a capital (the built-in ones do), a
    /// word starting otherwise is skipped.
    pub fn may_start_abbreviation(&self, first: char) -> bool {
        !self.abbreviations_start_upper || first.is_uppercase()
    }
}

/// An entry of the name index (a folded key's postings), as found by a [`NameWalker`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NameEntry(Option<u64>);

/// Walks the name index byte by byte. Copy it to branch: the tagger keeps the state after each
/// word and tries to extend the name with the next one.
#[derive(Clone, Copy)]
pub struct NameWalker<'g> {
    fst: &'g fst::raw::Fst<Slice>,
    node: fst::raw::Node<'g>,
    output: fst::raw::Output,
}

impl<'g> NameWalker<'g> {
    /// Follows `bytes`; false (and the walker is spent) when no indexed name continues so.
    pub fn feed(&mut self, bytes: &[u8]) -> bool {
        for &b in bytes {
            match self.node.find_input(b) {
                Some(i) => {
                    let t = self.node.transition(i);
                    self.output = self.output.cat(t.out);
                    self.node = self.fst.node(t.addr);
                }
                None => return false,
            }
        }
        true
    }

    /// The entry when the bytes fed so far are a whole indexed name.
    pub fn entry(&self) -> Option<NameEntry> {
        self.node
            .is_final()
            .then(|| NameEntry(Some(self.output.cat(self.node.final_output()).value())))
    }

    /// The first bytes some indexed name goes on with from here.
    pub(crate) fn next_bytes(&self) -> NextBytes {
        NextBytes(
            self.node
                .transitions()
                .fold(0, |set, t| set | NextBytes::bit(t.inp)),
        )
    }

    /// Where the walker is, in 16 bytes; [`Gazetteer::walker_at`] resumes from it.
    pub(crate) fn point(&self) -> WalkPoint {
        WalkPoint {
            node: self.node.addr(),
            output: self.output.value(),
        }
    }
}

/// A set of bytes a walk can go on with, coarse where folded words seldom go: one bit per
/// lower-case ASCII letter and digit, one for every other byte. A word whose first byte is not
/// in the set continues no name, and is known so without reading the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NextBytes(u64);

impl NextBytes {
    fn bit(b: u8) -> u64 {
        match b {
            b'a'..=b'z' => 1 << (b - b'a'),
            b'0'..=b'9' => 1 << (26 + (b - b'0')),
            _ => 1 << 36,
        }
    }

    /// False when no name goes on with `word`; true when one may.
    pub(crate) fn may_start(self, word: &str) -> bool {
        word.as_bytes()
            .first()
            .is_some_and(|&b| self.0 & Self::bit(b) != 0)
    }
}

/// A [`NameWalker`]'s position: its node's address and the output so far. A walker is ~90
/// bytes (it holds its node decoded); a table that keeps one per word of a corpus keeps this
/// instead, so more of it stays in the cache, and decodes the node again when it resumes
/// (reading the same bytes the next step reads anyway).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WalkPoint {
    node: usize,
    output: u64,
}

/// The team's language tables (aliases, abbreviations, demonyms, stoplist, lists of words and
/// names) as built into this binary, for `gazetteer build` to add to gazetteers compiled from
/// GeoNames dumps. `build.rs` writes the list from [`compile::BUILTIN_TEAM_TABLES`].
pub fn builtin_team_tables() -> compile::TeamTables<'static> {
    const FILES: [(compile::TableKind, &str, &[u8]); compile::BUILTIN_TEAM_TABLES.len()] =
        include!(concat!(env!("OUT_DIR"), "/team_tables.rs"));
    compile::TeamTables {
        files: FILES
            .iter()
            .map(|&(kind, path, bytes)| (kind, Path::new(path), bytes))
            .collect(),
    }
}

/// Splits an fst value into (postings offset, count).
fn split_ref(value: Option<u64>) -> (usize, usize) {
    match value {
        Some(v) => (
            (v >> format::COUNT_BITS) as usize,
            (v & ((1 << format::COUNT_BITS) - 1)) as usize,
        ),
        None => (0, 0),
    }
}

fn parse_abbreviations(mut bytes: &[u8]) -> Option<Vec<Abbreviation>> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let rule = AbbreviationRule::from_byte(*bytes.first()?)?;
        let place = u32::from_le_bytes(bytes.get(1..5)?.try_into().ok()?);
        let len = *bytes.get(5)? as usize;
        let surface = std::str::from_utf8(bytes.get(6..6 + len)?).ok()?;
        out.push(Abbreviation {
            surface: surface.to_string(),
            rule,
            place,
        });
        bytes = bytes.get(6 + len..)?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_words_hold_each_byte_in_its_place() {
        // The layout the overlapping reads must give: byte i at bits 8i, the length in the
        // last byte.
        let reference = |w: &str| {
            let mut key = [0u8; 16];
            key[..w.len()].copy_from_slice(w.as_bytes());
            key[15] = w.len() as u8;
            u128::from_le_bytes(key)
        };
        let text = "abcdefghijklmnoé";
        for end in 0..=15 {
            for start in 0..=end {
                if let Some(w) = text.get(start..end) {
                    assert_eq!(packed_word(w), Some(reference(w)), "{w:?}");
                }
            }
        }
    }

    #[test]
    fn packed_words_lower_as_their_text_does() {
        for w in [
            "Mosul",
            "W.VA.",
            "NY",
            "[@AZ`{]",
            "ABCDEFGHIJKLMNO",
            "São",
            "",
            "Z",
            "a1B2",
        ] {
            assert_eq!(
                packed_word(w).map(ascii_lowered),
                packed_word(&w.to_ascii_lowercase()),
                "{w:?}"
            );
        }
    }

    #[test]
    fn packed_words_tell_words_apart_by_bytes_and_length() {
        assert_ne!(packed_word("a"), packed_word("a\0"));
        assert_ne!(packed_word("raqqa"), packed_word("raqqah"));
        assert_eq!(packed_word("mosul"), packed_word("mosul"));
        assert!(packed_word("").is_some());
        assert!(packed_word("fifteen_bytes__").is_some());
        assert!(packed_word("sixteen_bytes___").is_none());
    }

    #[test]
    fn a_word_table_keeps_short_and_long_words() {
        let mut t = WordTable::default();
        t.insert("raqqa", 1);
        t.insert("deir ez zor governorate", 2);
        assert_eq!(t.get("raqqa"), Some(&1));
        assert_eq!(t.get("deir ez zor governorate"), Some(&2));
        assert_eq!(t.get("raqqah"), None);
        assert_eq!(t.get("deir ez zor governorat"), None);
        assert_eq!(t.len(), 2);
        t.clear();
        assert_eq!(t.get("raqqa"), None);
    }

    #[test]
    fn builtin_checksum_matches() {
        Gazetteer::verify_builtin().unwrap();
    }

    #[test]
    fn builtin_codes_point_at_countries_and_admin_units() {
        let g = Gazetteer::builtin().unwrap();
        assert_eq!(g.by_code("SY").unwrap().name, "Syria");
        assert_eq!(g.by_code("IQ").unwrap().feature_code.as_str(), "PCLI");
        let nineveh = g.by_code("IQ.15").unwrap();
        assert_eq!(nineveh.feature_code.as_str(), "ADM1");
        let mosul = g.lookup("Mosul", &LookupOptions::default())[0].place;
        assert_eq!(g.admin1_of(&mosul).unwrap().index, nineveh.index);
        assert_eq!(g.country_of(&mosul).unwrap().name, "Iraq");
    }

    #[test]
    fn a_place_s_own_name_outranks_a_larger_place_s_alias() {
        let g = Gazetteer::builtin().unwrap();
        let top = |name: &str| g.lookup(name, &LookupOptions::default())[0].place;
        // GeoNames lists "Elizabethtown" among the names of Elizabeth, New Jersey (129,000
        // people), and "Centerville" among Fremont's (232,000); the towns called so by their
        // own names are smaller, but not ten times smaller.
        assert_eq!(top("Elizabethtown").name, "Elizabethtown");
        assert_eq!(top("Centerville").name, "Centerville");
        // An alias still wins against much smaller places of its name: "Raqqa" is the city.
        assert_eq!(top("Raqqa").country_code.as_str(), "SY");
        // A spelling that needs folding counts like an alias: "St. Louis" is the Missouri
        // city's own name, and Saint-Louis, Senegal, a regional capital, only folds to it.
        assert_eq!(top("St. Louis").country_code.as_str(), "US");
    }

    #[test]
    fn first_level_units_weigh_as_their_people_within_their_country_s_bounds() {
        let g = Gazetteer::builtin().unwrap();
        let top = |name: &str| g.lookup(name, &LookupOptions::default())[0].place;
        // First-level units have no population in GeoNames; the people of their towns decide.
        // Liberia's Maryland County has a lower GeoNames id and used to win the tie.
        let maryland = top("Maryland");
        assert_eq!(maryland.country_code.as_str(), "US");
        assert_eq!(maryland.feature_code.as_str(), "ADM1");
        // Victoria the Australian state, not Hong Kong's alias nor the towns called so.
        assert_eq!(top("Victoria").country_code.as_str(), "AU");
        // A small country's parish no longer outranks a large city; a thinly peopled US state
        // still outranks the regions and towns of its name.
        assert_eq!(top("Manchester").country_code.as_str(), "GB");
        assert_eq!(top("Portland").country_code.as_str(), "US");
        let alaska = top("Alaska");
        assert_eq!(
            (alaska.country_code.as_str(), alaska.feature_code.as_str()),
            ("US", "ADM1")
        );
        // The weight is a floor raised, never a city pushed down: the capital stays first.
        assert_eq!(top("Baghdad").feature_code.as_str(), "PPLC");
        assert_eq!(top("São Paulo").feature_code.as_str(), "PPLA");
    }

    #[test]
    fn stoplist_words_are_known() {
        let g = Gazetteer::builtin().unwrap();
        for w in ["Shi'ite", "SUNNI", "Alawite", "Houthi"] {
            assert!(g.is_stopword(w), "{w}");
        }
        assert!(!g.is_stopword("Syrian"));
    }

    #[test]
    fn country_points_are_geonames_where_known() {
        let g = Gazetteer::builtin().unwrap();
        // GeoNames' own points (shared/gazetteer-sources/README.md).
        for (cc, lat, lon) in [
            ("SY", 35.0, 38.0),
            ("IQ", 33.0, 44.0),
            ("IR", 32.0, 53.0),
            ("US", 39.76, -98.5),
        ] {
            let p = g.by_code(cc).unwrap();
            assert!(
                (p.lat - lat).abs() < 0.01 && (p.lon - lon).abs() < 0.01,
                "{cc}: {} {}",
                p.lat,
                p.lon
            );
        }
    }
}
