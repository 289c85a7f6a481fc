//! The activity envelope: both of Wix's forms, every wire name, unknown types.

use serde_json::{json, Value};
use wix_activities::Nullable;
use wix_activities::{music, Activity, ActivityInfo, ActivityType, WireForm};

fn round_trip(input: Value) -> (Activity, Value) {
    let activity: Activity = serde_json::from_value(input).expect("parses");
    let written = serde_json::to_value(&activity).unwrap();
    (activity, written)
}

fn track_play_info() -> Value {
    json!({"track": {"name": "Stronger", "id": "123"}, "album": {"name": "Graduation"}})
}

#[test]
fn the_sdk_form_is_read_and_written_back() {
    let input = json!({
        "type": "music/track-play",
        "info": track_play_info(),
        "details": {"additionalInfoUrl": "https://example.com/a", "summary": "played"},
        "contactUpdate": {"name": {"first": "Kanye"}, "emails": [{"tag": "main", "email": "k@example.com"}]}
    });
    let (activity, written) = round_trip(input.clone());
    assert_eq!(activity.form, WireForm::Sdk);
    assert_eq!(
        activity
            .contact_update
            .value()
            .unwrap()
            .name
            .value()
            .unwrap()
            .first
            .as_deref(),
        Some("Kanye")
    );
    assert_eq!(written, input);
}

#[test]
fn the_http_form_is_read_and_written_back() {
    let input = json!({
        "id": "4d6e0bd5-3c4f-4d2e-9f6c-0123456789ab",
        "activityType": "music/track-play",
        "activityInfo": track_play_info(),
        "activityDetails": {"summary": "played"},
        "activityLocationUrl": "https://example.com/song",
        "createdAt": "2026-11-23T10:00:00.123+02:00",
        "contactUpdate": {}
    });
    let (activity, written) = round_trip(input.clone());
    assert_eq!(activity.form, WireForm::Http);
    assert_eq!(
        activity.id.as_deref(),
        Some("4d6e0bd5-3c4f-4d2e-9f6c-0123456789ab")
    );
    assert_eq!(
        activity
            .created_at
            .value()
            .unwrap()
            .to_chrono()
            .offset()
            .local_minus_utc(),
        7200
    );
    assert_eq!(written, input, "the offset and the form survive");
}

#[test]
fn info_may_come_before_its_type() {
    let input = json!({"info": track_play_info(), "type": "music/track-play"});
    let (activity, _) = round_trip(input);
    let ActivityInfo::MusicTrackPlay(play) = activity.info else {
        panic!("typed by the type that came after it")
    };
    assert_eq!(play.track.name, "Stronger".into());
}

#[test]
fn unknown_and_deprecated_types_keep_their_info_as_json() {
    for (wire, kind) in [
        (
            "downloads/downloaded",
            ActivityType::Other("downloads/downloaded".into()),
        ),
        ("messaging/send", ActivityType::MessagingSend),
    ] {
        let input =
            json!({"type": wire, "info": {"anything": [1, 2.5, "x"], "nested": {"a": null}}});
        let (activity, written) = round_trip(input.clone());
        assert_eq!(activity.info.activity_type(), kind);
        assert_eq!(written, input, "{wire}");
    }
    assert!(ActivityType::MessagingSend.is_deprecated());
    assert_eq!(
        ActivityType::MessagingSend.replaced_by(),
        [ActivityType::MessagingIm]
    );
    assert_eq!(
        ActivityType::ContactContactForm.replaced_by(),
        [ActivityType::FormContactForm, ActivityType::FormForm]
    );
}

