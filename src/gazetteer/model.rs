//! Plain value types of the gazetteer: identifiers, codes and the kinds of names and matches.
//!
//! Shared with `build.rs`, which compiles the default gazetteer, so it uses nothing outside
//! this directory.

use std::fmt;

/// A GeoNames feature id (`geonameid` in the dumps).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GeonameId(pub u32);

/// An ISO 3166-1 alpha-2 country code in upper case, or none (seas, world regions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// The "no country" code, stored as two zero bytes.
    pub const NONE: CountryCode = CountryCode([0, 0]);

    /// Parses two ASCII letters in any case; anything else is `None`.
    pub fn parse(s: &str) -> Option<CountryCode> {
        match s.as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => Some(CountryCode([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
            ])),
            _ => None,
        }
    }

    /// Builds a code from its stored bytes (two zero bytes mean none).
    pub fn from_bytes(bytes: [u8; 2]) -> CountryCode {
        if bytes.iter().all(u8::is_ascii_uppercase) {
            CountryCode(bytes)
        } else {
            CountryCode::NONE
        }
    }

    /// The stored bytes.
    pub fn to_bytes(self) -> [u8; 2] {
        self.0
    }

    /// True for the "no country" code.
    pub fn is_none(self) -> bool {
        self == CountryCode::NONE
    }

    /// The code as text, `""` when there is none.
    pub fn as_str(&self) -> &str {
        if self.is_none() {
            ""
        } else {
            // Both bytes are ASCII upper-case letters by construction.
            std::str::from_utf8(&self.0).unwrap_or("")
        }
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A country and a first-level unit code within it (`SY` + `04`) as one number, so that
/// resolution can count and compare units without reading their code strings, which live in
/// the gazetteer's string section and cost a cache miss per candidate. Codes of up to five
/// bytes (nearly all) are stored whole; a longer code is stored as a 40-bit FNV-1a hash
/// (two long codes of one country share a key only if their hashes collide).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Admin1Key(u64);

impl Admin1Key {
    /// The key of `admin1_code` in `country`.
    pub fn of(country: CountryCode, admin1_code: &str) -> Admin1Key {
        let code = admin1_code.as_bytes();
        let mut key = [0u8; 8];
        key[..2].copy_from_slice(&country.to_bytes());
        if code.len() <= 5 {
            key[2] = code.len() as u8;
            key[3..3 + code.len()].copy_from_slice(code);
        } else {
            let hash = code.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            });
            key[2] = u8::MAX;
            key[3..].copy_from_slice(&hash.to_le_bytes()[..5]);
        }
        Admin1Key(u64::from_le_bytes(key))
    }
}

/// A GeoNames feature code such as `PPLA`, `ADM1` or `PCLI`: up to five ASCII characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FeatureCode([u8; 5]);

impl FeatureCode {
    /// Parses up to five ASCII alphanumerics; longer or other text is `None`.
    pub fn parse(s: &str) -> Option<FeatureCode> {
        let bytes = s.as_bytes();
        if bytes.len() > 5 || !bytes.iter().all(u8::is_ascii_alphanumeric) {
            return None;
        }
        let mut code = [0u8; 5];
        code[..bytes.len()].copy_from_slice(bytes);
        Some(FeatureCode(code))
    }

    /// Builds a code from stored bytes; invalid bytes give the empty code.
    pub fn from_bytes(bytes: [u8; 5]) -> FeatureCode {
        // The bytes up to the first zero, zero-padded (equal codes have equal bytes).
        let mut code = [0u8; 5];
        for (slot, &b) in code.iter_mut().zip(&bytes) {
            if b == 0 {
                break;
            }
            if !b.is_ascii_alphanumeric() {
                return FeatureCode::default();
            }
            *slot = b;
        }
        FeatureCode(code)
    }

    /// The stored bytes.
    pub fn to_bytes(self) -> [u8; 5] {
        self.0
    }

    /// The code as text (`""` when unknown).
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).unwrap_or("")
    }

    /// The code's ASCII bytes (empty when unknown): for comparisons on hot paths, which
    /// `as_str`'s UTF-8 check would slow.
    pub fn as_bytes(&self) -> &[u8] {
        let len = self.0.iter().position(|b| *b == 0).unwrap_or(5);
        self.0.get(..len).unwrap_or(&[])
    }
}

