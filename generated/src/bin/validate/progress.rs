//! A progress bar on a terminal, for runs long enough to want one.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A run shorter than this shows no bar.
const DELAY: Duration = Duration::from_millis(700);

pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    /// Whether the bar may be drawn at all: standard error is a terminal.
    terminal: bool,
    shown: bool,
}

impl Progress {
    /// Counts `total` bytes, when the sizes of the inputs are known.
    pub fn new(total: Option<u64>, quiet: bool) -> Progress {
        let bar = match total {
            Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden())
                .with_style(
                    ProgressStyle::with_template(
                        "{bar:40} {bytes}/{total_bytes} {msg} ({eta} left)",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()).with_style(
                ProgressStyle::with_template("{spinner} {bytes} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        Progress {
            bar,
            started: Instant::now(),
            terminal: !quiet && std::io::stderr().is_terminal(),
            shown: false,
        }
    }

    /// `bytes` more were checked, `documents` in all so far.
    pub fn advance(&mut self, bytes: u64, documents: usize) {
        self.bar.inc(bytes);
        self.bar.set_message(format!("{documents} documents"));
        if self.terminal && !self.shown && self.started.elapsed() >= DELAY {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    pub fn finish(self) {
        self.bar.finish_and_clear();
    }
}
