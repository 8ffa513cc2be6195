//! geomention: find the places a text mentions and resolve them to coordinates, offline.
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod gazetteer;
pub mod recognize;
pub mod text;
