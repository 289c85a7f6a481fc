//! The `validate` command: output per violation, `--json`, `--type`, `--event`, stdin, exit codes.

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
