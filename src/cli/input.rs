//! Reading one text input (a file or stdin) with the checks a user needs: invalid UTF-8 is an
//! error naming the byte offset (or replaced with `--lossy`), binary junk is refused, a BOM is
//! dropped, an empty input is an empty document.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// Share of NUL bytes above which a file is binary, not text (any NUL at all in the first
/// 8 KiB, as grep and ripgrep decide).
const BINARY_SNIFF_BYTES: usize = 8192;

/// Reads `path` (`-` for stdin) as text.
pub fn read_text(path: &Path, lossy: bool) -> Result<String> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    }
    decode(bytes, &display_name(path), lossy)
}

/// Decodes bytes as UTF-8 text with the checks above, without copying valid text; `name` is
/// used in messages. The byte offset of an error counts from the start of the file.
pub fn decode(mut bytes: Vec<u8>, name: &str, lossy: bool) -> Result<String> {
    let head = bytes
        .get(..BINARY_SNIFF_BYTES.min(bytes.len()))
        .unwrap_or(&[]);
    if head.contains(&0) {
        bail!("{name} looks binary (it has NUL bytes), not text");
    }
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    if bom {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => bail!(
            "{name} is not valid UTF-8 at byte {}; convert it (e.g. `iconv -f latin1 -t utf-8`) or pass --lossy to replace bad bytes",
            e.utf8_error().valid_up_to() + if bom { 3 } else { 0 }
        ),
    }
}

/// How an input is named in messages.
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The document id of a file input: its file stem (`stdin` for standard input).
pub fn document_id(path: &Path) -> String {
    if path == Path::new("-") {
        return "stdin".to_string();
    }
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Drops a UTF-8 byte-order mark from the first field of a CSV record (the first record of a
/// file exported by Excel and many others).
pub fn strip_bom(record: &mut csv::ByteRecord) {
    let Some(rest) = record
        .get(0)
        .and_then(|f| f.strip_prefix(b"\xEF\xBB\xBF"))
        .map(<[u8]>::to_vec)
    else {
        return;
    };
    let position = record.position().cloned();
    let mut fields = vec![rest];
    fields.extend(record.iter().skip(1).map(<[u8]>::to_vec));
    *record = csv::ByteRecord::from(fields);
    record.set_position(position);
}

/// The column names of a CSV header record, as written; `Err((column, byte))` (1-based column)
/// when one is not UTF-8. Strip the BOM first.
pub fn header_names(record: &csv::ByteRecord) -> Result<Vec<String>, (usize, usize)> {
    record
        .iter()
        .enumerate()
        .map(|(i, f)| {
            std::str::from_utf8(f)
                .map(str::to_string)
                .map_err(|e| (i + 1, e.valid_up_to()))
        })
        .collect()
}
