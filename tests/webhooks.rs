//! Wix webhooks end to end: tokens signed as Wix signs them (with the test
//! keys in `tests/fixtures/webhooks/`), in the REST shape Wix posts, read
//! into the same typed events as the documented Velo bodies; and every way a
//! token can be forged or broken, refused with its own reason.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Map, Value};
use wix_activities::backend_events::{Event, EventName};
use wix_activities::validate::Validate;
use wix_activities::webhooks::{self, Change, Error, Layer, PublicKey};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(fixtures().join(relative)).unwrap()
}

fn app_key() -> PublicKey {
    PublicKey::from_pem(&read("webhooks/app-public.pem")).unwrap()
}

fn sign_with(payload: &Value, private_pem: &str) -> String {
    let key = EncodingKey::from_rsa_pem(private_pem.as_bytes()).unwrap();
    jsonwebtoken::encode(&Header::new(Algorithm::RS256), payload, &key).unwrap()
}

fn sign(payload: &Value) -> String {
    sign_with(payload, &read("webhooks/app-private.pem"))
}

/// The token payload Wix posts: `{data: "<envelope JSON>"}`, the envelope's
/// `data` being the domain event's JSON.
fn payload(event_type: &str, envelope: Map<String, Value>, domain: &Value) -> Value {
    let mut envelope = envelope;
    envelope.insert("eventType".into(), event_type.into());
    envelope.insert("data".into(), domain.to_string().into());
    json!({ "data": Value::Object(envelope).to_string() })
}

/// The SDK's names → Wix's REST names, at every depth: what the SDK undoes.
fn to_rest(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = match k.as_str() {
                        "_id" => "id",
                        "_createdDate" => "createdDate",
                        "_updatedDate" => "updatedDate",
                        other => other,
                    };
                    (key.to_owned(), to_rest(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(to_rest).collect()),
        other => other.clone(),
    }
}

/// Each handler's event type and kind of domain event, from Wix's SDK.
fn sdk_events() -> Vec<(String, String, String)> {
    let sdk: Value = serde_json::from_str(&read("sdk/events.json")).unwrap();
    sdk["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let text = |v: &Value| v.as_str().unwrap().to_owned();
            (
                text(&e["handler"]),
                text(&e["sdk"]["eventType"]),
                text(&e["sdk"]["domainEvent"]),
            )
        })
        .collect()
}

/// A documented Velo body as the domain event Wix would post for it, with
/// the entity (or action body) as a JSON string in the REST shape.
fn domain_event(velo: &Value, kind: &str) -> Value {
    let metadata = to_rest(&velo["metadata"]);
    let mut domain = metadata.as_object().unwrap().clone();
    let (key, member, body) = match kind {
        "created" => ("createdEvent", "entityAsJson", &velo["entity"]),
        "updated" => ("updatedEvent", "currentEntityAsJson", &velo["entity"]),
        "action" => ("actionEvent", "bodyAsJson", &velo["data"]),
        "deleted" => ("deletedEvent", "deletedEntityAsJson", &Value::Null),
        other => panic!("{other}"),
    };
    let inner = if body.is_null() {
        json!({})
    } else {
        json!({ member: to_rest(body).to_string() })
    };
    domain.insert(key.into(), inner);
    Value::Object(domain)
}

#[test]
fn a_signed_webhook_reads_as_the_documented_velo_body_reads() {
    let handlers: Value = serde_json::from_str(&read("backend_events/handlers.json")).unwrap();
    let key = app_key();
    let mut compared = 0;
    for (handler, event_type, kind) in sdk_events() {
        let entry = handlers
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["handler"] == handler.as_str())
            .unwrap();
        let Some(fixture) = entry["fixture"].as_str() else {
            continue;
        };
        // Its documented body carries `entity`; Wix's SDK, `data.abandonedCheckout`.
        if handler == "wixEcom_onAbandonedCheckoutRecovered" {
            continue;
        }
        let text = read(fixture.trim_start_matches("tests/fixtures/"));
        let velo: Value = serde_json::from_str(&text).unwrap();
        let token = sign(&payload(
            &event_type,
            Map::new(),
            &domain_event(&velo, &kind),
        ));
        let webhook =
            webhooks::parse(token.as_bytes(), &key).unwrap_or_else(|e| panic!("{handler}: {e}"));
        let expected = Event::from_json(&handler, text.as_bytes()).unwrap();
        assert_eq!(webhook.name, EventName::from_handler(&handler), "{handler}");
        assert_eq!(webhook.event, expected, "{handler}");
        assert_eq!(webhook.event_type, event_type);
        compared += 1;
    }
    assert_eq!(
        compared, 14,
        "every published example but the abandoned checkout's"
    );
}

