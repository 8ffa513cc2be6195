//! Finds place mentions: every gazetteer name in the text, longest first at each word, then
//! filters what is not a place mention.
//!
//! In: a [`Document`] and the [`Gazetteer`]. Out: [`Recognition`]: the accepted [`Mention`]s
//! with their ranked candidates, and the rejected matches with the reason for each, so every
//! decision can be explained (`geomention map --explain` prints them).
//!
//! How: at each word that could start a name, the folded words are fed into the gazetteer's
//! `fst` one at a time ([`NameWalker`]), and the longest run that is a whole name wins; names
//! may span spaces, hyphens, apostrophes and periods but never commas or line breaks, so
//! "Aleppo, Syria" is two mentions. Arabic articles are tried with and without ("al-Raqqa").
//! Abbreviations ("W.Va.", "U.S.") match against the raw text by their case rules. The filters
//! (see `filters.rs`) drop stoplisted group words, capitalised ordinary words, short all-caps
//! tokens, and names inside person and organisation names.

#![warn(clippy::indexing_slicing)]

mod filters;

use std::sync::Arc;

use crate::gazetteer::{
    AbbreviationRule, Candidate, CountryCode, DEFAULT_CANDIDATES, Gazetteer, LookupOptions,
    MatchKind, NameEntry, NameWalker, NextBytes, WalkPoint, WordTable, fold,
};
use crate::text::{Case, Document, Gap, Span, Token};

pub use filters::{Rejection, Verdict};

/// Lower-case words that may end a name when the gazetteer lists the name with them ("Syria–Iraq
/// border", "Jordan river"). The administrative words ("province", "state", "district",
/// "region", "county", "city", "governorate") are not among them: news text uses them as
/// descriptions after the name ("Hatay province", "Kaduna state"), and the corpora's
/// annotators, like ours, mark the name alone.
const GEOGRAPHIC_WORDS: [&str; 9] = [
    "border",
    "borders",
    "river",
    "valley",
    "mountains",
    "desert",
    "coast",
    "strip",
    "lake",
];

/// The longest name, in words, the tagger tries ("Democratic Republic of the Congo" is 6).
const MAX_NAME_TOKENS: usize = 8;

/// What kind of expression a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// A place name.
    Name,
    /// A news abbreviation of a place ("W.Va.", "U.K.").
    Abbreviation,
    /// A demonym standing for a place ("Syrian", "Kurdish").
    Demonym,
}

/// A place mention with its candidates, best prior first.
#[derive(Clone, Debug)]
pub struct Mention<'g> {
    /// Where it is.
    pub span: Span,
    /// Name, abbreviation or demonym.
    pub kind: MentionKind,
    /// Candidates ranked by their context-free prior. Shared: every mention of a name
    /// written alike holds the same list.
    pub candidates: Arc<[Candidate<'g>]>,
    /// Index of its first token in the document.
    pub first_token: usize,
    /// One past its last token.
    pub end_token: usize,
    /// Named inside an organisation, outlet or facility name ("Butler County Auditor").
    pub in_organisation: bool,
}

/// A match the filters rejected, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    /// Where it is.
    pub span: Span,
    /// Why it is not a place mention.
    pub reason: Rejection,
}

/// Everything the recognizer decided about a document.
#[derive(Clone, Debug, Default)]
pub struct Recognition<'g> {
    /// Accepted mentions in text order.
    pub mentions: Vec<Mention<'g>>,
    /// Rejected matches in text order.
    pub rejected: Vec<Rejected>,
}

/// Options of [`recognize`].
#[derive(Clone, Debug)]
pub struct RecognizeOptions {
    /// Report demonyms ("Syrian") as mentions of their place.
    pub demonyms: bool,
}

impl Default for RecognizeOptions {
    fn default() -> Self {
        RecognizeOptions { demonyms: true }
    }
}

/// The document's words folded once, in one buffer: the text lowered (ASCII letters only,
/// so every offset still holds) and then the folded forms of the words that are not ASCII.
/// An ASCII word's folded form is its own span of the lowered text, so most words cost
/// nothing beyond one pass over the text.
struct FoldedTokens {
    text: String,
    ranges: Vec<(usize, usize)>,
}

impl FoldedTokens {
    fn new(doc: &Document<'_>) -> FoldedTokens {
        let mut text = doc.text().to_ascii_lowercase();
        let mut ranges = Vec::with_capacity(doc.tokens().len());
        let mut buf = String::new();
        for t in doc.tokens() {
            // An ASCII word, which `fold` only lowers.
            if t.span.is_ascii() {
                ranges.push((t.span.byte_start.0, t.span.byte_end.0));
            } else {
                fold::fold_into(doc.token_text(t), &mut buf);
                let start = text.len();
                text.push_str(&buf);
                ranges.push((start, text.len()));
            }
        }
        FoldedTokens { text, ranges }
    }

    fn get(&self, i: usize) -> &str {
        self.ranges
            .get(i)
            .and_then(|&(a, b)| self.text.get(a..b))
            .unwrap_or("")
    }
}

fn is_arabic_word(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// What recognition learns about names, kept across the documents one thread parses: the
/// index state after each distinct first word (`None`: no name starts so) and the ranked
/// candidates of each index entry as written. News repeats its names, so in a corpus most
/// words and most matches are answered here instead of walking the index and decoding and
/// ranking places again (on the dev corpora: about three lookups in four). The answers depend
/// only on the gazetteer, never on the document, so reuse cannot change a result. Bounded:
/// each table is emptied when it reaches [`Memo::CAPACITY`] entries. A memo answers for one
/// gazetteer: used with another, it forgets what it knew first.
#[derive(Default)]
pub struct Memo<'g> {
    /// The gazetteer the answers are about (its address, only compared), once used.
    gazetteer: Option<usize>,
    walks: Walks<'g>,
    candidates: Candidates<'g>,
    compounds: ByText<'g>,
    spellings: ByText<'g>,
}

impl Memo<'_> {
    /// Entries per table before it is emptied: with ten candidates of ~150 bytes an entry, the
    /// candidate table stays under about 30 MB.
    pub const CAPACITY: usize = 20_000;
}

impl<'g> Memo<'g> {
    /// An empty memo.
    pub fn new() -> Memo<'g> {
        Memo::default()
    }

    /// Makes the memo answer for `g`, emptying it if it answered for another gazetteer (index
    /// states and entries of one gazetteer mean nothing in another).
    fn bind(&mut self, g: &'g Gazetteer) {
        let this = std::ptr::from_ref(g).addr();
        if self.gazetteer != Some(this) {
            *self = Memo {
                gazetteer: Some(this),
                ..Memo::default()
            };
        }
    }
}

/// What the index says about each distinct first word (in a [`WordTable`]: tens of
/// thousands of words, probed once per capitalised word). The memo keeps, beside where the
/// walk stands, the two answers the tagger asks next (is the word a name by itself, and can a
/// name go on after a space), so a word that starts no longer name never reads the index
/// again: the index is tens of megabytes, and each node read there is a likely cache miss.
#[derive(Default)]
struct Walks<'g>(
    WordTable<Option<FirstWord>>,
    std::marker::PhantomData<&'g Gazetteer>,
);

/// The index after one word: see [`Walks`].
#[derive(Clone, Copy)]
struct FirstWord {
    /// Where the walk stands after the word.
    point: WalkPoint,
    /// The word as a whole name.
    entry: Option<NameEntry>,
    /// Where it stands after the word and a space, when some name goes on so, and the first
    /// bytes of the words that may follow there.
    after_space: Option<(WalkPoint, NextBytes)>,
}

impl<'g> Walks<'g> {
    /// The index after `first_word` (folded), `None` when no name starts so.
    fn first(&mut self, g: &'g Gazetteer, first_word: &str) -> Option<FirstWord> {
        if let Some(first) = self.0.get(first_word) {
            return *first;
        }
        let mut w = g.walker();
        let first = w.feed(first_word.as_bytes()).then(|| {
            let mut spaced = w;
            FirstWord {
                point: w.point(),
                entry: w.entry(),
                after_space: spaced
                    .feed(b" ")
                    .then(|| (spaced.point(), spaced.next_bytes())),
            }
        });
        if self.0.len() >= Memo::CAPACITY {
            self.0.clear();
        }
        self.0.insert(first_word, first);
        first
    }

    /// The index state after `first_word` (folded).
    fn walk(&mut self, g: &'g Gazetteer, first_word: &str) -> Option<NameWalker<'g>> {
        self.first(g, first_word).map(|f| g.walker_at(f.point))
    }

    /// True when a folded word is by itself an indexed name.
    fn is_name(&mut self, g: &'g Gazetteer, word: &str) -> bool {
        self.first(g, word).is_some_and(|f| f.entry.is_some())
    }
}

/// The ranked candidates of each index entry as written, with what the filters ask of them.
#[derive(Default)]
struct Candidates<'g>(foldhash::HashMap<(NameEntry, u32), Ranked<'g>>);

/// Candidates of names looked up whole by their spelling, by text: Arabic compound names
/// ([`arabic_compound_at`]) and other Arabic names in a spelling the index lacks
/// ([`add_corroborated_spellings`]). Those lookups read much of the index, and a corpus repeats its
/// towns.
#[derive(Default)]
struct ByText<'g>(foldhash::HashMap<String, Arc<[Candidate<'g>]>>);

impl<'g> ByText<'g> {
    /// The candidates of the name written `surface`, found by `lookup` on first use.
    fn get(
        &mut self,
        surface: &str,
        lookup: impl FnOnce() -> Vec<Candidate<'g>>,
    ) -> Arc<[Candidate<'g>]> {
        if let Some(found) = self.0.get(surface) {
            return Arc::clone(found);
        }
        if self.0.len() >= Memo::CAPACITY {
            self.0.clear();
        }
        let found: Arc<[Candidate<'g>]> = Arc::from(lookup());
        self.0.insert(surface.to_string(), Arc::clone(&found));
        found
    }
}

/// A name's ranked candidates, shared by its mentions, and their summary.
type Ranked<'g> = (Arc<[Candidate<'g>]>, filters::CandidateFacts);

