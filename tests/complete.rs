//! One complete activity per documented type, every documented field set.
//!
//! The fixtures under `tests/fixtures/complete/` are SDK-form activities
//! (`type`, `info`, `details`, `contactUpdate`) whose `info` sets every field
//! its schema documents, at every depth, optional fields included, in the
//! documented form and in the schema's property order, and nothing else. The
//! tests check that against the repaired schemas the types are generated from,
//! then check that each fixture reads into its documented type with nothing
//! left over and is written back exactly: the same JSON, and the same text.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use wix_activities::{Activity, ActivityInfo, ActivityType, DateTime, JsonMap};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/complete")
}

/// Every complete fixture, by wire name, with its text, in a stable order.
fn complete() -> Vec<(String, String, Value)> {
    let mut found = Vec::new();
    for group in std::fs::read_dir(fixtures()).unwrap() {
        let group = group.unwrap().path();
        for file in std::fs::read_dir(&group).unwrap() {
            let file = file.unwrap().path();
            let name = file
                .strip_prefix(fixtures())
                .unwrap()
                .with_extension("")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&file).unwrap();
            let value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            found.push((name, text, value));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// The repaired schemas, by path (`activities/hotels/purchase.json`).
fn normalized() -> std::collections::BTreeMap<String, Value> {
    wix_activities_build::Config::new()
        .schemas_dir(repo().join("schemas"))
        .render()
        .expect("the repository's schemas render")
        .normalized
}

#[test]
fn one_complete_fixture_per_documented_type() {
    let names: BTreeSet<String> = complete().into_iter().map(|(name, ..)| name).collect();
    let documented: BTreeSet<String> = ActivityType::DOCUMENTED
        .iter()
        .map(|kind| kind.as_str().to_owned())
        .collect();
    assert_eq!(names, documented);
}

/// A JSON pointer one step below `pointer`.
fn below(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", token.replace('~', "~0").replace('/', "~1"))
}

/// Whether `value` is in the documented form of `schema`'s own `type`,
/// `enum` and `format` (not looking below it).
fn form_problem(schema: &Value, value: &Value) -> Option<String> {
    let wrong_type = match schema.get("type").and_then(Value::as_str) {
        Some("string") => !value.is_string(),
        Some("number") => !value.is_number(),
        Some("integer") => !(value.is_u64() || value.is_i64()),
        Some("boolean") => !value.is_boolean(),
        Some("object") => !value.is_object(),
        Some("array") => !value.is_array(),
        _ => false,
    };
    if wrong_type {
        return Some(format!(
            "{value} is not of the documented type `{}`",
            schema["type"]
        ));
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        if !values.contains(value) {
            return Some(format!("{value} is not one of the documented values"));
        }
    }
    if schema.get("format").and_then(Value::as_str) == Some("date-time") {
        match value.as_str().unwrap_or_default().parse::<DateTime>() {
            Ok(date_time) if date_time.has_offset() => {}
            Ok(_) => return Some(format!("{value} is a date-time without an offset")),
            Err(e) => return Some(e.to_string()),
        }
    }
    None
}

/// Walks `schema` and `value` together: every documented property is set
/// (present, not null), every array has an element whose item is checked,
/// and no key is undocumented. A schema with neither `properties` nor
/// `items` is raw JSON: only its type is checked (an array must not be empty).
fn check(schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
    if let Some(problem) = form_problem(schema, value) {
        problems.push(format!("{at}: {problem}"));
        return;
    }
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        let Some(object) = value.as_object() else {
            problems.push(format!("{at}: {value} is not an object"));
            return;
        };
        for (key, property) in properties {
            let pointer = below(at, key);
            match object.get(key) {
                None => problems.push(format!("{pointer}: documented, but missing")),
                Some(Value::Null) => problems.push(format!("{pointer}: documented, but null")),
                Some(inner) => check(property, inner, &pointer, problems),
            }
        }
        for key in object.keys().filter(|key| !properties.contains_key(*key)) {
            problems.push(format!("{}: not documented", below(at, key)));
        }
    }
    if let Some(array) = value.as_array() {
        match (array.first(), schema.get("items")) {
            (None, _) => problems.push(format!("{at}: an empty array sets no item")),
            (Some(first), Some(items)) => check(items, first, &below(at, "0"), problems),
            (Some(_), None) => {}
        }
    }
}

#[test]
fn every_documented_field_is_set() {
    let schemas = normalized();
    let schema = |path: &str| {
        schemas
            .get(path)
            .unwrap_or_else(|| panic!("no normalized schema `{path}`"))
    };
    let mut problems = Vec::new();
    for (name, _, fixture) in complete() {
        let file = format!("tests/fixtures/complete/{name}.json");
        let mut found = Vec::new();
        let keys: Vec<&str> = fixture
            .as_object()
            .map(|object| object.keys().map(String::as_str).collect())
            .unwrap_or_default();
        if keys != ["type", "info", "details", "contactUpdate"] {
            found.push(format!(
                ": the SDK form's `type`, `info`, `details`, `contactUpdate` in this order, not {keys:?}"
            ));
        }
        if fixture["type"] != name.as_str() {
            found.push(format!(
                "/type: {} is not the file's wire name",
                fixture["type"]
            ));
        }
        for (key, path) in [
            ("info", format!("activities/{name}.json")),
            ("details", "envelope/details.json".to_owned()),
            ("contactUpdate", "envelope/contact-update.json".to_owned()),
        ] {
            match fixture.get(key) {
                None | Some(Value::Null) => found.push(format!("/{key}: missing")),
                Some(value) => check(schema(&path), value, &format!("/{key}"), &mut found),
            }
        }
        problems.extend(found.into_iter().map(|problem| format!("{file}#{problem}")));
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The undocumented fields kept at the top level of a documented `info`,
/// or `None` for an `info` read as [`ActivityInfo::Other`].
fn top_level_extra(info: &ActivityInfo) -> Option<&JsonMap> {
    macro_rules! extra {
        ($($variant:ident),* $(,)?) => {
            match info {
                $(ActivityInfo::$variant(info) => Some(&info.extra),)*
                _ => None,
            }
        };
    }
    extra!(
        ECommerceCartAbandon,
        ECommerceCartAdd,
        ECommerceCartCheckout,
        ECommerceCartRemove,
        ECommercePurchase,
        EventsRsvp,
        FormContactForm,
        FormForm,
        FormSubscriptionForm,
        HotelsCancel,
        HotelsConfirmation,
        HotelsPurchase,
        HotelsPurchaseFailed,
        HotelsReservation,
        MessagingIm,
        MusicAlbumFan,
        MusicAlbumPlayed,
        MusicAlbumShare,
        MusicTrackLyrics,
        MusicTrackPlay,
        MusicTrackPlayed,
        MusicTrackShare,
        MusicTrackSkip,
        SchedulerAppointment,
        SchedulerCancel,
        SchedulerConfirmation,
        SocialComment,
        SocialShareUrl,
        SocialTrack,
    )
}

/// The differences between two JSON values, one line per JSON pointer.
fn differences(
    pointer: &str,
    sent: Option<&Value>,
    written: Option<&Value>,
    out: &mut Vec<String>,
) {
    match (sent, written) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                differences(&below(pointer, key), a.get(key), b.get(key), out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                differences(&below(pointer, &index.to_string()), Some(x), Some(y), out);
            }
        }
        (a, b) if a == b => {}
        (a, b) => {
            let show = |v: Option<&Value>| v.map_or("(absent)".to_owned(), Value::to_string);
            out.push(format!("{pointer}: {} → {}", show(a), show(b)));
        }
    }
}

/// Where two texts first differ, with a little context from each.
fn first_difference(expected: &str, written: &str) -> String {
    let at = expected
        .char_indices()
        .zip(written.chars())
        .find(|((_, a), b)| a != b)
        .map_or(expected.len().min(written.len()), |((index, _), _)| index);
    let start = expected[..at]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(index, _)| index);
    let context = |text: &str| text[start..].chars().take(120).collect::<String>();
    format!(
        "at byte {at}:\n    fixture: …{}\n    written: …{}",
        context(expected),
        context(written)
    )
}