#[test]
fn every_wire_name_round_trips() {
    let documented = [
        "form/contact-form",
        "form/subscription-form",
        "form/form",
        "scheduler/appointment",
        "scheduler/confirmation",
        "scheduler/cancel",
        "social/comment",
        "social/share-url",
        "social/track",
        "hotels/purchase",
        "hotels/purchase-failed",
        "hotels/reservation",
        "hotels/confirmation",
        "hotels/cancel",
        "music/track-play",
        "music/track-skip",
        "music/track-played",
        "music/track-lyrics",
        "music/track-share",
        "music/album-share",
        "music/album-fan",
        "music/album-played",
        "e_commerce/cart-add",
        "e_commerce/cart-remove",
        "e_commerce/cart-abandon",
        "e_commerce/cart-checkout",
        "e_commerce/purchase",
        "messaging/im",
        "events/rsvp",
    ];
    let deprecated = [
        "events/event-update",
        "contact/contact-form",
        "contact/subscription-form",
        "messaging/send",
    ];
    let mut wire_names: Vec<&str> = ActivityType::DOCUMENTED
        .iter()
        .map(ActivityType::as_str)
        .collect();
    wire_names.sort();
    let mut expected = documented.to_vec();
    expected.sort();
    assert_eq!(wire_names, expected);
    assert_eq!(
        ActivityType::DEPRECATED
            .iter()
            .map(ActivityType::as_str)
            .collect::<Vec<_>>(),
        deprecated
    );
    for wire in documented.iter().chain(&deprecated) {
        let kind: ActivityType = wire.parse().unwrap();
        assert!(!matches!(kind, ActivityType::Other(_)), "{wire}");
        assert_eq!(kind.as_str(), *wire);
        assert_eq!(kind.to_string(), *wire);
        assert_eq!(serde_json::to_value(&kind).unwrap(), json!(wire));
        assert_eq!(
            serde_json::from_value::<ActivityType>(json!(wire)).unwrap(),
            kind
        );
        assert_eq!(kind.is_deprecated(), deprecated.contains(wire));
    }
    let other: ActivityType = "shipping/shipped".parse().unwrap();
    assert_eq!(other, ActivityType::Other("shipping/shipped".into()));
    assert_eq!(other.as_str(), "shipping/shipped");
}

#[test]
fn the_dashboard_notifies_for_the_documented_types() {
    let notifying: Vec<&str> = ActivityType::DOCUMENTED
        .iter()
        .filter(|t| t.notifies_dashboard())
        .map(ActivityType::as_str)
        .collect();
    assert_eq!(
        notifying,
        [
            "e_commerce/purchase",
            "form/contact-form",
            "form/form",
            "form/subscription-form",
            "hotels/reservation",
            "scheduler/appointment",
            "social/track"
        ]
    );
}

#[test]
fn malformed_envelopes_are_errors_not_panics() {
    let cases = [
        (json!({"info": {}}), "missing field `type`"),
        (json!({"type": "music/track-play"}), "missing field `info`"),
        (
            json!({"type": "music/track-play", "activityInfo": track_play_info()}),
            "mixes the HTTP and SDK activity forms",
        ),
        (
            json!({"type": "music/track-play", "info": {"track": {"name": "x"}}}),
            "missing field `album`",
        ),
        (json!({"type": 7, "info": {}}), "invalid type: integer `7`"),
        (json!([]), "invalid type: sequence"),
    ];
    for (input, expected) in cases {
        let error = serde_json::from_value::<Activity>(input.clone())
            .unwrap_err()
            .to_string();
        assert!(
            error.contains(expected),
            "{input}: expected {expected:?}, got {error:?}"
        );
    }
}

#[test]
fn an_activity_built_in_code_is_written_in_the_sdk_form() {
    let info = music::TrackPlay {
        track: music::Track {
            name: "Stronger".into(),
            id: Nullable::Absent,
            extra: Default::default(),
        },
        album: music::Album {
            name: "Graduation".into(),
            id: "123".into(),
            extra: Default::default(),
        },
        artist: Nullable::Absent,
        extra: Default::default(),
    };
    let activity = Activity::new(ActivityInfo::from(info));
    assert_eq!(
        serde_json::to_value(&activity).unwrap(),
        json!({"type": "music/track-play", "info": {"track": {"name": "Stronger"}, "album": {"name": "Graduation", "id": "123"}}})
    );
}

#[test]
fn the_build_script_types_are_the_same_types() {
    // The harness's own copy, generated by its build script, reads the same payloads.
    let input = json!({"type": "music/track-play", "info": track_play_info()});
    let activity: Activity<wix_activities_harness::built::ActivityInfo> =
        serde_json::from_value(input.clone()).unwrap();
    assert_eq!(serde_json::to_value(&activity).unwrap(), input);
}

#[cfg(feature = "schemars")]
#[test]
fn types_derive_json_schema_behind_the_feature() {
    let schema =
        serde_json::to_value(schemars::schema_for!(wix_activities::hotels::Purchase)).unwrap();
    let properties = schema["properties"].as_object().unwrap();
    assert_eq!(
        properties.keys().next().map(String::as_str),
        Some("reservationId"),
        "published order kept"
    );
    assert_eq!(properties["stay"]["$ref"], "#/$defs/Stay");
    assert_eq!(
        schema["$defs"]["Stay"]["properties"]["checkin"]["format"],
        "date-time"
    );
    assert_eq!(
        schema["$defs"]["Guests"]["properties"]["total"]["type"],
        "number"
    );
    assert!(schema["required"]
        .as_array()
        .unwrap()
        .contains(&json!("guests")));
}
