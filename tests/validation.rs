//! Validation: every error, each with a JSON pointer, from both entry points.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use wix_activities::validate::{self, JsonRules, Kind, Report, Severity, Validate, ValidateJson};
use wix_activities::{hotels, Activity, ActivityInfo, ActivityType};

fn fixtures(kind: &str) -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind);
    let mut found = Vec::new();
    for group in std::fs::read_dir(&root).unwrap() {
        let group: PathBuf = group.unwrap().path();
        for file in std::fs::read_dir(&group).unwrap() {
            let file = file.unwrap().path();
            let name = file
                .strip_prefix(&root)
                .unwrap()
                .with_extension("")
                .to_string_lossy()
                .replace('\\', "/");
            found.push((
                name,
                serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap(),
            ));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

fn complete(name: &str) -> Value {
    fixtures("complete")
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap()
        .1
}

fn check(value: &Value) -> Report {
    validate::activity_json(&serde_json::to_vec(value).unwrap())
}

/// `pointer kind severity` of each violation, for compact assertions.
fn summary(report: &Report) -> Vec<String> {
    report
        .violations()
        .iter()
        .map(|v| {
            format!(
                "{} {} {}",
                if v.pointer.is_empty() {
                    "/"
                } else {
                    &v.pointer
                },
                v.kind,
                if v.severity == Severity::Error {
                    "error"
                } else {
                    "warning"
                }
            )
        })
        .collect()
}

#[test]
fn the_examples_report() {
    let mut text = String::new();
    for (name, value) in fixtures("examples") {
        let report = check(&value);
        text.push_str(&format!(
            "{name}:{}\n",
            if report.violations().is_empty() {
                " valid"
            } else {
                ""
            }
        ));
        for violation in report.violations() {
            text.push_str(&format!("  {violation} [{}]\n", violation.kind));
        }
    }
    insta::assert_snapshot!(text);
}

#[test]
fn complete_fixtures_are_valid_and_raise_no_warning() {
    for (name, value) in fixtures("complete") {
        let report = check(&value);
        assert!(report.violations().is_empty(), "{name}:\n{report}");
    }
}

#[test]
fn the_typed_and_the_raw_checks_agree_on_every_fixture() {
    for (name, value) in fixtures("examples").into_iter().chain(fixtures("complete")) {
        let activity: Activity = serde_json::from_value(value.clone()).unwrap();
        let mut typed = activity.validate().into_violations();
        let mut raw = Activity::<ActivityInfo>::validate_json(&value).into_violations();
        typed.sort_by(|a, b| (&a.pointer, &a.message).cmp(&(&b.pointer, &b.message)));
        raw.sort_by(|a, b| (&a.pointer, &a.message).cmp(&(&b.pointer, &b.message)));
        assert_eq!(typed, raw, "{name}");
    }
}

#[test]
fn every_error_is_reported_with_its_pointer_not_just_the_first() {
    let mut value = complete("hotels/reservation");
    let info = &mut value["info"];
    info["source"] = json!("VISITOR");
    info["guests"]["total"] = json!({"n": 2});
    info["stay"]["checkin"] = json!("yesterday");
    info["rates"][0]["taxes"][0]
        .as_object_mut()
        .unwrap()
        .shift_remove("name");
    info["invoice"]["currency"] = json!("UDS");
    info["customer"]["email"] = json!("not-an-email");
    info["rooms"][0]["beds"][0]["kind"] = json!(["king"]);
    let report = check(&value);
    assert_eq!(
        summary(&report),
        [
            "/info/source enum error",
            "/info/guests/total type error",
            "/info/stay/checkin format error",
            "/info/rates/0/taxes/0/name required error",
            "/info/invoice/currency format error",
            "/info/customer/email format error",
            "/info/rooms/0/beds/0/kind type error",
        ]
    );
    let messages: Vec<&str> = report
        .violations()
        .iter()
        .map(|v| v.message.as_str())
        .collect();
    assert_eq!(
        messages[0],
        "`source` must be one of `GUEST`, `STAFF`, found `VISITOR`"
    );
    assert_eq!(messages[1], "`total` must be a number, found an object");
    assert_eq!(messages[2], "`checkin` must be an RFC 3339 date-time such as `2013-07-01T08:07:40.802Z`, found `yesterday`");
    assert_eq!(messages[3], "`name` is required but missing or empty");
    assert_eq!(
        messages[4],
        "`currency` must be an ISO 4217 currency code such as `USD`, found `UDS`"
    );
    assert_eq!(messages[6], "`kind` must be text, found an array");
}

#[test]
fn a_missing_field_inside_a_present_optional_parent_is_found() {
    let mut value = complete("e_commerce/purchase");
    value["info"]["payment"]["coupon"]
        .as_object_mut()
        .unwrap()
        .shift_remove("title");
    value["info"]["items"][0]["quantity"] = json!(1.5);
    assert_eq!(
        summary(&check(&value)),
        [
            "/info/items/0/quantity type error",
            "/info/payment/coupon/title required error"
        ]
    );
}

#[test]
fn warnings_are_separate_from_errors() {
    let mut value = complete("hotels/reservation");
    value["info"]["guests"]["total"] = json!(5);
    let checkin = value["info"]["stay"]["checkin"].clone();
    value["info"]["stay"]["checkin"] = value["info"]["stay"]["checkout"].clone();
    value["info"]["stay"]["checkout"] = checkin;
    value["info"]["rates"][0]["date"] = json!("2026-12-01T00:00:00");
    value["details"]["additionalInfoUrl"] =
        json!("http://www.wix.com/my-account/app/{app-def-id}/{instance-id}");
    let report = check(&value);
    assert!(report.is_valid(), "{report}");
    assert_eq!(
        summary(&report),
        [
            "/info/guests consistency warning",
            "/info/stay consistency warning",
            "/info/rates/0/date format warning",
            "/details/additionalInfoUrl format warning",
        ]
    );
    let messages: Vec<String> = report.warnings().map(ToString::to_string).collect();
    assert!(
        messages[0].ends_with("warning: `total` is 5 but `adults` + `children` add up to 3"),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].contains("`checkout`") && messages[1].contains("is before `checkin`"),
        "{}",
        messages[1]
    );
    assert!(messages[2].contains("has no UTC offset"), "{}", messages[2]);
}

#[test]
fn envelope_problems_are_reported_in_either_form() {
    let mut http = json!({"activityType": "music/track-play", "activityInfo": {"track": {}, "album": {"name": "x"}}, "createdAt": "now"});
    assert_eq!(
        summary(&check(&http)),
        [
            "/activityInfo/track/name required error",
            "/createdAt format error"
        ]
    );
    http["activityType"] = json!("messaging/send");
    assert_eq!(
        summary(&check(&http)),
        ["/activityType enum warning", "/createdAt format error"]
    );
    let unknown = json!({"type": "shipping/shipped", "info": {"anything": 1}});
    let report = check(&unknown);
    assert!(report.is_valid());
    assert_eq!(
        report.violations()[0].message,
        "`shipping/shipped` is not a documented activity type; its info is not checked"
    );
    assert_eq!(
        summary(&check(&json!({"info": {}}))),
        ["/type required error"]
    );
    assert_eq!(summary(&check(&json!([1]))), ["/ type error"]);
    let nested = json!({"type": "music/album-fan", "info": {"album": {"name": "x"}, "details": {"summary": ""}}});
    assert_eq!(
        summary(&check(&nested)),
        ["/info/details unknown_property warning"]
    );
}

#[test]
fn info_alone_can_be_checked_by_type() {
    let info = complete("hotels/cancel")["info"].clone();
    assert!(validate::info_json(&ActivityType::HotelsCancel, &info)
        .violations()
        .is_empty());
    let report = validate::info_json(
        &ActivityType::HotelsCancel,
        &json!({"refund": {"kind": "ALL"}}),
    );
    assert!(summary(&report).contains(&"/refund/kind enum error".to_owned()));
    assert!(summary(&report).contains(&"/guests required error".to_owned()));
    // The same rules over bytes, in one streaming pass.
    let bytes = br#"{"refund": {"kind": "ALL"}}"#;
    assert_eq!(
        validate::info_bytes(&ActivityType::HotelsCancel, bytes),
        report
    );
    assert!(validate::info_bytes(&ActivityType::Other("x/y".into()), b"{}").is_valid());
}

#[test]
fn a_value_built_in_code_is_checked_too() {
    let invoice = hotels::Invoice {
        subtotal: 20.into(),
        total: 30.into(),
        currency: "UDS".into(),
        extra: Default::default(),
    };
    let report = invoice.validate();
    assert_eq!(summary(&report), ["/currency format error"]);
    // The same rules on the same value as JSON.
    assert_eq!(
        hotels::Invoice::validate_json(&serde_json::to_value(&invoice).unwrap()),
        report
    );
    // And on its bytes, in one streaming pass.
    assert_eq!(
        hotels::Invoice::validate_json_bytes(&serde_json::to_vec(&invoice).unwrap()),
        report
    );
    let broken = hotels::Invoice::validate_json_bytes(br#"{"subtotal": "x", "total": 1"#);
    assert_eq!(
        summary(&broken),
        ["/subtotal type error", "/ type error"],
        "what was found before the end stays"
    );
}

#[test]
fn hostile_input_is_bounded_and_never_panics() {
    // Nesting far beyond serde_json's recursion limit: skipped without
    // recursion, one error, no stack overflow; also where a field is expected.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let report = validate::activity_json(deep.as_bytes());
    assert_eq!(summary(&report), ["/ type error"]);
    assert_eq!(
        report.violations()[0].message,
        "the document must be an object, found an array"
    );
    let nested = format!(r#"{{"type": "music/album-fan", "info": {{"album": {deep}}}}}"#);
    assert_eq!(
        summary(&validate::activity_json(nested.as_bytes())),
        ["/info/album type error"]
    );

    // A huge array of bad items: the report stops at its limit.
    let mut value = complete("hotels/reservation");
    value["info"]["rates"] = Value::Array(vec![json!({"date": 1}); 50_000]);
    let report = check(&value);
    assert_eq!(report.violations().len(), Report::LIMIT + 1);
    assert_eq!(report.violations().last().unwrap().kind, Kind::Limit);

    // A very long string: checked in bounded time, quoted shortly.
    let mut value = complete("hotels/reservation");
    value["info"]["invoice"]["currency"] = json!("U".repeat(1 << 20));
    let report = check(&value);
    assert_eq!(summary(&report), ["/info/invoice/currency format error"]);
    assert!(report.violations()[0].message.len() < 200);

    for garbage in [
        &b""[..],
        b"{",
        b"null",
        b"\"text\"",
        b"{\"type\": null, \"info\": null}",
        &[0xff, 0xfe][..],
    ] {
        let report = validate::activity_json(garbage);
        assert!(!report.is_valid(), "{:?}", String::from_utf8_lossy(garbage));
    }
}

/// Bodies the typed parser refuses for a reason the raw walk once missed.
fn refused_by_the_typed_parser() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let info = r#""info":{"track":{"name":"S"},"album":{"name":"G"}"#;
    let mut bad_utf8 = format!(r#"{{"type":"music/track-play",{info},"note":"a"#).into_bytes();
    bad_utf8.extend_from_slice(b"\xff\"}}");
    vec![
        ("a number as type", br#"{"type":5,"info":{}}"#.to_vec(), "/type"),
        ("a number as type, after info", br#"{"info":{},"type":5}"#.to_vec(), "/type"),
        (
            "a number as id",
            format!(r#"{{"type":"music/track-play",{info}}},"id":7}}"#).into_bytes(),
            "/id",
        ),
        ("invalid UTF-8 in an undocumented string", bad_utf8, ""),
        (
            "type twice",
            format!(r#"{{"type":"music/track-play","type":"music/track-play",{info}}}}}"#)
                .into_bytes(),
            "/type",
        ),
        (
            "info twice",
            format!(r#"{{"type":"music/track-play",{info}}},{info}}}}}"#).into_bytes(),
            "/info",
        ),
        (
            "details twice",
            format!(r#"{{"type":"music/track-play",{info}}},"details":{{}},"details":{{}}}}"#)
                .into_bytes(),
            "/details",
        ),
        (
            "a documented property twice",
            format!(r#"{{"type":"music/track-play",{info},"album":{{"name":"G"}}}}}}"#)
                .into_bytes(),
            "/info/album",
        ),
        (
            "a documented property twice, the first null",
            br#"{"type":"music/track-play","info":{"track":{"name":"S"},"album":null,"album":{"name":"G"}}}"#
                .to_vec(),
            "/info/album",
        ),
        (
            "a property and its lower-case alias",
            format!(r#"{{"type":"music/track-play",{info}}},"details":{{"additionalInfoUrl":"https://a.test","additionalinfourl":"https://a.test"}}}}"#)
                .into_bytes(),
            "/details/additionalinfourl",
        ),
    ]
}

#[test]
fn what_no_schema_describes_is_kept_by_both_paths_as_it_came() {
    let info = r#""info":{"track":{"name":"S"},"album":{"name":"G"}"#;
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    for (what, body) in [
        (
            "deep nesting in an undocumented property",
            format!(r#"{{"type":"music/track-play",{info},"note":{deep}}}}}"#),
        ),
        (
            "deep nesting in an undocumented envelope member",
            format!(r#"{{"type":"music/track-play",{info}}},"note":{deep}}}"#),
        ),
        (
            "deep nesting in the info of an unknown type",
            format!(r#"{{"type":"shipping/shipped","info":{{"a":{deep}}}}}"#),
        ),
        (
            "a lone surrogate in an undocumented string",
            format!(r#"{{"type":"music/track-play",{info},"note":"\ud800"}}}}"#),
        ),
        (
            "a number beyond f64 in an undocumented property",
            format!(r#"{{"type":"music/track-play",{info},"note":1e400}}}}"#),
        ),
    ] {
        let activity: Activity = serde_json::from_str(&body).unwrap();
        assert_eq!(serde_json::to_string(&activity).unwrap(), body, "{what}");
        let walked = validate::activity_json_walk(body.as_bytes());
        assert!(walked.errors().next().is_none(), "{what}: {walked}");
        assert!(activity.validate().errors().next().is_none(), "{what}");
    }
}

#[test]
fn what_the_typed_parser_refuses_the_raw_walk_refuses_at_its_pointer() {
    for (what, body, pointer) in refused_by_the_typed_parser() {
        assert!(serde_json::from_slice::<Activity>(&body).is_err(), "{what}");
        // The walk alone finds it, not just the fast path's fallback.
        let walked = validate::activity_json_walk(&body);
        let errors: Vec<&str> = walked.errors().map(|v| v.pointer.as_str()).collect();
        assert!(errors.contains(&pointer), "{what}: {walked}");
        assert_eq!(validate::activity_json(&body), walked, "{what}");
        if let Ok(value) = serde_json::from_slice::<Value>(&body) {
            // As a `Value`, a repeated key has kept only its last value.
            let typed = serde_json::from_value::<Activity>(value.clone()).is_ok();
            let raw = Activity::<ActivityInfo>::validate_json(&value).is_valid();
            assert!(
                typed || !raw,
                "{what}: the typed read fails, the raw walk calls it valid"
            );
        }
    }
}

#[test]
fn a_repeated_undocumented_property_keeps_its_last_value_and_is_told_once() {
    let body = br#"{"type":"music/album-fan","info":{"album":{"name":"X"},"note":1,"note":2}}"#;
    let activity: Activity = serde_json::from_slice(body).unwrap();
    let written = serde_json::to_string(&activity).unwrap();
    assert!(
        written.contains(r#""note":2"#) && !written.contains(r#""note":1"#),
        "{written}"
    );
    let report = validate::activity_json(body);
    assert_eq!(summary(&report), ["/info/note unknown_property warning"]);
    assert_eq!(validate::activity_json_walk(body), report);
}

#[test]
fn pointers_are_spelled_as_the_payload_spells_the_property() {
    let body = br#"{"type":"music/album-fan","info":{"album":{"name":"X"}},"details":{"additionalinfourl":"nope"}}"#;
    let report = validate::activity_json(body);
    assert_eq!(
        summary(&report),
        ["/details/additionalinfourl format warning"]
    );
    assert!(report.violations()[0]
        .message
        .starts_with("`additionalinfourl` must be"));
    // The typed value knows the property only by its documented name.
    let activity: Activity = serde_json::from_slice(body).unwrap();
    assert_eq!(
        summary(&activity.validate()),
        ["/details/additionalInfoUrl format warning"]
    );
}

#[test]
fn a_documented_property_repeated_in_extra_is_told_for_a_value_built_in_code() {
    let mut invoice = hotels::Invoice {
        subtotal: 20.into(),
        total: 30.into(),
        currency: "USD".into(),
        extra: Default::default(),
    };
    invoice.extra.insert("total".into(), json!(31).into());
    // What it would send has `total` twice, which the typed parser refuses.
    let sent = serde_json::to_vec(&invoice).unwrap();
    assert!(serde_json::from_slice::<hotels::Invoice>(&sent).is_err());
    assert_eq!(summary(&invoice.validate()), ["/total duplicate error"]);
    assert_eq!(
        summary(&hotels::Invoice::validate_json_bytes(&sent)),
        ["/total duplicate error"]
    );
}

#[test]
fn a_decimal_no_decimal_holds_is_refused_by_both_paths_though_its_float_is_zero() {
    let compact = complete("e_commerce/purchase").to_string();
    for spelling in ["1e-400", "1e-29", "1e30"] {
        let body = compact.replacen(r#""price":129.99"#, &format!(r#""price":{spelling}"#), 1);
        assert!(
            serde_json::from_str::<Activity>(&body).is_err(),
            "{spelling}"
        );
        let report = validate::activity_json_walk(body.as_bytes());
        let errors: Vec<&str> = report.errors().map(|v| v.pointer.as_str()).collect();
        assert_eq!(errors, ["/info/items/0/price"], "{spelling}: {report}");
    }
    let zero = compact.replacen(r#""price":129.99"#, r#""price":0.000"#, 1);
    assert!(serde_json::from_str::<Activity>(&zero).is_ok());
    assert!(validate::activity_json_walk(zero.as_bytes()).is_valid());
}

#[test]
fn raw_json_built_in_code_is_checked_as_the_raw_walk_checks_it() {
    let mut value = complete("form/contact-form");
    value["info"]["subject"] = json!([[1], {"a": 1.50}]);
    let mut activity: Activity = serde_json::from_value(value.clone()).unwrap();
    let raw = summary(&check(&value));
    assert_eq!(raw, ["/info/subject/0 type error"]);
    assert_eq!(summary(&activity.validate()), raw);
    // The same when the value is built in code.
    let ActivityInfo::FormContactForm(form) = &mut activity.info else {
        panic!()
    };
    form.subject = wix_activities::Json::from(json!([{"a": 1}, "x"])).into();
    assert_eq!(
        summary(&activity.validate()),
        ["/info/subject/1 type error"]
    );
}
