//! Exit statuses (DESIGN §3): 0 all good, 1 an error (including any failed record), 2 usage,
//! 130 interrupted.

use std::process::ExitCode;

/// How a run ended, most severe last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Everything worked.
    Success = 0,
    /// Something failed: an input, an output, a lookup with no answer, or some records.
    Error = 1,
    /// The command line was wrong (clap uses the same code for its own errors).
    Usage = 2,
    /// Stopped by Ctrl-C (128 + SIGINT, as shells report it).
    Interrupted = 130,
}

impl Status {
    /// Combines the outcomes of parts of one run: the most severe wins.
    pub fn merge(self, other: Status) -> Status {
        self.max(other)
    }
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(s as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::Status::*;

    #[test]
    fn merge_keeps_the_most_severe() {
        let table = [
            (Success, Success, Success),
            (Success, Error, Error),
            (Error, Success, Error),
            (Error, Usage, Usage),
            (Usage, Success, Usage),
        ];
        for (a, b, want) in table {
            assert_eq!(a.merge(b), want, "{a:?} + {b:?}");
        }
    }
}
