//! What a document's places add up to: spatial clusters (activity areas) and its focus (the
//! countries, regions and cities it is about).

pub mod cluster;
pub mod focus;

pub use cluster::{ClusterOptions, DEFAULT_MIN_MENTIONS, DEFAULT_RADIUS_KM};

pub use focus::{Focus, FocusBuilder, FocusEntry, FocusEntryRef};
