//! The document view every later stage reads: tokens with byte and code-point offsets, what
//! separates each token from the previous one, sentence starts, and the case profile of each
//! line (an ALL-CAPS or Title Case headline makes capitals meaningless there).
//!
//! In: a `&str`. Out: a [`Document`] borrowing it. One pass over the characters, one
//! allocation for the token vector; no normalisation of the text itself, so every offset points
//! into the caller's string. Does not find names: that is `recognize`.

#![warn(clippy::indexing_slicing)]

/// A byte offset into the document text (what Rust slices with).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteOffset(pub usize);

/// A Unicode code-point offset into the document text (what Python and the corpora count).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct CharOffset(pub usize);

/// A span of the text in both units, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub byte_start: ByteOffset,
    /// One past the last byte.
    pub byte_end: ByteOffset,
    /// First code point.
    pub char_start: CharOffset,
    /// One past the last code point.
    pub char_end: CharOffset,
}

impl Span {
    /// True when the span holds as many bytes as code points: all ASCII.
    pub fn is_ascii(&self) -> bool {
        self.byte_end.0 - self.byte_start.0 == self.char_end.0 - self.char_start.0
    }
}

/// How a word is capitalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// Two or more letters, all upper case ("IRAQ", "TEL").
    Upper,
    /// Starts with an upper-case letter ("Mosul", "McAllen", "A").
    Title,
    /// Starts with a lower-case letter ("said", "al").
    Lower,
    /// No cased letter (Arabic script, digits).
    Uncased,
}

/// What stands between a token and the one before it. Names may span `Space`, `Hyphen`,
/// `Apostrophe` and `Period` ("St. Louis", "Deir ez-Zor") but never the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gap {
    /// Nothing: the first token of the text.
    Start,
    /// Only spaces or tabs.
    Space,
    /// A hyphen or dash between letters, with no spaces ("ez-Zor").
    Hyphen,
    /// An apostrophe-like mark ("Ma'arrat", "Iran's").
    Apostrophe,
    /// A period, possibly with spaces ("St. Louis", "W.Va").
    Period,
    /// A comma (possibly with spaces): "Aleppo, Syria".
    Comma,
    /// A line break.
    Newline,
    /// Any other punctuation or symbol.
    Other,
}

/// One word: a run of letters and digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it is.
    pub span: Span,
    /// Its capitalisation.
    pub case: Case,
    /// What separates it from the previous token.
    pub gap: Gap,
    /// True for the first token of a sentence (after . ! ? or a line break) or of a quotation.
    pub sentence_start: bool,
    /// Index of its line in [`Document::lines`].
    pub line: u32,
}

/// How the words of a line are capitalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineCase {
    /// Ordinary prose: capitals mark names and sentence starts.
    Sentence,
    /// Most words capitalised ("Iran Accelerating Efforts To Capture …"): a headline.
    Title,
    /// Every cased word in upper case ("IRAN ACCELERATES …", "TEL AVIV —").
    Upper,
}

/// One line of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// Index of its first token.
    pub first_token: usize,
    /// One past its last token.
    pub end_token: usize,
    /// Its case profile.
    pub case: LineCase,
}

/// A tokenised document. Borrows the text; all offsets point into it.
#[derive(Clone, Debug)]
pub struct Document<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    lines: Vec<Line>,
}

/// Words after which a period does not end a sentence (with [`PLACE_ABBREVIATIONS`]).
const ABBREVIATIONS: [&str; 37] = [
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Sgt", "Capt", "Cpl", "Maj", "Adm", "Rep", "Sen",
    "Gov", "Pres", "Prof", "Rev", "Hon", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct",
    "Nov", "Dec", "No", "vs", "Inc", "Corp", "Co", "Jr", "Sr", "Ave",
];
/// Abbreviations that begin place names, in any case ("ST. PAUL", "Sault Ste. Marie").
const PLACE_ABBREVIATIONS: [&str; 5] = ["St", "Ste", "Mt", "Ft", "Pt"];
/// The longest entry of [`ABBREVIATIONS`] and [`PLACE_ABBREVIATIONS`], in bytes.
const ABBREVIATION_MAX_LEN: usize = 4;
/// A line at least this share of whose words are capitalised is a Title Case headline.
const TITLE_LINE_SHARE: f64 = 0.85;
/// Title Case lines are short; a long line with many capitals is prose full of names.
const TITLE_LINE_MAX_WORDS: usize = 25;

