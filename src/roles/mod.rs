//! What part a mention plays in the article: where it was reported from (dateline), whose
//! name it is part of (source), who acts (actor), where things happen (activity), or none of
//! these (reference).
//!
//! In: the [`Document`], its [`Mention`]s and their [`Resolution`]s. Out: one [`RoleLabel`] per
//! mention with the cue that decided it, the words behind it (`evidence`) and an
//! `activity_score` in 0–1.
//!
//! Decisions, in order of precedence:
//! 1. dateline: a capitalised place opening a line and followed by a dash or an agency credit
//!    ("TEL AVIV —", "BEIRUT (Reuters) -", "KYIV, Ukraine (AP) —"; "Ukraine" belongs to it too);
//! 2. source: named inside an organisation or outlet name, as the recognizer marks it
//!    ("Breitbart Jerusalem", "Butler County Coroner's Office");
//! 3. actor: a demonym ("Iranian forces", "the Russians"; not "Syrian territory"), or a
//!    country, capital or state acting or speaking ("Tehran warned", "Washington imposed",
//!    "Iran's government");
//! 4. activity: an activity score of at least [`ACTIVITY_THRESHOLD`], from the place's
//!    syntax: object of an event verb ("to liberate Raqqa", "floods hit Kerala"), after a
//!    locative preposition in a sentence with an event word ("the offensive … in Mosul",
//!    "fighters are arriving … in Iraq"), the name of an event ("the battle of Mosul", "the
//!    Mosul offensive", "Raqqa was bombed"). Negation in the clause ("there was no fighting in
//!    Homs") and hypotheticals ("could", "if") lower the score;
//! 5. reference otherwise.

#![warn(clippy::indexing_slicing)]

mod cues;

use cues::{Cue, Cues};

use std::cell::Cell;
use std::fmt;

use crate::recognize::{Mention, MentionKind};
use crate::resolve::Resolution;
use crate::text::{Case, Document, Gap, LineCase};

/// A mention with at least this activity score is an activity place.
pub const ACTIVITY_THRESHOLD: f64 = 0.5;

/// The part a mention plays (DESIGN §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Something happens there.
    Activity,
    /// The reporting location.
    Dateline,
    /// The name stands for a government, force or people acting.
    Actor,
    /// Part of an outlet, organisation or person name.
    Source,
    /// Any other mention.
    Reference,
}

impl Role {
    /// The lowercase name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Activity => "activity",
            Role::Dateline => "dateline",
            Role::Actor => "actor",
            Role::Source => "source",
            Role::Reference => "reference",
        }
    }

    /// Parses the names of [`Role::as_str`].
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "activity" => Role::Activity,
            "dateline" => Role::Dateline,
            "actor" => Role::Actor,
            "source" => Role::Source,
            "reference" => Role::Reference,
            _ => return None,
        })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a role was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleCue {
    /// Opens a line in capitals, followed by a dash or an agency credit.
    DatelinePattern,
    /// A demonym.
    Demonym,
    /// A country, capital or state followed by a verb of acting or speaking.
    ActorVerb,
    /// A possessive followed by a government noun ("Iran's army").
    Possessive,
    /// A title of office after it, or a government's force or body ("Syria President", "Iraq
    /// Army").
    OfficeTitle,
    /// Leads, backs or holds what follows, by a hyphen ("the US-led coalition", "Iran-backed
    /// militias").
    Backer,
    /// Named inside an organisation, outlet or facility name.
    OrganisationName,
    /// The object of an event verb.
    EventObject,
    /// After a locative preposition in a sentence with an event word.
    LocativeEvent,
    /// Part of an event's name ("battle of Mosul", "Mosul offensive", "Raqqa was bombed").
    EventName,
    /// Listed right after an activity place.
    ListedWithActivity,
    /// An activity cue, negated in its clause.
    Negated,
    /// An activity cue under a hypothetical.
    Hypothetical,
    /// No cue: the default.
    NoCue,
}

impl RoleCue {
    /// A short label for outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            RoleCue::DatelinePattern => "dateline pattern",
            RoleCue::Demonym => "demonym",
            RoleCue::ActorVerb => "actor verb",
            RoleCue::Possessive => "possessive",
            RoleCue::OfficeTitle => "title of office",
            RoleCue::Backer => "backer",
            RoleCue::OrganisationName => "organisation name",
            RoleCue::EventObject => "event object",
            RoleCue::LocativeEvent => "locative event",
            RoleCue::EventName => "event name",
            RoleCue::ListedWithActivity => "listed with activity",
            RoleCue::Negated => "negated",
            RoleCue::Hypothetical => "hypothetical",
            RoleCue::NoCue => "no cue",
        }
    }
}

/// A mention's role, the cue behind it and its activity score.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleLabel {
    /// The role.
    pub role: Role,
    /// Why.
    pub cue: RoleCue,
    /// The words behind the cue ("'in' + 'offensive'", "object of 'liberate'").
    pub evidence: String,
    /// How strongly the text claims something happens there, 0–1.
    pub activity_score: f64,
}

/// Most words a dateline's place may be followed by before its dash ("KYIV, Ukraine (AP) —").
const DATELINE_MAX_TAIL_TOKENS: usize = 4;
/// Words looked back from a place for its cue, past bridge words ("in the northern city of").
const MAX_BRIDGE: usize = 5;
/// Words before a place searched for an event word in its sentence.
const EVENT_WINDOW_BEFORE: usize = 14;
/// Words after a place searched for an event word in its sentence.
const EVENT_WINDOW_AFTER: usize = 8;
/// Activity scores of the cues.
const SCORE_OBJECT: f64 = 0.85;
const SCORE_EVENT_NAME: f64 = 0.8;
const SCORE_LOCATIVE_EVENT: f64 = 0.8;
const SCORE_LOCATIVE_ONLY: f64 = 0.3;
/// A place after a locative in a clause with no event word and no stative verb: just above
/// the activity threshold, so that it is an activity but the weakest kind.
const SCORE_LOCATIVE_PLAIN: f64 = 0.55;
const SCORE_MOVEMENT: f64 = 0.75;
const SCORE_NONE: f64 = 0.1;
/// Words before a place within which a negation counts ("no fighting in Homs").
const NEGATION_REACH: usize = 7;
/// Words after a place within which a hypothetical counts ("a meeting in Geneva could …").
const HYPOTHETICAL_REACH_AFTER: usize = 4;
/// Factors for negation and hypotheticals.
const NEGATION_FACTOR: f64 = 0.15;
const HYPOTHETICAL_FACTOR: f64 = 0.5;