impl fmt::Display for FeatureCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// GeoNames feature classes (the first letter of the taxonomy).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FeatureClass {
    /// Countries, states, regions (administrative).
    A,
    /// Streams, lakes, seas.
    H,
    /// Parks, areas, regions (non-administrative).
    L,
    /// Cities, villages.
    P,
    /// Roads, railways.
    R,
    /// Spots, buildings, farms.
    S,
    /// Mountains, hills, rocks, deserts, islands.
    T,
    /// Undersea features.
    U,
    /// Forests, heaths.
    V,
}

impl FeatureClass {
    /// All classes, in letter order.
    pub const ALL: [FeatureClass; 9] = [
        FeatureClass::A,
        FeatureClass::H,
        FeatureClass::L,
        FeatureClass::P,
        FeatureClass::R,
        FeatureClass::S,
        FeatureClass::T,
        FeatureClass::U,
        FeatureClass::V,
    ];

    /// Parses the one-letter class.
    pub fn parse(s: &str) -> Option<FeatureClass> {
        Some(match s {
            "A" => FeatureClass::A,
            "H" => FeatureClass::H,
            "L" => FeatureClass::L,
            "P" => FeatureClass::P,
            "R" => FeatureClass::R,
            "S" => FeatureClass::S,
            "T" => FeatureClass::T,
            "U" => FeatureClass::U,
            "V" => FeatureClass::V,
            _ => return None,
        })
    }

    /// The stored byte (the ASCII letter).
    pub fn to_byte(self) -> u8 {
        self.as_str().as_bytes().first().copied().unwrap_or(b'?')
    }

    /// Reads the stored byte.
    pub fn from_byte(b: u8) -> Option<FeatureClass> {
        FeatureClass::parse(std::str::from_utf8(&[b]).ok()?)
    }

    /// The one-letter class.
    pub fn as_str(self) -> &'static str {
        match self {
            FeatureClass::A => "A",
            FeatureClass::H => "H",
            FeatureClass::L => "L",
            FeatureClass::P => "P",
            FeatureClass::R => "R",
            FeatureClass::S => "S",
            FeatureClass::T => "T",
            FeatureClass::U => "U",
            FeatureClass::V => "V",
        }
    }

    /// What the class holds, in words (for `gazetteer info`).
    pub fn description(self) -> &'static str {
        match self {
            FeatureClass::A => "countries, states, regions",
            FeatureClass::H => "streams, lakes, seas",
            FeatureClass::L => "parks, areas, world regions",
            FeatureClass::P => "cities, villages",
            FeatureClass::R => "roads, railways",
            FeatureClass::S => "spots, buildings, farms",
            FeatureClass::T => "mountains, deserts, islands",
            FeatureClass::U => "undersea",
            FeatureClass::V => "forests, heaths",
        }
    }
}

/// Where a name of a place came from; decides how a match on it is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    /// The place's own name or its ASCII form.
    Primary = 0,
    /// An alternate name (other languages, older spellings, short forms).
    Alternate = 1,
    /// A demonym or adjective standing for the place ("Syrian" for Syria).
    Demonym = 2,
}

impl NameKind {
    /// Reads the stored value.
    pub fn from_byte(b: u8) -> NameKind {
        match b & 0b11 {
            0 => NameKind::Primary,
            1 => NameKind::Alternate,
            _ => NameKind::Demonym,
        }
    }
}

/// How a looked-up name matched a candidate, from the most to the least literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// The query is the place's own name (ignoring case).
    Exact,
    /// The query is one of the place's alternate names (ignoring case).
    Alias,
    /// A news abbreviation of the place ("W.Va.", "U.K.", "NSW").
    Abbreviation,
    /// A demonym standing for the place ("Syrian").
    Demonym,
    /// Equal after folding case, diacritics, hyphens and apostrophes.
    Folded,
    /// Equal after also dropping Arabic articles (al-, ar-, ez- …).
    ArticleStripped,
    /// The query names a part or the surroundings of the place ("northern Syria", "the
    /// Aleppo countryside", "metro Atlanta"): asked of a whole query only, never of running
    /// text.
    Part,
    /// Similar spelling (transliteration variants); never ranked above the others.
    Fuzzy,
}

impl MatchKind {
    /// The lowercase name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Alias => "alias",
            MatchKind::Abbreviation => "abbreviation",
            MatchKind::Demonym => "demonym",
            MatchKind::Folded => "folded",
            MatchKind::ArticleStripped => "article-stripped",
            MatchKind::Part => "part",
            MatchKind::Fuzzy => "fuzzy",
        }
    }
}

