//! The pipeline: `text → recognize → resolve → roles`, as one call.

use std::borrow::Cow;

use crate::gazetteer::{DEFAULT_CANDIDATES, Gazetteer, LookupOptions, MatchKind, Place};
use crate::recognize::{self, Memo, Mention, MentionKind, RecognizeOptions, Rejected, Rejection};
use crate::resolve::{self, Evidence, ResolveOptions};
use crate::roles::{self, RoleLabel};
use crate::text::{ByteOffset, CharOffset, Document, Span};

/// Texts longer than this are cut (at a line break, else a sentence end, else a space) and
/// each part is parsed on its own, so memory stays bounded for a 100 MB single-line input.
/// Context does not cross the cut; news articles are far shorter.
pub const CHUNK_BYTES: usize = 1 << 20;

/// Options of the whole pipeline.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Recognition options.
    pub recognize: RecognizeOptions,
    /// Resolution options.
    pub resolve: ResolveOptions,
}

/// One mention, resolved and labelled.
#[derive(Clone, Debug)]
pub struct ParsedMention<'g> {
    /// Where it is in the input text.
    pub span: Span,
    /// Name, abbreviation or demonym.
    pub kind: MentionKind,
    /// The chosen place, `None` when no candidate was acceptable.
    pub place: Option<Place<'g>>,
    /// Confidence in 0–1 (0 when unresolved).
    pub confidence: f64,
    /// Role and the cue behind it.
    pub role: RoleLabel,
    /// Score parts of the chosen candidate.
    pub evidence: Option<Evidence>,
    /// How many candidates there were.
    pub candidates: usize,
}

/// Everything the pipeline found in one text.
#[derive(Clone, Debug, Default)]
pub struct Parsed<'g> {
    /// Mentions in text order.
    pub mentions: Vec<ParsedMention<'g>>,
    /// Gazetteer matches the recognizer rejected, with reasons.
    pub rejected: Vec<Rejected>,
}

/// A gold or user-given span that does not fit the text.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("span {start}..{end} does not fit a text of {len} code points")]
pub struct SpanError {
    /// Start, in code points.
    pub start: usize,
    /// End, in code points.
    pub end: usize,
    /// Length of the text in code points.
    pub len: usize,
}

/// The geoparser: a gazetteer and options, built once, shared between threads.
#[derive(Debug)]
pub struct Geoparser {
    gazetteer: Gazetteer,
    options: Options,
}

impl Geoparser {
    /// A geoparser over `gazetteer`.
    pub fn new(gazetteer: Gazetteer, options: Options) -> Geoparser {
        Geoparser { gazetteer, options }
    }

