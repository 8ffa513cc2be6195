//! Name folding: the keys under which names are indexed and looked up.
//!
//! Three keys, each coarser than the last:
//! 1. [`fold`]: lower case, diacritics removed (NFKD), letters without a decomposition mapped
//!    (ø → o, ß → ss, ł → l), hyphens, apostrophe-like marks (’ ʼ ʿ ʾ ‘ `), periods and other
//!    punctuation turned into single spaces; Arabic script with its letter variants unified
//!    (أ إ آ ٱ → ا, ى → ي, ة → ه) and spaces between Arabic letters removed, because Arabic
//!    names are written both joined and spaced.
//! 2. [`strip_articles`]: the folded key without Arabic articles (al-, el-, ar-, ez- …) in
//!    front of a following word, and without a leading ال, so "Deir ez-Zor" meets "Deir Zor".
//! 3. [`skeleton`]: a consonant skeleton of the stripped key for transliteration variants
//!    (Raqqah / Rakka, Dayr az Zawr / Deir ez-Zor); only the fuzzy fallback uses it.
//!
//! Shared with `build.rs`, so indexing and lookup fold with the very same code.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Arabic articles as they appear in Latin transliterations, stripped before another word.
const ARABIC_ARTICLES: [&str; 16] = [
    "al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "ath", "adh", "ed", "es", "et", "ez",
    "ul",
];

/// The shortest consonant skeleton worth a fuzzy lookup; shorter ones match too much.
pub const MIN_SKELETON_LEN: usize = 2;

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
}

/// Letters NFKD leaves alone but readers treat as their base letter.
fn special_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ø' | 'Ø' => "o",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ß' => "ss",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ł' | 'Ł' => "l",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        'ŧ' | 'Ŧ' => "t",
        // Arabic letter variants that writers use interchangeably.
        'أ' | 'إ' | 'آ' | 'ٱ' => "ا",
        'ى' => "ي",
        'ة' => "ه",
        'ـ' => "",
        _ => return None,
    })
}

/// Folds `name` into `out` (cleared first). Allocation-free when `out` has capacity.
pub fn fold_into(name: &str, out: &mut String) {
    out.clear();
    if name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // One ASCII word, the commonest token: copied and lowered in place.
        out.push_str(name);
        out.make_ascii_lowercase();
        return;
    }
    if name.is_ascii() {
        // Most words of English text: no decomposition needed, same result as the slow path.
        let mut pending_space = false;
        for b in name.bytes() {
            if b.is_ascii_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(char::from(b.to_ascii_lowercase()));
            } else {
                pending_space = true;
            }
        }
        return;
    }
    let mut pending_space = false;
    let mut last_arabic = false;
    for c in name.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            let arabic = is_arabic(c);
            // Spaces between two Arabic letters are dropped: "عين العرب" == "عينالعرب".
            if pending_space && !out.is_empty() && !(arabic && last_arabic) {
                out.push(' ');
            }
            pending_space = false;
            last_arabic = arabic;
            match special_letter(c) {
                Some(s) => out.push_str(s),
                None => out.extend(c.to_lowercase()),
            }
        } else {
            // Every separator, hyphen, apostrophe, period or symbol ends a word.
            pending_space = true;
        }
    }
}

/// Folds `name` into a new string. See [`fold_into`].
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    fold_into(name, &mut out);
    out
}

/// Drops Arabic articles standing before another word of a folded key, and a leading ال
/// from an Arabic-script word of more than three letters. Returns `None` when nothing changes.
pub fn strip_articles(folded: &str) -> Option<String> {
    // Most keys are one ASCII word, which neither starts with "ال" nor has a word after an
    // article: nothing to strip.
    if folded.is_ascii() && !folded.contains(' ') {
        return None;
    }
    // Most keys have no article: answer without allocating.
    let mut words = folded.split(' ').peekable();
    let mut any = false;
    while let Some(word) = words.next() {
        let not_last = words.peek().is_some();
        if (not_last && ARABIC_ARTICLES.contains(&word)) || word.starts_with("ال") {
            any = true;
            break;
        }
    }
    if !any {
        return None;
    }
    let words: Vec<&str> = folded.split(' ').collect();
    let mut kept: Vec<String> = Vec::with_capacity(words.len());
    let mut changed = false;
    for (i, word) in words.iter().enumerate() {
        let is_last = i + 1 == words.len();
        if !is_last && ARABIC_ARTICLES.contains(word) {
            changed = true;
            continue;
        }
        if let Some(rest) = word.strip_prefix("ال") {
            if rest.chars().count() >= 2 {
                changed = true;
                kept.push(rest.to_string());
                continue;
            }
        }
        kept.push((*word).to_string());
    }
    if !changed || kept.is_empty() {
        return None;
    }
    Some(kept.join(" "))
}

