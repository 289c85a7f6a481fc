//! The `validate` command: output per violation, `--json`, `--type`, `--event`, stdin, newline-delimited input, the summary, the progress bar, exit codes.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn fixture(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(path)
        .to_string_lossy()
        .into_owned()
}

fn validate(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_validate"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("validate runs");
    if let Some(bytes) = stdin {
        // The command may exit before reading (a bad `--type`): a closed pipe is fine.
        let _ = child.stdin.take().unwrap().write_all(bytes);
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn valid_files_exit_0_and_print_nothing() {
    let run = validate(
        &[
            &fixture("complete/hotels/purchase.json"),
            &fixture("examples/music/track-play.json"),
        ],
        None,
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stdout));
    assert_eq!(text(&run.stdout), "");
}

#[test]
fn errors_exit_1_one_line_each_with_file_and_pointer() {
    let file = fixture("examples/scheduler/cancel.json");
    let run = validate(&[&file], None);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        text(&run.stdout),
        format!(
            "{file}: /info/refund/destination: `destination` is required but missing or empty\n\
             {file}: /info/infoLink: `infoLink` must be an absolute URL such as `https://example.com/page`, found `LinkToAppointment`\n"
        )
    );
}

#[test]
fn warnings_are_marked_and_alone_do_not_fail() {
    let file = fixture("examples/messaging/im.json");
    let run = validate(&[&file], None);
    assert_eq!(run.status.code(), Some(0));
    let stdout = text(&run.stdout);
    assert!(
        stdout.contains(&format!(
            "{file}: /info/content/0/time: warning: `2016-09-15T15:53:00` has no UTC offset"
        )),
        "{stdout}"
    );
}

#[test]
fn json_output_lists_file_pointer_kind_severity_and_message() {
    let file = fixture("examples/hotels/reservation.json");
    let run = validate(&["--json", &file], None);
    assert_eq!(run.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(
        report,
        serde_json::json!([{
            "file": file,
            "pointer": "/info/invoice/currency",
            "kind": "format",
            "severity": "error",
            "message": "`currency` must be an ISO 4217 currency code such as `USD`, found `UDS`"
        }])
    );
}

#[test]
fn stdin_and_type_read_an_info_alone() {
    let run = validate(&["--type", "hotels/invoice-not-a-type", "-"], Some(b"{}"));
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("`hotels/invoice-not-a-type` is not a documented activity type")
    );

    let run = validate(
        &["--type", "music/track-play", "-"],
        Some(br#"{"track": {"name": "x"}, "album": {}}"#),
    );
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        text(&run.stdout),
        "-: /album/name: `name` is required but missing or empty\n"
    );

    let run = validate(&["-"], Some(b"{not json"));
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stdout).starts_with("-: /: not valid JSON: key must be a string"),
        "{}",
        text(&run.stdout)
    );
}

#[test]
fn an_empty_or_blank_input_is_invalid_whatever_the_type() {
    let deprecated = wix_activities::ActivityType::DEPRECATED[0]
        .as_str()
        .to_owned();
    for args in [
        vec!["-"],
        vec!["--type", "hotels/purchase", "-"],
        vec!["--type", &deprecated, "-"],
    ] {
        for input in [&b""[..], b"\n\n", b"  \r\n"] {
            let run = validate(&args, Some(input));
            assert_eq!(run.status.code(), Some(1), "{args:?} {input:?}");
            assert!(
                text(&run.stdout).starts_with("-: /: not valid JSON: EOF while parsing a value"),
                "{args:?}: {}",
                text(&run.stdout)
            );
        }
        let garbage = validate(&args, Some(b"garbage"));
        assert_eq!(garbage.status.code(), Some(1), "{args:?}");
    }
}

#[test]
fn unreadable_input_exits_2_and_the_others_are_still_checked() {
    let file = fixture("examples/hotels/reservation.json");
    let run = validate(&["/nonexistent/activity.json", &file], None);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("/nonexistent/activity.json: cannot be read"));
    assert!(text(&run.stdout).contains(&format!("{file}: /info/invoice/currency:")));
}