#[test]
fn every_complete_fixture_round_trips_exactly() {
    let mut problems = Vec::new();
    for (name, _, fixture) in complete() {
        let file = format!("tests/fixtures/complete/{name}.json");
        let activity: Activity = match serde_json::from_value(fixture.clone()) {
            Ok(activity) => activity,
            Err(e) => {
                problems.push(format!("{file}: does not parse: {e}"));
                continue;
            }
        };
        if activity.info.activity_type().as_str() != name {
            problems.push(format!(
                "{file}: read as `{}`",
                activity.info.activity_type()
            ));
        }
        match top_level_extra(&activity.info) {
            None => problems.push(format!("{file}: `info` read as `ActivityInfo::Other`")),
            Some(extra) if !extra.is_empty() => problems.push(format!(
                "{file}: undocumented fields in `info`: {:?}",
                extra.keys().collect::<Vec<_>>()
            )),
            Some(_) => {}
        }
        match activity.details.value() {
            None => problems.push(format!("{file}: `details` was not read")),
            Some(details) if !details.extra.is_empty() => problems.push(format!(
                "{file}: undocumented fields in `details`: {:?}",
                details.extra.keys().collect::<Vec<_>>()
            )),
            Some(_) => {}
        }
        match activity.contact_update.value() {
            None => problems.push(format!("{file}: `contactUpdate` was not read")),
            Some(update) if !update.extra.is_empty() => problems.push(format!(
                "{file}: undocumented fields in `contactUpdate`: {:?}",
                update.extra.keys().collect::<Vec<_>>()
            )),
            Some(_) => {}
        }
        if !activity.extra.is_empty() {
            problems.push(format!(
                "{file}: undocumented envelope fields: {:?}",
                activity.extra.keys().collect::<Vec<_>>()
            ));
        }

        let written = serde_json::to_value(&activity).unwrap();
        let mut lines = Vec::new();
        differences("", Some(&fixture), Some(&written), &mut lines);
        problems.extend(
            lines
                .into_iter()
                .map(|line| format!("{file}#{line} (value written back)")),
        );

        let expected = serde_json::to_string(&fixture).unwrap();
        let text = serde_json::to_string(&activity).unwrap();
        if text != expected {
            problems.push(format!(
                "{file}: the text written back differs {}",
                first_difference(&expected, &text)
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
