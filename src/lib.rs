//! geomention: find the places a text mentions, resolve them to coordinates with a built-in
//! gazetteer, and say what part each plays — offline, in one library call.
//!
//! The pipeline runs one way: [`text`] (tokens, offsets, case profile) → [`recognize`]
//! (gazetteer tagger and filters) → [`resolve`] (context and coherence) → [`roles`] → [`export`]
//! (GeoJSON, CSV, mentions JSONL). [`Geoparser::parse`] runs it:
//!
//! ```
//! use geomention::{Geoparser, Options, gazetteer::Gazetteer};
//!
//! let parser = Geoparser::new(Gazetteer::builtin()?, Options::default());
//! let parsed = parser.parse("Fighting near Raqqa, Syria, spread to Deir ez-Zor.");
//! let names: Vec<&str> = parsed.mentions.iter().filter_map(|m| m.place.map(|p| p.name)).collect();
//! assert_eq!(names, ["Ar Raqqah", "Syria", "Deir ez-Zor"]);
//! # Ok::<(), geomention::gazetteer::Error>(())
//! ```
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod eval;
pub mod export;
pub mod gazetteer;
pub mod geocode;
pub mod group;
mod pipeline;
pub mod recognize;
pub mod resolve;
pub mod roles;
pub mod text;

pub use pipeline::{CHUNK_BYTES, Geoparser, Options, Parsed, ParsedMention, SpanError};
