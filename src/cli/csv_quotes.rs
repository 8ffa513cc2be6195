//! Notices a CSV quoted field that is never closed.
//!
//! The `csv` crate ends an open quoted field silently at the end of the input, so one stray
//! `"` turns every line after it into a single cell and the rows there are never seen. This
//! wrapper follows the same quoting rules (RFC 4180 with doubled quotes, quoting only at the
//! start of a field, which is what the crate's defaults do) on the bytes as they are read, and
//! remembers the line where a quote was opened if the input ends inside it.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field (or of a record).
    FieldStart,
    /// In a field that did not start with a quote.
    Unquoted,
    /// Inside quotes.
    Quoted,
    /// Just after a quote inside quotes: a second quote is an escaped one; anything else has
    /// closed the quotes.
    QuoteInQuoted,
}

/// The verdict shared with whoever reads the records: `0` until the input has ended inside a
/// quoted field, then the 1-based line where that field's quote was opened.
#[derive(Clone, Default)]
pub struct Unclosed(Arc<AtomicU64>);

impl Unclosed {
    /// The line of the quote left open, once the end of the input has been read.
    pub fn line(&self) -> Option<u64> {
        match self.0.load(Ordering::Relaxed) {
            0 => None,
            line => Some(line),
        }
    }
}

/// A reader that passes bytes through unchanged and follows their quoting.
pub struct QuoteWatch<R> {
    inner: R,
    delimiter: u8,
    state: State,
    line: u64,
    opened_at: u64,
    verdict: Unclosed,
}

impl<R: Read> QuoteWatch<R> {
    /// Wraps `inner`, a CSV stream split by `delimiter`; the returned handle tells, after the
    /// last record is read, whether a quote was left open.
    pub fn new(inner: R, delimiter: u8) -> (QuoteWatch<R>, Unclosed) {
        let verdict = Unclosed::default();
        let watch = QuoteWatch {
            inner,
            delimiter,
            state: State::FieldStart,
            line: 1,
            opened_at: 0,
            verdict: verdict.clone(),
        };
        (watch, verdict)
    }

    fn follow(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            if self.state == State::Quoted {
                // Most of a quoted field is plain bytes: jump to the next quote, counting lines.
                let rest = &bytes[i..];
                let end = memchr::memchr(b'"', rest).unwrap_or(rest.len());
                self.line += memchr::memchr_iter(b'\n', &rest[..end]).count() as u64;
                i += end;
                if i < bytes.len() {
                    self.state = State::QuoteInQuoted;
                    i += 1;
                }
                continue;
            }
            let b = bytes[i];
            i += 1;
            if b == b'\n' {
                self.line += 1;
            }
            let ends_field = b == self.delimiter || b == b'\n' || b == b'\r';
            self.state = match self.state {
                State::FieldStart if b == b'"' => {
                    self.opened_at = self.line;
                    State::Quoted
                }
                State::QuoteInQuoted if b == b'"' => State::Quoted,
                _ if ends_field => State::FieldStart,
                _ => State::Unquoted,
            };
        }
    }
}

impl<R: Read> Read for QuoteWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            if self.state == State::Quoted {
                self.verdict.0.store(self.opened_at, Ordering::Relaxed);
            }
        } else {
            self.follow(&buf[..n]);
        }
        Ok(n)
    }
}

/// The message for a quoted field opened on line `opened` and never closed.
pub fn unclosed_message(opened: u64) -> String {
    format!(
        "a quoted field opened on line {opened} is never closed, so the rest of the file reads as one cell and its rows are not read; close the quote and run again"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `csv` to the end through the watch in small pieces (to cross piece boundaries)
    /// and returns the verdict.
    fn verdict(csv: &str) -> Option<u64> {
        let (mut watch, unclosed) = QuoteWatch::new(csv.as_bytes(), b',');
        let mut buf = [0u8; 3];
        while watch.read(&mut buf).unwrap() > 0 {}
        unclosed.line()
    }

    #[test]
    fn closed_quotes_of_every_kind_pass() {
        assert_eq!(verdict("a,b\n\"x, y\",2\n"), None);
        assert_eq!(verdict("a\n\"two\nlines\"\n"), None);
        assert_eq!(verdict("a\n\"say \"\"hi\"\"\"\n"), None);
        assert_eq!(verdict("a,b\n\"x\""), None);
        assert_eq!(verdict("a,b\r\n\"x\",\"\"\r\n"), None);
        // A quote inside an unquoted field is a literal, as the csv crate reads it.
        assert_eq!(verdict("size\n5\" pipe\n6\n"), None);
        assert_eq!(verdict(""), None);
    }

    #[test]
    fn an_open_quote_at_the_end_names_its_line() {
        assert_eq!(verdict("id,text\na1,\"Raqqa\na2,Mosul\n"), Some(2));
        assert_eq!(verdict("\"id,text\na1,b\n"), Some(1));
        assert_eq!(verdict("a\n\"x\"\"\n"), Some(2));
        assert_eq!(verdict("a\n\n\n\"x\ny"), Some(4));
    }

    #[test]
    fn a_tab_delimiter_is_followed() {
        let (mut watch, unclosed) = QuoteWatch::new("a\tb\n1\t\"x\n".as_bytes(), b'\t');
        std::io::copy(&mut watch, &mut std::io::sink()).unwrap();
        assert_eq!(unclosed.line(), Some(2));
        let (mut watch, unclosed) = QuoteWatch::new("a;b\n1;\"x\n".as_bytes(), b'\t');
        std::io::copy(&mut watch, &mut std::io::sink()).unwrap();
        // With a tab delimiter the quote after ';' is inside a field: a literal.
        assert_eq!(unclosed.line(), None);
    }
}