impl<'g> Candidates<'g> {
    /// The ranked candidates of `entry` found as `surface`, and their summary.
    fn get(
        &mut self,
        g: &'g Gazetteer,
        entry: NameEntry,
        surface: &str,
    ) -> (&Arc<[Candidate<'g>]>, filters::CandidateFacts) {
        let key = (entry, fold::verbatim_hash(surface));
        // One probe of the table unless it is full.
        if self.0.len() >= Memo::CAPACITY && !self.0.contains_key(&key) {
            self.0.clear();
        }
        let (candidates, facts) = self.0.entry(key).or_insert_with(|| {
            let candidates = g.candidates(entry, surface, DEFAULT_CANDIDATES);
            let facts = filters::CandidateFacts::of(g, &candidates);
            (Arc::from(candidates), facts)
        });
        (candidates, *facts)
    }
}

/// Can a name continue from token `prev` to `next` across their gap?
fn joins(gap: Gap) -> bool {
    matches!(
        gap,
        Gap::Space | Gap::Hyphen | Gap::Apostrophe | Gap::Period
    )
}

/// Longest index entry starting at token `from`: (last token, entry).
fn longest_name<'g>(
    g: &'g Gazetteer,
    doc: &Document<'_>,
    folded: &FoldedTokens,
    from: usize,
    memo: &mut Memo<'g>,
) -> Option<(usize, NameEntry)> {
    let tokens = doc.tokens();
    // Most capitalised words start no name, and a corpus repeats its words: what the index
    // says about the first word is remembered per distinct word.
    let first = memo.walks.first(g, folded.get(from))?;
    let mut best = None;
    let mut walker: Option<NameWalker<'g>> = None;
    let last = (from + MAX_NAME_TOKENS).min(tokens.len());
    for j in from..last {
        let t = tokens.get(j)?;
        let word = folded.get(j);
        if word.is_empty() {
            break;
        }
        let entry = if j == from {
            first.entry
        } else {
            // "Bosnia & Herzegovina", "Jammu & Kashmir": an ampersand is the index's "and".
            let ampersand = t.gap == Gap::Other && is_ampersand_gap(doc, tokens, j);
            // A period that ends a sentence ends the name: "… and Washington. State troopers".
            if !(joins(t.gap) || ampersand) || t.sentence_start {
                break;
            }
            // "Ras al-Ain", "Tell al-Abyad": a name is indexed without its Arabic articles
            // too, so one inside a name is also tried left out.
            if mid_name_article(tokens, word, j) {
                let base = walker.unwrap_or_else(|| g.walker_at(first.point));
                if let Some(found) = walk_past_article(tokens, folded, base, j + 1, last) {
                    best = Some(found);
                }
            }
            // Arabic names are indexed without spaces between Arabic words.
            let joined = is_arabic_word(word) && is_arabic_word(folded.get(j - 1));
            let w = match (walker.as_mut(), joined) {
                (Some(w), true) => w,
                (Some(w), false) => {
                    if !w.feed(if ampersand { b" and " } else { b" " }) {
                        break;
                    }
                    w
                }
                (None, true) => walker.insert(g.walker_at(first.point)),
                (None, false) if ampersand => match first.after_space {
                    Some((point, _)) => {
                        let w = walker.insert(g.walker_at(point));
                        if !w.feed(b"and ") {
                            break;
                        }
                        w
                    }
                    None => break,
                },
                // Most tries end here, on a word no name goes on with, before the index is
                // read.
                (None, false) => match first.after_space {
                    Some((point, next)) if next.may_start(word) => {
                        walker.insert(g.walker_at(point))
                    }
                    _ => break,
                },
            };
            if !w.feed(word.as_bytes()) {
                break;
            }
            w.entry()
        };
        // A name does not end inside a word joined by an apostrophe ("Shi'ite"), except a
        // possessive.
        if let Some(entry) = entry {
            let next = tokens.get(j + 1);
            let splits_word = next.is_some_and(|n| n.gap == Gap::Apostrophe)
                && !matches!(folded.get(j + 1), "s" | "");
            // A name ends on a capitalised word ("Gulf of Mexico", not "Gulf of"), on a
            // lower-case geographic word that is part of it ("Syria–Iraq border"), or on the
            // rest of a word after an apostrophe ("A'zaz", "Dara'a"; not a possessive's "s",
            // which the name before owns: "St. John's Lutheran School").
            let ends_well = t.case != Case::Lower
                || j == from
                || (t.gap == Gap::Apostrophe && word != "s")
                || GEOGRAPHIC_WORDS.contains(&word);
            if ends_well && !splits_word {
                best = Some((j, entry));
            }
        }
    }
    best
}

/// Capitalised words after "X City" that make it a city's body or office ("Dublin City
/// Council", "Springfield City Schools", "Las Vegas City Marshal").
const CITY_BODY_WORDS: [&str; 18] = [
    "administrator",
    "attorney",
    "auditor",
    "board",
    "clerk",
    "commission",
    "commissioner",
    "commissioners",
    "council",
    "court",
    "engineer",
    "hall",
    "manager",
    "marshal",
    "police",
    "prosecutor",
    "schools",
    "solicitor",
];

/// The index entry of the name before "City" when tokens `first..=last` are a match "X City"
/// followed by a city's body ([`CITY_BODY_WORDS`]) and the match's best candidate is a place
/// called X (so that "X City" adds nothing but another name of one X): the body's town is X,
/// among all its namesakes.
fn city_body_town<'g>(
    doc: &Document<'_>,
    g: &'g Gazetteer,
    words: &[&str],
    first: usize,
    last: usize,
    entry: NameEntry,
    memo: &mut Memo<'g>,
) -> Option<NameEntry> {
    let tokens = doc.tokens();
    // (Cheap tests first: few names end in "City".)
    if last == first
        || words.get(last) != Some(&"city")
        || !words
            .get(last + 1)
            .is_some_and(|w| CITY_BODY_WORDS.contains(w))
        || tokens
            .get(last + 1)
            .is_none_or(|t| t.gap != Gap::Space || t.case != Case::Title)
    {
        return None;
    }
    let whole = span_of(tokens, first, last)?;
    let head = span_of(tokens, first, last - 1)?;
    let best = memo
        .candidates
        .get(g, entry, doc.span_text(&whole))
        .0
        .first()?;
    if fold::fold(best.place.name) != fold::fold(doc.span_text(&head)) {
        return None;
    }
    let mut walker = g.walker();
    for k in first..last {
        if (k > first && !walker.feed(b" ")) || !walker.feed(words.get(k)?.as_bytes()) {
            return None;
        }
    }
    walker.entry()
}

/// True when token `j` follows an ampersand standing alone between words ("Trinidad &
/// Tobago"), which names write for "and".
fn is_ampersand_gap(doc: &Document<'_>, tokens: &[Token], j: usize) -> bool {
    let (Some(prev), Some(t)) = (j.checked_sub(1).and_then(|p| tokens.get(p)), tokens.get(j))
    else {
        return false;
    };
    doc.text()
        .get(prev.span.byte_end.0..t.span.byte_start.0)
        .is_some_and(|gap| gap.trim() == "&")
}

/// True when token `j`, inside a name, is an Arabic article: joined to the next word by a
/// hyphen ("al-Ain") or capitalised before it ("Ras Al Ain"). (Not a lower-case "at" or "as"
/// between words: "Boston at Chicago".)
fn mid_name_article(tokens: &[Token], word: &str, j: usize) -> bool {
    // (Cheap tests first: this runs at every word a name might go on with.)
    word.len() <= 3
        && tokens.get(j + 1).is_some_and(|n| {
            n.case == Case::Title
                && (n.gap == Gap::Hyphen
                    || (n.gap == Gap::Space
                        && tokens.get(j).is_some_and(|t| t.case == Case::Title)))
        })
        && filters::is_arabic_article(word)
}

/// The longest name that `walker` (at the end of a name's words before an article) completes
/// with the words from token `from` on, the article left out: (last token, entry).
fn walk_past_article<'g>(
    tokens: &[Token],
    folded: &FoldedTokens,
    mut walker: NameWalker<'g>,
    from: usize,
    last: usize,
) -> Option<(usize, NameEntry)> {
    let mut best = None;
    for k in from..last {
        let t = tokens.get(k)?;
        let word = folded.get(k);
        if word.is_empty() || (k > from && (!joins(t.gap) || t.sentence_start)) {
            break;
        }
        if !walker.feed(b" ") || !walker.feed(word.as_bytes()) {
            break;
        }
        if let Some(entry) = walker.entry() {
            if t.case != Case::Lower {
                best = Some((k, entry));
            }
        }
    }
    best
}

/// The name a hashtag's single token spells when its words are run together or lower-case:
/// "SierraLeone" is looked up as "sierra leone", "iran" as "iran".
fn hashtag_name<'g>(
    g: &'g Gazetteer,
    doc: &Document<'_>,
    folded: &FoldedTokens,
    i: usize,
    memo: &mut Memo<'g>,
) -> Option<(usize, NameEntry)> {
    let t = doc.tokens().get(i)?;
    if t.case == Case::Lower {
        let walker = memo.walks.walk(g, folded.get(i))?;
        return walker.entry().map(|e| (i, e));
    }
    // Split before each capital that follows a lower-case letter: "SanFrancisco".
    let text = doc.span_text(&t.span);
    let mut words = String::with_capacity(text.len() + 4);
    let mut previous_lower = false;
    for c in text.chars() {
        if c.is_uppercase() && previous_lower {
            words.push(' ');
        }
        previous_lower = c.is_lowercase();
        words.push(c);
    }
    if !words.contains(' ') {
        return None;
    }
    let key = fold::fold(&words);
    let mut walker = g.walker();
    (walker.feed(key.as_bytes()))
        .then(|| walker.entry())
        .flatten()
        .map(|e| (i, e))
}

/// The words a hashtag runs together, as byte ranges of its text: split before a capital
/// that follows a lower-case letter ("PrayForGaza"), between letters and digits
/// ("1988IranMassacre"), and before the last capital of a run that a lower-case letter follows
/// ("NYCMarathon").
fn hashtag_words(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut words = Vec::new();
    let mut start = 0;
    for (k, pair) in chars.windows(2).enumerate() {
        let [(_, p), (at, c)] = *pair else { continue };
        let next_lower = chars.get(k + 2).is_some_and(|&(_, n)| n.is_lowercase());
        let boundary = (p.is_lowercase() && c.is_uppercase())
            || (p.is_alphabetic() != c.is_alphabetic())
            || (p.is_uppercase() && c.is_uppercase() && next_lower);
        if boundary {
            words.push((start, at));
            start = at;
        }
    }
    words.push((start, text.len()));
    words
}