fn classify_case(word: &str) -> Case {
    if word.is_ascii() {
        return ascii_case(word.as_bytes());
    }
    let mut letters = 0;
    let mut upper = 0;
    let mut first: Option<bool> = None;
    for c in word.chars() {
        if c.is_uppercase() {
            upper += 1;
            letters += 1;
            first.get_or_insert(true);
        } else if c.is_lowercase() {
            letters += 1;
            first.get_or_insert(false);
        }
    }
    match first {
        None => Case::Uncased,
        Some(false) => Case::Lower,
        Some(true) if letters >= 2 && upper == letters => Case::Upper,
        Some(true) => Case::Title,
    }
}

// What a character is to the tokenizer: a word character (a lower- or upper-case letter or a
// digit), or the mark it leaves on the gap before the next word. The gap marks of the
// characters between two words, OR-ed together, decide that gap's [`Gap`] and whether a
// sentence starts after it.
const LOWER: u16 = 1;
const UPPER: u16 = 1 << 1;
const DIGIT: u16 = 1 << 2;
const LETTER: u16 = LOWER | UPPER;
const WORD: u16 = LETTER | DIGIT;
const NEWLINE: u16 = 1 << 3;
const COMMA: u16 = 1 << 4;
const PERIOD: u16 = 1 << 5;
const STOP: u16 = 1 << 6;
const HYPHEN: u16 = 1 << 7;
const APOSTROPHE: u16 = 1 << 8;
const SPACE: u16 = 1 << 9;
const OTHER: u16 = 1 << 10;
/// Opening quotes, brackets and colons start a new capitalised phrase.
const QUOTE: u16 = 1 << 11;

/// The gap mark of a character that is not part of a word.
const fn separator_class(c: char) -> u16 {
    match c {
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => NEWLINE,
        ',' | '،' => COMMA,
        '.' => PERIOD,
        '!' | '?' | '؟' => STOP,
        // The en dash joins compounds too ("Syria–Iraq border"); the em dash does not.
        '-' | '‐' | '‑' | '–' => HYPHEN,
        '\'' | '’' | 'ʼ' | 'ʿ' | 'ʾ' | '‘' | '`' | '´' | 'ʹ' | 'ʻ' => APOSTROPHE,
        // Unicode's White_Space (`char::is_whitespace`, not usable in a const fn before
        // Rust 1.87) less the line breaks above.
        '\t' | '\u{0B}' | '\u{0C}' | ' ' | '\u{85}' | '\u{A0}' | '\u{1680}' => SPACE,
        '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => SPACE,
        '“' | '"' | '«' | '(' | '[' | ':' => QUOTE | OTHER,
        _ => OTHER,
    }
}

/// The class of every ASCII byte, so the tokenizer reads ASCII text a byte at a time with
/// one table load and no decoding; bytes of other characters are 0 (neither a word byte nor
/// a separator: the tokenizer decodes their character).
static ASCII_CLASS: [u16; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        let class = match b as u8 {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            other => separator_class(other as char),
        };
        #[allow(clippy::indexing_slicing)] // b < 128, within the table
        {
            table[b] = class;
        }
        b += 1;
    }
    table
};

fn ascii_class(b: u8) -> u16 {
    // A u8 always indexes the 256 entries: the check compiles away.
    ASCII_CLASS.get(usize::from(b)).copied().unwrap_or(0)
}

/// The [`Gap`] that the OR-ed marks of the characters between two words make.
fn gap_of(marks: u16) -> Gap {
    let has = |m: u16| marks & m != 0;
    if has(NEWLINE) {
        Gap::Newline
    } else if has(COMMA) {
        Gap::Comma
    } else if has(STOP | OTHER) {
        Gap::Other
    } else if has(PERIOD) {
        Gap::Period
    } else if has(HYPHEN) && !has(SPACE) {
        Gap::Hyphen
    } else if has(APOSTROPHE) && !has(SPACE) {
        Gap::Apostrophe
    } else if has(HYPHEN | APOSTROPHE) {
        Gap::Other
    } else {
        Gap::Space
    }
}

/// The capitalisation of a line's words, counted word by word, and the line's case profile.
#[derive(Default)]
struct LineTally {
    /// Words with a cased letter.
    cased: usize,
    /// Of them, all in capitals.
    upper: usize,
    /// Cased words of more than three letters.
    long: usize,
    /// Of them, capitalised.
    capitalised: usize,
}

