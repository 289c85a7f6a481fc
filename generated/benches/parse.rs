//! Parse + validate, side by side with the obvious alternative, on the same
//! bytes in one run.
//!
//! Methods, for each input:
//! - `crate/activity_json`: `validate::activity_json(bytes)`, the crate's
//!   entry point for the bytes of an envelope: the typed parse and the
//!   checks, or, for a payload that does not parse, every error.
//! - `crate/parse+validate`: `from_slice::<Activity>` then `Validate`.
//! - `crate/parse`: `from_slice::<Activity>` alone.
//! - `crate/validate`: `Validate` alone, on the value parsed.
//! - `value+jsonschema`: `from_slice::<Value>`, then the `jsonschema`
//!   validators of the same repaired schemas the types were generated from
//!   (`generated/json-schemas.json`), compiled once outside the loop: the
//!   `info` by its type, and the `details`.
//! - `handwritten`: serde into hand-written structs, no checks (hotels
//!   purchases only).
//! - `value`: `from_slice::<Value>` alone.
//! - `ignored-any`: `from_slice::<IgnoredAny>`, the floor of reading JSON.
//!
//! `tools/bench-table.py` prints the ratios of a run.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde::de::IgnoredAny;
use serde_json::Value;
use wix_activities::backend_events::Event;
use wix_activities::validate::{self, Validate};
use wix_activities::Activity;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The complete fixtures: one valid envelope of every documented type.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let root = repo().join("tests/fixtures/complete");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flat_map(|group| std::fs::read_dir(group.unwrap().path()).unwrap())
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let name = file.strip_prefix(&root).unwrap().display().to_string();
            (name, std::fs::read(&file).unwrap())
        })
        .collect()
}

/// The standard validators of the repaired schemas, by path.
struct Oracle {
    by_type: BTreeMap<String, jsonschema::Validator>,
    details: jsonschema::Validator,
}

impl Oracle {
    fn new() -> Oracle {
        let bundle: Value = serde_json::from_slice(&read("generated/json-schemas.json")).unwrap();
        let schemas = bundle["schemas"].as_object().unwrap();
        let compile = |schema: &Value| {
            jsonschema::draft7::options()
                .should_validate_formats(true)
                .should_ignore_unknown_formats(true)
                .build(schema)
                .unwrap()
        };
        let by_type = schemas
            .iter()
            .filter_map(|(path, schema)| {
                let wire = path.strip_prefix("activities/")?.strip_suffix(".json")?;
                Some((wire.to_owned(), compile(schema)))
            })
            .collect();
        Oracle {
            by_type,
            details: compile(&schemas["envelope/details.json"]),
        }
    }

    fn is_valid(&self, bytes: &[u8]) -> bool {
        let Ok(value) = serde_json::from_slice::<Value>(bytes) else {
            return false;
        };
        let info = value
            .get("type")
            .and_then(Value::as_str)
            .and_then(|kind| self.by_type.get(kind))
            .is_none_or(|validator| validator.is_valid(&value["info"]));
        let details = value
            .get("details")
            .is_none_or(|details| self.details.is_valid(details));
        info && details
    }

    /// Every error, as `iter_errors` lists them.
    fn errors(&self, bytes: &[u8]) -> usize {
        let Ok(value) = serde_json::from_slice::<Value>(bytes) else {
            return 1;
        };
        let info = value
            .get("type")
            .and_then(Value::as_str)
            .and_then(|kind| self.by_type.get(kind))
            .map_or(0, |validator| validator.iter_errors(&value["info"]).count());
        let details = value
            .get("details")
            .map_or(0, |details| self.details.iter_errors(details).count());
        info + details
    }
}

/// Serde into hand-written structs: what a service that trusts its input
/// would write for a hotels purchase, without checks.
mod handwritten {
    use serde::Deserialize;

