//! Wix backend events: every published example parses to its type and
//! comes back unchanged; every documented handler has a type; the handler
//! code beside the examples finds its values in the typed events.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use wix_activities::backend_events::{ecom, loyalty, Event, EventName};
use wix_activities::rust_decimal::Decimal;
use wix_activities::validate::{self, Validate};
use wix_activities::Nullable;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/backend_events")
}

/// Every documented handler, from the seeds (`tests/fixtures/backend_events/handlers.json`).
fn handlers() -> Vec<Value> {
    let text = std::fs::read_to_string(fixtures().join("handlers.json")).unwrap();
    serde_json::from_str::<Vec<Value>>(&text).unwrap()
}

/// The handlers that have a published example, with the example's bytes.
fn examples() -> Vec<(String, Vec<u8>)> {
    let examples: Vec<(String, Vec<u8>)> = handlers()
        .iter()
        .filter_map(|h| {
            let fixture = h["fixture"].as_str()?;
            let bytes = std::fs::read(repo().join(fixture)).unwrap();
            Some((h["handler"].as_str().unwrap().to_owned(), bytes))
        })
        .collect();
    assert_eq!(
        examples.len(),
        15,
        "the seeds publish 15 full event objects"
    );
    examples
}

/// The published example of `handler`, as bytes.
fn example(handler: &str) -> Vec<u8> {
    let entry = handlers()
        .into_iter()
        .find(|h| h["handler"] == handler)
        .unwrap();
    std::fs::read(repo().join(entry["fixture"].as_str().unwrap())).unwrap()
}

fn event(handler: &str) -> Event {
    Event::from_json(handler, &example(handler)).unwrap()
}

#[test]
fn every_documented_handler_has_a_type() {
    let documented: Vec<String> = handlers()
        .iter()
        .map(|h| h["handler"].as_str().unwrap().to_owned())
        .collect();
    let mut generated: Vec<String> = EventName::ALL
        .iter()
        .map(|n| n.as_str().to_owned())
        .collect();
    let mut sorted = documented.clone();
    sorted.sort();
    generated.sort();
    assert_eq!(generated, sorted);
    for handler in &documented {
        let name: EventName = handler.parse().unwrap();
        assert!(!matches!(name, EventName::Other(_)), "{handler}");
        assert_eq!(name.as_str(), handler);
        assert_eq!(name.to_string(), *handler);
        assert!(handler.starts_with(&format!("{}_on", name.app())));
        assert!(name.json_rules().is_some());
    }
    assert_eq!(
        EventName::from_handler("wixStores_onProductCreated"),
        EventName::Other("wixStores_onProductCreated".into())
    );
    assert_eq!(
        EventName::from_handler("wixStores_onProductCreated").app(),
        "wixStores"
    );
}

/// Every event's handler and its Wix event type, as Wix's SDK tags them
/// (`tests/fixtures/sdk/events.json`, extracted by `tools/wix-sdk`).
fn sdk_event_types() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(fixtures().join("../sdk/events.json")).unwrap();
    let sdk: Value = serde_json::from_str(&text).unwrap();
    sdk["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let handler = e["handler"].as_str().unwrap().to_owned();
            let event_type = e["sdk"]["eventType"].as_str().unwrap().to_owned();
            (handler, event_type)
        })
        .collect()
}

#[test]
fn every_event_is_known_by_its_wix_event_type_both_ways() {
    let pairs = sdk_event_types();
    assert_eq!(pairs.len(), 33);
    for (handler, event_type) in &pairs {
        let name = EventName::from_handler(handler);
        assert!(!matches!(name, EventName::Other(_)), "{handler}");
        assert_eq!(name.event_type(), Some(event_type.as_str()), "{handler}");
        assert_eq!(EventName::from_event_type(event_type), name, "{event_type}");
    }
    let every: std::collections::BTreeSet<_> =
        EventName::ALL.iter().map(|n| n.event_type()).collect();
    assert_eq!(every.len(), 33, "each event has its own event type");

    let unknown = EventName::from_event_type("wix.ecom.v2.cart_teleported");
    assert_eq!(
        unknown,
        EventName::Other("wix.ecom.v2.cart_teleported".into())
    );
    assert_eq!(unknown.event_type(), Some("wix.ecom.v2.cart_teleported"));
    assert_eq!(unknown.as_str(), "wix.ecom.v2.cart_teleported");
    assert_eq!(
        EventName::from_handler("wixEcom_onCartTeleported").event_type(),
        None
    );
}