#[test]
fn the_envelope_fills_the_metadata_the_sdk_hands_a_handler() {
    let domain = json!({
        "id": "e-1",
        "entityFqdn": "wix.ecom.v1.cart",
        "slug": "created",
        "entityId": "c-1",
        "eventTime": "2024-03-01T08:30:00.000Z",
        "triggeredByAnonymizeRequest": false,
        "entityEventSequence": "7",
        "createdEvent": {"entity": {"id": "c-1", "createdDate": "2024-03-01T08:30:00.000Z", "lineItems": [{"id": "l-1", "quantity": 2}]}}
    });
    let mut envelope = Map::new();
    envelope.insert("instanceId".into(), "i-1".into());
    envelope.insert(
        "identity".into(),
        json!({"identityType": "MEMBER", "memberId": "m-1"})
            .to_string()
            .into(),
    );
    envelope.insert(
        "accountInfo".into(),
        json!({"accountId": "a-1", "siteId": "s-1"}),
    );
    let token = sign(&payload("wix.ecom.v1.cart_created", envelope, &domain));
    let webhook = webhooks::parse(token.as_bytes(), &app_key()).unwrap();
    assert_eq!(webhook.change, Change::Created);
    assert_eq!(webhook.instance_id.as_deref(), Some("i-1"));
    let Event::CartCreated(created) = &webhook.event else {
        panic!("{:?}", webhook.event)
    };
    let metadata = created.metadata.value().unwrap();
    assert_eq!(metadata.id.as_deref(), Some("e-1"));
    assert_eq!(metadata.instance_id.as_deref(), Some("i-1"));
    assert_eq!(metadata.entity_fqdn.as_deref(), Some("wix.ecom.v1.cart"));
    assert_eq!(metadata.slug.as_deref(), Some("created"));
    assert_eq!(metadata.entity_event_sequence.value().unwrap().get(), 7);
    assert_eq!(
        metadata.identity.value().unwrap().member_id.as_deref(),
        Some("m-1")
    );
    assert_eq!(
        metadata.account_info.value().unwrap().site_id.as_deref(),
        Some("s-1")
    );
    // REST names, as the SDK renames them, at every depth.
    let cart = created.entity.value().unwrap();
    assert_eq!(cart.id.as_deref(), Some("c-1"));
    assert_eq!(
        cart.line_items.value().unwrap()[0].id.as_deref(),
        Some("l-1")
    );
    assert!(cart.extra.is_empty(), "{:?}", cart.extra);
}

#[test]
fn an_update_carries_its_modified_fields_and_an_unknown_event_type_is_kept() {
    let domain = json!({"id": "e-2", "entityId": "x", "updatedEvent": {"currentEntity": {"id": "x"}, "modifiedFields": {"status": "ACTIVE"}}});
    let token = sign(&payload("wix.ecom.v1.cart_updated", Map::new(), &domain));
    let webhook = webhooks::parse(token.as_bytes(), &app_key()).unwrap();
    assert_eq!(webhook.change, Change::Updated);
    assert_eq!(webhook.modified_fields, Some(json!({"status": "ACTIVE"})));
    assert!(matches!(webhook.event, Event::CartUpdated(_)));

    let token = sign(&payload(
        "wix.bookings.v2.booking_created",
        Map::new(),
        &domain,
    ));
    let webhook = webhooks::parse(token.as_bytes(), &app_key()).unwrap();
    assert_eq!(
        webhook.name,
        EventName::Other("wix.bookings.v2.booking_created".into())
    );
    assert!(matches!(webhook.event, Event::Other { .. }));
}