/// Labels every mention. O(mentions × a window of tokens).
pub fn assign_roles(
    doc: &Document<'_>,
    mentions: &[Mention<'_>],
    resolutions: &[Resolution<'_>],
) -> Vec<RoleLabel> {
    // (A document without places, most tweets, skips lowering its text.)
    if mentions.is_empty() {
        return Vec::new();
    }
    let words = Words::new(doc, mentions);
    let mut dateline_line: Option<u32> = None;
    let mut dateline_end: usize = 0;
    let mut labels: Vec<RoleLabel> = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (score, cue, evidence) = activity(doc, &words, m);
            let label = |role, cue, evidence: String| RoleLabel {
                role,
                cue,
                evidence,
                activity_score: (score * 100.0).round() / 100.0,
            };
            let line = doc.tokens().get(m.first_token).map(|t| t.line);
            if is_dateline(doc, m) {
                dateline_line = line;
                dateline_end = dateline_tail_end(doc, m);
                return label(
                    Role::Dateline,
                    RoleCue::DatelinePattern,
                    "opens the story".into(),
                );
            }
            // "KYIV, Ukraine (AP) —": the country after the dateline's city is part of it.
            if line.is_some() && line == dateline_line && m.first_token < dateline_end {
                return label(
                    Role::Dateline,
                    RoleCue::DatelinePattern,
                    "in the dateline".into(),
                );
            }
            if m.in_organisation {
                return label(
                    Role::Source,
                    RoleCue::OrganisationName,
                    "inside a name".into(),
                );
            }
            if let Some((cue, evidence)) = actor(doc, &words, m, resolutions.get(i)) {
                return label(Role::Actor, cue, evidence);
            }
            if score >= ACTIVITY_THRESHOLD {
                label(Role::Activity, cue, evidence)
            } else {
                label(Role::Reference, cue, evidence)
            }
        })
        .collect();
    for (i, label) in labels.iter_mut().enumerate() {
        let acting = matches!(
            (label.role, label.cue),
            (Role::Actor, RoleCue::ActorVerb) | (Role::Activity, RoleCue::EventName)
        );
        if acting && arrives_from(doc, &words, mentions, i) {
            label.role = Role::Reference;
            label.cue = RoleCue::NoCue;
            label.evidence = "where people came from".into();
            label.activity_score = SCORE_NONE;
        }
    }
    spread_over_lists(doc, &words, mentions, &mut labels);
    share_actor_verbs(&words, mentions, resolutions, &mut labels);
    labels
}