#[test]
fn a_body_without_what_the_docs_promise_still_parses_and_invents_nothing() {
    // Wix's SDK types these optional; the docs say they are always sent.
    for body in [
        &br#"{"metadata":{}}"#[..],
        br#"{"metadata":{"id":null,"entityId":null,"eventTime":null}}"#,
        br#"{}"#,
    ] {
        let event = Event::from_json("wixEcom_onCartCreated", body)
            .unwrap_or_else(|e| panic!("{}: {e}", String::from_utf8_lossy(body)));
        let typed: Vec<String> = event
            .validate()
            .violations()
            .iter()
            .map(|v| v.to_string())
            .collect();
        let raw: Vec<String> = validate::event_json("wixEcom_onCartCreated", body)
            .violations()
            .iter()
            .map(|v| v.to_string())
            .collect();
        assert_eq!(typed, raw, "{}", String::from_utf8_lossy(body));
        assert!(typed.iter().all(|v| v.contains(": warning: ")), "{typed:?}");
        assert!(!typed.is_empty());
        // Nothing the sender did not send is written back.
        let written = serde_json::to_string(&event).unwrap();
        assert!(!written.contains(r#""""#), "{written}");
    }
    let absent = Event::from_json("wixEcom_onCartCreated", br#"{"metadata":{}}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&absent).unwrap(),
        r#"{"metadata":{}}"#
    );
    let warnings: Vec<String> = absent
        .validate()
        .violations()
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(
        warnings,
        [
            "/metadata/id: warning: `id` is documented as always sent, but is missing",
            "/metadata/entityId: warning: `entityId` is documented as always sent, but is missing",
            "/metadata/eventTime: warning: `eventTime` is documented as always sent, but is missing",
            "/entity: warning: `entity` is documented as always sent, but is missing",
        ]
    );
}

#[test]
fn a_recovered_abandoned_checkout_reads_where_the_docs_and_where_the_sdk_put_it() {
    let sdk = br#"{"metadata":{"_id":"e-1"},"data":{"abandonedCheckout":{"_id":"ac-1","buyerInfo":{"email":"mabel@go.com"}}}}"#;
    let Event::AbandonedCheckoutRecovered(recovered) =
        Event::from_json("wixEcom_onAbandonedCheckoutRecovered", sdk).unwrap()
    else {
        panic!()
    };
    let checkout = recovered
        .data
        .value()
        .unwrap()
        .abandoned_checkout
        .value()
        .unwrap();
    assert_eq!(
        checkout.buyer_info.value().unwrap().email.as_deref(),
        Some("mabel@go.com")
    );
    assert!(recovered.entity.is_absent());
    // The metadata's `_id` is written in the documented spelling, `id`.
    let written = String::from_utf8(serde_json::to_vec(&recovered).unwrap()).unwrap();
    assert_eq!(
        written,
        String::from_utf8_lossy(sdk).replacen(r#""_id":"e-1""#, r#""id":"e-1""#, 1)
    );
}

#[test]
fn status_fields_are_enums_that_keep_a_value_wix_adds_later() {
    let body = |status: &str| {
        format!(
            r#"{{"metadata":{{"id":"e","entityId":"o","eventTime":"2023-01-18T13:16:53Z"}},"data":{{"order":{{"paymentStatus":"{status}"}},"previousPaymentStatus":"NOT_PAID"}}}}"#
        )
    };
    let handler = "wixEcom_onOrderPaymentStatusUpdated";
    let known = body("PAID");
    let Event::OrderPaymentStatusUpdated(updated) =
        Event::from_json(handler, known.as_bytes()).unwrap()
    else {
        panic!()
    };
    let data = updated.data.value().unwrap();
    assert_eq!(
        data.order.value().unwrap().payment_status,
        ecom::PaymentStatus::Paid.into()
    );
    assert_eq!(
        data.previous_payment_status,
        ecom::PreviousPaymentStatus::NotPaid.into()
    );
    assert!(Event::from(updated.clone())
        .validate()
        .violations()
        .is_empty());

    let new = body("PAID_IN_CRYPTO");
    let event = Event::from_json(handler, new.as_bytes()).unwrap();
    let Event::OrderPaymentStatusUpdated(updated) = &event else {
        panic!()
    };
    let status = updated
        .data
        .value()
        .unwrap()
        .order
        .value()
        .unwrap()
        .payment_status
        .clone();
    assert_eq!(
        status,
        ecom::PaymentStatus::Other("PAID_IN_CRYPTO".into()).into()
    );
    assert_eq!(serde_json::to_string(&event).unwrap(), new);
    let typed: Vec<String> = event
        .validate()
        .violations()
        .iter()
        .map(|v| v.to_string())
        .collect();
    let raw: Vec<String> = validate::event_json(handler, new.as_bytes())
        .violations()
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(typed, raw);
    assert_eq!(typed.len(), 1);
    assert!(typed[0].starts_with("/data/order/paymentStatus: warning: `paymentStatus` is documented as one of `UNSPECIFIED`"), "{typed:?}");

    // A value Wix adds is text: a number would be written back as text.
    let number = known.replace(r#""PAID""#, "7");
    assert!(Event::from_json(handler, number.as_bytes()).is_err());
    let report = validate::event_json(handler, number.as_bytes());
    let errors: Vec<String> = report.errors().map(|v| v.to_string()).collect();
    assert_eq!(
        errors,
        ["/data/order/paymentStatus: `paymentStatus` must be text, found the number `7`"]
    );
}

#[test]
fn the_sdk_spelling_of_the_event_id_is_read_too() {
    let body = br#"{"metadata":{"_id":"e-1","entityId":"c-1","eventTime":"2023-01-18T13:16:53Z"}}"#;
    let event = Event::from_json("wixEcom_onCartDeleted", body).unwrap();
    assert_eq!(event.metadata().unwrap().id.as_deref(), Some("e-1"));
    assert!(event.validate().violations().is_empty());
    assert!(validate::event_json("wixEcom_onCartDeleted", body)
        .violations()
        .is_empty());
}

#[test]
fn every_published_example_parses_to_its_type_and_comes_back_unchanged() {
    for (handler, bytes) in examples() {
        let event = Event::from_json(&handler, &bytes).unwrap_or_else(|e| panic!("{handler}: {e}"));
        assert_eq!(event.name().as_str(), handler);
        assert!(!matches!(event, Event::Other { .. }), "{handler}");
        let published: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            event.metadata().unwrap().id.clone().into_value().unwrap(),
            published["metadata"]["id"],
            "{handler}"
        );
        // Every field comes back with its value, each number and decimal as
        // written. Keys come in the schema's order: the examples print one
        // entity's keys in different orders, so no one order can be kept.
        let written = serde_json::to_value(&event).unwrap();
        assert_eq!(written, published, "{handler}");
        let report = event.validate();
        assert!(report.is_valid(), "{handler}: {:?}", report.violations());
        let raw = validate::event_json(&handler, &bytes);
        assert!(raw.is_valid(), "{handler}: {:?}", raw.violations());
    }
}

#[test]
fn no_published_field_is_left_undocumented() {
    // Undocumented fields land in an `extra` map; the schemas declare every
    // field of the published examples, so every `extra` stays empty.
    for (handler, bytes) in examples() {
        let debug = format!("{:?}", Event::from_json(&handler, &bytes).unwrap());
        assert!(
            !debug.contains("extra: {\""),
            "{handler}: a published field is not in the schema: {debug}"
        );
    }
}

#[test]
fn the_handler_code_reads_paths_that_the_typed_events_offer_elsewhere() {
    // Each `missingPaths` entry of the manifest is a path the published
    // handler reads and the published payload does not have; the event's
    // docs say where the value is, and this is that place.
    let missing: Vec<(String, Vec<String>)> = handlers()
        .iter()
        .filter(|h| h["missingPaths"].as_array().is_some_and(|p| !p.is_empty()))
        .map(|h| {
            let paths = h["missingPaths"].as_array().unwrap();
            (
                h["handler"].as_str().unwrap().to_owned(),
                paths
                    .iter()
                    .map(|p| p.as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect();
    let handlers: Vec<&str> = missing.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        handlers,
        [
            "wixEcom_onAbandonedCheckoutRecovered",
            "wixEcom_onCheckoutCompleted",
            "wixEcom_onCheckoutCreated",
            "wixEcom_onCheckoutUpdated",
            "wixEcom_onOrderUpdated",
        ]
    );

    // `event.data.abandonedCheckout.buyerInfo.email` → `entity.buyerInfo.email`.
    let Event::AbandonedCheckoutRecovered(recovered) =
        event("wixEcom_onAbandonedCheckoutRecovered")
    else {
        panic!()
    };
    assert_eq!(
        recovered
            .entity
            .into_value()
            .unwrap()
            .buyer_info
            .into_value()
            .unwrap()
            .email
            .as_deref(),
        Some("mabel@go.com")
    );
    assert_eq!(
        recovered
            .metadata
            .into_value()
            .unwrap()
            .entity_id
            .into_value()
            .unwrap(),
        "c434acce-84f8-4f67-9665-bb42bf448e86"
    );

    // `event.entity.subtotal.amount`, `entity._id`, `entity.completed` → under `data.checkout`.
    let Event::CheckoutCompleted(completed) = event("wixEcom_onCheckoutCompleted") else {
        panic!()
    };
    let checkout = completed
        .data
        .into_value()
        .unwrap()
        .checkout
        .into_value()
        .unwrap();
    let subtotal = checkout
        .price_summary
        .into_value()
        .unwrap()
        .subtotal
        .into_value()
        .unwrap()
        .amount;
    assert_eq!(subtotal.into_value().unwrap().value(), Decimal::from(30));
    assert_eq!(
        checkout.id.as_deref(),
        Some("81b73bc6-d403-4afe-8464-226f9505b1c2")
    );
    assert_eq!(checkout.completed, true.into());

    // `event.entity.subtotal.amount` → `entity.priceSummary.subtotal.amount`.
    for handler in ["wixEcom_onCheckoutCreated", "wixEcom_onCheckoutUpdated"] {
        let checkout = match event(handler) {
            Event::CheckoutCreated(e) => e.entity.into_value().unwrap(),
            Event::CheckoutUpdated(e) => e.entity.into_value().unwrap(),
            other => panic!("{other:?}"),
        };
        let subtotal = checkout
            .price_summary
            .into_value()
            .unwrap()
            .subtotal
            .into_value()
            .unwrap();
        assert_eq!(
            subtotal.amount.into_value().unwrap().value(),
            Decimal::from(30),
            "{handler}"
        );
    }

    // `event.data.order._id`, `data.order.priceSummary.totalPrice.amount` → under `entity`.
    let Event::OrderUpdated(updated) = event("wixEcom_onOrderUpdated") else {
        panic!()
    };
    let order = updated.entity.into_value().unwrap();
    assert!(order.id.is_value());
    let total = order
        .price_summary
        .into_value()
        .unwrap()
        .total_price
        .into_value()
        .unwrap();
    assert_eq!(total.amount.into_value().unwrap().to_string(), "40.00");

    // The docs of each of these types say so.
    let docs = [
        ("abandoned-checkout-recovered", "entity.buyerInfo.email"),
        ("checkout-completed", "data.checkout"),
        ("checkout-created", "priceSummary.subtotal"),
        ("checkout-updated", "priceSummary.subtotal"),
        ("order-updated", "entity"),
    ];
    for (file, path) in docs {
        let schema = std::fs::read_to_string(
            repo().join(format!("schemas/backend_events/ecom/{file}.json")),
        )
        .unwrap();
        let schema: Value = serde_json::from_str(&schema).unwrap();
        let description = schema["description"].as_str().unwrap();
        assert!(description.contains(path), "{file}: {description}");
    }
}

#[test]
fn the_reads_that_the_payloads_do_have_are_kept_by_the_typed_events() {
    for handler in handlers() {
        let (Some(_), Some(reads)) = (handler["fixture"].as_str(), handler["reads"].as_array())
        else {
            continue;
        };
        let name = handler["handler"].as_str().unwrap();
        let missing = handler["missingPaths"].as_array().unwrap();
        let written = serde_json::to_value(event(name)).unwrap();
        for read in reads.iter().filter(|r| !missing.contains(r)) {
            let pointer = format!("/{}", read.as_str().unwrap().replace('.', "/"));
            let pointer = pointer.replace("[0]", "/0");
            assert!(written.pointer(&pointer).is_some(), "{name}: {pointer}");
        }
    }
}

#[test]
fn money_and_counters_are_numbers_to_compute_with() {
    let Event::CartCreated(created) = event("wixEcom_onCartCreated") else {
        panic!()
    };
    let cart = created.entity.into_value().unwrap();
    let lines: Decimal = cart
        .line_items
        .value()
        .into_iter()
        .flatten()
        .map(|item| {
            item.price.value().unwrap().amount.value().unwrap().value()
                * Decimal::from(item.quantity.into_value().unwrap())
        })
        .sum();
    assert_eq!(
        lines,
        cart.subtotal
            .into_value()
            .unwrap()
            .amount
            .into_value()
            .unwrap()
            .value(),
        "3 × 85 = 255"
    );

    let Event::OrderCanceled(canceled) = event("wixEcom_onOrderCanceled") else {
        panic!()
    };
    let summary = canceled
        .data
        .into_value()
        .unwrap()
        .order
        .into_value()
        .unwrap()
        .price_summary
        .into_value()
        .unwrap();
    let parts = [&summary.subtotal, &summary.shipping, &summary.tax]
        .iter()
        .map(|m| m.value().unwrap().amount.value().unwrap().value())
        .sum::<Decimal>()
        - summary
            .discount
            .value()
            .unwrap()
            .amount
            .value()
            .unwrap()
            .value();
    let total = summary
        .total_price
        .into_value()
        .unwrap()
        .amount
        .into_value()
        .unwrap();
    assert_eq!(parts, total.value(), "30.00 + 10.0 + 0.0 - 0.0");
    // Written back as it came, scale included.
    assert_eq!(serde_json::to_string(&total).unwrap(), r#""40.00""#);

    let Event::AccountPointsUpdated(points) = event("wixLoyalty_onAccountPointsUpdated") else {
        panic!()
    };
    let account = points
        .data
        .into_value()
        .unwrap()
        .account
        .into_value()
        .unwrap();
    let revision = account.revision.into_value().unwrap();
    assert_eq!(revision.get() + 1, 14);
    assert_eq!(serde_json::to_string(&revision).unwrap(), r#""13""#);
    let tally = account.points.into_value().unwrap();
    assert_eq!(
        tally.earned.into_value().unwrap() + tally.adjusted.into_value().unwrap()
            - tally.redeemed.into_value().unwrap(),
        tally.balance.into_value().unwrap()
    );
}

#[test]
fn unknown_handlers_and_fields_are_kept_and_bad_bodies_are_errors() {
    let body = br#"{"metadata": {"id": "1", "entityId": "2", "eventTime": "2024-01-01T00:00:00Z"}, "entity": {"x": [1]}}"#;
    let unknown = Event::from_json("wixBookings_onBookingCreated", body).unwrap();
    assert_eq!(
        unknown.name(),
        EventName::Other("wixBookings_onBookingCreated".into())
    );
    assert!(unknown.metadata().is_none());
    assert_eq!(
        serde_json::to_vec(&unknown).unwrap(),
        body.to_vec()
            .iter()
            .filter(|b| **b != b' ')
            .copied()
            .collect::<Vec<u8>>()
    );
    assert!(validate::event_json("wixBookings_onBookingCreated", body).is_valid());
    assert!(!validate::event_json("wixBookings_onBookingCreated", b"{").is_valid());

    // A field Wix adds tomorrow is kept and written back.
    let body = br#"{"metadata":{"id":"1","entityId":"2","eventTime":"2024-01-01T00:00:00Z","newFlag":true},"entity":{"_id":"2","points":{"balance":1,"bonus":7}},"trace":"x"}"#;
    let Event::AccountUpdated(updated) =
        Event::from_json("wixLoyalty_onAccountUpdated", body).unwrap()
    else {
        panic!()
    };
    assert_eq!(updated.extra["trace"], json!("x"));
    assert_eq!(
        updated.metadata.value().unwrap().extra["newFlag"],
        json!(true)
    );
    assert_eq!(
        updated
            .entity
            .value()
            .unwrap()
            .points
            .value()
            .unwrap()
            .extra["bonus"],
        json!(7)
    );
    assert_eq!(serde_json::to_vec(&updated).unwrap(), body.to_vec());

    // Wrong types and missing metadata: an error, never a panic; validation says where.
    let bad = br#"{"entity": {"subtotal": {"amount": "12 euros"}, "lineItems": [{"quantity": "three"}]}}"#;
    assert!(Event::from_json("wixEcom_onCartCreated", bad).is_err());
    let report = validate::event_json("wixEcom_onCartCreated", bad);
    let found: Vec<String> = report
        .violations()
        .iter()
        .map(|v| v.pointer.clone())
        .collect();
    assert_eq!(
        found,
        [
            "/entity/subtotal/amount",
            "/entity/lineItems/0/quantity",
            "/metadata"
        ]
    );
    for text in ["", "null", "[]", "{\"metadata\": 7}", "\u{0}"] {
        assert!(
            Event::from_json("wixEcom_onCartDeleted", text.as_bytes()).is_err(),
            "{text:?}"
        );
    }
}

#[test]
fn the_published_cart_updated_text_with_its_repeated_key_gets_a_clear_error() {
    // REPAIRS.md: the published example has `metadata` twice; the fixture keeps the last.
    let repaired = example("wixEcom_onCartUpdated");
    let text = String::from_utf8(repaired).unwrap();
    let published = text.replacen(
        "{\n",
        "{\n  \"metadata\": {\"id\": \"e508b5f9-a7d2-4b37-94ce-2b7767cfa49c\", \"entityId\": \"b79fd177-ec98-4245-b9f6-f09e7afa9d04\", \"eventTime\": \"2022-10-27T11:42:17.211724Z\", \"triggeredByAnonymizeRequest\": false},\n",
        1,
    );
    let error = Event::from_json("wixEcom_onCartUpdated", published.as_bytes()).unwrap_err();
    assert!(
        error.to_string().starts_with("duplicate field `metadata`"),
        "{error}"
    );
}

#[test]
fn events_are_built_in_code_and_validated() {
    let body = br#"{"metadata":{"id":"1","entityId":"settings","eventTime":"2022-11-09T07:58:42.945654Z"},"entity":{"name":"Frequent Flower Program","status":"ACTIVE"}}"#;
    let Event::ProgramUpdated(mut program) =
        Event::from_json("wixLoyalty_onProgramUpdated", body).unwrap()
    else {
        panic!()
    };
    let entity: &loyalty::Program = program.entity.value().unwrap();
    assert_eq!(entity.name.as_deref(), Some("Frequent Flower Program"));
    program.metadata.value_mut().unwrap().id = Nullable::Absent;
    let event = Event::from(program);
    let report = event.validate();
    let found: Vec<String> = report.violations().iter().map(|v| v.to_string()).collect();
    assert_eq!(
        found,
        ["/metadata/id: warning: `id` is documented as always sent, but is missing"]
    );

    let price = ecom::Money {
        amount: Nullable::Value("85".parse().unwrap()),
        converted_amount: Nullable::Absent,
        formatted_amount: "$85.00".into(),
        formatted_converted_amount: Nullable::Absent,
        extra: Default::default(),
    };
    assert_eq!(
        serde_json::to_string(&price).unwrap(),
        r#"{"amount":"85","formattedAmount":"$85.00"}"#
    );
}

#[test]
fn hostile_bodies_are_errors_never_panics() {
    let deep = format!(
        r#"{{"metadata": {{"id": "1", "entityId": "2", "eventTime": "2024-01-01T00:00:00Z"}}, "entity": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    for handler in ["wixEcom_onOrderCreated", "wixEcom_onCartCreated"] {
        assert!(
            Event::from_json(handler, deep.as_bytes()).is_err(),
            "{handler}"
        );
        assert!(
            !validate::event_json(handler, deep.as_bytes()).is_valid(),
            "{handler}"
        );
    }
    // The body of an unknown event is kept as it came, at any depth.
    let unknown = Event::from_json("wixSomething_onElse", deep.as_bytes()).unwrap();
    let compact: String = deep.split_whitespace().collect();
    assert_eq!(serde_json::to_string(&unknown).unwrap(), compact);
    assert!(validate::event_json("wixSomething_onElse", deep.as_bytes())
        .errors()
        .next()
        .is_none());
    let items = format!(
        r#"{{"metadata": {{"id": "1", "entityId": "2", "eventTime": "2024-01-01T00:00:00Z"}}, "entity": {{"lineItems": [{}]}}}}"#,
        vec![r#"{"quantity": "x"}"#; 50_000].join(",")
    );
    let report = validate::event_json("wixEcom_onCartCreated", items.as_bytes());
    assert!(report.is_full(), "the report stops at its limit");
}

#[test]
fn what_the_typed_parser_refuses_in_an_event_the_raw_walk_refuses() {
    let metadata =
        r#""metadata": {"id": "1", "entityId": "2", "eventTime": "2024-01-01T00:00:00Z"}"#;
    let mut bad_utf8 = format!(r#"{{{metadata}, "note": "a"#).into_bytes();
    bad_utf8.extend_from_slice(b"\xff\"}");
    for (what, body, pointer) in [
        (
            "metadata twice",
            format!(r#"{{{metadata}, {metadata}}}"#).into_bytes(),
            "/metadata",
        ),
        ("invalid UTF-8 in an undocumented string", bad_utf8, ""),
    ] {
        // `entity` of a discount rule event is raw JSON in the schema.
        let handler = "wixEcomDiscounts_onDiscountRuleCreated";
        assert!(EventName::from_handler(handler) != EventName::Other(handler.into()));
        assert!(Event::from_json(handler, &body).is_err(), "{what}");
        let report = validate::event_json(handler, &body);
        let errors: Vec<&str> = report.errors().map(|v| v.pointer.as_str()).collect();
        assert!(errors.contains(&pointer), "{what}: {report}");
    }
}

#[test]
fn what_no_schema_describes_is_kept_as_it_came_by_both_paths() {
    let metadata = r#""metadata":{"id":"1","entityId":"2","eventTime":"2024-01-01T00:00:00Z"}"#;
    let deep = format!("{}1.50{}", "[".repeat(200), "]".repeat(200));
    for (what, body) in [
        (
            "deep nesting in an undocumented property",
            format!(r#"{{{metadata},"note":{deep}}}"#),
        ),
        (
            "deep nesting in raw JSON",
            format!(r#"{{{metadata},"entity":{{"a":{deep}}}}}"#),
        ),
        (
            "a lone surrogate in an undocumented string",
            format!(r#"{{{metadata},"note":"\udc00"}}"#),
        ),
        (
            "a number beyond f64 in raw JSON",
            format!(r#"{{{metadata},"entity":{{"a":1e400}}}}"#),
        ),
    ] {
        // `entity` of a discount rule event is raw JSON in the schema.
        let handler = "wixEcomDiscounts_onDiscountRuleCreated";
        let event = Event::from_json(handler, body.as_bytes()).unwrap();
        assert_eq!(serde_json::to_string(&event).unwrap(), body, "{what}");
        let report = validate::event_json(handler, body.as_bytes());
        assert!(report.errors().next().is_none(), "{what}: {report}");
    }
}
