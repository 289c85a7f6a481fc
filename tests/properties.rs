//! The fuzz targets' promises (see `fuzz/`), bounded to run with the tests:
//! fixtures with one value replaced by a hostile one (`null`, another kind,
//! deep nesting, `1e400`, `-0`, 30 digits, a lone surrogate, a repeated key,
//! a byte that is not UTF-8). Nothing panics; what the typed parser refuses,
//! the raw walk refuses; a value that parses gets the same errors from both
//! and is written back as itself. The promises are the fuzz targets' own
//! (`fuzz/src/promises.rs`), and every input a fuzzer found is replayed.

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;

#[allow(dead_code)] // the fuzz targets use what these tests do not
#[path = "../fuzz/src/promises.rs"]
mod promises;

use promises::Target;

fn fixtures() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/complete");
    let mut found = Vec::new();
    for group in std::fs::read_dir(&root).unwrap() {
        for file in std::fs::read_dir(group.unwrap().path()).unwrap() {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            found.push(serde_json::from_str::<Value>(&text).unwrap().to_string());
        }
    }
    found.sort();
    found
}

/// Text put in place of one scalar; what a `Value` cannot hold is spliced as text.
const HOSTILE: &[&str] = &[
    "null",
    "true",
    "[]",
    "{}",
    "\"\"",
    "5",
    "-0",
    "-0.0",
    "1e400",
    "1e-400",
    "1.50",
    "1e2",
    "123456789012345678901234567890",
    "\"\\ud800\"",
    "\"12\"",
    "[[[[[[[[[[1]]]]]]]]]]",
];

fn mutated(fixture: &str, at: usize, pick: usize, how: u8) -> Vec<u8> {
    let mut text = fixture.to_owned();
    let colons: Vec<usize> = text.match_indices(':').map(|(i, _)| i + 1).collect();
    let start = colons[at % colons.len()];
    let rest = &text[start..];
    let end = if let Some(string) = rest.strip_prefix('"') {
        start + string.find('"').map_or(rest.len(), |i| i + 2)
    } else if rest.starts_with(['{', '[']) {
        start
    } else {
        start + rest.find([',', '}', ']']).unwrap_or(rest.len())
    };
    match how % 4 {
        // A member repeated: the key before this value, sent again.
        0 => {
            let key_start = text[..start - 1].rfind(['{', ',']).map_or(0, |i| i + 1);
            let member = text[key_start..end].to_owned();
            if end > start {
                text.insert_str(end, &format!(",{member}"));
            }
        }
        1 => text.replace_range(
            start..end,
            &format!("{}{}", "[".repeat(130), "]".repeat(130)),
        ),
        _ => text.replace_range(start..end, HOSTILE[pick % HOSTILE.len()]),
    }
    let mut bytes = text.into_bytes();
    if how == 7 {
        let at = start.min(bytes.len() - 1);
        bytes[at] = 0xff;
    }
    bytes
}

#[test]
fn hostile_values_in_fixtures_are_refused_by_both_paths_or_read_and_written_back() {
    let fixtures = fixtures();
    let config = Config {
        cases: 400,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let strategy = (0..fixtures.len(), any::<usize>(), any::<usize>(), 0u8..8);
    runner
        .run(&strategy, |(fixture, at, pick, how)| {
            let bytes = mutated(&fixtures[fixture], at, pick, how);
            Target::Activity.run(&bytes);
            Target::RoundTrip.run(&bytes);
            Ok(())
        })
        .unwrap();
}

#[test]
fn every_input_a_fuzzer_found_is_replayed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for target in Target::ALL {
        let Ok(folder) = std::fs::read_dir(root.join(target.name())) else {
            continue;
        };
        for file in folder {
            let path = file.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| target.run(&data));
            assert!(outcome.is_ok(), "{}: {}", target.name(), path.display());
            replayed += 1;
        }
    }
    assert!(replayed >= 2, "the regressions in {}", root.display());
}
