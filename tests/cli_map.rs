//! `geomention map` as a user runs it: articles the team wrote in, GeoJSON, CSV and mentions
//! JSONL out, read back with serde and with GDAL's `ogrinfo`; bad inputs refused clearly.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::{geomention, ogrinfo};
use predicates::prelude::*;
use serde_json::Value;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn fixture(name: &str) -> PathBuf {
    common::fixture("articles", name)
}

fn mentions_of(text_path: &Path) -> Value {
    let out = geomention()
        .arg("map")
        .arg(text_path)
        .args(["-o", "-", "--format", "mentions-jsonl", "-q"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn map_writes_output_stem_geojson_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("offensive.txt");
    std::fs::copy(example("euphrates-offensive.txt"), &article).unwrap();
    geomention()
        .current_dir(dir.path())
        .args(["map", "offensive.txt"])
        .assert()
        .success()
        .stderr(predicate::str::contains("output/offensive.geojson"))
        .stderr(predicate::str::contains("Deir ez-Zor ×4"));
    let path = dir.path().join("output/offensive.geojson");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    assert!(v.get("crs").is_none(), "RFC 7946: no crs member");
    let features = v["features"].as_array().unwrap();
    let by_name = |n: &str| {
        features
            .iter()
            .find(|f| f["properties"]["name"] == n)
            .unwrap_or_else(|| panic!("no feature {n}"))
    };
    let deir = by_name("Deir ez-Zor");
    assert_eq!(deir["properties"]["mentions"], 4);
    assert_eq!(deir["properties"]["doc_id"], "offensive");
    assert_eq!(deir["properties"]["country_code"], "SY");
    // [lon, lat] order: Deir ez-Zor is at about 40.1 E, 35.3 N.
    let c = deir["geometry"]["coordinates"].as_array().unwrap();
    assert!((c[0].as_f64().unwrap() - 40.14).abs() < 0.1, "{c:?}");
    assert!((c[1].as_f64().unwrap() - 35.34).abs() < 0.1, "{c:?}");
    assert_eq!(by_name("Beirut")["properties"]["role"], "dateline");
    for f in features {
        for x in f["geometry"]["coordinates"].as_array().unwrap() {
            let s = x.to_string();
            let decimals = s.split('.').nth(1).map_or(0, str::len);
            assert!(decimals <= 6, "{s} has more than 6 decimals");
        }
        for key in [
            "doc_id",
            "place_id",
            "geonameid",
            "name",
            "country_code",
            "admin1",
            "feature_code",
            "population",
            "mentions",
            "surface_forms",
            "role",
            "activity_mentions",
            "confidence",
            "cluster",
            "snippet",
        ] {
            assert!(f["properties"].get(key).is_some(), "missing {key}: {f}");
        }
    }
}

#[test]
fn geojson_layers_and_csv_load_in_gdal_with_one_type_per_field() {
    let dir = tempfile::tempdir().unwrap();
    let places = dir.path().join("places.geojson");
    let mentions = dir.path().join("mentions.geojson");
    let csv = dir.path().join("mentions.csv");
    let article = example("euphrates-offensive.txt");
    let other = fixture("flood-us.txt");
    for (out, extra) in [
        (&places, vec![]),
        (&mentions, vec!["--layer", "mentions"]),
        (&csv, vec!["--format", "csv"]),
    ] {
        geomention()
            .arg("map")
            .arg(&article)
            .arg(&other)
            .arg("-o")
            .arg(out)
            .args(&extra)
            .arg("-q")
            .assert()
            .success();
    }
    let Some(info) = ogrinfo(&["-ro", "-al", "-so"], &places) else {
        return;
    };
    assert!(info.contains("Geometry: Point"), "{info}");
    assert!(info.contains("geonameid: Integer"), "{info}");
    assert!(info.contains("mentions: Integer"), "{info}");
    assert!(info.contains("confidence: Real"), "{info}");
    assert!(info.contains("doc_id: String"), "{info}");
    let count = |s: &str| -> u64 {
        s.lines()
            .find_map(|l| l.strip_prefix("Feature Count: "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    };
    let features: Value = serde_json::from_str(&std::fs::read_to_string(&places).unwrap()).unwrap();
    assert_eq!(
        count(&info),
        features["features"].as_array().unwrap().len() as u64
    );
    // Two documents in one layer, told apart by doc_id.
    let docs: std::collections::BTreeSet<&str> = features["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["doc_id"].as_str().unwrap())
        .collect();
    assert_eq!(docs.len(), 2);

    let info = ogrinfo(&["-ro", "-al", "-so"], &mentions).unwrap();
    assert!(info.contains("start: Integer"), "{info}");
    assert!(info.contains("resolved: Integer(Boolean)"), "{info}");
    let csv_info = ogrinfo(
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
        &csv,
    )
    .unwrap();
    assert!(csv_info.contains("Geometry: Point"), "{csv_info}");
    assert!(csv_info.contains("lat: Real"), "{csv_info}");
}

#[test]
fn mentions_jsonl_follows_the_contract_in_code_points_and_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.txt");
    let text = "Réfugiés near الرقة — then Raqqa, Syria, and Mosul’s outskirts.";
    std::fs::write(&path, text).unwrap();
    let v = mentions_of(&path);
    assert_eq!(v["id"], "mixed");
    let mentions = v["mentions"].as_array().unwrap();
    let chars: Vec<char> = text.chars().collect();
    let texts: Vec<&str> = mentions
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["الرقة", "Raqqa", "Syria", "Mosul"]);
    for m in mentions {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        let by_chars: String = chars[s..e].iter().collect();
        let (bs, be) = (
            m["byte_start"].as_u64().unwrap() as usize,
            m["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(by_chars, m["text"].as_str().unwrap());
        assert_eq!(&text[bs..be], m["text"].as_str().unwrap());
        let keys: Vec<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want = vec![
            "start",
            "end",
            "byte_start",
            "byte_end",
            "text",
            "lat",
            "lon",
            "place_id",
            "geonameid",
            "name",
            "country_code",
            "feature_code",
            "role",
            "evidence",
            "activity_score",
            "confidence",
            "resolved",
        ];
        let mut got = keys.clone();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want);
    }
    assert_eq!(mentions[0]["geonameid"], 172955);
    assert_eq!(mentions[1]["geonameid"], 172955);
}

#[test]
fn stdin_to_stdout_with_dash() {
    let out = geomention()
        .args(["map", "-", "--format", "geojson", "-q"])
        .write_stdin("Shelling hit Aleppo, Syria, and Idlib.")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Aleppo", "Syria", "Idlib"]);
    assert_eq!(v["features"][0]["properties"]["doc_id"], "stdin");
}

#[test]
fn trap_words_people_and_outlets_are_not_mapped() {
    let v = mentions_of(&fixture("traps.txt"));
    let texts: Vec<&str> = v["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    for word in [
        "From", "But", "At", "Sunni", "Reading", "Jordan", "Mobile", "Nice",
    ] {
        assert!(!texts.contains(&word), "{word} mapped: {texts:?}");
    }
    for place in ["Baghdad", "Anbar", "Fallujah", "Ramadi"] {
        assert!(texts.contains(&place), "{place} missing: {texts:?}");
    }
}

#[test]
fn us_local_story_resolves_with_abbreviations_and_counties() {
    let v = mentions_of(&fixture("flood-us.txt"));
    let places: Vec<(String, String)> = v["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["text"].as_str().unwrap().to_string(),
                format!(
                    "{} {}",
                    m["country_code"].as_str().unwrap_or(""),
                    m["name"].as_str().unwrap_or("")
                ),
            )
        })
        .collect();
    let find = |t: &str| {
        places
            .iter()
            .find(|(x, _)| x == t)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| panic!("{t} not found in {places:?}"))
    };
    assert_eq!(find("Charleston"), "US Charleston");
    assert_eq!(find("W.Va."), "US West Virginia");
    assert_eq!(find("Kanawha County"), "US Kanawha County");
    assert_eq!(find("Ohio"), "US Ohio");
}

#[test]
fn seed_article_must_show_list() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/article-000.txt");
    if !seed.exists() {
        eprintln!("note: {} is absent; seed check skipped", seed.display());
        return;
    }
    let v = mentions_of(&seed);
    let mentions = v["mentions"].as_array().unwrap();
    let resolved: Vec<(&str, &str)> = mentions
        .iter()
        .map(|m| {
            (
                m["text"].as_str().unwrap(),
                m["country_code"].as_str().unwrap_or(""),
            )
        })
        .collect();
    for (name, cc) in [
        ("Syria", "SY"),
        ("Iraq", "IQ"),
        ("Iran", "IR"),
        ("Raqqa", "SY"),
        ("Mosul", "IQ"),
        ("Tehran", "IR"),
        ("Baghdad", "IQ"),
        ("Damascus", "SY"),
        ("Lebanon", "LB"),
        ("Afghanistan", "AF"),
        ("Russia", "RU"),
        ("TEL AVIV", "IL"),
        ("U.S.", "US"),
    ] {
        assert!(
            resolved.contains(&(name, cc)),
            "{name} → {cc} missing: {resolved:?}"
        );
    }
    for word in ["From", "But", "At"] {
        assert!(resolved.iter().all(|(t, _)| *t != word), "{word} mapped");
    }
    assert_eq!(resolved.iter().filter(|(t, _)| *t == "Raqqa").count(), 4);
    let tel_aviv = mentions.iter().find(|m| m["text"] == "TEL AVIV").unwrap();
    assert_eq!(tel_aviv["role"], "dateline");
    // Issue 5's roles on the seed: the outlet is a source, the front is activity, the
    // Iranian forces are actors.
    let role_of = |text: &str| -> Vec<&str> {
        mentions
            .iter()
            .filter(|m| m["text"] == text)
            .map(|m| m["role"].as_str().unwrap())
            .collect()
    };
    assert_eq!(role_of("Jerusalem"), ["source"], "Breitbart Jerusalem");
    assert_eq!(role_of("Mosul"), ["activity"]);
    assert!(
        role_of("Raqqa")
            .iter()
            .filter(|r| **r == "activity")
            .count()
            >= 3
    );
    assert_eq!(role_of("Iraqi-Syrian Border"), ["activity"]);
    // "Iranian forces" and every other "Iranian" of the article.
    let iranian = role_of("Iranian");
    assert!(
        !iranian.is_empty() && iranian.iter().all(|r| *r == "actor"),
        "{iranian:?}"
    );
    assert!(mentions.iter().all(|m| m["evidence"].is_string()));
}

