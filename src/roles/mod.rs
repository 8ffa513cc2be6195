//! What part a mention plays in the article: where it was reported from, who acts, where things
//! happen.
//!
//! In: the [`Document`], its [`Mention`]s and their [`Resolution`]s. Out: one [`RoleLabel`] per
//! mention with the cue that decided it.
//!
//! This first version knows sources (places named inside organisation and outlet names, as
//! the recognizer marks them: "Breitbart Jerusalem", "Butler County Coroner's Office"), datelines (a capitalised place opening a paragraph and followed by
//! a dash or an agency credit: "TEL AVIV —", "BEIRUT (Reuters) -", "KYIV, Ukraine (AP) —") and
//! actors (demonyms: "Iranian forces", "the Russians"); every other mention is a reference.
//! Activity cues, sources and negation are issue 5's work and will refine this module without
//! changing its interface.

#![warn(clippy::indexing_slicing)]

use std::fmt;

use crate::recognize::{Mention, MentionKind};
use crate::resolve::Resolution;
use crate::text::{Case, Document, Gap, LineCase};

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
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a role was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleCue {
    /// Opens a paragraph in capitals, followed by a dash or an agency credit.
    DatelinePattern,
    /// A demonym.
    Demonym,
    /// Named inside an organisation, outlet or facility name.
    OrganisationName,
    /// No cue: the default.
    NoCue,
}

impl RoleCue {
    /// A short label for outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            RoleCue::DatelinePattern => "dateline pattern",
            RoleCue::Demonym => "demonym",
            RoleCue::OrganisationName => "organisation name",
            RoleCue::NoCue => "no cue",
        }
    }
}

/// A mention's role and the cue behind it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoleLabel {
    /// The role.
    pub role: Role,
    /// Why.
    pub cue: RoleCue,
}

/// Most words a dateline's place may be followed by before its dash ("KYIV, Ukraine (AP) —").
const DATELINE_MAX_TAIL_TOKENS: usize = 4;

/// Labels every mention. O(mentions × a few tokens). `_resolutions` is part of the stage's
/// interface because roles that depend on the chosen place ("Tehran warned": a capital
/// standing for its government) come with issue 5; this first version does not read it.
pub fn assign_roles(
    doc: &Document<'_>,
    mentions: &[Mention<'_>],
    _resolutions: &[Resolution<'_>],
) -> Vec<RoleLabel> {
    mentions
        .iter()
        .map(|m| {
            if is_dateline(doc, m) {
                RoleLabel {
                    role: Role::Dateline,
                    cue: RoleCue::DatelinePattern,
                }
            } else if m.in_organisation {
                RoleLabel {
                    role: Role::Source,
                    cue: RoleCue::OrganisationName,
                }
            } else if m.kind == MentionKind::Demonym {
                RoleLabel {
                    role: Role::Actor,
                    cue: RoleCue::Demonym,
                }
            } else {
                RoleLabel {
                    role: Role::Reference,
                    cue: RoleCue::NoCue,
                }
            }
        })
        .collect()
}

fn is_dateline(doc: &Document<'_>, m: &Mention<'_>) -> bool {
    let tokens = doc.tokens();
    let Some(first) = tokens.get(m.first_token) else {
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
    let after = tokens
        .get(m.end_token - 1)
        .map(|t| t.span.byte_end.0)
        .unwrap_or(0);
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
        assert_eq!(r[1], ("Syria".to_string(), Role::Reference));
    }
}