/// The consonant skeleton of an article-stripped key, or `None` for non-Latin text or a
/// skeleton too short to be selective. Rules: q, c, ck, kh → k; ph → f; gh → g; dh → d;
/// th → t; sh → s; a final h after a vowel is dropped ("Raqqah"); vowels, y and w are dropped;
/// doubled letters collapse; words stay separated by spaces.
pub fn skeleton(stripped: &str) -> Option<String> {
    let (key, consonants) = transliterate(stripped, false)?;
    (consonants >= MIN_SKELETON_LEN).then_some(key)
}

/// The article-stripped key with the same consonant rules as [`skeleton`] but vowels kept:
/// what fuzzy candidates are compared on ("raqqah" and "rakka" both become "raka").
pub fn transliteration_key(stripped: &str) -> String {
    transliterate(stripped, true)
        .map(|(k, _)| k)
        .unwrap_or_else(|| stripped.to_string())
}

fn transliterate(stripped: &str, keep_vowels: bool) -> Option<(String, usize)> {
    if !stripped.is_ascii() {
        return None;
    }
    let is_vowel = |x: u8| matches!(x, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w');
    let mut out = String::with_capacity(stripped.len());
    let mut consonants = 0;
    for (i, word) in stripped.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let bytes = word.as_bytes();
        let mut last: u8 = 0;
        let mut j = 0;
        while let Some(&b) = bytes.get(j) {
            let next = bytes.get(j + 1).copied();
            let (mapped, step) = match (b, next) {
                (b'k', Some(b'h')) | (b'c', Some(b'k')) => (b'k', 2),
                (b'p', Some(b'h')) => (b'f', 2),
                (b'g', Some(b'h')) => (b'g', 2),
                (b'd', Some(b'h')) => (b'd', 2),
                (b't', Some(b'h')) => (b't', 2),
                (b's', Some(b'h')) => (b's', 2),
                (b'o', Some(b'u')) => (b'u', 2),
                (b'q', _) | (b'c', _) => (b'k', 1),
                (b'h', None) if j > 0 && bytes.get(j - 1).is_some_and(|p| is_vowel(*p)) => (0, 1),
                (x, _) => (x, 1),
            };
            let mapped = if !keep_vowels && is_vowel(mapped) {
                0
            } else {
                mapped
            };
            if mapped != 0 && mapped != last {
                out.push(char::from(mapped));
                if !is_vowel(mapped) {
                    consonants += 1;
                }
            }
            if mapped != 0 {
                last = mapped;
            }
            j += step;
        }
    }
    let trimmed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    Some((trimmed, consonants))
}

/// A transliteration key ([`transliteration_key`]) as Arabic names are heard: letters only,
/// each run of vowels one "a", doubled letters single. `semivowels` counts "w" and "y" among
/// the vowels (coarser: compounds, "Ain al-Arab" and "‘Ayn al ‘Arab" both "anarab"); without
/// it they are consonants before a vowel ("Hawija" is "hawaja", Hajiawa "hajawa") and vowels
/// elsewhere, where they close a diphthong that transliterations also write with "i" or "u"
/// ("Sulaimaniyah" and "Sulaymaniyah" are both "salamanaya"). Empty for a non-ASCII key.
pub fn levelled_key(key: &str, semivowels: bool) -> String {
    let mut out = String::with_capacity(key.len());
    if !key.is_ascii() {
        return out;
    }
    let is_vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u');
    let letters: Vec<u8> = key.bytes().filter(u8::is_ascii_alphabetic).collect();
    for (i, &b) in letters.iter().enumerate() {
        let before_vowel = letters.get(i + 1).is_some_and(|&n| is_vowel(n));
        let vowel = is_vowel(b) || (matches!(b, b'y' | b'w') && (semivowels || !before_vowel));
        let b = if vowel { b'a' } else { b };
        if out.as_bytes().last() != Some(&b) {
            out.push(char::from(b));
        }
    }
    out
}