/// Places named by some of the words a hashtag runs together ("#PrayForGaza",
/// "#IranTalksNYC"): at each capitalised word, the longest run of capitalised words that is an
/// indexed name. Only well-known places count (`judge_hashtag_word`), since nothing else in
/// the text vouches for them. A mention covers its words only, inside the hashtag's token.
fn hashtag_places<'g>(
    doc: &Document<'_>,
    g: &'g Gazetteer,
    options: &RecognizeOptions,
    i: usize,
    memo: &mut Memo<'g>,
    out: &mut Recognition<'g>,
) {
    let Some(t) = doc.tokens().get(i) else { return };
    let text = doc.span_text(&t.span);
    let words = hashtag_words(text);
    if words.len() < 2 {
        return;
    }
    let word = |k: usize| {
        words
            .get(k)
            .and_then(|&(a, b)| text.get(a..b))
            .unwrap_or("")
    };
    let capitalised = |k: usize| word(k).chars().next().is_some_and(char::is_uppercase);
    let mut k = 0;
    while k < words.len() {
        let Some(mut walker) = capitalised(k)
            .then(|| memo.walks.walk(g, &fold::fold(word(k))))
            .flatten()
        else {
            k += 1;
            continue;
        };
        let mut best = walker.entry().map(|e| (k, e));
        for next in k + 1..words.len().min(k + MAX_NAME_TOKENS) {
            if !capitalised(next) || !walker.feed(b" ") {
                break;
            }
            if !walker.feed(fold::fold(word(next)).as_bytes()) {
                break;
            }
            if let Some(e) = walker.entry() {
                best = Some((next, e));
            }
        }
        let Some((last, entry)) = best else {
            k += 1;
            continue;
        };
        let (Some(&(a, _)), Some(&(_, b))) = (words.get(k), words.get(last)) else {
            break;
        };
        let before = text.get(..a).map_or(0, |s| s.chars().count());
        let inside = text.get(a..b).map_or(0, |s| s.chars().count());
        let span = Span {
            byte_start: crate::text::ByteOffset(t.span.byte_start.0 + a),
            byte_end: crate::text::ByteOffset(t.span.byte_start.0 + b),
            char_start: crate::text::CharOffset(t.span.char_start.0 + before),
            char_end: crate::text::CharOffset(t.span.char_start.0 + before + inside),
        };
        let surface = text.get(a..b).unwrap_or("");
        let (candidates, facts) = memo.candidates.get(g, entry, surface);
        // As elsewhere, an entry with no candidate is no match at all.
        if candidates.is_empty() {
            k = last + 1;
            continue;
        }
        let kind = if facts.demonym_first() {
            MentionKind::Demonym
        } else {
            MentionKind::Name
        };
        let verdict = if kind == MentionKind::Demonym && !options.demonyms {
            Err(Rejection::DemonymsOff)
        } else {
            let before = k.checked_sub(1).map(|b| fold::fold(word(b)));
            let place = filters::HashtagWordPlace {
                before: before.as_deref(),
                last: last + 1 == words.len(),
            };
            filters::judge_hashtag_word(g, &fold::fold(surface), place, candidates, &facts)
        };
        match verdict {
            Ok(_) => out.mentions.push(Mention {
                span,
                kind,
                candidates: Arc::clone(candidates),
                first_token: i,
                end_token: i + 1,
                in_organisation: false,
            }),
            Err(reason) => out.rejected.push(Rejected { span, reason }),
        }
        k = last + 1;
    }
}

/// A mention of the whole name on tokens `first..=last` that the gazetteer does not hold as
/// such (a post, a feature, a feature named for its owner), with the candidates of what it is
/// named after, or none (unresolved).
fn whole_name<'g>(
    tokens: &[Token],
    first: usize,
    last: usize,
    candidates: Arc<[Candidate<'g>]>,
) -> Option<Mention<'g>> {
    Some(Mention {
        span: span_of(tokens, first, last)?,
        kind: MentionKind::Name,
        candidates,
        first_token: first,
        end_token: last + 1,
        in_organisation: false,
    })
}

/// The word a match at tokens `first..=last` is remembered by as a person's name: the word of
/// a one-word match, the name of an article name ("Amiri" of "al-Amiri"). None for longer
/// names.
fn known_word<'w>(
    words: &[&'w str],
    tokens: &[Token],
    first: usize,
    last: usize,
) -> Option<&'w str> {
    (first == last || filters::is_article_name(words, tokens, first, last))
        .then(|| words.get(last).copied())
        .flatten()
}

/// Most candidates kept for an Arabic compound name, or another Arabic name, found by its
/// spelling.
const COMPOUND_CANDIDATES: usize = 10;

/// A name's sound as transliterations of Arabic vary it: without articles, spaces and
/// apostrophes, with each run of vowels (y and w among them) one "a" and doubled consonants
/// single. "Ain al-Arab" and "‘Ayn al ‘Arab" are both "anarab", "Maaret al-Numan" and
/// "Ma‘arrat an Nu‘mān" both "maratnaman", "Tal Rifaat" and "Tall Rif‘at" both "talrafat";
/// "Bab al-Hawa" is "babha" and Al Bahah "baha". Empty for non-Latin names.
fn compound_key(name: &str) -> String {
    let folded = fold::fold(name);
    let stripped = fold::strip_articles(&folded).unwrap_or(folded);
    fold::levelled_key(&fold::transliteration_key(&stripped), true)
}

/// An Arabic compound place name at token `i` ([`filters::arabic_compound_end`]) that the
/// tagger did not match whole, and the token after it. The gazetteer is asked for the whole
/// name, similar spellings included, keeping places whose name sounds the same by
/// [`compound_key`] ("Ain Issa" is ‘Ayn ‘Īsá, "Tal Rifaat" Tall Rif‘at; "Bab al-Hawa" is not
/// Al Bahah): a mention with those candidates. With none, the name is still one: an
/// unresolved mention after a preposition of place ("near Wadi Barada", "at Bab al-Hawa"),
/// else rejected whole, so that its generic word is not taken for a town ("Ain" is also Al
/// Ain, "Tal" At Tall).
fn arabic_compound_at<'g>(
    doc: &Document<'_>,
    g: &'g Gazetteer,
    words: &[&str],
    i: usize,
    memo: &mut Memo<'g>,
) -> Option<(Result<Mention<'g>, Rejected>, usize)> {
    let tokens = doc.tokens();
    let end = filters::arabic_compound_end(doc, words, i)?;
    let span = span_of(tokens, i, end)?;
    let surface = doc.span_text(&span);
    let options = LookupOptions {
        limit: COMPOUND_CANDIDATES,
        fuzzy: true,
    };
    let candidates = memo.compounds.get(surface, || {
        let wanted = compound_key(surface);
        // (Equal keys only: "Bab al-Hawa" is "babha", one edit from Al Bahah's "baha".)
        let same_key = |c: &Candidate<'_>| compound_key(c.place.name) == wanted;
        if wanted.is_empty() {
            return Vec::new();
        }
        g.lookup(surface, &options)
            .into_iter()
            .filter(|c| c.match_kind != MatchKind::Demonym && same_key(c))
            .collect()
    });
    // (A compound opened by a generic word of place is no firm's or person's name: "at",
    // "to" and "from" place it too, which they do not for a surname, "at Ferguson".)
    let placed = after_any_place_word(doc, words, i);
    let outcome = if !candidates.is_empty() || placed {
        Ok(whole_name(tokens, i, end, candidates)?)
    } else {
        Err(Rejected {
            span,
            reason: Rejection::InsideName,
        })
    };
    Some((outcome, end + 1))
}

/// Shortest word of a name looked up by its Arabic spellings ([`arabic_spelling_end`]): shorter
/// ones sound like too many places.
const SPELLING_MIN_LETTERS: usize = 4;

/// Words after a name that make it a place for [`arabic_spelling_end`]: an offensive or a
/// front there, or a part of it ("the Hawija offensive", "the Qayyara airbase", "Shirqat
/// district").
const SPELLING_PLACE_AFTER: [&str; 14] = [
    "airbase",
    "area",
    "battle",
    "countryside",
    "district",
    "front",
    "frontline",
    "governorate",
    "offensive",
    "outskirts",
    "province",
    "region",
    "siege",
    "subdistrict",
];

/// Verbs of war whose object is a place, for [`arabic_spelling_end`]: "troops retook
/// Qaryatain", "jets bombed Saraqeb".
const SPELLING_TAKING_VERBS: [&str; 16] = [
    "besieged",
    "bombarded",
    "bombed",
    "captured",
    "encircled",
    "entered",
    "liberated",
    "overran",
    "recaptured",
    "retook",
    "seized",
    "shelled",
    "stormed",
    "struck",
    "surrounded",
    "evacuated",
];

/// Verbs after a name that make it a place taken in war, for [`arabic_spelling_end`]:
/// "Hawija fell", "Hawija was retaken".
const SPELLING_FALLEN_VERBS: [&str; 2] = ["fell", "falls"];

/// The last token of a name that may be a place in an Arab country written in a
/// transliteration the index does not hold, starting at token `i`, after a preposition of
/// place ("near Hawija" is Al Ḩawījah, "in Qayyara" Al Qayyārah, "from Shirqat" Ash
/// Sharqāt), listed after a place that ends at `previous_end` ("In Kirkuk and Hawija") or
/// before a word of war or area ([`SPELLING_PLACE_AFTER`]): one or two capitalised words
/// that no name of the index opens, none an ordinary word or a person's name. Cheap tests
/// only: [`add_corroborated_spellings`] looks the name up once the document is read, and
/// only when the document names a place in an Arab country.
fn arabic_spelling_end(
    doc: &Document<'_>,
    g: &Gazetteer,
    words: &[&str],
    i: usize,
    previous_end: Option<usize>,
    known_names: &std::collections::BTreeSet<String>,
) -> Option<usize> {
    let tokens = doc.tokens();
    // ("In Kirkuk and Hawija": listed after a place, which ends at `previous_end`.)
    let listed = || listed_after(tokens, words, previous_end, i);
    if words.get(i).is_none_or(|w| w.len() < SPELLING_MIN_LETTERS) {
        return None;
    }
    let title = |k: usize| tokens.get(k).is_some_and(|t| t.case == Case::Title);
    let joined = |k: usize| tokens.get(k).is_some_and(|t| t.gap == Gap::Space);
    let end = if title(i + 1) && joined(i + 1) {
        i + 1
    } else {
        i
    };
    // ("the Hawija offensive", "the Qayyara airbase": a word of war or of area after it.)
    let place_word_after = || {
        joined(end + 1)
            && words
                .get(end + 1)
                .is_some_and(|w| SPELLING_PLACE_AFTER.contains(w))
    };
    // ("troops retook Qaryatain", "Hawija fell".)
    let taken = || {
        i.checked_sub(1)
            .and_then(|p| words.get(p))
            .is_some_and(|w| SPELLING_TAKING_VERBS.contains(w))
            || (joined(end + 1)
                && words
                    .get(end + 1)
                    .is_some_and(|w| SPELLING_FALLEN_VERBS.contains(w)))
    };
    // ("Hawija in Kirkuk province": placed in a named division.)
    let in_division = || {
        joined(end + 1)
            && words.get(end + 1) == Some(&"in")
            && title(end + 2)
            && joined(end + 2)
            && (joined(end + 3) || tokens.get(end + 3).is_some_and(|t| t.gap == Gap::Hyphen))
            && words
                .get(end + 3)
                .is_some_and(|w| matches!(*w, "province" | "governorate" | "district"))
    };
    // (The cheap tests first: most capitalised words have no place word around them.)
    if !(listed()
        || after_any_place_word(doc, words, i)
        || place_word_after()
        || taken()
        || in_division())
    {
        return None;
    }
    // (A third capitalised word makes it some other name: "near Hawija Oil Company".)
    if title(end + 1) && joined(end + 1) {
        return None;
    }
    // (Written as a name is: "QuODA" is not one.)
    let name_case = |k: usize| {
        tokens.get(k).is_some_and(|t| {
            let mut chars = doc.token_text(t).chars();
            chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
        })
    };
    let plain = |k: usize| {
        name_case(k)
            && words.get(k).is_some_and(|w| {
                w.len() >= SPELLING_MIN_LETTERS
                    && w.bytes().all(|b| b.is_ascii_lowercase())
                    && !g.is_common_word(w)
                    && !g.is_person_name(w)
                    && !g.is_stop_key(w)
                    && !known_names.contains(*w)
            })
    };
    (i..=end).all(plain).then_some(end)
}

/// True when a preposition of place ([`filters::after_place_preposition`]) or "at", "to",
/// "from", "toward", "via" stands before token `i`: for names that cannot be a person's,
/// where "at Ferguson" (the company) and "said to Ferguson" are not in question.
fn after_any_place_word(doc: &Document<'_>, words: &[&str], i: usize) -> bool {
    filters::after_place_preposition(doc, words, i)
        || i.checked_sub(1)
            .and_then(|p| words.get(p))
            .is_some_and(|w| {
                matches!(
                    *w,
                    "at" | "to" | "from" | "toward" | "towards" | "into" | "via" | "around"
                )
            })
}

