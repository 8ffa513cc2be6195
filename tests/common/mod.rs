//! Helpers shared by the integration tests: the binary under test and the fixture paths.
//! Each test file compiles this module on its own and uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `geomention` binary of this build.
pub fn geomention() -> Command {
    Command::cargo_bin("geomention").expect("the binary is built for integration tests")
}

/// A file under `tests/fixtures/<dir>/`.
pub fn fixture(dir: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
        .join(name)
}
