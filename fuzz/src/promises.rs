//! What every fuzz target asserts. The same file is the bounded property
//! test's (`tests/properties.rs` includes it), which also replays every
//! input a fuzzer once found (`fuzz/regressions/<target>/`) through it.
//!
//! The assertions are the crate's promises: bad input is an error, never a
//! panic; what the typed parser refuses, the raw validator refuses (and the
//! other way round, for a value that parses); a value that parses is
//! written back as something that parses to the same value, and writing
//! that again gives the same bytes.

use std::sync::OnceLock;

use wix_activities::backend_events::{Event, EventName};
use wix_activities::validate::{self, Report, Validate};
use wix_activities::{Activity, ActivityInfo, ActivityType, TypedInfo};

/// An activity envelope: the typed read, the raw walk and the fast path agree.
pub fn activity(bytes: &[u8]) {
    let parsed = serde_json::from_slice::<Activity>(bytes);
    let walked = validate::activity_json_walk(bytes);
    let fast = validate::activity_json(bytes);
    match &parsed {
        Err(error) => assert!(
            !walked.is_valid(),
            "the typed read refuses ({error}) what the walk calls valid"
        ),
        Ok(activity) => agree(&activity.validate(), &walked),
    }
    assert_eq!(
        fast.is_valid(),
        walked.is_valid(),
        "fast: {fast}\nwalked: {walked}"
    );
}

/// The `info` of an activity of each type, alone: typed read and raw walk agree.
pub fn info(activity_type: &ActivityType, bytes: &[u8]) {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let parsed = ActivityInfo::deserialize_info(activity_type.as_str(), &mut deserializer)
        .and_then(|info| deserializer.end().map(|()| info));
    let walked = validate::info_bytes(activity_type, bytes);
    match &parsed {
        Err(error) => assert!(
            !walked.is_valid(),
            "{activity_type}: the typed read refuses ({error}) what the walk calls valid"
        ),
        Ok(info) => {
            let mut typed = Report::new();
            info.validate_info(&mut validate::Path::new(), &mut typed);
            agree(&typed, &walked);
        }
    }
}

/// An event body, by `name` (a handler name or an event type).
pub fn event(name: &str, bytes: &[u8]) {
    let mut event_name = EventName::from_handler(name);
    if matches!(event_name, EventName::Other(_)) {
        event_name = EventName::from_event_type(name);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let parsed = Event::deserialize_named(event_name.clone(), &mut deserializer)
        .and_then(|event| deserializer.end().map(|()| event));
    let walked = validate::event_json(name, bytes);
    match &parsed {
        Err(error) => assert!(
            !walked.is_valid(),
            "{name}: the typed read refuses ({error}) what the walk calls valid"
        ),
        Ok(event) => {
            agree(&event.validate(), &walked);
            round_trip_event(&event_name, event);
        }
    }
}

/// Written back, an activity reads as the same value, and writes the same bytes.
pub fn round_trip_activity(bytes: &[u8]) {
    let Ok(activity) = serde_json::from_slice::<Activity>(bytes) else {
        return;
    };
    let written = serde_json::to_vec(&activity).expect("an activity read is written");
    let again: Activity = serde_json::from_slice(&written).unwrap_or_else(|error| {
        panic!(
            "written back, it does not read: {error}\n{}",
            String::from_utf8_lossy(&written)
        )
    });
    assert_eq!(again, activity, "{}", String::from_utf8_lossy(&written));
    let rewritten = serde_json::to_vec(&again).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&rewritten),
        String::from_utf8_lossy(&written)
    );
}

fn round_trip_event(name: &EventName, event: &Event) {
    let written = serde_json::to_vec(event).expect("an event read is written");
    let mut deserializer = serde_json::Deserializer::from_slice(&written);
    let again = Event::deserialize_named(name.clone(), &mut deserializer).unwrap_or_else(|error| {
        panic!(
            "written back, it does not read: {error}\n{}",
            String::from_utf8_lossy(&written)
        )
    });
    assert_eq!(&again, event, "{}", String::from_utf8_lossy(&written));
    assert_eq!(serde_json::to_vec(&again).unwrap(), written);
}

/// The typed checks of a value that parses and the raw walk of its bytes
/// give the same verdict; the raw walk spells a pointer as the payload
/// did, the typed one by the documented name, so those are compared
/// without case.
fn agree(typed: &Report, walked: &Report) {
    let summary = |report: &Report| {
        let mut found: Vec<(String, String)> = report
            .errors()
            .map(|v| (v.pointer.to_lowercase(), v.kind.to_string()))
            .collect();
        found.sort();
        found
    };
    assert_eq!(
        summary(typed),
        summary(walked),
        "typed:\n{typed}\nwalked:\n{walked}"
    );
}

/// Every activity type the fuzzers try: the documented, the deprecated, and one unknown.
pub fn activity_types() -> &'static [ActivityType] {
    static TYPES: OnceLock<Vec<ActivityType>> = OnceLock::new();
    TYPES.get_or_init(|| {
        let mut all: Vec<ActivityType> = ActivityType::DOCUMENTED.to_vec();
        all.extend(ActivityType::DEPRECATED);
        all.push(ActivityType::Other("shipping/shipped".into()));
        all
    })
}

/// Every event name the fuzzers try: each handler name and event type, and one unknown.
pub fn event_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut all = Vec::new();
        for name in EventName::ALL {
            all.push(name.as_str().to_owned());
            all.extend(name.event_type().map(str::to_owned));
        }
        all.push("wixBookings_onBookingCreated".into());
        all
    })
}

/// A target's input, as a fuzzer hands it over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// An activity envelope.
    Activity,
    /// A type picked by the first byte, and its `info`.
    Validate,
    /// An event name picked by the first byte, and its body.
    Event,
    /// An activity, written back.
    RoundTrip,
}

impl Target {
    /// The targets whose input is bytes alone (the webhook's is signed first).
    pub const ALL: [Target; 4] = [
        Target::Activity,
        Target::Validate,
        Target::Event,
        Target::RoundTrip,
    ];

    /// The target's name, as `cargo fuzz run` and `fuzz/regressions/` spell it.
    pub fn name(self) -> &'static str {
        match self {
            Target::Activity => "activity",
            Target::Validate => "validate",
            Target::Event => "event",
            Target::RoundTrip => "round_trip",
        }
    }

    /// Runs the target's promises on one input.
    pub fn run(self, data: &[u8]) {
        match self {
            Target::Activity => activity(data),
            Target::RoundTrip => round_trip_activity(data),
            Target::Validate => {
                if let Some((&pick, body)) = data.split_first() {
                    let types = activity_types();
                    info(&types[usize::from(pick) % types.len()], body);
                }
            }
            Target::Event => {
                if let Some((&pick, body)) = data.split_first() {
                    let names = event_names();
                    event(&names[usize::from(pick) % names.len()], body);
                }
            }
        }
    }
}