/// The unresolved mention of a place with an Arabic name the gazetteer does not hold whole,
/// after a preposition of place, starting at token `i`, and the token after it: a word and an
/// article name ("in Bab el-Oued", "town of Mais al-Jabal"; not a country or demonym, "in
/// Syria al-Qaeda …"), or a particle of kinship and a word ("in Abu Shok": `kinship`, which
/// [`filters::opens_kinship_name`] says). `single` is the gazetteer's entry for token `i`
/// alone, if it names a place.
fn unknown_arabic_place_at<'g>(
    doc: &Document<'_>,
    g: &'g Gazetteer,
    words: &[&str],
    i: usize,
    kinship: bool,
    single: Option<NameEntry>,
    memo: &mut Memo<'g>,
) -> Option<(Mention<'g>, usize)> {
    let tokens = doc.tokens();
    // (The shape first: most capitalised words have none, and the preposition costs more.)
    let end = if kinship {
        i + 1
    } else {
        let end = filters::arabic_name_after(doc, words, i)?;
        let mut country = || {
            single.is_some_and(|entry| {
                let surface = tokens.get(i).map_or("", |t| doc.token_text(t));
                let facts = memo.candidates.get(g, entry, surface).1;
                facts.names_a_country_or_region() || facts.demonym_first()
            })
        };
        if tokens.get(i).is_none_or(|t| t.case != Case::Title) || country() {
            return None;
        }
        end
    };
    if !filters::after_place_preposition(doc, words, i) {
        return None;
    }
    Some((whole_name(tokens, i, end, Arc::from(Vec::new()))?, end + 1))
}

/// A person's name opened by an Arabic particle of kinship at token `i` (where
/// [`filters::opens_kinship_name`] holds), with the article name that may close it ("Abu Bakr
/// al-Baghdadi", "Abu Hamza"): its span, the names to remember for the story, and the token
/// after it.
struct KinshipName<'d> {
    span: Span,
    names: Vec<&'d str>,
    next: usize,
}

fn kinship_name_at<'d>(doc: &Document<'_>, words: &[&'d str], i: usize) -> Option<KinshipName<'d>> {
    let tokens = doc.tokens();
    let nisba = tokens.get(i + 2).is_some_and(|t| t.gap == Gap::Space)
        && tokens.get(i + 3).is_some_and(|t| t.gap == Gap::Hyphen)
        && filters::is_arabic_article(words.get(i + 2).copied().unwrap_or(""));
    let end = if nisba { i + 3 } else { i + 1 };
    let names = [i + 1, end]
        .iter()
        .filter_map(|&k| words.get(k).copied())
        .collect();
    Some(KinshipName {
        span: span_of(tokens, i, end)?,
        names,
        next: end + 1,
    })
}

/// The unresolved mention of a feature or street the gazetteer lacks that starts at token
/// `i` ([`filters::unknown_feature_end`]), and the token after it.
fn unknown_feature_at<'g>(
    doc: &Document<'_>,
    words: &[&str],
    i: usize,
) -> Option<(Mention<'g>, usize)> {
    let end = filters::unknown_feature_end(doc, words, i)?;
    let mention = whole_name(doc.tokens(), i, end, Arc::from(Vec::new()))?;
    Some((mention, end + 1))
}

fn span_of(tokens: &[Token], first: usize, last: usize) -> Option<Span> {
    let a = tokens.get(first)?.span;
    let b = tokens.get(last)?.span;
    Some(Span {
        byte_start: a.byte_start,
        byte_end: b.byte_end,
        char_start: a.char_start,
        char_end: b.char_end,
    })
}

/// Finds and filters the place mentions of a document. O(tokens × name length) index steps;
/// allocates the folded text once and the candidates of each accepted match.
pub fn recognize<'g>(
    doc: &Document<'_>,
    g: &'g Gazetteer,
    options: &RecognizeOptions,
) -> Recognition<'g> {
    recognize_with(doc, g, options, &mut Memo::new())
}

