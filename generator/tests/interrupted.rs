//! Interrupted and concurrent `regenerate` runs: the output folder holds the
//! old files or the new ones, whole, never a mix.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo_schemas() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas")
}

/// A small schema folder, whose output differs from the repository's.
fn small_schemas() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("activities/demo/visit.json");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        file,
        r#"{"type": "object", "properties": {"at": {"type": "string"}}}"#,
    )
    .unwrap();
    dir
}

/// `regenerate --schemas <schemas> --out <out> --quiet`, under `limits`
/// (shell commands run before it, such as `ulimit -f 16`).
fn regenerate(schemas: &Path, out: &Path, limits: &str) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("{limits}\nexec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_regenerate"))
        .arg("--schemas")
        .arg(schemas)
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .output()
        .expect("sh runs")
}

/// Each file of `dir` and its text.
fn contents(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

fn beside(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// What regenerating `schemas` into an empty folder gives.
fn output_of(schemas: &Path) -> BTreeMap<String, String> {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("types");
    let run = regenerate(schemas, &out, "");
    assert!(run.status.success(), "{run:?}");
    contents(&out)
}

#[test]
fn a_run_killed_or_failing_midway_leaves_the_old_folder_whole() {
    let small = small_schemas();
    let old = output_of(small.path());
    let new = output_of(&repo_schemas());
    let largest = new.values().map(String::len).max().unwrap();
    assert!(largest > 64 * 1024, "a file larger than the limit below");

    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("types");
    assert!(regenerate(small.path(), &out, "").status.success());
    assert_eq!(contents(&out), old);

    // Files may grow to 64 KiB: writing the largest kills the run (SIGXFSZ),
    // after other files of the new output were written.
    let killed = regenerate(&repo_schemas(), &out, "ulimit -f 128");
    assert_eq!(killed.status.signal(), Some(25), "{killed:?}");
    assert_eq!(contents(&out), old, "a killed run changed the folder");
    assert_eq!(beside(&out).len(), 2, "the killed run's staging folder");

    // The same limit with the signal ignored: the write fails, and says so.
    let failed = regenerate(&repo_schemas(), &out, "trap '' XFSZ\nulimit -f 128");
    assert_eq!(failed.status.code(), Some(2), "{failed:?}");
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains(&format!(
            "nothing was written: `{}` is as it was",
            out.display()
        )),
        "{stderr}"
    );
    assert_eq!(contents(&out), old, "a failed run changed the folder");

    // Each later run clears what the killed run left; this one replaces
    // the folder.
    assert_eq!(beside(&out), ["types"]);
    assert!(regenerate(&repo_schemas(), &out, "").status.success());
    assert_eq!(contents(&out), new);
    assert_eq!(beside(&out), ["types"]);
}

#[test]
fn concurrent_runs_leave_one_whole_output() {
    let small = small_schemas();
    let outputs = [output_of(small.path()), output_of(&repo_schemas())];
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("types");
    for _ in 0..3 {
        let runs: Vec<_> = (0..4)
            .map(|i| {
                let schemas = if i % 2 == 0 {
                    small.path().to_owned()
                } else {
                    repo_schemas()
                };
                Command::new(env!("CARGO_BIN_EXE_regenerate"))
                    .arg("--schemas")
                    .arg(schemas)
                    .arg("--out")
                    .arg(&out)
                    .arg("--quiet")
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut run in runs {
            assert!(run.wait().unwrap().success());
        }
        let found = contents(&out);
        assert!(outputs.contains(&found), "a mix of {} files", found.len());
        assert_eq!(beside(&out), ["types"]);
    }
}

#[test]
fn an_output_path_that_is_a_file_is_an_error_and_the_file_stays() {
    let small = small_schemas();
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("types");
    std::fs::write(&out, "mine").unwrap();
    for args in [&[][..], &["--check"][..]] {
        let run = Command::new(env!("CARGO_BIN_EXE_regenerate"))
            .arg("--schemas")
            .arg(small.path())
            .arg("--out")
            .arg(&out)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{run:?}");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            stderr.contains("types: the output path is a file, not a folder"),
            "{stderr}"
        );
    }
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    assert_eq!(beside(&out), ["types"]);
}