#[test]
fn event_reads_the_body_of_a_backend_event() {
    let file = fixture("backend_events/ecom/cart-created.json");
    let run = validate(&["--event", "wixEcom_onCartCreated", &file], None);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stdout));
    assert_eq!(text(&run.stdout), "");

    let run = validate(
        &["--event", "wixLoyalty_onAccountUpdated", "-"],
        Some(br#"{"metadata": {"id": "1", "entityId": "2", "eventTime": "2023-01-02T00:45:02Z"}, "entity": {"revision": "thirteen"}}"#),
    );
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        text(&run.stdout),
        "-: /entity/revision: `revision` must be a 64-bit integer as text, such as `\"13\"`, found the string `thirteen`\n"
    );

    // An unknown event is what the library says of it: a warning, with the
    // documented event it is likely a typo of; by event type too.
    let run = validate(&["--event", "wixEcom_onCardCreated", "-"], Some(b"{}"));
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(
        text(&run.stdout),
        "-: /: warning: `wixEcom_onCardCreated` is not a documented event; its body is not checked; did you mean `wixEcom_onCartCreated`?\n"
    );
    let library = wix_activities::validate::event_json("wixEcom_onCardCreated", b"{}");
    assert!(text(&run.stdout).contains(&library.violations()[0].message));
    let run = validate(&["--event", "wix.ecom.v1.cart_created", "-"], Some(b"{}"));
    assert_eq!(run.status.code(), Some(0));
    assert!(
        text(&run.stdout).contains("/metadata: warning"),
        "{}",
        text(&run.stdout)
    );

    let run = validate(
        &[
            "--event",
            "wixEcom_onCartCreated",
            "--type",
            "music/track-play",
            "-",
        ],
        Some(b"{}"),
    );
    assert_eq!(
        run.status.code(),
        Some(2),
        "--type and --event exclude each other"
    );
}