/// True for IATA/ICAO-style codes among a town's alternate names ("TLV", "OSM", "KJFK"): three
/// or four upper-case ASCII letters. They would otherwise tag acronyms in running text.
pub fn is_airport_code(name: &str) -> bool {
    (3..=4).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_uppercase())
}

/// A 24-bit hash of a name in lower case, stored with each indexed name so that a lookup can
/// tell a verbatim match (exact, alias) from one that needed folding. FNV-1a.
pub fn verbatim_hash(name: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let name = name.trim();
    if name.is_ascii() {
        // The same bytes as the general path below: an ASCII letter lowers to one byte.
        for b in name.bytes() {
            h ^= u32::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(0x0100_0193);
        }
        return h & 0x00FF_FFFF;
    }
    for c in name.chars().flat_map(char::to_lowercase) {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h & 0x00FF_FFFF
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_table() {
        let cases = [
            ("Tel Aviv", "tel aviv"),
            ("TEL AVIV", "tel aviv"),
            ("Deir ez-Zor", "deir ez zor"),
            ("Ma’arrat an-Nu‘man", "ma arrat an nu man"),
            ("São Paulo", "sao paulo"),
            ("Þórshöfn", "thorshofn"),
            ("Kraków", "krakow"),
            ("St. Louis", "st louis"),
            ("  Ar-Raqqah ", "ar raqqah"),
            ("W.Va.", "w va"),
            ("الرَّقَّة", "الرقه"),
            ("عين العرب", "عينالعرب"),
            ("Düsseldorf", "dusseldorf"),
            ("", ""),
            ("---", ""),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "fold({input:?})");
        }
    }

    #[test]
    fn article_stripping() {
        assert_eq!(strip_articles("al raqqa").as_deref(), Some("raqqa"));
        assert_eq!(strip_articles("deir ez zor").as_deref(), Some("deir zor"));
        assert_eq!(strip_articles("ar raqqah").as_deref(), Some("raqqah"));
        assert_eq!(strip_articles("الرقه").as_deref(), Some("رقه"));
        // A lone word that happens to be an article is a name, not an article.
        assert_eq!(strip_articles("as"), None);
        assert_eq!(strip_articles("mosul"), None);
    }

    #[test]
    fn skeletons_meet_for_transliterations() {
        let same = [
            ("raqqah", "rakka"),
            ("raqqa", "raqqah"),
            ("deir zour", "dayr zawr"),
            ("deir zor", "dayr zawr"),
            ("idlib", "edlib"),
            ("abu kamal", "abu kemal"),
        ];
        for (a, b) in same {
            assert_eq!(skeleton(a), skeleton(b), "{a} vs {b}");
        }
        assert_ne!(skeleton("mosul"), skeleton("basra"));
        assert_eq!(skeleton("ua"), None);
        assert_eq!(skeleton("بغداد"), None);
    }

    #[test]
    fn transliteration_keys() {
        assert_eq!(transliteration_key("raqqah"), "raka");
        assert_eq!(transliteration_key("rakka"), "raka");
        assert_eq!(transliteration_key("deir zour"), "deir zur");
    }

    #[test]
    fn airport_codes() {
        assert!(is_airport_code("TLV"));
        assert!(is_airport_code("OSM"));
        assert!(!is_airport_code("Tel"));
        assert!(!is_airport_code("UK"));
    }

    #[test]
    fn verbatim_hash_of_ascii_matches_the_general_path() {
        // The general path, for any text: FNV-1a over the UTF-8 of the lowered characters.
        fn by_chars(name: &str) -> u32 {
            let mut h: u32 = 0x811c_9dc5;
            for c in name.trim().chars().flat_map(char::to_lowercase) {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    h ^= u32::from(b);
                    h = h.wrapping_mul(0x0100_0193);
                }
            }
            h & 0x00FF_FFFF
        }
        for name in [
            "Raqqa",
            " TEL AVIV\t",
            "St. Louis",
            "W.Va.",
            "",
            "\u{b}x\u{b}",
            "a-Z 09",
        ] {
            assert_eq!(verbatim_hash(name), by_chars(name), "{name:?}");
        }
        let all_ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(verbatim_hash(&all_ascii), by_chars(&all_ascii));
    }

    #[test]
    fn verbatim_hash_ignores_case_only() {
        assert_eq!(verbatim_hash("Raqqa"), verbatim_hash("RAQQA"));
        assert_ne!(verbatim_hash("Raqqa"), verbatim_hash("Raqqá"));
    }
}