impl LineTally {
    fn add(&mut self, case: Case, chars: usize) {
        if case == Case::Uncased {
            return;
        }
        self.cased += 1;
        self.upper += usize::from(case == Case::Upper);
        // Short function words stay lower case in Title Case ("Efforts to Capture").
        if chars > 3 {
            self.long += 1;
            self.capitalised += usize::from(case != Case::Lower);
        }
    }

    /// The case profile of a line of `words` tokens with these counts.
    fn case(&self, words: usize) -> LineCase {
        if self.cased == 0 {
            return LineCase::Sentence;
        }
        if self.cased >= 2 && self.upper == self.cased {
            return LineCase::Upper;
        }
        if self.long >= 3
            && words <= TITLE_LINE_MAX_WORDS
            && self.capitalised as f64 >= TITLE_LINE_SHARE * self.long as f64
        {
            return LineCase::Title;
        }
        LineCase::Sentence
    }
}

/// A word found by [`word_at`].
struct Word {
    /// One past its last byte.
    end: usize,
    /// Its length in code points.
    chars: usize,
    case: Case,
}

impl<'t> Document<'t> {
    /// Tokenises `text`. O(n) in its length, one pass.
    pub fn new(text: &'t str) -> Document<'t> {
        // News runs about five bytes a token (words, numbers, the parts of "U.S."): a
        // generous guess costs untouched memory, a short one copies the tokens as they grow.
        let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 4 + 8);
        let mut lines: Vec<Line> = Vec::new();
        let bytes = text.as_bytes();
        // The marks of the separators since the last word.
        let mut marks: u16 = 0;
        let mut line: u32 = 0;
        let mut line_first_token = 0usize;
        let mut chars = 0usize;
        let mut at = 0usize;
        // How the words of the current line are capitalised, counted as they are found.
        let mut tally = LineTally::default();
        while let Some(&b) = bytes.get(at) {
            // A separator: one character between words.
            if b < 0x80 {
                let class = ascii_class(b);
                if class & WORD == 0 {
                    if b == b'\n' {
                        lines.push(Line {
                            first_token: line_first_token,
                            end_token: tokens.len(),
                            case: tally.case(tokens.len() - line_first_token),
                        });
                        tally = LineTally::default();
                        line_first_token = tokens.len();
                        line += 1;
                    }
                    marks |= class;
                    chars += 1;
                    at += 1;
                    continue;
                }
            } else {
                let c = text
                    .get(at..)
                    .and_then(|r| r.chars().next())
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                if !(c.is_alphanumeric() || is_mark(c)) {
                    marks |= separator_class(c);
                    chars += 1;
                    at += c.len_utf8();
                    continue;
                }
            }
            let word = word_at(text, at);
            let has = |m: u16| marks & m != 0;
            let (gap, sentence_start) = match tokens.last() {
                None => (Gap::Start, true),
                // Most words follow a single space: no sentence starts, the gap is a space.
                Some(_) if marks == SPACE => (Gap::Space, false),
                Some(p) => {
                    let starts = has(NEWLINE | STOP | QUOTE)
                        || (has(PERIOD) && {
                            let prev_word = text
                                .get(p.span.byte_start.0..p.span.byte_end.0)
                                .unwrap_or("");
                            ends_sentence(prev_word, text.get(at..word.end).unwrap_or(""))
                        });
                    (gap_of(marks), starts)
                }
            };
            tally.add(word.case, word.chars);
            tokens.push(Token {
                span: Span {
                    byte_start: ByteOffset(at),
                    byte_end: ByteOffset(word.end),
                    char_start: CharOffset(chars),
                    char_end: CharOffset(chars + word.chars),
                },
                case: word.case,
                gap,
                sentence_start,
                line,
            });
            marks = 0;
            chars += word.chars;
            at = word.end;
        }
        lines.push(Line {
            first_token: line_first_token,
            end_token: tokens.len(),
            case: tally.case(tokens.len() - line_first_token),
        });
        Document {
            text,
            tokens,
            lines,
        }
    }

