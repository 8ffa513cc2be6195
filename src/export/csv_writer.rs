//! CSV: one row per mention, with `lat`/`lon` columns QGIS's delimited-text loader and GDAL's
//! CSV driver (`-oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat`) read as points.

use std::io::Write;

use super::{DocumentOutput, Error, Exporter, MentionRow};

/// Writes mention rows as CSV with a header.
pub struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// A writer over `out`.
    pub fn new(out: W) -> Self {
        CsvWriter {
            out: csv::WriterBuilder::new().has_headers(true).from_writer(out),
        }
    }
}

impl<W: Write> Exporter for CsvWriter<W> {
    fn begin(&mut self) -> Result<(), Error> {
        Ok(())
    }

    fn begin_document(&mut self, _id: &str) -> Result<(), Error> {
        Ok(())
    }

    fn end_document(&mut self) -> Result<(), Error> {
        Ok(())
    }

    fn part(&mut self, doc: &DocumentOutput<'_, '_>) -> Result<(), Error> {
        for m in &doc.parsed.mentions {
            self.out.serialize(MentionRow::new(doc, m))?;
        }
        Ok(())
    }

    fn end(&mut self) -> Result<(), Error> {
        // csv's Writer flushes on drop and swallows errors there; flush explicitly.
        self.out.flush()?;
        Ok(())
    }
}