    #[allow(dead_code)]
    #[derive(Deserialize)]
    pub struct Envelope {
        #[serde(rename = "type")]
        pub kind: String,
        pub info: Purchase,
        pub details: Option<Details>,
        #[serde(rename = "contactUpdate")]
        pub contact_update: Option<ContactUpdate>,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Details {
        pub additional_info_url: Option<String>,
        pub summary: Option<String>,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    pub struct ContactUpdate {
        pub name: Option<Name>,
        pub emails: Option<Vec<Email>>,
        pub phones: Option<Vec<Phone>>,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    pub struct Name {
        pub prefix: Option<String>,
        pub first: Option<String>,
        pub middle: Option<String>,
        pub last: Option<String>,
        pub suffix: Option<String>,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    pub struct Email {
        pub tag: Option<String>,
        pub email: Option<String>,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    pub struct Phone {
        pub tag: Option<String>,
        pub phone: Option<String>,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Purchase {
        pub reservation_id: Option<String>,
        pub guests: Guests,
        pub stay: Stay,
        pub rates: Vec<Rate>,
        pub payment: Payment,
        pub customer: Option<Customer>,
        pub rooms: Vec<Room>,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    pub struct Guests {
        pub total: u32,
        pub adults: u32,
        pub children: u32,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    pub struct Stay {
        pub checkin: String,
        pub checkout: String,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    pub struct Rate {
        pub date: String,
        pub subtotal: f64,
        pub taxes: Vec<Tax>,
        pub total: f64,
        pub currency: String,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    pub struct Tax {
        pub name: String,
        pub total: f64,
        pub currency: String,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    pub struct Payment {
        pub subtotal: f64,
        pub total: f64,
        pub currency: String,
        pub source: String,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Customer {
        pub contact_id: Option<String>,
        pub is_guest: Option<bool>,
        pub name: Option<super::handwritten::Name>,
        pub phone: Option<String>,
        pub email: Option<String>,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Room {
        pub id: Option<String>,
        pub beds: Vec<Bed>,
        pub max_occupancy: u32,
        pub amenities: Vec<String>,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    pub struct Bed {
        pub kind: String,
    }
}

/// An envelope with `type` first, as Wix's clients write it (a `Value`
/// without `preserve_order` would sort `info` before it, which costs the
/// parse a buffer: `info` is kept until its type is known).
fn envelope(value: &Value) -> Vec<u8> {
    let mut text = format!("{{\"type\":{}", value["type"]);
    for key in ["info", "details", "contactUpdate"] {
        if let Some(part) = value.get(key) {
            text.push_str(&format!(",\"{key}\":{part}"));
        }
    }
    text.push('}');
    text.into_bytes()
}

/// A hotels purchase of about 64 KB: the complete fixture with a long stay
/// (a rate per night) and many rooms.
fn large_purchase() -> Vec<u8> {
    let mut value: Value =
        serde_json::from_slice(&read("tests/fixtures/complete/hotels/purchase.json")).unwrap();
    let rate = value["info"]["rates"][0].clone();
    let room = value["info"]["rooms"][0].clone();
    let rates: Vec<Value> = (0..240).map(|_| rate.clone()).collect();
    let rooms: Vec<Value> = (0..190).map(|_| room.clone()).collect();
    value["info"]["rates"] = Value::Array(rates);
    value["info"]["rooms"] = Value::Array(rooms);
    envelope(&value)
}

/// A hotels purchase with five errors: two missing required properties, a
/// wrong JSON type, a broken currency code and a broken date-time.
fn invalid_purchase() -> Vec<u8> {
    let mut value: Value =
        serde_json::from_slice(&read("tests/fixtures/complete/hotels/purchase.json")).unwrap();
    let info = &mut value["info"];
    info["guests"].as_object_mut().unwrap().remove("adults");
    info["rooms"][0]["maxOccupancy"] = Value::from("three");
    info["payment"]["currency"] = Value::from("EURO");
    info["stay"]["checkin"] = Value::from("tomorrow");
    info["rates"][0].as_object_mut().unwrap().remove("currency");
    envelope(&value)
}

fn tuned<'c>(
    c: &'c mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'c, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    group
}

/// One payload: every method on the same bytes.
fn one(c: &mut Criterion, oracle: &Oracle, name: &str, bytes: &[u8], handwritten: bool) {
    let mut group = tuned(c, name);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    assert!(validate::activity_json(bytes).is_valid(), "{name} is valid");
    assert!(oracle.is_valid(bytes), "{name} is valid for the oracle");
    group.bench_function("crate/activity_json", |b| {
        b.iter(|| validate::activity_json(black_box(bytes)).is_valid())
    });
    group.bench_function("crate/parse+validate", |b| {
        b.iter(|| {
            let activity: Activity = serde_json::from_slice(black_box(bytes)).unwrap();
            activity.validate().is_valid()
        })
    });
    group.bench_function("crate/parse", |b| {
        b.iter(|| serde_json::from_slice::<Activity>(black_box(bytes)).unwrap())
    });
    let parsed: Activity = serde_json::from_slice(bytes).unwrap();
    group.bench_function("crate/validate", |b| {
        b.iter(|| black_box(&parsed).validate().is_valid())
    });
    group.bench_function("value+jsonschema", |b| {
        b.iter(|| oracle.is_valid(black_box(bytes)))
    });
    if handwritten {
        group.bench_function("handwritten", |b| {
            b.iter(|| serde_json::from_slice::<handwritten::Envelope>(black_box(bytes)).unwrap())
        });
    }
    group.bench_function("value", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(bytes)).unwrap())
    });
    group.bench_function("ignored-any", |b| {
        b.iter(|| serde_json::from_slice::<IgnoredAny>(black_box(bytes)).unwrap())
    });
    group.finish();
}

/// Many payloads per iteration, every method on the same list.
fn many(c: &mut Criterion, oracle: &Oracle, name: &str, payloads: &[Vec<u8>], handwritten: bool) {
    let mut group = tuned(c, name);
    let bytes: usize = payloads.iter().map(Vec::len).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("crate/activity_json", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| validate::activity_json(black_box(p)).is_valid())
                .count()
        })
    });
    group.bench_function("crate/parse+validate", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| {
                    let activity: Activity = serde_json::from_slice(black_box(p)).unwrap();
                    activity.validate().is_valid()
                })
                .count()
        })
    });
    group.bench_function("crate/parse", |b| {
        b.iter(|| {
            for p in payloads {
                black_box(serde_json::from_slice::<Activity>(black_box(p)).unwrap());
            }
        })
    });
    group.bench_function("value+jsonschema", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| oracle.is_valid(black_box(p)))
                .count()
        })
    });
    if handwritten {
        group.bench_function("handwritten", |b| {
            b.iter(|| {
                for p in payloads {
                    black_box(
                        serde_json::from_slice::<handwritten::Envelope>(black_box(p)).unwrap(),
                    );
                }
            })
        });
    }
    group.bench_function("value", |b| {
        b.iter(|| {
            for p in payloads {
                black_box(serde_json::from_slice::<Value>(black_box(p)).unwrap());
            }
        })
    });
    group.bench_function("ignored-any", |b| {
        b.iter(|| {
            for p in payloads {
                black_box(serde_json::from_slice::<IgnoredAny>(black_box(p)).unwrap());
            }
        })
    });
    group.finish();
}

