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
