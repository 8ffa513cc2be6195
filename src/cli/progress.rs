//! Progress bars for long runs: drawn on stderr only when it is a terminal and the user did not
//! ask for quiet, so pipes and logs stay clean.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar over a known number of input bytes (or a spinner when the size is unknown),
/// counting items on the side. Hidden unless stderr is a terminal.
pub struct Progress {
    bar: ProgressBar,
    items: u64,
    noun: &'static str,
}

impl Progress {
    /// A bar for `total_bytes` of input (`None`: stdin or a pipe), counting `noun`s.
    pub fn new(total_bytes: Option<u64>, quiet: bool, noun: &'static str) -> Progress {
        let visible = !quiet && std::io::stderr().is_terminal();
        let bar = match total_bytes {
            Some(total) => ProgressBar::new(total),
            None => ProgressBar::new_spinner(),
        };
        if visible {
            bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
            let template = match total_bytes {
                Some(_) => "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
                None => "{spinner} {bytes} {binary_bytes_per_sec} {msg}",
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(250));
        } else {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        Progress {
            bar,
            items: 0,
            noun,
        }
    }

    /// Records `items` more done, the input having reached `bytes`.
    pub fn advance(&mut self, items: u64, bytes: u64) {
        self.items += items;
        if !self.bar.is_hidden() {
            self.bar.set_position(bytes);
            self.bar
                .set_message(format!("{} {}", self.items, self.noun));
        }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