    /// Its gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Finds, resolves and labels the place mentions of `text`. Holds every mention of the
    /// text; for texts of many megabytes prefer [`Geoparser::parse_parts`].
    pub fn parse(&self, text: &str) -> Parsed<'_> {
        let mut out = Parsed::default();
        let _ = self.parse_parts(text, |_, _, part| -> Result<(), std::convert::Infallible> {
            out.mentions.extend(part.mentions);
            out.rejected.extend(part.rejected);
            Ok(())
        });
        out
    }

    /// Parses `text` in parts of about [`CHUNK_BYTES`] and hands each to `each` as soon as it
    /// is done: `(part text, byte offset of the part, result)`. Offsets in the result count from
    /// the start of the whole text. Memory stays bounded by the part, whatever the text's size.
    /// Stops at the first error `each` returns.
    pub fn parse_parts<'g, E>(
        &'g self,
        text: &str,
        each: impl FnMut(&str, usize, Parsed<'g>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.parse_parts_with(text, &self.options, &mut Memo::new(), each)
    }

    /// [`Geoparser::parse_parts`] with a [`Memo`] the caller keeps across documents, one per
    /// thread: the same results, sooner on a corpus whose documents share names (`batch`).
    pub fn parse_parts_in<'g, E>(
        &'g self,
        text: &str,
        memo: &mut Memo<'g>,
        each: impl FnMut(&str, usize, Parsed<'g>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.parse_parts_with(text, &self.options, memo, each)
    }

    /// [`Geoparser::parse`] with other options than the parser's (a service's per-request
    /// `bias_country`); the gazetteer is shared.
    pub fn parse_with(&self, text: &str, options: &Options) -> Parsed<'_> {
        let mut out = Parsed::default();
        let _ = self.parse_parts_with(
            text,
            options,
            &mut Memo::new(),
            |_, _, part| -> Result<(), std::convert::Infallible> {
                out.mentions.extend(part.mentions);
                out.rejected.extend(part.rejected);
                Ok(())
            },
        );
        out
    }

    /// The parser's options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    fn parse_parts_with<'g, E>(
        &'g self,
        text: &str,
        options: &Options,
        memo: &mut Memo<'g>,
        mut each: impl FnMut(&str, usize, Parsed<'g>) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut byte = 0usize;
        let mut chars = 0usize;
        for chunk in chunks(text, CHUNK_BYTES) {
            let mut part = self.parse_chunk(chunk, options, memo);
            for m in &mut part.mentions {
                m.span = shift(m.span, byte, chars);
            }
            for r in &mut part.rejected {
                r.span = shift(r.span, byte, chars);
            }
            each(chunk, byte, part)?;
            byte += chunk.len();
            if byte < text.len() {
                chars += chunk.chars().count();
            }
        }
        Ok(())
    }

    fn parse_chunk<'g>(&'g self, text: &str, options: &Options, memo: &mut Memo<'g>) -> Parsed<'g> {
        let doc = Document::new(text);
        let found = recognize::recognize_with(&doc, &self.gazetteer, &options.recognize, memo);
        let mut parsed = self.finish(&doc, &found.mentions, options, false);
        parsed.rejected.extend(found.rejected);
        parsed
    }

    /// Resolves and labels exactly the given spans (code-point offsets, end exclusive), as
    /// `--gold-spans` asks. The recognizer still runs, and the mentions it finds outside the
    /// given spans serve as context (a county or state named nearby), but only the given spans
    /// are returned; a span whose text the gazetteer does not know is kept as unresolved.
    pub fn parse_spans(
        &self,
        text: &str,
        spans: &[(CharOffset, CharOffset)],
    ) -> Result<Parsed<'_>, SpanError> {
        let doc = Document::new(text);
        let len = text.chars().count();
        let options = LookupOptions {
            limit: DEFAULT_CANDIDATES,
            fuzzy: true,
        };
        let mut mentions = Vec::with_capacity(spans.len());
        for &(start, end) in spans {
            let span = doc.span_from_chars(start, end).ok_or(SpanError {
                start: start.0,
                end: end.0,
                len,
            })?;
            let surface = doc.span_text(&span);
            let candidates = self.gazetteer.lookup(surface, &options);
            let kind = if !candidates.is_empty()
                && candidates
                    .iter()
                    .all(|c| c.match_kind == MatchKind::Demonym)
            {
                MentionKind::Demonym
            } else {
                MentionKind::Name
            };
            let tokens = doc.tokens();
            let first = tokens
                .iter()
                .position(|t| t.span.byte_end > span.byte_start)
                .unwrap_or(tokens.len());
            let end_token = tokens
                .iter()
                .position(|t| t.span.byte_start >= span.byte_end)
                .unwrap_or(tokens.len())
                .max(first);
            mentions.push(Mention {
                span,
                kind,
                candidates: candidates.into(),
                first_token: first,
                end_token,
                in_organisation: false,
            });
        }
        // Context: what the recognizer finds outside the given spans. A span it finds too
        // takes its candidates, which know the context ("LA" after "Lafayette, " is the
        // state, elsewhere the city; "S. C." is South Carolina), with the lookup's fuzzy
        // ones after them (the recognizer asks for literal names only) unless a place has
        // exactly the name: then, as end to end, no other spelling is in the running
        // ("Gaza" beside Cairo is not Giza).
        let given = mentions.len();
        let found = recognize::recognize(&doc, &self.gazetteer, &self.options.recognize);
        for m in found.mentions {
            // (Every given span equal to it: a gold file may repeat a span.)
            let mut taken = false;
            for same in mentions
                .iter_mut()
                .take(given)
                .filter(|g| g.span == m.span && !m.candidates.is_empty())
            {
                let exact = m
                    .candidates
                    .iter()
                    .any(|r| r.match_kind == MatchKind::Exact);
                let fuzzy = same.candidates.iter().filter(|c| {
                    !exact
                        && c.match_kind == MatchKind::Fuzzy
                        && !m.candidates.iter().any(|r| r.place.index == c.place.index)
                });
                same.candidates = m.candidates.iter().chain(fuzzy).cloned().collect();
                same.kind = m.kind;
                taken = true;
            }
            if taken {
                continue;
            }
            let overlaps = mentions.iter().take(given).any(|g| {
                g.span.byte_start < m.span.byte_end && m.span.byte_start < g.span.byte_end
            });
            if !overlaps {
                mentions.push(m);
            }
        }
        // Resolution reads mentions in text order ("X, Y" cues look at the next mention).
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&i| {
            mentions
                .get(i)
                .map(|m| (m.span.byte_start, m.span.byte_end))
        });
        let sorted: Vec<Mention<'_>> = order
            .iter()
            .filter_map(|&i| mentions.get(i).cloned())
            .collect();
        let parsed = self.finish(&doc, &sorted, &self.options, true);
        // Back to the given spans, in the order given.
        let mut out: Vec<Option<ParsedMention<'_>>> = vec![None; given];
        for (pos, &i) in order.iter().enumerate() {
            if i < given {
                if let (Some(slot), Some(m)) = (out.get_mut(i), parsed.mentions.get(pos)) {
                    *slot = Some(m.clone());
                }
            }
        }
        Ok(Parsed {
            mentions: out.into_iter().flatten().collect(),
            rejected: Vec::new(),
        })
    }

    /// Resolves and labels `mentions`. Unless `given` (spans a user or gold file gave, which
    /// are kept whatever they resolve to), a name whose place is a lone small town abroad
    /// ([`resolve::lone_towns_abroad`]) is set aside as rejected.
    fn finish<'g>(
        &'g self,
        doc: &Document<'_>,
        mentions: &[Mention<'g>],
        options: &Options,
        given: bool,
    ) -> Parsed<'g> {
        let resolutions = resolve::resolve(doc, mentions, &options.resolve);
        let (mentions, resolutions, rejected) = if given {
            (Cow::Borrowed(mentions), resolutions, Vec::new())
        } else {
            set_aside_lone_towns(mentions, resolutions)
        };
        let mentions = mentions.as_ref();
        let roles = roles::assign_roles(doc, mentions, &resolutions);
        let mentions = mentions
            .iter()
            .zip(resolutions)
            .zip(roles)
            .map(|((m, r), role)| ParsedMention {
                span: m.span,
                kind: m.kind,
                place: r.place,
                confidence: r.confidence,
                role,
                evidence: r.evidence,
                candidates: m.candidates.len(),
            })
            .collect();
        Parsed { mentions, rejected }
    }
}