#[test]
fn rest_shaped_images_page_urls_and_addresses_read_as_the_sdk_reads_them() {
    let image = json!({"id": "a1b2.png", "url": "https://static.wixstatic.com/a1b2.png", "height": 400, "width": 500, "altText": "", "filename": "shirt.png"});
    let domain = json!({
        "id": "e-5",
        "createdEvent": {"entityAsJson": json!({
            "id": "c-5",
            "lineItems": [{"id": "l-1", "image": image, "url": {"relativePath": "/product-page/shirt", "url": "https://shop.test/product-page/shirt"}}]
        }).to_string()}
    });
    let token = sign(&payload("wix.ecom.v1.cart_created", Map::new(), &domain));
    let webhook = webhooks::parse(token.as_bytes(), &app_key()).unwrap();
    let Event::CartCreated(created) = &webhook.event else {
        panic!()
    };
    let line = &created.entity.value().unwrap().line_items.value().unwrap()[0];
    assert_eq!(
        line.image.as_deref(),
        Some("wix:image://v1/a1b2.png/shirt.png#originWidth=500&originHeight=400")
    );
    assert_eq!(
        line.url.as_deref(),
        Some("https://shop.test/product-page/shirt")
    );
    assert!(webhook.event.validate().is_valid());

    let order = json!({"id": "o-1", "billingInfo": {"address": {"addressLine": "1 Main St", "city": "Springfield"}}});
    let domain = json!({"id": "e-6", "updatedEvent": {"currentEntity": order}});
    let token = sign(&payload("wix.ecom.v1.order_updated", Map::new(), &domain));
    let webhook = webhooks::parse(token.as_bytes(), &app_key()).unwrap();
    let Event::OrderUpdated(updated) = &webhook.event else {
        panic!()
    };
    let address = updated
        .entity
        .value()
        .unwrap()
        .billing_info
        .value()
        .unwrap()
        .address
        .value()
        .unwrap();
    assert_eq!(address.address_line1.as_deref(), Some("1 Main St"));
    assert!(address.extra.is_empty());
}

fn refused(token: &str) -> Error {
    webhooks::parse(token.as_bytes(), &app_key()).expect_err("the token must be refused")
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn good_payload() -> Value {
    payload(
        "wix.ecom.v1.cart_deleted",
        Map::new(),
        &json!({"id": "e-3", "entityId": "c-3", "deletedEvent": {}}),
    )
}

#[test]
fn forged_and_broken_tokens_are_refused_each_with_its_reason() {
    // Signed by a key the service does not trust.
    let forged = sign_with(&good_payload(), &read("webhooks/other-private.pem"));
    assert_eq!(refused(&forged), Error::Signature);

    // Signed by the app, then altered.
    let token = sign(&good_payload());
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let altered = json!({"data": good_payload()["data"].as_str().unwrap().replace("e-3", "e-4")});
    use base64::Engine;
    parts[1] = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(altered.to_string());
    assert_eq!(refused(&parts.join(".")), Error::Signature);

    // `alg: none`, and HMAC keyed with the public key (the classic confusion).
    let none_header =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    assert_eq!(
        refused(&format!("{none_header}.{}.", parts[1])),
        Error::Algorithm("none".into())
    );
    let hmac = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &good_payload(),
        &EncodingKey::from_secret(read("webhooks/app-public.pem").as_bytes()).unwrap(),
    )
    .unwrap();
    assert_eq!(refused(&hmac), Error::Algorithm("HS256".into()));

    // Expired, and not valid yet.
    let mut expired = good_payload();
    expired["exp"] = (now() - 60).into();
    assert_eq!(refused(&sign(&expired)), Error::Expired);
    let mut early = good_payload();
    early["nbf"] = (now() + 3600).into();
    assert_eq!(refused(&sign(&early)), Error::NotYetValid);

    assert!(matches!(refused("not a token"), Error::Malformed(_)));
    let huge = "a".repeat(webhooks::MAX_BODY + 1);
    assert_eq!(refused(&huge), Error::TooLarge(webhooks::MAX_BODY + 1));
}