    /// The whole text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// All tokens in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// All lines in order.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// The text of a token (empty when out of range, which cannot happen for its own tokens).
    pub fn token_text(&self, t: &Token) -> &'t str {
        self.text
            .get(t.span.byte_start.0..t.span.byte_end.0)
            .unwrap_or("")
    }

    /// The text of a span.
    pub fn span_text(&self, s: &Span) -> &'t str {
        self.text.get(s.byte_start.0..s.byte_end.0).unwrap_or("")
    }

    /// The case profile of a token's line.
    pub fn line_case_of(&self, t: &Token) -> LineCase {
        self.lines
            .get(t.line as usize)
            .map(|l| l.case)
            .unwrap_or(LineCase::Sentence)
    }

    /// Converts a code-point offset to a byte offset; `None` past the end of the text.
    /// O(n): for the few spans given from outside (gold spans), not for hot loops.
    pub fn byte_of_char(&self, c: CharOffset) -> Option<ByteOffset> {
        if c.0 == 0 {
            return Some(ByteOffset(0));
        }
        let mut count = 0;
        for (b, _) in self.text.char_indices() {
            if count == c.0 {
                return Some(ByteOffset(b));
            }
            count += 1;
        }
        (count == c.0).then_some(ByteOffset(self.text.len()))
    }

    /// Builds a span from code-point offsets, `None` when they do not fit the text.
    pub fn span_from_chars(&self, start: CharOffset, end: CharOffset) -> Option<Span> {
        if end < start {
            return None;
        }
        Some(Span {
            byte_start: self.byte_of_char(start)?,
            byte_end: self.byte_of_char(end)?,
            char_start: start,
            char_end: end,
        })
    }
}

/// The word starting at byte `at` (which starts one): its end, its length in code points and
/// its case. A word is a run of letters, digits and combining marks. An ASCII word of up to
/// 15 bytes (nearly all) is read from the bit masks of [`AsciiBlock`], with no loop over its
/// bytes; a longer one with the class table; a word with other characters is decoded and
/// classified by [`classify_case`].
fn word_at(text: &str, at: usize) -> Word {
    let bytes = text.as_bytes();
    let block = AsciiBlock::at(bytes, at);
    let run = block.word.trailing_ones() as usize;
    // The word ends inside the block, at an ASCII separator or the end of the text.
    if run < AsciiBlock::BYTES && bytes.get(at + run).is_none_or(|&b| b < 0x80) {
        return Word {
            end: at + run,
            chars: run,
            case: block.case(run),
        };
    }
    let mut end = at;
    while bytes.get(end).is_some_and(|&b| ascii_class(b) & WORD != 0) {
        end += 1;
    }
    if bytes.get(end).is_some_and(|&b| b >= 0x80) {
        return unicode_word_at(text, at);
    }
    Word {
        end,
        chars: end - at,
        case: ascii_case(bytes.get(at..end).unwrap_or(&[])),
    }
}

/// The ASCII letters and digits among 16 bytes of text, as bit masks (bit `k` for the byte at
/// `k`; bytes past the end of the text are no word bytes). Found eight bytes at a time with
/// integer arithmetic: a tokenizer that reads a word byte by byte stops at a place the branch
/// predictor cannot guess, once per word, and then reads the word again for its case.
struct AsciiBlock {
    /// Letters and digits.
    word: u32,
    /// Lower-case letters.
    lower: u32,
    /// Upper-case letters.
    upper: u32,
}

impl AsciiBlock {
    const BYTES: usize = 16;

    fn at(bytes: &[u8], at: usize) -> AsciiBlock {
        let (low, high) = (Self::eight(bytes, at), Self::eight(bytes, at + 8));
        AsciiBlock {
            word: low.0 | high.0 << 8,
            lower: low.1 | high.1 << 8,
            upper: low.2 | high.2 << 8,
        }
    }