#[test]
fn invalid_utf8_is_an_error_with_the_byte_offset_unless_lossy() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"Fighting in Mosul and Damas\xE9 today").unwrap();
    geomention()
        .current_dir(dir.path())
        .args(["map", "latin1.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "latin1.txt is not valid UTF-8 at byte 27",
        ))
        .stderr(predicate::str::contains("--lossy"));
    assert!(!dir.path().join("output/latin1.geojson").exists());
    geomention()
        .current_dir(dir.path())
        .args(["map", "latin1.txt", "--lossy", "-q"])
        .assert()
        .success();
    let v: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("output/latin1.geojson")).unwrap(),
    )
    .unwrap();
    assert_eq!(v["features"][0]["properties"]["name"], "Mosul");
}

#[test]
fn empty_binary_and_missing_inputs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(dir.path().join("junk.bin"), b"\x7fELF\x00\x00\x01binary").unwrap();
    std::fs::write(dir.path().join("ok.txt"), b"Rain fell on Aleppo.").unwrap();
    // Each input is handled on its own: the good ones are written, the bad ones reported.
    geomention()
        .current_dir(dir.path())
        .args(["map", "empty.txt", "junk.bin", "nope.txt", "ok.txt", "-q"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("junk.bin looks binary"))
        .stderr(predicate::str::contains("cannot read nope.txt"));
    let empty: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("output/empty.geojson")).unwrap(),
    )
    .unwrap();
    assert_eq!(empty["type"], "FeatureCollection");
    assert_eq!(empty["features"].as_array().unwrap().len(), 0);
    assert!(dir.path().join("output/ok.geojson").exists());
    assert!(!dir.path().join("output/junk.geojson").exists());
}

