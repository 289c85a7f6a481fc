//! Broken and hostile schema folders: each gives every one of its errors,
//! located by file and JSON pointer as written, exit code 2, no panic, and
//! reads nothing outside the folder.
//!
//! The corpus is `tests/fixtures/bad-schemas/<case>/`: the folder as
//! `schemas/`, and `expected.txt`, one line per problem as `regenerate`
//! prints it, with the folder's own path left out (`ok` for a folder that
//! must generate). Cases too large or too machine-specific to commit (a
//! 50 MB description, links to elsewhere) are built here.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/bad-schemas")
}

/// The problems `regenerate` reports for `schemas`, one per line, paths
/// relative to the folder; `None` when it generated.
fn problems(schemas: &Path) -> Option<Vec<String>> {
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_regenerate"))
        .arg("--schemas")
        .arg(schemas)
        .arg("--out")
        .arg(out.path())
        .arg("--quiet")
        .output()
        .expect("regenerate runs");
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    if run.status.code() == Some(0) {
        assert!(stderr.is_empty(), "{stderr}");
        return None;
    }
    assert_eq!(
        run.status.code(),
        Some(2),
        "an error, not a panic or a crash, for {}:\n{stderr}",
        schemas.display()
    );
    let folder = schemas.display().to_string();
    let prefix = format!("{folder}/");
    let message = stderr
        .strip_prefix("regenerate: ")
        .unwrap_or_else(|| panic!("one error message: {stderr}"));
    let lines: Vec<&str> = message.lines().collect();
    let problems: Vec<&str> = match lines.as_slice() {
        [single] => vec![*single],
        [header, rest @ ..] if header.ends_with(" problems:") => {
            assert_eq!(header, &format!("{} problems:", rest.len()));
            rest.iter().map(|line| line.trim_start()).collect()
        }
        _ => panic!("a message per problem: {stderr}"),
    };
    Some(
        problems
            .iter()
            .map(|line| line.replace(&prefix, "").replace(&folder, "."))
            .collect(),
    )
}

#[test]
fn every_case_of_the_corpus_reports_every_problem_where_it_is() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "the corpus holds {} cases", cases.len());
    let mut wrong = Vec::new();
    for case in &cases {
        let expected = std::fs::read_to_string(case.join("expected.txt"))
            .unwrap_or_else(|_| panic!("{} has an expected.txt", case.display()));
        let expected: Vec<&str> = expected.lines().collect();
        let found = problems(&case.join("schemas"));
        let matches = match &found {
            None => expected == ["ok"],
            Some(found) => found == &expected,
        };
        if !matches {
            wrong.push(format!(
                "{}:\n  expected {expected:#?}\n  found {found:#?}",
                case.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A folder holding `activities/demo/a.json` with `text`.
fn folder_with(text: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("activities/demo/a.json");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
    dir
}

#[test]
fn huge_files_are_refused_unread_and_deep_or_wide_ones_bounded() {
    let description = format!(
        r#"{{"type": "object", "description": "{}", "properties": {{}}}}"#,
        "x".repeat(50 << 20)
    );
    let huge = folder_with(description.as_bytes());
    assert_eq!(
        problems(huge.path()).unwrap(),
        [format!("activities/demo/a.json: the file is {} bytes; a schema file may be at most 8388608 (hint: split it into files that refer to each other with `$ref`)", description.len())]
    );
    drop(huge);

    let deep = format!(
        r#"{{"type": "object", "properties": {{"a": {}"#,
        r#"{"type": "object", "properties": {"a": "#.repeat(10_000)
    );
    let deep = folder_with(deep.as_bytes());
    let found = problems(deep.path()).unwrap();
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("activities/demo/a.json: invalid JSON at line 1, column ")
            && found[0].ends_with(": recursion limit exceeded"),
        "{found:?}"
    );

    let properties: Vec<String> = (0..100_000)
        .map(|i| format!(r#""p{i}": {{"type": "string"}}"#))
        .collect();
    let wide = format!(
        r#"{{"type": "object", "properties": {{{}}}}}"#,
        properties.join(", ")
    );
    let wide = folder_with(wide.as_bytes());
    assert_eq!(
        problems(wide.path()).unwrap(),
        ["activities/demo/a.json#/properties: 100000 properties in one object; at most 2000 are supported (hint: so many fields make a struct the Rust compiler cannot build; describe the object as a map (`additionalProperties`) instead)"]
    );
    assert_memory_bounded();
}

/// The largest child this test process ran stayed well under a gigabyte,
/// with a 50 MB file among its inputs: nothing reads a refused file whole.
#[cfg(target_os = "linux")]
fn assert_memory_bounded() {
    // SAFETY: getrusage writes the struct it is given and nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        assert_eq!(libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage), 0);
        usage
    };
    let peak_bytes = usage.ru_maxrss as u64 * 1024;
    assert!(
        peak_bytes < 200 << 20,
        "a regenerate run peaked at {peak_bytes} bytes"
    );
}

#[cfg(not(target_os = "linux"))]
fn assert_memory_bounded() {}

#[cfg(unix)]
#[test]
fn symbolic_links_are_not_followed_out_of_the_folder_or_around_it() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.json"),
        r#"{"type": "object", "properties": {"token": {"type": "string"}}}"#,
    )
    .unwrap();
    let schemas =
        folder_with(br#"{"type": "object", "properties": {"a": {"type": "string"}}}"#.as_slice());
    let demo = schemas.path().join("activities/demo");
    symlink(outside.path(), schemas.path().join("activities/other")).unwrap();
    symlink(outside.path().join("secret.json"), demo.join("secret.json")).unwrap();
    symlink(".", demo.join("self")).unwrap();
    symlink("..", demo.join("up")).unwrap();
    symlink("gone.json", demo.join("dangling.json")).unwrap();
    let outside = outside.path().display();
    assert_eq!(
        problems(schemas.path()).unwrap(),
        [
            "activities/demo/dangling.json: a symbolic link to `gone.json`, which does not exist (hint: remove the link)".to_owned(),
            format!("activities/demo/secret.json: a symbolic link to `{outside}/secret.json`, outside the schema folder, which is not read (hint: copy the schemas into the folder, or point `schemas_dir` at a folder that holds them all)"),
            "activities/demo/self: a symbolic link to `.`, inside the schema folder: its schemas would be read twice (hint: remove the link; the folder holds what it points to already)".to_owned(),
            "activities/demo/up: a symbolic link to `..`, inside the schema folder: its schemas would be read twice (hint: remove the link; the folder holds what it points to already)".to_owned(),
            format!("activities/other: a symbolic link to `{outside}`, outside the schema folder, which is not read (hint: copy the schemas into the folder, or point `schemas_dir` at a folder that holds them all)"),
        ]
    );
}
