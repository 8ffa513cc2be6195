//! Compiles the default gazetteer from `gazetteer/` into `$OUT_DIR/builtin.gmz`, which
//! `src/gazetteer/mod.rs` embeds. The compiler modules are the library's own, included by
//! path, so the embedded file and `geomention gazetteer build` can never disagree.

// The shared modules carry reading code the build script does not call.
#![allow(dead_code)]

#[path = "src/gazetteer/compile.rs"]
mod compile;
#[path = "src/gazetteer/error.rs"]
mod error;
#[path = "src/gazetteer/fold.rs"]
mod fold;
#[path = "src/gazetteer/format.rs"]
mod format;
#[path = "src/gazetteer/model.rs"]
mod model;
#[path = "src/gazetteer/source.rs"]
mod source;

use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let dir = root.join("gazetteer");
    // The whole folder: every input of `compile_default` is under it.
    println!("cargo:rerun-if-changed=gazetteer");
    for shared in ["compile", "error", "fold", "format", "model", "source"] {
        println!("cargo:rerun-if-changed=src/gazetteer/{shared}.rs");
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // `builtin_team_tables` (src/gazetteer/mod.rs) includes this list of the team's tables,
    // each embedded with `include_bytes!`, so that it and `compile_default` read one list.
    let mut tables = String::from("[\n");
    for (name, kind) in compile::BUILTIN_TEAM_TABLES {
        tables.push_str(&format!(
            "    (compile::TableKind::{kind:?}, {:?}, include_bytes!({:?}).as_slice()),\n",
            format!("gazetteer/{name}"),
            dir.join(name).display().to_string(),
        ));
    }
    tables.push_str("]\n");
    std::fs::write(out_dir.join("team_tables.rs"), tables)
        .expect("cannot write the team table list to OUT_DIR");
    let out = out_dir.join("builtin.gmz");
    let mut bytes = Vec::new();
    if let Err(e) = compile::compile_default(&dir, &mut bytes) {
        let mut msg = e.to_string();
        let mut cause = std::error::Error::source(&e);
        while let Some(c) = cause {
            msg.push_str(": ");
            msg.push_str(&c.to_string());
            cause = c.source();
        }
        panic!("cannot compile the built-in gazetteer: {msg}");
    }
    std::fs::write(&out, &bytes).expect("cannot write the compiled gazetteer to OUT_DIR");
}