/// [`recognize`] with a [`Memo`] kept across documents (one per thread): the same result,
/// sooner when the documents share names.
pub fn recognize_with<'g>(
    doc: &Document<'_>,
    g: &'g Gazetteer,
    options: &RecognizeOptions,
    memo: &mut Memo<'g>,
) -> Recognition<'g> {
    memo.bind(g);
    let tokens = doc.tokens();
    let folded = FoldedTokens::new(doc);
    let words: Vec<&str> = (0..tokens.len()).map(|i| folded.get(i)).collect();
    let abbreviation_lengths = g.abbreviation_lengths();
    let mut out = Recognition::default();
    let mut known_names: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    // Names accepted as places, and surname-like names rejected as people, for
    // [`promote_proven_places`].
    let mut place_keys: foldhash::HashSet<String> = foldhash::HashSet::default();
    let mut person_like: Vec<PersonLike<'g>> = Vec::new();
    // Names of people met earlier that the context here makes a place ("went to Rogersville"
    // after "Logan-Rogersville"): their other mentions are places too.
    let mut placed_known: foldhash::HashSet<String> = foldhash::HashSet::default();
    // Names that may be Arab countries' towns in another spelling, first and last token
    // ([`arabic_spelling_end`]), for [`add_corroborated_spellings`].
    let mut spelling_tries: Vec<(usize, usize)> = Vec::new();
    // Short alternate names rejected after a word of place, for
    // [`place_corroborated_short_aliases`].
    let mut short_alias_tries: Vec<Mention<'g>> = Vec::new();
    let short_post = filters::is_short_post(doc);
    let mut i = 0;
    while let Some(t) = tokens.get(i) {
        // "D-N.D.", "R-Ohio": the party letter starts nothing; the state after it is read next.
        if t.case != Case::Lower && filters::is_party_letter(doc, i) {
            i += 1;
            continue;
        }
        // "@PIB_India", "RT @Tokyo_Trev:", "@Queen_UK": an account's name. (Lower-case words
        // start nothing below, so only capitalised ones are looked at.)
        if t.case != Case::Lower && filters::in_handle(doc, i) {
            i += 1;
            continue;
        }
        if let Some((mention, next)) =
            abbreviation_at(doc, g, abbreviation_lengths, i, out.mentions.last())
        {
            out.mentions.push(mention);
            i = next;
            continue;
        }
        // A stoplisted word written with an apostrophe or hyphen ("Shi'ite", "Ba'athist").
        let mut compound_end = i;
        while tokens
            .get(compound_end + 1)
            .is_some_and(|n| matches!(n.gap, Gap::Apostrophe | Gap::Hyphen))
        {
            compound_end += 1;
        }
        if compound_end > i {
            if let Some(span) = span_of(tokens, i, compound_end) {
                if g.is_stop_key(&fold::fold(doc.span_text(&span))) {
                    out.rejected.push(Rejected {
                        span,
                        reason: Rejection::Stopword,
                    });
                    i = compound_end + 1;
                    continue;
                }
            }
        }
        let word = folded.get(i);
        // An article joined by a hyphen ("al-Raqqa") or capitalised ("Al Qaim"); a lower-case
        // "an", "at" or "as" before a space is English.
        // (Most words are lower case and end here, so the cheap tests come first.)
        let article = (t.case == Case::Title
            || tokens.get(i + 1).is_some_and(|n| n.gap == Gap::Hyphen))
            && filters::is_arabic_article(word);
        let hashtag = filters::is_hashtag(doc, i);
        if t.case == Case::Lower && !article && !hashtag {
            // Posts write places in lower case ("flights to japan"): there, a country's or
            // region's own name counts.
            if short_post {
                lower_case_place(doc, g, &words, i, memo, &mut out);
            }
            i += 1;
            continue;
        }
        // Single letters ("M", "A") start no name on their own; before an apostrophe they
        // may ("N'Djamena", "A'zaz", "L'Aquila"), but not the "O'" and "D'" of family names
        // ("O'Connor", "D'Angelo"), which are also towns.
        let one_letter = word.chars().count() == 1
            && tokens.get(i + 1).is_none_or(|n| {
                let elided = n.gap == Gap::Apostrophe && !matches!(word, "o" | "d");
                !(matches!(n.gap, Gap::Space | Gap::Hyphen | Gap::Period) || elided)
            });
        if one_letter || word.chars().all(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut found = if t.case != Case::Lower {
            longest_name(g, doc, &folded, i, memo)
        } else {
            None
        };
        // "Dublin City Council", "Springfield City Schools": the city's body, whose town is
        // the name before "City" when "X City" is only another name of a place called X (its
        // namesakes stay in the running: Dublin, Ohio, not Dublin City, Ireland). Not
        // "Boulder City Council", a town of that name.
        if let Some((last, entry)) = found {
            if let Some(shorter) = city_body_town(doc, g, &words, i, last, entry, memo) {
                found = Some((last - 1, shorter));
            }
        }
        // "al-Raqqa", "Al Qaim": try the name after the article, keeping the article in the
        // span. An article joined by a hyphen is no name alone: "Al-Sukhnah" is not Ål, Norway,
        // and then Sukhnah.
        let hyphenated = tokens.get(i + 1).is_some_and(|n| n.gap == Gap::Hyphen);
        if article && hyphenated && found.is_some_and(|(last, _)| last == i) {
            found = None;
        }
        if found.is_none() && article {
            let next_joins = tokens.get(i + 1).is_some_and(|n| joins(n.gap));
            if next_joins {
                found = longest_name(g, doc, &folded, i + 1, memo);
            }
        }
        // A hashtag may run words together ("#SierraLeone") or be written in lower case
        // ("#iran"): both name a topic on purpose.
        let mut via_hashtag = false;
        if found.is_none() && hashtag {
            found = hashtag_name(g, doc, &folded, i, memo);
            via_hashtag = found.is_some();
        }
        // A hashtag of several words may name a place among them ("#PrayForGaza").
        if found.is_none() && hashtag {
            hashtag_places(doc, g, options, i, memo, &mut out);
            i += 1;
            continue;
        }
        // "Fort Sumter", "Camp Nelson": a post the gazetteer does not hold (it would have
        // matched the whole name) is one mention of its whole name, resolved as the place it
        // is named after (in the War of the Rebellion's records, 98 of 157 such posts lie
        // within 161 km of their namesake). "Camp" is also a town's name on its own.
        if !hashtag && found.is_none_or(|(last, _)| last == i) {
            if let Some((name_end, namesake)) = post_name_end(doc, g, &folded, i, memo) {
                // "Camp Sugar Valley": feature words after the name belong to it.
                let end = filters::feature_name_end(doc, &words, name_end).unwrap_or(name_end);
                let candidates = match (namesake, span_of(tokens, i + 1, name_end)) {
                    (Some(entry), Some(name)) => {
                        Arc::clone(memo.candidates.get(g, entry, doc.span_text(&name)).0)
                    }
                    _ => Arc::from(Vec::new()),
                };
                out.mentions.extend(whole_name(tokens, i, end, candidates));
                i = end + 1;
                continue;
            }
        }
        // "Ma Ying-jeou", "Ban Ki-moon": a Chinese or Korean person's name, whose family name
        // (and given name's first syllable) may be a village's ("Ma Ying" is Maying, China).
        if !hashtag && t.case == Case::Title && found.is_none_or(|(last, _)| last <= i + 1) {
            if let Some(end) = filters::east_asian_name_end(doc, g, &words, i) {
                // (Every word of it: news may shorten the name to any part, "Un aides".)
                for k in i..=end {
                    if let Some(w) = words.get(k).filter(|w| !g.is_common_word(w)) {
                        known_names.insert((*w).to_string());
                    }
                }
                if let Some(span) = span_of(tokens, i, end) {
                    out.rejected.push(Rejected {
                        span,
                        reason: Rejection::InsideName,
                    });
                }
                i = end + 1;
                continue;
            }
        }
        // "Ain Issa", "Tal Rifaat", "Ain al-Arab": an Arabic compound place name opened by a
        // generic word, which the index may hold in another spelling (‘Ayn ‘Īsá, Tall Rif‘at).
        if !hashtag && found.is_none_or(|(last, _)| last == i) {
            if let Some((outcome, next)) = arabic_compound_at(doc, g, &words, i, memo) {
                match outcome {
                    Ok(mention) => out.mentions.push(mention),
                    Err(rejected) => out.rejected.push(rejected),
                }
                i = next;
                continue;
            }
        }
        // Arabic names the gazetteer does not hold whole: places after a preposition of place
        // ("in Bab el-Oued", "in Abu Shok"), else people ("Abu Bakr al-Baghdadi").
        if !hashtag && t.case == Case::Title && found.is_none_or(|(last, _)| last == i) {
            let single = found.map(|(_, entry)| entry);
            let kinship = filters::opens_kinship_name(doc, &words, i);
            if let Some((mention, next)) =
                unknown_arabic_place_at(doc, g, &words, i, kinship, single, memo)
            {
                out.mentions.push(mention);
                i = next;
                continue;
            }
            if let Some(name) = kinship.then(|| kinship_name_at(doc, &words, i)).flatten() {
                known_names.extend(name.names.iter().map(|w| (*w).to_string()));
                out.rejected.push(Rejected {
                    span: name.span,
                    reason: Rejection::InsideName,
                });
                i = name.next;
                continue;
            }
        }
        // "near Hawija", "in Qayyara": an Arab country's town the index holds in another
        // transliteration only.
        if found.is_none() && !hashtag && t.case == Case::Title {
            // (A name tried before counts as a place for a list: "near Hawija and Qayyara".)
            let previous_end = out
                .mentions
                .last()
                .map(|m| m.end_token)
                .max(spelling_tries.last().map(|&(_, last)| last + 1));
            if let Some(end) = arabic_spelling_end(doc, g, &words, i, previous_end, &known_names) {
                spelling_tries.push((i, end));
            }
        }
        // "Folly Island", "Lake Opechee": a natural feature the gazetteer lacks, named whole
        // and left unresolved.
        if found.is_none() && !hashtag {
            if let Some((mention, next)) = unknown_feature_at(doc, &words, i) {
                out.mentions.push(mention);
                i = next;
                continue;
            }
        }
        let Some((last, entry)) = found else {
            i += 1;
            continue;
        };
        let Some(span) = span_of(tokens, i, last) else {
            i += 1;
            continue;
        };
        let surface = doc.span_text(&span);
        let (candidates, facts) = memo.candidates.get(g, entry, surface);
        if candidates.is_empty() {
            i += 1;
            continue;
        }
        // A demonym when the best-ranked reading is one ("Canadian" is Canada before it is
        // the Canadian River). Read from the summary, which the memo keeps beside the key.
        let kind = if facts.demonym_first() {
            MentionKind::Demonym
        } else {
            MentionKind::Name
        };
        // "Morton's Ford", "Saint Joseph's Island": a feature named for its owner, which no
        // source holds, is one mention of its whole name, unresolved (the owner's namesake
        // town says nothing of where it is). Not after a country or region ("Russia's Lake
        // Baikal" is read on: "Lake Baikal" is its own name).
        if !via_hashtag && kind == MentionKind::Name && !facts.names_a_country_or_region() {
            if let Some(end) = filters::possessive_feature_end(doc, &words, last) {
                out.mentions
                    .extend(whole_name(tokens, i, end, Arc::from(Vec::new())));
                i = end + 1;
                continue;
            }
        }
        // A one-word name's key is its folded word, already at hand.
        let mut key = if i == last {
            words.get(i).copied().unwrap_or("").to_owned()
        } else {
            fold::fold(surface)
        };
        // The stoplist also applies without the article ("al-Arab" is still "Arab").
        if let Some(stripped) = fold::strip_articles(&key) {
            if g.is_stop_key(&stripped) {
                key = stripped;
            }
        }
        // A name known from a person's here placed by its context ("in Rogersville").
        let mut placed_over_known = false;
        let verdict = if kind == MentionKind::Demonym && !options.demonyms {
            Err(Rejection::DemonymsOff)
        } else if via_hashtag {
            // Lower-case and run-together hashtags skip the capitalisation filters, which
            // they cannot pass; only well-known places count.
            filters::judge_hashtag(g, &key, candidates, &facts)
        } else if known_word(&words, tokens, i, last).is_some_and(|w| known_names.contains(w)) {
            if placed_despite_known_name(doc, g, &words, i) {
                placed_over_known = true;
                filters::judge(doc, g, &mut memo.walks, &words, i, last, &key, &facts)
            } else {
                Err(Rejection::KnownName)
            }
        } else {
            filters::judge(doc, g, &mut memo.walks, &words, i, last, &key, &facts)
        };
        // A make of vehicle is one for the rest of the document ("the Toyota failed to yield"
        // after "a 1992 Toyota Corolla").
        if verdict == Err(Rejection::VehicleMake) {
            known_names.insert(key.clone());
        }
        // So is a person's name with a verb of saying ("Slater said", "said Kinney.") or an
        // age ("John Lambe, 23,"): the same name elsewhere in the story ("Democrat Slater")
        // is theirs, unless placed ("in Slater"). A city may speak through its council
        // ("Gainesville says no"): not one that large.
        if verdict == Err(Rejection::PersonName)
            && i == last
            && (filters::before_speech_verb(doc, &words, last)
                || filters::after_saying(doc, &words, i, last)
                || filters::described_as_person(doc, &words, i, last))
            && all_below(candidates, SPEAKING_CITY_MIN_POPULATION)
        {
            known_names.insert(key.clone());
        }
        // Remember people's names for the rest of the document ("Hartl said" after "Gregory
        // Hartl"): the capitalised neighbours of a match rejected as inside a person's name,
        // and the match itself when it is no prominent place, or a place's old or foreign
        // name only ("Stalin" for Donetsk, after "Joseph Stalin").
        if let Err(Rejection::InsideName | Rejection::PersonTitle) = verdict {
            // (An article name is a family name however large a town shares it: "el-Sisi".)
            let minor = is_minor(candidates)
                || (kind == MentionKind::Name && !facts.has_own_name())
                || filters::is_article_name(&words, tokens, i, last);
            for k in i.saturating_sub(1)..=(last + 1).min(tokens.len().saturating_sub(1)) {
                let w = words.get(k).copied().unwrap_or("");
                let own = (i..=last).contains(&k);
                let neighbour_is_place = !own && memo.walks.is_name(g, w);
                if tokens.get(k).is_some_and(|t| t.case == Case::Title)
                    && !g.is_common_word(w)
                    && !neighbour_is_place
                    && (!own || minor)
                {
                    known_names.insert(w.to_string());
                }
            }
        }
        // A match the filters pass may still lie inside a stoplisted name of several words
        // ("Boko Haram", "Ahrar al-Sham"): then the whole name is rejected and read past.
        // (Asked last: most matches are rejected before, and then no name inside a group's
        // name can count.)
        let group = verdict
            .is_ok()
            .then(|| filters::stoplisted_name_around(doc, g, &words, i, last))
            .flatten();
        if let Some((a, b)) = group {
            if let Some(group_span) = span_of(tokens, a, b) {
                out.rejected.push(Rejected {
                    span: group_span,
                    reason: Rejection::Stopword,
                });
            }
            // The group ends at or after the match (`b >= last`).
            i = b + 1;
            continue;
        }
        // "the Kanawha River", "Las Vegas Valley": the name opens the name of a natural
        // feature that the gazetteer does not hold (it would have matched the longer name).
        // The mention is the feature's whole name, unresolved, rather than the town or county
        // it is named after.
        let feature_end = (verdict.is_ok() && !via_hashtag)
            .then(|| filters::feature_name_end(doc, &words, last))
            .flatten();
        if let Some(end) = feature_end {
            out.mentions
                .extend(whole_name(tokens, i, end, Arc::from(Vec::new())));
            i = end + 1;
            continue;
        }
        // "Flat Creek", "Anthony Creek": a name rejected alone may open a feature's name.
        if verdict.is_err() && !via_hashtag {
            if let Some((mention, next)) = unknown_feature_at(doc, &words, i) {
                out.mentions.push(mention);
                i = next;
                continue;
            }
        }
        match verdict {
            Ok(v) => {
                if placed_over_known {
                    placed_known.insert(key.clone());
                }
                place_keys.insert(key);
                out.mentions.push(Mention {
                    span,
                    kind,
                    candidates: Arc::clone(candidates),
                    first_token: i,
                    end_token: last + 1,
                    in_organisation: v == Verdict::InOrganisation,
                });
            }
            Err(reason) => {
                // The match as a mention, for the rules below that may take it back.
                let as_mention = || Mention {
                    span,
                    kind,
                    candidates: Arc::clone(candidates),
                    first_token: i,
                    end_token: last + 1,
                    in_organisation: false,
                };
                // A surname-like name, or a name met in a person's, may yet prove a place
                // elsewhere in the document.
                if matches!(reason, Rejection::PersonName | Rejection::KnownName)
                    && i == last
                    && !filters::before_speech_verb(doc, &words, last)
                {
                    person_like.push(PersonLike {
                        rejected_at: out.rejected.len(),
                        reason,
                        key,
                        mention: as_mention(),
                    });
                }
                // "in Qaim", "near Azaz", "the T4 airbase": a short alternate name may be a
                // place where the words around it and the rest of the document say so.
                // (Alone: not "at Duke University", "at Dot's", "Huff said".)
                if reason == Rejection::ShortAlias
                    && i == last
                    && stands_alone(doc, i, last + 1)
                    && tokens
                        .get(last + 1)
                        .is_none_or(|t| t.gap != Gap::Apostrophe)
                    && !filters::before_speech_verb(doc, &words, last)
                    && (after_any_place_word(doc, &words, i)
                        || words
                            .get(last + 1)
                            .is_some_and(|w| SPELLING_PLACE_AFTER.contains(w))
                        || listed_after(
                            tokens,
                            &words,
                            out.mentions
                                .last()
                                .map(|m| m.end_token)
                                .max(short_alias_tries.last().map(|m| m.end_token)),
                            i,
                        ))
                {
                    short_alias_tries.push(as_mention());
                }
                out.rejected.push(Rejected { span, reason });
            }
        }
        i = last + 1;
    }
    add_corroborated_spellings(doc, g, &spelling_tries, memo, &mut out);
    promote_proven_places(
        doc,
        g,
        &words,
        &mut out,
        person_like,
        &place_keys,
        &placed_known,
    );
    place_corroborated_short_aliases(short_alias_tries, &mut out);
    retract_known_names(doc, g, &words, &known_names, &placed_known, &mut out);
    drop_uncorroborated_demonyms(doc, g, &mut out);
    out
}

