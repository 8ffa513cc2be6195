//! Writing output files so that a failure never leaves half a file: write to a temporary file
//! in the target's directory, flush and check, then rename over the target. A target that
//! exists and is not a regular file (`/dev/null`, a named pipe, `/dev/stdout`) is written
//! directly: renaming over it would replace the device with a file.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `path` atomically with `fill`, which gets a buffered writer. On any error the target
/// is left as it was (absent or the old file) and the temporary file is removed. The one-file
/// form of [`PendingFile`].
pub fn write_atomically<T>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let mut file = PendingFile::create(path)?;
    let value = fill(&mut file)?;
    file.commit()?;
    Ok(value)
}

/// An output file being written: a temporary file next to its target, renamed over the target
/// by [`PendingFile::commit`]. Dropped without a commit (an error, or Ctrl-C handled as one),
/// the temporary file is removed and the target is untouched. A target that exists and is not a
/// regular file (`/dev/null`, a named pipe) is written directly: renaming over it would replace
/// the device with a file.
pub struct PendingFile {
    path: std::path::PathBuf,
    inner: Inner,
}

enum Inner {
    Temp(BufWriter<tempfile::NamedTempFile>),
    Direct(BufWriter<std::fs::File>),
}

impl PendingFile {
    /// Starts writing `path`, creating its directory when needed.
    pub fn create(path: &Path) -> Result<PendingFile> {
        if let Ok(meta) = std::fs::metadata(path) {
            if !meta.is_file() && !meta.is_dir() {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .with_context(|| format!("cannot open {}", path.display()))?;
                return Ok(PendingFile {
                    path: path.to_path_buf(),
                    inner: Inner::Direct(BufWriter::with_capacity(1 << 16, file)),
                });
            }
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let tmp = tempfile::Builder::new()
            .prefix(".geomention-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
        Ok(PendingFile {
            path: path.to_path_buf(),
            inner: Inner::Temp(BufWriter::with_capacity(1 << 16, tmp)),
        })
    }

    /// Writes bytes.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        let result = match &mut self.inner {
            Inner::Temp(w) => w.write_all(bytes),
            Inner::Direct(w) => w.write_all(bytes),
        };
        result.with_context(|| format!("cannot write {}", self.path.display()))
    }

    /// Syncs and renames the finished file over its target.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let context = || format!("cannot write {}", path.display());
        match self.inner {
            Inner::Direct(mut w) => w.flush().with_context(context),
            Inner::Temp(w) => {
                let tmp = w
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(context)?;
                tmp.as_file().sync_all().with_context(context)?;
                set_output_permissions(tmp.as_file(), &path)?;
                tmp.persist(&path).with_context(|| {
                    format!("cannot move the finished output to {}", path.display())
                })?;
                Ok(())
            }
        }
    }
}

impl Write for PendingFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.inner {
            Inner::Temp(w) => w.write(buf),
            Inner::Direct(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Temporary files are created readable by their owner only; an output file gets the mode of
/// the file it replaces, or rw-r--r-- when new, like a file written by a shell redirection
/// under the usual umask.
fn set_output_permissions(file: &std::fs::File, target: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(target)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o644);
        file.set_permissions(std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("cannot set the permissions of {}", target.display()))?;
    }
    #[cfg(not(unix))]
    let _ = (file, target);
    Ok(())
}
