//! `geomention geocode --csv` on an arbitrary table: no panic, and every input row in the
//! output.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod cli_harness;
use cli_harness::{csv_records, geomention, prepare, scratch};

fuzz_target!(|data: &[u8]| {
    let (input, output) = (scratch("in.csv"), scratch("out.csv"));
    prepare(&input, data, &output);
    let ran = geomention(&[
        "geocode",
        "--csv",
        input.to_str().unwrap(),
        "--column",
        "place",
        "--country-column",
        "country",
        "--jobs",
        "1",
        "-q",
        "-o",
        output.to_str().unwrap(),
    ]);
    if ran {
        let written = std::fs::read(&output).expect("the output exists after a run");
        assert_eq!(
            csv_records(&written),
            csv_records(data),
            "rows in = rows out"
        );
    }
});