/// Adds the mentions of the names `tries` holds ([`arabic_spelling_end`]) that sound like
/// places ([`Gazetteer::arabic_spellings`]) in an Arab country the document names otherwise
/// (by a mention's best reading), with those places as candidates: "near Hawija" in a story
/// that names Kirkuk or Iraq is Al Ḩawījah, but "Attack on Base" in a story about Somalia is
/// not Ataq, Yemen. A document that names no place in an Arab country looks nothing up.
fn add_corroborated_spellings<'g>(
    doc: &Document<'_>,
    g: &'g Gazetteer,
    tries: &[(usize, usize)],
    memo: &mut Memo<'g>,
    out: &mut Recognition<'g>,
) {
    if tries.is_empty() {
        return;
    }
    let named = named_countries(out, |c| g.is_in_arabic_country(c.place.index));
    if named.is_empty() {
        return;
    }
    let tokens = doc.tokens();
    // (Merged into the mentions in one pass at the end: inserting each would cost a copy of
    // every later mention, and a long document may name thousands.)
    let mut added: Vec<Mention<'g>> = Vec::new();
    for &(first, last) in tries {
        // (Mentions are in text order; one found over these words since stands.)
        let at = out.mentions.partition_point(|m| m.first_token < first);
        let overlaps = at
            .checked_sub(1)
            .and_then(|p| out.mentions.get(p))
            .is_some_and(|m| m.end_token > first)
            || out.mentions.get(at).is_some_and(|m| m.first_token <= last);
        let Some(span) = span_of(tokens, first, last).filter(|_| !overlaps) else {
            continue;
        };
        let surface = doc.span_text(&span);
        let candidates = memo
            .spellings
            .get(surface, || g.arabic_spellings(surface, COMPOUND_CANDIDATES));
        if candidates.is_empty() {
            continue;
        }
        let here: Vec<Candidate<'g>> = candidates
            .iter()
            .filter(|c| named.binary_search(&c.place.country_code).is_ok())
            .copied()
            .collect();
        if here.is_empty() {
            out.rejected.push(Rejected {
                span,
                reason: Rejection::UncorroboratedSpelling,
            });
            continue;
        }
        added.extend(whole_name(tokens, first, last, Arc::from(here)));
    }
    if !added.is_empty() {
        let found = std::mem::take(&mut out.mentions);
        let mut merged = Vec::with_capacity(found.len() + added.len());
        let mut found = found.into_iter().peekable();
        for m in added {
            while let Some(f) = found.next_if(|f| f.first_token < m.first_token) {
                merged.push(f);
            }
            merged.push(m);
        }
        merged.extend(found);
        out.mentions = merged;
    }
}

/// Shortest lower-case word [`lower_case_place`] looks up: "us" and "uk" are pronouns and
/// abbreviations.
const LOWER_CASE_MIN_LETTERS: usize = 4;

/// Adds the mention of the lower-case word at token `i` of a post when it names a country,
/// continent or region by its own name ([`filters::judge_lower_case`]): "measles in nigeria",
/// "storms across ohio". One word only, and not inside a link or handle.
fn lower_case_place<'g>(
    doc: &Document<'_>,
    g: &'g Gazetteer,
    words: &[&str],
    i: usize,
    memo: &mut Memo<'g>,
    out: &mut Recognition<'g>,
) {
    let tokens = doc.tokens();
    // (A set of region names first: most lower-case words name nothing, and walking the index
    // for each, or remembering each in the memo, costs more than the rest of a post.)
    let Some(word) = words.get(i).filter(|w| {
        w.len() >= LOWER_CASE_MIN_LETTERS
            && g.is_region_name(w)
            && filters::may_be_lower_case_place(g, w)
    }) else {
        return;
    };
    let Some(entry) = memo.walks.walk(g, word).and_then(|w| w.entry()) else {
        return;
    };
    // (One word: not part of a longer lower-case name or of a word joined by a hyphen or an
    // apostrophe.)
    let joined = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| matches!(t.gap, Gap::Hyphen | Gap::Apostrophe))
    };
    if joined(i) || joined(i + 1) {
        return;
    }
    // (Not a part named by a direction, "west africa", "the south of france", nor a word a
    // post cut short, "takeo…".)
    let word_before = |k: usize| {
        i.checked_sub(k)
            .filter(|_| tokens.get(i + 1 - k).is_some_and(|t| t.gap == Gap::Space))
            .and_then(|p| words.get(p).copied())
    };
    let compass_before = word_before(1).is_some_and(crate::gazetteer::is_compass_word)
        || (word_before(1) == Some("of")
            && word_before(2).is_some_and(crate::gazetteer::is_compass_word));
    let cut_short = tokens.get(i).is_some_and(|t| {
        doc.text()
            .get(t.span.byte_end.0..)
            .is_some_and(|after| after.starts_with("...") || after.starts_with('…'))
    });
    if compass_before || cut_short {
        return;
    }
    if filters::in_link(doc, i) || filters::in_handle(doc, i) {
        return;
    }
    let Some(span) = span_of(tokens, i, i) else {
        return;
    };
    let (candidates, facts) = memo.candidates.get(g, entry, doc.span_text(&span));
    // (Most lower-case words are ordinary ones: a rejection is not worth reporting.)
    if filters::judge_lower_case(&facts).is_ok() {
        out.mentions.push(Mention {
            span,
            kind: MentionKind::Name,
            candidates: Arc::clone(candidates),
            first_token: i,
            end_token: i + 1,
            in_organisation: false,
        });
    }
}

/// The countries of the mentions' best readings that `keep` accepts, sorted and distinct:
/// the countries a document names, for the corroboration of names found by weaker evidence.
fn named_countries(
    out: &Recognition<'_>,
    keep: impl Fn(&Candidate<'_>) -> bool,
) -> Vec<CountryCode> {
    let mut named: Vec<CountryCode> = out
        .mentions
        .iter()
        .filter_map(|m| m.candidates.first())
        .filter(|c| keep(c))
        .map(|c| c.place.country_code)
        .collect();
    named.sort_unstable();
    named.dedup();
    named
}

/// True when token `i` is listed right after a name that ends before token `previous_end`:
/// "Kirkuk, Qaim", "Kirkuk and Qaim", "Kirkuk or Qaim".
fn listed_after(tokens: &[Token], words: &[&str], previous_end: Option<usize>, i: usize) -> bool {
    previous_end.is_some_and(|e| {
        (e == i && tokens.get(i).is_some_and(|t| t.gap == Gap::Comma))
            || (e + 1 == i && matches!(words.get(e), Some(&("and" | "or"))))
    })
}

/// Accepts the short alternate names rejected after a word of place or in a list (`tries`)
/// whose places lie in a country the document names otherwise (by a mention's best reading),
/// with those places as candidates: GeoNames' short forms are mostly readings and codes ("Jin"
/// for Tsu), but "in Qaim" in a story that names Iraq is Al Qā'im and "near Azaz" in one that
/// names Aleppo is I'zāz.
fn place_corroborated_short_aliases<'g>(tries: Vec<Mention<'g>>, out: &mut Recognition<'g>) {
    if tries.is_empty() {
        return;
    }
    let named = named_countries(out, |c| c.place.country_code != CountryCode::NONE);
    if named.is_empty() {
        return;
    }
    let mut accepted: Vec<Mention<'g>> = Vec::new();
    for mut m in tries {
        let here: Vec<Candidate<'g>> = m
            .candidates
            .iter()
            .filter(|c| named.binary_search(&c.place.country_code).is_ok())
            .copied()
            .collect();
        if here.is_empty() {
            continue;
        }
        m.candidates = Arc::from(here);
        accepted.push(m);
    }
    if accepted.is_empty() {
        return;
    }
    out.rejected.retain(|r| {
        r.reason != Rejection::ShortAlias || !accepted.iter().any(|m| m.span == r.span)
    });
    out.mentions.extend(accepted);
    out.mentions.sort_by_key(|m| m.first_token);
}

/// Drops the demonyms of a document that the gazetteer marks ambiguous ("Indian", also the
/// peoples of the Americas) when the document names no place of their country: "Indian" is
/// India's only beside "India", "Delhi" or another Indian place.
fn drop_uncorroborated_demonyms(doc: &Document<'_>, g: &Gazetteer, out: &mut Recognition<'_>) {
    // Per mention: the country of an ambiguous demonym, none for the rest.
    let ambiguous: Vec<Option<CountryCode>> = out
        .mentions
        .iter()
        .map(|m| {
            (m.kind == MentionKind::Demonym
                && g.is_ambiguous_demonym(&fold::fold(doc.span_text(&m.span))))
            .then(|| m.candidates.first().map(|c| c.place.country_code))
            .flatten()
        })
        .collect();
    if ambiguous.iter().all(Option::is_none) {
        return;
    }
    let named = |cc: CountryCode| {
        out.mentions.iter().any(|m| {
            m.kind != MentionKind::Demonym
                && m.candidates
                    .first()
                    .is_some_and(|c| c.place.country_code == cc)
        })
    };
    let corroborated: Vec<CountryCode> = ambiguous
        .iter()
        .flatten()
        .copied()
        .filter(|&cc| named(cc))
        .collect();
    let mut keep = Vec::with_capacity(out.mentions.len());
    for (m, country) in std::mem::take(&mut out.mentions).into_iter().zip(ambiguous) {
        match country {
            Some(cc) if !corroborated.contains(&cc) => out.rejected.push(Rejected {
                span: m.span,
                reason: Rejection::UncorroboratedDemonym,
            }),
            _ => keep.push(m),
        }
    }
    out.mentions = keep;
}

/// Words that open the name of a military post: "Fort Sumter", "Ft. Bliss", "Camp Nelson".
const POST_WORDS: [&str; 2] = ["fort", "camp"];

/// The last token of the name of a post that token `i` ("Fort", "Camp") opens, and the
/// gazetteer entry of its namesake: the capitalised name after it, as long as the gazetteer
/// knows a name starting there ("Fort Walla Walla"), or else one word with no namesake ("Fort
/// Craig"). None when `i` is no such word, when no capitalised word follows on the same line,
/// or when the word after is an ordinary one ("Camp Fire"). ("Ft." is left out: in tweets it
/// is "featuring".)
fn post_name_end<'g>(
    doc: &Document<'_>,
    g: &'g Gazetteer,
    folded: &FoldedTokens,
    i: usize,
    memo: &mut Memo<'g>,
) -> Option<(usize, Option<NameEntry>)> {
    let tokens = doc.tokens();
    let t = tokens.get(i)?;
    let word = folded.get(i);
    if t.case == Case::Lower || !POST_WORDS.contains(&word) {
        return None;
    }
    let next = tokens.get(i + 1)?;
    if next.gap != Gap::Space
        || next.line != t.line
        || !matches!(next.case, Case::Title | Case::Upper)
        || g.is_common_word(folded.get(i + 1))
    {
        return None;
    }
    Some(match longest_name(g, doc, folded, i + 1, memo) {
        Some((last, entry)) => (last, Some(entry)),
        None => (i + 1, None),
    })
}

