//! `geomention batch` on an arbitrary JSONL file: no panic, and one output line per input
//! record (a document's mentions, or its error), each of them JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod cli_harness;
use cli_harness::{geomention, json_lines, prepare, scratch};

/// Records as the batch reader frames them: lines, trailing CR/LF dropped, blank lines skipped.
fn records(data: &[u8]) -> usize {
    data.split(|b| *b == b'\n')
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .count()
}

fuzz_target!(|data: &[u8]| {
    let (input, output) = (scratch("in.jsonl"), scratch("out.jsonl"));
    prepare(&input, data, &output);
    let ran = geomention(&[
        "batch",
        input.to_str().unwrap(),
        "--input-format",
        "jsonl",
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
        assert_eq!(
            json_lines(&written),
            records(data),
            "records in = lines out"
        );
    }
});