#[test]
fn one_output_file_is_not_written_when_no_input_could_be_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("junk.bin"), b"\x7fELF\x00\x00\x01binary").unwrap();
    std::fs::write(dir.path().join("ok.txt"), b"Rain fell on Aleppo.").unwrap();
    // Nothing readable: no file that would pass for a map of nothing.
    geomention()
        .current_dir(dir.path())
        .args(["map", "junk.bin", "nope.txt", "-o", "all.geojson", "-q"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("junk.bin looks binary"))
        .stderr(predicate::str::contains("all.geojson was not written"));
    assert!(!dir.path().join("all.geojson").exists());
    // One good input among bad ones: written, the bad ones reported.
    geomention()
        .current_dir(dir.path())
        .args(["map", "junk.bin", "ok.txt", "-o", "all.geojson", "-q"])
        .assert()
        .code(1);
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("all.geojson")).unwrap())
            .unwrap();
    assert_eq!(v["features"][0]["properties"]["name"], "Aleppo");
    // Standard output, already streaming, ends as a complete (empty) collection.
    let out = geomention()
        .current_dir(dir.path())
        .args(["map", "junk.bin", "-o", "-", "-q"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["features"].as_array().unwrap().len(), 0);
}

#[test]
fn bom_and_crlf_are_handled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.txt");
    std::fs::write(&path, "\u{FEFF}Mosul fell.\r\nRaqqa next.\r\n").unwrap();
    let v = mentions_of(&path);
    let m = v["mentions"].as_array().unwrap();
    assert_eq!(m[0]["text"], "Mosul");
    assert_eq!(m[0]["start"], 0, "offsets count from after the BOM");
    assert_eq!(m[1]["text"], "Raqqa");
}

