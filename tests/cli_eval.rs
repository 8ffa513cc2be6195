//! `geomention eval`: it agrees with score.py on a fixture, the team's role test set
//! (`eval/roles/`) is what its markup says, and roles on it reach issue 5's bar.

mod common;

use std::path::Path;

use common::geomention;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One article: id, text, and (start, end, role) spans in code points.
type Article = (String, String, Vec<(usize, usize, String)>);

/// Re-derives the articles from the markup, as scripts/roles_to_jsonl.py does.
fn from_markup() -> Vec<Article> {
    let markup = std::fs::read_to_string(root().join("eval/roles/articles.txt")).unwrap();
    let mut out = Vec::new();
    let mut body = String::new();
    let mut id: Option<String> = None;
    let mut flush = |id: &Option<String>, body: &str| {
        let Some(id) = id else { return };
        let (mut text, mut spans) = (String::new(), Vec::new());
        let mut rest = body.trim();
        while let Some(open) = rest.find('[') {
            text.push_str(&rest[..open]);
            let close = open + rest[open..].find("]{").unwrap();
            let name = &rest[open + 1..close];
            let role = match &rest[close + 2..close + 3] {
                "a" => "activity",
                "d" => "dateline",
                "t" => "actor",
                "s" => "source",
                _ => "reference",
            };
            let start = text.chars().count();
            text.push_str(name);
            spans.push((start, start + name.chars().count(), role.to_string()));
            rest = &rest[close + 4..];
        }
        text.push_str(rest);
        text.push('\n');
        out.push((id.clone(), text, spans));
    };
    for line in markup.lines() {
        if let Some(name) = line
            .strip_prefix("=== ")
            .and_then(|l| l.strip_suffix(" ==="))
        {
            flush(&id, &body);
            id = Some(name.to_string());
            body.clear();
        } else if id.is_some() && !line.starts_with('#') {
            body.push_str(line);
            body.push('\n');
        }
    }
    flush(&id, &body);
    out
}

#[test]
fn the_jsonl_is_what_the_markup_says() {
    let jsonl = std::fs::read_to_string(root().join("eval/roles/roles.jsonl")).unwrap();
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let derived = from_markup();
    assert!(derived.len() >= 40, "at least 40 articles");
    assert_eq!(lines.len(), derived.len(), "run scripts/roles_to_jsonl.py");
    for (line, (id, text, spans)) in lines.iter().zip(&derived) {
        assert_eq!(line["id"], id.as_str());
        assert_eq!(
            line["text"],
            text.as_str(),
            "{id}: run scripts/roles_to_jsonl.py"
        );
        let got: Vec<(usize, usize, String)> = line["toponyms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["start"].as_u64().unwrap() as usize,
                    t["end"].as_u64().unwrap() as usize,
                    t["role"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(&got, spans, "{id}");
    }
}

#[test]
fn roles_meet_the_targets_on_the_team_set() {
    let out = geomention()
        .args(["eval", "--json"])
        .arg(root().join("eval/roles/roles.jsonl"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let e2e = &report["roles_end_to_end"];
    let get = |role: &str, what: &str| e2e[role][what].as_f64().unwrap();
    // Issue 5's bar, end to end (a missed mention is a miss for its role).
    assert!(get("activity", "precision") >= 0.85, "{e2e}");
    assert!(get("activity", "recall") >= 0.80, "{e2e}");
    assert!(get("dateline", "f1") >= 0.95, "{e2e}");
    assert!(get("source", "precision") >= 0.90, "{e2e}");
    assert!(get("actor", "f1") >= 0.80, "{e2e}");
}

/// score.py from ../shared/tools, when this checkout sits next to it.
fn score_py() -> Option<std::path::PathBuf> {
    let p = root().join("../shared/tools/score.py");
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "note: {} is absent; agreement with score.py not checked",
            p.display()
        );
        None
    }
}

#[test]
fn eval_agrees_with_score_py_on_a_fixture() {
    let Some(score) = score_py() else { return };
    let gold = root().join("tests/fixtures/eval/gold.jsonl");
    let dir = tempfile::tempdir().unwrap();
    for gold_spans in [false, true] {
        let mut ours = geomention();
        ours.arg("eval").arg(&gold).arg("--json");
        let mut batch = geomention();
        batch.arg("batch").arg(&gold).arg("-q");
        if gold_spans {
            ours.arg("--gold-spans");
            batch.arg("--gold-spans");
        }
        let ours: Value = serde_json::from_slice(&ours.output().unwrap().stdout).unwrap();
        let system = dir.path().join("system.jsonl");
        std::fs::write(&system, batch.output().unwrap().stdout).unwrap();
        let mut py = std::process::Command::new("python3");
        py.arg(&score).arg(&gold).arg(&system).arg("--json");
        if gold_spans {
            py.arg("--gold-spans");
        }
        let theirs: Value = serde_json::from_slice(&py.output().unwrap().stdout).unwrap();
        let keys: &[&str] = if gold_spans {
            &["resolution_gold_spans"]
        } else {
            &[
                "recognition_exact",
                "recognition_overlap",
                "resolution_on_matches",
                "end_to_end_161",
            ]
        };
        for key in keys {
            for (field, value) in theirs[key].as_object().unwrap() {
                let a = &ours[key][field];
                match (a.as_f64(), value.as_f64()) {
                    (Some(x), Some(y)) => {
                        assert!((x - y).abs() < 1e-9, "{key}.{field}: {x} vs score.py {y}")
                    }
                    _ => assert_eq!(a, value, "{key}.{field}"),
                }
            }
        }
        assert_eq!(ours["documents"], theirs["documents"]);
    }
    // The breakdown: the invented town is beyond the gazetteer.
    let out = geomention()
        .args(["eval", "--json"])
        .arg(&gold)
        .output()
        .unwrap();
    let ours: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        ours["errors_by_cause"]["missed"].as_u64().unwrap() >= 1,
        "{ours}"
    );
}
