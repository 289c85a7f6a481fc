//! Every example of seed 000, as sent, read into the generated types.
//!
//! The fixtures under `tests/fixtures/examples/` are the JavaScript examples
//! of Wix's activity documentation written as the JSON they send, mistakes
//! included (quirks.md part B). Every one of them parses. What the generated
//! types accept leniently is written back in the documented form, so each
//! example's difference between what was sent and what is written back is
//! snapshotted (`examples__written_back.snap`): every normalization is
//! listed there, one line per JSON pointer, and nothing else may change.

use std::path::{Path, PathBuf};

use serde_json::Value;
use wix_activities::{Activity, ActivityInfo, ActivityType, DateTime, Json};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/examples")
}

/// Every example, by wire name, in a stable order.
fn examples() -> Vec<(String, Value)> {
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
            found.push((
                name,
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display())),
            ));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

fn read(name: &str) -> Activity {
    let (_, value) = examples().into_iter().find(|(n, _)| n == name).unwrap();
    serde_json::from_value(value).unwrap()
}

#[test]
fn there_is_one_example_per_documented_type_and_each_parses_to_it() {
    let examples = examples();
    assert_eq!(examples.len(), ActivityType::DOCUMENTED.len());
    for (name, value) in examples {
        let activity: Activity =
            serde_json::from_value(value).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            activity.info.activity_type().as_str(),
            name,
            "the fixture is named after its wire name"
        );
        assert!(
            !matches!(activity.info, ActivityInfo::Other { .. }),
            "{name}"
        );
    }
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
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                differences(&format!("{pointer}/{key}"), a.get(key), b.get(key), out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                differences(&format!("{pointer}/{index}"), Some(x), Some(y), out);
            }
        }
        (a, b) if a == b => {}
        (a, b) => {
            let show = |v: Option<&Value>| v.map_or("(absent)".to_owned(), Value::to_string);
            out.push(format!("{pointer}: {} → {}", show(a), show(b)));
        }
    }
}

#[test]
fn written_back() {
    let mut report = String::new();
    for (name, sent) in examples() {
        let activity: Activity = serde_json::from_value(sent.clone()).unwrap();
        let written = serde_json::to_value(&activity).unwrap();
        let again: Activity = serde_json::from_value(written.clone()).unwrap();
        assert_eq!(
            again, activity,
            "{name}: what is written reads back as the same value"
        );
        let mut lines = Vec::new();
        differences("", Some(&sent), Some(&written), &mut lines);
        report.push_str(&format!(
            "{name}:{}\n",
            if lines.is_empty() { " unchanged" } else { "" }
        ));
        for line in lines {
            report.push_str(&format!("  {line}\n"));
        }
    }
    insta::assert_snapshot!(report);
}

#[test]
fn what_clients_send_is_read_as_documented() {
    // B1, B4: numeric strings for an amount are its exact value, kept as text.
    let ActivityInfo::HotelsPurchaseFailed(failed) = read("hotels/purchase-failed").info else {
        panic!()
    };
    assert_eq!(failed.payment.total.value(), 1.into());
    assert_eq!(
        failed
            .payment
            .error
            .value()
            .unwrap()
            .error_code
            .value()
            .unwrap()
            .as_i64(),
        Some(123)
    );
    // B2, B3: numbers for `String` are their text.
    let ActivityInfo::ECommercePurchase(purchase) = read("e_commerce/purchase").info else {
        panic!()
    };
    assert_eq!(purchase.items[0].id, "1".into());
    assert_eq!(
        purchase
            .payment
            .tax
            .value()
            .unwrap()
            .formatted_total
            .as_deref(),
        Some("1")
    );
    assert_eq!(
        purchase.payment.subtotal.value(),
        1.into(),
        "A5: `subtotal`, as the example sends it"
    );
    // A8: `item` is one object.
    let ActivityInfo::ECommerceCartAdd(cart) = read("e_commerce/cart-add").info else {
        panic!()
    };
    assert_eq!(cart.item.title, "title".into());
    // B5: `timezone` is `timeZone`, and a Windows zone name is kept as sent.
    let ActivityInfo::SchedulerAppointment(appointment) = read("scheduler/appointment").info else {
        panic!()
    };
    assert_eq!(
        appointment.time.value().unwrap().time_zone,
        "US Eastern Standard Time".into()
    );
    // B6: `CHAT` is `chat`; B7: a date-time without offset is kept and flagged.
    let ActivityInfo::MessagingIm(im) = read("messaging/im").info else {
        panic!()
    };
    assert_eq!(im.type_, wix_activities::messaging::ImType::Chat);
    assert!(!im.content[0].time.has_offset());
    // B8: an unknown currency code is kept for validation to report.
    let ActivityInfo::HotelsReservation(reservation) = read("hotels/reservation").info else {
        panic!()
    };
    assert_eq!(reservation.invoice.currency, "UDS".into());
    // B9: a missing required text still reads, for validation to report, and
    // is written back missing, not as a `""` the client never sent.
    let ActivityInfo::SchedulerCancel(cancel) = read("scheduler/cancel").info else {
        panic!()
    };
    assert!(cancel.refund.destination.is_absent());
    let written = serde_json::to_value(&cancel).unwrap();
    assert!(written["refund"].get("destination").is_none(), "{written}");
    // B10: an `Array[object]` without fields is raw JSON, so a string is kept.
    let ActivityInfo::FormContactForm(form) = read("form/contact-form").info else {
        panic!()
    };
    assert_eq!(form.subject, Json::from(Value::from("My Subject")).into());
    // B11: `details` inside `info` is kept there, not lost.
    let ActivityInfo::SocialComment(comment) = read("social/comment").info else {
        panic!()
    };
    assert!(comment.extra.contains_key("details") && comment.extra.contains_key("contactUpdate"));
    // A4: `itemId` is the documented name.
    let ActivityInfo::SocialTrack(track) = read("social/track").info else {
        panic!()
    };
    assert_eq!(track.item_info.item_id, "1".into());
}

#[test]
fn numbers_and_dates_come_back_as_they_were_sent() {
    let activity = read("hotels/reservation");
    let ActivityInfo::HotelsReservation(reservation) = &activity.info else {
        panic!("{:?}", activity.info)
    };
    assert_eq!(reservation.rates[0].subtotal.value().to_string(), "22.4");
    assert!(
        reservation.guests.total.is_integer(),
        "`1` stays an integer, not `1.0`"
    );
    assert_eq!(
        reservation.stay.checkout,
        "2026-11-23T12:00:00.000Z".parse::<DateTime>().unwrap()
    );
    assert_eq!(
        reservation.rooms[0].beds[0].kind,
        "king".into(),
        "A2: `kind` is each bed's"
    );
    assert_eq!(
        reservation.rooms[0].max_occupancy.as_i64(),
        Some(3),
        "A2: `maxOccupancy` is each room's"
    );
    let text = serde_json::to_string(&activity).unwrap();
    assert!(
        text.contains(r#""guests":{"total":1,"adults":1,"children":0}"#),
        "{text}"
    );
    assert!(
        text.contains(r#""checkout":"2026-11-23T12:00:00.000Z""#),
        "{text}"
    );
}