#[test]
fn broken_layers_inside_a_good_signature_say_which_layer_and_where() {
    let cases: Vec<(Value, Layer, &str, &str)> = vec![
        (
            json!({"data": {"eventType": "x"}}),
            Layer::Envelope,
            "/data",
            "the `data` claim must be a JSON string, found an object",
        ),
        (
            json!({}),
            Layer::Envelope,
            "/data",
            "the `data` claim is missing",
        ),
        (
            json!({"data": "{not json"}),
            Layer::Envelope,
            "/data",
            "the `data` claim is not JSON",
        ),
        (
            json!({"data": json!({"data": "{}"}).to_string()}),
            Layer::Envelope,
            "/data/eventType",
            "is missing",
        ),
        (
            json!({"data": json!({"eventType": "wix.ecom.v1.cart_created", "data": "[1"}).to_string()}),
            Layer::DomainEvent,
            "/data/data",
            "the domain event is not JSON",
        ),
        (
            json!({"data": json!({"eventType": "wix.ecom.v1.cart_created", "identity": "{", "data": "{}"}).to_string()}),
            Layer::Envelope,
            "/data/identity",
            "the identity is not JSON",
        ),
        (
            payload(
                "wix.ecom.v1.cart_created",
                Map::new(),
                &json!({"createdEvent": {"entityAsJson": "{\"id\": "}}),
            ),
            Layer::DomainEvent,
            "/data/data/createdEvent/entityAsJson",
            "the entity is not JSON",
        ),
        (
            payload(
                "wix.ecom.v1.cart_created",
                Map::new(),
                &json!({"createdEvent": {"entity": 5}}),
            ),
            Layer::DomainEvent,
            "/data/data/createdEvent/entity",
            "must be an object or a JSON string, found a number",
        ),
        (
            payload(
                "wix.ecom.v1.cart_created",
                Map::new(),
                &json!({"createdEvent": {"entity": {"lineItems": [{"quantity": "many"}]}}}),
            ),
            Layer::Entity,
            "/entity/lineItems/0/quantity",
            "`quantity` must be a whole number",
        ),
    ];
    for (payload, expected_layer, expected_pointer, expected_message) in cases {
        match refused(&sign(&payload)) {
            Error::Layer {
                layer,
                pointer,
                message,
            } => {
                assert_eq!(
                    (layer, pointer.as_str()),
                    (expected_layer, expected_pointer),
                    "{message}"
                );
                assert!(
                    message.starts_with(expected_message),
                    "{message:?} for {payload}"
                );
            }
            other => panic!("{other:?} for {payload}"),
        }
    }
}

