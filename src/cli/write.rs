//! Writing output files so that a failure never leaves half a file: write to a temporary file
//! in the target's directory, flush and check, then rename over the target. A target that
//! exists and is not a regular file (`/dev/null`, a named pipe, `/dev/stdout`) is written
//! directly: renaming over it would replace the device with a file.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `path` atomically with `fill`, which gets a buffered writer. On any error the target
/// is left as it was (absent or the old file) and the temporary file is removed.
pub fn write_atomically<T>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() && !meta.is_dir() {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("cannot open {}", path.display()))?;
            let mut out = BufWriter::with_capacity(1 << 16, file);
            let value = fill(&mut out)?;
            out.flush()
                .with_context(|| format!("cannot write {}", path.display()))?;
            return Ok(value);
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".geomention-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    let value = {
        let mut out = BufWriter::with_capacity(1 << 16, &mut tmp);
        let value = fill(&mut out)?;
        out.flush()
            .with_context(|| format!("cannot write {}", path.display()))?;
        value
    };
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("cannot move the finished output to {}", path.display()))?;
    Ok(value)
}
