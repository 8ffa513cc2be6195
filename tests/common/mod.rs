//! Helpers shared by the integration tests: the binary under test and the fixture paths.
//! Each test file compiles this module on its own and uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command as Process;

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

/// `ogrinfo` from Debian's gdal-bin: `.ci/run` installs it. Outside CI a missing ogrinfo
/// skips the GDAL checks with a note; in CI (CI=true) it fails the test.
pub fn ogrinfo(args: &[&str], path: &Path) -> Option<String> {
    match Process::new("ogrinfo").args(args).arg(path).output() {
        Ok(out) => {
            assert!(
                out.status.success(),
                "ogrinfo failed on {}: {}",
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("note: ogrinfo (gdal-bin) is not installed; GDAL checks skipped");
            None
        }
        Err(e) => panic!("ogrinfo is required in CI: {e}"),
    }
}