#[test]
fn usage_errors_exit_2() {
    geomention()
        .args(["map", "x.txt", "--bias-country", "Syria"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("two-letter country code"));
    geomention()
        .args(["map", "x.txt", "--format", "shapefile"])
        .assert()
        .code(2);
}

#[test]
fn unwritable_output_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("no/such/dir/out.geojson");
    // A file where the output directory should be makes the directory impossible to create.
    std::fs::write(dir.path().join("no"), b"a file, not a directory").unwrap();
    geomention()
        .arg("map")
        .arg(example("euphrates-offensive.txt"))
        .arg("-o")
        .arg(&target)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot create"));
    assert!(!target.exists());
}

#[test]
fn texts_longer_than_a_part_stream_with_exact_offsets() {
    // About 3 MB on one line: parsed and exported in several parts.
    let unit = "Fighting near Mosul continued. Ça va à Raqqa. ";
    let repeats = 3 * 1024 * 1024 / unit.len();
    let text = unit.repeat(repeats);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    std::fs::write(&path, &text).unwrap();
    let v = mentions_of(&path);
    let mentions = v["mentions"].as_array().unwrap();
    assert_eq!(mentions.len(), 2 * repeats);
    let chars: Vec<char> = text.chars().collect();
    for m in mentions.iter().step_by(4999).chain(mentions.last()) {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        let (bs, be) = (
            m["byte_start"].as_u64().unwrap() as usize,
            m["byte_end"].as_u64().unwrap() as usize,
        );
        let by_chars: String = chars[s..e].iter().collect();
        assert_eq!(by_chars, m["text"].as_str().unwrap());
        assert_eq!(&text[bs..be], m["text"].as_str().unwrap());
    }
    let out = geomention()
        .arg("map")
        .arg(&path)
        .args(["-o", "-", "-q"])
        .output()
        .unwrap();
    let places: Value = serde_json::from_slice(&out.stdout).unwrap();
    let counts: Vec<u64> = places["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["mentions"].as_u64().unwrap())
        .collect();
    assert_eq!(
        counts,
        [repeats as u64, repeats as u64],
        "one feature per place, all parts"
    );
}

#[test]
fn output_to_a_pipe_or_device_writes_through_it_instead_of_replacing_it() {
    // `-o /dev/null` or a named pipe must stay what it is: an atomic rename over it would
    // turn the device into a regular file.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = Process::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("note: mkfifo unavailable; pipe check skipped");
        return;
    }
    let received = dir.path().join("received.geojson");
    let reader = Process::new("sh")
        .arg("-c")
        .arg(format!(
            "cat '{}' > '{}'",
            fifo.display(),
            received.display()
        ))
        .spawn()
        .unwrap();
    geomention()
        .arg("map")
        .arg(example("euphrates-offensive.txt"))
        .arg("-o")
        .arg(&fifo)
        .arg("-q")
        .assert()
        .success();
    let status = reader.wait_with_output().unwrap().status;
    assert!(status.success());
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata(&fifo).unwrap().file_type().is_fifo(),
        "the pipe was replaced"
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&received).unwrap()).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
}

