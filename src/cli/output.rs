//! Where results go: a file (written atomically) or stdout, through one exporter.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use geomention::export::{
    CsvWriter, Exporter, GeoJsonWriter, HtmlWriter, Layer, MentionsJsonlWriter,
};
use geomention::group::ClusterOptions;

use super::options::{Format, LayerArg};
use super::write::write_atomically;

/// An output destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Standard output (`-o -`).
    Stdout,
    /// A file, replaced atomically.
    File(PathBuf),
}

impl Target {
    /// `-` is stdout; anything else a file.
    pub fn from_arg(path: &Path) -> Target {
        if path == Path::new("-") {
            Target::Stdout
        } else {
            Target::File(path.to_path_buf())
        }
    }
}

/// Builds the exporter for a format over `out`, with the default clustering.
pub fn exporter<'w>(
    out: &'w mut dyn Write,
    format: Format,
    layer: LayerArg,
) -> Box<dyn Exporter + 'w> {
    exporter_with(out, format, layer, ClusterOptions::default())
}

/// Builds the exporter for a format over `out`, clustering places with `clustering`.
pub fn exporter_with<'w>(
    out: &'w mut dyn Write,
    format: Format,
    layer: LayerArg,
    clustering: ClusterOptions,
) -> Box<dyn Exporter + 'w> {
    let layer = match layer {
        LayerArg::Places => Layer::Places,
        LayerArg::Mentions => Layer::Mentions,
        LayerArg::Clusters => Layer::Clusters,
    };
    match format {
        Format::Geojson => {
            Box::new(GeoJsonWriter::collection(out, layer).with_clustering(clustering))
        }
        Format::Geojsonseq => {
            Box::new(GeoJsonWriter::sequence(out, layer).with_clustering(clustering))
        }
        Format::Csv => Box::new(CsvWriter::new(out)),
        Format::MentionsJsonl => Box::new(MentionsJsonlWriter::new(out)),
        Format::Html => Box::new(HtmlWriter::new(out).with_clustering(clustering)),
    }
}

/// Runs `fill` with a writer on `target`: stdout (buffered), or a temporary file renamed over
/// the target when `fill` succeeds.
pub fn with_target<T>(
    target: &Target,
    fill: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    match target {
        Target::Stdout => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            let value = fill(&mut out)?;
            out.flush().context("cannot write to standard output")?;
            Ok(value)
        }
        Target::File(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            write_atomically(path, |w| fill(w))
        }
    }
}