/// The mentions and resolutions without the lone small towns abroad
/// ([`resolve::lone_towns_abroad`]), and those as rejected matches. Borrows the mentions when
/// there is none (most documents).
fn set_aside_lone_towns<'m, 'g>(
    mentions: &'m [Mention<'g>],
    resolutions: Vec<resolve::Resolution<'g>>,
) -> (
    Cow<'m, [Mention<'g>]>,
    Vec<resolve::Resolution<'g>>,
    Vec<Rejected>,
) {
    let lone = resolve::lone_towns_abroad(&resolutions);
    if !lone.contains(&true) {
        return (Cow::Borrowed(mentions), resolutions, Vec::new());
    }
    let mut kept = Vec::with_capacity(mentions.len());
    let mut kept_resolutions = Vec::with_capacity(resolutions.len());
    let mut rejected = Vec::new();
    for ((m, r), lone) in mentions.iter().zip(resolutions).zip(lone) {
        if lone {
            rejected.push(Rejected {
                span: m.span,
                reason: Rejection::LoneTownAbroad,
            });
        } else {
            kept.push(m.clone());
            kept_resolutions.push(r);
        }
    }
    (Cow::Owned(kept), kept_resolutions, rejected)
}

fn shift(s: Span, bytes: usize, chars: usize) -> Span {
    Span {
        byte_start: ByteOffset(s.byte_start.0 + bytes),
        byte_end: ByteOffset(s.byte_end.0 + bytes),
        char_start: CharOffset(s.char_start.0 + chars),
        char_end: CharOffset(s.char_end.0 + chars),
    }
}

