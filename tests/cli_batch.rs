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
fn the_text_field_must_be_a_string_and_the_first_of_its_name_counts() {
    let input = concat!(
        r#"{"id": "a", "text": 5}"#,
        "\n",
        r#"{"id": "b", "text": {"nested": ["Mosul"]}, "source": "x"}"#,
        "\n",
        r#"{"id": "c", "text": "Rain in Mosul.", "text": "Shelling in Aleppo."}"#,
        "\n",
        r#"{"id": "d", "text": "Rain in \"Mosul\".", "meta": {"tags": [1, "two", null]}}"#,
        "\n",
    );
    let out = geomention()
        .args(["batch", "-", "--input-format", "jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("<stdin>:1 (a): field \"text\" is not a string"),
        "{stderr}"
    );
    assert!(
        stderr.contains("<stdin>:2 (b): field \"text\" is not a string"),
        "{stderr}"
    );
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 4);
    assert_eq!(
        got[2]["mentions"][0]["text"], "Mosul",
        "the first text member counts"
    );
    assert_eq!(got[2]["mentions"].as_array().unwrap().len(), 1);
    assert_eq!(got[3]["mentions"][0]["text"], "Mosul", "escapes decoded");
    assert_eq!(
        got[3]["meta"]["tags"][1], "two",
        "other members carried as they were"
    );
    // A number in the text field is still the document's id when --id-field names it.
    let out = geomention()
        .args([
            "batch",
            "-",
            "--input-format",
            "jsonl",
            "--id-field",
            "text",
        ])
        .write_stdin(r#"{"text": 5}"#)
        .output()
        .unwrap();
    assert_eq!(lines(&out.stdout)[0]["id"], "5");
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
        .stderr(predicate::str::contains("--input-format txt, jsonl or csv"));
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

/// A JSONL corpus with good lines around bad ones and one big record in the middle.
fn messy_corpus(dir: &std::path::Path, big_record_mb: usize) -> std::path::PathBuf {
    let mut input: Vec<u8> = Vec::new();
    for i in 0..40 {
        input.extend_from_slice(
            format!(r#"{{"id": "good-{i}", "text": "Clashes in Raqqa and Mosul, day {i}.", "outlet": "wire"}}"#)
                .as_bytes(),
        );
        input.push(b'\n');
        if i == 10 {
            input.extend_from_slice(b"{\"id\": \"trunc\", \"text\": \"Homs\n");
            input.extend_from_slice(b"{\"id\": \"latin1\", \"text\": \"caf\xe9 in Hama\"}\n");
            input.extend_from_slice(b"{\"id\": \"notext\"}\n");
        }
        if i == 20 {
            let filler = "Quiet day in the valley. ".repeat(big_record_mb * 1_000_000 / 25);
            input.extend_from_slice(
                format!(r#"{{"id": "big", "text": "Shelling near Aleppo. {filler} Then Idlib."}}"#)
                    .as_bytes(),
            );
            input.push(b'\n');
        }
    }
    let path = dir.join("messy.jsonl");
    std::fs::write(&path, &input).unwrap();
    path
}

#[test]
fn a_messy_corpus_loses_nothing_and_reports_each_bad_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = messy_corpus(dir.path(), 3);
    let out = geomention()
        .args(["batch", "-j", "2"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("messy.jsonl:12 (line-12): not valid JSON"),
        "{stderr}"
    );
    assert!(
        stderr.contains("messy.jsonl:13 (line-13): not valid UTF-8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("messy.jsonl:14 (notext): no field \"text\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("44 records: 41 written, 3 failed"),
        "{stderr}"
    );
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 44, "one output line per input record");
    let big = got.iter().find(|l| l["id"] == "big").unwrap();
    let names: Vec<&str> = big["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(names.first(), Some(&"Aleppo"));
    assert_eq!(
        names.last(),
        Some(&"Idlib"),
        "the end of a big record is parsed"
    );
    // Other fields of the input line are carried into the output, after the contract's keys.
    assert_eq!(got[0]["outlet"], "wire");
    assert_eq!(got[0]["focus"]["countries"][0]["country_code"], "SY");
}

#[test]
fn output_is_byte_identical_for_any_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let path = messy_corpus(dir.path(), 1);
    let run = |jobs: &str, out_dir: &std::path::Path| {
        geomention()
            .args(["batch", "-q", "--aggregate", "--jobs", jobs, "-o"])
            .arg(out_dir.join("stream.geojson"))
            .args(["--format", "geojson", "--out-dir"])
            .arg(out_dir)
            .arg(&path)
            .assert()
            .code(1);
    };
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    run("1", &one);
    run("2", &two);
    for file in [
        "stream.geojson",
        "mentions.jsonl",
        "places.geojson",
        "clusters.geojson",
        "summary.csv",
        "aggregate.geojson",
        "documents/good-0.geojson",
    ] {
        let a = std::fs::read(one.join(file)).unwrap();
        let b = std::fs::read(two.join(file)).unwrap();
        assert!(a == b, "{file} differs between --jobs 1 and --jobs 2");
    }
}

#[test]
fn a_folder_of_articles_becomes_a_folder_of_maps() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(articles.join("week2")).unwrap();
    std::fs::write(
        articles.join("monday.txt"),
        "RAQQA, Syria (AP) — Fighters advanced on Raqqa on Monday as airstrikes hit Deir ez-Zor.",
    )
    .unwrap();
    std::fs::write(
        articles.join("week2/tuesday.md"),
        "Flooding hit Mosul and Tikrit, officials in Baghdad said. Raqqa was calm.",
    )
    .unwrap();
    std::fs::write(articles.join("notes.pdf"), b"%PDF-1.4").unwrap();
    std::fs::write(articles.join("bad.txt"), b"\x00\x01binary").unwrap();
    let out_dir = dir.path().join("maps");
    let out = geomention()
        .arg("batch")
        .arg(&articles)
        .arg("--out-dir")
        .arg(&out_dir)
        .arg("--aggregate")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bad.txt"), "{stderr}");
    assert!(
        stderr.contains("3 records: 2 written, 1 failed (1 files of other kinds skipped)"),
        "{stderr}"
    );
    // Per-document layers, named after the path inside the folder.
    assert!(out_dir.join("documents/monday.geojson").exists());
    assert!(out_dir.join("documents/week2_tuesday.geojson").exists());
    let summary = std::fs::read_to_string(out_dir.join("summary.csv")).unwrap();
    let rows: Vec<&str> = summary.lines().collect();
    assert_eq!(
        rows[0],
        "doc_id,file,line,characters,mentions,resolved,places,activity_places,focus_country,focus_admin1,focus_city,error"
    );
    assert!(rows[1].starts_with("bad,"), "{summary}");
    assert!(rows[1].contains("binary"), "{summary}");
    assert!(
        rows[2].starts_with("monday,") && rows[2].contains(",SY,"),
        "{summary}"
    );
    assert!(
        rows[3].starts_with("week2/tuesday,") && rows[3].contains(",IQ,"),
        "{summary}"
    );
    // The corpus layer: Raqqa is named by both documents.
    let aggregate: Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("aggregate.geojson")).unwrap()).unwrap();
    let raqqa = aggregate["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["name"] == "Ar Raqqah")
        .unwrap();
    assert_eq!(raqqa["properties"]["documents"], 2);
    assert_eq!(raqqa["properties"]["first_doc"], "monday");
    assert_eq!(raqqa["properties"]["last_doc"], "week2/tuesday");
    for file in [
        "aggregate.geojson",
        "places.geojson",
        "documents/monday.geojson",
    ] {
        if let Some(info) = common::ogrinfo(&["-ro", "-al", "-so"], &out_dir.join(file)) {
            let expected = if file == "clusters.geojson" {
                "Feature Count: "
            } else {
                "Geometry: Point"
            };
            assert!(info.contains(expected), "{file}: {info}");
        }
    }
    // No temporary file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_csv_of_articles_with_id_and_text_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.csv");
    std::fs::write(
        &path,
        "\u{feff}url,body,section\r\nhttps://x/1,\"Shelling hit Aleppo.\nThen Homs.\",world\r\nhttps://x/2,Rain in Tikrit.,weather\r\n",
    )
    .unwrap();
    let out = geomention()
        .arg("batch")
        .arg(&path)
        .args(["--text-column", "body", "--id-column", "url", "-q"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out.stdout);
    assert_eq!(got[0]["id"], "https://x/1");
    assert_eq!(got[0]["section"], "world", "other columns carried");
    assert_eq!(got[0]["mentions"].as_array().unwrap().len(), 2);
    assert_eq!(got[1]["mentions"][0]["text"], "Tikrit");
    geomention()
        .arg("batch")
        .arg(&path)
        .args(["--text-column", "text"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "has no column \"text\"; its columns are: \"url\", \"body\", \"section\"",
        ));
    // A header that is not UTF-8 names no column either: the same stop, with a hint (found by
    // fuzzing: before, the file became one failed record and its rows were not counted).
    let latin1 = dir.path().join("latin1.csv");
    std::fs::write(
        &latin1,
        b"url,body,r\xe9gion\nhttps://x/3,Rain in Homs.,Syrie\n",
    )
    .unwrap();
    geomention()
        .arg("batch")
        .arg(&latin1)
        .args(["--text-column", "body"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "latin1.csv: the header is not UTF-8",
        ))
        .stderr(predicate::str::contains("iconv"));
}

#[test]
fn a_csv_quote_that_is_never_closed_is_a_failed_record_not_a_giant_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stray.csv");
    std::fs::write(
        &path,
        "id,text\na1,Rain in Homs.\na2,\"Shelling hit Raqqa.\na3,Floods in Mosul.\na4,Protest in Paris.\n",
    )
    .unwrap();
    let out = geomention()
        .arg("batch")
        .arg(&path)
        .args(["--text-column", "text", "--id-column", "id"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 2, "the row before the quote, and the failed one");
    assert_eq!(got[0]["mentions"][0]["text"], "Homs");
    assert_eq!(got[1]["mentions"].as_array().unwrap().len(), 0);
    let error = got[1]["error"].as_str().unwrap();
    assert!(
        error.contains("a quoted field opened on line 3 is never closed"),
        "{error}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("stray.csv:3"), "{stderr}");
    assert!(stderr.contains("1 failed"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_mid_batch_leaves_no_output_file() {
    // The batch reads a pipe that is never closed first, so it is still running whatever its
    // speed when the signal comes; the signal is sent once its output's temporary file exists
    // (the handler is set before that file is made).
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.jsonl");
    let bin = assert_cmd::cargo::cargo_bin("geomention");
    let mut child = std::process::Command::new(bin)
        .args([
            "batch",
            "-",
            "--input-format",
            "jsonl",
            "-q",
            "-j",
            "1",
            "-o",
        ])
        .arg(&target)
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for i in 0..5 {
        writeln!(
            stdin,
            r#"{{"id": "good-{i}", "text": "Clashes in Raqqa and Mosul."}}"#
        )
        .unwrap();
    }
    stdin.flush().unwrap();
    let temporary = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
    };
    let waited = std::time::Instant::now();
    while !temporary() {
        assert!(
            waited.elapsed() < std::time::Duration::from_secs(60),
            "no temporary output file"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    // More input keeps coming, so the batch can only end by the interrupt: once the handler
    // has run, it stops reading, and the pipe's closed end fails the next write.
    let feeding = std::time::Instant::now();
    while writeln!(stdin, r#"{{"id": "more", "text": "Shelling in Aleppo."}}"#).is_ok() {
        assert!(
            feeding.elapsed() < std::time::Duration::from_secs(60),
            "the batch went on reading after Ctrl-C"
        );
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert!(!target.exists(), "no half-written output");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files removed");
}
