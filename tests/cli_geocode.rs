//! `geomention geocode` as a user runs it: names as arguments, then CSV tables with the dialect
//! problems real exports have, read back with the csv crate and with GDAL's `ogrinfo`.

mod common;

use std::path::Path;

use common::{geomention, ogrinfo};
use predicates::prelude::*;
use serde_json::Value;

fn geocode_json(args: &[&str]) -> Value {
    let out = geomention()
        .arg("geocode")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).expect("geocode --json prints JSON")
}

#[test]
fn names_with_their_own_context_resolve_to_the_right_places() {
    let answers = geocode_json(&[
        "Aleppo, Syria",
        "Springfield, IL",
        "Paris (Texas)",
        "Al Mawsil",
        "Deir al-Zour",
        "Haifa, IL",
        "Springfield, Sangamon County, Illinois",
    ]);
    let got: Vec<(String, String, String)> = answers
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["matched_name"].as_str().unwrap().to_string(),
                a["country_code"].as_str().unwrap().to_string(),
                a["admin1"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("Aleppo", "SY", "Aleppo"),
        ("Springfield", "US", "Illinois"),
        ("Paris", "US", "Texas"),
        ("Mosul", "IQ", "Nineveh"),
        ("Deir ez-Zor", "SY", "Deir ez-Zor"),
        ("Haifa", "IL", "Haifa"),
        ("Springfield", "US", "Illinois"),
    ];
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0.as_str(), g.1.as_str(), g.2.as_str()), w);
    }
    // Each answer says why, and the context it used.
    let reason = answers[1]["reason"].as_str().unwrap();
    assert!(reason.contains("Illinois"), "{reason}");
    assert_eq!(answers[0]["match_type"], "exact");
    assert_eq!(answers[3]["match_type"], "alias");
}

/// Event tables write where things happened as parts or surroundings of a place; each finds
/// the place, says "part", and keeps to the kind of place its qualifier asks for.
#[test]
fn parts_and_surroundings_of_places_find_the_place() {
    let answers = geocode_json(&[
        "northern Syria",
        "the Aleppo countryside",
        "outskirts of Mosul",
        "Raqqa province",
        "Washington state",
        "metro Atlanta",
        "Jammu & Kashmir",
        "St. Louis County, Missouri",
        "southern China",
        "Twiggs Co",
        "Co. Cork",
        "SW Pennsylvania",
    ]);
    let got: Vec<(&str, &str, &str, &str)> = answers
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["matched_name"].as_str().unwrap(),
                a["country_code"].as_str().unwrap(),
                a["feature_code"].as_str().unwrap(),
                a["match_type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Syria", "SY", "PCLI", "part"),
            ("Aleppo", "SY", "PPLA", "part"),
            ("Mosul", "IQ", "PPLA", "part"),
            ("Ar-Raqqah", "SY", "ADM1", "part"),
            ("Washington", "US", "ADM1", "alias"),
            ("Atlanta", "US", "PPLA", "part"),
            // (As "Jammu and Kashmir" is: the disputed territory before India's state.)
            ("Jammu and Kashmir", "", "TERR", "abbreviation"),
            ("Saint Louis County", "US", "ADM2", "abbreviation"),
            // (A country keeps its name where it is also an ordinary word: china.)
            ("China", "CN", "PCLI", "part"),
            ("Twiggs County", "US", "ADM2", "abbreviation"),
            ("County Cork", "IE", "ADM2", "abbreviation"),
            ("Pennsylvania", "US", "ADM1", "part"),
        ]
    );
    let reason = answers[0]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("part match for \"northern Syria\" (Syria)"),
        "{reason}"
    );
    // A qualifier alone, or before an ordinary word, names no place.
    for name in ["northern", "Central Park Zoo Annex"] {
        let a = &geocode_json(&[name])[0];
        assert_ne!(a["match_type"], "part", "{name}: {a}");
    }
}

#[test]
fn country_and_admin1_options_accept_names_and_codes() {
    for country in ["US", "USA", "United States"] {
        let a = geocode_json(&["Paris", "--country", country]);
        assert_eq!(a[0]["country_code"], "US", "--country {country}");
    }
    for admin1 in ["TN", "Tenn.", "Tennessee", "US.TN"] {
        let a = geocode_json(&["Paris", "--country", "US", "--admin1", admin1]);
        assert_eq!(a[0]["admin1"], "Tennessee", "--admin1 {admin1}");
    }
    // Without context the most prominent Paris, and a confidence that says so.
    let a = geocode_json(&["Paris"]);
    assert_eq!(a[0]["country_code"], "FR");
    assert!(a[0]["score"].as_f64().unwrap() > 0.9);
    let a = geocode_json(&["Springfield"]);
    assert!(a[0]["score"].as_f64().unwrap() < 0.6, "{a}");
    assert!(a[0]["alternatives"].as_u64().unwrap() >= 2, "{a}");
}