/// Splits `text` into parts of at most about `limit` bytes at natural boundaries.
fn chunks(text: &str, limit: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if rest.len() <= limit {
            let all = rest;
            rest = "";
            return Some(all);
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        // Look for a boundary in the second half of the allowed length.
        let mut from = limit / 2;
        while !rest.is_char_boundary(from) {
            from += 1;
        }
        let window = rest.get(from..cut).unwrap_or("");
        let at = window
            .rfind('\n')
            .or_else(|| window.rfind(". ").map(|i| i + 1))
            .or_else(|| window.rfind(' '))
            .map(|i| i + from + 1)
            .filter(|&i| rest.is_char_boundary(i))
            .unwrap_or(cut);
        let (head, tail) = rest.split_at(at);
        rest = tail;
        Some(head)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_text_on_boundaries() {
        let text = "Raqqa é. ".repeat(1000);
        let parts: Vec<&str> = chunks(&text, 100).collect();
        assert!(parts.len() > 50);
        assert_eq!(parts.concat(), text);
        assert!(parts.iter().all(|p| p.len() <= 100));
        assert_eq!(chunks("", 10).count(), 0);
    }

    #[test]
    fn long_text_offsets_stay_true() {
        let g = Geoparser::new(Gazetteer::builtin().unwrap(), Options::default());
        let unit = "Fighting near Mosul continued. Ça va à Raqqa.\n";
        let text = unit.repeat(CHUNK_BYTES / unit.len() * 2 + 7);
        let parsed = g.parse(&text);
        assert_eq!(
            parsed.mentions.len(),
            2 * (CHUNK_BYTES / unit.len() * 2 + 7)
        );
        for m in parsed.mentions.iter().step_by(997) {
            let by_bytes = &text[m.span.byte_start.0..m.span.byte_end.0];
            let by_chars: String = text
                .chars()
                .skip(m.span.char_start.0)
                .take(m.span.char_end.0 - m.span.char_start.0)
                .collect();
            assert_eq!(by_bytes, by_chars);
            assert!(by_bytes == "Mosul" || by_bytes == "Raqqa", "{by_bytes}");
        }
    }

    #[test]
    fn a_lone_small_town_abroad_is_set_aside_unless_its_span_was_given() {
        let g = Geoparser::new(Gazetteer::builtin().unwrap(), Options::default());
        // Esperance is a town of 14,000 in Western Australia; here a nurse in Angola.
        let text = "Doctors in Luanda and Cairo said Esperance was a good nurse.";
        let p = g.parse(text);
        let found: Vec<&str> = p
            .mentions
            .iter()
            .map(|m| &text[m.span.byte_start.0..m.span.byte_end.0])
            .collect();
        assert_eq!(found, ["Luanda", "Cairo"]);
        assert!(
            p.rejected
                .iter()
                .any(|r| r.reason == Rejection::LoneTownAbroad)
        );
        // A town near the story's places stays (Kobane, Syria, beside Turkey), and so does
        // a small town alone in its text.
        for (text, town) in [
            ("Turkish troops watched the fighting in Kobane.", "Kobane"),
            ("Esperance recorded 457mm of rain.", "Esperance"),
        ] {
            let p = g.parse(text);
            assert!(
                p.mentions
                    .iter()
                    .any(|m| &text[m.span.byte_start.0..m.span.byte_end.0] == town),
                "{text}"
            );
        }
        // A given span is kept whatever it resolves to.
        let p = g
            .parse_spans(text, &[(CharOffset(33), CharOffset(42))])
            .unwrap();
        assert_eq!(p.mentions.len(), 1);
    }

    #[test]
    fn gold_spans_are_resolved_or_kept_unresolved() {
        let g = Geoparser::new(Gazetteer::builtin().unwrap(), Options::default());
        let text = "From Mosul to Qxzwv.";
        let p = g
            .parse_spans(
                text,
                &[
                    (CharOffset(5), CharOffset(10)),
                    (CharOffset(14), CharOffset(19)),
                ],
            )
            .unwrap();
        assert_eq!(p.mentions.len(), 2);
        assert_eq!(p.mentions[0].place.unwrap().name, "Mosul");
        assert!(p.mentions[1].place.is_none());
        assert!(
            g.parse_spans(text, &[(CharOffset(5), CharOffset(99))])
                .is_err()
        );
    }

    #[test]
    fn gold_spans_take_what_the_recognizer_knows_of_them() {
        // Looked up alone, "S. C." is nothing and "LA" is Louisiana; the recognizer reads
        // the spaced abbreviation and the code standing alone.
        let g = Geoparser::new(Gazetteer::builtin().unwrap(), Options::default());
        let text = "Columbia, S. C., was burned. She flew to LA.";
        let spans = [
            (CharOffset(0), CharOffset(8)),
            (CharOffset(10), CharOffset(15)),
            (CharOffset(41), CharOffset(43)),
        ];
        let p = g.parse_spans(text, &spans).unwrap();
        let places: Vec<_> = p.mentions.iter().map(|m| m.place.map(|p| p.name)).collect();
        assert_eq!(
            places,
            [
                Some("Columbia"),
                Some("South Carolina"),
                Some("Los Angeles")
            ]
        );
    }

    #[test]
    fn a_given_span_that_holds_no_token_is_kept_and_nothing_panics() {
        // Found by the property test: an empty span at the start, before a lone "¹", made
        // the dateline test step back from token 0 (a panic in debug builds).
        let g = Geoparser::new(Gazetteer::builtin().unwrap(), Options::default());
        for text in [", ¹", "¹", "", "RAQQA"] {
            let p = g
                .parse_spans(text, &[(CharOffset(0), CharOffset(0))])
                .unwrap();
            assert_eq!(p.mentions.len(), 1, "{text:?}");
        }
    }

    #[test]
    fn a_given_span_with_an_exact_name_takes_no_other_spelling() {
        // Giza, a look-alike of "Gaza", is in Egypt with Cairo; the place named exactly wins.
        let g = Geoparser::new(Gazetteer::builtin().unwrap(), Options::default());
        let text = "Gaza talks in Cairo: the Egyptian mediators met Hamas.";
        let p = g
            .parse_spans(text, &[(CharOffset(0), CharOffset(4))])
            .unwrap();
        let place = p.mentions.first().and_then(|m| m.place);
        assert_eq!(place.map(|p| p.name), Some("Gaza"), "{place:?}");
    }
}