fn activities(c: &mut Criterion) {
    let oracle = Oracle::new();
    let purchase = read("tests/fixtures/complete/hotels/purchase.json");
    one(c, &oracle, "small", &purchase, true);
    let large = large_purchase();
    assert!((60_000..70_000).contains(&large.len()), "{}", large.len());
    one(c, &oracle, "large", &large, true);

    let purchases: Vec<Vec<u8>> = (0..10_000).map(|_| purchase.clone()).collect();
    many(c, &oracle, "batch-purchases", &purchases, true);
    let fixtures = fixtures();
    for (name, bytes) in &fixtures {
        assert!(validate::activity_json(bytes).is_valid(), "{name}");
        assert!(oracle.is_valid(bytes), "{name} for the oracle");
    }
    let mixed: Vec<Vec<u8>> = fixtures.iter().map(|(_, b)| b.clone()).collect();
    many(c, &oracle, "mixed", &mixed, false);
    let batch: Vec<Vec<u8>> = mixed.iter().cycle().take(10_000).cloned().collect();
    many(c, &oracle, "batch-mixed", &batch, false);

    // Every error of an invalid payload.
    let invalid = invalid_purchase();
    let mut group = tuned(c, "invalid");
    group.throughput(Throughput::Bytes(invalid.len() as u64));
    let ours = validate::activity_json(&invalid).errors().count();
    let theirs = oracle.errors(&invalid);
    // jsonschema does not know the `currency` format (tests/oracle.rs).
    assert!(ours == 5 && theirs == 4, "ours {ours}, jsonschema {theirs}");
    group.bench_function("crate/activity_json", |b| {
        b.iter(|| {
            validate::activity_json(black_box(&invalid))
                .errors()
                .count()
        })
    });
    group.bench_function("value+jsonschema", |b| {
        b.iter(|| oracle.errors(black_box(&invalid)))
    });
    group.finish();
}

