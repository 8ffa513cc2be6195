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
/// A line at least this share of whose words are capitalised is a Title Case headline.
const TITLE_LINE_SHARE: f64 = 0.85;
/// Title Case lines are short; a long line with many capitals is prose full of names.
const TITLE_LINE_MAX_WORDS: usize = 25;

fn classify_case(word: &str) -> Case {
    if word.is_ascii() {
        let b = word.as_bytes();
        // Most words are lower case: decided by the first letter, without counting.
        return match b.iter().find(|c| c.is_ascii_alphabetic()) {
            None => Case::Uncased,
            Some(c) if c.is_ascii_lowercase() => Case::Lower,
            Some(_) => {
                let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
                let upper = b.iter().filter(|c| c.is_ascii_uppercase()).count();
                if letters >= 2 && upper == letters {
                    Case::Upper
                } else {
                    Case::Title
                }
            }
        };
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

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | 'ʼ' | 'ʿ' | 'ʾ' | '‘' | '`' | '´' | 'ʹ' | 'ʻ'
    )
}

fn is_hyphen(c: char) -> bool {
    // The en dash joins compounds too ("Syria–Iraq border"); the em dash does not.
    matches!(c, '-' | '‐' | '‑' | '–')
}

/// Collects the separator characters between two tokens into one [`Gap`] and notes whether
/// they end a sentence.
#[derive(Default)]
struct GapScan {
    newline: bool,
    comma: bool,
    period: bool,
    stop: bool,
    hyphen: bool,
    apostrophe: bool,
    space: bool,
    other: bool,
    quote: bool,
    any: bool,
}

impl GapScan {
    fn add(&mut self, c: char) {
        self.any = true;
        match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => self.newline = true,
            ',' | '،' => self.comma = true,
            '.' => self.period = true,
            '!' | '?' | '؟' => self.stop = true,
            c if is_hyphen(c) => self.hyphen = true,
            c if is_apostrophe(c) => self.apostrophe = true,
            c if c.is_whitespace() => self.space = true,
            // Opening quotes, brackets and colons start a new capitalised phrase.
            '“' | '"' | '«' | '(' | '[' | ':' => {
                self.quote = true;
                self.other = true;
            }
            _ => self.other = true,
        }
    }

    fn gap(&self, first: bool) -> Gap {
        if first {
            Gap::Start
        } else if self.newline {
            Gap::Newline
        } else if self.comma {
            Gap::Comma
        } else if self.stop || self.other {
            Gap::Other
        } else if self.period {
            Gap::Period
        } else if self.hyphen && !self.space {
            Gap::Hyphen
        } else if self.apostrophe && !self.space {
            Gap::Apostrophe
        } else if self.hyphen || self.apostrophe {
            Gap::Other
        } else {
            Gap::Space
        }
    }
}

impl<'t> Document<'t> {
    /// Tokenises `text`. O(n) in its length, one pass.
    pub fn new(text: &'t str) -> Document<'t> {
        // News runs about five bytes a token (words, numbers, the parts of "U.S."): a
        // generous guess costs untouched memory, a short one copies the tokens as they grow.
        let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 4 + 8);
        let mut lines: Vec<Line> = Vec::new();
        let mut scan = GapScan::default();
        let mut line: u32 = 0;
        let mut line_first_token = 0usize;
        let mut chars = 0usize;
        let mut at = 0usize;
        while at < text.len() {
            let (end, word_chars) = word_at(text, at);
            if end > at {
                let word = text.get(at..end).unwrap_or("");
                let prev = tokens.last().copied();
                let gap = scan.gap(prev.is_none());
                let sentence_start = match prev {
                    None => true,
                    Some(p) => {
                        scan.newline
                            || scan.stop
                            || scan.quote
                            || (scan.period && {
                                let prev_word = text
                                    .get(p.span.byte_start.0..p.span.byte_end.0)
                                    .unwrap_or("");
                                ends_sentence(prev_word, word)
                            })
                    }
                };
                tokens.push(Token {
                    span: Span {
                        byte_start: ByteOffset(at),
                        byte_end: ByteOffset(end),
                        char_start: CharOffset(chars),
                        char_end: CharOffset(chars + word_chars),
                    },
                    case: classify_case(word),
                    gap,
                    sentence_start,
                    line,
                });
                scan = GapScan::default();
                chars += word_chars;
                at = end;
                continue;
            }
            // A separator: one character between words.
            let c = match text.as_bytes().get(at) {
                Some(&b) if b < 0x80 => char::from(b),
                _ => text
                    .get(at..)
                    .and_then(|r| r.chars().next())
                    .unwrap_or(char::REPLACEMENT_CHARACTER),
            };
            if c == '\n' {
                lines.push(Line {
                    first_token: line_first_token,
                    end_token: tokens.len(),
                    case: LineCase::Sentence,
                });
                line_first_token = tokens.len();
                line += 1;
            }
            scan.add(c);
            chars += 1;
            at += c.len_utf8();
        }
        lines.push(Line {
            first_token: line_first_token,
            end_token: tokens.len(),
            case: LineCase::Sentence,
        });
        let mut doc = Document {
            text,
            tokens,
            lines,
        };
        for i in 0..doc.lines.len() {
            let case = doc.line_case(i);
            if let Some(l) = doc.lines.get_mut(i) {
                l.case = case;
            }
        }
        doc
    }

    fn line_case(&self, i: usize) -> LineCase {
        let Some(line) = self.lines.get(i) else {
            return LineCase::Sentence;
        };
        let words = self
            .tokens
            .get(line.first_token..line.end_token)
            .unwrap_or(&[]);
        // Counted in one pass: this runs for every line of every document.
        let (mut cased, mut upper, mut long, mut capitalised) = (0usize, 0usize, 0usize, 0usize);
        for t in words.iter().filter(|t| t.case != Case::Uncased) {
            cased += 1;
            upper += usize::from(t.case == Case::Upper);
            // Short function words stay lower case in Title Case ("Efforts to Capture").
            if t.span.char_end.0 - t.span.char_start.0 > 3 {
                long += 1;
                capitalised += usize::from(t.case != Case::Lower);
            }
        }
        if cased == 0 {
            return LineCase::Sentence;
        }
        if cased >= 2 && upper == cased {
            return LineCase::Upper;
        }
        if long >= 3
            && words.len() <= TITLE_LINE_MAX_WORDS
            && capitalised as f64 >= TITLE_LINE_SHARE * long as f64
        {
            return LineCase::Title;
        }
        LineCase::Sentence
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

/// The word starting at byte `at`: its end and its length in code points; `(at, 0)` when
/// none starts there. A word is a run of letters, digits and combining marks; ASCII runs are
/// taken a byte at a time without decoding.
fn word_at(text: &str, at: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut end = at;
    let mut chars = 0;
    while let Some(&b) = bytes.get(end) {
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
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
    (end, chars)
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
    fn empty_and_odd_text() {
        assert!(Document::new("").tokens().is_empty());
        assert!(Document::new("  \n\t ").tokens().is_empty());
        let d = Document::new("\u{0}\u{1}abc\u{FEFF}def");
        assert_eq!(words(&d), ["abc", "def"]);
    }
}
