//! Payloads built to hurt, through the `validate` command (one process
//! each, so that its peak memory can be read): 100 MB strings and keys,
//! 1,000,000-item arrays, nesting 1,000,000 deep, numbers beyond `f64`.
//! Each gets its verdict, a bounded report, and memory a small multiple of
//! its size.

use std::path::Path;
use std::process::Command;

use std::io::Write;

use serde_json::Value;

const BIG: usize = 100 << 20;
const MANY: usize = 1_000_000;

fn purchase() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/complete/hotels/purchase.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The fixture's compact text, cut at the first `at`: what comes before it
/// (with `at`) and after.
fn cut(value: &Value, at: &str) -> (String, String) {
    let text = value.to_string();
    let (before, after) = text.split_once(at).unwrap();
    (format!("{before}{at}"), after.to_owned())
}

/// A body of `parts`, each written `n` times: streamed to the file, so
/// that this process stays small (a child's peak memory counts the memory
/// of the process it was started from).
type Parts<'a> = &'a [(&'a str, usize)];

/// Runs `validate` on the body made of `parts`: exit code and output
/// lines. Its peak memory must be a small multiple of the body's size
/// (which it reads whole, parses, and keeps the strings of).
fn validate(parts: Parts<'_>) -> (i32, Vec<String>) {
    let folder = tempfile::tempdir().unwrap();
    let (file, out) = (
        folder.path().join("payload.json"),
        folder.path().join("out"),
    );
    let mut writer = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    let mut size = 0;
    for (part, n) in parts {
        for _ in 0..*n {
            writer.write_all(part.as_bytes()).unwrap();
        }
        size += part.len() * n;
    }
    writer.flush().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_validate"))
        .args(["--quiet", "--max-bytes", &(4 * BIG).to_string()])
        .arg(&file)
        .stdout(std::fs::File::create(&out).unwrap())
        .spawn()
        .unwrap();
    let (code, peak) = wait(child);
    assert!(
        peak < 8 * size.max(16 << 20),
        "validate peaked at {} MB for {} MB",
        peak >> 20,
        size >> 20
    );
    let stdout = std::fs::read_to_string(&out).unwrap();
    (code, stdout.lines().map(str::to_owned).collect())
}

/// The child's exit code and peak resident memory.
#[cfg(target_os = "linux")]
fn wait(child: std::process::Child) -> (i32, usize) {
    let pid = child.id() as libc::pid_t;
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    // SAFETY: wait4 writes the status and usage it is given and nothing else.
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, usage.ru_maxrss as usize * 1024)
}

#[cfg(not(target_os = "linux"))]
fn wait(mut child: std::process::Child) -> (i32, usize) {
    (child.wait().unwrap().code().unwrap_or(-1), 0)
}

/// Every line of a report short, whatever it quotes.
fn assert_short(lines: &[String]) {
    for line in lines {
        assert!(line.len() < 1000, "{}…", &line[..200]);
    }
}

#[test]
fn huge_strings_keys_and_arrays_get_their_verdict_in_bounded_memory() {
    let chunk = "x".repeat(1 << 20);
    let chunks = BIG >> 20;
    let (head, tail) = cut(&purchase(), r#""info":{"#);
    let (head, tail) = (head.as_str(), tail.as_str());

    // Undocumented: kept, so valid; a key is quoted shortly in its warning.
    let (code, lines) = validate(&[
        (head, 1),
        (r#""note":""#, 1),
        (&chunk, chunks),
        (r#"","#, 1),
        (tail, 1),
    ]);
    assert_eq!((code, lines.len()), (0, 1), "{lines:?}");
    let (code, lines) = validate(&[
        (head, 1),
        ("\"", 1),
        (&chunk, chunks),
        (r#"":1,"#, 1),
        (tail, 1),
    ]);
    assert_eq!((code, lines.len()), (0, 1));
    assert_short(&lines);

    // Documented: checked, and quoted shortly.
    let (before, after) = cut(&purchase(), r#""currency":""#);
    let (code, lines) = validate(&[(&before, 1), (&chunk, chunks), (&after, 1)]);
    assert_eq!((code, lines.len()), (1, 1), "{lines:?}");
    assert_short(&lines);

    // A million bad items: the report stops at its limit.
    let mut few = purchase();
    few["info"]["rates"] = Value::Array(Vec::new());
    let (before, after) = cut(&few, r#""rates":["#);
    let item = r#"{"date":1},"#;
    let (code, lines) = validate(&[
        (&before, 1),
        (item, MANY - 1),
        (r#"{"date":1}"#, 1),
        (&after, 1),
    ]);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), wix_activities::validate::Report::LIMIT + 1);
    assert_short(&lines);

    // Undocumented, a million items, nesting a million deep, numbers beyond `f64`: kept.
    let members: [&[(&str, usize)]; 3] = [
        &[(r#""list":["#, 1), ("1.50,", MANY - 1), ("1.50],", 1)],
        &[(r#""deep":"#, 1), ("[", MANY), ("]", MANY), (",", 1)],
        &[(
            r#""odd":[1e400,-0,123456789012345678901234567890,"\ud800"],"#,
            1,
        )],
    ];
    for member in members {
        let (code, lines) = validate(&[&[(head, 1)], member, &[(tail, 1)]].concat());
        assert_eq!((code, lines.len()), (0, 1), "{lines:?}");
    }
}
