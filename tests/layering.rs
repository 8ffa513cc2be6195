//! The pipeline runs one way (STYLE.md): a stage may use earlier stages and the gazetteer,
//! never a later stage. One crate, so this test checks the `use` lines.

use std::path::Path;

/// Stages in pipeline order.
const STAGES: [&str; 5] = ["text", "recognize", "resolve", "roles", "export"];

fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(sources(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
    out
}

#[test]
fn no_stage_uses_a_later_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut violations = Vec::new();
    for (i, stage) in STAGES.iter().enumerate() {
        let later = &STAGES[i + 1..];
        for (file, text) in sources(&src.join(stage)) {
            for (n, line) in text.lines().enumerate() {
                for l in later {
                    if line.contains(&format!("crate::{l}")) {
                        violations.push(format!("{file}:{}: {stage} uses {l}: {line}", n + 1));
                    }
                }
            }
        }
    }
    // The gazetteer is below every stage.
    for (file, text) in sources(&src.join("gazetteer")) {
        for (n, line) in text.lines().enumerate() {
            for s in STAGES {
                if line.contains(&format!("crate::{s}")) {
                    violations.push(format!("{file}:{}: gazetteer uses {s}: {line}", n + 1));
                }
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}
