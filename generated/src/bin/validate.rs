//! `validate`: checks activity and event payloads and prints everything wrong with them.

use std::io::Read;
use std::process::ExitCode;

use clap::Parser;
use serde::Serialize;
use wix_activities::validate::{self, Report, Severity, Violation};
use wix_activities::ActivityType;

/// Check Wix activity and event payloads: every error and warning, with its JSON pointer.
///
/// Each file is read as an activity envelope, in the SDK form
/// (`type`/`info`/...) or the HTTP form (`activityType`/`activityInfo`/...),
/// with `--type` as the `info` of that activity type alone, or with
/// `--event` as the body of that backend event. Exit status: 0 when no file
/// has an error, 1 when one has, 2 when a file cannot be read.
#[derive(Debug, Parser)]
#[command(name = "validate", version)]
struct Args {
    /// The files to check; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// Read each file as the `info` of this activity type (a wire name such as `hotels/purchase`).
    #[arg(long = "type", value_name = "WIRE_NAME", conflicts_with = "event")]
    activity_type: Option<String>,
    /// Read each file as the body of this backend event (a handler name such as `wixEcom_onCartCreated`).
    #[arg(long, value_name = "HANDLER")]
    event: Option<String>,
    /// Print the whole report as JSON.
    #[arg(long)]
    json: bool,
}

/// One line of the JSON report.
#[derive(Serialize)]
struct Entry<'a> {
    file: &'a str,
    #[serde(flatten)]
    violation: &'a Violation,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let kind = args.activity_type.as_deref().map(ActivityType::from_wire);
    if let Some(ActivityType::Other(name)) = &kind {
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
    // An unknown event is the library's warning, with its likely meaning.
    let event = args.event.as_deref();
    let check = |bytes: &[u8]| -> Report {
        match (&kind, &event) {
            (Some(kind), _) => validate::info_bytes(kind, bytes),
            (None, Some(event)) => validate::event_json(event, bytes),
            (None, None) => validate::activity_json(bytes),
        }
    };
    let mut unreadable = false;
    let mut errors = false;
    let mut reports = Vec::new();
    for file in &args.files {
        let bytes = match read(file) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("{file}: cannot be read: {error}");
                unreadable = true;
                continue;
            }
        };
        let report = check(&bytes);
        errors |= !report.is_valid();
        reports.push((file.as_str(), report));
    }
    if args.json {
        let entries: Vec<Entry<'_>> = reports
            .iter()
            .flat_map(|(file, report)| {
                report
                    .violations()
                    .iter()
                    .map(move |violation| Entry { file, violation })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&entries).expect("violations serialize")
        );
    } else {
        for (file, report) in &reports {
            for violation in report.violations() {
                let pointer = if violation.pointer.is_empty() {
                    "/"
                } else {
                    &violation.pointer
                };
                match violation.severity {
                    Severity::Error => println!("{file}: {pointer}: {}", violation.message),
                    Severity::Warning => {
                        println!("{file}: {pointer}: warning: {}", violation.message)
                    }
                }
            }
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn read(file: &str) -> std::io::Result<Vec<u8>> {
    if file == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(file)
    }
}
