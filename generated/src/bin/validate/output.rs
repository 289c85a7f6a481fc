//! What the command prints: one line per violation, or JSON; the summary.

use std::io::{self, Write};

use serde::Serialize;
use wix_activities::validate::{Report, Violation};

/// Where a document came from.
#[derive(Clone, Copy)]
pub struct Origin<'a> {
    pub file: &'a str,
    pub line: Option<usize>,
}

/// Prints each document's violations as they are checked.
pub struct Printer<W: Write> {
    out: W,
    json: bool,
    /// Whether a JSON entry has been written (for the commas).
    wrote: bool,
}

/// One entry of the JSON report.
#[derive(Serialize)]
struct Entry<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(flatten)]
    violation: &'a Violation,
}

impl<W: Write> Printer<W> {
    pub fn new(mut out: W, json: bool) -> io::Result<Self> {
        if json {
            out.write_all(b"[")?;
        }
        Ok(Printer {
            out,
            json,
            wrote: false,
        })
    }

    pub fn report(&mut self, origin: Origin<'_>, report: &Report) -> io::Result<()> {
        for violation in report.violations() {
            self.violation(origin, violation)?;
        }
        Ok(())
    }

    pub fn violation(&mut self, origin: Origin<'_>, violation: &Violation) -> io::Result<()> {
        if self.json {
            let entry = Entry {
                file: origin.file,
                line: origin.line,
                violation,
            };
            self.out
                .write_all(if self.wrote { b",\n  " } else { b"\n  " })?;
            serde_json::to_writer(&mut self.out, &entry)?;
            self.wrote = true;
            return Ok(());
        }
        match origin.line {
            Some(line) => writeln!(self.out, "{}:{line}: {violation}", origin.file),
            None => writeln!(self.out, "{}: {violation}", origin.file),
        }
    }

    pub fn finish(mut self) -> io::Result<()> {
        if self.json {
            self.out
                .write_all(if self.wrote { b"\n]\n" } else { b"]\n" })?;
        }
        self.out.flush()
    }
}

/// What the run found, for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub documents: usize,
    pub invalid: usize,
    pub warnings: usize,
    pub unreadable: usize,
}

impl Tally {
    pub fn add(&mut self, report: &Report) {
        self.documents += 1;
        self.invalid += usize::from(!report.is_valid());
        self.warnings += report.warnings().count();
    }

    pub fn summary(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut text = format!(
            "validate: {}, {} valid, {} invalid, {}",
            plural(self.documents, "document", "documents"),
            self.documents - self.invalid,
            self.invalid,
            plural(self.warnings, "warning", "warnings"),
        );
        if self.unreadable > 0 {
            text.push_str(&format!(
                "; {} could not be read",
                plural(self.unreadable, "file", "files")
            ));
        }
        text
    }
}