/// A place this large may be the subject of a verb of saying as its government ("Gainesville
/// says"), so saying does not make its name a person's for the whole document.
const SPEAKING_CITY_MIN_POPULATION: u64 = 100_000;

/// No country, first-level region or town of [`filters::PERSON_NAME_MIN_POPULATION`] among
/// the candidates: a name a person may carry without the reader taking it for the place.
fn is_minor(candidates: &[Candidate<'_>]) -> bool {
    all_below(candidates, filters::PERSON_NAME_MIN_POPULATION)
}

/// No country, first-level region or town of `population` among the candidates.
fn all_below(candidates: &[Candidate<'_>], population: u64) -> bool {
    candidates
        .iter()
        .all(|c| !c.place.is_country() && !c.place.is_admin1() && c.place.population < population)
}

/// One sense per document for people's names, backwards: "Since Obama took office" is the
/// man once "President Barack Obama" appears later. Later mentions are rejected as they are
/// met; this takes back the earlier ones, except where the context places them
/// ([`placed_despite_known_name`]) or places the name elsewhere (`placed_known`).
fn retract_known_names(
    doc: &Document<'_>,
    g: &Gazetteer,
    words: &[&str],
    known_names: &std::collections::BTreeSet<String>,
    placed_known: &foldhash::HashSet<String>,
    out: &mut Recognition<'_>,
) {
    if known_names.is_empty() {
        return;
    }
    let tokens = doc.tokens();
    out.mentions.retain(|m| {
        let last = m.end_token.saturating_sub(1);
        let Some(word) = known_word(words, tokens, m.first_token, last) else {
            return true;
        };
        // (An article name is a family name however large a town shares it: "el-Sisi";
        // `known_word` gives a word for no other name of two tokens.)
        let article_name = last > m.first_token;
        let person = m.kind == MentionKind::Name
            && (is_minor(&m.candidates) || article_name)
            && known_names.contains(word)
            && !placed_known.contains(word)
            && !placed_despite_known_name(doc, g, words, m.first_token);
        if person {
            out.rejected.push(Rejected {
                span: m.span,
                reason: Rejection::KnownName,
            });
        }
        !person
    });
}

/// A one-word name met inside a person's or organisation's name elsewhere in the document
/// is that name again, unless the context here makes it a place ("the streets of Ferguson,
/// Missouri", "schools in Rogersville"); a possessive stays the person's ("in Obama's
/// stimulus law"), and so does a hashtag ("#Henning" after "Alan Henning").
fn placed_despite_known_name(doc: &Document<'_>, g: &Gazetteer, words: &[&str], i: usize) -> bool {
    !filters::is_hashtag(doc, i) && filters::placed(doc, g, words, i, i)
}

/// A one-word name rejected as a person's ([`Rejection::PersonName`]) or as a name the
/// document already gave a person or organisation ([`Rejection::KnownName`]), kept in case
/// the document proves it a place.
struct PersonLike<'g> {
    /// Its index among the rejections.
    rejected_at: usize,
    reason: Rejection,
    key: String,
    mention: Mention<'g>,
}

/// One sense per document for names that are both surnames and places: once "Ferguson" is
/// accepted as a place ("protests in Ferguson", "#Ferguson"), its other standalone mentions
/// rejected as a person's name are places too, unless a verb of saying follows them; once a
/// name met in a person's or organisation's name is placed by its context ("went to
/// Rogersville" after "Logan-Rogersville students"), its other standalone mentions are places
/// too (`placed_known`). And a list's members are of one kind: a surname-like name listed
/// with a place ("Monroe, Trenton and Seven Mile"; "the Gainesville and Lindsay communities")
/// is a place too.
fn promote_proven_places<'g>(
    doc: &Document<'_>,
    g: &Gazetteer,
    words: &[&str],
    out: &mut Recognition<'g>,
    person_like: Vec<PersonLike<'g>>,
    place_keys: &foldhash::HashSet<String>,
    placed_known: &foldhash::HashSet<String>,
) {
    // Rejection indices, in increasing order once sorted.
    let mut promoted = Vec::new();
    let mut waiting = Vec::new();
    for p in person_like {
        let proven = match p.reason {
            Rejection::KnownName => {
                placed_known.contains(&p.key)
                    && stands_alone(doc, p.mention.first_token, p.mention.end_token)
            }
            _ => place_keys.contains(&p.key),
        };
        if proven {
            promoted.push(p.rejected_at);
            out.mentions.push(p.mention);
        } else if p.reason == Rejection::PersonName {
            waiting.push((p.rejected_at, p.mention));
        }
    }
    if !waiting.is_empty() {
        // The token ranges of the names accepted so far; a promoted name joins them, so a
        // list is read whole from any one place in it. An accepted name that is a person's
        // name itself (an accepted "Mary" or "Bush") proves nothing of its neighbour: that is
        // asked of the neighbours found only (folding every name would cost every document).
        let mut placed: Vec<Placed> = out
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Name)
            .map(|m| Placed {
                first: m.first_token,
                end: m.end_token,
                span: Some(m.span),
            })
            .collect();
        let vouches = |p: &Placed| {
            p.span
                .is_none_or(|span| !g.is_person_name(&fold::fold(doc.span_text(&span))))
        };
        loop {
            let before = waiting.len();
            let mut still = Vec::with_capacity(before);
            for (rejected_at, m) in waiting {
                if listed_with_a_place(doc, words, m.first_token, m.end_token, &placed, vouches) {
                    placed.push(Placed {
                        first: m.first_token,
                        end: m.end_token,
                        span: None,
                    });
                    promoted.push(rejected_at);
                    out.mentions.push(m);
                } else {
                    still.push((rejected_at, m));
                }
            }
            waiting = still;
            if waiting.len() == before || waiting.is_empty() {
                break;
            }
        }
    }
    if promoted.is_empty() {
        return;
    }
    promoted.sort_unstable();
    let mut k = 0;
    out.rejected.retain(|_| {
        k += 1;
        promoted.binary_search(&(k - 1)).is_err()
    });
    out.mentions.sort_by_key(|m| m.first_token);
}

/// True when no capitalised word is joined by a space to the name on tokens `first..end`
/// ("Hampton Hills", "Jim Ed McDaniel", "Stephen Hawking's").
fn stands_alone(doc: &Document<'_>, first: usize, end: usize) -> bool {
    let tokens = doc.tokens();
    let gap = |k: usize| tokens.get(k).map(|t| t.gap);
    let capitalised = |k: usize| tokens.get(k).is_some_and(|t| t.case != Case::Lower);
    !((gap(first) == Some(Gap::Space) && first > 0 && capitalised(first - 1))
        || (gap(end) == Some(Gap::Space) && capitalised(end)))
}

/// A name accepted as a place, as a possible neighbour in a list: its tokens, and its span
/// when it was accepted on its own (none when it was promoted for its own neighbour).
struct Placed {
    first: usize,
    end: usize,
    span: Option<Span>,
}

/// True when the name on tokens `first..end` stands alone (no capitalised word joined to it:
/// not "Hampton Hills", "Jim Ed McDaniel") and it and a name in `placed` (token ranges) are
/// neighbours in a list: "X, Y", "X and Y", "X or Y", "X, and Y", in either order, with
/// nothing but the comma between (not a quotation's end: "in Egypt," Hassan said), where the
/// neighbour `vouches` for it.
fn listed_with_a_place(
    doc: &Document<'_>,
    words: &[&str],
    first: usize,
    end: usize,
    placed: &[Placed],
    vouches: impl Fn(&Placed) -> bool,
) -> bool {
    if !stands_alone(doc, first, end) {
        return false;
    }
    let tokens = doc.tokens();
    let gap = |k: usize| tokens.get(k).map(|t| t.gap);
    // Token `k` follows a bare comma (and spaces).
    let bare_comma = |k: usize| {
        gap(k) == Some(Gap::Comma)
            && k.checked_sub(1)
                .and_then(|p| tokens.get(p))
                .zip(tokens.get(k))
                .and_then(|(p, t)| doc.text().get(p.span.byte_end.0..t.span.byte_start.0))
                .is_some_and(|between| between.trim_end() == ",")
    };
    let conjunction = |k: usize| matches!(words.get(k), Some(&("and" | "or")));
    let starts_at = |k: usize| placed.iter().any(|p| p.first == k && vouches(p));
    let ends_at = |k: usize| placed.iter().any(|p| p.end == k && vouches(p));
    // After: ", Y", " and Y", ", and Y".
    let after = if conjunction(end) && (bare_comma(end) || gap(end) == Some(Gap::Space)) {
        gap(end + 1) == Some(Gap::Space) && starts_at(end + 1)
    } else {
        bare_comma(end) && starts_at(end)
    };
    // Before: "X, ", "X and ", "X, and ".
    let before = if bare_comma(first) {
        ends_at(first)
    } else {
        gap(first) == Some(Gap::Space)
            && first > 0
            && conjunction(first - 1)
            && (bare_comma(first - 1) || gap(first - 1) == Some(Gap::Space))
            && ends_at(first - 1)
    };
    after || before
}

/// An abbreviation starting at token `i`: the mention and the index of the next token.
/// `previous` is the mention found last, before it.
fn abbreviation_at<'g>(
    doc: &Document<'_>,
    g: &'g Gazetteer,
    lengths: &[usize],
    i: usize,
    previous: Option<&Mention<'g>>,
) -> Option<(Mention<'g>, usize)> {
    let tokens = doc.tokens();
    let t = tokens.get(i)?;
    // Most words: a lower-case word starts with no upper-case letter (nor does a word with
    // no cased letter), when the table's abbreviations all do.
    if matches!(t.case, Case::Lower | Case::Uncased) && !g.may_start_abbreviation('a') {
        return None;
    }
    let start = t.span.byte_start.0;
    let text = doc.text();
    if !text
        .get(start..)
        .and_then(|r| r.chars().next())
        .is_some_and(|c| g.may_start_abbreviation(c))
    {
        return None;
    }
    // An abbreviation ends at a word boundary, so it covers at least the whole first token.
    let first_token_len = t.span.byte_end.0 - start;
    for &len in lengths.iter().filter(|&&len| len >= first_token_len) {
        // Most lengths end inside a word: rejected on one byte.
        if text
            .as_bytes()
            .get(start + len)
            .is_some_and(u8::is_ascii_alphanumeric)
        {
            continue;
        }
        let Some(candidate) = text.get(start..start + len) else {
            continue;
        };
        // The abbreviation must end at a word boundary: "Ind." but not "Indiana".
        let next_char = text.get(start + len..).and_then(|r| r.chars().next());
        if next_char.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        // A currency's prefix, not a place: "US$460", "HK$5" ("the US $1bn deal" is a place).
        if next_char == Some('$') {
            continue;
        }
        let mut places = g.abbreviation_matches(candidate);
        if places.is_empty() || (candidate == "US" && shouted_pronoun_us(doc, i)) {
            continue;
        }
        if needs_town_comma(candidate, &places) {
            let postal = |(rule, _): &(AbbreviationRule, _)| *rule == AbbreviationRule::Postal;
            if filters::after_town_comma(doc, i)
                || postal_by_context(doc, i, candidate, &places)
                || after_town_of_the_state(doc, g, i, previous, &places)
            {
                // A code that is also a city's ("LA") is the state here: "Lafayette, LA".
                if places.iter().any(postal) {
                    places.retain(postal);
                }
            } else {
                // Elsewhere only what the code stands for by itself: "LA" is Los Angeles. Not
                // in a line of capitals nor before a word in capitals, where it is as likely
                // an article ("LA RUE", "LA CROSSE").
                places.retain(|p| !postal(p));
                let shouted = doc.line_case_of(t) == crate::text::LineCase::Upper
                    || tokens
                        .get(i + 1)
                        .is_some_and(|n| n.gap == Gap::Space && n.case == Case::Upper);
                if places.is_empty() || needs_town_comma(candidate, &places) || shouted {
                    continue;
                }
            }
        }
        return abbreviation_mention(doc, g, i, start + len, &places);
    }
    spaced_abbreviation(doc, g, i)
}