#[test]
fn the_clusters_layer_groups_the_front_and_keeps_tehran_apart() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("front.txt");
    std::fs::write(
        &article,
        "DEIR EZ-ZOR, Syria (AP) — Government forces advanced on Raqqa and shelled Deir ez-Zor \
         on Monday, and fighting spread to Abu Kamal on the border. Tehran warned against \
         attacks on its advisers. Officials in Tehran said nothing more.",
    )
    .unwrap();
    let clusters = dir.path().join("areas.geojson");
    geomention()
        .arg("map")
        .arg(&article)
        .args(["--layer", "clusters", "-q", "-o"])
        .arg(&clusters)
        .assert()
        .success();
    let layer: Value = serde_json::from_slice(&std::fs::read(&clusters).unwrap()).unwrap();
    let features = layer["features"].as_array().unwrap();
    let front = features
        .iter()
        .find(|f| {
            f["properties"]["members"]
                .as_str()
                .unwrap()
                .contains("Ar Raqqah")
        })
        .unwrap();
    let members = front["properties"]["members"].as_str().unwrap();
    assert!(
        members.contains("Deir ez-Zor") && members.contains("Ālbū Kamāl"),
        "{members}"
    );
    assert!(!members.contains("Tehran"), "{members}");
    assert_eq!(front["geometry"]["type"], "Polygon");
    assert_eq!(front["properties"]["activity_area"], true);
    let tehran = features
        .iter()
        .find(|f| f["properties"]["members"] == "Tehran")
        .unwrap();
    assert_eq!(tehran["geometry"]["type"], "Point");
    assert_eq!(tehran["properties"]["activity_area"], false);
    if let Some(info) = ogrinfo(&["-ro", "-al", "-so"], &clusters) {
        assert!(info.contains("Feature Count: 2"), "{info}");
        assert!(info.contains("radius_km: Real"), "{info}");
    }
    // The places layer names the cluster of each place.
    let out = geomention()
        .arg("map")
        .arg(&article)
        .args(["-q", "-o", "-"])
        .output()
        .unwrap();
    let places: Value = serde_json::from_slice(&out.stdout).unwrap();
    for f in places["features"].as_array().unwrap() {
        let p = &f["properties"];
        match p["name"].as_str().unwrap() {
            "Syria" => assert!(p["cluster"].is_null(), "countries are not clustered"),
            _ => assert!(p["cluster"].is_u64(), "{p}"),
        }
    }
}

/// The HTML page of the example article, written to `dir`.
fn html_page(dir: &Path) -> (PathBuf, Value) {
    let page = dir.join("map.html");
    geomention()
        .arg("map")
        .arg(example("euphrates-offensive.txt"))
        .args(["--format", "html", "-q", "-o"])
        .arg(&page)
        .assert()
        .success();
    let places = geomention()
        .arg("map")
        .arg(example("euphrates-offensive.txt"))
        .args(["-q", "-o", "-"])
        .output()
        .unwrap();
    (page, serde_json::from_slice(&places.stdout).unwrap())
}

#[test]
fn html_is_one_self_contained_page() {
    let dir = tempfile::tempdir().unwrap();
    let (page, places) = html_page(dir.path());
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    // Nothing is fetched: no external script, style, image or font.
    for needle in ["src=\"http", "href=\"http", "<link", "@import", "url(http"] {
        assert!(!html.contains(needle), "{needle}");
    }
    // The embedded data holds every place of the places layer.
    let start = html
        .find("id=\"geomention-data\" type=\"application/json\">")
        .unwrap();
    let json_start = html[start..].find('>').unwrap() + start + 1;
    let json_end = html[json_start..].find("</script>").unwrap() + json_start;
    let data: Value = serde_json::from_str(&html[json_start..json_end]).unwrap();
    let n = places["features"].as_array().unwrap().len();
    assert_eq!(data["places"].as_array().unwrap().len(), n);
    assert!(html.contains("Role of the place"));
}

