//! What the tests that build throwaway crates share.
#![allow(dead_code, reason = "each test uses part of it")]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// A `cargo` command (the one running these tests) with `RUSTFLAGS` removed
/// and plain, uncoloured output.
pub fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env("CARGO_TERM_COLOR", "never");
    command
}

/// Runs a command to completion; returns its output and a report of it for
/// assertion messages.
pub fn run(command: &mut Command) -> (Output, String) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("could not run {command:?}: {e}"));
    let report = format!(
        "{command:?}\nexit: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    (output, report)
}

/// Writes `text` to `root/relative`, creating the folders on the way.
pub fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().expect("a file path has a parent")).unwrap();
    fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Writes the manifest of a throwaway crate `name` in `krate`: a workspace
/// of its own, that depends on this repository's runtime and, to build, on
/// its generator, with `sections` after. This repository's lock file goes
/// beside it, so that it builds with the versions tested here.
pub fn throwaway_manifest(krate: &Path, name: &str, sections: &str) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    write(
        krate,
        "Cargo.toml",
        &format!(
            r#"[package]
name = "{name}"
version = "0.0.0"
edition = "2021"
publish = false

# Its own workspace, not a member of the one around the repository.
[workspace]

[dependencies]
wix-activities = {{ path = '{}' }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"

[build-dependencies]
wix-activities-build = {{ path = '{}' }}
{sections}"#,
            repo.join("generated").display(),
            repo.join("generator").display(),
        ),
    );
    fs::copy(repo.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
}
