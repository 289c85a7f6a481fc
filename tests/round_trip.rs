//! A round trip neither invents nor drops a value: property tests over
//! every activity fixture, every published event body and every body built
//! from Wix's SDK declarations.
//!
//! Each body is read and written once, which puts it in its documented form
//! (what that first write changes is shown by the `written_back` snapshot).
//! Then members anywhere in it are left out or set to `null`, a few at a
//! time; whenever the result still reads, writing it back must give exactly
//! the result: what was left out stays out, and every `null` stays `null`.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};
use serde_json::Value;
use wix_activities::backend_events::Event;
use wix_activities::Activity;

/// How a body is read; `None` when it does not read.
#[derive(Clone, Debug)]
enum Reader {
    Activity,
    Event(String),
}

impl Reader {
    fn round_trip(&self, body: &Value) -> Option<Value> {
        match self {
            Reader::Activity => serde_json::from_value::<Activity>(body.clone())
                .ok()
                .map(|a| serde_json::to_value(a).unwrap()),
            Reader::Event(handler) => Event::from_json(handler, body.to_string().as_bytes())
                .ok()
                .map(|e| serde_json::to_value(e).unwrap()),
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn files_in(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Every body, named, with its reader, in its documented form.
fn bodies() -> Vec<(String, Reader, Value)> {
    let mut found = Vec::new();
    for set in ["examples", "complete"] {
        for group in files_in(&root().join(set)) {
            for file in files_in(&group) {
                found.push((file.display().to_string(), Reader::Activity, json(&file)));
            }
        }
    }
    let handlers = json(&root().join("backend_events/handlers.json"));
    for entry in handlers.as_array().unwrap() {
        if let Some(fixture) = entry["fixture"].as_str() {
            let handler = entry["handler"].as_str().unwrap().to_owned();
            let path = root().join(fixture.trim_start_matches("tests/fixtures/"));
            found.push((fixture.to_owned(), Reader::Event(handler), json(&path)));
        }
    }
    let sdk = root().join("sdk");
    for app in files_in(&sdk.join("fields")) {
        if !app.is_dir() {
            continue;
        }
        for list in files_in(&app) {
            let handler = json(&list)["handler"].as_str().unwrap().to_owned();
            let stem = list.file_stem().unwrap().to_str().unwrap();
            let body = sdk
                .join("bodies")
                .join(app.file_name().unwrap())
                .join(format!("{stem}.full.json"));
            found.push((
                body.display().to_string(),
                Reader::Event(handler),
                json(&body),
            ));
        }
    }
    found
        .into_iter()
        .map(|(name, reader, body)| {
            let documented = reader
                .round_trip(&body)
                .unwrap_or_else(|| panic!("{name} does not read"));
            (name, reader, documented)
        })
        .collect()
}

/// The pointer of every object member, at any depth, parents first.
fn members(value: &Value, at: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let pointer = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                out.push(pointer.clone());
                members(child, &pointer, out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                members(item, &format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
}

/// `body` with the member at `pointer` left out (`null: false`) or `null`.
fn changed(body: &mut Value, pointer: &str, null: bool) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let key = key.replace("~1", "/").replace("~0", "~");
    if let Some(Value::Object(map)) = body.pointer_mut(parent) {
        if null {
            if let Some(value) = map.get_mut(&key) {
                *value = Value::Null;
            }
        } else {
            map.shift_remove(&key);
        }
    }
}

#[test]
fn members_left_out_or_null_come_back_as_they_were_sent() {
    let bodies = bodies();
    assert_eq!(
        bodies.len(),
        58 + 15 + 33,
        "fixtures, published events, SDK bodies"
    );
    let config = Config {
        cases: 2048,
        failure_persistence: None,
        ..Config::default()
    };
    // A fixed seed: every run, in CI too, tries the same cases.
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[11; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let changes = proptest::collection::vec((any::<Index>(), any::<bool>()), 1..6);
    let strategy = (any::<Index>(), changes);
    let (read, nulls, absents) = (Cell::new(0), Cell::new(0), Cell::new(0));
    let result = runner.run(&strategy, |(pick, changes)| {
        let (name, reader, documented) = pick.get(&bodies);
        let mut all = Vec::new();
        members(documented, "", &mut all);
        let mut sent = documented.clone();
        let mut said = Vec::new();
        for (site, null) in &changes {
            let pointer = site.get(&all);
            changed(&mut sent, pointer, *null);
            said.push(format!("{} {pointer}", if *null { "null" } else { "out" }));
        }
        // A required value left out or `null` may fail to read: nothing to compare.
        let Some(written) = reader.round_trip(&sent) else {
            return Ok(());
        };
        read.set(read.get() + 1);
        let sent_text = sent.to_string();
        nulls.set(nulls.get() + sent_text.matches(":null").count());
        absents.set(absents.get() + changes.iter().filter(|(_, null)| !null).count());
        prop_assert!(
            written == sent,
            "{} with {:?}\nsent:    {}\nwritten: {}",
            name,
            said,
            sent_text,
            written
        );
        Ok(())
    });
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, _)) => panic!("{reason}"),
        Err(TestError::Abort(reason)) => panic!("{reason}"),
    }
    // The cases are not vacuous: most still read, with many nulls and gaps.
    let (read, nulls, absents) = (read.get(), nulls.get(), absents.get());
    assert!(read > 1500, "only {read} of 2048 changed bodies read");
    assert!(
        nulls > 1000 && absents > 1000,
        "{nulls} nulls, {absents} gaps"
    );
}

/// The spellings a number keeps, whatever serde_json's `Value` makes of them.
const SPELLINGS: &[&str] = &[
    "1e2",
    "1.50",
    "-0",
    "-0.0",
    "123456789012345678901234567890",
    "1e-400",
    "1e400",
    "95.0",
    "1.35",
];

#[test]
fn a_number_comes_back_with_the_text_it_came_with() {
    let compact = json(&root().join("complete/e_commerce/purchase.json")).to_string();
    assert!(compact.contains(r#""price":129.99"#) && compact.contains(r#""weight":1.35"#));
    for spelling in SPELLINGS {
        // `weight` is a `Number`; `price`, an amount, a `Decimal`.
        let weight = compact.replacen(r#""weight":1.35"#, &format!(r#""weight":{spelling}"#), 1);
        let activity: Activity = serde_json::from_str(&weight).unwrap();
        let written = serde_json::to_string(&activity).unwrap();
        assert!(
            written.contains(&format!(r#""weight":{spelling},"#)),
            "{spelling}: {written}"
        );

        // The same when `info` comes before `type`, and is read once its type is known.
        let info_first = weight.replacen(r#""type":"e_commerce/purchase","#, "", 1);
        let info_first = format!(
            r#"{},"type":"e_commerce/purchase"}}"#,
            &info_first[..info_first.len() - 1]
        );
        let activity: Activity = serde_json::from_str(&info_first).unwrap();
        assert_eq!(
            serde_json::to_string(&activity).unwrap(),
            written,
            "{spelling}"
        );
        assert!(wix_activities::validate::activity_json(info_first.as_bytes()).is_valid());
    }
    for spelling in ["129.990", "1.2999e2", "130", "-0.0"] {
        let price = compact.replacen(r#""price":129.99"#, &format!(r#""price":{spelling}"#), 1);
        let activity: Activity = serde_json::from_str(&price).unwrap();
        let written = serde_json::to_string(&activity).unwrap();
        assert!(
            written.contains(&format!(r#""price":{spelling},"#)),
            "{spelling}: {written}"
        );
    }
}

#[test]
fn an_undocumented_value_comes_back_as_it_came_at_any_depth() {
    // Numbers `Value` would respell or round, a lone surrogate `Value`
    // refuses, nesting beyond serde_json's limit: kept as text, in an
    // `info` read in place or kept until its type arrives, and in the envelope.
    let odd = r#"{"a":[1.50,1e2,-0,123456789012345678901234567890,1e400,"\ud800"]}"#;
    for depth in [0, 120, 126, 127, 128, 1_000, 100_000] {
        let note = format!("{}{odd}{}", "[".repeat(depth), "]".repeat(depth));
        let info =
            format!(r#""info":{{"track":{{"name":"S"}},"album":{{"name":"G"}},"note":{note}}}"#);
        let type_first = format!(r#"{{"type":"music/track-play",{info},"trace":{note}}}"#);
        let info_first = format!(r#"{{{info},"type":"music/track-play","trace":{note}}}"#);
        for body in [&type_first, &info_first] {
            let activity: Activity = serde_json::from_str(body).unwrap();
            assert_eq!(
                serde_json::to_string(&activity).unwrap(),
                type_first,
                "{depth}"
            );
            let report = wix_activities::validate::activity_json(body.as_bytes());
            assert!(report.is_valid(), "{depth}: {report}");
        }
    }
    // Whitespace between tokens is all that goes.
    let spaced = r#"{"type":"music/track-play","info":{"track":{"name":"S"},"album":{"name":"G"}},"trace":{ "a" : [ 1.50 , "x y" ] }}"#;
    let activity: Activity = serde_json::from_str(spaced).unwrap();
    assert_eq!(activity.extra["trace"].text(), r#"{"a":[1.50,"x y"]}"#);
}

#[test]
fn an_event_amount_sent_as_a_number_keeps_its_digits() {
    let body = br#"{"metadata":{"id":"1"},"entity":{"subtotal":{"amount":55.70,"formattedAmount":"$55.70"}}}"#;
    let event = Event::from_json("wixEcom_onCartCreated", body).unwrap();
    assert_eq!(serde_json::to_vec(&event).unwrap(), body.to_vec());
}
