//! CSV: one row per mention, with `lat`/`lon` columns QGIS's delimited-text loader and GDAL's
//! CSV driver (`-oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat`) read as points.

use std::io::Write;

use super::{DocumentOutput, Error, Exporter, MentionRow};

/// Column names of [`MentionRow`], in its field order (a test keeps them in step).
pub const MENTION_COLUMNS: [&str; 20] = [
    "doc_id",
    "start",
    "end",
    "byte_start",
    "byte_end",
    "text",
    "lat",
    "lon",
    "place_id",
    "geonameid",
    "name",
    "country_code",
    "admin1",
    "feature_code",
    "kind",
    "role",
    "evidence",
    "activity_score",
    "confidence",
    "resolved",
];

/// Writes mention rows as CSV with a header.
pub struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// A writer over `out`.
    pub fn new(out: W) -> Self {
        CsvWriter {
            out: csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(out),
        }
    }
}

impl<W: Write> Exporter for CsvWriter<W> {
    /// The header row, written even when no mention follows, so an empty result is still a
    /// table QGIS can open. Documents written on their own (without `begin`) have no header and
    /// can be concatenated after one.
    fn begin(&mut self) -> Result<(), Error> {
        self.out.write_record(MENTION_COLUMNS)?;
        Ok(())
    }

    fn begin_document(&mut self, _id: &str) -> Result<(), Error> {
        Ok(())
    }

    fn end_document(&mut self) -> Result<(), Error> {
        self.out.flush()?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_matches_the_row_struct() {
        let row = MentionRow {
            doc_id: "d".into(),
            start: 0,
            end: 1,
            byte_start: 0,
            byte_end: 1,
            text: "x".into(),
            lat: None,
            lon: None,
            place_id: None,
            geonameid: None,
            name: None,
            country_code: None,
            admin1: None,
            feature_code: None,
            kind: "name",
            role: "reference",
            evidence: String::new(),
            activity_score: 0.1,
            confidence: 0.0,
            resolved: false,
        };
        let mut w = csv::WriterBuilder::new()
            .has_headers(true)
            .from_writer(Vec::new());
        w.serialize(&row).unwrap();
        let bytes = w.into_inner().unwrap();
        let header = String::from_utf8(bytes).unwrap();
        assert_eq!(header.lines().next().unwrap(), MENTION_COLUMNS.join(","));
    }
}
