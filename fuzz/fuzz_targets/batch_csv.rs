//! `geomention batch` on an arbitrary CSV table of articles: no panic, and one JSON output line
//! per row (a file without a header row, or whose header opens a quote that is never closed,
//! is one failed record).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod cli_harness;
use cli_harness::{
    csv_header_is_empty, csv_header_swallows_the_file, csv_records, geomention, json_lines,
    prepare, scratch,
};

fuzz_target!(|data: &[u8]| {
    let (input, output) = (scratch("in.csv"), scratch("out.jsonl"));
    prepare(&input, data, &output);
    let ran = geomention(&[
        "batch",
        input.to_str().unwrap(),
        "--input-format",
        "csv",
        "--text-column",
        "text",
        "--id-column",
        "id",
        "--format",
        "mentions-jsonl",
        "--jobs",
        "1",
        "-q",
        "-o",
        output.to_str().unwrap(),
    ]);
    if ran {
        let written = std::fs::read(&output).expect("the output exists after a run");
        // No header, or a header whose open quote swallowed the file: one failed record.
        let records = if csv_header_is_empty(data) || csv_header_swallows_the_file(data) {
            1
        } else {
            csv_records(data)
        };
        assert_eq!(json_lines(&written), records, "rows in = lines out");
    }
});
