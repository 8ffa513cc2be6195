//! The compiled-gazetteer loader on arbitrary bytes, then lookups and a parse with whatever it
//! accepted. The payload checksum is recomputed before loading, so the fuzzer gets past it to
//! the section parsers (a wrong checksum is its own error, tested in tests/cli_gazetteer.rs).
#![no_main]

use std::sync::OnceLock;

use geomention::gazetteer::{Gazetteer, LookupOptions};
use geomention::{Geoparser, Options};
use libfuzzer_sys::fuzz_target;

/// Header layout (src/gazetteer/format.rs): magic 8, version 4, section count 4, crc32 4,
/// reserved 4, payload length 8, then 12 sections × (offset 8, length 8).
const CRC_AT: usize = 16;
const PAYLOAD_LEN_AT: usize = 24;
const HEADER_LEN: usize = 32 + 12 * 16;

fn with_checksum(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.len() < HEADER_LEN {
        return bytes;
    }
    let payload = u64::from_le_bytes(
        bytes[PAYLOAD_LEN_AT..PAYLOAD_LEN_AT + 8]
            .try_into()
            .unwrap(),
    );
    let end = (HEADER_LEN as u64)
        .saturating_add(payload)
        .min(bytes.len() as u64) as usize;
    let crc = crc32fast::hash(&bytes[HEADER_LEN..end]);
    bytes[CRC_AT..CRC_AT + 4].copy_from_slice(&crc.to_le_bytes());
    bytes
}

fn scratch() -> &'static std::path::Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("scratch folder"))
        .path()
}

fuzz_target!(|data: &[u8]| {
    let path = scratch().join("fuzz.gmz");
    std::fs::write(&path, with_checksum(data.to_vec())).expect("write fuzz gazetteer");
    let Ok(gazetteer) = Gazetteer::open(&path) else {
        return;
    };
    let _ = gazetteer.len();
    for name in [
        "Springfield",
        "springfield",
        "U.S.",
        "Ill.",
        "البيضاء",
        "Sprngfeld",
        "SY",
        "Base Alpha",
    ] {
        for c in gazetteer.lookup(name, &LookupOptions::default()) {
            let _ = gazetteer.country_of(&c.place);
            let _ = gazetteer.admin1_of(&c.place);
        }
    }
    let parser = Geoparser::new(gazetteer, Options::default());
    let _ = parser.parse("Fighting in Springfield, Ill., spread to the U.S. and Base Alpha.");
});
