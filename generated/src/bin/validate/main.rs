//! `validate`: checks activity and event payloads and prints everything wrong with them.

mod input;
mod output;
mod progress;

use std::fs::File;
use std::io::{self, BufReader};
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;
use wix_activities::validate::{self, Kind, Path, Report};
use wix_activities::ActivityType;

use input::{Body, Document, Documents, Framing};
use output::{Origin, Printer, Tally};
use progress::Progress;

/// Check Wix activity and event payloads: every error and warning, with its JSON pointer.
///
/// Each file is read as an activity envelope, in the SDK form
/// (`type`/`info`/...) or the HTTP form (`activityType`/`activityInfo`/...),
/// with `--type` as the `info` of that activity type alone, or with
/// `--event` as the body of that backend event. A file holds one document,
/// or one per line (newline-delimited JSON, detected when its first line is
/// a whole document and more follows; `--ndjson` to say so), reported with
/// its line number. Large inputs are checked on every core. Exit status: 0
/// when no document has an error, 1 when one has, 2 when a file cannot be
/// read.
#[derive(Debug, Parser)]
#[command(name = "validate", version)]
struct Args {
    /// The files to check; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// Read each document as the `info` of this activity type (a wire name such as `hotels/purchase`).
    #[arg(long = "type", value_name = "WIRE_NAME", conflicts_with = "event")]
    activity_type: Option<String>,
    /// Read each document as the body of this backend event (a handler name such as
    /// `wixEcom_onCartCreated`, or an event type such as `wix.ecom.v1.cart_created`).
    #[arg(long, value_name = "HANDLER")]
    event: Option<String>,
    /// Read every file as one document per line (blank lines are skipped).
    #[arg(long)]
    ndjson: bool,
    /// Print the violations as a JSON array.
    #[arg(long)]
    json: bool,
    /// Print no summary line and no progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// The largest document read, in bytes; a larger one is an error and is skipped.
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    max_bytes: usize,
}

/// Documents are checked in batches of about this many bytes, on every core.
const BATCH_BYTES: usize = 4 << 20;

/// What to check each document as.
enum Check {
    Activity,
    Info(ActivityType),
    Event(String),
}

impl Check {
    fn report(&self, bytes: &[u8]) -> Report {
        match self {
            Check::Activity => validate::activity_json(bytes),
            Check::Info(kind) => validate::info_bytes(kind, bytes),
            Check::Event(name) => validate::event_json(name, bytes),
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let check = match (&args.activity_type, &args.event) {
        (Some(name), _) => match ActivityType::from_wire(name) {
            ActivityType::Other(name) => {
                let known: Vec<&str> = ActivityType::DOCUMENTED
                    .iter()
                    .map(ActivityType::as_str)
                    .collect();
                eprintln!(
                    "validate: `{name}` is not a documented activity type; the documented ones are {}",
                    known.join(", ")
                );
                return ExitCode::from(2);
            }
            kind => Check::Info(kind),
        },
        // An unknown event is the library's warning, with its likely meaning.
        (None, Some(event)) => Check::Event(event.clone()),
        (None, None) => Check::Activity,
    };
    match run(&args, &check) {
        Ok(tally) => {
            if !args.quiet {
                eprintln!("{}", tally.summary());
            }
            if tally.unreadable > 0 {
                ExitCode::from(2)
            } else if tally.invalid > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        // The reader of the output went away (`validate … | head`): stop quietly.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(1),
        Err(error) => {
            eprintln!("validate: cannot write the report: {error}");
            ExitCode::from(2)
        }
    }
}

/// Checks every document of every file, printing as it goes; an error is
/// one of writing the report.
fn run(args: &Args, check: &Check) -> io::Result<Tally> {
    let framing = if args.ndjson {
        Framing::Lines
    } else {
        Framing::Detect
    };
    let mut printer = Printer::new(io::stdout().lock(), args.json)?;
    let mut tally = Tally::default();
    let total = args
        .files
        .iter()
        .map(|file| (file != "-").then(|| std::fs::metadata(file).ok().map(|m| m.len())))
        .sum::<Option<Option<u64>>>()
        .flatten();
    let mut progress = Progress::new(total, args.quiet);
    for file in &args.files {
        let reader: Box<dyn io::BufRead> = if file == "-" {
            Box::new(io::stdin().lock())
        } else {
            match File::open(file) {
                Ok(opened) => Box::new(BufReader::new(opened)),
                Err(error) => {
                    eprintln!("{file}: cannot be read: {error}");
                    tally.unreadable += 1;
                    continue;
                }
            }
        };
        let mut documents = Documents::new(reader, framing, args.max_bytes);
        let mut first = true;
        loop {
            let (mut batch, bytes) = match documents.batch(BATCH_BYTES) {
                Ok(batch) => batch,
                Err(error) => {
                    eprintln!("{file}: cannot be read: {error}");
                    tally.unreadable += 1;
                    break;
                }
            };
            if batch.is_empty() && first {
                // An empty or blank input is checked as the empty document it
                // is (not JSON), not passed over as if it held none.
                batch.push(Document {
                    line: None,
                    body: Body::Bytes(Vec::new()),
                });
            } else if batch.is_empty() {
                break;
            }
            first = false;
            let reports: Vec<Report> = batch
                .par_iter()
                .map(|document| report(check, document, args.max_bytes))
                .collect();
            for (document, report) in batch.iter().zip(&reports) {
                let origin = Origin {
                    file,
                    line: document.line,
                };
                printer.report(origin, report)?;
                tally.add(report);
            }
            progress.advance(bytes, tally.documents);
        }
    }
    progress.finish();
    printer.finish()?;
    Ok(tally)
}

fn report(check: &Check, document: &Document, limit: usize) -> Report {
    match &document.body {
        Body::Bytes(bytes) => check.report(bytes),
        Body::TooLarge => {
            let mut report = Report::new();
            report.error(
                &Path::new(),
                Kind::Length,
                format_args!("the document is larger than the limit of {limit} bytes (`--max-bytes`); it is not checked"),
            );
            report
        }
    }
}