/// The published examples as newline-delimited JSON, one per line, with the
/// files they came from.
fn ndjson() -> (String, Vec<String>) {
    let root = PathBuf::from(fixture("examples"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flat_map(|group| std::fs::read_dir(group.unwrap().path()).unwrap())
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    let lines: Vec<String> = files
        .iter()
        .map(|file| {
            let value: serde_json::Value =
                serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
            value.to_string()
        })
        .collect();
    let names = files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    (lines.join("\n") + "\n", names)
}

#[test]
fn newline_delimited_json_is_detected_and_reported_by_line() {
    let (text_in, files) = ndjson();
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("batch.ndjson");
    std::fs::write(&batch, &text_in).unwrap();
    let batch = batch.to_string_lossy().into_owned();
    let run = validate(&[&batch], None);
    assert_eq!(run.status.code(), Some(1));
    let stdout = text(&run.stdout);
    // Each line's report is the report of the file it came from, in order,
    // with the line number in place of the file name.
    let alone: Vec<Output> = files
        .iter()
        .map(|file| validate(&["--quiet", file], None))
        .collect();
    let mut expected = String::new();
    for (index, (file, alone)) in files.iter().zip(&alone).enumerate() {
        for line in text(&alone.stdout).lines() {
            let rest = line.strip_prefix(file.as_str()).unwrap();
            expected.push_str(&format!("{batch}:{}{rest}\n", index + 1));
        }
    }
    // A report lists its violations in the payload's order, and a line here
    // has its keys sorted (as `Value` writes them) where its file does not:
    // the lines are compared as sets, and must come in the input's order.
    let sorted = |text: &str| {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        lines.sort();
        lines
    };
    assert_eq!(sorted(&stdout), sorted(&expected));
    let numbers: Vec<usize> = stdout
        .lines()
        .map(|line| {
            let rest = line.strip_prefix(&format!("{batch}:")).unwrap();
            rest.split(':').next().unwrap().parse().unwrap()
        })
        .collect();
    assert!(numbers.windows(2).all(|w| w[0] <= w[1]), "{stdout}");
    assert!(stdout.contains(&format!("{batch}:2: /info/item/productLink:")));

    // The summary, on standard error.
    let invalid = alone
        .iter()
        .filter(|run| run.status.code() == Some(1))
        .count();
    let warnings = stdout.matches(": warning: ").count();
    assert_eq!(
        text(&run.stderr),
        format!(
            "validate: {} documents, {} valid, {invalid} invalid, {warnings} warnings\n",
            files.len(),
            files.len() - invalid
        )
    );
}

#[test]
fn ndjson_blank_lines_crlf_and_bad_lines_keep_their_numbers() {
    let good = r#"{"type":"music/track-play","info":{"track":{"name":"a"},"album":{"name":"b"}}}"#;
    let bad = r#"{"type":"music/track-play","info":{"track":{"name":"a"},"album":{}}}"#;
    let body = format!("{good}\r\n\r\n{bad}\n  \n{{not json\n{good}");
    let run = validate(&["-"], Some(body.as_bytes()));
    assert_eq!(run.status.code(), Some(1));
    let stdout = text(&run.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert_eq!(
        lines[0],
        "-:3: /info/album/name: `name` is required but missing or empty"
    );
    assert!(lines[1].starts_with("-:5: /: not valid JSON"), "{stdout}");
    assert_eq!(
        text(&run.stderr),
        "validate: 4 documents, 2 valid, 2 invalid, 0 warnings\n"
    );

    // JSON output says the line too.
    let run = validate(&["--json", "--quiet", "-"], Some(body.as_bytes()));
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report[0]["line"], 3);
    assert_eq!(report[0]["pointer"], "/info/album/name");
    assert_eq!(report[1]["line"], 5);
    assert_eq!(text(&run.stderr), "", "--quiet prints no summary");
}

#[test]
fn a_document_over_several_lines_is_one_document() {
    let pretty = "{\n  \"type\": \"music/track-play\",\n  \"info\": {\"track\": {\"name\": \"a\"}, \"album\": {}}\n}\n";
    let run = validate(&["-"], Some(pretty.as_bytes()));
    assert_eq!(
        text(&run.stdout),
        "-: /info/album/name: `name` is required but missing or empty\n"
    );
    // One compact document and blank lines: still one document, no line number.
    let one = "\n{\"type\": \"music/track-play\", \"info\": {\"track\": {\"name\": \"a\"}, \"album\": {}}}\n\n\n";
    let run = validate(&["-"], Some(one.as_bytes()));
    assert_eq!(
        text(&run.stdout),
        "-: /info/album/name: `name` is required but missing or empty\n"
    );
    // Told it is newline-delimited, each line of the pretty one is a document.
    let run = validate(&["--ndjson", "-"], Some(pretty.as_bytes()));
    let stdout = text(&run.stdout);
    assert!(stdout.starts_with("-:1: /: not valid JSON"), "{stdout}");
    assert!(stdout.contains("\n-:4: /: not valid JSON"), "{stdout}");
    assert_eq!(
        text(&run.stderr),
        "validate: 4 documents, 0 valid, 4 invalid, 0 warnings\n"
    );
}

#[test]
fn a_large_batch_is_reported_in_order() {
    // Enough lines for several batches checked in parallel.
    let bad = |n: usize| {
        format!(
            r#"{{"type":"music/track-play","info":{{"track":{{"name":"t{n}"}},"album":{{"name":""}}}}}}"#
        )
    };
    let body: String = (0..30_000).map(|n| bad(n) + "\n").collect();
    let run = validate(&["--quiet", "-"], Some(body.as_bytes()));
    assert_eq!(run.status.code(), Some(1));
    let stdout = text(&run.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 30_000);
    for (index, line) in lines.iter().enumerate() {
        assert!(
            line.starts_with(&format!("-:{}: /info/album/name:", index + 1)),
            "{line}"
        );
    }
}

#[test]
fn a_document_over_the_limit_is_an_error_and_the_rest_is_checked() {
    let good = r#"{"type":"music/track-play","info":{"track":{"name":"a"},"album":{"name":"b"}}}"#;
    let long = format!(r#"{{"type":"x","info":"{}"}}"#, "a".repeat(5_000));
    let body = format!("{good}\n{long}\n{good}\n");
    let run = validate(&["--max-bytes", "1000", "-"], Some(body.as_bytes()));
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        text(&run.stdout),
        "-:2: /: the document is larger than the limit of 1000 bytes (`--max-bytes`); it is not checked\n"
    );
    assert!(text(&run.stderr).starts_with("validate: 3 documents, 2 valid, 1 invalid"));
    // A whole file over the limit, too.
    let run = validate(&["--max-bytes", "100", "-"], Some(long.as_bytes()));
    assert_eq!(run.status.code(), Some(1));
    assert!(text(&run.stdout).starts_with("-: /: the document is larger"));
}

#[test]
fn a_closed_output_pipe_ends_the_run_without_a_panic() {
    let bad = r#"{"type":"music/track-play","info":{"track":{"name":"a"},"album":{}}}"#;
    let body: String = (0..50_000).map(|_| format!("{bad}\n")).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_validate"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(body.as_bytes());
    });
    // Read one line, as `head -1` would, and close the pipe.
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    writer.join().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(first.starts_with("-:1: /info/album/name:"), "{first}");
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_terminal_gets_a_progress_bar_on_a_long_run() {
    // `script` (util-linux) runs the command on a pseudo-terminal.
    let good = r#"{"type":"music/track-play","info":{"track":{"name":"a"},"album":{"name":"b"}}}"#;
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ndjson");
    let body: String = (0..400_000).map(|_| format!("{good}\n")).collect();
    std::fs::write(&big, body).unwrap();
    let command = format!(
        "{} {} > /dev/null",
        env!("CARGO_BIN_EXE_validate"),
        big.display()
    );
    let run = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("`script` (util-linux) runs");
    let terminal = text(&run.stdout);
    assert!(terminal.contains("documents"), "{terminal}");
    assert!(
        terminal.contains("MiB"),
        "a bar that counts bytes: {terminal}"
    );
    assert!(terminal.contains("validate: 400000 documents, 400000 valid"));

    // Not on a terminal: no bar, only the summary.
    let run = validate(&[&big.to_string_lossy()], None);
    assert_eq!(
        text(&run.stderr),
        "validate: 400000 documents, 400000 valid, 0 invalid, 0 warnings\n"
    );
}