#[test]
fn nested_json_strings_ten_thousand_deep_are_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let token = sign(&payload(
        "wix.ecom.v1.cart_created",
        Map::new(),
        &json!({"createdEvent": {"entityAsJson": deep}}),
    ));
    let error = refused(&token);
    assert!(
        matches!(
            error,
            Error::Layer {
                layer: Layer::DomainEvent,
                ..
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("recursion limit"), "{error}");
}

#[test]
fn keys_are_read_as_pem_or_base64_of_the_pem_and_bad_ones_are_errors() {
    use base64::Engine;
    let pem = read("webhooks/app-public.pem");
    let encoded = base64::engine::general_purpose::STANDARD.encode(&pem);
    let key = PublicKey::from_pem(&encoded).unwrap();
    assert!(webhooks::parse(sign(&good_payload()).as_bytes(), &key).is_ok());
    assert!(matches!(
        PublicKey::from_pem("not a key"),
        Err(Error::Key(_))
    ));
    assert!(matches!(
        PublicKey::from_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"),
        Err(Error::Key(_))
    ));
}

/// An image as Wix's REST form sends it, and what Wix's SDK makes of it.
const REST_IMAGE: &str = r#"{"id": "a1b2.png", "url": "https://static.wixstatic.com/media/a1b2.png", "height": 30, "width": 40, "altText": "A shirt", "filename": "shirt.png"}"#;
const SDK_IMAGE: &str = "wix:image://v1/a1b2.png/shirt.png#originWidth=40&originHeight=30";
/// A page URL as Wix's REST form sends it; the SDK keeps its `url`.
const REST_PAGE_URL: &str = r#"{"relativePath": "/product-page/shirt", "url": "https://shop.example.com/product-page/shirt"}"#;
const SDK_PAGE_URL: &str = "https://shop.example.com/product-page/shirt";

/// For each handler, the paths Wix's SDK transforms from the REST form, with
/// the transformation's name (`transformRESTImageToSDKImage`, …).
fn transformations() -> Vec<(String, String, String)> {
    let all: Value = serde_json::from_str(&read("sdk/transformations.json")).unwrap();
    let mut found = Vec::new();
    for event in all["events"].as_array().unwrap() {
        for path in event["paths"].as_array().unwrap() {
            // No pointer: a path the SDK's transformation never reaches.
            let Some(pointer) = path["sdkPointer"].as_str() else {
                continue;
            };
            found.push((
                event["handler"].as_str().unwrap().to_owned(),
                pointer.replace("/*", "/0"),
                path["transformFn"].as_str().unwrap().to_owned(),
            ));
        }
    }
    found
}

/// An SDK-shaped body as Wix's REST form carries it: `(rest, sdk)`, the
/// second being the body with what the SDK makes of each REST value.
fn rest_and_sdk(
    handler: &str,
    sdk: &Value,
    transformations: &[(String, String, String)],
) -> (Value, Value) {
    let (mut rest, mut expected) = (sdk.clone(), sdk.clone());
    for (_, pointer, function) in transformations.iter().filter(|(h, ..)| h == handler) {
        let Some(value) = rest.pointer_mut(pointer) else {
            continue;
        };
        match (function.as_str(), &*value) {
            ("transformRESTImageToSDKImage", Value::String(_)) => {
                *value = serde_json::from_str(REST_IMAGE).unwrap();
                *expected.pointer_mut(pointer).unwrap() = SDK_IMAGE.into();
            }
            ("transformRESTPageURLV2ToSDKPageURLV2", Value::String(_)) => {
                *value = serde_json::from_str(REST_PAGE_URL).unwrap();
                *expected.pointer_mut(pointer).unwrap() = SDK_PAGE_URL.into();
            }
            ("transformRESTAddressToSDKAddress", Value::Object(_)) => {
                let address = value.as_object_mut().unwrap();
                for (sdk_name, rest_name) in
                    [("addressLine1", "addressLine"), ("location", "geocode")]
                {
                    if let Some(field) = address.shift_remove(sdk_name) {
                        address.insert(rest_name.into(), field);
                    }
                }
            }
            // Timestamps and floats are the same JSON in both forms.
            _ => {}
        }
    }
    (rest, expected)
}

#[test]
fn every_sdk_body_posted_as_a_rest_shaped_webhook_reads_as_the_sdk_body() {
    let key = app_key();
    let transformations = transformations();
    let events = sdk_events();
    let root = fixtures().join("sdk");
    let (mut compared, mut converted) = (0, 0);
    for app in ["ecom", "ecom_discounts", "loyalty", "loyalty_imports"] {
        let mut lists: Vec<PathBuf> = std::fs::read_dir(root.join("fields").join(app))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        lists.sort();
        for list in lists {
            let fields: Value =
                serde_json::from_str(&std::fs::read_to_string(&list).unwrap()).unwrap();
            let handler = fields["handler"].as_str().unwrap();
            let (_, event_type, kind) = events.iter().find(|(h, ..)| h == handler).unwrap();
            let stem = list.file_stem().unwrap().to_str().unwrap();
            for form in ["full", "null"] {
                let file = format!("sdk/bodies/{app}/{stem}.{form}.json");
                let sdk: Value = serde_json::from_str(&read(&file)).unwrap();
                let (mut rest, expected) = rest_and_sdk(handler, &sdk, &transformations);
                converted += usize::from(rest != sdk);
                // What the envelope carries, out of the metadata.
                let metadata = rest["metadata"].as_object_mut().unwrap();
                let mut envelope = Map::new();
                for key in ["instanceId", "accountInfo"] {
                    if let Some(value) = metadata.shift_remove(key) {
                        envelope.insert(key.into(), value);
                    }
                }
                if let Some(identity) = metadata.shift_remove("identity") {
                    envelope.insert("identity".into(), identity.to_string().into());
                }
                let mut domain = domain_event(&rest, kind);
                if let Some(fields) = rest.get("modifiedFields") {
                    domain["updatedEvent"]["modifiedFields"] = fields.clone();
                }
                let token = sign(&payload(event_type, envelope, &domain));
                let webhook = webhooks::parse(token.as_bytes(), &key)
                    .unwrap_or_else(|e| panic!("{file}: {e}"));
                let velo = Event::from_json(handler, expected.to_string().as_bytes()).unwrap();
                if webhook.event != velo {
                    let (got, want) = (
                        serde_json::to_value(&webhook.event).unwrap(),
                        serde_json::to_value(&velo).unwrap(),
                    );
                    panic!(
                        "{file}: the webhook reads otherwise at {:#?}",
                        differences(&got, &want, "")
                    );
                }
                let errors: Vec<String> = webhook
                    .event
                    .validate()
                    .errors()
                    .map(|e| e.to_string())
                    .collect();
                assert!(errors.is_empty(), "{file}: {errors:#?}");
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 66, "33 events, full and null");
    assert_eq!(
        converted, 32,
        "the 16 events with an image, a page URL or an address, in both bodies"
    );
}

/// The pointers where two JSON values differ.
fn differences(a: &Value, b: &Value, at: &str) -> Vec<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .flat_map(|k| {
                    let (l, r) = (
                        x.get(k).unwrap_or(&Value::Null),
                        y.get(k).unwrap_or(&Value::Null),
                    );
                    if x.contains_key(k) != y.contains_key(k) {
                        vec![format!("{at}/{k}: {l} vs {r}")]
                    } else {
                        differences(l, r, &format!("{at}/{k}"))
                    }
                })
                .collect()
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .flat_map(|(i, (l, r))| differences(l, r, &format!("{at}/{i}")))
            .collect(),
        _ if a == b => Vec::new(),
        _ => vec![format!("{at}: {a} vs {b}")],
    }
}

#[test]
fn truncated_tokens_and_broken_keys_are_refused_each_with_its_reason() {
    let token = sign(&good_payload());
    // The signature cut short, cut to nothing, or its last character dropped.
    let (signed, signature) = token.rsplit_once('.').unwrap();
    for cut in [signature.len() / 2, 0, signature.len() - 1] {
        let truncated = format!("{signed}.{}", &signature[..cut]);
        let error = refused(&truncated);
        assert!(
            matches!(error, Error::Signature | Error::Malformed(_)),
            "{cut}: {error:?}"
        );
        assert!(!error.to_string().is_empty());
    }
    // The token itself cut short, inside its payload.
    assert!(matches!(
        refused(&token[..token.find('.').unwrap() + 10]),
        Error::Malformed(_)
    ));

    let pem = read("webhooks/app-public.pem");
    let half = &pem[..pem.len() / 2];
    let garbled = pem.replacen('M', "*", 1);
    // Wrong key types: an EC public key, and the app's private key.
    let ec = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAElEg+nCyrFAJw0KXCxu05Otq6PsgP\nqs7U5nb3Xa3HjUAMFTBh2lEuC6EJ4cuxpq1sOHYUWN5kuJglimfvSmxaXQ==\n-----END PUBLIC KEY-----\n";
    let private = read("webhooks/app-private.pem");
    for (what, text) in [
        ("half a PEM", half),
        ("a garbled PEM", garbled.as_str()),
        ("an EC key", ec),
        ("a private key", private.as_str()),
        ("empty", ""),
    ] {
        match PublicKey::from_pem(text) {
            Err(Error::Key(reason)) => assert!(!reason.is_empty(), "{what}"),
            other => panic!("{what}: {other:?}"),
        }
    }
    // A huge key is refused without reading it all as a PEM.
    let started = std::time::Instant::now();
    assert!(matches!(
        PublicKey::from_pem(&"A".repeat(16 << 20)),
        Err(Error::Key(_))
    ));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