impl fmt::Display for MatchKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When an abbreviation may match running text or a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AbbreviationRule {
    /// Matches in any case: dotted forms such as "W.Va." or "Calif." are never ordinary words.
    AnyCase = 0,
    /// Matches only as written ("NSW", "UAE", "U.S."): "Nsw" or "uae" are not the place.
    ExactCase = 1,
    /// A two-letter postal code ("IN", "OR", "ME"): exact upper case, and in running text only
    /// right after "Town, " so that ordinary words never match.
    Postal = 2,
}

impl AbbreviationRule {
    /// Parses the rule names of `gazetteer/abbreviations.tsv`.
    pub fn parse(s: &str) -> Option<AbbreviationRule> {
        Some(match s {
            "any-case" => AbbreviationRule::AnyCase,
            "exact-case" => AbbreviationRule::ExactCase,
            "postal" => AbbreviationRule::Postal,
            _ => return None,
        })
    }

    /// Reads the stored byte.
    pub fn from_byte(b: u8) -> Option<AbbreviationRule> {
        Some(match b {
            0 => AbbreviationRule::AnyCase,
            1 => AbbreviationRule::ExactCase,
            2 => AbbreviationRule::Postal,
            _ => return None,
        })
    }

    /// True when `query` is an acceptable way of writing `surface` under this rule.
    pub fn accepts(self, surface: &str, query: &str) -> bool {
        match self {
            AbbreviationRule::AnyCase => surface.eq_ignore_ascii_case(query),
            AbbreviationRule::ExactCase | AbbreviationRule::Postal => surface == query,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_feature_codes_end_at_their_first_zero() {
        let adm1 = FeatureCode::parse("ADM1").unwrap();
        assert_eq!(FeatureCode::from_bytes(*b"ADM1\0"), adm1);
        // Bytes after the end do not make a code differ from the same code written cleanly.
        assert_eq!(
            FeatureCode::from_bytes([b'P', b'P', b'L', 0, 0xFF]),
            FeatureCode::parse("PPL").unwrap()
        );
        assert_eq!(FeatureCode::from_bytes(*b"A-B\0\0"), FeatureCode::default());
        assert_eq!(
            FeatureCode::from_bytes(*b"PPLA2"),
            FeatureCode::parse("PPLA2").unwrap()
        );
    }

    #[test]
    fn admin1_keys_tell_units_apart_by_country_and_code() {
        let key = |cc: &str, code: &str| Admin1Key::of(CountryCode::parse(cc).unwrap(), code);
        assert_eq!(key("SY", "04"), key("SY", "04"));
        assert_ne!(key("SY", "04"), key("IQ", "04"));
        assert_ne!(key("SY", "04"), key("SY", "4"));
        assert_ne!(key("SY", "04"), key("SY", "04\0"));
        assert_ne!(key("SY", ""), key("SY", "0"));
        // Codes longer than five bytes are hashed, still per country and code.
        assert_eq!(key("GB", "ENG.LONG"), key("GB", "ENG.LONG"));
        assert_ne!(key("GB", "ENG.LONG"), key("GB", "ENG.LONH"));
        assert_ne!(key("GB", "ENG.LONG"), key("IE", "ENG.LONG"));
        assert_ne!(key("GB", "ABCDEF"), key("GB", "ABCDE"));
    }

    #[test]
    fn country_codes_parse_and_print() {
        assert_eq!(
            CountryCode::parse("sy").map(|c| c.to_string()),
            Some("SY".into())
        );
        assert_eq!(CountryCode::parse("SYR"), None);
        assert_eq!(CountryCode::parse("S1"), None);
        assert_eq!(CountryCode::from_bytes([0, 0]).as_str(), "");
    }

    #[test]
    fn feature_codes_round_trip() {
        for code in ["PPLA", "ADM1", "PCLI", "P", "STM"] {
            let fc = FeatureCode::parse(code).unwrap();
            assert_eq!(FeatureCode::from_bytes(fc.to_bytes()).as_str(), code);
        }
        assert_eq!(FeatureCode::parse("TOOLONG"), None);
    }

    #[test]
    fn abbreviation_rules() {
        assert!(AbbreviationRule::AnyCase.accepts("W.Va.", "w.va."));
        assert!(AbbreviationRule::ExactCase.accepts("NSW", "NSW"));
        assert!(!AbbreviationRule::ExactCase.accepts("NSW", "Nsw"));
        assert!(!AbbreviationRule::Postal.accepts("IN", "in"));
    }
}