/// Debian's chromium, headless: `.ci/run` installs it. Outside CI a missing browser skips the
/// check with a note; in CI it fails the test.
fn chromium_dom(page: &Path) -> Option<String> {
    let url = format!("file://{}", page.display());
    let out = Process::new("chromium")
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=5000",
            "--dump-dom",
            &url,
        ])
        .output();
    match out {
        Ok(out) => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("note: chromium is not installed; browser checks skipped");
            None
        }
        Err(e) => panic!("chromium is required in CI: {e}"),
    }
}

#[test]
fn html_renders_its_places_in_a_real_browser() {
    let dir = tempfile::tempdir().unwrap();
    let (page, places) = html_page(dir.path());
    let Some(dom) = chromium_dom(&page) else {
        return;
    };
    assert!(dom.contains("data-ready=\"1\""), "the script ran");
    let n = places["features"].as_array().unwrap().len();
    assert_eq!(
        dom.matches("<circle class=\"place ").count(),
        n,
        "one marker per place"
    );
    assert!(
        dom.matches("<path class=\"land\"").count() > 150,
        "the base map is drawn"
    );
    let rows = dom
        .split("<tbody>")
        .nth(1)
        .unwrap()
        .split("</tbody>")
        .next()
        .unwrap();
    assert_eq!(rows.matches("<tr").count(), n, "one table row per place");
    assert!(
        dom.contains("class=\"place activity\""),
        "activity is coloured"
    );
    assert!(dom.contains("dateline: reported from"), "legend");
}

#[cfg(unix)]
#[test]
fn output_files_are_readable_by_others_like_a_redirect() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("places.geojson");
    geomention()
        .arg("map")
        .arg(example("euphrates-offensive.txt"))
        .args(["-q", "-o"])
        .arg(&out)
        .assert()
        .success();
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "{mode:o}");
    // Replacing a file keeps its mode.
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
    geomention()
        .arg("map")
        .arg(example("euphrates-offensive.txt"))
        .args(["-q", "-o"])
        .arg(&out)
        .assert()
        .success();
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
}

#[test]
fn a_qgis_style_lands_next_to_the_places_layer() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("front.geojson");
    geomention()
        .arg("map")
        .arg(example("euphrates-offensive.txt"))
        .args(["-q", "--qgis-style", "-o"])
        .arg(&out)
        .assert()
        .success();
    let qml = std::fs::read_to_string(dir.path().join("front.qml")).unwrap();
    assert!(qml.starts_with("<!DOCTYPE qgis"));
    assert!(qml.contains(r#"attr="role""#) && qml.contains("mentions"));
    // Well-formed: tags nest and close (a small check without an XML parser).
    let mut open: Vec<&str> = Vec::new();
    for tag in qml.split('<').skip(1).map(|t| t.split('>').next().unwrap()) {
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let name = tag
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap();
        if tag.starts_with('/') {
            assert_eq!(open.pop(), Some(name), "</{name}> closes the wrong element");
        } else if !tag.ends_with('/') {
            open.push(name);
        }
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    // Not for other layers.
    geomention()
        .arg("map")
        .arg(example("euphrates-offensive.txt"))
        .args(["-q", "--qgis-style", "--layer", "mentions", "-o"])
        .arg(&out)
        .assert()
        .code(2);
}

/// When Debian's python3-qgis is installed (it is not in CI: it is large), load the layer in
/// QGIS itself and check that the .qml was applied.
#[test]
fn qgis_applies_the_style_when_it_is_installed() {
    let has_qgis = Process::new("/usr/bin/python3")
        .args(["-c", "import qgis.core"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_qgis {
        eprintln!("note: python3-qgis is not installed; QGIS check skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("front.geojson");
    geomention()
        .arg("map")
        .arg(example("euphrates-offensive.txt"))
        .args(["-q", "--qgis-style", "-o"])
        .arg(&out)
        .assert()
        .success();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/check_qgis_style.py");
    let report = Process::new("/usr/bin/python3")
        .arg(script)
        .arg(&out)
        .env("QT_QPA_PLATFORM", "offscreen")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&report.stdout);
    assert!(text.contains("renderer categorizedSymbol role"), "{text}");
    assert!(
        text.contains("activity #d7301f SimpleMarker 2 + 1.2 * sqrt(\"mentions\")"),
        "{text}"
    );
    assert!(text.contains("labels True name"), "{text}");
}