    /// (word, lower, upper) masks of the eight bytes at `at`.
    fn eight(bytes: &[u8], at: usize) -> (u32, u32, u32) {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let x = match bytes.get(at..at + 8) {
            Some(b) => b.try_into().map_or(0, u64::from_le_bytes),
            None => {
                // Near the end: the bytes left, then zeros (a separator).
                let mut buf = [0u8; 8];
                let rest = bytes.get(at..).unwrap_or(&[]);
                for (slot, &b) in buf.iter_mut().zip(rest) {
                    *slot = b;
                }
                u64::from_le_bytes(buf)
            }
        };
        // Each byte's high bit set where the byte is ASCII; the bytes with it cleared, so no
        // sum below carries into the next byte.
        let ascii = !x & HIGH;
        let v = x & !HIGH;
        // High bit set in each byte `b` with lo <= b <= hi (for b, lo, hi < 0x80).
        let between =
            |v: u64, lo: u64, hi: u64| (v + ONES * (0x80 - lo)) & !(v + ONES * (0x7F - hi)) & HIGH;
        let letter = between(v | (ONES * 0x20), b'a'.into(), b'z'.into()) & ascii;
        let digit = between(v, b'0'.into(), b'9'.into()) & ascii;
        // Bit 5 tells a lower-case letter from its capital.
        let lower = letter & (v << 2);
        let upper = letter & !lower;
        // The high bits gathered into one byte: bit k for byte k.
        let gather = |m: u64| ((m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32;
        (gather(letter | digit), gather(lower), gather(upper))
    }

    /// [`ascii_case`] of the word of `len` bytes at the block's start.
    fn case(&self, len: usize) -> Case {
        let within = (1u32 << len) - 1;
        let (lower, upper) = (self.lower & within, self.upper & within);
        let letters = lower | upper;
        if letters == 0 {
            Case::Uncased
        } else if lower & (1 << letters.trailing_zeros()) != 0 {
            Case::Lower
        } else if lower == 0 && letters.count_ones() >= 2 {
            Case::Upper
        } else {
            Case::Title
        }
    }
}

/// [`classify_case`] of an ASCII word, read with the class table.
fn ascii_case(word: &[u8]) -> Case {
    let mut letters = word
        .iter()
        .map(|&b| ascii_class(b))
        .filter(|c| c & LETTER != 0);
    // Most words are lower case: decided by the first letter.
    match letters.next() {
        None => Case::Uncased,
        Some(LOWER) => Case::Lower,
        Some(_) => {
            let (mut more, mut lower) = (0usize, false);
            for class in letters {
                more += 1;
                lower |= class == LOWER;
            }
            if more >= 1 && !lower {
                Case::Upper
            } else {
                Case::Title
            }
        }
    }
}

/// [`word_at`] when a byte beyond ASCII follows the word's ASCII start: it may be a letter
/// that continues the word ("São") or a separator ("Raqqa’s").
fn unicode_word_at(text: &str, at: usize) -> Word {
    let bytes = text.as_bytes();
    let mut end = at;
    let mut chars = 0;
    while let Some(&b) = bytes.get(end) {
        if b < 0x80 {
            if ascii_class(b) & WORD == 0 {
                break;
            }
            end += 1;
        } else {
            match text.get(end..).and_then(|r| r.chars().next()) {
                Some(c) if c.is_alphanumeric() || is_mark(c) => end += c.len_utf8(),
                _ => break,
            }
        }
        chars += 1;
    }
    Word {
        end,
        chars,
        case: classify_case(text.get(at..end).unwrap_or("")),
    }
}

/// Combining marks belong to the word they follow (Arabic harakat, decomposed accents).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Does a period after `prev` end the sentence before `next`?
fn ends_sentence(prev: &str, next: &str) -> bool {
    let next_upper = next
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    if !next_upper {
        return false;
    }
    // Longer than any abbreviation, and than one character (four bytes at most): most words
    // end a sentence without a lookup.
    if prev.len() > ABBREVIATION_MAX_LEN {
        return true;
    }
    // Initials and abbreviations: "W. Va.", "U.S. forces", "St. Louis", "Gen. Smith".
    let single_letter = prev.chars().count() == 1;
    let place_abbreviation = PLACE_ABBREVIATIONS
        .iter()
        .any(|a| a.eq_ignore_ascii_case(prev));
    !(single_letter || place_abbreviation || ABBREVIATIONS.contains(&prev))
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index fixed fixtures
mod tests {
    use super::*;

    fn words<'a>(d: &'a Document<'_>) -> Vec<&'a str> {
        d.tokens().iter().map(|t| d.token_text(t)).collect()
    }

    #[test]
    fn no_abbreviation_is_longer_than_the_bound() {
        let longest = ABBREVIATIONS
            .iter()
            .chain(&PLACE_ABBREVIATIONS)
            .map(|a| a.len())
            .max();
        assert_eq!(longest, Some(ABBREVIATION_MAX_LEN));
    }

    #[test]
    fn separator_classes_follow_unicode_white_space() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let space = separator_class(c) == SPACE;
            let line_break = separator_class(c) == NEWLINE;
            assert_eq!(space || line_break, c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn tokens_and_gaps() {
        let d = Document::new("Deir ez-Zor, Syria. St. Louis's W.Va. town");
        assert_eq!(
            words(&d),
            [
                "Deir", "ez", "Zor", "Syria", "St", "Louis", "s", "W", "Va", "town"
            ]
        );
        let gaps: Vec<Gap> = d.tokens().iter().map(|t| t.gap).collect();
        assert_eq!(
            gaps,
            [
                Gap::Start,
                Gap::Space,
                Gap::Hyphen,
                Gap::Comma,
                Gap::Period,
                Gap::Period,
                Gap::Apostrophe,
                Gap::Space,
                Gap::Period,
                Gap::Period
            ]
        );
        let starts: Vec<bool> = d.tokens().iter().map(|t| t.sentence_start).collect();
        // "St" starts a sentence after "Syria."; "Louis" does not start one after "St.".
        assert_eq!(
            starts,
            [
                true, false, false, false, true, false, false, false, false, false
            ]
        );
    }

    #[test]
    fn offsets_in_bytes_and_code_points() {
        let text = "Près de الرقة, Raqqa";
        let d = Document::new(text);
        for t in d.tokens() {
            let by_bytes = &text[t.span.byte_start.0..t.span.byte_end.0];
            let by_chars: String = text
                .chars()
                .skip(t.span.char_start.0)
                .take(t.span.char_end.0 - t.span.char_start.0)
                .collect();
            assert_eq!(by_bytes, by_chars);
        }
        assert_eq!(words(&d), ["Près", "de", "الرقة", "Raqqa"]);
        let raqqa = d.tokens()[3];
        assert_eq!(raqqa.span.char_start, CharOffset(15));
        assert_eq!(
            d.span_from_chars(CharOffset(15), CharOffset(20)),
            Some(raqqa.span)
        );
        assert_eq!(d.span_from_chars(CharOffset(15), CharOffset(99)), None);
        let ascii: Vec<bool> = d.tokens().iter().map(|t| t.span.is_ascii()).collect();
        assert_eq!(ascii, [false, true, false, true]);
    }

    #[test]
    fn case_profiles() {
        let d = Document::new(
            "Iran Accelerating Efforts To Capture Border From IS\n\nTEL AVIV — The army said so in Mosul.",
        );
        assert_eq!(d.lines()[0].case, LineCase::Title);
        assert_eq!(d.lines()[2].case, LineCase::Sentence);
        let cases: Vec<Case> = d.tokens().iter().map(|t| t.case).collect();
        assert_eq!(cases[0], Case::Title);
        assert_eq!(cases[8], Case::Upper); // TEL
        assert_eq!(
            Document::new("BEIRUT (Reuters)").lines()[0].case,
            LineCase::Sentence
        );
        assert_eq!(
            Document::new("IRAN SAYS NO").lines()[0].case,
            LineCase::Upper
        );
    }

    #[test]
    fn ascii_words_read_from_masks_match_a_byte_by_byte_reading() {
        // Every word start of many strings of letters, digits, separators and other bytes,
        // against the end and case found one byte at a time.
        let alphabet = [
            "a", "z", "A", "Z", "0", "9", "m", "Q", " ", ".", "@", "[", "`", "{", "/", ":", "é",
            "\u{0}", "\n",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            let mut r = state;
            for _ in 0..len {
                r = r.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(alphabet[(r >> 33) as usize % alphabet.len()]);
            }
            let bytes = text.as_bytes();
            for at in 0..bytes.len() {
                if ascii_class(bytes[at]) & WORD == 0 || (at > 0 && !text.is_char_boundary(at)) {
                    continue;
                }
                let mut end = at;
                while end < bytes.len() && ascii_class(bytes[end]) & WORD != 0 {
                    end += 1;
                }
                if end < bytes.len() && bytes[end] >= 0x80 {
                    continue; // the Unicode path, unchanged
                }
                let word = word_at(&text, at);
                assert_eq!(word.end, end, "{text:?} at {at}");
                assert_eq!(word.chars, end - at);
                assert_eq!(word.case, ascii_case(&bytes[at..end]), "{text:?} at {at}");
            }
        }
    }

    #[test]
    fn empty_and_odd_text() {
        assert!(Document::new("").tokens().is_empty());
        assert!(Document::new("  \n\t ").tokens().is_empty());
        let d = Document::new("\u{0}\u{1}abc\u{FEFF}def");
        assert_eq!(words(&d), ["abc", "def"]);
    }
}