#[test]
fn a_similar_spelling_never_outranks_a_literal_name_that_fits_as_well() {
    for query in [
        "Rakka", "Halab", "Mosul", "Homs", "Idleb", "Kobane", "Paris",
    ] {
        let a = geocode_json(&[query, "--limit", "50"]);
        let candidates = a[0]["candidates"].as_array().unwrap();
        let mut seen_fuzzy_at = None;
        for (i, c) in candidates.iter().enumerate() {
            if c["match"] == "fuzzy" {
                seen_fuzzy_at.get_or_insert(i);
            } else if let Some(f) = seen_fuzzy_at {
                panic!("{query}: literal candidate {i} ranked after fuzzy candidate {f}: {a}");
            }
        }
    }
    // A transliteration with no literal match still finds the city, marked as fuzzy.
    let a = geocode_json(&["Dair el Zour"]);
    assert_eq!(a[0]["matched_name"], "Deir ez-Zor", "{a}");
    assert_eq!(a[0]["match_type"], "fuzzy");
}

#[test]
fn an_unknown_name_is_reported_and_fails() {
    geomention()
        .args(["geocode", "Qqzzyxville"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no place called"));
}

/// Writes `bytes` as a file in a fresh temporary directory.
fn table(bytes: &[u8], name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

const EVENTS: &[u8] = b"\xEF\xBB\xBFid,location,country,note\r\n\
1,Raqqa,SY,\"two\nlines\"\r\n\
2,\"Aleppo, Syria\",,\r\n\
3,Springfield,US,\r\n\
4,Al Mawsil,IRQ,\r\n\
5,Qqzzyxville,,\r\n\
6,Mosul\r\n\
7,Homs,SY,a,extra\r\n\
8,caf\xE9,,\r\n";

fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn a_csv_keeps_every_row_and_column_and_reports_the_bad_ones() {
    let (_dir, path) = table(EVENTS, "events.csv");
    let out = geomention()
        .args(["geocode", "--csv"])
        .arg(&path)
        .args([
            "--column",
            "location",
            "--country-column",
            "country",
            "-o",
            "-",
        ])
        .output()
        .unwrap();
    // The row that is not UTF-8 makes the run fail, after everything was written.
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("events.csv:7: the row has 2 fields"),
        "{stderr}"
    );
    assert!(
        stderr.contains("events.csv:8: the row has 5 fields"),
        "{stderr}"
    );
    assert!(
        stderr.contains("events.csv:9: not UTF-8") && stderr.contains("iconv"),
        "{stderr}"
    );
    assert!(
        stderr.contains("8 rows: 6 geocoded, 1 unmatched, 1 unreadable"),
        "{stderr}"
    );
    // The unreadable row's bytes are passed through as they were.
    assert!(out.stdout.windows(5).any(|w| w == b"caf\xE9,"));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let rows = read_csv(text.as_bytes());
    assert_eq!(rows.len(), 9, "header and 8 rows");
    let header = &rows[0];
    assert_eq!(
        &header[..4],
        ["id", "location", "country", "note"],
        "BOM dropped"
    );
    assert_eq!(
        &header[4..],
        [
            "lat",
            "lon",
            "place_id",
            "geonameid",
            "matched_name",
            "feature_code",
            "country_code",
            "admin1",
            "population",
            "match_type",
            "score",
            "alternatives",
            "reason"
        ]
    );
    let col = |row: &[String], name: &str| {
        let i = header.iter().position(|h| h == name).unwrap();
        row.get(i).cloned().unwrap_or_default()
    };
    assert_eq!(col(&rows[1], "note"), "two\nlines", "quoted newline kept");
    assert_eq!(col(&rows[1], "matched_name"), "Ar Raqqah");
    assert_eq!(col(&rows[2], "country_code"), "SY");
    assert_eq!(col(&rows[4], "matched_name"), "Mosul", "ISO-3 country code");
    assert_eq!(
        col(&rows[5], "lat"),
        "",
        "unmatched row kept, empty coordinates"
    );
    assert!(col(&rows[5], "reason").contains("no place called"));
    // A short row is padded; a long row keeps its extra field after the added columns.
    assert_eq!(col(&rows[6], "matched_name"), "Mosul");
    assert_eq!(col(&rows[7], "matched_name"), "Homs");
    assert_eq!(rows[7].last().map(String::as_str), Some("extra"));
    assert!(col(&rows[8], "reason").contains("not UTF-8"));
}

#[test]
fn output_is_the_same_for_any_number_of_jobs() {
    let mut rows = String::from("id;place\n");
    let names = [
        "Raqqa",
        "Mosul",
        "Aleppo, Syria",
        "Springfield, IL",
        "Tikrit",
        "Qqzzy",
    ];
    for i in 0..5000 {
        rows.push_str(&format!("{i};{}\n", names[i % names.len()]));
    }
    let (_dir, path) = table(rows.as_bytes(), "many.csv");
    let run = |jobs: &str| {
        geomention()
            .args(["geocode", "--csv"])
            .arg(&path)
            .args(["--column", "place", "--delimiter", ";", "-o", "-", "-q"])
            .args(["--jobs", jobs])
            .output()
            .unwrap()
    };
    let one = run("1");
    let three = run("3");
    assert!(one.status.success());
    assert_eq!(one.stdout, three.stdout);
    let rows = read_csv(&one.stdout);
    assert_eq!(rows.len(), 5001);
    assert!(
        rows[1][0].starts_with("0;Raqqa;"),
        "semicolons kept: {:?}",
        rows[1]
    );
}

#[test]
fn a_missing_column_lists_the_columns_there_are() {
    let (_dir, path) = table(b"id,place\n1,Raqqa\n", "t.csv");
    geomention()
        .args(["geocode", "--csv"])
        .arg(&path)
        .args(["--column", "location", "-o", "-"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "has no column \"location\"; its columns are: 1 \"id\", 2 \"place\"",
        ));
}

#[test]
fn a_header_that_is_not_utf8_stops_with_a_hint_and_an_empty_file_is_an_error() {
    let (_dir, path) = table(b"id,lieu\xE9\n1,Raqqa\n", "latin1.csv");
    geomention()
        .args(["geocode", "--csv"])
        .arg(&path)
        .args(["--column", "2", "-o", "-"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("iconv"));
    let (_dir, path) = table(b"", "empty.csv");
    geomention()
        .args(["geocode", "--csv"])
        .arg(&path)
        .args(["--column", "place", "-o", "-"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("empty"));
}

#[test]
fn a_quote_that_is_never_closed_stops_the_run_and_writes_nothing() {
    // The csv reader would end the open field at the end of the file, geocoding one cell made
    // of every remaining line and silently dropping the rows in it.
    let (dir, path) = table(
        b"id,place\n1,Paris\n2,\"Lon,don\n3,Berlin\n4,Rome\n",
        "stray.csv",
    );
    let out = dir.path().join("out.csv");
    geomention()
        .args(["geocode", "--csv"])
        .arg(&path)
        .args(["--column", "place", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "a quoted field opened on line 3 is never closed",
        ));
    assert!(!out.exists(), "no half-written output");
    // The same quote closed is a cell with a comma in it, and every row is read.
    let (_dir, path) = table(b"id,place\n1,Paris\n2,\"Lon,don\"\n3,Berlin\n", "fine.csv");
    let out = geomention()
        .args(["geocode", "--csv"])
        .arg(&path)
        .args(["--column", "place", "-o", "-", "-q"])
        .output()
        .unwrap();
    assert_eq!(read_csv(&out.stdout).len(), 4);
}

#[test]
fn headerless_tsv_from_stdin_by_column_number() {
    geomention()
        .args(["geocode", "--csv", "-", "--no-header", "--column", "2"])
        .args(["--delimiter", "tab", "-q"])
        .write_stdin("a\tTikrit\nb\tBaghdad, Iraq\n")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("a\tTikrit\t34.6")
                .and(predicate::str::contains("b\tBaghdad, Iraq\t33.3")),
        );
}

#[test]
fn outputs_load_in_gdal_with_typed_columns() {
    let (dir, path) = table(EVENTS, "events.csv");
    let csv_out = dir.path().join("out.csv");
    let geojson_out = dir.path().join("out.geojson");
    for (format, out) in [("csv", &csv_out), ("geojson", &geojson_out)] {
        geomention()
            .args(["geocode", "--csv"])
            .arg(&path)
            .args(["--column", "location", "-q", "--format", format, "-o"])
            .arg(out)
            .assert()
            .code(1);
    }
    // QGIS's delimited-text loader and GDAL read the same conventions: X/Y columns by name.
    let Some(info) = ogrinfo(
        &[
            "-ro",
            "-al",
            "-so",
            "-oo",
            "X_POSSIBLE_NAMES=lon",
            "-oo",
            "Y_POSSIBLE_NAMES=lat",
            "-oo",
            "AUTODETECT_TYPE=YES",
        ],
        &csv_out,
    ) else {
        return;
    };
    assert!(info.contains("Geometry: Point"), "{info}");
    assert!(info.contains("Feature Count: 8"), "{info}");
    assert!(info.contains("lat: Real"), "{info}");
    assert!(info.contains("population: Integer"), "{info}");
    let info = ogrinfo(&["-ro", "-al", "-so"], &geojson_out).unwrap();
    assert!(info.contains("Geometry: Point"), "{info}");
    assert!(info.contains("Feature Count: 8"), "{info}");
    assert!(info.contains("score: Real"), "{info}");
    assert!(info.contains("location: String"), "{info}");
    let detail = ogrinfo(&["-ro", "-al"], &geojson_out).unwrap();
    assert!(
        detail.contains("POINT (39.00788 35.95283)"),
        "Raqqa: {detail}"
    );
    let _ = Path::new(&geojson_out);
}

#[test]
fn jsonl_rows_carry_the_input_columns() {
    let out = geomention()
        .args([
            "geocode", "--csv", "-", "--column", "place", "--format", "jsonl", "-q",
        ])
        .write_stdin("id,place\n1,\"Aleppo, Syria\"\n2,Qqzzy\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "1");
    assert_eq!(lines[0]["country_code"], "SY");
    assert!(lines[0]["lat"].is_f64());
    assert!(lines[1]["lat"].is_null());
}
