//! Rows of the bad-input matrix (docs/RELIABILITY.md) that no other test file covers: each
//! input gets the behaviour the matrix promises, and nothing panics.

mod common;

use common::geomention;
use predicates::prelude::*;

fn no_panic(stderr: &[u8]) {
    let s = String::from_utf8_lossy(stderr);
    assert!(!s.contains("panicked"), "{s}");
}

#[test]
fn whitespace_only_text_is_an_empty_collection() {
    let out = geomention()
        .args(["map", "-", "-o", "-", "-q"])
        .write_stdin(" \n\t\r\n  \n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["features"].as_array().unwrap().len(), 0);
    no_panic(&out.stderr);
}

#[test]
fn a_deeply_nested_json_value_is_carried_through_without_a_crash() {
    // Other fields are kept raw, never walked recursively: 100,000 levels cost nothing.
    let nested = "[".repeat(100_000) + &"]".repeat(100_000);
    let input = format!(
        "{{\"id\": \"deep\", \"text\": \"Rain in Homs.\", \"meta\": {nested}}}\n{{\"id\": \"ok\", \"text\": \"Rain in Mosul.\"}}\n"
    );
    let out = geomention()
        .args(["batch", "-", "--input-format", "jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2 records: 2 written, 0 failed"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first = stdout.lines().next().unwrap();
    assert!(
        first.ends_with(&format!(",\"meta\":{nested}}}")),
        "carried verbatim"
    );
    no_panic(&out.stderr);
}

#[test]
fn nul_characters_inside_json_text_are_just_text() {
    let input = "{\"id\": \"n\", \"text\": \"Shelling hit\\u0000 Aleppo.\"}\n";
    let out = geomention()
        .args(["batch", "-", "--input-format", "jsonl", "-q"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["mentions"][0]["text"], "Aleppo");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_for_every_command() {
    // /dev/full fails every write with ENOSPC, as a full disk does.
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("note: /dev/full is absent; full-disk check skipped");
        return;
    }
    let article = "Shelling hit Aleppo and Homs.\n".repeat(5000);
    let runs: [(&[&str], String); 3] = [
        (&["map", "-", "-o", "/dev/full", "-q"], article.clone()),
        (
            &[
                "batch",
                "-",
                "--input-format",
                "jsonl",
                "-o",
                "/dev/full",
                "-q",
            ],
            format!("{{\"id\": \"a\", \"text\": {:?}}}\n", article).repeat(20),
        ),
        (
            &[
                "geocode",
                "--csv",
                "-",
                "--column",
                "place",
                "-o",
                "/dev/full",
                "-q",
            ],
            "place\nRaqqa\n".to_string() + &"Mosul\n".repeat(20_000),
        ),
    ];
    for (args, input) in runs {
        let out = geomention().args(args).write_stdin(input).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("No space left on device") || stderr.contains("cannot write"),
            "{args:?}: {stderr}"
        );
        no_panic(&out.stderr);
    }
}

#[test]
fn an_unwritable_out_dir_is_an_error_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a folder").unwrap();
    geomention()
        .args(["batch", "-", "--input-format", "jsonl", "--out-dir"])
        .arg(blocker.join("maps"))
        .write_stdin("{\"id\": \"a\", \"text\": \"Rain in Mosul.\"}\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot create"));
}

/// Runs `geomention map INPUT -o OUTPUT -q`, checks it succeeded, and returns the GeoJSON it
/// wrote with the process's peak RSS in kB (when /proc tells it).
fn map_with_peak_rss(
    input: &std::path::Path,
    output: &std::path::Path,
) -> (serde_json::Value, Option<u64>) {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_geomention"))
        .arg("map")
        .arg(input)
        .arg("-o")
        .arg(output)
        .arg("-q")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (status, peak_kb) = wait_with_peak_rss(child);
    assert!(status.success(), "{status}");
    let places = serde_json::from_slice(&std::fs::read(output).unwrap()).unwrap();
    (places, peak_kb)
}

/// Peak resident memory of a running child, read from /proc until it exits (Linux; `None`
/// elsewhere). Sampled every 20 ms, so it is a lower bound of the true peak, close to it for
/// a run of many seconds.
fn wait_with_peak_rss(mut child: std::process::Child) -> (std::process::ExitStatus, Option<u64>) {
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = None;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return (status, peak_kb);
        }
        let status = std::fs::read_to_string(&status_file).unwrap_or_default();
        let hwm = status.lines().find_map(|l| l.strip_prefix("VmHWM:"));
        if let Some(kb) = hwm.and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()) {
            peak_kb = Some(kb);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_text_that_is_one_long_list_of_names_is_resolved_in_bounded_memory() {
    // 40,000 names joined by commas: one list, whose members' resolution reads the others'.
    // Kept as pairs of members it would take 40,000² entries (12 GB); tallied once per list, a
    // few tens of megabytes.
    let names = [
        "Paris",
        "Ohio",
        "Syria",
        "Georgia",
        "Washington",
        "Victoria",
        "Texas",
    ];
    let list: Vec<&str> = (0..40_000).map(|i| names[i * 7919 % names.len()]).collect();
    let text = format!("Cases were reported in {} and Utah.", list.join(", "));
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("list.txt");
    std::fs::write(&input, &text).unwrap();
    let output = dir.path().join("list.geojson");
    let (places, peak_kb) = map_with_peak_rss(&input, &output);
    let mentions: u64 = places["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["mentions"].as_u64().unwrap())
        .sum();
    assert_eq!(mentions, 40_001);
    if let Some(kb) = peak_kb {
        eprintln!("peak RSS: {kb} kB");
        assert!(kb < 300_000, "peak RSS {kb} kB for a list of 40,000 names");
    }
}

#[test]
fn a_200_mb_line_is_mapped_whole_in_bounded_memory() {
    // 200 MB without a line break: ordinary words with a place every 4 KB or so. The text is
    // read whole (200 MB) and parsed in 1 MiB parts; mentions are not held until the end, so
    // memory stays near the input's size and every mention is counted across part boundaries.
    let filler =
        "the water rose along the banks and the roads were closed for days while crews worked ";
    let unit = format!("{} Shelling hit Raqqa again. ", filler.repeat(48));
    let repeats = 200_000_000 / unit.len();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("line.txt");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
        for _ in 0..repeats {
            f.write_all(unit.as_bytes()).unwrap();
        }
        f.flush().unwrap();
    }
    let output = dir.path().join("line.geojson");
    let (places, peak_kb) = map_with_peak_rss(&input, &output);
    let features = places["features"].as_array().unwrap();
    assert_eq!(features.len(), 1, "{features:?}");
    assert_eq!(
        features[0]["properties"]["mentions"].as_u64(),
        Some(repeats as u64)
    );
    if let Some(kb) = peak_kb {
        // The input itself is 200 MB; holding every mention (as before parts) was 4× the input.
        eprintln!("peak RSS: {kb} kB");
        assert!(kb < 400_000, "peak RSS {kb} kB for a 200 MB line");
    }
}