/// "Firefighters from Romania and France joined", "Rescue teams from Egypt and Turkey arrived":
/// mention `i`, or the list it closes, follows "GROUP from". The verb after it is the group's,
/// done elsewhere.
fn arrives_from(doc: &Document<'_>, words: &Words<'_>, mentions: &[Mention<'_>], i: usize) -> bool {
    let tokens = doc.tokens();
    let mut head = i;
    // Back to the first place of a list: "from Egypt and Turkey", "from Chad, Niger or Mali".
    while let (Some(prev), Some(m)) = (
        head.checked_sub(1).and_then(|p| mentions.get(p)),
        mentions.get(head),
    ) {
        let glued = (prev.end_token..m.first_token).all(|k| matches!(words.get(k), "and" | "or"))
            && (prev.end_token..=m.first_token)
                .filter_map(|k| tokens.get(k))
                .all(|t| !t.sentence_start && matches!(t.gap, Gap::Space | Gap::Comma));
        if !glued || m.first_token < prev.end_token {
            break;
        }
        head -= 1;
    }
    let Some(first) = mentions.get(head).map(|m| m.first_token) else {
        return false;
    };
    let at = |back: usize| first.checked_sub(back);
    let word = |back: usize| at(back).map_or("", |k| words.get(k));
    let (from, group) = if word(1) == "the" {
        (word(2), at(3))
    } else {
        (word(1), at(2))
    };
    from == "from" && words.is_at(group, Cue::ArrivingGroups)
}

/// "Tehran and Moscow warned": a government-like place joined by "and" to an actor that took
/// a verb is an actor too.
fn share_actor_verbs(
    words: &Words<'_>,
    mentions: &[Mention<'_>],
    resolutions: &[Resolution<'_>],
    labels: &mut [RoleLabel],
) {
    for i in (0..mentions.len().saturating_sub(1)).rev() {
        let (Some(m), Some(next)) = (mentions.get(i), mentions.get(i + 1)) else {
            continue;
        };
        let next_acts = labels
            .get(i + 1)
            .is_some_and(|l| l.role == Role::Actor && l.cue == RoleCue::ActorVerb);
        let joined = next.first_token == m.end_token + 1 && words.get(m.end_token) == "and";
        let government = resolutions
            .get(i)
            .and_then(|r| r.place)
            .is_some_and(|p| p.is_country() || p.is_admin1() || p.feature_code.as_str() == "PPLC");
        let free = labels
            .get(i)
            .is_some_and(|l| matches!(l.role, Role::Reference | Role::Activity));
        if next_acts && joined && government && free {
            let evidence = labels
                .get(i + 1)
                .map(|l| l.evidence.clone())
                .unwrap_or_default();
            if let Some(l) = labels.get_mut(i) {
                l.role = Role::Actor;
                l.cue = RoleCue::ActorVerb;
                l.evidence = format!("{evidence} (with the next place)");
            }
        }
    }
}

/// A place listed right after an activity place shares its role: "in Iraq and also in Syria",
/// "hit Aleppo, Homs and Hama".
fn spread_over_lists(
    doc: &Document<'_>,
    words: &Words<'_>,
    mentions: &[Mention<'_>],
    labels: &mut [RoleLabel],
) {
    let tokens = doc.tokens();
    // Mentions `i - 1` and `i` are neighbours in a list: only list glue ("and", commas)
    // between them, in one sentence.
    let glued = |i: usize| {
        let (Some(prev), Some(m)) = (mentions.get(i - 1), mentions.get(i)) else {
            return false;
        };
        m.first_token >= prev.end_token
            && (prev.end_token..m.first_token).all(|k| words.is(k, Cue::ListGlue))
            && (prev.end_token..=m.first_token)
                .filter_map(|k| tokens.get(k))
                .all(|t| !t.sentence_start && matches!(t.gap, Gap::Space | Gap::Comma))
    };
    let role_is =
        |labels: &[RoleLabel], i: usize, role: Role| labels.get(i).is_some_and(|l| l.role == role);
    let share = |labels: &mut [RoleLabel], from: usize, to: usize| {
        let score = labels.get(from).map_or(0.0, |l| l.activity_score);
        if let Some(l) = labels.get_mut(to) {
            l.role = Role::Activity;
            l.activity_score = score;
            l.cue = RoleCue::ListedWithActivity;
            l.evidence = "listed with an activity place".into();
        }
    };
    // "pounded towns in southern Idlib on Tuesday, including Khan Sheikhoun": a place that
    // "including" or "such as" introduces names part of what an earlier activity place of its
    // sentence holds.
    for i in 1..mentions.len() {
        let Some(m) = mentions.get(i) else { continue };
        let introduced = match m.first_token.checked_sub(1) {
            Some(k) if words.get(k) == "including" => true,
            Some(k) if k >= 1 && words.get(k) == "as" && words.get(k - 1) == "such" => true,
            _ => false,
        };
        if !introduced || !role_is(labels, i, Role::Reference) {
            continue;
        }
        // The mention before it, in the same sentence, is an activity place.
        let same_sentence = mentions.get(i - 1).is_some_and(|prev| {
            (prev.first_token + 1..=m.first_token)
                .filter_map(|k| tokens.get(k))
                .all(|t| !t.sentence_start)
        });
        if same_sentence && role_is(labels, i - 1, Role::Activity) {
            share(labels, i - 1, i);
        }
    }
    // "fighting in Aleppo and Idlib": places listed after an activity place.
    for i in 1..mentions.len() {
        if role_is(labels, i - 1, Role::Activity) && role_is(labels, i, Role::Reference) && glued(i)
        {
            share(labels, i - 1, i);
        }
    }
    // "Khan Younis and Beit Hanoun were shelled": places listed before one whose own name
    // the event follows share it, when the list opens the sentence and so is the verb's
    // subject (not "Flights between Caracas and Buenos Aires were suspended").
    let mut i = mentions.len();
    while i > 1 {
        i -= 1;
        let event_after = labels
            .get(i)
            .is_some_and(|l| l.role == Role::Activity && l.cue == RoleCue::EventName);
        if !event_after {
            continue;
        }
        let mut head = i;
        while head > 0 && role_is(labels, head - 1, Role::Reference) && glued(head) {
            head -= 1;
        }
        let opens_sentence = mentions
            .get(head)
            .and_then(|m| tokens.get(m.first_token))
            .is_some_and(|t| t.sentence_start);
        if head < i && opens_sentence {
            for k in head..i {
                share(labels, i, k);
            }
        }
        i = head.max(1);
    }
}

/// Lower-case words around the mentions, by token index: only the windows the cues look at
/// are read (elsewhere every word is ""). The text is lowered once, ASCII letters only so that
/// every offset holds: an ASCII word is its own span of that copy, and only the other words
/// in the windows are lowered apart.
struct Words<'t> {
    doc: &'t Document<'t>,
    lowered: String,
    in_window: Vec<bool>,
    /// Lower-case forms of the non-ASCII words in the windows, by token index.
    others: Vec<(usize, String)>,
    /// The cue lists each word is in, by token index, looked up on first use: the cues ask
    /// about the same few words around a mention many times.
    cues: Vec<Cell<Option<Cues>>>,
}

impl<'t> Words<'t> {
    fn new(doc: &'t Document<'t>, mentions: &[Mention<'_>]) -> Words<'t> {
        let tokens = doc.tokens();
        let mut in_window = vec![false; tokens.len()];
        let mut others = Vec::new();
        for m in mentions {
            let from = m.first_token.saturating_sub(WORD_WINDOW_BEFORE);
            let to = (m.end_token + WORD_WINDOW_AFTER).min(tokens.len());
            for i in from..to {
                if let (Some(seen @ false), Some(t)) = (in_window.get_mut(i), tokens.get(i)) {
                    *seen = true;
                    if !t.span.is_ascii() {
                        others.push((i, doc.token_text(t).to_lowercase()));
                    }
                }
            }
        }
        others.sort_unstable_by_key(|(i, _)| *i);
        Words {
            doc,
            lowered: doc.text().to_ascii_lowercase(),
            cues: vec![Cell::new(None); in_window.len()],
            in_window,
            others,
        }
    }

    /// The cue lists the word at `i` is in (none outside the windows).
    fn cues(&self, i: usize) -> Cues {
        let Some(slot) = self.cues.get(i) else {
            return Cues::NONE;
        };
        if let Some(known) = slot.get() {
            return known;
        }
        let found = cues::cues_of(self.get(i));
        slot.set(Some(found));
        found
    }

    /// Is the word at `i` in `list`?
    fn is(&self, i: usize, list: Cue) -> bool {
        self.cues(i).has(list)
    }

    /// Is the word at `i`, when there is one, in `list`?
    fn is_at(&self, i: Option<usize>, list: Cue) -> bool {
        i.is_some_and(|i| self.is(i, list))
    }

    /// The word at `i`, or "" outside the windows.
    fn get(&self, i: usize) -> &str {
        if !self.in_window.get(i).copied().unwrap_or(false) {
            return "";
        }
        let Some(t) = self.doc.tokens().get(i) else {
            return "";
        };
        if t.span.is_ascii() {
            return self
                .lowered
                .get(t.span.byte_start.0..t.span.byte_end.0)
                .unwrap_or("");
        }
        self.others
            .binary_search_by_key(&i, |(k, _)| *k)
            .ok()
            .and_then(|k| self.others.get(k))
            .map_or("", |(_, w)| w.as_str())
    }
}

/// Words folded before and after each mention: wider than every look-back and look-ahead
/// below (sentence and clause scans are bounded by these too).
const WORD_WINDOW_BEFORE: usize = 24;
const WORD_WINDOW_AFTER: usize = 12;

/// The first token of `i`'s clause: the sentence start, a comma or other punctuation break, or
/// a word that opens a clause ("because", "but", "that").
fn clause_start(doc: &Document<'_>, words: &Words<'_>, i: usize) -> usize {
    let tokens = doc.tokens();
    let mut j = i;
    let floor = i.saturating_sub(WORD_WINDOW_BEFORE / 2);
    while j > floor {
        let Some(t) = tokens.get(j) else { break };
        if t.sentence_start
            || t.gap == Gap::Comma
            || t.gap == Gap::Other
            || words.is(j, Cue::ClauseWords)
        {
            return j;
        }
        j -= 1;
    }
    floor
}

/// The sentence start of token `i`, looking back at most [`WORD_WINDOW_BEFORE`] tokens.
fn sentence_start(doc: &Document<'_>, i: usize) -> usize {
    let tokens = doc.tokens();
    let mut j = i;
    let floor = i.saturating_sub(WORD_WINDOW_BEFORE);
    while j > floor {
        if tokens.get(j).is_some_and(|t| t.sentence_start) {
            return j;
        }
        j -= 1;
    }
    floor
}

/// One past the sentence of token `i`, looking ahead at most [`WORD_WINDOW_AFTER`] tokens.
fn sentence_end(doc: &Document<'_>, i: usize) -> usize {
    let tokens = doc.tokens();
    let mut j = i + 1;
    while let Some(t) = tokens.get(j) {
        if t.sentence_start || j >= i + WORD_WINDOW_AFTER {
            break;
        }
        j += 1;
    }
    j
}

/// The activity score of a mention, its cue and the words behind it.
fn activity(doc: &Document<'_>, words: &Words<'_>, m: &Mention<'_>) -> (f64, RoleCue, String) {
    let tokens = doc.tokens();
    let first = m.first_token;
    let end = m.end_token;
    let sent_start = sentence_start(doc, first);
    // Walk back over bridge words ("the northern city of", one capitalised adjective).
    let mut j = first;
    let mut bridged_of = false;
    let mut bridged_for = false;
    // Walked over a word for part of a place ("the outskirts of", "residential districts of"):
    // the cue before it places the event in that part.
    let mut bridged_area = false;
    // Walked over "south of" (or another compass word): the place locates an event near it.
    let mut bridged_compass = false;
    let mut steps = 0;
    let mut capitals = 0;
    // Lower-case words of no list allowed before a word for part of a place ("the main square
    // of Tbilisi", "low-lying neighborhoods of Mumbai").
    let mut describers = 0;
    while j > sent_start && steps < MAX_BRIDGE {
        let w = words.get(j - 1);
        let cues = words.cues(j - 1);
        let capitalised = tokens
            .get(j - 1)
            .is_some_and(|t| t.case == Case::Title && !t.sentence_start);
        let is_cue = cues.has(Cue::TransitiveEventVerb)
            || cues.has(Cue::Locative)
            || cues.has(Cue::EventNouns);
        let area = cues.has(Cue::AreaNouns);
        // "blocks of", "streets of": a part of the place, though "blocks" is also a verb.
        let part_of = area && words.get(j) == "of";
        if is_cue && !part_of {
            break;
        }
        let lower = tokens.get(j - 1).is_some_and(|t| t.case == Case::Lower);
        if area || cues.has(Cue::Bridge) {
            bridged_of |= w == "of" || w == "for";
            bridged_for |= w == "for";
            bridged_area |= area;
            bridged_compass |= cues.has(Cue::Compass) && words.get(j) == "of";
        } else if capitalised && capitals == 0 {
            capitals += 1;
        } else if bridged_area && lower && describers < 2 {
            describers += 1;
        } else {
            break;
        }
        j -= 1;
        steps += 1;
    }
    let before_at = (j > sent_start).then(|| j - 1);
    let before = before_at.map_or("", |k| words.get(k));
    let after = words.get(end);
    let after2 = words.get(end + 1);
    let spaced_after = tokens.get(end).is_some_and(|t| t.gap == Gap::Space);
    let before2_at = j.checked_sub(2).filter(|&k| k >= sent_start);
    let before2 = before2_at.map_or("", |k| words.get(k));
    // The verb that sends something "to" the place, a few words back in the clause.
    let mover = (j.saturating_sub(5).max(sent_start)..j.saturating_sub(1))
        .rev()
        .find(|&k| words.is(k, Cue::MovementVerbs))
        .map(|k| words.get(k));
    let warned = (j.saturating_sub(5).max(sent_start)..j.saturating_sub(1))
        .rev()
        .find(|&k| words.is(k, Cue::WarningNouns))
        .map(|k| words.get(k));

    // "the evacuation of 30,000 people from Kelowna": leaving the place is the event there.
    let displaced = (j.saturating_sub(6).max(sent_start)..j.saturating_sub(1))
        .rev()
        .find(|&k| words.is(k, Cue::Displacement))
        .map(|k| words.get(k));

    // "over the Houston area", "over parts of Texas": "over" places an event only in an area.
    let area_after = matches!(after, "area" | "areas" | "region");
    let locative =
        words.is_at(before_at, Cue::Locative) || (before == "over" && (bridged_area || area_after));

    let (mut score, mut cue, mut evidence) = (SCORE_NONE, RoleCue::NoCue, String::new());
    if words.is_at(before_at, Cue::TransitiveEventVerb) && (!bridged_of || bridged_area) {
        (score, cue, evidence) = (
            SCORE_OBJECT,
            RoleCue::EventObject,
            format!("object of '{before}'"),
        );
    } else if let Some(e) = words
        .is_at(before_at, Cue::ContactVerb)
        .then(|| event_near(doc, words, first, end, j, sent_start))
        .flatten()
    {
        (score, cue, evidence) = (
            SCORE_OBJECT,
            RoleCue::EventObject,
            format!("'{e}' … '{before}'"),
        );
    } else if bridged_of && words.is_at(before_at, Cue::EventNouns) {
        (score, cue, evidence) = (
            SCORE_EVENT_NAME,
            RoleCue::EventName,
            format!("'{before} of'"),
        );
    } else if words.is(end, Cue::EventAfterPlace) && spaced_after {
        (score, cue, evidence) = (
            SCORE_EVENT_NAME,
            RoleCue::EventName,
            format!("followed by '{after}'"),
        );
    } else if matches!(after, "was" | "were" | "is" | "has" | "had")
        && (words.is(end + 1, Cue::EventWord) || matches!(after2, "under" | "hit"))
    {
        (score, cue, evidence) = (
            SCORE_EVENT_NAME,
            RoleCue::EventName,
            format!("'{after} {after2}'"),
        );
    } else if words.is(end, Cue::EventVerbs) && tokens.get(end).is_some_and(|t| t.gap == Gap::Space)
    {
        (score, cue, evidence) = (
            SCORE_EVENT_NAME,
            RoleCue::EventName,
            format!("followed by '{after}'"),
        );
    } else if before == "to" && mover.is_some() {
        let verb = mover.unwrap_or_default();
        (score, cue, evidence) = (
            SCORE_MOVEMENT,
            RoleCue::LocativeEvent,
            format!("'{verb} … to'"),
        );
    } else if (before == "for" || bridged_for) && warned.is_some() {
        let noun = warned.unwrap_or_default();
        (score, cue, evidence) = (
            SCORE_MOVEMENT,
            RoleCue::LocativeEvent,
            format!("'{noun} … for'"),
        );
    } else if before == "as"
        && (before2 == "far" || (before2 == "away" && far_before(words, j, sent_start)))
        && event_near(doc, words, first, end, j, sent_start).is_some()
    {
        (score, cue, evidence) = (
            SCORE_LOCATIVE_EVENT,
            RoleCue::LocativeEvent,
            "'as far as' an event reached".into(),
        );
    } else if before == "from" && displaced.is_some() {
        let word = displaced.unwrap_or_default();
        (score, cue, evidence) = (
            SCORE_MOVEMENT,
            RoleCue::LocativeEvent,
            format!("'{word} … from'"),
        );
    } else if before == "on" && !words.is_at(before2_at, Cue::EventWord) && !bridged_area {
        (score, cue, evidence) = (
            SCORE_LOCATIVE_ONLY,
            RoleCue::NoCue,
            "'on' without an event word".into(),
        );
    } else if let Some(e) = (bridged_compass && !locative)
        .then(|| event_near(doc, words, first, end, j, sent_start))
        .flatten()
    {
        (score, cue, evidence) = (
            SCORE_LOCATIVE_EVENT,
            RoleCue::LocativeEvent,
            format!("'{e}' near the place"),
        );
    } else if locative && words.is_at(before2_at, Cue::SpeakerNouns) {
        (score, cue, evidence) = (
            SCORE_LOCATIVE_ONLY,
            RoleCue::NoCue,
            format!("where the {before2} are"),
        );
    } else if locative {
        match event_near(doc, words, first, end, j, sent_start) {
            Some(e) => {
                (score, cue, evidence) = (
                    SCORE_LOCATIVE_EVENT,
                    RoleCue::LocativeEvent,
                    format!("'{before}' + '{e}'"),
                )
            }
            None if stative_before(words, j, sent_start) => {
                (score, cue, evidence) = (
                    SCORE_LOCATIVE_ONLY,
                    RoleCue::NoCue,
                    format!("'{before}' after a verb of being somewhere"),
                )
            }
            // Something is said to happen there, with no word from the lists: a weak
            // activity ("Candidates spent the weekend in Cedar Rapids").
            None => {
                (score, cue, evidence) = (
                    SCORE_LOCATIVE_PLAIN,
                    RoleCue::LocativeEvent,
                    format!("'{before}' without an event word"),
                )
            }
        }
    }
    if score > SCORE_NONE {
        let clause = clause_start(doc, words, first.saturating_sub(1)).min(first);
        let scope = clause.max(first.saturating_sub(NEGATION_REACH))..first;
        let negation = scope.clone().find(|&k| {
            let w = words.get(k);
            words.is(k, Cue::Negation) && !(w == "not" && words.get(k + 1) == "only")
        });
        if let Some(k) = negation {
            score *= NEGATION_FACTOR;
            cue = RoleCue::Negated;
            evidence = format!("{evidence}, negated by '{}'", words.get(k));
        } else if let Some(w) = (clause..first)
            .chain(end..(end + HYPOTHETICAL_REACH_AFTER).min(sentence_end(doc, first)))
            .find(|&k| words.is(k, Cue::Hypothetical))
            .map(|k| words.get(k))
        {
            score *= HYPOTHETICAL_FACTOR;
            cue = RoleCue::Hypothetical;
            evidence = format!("{evidence}, under '{w}'");
        }
    }
    (score, cue, evidence)
}

/// The first event word in the window of the sentence around a place (tokens `first..end`,
/// its cue ending at `j`), outside the cue itself.
fn event_near<'w>(
    doc: &Document<'_>,
    words: &'w Words<'_>,
    first: usize,
    end: usize,
    j: usize,
    sent_start: usize,
) -> Option<&'w str> {
    let from = first.saturating_sub(EVENT_WINDOW_BEFORE).max(sent_start);
    let to = (end + EVENT_WINDOW_AFTER).min(sentence_end(doc, first));
    (from..to)
        .filter(|&k| k < j.saturating_sub(1) || k >= end)
        .find(|&k| words.is(k, Cue::EventWord))
        .map(|k| words.get(k))
}

/// A stative verb just before the locative that ends at `j`: "lived in", "based in", "grew
/// up in".
fn stative_before(words: &Words<'_>, j: usize, sent_start: usize) -> bool {
    let at = |back: usize| j.checked_sub(back).filter(|&k| k >= sent_start);
    let up = at(2).is_some_and(|k| words.get(k) == "up");
    words.is_at(at(2), Cue::Stative) || (up && words.is_at(at(3), Cue::Stative))
}

/// "as far away as": "far" two words before the "as" that precedes the place.
fn far_before(words: &Words<'_>, j: usize, sent_start: usize) -> bool {
    j.checked_sub(3)
        .filter(|&k| k >= sent_start)
        .is_some_and(|k| words.get(k) == "far")
}

/// Actor cues: a demonym for a people, or a country, capital or state acting.
/// How many capitalised words after a place are read for a title of office (two qualifiers
/// and the title: "Deputy Prime Minister", "Mexico City Health Secretary").
const OFFICE_TITLE_WORDS_MAX: usize = 3;

fn actor(
    doc: &Document<'_>,
    words: &Words<'_>,
    m: &Mention<'_>,
    resolution: Option<&Resolution<'_>>,
) -> Option<(RoleCue, String)> {
    let after = words.get(m.end_token);
    if m.kind == MentionKind::Demonym {
        if words.is(m.end_token, Cue::DemonymPlaceNouns) {
            return None;
        }
        return Some((RoleCue::Demonym, "demonym".into()));
    }
    // "the US-led coalition", "Moscow-backed forces": whoever leads or backs them acts,
    // wherever the sentence puts them ("In the east, the US-led coalition struck").
    if doc
        .tokens()
        .get(m.end_token)
        .is_some_and(|t| t.gap == Gap::Hyphen)
        && words.is(m.end_token, Cue::BackerSuffixes)
    {
        return Some((RoleCue::Backer, format!("-{after}")));
    }
    let place = resolution.and_then(|r| r.place)?;
    let stands_for_government =
        place.is_country() || place.is_admin1() || place.feature_code.as_str() == "PPLC";
    if !stands_for_government {
        return None;
    }
    // Not after a locative: "officials in Tehran said", "polls in the Western Cape closed"
    // are not the place acting. Determiners and compass words may stand between.
    let mut b = m.first_token;
    while b > 0
        && matches!(
            words.get(b - 1),
            "the" | "northern" | "southern" | "eastern" | "western" | "central"
        )
    {
        b -= 1;
    }
    let before = b.checked_sub(1).map(|k| words.get(k)).unwrap_or("");
    // Nor after a preposition that makes it another noun's complement: "the U.N. envoy for
    // Syria called", "the ambassador to Iran said", "talks with Russia collapsed".
    if words.is_at(b.checked_sub(1), Cue::Locative)
        || matches!(
            before,
            "from" | "of" | "for" | "to" | "with" | "about" | "against" | "on" | "over"
        )
    {
        return None;
    }
    let tokens = doc.tokens();
    if tokens
        .get(m.end_token)
        .is_some_and(|t| t.gap == Gap::Apostrophe)
        && after == "s"
    {
        let noun = words.get(m.end_token + 1);
        if words.is(m.end_token + 1, Cue::ActorNouns) {
            return Some((RoleCue::Possessive, format!("'s {noun}")));
        }
        return None;
    }
    // "Syria President Bashar al-Assad", "Florida Attorney General Bill McCollum": a title of
    // office right after the name or after up to two words qualifying it; "Iraq Army": a
    // government's force or body right after it.
    for k in m.end_token..m.end_token + OFFICE_TITLE_WORDS_MAX {
        if tokens
            .get(k)
            .is_none_or(|t| t.gap != Gap::Space || t.case != Case::Title)
        {
            break;
        }
        if words.is(k, Cue::OfficeTitles)
            || (k == m.end_token && words.is(k, Cue::GovernmentBodies))
        {
            return Some((RoleCue::OfficeTitle, format!("before '{}'", words.get(k))));
        }
    }
    let mut k = m.end_token;
    while words.is(k, Cue::ActorGap) && k < m.end_token + 3 {
        k += 1;
    }
    let verb = words.get(k);
    // A country, state or capital as the subject of a past-tense verb acts ("Manila
    // protested", "Georgia certified", "Senegal cut"), unless the verb says what happened to
    // it ("Syria burned", "Derna flooded after …"); an event verb with an object after it is
    // still an act ("Pakistan blocked mobile internet").
    let past = (verb.len() >= 4 && verb.ends_with("ed")) || words.is(k, Cue::IrregularPast);
    let object_after = tokens.get(k + 1).is_some_and(|t| {
        t.gap == Gap::Space && t.case != Case::Upper && !words.is(k + 1, Cue::NoObject)
    });
    let past_tense_agent = past && (!words.is(k, Cue::EventVerbs) || object_after);
    if tokens.get(m.end_token).is_some_and(|t| t.gap == Gap::Space)
        && (words.is(k, Cue::ActorVerbs)
            || words.is(k, Cue::AgentVerbs)
            || words.is(k, Cue::TransitiveEventVerbs)
            || past_tense_agent)
    {
        return Some((RoleCue::ActorVerb, format!("subject of '{verb}'")));
    }
    None
}

/// One past the last token of a dateline's tail: the tokens before its dash or credit.
fn dateline_tail_end(doc: &Document<'_>, m: &Mention<'_>) -> usize {
    let tokens = doc.tokens();
    let line = tokens.get(m.first_token).map(|t| t.line);
    let mut k = m.end_token;
    while let Some(t) = tokens.get(k) {
        if Some(t.line) != line || k >= m.end_token + DATELINE_MAX_TAIL_TOKENS {
            break;
        }
        let gap_text = tokens
            .get(k.wrapping_sub(1))
            .and_then(|p| doc.text().get(p.span.byte_end.0..t.span.byte_start.0))
            .unwrap_or("");
        if gap_text.contains(['—', '–', '(']) || gap_text.contains(" -") {
            break;
        }
        k += 1;
    }
    k
}

fn is_dateline(doc: &Document<'_>, m: &Mention<'_>) -> bool {
    let tokens = doc.tokens();
    // (A given span may hold no token at all: `--gold-spans` takes any offsets.)
    let (Some(first), Some(last)) = (
        tokens.get(m.first_token),
        m.end_token.checked_sub(1).filter(|&l| l >= m.first_token),
    ) else {
        return false;
    };
    // Opens a line, written in capitals (the line may be prose: "TEL AVIV — The army …").
    let opens_line = matches!(first.gap, Gap::Start | Gap::Newline);
    let capitals = (m.first_token..m.end_token)
        .filter_map(|i| tokens.get(i))
        .all(|t| t.case == Case::Upper || t.case == Case::Uncased);
    if !opens_line || !capitals || doc.line_case_of(first) == LineCase::Title {
        return false;
    }
    // Then, within a few tokens, a dash or an agency credit in parentheses.
    let after = tokens.get(last).map(|t| t.span.byte_end.0).unwrap_or(0);
    let rest = doc.text().get(after..).unwrap_or("");
    let window: String = rest.chars().take(40).collect();
    let tail_tokens = tokens
        .get(m.end_token..)
        .unwrap_or(&[])
        .iter()
        .take_while(|t| t.line == first.line)
        .take(DATELINE_MAX_TAIL_TOKENS + 1)
        .count();
    let dash = window.find(['—', '–', '-']);
    let paren = window.find('(');
    (dash.is_some() || paren.is_some()) && tail_tokens > 0
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index fixed fixtures
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::recognize::{RecognizeOptions, recognize};
    use crate::resolve::{ResolveOptions, resolve};

    fn roles(text: &str) -> Vec<(String, Role)> {
        let g = Gazetteer::builtin().unwrap();
        let doc = Document::new(text);
        let r = recognize(&doc, &g, &RecognizeOptions::default());
        let res = resolve(&doc, &r.mentions, &ResolveOptions::default());
        let labels = assign_roles(&doc, &r.mentions, &res);
        r.mentions
            .iter()
            .zip(labels)
            .map(|(m, l)| (doc.span_text(&m.span).to_string(), l.role))
            .collect()
    }

    #[test]
    fn datelines_in_wire_forms() {
        for (text, place) in [
            ("TEL AVIV — The army moved.", "TEL AVIV"),
            ("BEIRUT (Reuters) - Shelling resumed.", "BEIRUT"),
            (
                "Headline here\n\nMOSUL, Iraq (AP) — Troops advanced.",
                "MOSUL",
            ),
        ] {
            let r = roles(text);
            assert_eq!(
                r.first().map(|x| x.1),
                Some(Role::Dateline),
                "{text}: {r:?}"
            );
            assert_eq!(r[0].0, place);
        }
        let r = roles("The army moved from Mosul to Raqqa.");
        assert!(r.iter().all(|x| x.1 != Role::Dateline), "{r:?}");
    }

    #[test]
    fn demonyms_are_actors() {
        let r = roles("Iranian forces entered Syria.");
        assert_eq!(r[0], ("Iranian".to_string(), Role::Actor));
        assert_eq!(r[1], ("Syria".to_string(), Role::Activity));
        let r = roles("The Russians left. Militants crossed into Syrian territory.");
        assert_eq!(r[0].1, Role::Actor, "{r:?}");
        assert_ne!(
            r[1].1,
            Role::Actor,
            "a demonym before 'territory' is a place: {r:?}"
        );
    }

    fn role_of(text: &str, place: &str) -> Role {
        let r = roles(text);
        r.iter()
            .find(|(t, _)| t == place)
            .map(|x| x.1)
            .unwrap_or_else(|| panic!("{place} not found in {r:?}"))
    }

    #[test]
    fn the_cues_of_the_brief() {
        let table = [
            (
                "Tehran warned of retaliation on Monday.",
                "Tehran",
                Role::Actor,
            ),
            (
                "Washington imposed new sanctions.",
                "Washington",
                Role::Actor,
            ),
            ("Iran's army said nothing.", "Iran", Role::Actor),
            (
                "Jets pounded towns in southern Idlib on Tuesday, including Kafr Nabl and Saraqib.",
                "Saraqib",
                Role::Activity,
            ),
            (
                "Officials met in Paris. Wines from countries such as Chile were served.",
                "Chile",
                Role::Reference,
            ),
            (
                "Tehran and Moscow warned against it.",
                "Tehran",
                Role::Actor,
            ),
            (
                "The offensive against the militants in Mosul slowed.",
                "Mosul",
                Role::Activity,
            ),
            (
                "The coalition expects to liberate Raqqa soon.",
                "Raqqa",
                Role::Activity,
            ),
            (
                "Fighters are arriving almost every day at camps in Iraq.",
                "Iraq",
                Role::Activity,
            ),
            (
                "Floods hit Assam after days of rain.",
                "Assam",
                Role::Activity,
            ),
            (
                "The alliance said it had cleared Hajin of militants.",
                "Hajin",
                Role::Activity,
            ),
            (
                "Russian military police patrolled Manbij on Friday.",
                "Manbij",
                Role::Activity,
            ),
            (
                "The battle of Mosul lasted nine months.",
                "Mosul",
                Role::Activity,
            ),
            (
                "The Mosul offensive began in October.",
                "Mosul",
                Role::Activity,
            ),
            (
                "Fighting spread to Idlib overnight.",
                "Idlib",
                Role::Activity,
            ),
            (
                "There was no fighting in Homs on Friday.",
                "Homs",
                Role::Reference,
            ),
            // Being without something somewhere is a misfortune there, not its negation.
            (
                "Storms left 40,000 homes without power in Jackson County.",
                "Jackson County",
                Role::Activity,
            ),
            (
                "Officials in Baghdad said the road was open.",
                "Baghdad",
                Role::Reference,
            ),
            (
                "An attack on Kirkuk could follow within days.",
                "Kirkuk",
                Role::Reference,
            ),
            (
                "He grew up in Boston and studied law.",
                "Boston",
                Role::Reference,
            ),
        ];
        for (text, place, want) in table {
            assert_eq!(role_of(text, place), want, "{place} in {text:?}");
        }
    }

    #[test]
    fn a_datelines_country_belongs_to_it() {
        let r = roles("KYIV, Ukraine (AP) — Drones struck Kharkiv overnight.");
        assert_eq!(r[0], ("KYIV".to_string(), Role::Dateline));
        assert_eq!(r[1], ("Ukraine".to_string(), Role::Dateline));
        assert_eq!(r[2], ("Kharkiv".to_string(), Role::Activity));
    }

    #[test]
    fn every_label_explains_itself() {
        let g = Gazetteer::builtin().unwrap();
        let doc = Document::new("Airstrikes hit Idlib. Officials in Damascus denied it.");
        let r = recognize(&doc, &g, &RecognizeOptions::default());
        let res = resolve(&doc, &r.mentions, &ResolveOptions::default());
        let labels = assign_roles(&doc, &r.mentions, &res);
        assert_eq!(labels[0].evidence, "object of 'hit'");
        assert!(labels[0].activity_score >= ACTIVITY_THRESHOLD);
        assert!(labels[1].activity_score < ACTIVITY_THRESHOLD);
        assert!(
            labels
                .iter()
                .all(|l| (0.0..=1.0).contains(&l.activity_score))
        );
    }

    #[test]
    fn sixth_round_cues() {
        let table = [
            // A place named by what it is ("the town of"), or by a part of it with words
            // between ("several blocks of downtown", "the main square of").
            (
                "Forces captured the town of Tal Afar.",
                "Tal Afar",
                Role::Activity,
            ),
            (
                "A water main break flooded several blocks of downtown Minneapolis.",
                "Minneapolis",
                Role::Activity,
            ),
            (
                "Protesters occupied the main square of Tbilisi for a fourth night.",
                "Tbilisi",
                Role::Activity,
            ),
            // A compass bearing from the place, with an event in the sentence.
            (
                "Coast guard vessels rescued 300 migrants from boats south of Lampedusa.",
                "Lampedusa",
                Role::Activity,
            ),
            // A hazard reaching the place; "over" an area.
            (
                "Smoke covered Canberra for much of the day.",
                "Canberra",
                Role::Activity,
            ),
            (
                "The fire sent a plume of smoke over the Houston area.",
                "Houston",
                Role::Activity,
            ),
            (
                "Flights to Lalibela were cancelled.",
                "Lalibela",
                Role::Activity,
            ),
            // Where arriving people came from is not where things happen, nor an actor.
            (
                "Firefighters from New Zealand arrived to help.",
                "New Zealand",
                Role::Reference,
            ),
            (
                "Firefighters from Romania and France joined the effort.",
                "France",
                Role::Reference,
            ),
            (
                "Firefighters from Romania and France joined the effort.",
                "Romania",
                Role::Reference,
            ),
            // Outlets and societies named after places are sources.
            (
                "Speaking to the Times of India, doctors agreed.",
                "India",
                Role::Source,
            ),
            (
                "A reporter for the Arkansas Democrat-Gazette saw it.",
                "Arkansas",
                Role::Source,
            ),
            (
                "The Kenya Red Cross said floods displaced 20,000.",
                "Kenya",
                Role::Source,
            ),
        ];
        for (text, place, role) in table {
            assert_eq!(role_of(text, place), role, "{text}");
        }
    }

    #[test]
    fn a_place_after_a_preposition_is_no_subject_of_the_verb_after_it() {
        for text in [
            "Meanwhile, the U.N. envoy for Syria called for a ceasefire.",
            "The ambassador to Syria warned of famine.",
            "A passenger on a flight over Syria entered the terminal.",
        ] {
            assert_ne!(role_of(text, "Syria"), Role::Actor, "{text}");
        }
        assert_eq!(
            role_of("Syria called for a ceasefire.", "Syria"),
            Role::Actor
        );
    }

    #[test]
    fn a_place_that_leads_or_backs_what_follows_acts() {
        for (text, place, role) in [
            (
                "In the east, the US-led coalition struck positions around Hajin.",
                "US",
                Role::Actor,
            ),
            (
                "Iran-backed militias attacked the base.",
                "Iran",
                Role::Actor,
            ),
            (
                "Moscow-brokered talks began in Astana.",
                "Moscow",
                Role::Actor,
            ),
            // Where it sits is not what it does.
            (
                "A London-based monitor said 30 people died in Idlib.",
                "London",
                Role::Reference,
            ),
        ] {
            assert_eq!(role_of(text, place), role, "{text}");
        }
        let r = roles("In the east, the US-led coalition struck positions around Hajin.");
        assert_eq!(r.last().map(|x| x.1), Some(Role::Activity), "{r:?}");
    }

    #[test]
    fn a_place_before_a_title_of_office_is_its_government_acting() {
        let table = [
            // A demonym or a country before a title: the office-holder's government.
            (
                "Ethiopian Prime Minister Abiy Ahmed visited Asmara.",
                "Ethiopian",
                Role::Actor,
            ),
            (
                "Iranian Foreign Minister Javad Zarif met envoys.",
                "Iranian",
                Role::Actor,
            ),
            (
                "Syria President Bashar al-Assad spoke on television.",
                "Syria",
                Role::Actor,
            ),
            (
                "Florida Attorney General Bill McCollum filed suit.",
                "Florida",
                Role::Actor,
            ),
            ("US Military planes landed at dawn.", "US", Role::Actor),
            // An organisation's name stays a source: a ministry, a league, an assembly, a
            // group named with a force's word.
            (
                "The Russian Defence Ministry said jets struck Idlib.",
                "Russian",
                Role::Source,
            ),
            (
                "The Indiana General Assembly passed a law.",
                "Indiana",
                Role::Source,
            ),
            (
                "Fighters of the Sudan Liberation Army withdrew.",
                "Sudan",
                Role::Reference,
            ),
        ];
        for (text, place, role) in table {
            assert_eq!(role_of(text, place), role, "{text}");
        }
    }

    #[test]
    fn places_listed_as_the_subject_of_an_event_share_it() {
        for place in ["Raqqa", "Tabqa", "Deir ez-Zor"] {
            assert_eq!(
                role_of("Raqqa, Tabqa and Deir ez-Zor were bombed overnight.", place),
                Role::Activity,
                "{place}"
            );
        }
        // Not places that only name a route's ends.
        assert_eq!(
            role_of(
                "Flights between Caracas and Buenos Aires were suspended.",
                "Caracas"
            ),
            Role::Reference
        );
    }

    #[test]
    fn a_town_taken_is_where_the_fighting_was() {
        assert_eq!(
            role_of("Kurdish forces took the town of Manbij.", "Manbij"),
            Role::Activity
        );
        assert_eq!(
            role_of("Rebels took Tell al-Abyad overnight.", "Tell al-Abyad"),
            Role::Activity
        );
    }
}
