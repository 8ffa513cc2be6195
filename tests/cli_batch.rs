//! `geomention batch` as a scorer and a user run it: JSONL in, mentions JSONL out, every
//! record accounted for, bad records reported with line and id.

mod common;

use common::geomention;
use predicates::prelude::*;
use serde_json::Value;

fn lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_record_is_accounted_for() {
    let mut input: Vec<u8> = Vec::new();
    input.extend_from_slice(br#"{"id": "a", "text": "Shelling hit Aleppo."}"#);
    input.push(b'\n');
    input.extend_from_slice(b"{not json\n");
    input.extend_from_slice(br#"{"id": "c", "body": "no text field"}"#);
    input.push(b'\n');
    input.extend_from_slice(b"{\"id\": \"d\", \"text\": \"bad \xff byte\"}\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(br#"{"id": 7, "text": "Rain in Mosul.", "source": "kept out"}"#);
    input.push(b'\n');
    input.extend_from_slice(br#"[1, 2]"#);
    input.push(b'\n');
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.jsonl");
    std::fs::write(&path, &input).unwrap();
    let out = geomention().arg("batch").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("corpus.jsonl:2 (line-2): not valid JSON"),
        "{stderr}"
    );
    assert!(
        stderr.contains("corpus.jsonl:3 (c): no field \"text\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("corpus.jsonl:4 (line-4): not valid UTF-8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("corpus.jsonl:7 (line-7): not a JSON object"),
        "{stderr}"
    );
    assert!(
        stderr.contains("6 records: 2 written, 4 failed"),
        "{stderr}"
    );
    let got = lines(&out.stdout);
    let ids: Vec<&str> = got.iter().map(|l| l["id"].as_str().unwrap()).collect();
    // One output line per input record, in input order; failures say why.
    assert_eq!(ids, ["a", "line-2", "c", "line-4", "7", "line-7"]);
    assert_eq!(got[0]["mentions"][0]["text"], "Aleppo");
    assert_eq!(got[4]["mentions"][0]["text"], "Mosul");
    assert!(got[1]["error"].as_str().unwrap().contains("JSON"));
    assert!(got[1]["mentions"].as_array().unwrap().is_empty());
}

#[test]
fn gold_spans_resolve_exactly_the_given_spans() {
    let line = r#"{"id": "g", "text": "Fighting near Raqqa and in Qxzv.", "toponyms": [{"start": 14, "end": 19, "name": "Raqqa"}, {"start": 27, "end": 31, "name": "Qxzv"}]}"#;
    let out = geomention()
        .args(["batch", "-", "--gold-spans", "--input-format", "jsonl"])
        .write_stdin(format!("{line}\n"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let got = lines(&out.stdout);
    let m = got[0]["mentions"].as_array().unwrap();
    assert_eq!(m.len(), 2);
    assert_eq!(
        (m[0]["start"].as_u64(), m[0]["end"].as_u64()),
        (Some(14), Some(19))
    );
    assert_eq!(m[0]["geonameid"], 172955);
    assert_eq!(m[1]["resolved"], false);
    assert!(m[1]["lat"].is_null());
}

#[test]
fn gold_spans_out_of_range_is_a_record_error() {
    let line = r#"{"id": "x", "text": "short", "toponyms": [{"start": 2, "end": 99}]}"#;
    geomention()
        .args(["batch", "-", "--gold-spans"])
        .write_stdin(format!("{line}\n"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "<stdin>:1 (x): span 2..99 does not fit",
        ));
}

#[test]
fn custom_fields_and_geojson_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus.geojson");
    geomention()
        .args([
            "batch",
            "-",
            "--text-field",
            "body",
            "--id-field",
            "key",
            "--format",
            "geojson",
            "-q",
            "-o",
        ])
        .arg(&out)
        .write_stdin(
            "{\"key\": \"k1\", \"body\": \"Damascus and Homs.\"}\n{\"key\": \"k2\", \"body\": \"Baghdad.\"}\n",
        )
        .assert()
        .success();
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let docs: Vec<(&str, &str)> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["properties"]["doc_id"].as_str().unwrap(),
                f["properties"]["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        docs,
        [("k1", "Damascus"), ("k1", "Homs"), ("k2", "Baghdad")]
    );
}

#[test]
fn unknown_extension_asks_for_input_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.dat");
    std::fs::write(&path, "{}\n").unwrap();
    geomention()
        .arg("batch")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--input-format jsonl"));
}

#[test]
fn a_closed_pipe_is_a_quiet_exit() {
    // `geomention batch … | head -c 1`: the reader goes away; like ripgrep, say nothing.
    let bin = assert_cmd::cargo::cargo_bin("geomention");
    let line = r#"{"id": "a", "text": "Shelling hit Aleppo, Homs and Hama near Damascus."}"#;
    let input = format!("{line}\n").repeat(20_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.jsonl");
    std::fs::write(&path, input).unwrap();
    for format in ["mentions-jsonl", "csv", "geojson"] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "'{}' batch '{}' -q --format {format} | head -c 1 >/dev/null",
                bin.display(),
                path.display()
            ))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "{format}: {stderr}");
    }
}