/// The bundle's schemas, for the `$ref`s between event schemas.
struct Bundle(serde_json::Map<String, Value>);

const BASE: &str = "https://json-schemas.invalid/";

impl jsonschema::Retrieve for Bundle {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let path = uri.as_str().strip_prefix(BASE).unwrap_or_default();
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| format!("no schema {uri}").into())
    }
}

/// The published backend events, read by handler name.
fn events(c: &mut Criterion) {
    let handlers: Value =
        serde_json::from_slice(&read("tests/fixtures/backend_events/handlers.json")).unwrap();
    let bodies: Vec<(String, Vec<u8>)> = handlers
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| {
            let fixture = h["fixture"].as_str()?;
            Some((h["handler"].as_str()?.to_owned(), read(fixture)))
        })
        .collect();
    let bundle: Value = serde_json::from_slice(&read("generated/json-schemas.json")).unwrap();
    let schemas = bundle["schemas"].as_object().unwrap().clone();
    let validators: Vec<jsonschema::Validator> = bodies
        .iter()
        .map(|(handler, _)| {
            let (path, schema) = schemas
                .iter()
                .find(|(_, s)| s["x-wix-handler"] == handler.as_str())
                .unwrap();
            jsonschema::draft7::options()
                .should_validate_formats(true)
                .should_ignore_unknown_formats(true)
                .with_base_uri(format!("{BASE}{path}"))
                .with_retriever(Bundle(schemas.clone()))
                .build(schema)
                .unwrap()
        })
        .collect();
    let mut group = tuned(c, "events");
    let bytes: usize = bodies.iter().map(|(_, b)| b.len()).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(
        BenchmarkId::new("crate/parse+validate", bodies.len()),
        |b| {
            b.iter(|| {
                bodies
                    .iter()
                    .filter(|(handler, body)| {
                        let event = Event::from_json(handler, black_box(body)).unwrap();
                        event.validate().is_valid()
                    })
                    .count()
            })
        },
    );
    group.bench_function(BenchmarkId::new("crate/event_json", bodies.len()), |b| {
        b.iter(|| {
            bodies
                .iter()
                .filter(|(handler, body)| validate::event_json(handler, black_box(body)).is_valid())
                .count()
        })
    });
    group.bench_function(BenchmarkId::new("value+jsonschema", bodies.len()), |b| {
        b.iter(|| {
            bodies
                .iter()
                .zip(&validators)
                .filter(|((_, body), validator)| {
                    let value: Value = serde_json::from_slice(black_box(body)).unwrap();
                    validator.is_valid(&value)
                })
                .count()
        })
    });
    group.bench_function(BenchmarkId::new("value", bodies.len()), |b| {
        b.iter(|| {
            for (_, body) in &bodies {
                black_box(serde_json::from_slice::<Value>(black_box(body)).unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, activities, events);
criterion_main!(benches);
