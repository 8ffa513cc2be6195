//! What a document's places add up to: its focus (the countries, regions and cities it is
//! about).

pub mod focus;

pub use focus::{Focus, FocusBuilder, FocusEntry};
