//! Fields no table documents parse, and survive a parse → serialize round
//! trip at every depth: a service that forwards payloads loses nothing.

use serde_json::{json, Value};
use wix_activities::{Activity, ActivityInfo};

fn round_trip(input: &Value) -> Value {
    let activity: Activity = serde_json::from_value(input.clone()).expect("parses");
    serde_json::to_value(&activity).unwrap()
}

#[test]
fn undocumented_fields_are_kept_at_every_depth() {
    let input = json!({
        "type": "hotels/reservation",
        "info": {
            "source": "GUEST",
            "guests": {"total": 2, "adults": 2, "children": 0, "infants": 1},
            "stay": {"checkin": "2026-12-01T15:00:00+01:00", "checkout": "2026-12-03T11:00:00+01:00", "lateCheckout": true},
            "rates": [{
                "date": "2026-12-01T00:00:00Z", "subtotal": 100, "total": 115.5, "currency": "EUR",
                "taxes": [{"name": "city tax", "total": 15.5, "currency": "EUR", "jurisdiction": {"city": "Lisbon", "code": [1, 2]}}],
                "breakfast": "included"
            }],
            "invoice": {"subtotal": 200, "total": 231, "currency": "EUR", "vatId": null},
            "rooms": [{"beds": [{"kind": "queen", "width": 160}], "maxOccupancy": 2, "amenities": ["wifi"], "floor": 3}],
            "channelManager": {"name": "acme", "version": 2}
        },
        "details": {"summary": "Two nights", "locale": "pt-PT"},
        "contactUpdate": {"name": {"first": "Ana", "nickname": "Aninhas"}, "emails": [{"tag": "main", "email": "ana@example.com", "verified": true}]},
        "traceId": "abc-123"
    });
    assert_eq!(round_trip(&input), input);
}

#[test]
fn undocumented_fields_are_reachable_in_the_typed_value() {
    let input = json!({
        "type": "music/track-play",
        "info": {"track": {"name": "Stronger", "durationMs": 311_000}, "album": {"name": "Graduation"}, "playlist": "Gym"},
        "traceId": "abc-123"
    });
    let activity: Activity = serde_json::from_value(input).unwrap();
    assert_eq!(activity.extra["traceId"], json!("abc-123"));
    let ActivityInfo::MusicTrackPlay(play) = &activity.info else {
        panic!()
    };
    assert_eq!(play.extra["playlist"], json!("Gym"));
    assert_eq!(play.track.extra["durationMs"].text(), "311000");
}

#[test]
fn the_http_form_keeps_them_too() {
    let input = json!({
        "id": "a1",
        "activityType": "social/track",
        "activityInfo": {"type": "LIKE", "channel": "SITE", "itemInfo": {"itemUrl": "https://example.com/p", "itemId": "p", "itemType": "PAGE", "itemTitle": "Home"}},
        "createdAt": "2026-11-23T12:00:00Z",
        "siteId": "s-1"
    });
    assert_eq!(round_trip(&input), input);
}