/// The mention of an abbreviation that starts at token `i` and ends at byte `end`, with the
/// places it stands for, and the token after it.
fn abbreviation_mention<'g>(
    doc: &Document<'_>,
    g: &'g Gazetteer,
    i: usize,
    end: usize,
    places: &[(AbbreviationRule, crate::gazetteer::PlaceIndex)],
) -> Option<(Mention<'g>, usize)> {
    let tokens = doc.tokens();
    // Tokens covered: up to the last one ending within the abbreviation.
    let mut last = i;
    while tokens
        .get(last + 1)
        .is_some_and(|n| n.span.byte_end.0 <= end)
    {
        last += 1;
    }
    let span = span_of(tokens, i, last).map(|mut s| {
        // Keep a trailing period that belongs to the abbreviation ("W.Va.").
        let extra = end - s.byte_end.0;
        s.byte_end.0 += extra;
        s.char_end.0 += extra; // periods are one byte and one code point
        s
    })?;
    let candidates = places
        .iter()
        .filter_map(|(_, index)| g.place(*index))
        .map(|place| Candidate::new(place, MatchKind::Abbreviation, place.importance))
        .collect();
    let mention = Mention {
        span,
        kind: MentionKind::Abbreviation,
        candidates,
        first_token: i,
        end_token: last + 1,
        in_organisation: false,
    };
    Some((mention, last + 1))
}

/// The most parts a spaced abbreviation is read with ("N. Mex." has two, "U. S. A." three).
const MAX_SPACED_PARTS: usize = 3;

/// A dotted abbreviation written with a space after each period, as older and typeset texts
/// do ("Washington, D. C.", "Charleston, S. C.", "Santa Fe, N. Mex."): the table's unspaced
/// form ("D.C.") names the place, and the span keeps the last period. Only forms of two or
/// more parts, which are no ordinary words; initials followed by a name are a person's.
fn spaced_abbreviation<'g>(
    doc: &Document<'_>,
    g: &'g Gazetteer,
    i: usize,
) -> Option<(Mention<'g>, usize)> {
    let tokens = doc.tokens();
    let text = doc.text();
    // Parts: a token directly followed by a period; between parts, the period and one space.
    let mut parts = 0;
    let mut compact = String::new();
    let mut forms: Vec<(String, usize)> = Vec::new();
    let mut k = i;
    while parts < MAX_SPACED_PARTS {
        let t = tokens.get(k)?;
        let start = t.span.byte_start.0;
        let after_period_and_space = t.gap == Gap::Period
            && start
                .checked_sub(2)
                .and_then(|s| text.get(s..start))
                .is_some_and(|between| between == ". ");
        if parts > 0 && !after_period_and_space {
            break;
        }
        let end = t.span.byte_end.0;
        if text.as_bytes().get(end) != Some(&b'.') || end - start > 4 {
            break;
        }
        compact.push_str(doc.token_text(t));
        compact.push('.');
        parts += 1;
        if parts >= 2 {
            forms.push((compact.clone(), end + 1));
        }
        k += 1;
    }
    // Longest first: "U. S. A." before "U. S.".
    let (mention, next) = forms.iter().rev().find_map(|(form, end)| {
        let places = g.abbreviation_matches(form);
        if places.is_empty() {
            return None;
        }
        abbreviation_mention(doc, g, i, *end, &places)
    })?;
    // Initials before a name are a person's ("Lieutenant S. C. Boylston", "N. J. T. Dana"),
    // unless the form follows "Town, " ("Windsor, N. C., to their boats").
    let after_town_comma = filters::after_town_comma(doc, i);
    let before_name = tokens.get(next).is_some_and(|n| {
        matches!(n.gap, Gap::Space | Gap::Period) && matches!(n.case, Case::Title | Case::Upper)
    });
    (after_town_comma || !before_name).then_some((mention, next))
}

/// Words after which an upper-case "US" is still the country: "IN THE US", "FLIGHTS TO US",
/// "UK AND US".
const COUNTRY_US_BEFORE: [&str; 13] = [
    "the",
    "in",
    "into",
    "across",
    "throughout",
    "from",
    "inside",
    "outside",
    "near",
    "to",
    "and",
    "or",
    "nor",
];
/// Words that may follow the pronoun at a clause's edge: "MEET US ON THE LINE", "COW US AND
/// CONTROL".
const AFTER_PRONOUN_US: [&str; 26] = [
    "and", "on", "to", "in", "the", "with", "for", "at", "by", "from", "all", "too", "again",
    "now", "tonight", "today", "out", "up", "down", "back", "off", "a", "an", "but", "or", "so",
];

/// True when an upper-case "US" among words in capitals is the pronoun, not the country:
/// "GOD MEET US ON THE LINE", "TO COW US AND CONTROL OUR ACTIONS", "FIGHT EBOLA FOR US". It
/// follows a capitalised word other than an article or a preposition of place, in the same
/// line and with only a space between, and ends a clause or comes before a function word
/// or a link (so "SENDS US TROOPS" stays the country).
fn shouted_pronoun_us(doc: &Document<'_>, i: usize) -> bool {
    let tokens = doc.tokens();
    let (Some(t), Some(prev)) = (tokens.get(i), i.checked_sub(1).and_then(|k| tokens.get(k)))
    else {
        return false;
    };
    // Shouting: the word before and the one before it (or the one after) are capitals too.
    let upper_at = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|n| n.case == Case::Upper && n.line == t.line)
    };
    let shouting = i >= 2 && upper_at(i - 2) || upper_at(i + 1);
    if !shouting || t.gap != Gap::Space || prev.line != t.line || prev.case != Case::Upper {
        return false;
    }
    let prev_word = doc.token_text(prev).to_lowercase();
    if prev_word.chars().count() < 2 || COUNTRY_US_BEFORE.contains(&prev_word.as_str()) {
        return false;
    }
    match tokens.get(i + 1) {
        None => true,
        Some(next) if next.line != t.line || next.gap != Gap::Space => true,
        Some(next) => {
            // A lower-case or uncased word in a line of capitals is a link or a number.
            matches!(next.case, Case::Uncased | Case::Lower)
                || AFTER_PRONOUN_US.contains(&doc.token_text(next).to_lowercase().as_str())
        }
    }
}

/// Postal codes that are English words ("#ME", "#OK") or stand for a city ("#LA") as
/// hashtags.
const HASHTAG_AMBIGUOUS_POSTAL: [&str; 7] = ["HI", "ID", "IN", "LA", "ME", "OK", "OR"];

/// Postal codes that are also English words, abbreviations of other things, or a city's
/// nickname ("LA"): never taken for a state on the strength of "in" alone.
const AMBIGUOUS_POSTAL: [&str; 19] = [
    "AL", "AR", "CO", "CT", "DE", "GA", "HI", "ID", "IN", "LA", "MA", "ME", "MI", "MO", "MS", "MT",
    "OH", "OK", "OR",
];

/// A state's two-letter postal code standing alone that its context makes the state: right
/// after a lower-case "in" in prose ("Lyme disease is common in NY"), unless the code is
/// ambiguous, or as a whole hashtag ("the #AR and #TN state line": tweets tag states so),
/// unless it is a word or a city's ("#OK", "#LA").
fn postal_by_context(
    doc: &Document<'_>,
    i: usize,
    surface: &str,
    places: &[(AbbreviationRule, crate::gazetteer::PlaceIndex)],
) -> bool {
    if surface.len() != 2 || !places.iter().any(|(r, _)| *r == AbbreviationRule::Postal) {
        return false;
    }
    let tokens = doc.tokens();
    let after_in = !AMBIGUOUS_POSTAL.contains(&surface)
        && tokens.get(i).is_some_and(|t| {
            t.gap == Gap::Space && doc.line_case_of(t) == crate::text::LineCase::Sentence
        })
        && i.checked_sub(1)
            .and_then(|k| tokens.get(k))
            .is_some_and(|t| doc.token_text(t) == "in");
    let hashtag = !HASHTAG_AMBIGUOUS_POSTAL.contains(&surface) && filters::is_hashtag(doc, i);
    after_in || hashtag
}

/// True when the abbreviation at token `i` stands for a state (`places`) and follows, after a
/// space, a mention (`previous`) of one of that state's towns: "Kingsport TN", "Fargo ND"
/// (posts leave the comma out). Not "Paris TN" read as France: the town must lie in the state.
fn after_town_of_the_state(
    doc: &Document<'_>,
    g: &Gazetteer,
    i: usize,
    previous: Option<&Mention<'_>>,
    places: &[(AbbreviationRule, crate::gazetteer::PlaceIndex)],
) -> bool {
    let Some(town) = previous.filter(|m| {
        m.end_token == i
            && m.kind == MentionKind::Name
            && doc.tokens().get(i).is_some_and(|t| t.gap == Gap::Space)
    }) else {
        return false;
    };
    places
        .iter()
        .filter(|(rule, _)| *rule == AbbreviationRule::Postal)
        .filter_map(|&(_, index)| g.place(index))
        .any(|state| {
            town.candidates.iter().any(|c| {
                c.place.feature_class == Some(crate::gazetteer::FeatureClass::P)
                    && c.place.admin1_key == state.admin1_key
            })
        })
}

/// Postal codes ("IL"), single-word dotted forms ("Ill.", "Mass.", "Miss.") and dotless
/// title-case forms ("Calif") are also words or titles; they count only after "Town, ".
/// Multi-part forms ("W.Va.", "U.S.") and upper-case acronyms ("NSW", "UAE") count anywhere.
fn needs_town_comma(
    surface: &str,
    places: &[(AbbreviationRule, crate::gazetteer::PlaceIndex)],
) -> bool {
    let postal = places.iter().any(|(r, _)| *r == AbbreviationRule::Postal);
    let periods = surface.matches('.').count();
    let single_dotted = periods == 1 && surface.ends_with('.');
    let title_case_word = periods == 0 && !surface.chars().all(|c| c.is_uppercase());
    postal || single_dotted || title_case_word
}

#[cfg(test)]
mod tests;
